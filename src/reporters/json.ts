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

/**
 * findings.json around its results, for writing the results separately: `empty` is the file with
 * no result; with results it is `head`, the results (`jsonResults`, batches joined by `,\n`), `tail`.
 * @param doc the document; its results are ignored
 */
export function jsonFrame(doc: FindingsDocument): { empty: string; head: string; tail: string } {
  const empty = renderJson({ ...doc, results: [] });
  // Keys are written as `"key":` with the quote escaped inside strings, so the slot is unique.
  const at = empty.indexOf(RESULTS_SLOT);
  if (at < 0 || empty.indexOf(RESULTS_SLOT, at + 1) >= 0) throw new Error("findings.json: the results slot is not unique");
  const open = at + RESULTS_SLOT.length - 1; // the "]" of "[]"
  return { empty, head: `${empty.slice(0, open)}\n`, tail: `\n ${empty.slice(open)}` };
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
      head: (end) => (end.rows === 0 ? frameOf(end).empty : frameOf(end).head),
      tail: (end) => (end.rows === 0 ? "" : frameOf(end).tail),
    };
  },
};
