/**
 * Atomic file writes: content goes to a temporary file in the same folder, is flushed, then renamed
 * over the target, so a run killed mid-write leaves the previous file intact.
 */
import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Temporary files of writes in progress, with the open() that creates each (cleanup waits for it). */
const pending = new Map<string, Promise<unknown> | undefined>();

/**
 * The temporary file an atomic write of `file` goes through: `.<name>.<pid>.<hex>.tmp` beside it
 * (hidden, and recognised as ours by removeStaleTemps once the process is gone).
 */
export function tempPathFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

/** Writes `content` to `file` atomically (temp file + fsync + rename). */
export async function writeAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  const tmp = tempPathFor(file);
  try {
    const opening = open(tmp, "w", 0o644);
    pending.set(tmp, opening);
    const fh = await opening;
    try {
      await fh.writeFile(content);
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
    pending.delete(tmp);
  }
}

/**
 * Registers a temporary file of an atomic write made elsewhere (streamed JSON), so SIGINT/SIGTERM
 * cleanup removes it; call the returned function once it is renamed or removed.
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

function alive(pid: number): boolean {
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
