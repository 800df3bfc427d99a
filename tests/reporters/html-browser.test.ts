/**
 * HTML reporter in a real browser (headless Chromium, offline): no console errors, no network
 * requests, filters, search, expandable rows, hostile strings as text, and 100,000 results.
 */
import { launchTestBrowser, openReport, type TestBrowser, type WatchedPage } from "../helpers/chromium.js";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtml } from "../../src/reporters/html.js";
import { HOSTILE_NAME, makeDocument, makeLargeDocument } from "./fixture.js";

let dir = "";
let context: BrowserContext;
let browser: TestBrowser | undefined;

const open = (file: string): Promise<WatchedPage> => openReport(context, file);

const rowCount = (page: Page) => page.locator("#findings-body tr.row").count();

/** Waits until the table shows `n` rows (and, if given, the first one contains `text`). */
async function waitForRows(page: Page, n: number, text?: string): Promise<void> {
  try {
    await page.waitForFunction(
      ([k, t]) => {
        const rows = document.querySelectorAll("#findings-body tr.row");
        return rows.length === k && (t === undefined || (rows[0]?.textContent ?? "").includes(t));
      },
      [n, text] as const,
      { timeout: 30_000 },
    );
  } catch (e) {
    const seen = await page.evaluate(() => [document.querySelectorAll("#findings-body tr.row").length, document.getElementById("findings-count")?.textContent]);
    throw new Error(`expected ${n} rows, the page shows ${JSON.stringify(seen)}: ${String(e)}`);
  }
}

beforeAll(async () => {
  browser = await launchTestBrowser("hemvist-html-");
  ({ context, dir } = browser);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe("report.html in Chromium", () => {
  it("renders without errors or requests; filters, search and rows work; hostile text stays text", async () => {
    const file = join(dir, "report.html");
    writeFileSync(file, renderHtml(makeDocument(), { lang: "sv" }));
    const { page, requests, errors, dialogs } = await open(file);

    expect(await page.locator("html").getAttribute("lang")).toBe("sv");
    expect(await page.locator("#residency h2").textContent()).toBe("Var finns era data");
    // The residency chart is drawn as inline SVG with one bar per location.
    expect(await page.locator("#residency svg rect").count()).toBeGreaterThanOrEqual(5);

    // Default view: what to act on, fail and not-assessed (8 + 1 in the fixture).
    await waitForRows(page, 9);

    await page.selectOption("#f-severity", "critical");
    await waitForRows(page, 1, "CLS-01");
    expect(await page.locator("#findings-body tr.row").first().textContent()).toContain("CLS-01");

    await page.selectOption("#f-severity", "");
    await page.selectOption("#f-status", "");
    await waitForRows(page, 13);
    await page.selectOption("#f-status", "pass");
    await waitForRows(page, 3);
    await page.selectOption("#f-status", "problems");

    await page.fill("#f-q", "kv-test-åäö");
    await waitForRows(page, 1, "kv-test-åäö");
    const row = page.locator("#findings-body tr.row").first();
    const button = row.locator("button.expand");
    expect(await button.getAttribute("aria-expanded")).toBe("false");
    await button.focus();
    await page.keyboard.press("Enter");
    expect(await button.getAttribute("aria-expanded")).toBe("true");
    const detail = page.locator("#findings-body tr.detail");
    await expect.poll(() => detail.isVisible()).toBe(true);
    const detailText = (await detail.textContent()) ?? "";
    expect(detailText).toContain("properties.enableRbacAuthorization");
    expect(detailText).toContain("Underlag");
    expect(detailText).toContain("- rule: KEY-05");
    expect(detailText).toContain("expires: 2025-08-18");
    await page.keyboard.press("Space");
    expect(await button.getAttribute("aria-expanded")).toBe("false");
    expect(await detail.isVisible()).toBe(false);

    // The hostile name renders as literal text and runs nothing.
    await page.fill("#f-q", "onerror");
    await waitForRows(page, 1, HOSTILE_NAME);
    expect(await page.locator("#findings-body tr.row .rn").first().textContent()).toBe(HOSTILE_NAME);
    await page.locator("#findings-body tr.row button.expand").first().click();
    expect(await page.locator("#findings-body tr.detail").textContent()).toContain("</script><script>alert(2)</script>");
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("script").count()).toBe(3);
    await page.fill("#f-q", "");
    await waitForRows(page, 9);

    // Sorting by a column header reorders the rows and says so.
    await page.locator("#findings-table thead button.sort", { hasText: "Allvarlighet" }).click();
    expect(await page.locator("#findings-table thead th[aria-sort='ascending']").count()).toBe(1);
    expect(await page.locator("#findings-body tr.row").first().textContent()).toContain("Kritisk");
    await page.locator("#findings-table thead button.sort", { hasText: "Allvarlighet" }).click();
    expect(await page.locator("#findings-body tr.row").first().textContent()).toContain("Info");

    // Sections the auditor asks for.
    expect(await page.locator("#overview").textContent()).toContain("AuthorizationFailed");
    expect(await page.locator("#exceptions").textContent()).toContain("Har gått ut");
    // An exception past the horizon is invalid, listed first; a ruleWide one carries a badge.
    expect(await page.locator("#exceptions tbody tr").first().textContent()).toContain("Ogiltigt (tillämpas inte)");
    expect(await page.locator("#exceptions tbody tr").first().locator(".badge.rule-wide").textContent()).toBe("Hela regeln");
    expect(await page.locator("#exceptions .badge.rule-wide").count()).toBe(1);
    expect(await page.locator("#changes").textContent()).toContain("Åtgärdade resultat");
    expect(await page.locator("#changes").textContent()).toContain("Overifierade resultat (räknas inte som åtgärdade)");
    expect(await page.locator("#disabled-rules").textContent()).toContain("Avstängda regler");
    expect(await page.locator("#rules details.rule").count()).toBe(8);

    // Back to reading order, one row open, and a picture for people to look at.
    await page.locator("#findings-table thead button.sort", { hasText: "Status" }).click();
    await waitForRows(page, 9, "CLS-01");
    await page.locator("#findings-body tr.row button.expand").first().click();
    await page.evaluate(() => window.scrollTo(0, 0));
    const out = join(process.cwd(), "test-output");
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "report.html"), renderHtml(makeDocument(), { lang: "sv" }));
    await page.screenshot({ path: join(out, "report.png"), fullPage: true });

    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await page.close();
  }, 120_000);

  it("prints every failure with its evidence, without filters or dark backgrounds", async () => {
    const file = join(dir, "report-print.html");
    writeFileSync(file, renderHtml(makeDocument(), { lang: "sv" }));
    const { page, errors } = await open(file);
    await page.emulateMedia({ media: "print" });
    const printed = page.locator("#print-fails");
    await expect.poll(() => printed.isVisible()).toBe(true);
    expect(await printed.locator(".print-fail").count()).toBe(8);
    const text = (await printed.textContent()) ?? "";
    expect(text).toContain("properties.enableRbacAuthorization");
    expect(text).toContain("properties.encryption.keySource");
    expect(await page.locator("#findings").isVisible()).toBe(false);
    expect(await page.locator(".filters").isVisible()).toBe(false);
    expect(await page.locator("header.top").evaluate((e) => getComputedStyle(e).backgroundColor)).toBe("rgb(255, 255, 255)");
    // Rules open up for print.
    expect(await page.locator("#rules details.rule[open]").count()).toBe(8);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("speaks English with lang en", async () => {
    const file = join(dir, "report-en.html");
    writeFileSync(file, renderHtml(makeDocument(), { lang: "en" }));
    const { page, errors, requests } = await open(file);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator("#residency h2").textContent()).toBe("Where your data lives");
    expect(await page.locator("#findings-body").textContent()).toContain("stmiljodata01 is stored in eastus");
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await page.close();
  }, 120_000);

  it("stays usable with 100,000 results: one page of rows in the DOM, filters return", async () => {
    const doc = makeLargeDocument(100_000);
    const file = join(dir, "report-large.html");
    writeFileSync(file, renderHtml(doc, { lang: "sv" }));
    const { page, errors, requests } = await open(file);

    const problems = doc.results.filter((f) => f.status === "fail" || f.status === "not-assessed").length;
    await waitForRows(page, 100);
    expect(await page.locator("#findings-count").textContent()).toContain(new Intl.NumberFormat("sv-SE").format(problems));
    expect(await page.locator("tr").count()).toBeLessThanOrEqual(300);

    await page.selectOption("#f-severity", "critical");
    const critical = doc.results.filter((f) => (f.status === "fail" || f.status === "not-assessed") && f.severity === "critical").length;
    await expect.poll(() => page.locator("#findings-count").textContent()).toContain(new Intl.NumberFormat("sv-SE").format(critical));
    expect(await rowCount(page)).toBeLessThanOrEqual(100);

    // A text search over every result finds the one resource.
    const target = doc.results[12_345];
    await page.selectOption("#f-severity", "");
    await page.selectOption("#f-status", "");
    await page.fill("#f-q", target?.resourceName ?? "missing");
    await waitForRows(page, 1, target?.resourceName);
    expect(await page.locator("#findings-body tr.row .rn").first().textContent()).toBe(target?.resourceName);

    await page.locator("#findings .pager select").selectOption("250");
    await page.fill("#f-q", "");
    await waitForRows(page, 250);
    expect(await page.locator("tr").count()).toBeLessThanOrEqual(400);

    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await page.close();
  }, 240_000);
});
