/**
 * Engine units: ARM id parsing, classification inheritance, coverage blinding. (Exceptions, the
 * baseline diff and the exit code are the findings layer's: tests/findings/.)
 */
import { describe, expect, it } from "vitest";
import { defaultConfig, Inventory, parentArmId, parseArmId, runRules, defineRule } from "../../src/index.js";
import { Classifier } from "../../src/engine/classification.js";
import { armId, failure, makeSnapshot, resourceGroup, SUB } from "../fixtures/snapshot.js";
import { storageAccount } from "../fixtures/storage.js";

describe("ARM ids", () => {
  it("parses subscription, group, type and name of top-level, child and extension ids", () => {
    expect(parseArmId(`/subscriptions/${SUB}/resourceGroups/rg1/providers/Microsoft.Sql/servers/s1/databases/db1`)).toEqual({ subscriptionId: SUB, resourceGroup: "rg1", type: "Microsoft.Sql/servers/databases", name: "db1" });
    expect(parseArmId(`/subscriptions/${SUB}`)).toEqual({ subscriptionId: SUB, type: "Microsoft.Resources/subscriptions", name: SUB });
    expect(parseArmId(`/SUBSCRIPTIONS/${SUB}/RESOURCEGROUPS/rg1`)).toMatchObject({ resourceGroup: "rg1", type: "Microsoft.Resources/resourceGroups" });
    expect(parseArmId("/providers/Microsoft.Management/managementGroups/mg1/providers/Microsoft.Authorization/policyAssignments/a1")).toMatchObject({ type: "Microsoft.Authorization/policyAssignments", name: "a1" });
    expect(parseArmId("not an id")).toEqual({});
  });
  it("walks up: child → parent → resource group → subscription", () => {
    const db = `/subscriptions/${SUB}/resourceGroups/rg1/providers/Microsoft.Sql/servers/s1/databases/db1`;
    expect(parentArmId(db)).toBe(`/subscriptions/${SUB}/resourceGroups/rg1/providers/Microsoft.Sql/servers/s1`);
    expect(parentArmId(`/subscriptions/${SUB}/resourceGroups/rg1/providers/Microsoft.Sql/servers/s1`)).toBe(`/subscriptions/${SUB}/resourceGroups/rg1`);
    expect(parentArmId(`/subscriptions/${SUB}/resourceGroups/rg1`)).toBe(`/subscriptions/${SUB}`);
    expect(parentArmId(`/subscriptions/${SUB}`)).toBeUndefined();
  });
});

describe("classification", () => {
  const cfg = defaultConfig().classification;
  const server = { id: armId("Microsoft.Sql/servers", "s1"), name: "s1", type: "Microsoft.Sql/servers", location: "swedencentral", tags: { Konfidentialitet: "3" } };
  const db = { id: `${server.id}/databases/db1`, name: "db1", type: "Microsoft.Sql/servers/databases", location: "swedencentral", tags: {} };
  const snap = makeSnapshot({
    subscriptions: [{ tags: { confidentiality: "1" }, collections: { resourceGroups: [resourceGroup("rg-app", "swedencentral", { CONFIDENTIALITY: "2" })], sqlServers: [server], sqlDatabases: [db], storageAccounts: [storageAccount("sa1", { tags: { confidentiality: "bogus" } })] } }],
  });
  const c = new Classifier(new Inventory(snap), cfg);
  it("a database inherits from its server (nearest wins, keys case-insensitive)", () => {
    expect(c.classify(db.id)).toMatchObject({ level: 3, source: "inherited", from: server.id, tagKey: "Konfidentialitet" });
    expect(c.classify(server.id)).toMatchObject({ level: 3, source: "tag" });
  });
  it("an invalid value counts as no tag: the resource group's level applies", () => {
    expect(c.classify(armId("Microsoft.Storage/storageAccounts", "sa1"))).toMatchObject({ level: 2, source: "inherited", from: `/subscriptions/${SUB}/resourceGroups/rg-app` });
  });
  it("alias tags that disagree: the highest wins; sakerhetsskydd ranks above 3; unclassified gets the default", () => {
    const s2 = makeSnapshot({ subscriptions: [{ collections: { resourceGroups: [resourceGroup("rg-app", "swedencentral", {})], storageAccounts: [storageAccount("a", { tags: { confidentiality: "1", konfidentialitet: "3" } }), storageAccount("b", { tags: { konfidentialitet: "Sakerhetsskydd", confidentiality: "3" } }), storageAccount("c")] } }] });
    const k = new Classifier(new Inventory(s2), cfg);
    expect(k.classify(armId("Microsoft.Storage/storageAccounts", "a"))?.level).toBe(3);
    expect(k.classify(armId("Microsoft.Storage/storageAccounts", "b"))).toMatchObject({ level: 4, label: "sakerhetsskydd" });
    expect(k.classify(armId("Microsoft.Storage/storageAccounts", "c"))).toMatchObject({ level: 2, source: "default" });
  });
  it("a value map accepts other vocabularies", () => {
    const s3 = makeSnapshot({ subscriptions: [{ collections: { storageAccounts: [storageAccount("a", { tags: { confidentiality: "Intern" } })] } }] });
    const k = new Classifier(new Inventory(s3), { ...cfg, valueMap: { intern: 1 } });
    expect(k.classify(armId("Microsoft.Storage/storageAccounts", "a"))?.level).toBe(1);
  });
});

describe("coverage blinding", () => {
  const rule = defineRule({
    id: "TST-01", name: "test-rule", title: { en: "t", sv: "t" }, severity: "high", rationale: { en: "r", sv: "r" }, guidance: [],
    reads: [{ collection: "storageAccounts", part: "a" }], messages: { ok: { en: "{{name}} ok.", sv: "{{name}} ok." } },
    evaluate: ({ inventory }, { pass }) => inventory.all("storageAccounts").flatMap((s) => [pass(s, "ok", {}, { part: "a" }), pass(s, "ok", {}, { part: "b" })]),
    remediation: { summary: { en: "x", sv: "x" } }, references: [],
  });
  it("blinds only the part the failed read feeds, and adds a result for a failed scope without results", () => {
    const snap = makeSnapshot({ subscriptions: [{ collections: { storageAccounts: [storageAccount("sa1")] } }], coverage: [failure("storageAccounts", armId("Microsoft.Storage/storageAccounts", "sa1")), failure("storageAccounts", "/subscriptions/other-sub")] });
    const f = runRules(snap, [rule], { config: defaultConfig(), now: new Date() }).findings;
    expect(f.map((x) => `${x.status}:${x.part}:${x.resourceName}`).sort()).toEqual(["not-assessed:a:other-sub", "not-assessed:a:sa1", "pass:b:sa1"]);
    const na = f.find((x) => x.resourceName === "sa1" && x.status === "not-assessed")!;
    expect(na.notAssessed).toMatchObject({ httpStatus: 403, code: "AuthorizationFailed" });
    expect(na.message.en).toMatch(/not assessed/);
    expect(na.message.sv).toMatch(/bedömdes inte/);
  });
});
