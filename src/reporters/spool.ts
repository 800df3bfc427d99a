/**
 * The report spool: results are rendered rule by rule as evaluation produces them, and every
 * report is assembled at the end of the run, byte for byte what the renderers write for the whole
 * document (`renderReport(format, { ...doc, results: sortFindings(all) })`).
 *
 * Within the reports' order (sortFindings: status, severity, rule, resource, part) the results of
 * one (status, severity, rule) are contiguous, so each rule's results are sorted, cut into those
 * groups and rendered at once, each group of each format into its own temporary file (a "part"):
 * findings.json, findings.csv and findings.sarif as text, report.html's compact rows (above
 * COMPACT_THRESHOLD results) as provisional string indexes, the strings themselves as JSON text
 * in one more file. `finish` writes each report's head (rendered from the finished document),
 * copies the parts in report order, removing each once read (the report's pages reuse the
 * spool's, so the run never holds two copies of the reports in the page cache), and writes the
 * tail; the compact string table is renumbered in order of first appearance. summary.md and the
 * console summary need only counts and the first MARKDOWN_TOP failing and new results, which are kept.
 */
import { appendFile, mkdir } from "node:fs/promises";
import { AtomicFile, type BufferedWriter, writeAtomic } from "../base/atomic.js";
import { type Part, PartWriter } from "../base/parts.js";
import type { Lang } from "../base/lang.js";
import type { Finding, RuleMeta, Severity, Status } from "../engine/types.js";
import { compareFindings, compareText } from "./common.js";
import { CSV_HEAD, csvDocumentRows, csvRows } from "./csv.js";
import { sortFindings } from "../findings/document.js";
import { escapeForScript, htmlHead, htmlTail, renderHtml } from "./html.js";
import { COMPACT_COLUMNS, COMPACT_STRIDE, COMPACT_THRESHOLD, encodeRow, StringTable } from "./html/compact.js";
import { REPORT_FILES, type ReportFormat } from "./index.js";
import { jsonFrame, jsonResults } from "./json.js";
import { MARKDOWN_TOP, renderMarkdown } from "./markdown.js";
import { sarifDocumentResults, sarifFrame, sarifReported, sarifResults, worseSeverity } from "./sarif.js";
import type { FindingsDocument } from "../findings/types.js";

export interface SpoolOptions {
  /** Folder of the reports; temporary spool files are created there with names starting with "." (and removed). */
  dir: string;
  /** The formats `finish` writes. */
  formats: ReportFormat[];
  lang: Lang;
  /** The rules in document order (doc.rules); every ruleId passed to add is one of them. */
  rules: RuleMeta[];
}

/** The spooled streams: results rendered for three reports, and report.html's compact rows. */
type Stream = "json" | "csv" | "sarif" | "rows";

/** A (status, severity, rule) group: contiguous in the reports' order. */
interface Group {
  status: number;
  severity: number;
  ruleId: string;
}

/** One group of one stream, spooled: its bytes are the parts' in order. */
interface Spooled extends Group {
  parts: Part[];
}

const STATUS_RANK: Record<Status, number> = { fail: 0, "not-assessed": 1, excepted: 2, pass: 3 };
const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

/** Separator before every spooled JSON or SARIF result (`,\n`); the first result's is dropped. */
const SEP = ",\n";
const SEP_BYTES = 2;
/** Results rendered per call (a string of under 100 kB: larger ones go to V8's large-object space). */
const BATCH = 64;
/** Compact HTML rows encoded per Int32Array. */
const ROW_BATCH = 4096;
/** Compact HTML cells renumbered at finish between turns of the event loop. */
const SLICE_CELLS = 1 << 19;
/**
 * A part is closed and the next begun once it holds this much: finish removes each part as soon
 * as it is read, so the report's pages can reuse the spool's while it is written.
 */
const PART_BYTES = 1 << 23;
/** Each stream's append buffer (two: one filled while the other is written). */
const SPOOL_BUFFER = 1 << 20;

/**
 * Renders results as each rule finishes and assembles every report at the end of the run. Not
 * reusable: after `finish` or `discard` it holds nothing.
 */
export class ReportSpool {
  private readonly formats: Set<ReportFormat>;
  /** A rule's index in the SARIF driver's rules (sorted by id), rendered into each result. */
  private readonly sarifRuleIndex: Map<string, number>;
  private readonly added = new Set<string>();
  /** Per rule, its most severe result (SARIF describes a "by-level" rule by it). */
  private readonly worst = new Map<string, Severity>();
  /** The first failing and new results (highlightsOf), for summary.md and the console, by group (each sorted). */
  private readonly highlights: (Group & { findings: Finding[] })[] = [];
  private readonly spooled: Record<Stream, Spooled[]> = { json: [], csv: [], sarif: [], rows: [] };
  /** One writer per stream, and report.html's strings (created with the folder on the first add). */
  private writers: Promise<Partial<Record<Stream | "strings", PartWriter>>> | undefined;
  /** Every temporary file that exists: closed parts and the writers' open files. */
  private readonly temps = new Set<Part | PartWriter>();
  private count = 0;
  /** A non-pass result carried a baselineState (spooled SARIF includes it, so the document must have a baseline). */
  private sawBaselineState = false;
  /** report.html below COMPACT_THRESHOLD: each rule's results, sorted, until the count passes it. */
  private small: Finding[][] | undefined = [];
  /** report.html above it: the provisional string table (first appearance in add order). */
  private readonly table = new StringTable((s) => this.newStrings.push(escapeForScript(JSON.stringify(s))));
  /** Where each provisional string's JSON text ends in the strings file (`[0]` = 0). */
  private readonly stringEnds: number[] = [0];
  /** JSON texts of strings interned since the strings file was last appended to. */
  private newStrings: string[] = [];
  /** Cells of ROW_BATCH rows, reused for every batch. */
  private readonly cells = new Int32Array(ROW_BATCH * COMPACT_STRIDE);
  private queue: Promise<void> = Promise.resolve();
  private failure: unknown;
  private state: "open" | "finishing" | "closed" = "open";

  constructor(private readonly opts: SpoolOptions) {
    this.formats = new Set(opts.formats);
    const ids = opts.rules.map((r) => r.id).sort(compareText);
    this.sarifRuleIndex = new Map(ids.map((id, i) => [id, i]));
  }

  /**
   * One rule's final findings (exceptions and baseline already applied), in any order. Called at
   * most once per rule, rules in any order. Renders every spooled format now; keeps only the
   * first failing and new findings (and, while the run has at most COMPACT_THRESHOLD results, the
   * others for report.html). Calls are queued: each starts when the previous one is done.
   */
  add(ruleId: string, findings: Finding[]): Promise<void> {
    const run = this.queue.then(() => this.addNow(ruleId, findings));
    this.queue = run.catch((err: unknown) => {
      this.failure ??= err;
    });
    return run;
  }

  /**
   * Writes every format to `paths[format]` atomically (temporary file in the same folder, fsync,
   * rename; the formats in parallel) and removes the spool. `doc` is the complete document except
   * `results: []`. Appends summary.md to $GITHUB_STEP_SUMMARY when set. Returns the first
   * failing and new findings (highlightsOf), sorted with sortFindings, for the console summary.
   */
  async finish(doc: FindingsDocument, paths: Partial<Record<ReportFormat, string>>): Promise<{ highlights: Finding[] }> {
    await this.queue;
    if (this.failure !== undefined) throw this.failure;
    if (this.state !== "open") throw new Error("ReportSpool: finish after finish or discard");
    this.state = "finishing";
    try {
      this.check(doc, paths);
      const highlights = this.highlights.sort(byLocale).flatMap((g) => g.findings);
      const writers = (await this.writers) ?? {};
      // report.html's spool is read first (the I/O threads take requests in order), so its
      // computation overlaps the other reports' copies; the largest copy starts first.
      const compact = this.small || !writers.strings ? undefined : this.readCompact(writers.strings);
      compact?.catch(() => undefined); // awaited by the HTML job; this only keeps a failure from being unhandled meanwhile
      const order: ReportFormat[] = ["json", "csv", "sarif", "md", "html"];
      const jobs = order.filter((f) => this.formats.has(f)).map((format) => this.write(format, doc, paths[format] as string, highlights, compact));
      const settled = await Promise.allSettled(jobs);
      for (const s of settled) if (s.status === "rejected") throw s.reason;
      return { highlights };
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
    let worst = this.worst.get(ruleId);
    for (const f of findings) {
      if (f.ruleId !== ruleId) throw new Error(`ReportSpool: a result of ${f.ruleId} among those of ${ruleId}`);
      if (!Object.hasOwn(STATUS_RANK, f.status) || !Object.hasOwn(SEVERITY_RANK, f.severity)) throw new Error(`ReportSpool: ${ruleId}: unknown status "${f.status}" or severity "${f.severity}"`);
      worst = worseSeverity(worst, f.severity);
      if (f.status !== "pass" && f.baselineState !== undefined) this.sawBaselineState = true;
    }
    if (findings.length === 0) return;
    this.worst.set(ruleId, worst as Severity);
    this.count += findings.length;
    const sorted = sortFindings(findings.slice());
    const keep = highlightsOf(sorted);
    for (const [from, to] of groups(sorted)) {
      const kept = sorted.slice(from, to).filter((f) => keep.has(f));
      if (kept.length > 0) this.highlights.push({ ...groupOf(kept[0] as Finding), findings: kept });
    }
    const writers = await (this.writers ??= this.createWriters());
    const lang = this.opts.lang;
    if (writers.json) await this.spoolText(writers.json, this.spooled.json, sorted, (batch, first) => `${first ? "" : SEP}${jsonResults(batch)}`, SEP);
    if (writers.csv) await this.spoolText(writers.csv, this.spooled.csv, sorted, (batch) => csvRows(batch, lang), "");
    if (writers.sarif) {
      // The log's order compares texts by code point (compareFindings), not by locale.
      const reported = sorted.filter(sarifReported).sort(compareFindings);
      await this.spoolText(writers.sarif, this.spooled.sarif, reported, (batch, first) => `${first ? "" : SEP}${sarifResults(batch, this.sarifRuleIndex, true)}`, SEP);
    }
    if (writers.rows && writers.strings) {
      if (this.small) {
        this.small.push(sorted);
        if (this.count > COMPACT_THRESHOLD) {
          const waiting = this.small;
          this.small = undefined;
          for (const list of waiting) await this.spoolRows(writers.rows, writers.strings, list);
        }
      } else await this.spoolRows(writers.rows, writers.strings, sorted);
    }
  }

  /**
   * Spools each (status, severity) group of one rule's sorted results as a part, rendered batch
   * by batch; each part starts with `sep`, which `render` is told to write before all but the first batch.
   */
  private async spoolText(writer: PartWriter, spooled: Spooled[], sorted: readonly Finding[], render: (batch: Finding[], first: boolean) => string, sep: string): Promise<void> {
    for (const [from, to] of groups(sorted)) {
      const parts: Part[] = [];
      await writer.begin();
      if (sep) await writer.out.text(sep);
      for (let i = from; i < to; i += BATCH) {
        if (writer.size >= PART_BYTES) {
          parts.push(await this.closePart(writer));
          await writer.begin();
        }
        await writer.out.text(render(sorted.slice(i, Math.min(to, i + BATCH)), i === from));
      }
      parts.push(await this.closePart(writer));
      spooled.push({ ...groupOf(sorted[from] as Finding), parts });
    }
  }

  /**
   * Spools the compact HTML rows (provisional string indexes) of each group of one rule's sorted
   * results as a part, and appends the JSON text of each string they interned first to the strings file.
   */
  private async spoolRows(rows: PartWriter, strings: PartWriter, sorted: readonly Finding[]): Promise<void> {
    for (const [from, to] of groups(sorted)) {
      const parts: Part[] = [];
      await rows.begin();
      for (let i = from; i < to; i += ROW_BATCH) {
        if (rows.size >= PART_BYTES) {
          parts.push(await this.closePart(rows));
          await rows.begin();
        }
        const end = Math.min(to, i + ROW_BATCH);
        const cells = this.cells;
        for (let r = i; r < end; r++) encodeRow(sorted[r] as Finding, this.table, cells, (r - i) * COMPACT_STRIDE);
        await rows.out.bytes(new Uint8Array(cells.buffer, 0, (end - i) * COMPACT_STRIDE * 4));
        const texts = this.newStrings;
        this.newStrings = [];
        for (const t of texts) {
          if (!strings.out.textSync(t)) await strings.out.text(t);
          this.stringEnds.push(strings.size);
        }
      }
      parts.push(await this.closePart(rows));
      this.spooled.rows.push({ ...groupOf(sorted[from] as Finding), parts });
    }
  }

  private async closePart(writer: PartWriter): Promise<Part> {
    const part = await writer.end();
    this.temps.add(part);
    return part;
  }

  private async createWriters(): Promise<Partial<Record<Stream | "strings", PartWriter>>> {
    await mkdir(this.opts.dir, { recursive: true });
    const writers: Partial<Record<Stream | "strings", PartWriter>> = {};
    const streams: [Stream | "strings", ReportFormat][] = [
      ["json", "json"],
      ["csv", "csv"],
      ["sarif", "sarif"],
      ["rows", "html"],
      ["strings", "html"],
    ];
    for (const [stream, format] of streams) {
      if (!this.formats.has(format)) continue;
      const w = new PartWriter(this.opts.dir, REPORT_FILES[format], SPOOL_BUFFER);
      writers[stream] = w;
      this.temps.add(w);
    }
    // The strings file stays open for the whole run; the others open one part at a time.
    await writers.strings?.begin();
    return writers;
  }

  private async removeTemps(): Promise<void> {
    await this.writers?.catch(() => undefined);
    const temps = [...this.temps];
    this.temps.clear();
    await Promise.all(temps.map((t) => t.remove()));
  }

  private check(doc: FindingsDocument, paths: Partial<Record<ReportFormat, string>>): void {
    if (doc.results.length > 0) throw new Error("ReportSpool: finish takes the document with `results: []` (the results were added)");
    for (const f of this.formats) if (!paths[f]) throw new Error(`ReportSpool: no path for ${f}`);
    if (this.formats.has("sarif")) {
      const want = new Set(this.opts.rules.map((r) => r.id));
      if (doc.rules.length !== want.size || doc.rules.some((r) => !want.has(r.id))) throw new Error("ReportSpool: the document's rules differ from the spool's (SARIF rule indexes would be wrong)");
      if (!doc.baseline && this.sawBaselineState) throw new Error("ReportSpool: results carry a baselineState but the document has no baseline");
    }
    const ids = [...this.added].sort((a, b) => a.localeCompare(b));
    for (let i = 1; i < ids.length; i++) {
      if ((ids[i - 1] as string).localeCompare(ids[i] as string) === 0) throw new Error(`ReportSpool: rule ids ${ids[i - 1]} and ${ids[i]} sort as equal`);
    }
  }

  private async write(format: ReportFormat, doc: FindingsDocument, path: string, highlights: Finding[], compact: Promise<CompactSpool> | undefined): Promise<void> {
    const lang = this.opts.lang;
    if (format === "md") {
      const content = renderMarkdown({ ...doc, results: highlights }, { lang });
      await writeAtomic(path, content);
      if (process.env.GITHUB_STEP_SUMMARY) await appendFile(process.env.GITHUB_STEP_SUMMARY, `${content}\n`);
      return;
    }
    const file = await AtomicFile.create(path);
    try {
      const out = file.out;
      if (format === "html") await this.writeHtml(out, doc, compact);
      else if (format === "csv") {
        await out.text(CSV_HEAD);
        await this.copyParts(this.spooled.csv.sort(byLocale), 0, out);
        const tail = csvDocumentRows(doc, lang);
        if (tail) await out.text(tail);
      } else {
        const spooled = this.spooled[format].sort(format === "sarif" ? byCodePoint : byLocale);
        const frame = format === "json" ? jsonFrame(doc) : sarifFrame(doc, (r) => this.worst.get(r.id));
        // SARIF: the baseline results tonight could not verify follow tonight's (from the document).
        const extra = format === "sarif" ? sarifDocumentResults(doc, this.sarifRuleIndex) : "";
        if (spooled.length === 0 && !extra) await out.text(frame.empty);
        else {
          await out.text(frame.head);
          if (spooled.length > 0) await this.copyParts(spooled, SEP_BYTES, out);
          if (extra) await out.text(`${spooled.length > 0 ? SEP : ""}${extra}`);
          await out.text(frame.tail);
        }
      }
      await file.commit();
    } catch (err) {
      await file.abort();
      throw err;
    }
  }

  /** Copies the parts, in order, into the report (the first without its first `skip` bytes), removing each once read. */
  private async copyParts(spooled: readonly Spooled[], skip: number, out: BufferedWriter): Promise<void> {
    let first = true;
    for (const part of spooled.flatMap((s) => s.parts)) {
      await part.copyTo(out, first ? skip : 0);
      await this.removePart(part);
      first = false;
    }
  }

  private async removePart(part: Part): Promise<void> {
    this.temps.delete(part);
    await part.remove();
  }

  /** Reads report.html's spool back (the rows by group in report order, the strings' JSON texts) and removes it. */
  private async readCompact(strings: PartWriter): Promise<CompactSpool> {
    const parts = this.spooled.rows.sort(byLocale).flatMap((s) => s.parts);
    const reading = parts.map(async (part) => {
      const cells = new Int32Array(part.size / 4);
      await part.read(new Uint8Array(cells.buffer));
      await this.removePart(part);
      return cells;
    });
    const texts = (async () => {
      this.temps.delete(strings);
      const part = await this.closePart(strings);
      const bytes = Buffer.allocUnsafe(part.size);
      await part.read(bytes);
      await this.removePart(part);
      return bytes;
    })();
    const [rows, bytes] = await Promise.all([Promise.all(reading), texts]);
    return { rows, texts: bytes };
  }

  /**
   * report.html: below COMPACT_THRESHOLD the renderer's own text; above it the compact form: the
   * spooled rows' string indexes renumbered by first appearance in report order, the strings'
   * JSON texts copied in that order, then the rows. The work is cut into slices so the other
   * reports' copies keep going.
   */
  private async writeHtml(out: BufferedWriter, doc: FindingsDocument, compact: Promise<CompactSpool> | undefined): Promise<void> {
    const opts = { lang: this.opts.lang };
    if (!compact) {
      const results = sortFindings((this.small ?? []).flat());
      await out.text(renderHtml({ ...doc, results }, opts));
      return;
    }
    const { rows, texts } = await compact;
    // Final indexes in order of first appearance, as encodeResults assigns them.
    const count = this.table.size;
    const renumber = new Int32Array(count).fill(-1);
    const order = new Int32Array(count);
    let next = 0;
    for (const cells of rows) {
      for (let from = 0; from < cells.length; from += SLICE_CELLS) {
        const to = Math.min(cells.length, from + SLICE_CELLS);
        for (let i = from; i < to; i++) {
          const p = cells[i] as number;
          if (p < 0) continue;
          let n = renumber[p] as number;
          if (n < 0) {
            n = renumber[p] = next;
            order[next++] = p;
          }
          cells[i] = n;
        }
        await turn();
      }
    }
    const { results: _, ...rest } = doc;
    const restJson = escapeForScript(JSON.stringify(rest));
    const open = restJson === "{}" ? "{" : `${restJson.slice(0, -1)},`;
    await out.text(
      `${htmlHead(doc, opts)}${open}"resultsCompact":{"v":1,"stride":${COMPACT_STRIDE},"columns":${escapeForScript(JSON.stringify(COMPACT_COLUMNS))},"strings":[`,
    );
    await writeStrings(texts, this.stringEnds, order.subarray(0, next), out);
    await out.text('],"rows":[');
    for (const [i, cells] of rows.entries()) await writeInts(cells, i === 0, out);
    await out.text(`]}}${htmlTail(doc, opts)}`);
  }
}

/** report.html's spool read back: the rows (provisional string indexes) of each part, in report order, and the strings' JSON texts. */
interface CompactSpool {
  rows: Int32Array[];
  texts: Buffer;
}

/** Lets the event loop run (I/O completions start the next reads and writes). */
function turn(): Promise<void> {
  return new Promise((done) => setImmediate(done));
}

/**
 * The results of one rule that can be among the first MARKDOWN_TOP failing or new results of the
 * whole run, in either report order (sortFindings: the console; compareFindings: summary.md):
 * the first MARKDOWN_TOP of each list in each order. Everything else the summaries need is a count.
 * @param sorted one rule's results, sorted with sortFindings
 */
function highlightsOf(sorted: readonly Finding[]): Set<Finding> {
  const keep = new Set<Finding>();
  for (const list of [sorted.filter((f) => f.status === "fail"), sorted.filter((f) => f.baselineState === "new")]) {
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

/** Writes the strings' JSON texts (`texts[ends[p] .. ends[p + 1])`) in `order`, joined by commas. */
async function writeStrings(texts: Buffer, ends: readonly number[], order: Int32Array, out: BufferedWriter): Promise<void> {
  for (let k = 0; k < order.length; k++) {
    const p = order[k] as number;
    const start = ends[p] as number;
    const end = ends[p + 1] as number;
    if (out.fill + end - start + 1 > out.capacity) {
      await out.emit();
      await turn();
      if (end - start + 1 > out.capacity) {
        // Longer than a buffer: through the text path, which splits it.
        await out.text(`${k > 0 ? "," : ""}${texts.toString("utf8", start, end)}`);
        continue;
      }
    }
    const buf = out.buf;
    let at = out.fill;
    if (k > 0) buf[at++] = 44; // ","
    if (end - start < 64) for (let j = start; j < end; j++) buf[at++] = texts[j] as number;
    else at += texts.copy(buf, at, start, end);
    out.advance(at - out.fill);
  }
}

/** Writes `cells` as JSON numbers joined by commas (a leading one unless `first`), straight into the output buffers. */
async function writeInts(cells: Int32Array, first: boolean, out: BufferedWriter): Promise<void> {
  // Room for the longest number (-2147483648) and its comma.
  const limit = out.capacity - 12;
  let i = 0;
  while (i < cells.length) {
    const buf = out.buf;
    let p = out.fill;
    for (; i < cells.length && p < limit; i++) {
      if (i > 0 || !first) buf[p++] = 44; // ","
      let v = cells[i] as number;
      if (v < 0) {
        buf[p++] = 45; // "-"
        v = -v;
      }
      let digits = v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : v < 100000 ? 5 : v < 1000000 ? 6 : v < 10000000 ? 7 : v < 100000000 ? 8 : v < 1000000000 ? 9 : 10;
      let q = p + digits;
      p = q;
      while (digits-- > 0) {
        buf[--q] = 48 + (v % 10);
        v = Math.floor(v / 10);
      }
    }
    out.advance(p - out.fill);
    if (p >= limit) {
      await out.emit();
      await turn();
    }
  }
}
