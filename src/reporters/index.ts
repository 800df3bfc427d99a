/**
 * Report formats by name, the file each one is written to, and how each is rendered: whole
 * (renderReport) or streamed by the spool (STREAMED_FORMATS).
 */
import { csvStream, renderCsv } from "./csv.js";
import { renderHtml } from "./html.js";
import { htmlStream } from "./html/stream.js";
import { jsonStream, renderJson } from "./json.js";
import { markdownStream, renderMarkdown } from "./markdown.js";
import { renderSarif, sarifStream } from "./sarif.js";
import type { FindingsDocument } from "../findings/types.js";
import type { ReportOptions, StreamedFormat } from "./types.js";

export const REPORT_FORMATS = ["json", "html", "sarif", "md", "csv"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_FILES: Record<ReportFormat, string> = {
  json: "findings.json",
  html: "report.html",
  sarif: "findings.sarif",
  md: "summary.md",
  csv: "findings.csv",
};

/** Renders one format; pure. */
export function renderReport(format: ReportFormat, doc: FindingsDocument, opts: ReportOptions): { file: string; content: string } {
  const render = { json: () => renderJson(doc), html: () => renderHtml(doc, opts), sarif: () => renderSarif(doc, opts), md: () => renderMarkdown(doc, opts), csv: () => renderCsv(doc, opts) }[format];
  return { file: REPORT_FILES[format], content: render() };
}

/** How the spool (spool.ts) writes each format from results streamed rule by rule. */
export const STREAMED_FORMATS: Record<ReportFormat, StreamedFormat> = {
  json: jsonStream,
  html: htmlStream,
  sarif: sarifStream,
  md: markdownStream,
  csv: csvStream,
};
