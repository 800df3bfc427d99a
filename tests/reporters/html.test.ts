/**
 * HTML reporter, as text: the embedded document round-trips, nothing can close the data block,
 * nothing is loaded from the network, and the page language follows the options.
 */
import { describe, expect, it } from "vitest";
import { jsonForScript } from "../../src/reporters/escape.js";
import { EXCEPTION_STUB_DAYS, renderHtml } from "../../src/reporters/html.js";
import type { FindingsDocument } from "../../src/findings/types.js";
import { HOSTILE_NAME, makeDocument } from "./fixture.js";

function block(html: string, id: string): string {
  const open = `<script type="application/json" id="${id}">`;
  const start = html.indexOf(open);
  expect(start, `no #${id} block`).toBeGreaterThanOrEqual(0);
  const end = html.indexOf("</script>", start + open.length);
  return html.slice(start + open.length, end);
}

describe("renderHtml", () => {
  const doc = makeDocument();
  const sv = renderHtml(doc, { lang: "sv" });
  const en = renderHtml(doc, { lang: "en" });

  it("embeds the document as JSON that parses back to it", () => {
    const data = block(sv, "hemvist-data");
    expect(JSON.parse(data) as FindingsDocument).toEqual(JSON.parse(JSON.stringify(doc)));
  });

  it("escapes the data so no tenant string can close the script element", () => {
    const data = block(sv, "hemvist-data");
    expect(data).not.toMatch(/<\/script/i);
    expect(data).not.toContain("<");
    expect(data).not.toContain(">");
    expect(data).not.toContain("&");
    expect(data).toContain("\\u003cimg src=x onerror=alert(1)\\u003e");
    expect(data).toContain("\\u003c/script\\u003e");
    // The hostile strings appear nowhere in raw form.
    expect(sv).not.toContain(HOSTILE_NAME);
    expect(sv).not.toContain("</script><script>alert(2)");
    // One data block, one meta block, one program: exactly three script elements close.
    expect(sv.match(/<\/script>/g)).toHaveLength(3);
  });

  it("escapes U+2028 and U+2029 too", () => {
    const out = jsonForScript({ s: "a\u2028b\u2029c</script>&" });
    expect(out).toBe('{"s":"a\\u2028b\\u2029c\\u003c/script\\u003e\\u0026"}');
    expect(JSON.parse(out)).toEqual({ s: "a\u2028b\u2029c</script>&" });
  });

  it("loads nothing from the network: no remote src, no @import, no url(), and a CSP that forbids it", () => {
    for (const html of [sv, en]) {
      // Tenant data (which holds `<img src=x …>` as escaped text) is checked above; here the page itself.
      const page = html.replace(/<script type="application\/json" id="hemvist-data">[\s\S]*?<\/script>/, "");
      expect(page.length).toBeLessThan(html.length);
      expect(page).not.toMatch(/\ssrc\s*=/i);
      expect(page).not.toMatch(/\.src\s*=/);
      expect(page).not.toMatch(/@import/i);
      expect(page).not.toMatch(/url\(/i);
      expect(page).not.toMatch(/<link\b/i);
      expect(page).not.toMatch(/<(iframe|img|object|embed|video|audio)\b/i);
      expect(page).not.toMatch(/\b(fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon|importScripts)\b/);
      expect(page).toContain("default-src 'none'");
      // The only URL in the page's own code is the SVG namespace (not a load).
      const urls = page.match(/https?:\/\/[^\s"'<>)]+/g) ?? [];
      expect(urls.filter((u) => u !== "http://www.w3.org/2000/svg")).toEqual([]);
    }
  });

  it("is Swedish by default and English with lang en", () => {
    expect(sv).toMatch(/^<!DOCTYPE html>\n<html lang="sv">/);
    expect(en).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    const svMeta = JSON.parse(block(sv, "hemvist-meta")) as { lang: string; labels: { navResidency: string } };
    const enMeta = JSON.parse(block(en, "hemvist-meta")) as { lang: string; labels: { navResidency: string } };
    expect(svMeta.lang).toBe("sv");
    expect(svMeta.labels.navResidency).toBe("Var finns era data");
    expect(enMeta.labels.navResidency).toBe("Where your data lives");
    expect(sv).toContain("<title>Hemvist – rapport om datahemvist – Exempelby kommun");
    expect(en).toContain("<title>Hemvist – data residency report – Exempelby kommun");
  });

  it("dates the exception stub 90 days after generatedAt, not by the clock", () => {
    const meta = JSON.parse(block(sv, "hemvist-meta")) as { stubExpires: string };
    expect(EXCEPTION_STUB_DAYS).toBe(90);
    expect(meta.stubExpires).toBe("2025-08-18");
  });

  it("is deterministic", () => {
    expect(renderHtml(makeDocument(), { lang: "sv" })).toBe(sv);
  });
});
