/**
 * The HTML report's compact results: the page's own decoder gives back every field of every result,
 * the report shrinks, and small reports still embed the document as is.
 */
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/engine/types.js";
import { browserScript, renderHtml } from "../../src/reporters/html.js";
import { COLUMNS, COMPACT_THRESHOLD, encodeResults } from "../../src/reporters/html/compact.js";
import { makeDocument, makeLargeDocument } from "../reporters/fixture.js";

type Row = Record<string, unknown> & { extra(): Record<string, unknown> | null };
const expand = new Function(`${browserScript("expand")}; return hemvistExpand;`)() as (c: unknown) => Row[];
const FIELDS = [...new Set(COLUMNS.map(([k]) => k.split(".")[0]!))];

/** A decoded row as a plain object (absent fields left out), for deep comparison. */
function plain(r: Row): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of FIELDS) if (r[k] !== undefined) out[k] = r[k];
  return { ...out, ...(r.extra() ?? {}) };
}

function block(html: string): string {
  const open = '<script type="application/json" id="hemvist-data">';
  const start = html.indexOf(open) + open.length;
  return html.slice(start, html.indexOf("</script>", start));
}

describe("compact results in report.html", () => {
  it("decodes to exactly the results (every field, hostile strings, names inside ids and messages)", () => {
    const doc = makeDocument();
    const results = [...doc.results] as Finding[];
    // Edge cases: a result whose message contains the marker character, an unknown extra field, no name.
    const first = results[0]!;
    results.push({ ...first, fingerprint: "f".repeat(32), message: { en: `odd \u0001 text ${first.resourceName}`, sv: "x" } });
    results.push({ ...first, fingerprint: "e".repeat(32), resourceName: undefined as unknown as string, futureField: { a: [1, 2] } } as unknown as Finding);
    const c = encodeResults(results);
    const back = expand(JSON.parse(JSON.stringify(c))).map(plain);
    expect(back).toEqual(JSON.parse(JSON.stringify(results)));
  });

  it("embeds large reports compactly (a fraction of the size), small ones unchanged", () => {
    const large = makeLargeDocument(20_000);
    const html = renderHtml(large, { lang: "sv" });
    const data = JSON.parse(block(html)) as { results?: unknown; resultsCompact?: { rows: number[] } };
    expect(data.results).toBeUndefined();
    expect(data.resultsCompact?.rows.length).toBeGreaterThan(0);
    const plainSize = JSON.stringify(large).length;
    expect(block(html).length).toBeLessThan(plainSize / 3);
    const decoded = expand(data.resultsCompact).map(plain);
    expect(decoded).toEqual(JSON.parse(JSON.stringify(large.results)));

    const small = makeDocument();
    expect(small.results.length).toBeLessThanOrEqual(COMPACT_THRESHOLD);
    expect(JSON.parse(block(renderHtml(small, { lang: "sv" })))).toEqual(JSON.parse(JSON.stringify(small)));
  });
});
