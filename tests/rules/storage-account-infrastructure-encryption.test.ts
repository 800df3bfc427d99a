/** Table tests for ENC-05 storage-account-infrastructure-encryption (level-3 storage accounts only). */
import { describe, expect, it } from "vitest";
import rule from "../../rules/storage/storage-account-infrastructure-encryption.js";
import { defaultConfig, runRules } from "../../src/index.js";
import { failure, makeSnapshot, resourceGroup, SUB } from "../fixtures/snapshot.js";
import { storageAccount } from "../fixtures/storage.js";
import { ruleTester } from "../helpers/rule-tester.js";

const double = { properties: { encryption: { requireInfrastructureEncryption: true } } };
const l3 = { tags: { confidentiality: "3" } };
const snap = (...accounts: ReturnType<typeof storageAccount>[]) => makeSnapshot({ subscriptions: [{ collections: { storageAccounts: accounts } }] });

ruleTester(rule, {
  valid: [
    { name: "level 3 with infrastructure encryption", snapshot: snap(storageAccount("sahemlig", { ...double, ...l3 })) },
    { name: "sakerhetsskydd ranks above 3", snapshot: snap(storageAccount("saskydd", { ...double, tags: { CONFIDENTIALITY: "Sakerhetsskydd" } })) },
    { name: "level inherited from the subscription, alias tag key", snapshot: makeSnapshot({ subscriptions: [{ tags: { konfidentialitet: "3" }, collections: { storageAccounts: [storageAccount("saarv", double)] } }] }) },
    { name: "levels 0-2 and unclassified get no result", snapshot: snap(storageAccount("sapub", { tags: { confidentiality: "0" } }), storageAccount("saint", { tags: { confidentiality: "2" } }), storageAccount("sanone")), results: [] },
    { name: "empty tenant", snapshot: snap(), results: [] },
  ],
  invalid: [
    {
      name: "level 3 without infrastructure encryption; level 2 ignored",
      snapshot: snap(storageAccount("sahemlig", l3), storageAccount("saint", { tags: { confidentiality: "2" } })),
      results: [{ status: "fail", messageId: "singleEncrypted", resource: "sahemlig", severity: "medium" }],
    },
    {
      name: "level 3 from the resource group, setting false",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: { resourceGroups: [resourceGroup("rg-app", "swedencentral", { Confidentiality: "3" })], storageAccounts: [storageAccount("sarg")] } }],
      }),
      results: [{ status: "fail", messageId: "singleEncrypted", resource: "sarg" }],
    },
    {
      name: "the default level raised to 3 by configuration",
      snapshot: snap(storageAccount("sanone")),
      config: (c) => {
        c.classification.defaultLevel = 3;
      },
      results: [{ status: "fail", messageId: "singleEncrypted", resource: "sanone" }],
    },
  ],
  notAssessed: [
    {
      name: "storage list forbidden",
      snapshot: makeSnapshot({ subscriptions: [{ collections: {} }], coverage: [failure("storageAccounts", `/subscriptions/${SUB}`)] }),
      results: [{ status: "not-assessed", messageId: "__notAssessed", resource: SUB }],
    },
  ],
  missingProperty: [
    {
      name: "requireInfrastructureEncryption absent means false",
      snapshot: snap(storageAccount("saold", { ...l3, properties: { encryption: { requireInfrastructureEncryption: undefined } } })),
      results: [{ status: "fail", messageId: "singleEncrypted", resource: "saold" }],
    },
  ],
});

describe("ENC-05 evidence", () => {
  it("names the level and marks the default", () => {
    const [f] = runRules(snap(storageAccount("saold", { ...l3, properties: { encryption: undefined } })), [rule], { config: defaultConfig(), now: new Date() }).findings;
    expect(f?.evidence?.[0]).toMatchObject({ path: "properties.encryption.requireInfrastructureEncryption", defaulted: true, expected: true });
    expect(f?.message.en).toBe("saold holds level 3 information without infrastructure encryption.");
    expect(f?.severity).toBe("medium");
  });
});
