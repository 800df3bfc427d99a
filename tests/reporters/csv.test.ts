/**
 * CSV reporter: RFC 4180 framing (CRLF, quoting, doubled quotes), BOM, one row per result,
 * formula-injection guard, Swedish letters intact.
 */
import { describe, expect, it } from "vitest";
import { CSV_COLUMNS, renderCsv } from "../../src/reporters/csv.js";
import { csvField } from "../../src/reporters/escape.js";
import { CSV_TRICKY, FORMULA, HOSTILE_NAME, LONG_TEXT, makeDocument } from "./fixture.js";

/** A strict RFC 4180 reader: records end with CRLF; quoted fields may hold anything. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error("unterminated quote");
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      const m = /[,\r\n]/.exec(text.slice(i));
      const end = m ? i + m.index : text.length;
      field = text.slice(i, end);
      if (field.includes('"')) throw new Error(`bare quote in unquoted field: ${field}`);
      i = end;
    }
    row.push(field);
    if (text[i] === ",") i++;
    else if (text.startsWith("\r\n", i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else if (i < text.length) throw new Error(`unexpected character at ${i}: ${JSON.stringify(text[i])}`);
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

describe("renderCsv", () => {
  const doc = makeDocument();
  // Comma-separated for this reader (Swedish defaults to `;`: csv-excel.test.ts reads that with csv-parse).
  const sv = renderCsv(doc, { lang: "sv", csvDelimiter: "," });
  const en = renderCsv(doc, { lang: "en" });
  const rows = parseCsv(sv.slice(1));
  const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);

  it("starts with a BOM and ends every record with CRLF, never a bare LF between records", () => {
    expect(sv.charCodeAt(0)).toBe(0xfeff);
    expect(sv.endsWith("\r\n")).toBe(true);
    // Every LF outside quoted fields is preceded by CR: strip quoted fields and check.
    const unquoted = sv.replace(/"(?:[^"]|"")*"/g, "");
    expect(unquoted).not.toMatch(/[^\r]\n/);
  });

  it("has the header, one row per result, then the baseline's resolved and unverified results and the disabled rules, each with every column", () => {
    // Swedish headers, in column order.
    expect(rows[0]?.slice(0, 4)).toEqual(["Regel", "Status", "Allvarlighetsgrad", "Resurs-id"]);
    expect(rows[0]?.slice(-2)).toEqual(["Regelns titel", "Åtgärd"]);
    expect(parseCsv(en.slice(1))[0]).toEqual([...CSV_COLUMNS]);
    // 13 results, 2 resolved, 3 unverified, 2 disabled rules.
    expect(rows).toHaveLength(1 + 13 + 2 + 3 + 2);
    for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS.length);
    expect(rows.slice(1, 14).map((r) => r[col("fingerprint")])).toEqual(doc.results.map((f) => f.fingerprint));
  });

  it("shows unverified apart from resolved: baseline state with the kind or reason, last night's status and message", () => {
    const enRows = parseCsv(en.slice(1));
    const pick = (r: string[]) => [r[col("ruleId")], r[col("status")], r[col("severity")], r[col("resourceId")]?.split("/").pop(), r[col("part")], r[col("baselineState")], r[col("message")]];
    expect(enRows.slice(14).map(pick)).toEqual([
      ["KEY-01", "fail", "high", "kv-gammal", "", "resolved:passes", "kv-gammal can be purged."],
      ["RES-01", "fail", "high", "disk-old|pipe", "", "resolved:gone", "disk-old|pipe is stored in northeurope."],
      ["ENC-08", "fail", "high", "oai-socialtjanst", "", "unverified:rule-disabled", "oai-socialtjanst uses Microsoft-managed keys."],
      ["KEY-01", "fail", "high", "kv-oläst", "", "unverified:scope-unreadable", "kv-oläst can be purged."],
      ["ENC-01", "not-assessed", "medium", "starkivdolt", "blob", "unverified:out-of-view", "starkivdolt uses Microsoft-managed keys; contact anna.svensson@exempelby.se."],
      ["ENC-08", "rule-disabled", "", "", "", "", "AI service accounts encrypt with a customer-managed key"],
      ["KEY-03", "rule-disabled", "", "", "", "", ""],
    ]);
    expect(parseCsv(sv.slice(1))[19]?.[col("message")]).toBe("AI-tjänstkonton krypterar med kundhanterad nyckel");
  });

  it("without a baseline or disabled rules, only the results follow the header", () => {
    const plain = renderCsv({ ...doc, baseline: undefined, disabledRules: undefined }, { lang: "sv", csvDelimiter: "," });
    expect(parseCsv(plain.slice(1))).toHaveLength(1 + 13);
  });

  it("quotes a field with comma, quote and newline, doubling the quotes, and reads back exactly", () => {
    expect(csvField('a,"b"\nc')).toBe('"a,""b""\nc"');
    expect(sv).toContain('""IT, drift""');
    const cls02 = rows.find((r) => r[col("ruleId")] === "CLS-02");
    const actual = cls02?.[col("evidenceActual")]?.split("\n") ?? [];
    // Five evidence entries, one line each; the tricky value holds a newline itself.
    expect(cls02?.[col("evidencePath")]?.split("\n")).toEqual(["tags.confidentiality", "tags.owner", "tags.note", "tags.contact", "tags.formula"]);
    expect(actual[0]).toBe("");
    expect(actual[1]).toBe(`O'Brien "ops" & co 🔐`);
    expect(actual[2]).toBe(LONG_TEXT);
    expect(`${actual[3]}\n${actual[4]}`).toBe(CSV_TRICKY);
    expect(actual[5]).toBe(FORMULA);
  });

  it("guards against formula injection at the start of a cell", () => {
    for (const bad of ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"]) {
      const out = csvField(bad);
      const value = out.startsWith('"') ? out.slice(1, -1).replace(/""/g, '"') : out;
      expect(value).toBe(`'${bad}`);
    }
    expect(csvField("/subscriptions/x")).toBe("/subscriptions/x");
    expect(csvField("a=b")).toBe("a=b");
    const cls02 = rows.find((r) => r[col("ruleId")] === "CLS-02");
    expect(cls02?.[col("evidenceActual")]?.startsWith("=")).toBe(false);
    const formulaOnly = renderCsv({ ...doc, results: [{ ...doc.results[0]!, message: { en: FORMULA, sv: FORMULA } }] }, { lang: "sv", csvDelimiter: "," });
    expect(parseCsv(formulaOnly.slice(1))[1]?.[col("message")]).toBe(`'${FORMULA}`);
  });

  it("quotes a field holding a semicolon or a tab, so Excel's other separators (Swedish Excel splits on ;) never start a formula cell", () => {
    expect(csvField("westeurope;=cmd|' /C calc'!A0")).toBe(`"westeurope;=cmd|' /C calc'!A0"`);
    expect(csvField("a\tb")).toBe('"a\tb"');
    // Split as Swedish Excel splits an unquoted line, no cell begins with a formula prefix.
    const line = ["RES-01", "westeurope;=HYPERLINK(\"http://x\")", "a;@SUM(1)"].map(csvField).join(",");
    const cells: string[] = [];
    let cur = "";
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if ((ch === ";" || ch === ",") && !quoted) {
        cells.push(cur);
        cur = "";
      } else cur += ch;
    }
    cells.push(cur);
    expect(cells).toEqual(["RES-01", "westeurope;=HYPERLINK(http://x)", "a;@SUM(1)"]);
    expect(cells.some((c) => /^[=+\-@]/.test(c))).toBe(false);
  });

  it("keeps Swedish letters, RTL text and the hostile name as they are", () => {
    expect(sv).toContain("kv-test-åäö använder åtkomstprinciper.");
    expect(sv).toContain("خادم البيانات الرئيسي");
    const hostile = rows.find((r) => r[col("resourceId")]?.endsWith(HOSTILE_NAME));
    expect(hostile?.[col("status")]).toBe("underkänd");
  });

  it("writes messages in the chosen language and carries baseline and exception columns", () => {
    const enRows = parseCsv(en.slice(1));
    const enc = enRows.find((r) => r[col("ruleId")] === "ENC-01" && r[col("status")] === "fail");
    expect(enc?.[col("message")]).toBe("stmiljodata01 uses Microsoft-managed keys.");
    expect(enc?.[col("baselineState")]).toBe("new");
    const excepted = rows.find((r) => r[col("status")] === "undantagen");
    expect(excepted?.[col("exceptionId")]).toBe("EXC-2025-004");
    expect(excepted?.[col("exceptionExpires")]).toBe("2025-09-30");
    const user = rows.find((r) => r[col("ruleId")] === "RES-10" && r[col("status")] === "underkänd");
    expect(user?.[col("part")]).toBe("user");
    expect(user?.[col("classificationLevel")]).toBe("");
  });
});
