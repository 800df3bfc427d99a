/**
 * Edges of the rule runner and of validateRule that tests/engine/run.test.ts and rule.test.ts leave
 * open (found by mutation testing): results a judge leaves out, part lists, duplicate failures, the
 * reason a scope's result gives, fixed severities, names and locations taken from the generic list.
 */
import { describe, expect, it } from "vitest";
import { defaultConfig, defineRule, fingerprint, Inventory, reasonOf, RuleEvaluationError, runRules, validateRule } from "../../src/index.js";
import type { Finding, RuleDefinition, Snapshot } from "../../src/index.js";
import { RuleRunner } from "../../src/engine/run.js";
import { failure, makeSnapshot, SUB, SUB2, TENANT } from "../fixtures/snapshot.js";
import { storageAccount } from "../fixtures/storage.js";
import { keyVault } from "../fixtures/vaults.js";

const NOW = new Date("2026-11-27T03:00:00Z");
const base = {
  name: "test-rule",
  title: { en: "Test", sv: "Test" },
  severity: "high" as const,
  rationale: { en: "r", sv: "r" },
  guidance: [],
  reads: ["storageAccounts" as const],
  messages: { ok: { en: "{{name}} ok.", sv: "{{name}} godkänd." }, bad: { en: "{{name}} bad.", sv: "{{name}} underkänd." } },
  remediation: { summary: { en: "x", sv: "x" } },
  references: [],
};
const rule = (over: Partial<RuleDefinition> & Pick<RuleDefinition, "evaluate">): RuleDefinition => defineRule({ ...base, id: "TST-01", ...over });
const run = (s: Snapshot | Inventory, rules: RuleDefinition[]): Finding[] => runRules(s, rules, { config: defaultConfig(), now: NOW }).findings;
const listed = (r: { id: string; name?: unknown; type?: unknown; location?: unknown }) => ({ id: r.id, name: r.name, type: r.type, location: r.location, tags: {} }) as never;
const line = (f: Finding) => `${f.status} ${f.resourceName}${f.part ? ` ${f.part}` : ""} ${f.severity}${f.notAssessed ? ` ${f.notAssessed.collection}` : ""}`;

describe("the runner's edges", () => {
  const hidden = storageAccount("sthidden", {}, "rg-app", SUB2);

  it("RuleEvaluationError is named so", () => {
    expect(new RuleEvaluationError("TST-01", new Error("x")).name).toBe("RuleEvaluationError");
  });

  it("a judge that returns undefined gives no result", () => {
    const sa = storageAccount("stsa");
    const r = rule({ evaluate: ({ inventory, each }) => each(inventory.all("storageAccounts"), () => undefined) });
    expect(run(makeSnapshot({ subscriptions: [{ collections: { storageAccounts: [sa] } }] }), [r])).toEqual([]);
  });

  it("a target kind with an empty part list gets one part-less result", () => {
    const r = rule({ targets: [{ collection: "storageAccounts", parts: [] }], evaluate: () => [] });
    const snap = makeSnapshot({ subscriptions: [{ subscriptionId: SUB2, collections: { resources: [listed(hidden)] } }], coverage: [failure("storageAccounts", `/subscriptions/${SUB2}`)] });
    expect(run(snap, [r]).map(line)).toEqual(["not-assessed sthidden high storageAccounts"]);
  });

  it("a hidden resource under two failed scopes is named once; both failures are noted", () => {
    const r = rule({ targets: [{ collection: "storageAccounts" }], evaluate: () => [] });
    const snap = makeSnapshot({
      subscriptions: [{ subscriptionId: SUB2, collections: { resources: [listed(hidden)] } }],
      coverage: [failure("storageAccounts", `/subscriptions/${SUB2}`), failure("storageAccounts", `/subscriptions/${SUB2}/resourceGroups/rg-app`, { code: "ResourceListTruncated" })],
    });
    const runner = new RuleRunner(new Inventory(snap), { config: defaultConfig(), now: NOW });
    expect(runner.run(r).map(line)).toEqual(["not-assessed sthidden high storageAccounts"]);
    expect([...runner.blinds.keys()].map((e) => e.code)).toEqual(["AuthorizationFailed"]);
  });

  it("the scope's result gives the first failure in the snapshot's order, whichever list it came through", () => {
    const r = rule({ targets: [{ collection: "storageAccounts", via: ["keyVaults"] }], evaluate: () => [] });
    const snap = makeSnapshot({
      subscriptions: [{ subscriptionId: SUB2, collections: {} }],
      coverage: [failure("storageAccounts", `/subscriptions/${SUB2}`), failure("keyVaults", `/subscriptions/${SUB2}`), failure("resources", `/subscriptions/${SUB2}`)],
    });
    const runner = new RuleRunner(new Inventory(snap), { config: defaultConfig(), now: NOW });
    expect(runner.run(r).map(line)).toEqual([`not-assessed ${SUB2} high keyVaults`]);
    expect([...runner.blinds.keys()].map((e) => e.collection).sort()).toEqual(["keyVaults", "storageAccounts"]);
  });

  it("a tenant-level target kind without a type: the failed tenant scope gets the result, noted once per failure", () => {
    const r = rule({ reads: ["customerLockbox"], targets: [{ collection: "customerLockbox" }], evaluate: () => [] });
    const snap = makeSnapshot({ coverage: [failure("customerLockbox", `/tenants/${TENANT}`, { httpStatus: 403 })] });
    const runner = new RuleRunner(new Inventory(snap), { config: defaultConfig(), now: NOW });
    expect(runner.run(r).map((f) => `${f.status} ${f.resourceId}`)).toEqual([`not-assessed /tenants/${TENANT}`]);
    expect([...runner.blinds.values()].map((s) => [...s])).toEqual([["TST-01"]]);
  });

  it("two failures of a tenant-level target kind give the tenant one result; both are noted", () => {
    const r = rule({ reads: ["customerLockbox"], targets: [{ collection: "customerLockbox", type: "Microsoft.Resources/tenants" }], evaluate: () => [] });
    const snap = makeSnapshot({ coverage: [failure("customerLockbox", `/tenants/${TENANT}`), failure("customerLockbox", `/tenants/${TENANT}`, { operation: "GET retry", code: "TooManyRequests", httpStatus: 429 })] });
    const runner = new RuleRunner(new Inventory(snap), { config: defaultConfig(), now: NOW });
    expect(runner.run(r).map((f) => `${f.resourceId} ${f.notAssessed?.code}`)).toEqual([`/tenants/${TENANT} AuthorizationFailed`]);
    expect(runner.blinds.size).toBe(1);
  });

  it("a result of one part blinded by the failure does not stand for the other part", () => {
    const r = rule({
      parts: ["a", "b"],
      targets: [{ collection: "storageAccounts", parts: ["a", "b"] }],
      evaluate: ({ inventory, each }, { fail }) =>
        each([1], () => {
          inventory.inSubscription("storageAccounts", SUB2);
          return fail({ id: `/subscriptions/${SUB2}/resourceGroups/rg-app`, name: "rg-app" }, "bad", {}, { part: "a" });
        }),
    });
    const snap = makeSnapshot({ subscriptions: [{ subscriptionId: SUB2, collections: {} }], coverage: [failure("storageAccounts", `/subscriptions/${SUB2}`), failure("resources", `/subscriptions/${SUB2}`)] });
    expect(run(snap, [r]).map(line)).toEqual(["not-assessed rg-app a high storageAccounts", `not-assessed ${SUB2} b high storageAccounts`]);
  });

  it("a result of another type under the failed list's scope does not stand for its own items", () => {
    const r = rule({ targets: [{ collection: "storageAccounts" }], evaluate: ({ each }, { fail }) => each([1], () => fail({ id: `/subscriptions/${SUB2}/resourceGroups/rg-app`, name: "rg-app" }, "bad")) });
    const snap = makeSnapshot({ subscriptions: [{ subscriptionId: SUB2, collections: {} }], coverage: [failure("storageAccounts", `/subscriptions/${SUB2}`), failure("resources", `/subscriptions/${SUB2}`)] });
    expect(run(snap, [r]).map(line)).toEqual(["fail rg-app high", `not-assessed ${SUB2} high storageAccounts`]);
  });

  it("a result at the failed scope itself stands for it", () => {
    const r = rule({ targets: [{ collection: "storageAccounts" }], evaluate: ({ each }, { fail }) => each([1], () => fail({ id: `/subscriptions/${SUB2}`, name: "Sub 1c2d" }, "bad")) });
    const snap = makeSnapshot({ subscriptions: [{ subscriptionId: SUB2, collections: {} }], coverage: [failure("storageAccounts", `/subscriptions/${SUB2}`), failure("resources", `/subscriptions/${SUB2}`)] });
    const runner = new RuleRunner(new Inventory(snap), { config: defaultConfig(), now: NOW });
    expect(runner.run(r).map(line)).toEqual(["fail Sub 1c2d high"]);
    expect(runner.blinds.size).toBe(0);
  });

  it("a rule without target kinds: a result elsewhere blinded by the failure covers it; a fixed severity is kept", () => {
    const vault = keyVault("kv-far", {}, "rg-keys", SUB2);
    const sa = storageAccount("stnear");
    const r = rule({ reads: ["storageAccounts", "keyVaults"], evaluate: ({ inventory, each }, { fail }) => each(inventory.all("storageAccounts"), (a) => {
          inventory.get(vault.id);
          return fail(a, "bad");
        }),
    });
    const snap = makeSnapshot({ subscriptions: [{ collections: { storageAccounts: [sa] } }, { subscriptionId: SUB2, collections: {} }], coverage: [failure("keyVaults", `/subscriptions/${SUB2}`)] });
    const runner = new RuleRunner(new Inventory(snap), { config: defaultConfig(), now: NOW });
    expect(runner.run(r).map(line)).toEqual(["not-assessed stnear high keyVaults"]);
    const none = rule({ reads: ["keyVaults"], evaluate: () => [] });
    expect(run(snap, [none]).map(line)).toEqual([`not-assessed ${SUB2} high keyVaults`]);
    const runner2 = new RuleRunner(new Inventory(snap), { config: defaultConfig(), now: NOW });
    runner2.run(none);
    expect(runner2.blinds.size).toBe(1);
  });

  it("a fixed severity is kept whatever the classification; a blinded result keeps the target's own name", () => {
    const sa = storageAccount("stlevel2");
    const r = rule({ evaluate: ({ inventory, each }, { fail }) => each(inventory.all("storageAccounts"), (a) => [fail(a, "bad"), fail({ id: a.id, name: "Shown name", location: "swedencentral" }, "bad", {}, { part: "p" })]) });
    const snap = makeSnapshot({ subscriptions: [{ collections: { storageAccounts: [sa] } }], coverage: [failure("storageAccounts", sa.id)] });
    const f = run(snap, [r]);
    expect(f.map((x) => x.severity)).toEqual(["high", "high"]);
    expect(f[1]?.message.en).toBe("Shown name was not assessed: storageAccounts could not be read (AuthorizationFailed, HTTP 403).");
  });

  it("a target with a name but no location, or a location but no name, takes the other from the generic list", () => {
    const sa = storageAccount("stnamed", { location: "swedensouth" });
    const generic = listed(sa);
    const r = rule({ evaluate: ({ each }, { fail }) => each([1], () => [fail({ id: sa.id, name: "Own name" }, "bad"), fail({ id: sa.id.toUpperCase(), location: "norwayeast" }, "bad", {}, { part: "p" })]) });
    const f = run(makeSnapshot({ subscriptions: [{ collections: { resources: [generic] } }] }), [r]);
    expect(f.map((x) => `${x.resourceName} ${x.location}`)).toEqual(["Own name swedensouth", "stnamed norwayeast"]);
  });

  it("a by-level rule's tenant-level results, judged or not read, are medium (no classification outside subscriptions)", () => {
    const r = rule({ severity: "by-level", reads: ["m365Users"], evaluate: ({ each }, { fail }) => each([1], () => fail({ id: `/tenants/${TENANT}`, name: "Exempel kommun" }, "bad")) });
    expect(run(makeSnapshot(), [r]).map(line)).toEqual(["fail Exempel kommun medium"]);
    const unread = rule({ severity: "by-level", reads: ["m365Users"], evaluate: () => [] });
    expect(run(makeSnapshot({ coverage: [failure("m365Users", `/tenants/${TENANT}/users`)] }), [unread]).map(line)).toEqual(["not-assessed users medium m365Users"]);
  });

  it("reasonOf has no httpStatus key when the failure had none", () => {
    expect(Object.keys(reasonOf(failure("keyVaults", `/subscriptions/${SUB}`, { httpStatus: undefined, code: "NetworkError" })))).toEqual(["scope", "collection", "code", "message"]);
  });

  it("fingerprints of the scope's result", () => {
    const r = rule({ reads: ["keyVaults"], evaluate: () => [] });
    const snap = makeSnapshot({ coverage: [failure("keyVaults", `/subscriptions/${SUB2}/resourceGroups/rg-keys`)] });
    const [f] = run(snap, [r]);
    expect(f).toMatchObject({ resourceGroup: "rg-keys", subscriptionId: SUB2, resourceType: "Microsoft.Resources/resourceGroups", fingerprint: fingerprint("TST-01", `/subscriptions/${SUB2}/resourceGroups/rg-keys`) });
  });
});

describe("validateRule's edges", () => {
  const valid = { ...base, id: "TST-01", evaluate: () => [] };
  const problems = (over: Record<string, unknown>) => validateRule({ ...valid, ...over });

  it("texts that are null, targets that are strings, messages that are text", () => {
    expect(problems({ title: null })).toEqual(["title: expected { en, sv } strings"]);
    expect(problems({ rationale: "text" })).toEqual(["rationale: expected { en, sv } strings"]);
    expect(problems({ targets: ["storageAccounts"] })).toEqual(["targets[0]: expected { collection, type?, parts?, via?, applies? }"]);
    expect(problems({ messages: "ok" })).toEqual(["messages: expected at least one { en, sv } message"]);
  });

  it("ids and names anchored at both ends", () => {
    expect(problems({ id: "xENC-01" })).toEqual(['id: expected a catalog id like "ENC-01", found "xENC-01"']);
    expect(problems({ id: "ENC-01x" })).toEqual(['id: expected a catalog id like "ENC-01", found "ENC-01x"']);
    expect(problems({ name: "test-rule!" })).toEqual(['name: expected a kebab-case name, found "test-rule!"']);
  });

  it("every partless fingerprint part must be a part", () => {
    expect(problems({ parts: ["blob"], partlessFingerprintParts: ["blob", "queue"] })).toEqual(["partlessFingerprintParts: expected a list of the rule's parts (blob)"]);
  });

  it("options: a schema of another type, an array schema, defaults the schema refuses", () => {
    const msg = 'options: expected { schema: a JSON Schema with type "object", defaults: an object }';
    expect(problems({ options: { schema: { type: "array" }, defaults: {} } })).toEqual([msg]);
    expect(problems({ options: { schema: [], defaults: {} } })).toEqual([msg]);
    expect(problems({ options: { schema: { type: "object", properties: { days: { type: "integer" } } }, defaults: { days: "30" } } })).toEqual(['options.defaults.days: found string "30", expected integer']);
  });
});
