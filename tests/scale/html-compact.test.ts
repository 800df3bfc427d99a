/**
 * The HTML report's compact results: the page's own decoder gives back every field of every result,
 * the report shrinks, and small reports still embed the document as is.
 */
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/engine/types.js";
import { browserScript, renderHtml } from "../../src/reporters/html.js";
import { sortFindings } from "../../src/findings/document.js";
import type { DataCopy } from "../../src/findings/types.js";
import { COLUMNS, COMPACT_THRESHOLD, encodeColumn, encodeCopies, encodeResults } from "../../src/reporters/html/compact.js";
import { makeDataMap } from "../reporters/datamap-fixture.js";
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
    const data = JSON.parse(block(html)) as { results?: unknown; resultsCompact?: { count: number; cols: number[][] } };
    expect(data.results).toBeUndefined();
    expect(data.resultsCompact?.count).toBe(20_000);
    const plainSize = JSON.stringify(large).length;
    expect(block(html).length).toBeLessThan(plainSize / 3);
    const decoded = expand(data.resultsCompact).map(plain);
    expect(decoded).toEqual(JSON.parse(JSON.stringify(large.results)));

    const small = makeDocument();
    expect(small.results.length).toBeLessThanOrEqual(COMPACT_THRESHOLD);
    expect(JSON.parse(block(renderHtml(small, { lang: "sv" })))).toEqual(JSON.parse(JSON.stringify(small)));
  });
});

describe("the compact form's columns", () => {
  it("stores each cell as index + 1 (0 = absent) and a run of repeats as minus its length, across chunks", () => {
    // Rows of two cells: [5, -], [5, -], [5, 3], [7, 3], the last two in a second chunk.
    const chunks = [Int32Array.of(5, -1, 5, -1), Int32Array.of(5, 3, 7, 3)];
    const out: number[] = [];
    expect(encodeColumn(chunks, 2, 0, out)).toBe(3);
    expect(out).toEqual([6, -2, 8]);
    const second: number[] = [];
    expect(encodeColumn(chunks, 2, 1, second)).toBe(4);
    expect(second).toEqual([0, -1, 4, -1]);
    // A run at the very end, and one row.
    const last: number[] = [];
    encodeColumn([Int32Array.of(0, 0, 0)], 1, 0, last);
    expect(last).toEqual([1, -2]);
    const one: number[] = [];
    encodeColumn([Int32Array.of(9)], 1, 0, one);
    expect(one).toEqual([10]);
  });

  it("decodes runs back to every row's cells in the page (one rule, one subscription: a few numbers per column)", () => {
    // In report order, as the renderer gets them (sorted by status, severity and rule).
    const large = { ...makeLargeDocument(6_000) };
    large.results = sortFindings([...large.results]);
    const c = encodeResults(large.results);
    const ruleCol = c.cols[COLUMNS.findIndex(([k]) => k === "ruleId")]!;
    // The same rule id in runs: far fewer numbers than rows.
    expect(ruleCol.length).toBeLessThan(large.results.length / 10);
    expect(expand(JSON.parse(JSON.stringify(c))).map(plain)).toEqual(JSON.parse(JSON.stringify(large.results)));
  });
});

describe("the data map's copies in report.html", () => {
  const copies = new Function(`${browserScript("expand")}; return hemvistCopies;`)() as (c: unknown) => Record<string, unknown>[];
  /** What the page gets of a copy (compact.ts COPY_COLUMNS), absent fields left out. */
  const shown = (c: DataCopy): Record<string, unknown> =>
    JSON.parse(
      JSON.stringify({ resourceId: c.resourceId, kind: c.kind, state: c.state, source: { ruleId: c.source.ruleId }, resourceName: c.resourceName, region: c.region, primaryRegion: c.primaryRegion, unreadableReason: c.unreadableReason }),
    );

  it("decodes to what the page shows of every copy (names inside ids, the marker character, no name, hostile text)", () => {
    const base = makeDataMap().copies;
    const odd: DataCopy[] = [
      // The name twice in the id (a resource group named like the account).
      { ...base[0]!, resourceId: "/subscriptions/s/resourceGroups/stprodsvc/providers/Microsoft.Storage/storageAccounts/stprodsvc", resourceName: "stprodsvc" },
      // An id that already holds U+0001: stored as is.
      { ...base[1]!, resourceId: "/subscriptions/s/x\u0001y/stprodsvc", resourceName: "stprodsvc" },
      // No name, a one-letter name, a name not in the id.
      { ...base[2]!, resourceName: undefined },
      { ...base[3]!, resourceName: "c" },
      { ...base[4]!, resourceName: "elsewhere" },
    ];
    const all = [...base, ...odd];
    const c = encodeCopies(all);
    expect(c.rows).toHaveLength(all.length * c.stride);
    expect(copies(JSON.parse(JSON.stringify(c)))).toEqual(all.map(shown));
  });

  it("embeds the copies compactly (one template for the ids of a resource group) and the page's document keeps the rest of the data map", () => {
    const dm = makeDataMap();
    const template = dm.copies[0]!;
    dm.copies = Array.from({ length: 10_000 }, (_, i) => ({ ...template, resourceId: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st${i}`, resourceKey: `/subscriptions/s/resourcegroups/rg/providers/microsoft.storage/storageaccounts/st${i}`, resourceName: `st${i}`, source: { ruleId: "RES-01", fingerprint: `${i}`.padStart(32, "0") } }));
    const html = renderHtml({ ...makeDocument(), dataMap: dm }, { lang: "en" });
    const data = JSON.parse(block(html)) as { dataMap: { copies?: unknown; copiesCompact: { strings: string[] }; regions: unknown; m365: unknown; m365Unreadable: unknown } };
    expect(data.dataMap.copies).toBeUndefined();
    expect(data.dataMap.regions).toEqual(JSON.parse(JSON.stringify(dm.regions)));
    expect(data.dataMap.m365).toEqual(dm.m365);
    expect(data.dataMap.m365Unreadable).toEqual(dm.m365Unreadable);
    // 10,000 names, one id template and a few shared values.
    expect(data.dataMap.copiesCompact.strings.filter((s) => s.includes("\u0001"))).toEqual(["/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/\u0001"]);
    expect(copies(data.dataMap.copiesCompact)).toEqual(dm.copies.map(shown));
    expect(block(html).length).toBeLessThan(JSON.stringify(dm.copies).length / 5);
  });
});
