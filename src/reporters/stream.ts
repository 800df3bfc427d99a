/**
 * Helpers for reports rendered as a sequence of text pieces (streamed to disk by the CLI, joined
 * by the string APIs): batching small pieces, and compact JSON text produced piece by piece.
 */
import type { BufferedWriter } from "../base/atomic.js";

/**
 * Results rendered per call when a streamed report's rows are text: a string of under 100 kB
 * (larger ones go to V8's large-object space).
 */
export const TEXT_ROWS_BATCH = 64;

/** Batches pieces are gathered into (characters), so writers see few, large chunks. */
export const CHUNK_CHARS = 1 << 16;

/**
 * Gathers small pieces into chunks of about `size` characters; the concatenation is unchanged.
 * @param pieces the text in order
 * @param size characters per chunk (a chunk may be longer by one piece)
 */
export function* batched(pieces: Iterable<string>, size = CHUNK_CHARS): Generator<string> {
  let buf: string[] = [];
  let n = 0;
  for (const p of pieces) {
    buf.push(p);
    n += p.length;
    if (n >= size) {
      yield buf.join("");
      buf = [];
      n = 0;
    }
  }
  if (n > 0) yield buf.join("");
}

/** Joins every piece of a generator into one string (the string APIs of streamed reports). */
export function joinPieces(pieces: Iterable<string>): string {
  const parts: string[] = [];
  for (const p of pieces) parts.push(p);
  return parts.join("");
}

/** Elements of an innermost opened array stringified at once. */
const SLICE = 4096;

function skipped(v: unknown): boolean {
  return v === undefined || typeof v === "function" || typeof v === "symbol";
}

/**
 * Yields the text of `JSON.stringify(value)` (no indentation) in pieces: arrays and plain objects
 * down to `depth` levels are opened piece by piece, deeper values are stringified whole. Pieces
 * joined equal `JSON.stringify(value)` for plain JSON data (no toJSON, no cycles).
 * @param value plain JSON data
 * @param depth container levels to open
 */
export function* compactJsonPieces(value: unknown, depth = 2): Generator<string> {
  const container = typeof value === "object" && value !== null && typeof (value as { toJSON?: unknown }).toJSON !== "function";
  if (!container || depth <= 0) {
    yield JSON.stringify(value) ?? "null";
    return;
  }
  if (Array.isArray(value)) {
    yield "[";
    if (depth === 1) {
      // Elements are stringified whole: a slice's text without its brackets is the same elements.
      for (let i = 0; i < value.length; i += SLICE) {
        const s = JSON.stringify(value.slice(i, i + SLICE));
        yield `${i > 0 ? "," : ""}${s.slice(1, -1)}`;
      }
      yield "]";
      return;
    }
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ",";
      const v = value[i];
      if (skipped(v)) yield "null";
      else yield* compactJsonPieces(v, depth - 1);
    }
    yield "]";
    return;
  }
  yield "{";
  let first = true;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (skipped(v)) continue;
    yield `${first ? "" : ","}${JSON.stringify(k)}:`;
    first = false;
    yield* compactJsonPieces(v, depth - 1);
  }
  yield "}";
}

/**
 * The elements of an array as `JSON.stringify(…, null, indent)` writes them when the array is
 * nested `depth - 1` levels deep (each element indented for `depth`), joined by `,\n`, without the
 * brackets: a run of elements of a pretty-printed list, from one stringify call.
 * @param values the elements (plain JSON data)
 * @param indent spaces per level
 * @param depth the elements' nesting level (1: the elements of a top-level array)
 */
export function indentedElements(values: readonly unknown[], indent: number, depth: number): string {
  if (values.length === 0) return "";
  let wrapped: unknown = values;
  for (let d = 1; d < depth; d++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, indent);
  // Each level opens with its indentation and "[\n" and closes with "\n", its indentation and "]".
  let cut = 0;
  for (let d = 0; d < depth; d++) cut += indent * d + 2;
  return text.slice(cut, text.length - cut);
}

/** Writes text given whole or in pieces (each piece made only once the previous one is written). */
export async function writeText(text: string | Iterable<string>, out: BufferedWriter): Promise<void> {
  if (typeof text === "string") await out.text(text);
  else for (const piece of text) await out.text(piece);
}
