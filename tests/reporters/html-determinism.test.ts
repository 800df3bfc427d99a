/**
 * report.html depends on the findings document only: rendered under two clocks years apart and two
 * different random sequences, the bytes are the same, and what it embeds is the document as given
 * (an expectation from the fixture, not from an earlier render).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderHtml } from "../../src/reporters/html.js";
import { makeDocument } from "./fixture.js";

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function renderAt(iso: string, random: number, lang: "sv" | "en"): string {
  vi.useFakeTimers({ now: new Date(iso), toFake: ["Date"] });
  vi.spyOn(Math, "random").mockReturnValue(random);
  try {
    return renderHtml(makeDocument(), { lang });
  } finally {
    vi.useRealTimers();
    vi.restoreAllMocks();
  }
}

describe("report.html depends on the document only", () => {
  for (const lang of ["sv", "en"] as const) {
    it(`${lang}: the same bytes under another clock and other random numbers`, () => {
      const a = renderAt("2020-01-01T00:00:00Z", 0.01, lang);
      const b = renderAt("2031-06-30T23:59:59Z", 0.99, lang);
      expect(b).toBe(a);
      // Nothing of either clock reaches the page; the document's own dates do.
      for (const year of ["2020-01-01", "2031-06-30"]) expect(a).not.toContain(year);
      expect(a).toContain("2025-05-20T02:14:07.512Z");
      const open = '<script type="application/json" id="hemvist-data">';
      const data = a.slice(a.indexOf(open) + open.length, a.indexOf("</script>", a.indexOf(open)));
      expect(JSON.parse(data)).toEqual(JSON.parse(JSON.stringify(makeDocument())));
    });
  }
});
