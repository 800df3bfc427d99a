/**
 * findings.csv for spreadsheets, read back by a real CSV parser (csv-parse): Swedish files are
 * separated by `;` (what Swedish Excel splits on) with Swedish headers, a UTF-8 BOM (Swedish Excel
 * needs it to read å, ä, ö), the rule's title and remediation; `--csv-delimiter` gives `,` or tab;
 * quoting and the formula guard hold for every separator.
 */
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CSV_COLUMNS, defaultCsvDelimiter, parseCsvDelimiter, renderCsv } from "../../src/reporters/csv.js";
import type { CsvDelimiter } from "../../src/reporters/types.js";
import { CSV_TRICKY, FORMULA, makeDocument } from "./fixture.js";

const SV_HEADERS = [
  "Regel",
  "Status",
  "Allvarlighetsgrad",
  "Resurs-id",
  "Del",
  "Resurstyp",
  "Prenumerations-id",
  "Resursgrupp",
  "Plats",
  "Klassningsnivå",
  "Klassningens källa",
  "Meddelande",
  "Underlag: egenskap",
  "Underlag: värde som sågs",
  "Underlag: förväntat värde",
  "Jämfört med baslinjen",
  "Undantagets id",
  "Undantaget går ut",
  "Fingeravtryck",
  "Underlag: intygat",
  "Intygande",
  "Namnvarning",
  "Prenumeration",
  "Ägare",
  "Regelns titel",
  "Åtgärd",
];

/** The file as csv-parse reads it with `delimiter`, as records keyed by header (the BOM left in the text: csv-parse strips it with `bom: true`). */
function read(text: string, delimiter: string): { header: string[]; records: Record<string, string>[] } {
  const rows = parse(text, { delimiter, bom: true, relax_column_count: false, record_delimiter: "\r\n" }) as string[][];
  const [header = [], ...rest] = rows;
  return { header, records: rest.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""]))) };
}

describe("findings.csv for Swedish Excel", () => {
  const doc = makeDocument();
  const sv = renderCsv(doc, { lang: "sv" });
  const { header, records } = read(sv, ";");

  it("starts with a UTF-8 BOM and is separated by semicolons by default in Swedish", () => {
    expect(sv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(sv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(sv.slice(1, sv.indexOf("\r\n"))).toBe(SV_HEADERS.join(";"));
    expect(defaultCsvDelimiter("sv")).toBe(";");
    expect(defaultCsvDelimiter("en")).toBe(",");
  });

  it("is read by csv-parse with delimiter ';' into the Swedish columns, every record with every column", () => {
    expect(header).toEqual(SV_HEADERS);
    // 13 results, 2 resolved, 3 unverified baseline results, 2 disabled rules.
    expect(records).toHaveLength(20);
    const raw = parse(sv, { delimiter: ";", bom: true }) as string[][];
    for (const r of raw) expect(r).toHaveLength(CSV_COLUMNS.length);
  });

  it("keeps å, ä, ö in the right columns, with the glossary's words, the rule title and the remediation", () => {
    const kv = records.find((r) => r["Resurs-id"]?.endsWith("/kv-test-åäö"));
    expect(kv).toMatchObject({
      Regel: "KEY-05",
      Meddelande: "kv-test-åäö använder åtkomstprinciper.",
      "Regelns titel": "Key Vault använder Azure RBAC",
      Åtgärd: "Byt valvet till behörighetsmodellen RBAC.",
    });
    const enc = records.find((r) => r.Regel === "ENC-01" && r.Status === "underkänd");
    expect(enc).toMatchObject({ Allvarlighetsgrad: "medel", "Jämfört med baslinjen": "ny", "Regelns titel": "Lagringskonton krypteras med en kundhanterad nyckel" });
    expect(records.find((r) => r.Status === "undantagen")?.["Undantagets id"]).toBe("EXC-2025-004");
    // Baseline rows: the state in the glossary's word, the code after the colon as it is.
    expect(records.filter((r) => (r["Jämfört med baslinjen"] ?? "").startsWith("åtgärdad:")).map((r) => r["Jämfört med baslinjen"])).toEqual(["åtgärdad:passes", "åtgärdad:gone"]);
    expect(records.filter((r) => r.Status === "avstängd regel").map((r) => [r.Regel, r["Regelns titel"]])).toEqual([
      ["ENC-08", "AI-tjänstkonton krypterar med kundhanterad nyckel"],
      ["KEY-03", ""],
    ]);
    // No English status, severity or state reaches the Swedish file.
    for (const r of records) {
      expect(["underkänd", "godkänd", "ej bedömd", "kräver intygande", "undantagen", "avstängd regel"]).toContain(r.Status);
      expect(r.Allvarlighetsgrad).not.toMatch(/^(critical|high|medium|low)$/);
    }
  });

  it("English keeps the column ids and commas, with the rule's English texts", () => {
    const en = renderCsv(doc, { lang: "en" });
    const { header: h, records: rs } = read(en, ",");
    expect(h).toEqual([...CSV_COLUMNS]);
    expect(h.slice(-2)).toEqual(["ruleTitle", "remediation"]);
    expect(rs.find((r) => r.resourceId?.endsWith("/kv-test-åäö"))).toMatchObject({ status: "fail", ruleTitle: "Key Vaults use Azure RBAC", remediation: "Switch the vault to the RBAC permission model." });
  });

  for (const [name, delimiter] of [
    ["comma", ","],
    ["semicolon", ";"],
    ["tab", "\t"],
  ] as const) {
    it(`with ${name}: the tricky and formula values read back intact, the formula neutralised`, () => {
      const text = renderCsv(doc, { lang: "sv", csvDelimiter: delimiter as CsvDelimiter });
      const { records: rs } = read(text, delimiter);
      expect(rs).toHaveLength(20);
      const cls02 = rs.find((r) => r.Regel === "CLS-02");
      const actual = cls02?.["Underlag: värde som sågs"]?.split("\n") ?? [];
      expect(`${actual[3]}\n${actual[4]}`).toBe(CSV_TRICKY);
      expect(actual[5]).toBe(FORMULA);
      // A message that is a formula gets the leading apostrophe whatever the separator.
      const formula = renderCsv({ ...doc, results: [{ ...doc.results[0]!, message: { en: "=1+2", sv: "=1+2" } }], baseline: undefined, disabledRules: undefined }, { lang: "sv", csvDelimiter: delimiter as CsvDelimiter });
      expect(read(formula, delimiter).records[0]?.Meddelande).toBe("'=1+2");
    });
  }

  it("--csv-delimiter accepts , ; tab (any case) and a tab character, nothing else", () => {
    expect([",", ";", "tab", "TAB", "\t"].map(parseCsvDelimiter)).toEqual([",", ";", "\t", "\t", "\t"]);
    expect(["|", "", " ", "comma", "semicolon", ";;"].map(parseCsvDelimiter)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});
