/**
 * The report set: every file a run writes into its output folder is replaced whole or not at all.
 * Node has no atomic rename of several files, so a set is committed in steps:
 *
 *   1. each file is written completely to its temporary file beside it and flushed (fsync);
 *   2. a journal (JOURNAL_NAME) listing each temporary file, its final name, size and SHA-256, with
 *      a SHA-256 of that list, is written the same way (temporary file, fsync, rename, folder fsync)
 *      — from here on the set is committed;
 *   3. each temporary file is renamed over its final name, and the folder flushed;
 *   4. the journal is removed and the folder flushed.
 *
 * A run stopped before step 2 leaves the previous set whole (its temporary files are removed by
 * the next start); one stopped after it leaves a journal, and the next start of any command that
 * writes into the folder (`recoverReportSet`) rolls the set forward: it renames the temporary
 * files that still exist (those already renamed are done). A journal that does not check out
 * (torn, foreign, a listed file of another size or checksum) was never a commit: it is removed and
 * the previous set stays. A commit holds the folder's lock (LOCK_NAME, holding the pid and host):
 * a second commit into the same folder waits for it, and a journal or lock whose process is alive
 * is never touched by another process.
 */
import { createHash } from "node:crypto";
import { hostname } from "node:os";
import { link, lstat, open, readdir, readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { AtomicFile, alive, type BufferedWriter, holdCleanupFor, TEMP_NAME, tempPathFor, trackPendingWrite, writeFully } from "./atomic.js";
import { UsageError } from "./errors.js";
import { jsonPieces } from "./json-pieces.js";

/** The journal of a commit in progress, in the output folder. */
export const JOURNAL_NAME = ".hemvist-journal.json";
/** The lock of a commit (or recovery) in progress, in the output folder: `<pid> <host>`. */
export const LOCK_NAME = ".hemvist-commit.lock";
const JOURNAL_KIND = "hemvist-report-set-journal";

/**
 * The points of a commit a test can stop at (HEMVIST_TEST_WRITE_FAULT): `staged:<name>` once a
 * file's temporary file is complete, `journal` with half the journal's temporary file written,
 * `journaled` once the journal is in place, `renamed:<name>` after each rename, `unjournal` just
 * before the journal is removed.
 */
export type FaultHook = (step: string) => void | Promise<void>;

export interface ReportSetOptions {
  /** Called at each step (tests: a fault knob that kills the process or throws there). */
  fault?: FaultHook;
  /** How long a commit waits for another live process's commit into the same folder (default 60 s). */
  waitMs?: number;
  /** Every file name a set in this folder may hold (a stopped run's journal may list other formats than this run's). */
  known?: Iterable<string>;
}

/** One file of a set as the journal lists it (names relative to the folder). */
interface Entry {
  temp: string;
  name: string;
  size: number;
  sha256: string;
}

interface Journal {
  kind: typeof JOURNAL_KIND;
  version: 1;
  pid: number;
  host: string;
  files: Entry[];
  /** SHA-256 of JSON.stringify([pid, host, files]). */
  sha256: string;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** A file directly in the folder, not hidden: what a set may replace. */
function plainName(name: string): boolean {
  return name !== "" && !name.startsWith(".") && !/[/\\\0]/.test(name);
}
/** Locks this process holds (folder paths), so its own pid in a lock file is told apart from a reused one. */
const held = new Map<string, () => void>();

function listSum(pid: number, host: string, files: Entry[]): string {
  return createHash("sha256").update(JSON.stringify([pid, host, files])).digest("hex");
}

async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, "r");
  try {
    await fh.sync();
  } catch (err) {
    // Some file systems cannot flush a folder; the renames are still made in order.
    if (!["EINVAL", "ENOTSUP", "EISDIR", "EPERM"].includes((err as NodeJS.ErrnoException).code ?? "")) throw err;
  } finally {
    await fh.close();
  }
}

function code(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

/** Whether a lock's or journal's owner may still be at work: alive here, or on another host (which cannot be checked). */
function ownerLive(pid: number, host: string, dir: string): boolean {
  if (host !== hostname()) return true;
  if (pid === process.pid) return held.has(dir);
  return alive(pid);
}

/** Reads `<pid> <host>` from a lock file; undefined when it is gone or not one. */
async function readOwner(path: string): Promise<{ pid: number; host: string } | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if (code(err) === "ENOENT") return undefined;
    throw err;
  }
  const m = /^(\d+) (\S*)\n$/.exec(text);
  return m ? { pid: Number(m[1]), host: m[2] as string } : undefined;
}

/**
 * Takes the folder's lock, or returns the live owner holding it. The lock file is written
 * completely under a temporary name and hard-linked into place (atomic, fails if it exists), so
 * it is never seen half-written; a lock whose owner is gone is moved aside (only one process can)
 * and removed.
 */
async function tryLock(dir: string): Promise<true | { pid: number; host: string }> {
  const path = join(dir, LOCK_NAME);
  const tmp = tempPathFor(path);
  const untrackTmp = trackPendingWrite(tmp);
  await writeFile(tmp, `${process.pid} ${hostname()}\n`);
  try {
    for (let round = 0; round < 10; round++) {
      try {
        await placeLock(tmp, path);
        // SIGINT/SIGTERM cleanup removes the lock with the temporary files (after a commit's renames).
        held.set(dir, trackPendingWrite(path));
        return true;
      } catch (err) {
        if (code(err) !== "EEXIST") throw err;
      }
      const owner = await readOwner(path);
      if (owner && ownerLive(owner.pid, owner.host, dir)) return owner;
      // Not (yet) readable: on a file system without hard links a lock is created empty and then
      // filled, so a fresh one counts as held by someone.
      if (!owner && (await ageMs(path)) < 10_000) return { pid: 0, host: "" };
      const aside = tempPathFor(path);
      try {
        await rename(path, aside);
        await rm(aside, { force: true });
      } catch (err) {
        if (code(err) !== "ENOENT") throw err;
      }
    }
    throw new Error(`${join(dir, LOCK_NAME)}: could not take the lock`);
  } finally {
    await rm(tmp, { force: true });
    untrackTmp();
  }
}

/**
 * Puts the lock file `tmp` (complete) in place as `path`, failing with EEXIST when a lock is
 * there: a hard link; where the file system has none (some network shares), an exclusive create
 * filled afterwards.
 */
async function placeLock(tmp: string, path: string): Promise<void> {
  try {
    await link(tmp, path);
    return;
  } catch (err) {
    if (!["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EXDEV"].includes(code(err) ?? "")) throw err;
  }
  const fh = await open(path, "wx", 0o644);
  try {
    const bytes = await readFile(tmp);
    await writeFully(fh, bytes, bytes.length, 0);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** How long ago `path` was last modified (infinitely long when it is gone). */
async function ageMs(path: string): Promise<number> {
  try {
    return Date.now() - (await lstat(path)).mtimeMs;
  } catch (err) {
    if (code(err) === "ENOENT") return Number.POSITIVE_INFINITY;
    throw err;
  }
}

async function writeFile(path: string, text: string): Promise<void> {
  const fh = await open(path, "w", 0o644);
  try {
    const bytes = Buffer.from(text);
    await writeFully(fh, bytes, bytes.length, 0);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function unlock(dir: string): Promise<void> {
  const untrack = held.get(dir);
  held.delete(dir);
  await rm(join(dir, LOCK_NAME), { force: true });
  untrack?.();
}

/** The journal in `dir`: absent, invalid (with why), or valid. */
async function readJournal(dir: string): Promise<{ state: "absent" } | { state: "invalid"; why: string } | { state: "valid"; journal: Journal }> {
  let text: string;
  try {
    text = await readFile(join(dir, JOURNAL_NAME), "utf8");
  } catch (err) {
    if (code(err) === "ENOENT") return { state: "absent" };
    throw err;
  }
  let j: Journal;
  try {
    j = JSON.parse(text) as Journal;
  } catch {
    return { state: "invalid", why: "not complete JSON" };
  }
  if (!j || typeof j !== "object" || j.kind !== JOURNAL_KIND || j.version !== 1) return { state: "invalid", why: "not a Hemvist report-set journal of version 1" };
  if (!Number.isInteger(j.pid) || j.pid <= 0 || typeof j.host !== "string" || !Array.isArray(j.files) || typeof j.sha256 !== "string") return { state: "invalid", why: "fields pid, host, files or sha256 missing" };
  const seen = new Set<string>();
  for (const f of j.files) {
    const m = f && typeof f.temp === "string" ? TEMP_NAME.exec(f.temp) : null;
    if (!m || m[1] !== f.name || !plainName(f.name) || seen.has(f.name) || !Number.isInteger(f.size) || f.size < 0 || typeof f.sha256 !== "string" || !HEX64.test(f.sha256)) {
      return { state: "invalid", why: "an entry is not a temporary file of a plain file name with its size and SHA-256" };
    }
    seen.add(f.name);
  }
  if (listSum(j.pid, j.host, j.files) !== j.sha256) return { state: "invalid", why: "its checksum does not match its list" };
  return { state: "valid", journal: j };
}

/** Size and SHA-256 of a file; undefined when it does not exist. */
async function digest(path: string): Promise<{ size: number; sha256: string } | undefined> {
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(path, "r");
  } catch (err) {
    if (code(err) === "ENOENT") return undefined;
    throw err;
  }
  try {
    const hash = createHash("sha256");
    let size = 0;
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, size);
      if (bytesRead === 0) break;
      hash.update(buf.subarray(0, bytesRead));
      size += bytesRead;
    }
    return { size, sha256: hash.digest("hex") };
  } finally {
    await fh.close();
  }
}

/** What recovery did in a folder. */
export interface Recovery {
  /** none: no journal; rolled-forward: a committed set completed; discarded: an invalid journal removed; busy: a live process's commit, left alone. */
  action: "none" | "rolled-forward" | "discarded" | "busy";
  /** A sentence for the log (undefined for none). */
  message?: string;
  /** The run whose lock or journal made the folder busy. */
  pid?: number;
  /** The final names a valid journal listed. */
  names?: string[];
}

/**
 * The refusal for a folder standing where a report goes (the preflight finds it before the first
 * request, the commit before the set is journaled): the same words from both.
 * @param target the report's path
 */
export function folderInTheWay(target: string): UsageError {
  return new UsageError(`${target}: found a folder where this report goes; move it away or choose another --out (the previous reports were left as they were).`);
}

/**
 * Completes (or discards) the set a stopped run left in `dir` and removes the temporary files of
 * `names` whose process is gone. Takes the folder's lock; a folder whose lock or journal belongs
 * to a live process is left alone ("busy").
 * @param dir the output folder (absent or not a folder: nothing to do)
 * @param names the file names whose dead runs' temporary files are removed (besides those the journal lists)
 */
export async function recoverReportSet(dir: string, names: Iterable<string>): Promise<Recovery> {
  const folder = resolve(dir);
  const known = new Set(names);
  let entries: string[];
  try {
    entries = await readdir(folder);
  } catch (err) {
    if (code(err) === "ENOENT" || code(err) === "ENOTDIR") return { action: "none" };
    throw err;
  }
  let result: Recovery = { action: "none" };
  // Only a journal or a lock needs the lock taken: a folder without either is not written to.
  if (entries.includes(JOURNAL_NAME) || entries.includes(LOCK_NAME)) {
    const lock = await tryLock(folder);
    if (lock !== true) result = { action: "busy", pid: lock.pid, message: `${folder}: another hemvist run (pid ${lock.pid}) is writing reports there; its set is left to it.` };
    else {
      try {
        result = await recoverLocked(folder);
      } finally {
        await unlock(folder);
      }
    }
  }
  // Only temporary files whose process is gone: those of a live run (even a busy one's) stay.
  await removeDeadTemps(folder, new Set([...known, ...(result.names ?? []), LOCK_NAME, JOURNAL_NAME]));
  return result;
}

/** Recovery with the lock held. */
async function recoverLocked(folder: string): Promise<Recovery> {
  const read = await readJournal(folder);
  if (read.state === "absent") return { action: "none" };
  if (read.state === "invalid") {
    await rm(join(folder, JOURNAL_NAME), { force: true });
    await syncDir(folder);
    return { action: "discarded", message: `${join(folder, JOURNAL_NAME)}: ${read.why}; the set it lists was never committed, the previous reports stay.` };
  }
  const j = read.journal;
  if (ownerLive(j.pid, j.host, folder) && !(j.pid === process.pid && j.host === hostname())) {
    return { action: "busy", pid: j.pid, message: `${folder}: the report set of hemvist pid ${j.pid} is being committed; it is left to that run.` };
  }
  // Every temporary file still there must be the one listed: otherwise the journal is not this set's.
  const present: Entry[] = [];
  for (const f of j.files) {
    const d = await digest(join(folder, f.temp));
    if (d === undefined) continue;
    if (d.size !== f.size || d.sha256 !== f.sha256) {
      await rm(join(folder, JOURNAL_NAME), { force: true });
      await syncDir(folder);
      return { action: "discarded", message: `${join(folder, JOURNAL_NAME)}: ${f.temp} does not match the size and SHA-256 listed; the set was never committed, the previous reports stay.` };
    }
    present.push(f);
  }
  for (const f of present) await rename(join(folder, f.temp), join(folder, f.name));
  await syncDir(folder);
  await rm(join(folder, JOURNAL_NAME), { force: true });
  await syncDir(folder);
  return { action: "rolled-forward", names: j.files.map((f) => f.name), message: `${folder}: completed the report set a stopped run (pid ${j.pid}) had committed (${present.length} of ${j.files.length} file(s) still to rename).` };
}

/** Removes our temporary files of `names` in `folder` whose process is gone (not those of live runs). */
async function removeDeadTemps(folder: string, names: ReadonlySet<string>): Promise<void> {
  for (const e of await readdir(folder)) {
    const m = TEMP_NAME.exec(e);
    if (!m || !names.has(m[1] as string)) continue;
    const pid = Number(m[2]);
    if (pid !== process.pid && !alive(pid)) await rm(join(folder, e), { force: true });
  }
}

/**
 * The files of one run's output folder, written as temporary files (`write`) and then replaced
 * together (`commit`), or all dropped (`abort`). Files outside the folder are not part of it.
 */
export class ReportSet {
  readonly dir: string;
  private readonly files: { file: AtomicFile; entry: Entry }[] = [];
  private readonly writing = new Set<AtomicFile>();
  private state: "open" | "committing" | "done" = "open";

  constructor(
    dir: string,
    private readonly opts: ReportSetOptions = {},
  ) {
    this.dir = resolve(dir);
  }

  /** Whether `path` belongs in this set (it is directly in the folder). */
  includes(path: string): boolean {
    return dirname(resolve(path)) === this.dir;
  }

  /**
   * Writes one file of the set to its temporary file (flushed, not yet renamed) and returns its
   * SHA-256 (hex). Throws, removing the temporary file, when `fill` does.
   */
  async write(path: string, fill: (out: BufferedWriter) => Promise<void>, capacity?: number): Promise<string> {
    if (this.state !== "open") throw new Error("ReportSet: write after commit or abort");
    if (!this.includes(path)) throw new Error(`ReportSet: ${path} is not in ${this.dir}`);
    const name = basename(path);
    if (this.files.some((f) => f.entry.name === name)) throw new Error(`ReportSet: ${name} written twice`);
    const file = await AtomicFile.create(join(this.dir, name), capacity);
    this.writing.add(file);
    let staged: { tmp: string; size: number; sha256: string };
    try {
      await fill(file.out);
      staged = await file.stage();
    } catch (err) {
      this.writing.delete(file);
      await file.abort();
      throw err;
    }
    this.writing.delete(file);
    this.files.push({ file, entry: { temp: basename(staged.tmp), name, size: staged.size, sha256: staged.sha256 } });
    await this.opts.fault?.(`staged:${name}`);
    return staged.sha256;
  }

  /** Writes `JSON.stringify(value, null, indent) + "\n"` as one file of the set, in pieces; returns its SHA-256. */
  writeJson(path: string, value: unknown, indent = 1): Promise<string> {
    return this.write(path, async (out) => {
      for (const piece of jsonPieces(value, indent)) await out.text(piece);
      await out.text("\n");
    });
  }

  /**
   * Replaces the folder's files with the set's: waits for another live commit into the folder
   * (up to `waitMs`, then a UsageError), completes a stopped run's committed set first, writes the
   * journal, renames, removes the journal. Once the journal is written the set is committed: an
   * error afterwards leaves the journal, and the next start completes it.
   */
  async commit(): Promise<void> {
    if (this.state !== "open") throw new Error("ReportSet: commit after commit or abort");
    if (this.writing.size > 0) throw new Error("ReportSet: commit while a file is being written");
    if (this.files.length === 0) {
      this.state = "done";
      return;
    }
    this.state = "committing";
    const fault = this.opts.fault;
    const names = new Set(this.files.map((f) => f.entry.name));
    try {
      await this.lock();
    } catch (err) {
      await this.dropFiles();
      this.state = "done";
      throw err;
    }
    let journaled = false;
    try {
      // A rename that cannot succeed (a folder in a report's place) is found before the set is committed.
      for (const { entry } of this.files) {
        const target = join(this.dir, entry.name);
        const st = await lstat(target).catch((err: unknown) => {
          if (code(err) === "ENOENT") return undefined;
          throw err;
        });
        if (st?.isDirectory()) throw folderInTheWay(target);
      }
      const entries = this.files.map((f) => f.entry);
      const host = hostname();
      const journal: Journal = { kind: JOURNAL_KIND, version: 1, pid: process.pid, host, files: entries, sha256: listSum(process.pid, host, entries) };
      const path = join(this.dir, JOURNAL_NAME);
      const tmp = tempPathFor(path);
      const bytes = Buffer.from(`${JSON.stringify(journal, null, 1)}\n`);
      const fh = await open(tmp, "w", 0o644);
      try {
        const half = bytes.length >> 1;
        await writeFully(fh, bytes, half, 0);
        await fault?.("journal");
        await writeFully(fh, bytes.subarray(half), bytes.length - half, half);
        await fh.sync();
      } catch (err) {
        await fh.close().catch(() => undefined);
        await rm(tmp, { force: true });
        throw err;
      }
      await fh.close();
      await rename(tmp, path);
      journaled = true;
      // Committed: SIGINT/SIGTERM cleanup must not remove what the journal lists, and waits for the renames.
      for (const f of this.files) f.file.release();
      let finish!: () => void;
      holdCleanupFor(new Promise<void>((r) => (finish = r)));
      try {
        await syncDir(this.dir);
        await fault?.("journaled");
        for (const { entry } of this.files) {
          await rename(join(this.dir, entry.temp), join(this.dir, entry.name));
          await fault?.(`renamed:${entry.name}`);
        }
        await syncDir(this.dir);
        await fault?.("unjournal");
        await rm(path, { force: true });
        await syncDir(this.dir);
      } finally {
        finish();
      }
    } catch (err) {
      if (!journaled) await this.dropFiles();
      throw err;
    } finally {
      this.state = "done";
      await unlock(this.dir);
    }
    await removeDeadTemps(this.dir, new Set([...names, ...(this.opts.known ?? []), LOCK_NAME, JOURNAL_NAME]));
  }

  /** Removes every temporary file of the set (after a failure before commit); the folder keeps its previous files. */
  async abort(): Promise<void> {
    if (this.state !== "open") return;
    this.state = "done";
    await this.dropFiles();
  }

  private async dropFiles(): Promise<void> {
    const files = this.files.splice(0);
    await Promise.all(files.map((f) => f.file.abort()));
  }

  /** Takes the folder's lock, waiting while another live process holds it or has a journal there; then completes a stopped run's set. */
  private async lock(): Promise<void> {
    const deadline = Date.now() + (this.opts.waitMs ?? 60_000);
    for (;;) {
      const got = await tryLock(this.dir);
      let owner: number | undefined;
      if (got === true) {
        let rec: Recovery;
        try {
          rec = await recoverLocked(this.dir);
        } catch (err) {
          await unlock(this.dir);
          throw err;
        }
        if (rec.action !== "busy") return;
        await unlock(this.dir);
        owner = rec.pid;
      } else owner = got.pid;
      if (Date.now() >= deadline) {
        throw new UsageError(`${this.dir}: another hemvist run (${owner ? `pid ${owner}` : "pid unknown"}) is writing its reports there; run again once it has finished, or choose another --out.`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
