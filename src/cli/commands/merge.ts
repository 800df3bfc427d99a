/**
 * Sharding for large estates: `collect --shard i/n` reads a stable share of the subscriptions
 * (shard 1 also reads tenant-level data), and `merge` joins the shard snapshots into one.
 */
import { realpath } from "node:fs/promises";
import { resolve } from "node:path";
import { UsageError } from "../../base/errors.js";
import { tenantDisagreement } from "../../snapshot/agreement.js";
import { loadSnapshot } from "../../snapshot/validate.js";
import type { Snapshot } from "../../snapshot/types.js";
import { runCollect, type CliFlags, type Settings } from "../pipeline.js";
import { writeJsonAtomic } from "../../base/atomic.js";

export { shardOf } from "../../snapshot/shard.js";

/** Collects one shard: the visible subscriptions whose shardOf is `index`; tenant data only in shard 1. */
export async function shardSubscriptions(flags: CliFlags, settings: Settings, shard: { index: number; count: number }, signal?: AbortSignal): Promise<Snapshot> {
  return runCollect(flags, settings, signal, { shard });
}

function major(v: string): string {
  return v.split(".")[0] ?? v;
}

/**
 * Merges shard snapshots of one tenant. Refuses snapshots of different tenants or of another tool
 * or format major version, subscriptions present in more than one snapshot, and shards that
 * disagree on tenant-level data (`tenantDisagreement`).
 */
export function mergeSnapshots(items: { snapshot: Snapshot; file: string }[]): Snapshot {
  const first = items[0];
  if (!first) throw new UsageError("merge: give at least one snapshot.");
  const base = first.snapshot;
  const seen = new Map<string, string>();
  const duplicates: string[] = [];
  for (const { snapshot: s, file } of items) {
    if (s.tenant.tenantId.toLowerCase() !== base.tenant.tenantId.toLowerCase()) throw new UsageError(`${file}: tenant ${s.tenant.tenantId} differs from ${first.file}'s tenant ${base.tenant.tenantId}; only shards of one tenant can be merged.`);
    if (major(s.tool.version) !== major(base.tool.version)) throw new UsageError(`${file}: written by Hemvist ${s.tool.version}, ${first.file} by ${base.tool.version}; shards must come from the same major version.`);
    if (major(s.schemaVersion) !== major(base.schemaVersion)) throw new UsageError(`${file}: snapshot format ${s.schemaVersion} differs from ${base.schemaVersion}.`);
    for (const sub of s.subscriptions) {
      const k = sub.subscriptionId.toLowerCase();
      const other = seen.get(k);
      if (other) duplicates.push(`${sub.subscriptionId} (in ${other} and ${file})`);
      else seen.set(k, file);
    }
  }
  if (duplicates.length > 0) throw new UsageError(`merge: subscriptions collected by more than one shard: ${duplicates.join("; ")}. Each subscription must come from exactly one shard.`);
  for (const [i, later] of items.entries()) {
    for (const earlier of items.slice(0, i)) {
      const field = tenantDisagreement(earlier.snapshot, later.snapshot);
      if (field) throw new UsageError(`merge: ${earlier.file} and ${later.file} disagree on tenant-level data, first at ${field}; shards of one collection agree there, and merge keeps one copy. Collect the shards again in one run.`);
    }
  }
  const shards = items.map((i) => i.snapshot.scope.shard).filter((x): x is string => !!x);
  const counts = new Set(shards.map((s) => s.split("/")[1]));
  const complete = shards.length === items.length && counts.size === 1 && new Set(shards).size === Number([...counts][0]);
  const regions = new Map<string, Snapshot["regions"][number]>();
  for (const { snapshot: s } of items) for (const r of s.regions) if (!regions.has(r.name.toLowerCase())) regions.set(r.name.toLowerCase(), r);
  const tenantFrom = items.find((i) => i.snapshot.scope.m365Collected || i.snapshot.tenant.customerLockbox !== undefined)?.snapshot ?? base;
  const merged: Snapshot = {
    ...base,
    collectedAt: items.map((i) => i.snapshot.collectedAt).sort()[0] ?? base.collectedAt,
    apiVersions: Object.assign({}, ...items.map((i) => i.snapshot.apiVersions)),
    scope: {
      allVisibleSubscriptions: complete ? items.every((i) => i.snapshot.scope.allVisibleSubscriptions || !!i.snapshot.scope.shard) : items.every((i) => i.snapshot.scope.allVisibleSubscriptions),
      // Before 1.1 a snapshot always read Azure.
      azureCollected: items.some((i) => i.snapshot.scope.azureCollected ?? true),
      m365Collected: items.some((i) => i.snapshot.scope.m365Collected),
    },
    tenant: { ...tenantFrom.tenant },
    regions: [...regions.values()],
    subscriptions: items.flatMap((i) => i.snapshot.subscriptions).sort((a, b) => a.subscriptionId.localeCompare(b.subscriptionId)),
    // Tenant-level reads that every shard makes (management groups) may fail in each: keep one entry.
    coverage: [...new Map(items.flatMap((i) => i.snapshot.coverage).map((c) => [`${c.scope}|${c.collection}|${c.operation}`.toLowerCase(), c])).values()],
  };
  return merged;
}

/** The path a file really is (symbolic links followed), or the resolved path when it does not exist yet. */
async function realPathOf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}

export async function mergeCommand(files: string[], flags: { snapshotOut: string; quiet?: boolean }): Promise<void> {
  // Refused before anything is read: the merge would replace one of its own shards.
  const out = await realPathOf(flags.snapshotOut);
  for (const f of files) {
    if ((await realPathOf(f)) === out) throw new UsageError(`--snapshot-out: found "${flags.snapshotOut}", which is the shard ${f} being merged; expected a new path (merge never overwrites its input).`);
  }
  const items = [];
  for (const f of files) items.push({ file: f, snapshot: (await loadSnapshot(resolve(f))).snapshot });
  const merged = mergeSnapshots(items);
  const sha = await writeJsonAtomic(resolve(flags.snapshotOut), merged);
  if (!flags.quiet) process.stdout.write(`Merged ${files.length} snapshot(s), ${merged.subscriptions.length} subscription(s) → ${resolve(flags.snapshotOut)} (sha256 ${sha})\n`);
}
