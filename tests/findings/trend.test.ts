/**
 * The trend night after night: tonight appended to the baseline's trend (or to one night counted
 * from a baseline without one), the last 30 kept oldest first, a malformed trend refused naming the
 * field, and nights at or after tonight's time handled on purpose.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageError } from "../../src/base/errors.js";
import { loadBaseline } from "../../src/cli/pipeline.js";
import { baselineProblems } from "../../src/findings/baseline.js";
import { appendNight, baselineNights, tonightNight, trendProblems, trendWarning } from "../../src/findings/trend.js";
import { TREND_NIGHTS, type TrendNight } from "../../src/findings/types.js";
import type { Finding, Severity, Status } from "../../src/index.js";

const SA = "/subscriptions/3c4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7/resourceGroups/rg-socialtjanst/providers/Microsoft.Storage/storageAccounts/stsocialakt01";

/** A result as findings.json lists it (only what the baseline checks read). */
function result(i: number, status: Status, severity: Severity): Finding {
  return {
    ruleId: "ENC-01",
    resourceId: `${SA}${i}`,
    resourceKey: `${SA}${i}`.toLowerCase(),
    severity,
    status,
    fingerprint: i.toString(16).padStart(32, "0"),
    message: { en: "Encryption at rest uses Microsoft-managed keys.", sv: "Kryptering i vila använder Microsoft-hanterade nycklar." },
  } as Finding;
}

/** A findings.json as the baseline reads it. */
function findingsJson(generatedAt: string, results: Finding[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { schemaVersion: "1.6.0", generatedAt, snapshotSha256: "a".repeat(64), results, ...extra };
}

const night = (generatedAt: string, high: number, notAssessed = 0, changes?: TrendNight["changes"]): TrendNight => ({
  generatedAt,
  failBySeverity: { critical: 0, high, medium: 0, low: 0, info: 0 },
  notAssessed,
  ...(changes ? { changes } : {}),
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hemvist-trend-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("35 nights, each with the previous night's findings.json as its baseline", () => {
  it("keeps exactly the last 30 nights, oldest first, tonight last, each with its own counts", async () => {
    const path = join(dir, "findings.json");
    let previous: Record<string, unknown> | undefined;
    const kept: TrendNight[][] = [];
    for (let k = 1; k <= 35; k++) {
      // Night k at 02:00 UTC on day k of a 35-day span; k high failures, k % 3 not assessed.
      const generatedAt = new Date(Date.UTC(2026, 10, 1 + k, 2, 0, 0)).toISOString();
      let prior: TrendNight[] = [];
      if (previous) {
        await writeFile(path, JSON.stringify(previous));
        prior = (await loadBaseline(path)).trend ?? [];
      }
      const counts = previous ? { new: 1, unchanged: k - 2, resolved: 0, unverified: k % 2 } : undefined;
      const trend = appendNight(prior, tonightNight({
        generatedAt,
        summary: { failBySeverity: { critical: 0, high: k, medium: 0, low: 0, info: 0 }, byStatus: { fail: k, "not-assessed": k % 3, "attestation-required": 0, excepted: 0, pass: 1 } },
        ...(counts ? { baseline: { path, generatedAt: "", resolved: [], unverified: [], counts } } : {}),
      }));
      kept.push(trend);
      previous = findingsJson(generatedAt, [], { trend });
    }
    expect(TREND_NIGHTS).toBe(30);
    expect(kept.map((t) => t.length)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 30, 30, 30, 30, 30]);
    const last = kept[34] as TrendNight[];
    // Nights 6 to 35: 2026-11-07 … 2026-12-06.
    expect(last[0]).toEqual({ generatedAt: "2026-11-07T02:00:00.000Z", failBySeverity: { critical: 0, high: 6, medium: 0, low: 0, info: 0 }, notAssessed: 0, changes: { new: 1, resolved: 0, unverified: 0 } });
    expect(last[29]).toEqual({ generatedAt: "2026-12-06T02:00:00.000Z", failBySeverity: { critical: 0, high: 35, medium: 0, low: 0, info: 0 }, notAssessed: 2, changes: { new: 1, resolved: 0, unverified: 1 } });
    expect(last.map((n) => n.failBySeverity.high)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35]);
    // The first night had no baseline: no changes on it (it left the trend on night 31).
    expect(kept[0]).toEqual([{ generatedAt: "2026-11-02T02:00:00.000Z", failBySeverity: { critical: 0, high: 1, medium: 0, low: 0, info: 0 }, notAssessed: 1 }]);
  });
});

describe("a baseline written before the trend existed", () => {
  it("contributes one night counted from its results, with its own baseline's counts", async () => {
    const results = [result(1, "fail", "high"), result(2, "fail", "high"), result(3, "fail", "low"), result(4, "not-assessed", "medium"), result(5, "pass", "critical"), result(6, "excepted", "critical")];
    const path = join(dir, "v14.json");
    await writeFile(path, JSON.stringify(findingsJson("2026-12-03T02:17:00.000Z", results, { schemaVersion: "1.4.0", baseline: { counts: { new: 2, unchanged: 1, resolved: 4, unverified: 0 } } })));
    const input = await loadBaseline(path);
    expect(input.trend).toEqual([
      { generatedAt: "2026-12-03T02:17:00.000Z", failBySeverity: { critical: 0, high: 2, medium: 0, low: 1, info: 0 }, notAssessed: 1, changes: { new: 2, resolved: 4, unverified: 0 } },
    ]);
  });

  it("without a baseline of its own, the night has no changes; without a date, no night", () => {
    expect(baselineNights({ generatedAt: "2026-12-03T02:17:00Z", results: [result(1, "fail", "critical")] })).toEqual([
      { generatedAt: "2026-12-03T02:17:00Z", failBySeverity: { critical: 1, high: 0, medium: 0, low: 0, info: 0 }, notAssessed: 0 },
    ]);
    expect(baselineNights({ results: [result(1, "fail", "critical")] })).toEqual([]);
  });
});

describe("a malformed trend is refused naming the field (exit 2)", () => {
  it("lists every problem of every night in file order", () => {
    const trend = [
      night("2026-12-01T02:00:00Z", 1),
      { generatedAt: "yesterday", failBySeverity: { critical: 0, high: 1, low: 0, info: 0 }, notAssessed: -1 },
      { generatedAt: "2026-12-02T02:00:00Z", failBySeverity: { critical: 0, high: 1.5, medium: 0, low: 0, info: 0 }, notAssessed: 0, changes: { new: 1, resolved: "3" } },
      night("2026-12-02T02:00:00Z", 1),
      night("2026-11-30T02:00:00Z", 1),
      "a night",
    ];
    expect(trendProblems({ trend })).toEqual([
      { field: "trend[1].generatedAt", found: 'string "yesterday"', expected: "a date-time string (2026-12-04T02:17:00.000Z)" },
      { field: "trend[1].failBySeverity.medium", found: "it is missing", expected: "a whole number, 0 or more" },
      { field: "trend[1].notAssessed", found: "number -1", expected: "a whole number, 0 or more" },
      { field: "trend[2].failBySeverity.high", found: "number 1.5", expected: "a whole number, 0 or more" },
      { field: "trend[2].changes.resolved", found: 'string "3"', expected: "a whole number, 0 or more" },
      { field: "trend[2].changes.unverified", found: "it is missing", expected: "a whole number, 0 or more" },
      { field: "trend[3].generatedAt", found: 'string "2026-12-02T02:00:00Z", the same time as trend[2]', expected: "a time later than the night before it (the trend is oldest first, one night per run)" },
      { field: "trend[4].generatedAt", found: 'string "2026-11-30T02:00:00Z", earlier than trend[3]', expected: "a time later than the night before it (the trend is oldest first, one night per run)" },
      { field: "trend[5]", found: 'string "a night"', expected: "a night (an object with generatedAt, failBySeverity and notAssessed)" },
    ]);
  });

  it("a trend that is no list, and a baseline's counts of the wrong shape", () => {
    expect(trendProblems({ trend: { nights: [] } })).toEqual([{ field: "trend", found: "an object", expected: "a list of nights, oldest first" }]);
    expect(trendProblems({ baseline: { counts: { new: 1, resolved: "0" } } })).toEqual([{ field: "baseline.counts.resolved", found: 'string "0"', expected: "a whole number, 0 or more" }]);
    // A 1.0 baseline's counts have no unverified: accepted, and its night gets no changes.
    expect(trendProblems({ baseline: { counts: { new: 1, unchanged: 0, resolved: 0 } } })).toEqual([]);
    expect(baselineNights({ generatedAt: "2026-12-03T02:17:00Z", results: [], baseline: { counts: { new: 1, resolved: 0 } } })).toEqual([
      { generatedAt: "2026-12-03T02:17:00Z", failBySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 }, notAssessed: 0 },
    ]);
    expect(trendProblems({ trend: [] })).toEqual([]);
    // The results are checked first, the trend after them.
    expect(baselineProblems({ results: [{}], trend: 3 }).map((p) => p.field).slice(-2)).toEqual(["results[0].message", "trend"]);
  });

  it("through --baseline: a UsageError with the file and the first field", async () => {
    const path = join(dir, "bad-trend.json");
    await writeFile(path, JSON.stringify(findingsJson("2026-12-03T02:17:00.000Z", [], { trend: [night("2026-12-01T02:00:00Z", 1), { ...night("2026-12-02T02:00:00Z", 1), notAssessed: "7" }] })));
    const err = await loadBaseline(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe(`${path}: field "trend[1].notAssessed": found string "7", expected a whole number, 0 or more; the baseline must be a findings.json written by Hemvist.`);
  });
});

describe("tonight against the nights carried forward", () => {
  const prior = [night("2026-12-01T02:00:00Z", 1), night("2026-12-02T02:00:00Z", 2), night("2026-12-03T02:00:00Z", 3)];

  it("a night at tonight's time is replaced by tonight (the same run twice); a warning says so", () => {
    const t = night("2026-12-03T02:00:00.000Z", 9);
    expect(appendNight(prior, t).map((n) => `${n.generatedAt} ${n.failBySeverity.high}`)).toEqual(["2026-12-01T02:00:00Z 1", "2026-12-02T02:00:00Z 2", "2026-12-03T02:00:00.000Z 9"]);
    expect(trendWarning("/tmp/b.json", prior, "2026-12-03T02:00:00.000Z")).toBe(
      "/tmp/b.json: the baseline's trend: its night at this run's time (2026-12-03T02:00:00.000Z) is replaced by this run, so the trend stays oldest first with this run last.",
    );
  });

  it("nights later than tonight are dropped, so tonight stays last; a warning counts them", () => {
    expect(appendNight(prior, night("2026-12-01T12:00:00.000Z", 7)).map((n) => n.failBySeverity.high)).toEqual([1, 7]);
    expect(trendWarning("/tmp/b.json", prior, "2026-12-01T12:00:00.000Z")).toBe("/tmp/b.json: the baseline's trend: 2 nights later than this run are dropped, so the trend stays oldest first with this run last.");
  });

  it("no warning when tonight is later than every night; a baseline trend longer than 30 is cut to the last 30 with tonight", () => {
    expect(trendWarning("/tmp/b.json", prior, "2026-12-04T02:00:00.000Z")).toBeUndefined();
    const long = Array.from({ length: 40 }, (_, i) => night(new Date(Date.UTC(2026, 9, 1 + i, 2)).toISOString(), i));
    const t = appendNight(long, night("2026-12-01T02:00:00.000Z", 99));
    expect(t).toHaveLength(30);
    expect(t[0]?.failBySeverity.high).toBe(11);
    expect(t[29]?.failBySeverity.high).toBe(99);
  });
});
