/**
 * Who must act in the text formats: subscription name and owner in CSV, SARIF, summary.md and the
 * console. An owner shaped like an e-mail address is personal: never in SARIF (the whole file is
 * searched), a placeholder in summary.md, CSV and the console.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Finding } from "../../src/engine/types.js";
import type { FindingsDocument } from "../../src/findings/types.js";
import { renderConsoleSummary } from "../../src/reporters/console.js";
import { CSV_COLUMNS, renderCsv } from "../../src/reporters/csv.js";
import { renderMarkdown } from "../../src/reporters/markdown.js";
import { renderSarif } from "../../src/reporters/sarif.js";
import { sarifValidatorErrors } from "../helpers/sarif-validator.js";
import { makeDocument, markdownTable } from "./fixture.js";

/** The personal owner: its local part and domain must appear nowhere in SARIF or summary.md. */
const PERSONAL = "Miljöchefen <karl.miljo@exempelby.se>";
const TEAM = "Team Ekonomi";

/** The fixture's document with owners on its first two new failures (one personal, one a team) and subscription names. */
function ownedDocument(): { doc: FindingsDocument; personal: Finding; team: Finding } {
  const doc = makeDocument();
  const fresh = doc.results.filter((f) => f.status === "fail" && f.baselineState === "new" && f.resourceId.startsWith("/subscriptions/"));
  const [personal, team] = fresh;
  if (!personal || !team) throw new Error("the fixture has two new failures of resources");
  personal.subscriptionName = "Produktion";
  personal.owner = { value: PERSONAL, key: "Ansvarig", source: "resource", personal: true };
  team.subscriptionName = "Test & utveckling";
  team.owner = { value: TEAM, key: "owner", source: "resource-group", personal: false };
  return { doc, personal, team };
}

function splitCsv(text: string): string[][] {
  // The fixture's rows hold quoted fields with commas and line breaks: a small RFC 4180 reader.
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  return rows;
}

describe("findings.csv: subscriptionName and owner follow nameWarning (then the rule's title and remediation)", () => {
  const { doc, personal, team } = ownedDocument();
  // Comma-separated for this reader (Swedish defaults to `;`), Swedish headers: columns found by their ids' positions.
  const rows = splitCsv(renderCsv(doc, { lang: "sv", csvDelimiter: "," }).slice(1));
  const header = rows[0] ?? [];
  const at = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
  const who = (r: string[] | undefined) => [r?.[at("subscriptionName")], r?.[at("owner")]];
  const rowOf = (f: Finding) => rows.find((r) => r[at("fingerprint")] === f.fingerprint) ?? [];
  it("appends the two columns to the header", () => {
    expect(header.slice(-4, -2)).toEqual(["Prenumeration", "Ägare"]);
    expect(CSV_COLUMNS.slice(-4, -2)).toEqual(["subscriptionName", "owner"]);
  });
  it("a team owner by value; a personal owner as the placeholder, in the report language", () => {
    expect(who(rowOf(team))).toEqual(["Test & utveckling", TEAM]);
    expect(who(rowOf(personal))).toEqual(["Produktion", "(personlig ägare, se rapporten)"]);
    const en = splitCsv(renderCsv(doc, { lang: "en" }).slice(1));
    expect(who(en.find((r) => r[at("fingerprint")] === personal.fingerprint))).toEqual(["Produktion", "(personal owner, see report)"]);
  });
  it("every row, the baseline's and disabled rules' too, has every column", () => {
    for (const r of rows) expect(r).toHaveLength(header.length);
    expect(rows.length).toBeGreaterThan(doc.results.length);
  });
  it("names no personal owner", () => {
    const text = renderCsv(doc, { lang: "sv" });
    expect(text).not.toContain("karl.miljo");
    expect(text).not.toContain("Miljöchefen");
  });
});

describe("SARIF: subscription name, resource group and a non-personal owner; no personal owner anywhere", () => {
  const { doc, personal, team } = ownedDocument();
  const text = renderSarif(doc, { lang: "sv" });
  const results = (JSON.parse(text) as { runs: { results: { message: { text: string }; partialFingerprints: Record<string, string>; properties: Record<string, unknown> }[] }[] }).runs[0]?.results ?? [];
  const resultOf = (f: Finding) => results.find((r) => r.partialFingerprints["hemvist/v1"] === f.fingerprint);
  it("the team owner's result carries them in properties and says them in the message", () => {
    const r = resultOf(team);
    expect(r?.properties).toMatchObject({ subscriptionName: "Test & utveckling", resourceGroup: team.resourceGroup, owner: { value: TEAM, key: "owner", source: "resource-group" } });
    // In the report language (Swedish here).
    expect(r?.message.text).toContain(`Prenumeration Test & utveckling, resursgrupp ${team.resourceGroup}, ägare ${TEAM} (taggen owner på resursgruppen).`);
  });
  it("the personal owner's result has its subscription and resource group, and no owner", () => {
    const r = resultOf(personal);
    expect(r?.properties).toMatchObject({ subscriptionName: "Produktion", resourceGroup: personal.resourceGroup });
    expect(r?.properties).not.toHaveProperty("owner");
    expect(r?.message.text).toContain(`Prenumeration Produktion, resursgrupp ${personal.resourceGroup}.`);
  });
  it("the whole file holds nothing of the personal owner", () => {
    expect(text).not.toContain("karl.miljo");
    expect(text).not.toContain("Miljöchefen");
    expect(text).not.toContain("Ansvarig");
  });
  const dir = mkdtempSync(join(tmpdir(), "hemvist-owner-sarif-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it("passes Microsoft's SARIF validator with the GitHub rules", async () => {
    expect(await sarifValidatorErrors(dir, "owners", text)).toEqual([]);
  }, 120_000);
});

describe("summary.md: the owner per new failure, a personal owner left out", () => {
  const { doc, personal, team } = ownedDocument();
  it("the new results' table has an owner column: the team by name, the personal owner as the placeholder (Swedish)", () => {
    const md = renderMarkdown(doc, { lang: "sv" });
    const rows = markdownTable(md, "### Nya resultat");
    expect(rows[0]?.at(-1)).toBe("Ägare");
    const cells = rows.slice(1).map((r) => r.at(-1));
    expect(cells).toContain(TEAM);
    expect(cells).toContain("(personlig ägare, se rapporten)");
    expect(cells).toContain("–");
    expect(md).not.toContain("karl.miljo");
    expect(md).not.toContain("Miljöchefen");
  });
  it("in English too", () => {
    const md = renderMarkdown(doc, { lang: "en" });
    const rows = markdownTable(md, "### New results");
    expect(rows[0]?.at(-1)).toBe("Owner");
    expect(rows.slice(1).map((r) => r.at(-1))).toEqual(expect.arrayContaining([TEAM, "(personal owner, see report)"]));
    expect(md).not.toContain("karl.miljo");
    void personal;
    void team;
  });
});

describe("console: a compact [subscription · resource group · owner] after a failure", () => {
  const { doc, personal, team } = ownedDocument();
  it("names the team owner and hides the personal one", () => {
    const sv = renderConsoleSummary(doc, { lang: "sv", files: [], top: 50 });
    expect(sv).toContain(` [Test & utveckling · ${team.resourceGroup} · ägare: ${TEAM}]`);
    expect(sv).toContain(` [Produktion · ${personal.resourceGroup} · ägare: (personlig ägare, se rapporten)]`);
    expect(sv).not.toContain("karl.miljo");
    const en = renderConsoleSummary(doc, { lang: "en", files: [], top: 50 });
    expect(en).toContain(` [Test & utveckling · ${team.resourceGroup} · owner: ${TEAM}]`);
  });
});
