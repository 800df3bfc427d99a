/**
 * report.html's data map in a real browser (headless Chromium, offline): a marker per region that
 * holds a copy, a line per primary region → copy region and kind, the table saying the same in
 * words (legal regimes in Swedish and English), the unreadable copy and the region without
 * coordinates listed, Microsoft 365 noted; no network request, tenant strings as text. Pictures
 * of the section (sv, en) go to test-output/ for people to look at.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataCopy, DataMap } from "../../src/findings/types.js";
import { renderHtml } from "../../src/reporters/html.js";
import { launchTestBrowser, openReport, type TestBrowser, type WatchedPage } from "../helpers/chromium.js";
import { makeDataMapDocument } from "./datamap-fixture.js";
import { HOSTILE_NAME, makeDocument } from "./fixture.js";

let dir = "";
let context: BrowserContext;
let browser: TestBrowser | undefined;

const open = (file: string): Promise<WatchedPage> => openReport(context, file);

/** The table's rows as [no, region, country, regime, allowed, copies, resources] texts. */
async function tableRows(page: Page): Promise<string[][]> {
  return page.locator("#residency table.dm-table tbody tr").evaluateAll((trs) =>
    trs.map((tr) => Array.from(tr.children).map((c) => (c.textContent ?? "").replace(/\s+/g, " ").trim())),
  );
}

beforeAll(async () => {
  browser = await launchTestBrowser("hemvist-datamap-");
  ({ context, dir } = browser);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe("report.html's data map in Chromium", () => {
  it("draws a marker per region and a line per primary → copy, and says the same in a Swedish table", async () => {
    const file = join(dir, "report-sv.html");
    const html = renderHtml(makeDataMapDocument(), { lang: "sv" });
    writeFileSync(file, html);
    const { page, requests, errors, dialogs } = await open(file);

    expect(await page.locator("#residency h2").textContent()).toBe("Datakarta: var finns era data");
    expect(await page.locator('nav.toc a[href="#residency"]').textContent()).toBe("Datakarta");
    // The world view: one marker per region with coordinates (swedencentral, swedensouth, norwayeast, westeurope, eastus).
    const world = page.locator("#residency svg.dm-world");
    expect(await world.getAttribute("role")).toBe("img");
    const worldRegions = await world.locator("g.dm-marker").evaluateAll((gs) => gs.map((g) => g.getAttribute("data-region")).sort());
    expect(worldRegions).toEqual(["eastus", "norwayeast", "swedencentral", "swedensouth", "westeurope"]);
    // The Europe view numbers the European ones; eastus lies outside it.
    const europe = page.locator("#residency svg.dm-europe");
    const europeRegions = await europe.locator("g.dm-marker").evaluateAll((gs) => gs.map((g) => g.getAttribute("data-region")).sort());
    expect(europeRegions).toEqual(["norwayeast", "swedencentral", "swedensouth", "westeurope"]);
    // Where East US's line leaves the Europe view, its number and name say where it goes.
    expect(await europe.locator("text.dm-edge").evaluateAll((ts) => ts.map((t) => [t.getAttribute("data-region"), t.textContent]))).toEqual([["eastus", "← 6 East US"]]);
    // Not allowed: a diamond, not a circle.
    expect(await europe.locator('g.dm-marker[data-region="norwayeast"] path').count()).toBe(1);
    expect(await europe.locator('g.dm-marker[data-region="norwayeast"] circle').count()).toBe(0);
    expect(await europe.locator('g.dm-marker[data-region="swedensouth"] circle').count()).toBe(1);

    // Shapes and markers share the projection: each marker lies inside its country's shape.
    const inside = (view: typeof world, region: string, group: string) =>
      view.locator(`g.dm-marker[data-region="${region}"]`).evaluate((g, grp) => {
        const land = (g as SVGGElement).ownerSVGElement?.querySelector<SVGGeometryElement>(`path.dm-land-${grp}`);
        const x = Number(g.getAttribute("data-x"));
        const y = Number(g.getAttribute("data-y"));
        return land?.isPointInFill(new DOMPoint(x, y)) === true;
      }, group);
    expect(await inside(europe, "swedencentral", "sweden")).toBe(true);
    expect(await inside(europe, "swedensouth", "sweden")).toBe(true);
    expect(await inside(europe, "norwayeast", "eueea")).toBe(true);
    expect(await inside(europe, "westeurope", "eueea")).toBe(true);
    expect(await inside(europe, "westeurope", "sweden")).toBe(false);
    expect(await inside(world, "swedencentral", "sweden")).toBe(true);
    expect(await inside(world, "eastus", "other")).toBe(true);

    // One line per primary region → copy region and kind that both have coordinates.
    for (const view of [world, europe]) {
      const lines = await view.locator("path.dm-line").evaluateAll((ps) => ps.map((p) => `${p.getAttribute("data-from")}>${p.getAttribute("data-to")}:${p.getAttribute("data-kind")}`).sort());
      expect(lines).toEqual(["swedencentral>eastus:key", "swedencentral>norwayeast:replica", "swedencentral>swedensouth:secondary", "swedencentral>westeurope:backup"]);
    }
    const label = (await world.getAttribute("aria-label")) ?? "";
    expect(label).toBe(
      "Världen: Datakarta. Datakopior: 13. Regioner: 7, varav ej tillåtna av profilen: 5. Datakopior vars plats inte kunde läsas: 1. Regioner utan koordinater (bara i tabellen): 2.",
    );

    const rows = await tableRows(page);
    const byRegion = (name: string) => rows.find((r) => (r[1] ?? "").includes(name)) ?? [];
    expect(rows).toHaveLength(8);
    expect(byRegion("Sweden Central").slice(2, 5)).toEqual(["Sverige (SE)", "Sverige", "✔Tillåten"]);
    expect(byRegion("Sweden Central")[5]).toBe("primär: 6");
    expect(byRegion("Sweden South").slice(3, 6)).toEqual(["Sverige", "✔Tillåten", "sekundär kopia: 1"]);
    expect(byRegion("Norway East").slice(2, 6)).toEqual(["Norge (NO)", "EES utanför EU (Norge, Island, Liechtenstein)", "✖Ej tillåten", "replik: 1"]);
    expect(byRegion("West Europe").slice(2, 6)).toEqual(["Nederländerna (NL)", "EU", "✖Ej tillåten", "säkerhetskopia: 1"]);
    expect(byRegion("East US").slice(2, 6)).toEqual(["USA (US)", "USA: adekvat endast för mottagare certifierade enligt EU–US Data Privacy Framework", "✖Ej tillåten", "nyckel: 1"]);
    expect(byRegion("East US")[6]).toBe(HOSTILE_NAME);
    expect(byRegion("global").slice(3, 6)).toEqual(["Okänd rättslig ordning", "✖Ej tillåten", "AI-bearbetning: 1"]);
    expect(byRegion("Poland Central")[1]).toContain("Saknar koordinater: visas inte på kartan.");
    expect(byRegion("Poland Central").slice(3, 6)).toEqual(["EU", "✖Ej tillåten", "redundanspartner: 1"]);
    // The copy whose location could not be read: its own row, marked, with its resource.
    const unreadable = rows[rows.length - 1] ?? [];
    expect(unreadable.slice(1, 2)).toEqual(["Plats okänd: kunde inte läsas"]);
    expect(unreadable[5]).toBe("säkerhetskopia: 1kunde inte läsas: 1");
    expect(unreadable[6]).toBe("rsv-prod");
    expect(await page.locator("#residency .dm-unreadable-note").textContent()).toContain("Datakopior vars plats inte kunde läsas: 1.");
    // Every copy in the full list, the unreadable one first and marked.
    expect(await page.locator("#residency table.dm-copies tbody tr").count()).toBe(13);
    expect(await page.locator("#residency table.dm-copies tbody tr").first().textContent()).toContain("kunde inte läsas");
    // … with why it could not be read, in Swedish (findings.json holds "the region has no known pair").
    expect(await page.locator("#residency table.dm-copies tbody tr").first().locator(".dm-reason").textContent()).toBe("regionen har inget känt regionpar");

    // The legend says every colour and shape in words.
    const legend = (await page.locator("#residency .dm-legend").textContent()) ?? "";
    expect(await page.locator("#residency .dm-legend ul").first().locator("li").allTextContents()).toEqual([
      "Sverige",
      "EU",
      "EES utanför EU (Norge, Island, Liechtenstein)",
      "USA: adekvat endast för mottagare certifierade enligt EU–US Data Privacy Framework",
      "Okänd rättslig ordning",
    ]);
    for (const words of ["romb med mörkröd kant: regionen tillåts inte av profilen", "replik", "nyckel", "övriga EU och EES"]) expect(legend).toContain(words);

    // Microsoft 365: geos with regimes, and the users that could not be read.
    expect(await page.locator("#residency table.dm-m365 tbody tr").count()).toBe(3);
    expect(await page.locator("#residency .dm-m365-unreadable").textContent()).toContain("Användare: okänt antal kunde inte läsas – Graph 403 Authorization_RequestDenied: User.Read.All is missing");

    // The table is reachable by keyboard.
    expect(await page.locator("#residency .table-wrap").first().getAttribute("tabindex")).toBe("0");
    // Tenant strings are text: the hostile resource name made no element.
    expect(await page.locator("img").count()).toBe(0);

    const out = join(process.cwd(), "test-output");
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "report-datamap-sv.html"), html);
    // The navigation bar sticks to the top of the window; in the picture it would cover the section.
    await page.addStyleTag({ content: "nav.toc { position: static !important; }" });
    await page.locator("#residency").screenshot({ path: join(out, "report-datamap-sv.png") });

    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await page.close();
  }, 120_000);

  it("draws markers of neighbouring regions apart, with a leader to where the region is", async () => {
    // Sweden South (Malmö) and Denmark East (Copenhagen) lie about 25 km apart.
    const doc = makeDataMapDocument();
    const dm = doc.dataMap as DataMap;
    dm.regions.push({ name: "denmarkeast", displayName: "Denmark East", latitude: 55.6761, longitude: 12.5683, country: "DK", regime: "eu", allowed: false });
    dm.copies.push({ ...(dm.copies[3] as DataCopy), kind: "replica", region: "denmarkeast" });
    const file = join(dir, "report-near.html");
    writeFileSync(file, renderHtml(doc, { lang: "sv" }));
    const { page, errors } = await open(file);
    const boxes = await page.locator("#residency svg.dm-europe g.dm-marker").evaluateAll((gs) =>
      gs.map((g) => {
        const b = (g as SVGGElement).getBBox();
        return { region: g.getAttribute("data-region"), x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height };
      }),
    );
    expect(boxes.map((b) => b.region).sort()).toEqual(["denmarkeast", "norwayeast", "swedencentral", "swedensouth", "westeurope"]);
    for (const a of boxes)
      for (const b of boxes) if (a !== b) expect(a.x1 <= b.x0 || b.x1 <= a.x0 || a.y1 <= b.y0 || b.y1 <= a.y0, `${a.region} overlaps ${b.region}`).toBe(true);
    expect(await page.locator("#residency svg.dm-europe path.dm-leader").count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("says the legal regimes in English", async () => {
    const file = join(dir, "report-en.html");
    const html = renderHtml(makeDataMapDocument(), { lang: "en" });
    writeFileSync(file, html);
    const { page, requests, errors } = await open(file);
    expect(await page.locator("#residency h2").textContent()).toBe("Data map: where your data lives");
    expect(await page.locator('nav.toc a[href="#residency"]').textContent()).toBe("Data map");
    const rows = await tableRows(page);
    const regimes = rows.map((r) => r[3]);
    expect(regimes).toEqual([
      "Sweden",
      "Sweden",
      "EU",
      "EU",
      "EEA outside the EU (Norway, Iceland, Liechtenstein)",
      "USA: adequate only for recipients certified under the EU–US Data Privacy Framework",
      "Legal regime unknown",
      "Legal regime unknown",
    ]);
    expect(rows[rows.length - 1]?.[1]).toBe("Location unknown: could not be read");
    expect(rows.find((r) => (r[1] ?? "").includes("Norway East"))?.[2]).toBe("Norway (NO)");
    const out = join(process.cwd(), "test-output");
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "report-datamap-en.html"), html);
    await page.addStyleTag({ content: "nav.toc { position: static !important; }" });
    await page.locator("#residency").screenshot({ path: join(out, "report-datamap-en.png") });
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await page.close();
  }, 120_000);

  it("still shows the residency charts for a findings.json without a data map", async () => {
    const file = join(dir, "report-old.html");
    const doc = makeDocument();
    expect(doc.dataMap).toBeUndefined();
    writeFileSync(file, renderHtml(doc, { lang: "en" }));
    const { page, requests, errors } = await open(file);
    expect(await page.locator("#residency h2").textContent()).toBe("Where your data lives");
    expect(await page.locator('nav.toc a[href="#residency"]').textContent()).toBe("Where your data lives");
    expect(await page.locator("#residency svg.dm-view").count()).toBe(0);
    expect(await page.locator("#residency .chartbox svg").count()).toBe(2);
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await page.close();
  }, 120_000);
});
