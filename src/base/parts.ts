/**
 * Part files: temporary files beside an output, appended to through a BufferedWriter, each read
 * back once and removed. They are named like the atomic writer's temporary files and registered
 * with its cleanup, so SIGINT/SIGTERM removes them, and so does the next write of the output after
 * a killed run.
 */
import { type FileHandle, open, rm } from "node:fs/promises";
import { join } from "node:path";
import { BufferedWriter, tempPathFor, trackPendingWrite } from "./atomic.js";

/** Reads `length` bytes at `position` into `into` from `offset`. */
async function readFully(fh: FileHandle, path: string, into: Uint8Array, offset: number, length: number, position: number): Promise<void> {
  let off = 0;
  while (off < length) {
    const { bytesRead } = await fh.read(into, offset + off, length - off, position + off);
    if (bytesRead === 0) throw new Error(`${path} is shorter than expected`);
    off += bytesRead;
  }
}

/** A closed part file, read back once. */
export class Part {
  constructor(
    readonly path: string,
    readonly size: number,
    private readonly untrack: () => void,
  ) {}

  /** Reads the whole part into `into` (`size` bytes). */
  async read(into: Uint8Array): Promise<void> {
    const fh = await open(this.path, "r");
    try {
      await readFully(fh, this.path, into, 0, this.size, 0);
    } finally {
      await fh.close();
    }
  }

  /** Appends the part, from byte `skip` on, to `out` (read straight into its buffers). */
  async copyTo(out: BufferedWriter, skip: number): Promise<void> {
    const fh = await open(this.path, "r");
    try {
      for (let p = skip; p < this.size; ) {
        const n = Math.min(this.size - p, out.capacity - out.fill);
        await readFully(fh, this.path, out.buf, out.fill, n, p);
        out.advance(n);
        p += n;
        if (out.fill === out.capacity) await out.emit();
      }
    } finally {
      await fh.close();
    }
  }

  async remove(): Promise<void> {
    await rm(this.path, { force: true });
    this.untrack();
  }
}

/**
 * Writes a series of parts for one output, one at a time; `out` appends to the part being
 * written (its buffers are reused from part to part).
 */
export class PartWriter {
  readonly out: BufferedWriter;
  private file: { path: string; fh: FileHandle; untrack: () => void } | undefined;

  /**
   * @param dir the output's folder
   * @param name the output's file name (parts are `.<name>.<pid>.<hex>.tmp`)
   * @param capacity bytes in each of the writer's two buffers
   */
  constructor(
    private readonly dir: string,
    private readonly name: string,
    capacity: number,
  ) {
    this.out = new BufferedWriter(capacity);
  }

  /** Bytes appended to the current part. */
  get size(): number {
    return this.out.size;
  }

  /** Opens a new part. */
  async begin(): Promise<void> {
    const path = tempPathFor(join(this.dir, this.name));
    const opening = open(path, "w", 0o600);
    const untrack = trackPendingWrite(path, opening); // SIGINT/SIGTERM cleanup removes it
    try {
      this.file = { path, fh: await opening, untrack };
    } catch (err) {
      untrack();
      throw err;
    }
    this.out.start(this.file.fh);
  }

  /** Writes what is buffered, closes the part and hands it over. */
  async end(): Promise<Part> {
    await this.out.end();
    const file = this.file as NonNullable<PartWriter["file"]>;
    this.file = undefined;
    await file.fh.close();
    return new Part(file.path, this.out.size, file.untrack);
  }

  /** Removes the part being written, if any. */
  async remove(): Promise<void> {
    const file = this.file;
    this.file = undefined;
    if (!file) return;
    await this.out.discard();
    await file.fh.close().catch(() => undefined);
    await rm(file.path, { force: true });
    file.untrack();
  }
}
