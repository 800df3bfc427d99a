/**
 * Both inventory modes audit the demo tenant through the CLI (child process, emulator with ARM's
 * throttle) to the same results; Resource Graph mode finds an unreadable scope through its probe;
 * a throttled audit (small bucket, 429s with and without Retry-After) loses no scope.
 */
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_SUBSCRIPTION_IDS, demoTenant } from "../../src/emulator/demo/index.js";
import { type Emulator, type EmulatorOptions, startEmulator } from "../../src/emulator/server.js";
import { auditArgs, readJson, runCli, tempDir } from "../e2e/helpers.js";

const running: Emulator[] = [];
afterAll(async () => {
  await Promise.all(running.map((e) => e.close()));
});

async function emulator(opts: Omit<EmulatorOptions, "model"> & { model?: EmulatorOptions["model"] } = {}) {
  const em = await startEmulator({ model: opts.model ?? demoTenant(), ...opts });
  running.push(em);
  const dir = await tempDir();
  const ca = join(dir, "ca.pem");
  await em.writeCa(ca);
  return { em, dir, env: { NODE_EXTRA_CA_CERTS: ca, HEMVIST_STATIC_TOKEN: "test-token-not-secret" } };
}

type Doc = { results: { fingerprint: string; status: string; ruleId: string; subscriptionId?: string }[]; coverage: { collection: string; scope: string; httpStatus?: number; code: string; operation: string }[] };
const statuses = (d: Doc) => Object.fromEntries(d.results.map((r) => [r.fingerprint, r.status]));

describe("inventory modes", () => {
  it("arm and resource-graph give the same findings (fingerprints and statuses) on the demo tenant", async () => {
    const { em, dir, env } = await emulator({ throttle: true });
    const docs: Record<string, Doc> = {};
    for (const mode of ["arm", "resource-graph"]) {
      const before = em.requests.length;
      const r = await runCli(auditArgs(em.url, join(dir, mode), ["--format", "json", "--inventory", mode]), env);
      expect(r.code, r.stderr).toBe(1);
      docs[mode] = await readJson<Doc>(join(dir, mode, "findings.json"));
      const mine = em.requests.slice(before);
      const graphQueries = mine.filter((q) => q.method === "POST" && /microsoft\.resourcegraph\/resources$/i.test(q.path));
      if (mode === "arm") expect(graphQueries).toHaveLength(0);
      else {
        expect(graphQueries.length).toBeGreaterThanOrEqual(2);
        expect(graphQueries.every((q) => q.status === 200)).toBe(true);
        // The full storage list is not read in this mode, only its $top=1 probe.
        const storage = mine.filter((q) => /\/providers\/Microsoft\.Storage\/storageAccounts$/i.test(q.path));
        expect(storage.length).toBe(DEMO_SUBSCRIPTION_IDS.length);
        expect(storage.every((q) => /(^|&)(%24|\$)top=1(&|$)/.test(q.query))).toBe(true);
      }
      expect(mine.every((q) => q.status !== 429)).toBe(true);
    }
    const arm = docs.arm!;
    const graph = docs["resource-graph"]!;
    expect(arm.results.length).toBeGreaterThan(200);
    expect(statuses(graph)).toEqual(statuses(arm));
    expect(graph.coverage).toEqual(arm.coverage);
  }, 120_000);

  it("resource-graph mode reports a subscription whose storage may not be read as not assessed, like arm mode", async () => {
    const sub = DEMO_SUBSCRIPTION_IDS[0]!;
    const model = demoTenant();
    model.faults = [{ path: `^/subscriptions/${sub}/providers/Microsoft\\.Storage/storageAccounts$`, status: 403 }];
    const { em, dir, env } = await emulator({ model });
    const docs: Doc[] = [];
    for (const mode of ["arm", "resource-graph"]) {
      const r = await runCli(auditArgs(em.url, join(dir, mode), ["--format", "json", "--inventory", mode]), env);
      expect(r.code, r.stderr).toBe(3);
      docs.push(await readJson<Doc>(join(dir, mode, "findings.json")));
    }
    const [arm, graph] = docs as [Doc, Doc];
    const cov = graph.coverage.find((c) => c.collection === "storageAccounts");
    expect(cov).toMatchObject({ scope: `/subscriptions/${sub}`, httpStatus: 403, code: "AuthorizationFailed" });
    const enc01 = graph.results.filter((x) => x.ruleId === "ENC-01" && x.subscriptionId === sub);
    expect(enc01.length).toBeGreaterThan(0);
    expect(enc01.every((x) => x.status === "not-assessed")).toBe(true);
    expect(statuses(graph)).toEqual(statuses(arm));
  }, 120_000);

  it("a small ARM bucket (429 with and without Retry-After) slows the audit but loses no scope", async () => {
    // A retry budget of 10 instead of the SDK's 3: the emulator's buckets (2 reads, refilled at 10/s,
    // per subscription and for the whole tenant) are far smaller than ARM's (250 at 25/s), and with
    // 18 reads in flight one read can lose the race four times in a row on a loaded machine; it is
    // then throttled out and reported not assessed (exit 3, as tests/reliability/faults.test.ts
    // asserts). This test is about pacing and Retry-After, so it gives reads the budget to win.
    const budget = { HEMVIST_MAX_RETRIES: "10" };
    const baseline = await emulator();
    const r0 = await runCli(auditArgs(baseline.em.url, join(baseline.dir, "free"), ["--format", "json"]), baseline.env);
    expect(r0.code, r0.stderr).toBe(1);
    const free = await readJson<Doc>(join(baseline.dir, "free", "findings.json"));
    for (const omitRetryAfter of [false, true]) {
      // A bucket of 2 refilled at 10/s: slower than ARM's 25/s, which Hemvist paces a subscription
      // to once its reads run low, so 429s do arrive (with and without Retry-After).
      const { em, dir, env } = await emulator({ throttle: { bucketSize: 2, refillPerSecond: 10, tenantBucketSize: 2, tenantRefillPerSecond: 10, omitRetryAfter } });
      const r = await runCli(auditArgs(em.url, join(dir, "out"), ["--format", "json"]), { ...env, ...budget });
      expect(r.code, r.stderr).toBe(1);
      const doc = await readJson<Doc>(join(dir, "out", "findings.json"));
      expect(doc.coverage).toEqual([]);
      expect(statuses(doc)).toEqual(statuses(free));
      expect(em.throttle!.stats.armThrottled).toBeGreaterThan(0);
    }
  }, 180_000);
});
