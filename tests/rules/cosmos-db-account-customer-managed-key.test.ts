/** Table tests for ENC-03 cosmos-db-account-customer-managed-key. */
import { describe, expect, it } from "vitest";
import rule from "../../rules/cosmos-db/cosmos-db-account-customer-managed-key.js";
import { defaultConfig, runRules } from "../../src/index.js";
import { cosmosAccount } from "../fixtures/encryption.js";
import { failure, makeSnapshot, SUB, SUB2 } from "../fixtures/snapshot.js";
import { ruleTester } from "../helpers/rule-tester.js";

const cmk = { properties: { keyVaultKeyUri: "https://kv-cosmos.vault.azure.net/keys/cosmos-cmk", defaultIdentity: "UserAssignedIdentity=/subscriptions/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0/resourceGroups/rg-app/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-cosmos" } };
const snap = (...accounts: ReturnType<typeof cosmosAccount>[]) => makeSnapshot({ subscriptions: [{ collections: { cosmosDbAccounts: accounts } }] });

ruleTester(rule, {
  valid: [
    { name: "key from Key Vault", snapshot: snap(cosmosAccount("cosmos-arende", cmk)) },
    { name: "key from a managed HSM, property name in other casing", snapshot: snap(cosmosAccount("cosmos-hsm", { properties: { keyvaultkeyuri: "https://hsm-prod.managedhsm.azure.net/keys/cosmos" } })) },
    { name: "empty tenant", snapshot: snap(), results: [] },
  ],
  invalid: [
    {
      name: "service-managed keys next to a customer key",
      snapshot: snap(cosmosAccount("cosmos-webb"), cosmosAccount("cosmos-arende", cmk)),
      results: [
        { status: "fail", messageId: "serviceManaged", resource: "cosmos-webb", severity: "medium" },
        { status: "pass", messageId: "customerKey", resource: "cosmos-arende" },
      ],
    },
    {
      name: "an empty key URI is no key; severity from a level-3 resource group",
      snapshot: makeSnapshot({
        subscriptions: [
          {
            collections: {
              resourceGroups: [{ id: `/subscriptions/${SUB}/resourceGroups/rg-app`, name: "rg-app", type: "Microsoft.Resources/resourceGroups", location: "swedencentral", tags: { Konfidentialitet: "3" }, properties: { provisioningState: "Succeeded" } }],
              cosmosDbAccounts: [cosmosAccount("cosmos-tom", { properties: { keyVaultKeyUri: "" } })],
            },
          },
        ],
      }),
      results: [{ status: "fail", messageId: "serviceManaged", resource: "cosmos-tom", severity: "high" }],
    },
  ],
  notAssessed: [
    {
      name: "Cosmos DB list forbidden in the second subscription",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: { cosmosDbAccounts: [cosmosAccount("cosmos-arende", cmk)] } }, { subscriptionId: SUB2, collections: {} }],
        coverage: [failure("cosmosDbAccounts", `/subscriptions/${SUB2}`)],
      }),
      results: [
        { status: "pass", resource: "cosmos-arende" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
      ],
    },
  ],
  missingProperty: [
    { name: "keyVaultKeyUri absent", snapshot: snap(cosmosAccount("cosmos-webb")), results: [{ status: "fail", messageId: "serviceManaged", resource: "cosmos-webb" }] },
  ],
});

describe("ENC-03 evidence", () => {
  it("marks an absent key URI as defaulted", () => {
    const [f] = runRules(snap(cosmosAccount("cosmos-webb")), [rule], { config: defaultConfig(), now: new Date("2026-11-27T03:00:00Z") }).findings;
    expect(f?.evidence?.[0]).toMatchObject({ path: "properties.keyVaultKeyUri", defaulted: true });
    expect(f?.message.en).toBe("cosmos-webb encrypts with service-managed keys (no keyVaultKeyUri).");
  });
});
