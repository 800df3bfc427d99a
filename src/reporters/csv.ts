/**
 * CSV reporter (findings.csv): one row per result, RFC 4180, UTF-8 with BOM so Excel reads åäö.
 * Like SARIF and Markdown it names no person: not who attested a fact, nor an owner tag that holds an
 * e-mail address (its cell says "(personal owner, see report)").
 */
import { nameConcernNote, nameConcerns } from "../base/display.js";
import type { Lang } from "../base/lang.js";
import type { Finding } from "../engine/types.js";
import { attestedText, compareBaselineEntries, evidenceValue, redactPersonal } from "./common.js";
import { ownerShown } from "./owner.js";
import { joinPieces, TEXT_ROWS_BATCH } from "./stream.js";
import type { BaselineEntry, FindingsDocument } from "../findings/types.js";
import type { ReportOptions, StreamedFormat } from "./types.js";

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
  "evidenceAttested",
  "attestation",
  /** Empty, or why the resource's name may not be what it looks like (bidi controls, mixed scripts). */
  "nameWarning",
  /** The subscription's display name (the id is in subscriptionId). */
  "subscriptionName",
  /** Who must act: the owner tag's value; a personal one (an e-mail address) as "(personal owner, see report)". */
  "owner",
] as const;

/**
 * One CSV field: neutralised against formula injection (a leading `=`, `+`, `-`, `@`, tab or CR
 * gets a `'`, OWASP's advice for spreadsheet exports), then quoted when it holds a comma, a
 * semicolon or a tab (the separators Excel uses in other locales: Swedish Excel splits on `;`, so an
 * unquoted `x;=cmd|…` would start a formula cell), a quote, CR or LF, with quotes doubled (RFC 4180 §2).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",;\t\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function row(f: Finding, lang: Lang): string[] {
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
    joined((i) => evidenceValue(evidence[i]?.actual, lang)),
    joined((i) => evidenceValue(evidence[i]?.expected, lang)),
    f.baselineState ?? "",
    f.exception?.id ?? "",
    f.exception?.expires ?? "",
    f.fingerprint,
    // Per evidence line: empty for a value read from an API; for an attested one, when and where (never who).
    evidence.some((e) => e.kind === "attested") ? joined((i) => redactPersonal(attestedText(evidence[i] ?? { path: "" }, lang, false))) : "",
    attestationCell(f, lang),
    // The resource name is not read (it may be a person's display name); the id holds it for resources.
    nameConcernNote(nameConcerns(f.resourceGroup, f.resourceId), lang).replace(/^ \((.*)\)$/, "$1"),
    ...ownerCells(f, lang),
  ];
}

/** The cells of who must act (subscriptionName, owner): personal owners are named only in report.html and findings.json. */
function ownerCells(f: Pick<Finding, "subscriptionName" | "owner">, lang: Lang): string[] {
  return [f.subscriptionName ?? "", ownerShown(f.owner, lang)];
}

/** An attestation-required result's need: `attestations.<key> (missing)` or `(stale, attested on D)`. */
function attestationCell(f: Finding, lang: Lang): string {
  const a = f.attestation;
  if (!a) return "";
  const state = a.state === "stale" ? (lang === "sv" ? `inaktuellt, intygat ${a.attestedOn ?? "?"}` : `stale, attested on ${a.attestedOn ?? "?"}`) : lang === "sv" ? "saknas" : "missing";
  return `attestations.${a.key} (${state})`;
}

/** A baseline result tonight did not confirm, as a row: last night's fields, its baseline state with the kind or reason code. */
function baselineRow(e: BaselineEntry, state: string, lang: Lang): string[] {
  return [e.ruleId, e.status, e.severity, e.resourceId, e.part ?? "", e.resourceType ?? "", e.subscriptionId ?? "", "", e.location ?? "", "", "", e.message[lang], "", "", "", state, "", "", e.fingerprint, "", "", "", "", ""];
}

/**
 * The rows findings.csv has after the results, from the document: last night's results the
 * baseline diff resolved (`baselineState` `resolved:<kind>`, e.g. `resolved:gone`) and those it
 * could not verify (`unverified:<reason code>`, e.g. `unverified:scope-unreadable`), each with last
 * night's status, severity and message; then one row per rule turned off in the configuration
 * (status `rule-disabled`, the rule's title as the message). Empty without a baseline or disabled rules.
 * @param doc the findings document (its results are not read)
 * @param lang picks the message language
 */
export function csvDocumentRows(doc: FindingsDocument, lang: Lang): string {
  const rows: string[][] = [];
  const b = doc.baseline;
  if (b) {
    for (const e of [...b.resolved].sort(compareBaselineEntries)) rows.push(baselineRow(e, `resolved:${e.resolution}`, lang));
    for (const e of [...b.unverified].sort(compareBaselineEntries)) rows.push(baselineRow(e, `unverified:${e.reason.code}`, lang));
  }
  for (const r of doc.disabledRules ?? []) rows.push([r.id, "rule-disabled", "", "", "", "", "", "", "", "", "", r.title?.[lang] ?? "", "", "", "", "", "", "", "", "", "", "", "", ""]);
  if (rows.length === 0) return "";
  return `${rows.map((r) => r.map(csvField).join(",")).join("\r\n")}\r\n`;
}

/** The BOM and the header row of findings.csv. */
export const CSV_HEAD = `\uFEFF${CSV_COLUMNS.join(",")}\r\n`;

/**
 * The CSV rows of some results, each line ending CRLF (the rows of findings.csv, in the given order).
 * @param findings the results
 * @param lang picks the message language
 */
export function csvRows(findings: readonly Finding[], lang: Lang): string {
  const lines: string[] = [];
  for (const f of findings) lines.push(row(f, lang).map(csvField).join(","));
  lines.push("");
  return lines.join("\r\n");
}

/**
 * Yields findings.csv in chunks (BOM and header first, then rows, each line ending CRLF); the chunks
 * joined are exactly `renderCsv(doc, opts)`, so the CLI can stream the file.
 *
 * @param doc the findings document
 * @param opts `lang` picks the message language
 */
export function* csvChunks(doc: FindingsDocument, opts: ReportOptions): Generator<string> {
  yield CSV_HEAD;
  const results = doc.results;
  for (let i = 0; i < results.length; i += CSV_BATCH) yield csvRows(results.slice(i, i + CSV_BATCH), opts.lang);
  const tail = csvDocumentRows(doc, opts.lang);
  if (tail) yield tail;
}

/** Rows rendered per chunk. */
const CSV_BATCH = 500;

/**
 * Renders every result of the document as CSV.
 *
 * @param doc the findings document
 * @param opts `lang` picks the message language
 * @returns the file's text: BOM, a header row, one row per result, then the document's rows
 *   (csvDocumentRows: resolved and unverified baseline results, disabled rules), CRLF line ends
 */
export function renderCsv(doc: FindingsDocument, opts: ReportOptions): string {
  return joinPieces(csvChunks(doc, opts));
}

/** findings.csv streamed: the BOM and header, a row per result in report order (sortFindings), then the document's rows. */
export const csvStream: StreamedFormat = {
  start: ({ lang }) => ({
    order: "locale",
    separator: "",
    batch: TEXT_ROWS_BATCH,
    select: (sorted) => sorted,
    rows: (batch) => csvRows(batch, lang),
    head: () => CSV_HEAD,
    tail: (end) => csvDocumentRows(end.doc, lang),
  }),
};
