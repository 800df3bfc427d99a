import rule from "./rule.js";
import { type DataStoreKind, dataStore, genericResource, level, sqlDatabase, sqlServer } from "../../../tests/fixtures/classification.js";
import { makeSnapshot, resourceGroup, SUB, SUB2 } from "../../../tests/fixtures/snapshot.js";
import { ruleTester } from "../../../tests/helpers/rule-tester.js";
import { describe, expect, it } from "vitest";
import { failedInSub, failedInSub2, findingsOf, forbidden, lines, verdict } from "../../../tests/fixtures/coverage.js";
import { defaultConfig, runRules } from "../../../src/index.js";

const KINDS: DataStoreKind[] = [
  "storageAccounts",
  "sqlServers",
  "sqlManagedInstances",
  "cosmosDbAccounts",
  "postgresFlexibleServers",
  "mysqlFlexibleServers",
  "disks",
  "keyVaults",
  "managedHsms",
  "cognitiveAccounts",
  "recoveryServicesVaults",
  "containerRegistries",
];
const EXPECTED = { en: "a confidentiality/konfidentialitet tag on the resource or a parent", sv: "en tagg confidentiality/konfidentialitet på resursen eller en överordnad" };
const every = (tags: Record<string, string>) => Object.fromEntries(KINDS.map((k) => [k, [dataStore(k, `${k.toLowerCase().slice(0, 10)}exk`, tags)]]));
const server = sqlServer("sql-exk");

// SUB read completely; SUB2's storage list forbidden (its other lists read, holding nothing).
const satag = dataStore("storageAccounts", "satag", level("2"));
const saArende2 = dataStore("storageAccounts", "sa-arende2", level("3"), "rg-app", SUB2);
const saSkola2 = dataStore("storageAccounts", "sa-skola2", {}, "rg-app", SUB2);
const storageNamedInSub2 = failedInSub2({ read: { storageAccounts: [satag] }, failed: ["storageAccounts"], unseen: [saArende2, saSkola2] });
const storageEmptyInSub2 = failedInSub2({ read: { storageAccounts: [satag] }, failed: ["storageAccounts"], unseen: [] });
const storageGenericFailedInSub2 = failedInSub2({ read: { storageAccounts: [satag] }, failed: ["storageAccounts"], unseen: "failed" });

// The resource-group list forbidden in SUB (the generic list read): an untagged store's
// classification could come from its group, a store tagged on itself does not need it.
const sanotag = dataStore("storageAccounts", "sanotag");
const kvNotag = dataStore("keyVaults", "kv-notag", {}, "rg-app");
const resourceGroupsForbidden = failedInSub({ read: { storageAccounts: [sanotag, satag], keyVaults: [kvNotag] }, failed: ["resourceGroups"], unseen: [] });

ruleTester(rule, {
  valid: [
    { name: "every kind of data store tagged", snapshot: makeSnapshot({ subscriptions: [{ collections: every(level("2")) }] }) },
    {
      name: "inherited from the resource group, a database from its server; master excluded",
      snapshot: makeSnapshot({
        subscriptions: [
          {
            collections: {
              resourceGroups: [resourceGroup("rg-app", "swedencentral", { Konfidentialitet: "1" })],
              storageAccounts: [dataStore("storageAccounts", "sainherit")],
              sqlServers: [sqlServer("sql-exk", { tags: level("3") })],
              sqlDatabases: [sqlDatabase(server, "master"), sqlDatabase(server, "db-elevregister")],
            },
          },
        ],
      }),
      results: [
        {
          status: "pass",
          messageId: "inherited",
          resource: "sainherit",
          message: "sainherit inherits classification 1 from rg-app.",
          messageSv: "sainherit ärver klassningen 1 från rg-app.",
          evidence: [{ path: "tags", actual: { level: "1", source: "inherited", from: `/subscriptions/${SUB}/resourceGroups/rg-app`, tagKey: "Konfidentialitet" }, expected: EXPECTED }],
        },
        {
          status: "pass",
          messageId: "tagged",
          resource: "sql-exk",
          message: "sql-exk is classified 3 by its own tag Confidentiality.",
          evidence: [{ path: "tags", actual: { level: "3", source: "tag", from: server.id, tagKey: "Confidentiality" }, expected: EXPECTED }],
        },
        { status: "pass", messageId: "inherited", resource: "db-elevregister", message: "db-elevregister inherits classification 3 from sql-exk." },
      ],
    },
    { name: "inherited from the subscription, tag key in upper case", snapshot: makeSnapshot({ subscriptions: [{ tags: { CONFIDENTIALITY: "0" }, collections: every({}) }] }) },
    { name: "resources that are not data stores do not apply", snapshot: makeSnapshot({ subscriptions: [{ collections: { resources: [genericResource("Microsoft.Web/sites", "app-exk")] } }] }), results: [] },
    { name: "empty tenant", snapshot: makeSnapshot(), results: [] },
    {
      name: "a storage account named master is a data store (only the SQL system database is left out)",
      snapshot: makeSnapshot({ subscriptions: [{ collections: { storageAccounts: [dataStore("storageAccounts", "master", level("1"))] } }] }),
      results: [{ status: "pass", messageId: "tagged", resource: "master" }],
    },
    {
      name: "storage accounts forbidden in the second subscription whose generic list shows none: nothing there to judge",
      snapshot: storageEmptyInSub2,
      results: [{ status: "pass", messageId: "tagged", resource: "satag" }],
    },
  ],
  invalid: [
    {
      name: "untagged storage account and disk",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: { storageAccounts: [dataStore("storageAccounts", "sanotag"), dataStore("storageAccounts", "satag", level("2"))], disks: [dataStore("disks", "vm01-osdisk")] } }],
      }),
      results: [
        {
          status: "fail",
          messageId: "unclassified",
          resource: "sanotag",
          severity: "medium",
          message: "sanotag has no classification tag on itself or any parent, so the default level 2 is assumed.",
          evidence: [{ path: "tags", actual: { level: "2", source: "default" }, expected: EXPECTED }],
        },
        { status: "pass", messageId: "tagged", resource: "satag" },
        { status: "fail", messageId: "unclassified", resource: "vm01-osdisk" },
      ],
    },
    {
      name: "an invalid value counts as no tag, but the resource group's level still reaches",
      snapshot: makeSnapshot({
        subscriptions: [
          { collections: { resourceGroups: [resourceGroup("rg-app", "swedencentral"), resourceGroup("rg-data", "swedencentral", level("2"))], cosmosDbAccounts: [dataStore("cosmosDbAccounts", "cosmos-bad", level("hemlig")), dataStore("cosmosDbAccounts", "cosmos-rg", level("hemlig"), "rg-data")] } },
        ],
      }),
      results: [
        { status: "fail", messageId: "unclassified", resource: "cosmos-bad" },
        { status: "pass", messageId: "inherited", resource: "cosmos-rg" },
      ],
    },
    {
      name: "every kind untagged fails",
      snapshot: makeSnapshot({ subscriptions: [{ collections: every({ costCenter: "4711" }) }] }),
      results: KINDS.map(() => ({ status: "fail" as const, messageId: "unclassified" })),
    },
  ],
  notAssessed: [
    {
      name: "database list forbidden in SUB2: the databases its generic list shows are named, never master",
      snapshot: failedInSub2({
        read: { storageAccounts: [satag] },
        failed: ["sqlDatabases"],
        sub2: { sqlServers: [sqlServer("sql-arende2", { tags: level("2") }, "rg-app", SUB2)] },
        unseen: [sqlDatabase(sqlServer("sql-arende2", {}, "rg-app", SUB2), "master"), sqlDatabase(sqlServer("sql-arende2", {}, "rg-app", SUB2), "db-arende")],
      }),
      results: [
        { status: "pass", messageId: "tagged", resource: "satag" },
        { status: "pass", messageId: "tagged", resource: "sql-arende2" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "db-arende" },
      ],
    },
    {
      name: "storage accounts forbidden in the second subscription: the accounts its generic list shows are named",
      snapshot: storageNamedInSub2,
      results: [
        { status: "pass", messageId: "tagged", resource: "satag" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "sa-arende2", severity: "medium" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "sa-skola2", severity: "medium" },
      ],
    },
    {
      name: "storage accounts and the generic list forbidden in the second subscription: one result on it",
      snapshot: storageGenericFailedInSub2,
      results: [
        { status: "pass", messageId: "tagged", resource: "satag" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2, severity: "medium" },
      ],
    },
    {
      name: "resource groups unread: untagged data stores are not assessed (a group's tag could classify them), a store tagged on itself is judged",
      snapshot: resourceGroupsForbidden,
      results: [
        { status: "not-assessed", messageId: "__notAssessed", resource: "sanotag", severity: "medium" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "kv-notag", severity: "medium" },
        { status: "pass", messageId: "tagged", resource: "satag" },
      ],
    },
  ],
  missingProperty: [
    {
      name: "tags absent or null",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: { containerRegistries: [{ ...dataStore("containerRegistries", "crnotags"), tags: null }], recoveryServicesVaults: [(({ tags: _t, ...rest }) => rest)(dataStore("recoveryServicesVaults", "rsv-notags"))] } }],
      }),
      results: [
        { status: "fail", messageId: "unclassified", resource: "crnotags" },
        { status: "fail", messageId: "unclassified", resource: "rsv-notags" },
      ],
    },
  ],
});

it("CLS-02 says where the level came from", () => {
  const s = makeSnapshot({
    subscriptions: [{ tags: level("1"), collections: { storageAccounts: [dataStore("storageAccounts", "sasub")], keyVaults: [dataStore("keyVaults", "kv-notag")] } }],
  });
  const findings = runRules(s, [rule], { config: defaultConfig(), now: new Date("2026-11-27T03:00:00Z") }).findings;
  const f = findings.find((x) => x.resourceName === "sasub");
  expect(f?.message.en).toBe(`sasub inherits classification 1 from Sub ${SUB.slice(0, 4)}.`);
  expect(f?.evidence?.[0]?.actual).toEqual({ level: "1", source: "inherited", from: `/subscriptions/${SUB}`, tagKey: "Confidentiality" });
  const none = runRules(makeSnapshot({ subscriptions: [{ collections: { keyVaults: [dataStore("keyVaults", "kv-notag")] } }] }), [rule], { config: defaultConfig(), now: new Date("2026-11-27T03:00:00Z") }).findings[0];
  expect(none?.message.en).toBe("kv-notag has no classification tag on itself or any parent, so the default level 2 is assumed.");
  expect(none?.evidence?.[0]?.actual).toEqual({ level: "2", source: "default" });
});

describe("CLS-02 data stores a failed read leaves unjudged", () => {
  const tagged = verdict("pass", satag.id, "medium", "tagged");
  it("storage forbidden in SUB2: names each account its generic list shows", () => {
    expect(lines(findingsOf(rule, storageNamedInSub2))).toEqual([tagged, forbidden(saArende2.id, "storageAccounts", "medium"), forbidden(saSkola2.id, "storageAccounts", "medium")].sort());
  });
  it("storage forbidden in SUB2 whose generic list shows none: nothing named", () => {
    expect(lines(findingsOf(rule, storageEmptyInSub2))).toEqual([tagged]);
  });
  it("storage and generic list forbidden in SUB2: one result on it", () => {
    expect(lines(findingsOf(rule, storageGenericFailedInSub2))).toEqual([tagged, forbidden(`/subscriptions/${SUB2}`, "storageAccounts", "medium")].sort());
  });
  it("resource groups unread: untagged stores not assessed with that failure, the store tagged on itself keeps its pass", () => {
    const rg = (id: string) => forbidden(id, "resourceGroups", "medium", { scope: `/subscriptions/${SUB}` });
    expect(lines(findingsOf(rule, resourceGroupsForbidden))).toEqual([rg(sanotag.id), rg(kvNotag.id), tagged].sort());
  });
});
