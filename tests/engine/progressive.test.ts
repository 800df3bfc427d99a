/**
 * Progressive evaluation (rules run as collections complete) gives exactly the findings of
 * evaluating the finished snapshot, whatever order the collections complete in: on the demo
 * tenant collected through the CLI, with and without unreadable scopes, and for a bench tenant.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mulberry32 } from "../../src/builders/ids.js";
import { defaultConfig } from "../../src/index.js";
import { DEMO_SUBSCRIPTION_IDS, demoTenant } from "../../src/emulator/demo/index.js";
import type { TenantModel } from "../../src/emulator/model.js";
import { Inventory, NotReadyError } from "../../src/engine/inventory.js";
import { COLLECTION_KINDS, collectionType } from "../../src/snapshot/collections.js";
import { ProgressiveEvaluation } from "../../src/engine/progressive.js";
import { loadRules } from "../../src/engine/registry.js";
import { parseArmId } from "../../src/engine/arm-id.js";
import { runRules } from "../../src/engine/run.js";
import type { Finding, RuleDefinition } from "../../src/engine/types.js";
import { AZURE_COLLECTIONS, TENANT_COLLECTIONS, type AzureCollection, type Collection, type Snapshot } from "../../src/snapshot/types.js";
import { emulate, runCli } from "../e2e/helpers.js";

const NOW = new Date("2026-11-27T03:00:00Z");
const EVERY: Collection[] = [...AZURE_COLLECTIONS, ...TENANT_COLLECTIONS];

async function collectSnapshot(model: TenantModel, expectedCode: 0 | 3): Promise<Snapshot> {
  const { emulator, env, dir } = await emulate(model);
  try {
    const out = join(dir, "snapshot.json");
    const r = await runCli(["collect", "--auth", "static", "--arm-endpoint", emulator.url, "--graph-endpoint", emulator.url, "--snapshot-out", out, "--quiet"], env);
    expect(r.code, r.stderr).toBe(expectedCode);
    return JSON.parse(await readFile(out, "utf8")) as Snapshot;
  } finally {
    await emulator.close();
  }
}

/** A seeded shuffle (mulberry32), so a failure names an order that can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const rand = mulberry32(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const key = (f: Finding) => `${f.ruleId}|${f.resourceKey}|${f.part ?? ""}`;
const byKey = (fs: Finding[]) => new Map(fs.map((f) => [key(f), f]));

/**
 * Feeds the collections complete one by one in `order`, letting the evaluator run between them
 * (as the collector's events would), and returns every finding handed over, with how many rules ran early.
 */
async function progressive(snapshot: Snapshot, rules: RuleDefinition[], order: Collection[]) {
  const got: Finding[] = [];
  const seen: string[] = [];
  const ev = new ProgressiveEvaluation(snapshot, rules, {
    config: defaultConfig(),
    now: NOW,
    onRule: (rule, findings) => {
      seen.push(rule.id);
      for (const f of findings) got.push(f);
    },
  });
  for (const c of order) {
    ev.complete(c);
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
  }
  await ev.finish();
  return { findings: got, seen, timings: ev.timings, metas: ev.rules };
}

describe("progressive evaluation", () => {
  let rules: RuleDefinition[];
  let clean: Snapshot;
  let faulty: Snapshot;
  beforeAll(async () => {
    rules = await loadRules();
    clean = await collectSnapshot(demoTenant(), 0);
    const model = demoTenant();
    const sub = DEMO_SUBSCRIPTION_IDS[0]!;
    model.faults = [
      { path: `^/subscriptions/${sub}/providers/Microsoft\\.Storage/storageAccounts$`, status: 403, code: "AuthorizationFailed", message: "no storage read" },
      { path: "/providers/Microsoft\\.KeyVault/vaults/[^/]+/keys/[^/]+$", status: 403, code: "Forbidden", message: "no key read", times: 1 },
      { path: "^/v1\\.0/users$", status: 403, code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation." },
    ];
    faulty = await collectSnapshot(model, 3);
    expect(faulty.coverage.map((c) => c.collection).sort()).toEqual(["m365Users", "storageAccounts", "vaultKeys"]);
  }, 120_000);
  afterAll(() => undefined);

  for (const [name, snap] of [["the demo tenant", () => clean], ["the demo tenant with unreadable scopes", () => faulty]] as const) {
    it(`gives the finished snapshot's findings in any completion order: ${name}`, async () => {
      const snapshot = snap();
      const reference = runRules(snapshot, rules, { config: defaultConfig(), now: NOW });
      expect(reference.findings.length).toBeGreaterThan(200);
      const want = byKey(reference.findings);
      for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
        const order = shuffled(EVERY, seed);
        const run = await progressive(snapshot, rules, order);
        expect(run.findings.length, `seed ${seed}`).toBe(reference.findings.length);
        const got = byKey(run.findings);
        for (const [k, f] of want) expect(got.get(k), `seed ${seed}: ${k}`).toEqual(f);
        expect(run.metas).toEqual(reference.rules);
        expect(new Set(run.seen).size).toBe(run.seen.length);
      }
    });
  }

  it("runs rules before the last collection completes, and user rules only at the end", async () => {
    // The order a real collection tends to have: tenant data and top-level lists first, children last.
    const children: Collection[] = ["vaultKeys", "sqlDatabases", "sqlTransparentDataEncryption", "sqlEncryptionProtectors", "sqlFailoverGroups", "cognitiveDeployments", "backupStorageConfigs", "containerRegistryReplications", "policySetDefinitions", "sqlManagedInstanceEncryptionProtectors"];
    const order = [...EVERY.filter((c) => !children.includes(c)), ...children];
    const run = await progressive(clean, rules, order);
    expect(run.timings.earlyRules).toBeGreaterThanOrEqual(15);
    // RES-01 (every resource) runs on the generic list alone.
    expect(run.seen.indexOf("RES-01")).toBeLessThan(run.seen.length - 5);
    const user = rules.find((r) => r.id === "RES-01")!;
    const seen: string[] = [];
    const ev = new ProgressiveEvaluation(clean, [user], { config: defaultConfig(), now: NOW, onRule: (r) => void seen.push(r.id), early: () => false });
    // Everything but one child collection: RES-01 could run, but a user rule waits for all of it.
    for (const c of order.slice(0, -1)) ev.complete(c);
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([]);
    await ev.finish();
    expect(seen).toEqual(["RES-01"]);
  });

  it("a partial inventory refuses what could still change", () => {
    const inv = new Inventory(clean, { complete: ["resources", "subscriptions"] });
    expect(() => inv.all("storageAccounts")).toThrow(NotReadyError);
    const storage = clean.subscriptions.flatMap((s) => s.collections.storageAccounts ?? [])[0]!;
    expect(() => inv.get(storage.id)).toThrow(/storageAccounts/);
    // The generic list answers for names and tags.
    expect(inv.describe(storage.id)?.name).toBe(storage.name);
    expect(() => inv.snapshot).toThrow(NotReadyError);
    expect(() => inv.region("swedencentral")).toThrow(/locations/);
    inv.markComplete("storageAccounts");
    expect(inv.get(storage.id)).toBe(storage);
  });

  it("the item types the partial inventory relies on match what the collectors store", () => {
    for (const sub of clean.subscriptions) {
      for (const c of Object.keys(COLLECTION_KINDS) as AzureCollection[]) {
        const type = collectionType(c);
        for (const item of sub.collections[c] ?? []) expect(parseArmId(item.id).type?.toLowerCase(), `${c} ${item.id}`).toBe(type);
      }
    }
  });

  it("rethrows a rule's failure from finish", async () => {
    const broken: RuleDefinition = { ...rules.find((r) => r.id === "RES-02")!, evaluate: () => { throw new Error("boom"); } };
    const ev = new ProgressiveEvaluation(clean, [broken], { config: defaultConfig(), now: NOW, onRule: () => undefined }, EVERY);
    await expect(ev.finish()).rejects.toThrow(/RES-02.*boom/);
  });
});
