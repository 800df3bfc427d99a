/**
 * Engine units: ARM id parsing, classification inheritance, coverage blinding, exceptions, baseline
 * diff and the exit code.
 */
import { describe, expect, it } from "vitest";
import { defaultConfig, Inventory, parentArmId, parseArmId, runRules, defineRule } from "../../src/index.js";
import { Classifier } from "../../src/engine/classification.js";
import { applyExceptions } from "../../src/findings/exceptions.js";
import { diffBaseline } from "../../src/findings/baseline.js";
import { decideExit } from "../../src/findings/outcome.js";
import type { Finding } from "../../src/index.js";
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

function finding(over: Partial<Finding>): Finding {
  return { ruleId: "RES-01", status: "fail", severity: "high", resourceId: "/x", resourceKey: "/x", messageId: "m", message: { en: "", sv: "" }, fingerprint: "f".repeat(32), ...over };
}

describe("exceptions", () => {
  const now = new Date("2026-11-27T03:00:00Z");
  const base = { justification: "j", owner: "o" };
  it("excepts matching failing results by id or glob, never not-assessed ones", () => {
    const fs = [finding({ resourceId: "/subscriptions/S/resourceGroups/rg-legacy-1/providers/a/b/c", resourceKey: "/subscriptions/s/resourcegroups/rg-legacy-1/providers/a/b/c" }), finding({ status: "not-assessed", resourceKey: "/subscriptions/s/resourcegroups/rg-legacy-2/providers/a/b/c" })];
    const r = applyExceptions(fs, [{ ...base, rule: "res-01", resource: "/subscriptions/*/resourceGroups/RG-LEGACY-*/**", expires: "2027-06-30" }], now, 365, new Set(["RES-01"]));
    expect(fs.map((f) => f.status)).toEqual(["excepted", "not-assessed"]);
    expect(fs[0]!.exception).toMatchObject({ id: "exception-1", owner: "o" });
    expect(r.report[0]).toMatchObject({ state: "active", matched: 1 });
  });
  it("expired exceptions stop matching and are reported; expiring ones are flagged; unknown rules and no-match warn; beyond the horizon is refused", () => {
    const fs = [finding({ resourceKey: "/a" }), finding({ resourceKey: "/b" })];
    const r = applyExceptions(
      fs,
      [
        { ...base, rule: "RES-01", resource: "/a", expires: "2026-11-26" },
        { ...base, rule: "RES-01", resource: "/b", expires: "2026-12-10" },
        { ...base, rule: "XYZ-01", resource: "/c", expires: "2027-01-01" },
        { ...base, rule: "RES-01", resource: "/a", expires: "2029-01-01" },
      ],
      now,
      365,
      new Set(["RES-01"]),
    );
    expect(fs.map((f) => f.status)).toEqual(["fail", "excepted"]);
    expect(r.report.map((e) => e.state)).toEqual(["expired", "expiring", "active", "active"]);
    expect(r.warnings.join("\n")).toMatch(/expired on 2026-11-26/);
    expect(r.warnings.join("\n")).toMatch(/expires within 30 days/);
    expect(r.warnings.join("\n")).toMatch(/XYZ-01 is not a rule/);
    expect(r.warnings.join("\n")).toMatch(/more than 365 days ahead/);
  });
});

describe("baseline diff", () => {
  it("marks new and unchanged, lists resolved, ignores passes", () => {
    const prev = [finding({ fingerprint: "a".repeat(32) }), finding({ fingerprint: "b".repeat(32) }), finding({ fingerprint: "c".repeat(32), status: "pass" })];
    const now = [finding({ fingerprint: "a".repeat(32) }), finding({ fingerprint: "d".repeat(32), status: "not-assessed" }), finding({ fingerprint: "c".repeat(32) })];
    const b = diffBaseline(now, { generatedAt: "2026-11-26T03:00:00Z", snapshotSha256: "", results: prev }, "prev.json");
    expect(now.map((f) => f.baselineState)).toEqual(["unchanged", "new", "new"]);
    expect(b.resolved.map((r) => r.fingerprint)).toEqual(["b".repeat(32)]);
    expect(b.counts).toEqual({ new: 2, unchanged: 1, resolved: 1 });
  });
});

describe("exit code", () => {
  const o = { failOn: "high" as const, failOnNew: false, allowPartial: false };
  it("0 without failing results at or above fail-on; 1 with; 3 when incomplete, which wins over 1", () => {
    expect(decideExit([finding({ severity: "medium" })], 0, o).code).toBe(0);
    expect(decideExit([finding({ severity: "critical" })], 0, o).code).toBe(1);
    expect(decideExit([finding({}), finding({ status: "not-assessed" })], 1, o).code).toBe(3);
    expect(decideExit([finding({})], 1, { ...o, allowPartial: true }).code).toBe(1);
    expect(decideExit([finding({ baselineState: "unchanged" })], 0, { ...o, failOnNew: true }).code).toBe(0);
    expect(decideExit([finding({ baselineState: "new" })], 0, { ...o, failOnNew: true }).code).toBe(1);
    // No baseline yet (first night): every failure is new.
    expect(decideExit([finding({})], 0, { ...o, failOnNew: true }).code).toBe(1);
    expect(decideExit([finding({ status: "excepted" })], 0, o).code).toBe(0);
  });
});
