import rule from "./rule.js";
import { dataStore, genericResource, level, sqlDatabase, sqlServer } from "../../../tests/fixtures/classification.js";
import { keyVault, vaultKey } from "../../../tests/fixtures/vaults.js";
import { failure, makeSnapshot, resourceGroup, SUB, SUB2, TENANT } from "../../../tests/fixtures/snapshot.js";
import { ruleTester } from "../../../tests/helpers/rule-tester.js";
import { describe, expect, it } from "vitest";
import { failedInSub2, findingsOf, forbidden, lines, verdict } from "../../../tests/fixtures/coverage.js";
import { defaultConfig, runRules } from "../../../src/index.js";

const NO_SSK = { en: "no säkerhetsskydd classification", sv: "ingen säkerhetsskyddsklassning" };
const SUB_TYPE = "Microsoft.Resources/subscriptions";
const sa = dataStore("storageAccounts", "saarkiv", level("3"));

// SUB read completely (a level-3 account); SUB2's generic resource list forbidden.
const readSub = { storageAccounts: [sa] };
const resourcesForbiddenInSub2 = failedInSub2({ read: readSub, failed: [], sub2: { storageAccounts: [dataStore("storageAccounts", "sa-webb2", level("1"), "rg-app", SUB2)] }, unseen: "failed" });
// The same, but SUB2's storage list (read) holds an account tagged säkerhetsskydd.
const saSkydd2 = dataStore("storageAccounts", "sa-skydd2", level("sakerhetsskydd"), "rg-app", SUB2);
const carrierSeenWhileResourcesForbidden = failedInSub2({ read: readSub, failed: [], sub2: { storageAccounts: [saSkydd2] }, unseen: "failed" });

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
        {
          status: "pass",
          messageId: "noneFound",
          resource: SUB,
          type: SUB_TYPE,
          message: `Sub ${SUB.slice(0, 4)} holds nothing tagged as security-protected information.`,
          messageSv: `Sub ${SUB.slice(0, 4)} innehåller inget som är märkt som säkerhetsskyddsklassificerad information.`,
          evidence: [{ path: "tags", actual: { en: "no carrier of säkerhetsskydd", sv: "ingen resurs är märkt säkerhetsskydd" }, expected: NO_SSK }],
        },
        { status: "pass", messageId: "noneFound", resource: SUB2 },
      ],
    },
    { name: "an empty subscription still gets a result", snapshot: makeSnapshot() },
    { name: "no subscriptions at all", snapshot: makeSnapshot({ subscriptions: [] }), results: [] },
  ],
  invalid: [
    {
      name: "a tag seen on a resource is a fail although the resource list of its subscription was forbidden",
      snapshot: carrierSeenWhileResourcesForbidden,
      results: [
        { status: "pass", messageId: "noneFound", resource: SUB },
        { status: "fail", messageId: "carrier", resource: "sa-skydd2", severity: "critical" },
      ],
    },
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
      results: [
        {
          status: "fail",
          messageId: "carrier",
          resource: "saskydd",
          severity: "critical",
          type: "Microsoft.Storage/storageAccounts",
          message: "saskydd is tagged Confidentiality=sakerhetsskydd, marking security-protected information that does not belong in a public cloud.",
          messageSv: "saskydd är märkt Confidentiality=sakerhetsskydd, vilket anger säkerhetsskyddsklassificerad information som inte hör hemma i ett publikt moln.",
          evidence: [{ path: "tags.Confidentiality", actual: "sakerhetsskydd", expected: NO_SSK }],
        },
      ],
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
        {
          status: "fail",
          messageId: "carrier",
          resource: SUB,
          type: SUB_TYPE,
          message: `Sub ${SUB.slice(0, 4)} is tagged konfidentialitet=Säkerhetsskydd, marking security-protected information that does not belong in a public cloud.`,
          evidence: [{ path: "tags.konfidentialitet", actual: "Säkerhetsskydd", expected: NO_SSK }],
        },
        { status: "fail", messageId: "carrier", resource: "rg-skydd", message: "rg-skydd is tagged CONFIDENTIALITY=SAKERHETSSKYDD, marking security-protected information that does not belong in a public cloud." },
        { status: "fail", messageId: "carrier", resource: "db-skydd" },
      ],
    },
    {
      name: "a resource listed twice with different tags: the säkerhetsskydd tag counts whichever list showed it",
      snapshot: makeSnapshot({
        subscriptions: [
          {
            collections: {
              storageAccounts: [dataStore("storageAccounts", "sa-first", level("sakerhetsskydd")), dataStore("storageAccounts", "sa-second", level("3"))],
              resources: [genericResource("Microsoft.Storage/storageAccounts", "sa-first", level("3")), genericResource("Microsoft.Storage/storageAccounts", "sa-second", level("sakerhetsskydd"))],
            },
          },
        ],
      }),
      results: [
        { status: "fail", messageId: "carrier", resource: "sa-first" },
        { status: "fail", messageId: "carrier", resource: "sa-second" },
      ],
    },
    {
      name: "a custom vocabulary maps a value to sakerhetsskydd",
      snapshot: makeSnapshot({ subscriptions: [{ collections: { resources: [genericResource("Microsoft.Compute/virtualMachines", "vm-ssk", { Konfidentialitet: "SSK" })] } }] }),
      config: (c) => {
        c.classification.valueMap = { ssk: 4 };
      },
      results: [{ status: "fail", messageId: "carrier", resource: "vm-ssk", message: "vm-ssk is tagged Konfidentialitet=SSK, marking security-protected information that does not belong in a public cloud." }],
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
      name: "the resource list forbidden in SUB2: its nothing-found is not assessed, SUB keeps its pass",
      snapshot: resourcesForbiddenInSub2,
      results: [
        { status: "pass", messageId: "noneFound", resource: SUB },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2, severity: "critical" },
      ],
    },
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
    {
      name: "the subscription's own read failed (its tags unknown): its nothing-found is not a pass",
      snapshot: makeSnapshot({ coverage: [failure("subscriptions", `/subscriptions/${SUB}`, { operation: `GET /subscriptions/${SUB}`, httpStatus: 429, code: "TooManyRequests" })] }),
      results: [{ status: "not-assessed", resource: SUB }],
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
  expect(f?.evidence).toEqual([{ path: "tags.Confidentiality", actual: "sakerhetsskydd", expected: { en: "no säkerhetsskydd classification", sv: "ingen säkerhetsskyddsklassning" } }]);
  expect(f?.classification).toMatchObject({ level: 4, source: "tag" });
});

describe("CLS-01 results a failed read leaves unjudged", () => {
  const subScope = `/subscriptions/${SUB}`;
  const sub2Scope = `/subscriptions/${SUB2}`;
  it("the resource list forbidden in SUB2: SUB2's nothing-found carries the 403, SUB keeps its pass", () => {
    expect(lines(findingsOf(rule, resourcesForbiddenInSub2))).toEqual([verdict("pass", subScope, "critical", "noneFound"), forbidden(sub2Scope, "resources", "critical")].sort());
  });
  it("a tag seen is a fail whatever else failed, and no further result is given to its subscription", () => {
    expect(lines(findingsOf(rule, carrierSeenWhileResourcesForbidden))).toEqual([verdict("pass", subScope, "critical", "noneFound"), verdict("fail", saSkydd2.id, "critical", "carrier")].sort());
  });
  it("a tag seen in SUB2 while its resource groups could not be read: the fail, and one result on SUB2 for the unread groups (never in the generic list)", () => {
    const s = failedInSub2({ read: readSub, failed: ["resourceGroups"], sub2: { storageAccounts: [saSkydd2] }, unseen: [] });
    expect(lines(findingsOf(rule, s))).toEqual(
      [verdict("pass", subScope, "critical", "noneFound"), verdict("fail", saSkydd2.id, "critical", "carrier"), forbidden(sub2Scope, "resourceGroups", "critical")].sort(),
    );
  });
  it("resources forbidden in both subscriptions: SUB's nothing-found not assessed, SUB2's group tagged säkerhetsskydd a fail", () => {
    const s = makeSnapshot({
      subscriptions: [
        { collections: { resources: [genericResource("Microsoft.Web/sites", "app-exk")] } },
        { subscriptionId: SUB2, collections: { resourceGroups: [resourceGroup("rg-skydd", "swedencentral", level("sakerhetsskydd"), SUB2)] } },
      ],
      coverage: [failure("resources", subScope), failure("resources", sub2Scope)],
    });
    expect(lines(findingsOf(rule, s))).toEqual(
      [forbidden(subScope, "resources", "critical", { scope: subScope }), verdict("fail", `${sub2Scope}/resourceGroups/rg-skydd`, "critical", "carrier")].sort(),
    );
  });
  it("resource groups throttled: the subscription's nothing-found carries the 429, once", () => {
    const s = makeSnapshot({ subscriptions: [{ collections: { resourceGroups: [] } }], coverage: [failure("resourceGroups", subScope, { httpStatus: 429, code: "TooManyRequests" })] });
    expect(lines(findingsOf(rule, s))).toEqual([forbidden(subScope, "resourceGroups", "critical", { scope: subScope, httpStatus: 429, code: "TooManyRequests" })]);
  });
});
