/**
 * CSV reporter (findings.csv): one row per result, RFC 4180, UTF-8 with BOM so Excel reads åäö.
 * Like SARIF and Markdown it names no person: not who attested a fact, nor an owner tag that holds an
 * e-mail address (its cell says "(personal owner, see report)").
 *
 * In the report language: a Swedish file has Swedish headers and the glossary's words for statuses,
 * severities and baseline states, and is separated by `;` (Swedish Excel uses the decimal comma, so
 * its list separator is `;` and it opens a comma-separated file in one column); an English file keeps
 * the column ids as headers and `,`. `--csv-delimiter` (`,`, `;` or `tab`) overrides the separator.
 */
import { nameConcernNote, nameConcerns } from "../base/display.js";
import type { Lang } from "../base/lang.js";
import { GLOSSARY } from "../base/glossary.js";
import type { Finding, RuleMeta } from "../engine/types.js";
import { attestedText, compareBaselineEntries, evidenceValue, redactPersonal } from "./common.js";
import { ownerShown } from "./owner.js";
import { joinPieces, TEXT_ROWS_BATCH } from "./stream.js";
import { csvField } from "./escape.js";
import type { BaselineEntry, FindingsDocument } from "../findings/types.js";
import type { CsvDelimiter, ReportOptions, StreamedFormat } from "./types.js";

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
  // Rule texts in the report language (csvRuleCells), after every other column.
  ...(["ruleTitle", "remediation"] as const),
] as const;

/** The values `--csv-delimiter` accepts, and the separator each names. */
export const CSV_DELIMITERS: Readonly<Record<string, CsvDelimiter>> = { ",": ",", ";": ";", tab: "\t", "\t": "\t" };

/** The separator `--csv-delimiter` names (`,` `;`, `tab` in any case, or a tab character), or undefined when it names none. */
export function parseCsvDelimiter(text: string): CsvDelimiter | undefined {
  return Object.hasOwn(CSV_DELIMITERS, text.toLowerCase()) ? CSV_DELIMITERS[text.toLowerCase()] : undefined;
}

/** findings.csv's separator when `--csv-delimiter` is not given: `;` for Swedish (what Swedish Excel splits on), `,` for English. */
export function defaultCsvDelimiter(lang: Lang): CsvDelimiter {
  return lang === "sv" ? ";" : ",";
}

/** Swedish headers by column id (a column without one keeps its id). */
const SV_HEADERS: Readonly<Record<string, string>> = {
  ruleId: "Regel",
  status: "Status",
  severity: "Allvarlighetsgrad",
  resourceId: "Resurs-id",
  part: "Del",
  resourceType: "Resurstyp",
  subscriptionId: "Prenumerations-id",
  subscriptionName: "Prenumeration",
  resourceGroup: "Resursgrupp",
  owner: "Ägare",
  location: "Plats",
  classificationLevel: "Klassningsnivå",
  classificationSource: "Klassningens källa",
  message: "Meddelande",
  evidencePath: "Underlag: egenskap",
  evidenceActual: "Underlag: värde som sågs",
  evidenceExpected: "Underlag: förväntat värde",
  baselineState: "Jämfört med baslinjen",
  exceptionId: "Undantagets id",
  exceptionExpires: "Undantaget går ut",
  fingerprint: "Fingeravtryck",
  evidenceAttested: "Underlag: intygat",
  attestation: "Intygande",
  nameWarning: "Namnvarning",
  ruleTitle: "Regelns titel",
  remediation: "Åtgärd",
};

/** The header row's cells: the column ids in English, Swedish headers in Swedish. */
export function csvHeaders(lang: Lang): string[] {
  return CSV_COLUMNS.map((c) => (lang === "sv" ? (SV_HEADERS[c] ?? c) : c));
}

/** How classificationSource reads in Swedish (English keeps the document's values). */
const SV_CLASSIFICATION_SOURCE: Readonly<Record<string, string>> = { tag: "tagg", inherited: "ärvd", default: "standardnivå", unknown: "okänd" };

/** What one file's rows need besides the results: the language, the separator and the rules' texts. */
interface CsvContext {
  lang: Lang;
  delimiter: CsvDelimiter;
  rules: ReadonlyMap<string, RuleMeta>;
}

function csvContext(lang: Lang, delimiter: CsvDelimiter | undefined, rules: readonly RuleMeta[]): CsvContext {
  return { lang, delimiter: delimiter ?? defaultCsvDelimiter(lang), rules: new Map(rules.map((r) => [r.id, r])) };
}

/** A status as the file writes it: the document's value in English, the glossary's word in Swedish. */
function statusCell(status: string, lang: Lang): string {
  if (lang === "en") return status;
  if (status === "rule-disabled") return "avstängd regel";
  return (GLOSSARY.sv.status as Record<string, string>)[status] ?? status;
}

function severityCell(severity: string, lang: Lang): string {
  return lang === "en" ? severity : ((GLOSSARY.sv.severity as Record<string, string>)[severity] ?? severity);
}

/** A baseline state (`new`, `resolved:gone`, `unverified:scope-unreadable`): the state word in the glossary's, the code after the colon as it is. */
function baselineCell(state: string, lang: Lang): string {
  if (lang === "en" || state === "") return state;
  const [word = "", ...code] = state.split(":");
  const sv = (GLOSSARY.sv.baselineState as Record<string, string>)[word] ?? word;
  return [sv, ...code].join(":");
}

/** The rule's title and remediation summary in the report language (the last columns; empty for a rule not in the run). */
function csvRuleCells(ruleId: string, ctx: CsvContext): string[] {
  const rule = ctx.rules.get(ruleId);
  return [rule?.title[ctx.lang] ?? "", rule?.remediation.summary[ctx.lang] ?? ""];
}

function row(f: Finding, ctx: CsvContext): string[] {
  const lang = ctx.lang;
  const evidence = f.evidence ?? [];
  // Several evidence entries share one cell each, one line per entry, so the three columns line up.
  const joined = (pick: (i: number) => string): string => evidence.map((_, i) => pick(i)).join("\n");
  return [
    f.ruleId,
    statusCell(f.status, lang),
    severityCell(f.severity, lang),
    f.resourceId,
    f.part ?? "",
    f.resourceType ?? "",
    f.subscriptionId ?? "",
    f.resourceGroup ?? "",
    f.location ?? "",
    f.classification ? f.classification.label : "",
    f.classification ? (lang === "sv" ? (SV_CLASSIFICATION_SOURCE[f.classification.source] ?? f.classification.source) : f.classification.source) : "",
    f.message[lang],
    joined((i) => evidence[i]?.path ?? ""),
    joined((i) => evidenceValue(evidence[i]?.actual, lang)),
    joined((i) => evidenceValue(evidence[i]?.expected, lang)),
    baselineCell(f.baselineState ?? "", lang),
    f.exception?.id ?? "",
    f.exception?.expires ?? "",
    f.fingerprint,
    // Per evidence line: empty for a value read from an API; for an attested one, when and where (never who).
    evidence.some((e) => e.kind === "attested") ? joined((i) => redactPersonal(attestedText(evidence[i] ?? { path: "" }, lang, false))) : "",
    attestationCell(f, lang),
    // The resource name is not read (it may be a person's display name); the id holds it for resources.
    nameConcernNote(nameConcerns(f.resourceGroup, f.resourceId), lang).replace(/^ \((.*)\)$/, "$1"),
    ...ownerCells(f, lang),
    ...csvRuleCells(f.ruleId, ctx),
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
function baselineRow(e: BaselineEntry, state: string, ctx: CsvContext): string[] {
  const lang = ctx.lang;
  return [
    ...[e.ruleId, statusCell(e.status, lang), severityCell(e.severity, lang), e.resourceId, e.part ?? "", e.resourceType ?? "", e.subscriptionId ?? "", "", e.location ?? "", "", "", e.message[lang], "", "", ""],
    ...[baselineCell(state, lang), "", "", e.fingerprint, "", "", ""],
    // subscriptionName and owner: not kept for last night's results.
    ...["", ""],
    ...csvRuleCells(e.ruleId, ctx),
  ];
}

/**
 * The rows findings.csv has after the results, from the document: last night's results the
 * baseline diff resolved (`baselineState` `resolved:<kind>`, e.g. `resolved:gone`) and those it
 * could not verify (`unverified:<reason code>`, e.g. `unverified:scope-unreadable`), each with last
 * night's status, severity and message; then one row per rule turned off in the configuration
 * (status `rule-disabled`, the rule's title as the message). Empty without a baseline or disabled rules.
 * @param doc the findings document (its results are not read)
 * @param ctx the language, separator and rules
 */
function csvDocumentRows(doc: FindingsDocument, ctx: CsvContext): string {
  const lang = ctx.lang;
  const rows: string[][] = [];
  const b = doc.baseline;
  if (b) {
    for (const e of [...b.resolved].sort(compareBaselineEntries)) rows.push(baselineRow(e, `resolved:${e.resolution}`, ctx));
    for (const e of [...b.unverified].sort(compareBaselineEntries)) rows.push(baselineRow(e, `unverified:${e.reason.code}`, ctx));
  }
  for (const r of doc.disabledRules ?? []) {
    const cells = Array<string>(CSV_COLUMNS.length).fill("");
    cells[0] = r.id;
    cells[1] = statusCell("rule-disabled", lang);
    cells[CSV_COLUMNS.indexOf("message")] = r.title?.[lang] ?? "";
    cells[CSV_COLUMNS.indexOf("ruleTitle")] = r.title?.[lang] ?? "";
    rows.push(cells);
  }
  if (rows.length === 0) return "";
  return `${rows.map((r) => r.map(csvField).join(ctx.delimiter)).join("\r\n")}\r\n`;
}

/** The BOM and the header row of findings.csv. */
function csvHead(ctx: CsvContext): string {
  return `\uFEFF${csvHeaders(ctx.lang).map(csvField).join(ctx.delimiter)}\r\n`;
}

/**
 * The CSV rows of some results, each line ending CRLF (the rows of findings.csv, in the given order).
 * @param findings the results
 * @param ctx the language, separator and rules
 */
function csvRows(findings: readonly Finding[], ctx: CsvContext): string {
  const lines: string[] = [];
  for (const f of findings) lines.push(row(f, ctx).map(csvField).join(ctx.delimiter));
  lines.push("");
  return lines.join("\r\n");
}

/**
 * Yields findings.csv in chunks (BOM and header first, then rows, each line ending CRLF); the chunks
 * joined are exactly `renderCsv(doc, opts)`, so the CLI can stream the file.
 *
 * @param doc the findings document
 * @param opts `lang` picks the language, `csvDelimiter` the separator (defaultCsvDelimiter)
 */
export function* csvChunks(doc: FindingsDocument, opts: ReportOptions): Generator<string> {
  const ctx = csvContext(opts.lang, opts.csvDelimiter, doc.rules);
  yield csvHead(ctx);
  const results = doc.results;
  for (let i = 0; i < results.length; i += CSV_BATCH) yield csvRows(results.slice(i, i + CSV_BATCH), ctx);
  const tail = csvDocumentRows(doc, ctx);
  if (tail) yield tail;
}

/** Rows rendered per chunk. */
const CSV_BATCH = 500;

/**
 * Renders every result of the document as CSV.
 *
 * @param doc the findings document
 * @param opts `lang` picks the language, `csvDelimiter` the separator (defaultCsvDelimiter)
 * @returns the file's text: BOM, a header row, one row per result, then the document's rows
 *   (csvDocumentRows: resolved and unverified baseline results, disabled rules), CRLF line ends
 */
export function renderCsv(doc: FindingsDocument, opts: ReportOptions): string {
  return joinPieces(csvChunks(doc, opts));
}

/** findings.csv streamed: the BOM and header, a row per result in report order (sortFindings), then the document's rows. */
export const csvStream: StreamedFormat = {
  start: ({ lang, csvDelimiter, rules }) => {
    const ctx = csvContext(lang, csvDelimiter, rules);
    return {
      order: "locale",
      separator: "",
      batch: TEXT_ROWS_BATCH,
      select: (sorted) => sorted,
      rows: (batch) => csvRows(batch, ctx),
      head: () => csvHead(ctx),
      tail: (end) => csvDocumentRows(end.doc, ctx),
    };
  },
};
