/** Table tests for ENC-08 cognitive-account-customer-managed-key. */
import { describe, expect, it } from "vitest";
import rule from "./rule.js";
import { defaultConfig, runRules } from "../../../src/index.js";
import { failedInSub2, findingsOf, forbidden, lines, verdict } from "../../../tests/fixtures/coverage.js";
import { cognitiveAccount, cognitiveCustomerKey } from "../../../tests/fixtures/encryption.js";
import { failure, makeSnapshot, SUB, SUB2 } from "../../../tests/fixtures/snapshot.js";
import { ruleTester } from "../../../tests/helpers/rule-tester.js";

const snap = (...accounts: ReturnType<typeof cognitiveAccount>[]) => makeSnapshot({ subscriptions: [{ collections: { cognitiveAccounts: accounts } }] });

// The account list throttled out in SUB2: what its generic resource list shows there decides what is named.
const chatt = cognitiveAccount("oai-chatt");
const oai2 = cognitiveAccount("oai-sub2", {}, "rg-ai", SUB2);
const tal2 = cognitiveAccount("ai-tal2", { kind: "SpeechServices", tags: { confidentiality: "0" } }, "rg-ai", SUB2);
const throttled = { httpStatus: 429, code: "TooManyRequests" };
const namedInSub2 = failedInSub2({ read: { cognitiveAccounts: [chatt] }, failed: ["cognitiveAccounts"], unseen: [oai2, tal2], over: throttled });
const genericFailedInSub2 = failedInSub2({ read: { cognitiveAccounts: [chatt] }, failed: ["cognitiveAccounts"], unseen: "failed", over: throttled });

ruleTester(rule, {
  valid: [
    { name: "OpenAI account with a Key Vault key", snapshot: snap(cognitiveAccount("oai-handlaggning", cognitiveCustomerKey())) },
    { name: "key source in other casing", snapshot: snap(cognitiveAccount("ai-tal", { kind: "SpeechServices", properties: { encryption: { keySource: "microsoft.keyvault" } } })) },
    { name: "empty tenant", snapshot: snap(), results: [] },
  ],
  invalid: [
    {
      name: "account list throttled out in SUB2 whose generic list shows no account: nothing there to judge",
      snapshot: failedInSub2({ read: { cognitiveAccounts: [chatt] }, failed: ["cognitiveAccounts"], unseen: [], over: throttled }),
      results: [{ status: "fail", messageId: "serviceManaged", resource: "oai-chatt" }],
    },
    {
      name: "Microsoft-managed keys",
      snapshot: snap(cognitiveAccount("oai-chatt"), cognitiveAccount("oai-handlaggning", cognitiveCustomerKey())),
      results: [
        {
          status: "fail",
          messageId: "serviceManaged",
          resource: "oai-chatt",
          severity: "medium",
          message: "oai-chatt encrypts with Microsoft-managed keys (Microsoft.CognitiveServices).",
          evidence: [{ path: "properties.encryption.keySource", actual: "Microsoft.CognitiveServices", expected: "Microsoft.KeyVault" }],
        },
        {
          status: "pass",
          messageId: "customerKey",
          resource: "oai-handlaggning",
          message: "oai-handlaggning encrypts with a customer-managed key.",
          evidence: [{ path: "properties.encryption.keySource", actual: "Microsoft.KeyVault", expected: "Microsoft.KeyVault" }],
        },
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
      name: "account list throttled out in one subscription: each account of every kind its generic list shows is named",
      snapshot: namedInSub2,
      results: [
        { status: "fail", messageId: "serviceManaged", resource: "oai-chatt" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "oai-sub2", severity: "medium" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "ai-tal2", severity: "low" },
      ],
    },
    {
      name: "account list and generic list throttled out in one subscription: one result on it",
      snapshot: genericFailedInSub2,
      results: [
        { status: "fail", messageId: "serviceManaged", resource: "oai-chatt" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
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
      results: [
        {
          status: "fail",
          messageId: "serviceManaged",
          resource: "ai-vision",
          message: "ai-vision encrypts with Microsoft-managed keys (Microsoft.CognitiveServices).",
          evidence: [{ path: "properties.encryption.keySource", expected: "Microsoft.KeyVault", defaulted: true }],
        },
      ],
    },
    {
      name: "a key source that is not a string names the default",
      snapshot: snap(cognitiveAccount("ai-odd", { properties: { encryption: { keySource: null } } })),
      results: [{ status: "fail", messageId: "serviceManaged", resource: "ai-odd", message: "ai-odd encrypts with Microsoft-managed keys (Microsoft.CognitiveServices).", evidence: [{ path: "properties.encryption.keySource", actual: null, expected: "Microsoft.KeyVault" }] }],
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

describe("ENC-08 targets a failed account list leaves unjudged", () => {
  it("names the accounts SUB2's generic list shows, with the 429", () => {
    expect(lines(findingsOf(rule, namedInSub2))).toEqual(
      [
        verdict("fail", chatt.id, "medium", "serviceManaged"),
        forbidden(oai2.id, "cognitiveAccounts", "medium", { httpStatus: 429, code: "TooManyRequests" }),
        forbidden(tal2.id, "cognitiveAccounts", "low", { httpStatus: 429, code: "TooManyRequests" }),
      ].sort(),
    );
  });
  it("gives the subscription one result when its generic list failed too", () => {
    expect(lines(findingsOf(rule, genericFailedInSub2))).toEqual(
      [verdict("fail", chatt.id, "medium", "serviceManaged"), forbidden(`/subscriptions/${SUB2}`, "cognitiveAccounts", "medium", { httpStatus: 429, code: "TooManyRequests" })].sort(),
    );
  });
});
