/**
 * Who must act in report.html, in headless Chromium (offline): subscription names where GUIDs were,
 * the owner on each row and in its details, and the findings table grouped by owner or subscription
 * with headings and counts, the results without an owner in their own group last; also above
 * COMPACT_THRESHOLD, where the results are embedded compactly.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Finding } from "../../src/engine/types.js";
import type { FindingsDocument } from "../../src/findings/types.js";
import { renderHtml } from "../../src/reporters/html.js";
import { COMPACT_THRESHOLD } from "../../src/reporters/html/compact.js";
import { launchTestBrowser, type TestBrowser } from "../helpers/chromium.js";
import { makeDocument, makeLargeDocument, SUB_PROD, SUB_TEST } from "./fixture.js";

const PERSONAL = "karl.miljo@exempelby.se";
let browser: TestBrowser | undefined;

beforeAll(async () => {
  browser = await launchTestBrowser("hemvist-owner-html-");
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

/** The fixture with subscription names, a team owner on the production subscription's results and a personal owner on one of them. */
function ownedDocument(): FindingsDocument {
  const doc = makeDocument();
  let personalGiven = false;
  for (const f of doc.results as Finding[]) {
    if (f.subscriptionId === SUB_PROD) {
      f.subscriptionName = "Produktion";
      if (!personalGiven && f.status === "fail" && f.resourceGroup !== undefined) {
        f.owner = { value: PERSONAL, key: "ansvarig", source: "resource", personal: true };
        personalGiven = true;
      } else f.owner = { value: "Team Ekonomi", key: "owner", source: "subscription", personal: false };
    } else if (f.subscriptionId === SUB_TEST) f.subscriptionName = "Test och utveckling";
  }
  return doc;
}

async function open(file: string): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  if (!browser) throw new Error("no browser");
  const page = await browser.context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: "load", timeout: 120_000 });
  await page.waitForSelector("#findings-body tr.row", { timeout: 120_000 });
  return { page, requests, errors };
}

/** The table as the page shows it: group headings (`# title – n resultat`) and each row's owner line. */
async function tableLines(page: Page): Promise<string[]> {
  return page.locator("#findings-body > tr:not(.detail)").evaluateAll((trs) =>
    trs.map((tr) => (tr.classList.contains("group-head") ? `# ${tr.textContent ?? ""}` : (tr.querySelector(".who .owner")?.textContent ?? "-"))),
  );
}

const problems = (f: Finding) => f.status === "fail" || f.status === "not-assessed" || f.status === "attestation-required";

describe("report.html: who must act", () => {
  it("groups the findings by owner and by subscription, with headings, counts and the ownerless group last", async () => {
    const doc = ownedDocument();
    const file = join(browser!.dir, "owners.html");
    writeFileSync(file, renderHtml(doc, { lang: "sv" }));
    const { page, requests, errors } = await open(file);

    // The grouping control: none, owner, subscription.
    expect(await page.locator("#f-group option").allTextContents()).toEqual(["ingen", "ägare", "prenumeration"]);
    expect(await page.locator("label[for=f-group]").textContent()).toContain("Gruppera efter");
    expect(await page.locator("tr.group-head").count()).toBe(0);

    // Expected counts from the fixture itself (the default view lists what to act on).
    const shown = doc.results.filter(problems);
    const team = shown.filter((f) => f.owner?.value === "Team Ekonomi").length;
    const personal = shown.filter((f) => f.owner?.value === PERSONAL).length;
    const none = shown.filter((f) => !f.owner).length;
    expect([team, personal, none].every((k) => k > 0)).toBe(true);

    await page.selectOption("#f-group", "owner");
    await expect.poll(() => page.locator("tr.group-head").count()).toBe(3);
    const lines = await tableLines(page);
    // Headings in order (by title, the ownerless group last), each followed by exactly its rows.
    expect(lines.filter((l) => l.startsWith("# "))).toEqual([`# ${PERSONAL} – ${personal} resultat`, `# Team Ekonomi – ${team} resultat`, `# Ingen ägare angiven – ${none} resultat`]);
    expect(lines).toEqual([
      `# ${PERSONAL} – ${personal} resultat`,
      ...Array(personal).fill(`Ägare: ${PERSONAL}`),
      `# Team Ekonomi – ${team} resultat`,
      ...Array(team).fill("Ägare: Team Ekonomi"),
      `# Ingen ägare angiven – ${none} resultat`,
      ...Array(none).fill("-"),
    ]);
    expect(await page.locator("tr.group-head.group-none").getAttribute("data-group")).toBe("");
    // Rows stay rows: the count line counts results, not headings.
    expect(await page.locator("#findings-body tr.row").count()).toBe(shown.length);

    // Grouped by subscription: names, the GUID beside them; tenant-level results in their own group.
    await page.selectOption("#f-group", "sub");
    const subHeads = await page.locator("tr.group-head").allTextContents();
    const prod = shown.filter((f) => f.subscriptionId === SUB_PROD).length;
    const test = shown.filter((f) => f.subscriptionId === SUB_TEST).length;
    const other = shown.length - prod - test;
    expect(subHeads).toEqual([
      `Produktion ${SUB_PROD} – ${prod} resultat`,
      `Test och utveckling ${SUB_TEST} – ${test} resultat`,
      ...(other > 0 ? [`Ingen prenumeration (klientorganisationen) – ${other} resultat`] : []),
    ]);

    // Filters still apply inside groups; clearing the filters clears the grouping too.
    await page.selectOption("#f-severity", "critical");
    const critical = shown.filter((f) => f.severity === "critical");
    await expect.poll(() => page.locator("#findings-body tr.row").count()).toBe(critical.length);
    expect(await page.locator("tr.group-head").count()).toBe(new Set(critical.map((f) => f.subscriptionId ?? "")).size);
    await page.getByRole("button", { name: "Rensa filter" }).click();
    await expect.poll(() => page.locator("tr.group-head").count()).toBe(0);
    expect(await page.locator("#f-group").inputValue()).toBe("");

    // The subscription filter and the residency table name subscriptions; the GUID is the title.
    const subOptions = await page.locator("#f-sub option").allTextContents();
    expect(subOptions).toContain(`Produktion – ${SUB_PROD}`);
    const residencySub = page.locator(`#residency .subname[data-subscription-id="${SUB_PROD}"]`).first();
    expect(await residencySub.getAttribute("title")).toBe(SUB_PROD);
    expect(await residencySub.textContent()).toBe(`Produktion (${SUB_PROD})`);
    expect(await residencySub.isVisible()).toBe(true);

    // A row's details: subscription by name, its id, the resource group and the owner with its tag.
    await page.selectOption("#f-group", "owner");
    const first = page.locator("#findings-body tr.row").first();
    expect(await first.locator(".who").textContent()).toBe(`Produktion (${SUB_PROD}) · ${doc.results.find((f) => f.owner?.personal)?.resourceGroup} · Ägare: ${PERSONAL}`);
    await first.locator("button.expand").click();
    const detail = page.locator("#findings-body tr.detail");
    await expect.poll(() => detail.isVisible()).toBe(true);
    const dl = await detail.locator("dl.meta").first().evaluate((d) => {
      const out: Record<string, string> = {};
      const dts = d.querySelectorAll("dt");
      for (const dt of dts) out[dt.textContent ?? ""] = dt.nextElementSibling?.textContent ?? "";
      return out;
    });
    expect(dl.Prenumeration).toBe("Produktion");
    expect(dl["Prenumerations-id"]).toBe(SUB_PROD);
    expect(dl["Ägare"]).toBe(`${PERSONAL} (tagg ansvarig på resursen)personuppgift: visas inte i SARIF, summary.md, CSV eller konsolen`);

    mkdirSync(join(process.cwd(), "test-output"), { recursive: true });
    await page.locator("#findings").screenshot({ path: join(process.cwd(), "test-output", "owner-grouping.png") });
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await page.close();
  }, 120_000);

  it("above COMPACT_THRESHOLD the owners and subscription names survive the compact encoding and group the same way", async () => {
    const count = COMPACT_THRESHOLD + 1000;
    const doc = makeLargeDocument(count);
    const teams = ["Team Ekonomi", "Team Skola", "Team Vård"];
    (doc.results as Finding[]).forEach((f, i) => {
      f.subscriptionName = `Prenumeration ${f.subscriptionId?.slice(0, 1)}`;
      if (i % 4 !== 3) f.owner = { value: teams[i % 4] as string, key: "owner", source: "resource-group", personal: false };
    });
    const html = renderHtml(doc, { lang: "en" });
    expect(html).toContain('"resultsCompact":');
    const file = join(browser!.dir, "owners-large.html");
    writeFileSync(file, html);
    const { page, errors, requests } = await open(file);
    await page.selectOption("#f-status", "");
    await page.selectOption("#f-group", "owner");
    const expected = [
      ...teams.map((t) => `${t} – ${new Intl.NumberFormat("en-GB").format(doc.results.filter((f) => f.owner?.value === t).length)} results`),
      `No owner given – ${new Intl.NumberFormat("en-GB").format(doc.results.filter((f) => !f.owner).length)} results`,
    ];
    // Only the first page is in the DOM: its first heading is the first group's; the rest are read by paging to the end.
    await expect.poll(() => page.locator("tr.group-head").first().textContent()).toBe(expected[0]);
    await page.locator("#findings .pager select").selectOption("250");
    const seen = new Set<string>();
    for (let i = 0; i < Math.ceil(count / 250); i++) {
      for (const h of await page.locator("tr.group-head").allTextContents()) seen.add(h);
      const next = page.getByRole("button", { name: "Next" });
      if (await next.isDisabled()) break;
      await next.click();
    }
    expect([...seen]).toEqual(expected);
    const subOptions = await page.locator("#f-sub option").allTextContents();
    expect(subOptions).toContain(`Prenumeration 0 – ${"0".repeat(8)}-0000-4000-8000-${"0".repeat(12)}`);
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await page.close();
  }, 240_000);
});

describe("compact encoding: owner and subscription name are columns", () => {
  it("encodes them in their own cells (interned), not as extras, and decodes them exactly", async () => {
    const { COMPACT_COLUMNS, encodeResults } = await import("../../src/reporters/html/compact.js");
    const { browserScript } = await import("../../src/reporters/html.js");
    const expand = new Function(`${browserScript("expand")}; return hemvistExpand;`)() as (c: unknown) => (Record<string, unknown> & { extra(): unknown })[];
    expect(COMPACT_COLUMNS.slice(-2)).toEqual(["subscriptionName:s", "owner:j"]);
    const doc = ownedDocument();
    const c = encodeResults(doc.results);
    // The team owner is one string in the table, however many rows carry it.
    expect(c.strings.filter((s) => s.includes("Team Ekonomi"))).toHaveLength(1);
    const rows = expand(JSON.parse(JSON.stringify(c)));
    doc.results.forEach((f, i) => {
      expect(rows[i]?.owner).toEqual(f.owner);
      expect(rows[i]?.subscriptionName).toBe(f.subscriptionName);
      expect(rows[i]?.extra()).toBeNull();
    });
  });
});
