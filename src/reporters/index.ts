/**
 * Report formats by name and the file each one is written to.
 */
import { renderCsv } from "./csv.js";
import { renderHtml } from "./html.js";
import { renderJson } from "./json.js";
import { renderMarkdown } from "./markdown.js";
import { renderSarif } from "./sarif.js";
import type { FindingsDocument } from "../findings/types.js";
import type { ReportOptions } from "./types.js";

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
