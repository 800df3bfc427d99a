/**
 * Fault injection against the emulator through the real CLI, SDK and Graph clients: recoverable
 * faults (429 with Retry-After, 5xx and resets within the retry budget, expiring tokens) give the
 * fault-free results; unrecoverable ones (past the budget, truncated JSON, nextLink loop, page
 * without value, answer slower than the timeout) leave exactly the affected scopes not assessed,
 * with the reason, and exit 3. Every request of the suite is checked to be a read.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChaosOptions } from "../../src/emulator/chaos.js";
import { DEMO_SUBSCRIPTION_IDS, demoTenant } from "../../src/emulator/demo/index.js";
import type { ModelFault } from "../../src/emulator/model.js";
import type { RequestRecord } from "../../src/emulator/server.js";
import { readJson } from "../e2e/helpers.js";
import { auditArgs, type Lab, lab, resultKey, runCli } from "./helpers.js";
import { checkReadOnly } from "./read-only.js";

const [S1, S2, S3] = DEMO_SUBSCRIPTION_IDS as [string, string, string];
const TENANT = demoTenant().tenantId;
/** Wall-clock bound of one faulty audit (the runs take 1–5 s; a hang would hit this). */
const RUN_BOUND_MS = 45_000;

const labs: Lab[] = [];
const allRequests: RequestRecord[] = [];
let clean: any;
let cleanCode: number | null;

async function audit(l: Lab, extraEnv: NodeJS.ProcessEnv = {}, args: string[] = []) {
  labs.push(l);
  const out = join(l.dir, "out");
  const started = Date.now();
  const run = await runCli(auditArgs(l.emulator.url, out, ["--format", "json", "--quiet", ...args]), { ...l.env, ...extraEnv }, { timeoutMs: RUN_BOUND_MS });
  const ms = Date.now() - started;
  allRequests.push(...l.emulator.requests);
  expect(run.stderr).not.toMatch(/crashed|\n\s+at /);
  expect(ms, "the run ended within its bound (no hang)").toBeLessThan(RUN_BOUND_MS);
  const doc = run.code === 2 ? undefined : await readJson(join(out, "findings.json"));
  return { run, doc, ms };
}

beforeAll(async () => {
  const { run, doc } = await audit(await lab(demoTenant()));
  expect(doc.coverage).toEqual([]);
  clean = doc;
  cleanCode = run.code;
  // The demo tenant fails high-severity rules and reads completely: exit 1.
  expect(cleanCode).toBe(1);
}, 60_000);

afterAll(async () => {
  await Promise.all(labs.map((l) => l.emulator.close()));
});

describe("recoverable faults give the fault-free results", () => {
  const totals: Record<string, number> = {};
  for (const seed of [11, 23, 47]) {
    it(`seed ${seed}: 10 % 429 with Retry-After, 5 % 500/503, 3 % connection resets`, async () => {
      const l = await lab(demoTenant(), { seed, rate429: 0.1, rate5xx: 0.05, resetRate: 0.03 });
      const { run, doc } = await audit(l);
      const kinds: Record<string, number> = {};
      for (const f of l.chaos?.injected ?? []) kinds[f.kind] = (kinds[f.kind] ?? 0) + 1;
      for (const [k, n] of Object.entries(kinds)) totals[k] = (totals[k] ?? 0) + n;
      expect(l.chaos?.injected.length, "faults were injected").toBeGreaterThan(10);
      expect(doc.coverage).toEqual([]);
      expect(run.code).toBe(cleanCode);
      expect(resultKey(doc)).toEqual(resultKey(clean));
      // The retried requests were really repeated: more requests than the fault-free run.
      expect(l.emulator.requests.length).toBeGreaterThan(l.chaos?.injected.length ?? 0);
    });
  }

  it("over the seeds, every kind of recoverable fault was injected, on ARM and on Graph", () => {
    expect(totals["429"]).toBeGreaterThan(5);
    expect(totals["500"]).toBeGreaterThan(0);
    expect(totals["503"]).toBeGreaterThan(0);
    expect(totals.reset).toBeGreaterThan(0);
  });

  it("Graph alone: every Graph request faulted twice (429, 500, 503, reset) still gives the fault-free results", async () => {
    // maxConsecutive 2 with rates summing to 1: each Graph request fails twice, then succeeds.
    const l = await lab(demoTenant(), { seed: 5, only: "^/v1\\.0/", rate429: 0.25, rate5xx: 0.5, resetRate: 0.25, maxConsecutive: 2 });
    const { run, doc } = await audit(l);
    const graphFaults = (l.chaos?.injected ?? []).filter((f) => f.path.startsWith("/v1.0/"));
    expect(new Set(graphFaults.map((f) => f.kind))).toEqual(new Set(["429", "500", "503", "reset"]));
    expect(doc.coverage).toEqual([]);
    expect(run.code).toBe(cleanCode);
    expect(resultKey(doc)).toEqual(resultKey(clean));
  });

  it("tokens that expire during the run are renewed: several tokens, none used past its life, same results", async () => {
    // The credential hands out tokens living 1.5 s; the emulator refuses a token 1.5 s after first seeing it.
    const l = await lab(demoTenant(), { seed: 1, tokenMaxAgeMs: 1500 }, { latencyMs: 40 });
    const { run, doc, ms } = await audit(l, { HEMVIST_STATIC_TOKEN_TTL_MS: "1500" }, ["--concurrency", "2"]);
    expect(ms, "the run outlived several tokens").toBeGreaterThan(3000);
    expect(l.chaos?.tokens.size).toBeGreaterThanOrEqual(3);
    expect(l.chaos?.injected.filter((f) => f.kind === "tokenExpired")).toEqual([]);
    expect(doc.coverage).toEqual([]);
    expect(run.code).toBe(cleanCode);
    expect(resultKey(doc)).toEqual(resultKey(clean));
  });

  it("control: a token that is never renewed is refused once it expires, and the run says so (exit 3)", async () => {
    const l = await lab(demoTenant(), { seed: 1, tokenMaxAgeMs: 1500 }, { latencyMs: 40 });
    const { run, doc } = await audit(l, {}, ["--concurrency", "2"]);
    expect(l.chaos?.tokens.size).toBe(1);
    expect(l.chaos?.injected.filter((f) => f.kind === "tokenExpired").length).toBeGreaterThan(0);
    expect(run.code).toBe(3);
    expect(doc.coverage.length).toBeGreaterThan(0);
    expect(doc.coverage.every((c: any) => c.httpStatus === 401)).toBe(true);
  });
});

interface Expected {
  scope: string;
  collection: string;
  code: string;
  httpStatus?: number;
}

/**
 * Asserts the faulty run's coverage is exactly `expected`, that each entry left at least one
 * result not assessed with its reason, and that nothing outside the blinded rules of those scopes
 * differs from the fault-free run.
 */
function assertExactlyAffected(doc: any, expected: Expected[]): void {
  const got = doc.coverage.map((c: any) => ({ scope: c.scope, collection: c.collection, code: c.code, ...(c.httpStatus !== undefined ? { httpStatus: c.httpStatus } : {}) }));
  expect(got.sort((a: Expected, b: Expected) => a.collection.localeCompare(b.collection))).toEqual([...expected].sort((a, b) => a.collection.localeCompare(b.collection)));
  for (const c of doc.coverage) {
    expect(c.message, `coverage ${c.collection} names a reason`).toMatch(/\S/);
    expect(c.blinds.length).toBeGreaterThan(0);
    const na = doc.results.filter((r: any) => r.status === "not-assessed" && r.notAssessed?.scope === c.scope && r.notAssessed?.collection === c.collection);
    expect(na.length, `${c.collection}: results not assessed`).toBeGreaterThan(0);
    for (const r of na) {
      expect(c.blinds).toContain(r.ruleId);
      // The rule may name a more specific reason (ENC-07: PartialInventory) for the same scope.
      expect([c.code, "PartialInventory"]).toContain(r.notAssessed.code);
      expect(r.message.en).toContain("not assessed");
    }
  }
  const inScope = (r: any) =>
    doc.coverage.some((c: any) => c.blinds.includes(r.ruleId) && (c.scope.startsWith("/tenants/") || r.subscriptionId?.toLowerCase() === c.scope.split("/")[2]?.toLowerCase() || r.resourceKey?.startsWith(c.scope.toLowerCase())));
  const now = new Set(resultKey(doc));
  const before = new Set(resultKey(clean));
  const byKey = (d: any) => new Map(d.results.map((r: any) => [`${r.fingerprint} ${r.status} ${r.severity}`, r]));
  const cleanByKey = byKey(clean);
  const docByKey = byKey(doc);
  const lost = [...before].filter((k) => !now.has(k)).map((k) => cleanByKey.get(k));
  const added = [...now].filter((k) => !before.has(k)).map((k) => docByKey.get(k));
  // Outside the affected scopes a result may only turn not assessed, for a rule the unread collection blinds
  // (ENC-07: a key vault in an unread subscription may hold another subscription's key).
  const nowByFingerprint = new Map(doc.results.map((r: any) => [r.fingerprint, r]));
  const turnedNotAssessed = (r: any) => {
    const n: any = nowByFingerprint.get(r.fingerprint);
    return n?.status === "not-assessed" && doc.coverage.some((c: any) => c.blinds.includes(r.ruleId) && c.collection === n.notAssessed?.collection);
  };
  expect(lost.filter((r) => !inScope(r) && !turnedNotAssessed(r)), "fault-free results outside the affected scopes are unchanged").toEqual([]);
  expect(added.filter((r: any) => r.status !== "not-assessed" && !inScope(r)), "nothing new outside the affected scopes").toEqual([]);
  expect(added.filter((r: any) => r.status === "pass"), "an unread scope never passes").toEqual([]);
}

const arm = (sub: string, ns: string) => `^/subscriptions/${sub}/providers/${ns.replace(/\./g, "\\.")}$`;

describe("unrecoverable faults: exactly the affected scopes not assessed, with the reason, exit 3", () => {
  const cases: { name: string; faults?: ModelFault[]; chaos?: Omit<ChaosOptions, "seed">; env?: NodeJS.ProcessEnv; expected: Expected[] }[] = [
    {
      name: "past the retry budget: 503 on every attempt (ARM), 500 on every attempt (Graph), resets on every attempt (ARM and Graph)",
      faults: [
        { path: arm(S1, "Microsoft.Storage/storageAccounts"), status: 503 },
        { path: "^/v1\\.0/groups$", status: 500 },
      ],
      chaos: { reset: [{ path: arm(S2, "Microsoft.KeyVault/vaults") }, { path: "^/v1\\.0/subscribedSkus$" }] },
      expected: [
        { scope: `/subscriptions/${S1}`, collection: "storageAccounts", code: "ServiceUnavailable", httpStatus: 503 },
        { scope: `/tenants/${TENANT}/groups`, collection: "m365Groups", code: "InternalServerError", httpStatus: 500 },
        { scope: `/subscriptions/${S2}`, collection: "keyVaults", code: "NetworkError" },
        { scope: `/tenants/${TENANT}/subscribedSkus`, collection: "m365SubscribedSkus", code: "NetworkError" },
      ],
    },
    {
      name: "429 on every attempt: throttled out",
      faults: [{ path: arm(S3, "Microsoft.Compute/disks"), status: 429, retryAfter: 0 }],
      expected: [{ scope: `/subscriptions/${S3}`, collection: "disks", code: "TooManyRequests", httpStatus: 429 }],
    },
    {
      name: "truncated JSON (ARM and Graph)",
      faults: [
        { path: arm(S3, "Microsoft.Sql/servers"), status: 200, truncate: true },
        { path: "^/v1\\.0/sites/getAllSites$", status: 200, truncate: true },
      ],
      expected: [
        { scope: `/subscriptions/${S3}`, collection: "sqlServers", code: "MalformedResponse", httpStatus: 200 },
        { scope: `/tenants/${TENANT}/sites`, collection: "m365Sites", code: "MalformedResponse", httpStatus: 200 },
      ],
    },
    {
      name: "a nextLink loop: the same link twice (ARM and Graph)",
      chaos: { nextLinkLoop: [{ path: arm(S1, "Microsoft.Storage/storageAccounts") }, { path: "^/v1\\.0/users$" }] },
      expected: [
        { scope: `/subscriptions/${S1}`, collection: "storageAccounts", code: "PagingLoop" },
        { scope: `/tenants/${TENANT}/users`, collection: "m365Users", code: "PagingLoop" },
      ],
    },
    {
      // evil.invalid never resolves: a client that followed the link would fail with a network error instead.
      name: "a nextLink to another host, never requested (ARM and Graph)",
      chaos: { foreignNextLink: [{ path: arm(S2, "Microsoft.Storage/storageAccounts") }, { path: "^/v1\\.0/users$" }] },
      expected: [
        { scope: `/subscriptions/${S2}`, collection: "storageAccounts", code: "ForeignNextLink" },
        { scope: `/tenants/${TENANT}/users`, collection: "m365Users", code: "ForeignNextLink" },
      ],
    },
    {
      name: "a list page without value (ARM and Graph)",
      chaos: { missingValue: [{ path: arm(S2, "Microsoft.Compute/disks") }, { path: "^/v1\\.0/groups$" }] },
      expected: [
        { scope: `/subscriptions/${S2}`, collection: "disks", code: "MalformedResponse" },
        { scope: `/tenants/${TENANT}/groups`, collection: "m365Groups", code: "MalformedResponse" },
      ],
    },
    {
      name: "answers slower than the client timeout (ARM and Graph)",
      chaos: { slow: [{ path: arm(S1, "Microsoft.CognitiveServices/accounts"), ms: 3000 }, { path: "^/v1\\.0/organization$", ms: 3000 }] },
      env: { HEMVIST_TIMEOUT_MS: "1000" },
      expected: [
        { scope: `/subscriptions/${S1}`, collection: "cognitiveAccounts", code: "Timeout" },
        { scope: `/tenants/${TENANT}/organization`, collection: "m365Organization", code: "Timeout" },
      ],
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const model = demoTenant();
      if (c.faults) model.faults = c.faults;
      const l = await lab(model, c.chaos ? { seed: 3, ...c.chaos } : undefined);
      const { run, doc } = await audit(l, c.env);
      expect(run.code, run.stderr).toBe(3);
      assertExactlyAffected(doc, c.expected);
      expect(doc.exit.reason.en).toMatch(/could not be read/);
    });
  }

  it("random faults together with recoverable chaos still leave only the deterministic scopes not assessed", async () => {
    const model = demoTenant();
    model.faults = [{ path: arm(S2, "Microsoft.Sql/servers"), status: 200, truncate: true }];
    const l = await lab(model, { seed: 99, rate429: 0.1, rate5xx: 0.05, resetRate: 0.03, nextLinkLoop: [{ path: "^/v1\\.0/users$" }] });
    const { run, doc } = await audit(l);
    expect(run.code).toBe(3);
    assertExactlyAffected(doc, [
      { scope: `/subscriptions/${S2}`, collection: "sqlServers", code: "MalformedResponse", httpStatus: 200 },
      { scope: `/tenants/${TENANT}/users`, collection: "m365Users", code: "PagingLoop" },
    ]);
  });
});

describe("read-only under faults", () => {
  it("every request of this suite was a GET (or the Resource Graph query POST) and none could return secrets", () => {
    expect(allRequests.length).toBeGreaterThan(1000);
    expect(checkReadOnly(allRequests)).toEqual([]);
  });
});
