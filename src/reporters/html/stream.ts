/**
 * report.html streamed. While the run has at most COMPACT_THRESHOLD results the spool holds them
 * and the page is the renderer's own text. Above it each result is spooled as a compact row
 * (compact.ts) of provisional string indexes (first appearance in the order results arrive), the
 * strings themselves as JSON text in a part file of the format's own; at finish the indexes are
 * renumbered by first appearance in report order, as encodeResults assigns them, and the strings
 * are written in that order before the rows, which go column by column (compact.ts encodeColumn).
 */
import type { BufferedWriter } from "../../base/atomic.js";
import type { Part, PartWriter } from "../../base/parts.js";
import type { Finding } from "../../engine/types.js";
import { sortFindings } from "../../findings/document.js";
import { escapeForScript } from "../escape.js";
import { htmlHead, htmlTail, pageDocument, renderHtml } from "../html.js";
import { batched, compactJsonPieces, writeText } from "../stream.js";
import type { ReportOptions, StreamedFormat, StreamedRun, StreamEnd, StreamStart } from "../types.js";
import { COMPACT_COLUMNS, COMPACT_STRIDE, COMPACT_THRESHOLD, encodeColumn, encodeRow, StringTable } from "./compact.js";

/** Compact rows encoded per Int32Array. */
const ROW_BATCH = 4096;
/** Cells renumbered at finish between turns of the event loop. */
const SLICE_CELLS = 1 << 19;

class HtmlRun implements StreamedRun {
  readonly order = "locale";
  readonly separator = "";
  readonly batch = ROW_BATCH;
  readonly hold = COMPACT_THRESHOLD;
  private readonly opts: ReportOptions;
  /** The provisional string table (first appearance in the order results arrive). */
  private readonly table = new StringTable((s) => this.newStrings.push(escapeForScript(JSON.stringify(s))));
  /** Where each provisional string's JSON text ends in the strings file (`[0]` = 0). */
  private readonly stringEnds: number[] = [0];
  /** JSON texts of strings interned since the strings file was last appended to. */
  private newStrings: string[] = [];
  /** Cells of ROW_BATCH rows, reused for every batch. */
  private readonly cells = new Int32Array(ROW_BATCH * COMPACT_STRIDE);
  /** The strings file, open from the first row to finish. */
  private strings: PartWriter | undefined;

  constructor(private readonly ctx: StreamStart) {
    this.opts = { lang: ctx.lang };
  }

  select(sorted: readonly Finding[]): readonly Finding[] {
    return sorted;
  }

  /** Encodes the batch's rows (a view of reused cells) and appends the strings they interned first to the strings file. */
  async rows(batch: readonly Finding[]): Promise<Uint8Array> {
    if (!this.strings) {
      this.strings = this.ctx.scratch();
      await this.strings.begin();
    }
    const cells = this.cells;
    for (let r = 0; r < batch.length; r++) encodeRow(batch[r] as Finding, this.table, cells, r * COMPACT_STRIDE);
    const texts = this.newStrings;
    this.newStrings = [];
    const out = this.strings.out;
    for (const t of texts) {
      if (!out.textSync(t)) await out.text(t);
      this.stringEnds.push(out.size);
    }
    return new Uint8Array(cells.buffer, 0, batch.length * COMPACT_STRIDE * 4);
  }

  /** The page up to the compact form's strings: the document without its results, opened for `resultsCompact`. */
  *head({ doc }: StreamEnd): Generator<string> {
    const { results: _, ...rest } = pageDocument(doc);
    yield htmlHead(doc, this.opts);
    // The document's pieces without its closing brace (compactJsonPieces yields it alone, last).
    let held: string | undefined;
    for (const piece of batched(compactJsonPieces(rest, 3))) {
      if (held !== undefined) yield escapeForScript(held);
      held = piece;
    }
    if (held === undefined || !held.endsWith("}")) throw new Error("report.html: the document is not an object");
    held = held.slice(0, -1);
    // A comma after the document's last key (none when it has no key).
    yield `${escapeForScript(held)}${held !== "{" ? "," : ""}"resultsCompact":{"v":2,"stride":${COMPACT_STRIDE},"columns":${escapeForScript(JSON.stringify(COMPACT_COLUMNS))},"strings":[`;
  }

  tail({ doc }: StreamEnd): string {
    return `]}}${htmlTail(doc, this.opts)}`;
  }

  /**
   * The renderer's text for held results; otherwise the compact form: the rows' string indexes
   * renumbered by first appearance in report order, the strings' JSON texts in that order, then
   * the rows. The work is cut into slices so the other reports' copies keep going.
   */
  async write(end: StreamEnd, parts: readonly Part[], out: BufferedWriter): Promise<void> {
    if (end.held) {
      await out.text(renderHtml({ ...end.doc, results: sortFindings([...end.held]) }, this.opts));
      return;
    }
    const [rows, texts] = await Promise.all([Promise.all(parts.map(readCells)), this.readStrings()]);
    const size = this.table.size;
    const renumber = new Int32Array(size).fill(-1);
    const order = new Int32Array(size);
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
    await writeText(this.head(end), out);
    await writeStrings(texts, this.stringEnds, order.subarray(0, next), out);
    let count = 0;
    for (const cells of rows) count += cells.length / COMPACT_STRIDE;
    await out.text(`],"count":${count},"cols":[`);
    // Column by column, runs of equal cells as one number (compact.ts encodeColumn).
    const col = new Int32Array(count);
    for (let k = 0; k < COMPACT_STRIDE; k++) {
      const n = encodeColumn(rows, COMPACT_STRIDE, k, col);
      await out.text(k === 0 ? "[" : ",[");
      await writeInts(col.subarray(0, n), true, out);
      await out.text("]");
      await turn();
    }
    await out.text(this.tail(end));
  }

  /** Closes the strings file and reads it back (and removes it). */
  private async readStrings(): Promise<Buffer> {
    const part = await (this.strings as PartWriter).end();
    try {
      const bytes = Buffer.allocUnsafe(part.size);
      await part.read(bytes);
      return bytes;
    } finally {
      await part.remove();
    }
  }
}

export const htmlStream: StreamedFormat = {
  start: (ctx) => new HtmlRun(ctx),
};

/** Reads a part of compact rows back as cells, and removes it. */
async function readCells(part: Part): Promise<Int32Array> {
  const cells = new Int32Array(part.size / 4);
  await part.read(new Uint8Array(cells.buffer));
  await part.remove();
  return cells;
}

/** Lets the event loop run (I/O completions start the next reads and writes). */
function turn(): Promise<void> {
  return new Promise((done) => setImmediate(done));
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
