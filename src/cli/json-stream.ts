/**
 * Streams `JSON.stringify(value, null, indent) + "\n"`, or any text given in pieces, to a file
 * atomically, byte for byte, without building the whole text: large snapshots, findings documents
 * and reports are written from the single copy in memory, and hashed (SHA-256) on the way.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { removeStaleTemps, trackPendingWrite } from "./write.js";

/**
 * Containers at this depth are stringified whole: one result of findings.json, one subscription
 * of a snapshot (a few MB even at 5,000 resources). Deeper splitting only costs time.
 */
const MAX_DEPTH = 2;
/** Flush to disk when this many characters are buffered. */
const FLUSH_AT = 1 << 22;

/** Skipped in objects (as JSON.stringify skips them). */
function skipped(v: unknown): boolean {
  return v === undefined || typeof v === "function" || typeof v === "symbol";
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
    const s = JSON.stringify(value, null, indent) ?? "null";
    yield depth > 0 && indent > 0 ? s.replace(/\n/g, `\n${pad(depth)}`) : s;
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
 * folder, fsync, rename — buffering about 4 MB at a time, so a large report is never held whole;
 * returns the SHA-256 (hex) of the bytes written. The temporary file is registered with write.ts,
 * so SIGINT/SIGTERM cleanup removes it, and stale ones of killed runs are removed afterwards.
 * @param file the target path
 * @param pieces the text in order (a generator is consumed lazily, between writes)
 */
export async function writeTextAtomic(file: string, pieces: Iterable<string> | AsyncIterable<string>): Promise<string> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const hash = createHash("sha256");
  const opening = open(tmp, "w", 0o644);
  const untrack = trackPendingWrite(tmp, opening); // SIGINT/SIGTERM cleanup removes it (write.ts)
  try {
    const fh = await opening;
    try {
      let buf: string[] = [];
      let size = 0;
      const flush = async () => {
        if (size === 0) return;
        const bytes = Buffer.from(buf.join(""), "utf8");
        buf = [];
        size = 0;
        hash.update(bytes);
        await fh.write(bytes);
      };
      for await (const piece of pieces) {
        buf.push(piece);
        size += piece.length;
        if (size >= FLUSH_AT) await flush();
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
