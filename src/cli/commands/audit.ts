/**
 * `audit` (collect → evaluate → report), `collect` (snapshot only) and `evaluate` (offline).
 */
import { setMaxListeners } from "node:events";
import { basename, dirname, join, resolve } from "node:path";
import { UsageError } from "../../base/errors.js";
import { loadRules } from "../../engine/registry.js";
import { decideCollectExit } from "../../findings/outcome.js";
import { type ExpectedSha, loadSnapshot } from "../../snapshot/validate.js";
import { recordedSnapshotSha } from "../../snapshot/verify.js";
import { REPORT_FILES } from "../../reporters/index.js";
import { EvaluationSession, newReportSet, printSummary, recoverOutputs, resolveSettings, runCollect, type CliFlags, type Settings } from "../pipeline.js";
import { checkOutputs, inputFiles, parseShard, preflight } from "../preflight.js";
import { timed } from "../usage.js";
import { writeJsonAtomic } from "../../base/atomic.js";
import { shardSubscriptions } from "./merge.js";

/** Aborts collection on SIGINT/SIGTERM so the run stops promptly. */
function abortOnSignal(): AbortController {
  const ac = new AbortController();
  // Every request in flight (64 by default) listens on this signal.
  setMaxListeners(0, ac.signal);
  const stop = () => ac.abort(new Error("interrupted"));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return ac;
}

export async function auditCommand(flags: CliFlags & { snapshotOut?: string }): Promise<void> {
  const settings = await resolveSettings(flags);
  // Every flag, credential setting, output path and input file, before the first request.
  await preflight("audit", flags, settings);
  const rules = await loadRules(settings.rulesDir);
  const snapPath = resolve(flags.snapshotOut ?? `${settings.outDir}/snapshot.json`);
  await recoverOutputs(settings.outDir, settings.log, [basename(snapPath)]);
  if (dirname(snapPath) !== settings.outDir) await recoverOutputs(dirname(snapPath), settings.log, [basename(snapPath)]);
  // Rules are evaluated, and their results rendered, while the tenant is still being read.
  const session = await EvaluationSession.start(settings, rules);
  const ac = abortOnSignal();
  // Every report, and the snapshot when it goes into the output folder, are replaced together.
  const set = newReportSet(settings.outDir);
  try {
    const snapshot = await timed("collect", () =>
      runCollect(flags, settings, ac.signal, { onCollectionComplete: (c, snap) => session.complete(c, snap) }),
    );
    // Streamed: the same bytes as snapshotText(snapshot), without a second copy of the inventory in memory.
    const sha = await timed("snapshot", () => (set.includes(snapPath) ? set.writeJson(snapPath, snapshot) : writeJsonAtomic(snapPath, snapshot)));
    const { doc, files, highlights } = await session.finish(snapshot, sha, set);
    printSummary({ ...doc, results: highlights }, [snapPath, ...files], settings);
    process.exitCode = doc.exit.code;
  } catch (err) {
    await set.abort();
    await session.discard();
    throw err;
  }
}

export async function collectCommand(flags: CliFlags & { snapshotOut?: string; shard?: string }): Promise<void> {
  const settings = await resolveSettings(flags);
  const shard = parseShard(flags.shard);
  // No rules are loaded: the snapshot records what was read and what was not, nothing rule-specific.
  await preflight("collect", flags, settings);
  const ac = abortOnSignal();
  const snapPath = resolve(flags.snapshotOut ?? `${settings.outDir}/snapshot.json`);
  await recoverOutputs(dirname(snapPath), settings.log, [basename(snapPath)]);
  const snapshot = shard ? await shardSubscriptions(flags, settings, shard, ac.signal) : await runCollect(flags, settings, ac.signal);
  const sha = await writeJsonAtomic(snapPath, snapshot);
  if (!settings.quiet) {
    const n = snapshot.subscriptions.length;
    process.stdout.write(`Snapshot written: ${snapPath} (${n} subscription(s), ${snapshot.coverage.length} scope(s) not read, sha256 ${sha})\n`);
  }
  process.exitCode = decideCollectExit(snapshot.coverage, settings);
}

export async function evaluateCommand(file: string, flags: CliFlags & { verify?: string }): Promise<void> {
  const settings = await resolveSettings(flags);
  const expected = flags.verify === undefined ? undefined : await verifyTarget(flags.verify, settings);
  await checkOutputs({ outDir: settings.outDir, formats: settings.formats, snapshotFlag: "--snapshot-out", inputs: inputFiles(settings, [{ flag: "snapshot", path: resolve(file) }]) });
  const rules = await loadRules(settings.rulesDir);
  await recoverOutputs(settings.outDir, settings.log);
  const set = newReportSet(settings.outDir);
  const session = await EvaluationSession.start(settings, rules);
  const { doc, files, highlights } = await loadSnapshot(resolve(file), expected ? { expect: expected } : {}).then(({ snapshot, sha256 }) => {
    if (expected && !settings.quiet) process.stderr.write(`hemvist: ${resolve(file)} is the snapshot ${expected.from} was made from (SHA-256 ${sha256}).\n`);
    return session.finish(snapshot, sha256, set);
  });
  printSummary({ ...doc, results: highlights }, files, settings);
  process.exitCode = doc.exit.code;
}

/**
 * The SHA-256 `--verify FINDINGS` recorded. Refuses the findings.json this run would overwrite: the
 * report being checked is kept.
 */
async function verifyTarget(findings: string, settings: Settings): Promise<ExpectedSha> {
  const path = resolve(findings);
  if (settings.formats.includes("json") && path === join(settings.outDir, REPORT_FILES.json)) {
    throw new UsageError(`--verify: ${path} is the findings.json this run would write (--out ${settings.outDir}); choose another --out so the report being checked is kept.`);
  }
  return recordedSnapshotSha(path);
}
