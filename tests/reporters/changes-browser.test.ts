/**
 * What changed, in report.html in headless Chromium (offline): the changes section right after the
 * overview and before the findings, new/resolved/unverified counts in the overview, a visible "ny"
 * badge on every new row (and on no other), and the trend drawn as an SVG for 30 nights and for 1,
 * with the same numbers in a table; no console errors, no requests. Writes
 * test-output/report-changes.png for people to look at.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FindingsDocument, TrendNight } from "../../src/findings/types.js";
import { renderHtml } from "../../src/reporters/html.js";
import { launchTestBrowser, openReport, type TestBrowser, type WatchedPage } from "../helpers/chromium.js";
import { makeDocument } from "./fixture.js";

let dir = "";
let context: BrowserContext;
let browser: TestBrowser | undefined;

beforeAll(async () => {
  browser = await launchTestBrowser("hemvist-changes-html-");
  ({ context, dir } = browser);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/**
 * 30 nights, 2025-04-21 … 2025-05-20 at 02:14 UTC: a month in which the high failures fall from
 * 12 to 3 as a team works through them, a critical one appears on night 20 and is fixed on night
 * 25, and the last night is the fixture's own (1 critical, 4 high, 2 medium, 1 low, 0 info).
 */
function month(): TrendNight[] {
  return Array.from({ length: 30 }, (_, i) => {
    const last = i === 29;
    return {
      generatedAt: new Date(Date.UTC(2025, 3, 21 + i, 2, 14, 7)).toISOString(),
      failBySeverity: last ? { critical: 1, high: 4, medium: 2, low: 1, info: 0 } : { critical: i >= 19 && i < 24 ? 1 : 0, high: 12 - Math.floor((i * 9) / 28), medium: 2 + (i % 3), low: 1, info: 0 },
      notAssessed: i % 7 === 0 ? 2 : 1,
      ...(i > 0 ? { changes: { new: i % 4 === 0 ? 2 : 0, resolved: i % 5 === 0 ? 1 : 0, unverified: i % 6 === 0 ? 1 : 0 } } : {}),
    };
  });
}

async function open(doc: FindingsDocument, lang: "sv" | "en", name: string): Promise<WatchedPage> {
  const file = join(dir, name);
  writeFileSync(file, renderHtml(doc, { lang }));
  const w = await openReport(context, file);
  expect(w.requests).toEqual([pathToFileURL(file).href]);
  return w;
}

describe("what changed comes first in report.html", () => {
  it("orders the sections, counts the changes in the overview, badges every new row and draws 30 nights", async () => {
    const doc = { ...makeDocument(), trend: month() };
    const { page, errors } = await open(doc, "sv", "report-changes.html");

    // The changes section follows the overview and comes before the findings; the navigation says the same.
    const sections = await page.locator("main > section.card").evaluateAll((els) => els.map((e) => e.id));
    expect(sections.slice(0, 2)).toEqual(["overview", "changes"]);
    expect(sections.indexOf("changes")).toBeLessThan(sections.indexOf("findings"));
    expect(await page.locator("nav.toc a").evaluateAll((as) => as.slice(0, 2).map((a) => a.getAttribute("href")))).toEqual(["#overview", "#changes"]);
    // Every navigation link still has its target.
    for (const href of await page.locator("nav.toc a").evaluateAll((as) => as.map((a) => a.getAttribute("href")))) {
      expect(await page.locator(href as string).count(), href as string).toBe(1);
    }

    // The overview: new 3, resolved 2, unverified 3 (the fixture's baseline counts), right after the outcome.
    const counts = page.locator("#overview #overview-changes .stat");
    expect(await counts.evaluateAll((els) => els.map((e) => `${e.getAttribute("data-count")} ${e.querySelector(".n")?.textContent} ${e.querySelector(".l")?.textContent}`))).toEqual([
      "new 3 Nya",
      "resolved 2 Åtgärdade",
      "unverified 3 Overifierade",
    ]);
    expect(await page.locator("#overview > *").evaluateAll((els) => els.slice(1, 3).map((e) => e.className || e.id))).toEqual(["outcome fail", "overview-changes"]);

    // Badges: every row whose result is new carries a visible "ny", and no other row does (all statuses shown).
    await page.selectOption("#f-status", "");
    await page.waitForFunction(() => document.querySelectorAll("#findings-body tr.row").length === 13);
    const rows = await page.locator("#findings-body tr.row").evaluateAll((trs) => trs.map((tr) => [Number(tr.getAttribute("data-index")), tr.querySelector(".badge.new")?.textContent ?? null] as const));
    expect(rows).toHaveLength(13);
    for (const [i, badge] of rows) expect([doc.results[i]?.ruleId, badge]).toEqual([doc.results[i]?.ruleId, doc.results[i]?.baselineState === "new" ? "ny" : null]);
    expect(rows.filter(([, b]) => b === "ny")).toHaveLength(3);
    const badge = page.locator("#findings-body .badge.new").first();
    expect(await badge.isVisible()).toBe(true);
    expect(await badge.getAttribute("title")).toBe("Nytt sedan baslinjen");

    // The trend: 30 nights in the SVG, oldest first, each bar as tall as its failures, the same numbers in a table.
    const chart = page.locator("#changes svg#trend-chart");
    expect(await chart.getAttribute("role")).toBe("img");
    expect(await chart.getAttribute("data-nights")).toBe("30");
    const nights = await chart.locator("g.night").evaluateAll((gs) => gs.map((g) => [g.getAttribute("data-at"), Number(g.getAttribute("data-fails")), g.querySelectorAll("rect").length]));
    expect(nights).toHaveLength(30);
    expect(nights[0]).toEqual(["2025-04-21T02:14:07.000Z", 15, 3]);
    expect(nights[20]).toEqual(["2025-05-11T02:14:07.000Z", 12, 4]);
    expect(nights[29]).toEqual(["2025-05-20T02:14:07.000Z", 8, 4]);
    // A date under every fourth bar and the last, none crowding it.
    expect((await chart.locator("g.night text").allTextContents()).filter((t) => /^\d\d-\d\d/.test(t))).toEqual(["04-21", "04-25", "04-29", "05-03", "05-07", "05-11", "05-15", "05-20"]);
    const heights = await chart.locator("g.night").evaluateAll((gs) => gs.map((g) => g.getBoundingClientRect().height));
    // The first night (15 failures) stands taller than the last (8).
    expect(heights[0]).toBeGreaterThan(heights[29] as number);
    expect(await chart.locator("desc").textContent()).toBe(
      "Nätter: 30, från 2025-04-21 02:14 UTC till 2025-05-20 02:14 UTC. Underkända den senaste natten: 8 (1 kritisk, 4 hög, 2 medel, 1 låg). Högsta antalet: 17.",
    );
    expect(await page.locator("#trend .legend").textContent()).toBe("KritiskHögMedelLågInfo");
    const table = page.locator("#trend table.trend-table tbody tr");
    expect(await table.count()).toBe(30);
    expect((await table.first().locator("td").allTextContents()).map((t) => t.trim())).toEqual(["2025-05-20 02:14 UTC", "1", "4", "2", "1", "0", "8", "1", "0 / 0 / 0"]);
    expect((await table.last().locator("td").allTextContents()).map((t) => t.trim())).toEqual(["2025-04-21 02:14 UTC", "0", "12", "2", "1", "0", "15", "2", "–"]);

    const out = join(process.cwd(), "test-output");
    mkdirSync(out, { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(out, "report-changes.png"), fullPage: false });
    await page.locator("#trend").screenshot({ path: join(out, "report-trend-30.png") });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("one night (the first run, no baseline): the trend shows one bar, in English, and the overview says there is no baseline", async () => {
    const base = makeDocument();
    const doc: FindingsDocument = {
      ...base,
      baseline: undefined,
      results: base.results.map(({ baselineState: _, ...r }) => r),
      trend: [{ generatedAt: "2025-05-20T02:14:07.512Z", failBySeverity: { critical: 1, high: 4, medium: 2, low: 1, info: 0 }, notAssessed: 1 }],
    };
    const { page, errors } = await open(doc, "en", "report-one-night.html");
    expect(await page.locator("#overview-changes").textContent()).toBe("No baseline was given for this run. Changes since the baseline");
    expect(await page.locator("#findings-body .badge.new").count()).toBe(0);
    const chart = page.locator("#changes svg#trend-chart");
    expect(await chart.getAttribute("data-nights")).toBe("1");
    const bar = await chart.locator("g.night").evaluateAll((gs) => gs.map((g) => [g.getAttribute("data-fails"), g.querySelectorAll("rect").length, Math.round(g.getBoundingClientRect().height)]));
    expect(bar).toHaveLength(1);
    expect(bar[0]?.slice(0, 2)).toEqual(["8", 4]);
    expect(bar[0]?.[2]).toBeGreaterThan(50);
    expect(await chart.locator("desc").textContent()).toBe("Nights: 1, from 2025-05-20 02:14 UTC to 2025-05-20 02:14 UTC. Failures on the last night: 8 (1 critical, 4 high, 2 medium, 1 low). Highest: 8.");
    expect(await page.locator("#trend table.trend-table tbody tr").count()).toBe(1);
    await page.locator("#trend").screenshot({ path: join(process.cwd(), "test-output", "report-trend-1.png") });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("a findings.json without a trend (before 1.6) says so instead of drawing nothing", async () => {
    const { page, errors } = await open(makeDocument(), "sv", "report-no-trend.html");
    expect(await page.locator("#trend").textContent()).toBe("Trend: underkända per allvarlighetsgrad och nattResultatfilen har ingen trend (den skrevs före format 1.6).");
    expect(await page.locator("#trend svg").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
