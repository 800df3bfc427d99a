/**
 * Hostile tenant data through `demo --tenant-model`: names, tags, display names and property values
 * with HTML and script, quotes, template and formula syntax, Swedish letters, right-to-left text,
 * emoji, 10,000-character strings, and null where an object is expected. The run must not crash and
 * every report must stay valid and escaped: findings.json and SARIF against their schemas, the HTML
 * in Chromium without a dialog or console error, CSV that parses, Markdown without raw HTML.
 */
import { CHROMIUM_PATH } from "../helpers/chromium.js";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { chromium } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_SUBSCRIPTION_IDS, demoTenant } from "../../src/emulator/demo/index.js";
import type { TenantModel } from "../../src/emulator/model.js";
import { snapshotProblems } from "../../src/snapshot/validate.js";
import { ROOT } from "../e2e/helpers.js";
import { runCli, tempDir } from "./helpers.js";

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => void;

const SCRIPT = `<script>alert("xss-1")</script>`;
const IMG = `"><img src=x onerror=alert('xss-2')>`;
const SVG = `<svg/onload=alert(3)>`;
const QUOTES = `'single' "double" \`back\` \\backslash\\ </textarea></title>]]>-->`;
// biome-ignore lint/suspicious/noTemplateCurlyInString: the hostile value is the literal placeholder text.
const TEMPLATE = "{{name}} ${process.env.HOME} {0} %s";
const FORMULA = `=HYPERLINK("http://evil.example/","klicka")`;
const SWEDISH = "Åsa Öberg-Ängström, Förvaltningen för Säkerhet";
const RTL = "\u202Egpj.exe مرحبا بالعالم שלום";
const EMOJI = "🔥💾🇸🇪👩‍💻";
const MARKDOWN = "| pipe | [click](javascript:alert(4)) `code` **bold** # heading";
const LONG = `L${"å".repeat(4999)}${"x".repeat(5000)}`;
const MIX = [SCRIPT, IMG, SVG, QUOTES, TEMPLATE, FORMULA, SWEDISH, RTL, EMOJI, MARKDOWN].join(" ");
const HOSTILE_VNET = `vnet-${IMG}-${SWEDISH.slice(0, 8)}-${EMOJI}`;

/** The demo tenant, made hostile. */
function hostileModel(): TenantModel {
  const m = demoTenant();
  const [s1] = DEMO_SUBSCRIPTION_IDS as [string];
  m.displayName = `Exempelkommun ${SCRIPT}`;
  for (const sub of m.subscriptions) {
    sub.displayName = `${sub.displayName} ${SCRIPT} ${RTL} ${EMOJI}`;
    sub.tags = { ...sub.tags, [`ägare ${SCRIPT}`]: MIX };
    for (const rg of sub.resourceGroups) rg.tags = { ...(rg.tags as object), beskrivning: `${IMG} ${QUOTES}` };
    for (const [i, r] of sub.resources.entries()) {
      r.tags = { ...(r.tags as object), beskrivning: MIX, [`nyckel-${EMOJI}`]: FORMULA, lång: LONG };
      // null where an object is expected, on some resources of each kind.
      if (i % 5 === 1 && r.properties && typeof r.properties === "object") {
        const p = r.properties as Record<string, unknown>;
        for (const k of ["encryption", "networkAcls", "keyVaultProperties", "dataEncryption", "attributes"]) if (k in p) p[k] = null;
      }
      if (i % 7 === 3) r.sku = null as unknown as undefined;
      if (i % 9 === 4) r.tags = null as unknown as undefined;
    }
  }
  const sub1 = m.subscriptions.find((s) => s.subscriptionId === s1);
  const rg = sub1?.resourceGroups[0];
  if (sub1 && rg) {
    sub1.resources.push({
      id: `${rg.id}/providers/Microsoft.Network/virtualNetworks/${HOSTILE_VNET}`,
      name: HOSTILE_VNET,
      type: "Microsoft.Network/virtualNetworks",
      location: "westeurope",
      tags: { beskrivning: MIX, lång: LONG },
      properties: null as unknown as Record<string, unknown>,
    });
  }
  const g = m.graph ?? {};
  for (const u of g.users ?? []) {
    u.displayName = `${u.displayName} ${SCRIPT} ${RTL}`;
    u.jobTitle = LONG;
  }
  for (const grp of g.groups ?? []) grp.displayName = `${MIX}`;
  for (const site of g.sites ?? []) site.displayName = `${IMG} ${EMOJI}`;
  const users = g.users ?? [];
  if (users[1]) users[1].preferredDataLocation = null;
  if (users[2]) users[2].displayName = null;
  for (const org of g.organization ?? []) {
    org.displayName = `Exempelkommun ${SCRIPT} ${SWEDISH}`;
    org.verifiedDomains = null;
  }
  return m;
}

let out = "";
let run: Awaited<ReturnType<typeof runCli>>;

beforeAll(async () => {
  const dir = await tempDir("hemvist-hostile-");
  await writeFile(join(dir, "hostile.json"), JSON.stringify(hostileModel()));
  out = join(dir, "out");
  run = await runCli(["demo", "--tenant-model", join(dir, "hostile.json"), "--out", out, "--lang", "en"]);
}, 120_000);

describe("hostile tenant data", () => {
  it("the run does not crash and reports a real exit code", () => {
    expect(run.stderr).not.toMatch(/crashed|\n\s+at /);
    expect(run.code, run.stderr).toBe(0);
    // Nothing refused reading the hostile tenant; the hostile VNet in westeurope fails RES-01 (high).
    expect(run.stdout).toContain("A real audit of this tenant would exit with code 1 (failing results). The demo itself exits 0.");
  });

  it("the snapshot keeps the hostile values verbatim and is valid", async () => {
    const text = await readFile(join(out, "snapshot.json"), "utf8");
    const snap = JSON.parse(text);
    expect(snapshotProblems(snap)).toEqual([]);
    expect(text).toContain(JSON.stringify(LONG).slice(1, -1));
    expect(text).toContain(JSON.stringify(HOSTILE_VNET).slice(1, -1));
  });

  it("findings.json is valid against its schema and names the hostile resource", async () => {
    const doc = JSON.parse(await readFile(join(out, "findings.json"), "utf8"));
    const schema = JSON.parse(readFileSync(join(ROOT, "schemas/findings.schema.json"), "utf8"));
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const ok = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(doc.results.some((r: any) => r.ruleId === "RES-01" && r.status === "fail" && r.resourceName === HOSTILE_VNET)).toBe(true);
  });

  it("SARIF is valid against the SARIF 2.1.0 schema", async () => {
    const sarif = JSON.parse(await readFile(join(out, "findings.sarif"), "utf8"));
    const schema = JSON.parse(readFileSync(join(ROOT, "schemas/sarif-2.1.0.json"), "utf8"));
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const ok = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    // Artifact locations are URI references even for a name with quotes, brackets and emoji.
    for (const r of sarif.runs[0].results) {
      const uri = r.locations?.[0]?.physicalLocation?.artifactLocation?.uri;
      if (uri !== undefined) expect(uri).not.toMatch(/[<>"\s{}|\\^`]/);
    }
  });

  it("CSV parses: every row has the header's column count; formula cells are neutralised", async () => {
    const rows = parseCsv(await readFile(join(out, "findings.csv"), "utf8"));
    const width = rows[0]?.length ?? 0;
    expect(width).toBeGreaterThan(5);
    expect(rows.length).toBeGreaterThan(50);
    expect(rows.filter((r) => r.length !== width)).toEqual([]);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/);
    expect(rows.some((r) => r.some((c) => c.includes(HOSTILE_VNET)))).toBe(true);
  });

  it("Markdown has no raw HTML from the tenant", async () => {
    const md = await readFile(join(out, "summary.md"), "utf8");
    expect(md).not.toMatch(/<script/i);
    expect(md).not.toMatch(/<img/i);
    expect(md).not.toMatch(/<svg/i);
    expect(md).not.toMatch(/\]\(javascript:/i);
  });

  it("the HTML report opens in Chromium: no dialog, no console error, no request, the hostile name shown as text", async () => {
    const chromiumPath = CHROMIUM_PATH;
    expect(existsSync(chromiumPath), `Chromium is needed at ${chromiumPath} (set HEMVIST_CHROMIUM to use another)`).toBe(true);
    const profile = join(await tempDir("hemvist-hostile-profile-"), "profile");
    await mkdir(profile, { recursive: true });
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    try {
      const page = await context.newPage();
      const dialogs: string[] = [];
      const errors: string[] = [];
      const requests: string[] = [];
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(String(e)));
      page.on("request", (r) => requests.push(r.url()));
      const url = pathToFileURL(join(out, "report.html")).href;
      await page.goto(url, { waitUntil: "load", timeout: 60_000 });
      await page.waitForSelector("#findings-body tr.row", { timeout: 60_000 });
      // Search for the hostile resource so its row is rendered, then expand every visible row.
      const search = page.locator("input[type=search]").first();
      if ((await search.count()) > 0) await search.fill("vnet-");
      await page.waitForTimeout(300);
      for (const row of (await page.locator("#findings-body tr.row").all()).slice(0, 10)) await row.click();
      await page.waitForTimeout(300);
      // innerText: what the reader sees (hidden template text excluded).
      // biome-ignore lint/performance/useDomNodeTextContent: rendered text is the point.
      const text = await page.evaluate(() => document.body.innerText);
      expect(text).toContain(HOSTILE_VNET);
      const injected = await page.evaluate(() => document.querySelectorAll("img, svg[onload], [onerror], [onload]").length);
      const inlineScripts = await page.evaluate(() => [...document.querySelectorAll("script")].filter((s) => (s.textContent ?? "").includes("xss-1")).map((s) => s.type));
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      expect(requests.filter((r) => r !== url)).toEqual([]);
      // The only place the payload text may sit in a script element is the JSON data block.
      expect(inlineScripts.every((t) => t === "application/json")).toBe(true);
      expect(injected, "no element came from tenant data").toBe(0);
    } finally {
      await context.close();
    }
  }, 90_000);
});

/** RFC 4180 CSV parser (quoted fields, doubled quotes, CRLF or LF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === "") && !(r.length === 1 && r[0] === "\ufeff"));
}
