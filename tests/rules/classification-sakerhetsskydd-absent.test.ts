import rule from "../../rules/classification/classification-sakerhetsskydd-absent.js";
import { dataStore, genericResource, level, sqlDatabase, sqlServer } from "../fixtures/classification.js";
import { keyVault, vaultKey } from "../fixtures/vaults.js";
import { failure, makeSnapshot, resourceGroup, SUB, SUB2, TENANT } from "../fixtures/snapshot.js";
import { ruleTester } from "../helpers/rule-tester.js";
import { expect, it } from "vitest";
import { defaultConfig, runRules } from "../../src/index.js";

const sa = dataStore("storageAccounts", "saarkiv", level("3"));

ruleTester(rule, {
  valid: [
    {
      name: "levels 0-3 only, in two subscriptions",
      snapshot: makeSnapshot({
        subscriptions: [
          { tags: level("2"), collections: { storageAccounts: [sa], resources: [genericResource("Microsoft.Storage/storageAccounts", "saarkiv", level("3"))] } },
          { subscriptionId: SUB2, collections: { resourceGroups: [resourceGroup("rg-web", "swedencentral", level("0"), SUB2)] } },
        ],
      }),
      results: [
        { status: "pass", messageId: "noneFound", resource: SUB },
        { status: "pass", messageId: "noneFound", resource: SUB2 },
      ],
    },
    { name: "an empty subscription still gets a result", snapshot: makeSnapshot() },
    { name: "no subscriptions at all", snapshot: makeSnapshot({ subscriptions: [] }), results: [] },
  ],
  invalid: [
    {
      name: "a storage account tagged sakerhetsskydd, listed twice",
      snapshot: makeSnapshot({
        subscriptions: [
          {
            collections: {
              storageAccounts: [dataStore("storageAccounts", "saskydd", level("sakerhetsskydd"))],
              resources: [genericResource("Microsoft.Storage/storageAccounts", "saskydd", level("sakerhetsskydd"))],
            },
          },
        ],
      }),
      results: [{ status: "fail", messageId: "carrier", resource: "saskydd", severity: "critical" }],
    },
    {
      name: "carriers at every level: subscription, resource group, resource, child",
      snapshot: makeSnapshot({
        subscriptions: [
          { tags: { konfidentialitet: "Säkerhetsskydd" }, collections: {} },
          {
            subscriptionId: SUB2,
            collections: {
              resourceGroups: [resourceGroup("rg-app", "swedencentral", {}, SUB2), resourceGroup("rg-skydd", "swedencentral", { CONFIDENTIALITY: "SAKERHETSSKYDD" }, SUB2)],
              sqlServers: [sqlServer("sql-exk", {}, "rg-app", SUB2)],
              sqlDatabases: [sqlDatabase(sqlServer("sql-exk", {}, "rg-app", SUB2), "db-skydd", { tags: level("sakerhetsskydd") }), sqlDatabase(sqlServer("sql-exk", {}, "rg-app", SUB2), "db-ok", { tags: level("1") })],
            },
          },
        ],
      }),
      results: [
        { status: "fail", messageId: "carrier", resource: SUB },
        { status: "fail", messageId: "carrier", resource: "rg-skydd" },
        { status: "fail", messageId: "carrier", resource: "db-skydd" },
      ],
    },
    {
      name: "a custom vocabulary maps a value to sakerhetsskydd",
      snapshot: makeSnapshot({ subscriptions: [{ collections: { resources: [genericResource("Microsoft.Compute/virtualMachines", "vm-ssk", { Konfidentialitet: "SSK" })] } }] }),
      config: (c) => {
        c.classification.valueMap = { ssk: 4 };
      },
      results: [{ status: "fail", messageId: "carrier", resource: "vm-ssk" }],
    },
    {
      name: "a carrier in one subscription, none in the other",
      snapshot: makeSnapshot({
        subscriptions: [
          { collections: { keyVaults: [keyVault("kv-exk")], vaultKeys: [vaultKey(keyVault("kv-exk"), "cmk", { tags: level("sakerhetsskydd") })] } },
          { subscriptionId: SUB2, collections: {} },
        ],
      }),
      results: [
        { status: "fail", messageId: "carrier", resource: "kv-exk/keys/cmk" },
        { status: "pass", messageId: "noneFound", resource: SUB2 },
      ],
    },
  ],
  notAssessed: [
    {
      name: "resource list forbidden: nothing found is not a pass, a seen tag is still a fail",
      snapshot: makeSnapshot({
        subscriptions: [
          { collections: { resources: [genericResource("Microsoft.Web/sites", "app-exk")] } },
          { subscriptionId: SUB2, collections: { resourceGroups: [resourceGroup("rg-skydd", "swedencentral", level("sakerhetsskydd"), SUB2)] } },
        ],
        coverage: [failure("resources", `/subscriptions/${SUB}`), failure("resources", `/subscriptions/${SUB2}`)],
      }),
      results: [
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB },
        { status: "fail", messageId: "carrier", resource: "rg-skydd" },
      ],
    },
    {
      name: "resource groups of one subscription throttled",
      snapshot: makeSnapshot({ subscriptions: [{ collections: { resourceGroups: [] } }], coverage: [failure("resourceGroups", `/subscriptions/${SUB}`, { httpStatus: 429, code: "TooManyRequests" })] }),
      results: [{ status: "not-assessed", resource: SUB }],
    },
    {
      name: "subscription list failed",
      snapshot: makeSnapshot({ subscriptions: [], coverage: [failure("subscriptions", `/tenants/${TENANT}`, { operation: "GET /subscriptions" })] }),
      results: [{ status: "not-assessed", resource: `/tenants/${TENANT}` }],
    },
  ],
  missingProperty: [
    {
      name: "tags null or absent carry nothing",
      snapshot: makeSnapshot({ subscriptions: [{ collections: { resources: [{ id: genericResource("Microsoft.Web/sites", "app-null").id, name: "app-null", type: "Microsoft.Web/sites", location: "swedencentral", tags: null }, { id: genericResource("Microsoft.Web/sites", "app-none").id, name: "app-none", type: "Microsoft.Web/sites", location: "swedencentral" }] } }] }),
      results: [{ status: "pass", messageId: "noneFound", resource: SUB }],
    },
    {
      name: "an invalid value counts as no tag",
      snapshot: makeSnapshot({ subscriptions: [{ collections: { resources: [genericResource("Microsoft.Web/sites", "app-x", level("hemligt-ish"))] } }] }),
      results: [{ status: "pass", messageId: "noneFound" }],
    },
  ],
});

it("CLS-01 puts the tag in the evidence and message", () => {
  const s = makeSnapshot({ subscriptions: [{ collections: { resources: [genericResource("Microsoft.Web/sites", "app-ssk", { Confidentiality: "sakerhetsskydd" })] } }] });
  const [f] = runRules(s, [rule], { config: defaultConfig(), now: new Date("2026-11-27T03:00:00Z") }).findings;
  expect(f?.message.en).toBe("app-ssk is tagged Confidentiality=sakerhetsskydd, marking security-protected information that does not belong in a public cloud.");
  expect(f?.evidence).toEqual([{ path: "tags.Confidentiality", actual: "sakerhetsskydd", expected: "no säkerhetsskydd classification" }]);
  expect(f?.classification).toMatchObject({ level: 4, source: "tag" });
});
