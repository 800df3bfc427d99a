/**
 * Streams `JSON.stringify(value, null, indent) + "\n"`, or any text given in pieces, to a file
 * atomically, byte for byte, without building the whole text: large snapshots, findings documents
 * and reports are written from the single copy in memory, and hashed (SHA-256) on the way.
 */
import { createHash } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { removeStaleTemps, tempPathFor, trackPendingWrite } from "./write.js";

/**
 * Containers at this depth are stringified whole: one result of findings.json, one subscription
 * of a snapshot (a few MB even at 5,000 resources). Deeper splitting only costs time.
 */
const MAX_DEPTH = 2;
/** Bytes encoded before each write to disk. */
const WRITE_BUFFER = 1 << 22;
const encoder = new TextEncoder();

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

/**
 * Writes `JSON.stringify(value, null, indent) + "\n"` to `file` atomically (temporary file, fsync,
 * rename) in chunks, and returns the SHA-256 (hex) of the bytes written.
 */
export async function writeJsonAtomic(file: string, value: unknown, indent = 1): Promise<string> {
  return writeTextAtomic(file, withNewline(jsonPieces(value, indent)));
}

function* withNewline(pieces: Iterable<string>): Generator<string> {
  yield* pieces;
  yield "\n";
}

/**
 * Writes the concatenation of `pieces` (UTF-8) to `file` atomically — temporary file in the same
 * folder, fsync, rename — encoding into one 4 MiB buffer written when full, so a large report is never held whole;
 * returns the SHA-256 (hex) of the bytes written. The temporary file is registered with write.ts,
 * so SIGINT/SIGTERM cleanup removes it, and stale ones of killed runs are removed afterwards.
 * @param file the target path
 * @param pieces the text in order (a generator is consumed lazily, between writes)
 */
export async function writeTextAtomic(file: string, pieces: Iterable<string> | AsyncIterable<string>): Promise<string> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  const tmp = tempPathFor(file);
  const hash = createHash("sha256");
  const opening = open(tmp, "w", 0o644);
  const untrack = trackPendingWrite(tmp, opening); // SIGINT/SIGTERM cleanup removes it (write.ts)
  try {
    const fh = await opening;
    try {
      // One buffer for the whole file: text is encoded into it and written when it is full.
      const buf = Buffer.allocUnsafe(WRITE_BUFFER);
      let used = 0;
      const flush = async () => {
        if (used === 0) return;
        const bytes = buf.subarray(0, used);
        hash.update(bytes);
        let off = 0;
        while (off < used) off += (await fh.write(buf, off, used - off)).bytesWritten;
        used = 0;
      };
      for await (const piece of pieces) {
        let rest = piece;
        for (;;) {
          const { read, written } = encoder.encodeInto(rest, buf.subarray(used));
          used += written;
          if (read === rest.length) break;
          rest = rest.slice(read);
          await flush();
        }
        if (used >= WRITE_BUFFER - 16) await flush();
      }
      await flush();
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
    await removeStaleTemps(dir, basename(file));
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  } finally {
    untrack();
  }
  return hash.digest("hex");
}
