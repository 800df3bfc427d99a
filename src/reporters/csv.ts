/**
 * CSV reporter (findings.csv): one row per result, RFC 4180, UTF-8 with BOM so Excel reads åäö.
 */
import type { Finding } from "../engine/types.js";
import { evidenceValue } from "./common.js";
import type { FindingsDocument, ReportOptions } from "./types.js";

/** The header row, in column order. */
export const CSV_COLUMNS = [
  "ruleId",
  "status",
  "severity",
  "resourceId",
  "part",
  "resourceType",
  "subscriptionId",
  "resourceGroup",
  "location",
  "classificationLevel",
  "classificationSource",
  "message",
  "evidencePath",
  "evidenceActual",
  "evidenceExpected",
  "baselineState",
  "exceptionId",
  "exceptionExpires",
  "fingerprint",
] as const;

/**
 * One CSV field: neutralised against formula injection (a leading `=`, `+`, `-`, `@`, tab or CR
 * gets a `'`, OWASP's advice for spreadsheet exports), then quoted when it holds a comma, quote,
 * CR or LF, with quotes doubled (RFC 4180 §2).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function row(f: Finding, lang: ReportOptions["lang"]): string[] {
  const evidence = f.evidence ?? [];
  // Several evidence entries share one cell each, one line per entry, so the three columns line up.
  const joined = (pick: (i: number) => string): string => evidence.map((_, i) => pick(i)).join("\n");
  return [
    f.ruleId,
    f.status,
    f.severity,
    f.resourceId,
    f.part ?? "",
    f.resourceType ?? "",
    f.subscriptionId ?? "",
    f.resourceGroup ?? "",
    f.location ?? "",
    f.classification ? f.classification.label : "",
    f.classification ? f.classification.source : "",
    f.message[lang],
    joined((i) => evidence[i]?.path ?? ""),
    joined((i) => evidenceValue(evidence[i]?.actual)),
    joined((i) => evidenceValue(evidence[i]?.expected)),
    f.baselineState ?? "",
    f.exception?.id ?? "",
    f.exception?.expires ?? "",
    f.fingerprint,
  ];
}

/**
 * Renders every result of the document as CSV.
 *
 * @param doc the findings document
 * @param opts `lang` picks the message language
 * @returns the file's text: BOM, a header row, one row per result, CRLF line ends
 */
export function renderCsv(doc: FindingsDocument, opts: ReportOptions): string {
  const lines: string[] = [CSV_COLUMNS.join(",")];
  for (const f of doc.results) lines.push(row(f, opts.lang).map(csvField).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
