/**
 * summary.md, the job page: what changed first (new results before the rest), a short trend line,
 * and links to the run's artifact, the code-scanning alerts and the history branch only when the
 * Actions environment gives well-formed values (a hostile value gives no link, never Markdown).
 */
import { describe, expect, it } from "vitest";
import type { TrendNight } from "../../src/findings/types.js";
import { renderMarkdown } from "../../src/reporters/markdown.js";
import { runLinks } from "../../src/reporters/run-links.js";
import { makeDocument } from "./fixture.js";

const ACTIONS = {
  GITHUB_SERVER_URL: "https://github.com",
  GITHUB_REPOSITORY: "exempelby/hemvist-natt",
  GITHUB_RUN_ID: "12345678901",
  HEMVIST_HISTORY_BRANCH: "hemvist-history",
};

/** The index of the line that is exactly `line` (-1 when none is). */
const lineAt = (md: string, line: string) => md.split("\n").indexOf(line);

describe("summary.md puts what changed first", () => {
  const doc = makeDocument();
  const sv = renderMarkdown(doc, { lang: "sv" });
  const en = renderMarkdown(doc, { lang: "en" });

  it("the changes section follows the outcome, with the new results before the counts, the top failures and the rest", () => {
    const lines = sv.split("\n");
    const outcome = lines.findIndex((l) => l.startsWith("> ❌ **Slutstatus:**"));
    // After the outcome: the allowed regions and the snapshot, then the changes.
    const changes = lineAt(sv, "## Förändringar sedan baslinjen");
    expect(lines.slice(outcome + 1, changes).filter((l) => l.startsWith("#"))).toEqual([]);
    expect(lines[changes - 2]?.startsWith("- Ögonblicksbildens SHA-256:")).toBe(true);
    const order = ["## Förändringar sedan baslinjen", "### Nya resultat", "### Åtgärdade resultat", "### Overifierade resultat (räknas inte som åtgärdade)", "## Resultat per status", "## Allvarligaste underkända resultaten", "## Täckning: ej bedömda områden"].map((l) => lineAt(sv, l));
    expect(order.every((i) => i > outcome)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(sv.split("## Förändringar sedan baslinjen")).toHaveLength(2);
    expect(lineAt(en, "## Changes since the baseline")).toBeLessThan(lineAt(en, "## Results by status"));
  });

  it("the new results list the fixture's three new ones (all failures), most severe first", () => {
    const from = lineAt(en, "### New results");
    const rows = en.split("\n").slice(from + 4, from + 7).map((l) => l.split(" | ")[1]);
    expect(rows).toEqual(["RES-01", "RES-10", "ENC-01"]);
  });

  it("without a baseline the section says so, still first", () => {
    const md = renderMarkdown({ ...doc, baseline: undefined }, { lang: "en" });
    expect(md).toContain("## Changes since the baseline\n\nNo baseline was given.\n\n## Results by status");
  });
});

describe("the trend line", () => {
  const night = (day: number, c: number, h: number, m: number): TrendNight => ({
    generatedAt: `2025-05-${String(day).padStart(2, "0")}T02:14:07.512Z`,
    failBySeverity: { critical: c, high: h, medium: m, low: 0, info: 0 },
    notAssessed: 0,
  });
  const trend = [night(12, 0, 9, 4), night(13, 0, 9, 4), night(14, 1, 8, 4), night(15, 1, 7, 3), night(16, 1, 7, 3), night(17, 0, 5, 3), night(18, 0, 4, 2), night(19, 1, 4, 2), night(20, 1, 3, 2)];

  it("shows the last 7 nights' failures and tonight's by severity, after the counts", () => {
    const md = renderMarkdown({ ...makeDocument(), trend }, { lang: "sv" });
    const line = "**Trend, underkända per natt (de senaste 7):** 2025-05-14: 13 · 2025-05-15: 11 · 2025-05-16: 11 · 2025-05-17: 8 · 2025-05-18: 6 · 2025-05-19: 7 · 2025-05-20: 6 (i natt: 1 kritisk, 3 hög, 2 medel)";
    expect(lineAt(md, line)).toBeGreaterThan(lineAt(md, "## Förändringar sedan baslinjen"));
    expect(lineAt(md, line)).toBeLessThan(lineAt(md, "### Nya resultat"));
    const one = renderMarkdown({ ...makeDocument(), baseline: undefined, trend: [night(20, 0, 0, 0)] }, { lang: "en" });
    expect(one).toContain("No baseline was given.\n\n**Trend, failures per night (the last 1):** 2025-05-20: 0 (tonight: 0)\n");
  });

  it("two nights on one date (a run by hand beside the nightly one): each with its time", () => {
    const md = renderMarkdown({ ...makeDocument(), trend: [night(19, 1, 4, 2), night(20, 1, 3, 2), { ...night(20, 0, 3, 2), generatedAt: "2025-05-20T09:41:00.000Z" }] }, { lang: "en" });
    expect(md).toContain("**Trend, failures per night (the last 3):** 2025-05-19 02:14 UTC: 7 · 2025-05-20 02:14 UTC: 6 · 2025-05-20 09:41 UTC: 5 (tonight: 3 high, 2 medium)\n");
  });

  it("no trend (a findings.json before 1.6): no line", () => {
    expect(renderMarkdown(makeDocument(), { lang: "en" })).not.toContain("Trend");
  });
});

describe("links to the run, the alerts and the history", () => {
  it("with GitHub's environment: the artifact, the alerts of Hemvist and the history branch, right after the outcome", () => {
    const md = renderMarkdown(makeDocument(), { lang: "sv" }, runLinks(ACTIONS));
    const line =
      "**Länkar:** [Rapporten (körningens artefakt)](https://github.com/exempelby/hemvist-natt/actions/runs/12345678901#artifacts) · [Code scanning-aviseringar](https://github.com/exempelby/hemvist-natt/security/code-scanning?query=is%3Aopen+tool%3AHemvist) · [Historiken på grenen `hemvist-history`](https://github.com/exempelby/hemvist-natt/tree/hemvist-history)";
    const lines = md.split("\n");
    const outcome = lines.findIndex((l) => l.startsWith("> ❌"));
    expect(lines[outcome + 2]).toBe(line);
    expect(lineAt(md, line)).toBeLessThan(lineAt(md, "## Förändringar sedan baslinjen"));
  });

  it("GitHub Enterprise Server (a trailing slash) and a branch with a folder", () => {
    expect(runLinks({ ...ACTIONS, GITHUB_SERVER_URL: "https://github.exempelby.se/", HEMVIST_HISTORY_BRANCH: "hemvist/history-2025" })).toEqual({
      artifact: "https://github.exempelby.se/exempelby/hemvist-natt/actions/runs/12345678901#artifacts",
      alerts: "https://github.exempelby.se/exempelby/hemvist-natt/security/code-scanning?query=is%3Aopen+tool%3AHemvist",
      history: "https://github.exempelby.se/exempelby/hemvist-natt/tree/hemvist/history-2025",
      historyBranch: "hemvist/history-2025",
    });
  });

  it("without the environment: no links line", () => {
    expect(runLinks({})).toEqual({});
    expect(renderMarkdown(makeDocument(), { lang: "en" }, runLinks({}))).not.toContain("**Links:**");
    // The history branch alone names no repository: nothing.
    expect(runLinks({ HEMVIST_HISTORY_BRANCH: "hemvist-history" })).toEqual({});
    // No run id: the alerts and the history, no artifact.
    expect(Object.keys(runLinks({ ...ACTIONS, GITHUB_RUN_ID: undefined }))).toEqual(["alerts", "history", "historyBranch"]);
  });

  it.each([
    ["a repository carrying a Markdown link", { GITHUB_REPOSITORY: "exempelby/x)[klicka](javascript:alert(1)" }],
    ["a repository that climbs out", { GITHUB_REPOSITORY: "../../evil" }],
    ["a repository named ..", { GITHUB_REPOSITORY: "exempelby/.." }],
    ["a repository with a third segment", { GITHUB_REPOSITORY: "exempelby/hemvist-natt/extra" }],
    ["a repository with a space", { GITHUB_REPOSITORY: "exempelby/hemvist natt" }],
    ["a server over http", { GITHUB_SERVER_URL: "http://github.com" }],
    ["a javascript: server", { GITHUB_SERVER_URL: "javascript:alert(1)//github.com" }],
    ["a server with a path and query", { GITHUB_SERVER_URL: "https://evil.example/x?y=" }],
    ["a server with credentials", { GITHUB_SERVER_URL: "https://user:pw@github.com" }],
    ["a server with a line break", { GITHUB_SERVER_URL: "https://github.com\n# Godkänd" }],
  ])("%s: no link at all", (_, env) => {
    const links = runLinks({ ...ACTIONS, ...env });
    expect(links).toEqual({});
    const md = renderMarkdown(makeDocument(), { lang: "en" }, links);
    expect(md).not.toContain("**Links:**");
    expect(md).not.toContain("javascript");
    expect(md).not.toContain("evil");
  });

  it.each([
    ["a run id with a fragment", { GITHUB_RUN_ID: "1#x" }, "artifact"],
    ["a run id that is no number", { GITHUB_RUN_ID: "12a" }, "artifact"],
    ["a branch carrying a Markdown link", { HEMVIST_HISTORY_BRANCH: "main)](javascript:alert(1))" }, "history"],
    ["a branch that climbs out", { HEMVIST_HISTORY_BRANCH: "../main" }, "history"],
    ["a branch with ..", { HEMVIST_HISTORY_BRANCH: "a..b" }, "history"],
    ["a branch starting with -", { HEMVIST_HISTORY_BRANCH: "-main" }, "history"],
    ["a branch ending in .lock", { HEMVIST_HISTORY_BRANCH: "history.lock" }, "history"],
    ["a branch with an empty segment", { HEMVIST_HISTORY_BRANCH: "a//b" }, "history"],
    ["a branch with a backtick", { HEMVIST_HISTORY_BRANCH: "a`b" }, "history"],
  ])("%s: that link is left out, the others stay", (_, env, gone) => {
    const links = runLinks({ ...ACTIONS, ...env });
    expect(links).not.toHaveProperty(gone);
    expect(links.alerts).toBe("https://github.com/exempelby/hemvist-natt/security/code-scanning?query=is%3Aopen+tool%3AHemvist");
    const md = renderMarkdown(makeDocument(), { lang: "en" }, links);
    expect(md).toContain("**Links:**");
    expect(md).not.toContain("javascript");
    expect(md).not.toContain("#x");
  });
});
