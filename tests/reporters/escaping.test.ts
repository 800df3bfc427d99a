/**
 * The reporters' escaping at its edges, one character at a time: a carriage return alone inside a
 * CSV field (RFC 4180 §2.6: a field holding CR must be quoted, or a reader splits the row there),
 * and a backslash just before `|` in a Markdown table cell (GFM reads `\\|` as an escaped backslash
 * followed by a column separator, unless the backslash itself is escaped).
 */
import { describe, expect, it } from "vitest";
import { renderCsv } from "../../src/reporters/csv.js";
import { csvField, mdEscape } from "../../src/reporters/escape.js";
import { makeDocument } from "./fixture.js";

describe("CSV: a lone carriage return inside a field", () => {
  it("is quoted, the CR kept as it is", () => {
    expect(csvField("rad ett\rrad två")).toBe('"rad ett\rrad två"');
    expect(csvField("slut\r")).toBe('"slut\r"');
  });

  it("a message with a lone CR stays inside its row (outside quotes a CR only ends a record)", () => {
    const doc = makeDocument();
    const target = doc.results.find((f) => f.ruleId === "ENC-01" && f.status === "fail")!;
    target.message = { en: "stmiljodata01 uses Microsoft-managed keys.\rSee ticket INC0012345.", sv: "stmiljodata01 använder nycklar som Microsoft hanterar.\rSe ärende INC0012345." };
    const csv = renderCsv(doc, { lang: "en" });
    expect(csv).toContain('"stmiljodata01 uses Microsoft-managed keys.\rSee ticket INC0012345."');
    // Outside quoted fields, a CR only ever comes before the LF that ends a record.
    const outsideQuotes = csv.replace(/"(?:[^"]|"")*"/g, "");
    expect(outsideQuotes).not.toMatch(/\r(?!\n)/);
  });
});

describe("Markdown: a backslash just before |", () => {
  it("escapes the backslash and the pipe, so the pipe never separates a column", () => {
    expect(mdEscape("C:\\arkiv\\|utdrag")).toBe("C:\\\\arkiv\\\\\\|utdrag");
    expect(mdEscape("slut\\|")).toBe("slut\\\\\\|");
  });
});
