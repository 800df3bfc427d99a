/**
 * report.html in Chromium: the region filter and column show one region however ARM spelled it
 * ("Sweden Central" from a Cosmos DB payload, "swedencentral" elsewhere), Microsoft 365 geos as given.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtml } from "../../src/reporters/html.js";
import { launchTestBrowser, type TestBrowser } from "../helpers/chromium.js";
import { makeDocument } from "./fixture.js";

let browser: TestBrowser | undefined;

beforeAll(async () => {
  browser = await launchTestBrowser("hemvist-region-");
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe("report.html region filter", () => {
  it("lists Sweden Central once and filters both spellings with it", async () => {
    const doc = makeDocument();
    const swedish = doc.results.filter((f) => f.location === "swedencentral");
    expect(swedish.length).toBeGreaterThanOrEqual(2);
    (swedish[0] as { location: string }).location = "Sweden Central";
    const expected = swedish.length;
    const azureRegions = [...new Set(doc.results.filter((f) => f.location && !f.resourceId.startsWith("/tenants/")).map((f) => (f.location as string).toLowerCase().replace(/\s+/g, "")))].sort();
    const geos = [...new Set(doc.results.filter((f) => f.location && f.resourceId.startsWith("/tenants/")).map((f) => f.location as string))].sort();
    const { context, dir } = browser as TestBrowser;
    const file = join(dir, "report.html");
    writeFileSync(file, renderHtml(doc, { lang: "en" }));
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    await page.waitForSelector("#findings-body tr.row");
    const options = (await page.locator("#f-region option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).filter((v) => v !== "");
    expect(options).toEqual([...azureRegions, ...geos].sort());
    expect(options).not.toContain("Sweden Central");
    expect(geos.length).toBeGreaterThan(0);
    // Show every status, then only Sweden Central: both spellings' results.
    await page.selectOption("#f-status", "");
    await page.selectOption("#f-region", "swedencentral");
    await page.waitForFunction((n) => document.querySelectorAll("#findings-body tr.row").length === n, expected);
    const cells = await page.locator("#findings-body tr.row").allTextContents();
    expect(cells.length).toBe(expected);
    for (const t of cells) expect(t).toContain("swedencentral");
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith("file:"))).toEqual([]);
  }, 120_000);
});
