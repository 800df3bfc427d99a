/**
 * report.html's Needs attestation section in headless Chromium (offline): no console errors, no
 * requests, hostile texts from the rules and the configuration shown as text and run nothing, the
 * status colour distinct and legible; writes test-output/report-attestation.png for people to look at.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtml } from "../../src/reporters/html.js";
import { launchTestBrowser, type TestBrowser } from "../helpers/chromium.js";
import { ATTESTER, HOSTILE_EXAMPLE, HOSTILE_READ_AT, HOSTILE_SOURCE, HOSTILE_WHAT, makeAttestationDocument, missingDefaultGeo } from "./fixture.js";

let dir = "";
let context: BrowserContext;
let browser: TestBrowser | undefined;

beforeAll(async () => {
  browser = await launchTestBrowser("hemvist-attest-html-");
  ({ context, dir } = browser);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** WCAG contrast ratio of two `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/\d+/g) ?? []).slice(0, 3).map((x) => {
      const v = Number(x) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

describe("report.html's Needs attestation section in Chromium", () => {
  it("renders the needs and the attestations as text, without errors or requests, in a legible colour of its own", async () => {
    const file = join(dir, "report.html");
    const html = renderHtml(makeAttestationDocument([missingDefaultGeo()]), { lang: "en" });
    writeFileSync(file, html);
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    const dialogs: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    await page.waitForSelector("#attestation .attest-item");

    const section = page.locator("#attestation");
    expect(await section.locator("h2").textContent()).toBe("Needs attestation");
    expect(await section.locator(".attest-item").count()).toBe(2);
    const text = (await section.textContent()) ?? "";
    for (const s of [HOSTILE_WHAT, HOSTILE_READ_AT, HOSTILE_SOURCE, ATTESTER]) expect(text).toContain(s);
    expect(await section.locator("pre").nth(1).textContent()).toBe(HOSTILE_EXAMPLE);
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("b").count()).toBe(0);
    expect(await page.locator("script").count()).toBe(3);

    // The badge's colour is its own (not fail's, not not-assessed's) and reads at AA (4.5:1) or better.
    const colours = async (sel: string) =>
      page.locator(sel).first().evaluate((e) => {
        const s = getComputedStyle(e);
        return [s.color, s.backgroundColor];
      });
    const [fg, bg] = await colours("#attestation .badge.st-attestation-required");
    expect(contrast(fg as string, bg as string)).toBeGreaterThanOrEqual(4.5);
    expect(fg).not.toBe((await colours(".badge.st-fail"))[0]);
    expect(fg).not.toBe((await colours(".badge.st-not-assessed"))[0]);

    const out = join(process.cwd(), "test-output");
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "report-attestation.html"), html);
    await page.locator("#attestation").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(out, "report-attestation.png"), fullPage: true });

    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await page.close();
  }, 120_000);

  it("shows attested evidence in a finding's details as attested by whom, when and where", async () => {
    const file = join(dir, "report-evidence.html");
    writeFileSync(file, renderHtml(makeAttestationDocument(), { lang: "sv" }));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    await page.waitForSelector("#findings-body tr.row");
    await page.locator("#findings-body tr.row", { hasText: "EUR (intygad)" }).locator("button.expand").click();
    const note = page.locator("#findings-body tr.detail .attested-note");
    await expect.poll(() => note.isVisible()).toBe(true);
    expect(await note.textContent()).toBe(`✎Intygatintygat av ${ATTESTER} 2024-06-01, avläst i ${HOSTILE_SOURCE}attestations.m365DefaultGeo`);
    const out = join(process.cwd(), "test-output");
    mkdirSync(out, { recursive: true });
    await page.locator("#findings-body tr.detail").screenshot({ path: join(out, "report-attested-evidence.png") });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
