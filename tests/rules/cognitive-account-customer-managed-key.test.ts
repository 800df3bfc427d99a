/** Table tests for ENC-08 cognitive-account-customer-managed-key. */
import { describe, expect, it } from "vitest";
import rule from "../../rules/cognitive-services/cognitive-account-customer-managed-key.js";
import { defaultConfig, runRules } from "../../src/index.js";
import { cognitiveAccount, cognitiveCustomerKey } from "../fixtures/encryption.js";
import { failure, makeSnapshot, SUB, SUB2 } from "../fixtures/snapshot.js";
import { ruleTester } from "../helpers/rule-tester.js";

const snap = (...accounts: ReturnType<typeof cognitiveAccount>[]) => makeSnapshot({ subscriptions: [{ collections: { cognitiveAccounts: accounts } }] });

ruleTester(rule, {
  valid: [
    { name: "OpenAI account with a Key Vault key", snapshot: snap(cognitiveAccount("oai-handlaggning", cognitiveCustomerKey())) },
    { name: "key source in other casing", snapshot: snap(cognitiveAccount("ai-tal", { kind: "SpeechServices", properties: { encryption: { keySource: "microsoft.keyvault" } } })) },
    { name: "empty tenant", snapshot: snap(), results: [] },
  ],
  invalid: [
    {
      name: "Microsoft-managed keys",
      snapshot: snap(cognitiveAccount("oai-chatt"), cognitiveAccount("oai-handlaggning", cognitiveCustomerKey())),
      results: [
        { status: "fail", messageId: "serviceManaged", resource: "oai-chatt", severity: "medium" },
        { status: "pass", messageId: "customerKey", resource: "oai-handlaggning" },
      ],
    },
    {
      name: "level 3 account fails high",
      snapshot: snap(cognitiveAccount("oai-hemlig", { tags: { confidentiality: "3" } })),
      results: [{ status: "fail", messageId: "serviceManaged", resource: "oai-hemlig", severity: "high" }],
    },
  ],
  notAssessed: [
    {
      name: "account list throttled out in one subscription",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: { cognitiveAccounts: [cognitiveAccount("oai-chatt")] } }, { subscriptionId: SUB2, collections: {} }],
        coverage: [failure("cognitiveAccounts", `/subscriptions/${SUB2}`, { httpStatus: 429, code: "TooManyRequests" })],
      }),
      results: [
        { status: "fail", resource: "oai-chatt" },
        { status: "not-assessed", resource: SUB2 },
      ],
    },
    {
      name: "a failure covering a listed account",
      snapshot: makeSnapshot({ subscriptions: [{ collections: { cognitiveAccounts: [cognitiveAccount("oai-chatt")] } }], coverage: [failure("cognitiveAccounts", `/subscriptions/${SUB}`)] }),
      results: [{ status: "not-assessed", resource: "oai-chatt" }],
    },
  ],
  missingProperty: [
    {
      name: "encryption absent means Microsoft.CognitiveServices",
      snapshot: snap(cognitiveAccount("ai-vision", { kind: "ComputerVision", properties: { encryption: undefined } })),
      results: [{ status: "fail", messageId: "serviceManaged", resource: "ai-vision" }],
    },
  ],
});

describe("ENC-08 messages", () => {
  it("names the default key source", () => {
    const [f] = runRules(snap(cognitiveAccount("ai-vision", { properties: { encryption: undefined } })), [rule], { config: defaultConfig(), now: new Date() }).findings;
    expect(f?.message.en).toBe("ai-vision encrypts with Microsoft-managed keys (Microsoft.CognitiveServices).");
    expect(f?.evidence?.[0]).toMatchObject({ defaulted: true, expected: "Microsoft.KeyVault" });
  });
});
