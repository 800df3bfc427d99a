/**
 * What every reporter receives besides the findings document (src/findings/types.ts), and the
 * interface of a report the spool (spool.ts) writes from results streamed rule by rule.
 */
import type { BufferedWriter } from "../base/atomic.js";
import type { Lang } from "../base/lang.js";
import type { Part, PartWriter } from "../base/parts.js";
import type { Finding, RuleMeta } from "../engine/types.js";
import type { FindingsDocument } from "../findings/types.js";
import type { SarifLimits } from "./sarif-limits.js";

/** Options every reporter may use. */
export interface ReportOptions {
  lang: Lang;
  /** findings.csv's field separator (`--csv-delimiter`); default `;` for Swedish, `,` for English (csv.ts defaultCsvDelimiter). */
  csvDelimiter?: CsvDelimiter;
}

/** A field separator findings.csv may use: comma, semicolon (what Swedish Excel splits on) or tab. */
export type CsvDelimiter = "," | ";" | "\t";

/**
 * A report format the spool writes from results streamed rule by rule. Each run of the spool
 * starts its own `StreamedRun` (which holds the format's state for that run).
 */
export interface StreamedFormat {
  start(ctx: StreamStart): StreamedRun;
}

/** What a format is told when a spool starts. */
export interface StreamStart {
  lang: Lang;
  /** The run's rules in document order (every result added belongs to one). */
  rules: readonly RuleMeta[];
  /** A writer of temporary part files of the format's own (removed with the spool's files). */
  scratch(): PartWriter;
  /** findings.sarif's limits when not GitHub's (SARIF_LIMITS): tests use small ones. */
  sarifLimits?: SarifLimits;
  /** findings.csv's field separator (ReportOptions.csvDelimiter). */
  csvDelimiter?: CsvDelimiter;
}

/** What a format is told at finish. */
export interface StreamEnd {
  /** The finished document, with `results: []` (the results were streamed). */
  doc: FindingsDocument;
  /** How many rows were spooled (selected results not held). */
  rows: number;
  /** The run's first failing, new and attestation-required results (sortFindings order): what summaries list. */
  highlights: readonly Finding[];
  /** The selected results, when the run stayed within `hold` (then nothing was spooled). */
  held?: readonly Finding[];
}

/**
 * How the spool orders a report's groups, the runs of results of one status, severity and rule:
 * by status, severity, then rule id by locale (sortFindings) or by code point (compareFindings).
 */
export type GroupOrder = "locale" | "code-point";

/**
 * One format's part in one spool run. The spool hands `select` each rule's results (sorted with
 * sortFindings); cuts what it returns into groups; spools each group's `rows`, batch by batch,
 * each batch preceded by `separator`; and at finish writes `head`, the groups' rows in `order`
 * (without the first separator), and `tail` — or lets `write` assemble the report from the rows.
 */
export interface StreamedRun {
  /** The order of the groups in the report. */
  readonly order: GroupOrder;
  /** Written before every batch of rows but the report's first ("" when rows end their own lines). */
  readonly separator: string;
  /** Results per `rows` call. */
  readonly batch: number;
  /**
   * While the run has at most this many selected results, the spool keeps them instead of
   * spooling rows, and finish passes them as `held`.
   */
  readonly hold?: number;
  /**
   * The results of one rule this report has rows for, in its order (status and severity first);
   * sees every result of the run, so it may note what its head needs.
   * @param sorted one rule's results, sorted with sortFindings
   */
  select(sorted: readonly Finding[]): readonly Finding[];
  /** The rows of a batch of selected results, of one group (text, or bytes the run's `write` reads back). */
  rows(batch: readonly Finding[]): string | Uint8Array | Promise<string | Uint8Array>;
  /** Throws when the finished document does not fit what was spooled (called before any report is written). */
  check?(end: StreamEnd): void;
  /** The text before the rows (in pieces when it may be large). */
  head(end: StreamEnd): string | Iterable<string>;
  /** The text after the rows (in pieces when it may be large). */
  tail(end: StreamEnd): string | Iterable<string>;
  /**
   * Writes the whole report itself (instead of head, rows and tail) from the spooled rows, in
   * order, each part removed once read.
   */
  write?(end: StreamEnd, rows: readonly Part[], out: BufferedWriter): Promise<void>;
  /** Called once the report's file is in place. */
  written?(end: StreamEnd): Promise<void>;
}
