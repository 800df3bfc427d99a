/**
 * report.html's page scripts (src/reporters/html/browser) import nothing of the product: they read
 * the embedded document and page texts as browser/page.d.ts types them. Here the type checker
 * (npm run typecheck) confirms that what the renderer embeds is that: the findings document with
 * its results or their compact form, and htmlLabels of every language.
 */
import { describe, expect, it } from "vitest";
import { LANGS } from "../../src/base/lang.js";
import type { Finding } from "../../src/engine/types.js";
import type { FindingsDocument } from "../../src/findings/types.js";
import type { PageDocument, PageFinding, PageMeta } from "../../src/reporters/html/browser/page.js";
import { encodeResults } from "../../src/reporters/html/compact.js";
import { pageDocument } from "../../src/reporters/html.js";
import { htmlLabels } from "../../src/reporters/html/labels.js";
import { makeDocument } from "./fixture.js";

/** What the page reads of a document, as html.ts embeds it (results as they are, or compact). */
function embedded(doc: FindingsDocument, compact: boolean): PageDocument {
  const { results, ...rest } = pageDocument(doc);
  return compact ? { ...rest, resultsCompact: encodeResults(results) } : { ...rest, results };
}

describe("what report.html's page scripts read", () => {
  it("is what the renderer embeds: the findings document, its results, the page texts of each language", () => {
    const doc = makeDocument();
    const result: PageFinding = doc.results[0] as Finding;
    expect(embedded(doc, false).results?.length).toBe(doc.results.length);
    expect(embedded(doc, true).resultsCompact?.count).toBe(doc.results.length);
    expect(result.fingerprint).toBe(doc.results[0]?.fingerprint);
    for (const lang of LANGS) {
      const meta: PageMeta = { lang, labels: htmlLabels(lang), stubExpires: "2026-03-01" };
      expect(meta.labels.status.fail).toBeTruthy();
    }
  });
});
