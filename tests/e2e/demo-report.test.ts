/**
 * Issue 4's acceptance on the demo's own output: all five formats; the SARIF valid against the
 * official schema and clean under Microsoft's validator with GitHub's rules; report.html in real
 * headless Chromium — no console error, no network request, severity filter and search work, a
 * resource named `<img src=x onerror=alert(1)>` and tags with quotes and ampersands stay text.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { chromium } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_SUBSCRIPTION_IDS, demoTenant } from "../../src/emulator/demo/index.js";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../helpers/chromium.js";
import { sarifValidatorErrors } from "../helpers/sarif-validator.js";
import { ROOT, readJson, runCli, tempDir } from "./helpers.js";

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => void;
const IMG = "<img src=x onerror=alert(1)>";
const TAG = `"Ekonomi" & 'Lön' — "A&B"`;
let dir: string;
let out: string;

beforeAll(async () => {
  dir = await tempDir("hemvist-demo-report-");
  const model = demoTenant();
  const sub = model.subscriptions.find((s) => s.subscriptionId === DEMO_SUBSCRIPTION_IDS[0])!;
  const rg = sub.resourceGroups[0]!;
  sub.resources.push({
    id: `${rg.id}/providers/Microsoft.Network/virtualNetworks/${IMG}`,
    name: IMG,
    type: "Microsoft.Network/virtualNetworks",
    location: "westeurope",
    tags: { kostnadsställe: TAG, "ägare & förvaltning": `"it" & 'drift'` },
    properties: { provisioningState: "Succeeded", addressSpace: { addressPrefixes: ["10.42.0.0/16"] }, subnets: [] },
  });
  await writeFile(join(dir, "model.json"), JSON.stringify(model));
  out = join(dir, "out");
  const r = await runCli(["demo", "--tenant-model", join(dir, "model.json"), "--out", out, "--quiet"]);
  expect(r.code, r.stderr).toBe(0);
}, 120_000);

describe("the demo's reports", () => {
  it("writes all five formats", () => {
    for (const f of ["findings.json", "report.html", "findings.sarif", "summary.md", "findings.csv"]) expect(existsSync(join(out, f)), f).toBe(true);
  });

  it("SARIF: valid against the official 2.1.0 schema and clean under Microsoft's validator with GitHub's rules", async () => {
    const text = readFileSync(join(out, "findings.sarif"), "utf8");
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, "schemas/sarif-2.1.0.json"), "utf8")));
    const ok = validate(JSON.parse(text));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(await sarifValidatorErrors(dir, "demo", text)).toEqual([]);
    const doc = await readJson(join(out, "findings.json"));
    const sarif = JSON.parse(text);
    const s = doc.summary.byStatus;
    expect(sarif.runs[0].results.length).toBe(s.fail + s["not-assessed"] + s["attestation-required"] + s.excepted);
    // The demo leaves Customer Key's policies unattested: a review result of level none, naming what to attest.
    const needs = sarif.runs[0].results.filter((r: { properties: { status: string } }) => r.properties.status === "attestation-required");
    expect(needs.map((r: { ruleId: string; kind: string; level: string; properties: { part: string } }) => [r.ruleId, r.properties.part, r.kind, r.level])).toEqual([["ACC-02", "configured", "review", "none"]]);
    // In the report language (the demo's default, Swedish).
    expect(needs[0].message.text).toContain("Kräver intygande i konfigurationen (attestations.customerKeyPolicies, saknas).");
  }, 120_000);

  it("report.html in Chromium: no console error or request, filters and search work, hostile text stays text", async () => {
    expect(existsSync(CHROMIUM_PATH), `Chromium is needed at ${CHROMIUM_PATH}`).toBe(true);
    const profile = join(dir, "profile");
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1400, height: 1000 } });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      const dialogs: string[] = [];
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      page.on("pageerror", (e) => errors.push(String(e)));
      page.on("request", (r) => requests.push(r.url()));
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      const url = `file://${join(out, "report.html")}`;
      await page.goto(url);
      await page.waitForSelector("#findings-body tr.row");
      const rows = () => page.locator("#findings-body tr.row").count();
      const before = await rows();
      await page.selectOption("#f-severity", "critical");
      const critical = await rows();
      expect(critical).toBeGreaterThan(0);
      expect(critical).toBeLessThan(before);
      for (const t of await page.locator("#findings-body tr.row").allTextContents()) expect(t).toMatch(/Kritisk/);
      await page.selectOption("#f-severity", "");
      await page.selectOption("#f-status", "");
      await page.fill("#f-q", "onerror");
      await page.waitForTimeout(300);
      expect(await rows()).toBeGreaterThan(0);
      expect(await page.locator("#findings-body tr.row .rn").first().textContent()).toBe(IMG);
      await page.locator("#findings-body tr.row button.expand").first().click();
      const detail = (await page.locator("#findings-body tr.detail").first().textContent()) ?? "";
      expect(detail).toContain(IMG);
      expect(await page.locator("img").count()).toBe(0);
      const html = await page.content();
      expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
      mkdirSync(join(ROOT, "test-output"), { recursive: true });
      await page.screenshot({ path: join(ROOT, "test-output", "demo-report.png"), fullPage: false });
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      expect(requests.filter((r) => r !== url)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it("tags keep their quotes and ampersands in the snapshot, and the hostile name never stands unescaped in report.html", async () => {
    const snap = await readJson(join(out, "snapshot.json"));
    const vnet = snap.subscriptions.flatMap((s: any) => s.collections.resources ?? []).find((r: any) => r.name === IMG);
    expect(vnet.tags.kostnadsställe).toBe(TAG);
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).not.toContain(IMG);
  });
});
