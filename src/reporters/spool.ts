/**
 * The report spool: results are rendered rule by rule as evaluation produces them, and every
 * report is assembled at the end of the run, byte for byte what the renderers write for the whole
 * document (`renderReport(format, { ...doc, results: sortFindings(all) })`).
 *
 * What a report holds is its format's (a StreamedFormat of types.ts, in the format's module): the
 * spool only groups, orders and writes. Within the reports' orders (status, severity, rule, then
 * resource and part) the results of one (status, severity, rule) are contiguous, so each rule's
 * results are sorted, cut into those groups, and each group's rows of each format are rendered at
 * once into temporary files of their own ("parts"). `finish` writes each report's head (rendered
 * from the finished document), copies the parts in the format's group order, removing each once
 * read (the report's pages reuse the spool's, so the run never holds two copies of the reports in
 * the page cache), and writes the tail. summary.md and the console summary need only counts and
 * the first MARKDOWN_TOP failing, new and attestation-required results, which the spool keeps
 * (the highlights).
 */
import { mkdir } from "node:fs/promises";
import type { BufferedWriter } from "../base/atomic.js";
import type { Lang } from "../base/lang.js";
import { type Part, PartWriter } from "../base/parts.js";
import { ReportSet } from "../base/report-set.js";
import type { Finding, RuleMeta, Severity, Status } from "../engine/types.js";
import { sortFindings } from "../findings/document.js";
import type { FindingsDocument } from "../findings/types.js";
import { compareFindings, compareText } from "./common.js";
import { writeText } from "./stream.js";
import { REPORT_FILES, REPORT_FORMATS, type ReportFormat, STREAMED_FORMATS } from "./index.js";
import { MARKDOWN_TOP } from "./markdown.js";
import type { SarifLimits } from "./sarif-limits.js";
import type { CsvDelimiter, StreamedRun, StreamEnd } from "./types.js";

export interface SpoolOptions {
  /** Folder of the reports; temporary spool files are created there with names starting with "." (and removed). */
  dir: string;
  /** The formats `finish` writes. */
  formats: ReportFormat[];
  lang: Lang;
  /** The rules in document order (doc.rules); every ruleId passed to add is one of them. */
  rules: RuleMeta[];
  /** findings.sarif's limits when not GitHub's (tests). */
  sarifLimits?: SarifLimits;
  /** findings.csv's field separator (default by language: csv.ts defaultCsvDelimiter). */
  csvDelimiter?: CsvDelimiter;
}

/** A (status, severity, rule) group: contiguous in the reports' order. */
interface Group {
  status: number;
  severity: number;
  ruleId: string;
}

/** One group of one report, spooled: its bytes are the parts' in order. */
interface Spooled extends Group {
  parts: Part[];
}

/** One report of the run: its format's run and what was spooled for it. */
interface Report {
  format: ReportFormat;
  run: StreamedRun;
  /** Writes its parts (created with the first group). */
  writer: PartWriter | undefined;
  spooled: Spooled[];
  /** Rows spooled. */
  rows: number;
  /** While the run is within `run.hold`: each rule's selected results; undefined once they are spooled. */
  held: (readonly Finding[])[] | undefined;
  /** Selected results held or spooled. */
  selected: number;
}

const STATUS_RANK: Record<Status, number> = { fail: 0, "not-assessed": 1, "attestation-required": 2, excepted: 3, pass: 4 };
const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

/**
 * A part is closed and the next begun once it holds this much: finish removes each part as soon
 * as it is read, so the report's pages can reuse the spool's while it is written.
 */
const PART_BYTES = 1 << 23;
/** Each part writer's buffers (two: one filled while the other is written). */
const SPOOL_BUFFER = 1 << 20;

/**
 * Renders results as each rule finishes and assembles every report at the end of the run. Not
 * reusable: after `finish` or `discard` it holds nothing.
 */
export class ReportSpool {
  private readonly reports: Report[];
  private readonly added = new Set<string>();
  /** The first failing, new and attestation-required results (highlightsOf), for summary.md and the console, by group (each sorted). */
  private readonly highlights: (Group & { findings: Finding[] })[] = [];
  /** The folder, created on the first add. */
  private folder: Promise<void> | undefined;
  /** Every temporary file that exists: closed parts and the writers' open files. */
  private readonly temps = new Set<Part | PartWriter>();
  private queue: Promise<void> = Promise.resolve();
  private failure: unknown;
  private state: "open" | "finishing" | "closed" = "open";

  constructor(private readonly opts: SpoolOptions) {
    const formats = new Set(opts.formats);
    this.reports = REPORT_FORMATS.filter((f) => formats.has(f)).map((format) => {
      const run = STREAMED_FORMATS[format].start({ lang: opts.lang, rules: opts.rules, scratch: () => this.newWriter(format), ...(opts.sarifLimits ? { sarifLimits: opts.sarifLimits } : {}), ...(opts.csvDelimiter ? { csvDelimiter: opts.csvDelimiter } : {}) });
      return { format, run, writer: undefined, spooled: [], rows: 0, held: run.hold === undefined ? undefined : [], selected: 0 };
    });
  }

  /**
   * One rule's final findings (exceptions and baseline already applied), in any order. Called at
   * most once per rule, rules in any order. Renders every report's rows now (or holds them while
   * its format asks to); keeps only the first failing, new and attestation-required findings. Calls are queued: each
   * starts when the previous one is done.
   */
  add(ruleId: string, findings: Finding[]): Promise<void> {
    const run = this.queue.then(() => this.addNow(ruleId, findings));
    this.queue = run.catch((err: unknown) => {
      this.failure ??= err;
    });
    return run;
  }

  /**
   * Writes every format to `paths[format]` as one report set (each a temporary file in the same
   * folder, fsync'd, the formats in parallel; then the set is committed: journal, renames — see
   * base/report-set.ts) and removes the spool. `set` may already hold other files of the folder
   * (the snapshot); it is committed here, or aborted when anything fails. `doc` is the complete
   * document except `results: []`. Returns the first failing, new and attestation-required
   * findings (highlightsOf), sorted with sortFindings, for the console summary.
   */
  async finish(doc: FindingsDocument, paths: Partial<Record<ReportFormat, string>>, set = new ReportSet(this.opts.dir)): Promise<{ highlights: Finding[] }> {
    await this.queue;
    if (this.failure !== undefined) throw this.failure;
    if (this.state !== "open") throw new Error("ReportSpool: finish after finish or discard");
    this.state = "finishing";
    try {
      const highlights = this.highlights.sort(byLocale).flatMap((g) => g.findings);
      const ends = this.reports.map((r): StreamEnd => ({ doc, rows: r.rows, highlights, ...(r.held ? { held: r.held.flat() } : {}) }));
      this.check(doc, paths);
      for (const [i, r] of this.reports.entries()) r.run.check?.(ends[i] as StreamEnd);
      const jobs = this.reports.map((r, i) => this.write(r, ends[i] as StreamEnd, paths[r.format] as string, set));
      const settled = await Promise.allSettled(jobs);
      for (const s of settled) if (s.status === "rejected") throw s.reason;
      await this.removeTemps();
      await set.commit();
      // Only once the whole set is in place (summary.md's copy to $GITHUB_STEP_SUMMARY).
      for (const [i, r] of this.reports.entries()) await r.run.written?.(ends[i] as StreamEnd);
      return { highlights };
    } catch (err) {
      await set.abort();
      throw err;
    } finally {
      this.state = "closed";
      await this.removeTemps();
    }
  }

  /** Removes every temporary file (error paths). The spool accepts nothing afterwards. */
  async discard(): Promise<void> {
    if (this.state === "open") this.state = "closed";
    await this.queue;
    await this.removeTemps();
  }

  private async addNow(ruleId: string, findings: Finding[]): Promise<void> {
    if (this.state !== "open") throw new Error(`ReportSpool: ${ruleId} added after finish or discard`);
    if (this.failure !== undefined) throw this.failure;
    if (this.added.has(ruleId)) throw new Error(`ReportSpool: ${ruleId} added twice`);
    this.added.add(ruleId);
    for (const f of findings) {
      if (f.ruleId !== ruleId) throw new Error(`ReportSpool: a result of ${f.ruleId} among those of ${ruleId}`);
      if (!Object.hasOwn(STATUS_RANK, f.status) || !Object.hasOwn(SEVERITY_RANK, f.severity)) throw new Error(`ReportSpool: ${ruleId}: unknown status "${f.status}" or severity "${f.severity}"`);
    }
    if (findings.length === 0) return;
    const sorted = sortFindings(findings.slice());
    const keep = highlightsOf(sorted);
    for (const [from, to] of groups(sorted)) {
      const kept = sorted.slice(from, to).filter((f) => keep.has(f));
      if (kept.length > 0) this.highlights.push({ ...groupOf(kept[0] as Finding), findings: kept });
    }
    await (this.folder ??= mkdir(this.opts.dir, { recursive: true }).then(() => undefined));
    for (const report of this.reports) {
      const selected = report.run.select(sorted);
      report.selected += selected.length;
      if (report.held) {
        report.held.push(selected);
        if (report.selected <= (report.run.hold as number)) continue;
        const waiting = report.held;
        report.held = undefined;
        for (const list of waiting) await this.spool(report, list);
      } else await this.spool(report, selected);
    }
  }

  /**
   * Spools each (status, severity) group of one rule's selected results as a part (a new one
   * begun whenever a part passes PART_BYTES), rendered batch by batch, each batch preceded by the
   * format's separator.
   */
  private async spool(report: Report, selected: readonly Finding[]): Promise<void> {
    const { run } = report;
    for (const [from, to] of groups(selected)) {
      const writer = (report.writer ??= this.newWriter(report.format));
      const parts: Part[] = [];
      await writer.begin();
      for (let i = from; i < to; i += run.batch) {
        if (writer.size >= PART_BYTES) {
          parts.push(await this.closePart(writer));
          await writer.begin();
        }
        const end = Math.min(to, i + run.batch);
        const rows = await run.rows(selected.slice(i, end));
        if (run.separator) await writer.out.text(run.separator);
        if (typeof rows === "string") await writer.out.text(rows);
        else await writer.out.bytes(rows);
        report.rows += end - i;
      }
      parts.push(await this.closePart(writer));
      report.spooled.push({ ...groupOf(selected[from] as Finding), parts });
    }
  }

  /** A part writer for one report's files (`.<report file>.<pid>.<hex>.tmp`), removed with the spool. */
  private newWriter(format: ReportFormat): PartWriter {
    const writer = new PartWriter(this.opts.dir, REPORT_FILES[format], SPOOL_BUFFER);
    this.temps.add(writer);
    return writer;
  }

  private async closePart(writer: PartWriter): Promise<Part> {
    const part = await writer.end();
    this.temps.add(part);
    return part;
  }

  private async removeTemps(): Promise<void> {
    const temps = [...this.temps];
    this.temps.clear();
    await Promise.all(temps.map((t) => t.remove()));
  }

  private check(doc: FindingsDocument, paths: Partial<Record<ReportFormat, string>>): void {
    if (doc.results.length > 0) throw new Error("ReportSpool: finish takes the document with `results: []` (the results were added)");
    for (const r of this.reports) if (!paths[r.format]) throw new Error(`ReportSpool: no path for ${r.format}`);
    const ids = [...this.added].sort((a, b) => a.localeCompare(b));
    for (let i = 1; i < ids.length; i++) {
      if ((ids[i - 1] as string).localeCompare(ids[i] as string) === 0) throw new Error(`ReportSpool: rule ids ${ids[i - 1]} and ${ids[i]} sort as equal`);
    }
  }

  /** Writes one report into the set: its head, its parts in its groups' order, its tail (or the format's own `write`). */
  private async write(report: Report, end: StreamEnd, path: string, set: ReportSet): Promise<void> {
    const { run } = report;
    const parts = report.spooled.sort(run.order === "code-point" ? byCodePoint : byLocale).flatMap((s) => s.parts);
    await set.write(path, async (out) => {
      if (run.write) await run.write(end, parts, out);
      else {
        await writeText(run.head(end), out);
        await this.copyParts(parts, Buffer.byteLength(run.separator), out);
        await writeText(run.tail(end), out);
      }
    });
  }

  /** Copies the parts, in order, into the report (the first without its first `skip` bytes: the separator before the first row), removing each once read. */
  private async copyParts(parts: readonly Part[], skip: number, out: BufferedWriter): Promise<void> {
    let first = true;
    for (const part of parts) {
      await part.copyTo(out, first ? skip : 0);
      this.temps.delete(part);
      await part.remove();
      first = false;
    }
  }
}

/**
 * The results of one rule that can be among the first MARKDOWN_TOP failing, new or
 * attestation-required results of the whole run, in either report order (sortFindings: the console; compareFindings: summary.md):
 * the first MARKDOWN_TOP of each list in each order. Everything else the summaries need is a count.
 * @param sorted one rule's results, sorted with sortFindings
 */
function highlightsOf(sorted: readonly Finding[]): Set<Finding> {
  const keep = new Set<Finding>();
  const lists = [sorted.filter((f) => f.status === "fail"), sorted.filter((f) => f.baselineState === "new"), sorted.filter((f) => f.status === "attestation-required")];
  for (const list of lists) {
    for (const f of list.slice(0, MARKDOWN_TOP)) keep.add(f);
    for (const f of list.sort(compareFindings).slice(0, MARKDOWN_TOP)) keep.add(f);
  }
  return keep;
}

/** Runs of equal (status, severity) in results sorted by status and severity: [from, to) pairs. */
function* groups(sorted: readonly Finding[]): Generator<[number, number]> {
  let from = 0;
  for (let i = 1; i <= sorted.length; i++) {
    const a = sorted[from] as Finding;
    const b = sorted[i];
    if (b === undefined || b.status !== a.status || b.severity !== a.severity) {
      yield [from, i];
      from = i;
    }
  }
}

function groupOf(f: Finding): Group {
  return { status: STATUS_RANK[f.status], severity: SEVERITY_RANK[f.severity], ruleId: f.ruleId };
}

/** sortFindings's group order (rule ids by locale). */
function byLocale(a: Group, b: Group): number {
  return a.status - b.status || a.severity - b.severity || a.ruleId.localeCompare(b.ruleId);
}

/** compareFindings's group order (rule ids by code point), the SARIF log's. */
function byCodePoint(a: Group, b: Group): number {
  return a.status - b.status || a.severity - b.severity || compareText(a.ruleId, b.ruleId);
}
