/**
 * findings.sarif within GitHub code scanning's SARIF limits: when a run has more results than fit,
 * last night's open results (still failing, or unverified tonight) come first, then new failures
 * by severity, then the rest; what does not fit is summarised per (rule, subscription) under
 * fingerprints that stay the same night to night, and the log, summary.md and the console say so.
 * Small limits are injected so the fixtures stay readable; one test runs at GitHub's real limit.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Finding, Severity, Status } from "../../src/engine/types.js";
import { type BaselineContext, diffBaseline, UNVERIFIED_REASONS } from "../../src/findings/baseline.js";
import type { FindingsDocument, UnverifiedEntry } from "../../src/findings/types.js";
import { renderConsoleSummary } from "../../src/reporters/console.js";
import { REPORT_FILES } from "../../src/reporters/index.js";
import { renderMarkdown } from "../../src/reporters/markdown.js";
import { renderSarif } from "../../src/reporters/sarif.js";
import { AGGREGATE_MAX_BYTES, GITHUB_SARIF_KEPT_RESULTS, GITHUB_SARIF_MAX_GZIP_BYTES, GITHUB_SARIF_MAX_RESULTS, SARIF_LIMITS, type SarifLimits } from "../../src/reporters/sarif-limits.js";
import { ReportSpool } from "../../src/reporters/spool.js";
import { tempDir } from "../e2e/helpers.js";
import { sarifValidatorErrors } from "../helpers/sarif-validator.js";
import { fingerprint, makeDocument, makeLargeDocument, SUB_HIDDEN, SUB_PROD, SUB_TEST, summarize } from "./fixture.js";

interface Result {
  ruleId: string;
  level: string;
  kind: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string } }; logicalLocations: { fullyQualifiedName: string }[] }[];
  partialFingerprints: Record<string, string>;
  baselineState?: string;
  suppressions?: unknown[];
  properties: Record<string, unknown> & { status: string; aggregate?: { count: number; byStatus: Record<string, number>; bySeverity: Record<string, number>; lastNight: number; scope: string } };
}
interface Log {
  runs: { invocations: { toolExecutionNotifications?: { level: string; message: { text: string }; descriptor: { id: string } }[] }[]; results: Result[]; properties: Record<string, unknown> }[];
}

const parse = (text: string) => JSON.parse(text) as Log;
const run = (text: string) => parse(text).runs[0] as Log["runs"][0];
const fp = (r: Result) => r.partialFingerprints["hemvist/v1"] as string;
/** The stable aggregate fingerprint, as the issue defines it: SHA-256 of `aggregate|rule|subscription`. */
const aggregateFp = (ruleId: string, scope: string) => createHash("sha256").update(`aggregate|${ruleId}|${scope}`).digest("hex");
const storage = (sub: string, rg: string, name: string) => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Storage/storageAccounts/${name}`;
const vault = (sub: string, rg: string, name: string) => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.KeyVault/vaults/${name}`;

/** A result as the engine gives it (fingerprint from rule id and lower-cased resource id). */
function result(ruleId: string, status: Status, severity: Severity, resourceId: string, baselineState?: Finding["baselineState"]): Finding {
  const resourceKey = resourceId.toLowerCase();
  const sub = /^\/subscriptions\/([^/]+)/.exec(resourceId)?.[1];
  const name = resourceId.split("/").pop() as string;
  return {
    ruleId,
    status,
    severity,
    resourceId,
    resourceKey,
    fingerprint: fingerprint(ruleId, resourceKey),
    resourceType: resourceId.includes("KeyVault") ? "Microsoft.KeyVault/vaults" : "Microsoft.Storage/storageAccounts",
    resourceName: name,
    ...(sub ? { subscriptionId: sub } : {}),
    location: "westeurope",
    messageId: "generated",
    message: { en: `${name} is out of line with ${ruleId}.`, sv: `${name} följer inte ${ruleId}.` },
    ...(baselineState ? { baselineState } : {}),
    ...(status === "excepted" ? { exception: { id: "EXC-2026-007", justification: "Flytt planerad", owner: "drift", expires: "2027-03-31" } } : {}),
  } as Finding;
}

function unverified(ruleId: string, severity: Severity, resourceId: string, code: UnverifiedEntry["reason"]["code"]): UnverifiedEntry {
  const resourceKey = resourceId.toLowerCase();
  const name = resourceId.split("/").pop() as string;
  return {
    ruleId,
    resourceId,
    resourceKey,
    fingerprint: fingerprint(ruleId, resourceKey),
    severity,
    status: "fail",
    message: { en: `${name} failed ${ruleId} last night.`, sv: `${name} underkändes av ${ruleId} i går.` },
    subscriptionId: /^\/subscriptions\/([^/]+)/.exec(resourceId)?.[1] as string,
    reason: { code, ...UNVERIFIED_REASONS[code] },
  };
}

/**
 * Nineteen results the log would hold, plus passes:
 * last night's: U1 (unverified, medium, KEY-01, hidden subscription), U2 (unverified, low, ENC-01, prod),
 * A1–A3 (fail low RES-01 in test, unchanged); new failures: C1–C4 (critical CLS-01, prod),
 * H1–H3 (high ENC-01, prod), M1–M3 (medium ENC-01, test); the rest: E1–E2 (excepted high ENC-01,
 * prod), N1–N2 (not assessed medium KEY-01, test); P1–P3 passes.
 */
function nightDocument(generatedAt = "2026-12-05T02:14:07.512Z"): { doc: FindingsDocument; ids: Record<string, string> } {
  const ids: Record<string, string> = {};
  const rs: Finding[] = [];
  const add = (key: string, f: Finding) => {
    ids[key] = f.fingerprint;
    rs.push(f);
  };
  for (let i = 1; i <= 3; i++) add(`A${i}`, result("RES-01", "fail", "low", storage(SUB_TEST, "rg-test", `sttest0${i}`), "unchanged"));
  for (let i = 1; i <= 4; i++) add(`C${i}`, result("CLS-01", "fail", "critical", storage(SUB_PROD, "rg-socialtjanst", `stsoc0${i}`), "new"));
  for (let i = 1; i <= 3; i++) add(`H${i}`, result("ENC-01", "fail", "high", storage(SUB_PROD, "rg-ekonomi", `stek0${i}`), "new"));
  for (let i = 1; i <= 3; i++) add(`M${i}`, result("ENC-01", "fail", "medium", storage(SUB_TEST, "rg-test", `sttest1${i}`), "new"));
  for (let i = 1; i <= 2; i++) add(`E${i}`, result("ENC-01", "excepted", "high", storage(SUB_PROD, "rg-miljo", `stmil0${i}`), "new"));
  for (let i = 1; i <= 2; i++) add(`N${i}`, result("KEY-01", "not-assessed", "medium", vault(SUB_TEST, "rg-nycklar", `kv-test-0${i}`), "new"));
  for (let i = 1; i <= 3; i++) add(`P${i}`, result("RES-01", "pass", "high", storage(SUB_PROD, "rg-ekonomi", `stok0${i}`)));
  const u1 = unverified("KEY-01", "medium", vault(SUB_HIDDEN, "rg-dold", "kv-dold-01"), "out-of-view");
  const u2 = unverified("ENC-01", "low", storage(SUB_PROD, "rg-arkiv", "starkiv01"), "scope-unreadable");
  ids.U1 = u1.fingerprint;
  ids.U2 = u2.fingerprint;
  const base = makeDocument();
  const doc: FindingsDocument = {
    ...base,
    generatedAt,
    results: rs,
    summary: summarize(rs),
    baseline: { path: "reports/baseline/findings.json", generatedAt: "2026-12-04T02:13:55.004Z", resolved: [], unverified: [u1, u2], counts: { new: 14, unchanged: 3, resolved: 0, unverified: 2 } },
  };
  return { doc, ids };
}

const SMALL: SarifLimits = { maxResults: 10, maxBytes: 5_000_000 };
const listed = (r: Run) => r.results.filter((x) => x.properties.status !== "aggregate");
const aggregates = (r: Run) => r.results.filter((x) => x.properties.status === "aggregate");
type Run = Log["runs"][0];

describe("findings.sarif within a small injected limit", () => {
  const { doc, ids } = nightDocument();
  const text = renderSarif(doc, { lang: "en" }, SMALL);
  const r = run(text);
  const name = (f: string) => Object.entries(ids).find(([, v]) => v === f)?.[0];

  it("holds exactly the limit: six results listed one by one and four aggregates", () => {
    expect(r.results).toHaveLength(10);
    expect(listed(r)).toHaveLength(6);
    expect(aggregates(r)).toHaveLength(4);
  });

  it("lists last night's open results first (the unverified two and the three unchanged low failures, before new criticals), then the first new critical", () => {
    expect(listed(r).map((x) => name(fp(x))).sort()).toEqual(["A1", "A2", "A3", "C1", "U1", "U2"]);
  });

  it("keeps the listed results in log order: tonight's by status, severity, rule and resource, then last night's unverified", () => {
    expect(listed(r).map((x) => name(fp(x)))).toEqual(["C1", "A1", "A2", "A3", "U1", "U2"]);
  });

  it("summarises the rest per (rule, subscription) under SHA-256 of aggregate|rule|subscription, with counts", () => {
    const got = aggregates(r).map((a) => ({ ruleId: a.ruleId, fp: fp(a), count: a.properties.aggregate?.count, byStatus: a.properties.aggregate?.byStatus, bySeverity: a.properties.aggregate?.bySeverity }));
    expect(got).toEqual([
      { ruleId: "CLS-01", fp: aggregateFp("CLS-01", SUB_PROD), count: 3, byStatus: { fail: 3 }, bySeverity: { critical: 3 } },
      { ruleId: "ENC-01", fp: aggregateFp("ENC-01", SUB_PROD), count: 5, byStatus: { fail: 3, excepted: 2 }, bySeverity: { high: 5 } },
      { ruleId: "ENC-01", fp: aggregateFp("ENC-01", SUB_TEST), count: 3, byStatus: { fail: 3 }, bySeverity: { medium: 3 } },
      { ruleId: "KEY-01", fp: aggregateFp("KEY-01", SUB_TEST), count: 2, byStatus: { "not-assessed": 2 }, bySeverity: { medium: 2 } },
    ]);
  });

  it("an aggregate's message says how many results it stands for and where the full list is; its level follows its worst failure", () => {
    const cls = aggregates(r).find((a) => a.ruleId === "CLS-01") as Result;
    expect(cls.message.text).toBe(
      `3 results of CLS-01 in subscription ${SUB_PROD} are summarised in this one result (3 failing; 3 critical): the SARIF log is kept within GitHub code scanning's limits. The full list is in findings.json and report.html.`,
    );
    expect([cls.kind, cls.level]).toEqual(["fail", "error"]);
    expect(cls.locations[0]?.physicalLocation.artifactLocation.uri).toBe(`subscriptions/${SUB_PROD}`);
    const key = aggregates(r).find((a) => a.ruleId === "KEY-01") as Result;
    expect([key.kind, key.level]).toEqual(["review", "warning"]);
    const encTest = aggregates(r).find((a) => a.ruleId === "ENC-01" && a.message.text.includes(SUB_TEST)) as Result;
    expect(encTest.level).toBe("warning");
  });

  it("never carries a passing result, listed or summarised", () => {
    expect(r.results.map((x) => fp(x))).not.toContain(ids.P1);
    for (const a of aggregates(r)) expect(Object.keys(a.properties.aggregate?.byStatus ?? {})).not.toContain("pass");
  });

  it("every reported result is either listed or counted in its aggregate: 6 + 3 + 5 + 3 + 2 = 19", () => {
    const counted = aggregates(r).reduce((n, a) => n + (a.properties.aggregate?.count ?? 0), 0);
    expect(listed(r).length + counted).toBe(19);
  });

  it("says what it summarised in run.properties and in a notification of the invocation", () => {
    expect(r.properties.sarifLimits).toEqual({
      summarised: true,
      results: 19,
      listed: 6,
      aggregated: 13,
      aggregates: 4,
      aggregateScope: "subscription",
      maxResults: 10,
      maxBytes: 5_000_000,
      fullList: ["findings.json", "report.html"],
    });
    const notes = r.invocations[0]?.toolExecutionNotifications ?? [];
    expect(notes).toHaveLength(1);
    expect(notes[0]?.level).toBe("warning");
    expect(notes[0]?.descriptor.id).toBe("hemvist/sarif-limits");
    expect(notes[0]?.message.text).toContain("19 results are more than findings.sarif may hold");
    expect(notes[0]?.message.text).toContain("13 are summarised in 4 results, one per (rule, subscription)");
  });

  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "hemvist-sarif-limits-"));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("passes Microsoft's SARIF validator with the SARIF and GitHub rules, aggregates and notification included", async () => {
    expect(await sarifValidatorErrors(dir, "summarised", text)).toEqual([]);
  }, 120_000);

  it("the spool writes the same bytes as renderSarif under the same limits, whatever the rule order", async () => {
    const out = await tempDir();
    const spool = new ReportSpool({ dir: out, formats: ["sarif"], lang: "en", rules: doc.rules, sarifLimits: SMALL });
    const byRule = new Map<string, Finding[]>();
    for (const f of doc.results) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
    for (const id of [...byRule.keys()].reverse()) await spool.add(id, [...(byRule.get(id) as Finding[])].reverse());
    await spool.finish({ ...doc, results: [] }, { sarif: join(out, REPORT_FILES.sarif) });
    expect(readFileSync(join(out, REPORT_FILES.sarif), "utf8")).toBe(text);
  });
});

describe("findings.sarif when everything fits", () => {
  it("lists every reported result and says nothing about limits (19 results, limit 19)", () => {
    const { doc } = nightDocument();
    const r = run(renderSarif(doc, { lang: "en" }, { maxResults: 19, maxBytes: 5_000_000 }));
    expect(r.results).toHaveLength(19);
    expect(aggregates(r)).toHaveLength(0);
    expect(r.properties.sarifLimits).toBeUndefined();
    expect(r.invocations[0]?.toolExecutionNotifications).toBeUndefined();
  });

  it("at GitHub's limits the small night is the log it always was", () => {
    const { doc } = nightDocument();
    expect(renderSarif(doc, { lang: "en" })).toBe(renderSarif(doc, { lang: "en" }, { maxResults: 1_000_000, maxBytes: 1e12 }));
  });

  it("one result over the limit makes the lowest-priority results an aggregate (18 listed would leave no room: 17 + 1)", () => {
    const { doc, ids } = nightDocument();
    const r = run(renderSarif(doc, { lang: "en" }, { maxResults: 18, maxBytes: 5_000_000 }));
    expect(r.results).toHaveLength(18);
    // The two not-assessed KEY-01 results in test are the last by priority: one aggregate takes their place.
    expect(aggregates(r).map((a) => [a.ruleId, fp(a), a.properties.aggregate?.count])).toEqual([["KEY-01", aggregateFp("KEY-01", SUB_TEST), 2]]);
    expect(listed(r).map((x) => fp(x))).not.toContain(ids.N1);
  });
});

describe("findings.sarif: aggregates are stable night to night", () => {
  it("two nights with other results in the aggregates give the same aggregate fingerprints", () => {
    const first = nightDocument("2026-12-05T02:14:07.512Z").doc;
    const second = nightDocument("2026-12-06T02:11:52.001Z").doc;
    // Tonight one more critical CLS-01 result in prod, and the results arrive in another order.
    second.results = [result("CLS-01", "fail", "critical", storage(SUB_PROD, "rg-socialtjanst", "stsoc05"), "new"), ...second.results.reverse()];
    second.summary = summarize(second.results);
    const a = aggregates(run(renderSarif(first, { lang: "en" }, SMALL)));
    const b = aggregates(run(renderSarif(second, { lang: "en" }, SMALL)));
    expect(b.map(fp)).toEqual(a.map(fp));
    expect(b.map(fp)).toEqual([aggregateFp("CLS-01", SUB_PROD), aggregateFp("ENC-01", SUB_PROD), aggregateFp("ENC-01", SUB_TEST), aggregateFp("KEY-01", SUB_TEST)]);
    expect(b.find((x) => x.ruleId === "CLS-01")?.properties.aggregate?.count).toBe(4);
  });
});

describe("findings.sarif night to night, marked by the real baseline diff", () => {
  const ctx: BaselineContext = {
    coverage: [],
    visibleSubscriptions: new Set([SUB_PROD, SUB_TEST]),
    targetExists: () => true,
    rulesRun: new Set(["RES-01", "ENC-01", "CLS-01"]),
    disabledRules: new Set(),
  };
  const night = (rs: Finding[], generatedAt: string): FindingsDocument => ({ ...makeDocument(), generatedAt, results: rs, summary: summarize(rs), baseline: undefined });

  it("every alert listed last night that still fails is listed tonight; a fixed one leaves; new ones fill the rest and are summarised", () => {
    const limit: SarifLimits = { maxResults: 14, maxBytes: 5_000_000 };
    const oldOnes = () => [
      ...[0, 1, 2].map((i) => result("RES-01", "fail", "low", storage(SUB_TEST, "rg-test", `sttest0${i}`))),
      ...[0, 1, 2].map((i) => result("ENC-01", "fail", "medium", storage(SUB_PROD, "rg-ekonomi", `stek0${i}`))),
      ...[0, 1, 2, 3, 4, 5].map((i) => result("CLS-01", "fail", "critical", storage(SUB_PROD, "rg-socialtjanst", `stsoc0${i}`))),
    ];
    // Night 1: twelve failures, no baseline: all fit.
    const first = night(oldOnes(), "2026-12-04T02:10:00.000Z");
    const listedFirst = listed(run(renderSarif(first, { lang: "en" }, limit))).map(fp);
    expect(listedFirst).toHaveLength(12);
    // Night 2: sttest00 fixed (passes), the other eleven still fail, five new critical CLS-01 failures in test.
    const tonight = oldOnes().map((f) => (f.resourceId.endsWith("/sttest00") ? result("RES-01", "pass", "low", f.resourceId) : f));
    tonight.push(...[0, 1, 2, 3, 4].map((i) => result("CLS-01", "fail", "critical", storage(SUB_TEST, "rg-test", `stny0${i}`))));
    const second = night(tonight, "2026-12-05T02:10:00.000Z");
    second.baseline = diffBaseline(second.results, { generatedAt: first.generatedAt, snapshotSha256: first.snapshotSha256, results: first.results }, "night1/findings.json", { failOn: "low" }, ctx);
    const r = run(renderSarif(second, { lang: "en" }, limit));
    const fixed = fingerprint("RES-01", storage(SUB_TEST, "rg-test", "sttest00").toLowerCase());
    const got = listed(r).map(fp);
    for (const f of listedFirst.filter((x) => x !== fixed)) expect(got).toContain(f);
    expect(got).not.toContain(fixed);
    // 11 of last night + 2 new (stny00, stny01) listed, and one aggregate for the other three new ones.
    expect(got).toHaveLength(13);
    expect(aggregates(r).map((a) => [fp(a), a.properties.aggregate?.count, a.properties.aggregate?.lastNight])).toEqual([[aggregateFp("CLS-01", SUB_TEST), 3, 0]]);
  });
});

describe("findings.sarif over three nights when last night's open results alone exceed the limit", () => {
  it("a failure that was new last night does not push last night's listed alerts out of the log, though it is more severe", () => {
    const ctx: BaselineContext = { coverage: [], visibleSubscriptions: new Set([SUB_PROD, SUB_TEST]), targetExists: () => true, rulesRun: new Set(["RES-01", "CLS-01"]), disabledRules: new Set() };
    const limit: SarifLimits = { maxResults: 6, maxBytes: 5_000_000 };
    const lows = () => [0, 1, 2, 3, 4, 5].map((i) => result("RES-01", "fail", "low", storage(SUB_PROD, "rg-miljo", `stmiljo${i}`)));
    const criticals = () => [0, 1, 2].map((i) => result("CLS-01", "fail", "critical", storage(SUB_TEST, "rg-test", `stsak${i}`)));
    const doc = (rs: Finding[], prev: FindingsDocument | undefined, generatedAt: string): FindingsDocument => {
      const d: FindingsDocument = { ...makeDocument(), generatedAt, results: rs, summary: summarize(rs), baseline: undefined };
      if (prev) d.baseline = diffBaseline(rs, { generatedAt: prev.generatedAt, snapshotSha256: prev.snapshotSha256, results: prev.results }, "prev/findings.json", { failOn: "low" }, ctx);
      return d;
    };
    const night0 = doc(lows(), undefined, "2026-12-03T02:00:00.000Z");
    const night1 = doc([...lows(), ...criticals()], night0, "2026-12-04T02:00:00.000Z");
    const night2 = doc([...lows(), ...criticals()], night1, "2026-12-05T02:00:00.000Z");
    const names = (d: FindingsDocument) => listed(run(renderSarif(d, { lang: "en" }, limit))).map((x) => x.locations[0]?.logicalLocations[0]?.fullyQualifiedName?.split("/").pop());
    // Night 1: the six lows are last night's, the criticals new: four lows listed, aggregates RES-01 (2) and CLS-01 (3).
    expect(names(night1)).toEqual(["stmiljo0", "stmiljo1", "stmiljo2", "stmiljo3"]);
    // Night 2: all nine were open last night; the lows were listed first last night and still are.
    expect(names(night2)).toEqual(["stmiljo0", "stmiljo1", "stmiljo2", "stmiljo3"]);
    expect(aggregates(run(renderSarif(night2, { lang: "en" }, limit))).map((a) => [fp(a), a.properties.aggregate?.count, a.properties.aggregate?.lastNight])).toEqual([
      [aggregateFp("CLS-01", SUB_TEST), 3, 3],
      [aggregateFp("RES-01", SUB_PROD), 2, 2],
    ]);
  });
});

describe("findings.sarif when last night's open results alone exceed the limit", () => {
  it("lists them by severity and counts the rest of them in their aggregates: none disappears", () => {
    const rs: Finding[] = [];
    for (let i = 0; i < 8; i++) rs.push(result("RES-01", "fail", i < 3 ? "high" : "low", storage(SUB_PROD, "rg-miljo", `stmiljo${i}`), "unchanged"));
    for (let i = 0; i < 4; i++) rs.push(result("CLS-01", "fail", "critical", storage(SUB_TEST, "rg-test", `stnew${i}`), "new"));
    const base = makeDocument();
    const doc: FindingsDocument = { ...base, results: rs, summary: summarize(rs), baseline: { path: "b.json", generatedAt: "2026-12-04T02:00:00.000Z", resolved: [], unverified: [], counts: { new: 4, unchanged: 8, resolved: 0, unverified: 0 } } };
    const r = run(renderSarif(doc, { lang: "en" }, { maxResults: 6, maxBytes: 5_000_000 }));
    expect(r.results).toHaveLength(6);
    // 4 listed + aggregates RES-01/prod and CLS-01/test: the three high ones and the first low one are listed.
    expect(listed(r).map((x) => x.locations[0]?.logicalLocations[0]?.fullyQualifiedName)).toEqual([0, 1, 2, 3].map((i) => storage(SUB_PROD, "rg-miljo", `stmiljo${i}`)));
    const res = aggregates(r).find((a) => a.ruleId === "RES-01");
    expect(res?.properties.aggregate).toMatchObject({ count: 4, lastNight: 4, byStatus: { fail: 4 } });
    expect(fp(res as Result)).toBe(aggregateFp("RES-01", SUB_PROD));
    expect(aggregates(r).find((a) => a.ruleId === "CLS-01")?.properties.aggregate).toMatchObject({ count: 4, lastNight: 0 });
  });
});

describe("findings.sarif when even one aggregate per (rule, subscription) does not fit", () => {
  it("summarises per rule, under SHA-256 of aggregate|rule|*", () => {
    const { doc } = nightDocument();
    // Six (rule, subscription) pairs, four rules: a limit of 5 leaves room for one result and four rule aggregates.
    const r = run(renderSarif(doc, { lang: "en" }, { maxResults: 5, maxBytes: 5_000_000 }));
    expect(r.results).toHaveLength(5);
    expect(aggregates(r).map((a) => [a.ruleId, fp(a)])).toEqual([
      ["CLS-01", aggregateFp("CLS-01", "*")],
      ["ENC-01", aggregateFp("ENC-01", "*")],
      ["KEY-01", aggregateFp("KEY-01", "*")],
      ["RES-01", aggregateFp("RES-01", "*")],
    ]);
    expect(r.properties.sarifLimits).toMatchObject({ aggregateScope: "rule", listed: 1, aggregated: 18 });
    expect(aggregates(r).find((a) => a.ruleId === "RES-01")?.message.text).toContain("3 results of RES-01 across the tenant");
  });

  it("refuses a limit below one result per rule with a message naming the limit", () => {
    const { doc } = nightDocument();
    expect(() => renderSarif(doc, { lang: "en" }, { maxResults: 3, maxBytes: 5_000_000 })).toThrow("findings.sarif: even one summary result per rule does not fit 3 results and 5000000 bytes");
  });
});

describe("findings.sarif: a hostile subscription segment in the aggregates", () => {
  it("is percent-encoded in the message (no Markdown link, no control character) and keeps the fingerprint of its lower-cased text", () => {
    const hostile = "[klicka](javascript:alert(1))\u001b]8;;x";
    const rs = [0, 1, 2].map((i) => result("RES-01", "fail", "high", storage(hostile, "rg-x", `st0${i}`), "new"));
    const base = makeDocument();
    const doc: FindingsDocument = { ...base, results: rs, summary: summarize(rs), baseline: undefined };
    const agg = aggregates(run(renderSarif(doc, { lang: "en" }, { maxResults: 1, maxBytes: 5_000_000 })));
    expect(agg).toHaveLength(1);
    expect(agg[0]?.message.text).toContain("in subscription %5Bklicka%5D(javascript%3Aalert(1))%1B%5D8%3B%3Bx are summarised");
    expect(agg[0]?.message.text).not.toContain("[klicka]");
    expect(fp(agg[0] as Result)).toBe(aggregateFp("RES-01", hostile.toLowerCase()));
  });
});

describe("findings.sarif within a byte limit", () => {
  it("stays within maxBytes by summarising, and still lists last night's results first", () => {
    const { doc, ids } = nightDocument();
    const full = renderSarif(doc, { lang: "en" }, { maxResults: 1_000, maxBytes: 1e9 });
    const limit = Buffer.byteLength(full) - 3_000;
    const text = renderSarif(doc, { lang: "en" }, { maxResults: 1_000, maxBytes: limit });
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(limit);
    const r = run(text);
    expect(aggregates(r).length).toBeGreaterThan(0);
    // Whatever fits is a prefix of the priority order: last night's (U1 medium, U2 low ENC-01, A1–A3 low RES-01), then C1…
    const priority = ["U1", "U2", "A1", "A2", "A3", "C1", "C2", "C3", "C4", "H1", "H2", "H3", "M1", "M2", "M3", "E1", "E2", "N1", "N2"].map((k) => ids[k]);
    const got = listed(r).map((x) => fp(x));
    expect(got.length).toBeGreaterThan(0);
    expect(new Set(got)).toEqual(new Set(priority.slice(0, got.length)));
  });

  it("an aggregate takes no more than AGGREGATE_MAX_BYTES, even with every status and severity", () => {
    const rs: Finding[] = [];
    const statuses: Status[] = ["fail", "not-assessed", "attestation-required", "excepted"];
    const severities: Severity[] = ["critical", "high", "medium", "low", "info"];
    let i = 0;
    for (const s of statuses) for (const v of severities) rs.push(result("ENC-01", s, v, storage(SUB_PROD, "rg-x", `st${String(i++).padStart(5, "0")}`)));
    const base = makeDocument();
    const doc: FindingsDocument = { ...base, results: rs, summary: summarize(rs), baseline: undefined };
    // In either language (the Swedish message is the longer).
    for (const lang of ["en", "sv"] as const) {
      const text = renderSarif(doc, { lang }, { maxResults: 1, maxBytes: 5_000_000 });
      const agg = aggregates(run(text));
      expect(agg).toHaveLength(1);
      expect(Buffer.byteLength(JSON.stringify(agg[0], null, 2)) + 100).toBeLessThan(AGGREGATE_MAX_BYTES);
      if (lang === "sv") expect(agg[0]?.message.text).toMatch(/^20 resultat av ENC-01 i prenumerationen [0-9a-f-]{36} sammanfattas i detta enda resultat \(5 underkända, 5 ej bedömda, 5 kräver intygande, 5 undantagna; 4 kritisk, 4 hög, 4 medel, 4 låg, 4 info\): SARIF-loggen hålls inom GitHub-kodskanningens gränser\. Hela listan finns i findings\.json och report\.html\.$/);
    }
  });
});

describe("summary.md and the console say when findings.sarif summarised", () => {
  it("summary.md has one line naming the limit and the count when the SARIF results exceed GitHub's", () => {
    const doc = makeLargeDocument(12_000);
    const md = renderMarkdown(doc, { lang: "en" });
    expect(md).toContain(`holds at most ${GITHUB_SARIF_KEPT_RESULTS} of the 6000 results`);
  });

  it("summary.md of the small night has no such line", () => {
    expect(renderMarkdown(nightDocument().doc, { lang: "en" })).not.toContain("holds at most");
  });

  it("the console says it in Swedish when findings.sarif is among the files written, and not when it is not", () => {
    const doc = makeLargeDocument(12_000);
    const withSarif = renderConsoleSummary(doc, { lang: "sv", files: ["rapporter/findings.sarif"] });
    expect(withSarif).toContain(`findings.sarif (kodskanning) rymmer högst ${GITHUB_SARIF_KEPT_RESULTS} av de 6000 resultaten`);
    expect(renderConsoleSummary(doc, { lang: "sv", files: ["rapporter/findings.json"] })).not.toContain("rymmer högst");
  });
});

describe("findings.sarif at GitHub's real limits", () => {
  const doc = makeLargeDocument(12_000);
  const text = renderSarif(doc, { lang: "en" });
  const r = run(text);

  it("the limits are GitHub's documented ones: 25,000 accepted, 5,000 kept, 10 MB gzip", () => {
    expect([GITHUB_SARIF_MAX_RESULTS, GITHUB_SARIF_KEPT_RESULTS, GITHUB_SARIF_MAX_GZIP_BYTES]).toEqual([25_000, 5_000, 10_000_000]);
    expect(SARIF_LIMITS.maxResults).toBe(5_000);
  });

  it("6,000 reported results become exactly 5,000 in the log, every one of the 3,000 failures listed", () => {
    expect(r.results).toHaveLength(5_000);
    const fails = doc.results.filter((f) => f.status === "fail").map((f) => f.fingerprint);
    expect(fails).toHaveLength(3_000);
    const got = new Set(listed(r).map(fp));
    expect(fails.every((f) => got.has(f))).toBe(true);
    // Only not-assessed and excepted results (no baseline: all of the lowest priority) are summarised.
    for (const a of aggregates(r)) expect(a.properties.aggregate?.byStatus.fail).toBeUndefined();
    const counted = aggregates(r).reduce((n, a) => n + (a.properties.aggregate?.count ?? 0), 0);
    expect(listed(r).length + counted).toBe(6_000);
  });

  it("is within 10 MB gzip-compressed and within the byte limit uncompressed", () => {
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(SARIF_LIMITS.maxBytes);
    expect(gzipSync(text).length).toBeLessThan(GITHUB_SARIF_MAX_GZIP_BYTES);
  });
});
