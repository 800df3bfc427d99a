/**
 * HTML reporter (report.html): one self-contained page with inline CSS and JS and the findings
 * document embedded as JSON. It makes no network request: a Content-Security-Policy forbids them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../paths.js";
import { addDaysIsoDate } from "./common.js";
import { htmlLabels } from "./html/labels.js";
import { COMPACT_THRESHOLD, encodeResults, type PageDataMapData, pageDataMap } from "./html/compact.js";
import { REPORT_CSS } from "./html/style.js";
import { pageMapData } from "./html/worldmap.js";
import { batched, compactJsonPieces, joinPieces } from "./stream.js";
import { escapeForScript, escapeHtml, jsonForScript } from "./escape.js";
import type { Finding } from "../engine/types.js";
import type { FindingsDocument } from "../findings/types.js";
import type { ReportOptions } from "./types.js";

/** How many days after `generatedAt` the exception stub's `expires` lies. */
export const EXCEPTION_STUB_DAYS = 90;

/**
 * Where the page's scripts are: html/browser/*.ts as tsconfig.browser.json emits them (no
 * bundler), relative to the package root; `npm run build` writes them, and the package ships them.
 */
const BROWSER_DIR = "dist/browser";
const browserScripts = new Map<string, string>();

/**
 * The emitted text of one of the page's scripts, read on first use: `expand` (the compact form's
 * decoder, `hemvistExpand`), `datamap` (the data map's drawing, `hemvistDataMap`) or `report` (the page script).
 */
export function browserScript(name: "expand" | "datamap" | "report"): string {
  let text = browserScripts.get(name);
  if (text === undefined) {
    const file = join(PACKAGE_ROOT, BROWSER_DIR, `${name}.js`);
    try {
      text = readFileSync(file, "utf8");
    } catch (err) {
      throw new Error(`report.html's script ${file} cannot be read (npm run build writes it): ${(err as Error).message}`);
    }
    // Inlined as is: nothing in it may end the script element or open a comment.
    if (/<\/script|<!--/i.test(text)) throw new Error(`${file} contains "</script" or "<!--", which would break report.html`);
    browserScripts.set(name, text);
  }
  return text;
}

// Nothing may be fetched: no fonts, images, scripts, frames or connections from anywhere.
const CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "script-src 'unsafe-inline'",
  "img-src data:",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/**
 * Renders the document as a self-contained HTML report.
 *
 * The page is built in the browser from the embedded document (`#hemvist-data`: the document
 * as given, with the data map's copies compact and — above COMPACT_THRESHOLD results — `results`
 * replaced by `resultsCompact`, every field kept with repeated strings interned, expanded lazily by the page)
 * and page texts (`#hemvist-meta`); every tenant string is inserted as text.
 * The findings table is paged (100 rows a page by default), so 100,000 results stay usable.
 *
 * @param doc the findings document
 * @param opts `lang` picks Swedish (`sv`) or English (`en`) page texts; rule and result texts
 *   come from the document in the same language
 * @returns the HTML text
 */
export function renderHtml(doc: FindingsDocument, opts: ReportOptions): string {
  return joinPieces(htmlChunks(doc, opts));
}

/**
 * Yields report.html in chunks; joined they are exactly `renderHtml(doc, opts)`. The embedded data
 * is stringified piece by piece (the compact tables in slices), so the page's text is never held
 * whole in memory when the CLI streams it to disk.
 *
 * @param doc the findings document
 * @param opts `lang` picks Swedish (`sv`) or English (`en`) page texts
 */
export function* htmlChunks(doc: FindingsDocument, opts: ReportOptions): Generator<string> {
  yield htmlHead(doc, opts);
  if (doc.results.length > COMPACT_THRESHOLD) {
    const { results, ...rest } = pageDocument(doc);
    // Depth 3 opens the document, resultsCompact and its tables (strings, rows) slice by slice.
    for (const piece of batched(compactJsonPieces({ ...rest, resultsCompact: encodeResults(results) }, 3))) yield escapeForScript(piece);
  } else yield jsonForScript({ ...pageDocument(doc), results: doc.results.map(shownFields) });
  yield htmlTail(doc, opts);
}

/**
 * The document as the page embeds it (before its results are): the data map's copies compact
 * (compact.ts pageDataMap), since there is one per copy of every resource's data.
 */
export function pageDocument(doc: FindingsDocument): Omit<FindingsDocument, "dataMap"> & { dataMap?: PageDataMapData } {
  const { dataMap, ...rest } = doc;
  return dataMap ? { ...doc, dataMap: pageDataMap(dataMap) } : rest;
}

/** A result as the page embeds it: without what its verdict read (findings.json keeps that for the next night). */
function shownFields(f: Finding): Finding {
  if (f.dependsOn === undefined) return f;
  const { dependsOn: _, ...shown } = f;
  return shown;
}

/**
 * report.html up to the opening of the data block (`#hemvist-data`): everything before the
 * embedded document. Depends on the document's generation time and tenant only.
 */
export function htmlHead(doc: FindingsDocument, opts: ReportOptions): string {
  const labels = htmlLabels(opts.lang);
  const title = `${labels.pageTitle} – ${doc.tenantName ?? doc.tenantId}`;
  return [
    "<!DOCTYPE html>",
    `<html lang="${opts.lang}">`,
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    '<meta name="color-scheme" content="light">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    "</head>",
    "<body>",
    `<a class="skip" href="#findings">${escapeHtml(labels.navFindings)}</a>`,
    `<noscript><p style="padding:16px">${escapeHtml(labels.noscript)}</p></noscript>`,
    '<div id="app"></div>',
    '<script type="application/json" id="hemvist-data">',
  ].join("\n");
}

/** report.html from the end of the data block on: page texts (`#hemvist-meta`) and scripts. */
export function htmlTail(doc: FindingsDocument, opts: ReportOptions): string {
  const meta = {
    lang: opts.lang,
    labels: htmlLabels(opts.lang),
    stubExpires: addDaysIsoDate(doc.generatedAt, EXCEPTION_STUB_DAYS),
    // The data map's country shapes and projected regions, only when the document has a data map.
    ...(doc.dataMap ? { map: pageMapData(doc.dataMap) } : {}),
  };
  return [
    "</script>",
    `<script type="application/json" id="hemvist-meta">${jsonForScript(meta)}</script>`,
    `<script>${browserScript("expand")}${browserScript("datamap")}${browserScript("report")}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
