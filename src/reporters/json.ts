/**
 * findings.json: the findings document as JSON, with its schema reference.
 */
import type { Finding } from "../engine/types.js";
import { indentedElements, TEXT_ROWS_BATCH } from "./stream.js";
import type { FindingsDocument } from "../findings/types.js";
import type { StreamedFormat, StreamEnd } from "./types.js";

/** Renders findings.json (one-space indentation keeps 100,000 results readable and compact). */
export function renderJson(doc: FindingsDocument): string {
  return `${JSON.stringify({ $schema: "https://hemvist.dev/schemas/findings-1.json", ...doc, results: doc.results.map(stored) }, null, 1)}\n`;
}

/**
 * A result as findings.json stores it: a dependency at the result's own resource omits its `scope`
 * (most verdicts read only their own item), which keeps the file about the size it had without them.
 */
export function stored(f: Finding): Finding {
  const deps = f.dependsOn;
  if (!deps?.some((d) => d.scope === f.resourceId)) return f;
  return { ...f, dependsOn: deps.map((d) => (d.scope === f.resourceId ? { collection: d.collection } : d)) as Finding["dependsOn"] };
}

/** Where the results go in findings.json: the document's `results`, written as `[]`. */
const RESULTS_SLOT = '\n "results": []';
/** Where the data map's copies go (depth 2, inside `dataMap`), written as `[]`. */
const COPIES_SLOT = '\n  "copies": []';
/** Copies stringified per piece: a piece of about 100 kB. */
const COPIES_BATCH = 256;

/** findings.json's text around its results, as pieces; a data map's copies are stringified a batch at a time. */
export interface JsonFrame {
  /** The file with no result. */
  empty(): Iterable<string>;
  /** The file up to its first result. */
  head(): Iterable<string>;
  /** The file after its last result. */
  tail(): Iterable<string>;
}

/**
 * findings.json around its results, for writing the results separately: `empty` is the file with
 * no result; with results it is `head`, the results (`jsonResults`, batches joined by `,\n`), `tail`.
 * The data map's copies (one per copy of every resource's data) are never stringified at once.
 * @param doc the document; its results are ignored
 */
export function jsonFrame(doc: FindingsDocument): JsonFrame {
  const copies = doc.dataMap?.copies ?? [];
  const text = renderJson({ ...doc, results: [], ...(doc.dataMap ? { dataMap: { ...doc.dataMap, copies: [] } } : {}) });
  // Keys are written as `"key":` with the quote escaped inside strings, so a slot at its depth is unique.
  const slot = (needle: string, from = 0): number => {
    const at = text.indexOf(needle, from);
    if (at < 0 || text.indexOf(needle, at + 1) >= 0) throw new Error(`findings.json: the slot ${JSON.stringify(needle.trim())} is not unique`);
    return at + needle.length - 1; // the "]" of "[]"
  };
  const results = slot(RESULTS_SLOT);
  const dataMapAt = doc.dataMap ? text.indexOf('\n "dataMap": {') : -1;
  const copiesAt = copies.length > 0 ? slot(COPIES_SLOT, dataMapAt) : -1;
  function* span(from: number, to: number): Generator<string> {
    if (copiesAt < from || copiesAt >= to) {
      yield text.slice(from, to);
      return;
    }
    yield `${text.slice(from, copiesAt)}\n`;
    for (let i = 0; i < copies.length; i += COPIES_BATCH) yield `${i > 0 ? ",\n" : ""}${indentedElements(copies.slice(i, i + COPIES_BATCH), 1, 3)}`;
    yield `\n  ${text.slice(copiesAt, to)}`;
  }
  return {
    empty: () => span(0, text.length),
    *head() {
      yield* span(0, results);
      yield "\n";
    },
    *tail() {
      yield "\n ";
      yield* span(results, text.length);
    },
  };
}

/**
 * Results as findings.json writes them (at depth 2, one-space indentation), joined by `,\n`.
 * @param findings the results, in report order
 */
export function jsonResults(findings: readonly Finding[]): string {
  return indentedElements(findings.map(stored), 1, 2);
}

/**
 * findings.json streamed: every result, in report order (sortFindings), between the document's
 * head and tail (jsonFrame); the file with no result is the frame's `empty`.
 */
export const jsonStream: StreamedFormat = {
  start() {
    let frame: ReturnType<typeof jsonFrame> | undefined;
    const frameOf = (end: StreamEnd) => (frame ??= jsonFrame(end.doc));
    return {
      order: "locale",
      separator: ",\n",
      batch: TEXT_ROWS_BATCH,
      select: (sorted) => sorted,
      rows: (batch) => jsonResults(batch),
      head: (end) => (end.rows === 0 ? frameOf(end).empty() : frameOf(end).head()),
      tail: (end) => (end.rows === 0 ? "" : frameOf(end).tail()),
    };
  },
};
