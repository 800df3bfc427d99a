/** Table tests for ENC-03 cosmos-db-account-customer-managed-key. */
import { describe, expect, it } from "vitest";
import rule from "./rule.js";
import { defaultConfig, runRules } from "../../../src/index.js";
import { failedInSub2, findingsOf, forbidden, lines, verdict } from "../../../tests/fixtures/coverage.js";
import { cosmosAccount } from "../../../tests/fixtures/encryption.js";
import { failure, makeSnapshot, SUB, SUB2 } from "../../../tests/fixtures/snapshot.js";
import { ruleTester } from "../../../tests/helpers/rule-tester.js";

const cmk = { properties: { keyVaultKeyUri: "https://kv-cosmos.vault.azure.net/keys/cosmos-cmk", defaultIdentity: "UserAssignedIdentity=/subscriptions/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0/resourceGroups/rg-app/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-cosmos" } };
const KEY_URI = { en: "a key URI in the organisation's Key Vault or Managed HSM", sv: "en nyckel-URI i organisationens Key Vault eller Managed HSM" };
const snap = (...accounts: ReturnType<typeof cosmosAccount>[]) => makeSnapshot({ subscriptions: [{ collections: { cosmosDbAccounts: accounts } }] });

// The Cosmos DB list forbidden in SUB2: what its generic resource list shows there decides what is named.
const arende = cosmosAccount("cosmos-arende", cmk);
const webb2 = cosmosAccount("cosmos-webb2", {}, "rg-app", SUB2);
const hemlig2 = cosmosAccount("cosmos-hemlig2", { tags: { Konfidentialitet: "3" } }, "rg-app", SUB2);
const namedInSub2 = failedInSub2({ read: { cosmosDbAccounts: [arende] }, failed: ["cosmosDbAccounts"], unseen: [webb2, hemlig2] });
const genericFailedInSub2 = failedInSub2({ read: { cosmosDbAccounts: [arende] }, failed: ["cosmosDbAccounts"], unseen: "failed" });

ruleTester(rule, {
  valid: [
    { name: "key from Key Vault", snapshot: snap(cosmosAccount("cosmos-arende", cmk)) },
    { name: "key from a managed HSM, property name in other casing", snapshot: snap(cosmosAccount("cosmos-hsm", { properties: { keyvaultkeyuri: "https://hsm-prod.managedhsm.azure.net/keys/cosmos" } })) },
    { name: "empty tenant", snapshot: snap(), results: [] },
    {
      name: "Cosmos DB list forbidden in SUB2 whose generic list shows no account: nothing there to judge",
      snapshot: failedInSub2({ read: { cosmosDbAccounts: [arende] }, failed: ["cosmosDbAccounts"], unseen: [] }),
      results: [{ status: "pass", messageId: "customerKey", resource: "cosmos-arende" }],
    },
  ],
  invalid: [
    {
      name: "service-managed keys next to a customer key",
      snapshot: snap(cosmosAccount("cosmos-webb"), cosmosAccount("cosmos-arende", cmk)),
      results: [
        {
          status: "fail",
          messageId: "serviceManaged",
          resource: "cosmos-webb",
          severity: "medium",
          message: "cosmos-webb encrypts with service-managed keys (no keyVaultKeyUri).",
          evidence: [{ path: "properties.keyVaultKeyUri", expected: KEY_URI, defaulted: true }],
        },
        {
          status: "pass",
          messageId: "customerKey",
          resource: "cosmos-arende",
          message: "cosmos-arende encrypts with a customer-managed key.",
          evidence: [{ path: "properties.keyVaultKeyUri", actual: "https://kv-cosmos.vault.azure.net/keys/cosmos-cmk", expected: KEY_URI }],
        },
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
      results: [{ status: "fail", messageId: "serviceManaged", resource: "cosmos-tom", severity: "high", evidence: [{ path: "properties.keyVaultKeyUri", actual: "", expected: KEY_URI }] }],
    },
    {
      name: "a key URI of blanks is no key",
      snapshot: snap(cosmosAccount("cosmos-blank", { properties: { keyVaultKeyUri: "  " } })),
      results: [{ status: "fail", messageId: "serviceManaged", resource: "cosmos-blank" }],
    },
  ],
  notAssessed: [
    {
      name: "Cosmos DB list forbidden in the second subscription: each account its generic list shows is named",
      snapshot: namedInSub2,
      results: [
        { status: "pass", resource: "cosmos-arende" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "cosmos-webb2", severity: "medium" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "cosmos-hemlig2", severity: "high" },
      ],
    },
    {
      name: "Cosmos DB list and generic list forbidden in the second subscription: one result on it",
      snapshot: genericFailedInSub2,
      results: [
        { status: "pass", resource: "cosmos-arende" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
      ],
    },
    {
      name: "an account read before the list failed",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: { cosmosDbAccounts: [cosmosAccount("cosmos-webb")] } }],
        coverage: [failure("cosmosDbAccounts", `/subscriptions/${SUB}`, { httpStatus: 500, code: "InternalServerError" })],
      }),
      results: [{ status: "not-assessed", messageId: "__notAssessed", resource: "cosmos-webb" }],
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

describe("ENC-03 targets a failed Cosmos DB list leaves unjudged", () => {
  it("names the accounts SUB2's generic list shows, with the failed read", () => {
    const fs = findingsOf(rule, namedInSub2);
    expect(lines(fs)).toEqual(
      [verdict("pass", arende.id, "medium", "customerKey"), forbidden(webb2.id, "cosmosDbAccounts", "medium"), forbidden(hemlig2.id, "cosmosDbAccounts", "high")].sort(),
    );
    // The generic list gives the programmatic location, not the payload's display name.
    expect(fs.find((f) => f.resourceId === webb2.id)).toMatchObject({ resourceName: "cosmos-webb2", location: "swedencentral", subscriptionId: SUB2 });
  });
  it("gives the subscription one result when its generic list failed too", () => {
    expect(lines(findingsOf(rule, genericFailedInSub2))).toEqual([verdict("pass", arende.id, "medium", "customerKey"), forbidden(`/subscriptions/${SUB2}`, "cosmosDbAccounts", "medium")].sort());
  });
  it("an account read before the list failed is not assessed with the 500", () => {
    const s = makeSnapshot({
      subscriptions: [{ collections: { cosmosDbAccounts: [cosmosAccount("cosmos-webb")] } }],
      coverage: [failure("cosmosDbAccounts", `/subscriptions/${SUB}`, { httpStatus: 500, code: "InternalServerError" })],
    });
    expect(lines(findingsOf(rule, s))).toEqual([forbidden(cosmosAccount("cosmos-webb").id, "cosmosDbAccounts", "medium", { scope: `/subscriptions/${SUB}`, httpStatus: 500, code: "InternalServerError" })]);
  });
});
