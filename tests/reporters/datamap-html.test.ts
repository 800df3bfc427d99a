/**
 * report.html with a data map, as text: the page texts carry the map's drawing data only when the
 * document has a data map, within a size budget, and the embedded data map stays data.
 */
import { describe, expect, it } from "vitest";
import type { PageDocument, PageMeta } from "../../src/reporters/html/browser/page.js";
import { renderHtml } from "../../src/reporters/html.js";
import { pageMapData } from "../../src/reporters/html/worldmap.js";
import { htmlLabels } from "../../src/reporters/html/labels.js";
import { REASONS } from "../../src/findings/datamap.js";
import { makeDataMap, makeDataMapDocument } from "./datamap-fixture.js";
import { HOSTILE_NAME, makeDocument } from "./fixture.js";

/** The `#hemvist-meta` block of a page, parsed. */
function metaOf(html: string): { map?: { views: { id: string; width: number; height: number; shapes: Record<string, string> }[]; points: Record<string, Record<string, [number, number]>> } } {
  const m = /<script type="application\/json" id="hemvist-meta">([^<]*)<\/script>/.exec(html);
  expect(m).not.toBeNull();
  return JSON.parse(m?.[1] ?? "null");
}

describe("report.html's data map data", () => {
  it("is what the page script reads (the type checker confirms it: browser/page.d.ts)", () => {
    const map: PageMeta["map"] = pageMapData(makeDataMap());
    const dataMap: PageDocument["dataMap"] = makeDataMap();
    expect(map?.views).toHaveLength(2);
    expect(dataMap?.copies).toHaveLength(13);
  });

  it("embeds the views and the projected regions when the document has a data map, and nothing without one", () => {
    const withMap = renderHtml(makeDataMapDocument(), { lang: "sv" });
    const without = renderHtml(makeDocument(), { lang: "sv" });
    const map = metaOf(withMap).map;
    expect(map?.views.map((v) => v.id)).toEqual(["europe", "world"]);
    for (const v of map?.views ?? []) for (const g of ["sweden", "eueea", "other"]) expect(v.shapes[g]).toMatch(/^M\d/);
    expect(Object.keys(map?.points ?? {}).sort()).toEqual(["eastus", "norwayeast", "swedencentral", "swedensouth", "westeurope"]);
    expect(metaOf(without).map).toBeUndefined();
    // The country shapes cost well under 100 KB a page (they are drawn from 1:50m and 1:110m Natural Earth, thinned).
    expect(withMap.length - without.length).toBeLessThan(100_000);
    // Tenant strings of the data map stay inside the escaped JSON: the hostile name never appears as markup.
    expect(withMap).not.toContain(HOSTILE_NAME);
  });

  it("has a Swedish text for every fixed reason a location could not be read, and the English page shows findings.json's own", () => {
    const sv = htmlLabels("sv").copyReasons;
    const en = htmlLabels("en").copyReasons;
    for (const reason of Object.values(REASONS)) {
      expect(sv[reason], reason).toBeTruthy();
      expect(sv[reason]).not.toBe(reason);
    }
    expect(Object.keys(sv).sort()).toEqual(Object.values(REASONS).sort());
    expect(en).toEqual({});
  });
});
