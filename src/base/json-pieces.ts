/**
 * `JSON.stringify(value, null, indent)` in pieces, byte for byte, without building the whole text:
 * large snapshots are written (atomic.ts) from the single copy in memory.
 */

/**
 * Containers at this depth are stringified whole: one result of findings.json, one subscription
 * of a snapshot (a few MB even at 5,000 resources). Deeper splitting only costs time.
 */
const MAX_DEPTH = 2;

/** Skipped in objects (as JSON.stringify skips them). */
function skipped(v: unknown): boolean {
  return v === undefined || typeof v === "function" || typeof v === "symbol";
}

const heads = new Map<string, string>();
const tails = new Map<string, string>();

/** The text JSON.stringify writes before a value nested in `depth` arrays: `[\n`, ` [\n`, …, and its indentation. */
function wrapperHead(indent: number, depth: number): string {
  const key = `${indent}:${depth}`;
  let h = heads.get(key);
  if (h === undefined) {
    h = "";
    for (let d = 0; d < depth; d++) h += `${" ".repeat(indent * d)}[\n`;
    h += " ".repeat(indent * depth);
    heads.set(key, h);
  }
  return h;
}

/** The text JSON.stringify writes after a value nested in `depth` arrays: `\n ]`, …, `\n]`. */
function wrapperTail(indent: number, depth: number): string {
  const key = `${indent}:${depth}`;
  let t = tails.get(key);
  if (t === undefined) {
    t = "";
    for (let d = depth - 1; d >= 0; d--) t += `\n${" ".repeat(indent * d)}]`;
    tails.set(key, t);
  }
  return t;
}

/**
 * Yields the text of `JSON.stringify(value, null, indent)` in pieces, descending into arrays and
 * plain objects down to MAX_DEPTH and stringifying what lies below whole (re-indented).
 * @param value plain JSON data (no toJSON, no cycles)
 * @param indent spaces per level
 */
export function* jsonPieces(value: unknown, indent: number, depth = 0): Generator<string> {
  const pad = (d: number) => " ".repeat(indent * d);
  const container = typeof value === "object" && value !== null && typeof (value as { toJSON?: unknown }).toJSON !== "function";
  if (!container || depth >= MAX_DEPTH || indent <= 0) {
    if (depth > 0 && indent > 0) {
      // Stringified inside `depth` arrays it is indented as at this depth; the wrapper is cut off
      // (cheaper than re-indenting every line).
      let wrapped: unknown = value;
      for (let d = 0; d < depth; d++) wrapped = [wrapped];
      const s = JSON.stringify(wrapped, null, indent);
      yield s.slice(wrapperHead(indent, depth).length, s.length - wrapperTail(indent, depth).length);
      return;
    }
    yield JSON.stringify(value, null, indent) ?? "null";
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield "[]";
      return;
    }
    yield "[\n";
    for (let i = 0; i < value.length; i++) {
      yield pad(depth + 1);
      const v = value[i];
      if (skipped(v)) yield "null";
      else yield* jsonPieces(v, indent, depth + 1);
      yield i < value.length - 1 ? ",\n" : "\n";
    }
    yield `${pad(depth)}]`;
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => !skipped(v));
  if (entries.length === 0) {
    yield "{}";
    return;
  }
  yield "{\n";
  for (let i = 0; i < entries.length; i++) {
    const [k, v] = entries[i]!;
    yield `${pad(depth + 1)}${JSON.stringify(k)}: `;
    yield* jsonPieces(v, indent, depth + 1);
    yield i < entries.length - 1 ? ",\n" : "\n";
  }
  yield `${pad(depth)}}`;
}
