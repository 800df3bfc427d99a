/**
 * The trend through the CLI, night after night: each night `evaluate`s the demo's snapshot with the
 * previous night's findings.json as --baseline. Night 1 is an audit of the demo tenant over HTTPS
 * whose findings.json is given the 28 nights before it (as a month of earlier runs would have
 * left); six more nights through the CLI make 35, of which findings.json keeps exactly the last 30.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { demoTenant } from "../../src/emulator/demo/index.js";
import { type AuditRun, auditModel, readJson, runCli, tempDir } from "./helpers.js";

/** The 28 nights before night 1: 2026-10-01 … 2026-10-28 at 02:15 UTC, night i with i high failures. */
const EARLIER = Array.from({ length: 28 }, (_, i) => ({
  generatedAt: `2026-10-${String(i + 1).padStart(2, "0")}T02:15:00.000Z`,
  failBySeverity: { critical: 1, high: i + 1, medium: 3, low: 0, info: 0 },
  notAssessed: 2,
  ...(i > 0 ? { changes: { new: 1, resolved: 1, unverified: 0 } } : {}),
}));

let night1: AuditRun;
/** Nights 2 … 7 (findings.json of each), run through the CLI in turn. */
const nights: any[] = [];
/** Nights (2 … 7) with KEY-01 turned off in the configuration. */
const KEY01_OFF = new Set([4, 6]);

beforeAll(async () => {
  night1 = await auditModel(demoTenant(), ["--format", "json"]);
  expect(night1.code, night1.stderr).toBe(1);
  // A month of earlier nights, as their baselines would have carried them forward.
  const first = { ...night1.doc, trend: [...EARLIER, ...night1.doc.trend] };
  expect(night1.doc.trend).toHaveLength(1);
  await writeFile(join(night1.out, "findings.json"), JSON.stringify(first));
  const dir = await tempDir("hemvist-trend-e2e-");
  await writeFile(join(dir, "key01-off.yaml"), "rules:\n  disabled: [KEY-01]\n");
  let baseline = join(night1.out, "findings.json");
  for (let k = 2; k <= 7; k++) {
    const out = join(dir, `night${k}`);
    const config = KEY01_OFF.has(k) ? ["--config", join(dir, "key01-off.yaml")] : [];
    // The last night runs as in GitHub Actions, with the environment summary.md's links come from.
    const env = k === 7 ? { GITHUB_SERVER_URL: "https://github.com", GITHUB_REPOSITORY: "exempelby/hemvist-natt", GITHUB_RUN_ID: "9876543210", HEMVIST_HISTORY_BRANCH: "hemvist-history" } : {};
    const r = await runCli(["evaluate", join(night1.out, "snapshot.json"), "--out", out, "--format", "json,html,md", "--lang", "en", "--baseline", baseline, ...config], env);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toBe("");
    nights.push(await readJson(join(out, "findings.json")));
    baseline = join(out, "findings.json");
  }
}, 180_000);

describe("35 nights, 7 of them through the CLI with --baseline", () => {
  it("findings.json keeps exactly the last 30, oldest first, tonight last", () => {
    const trend = nights[5].trend as any[];
    expect(trend).toHaveLength(30);
    // Nights 6 … 28 of the invented month, then night 1 (the audit), then nights 2 … 7.
    expect(trend.slice(0, 23).map((n) => n.generatedAt)).toEqual(EARLIER.slice(5).map((n) => n.generatedAt));
    expect(trend[0]).toEqual({ generatedAt: "2026-10-06T02:15:00.000Z", failBySeverity: { critical: 1, high: 6, medium: 3, low: 0, info: 0 }, notAssessed: 2, changes: { new: 1, resolved: 1, unverified: 0 } });
    expect(trend.slice(23).map((n) => n.generatedAt)).toEqual([night1.doc.generatedAt, ...nights.map((d) => d.generatedAt)]);
    // Every night's own findings.json ends its trend with itself.
    for (const d of nights) expect(d.trend.at(-1).generatedAt).toBe(d.generatedAt);
    expect(nights.map((d) => d.trend.length)).toEqual([30, 30, 30, 30, 30, 30]);
  });

  it("each night carries its own failures by severity and its changes against the night before", () => {
    const trend = nights[5].trend as any[];
    const ours = trend.slice(23);
    const all = [night1.doc, ...nights];
    ours.forEach((n, i) => {
      expect(n.failBySeverity).toEqual(all[i].summary.failBySeverity);
      expect(n.notAssessed).toBe(all[i].summary.byStatus["not-assessed"]);
    });
    // KEY-01 fails for two vaults at high: off on nights 4 and 6, two high failures fewer.
    const high = ours.map((n) => n.failBySeverity.high);
    const full = high[0];
    expect(high).toEqual([full, full, full, full - 2, full, full - 2, full]);
    // Night 1 had no baseline of its own in this run; off → unverified (never resolved), on again → new.
    expect(ours.map((n) => n.changes)).toEqual([
      undefined,
      { new: 0, resolved: 0, unverified: 0 },
      { new: 0, resolved: 0, unverified: 0 },
      { new: 0, resolved: 0, unverified: 2 },
      { new: 2, resolved: 0, unverified: 0 },
      { new: 0, resolved: 0, unverified: 2 },
      { new: 2, resolved: 0, unverified: 0 },
    ]);
  });

  it("summary.md shows what changed first with the last 7 nights, and links to the run, the alerts and the history", async () => {
    const md = await readFile(join(nights[5].baseline.path, "..", "..", "night7", "summary.md"), "utf8");
    const lines = md.split("\n");
    const links = lines.findIndex((l) => l.startsWith("**Links:**"));
    expect(lines[links]).toBe(
      "**Links:** [The report (the run's artifact)](https://github.com/exempelby/hemvist-natt/actions/runs/9876543210#artifacts) · [Code scanning alerts](https://github.com/exempelby/hemvist-natt/security/code-scanning?query=is%3Aopen+tool%3AHemvist) · [The history on branch `hemvist-history`](https://github.com/exempelby/hemvist-natt/tree/hemvist-history)",
    );
    const changes = lines.indexOf("## Changes since the baseline");
    expect(changes).toBeGreaterThan(links);
    expect(changes).toBeLessThan(lines.indexOf("## Results by status"));
    const trend = lines.find((l) => l.startsWith("**Trend, failures per night (the last 7):**")) as string;
    const perNight = [...trend.matchAll(/(\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2} UTC)?): (\d+)/g)].map((m) => Number(m[2]));
    const all = [night1.doc, ...nights];
    expect(perNight).toEqual(all.map((d) => d.summary.byStatus.fail));
    // Night 6 ran with KEY-01 off (two unverified); night 7 has them back as new, listed in the changes section.
    const fresh = lines.indexOf("### New results");
    expect(fresh).toBeGreaterThan(changes);
    expect(lines.slice(fresh, fresh + 6).filter((l) => l.includes("KEY-01"))).toHaveLength(2);
    expect(lines.indexOf("## Results by status")).toBeGreaterThan(fresh);
  });

  it("report.html embeds the 30 nights", async () => {
    const html = await readFile(join(nights[5].baseline.path, "..", "..", "night7", "report.html"), "utf8");
    const data = /<script type="application\/json" id="hemvist-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "";
    expect(data).not.toBe("");
    expect(JSON.parse(data).trend.map((n: any) => n.generatedAt)).toEqual(nights[5].trend.map((n: any) => n.generatedAt));
  });
});
