/**
 * Night to night: tonight's states (new / unchanged / unverified) and the judgement of last night's
 * results that tonight did not reproduce (resolved with a kind, or unverified with a reason).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fingerprint } from "../../src/index.js";
import type { Finding, Severity, Status } from "../../src/index.js";
import { type BaselineContext, type BaselineInput, diffBaseline, startBaselineDiff } from "../../src/findings/baseline.js";
import { scopesOverlap } from "../../src/engine/inventory.js";
import { loadBaseline, snapshotTargets } from "../../src/cli/pipeline.js";
import { UsageError } from "../../src/base/errors.js";
import { armId, SUB as FIXTURE_SUB, TENANT as FIXTURE_TENANT, makeSnapshot, resourceGroup } from "../fixtures/snapshot.js";
import { storageAccount } from "../fixtures/storage.js";

const TENANT = "8f2c1d3e-4b5a-4c6d-9e8f-0a1b2c3d4e5f";
const SUB = "3c4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7";
const SUB_HIDDEN = "d1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6";
const RG = `/subscriptions/${SUB}/resourceGroups/rg-socialtjanst`;
const SA = `${RG}/providers/Microsoft.Storage/storageAccounts/stsocialakt01`;
const SA2 = `${RG}/providers/Microsoft.Storage/storageAccounts/stsocialarkiv`;
const KV = `${RG}/providers/Microsoft.KeyVault/vaults/kv-socialtjanst`;
const SQL = `${RG}/providers/Microsoft.Sql/servers/sql-socialtjanst`;
const HIDDEN_SA = `/subscriptions/${SUB_HIDDEN}/resourceGroups/rg-gis/providers/Microsoft.Storage/storageAccounts/stgiskartor`;
const TENANT_ID = `/tenants/${TENANT}`;

/** One result as the engine writes it into findings.json. */
function result(ruleId: string, resourceId: string, status: Status, severity: Severity, over: Partial<Finding> = {}): Finding {
  const name = resourceId.split("/").pop() as string;
  const sub = /^\/subscriptions\/([^/]+)/.exec(resourceId)?.[1];
  return {
    ruleId,
    status,
    severity,
    resourceId,
    resourceKey: resourceId.toLowerCase(),
    ...(over.part ? { part: over.part } : {}),
    resourceName: name,
    ...(sub ? { subscriptionId: sub } : {}),
    location: "swedencentral",
    messageId: status,
    message: { en: `${name} is ${status} under ${ruleId}.`, sv: `${name} är ${status} enligt ${ruleId}.` },
    fingerprint: fingerprint(ruleId, resourceId, over.part),
    ...over,
  };
}

function lastNight(results: Finding[]): BaselineInput {
  return { generatedAt: "2026-12-04T02:10:41.118Z", snapshotSha256: "5d2e7c1b9a8f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d", results };
}

const RULES_RUN = new Set(["RES-01", "ENC-01", "KEY-01", "KEY-04", "CLS-02", "ACC-01"]);

function context(over: Partial<BaselineContext> & { existing?: string[] } = {}): BaselineContext {
  const existing = new Set((over.existing ?? []).map((id) => id.toLowerCase()));
  return {
    coverage: over.coverage ?? [],
    visibleSubscriptions: over.visibleSubscriptions ?? new Set([SUB]),
    targetExists: over.targetExists ?? ((id) => existing.has(id.toLowerCase())),
    rulesRun: over.rulesRun ?? RULES_RUN,
    disabledRules: over.disabledRules ?? new Set(),
  };
}

const HIGH = { failOn: "high" as const };

describe("tonight's failures", () => {
  it("a failure that failed last night too, at or above the threshold both nights, is unchanged", () => {
    const tonight = [result("KEY-01", KV, "fail", "high"), result("RES-01", SA, "fail", "critical")];
    const b = diffBaseline(tonight, lastNight([result("KEY-01", KV, "fail", "high"), result("RES-01", SA, "fail", "high")]), "n1/findings.json", HIGH, context({ existing: [KV, SA] }));
    expect(tonight.map((f) => f.baselineState)).toEqual(["unchanged", "unchanged"]);
    expect(b.counts).toEqual({ new: 0, unchanged: 2, resolved: 0, unverified: 0 });
  });

  it("an exception that expired overnight (excepted → fail) is new", () => {
    const tonight = [result("RES-01", SA, "fail", "high")];
    const excepted = result("RES-01", SA, "excepted", "high", { exception: { id: "EXC-2026-003", justification: "Flytt till swedencentral Q1.", owner: "IT-plattform", expires: "2026-12-04" } });
    diffBaseline(tonight, lastNight([excepted]), "n1/findings.json", HIGH, context({ existing: [SA] }));
    expect(tonight[0]?.baselineState).toBe("new");
  });

  it("not-assessed last night, failing tonight: new", () => {
    const tonight = [result("ENC-01", SA, "fail", "high")];
    diffBaseline(tonight, lastNight([result("ENC-01", SA, "not-assessed", "high")]), "n1/findings.json", HIGH, context());
    expect(tonight[0]?.baselineState).toBe("new");
  });

  it("a severity rise across the threshold (low → high after the classification tag changed) is new", () => {
    const tonight = [result("ENC-01", SA, "fail", "high")];
    diffBaseline(tonight, lastNight([result("ENC-01", SA, "fail", "low")]), "n1/findings.json", HIGH, context());
    expect(tonight[0]?.baselineState).toBe("new");
  });

  it("below the threshold tonight a failure that failed last night stays unchanged, whatever last night's severity", () => {
    const tonight = [result("ENC-01", SA, "fail", "medium"), result("ENC-01", SA2, "fail", "low")];
    diffBaseline(tonight, lastNight([result("ENC-01", SA, "fail", "high"), result("ENC-01", SA2, "fail", "medium")]), "n1/findings.json", HIGH, context());
    expect(tonight.map((f) => f.baselineState)).toEqual(["unchanged", "unchanged"]);
  });

  it("the threshold is tonight's: a medium failure both nights is new under --fail-on medium only if last night's was below it", () => {
    const tonight = [result("ENC-01", SA, "fail", "medium"), result("ENC-01", SA2, "fail", "medium")];
    diffBaseline(tonight, lastNight([result("ENC-01", SA, "fail", "medium"), result("ENC-01", SA2, "fail", "low")]), "n1/findings.json", { failOn: "medium" }, context());
    expect(tonight.map((f) => f.baselineState)).toEqual(["unchanged", "new"]);
  });

  it("passing or absent last night: new", () => {
    const tonight = [result("KEY-04", KV, "fail", "medium"), result("RES-01", KV, "fail", "high")];
    const b = diffBaseline(tonight, lastNight([result("KEY-04", KV, "pass", "medium")]), "n1/findings.json", HIGH, context());
    expect(tonight.map((f) => f.baselineState)).toEqual(["new", "new"]);
    expect(b.counts).toEqual({ new: 2, unchanged: 0, resolved: 0, unverified: 0 });
  });

  it("the same target under another part or rule is another result", () => {
    const tonight = [result("ENC-01", SQL, "fail", "high", { part: "tde" })];
    diffBaseline(tonight, lastNight([result("ENC-01", SQL, "fail", "high", { part: "protector" })]), "n1/findings.json", HIGH, context({ existing: [SQL] }));
    expect(tonight[0]?.baselineState).toBe("new");
  });
});

describe("tonight's not-assessed and excepted results", () => {
  it("not assessed tonight: unverified when it failed last night, unchanged when it was not assessed or excepted, else new", () => {
    const targets = [SA, SA2, KV, SQL, HIDDEN_SA];
    const tonight = targets.map((id) => result("ENC-01", id, "not-assessed", "high"));
    const b = diffBaseline(
      tonight,
      lastNight([
        result("ENC-01", SA, "fail", "high"),
        result("ENC-01", SA2, "not-assessed", "high"),
        result("ENC-01", KV, "excepted", "high"),
        result("ENC-01", SQL, "pass", "high"),
      ]),
      "n1/findings.json",
      HIGH,
      context({ existing: targets }),
    );
    expect(tonight.map((f) => f.baselineState)).toEqual(["unverified", "unchanged", "unchanged", "new", "new"]);
    expect(b.counts).toEqual({ new: 2, unchanged: 2, resolved: 0, unverified: 1 });
    expect(b.unverified.map((u) => [u.resourceId, u.reason.code])).toEqual([[SA, "not-assessed-tonight"]]);
    expect(b.resolved).toEqual([]);
  });

  it("excepted tonight: unchanged when last night's was open or excepted, else new", () => {
    const targets = [SA, SA2, KV, SQL, HIDDEN_SA];
    const tonight = targets.map((id) => result("RES-01", id, "excepted", "high"));
    diffBaseline(
      tonight,
      lastNight([
        result("RES-01", SA, "fail", "high"),
        result("RES-01", SA2, "not-assessed", "high"),
        result("RES-01", KV, "excepted", "high"),
        result("RES-01", SQL, "pass", "high"),
      ]),
      "n1/findings.json",
      HIGH,
      context({ existing: targets }),
    );
    expect(tonight.map((f) => f.baselineState)).toEqual(["unchanged", "unchanged", "unchanged", "new", "new"]);
  });

  it("passes get no state", () => {
    const tonight = [result("KEY-01", KV, "pass", "high")];
    diffBaseline(tonight, lastNight([result("KEY-01", KV, "fail", "high")]), "n1/findings.json", HIGH, context({ existing: [KV] }));
    expect(tonight[0]?.baselineState).toBeUndefined();
  });
});

describe("last night's open results tonight did not reproduce", () => {
  const SA_DEPS = [
    { collection: "storageAccounts" as const, scope: `/subscriptions/${SUB}` },
    { collection: "resourceGroups" as const, scope: `/subscriptions/${SUB}` },
  ];

  it("resolved, passes: tonight's result for it passes", () => {
    const b = diffBaseline([result("KEY-01", KV, "pass", "high")], lastNight([result("KEY-01", KV, "fail", "high")]), "n1/findings.json", HIGH, context({ existing: [KV] }));
    expect(b.resolved).toEqual([
      {
        ruleId: "KEY-01",
        resourceId: KV,
        resourceKey: KV.toLowerCase(),
        fingerprint: fingerprint("KEY-01", KV),
        severity: "high",
        status: "fail",
        message: { en: "kv-socialtjanst is fail under KEY-01.", sv: "kv-socialtjanst är fail enligt KEY-01." },
        subscriptionId: SUB,
        location: "swedencentral",
        resolution: "passes",
      },
    ]);
    expect(b.counts).toEqual({ new: 0, unchanged: 0, resolved: 1, unverified: 0 });
  });

  it("resolved, gone: no result, the target no longer exists and every scope it depended on was read", () => {
    const prev = result("RES-01", SA, "fail", "high", { dependsOn: SA_DEPS });
    // Tonight's gap is in another collection and another subscription: neither overlaps.
    const coverage = [
      { scope: `/subscriptions/${SUB}`, collection: "keyVaults" as const },
      { scope: `/subscriptions/${SUB_HIDDEN}`, collection: "storageAccounts" as const },
    ];
    const b = diffBaseline([], lastNight([prev]), "n1/findings.json", HIGH, context({ coverage, existing: [KV] }));
    expect(b.resolved.map((r) => [r.resourceId, r.resolution])).toEqual([[SA, "gone"]]);
    expect(b.unverified).toEqual([]);
  });

  it("resolved, no-longer-applies: no result, the target still exists (reclassified) and its scopes were read", () => {
    const prev = result("CLS-02", SA, "fail", "medium", { dependsOn: SA_DEPS });
    const b = diffBaseline([], lastNight([prev]), "n1/findings.json", HIGH, context({ existing: [SA] }));
    expect(b.resolved.map((r) => [r.ruleId, r.resolution])).toEqual([["CLS-02", "no-longer-applies"]]);
  });

  it("a not-assessed result that vanished from a scope read completely is resolved too", () => {
    const prev = result("ENC-01", SA, "not-assessed", "high", { dependsOn: SA_DEPS });
    const b = diffBaseline([], lastNight([prev]), "n1/findings.json", HIGH, context());
    expect(b.resolved.map((r) => [r.status, r.resolution])).toEqual([["not-assessed", "gone"]]);
  });

  it("unverified, scope-unreadable: a dependency's collection could not be read at an overlapping scope", () => {
    const under = result("RES-01", SA, "fail", "high", { dependsOn: SA_DEPS });
    const root = result("ENC-01", KV, "fail", "high", { dependsOn: [{ collection: "keyVaults", scope: "/" }] });
    const above = result("KEY-04", KV, "fail", "medium", { dependsOn: [{ collection: "keyVaults", scope: KV }] });
    const coverage = [
      // A resource-level gap under the dependency's subscription scope, id in upper case.
      { scope: SA2.toUpperCase(), collection: "storageAccounts" as const },
      // A subscription-level gap of key vaults: overlaps "/" (every scope) and the vault itself.
      { scope: `/subscriptions/${SUB_HIDDEN}`, collection: "keyVaults" as const },
      { scope: `/subscriptions/${SUB}`, collection: "keyVaults" as const },
    ];
    const b = diffBaseline([], lastNight([under, root, above]), "n1/findings.json", HIGH, context({ coverage }));
    expect(b.unverified.map((u) => [u.ruleId, u.reason.code])).toEqual([
      ["RES-01", "scope-unreadable"],
      ["ENC-01", "scope-unreadable"],
      ["KEY-04", "scope-unreadable"],
    ]);
    expect(b.resolved).toEqual([]);
    expect(b.counts).toEqual({ new: 0, unchanged: 0, resolved: 0, unverified: 3 });
  });

  it("a dependency stored without a scope (findings.json's form) is at the result's own resource", () => {
    const own = result("ENC-01", SA, "fail", "high", { dependsOn: [{ collection: "storageAccounts" }] });
    const atOwn = diffBaseline([], lastNight([own]), "n1/findings.json", HIGH, context({ coverage: [{ scope: `/subscriptions/${SUB}`, collection: "storageAccounts" }] }));
    expect(atOwn.unverified.map((u) => [u.ruleId, u.reason.code])).toEqual([["ENC-01", "scope-unreadable"]]);
    // A gap at a sibling account does not reach it: the scope is the account, not the subscription.
    const sibling = diffBaseline([], lastNight([own]), "n1/findings.json", HIGH, context({ coverage: [{ scope: SA2, collection: "storageAccounts" }] }));
    expect(sibling.resolved.map((r) => [r.ruleId, r.resolution])).toEqual([["ENC-01", "gone"]]);
  });

  it("a gap whose scope merely starts with the same letters (no / boundary) does not overlap", () => {
    const prev = result("RES-01", SA, "fail", "high", { dependsOn: [{ collection: "storageAccounts", scope: `${RG}` }] });
    const coverage = [{ scope: `/subscriptions/${SUB}/resourceGroups/rg-social`, collection: "storageAccounts" as const }];
    const b = diffBaseline([], lastNight([prev]), "n1/findings.json", HIGH, context({ coverage }));
    expect(b.resolved.map((r) => r.resolution)).toEqual(["gone"]);
  });

  it("unverified, out-of-view: its subscription is not visible tonight; tenant-level targets never are out of view", () => {
    const hidden = result("RES-01", HIDDEN_SA, "fail", "high");
    const tenant = result("ACC-01", TENANT_ID, "fail", "medium", { dependsOn: [{ collection: "customerLockbox", scope: TENANT_ID }] });
    const b = diffBaseline([], lastNight([hidden, tenant]), "n1/findings.json", HIGH, context({ visibleSubscriptions: new Set([SUB]), existing: [TENANT_ID] }));
    expect(b.unverified.map((u) => [u.resourceId, u.reason.code])).toEqual([[HIDDEN_SA, "out-of-view"]]);
    expect(b.resolved.map((r) => [r.resourceId, r.resolution])).toEqual([[TENANT_ID, "no-longer-applies"]]);
  });

  it("unverified, rule-disabled and rule-removed", () => {
    const disabled = result("KEY-04", KV, "fail", "medium");
    const removed = result("KEY-09", KV, "fail", "medium");
    const b = diffBaseline([], lastNight([disabled, removed]), "n1/findings.json", HIGH, context({ rulesRun: new Set(["RES-01"]), disabledRules: new Set(["KEY-04"]), existing: [KV] }));
    expect(b.unverified.map((u) => [u.ruleId, u.reason.code])).toEqual([
      ["KEY-04", "rule-disabled"],
      ["KEY-09", "rule-removed"],
    ]);
  });

  it("an unverified entry carries last night's fields and the reason in both languages", () => {
    const prev = result("ENC-01", SQL, "fail", "critical", { part: "tde", resourceType: "Microsoft.Sql/servers", dependsOn: [{ collection: "sqlServers", scope: `/subscriptions/${SUB}` }] });
    const b = diffBaseline([], lastNight([prev]), "n1/findings.json", HIGH, context({ coverage: [{ scope: `/subscriptions/${SUB}`, collection: "sqlServers" }] }));
    expect(b).toEqual({
      path: "n1/findings.json",
      generatedAt: "2026-12-04T02:10:41.118Z",
      snapshotSha256: "5d2e7c1b9a8f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d",
      resolved: [],
      unverified: [
        {
          ruleId: "ENC-01",
          resourceId: SQL,
          resourceKey: SQL.toLowerCase(),
          part: "tde",
          fingerprint: fingerprint("ENC-01", SQL, "tde"),
          severity: "critical",
          status: "fail",
          message: { en: "sql-socialtjanst is fail under ENC-01.", sv: "sql-socialtjanst är fail enligt ENC-01." },
          resourceType: "Microsoft.Sql/servers",
          subscriptionId: SUB,
          location: "swedencentral",
          reason: {
            code: "scope-unreadable",
            en: "No result tonight, and a scope it depended on could not be read tonight.",
            sv: "Inget resultat i natt, och ett område som resultatet berodde på kunde inte läsas i natt.",
          },
        },
      ],
      counts: { new: 0, unchanged: 0, resolved: 0, unverified: 1 },
    });
  });

  it("last night's passes and excepted results are never resolved or unverified", () => {
    const b = diffBaseline([], lastNight([result("KEY-01", KV, "pass", "high"), result("RES-01", SA, "excepted", "high")]), "n1/findings.json", HIGH, context());
    expect(b.resolved).toEqual([]);
    expect(b.unverified).toEqual([]);
  });

  it("applied rule by rule, the diff judges the whole night at the end", () => {
    const d = startBaselineDiff(lastNight([result("KEY-01", KV, "fail", "high"), result("RES-01", SA, "fail", "high")]), "n1/findings.json", HIGH);
    d.apply([result("RES-01", SA, "fail", "high")]);
    d.apply([result("KEY-01", KV, "pass", "high")]);
    const b = d.finish(context({ existing: [KV, SA] }));
    expect(b.resolved.map((r) => [r.ruleId, r.resolution])).toEqual([["KEY-01", "passes"]]);
    expect(b.counts).toEqual({ new: 0, unchanged: 1, resolved: 1, unverified: 0 });
  });
});

describe("scopesOverlap", () => {
  it("equal, under, above (case-insensitive, at / boundaries); / overlaps everything", () => {
    expect(scopesOverlap(`/subscriptions/${SUB}`, SA.toUpperCase())).toBe(true);
    expect(scopesOverlap(SA, `/subscriptions/${SUB}/`)).toBe(true);
    expect(scopesOverlap(SA, SA)).toBe(true);
    expect(scopesOverlap("/", TENANT_ID)).toBe(true);
    expect(scopesOverlap(`${RG}-2`, RG)).toBe(false);
    expect(scopesOverlap(`/subscriptions/${SUB}`, `/subscriptions/${SUB_HIDDEN}`)).toBe(false);
    expect(scopesOverlap(TENANT_ID, `/subscriptions/${SUB}`)).toBe(false);
  });
});

describe("a 1.0 findings.json as the baseline", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hemvist-baseline-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // Last night's file as Hemvist 1.0 wrote it: no dependsOn, no baseline.unverified, coverage with blinds.
  const v10 = {
    $schema: "https://hemvist.dev/schemas/findings-1.json",
    schemaVersion: "1.0.0",
    tool: { name: "hemvist", version: "1.4.2" },
    generatedAt: "2026-12-04T02:10:41.118Z",
    tenantId: TENANT,
    collectedAt: "2026-12-04T02:01:07.512Z",
    snapshotSha256: "5d2e7c1b9a8f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d",
    profile: { name: "se", allowedRegions: ["swedencentral", "swedensouth"], allowedM365Geos: ["SWE"], aiDataZoneAllowed: false },
    exit: { code: 1, reason: { en: "2 failing result(s) at or above high", sv: "2 underkända resultat med allvarlighet hög eller högre" }, failOn: "high", failOnNew: true, allowPartial: false },
    summary: { total: 3, byStatus: { fail: 2, "not-assessed": 0, excepted: 0, pass: 1 }, failBySeverity: { critical: 0, high: 2, medium: 0, low: 0, info: 0 }, byRule: {}, resources: 3, subscriptions: 1 },
    rules: [],
    results: [
      { ruleId: "RES-01", status: "fail", severity: "high", resourceId: SA, resourceKey: SA.toLowerCase(), resourceType: "Microsoft.Storage/storageAccounts", resourceName: "stsocialakt01", subscriptionId: SUB, resourceGroup: "rg-socialtjanst", location: "westeurope", messageId: "notAllowed", message: { en: "stsocialakt01 is stored in westeurope.", sv: "stsocialakt01 lagras i westeurope." }, fingerprint: fingerprint("RES-01", SA), baselineState: "unchanged" },
      { ruleId: "KEY-01", status: "fail", severity: "high", resourceId: KV, resourceKey: KV.toLowerCase(), resourceType: "Microsoft.KeyVault/vaults", resourceName: "kv-socialtjanst", subscriptionId: SUB, resourceGroup: "rg-socialtjanst", location: "swedencentral", messageId: "purgeable", message: { en: "kv-socialtjanst can be purged.", sv: "kv-socialtjanst kan rensas bort." }, fingerprint: fingerprint("KEY-01", KV) },
      { ruleId: "KEY-04", status: "pass", severity: "medium", resourceId: KV, resourceKey: KV.toLowerCase(), messageId: "closed", message: { en: "kv-socialtjanst is closed.", sv: "kv-socialtjanst är stängt." }, fingerprint: fingerprint("KEY-04", KV) },
    ],
    coverage: [],
    baseline: { path: "n0/findings.json", generatedAt: "2026-12-03T02:10:00.000Z", resolved: [], counts: { new: 0, unchanged: 1, resolved: 0 } },
    residency: { regions: [], m365Geos: [] },
  };

  it("is accepted, and a vanished result without dependsOn depends on every collection at its resource id", async () => {
    const path = join(dir, "findings-1.0.json");
    await writeFile(path, `${JSON.stringify(v10, null, 1)}\n`);
    const input = await loadBaseline(path);
    expect(input.results).toHaveLength(3);
    // Both results vanish tonight. A gap of any collection over the vault makes KEY-01 unverified;
    // the storage account's scope was read and the account is gone.
    const coverage = [{ scope: KV, collection: "vaultKeys" as const }];
    const tonight = [result("KEY-04", KV, "fail", "medium")];
    const b = diffBaseline(tonight, input, path, HIGH, context({ coverage }));
    expect(b.unverified.map((u) => [u.ruleId, u.reason.code])).toEqual([["KEY-01", "scope-unreadable"]]);
    expect(b.resolved.map((r) => [r.ruleId, r.resolution])).toEqual([["RES-01", "gone"]]);
    expect(tonight[0]?.baselineState).toBe("new");
  });

  it("another major version is refused", async () => {
    const path = join(dir, "findings-2.0.json");
    await writeFile(path, JSON.stringify({ ...v10, schemaVersion: "2.0.0" }));
    await expect(loadBaseline(path)).rejects.toThrow(UsageError);
    await expect(loadBaseline(path)).rejects.toThrow(/found findings format 2\.0\.0, expected 1\.x/);
  });
});

describe("whether a target still exists (the session's targetExists, from the snapshot)", () => {
  it("knows subscriptions, anything in a collection, the tenant and Microsoft 365 objects, in any case", () => {
    const snap = makeSnapshot({
      subscriptions: [{ collections: { storageAccounts: [storageAccount("stakt01")], resourceGroups: [resourceGroup("rg-app", "swedencentral")] } }],
      m365: { users: [{ id: "5f1c9b2e-7d4a-4e3b-9a1f-2c6d8e0b4a77", preferredDataLocation: "SWE" }] },
    });
    const exists = snapshotTargets(snap);
    expect(exists(armId("Microsoft.Storage/storageAccounts", "stakt01").toUpperCase())).toBe(true);
    expect(exists(`/subscriptions/${FIXTURE_SUB}/resourceGroups/rg-app`)).toBe(true);
    expect(exists(`/subscriptions/${FIXTURE_SUB}`)).toBe(true);
    expect(exists(`/tenants/${FIXTURE_TENANT}`)).toBe(true);
    expect(exists(`/tenants/${FIXTURE_TENANT}/users/5f1c9b2e-7d4a-4e3b-9a1f-2c6d8e0b4a77`)).toBe(true);
    expect(exists(armId("Microsoft.Storage/storageAccounts", "stborta01"))).toBe(false);
    expect(exists(`/tenants/${FIXTURE_TENANT}/users/00000000-0000-4000-8000-000000000000`)).toBe(false);
  });
});

describe("a part that needs attestation tonight", () => {
  it("is never resolved: last night's failure is unverified (attestation-required-tonight), and tonight's result is marked unverified like a not-assessed one", () => {
    const tonight = [
      result("RES-10", TENANT_ID, "attestation-required", "high", { part: "default-geo" }),
      result("RES-10", `${TENANT_ID}/users/u1`, "attestation-required", "high", { part: "user" }),
    ];
    const b = diffBaseline(
      tonight,
      lastNight([result("RES-10", TENANT_ID, "fail", "high", { part: "default-geo" }), result("RES-10", `${TENANT_ID}/users/u1`, "not-assessed", "high", { part: "user" })]),
      "n1/findings.json",
      HIGH,
      context({ existing: [TENANT_ID] }),
    );
    // Marked, so SARIF lists last night's failure once (as unverified), not tonight's result beside it under the same fingerprint.
    expect(tonight.map((f) => f.baselineState)).toEqual(["unverified", undefined]);
    expect(b.resolved).toEqual([]);
    // Last night's not-assessed was no failure: nothing to confirm, nothing unverified.
    expect(b.unverified.map((u) => [u.resourceId, u.part, u.reason.code])).toEqual([[TENANT_ID, "default-geo", "attestation-required-tonight"]]);
    expect(b.counts).toEqual({ new: 0, unchanged: 0, resolved: 0, unverified: 1 });
  });
});
