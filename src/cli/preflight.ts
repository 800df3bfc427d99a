/**
 * The checks a run makes before its first request (a token request and the Azure CLI included):
 * the collection's flags and credential, the input files (exceptions, baseline), and every output
 * path. Each problem is a UsageError (exit 2) naming the flag or file and what was expected, so a
 * bad flag costs no collection and leaves the output folder as it was.
 */
import { randomBytes } from "node:crypto";
import { open, realpath, stat, unlink } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { removeStaleTemps } from "../base/atomic.js";
import { UsageError } from "../base/errors.js";
import { folderInTheWay } from "../base/report-set.js";
import { REPORT_FILES, type ReportFormat } from "../reporters/index.js";
import { type CliFlags, loadBaseline, loadExceptionsFile, prepareCollect, type Settings } from "./pipeline.js";

/**
 * Loads and validates the exceptions file and the baseline named in the settings; throws the same
 * UsageError (exit 2) evaluation would, but before anything is read from the tenant or written.
 * @param settings the resolved settings
 */
export async function checkInputFiles(settings: Settings): Promise<void> {
  if (settings.exceptionsPath) await loadExceptionsFile(settings.exceptionsPath);
  if (settings.baselinePath) await loadBaseline(settings.baselinePath);
}

/** `--shard i/n`: 1 ≤ i ≤ n; a UsageError otherwise. */
export function parseShard(value: string | undefined): { index: number; count: number } | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || index < 1 || count < 1 || index > count || count > 10_000) throw new UsageError(`--shard: found ${JSON.stringify(value)}, expected i/n with 1 ≤ i ≤ n, e.g. 2/4.`);
  return { index, count };
}

type Stat = Awaited<ReturnType<typeof stat>>;

/** The name part of the writability probe's temporary file. */
export const PROBE_NAME = "hemvist-preflight";

async function statOrUndefined(path: string): Promise<Stat | undefined> {
  try {
    return await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw err;
  }
}

/**
 * The folder a path is (to be) created in, walked up to the nearest one that exists: the run
 * creates the missing folders under it, so that is where writing is tried. A file on the way is a
 * UsageError: nothing can be created under a file.
 */
async function nearestFolder(path: string, flag: string, what: string): Promise<string> {
  let dir = path;
  for (;;) {
    const s = await statOrUndefined(dir);
    if (s) {
      if (!s.isDirectory()) {
        throw new UsageError(dir === path ? `${flag}: ${path} is a file; expected ${what}.` : `${flag}: ${path} is under ${dir}, which is a file; expected ${what}.`);
      }
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) return dir;
    dir = parent;
  }
}

/**
 * Whether this process may create files in `dir`: creates an empty temporary file there and removes
 * it again (permissions, a read-only file system, ACLs and quotas all show, which a mode check
 * would not). The folder is left as it was.
 */
async function probeWritable(dir: string, flag: string, what: string): Promise<void> {
  // Named like every temporary file of a run (`.<name>.<pid>.<hex>.tmp`), so a probe a killed run
  // left behind is recognised and removed here once that process is gone.
  await removeStaleTemps(dir, PROBE_NAME);
  const probe = join(dir, `.${PROBE_NAME}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    const fh = await open(probe, "wx");
    await fh.close();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new UsageError(`${flag}: cannot create files in ${dir} (${code}); expected ${what} this user may write to.`);
  }
  await unlink(probe).catch(() => undefined);
}

/** The path with symbolic links of its existing part resolved, to tell whether two flags name the same file. */
async function canonical(path: string): Promise<string> {
  let head = path;
  const rest: string[] = [];
  for (;;) {
    try {
      return join(await realpath(head), ...rest);
    } catch {
      const parent = dirname(head);
      if (parent === head) return path;
      rest.unshift(basename(head));
      head = parent;
    }
  }
}

/** The output paths of a run and the input files they must not overwrite. */
export interface OutputPlan {
  /** `--out`: the report folder (reports of `formats` go there); undefined for `collect`. */
  outDir?: string;
  formats: readonly ReportFormat[];
  /** `--snapshot-out` (or its default): the snapshot file; undefined for `evaluate` and `demo`. */
  snapshotOut?: string;
  /** Whether the snapshot path was given with --snapshot-out (for messages). */
  snapshotFlag: string;
  /** Input files by the flag that named them (a report may replace the baseline: it is read first). */
  inputs: readonly { flag: string; path: string; reportMayReplace?: boolean }[];
}

/**
 * Checks every output path before the first request: `--out` is a folder (or can be created under
 * the nearest existing folder) this user may write in, no report lands on a folder, and the snapshot
 * path is a file path, in a writable folder, and neither a report nor an input file.
 */
export async function checkOutputs(plan: OutputPlan): Promise<void> {
  const reports = new Map<string, ReportFormat>();
  if (plan.outDir !== undefined) {
    const out = plan.outDir;
    const folder = await nearestFolder(out, "--out", "a folder for the reports");
    await probeWritable(folder, "--out", folder === out ? "a folder" : `a folder (${relative(folder, out)} would be created in it)`);
    for (const format of plan.formats) {
      const file = join(out, REPORT_FILES[format]);
      // The report set's own check at write time, made before the first request.
      if ((await statOrUndefined(file))?.isDirectory()) throw folderInTheWay(file);
      reports.set(await canonical(file), format);
    }
    for (const input of plan.inputs) {
      const format = reports.get(await canonical(input.path));
      if (format && !input.reportMayReplace) throw new UsageError(`--out: the ${format} report would be written to ${input.path}, the ${input.flag} file; expected another output folder.`);
    }
  }
  if (plan.snapshotOut !== undefined) {
    const snap = plan.snapshotOut;
    const flag = plan.snapshotFlag;
    if ((await statOrUndefined(snap))?.isDirectory()) throw new UsageError(`${flag}: ${snap} is a folder; expected a file path such as ${join(snap, "snapshot.json")}.`);
    const key = await canonical(snap);
    const format = reports.get(key);
    if (format) throw new UsageError(`${flag}: ${snap} is also where the ${format} report (${REPORT_FILES[format]}) is written; expected another file.`);
    for (const input of plan.inputs) {
      if ((await canonical(input.path)) === key) throw new UsageError(`${flag}: ${snap} is the ${input.flag} file; writing the snapshot there would replace it. Expected another file.`);
    }
    const folder = await nearestFolder(dirname(snap), flag, "a folder for the snapshot");
    await probeWritable(folder, flag, "a folder for the snapshot");
  }
}

/** The input files of a run, by flag, for the output checks. */
export function inputFiles(settings: Settings, extra: readonly { flag: string; path: string }[] = []): OutputPlan["inputs"] {
  return [
    ...(settings.configPath ? [{ flag: "--config", path: settings.configPath }] : []),
    ...(settings.exceptionsPath ? [{ flag: "--exceptions", path: settings.exceptionsPath }] : []),
    // Last night's findings.json in tonight's --out is how nights are chained: it is read before anything is written.
    ...(settings.baselinePath ? [{ flag: "--baseline", path: settings.baselinePath, reportMayReplace: true }] : []),
    ...extra,
  ];
}

/**
 * Everything `audit` and `collect` check before their first request, in order: the collection's flags
 * and credential (no token is requested), the output paths, then the input files. Sets
 * `settings.collectTarget` for the collection.
 * @param command which command runs (collect writes no reports)
 */
export async function preflight(command: "audit" | "collect", flags: CliFlags & { snapshotOut?: string }, settings: Settings): Promise<void> {
  settings.collectTarget = prepareCollect(flags);
  const snapshotOut = resolve(flags.snapshotOut ?? join(settings.outDir, "snapshot.json"));
  await checkOutputs({
    ...(command === "audit" ? { outDir: settings.outDir } : {}),
    formats: command === "audit" ? settings.formats : [],
    snapshotOut,
    snapshotFlag: flags.snapshotOut !== undefined ? "--snapshot-out" : "--out",
    inputs: inputFiles(settings),
  });
  if (command === "audit") await checkInputFiles(settings);
}
