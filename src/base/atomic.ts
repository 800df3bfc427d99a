/**
 * The one atomic writer of every output (reports, snapshots, the demo's request log): content goes
 * to a temporary file in the target's folder, is flushed (fsync), then renamed over the target, so
 * a run killed mid-write leaves the previous file intact.
 *
 * One core, `AtomicFile`, writes through a `BufferedWriter` (two buffers: one filled while the
 * other is written); `writeAtomic` (a whole string or byte array), `writeTextAtomic` (text in
 * pieces) and `writeJsonAtomic` (a value as pretty-printed JSON, never stringified whole) are built
 * on it. Temporary files of writes in progress are registered, so SIGINT/SIGTERM cleanup removes
 * them, and those a killed run left are removed by the next write of the same file.
 */
import { createHash, type Hash, randomBytes } from "node:crypto";
import { type FileHandle, mkdir, open, readdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { jsonPieces } from "./json-pieces.js";

/** Bytes in each of an atomic file's two buffers. */
const OUT_BUFFER = 1 << 22;

const encoder = new TextEncoder();

/** Temporary files of writes in progress, with the open() that creates each (cleanup waits for it). */
const pending = new Map<string, Promise<unknown> | undefined>();

/** Report-set commits past their journal: cleanup lets them finish their renames (see report-set.ts). */
const commits = new Set<Promise<unknown>>();

/** Makes SIGINT/SIGTERM cleanup wait for `work` (a report set's renames) before it removes anything. */
export function holdCleanupFor(work: Promise<unknown>): void {
  const held = work.catch(() => undefined);
  commits.add(held);
  void held.then(() => commits.delete(held));
}

/** `.<name>.<pid>.<hex>.tmp`: a temporary file of ours (tempPathFor); groups: name, pid. */
export const TEMP_NAME = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/**
 * The temporary file a write of `file` goes through: `.<name>.<pid>.<hex>.tmp` beside it (hidden,
 * and recognised as ours by removeStaleTemps once the process is gone). The report spool names its
 * part files so too.
 */
export function tempPathFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

/**
 * Registers a temporary file, so SIGINT/SIGTERM cleanup removes it; call the returned function
 * once it is renamed or removed.
 * @param tmp the temporary file's path
 * @param opening the open() creating it, if started (cleanup waits for it before removing)
 */
export function trackPendingWrite(tmp: string, opening?: Promise<unknown>): () => void {
  pending.set(tmp, opening);
  return () => pending.delete(tmp);
}

/**
 * Removes temporary files of writes still in progress (called on SIGINT/SIGTERM). The run goes on
 * while this awaits (a report spool may open its next file), so it repeats until no temporary file
 * it has not removed is registered.
 */
export async function cleanupPendingWrites(): Promise<void> {
  await Promise.all([...commits]);
  const removed = new Set<string>();
  for (let round = 0; round < 20; round++) {
    const todo = [...pending].filter(([t]) => !removed.has(t));
    if (todo.length === 0) return;
    // Wait for an open() still in flight, or it could create the file after it was removed.
    await Promise.all(
      todo.map(async ([t, opening]) => {
        removed.add(t);
        await opening?.catch(() => undefined);
        await rm(t, { force: true });
      }),
    );
  }
}

/** Whether process `pid` exists (on this machine). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes temporary files a killed run (SIGKILL, power loss) left for `name` in `dir`: ours are
 * `.<name>.<pid>.<hex>.tmp`; only those whose process is gone are removed.
 */
export async function removeStaleTemps(dir: string, name: string): Promise<void> {
  const prefix = `.${name}.`;
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return;
  }
  for (const e of entries) {
    if (!e.startsWith(prefix)) continue;
    const m = /^(\d+)\.[0-9a-f]{8}\.tmp$/.exec(e.slice(prefix.length));
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid !== process.pid && !alive(pid)) await rm(join(dir, e), { force: true });
  }
}

/** Writes all of `length` bytes of `buf` at `position`. */
export async function writeFully(fh: FileHandle, buf: Uint8Array, length: number, position: number): Promise<void> {
  let off = 0;
  while (off < length) off += (await fh.write(buf, off, length - off, position + off)).bytesWritten;
}

/**
 * Bytes on their way to an open file, appended in order through two buffers: one is filled while
 * the other is written. Callers may also encode straight into `buf` from `fill` (at most
 * `capacity` bytes) and call `emit` when it is full. Reusable: `start` begins another file.
 */
export class BufferedWriter {
  private readonly bufs: [Buffer, Buffer];
  private which = 0;
  /** The buffer being filled, and how much of it is. */
  buf: Buffer;
  fill = 0;
  /** Bytes appended since `start` (written or still buffered). */
  size = 0;
  private position = 0;
  private writing: Promise<void> | undefined;
  private fh: FileHandle | undefined;
  private hash: Hash | undefined;

  /** @param capacity bytes in each buffer */
  constructor(readonly capacity: number) {
    this.bufs = [Buffer.allocUnsafe(capacity), Buffer.allocUnsafe(capacity)];
    this.buf = this.bufs[0];
  }

  /** Begins appending to `fh` from its start; `hash`, when given, is updated with every byte in order. */
  start(fh: FileHandle, hash?: Hash): void {
    this.fh = fh;
    this.hash = hash;
    this.fill = 0;
    this.size = 0;
    this.position = 0;
  }

  /** Hands the filled buffer to the file and switches to the other one (once its write is done). */
  async emit(): Promise<void> {
    if (this.fill === 0) return;
    await this.writing;
    const bytes = this.buf.subarray(0, this.fill);
    this.hash?.update(bytes);
    const w = writeFully(this.fh as FileHandle, bytes, bytes.length, this.position);
    w.catch(() => undefined); // awaited by the next emit or end; this only keeps a failure from being unhandled meanwhile
    this.writing = w;
    this.position += bytes.length;
    this.which ^= 1;
    this.buf = this.bufs[this.which] as Buffer;
    this.fill = 0;
  }

  /** Appends `text` (UTF-8). */
  async text(text: string): Promise<void> {
    let rest = text;
    for (;;) {
      const { read, written } = encoder.encodeInto(rest, this.buf.subarray(this.fill));
      this.fill += written;
      this.size += written;
      if (read === rest.length) break;
      rest = rest.slice(read);
      await this.emit();
    }
  }

  /** Appends `text` if it surely fits the buffer; false (nothing appended) otherwise. */
  textSync(text: string): boolean {
    if (this.capacity - this.fill < text.length * 3) return false;
    const { written } = encoder.encodeInto(text, this.buf.subarray(this.fill));
    this.fill += written;
    this.size += written;
    return true;
  }

  /** Appends `bytes`. */
  async bytes(bytes: Uint8Array): Promise<void> {
    let off = 0;
    while (off < bytes.length) {
      const n = Math.min(bytes.length - off, this.capacity - this.fill);
      this.buf.set(bytes.subarray(off, off + n), this.fill);
      this.fill += n;
      this.size += n;
      off += n;
      if (this.fill === this.capacity) await this.emit();
    }
  }

  /** Notes `n` bytes placed in `buf` from `fill` by the caller. */
  advance(n: number): void {
    this.fill += n;
    this.size += n;
  }

  /** Drops what is buffered and waits for a write in flight (after a failure; its error is ignored). */
  async discard(): Promise<void> {
    this.fill = 0;
    const w = this.writing;
    this.writing = undefined;
    this.fh = undefined;
    await w?.catch(() => undefined);
  }

  /** Writes what is buffered and waits for every write; the file is the caller's to close. */
  async end(): Promise<void> {
    await this.emit();
    const w = this.writing;
    this.writing = undefined;
    this.fh = undefined;
    await w;
  }
}

/**
 * An atomic write of one file: `out` fills a temporary file in the target's folder; `commit`
 * flushes it (fsync) and renames it over the target, `abort` removes it.
 */
export class AtomicFile {
  private constructor(
    private readonly path: string,
    private readonly tmp: string,
    private readonly fh: FileHandle,
    private readonly untrack: () => void,
    /** Where the content goes. */
    readonly out: BufferedWriter,
    private readonly hash: Hash,
  ) {}

  /**
   * Creates the target's folder and the temporary file.
   * @param capacity bytes in each of the writer's two buffers (at least 64)
   */
  static async create(path: string, capacity = OUT_BUFFER): Promise<AtomicFile> {
    await mkdir(dirname(path), { recursive: true });
    const tmp = tempPathFor(path);
    const opening = open(tmp, "w", 0o644);
    const untrack = trackPendingWrite(tmp, opening); // SIGINT/SIGTERM cleanup removes it
    try {
      const fh = await opening;
      const hash = createHash("sha256");
      const out = new BufferedWriter(Math.max(64, capacity));
      out.start(fh, hash);
      return new AtomicFile(path, tmp, fh, untrack, out, hash);
    } catch (err) {
      untrack();
      await rm(tmp, { force: true });
      throw err;
    }
  }

  /** Writes what is buffered, flushes, renames over the target; returns the SHA-256 (hex) of the content. */
  async commit(): Promise<string> {
    await this.out.end();
    await this.fh.sync();
    await this.fh.close();
    await rename(this.tmp, this.path);
    this.untrack();
    await removeStaleTemps(dirname(this.path), basename(this.path));
    return this.hash.digest("hex");
  }

  /**
   * Writes what is buffered, flushes and closes the temporary file without renaming it (a report
   * set renames it later); it stays registered for cleanup until `release`.
   */
  async stage(): Promise<{ tmp: string; size: number; sha256: string }> {
    await this.out.end();
    await this.fh.sync();
    await this.fh.close();
    return { tmp: this.tmp, size: this.out.size, sha256: this.hash.digest("hex") };
  }

  /** Stops registering the staged temporary file for cleanup (it is renamed, or about to be by a committed journal). */
  release(): void {
    this.untrack();
  }

  /** Removes the temporary file (after a failure); the target is left as it was. */
  async abort(): Promise<void> {
    await this.out.discard();
    await this.fh.close().catch(() => undefined);
    await rm(this.tmp, { force: true });
    this.untrack();
  }

  /**
   * Runs `fill` on a new atomic file of `path`, commits it and returns its SHA-256 (hex); aborts
   * when `fill` throws.
   */
  static async write(path: string, fill: (out: BufferedWriter) => Promise<void>, capacity?: number): Promise<string> {
    const file = await AtomicFile.create(path, capacity);
    try {
      await fill(file.out);
    } catch (err) {
      await file.abort();
      throw err;
    }
    return file.commit();
  }
}

/** Writes `content` (a whole string, UTF-8, or bytes) to `file` atomically; returns its SHA-256 (hex). */
export async function writeAtomic(file: string, content: string | Uint8Array): Promise<string> {
  const bytes = typeof content === "string" ? Buffer.byteLength(content) : content.length;
  return AtomicFile.write(file, (out) => (typeof content === "string" ? out.text(content) : out.bytes(content)), Math.min(OUT_BUFFER, bytes));
}

/**
 * Writes the concatenation of `pieces` (UTF-8) to `file` atomically, without holding it whole,
 * and returns the SHA-256 (hex) of the bytes written.
 * @param file the target path
 * @param pieces the text in order (a generator is consumed lazily, between writes)
 */
export async function writeTextAtomic(file: string, pieces: Iterable<string> | AsyncIterable<string>): Promise<string> {
  return AtomicFile.write(file, async (out) => {
    for await (const piece of pieces) await out.text(piece);
  });
}

/**
 * Writes `JSON.stringify(value, null, indent) + "\n"` to `file` atomically, stringified in pieces
 * (a large snapshot is never held as one string), and returns the SHA-256 (hex) of the bytes written.
 */
export async function writeJsonAtomic(file: string, value: unknown, indent = 1): Promise<string> {
  return writeTextAtomic(file, withNewline(jsonPieces(value, indent)));
}

function* withNewline(pieces: Iterable<string>): Generator<string> {
  yield* pieces;
  yield "\n";
}
