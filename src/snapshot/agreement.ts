/**
 * Whether two shard snapshots agree on the data that is not split between shards: the tenant
 * (details, Customer Lockbox, Microsoft 365), the identity and profile of the run, the cloud, and
 * the regions both describe. `merge` keeps one copy of these, so two copies that differ would make
 * the merged verdicts depend on the order of the files.
 */
import type { Snapshot } from "./types.js";

/** Appends an object key to a field path (`a.b`, or `a["odd key"]`). */
function keyPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/**
 * The first field path where `a` and `b` differ, or undefined when they are equal. Objects are
 * compared key by key (sorted); with `onlyShared`, a key that either side lacks is no difference
 * (a shard that did not read something holds no copy of it). Lists are compared item by item.
 */
export function firstDifference(a: unknown, b: unknown, path: string, onlyShared = false): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return path;
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length || i >= b.length) return `${path}[${i}]`;
      const d = firstDifference(a[i], b[i], `${path}[${i}]`, onlyShared);
      if (d) return d;
    }
    return undefined;
  }
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])].sort();
    for (const k of keys) {
      const inX = x[k] !== undefined;
      const inY = y[k] !== undefined;
      if (onlyShared && (!inX || !inY)) continue;
      if (inX !== inY) return keyPath(path, k);
      const d = firstDifference(x[k], y[k], keyPath(path, k), onlyShared);
      if (d) return d;
    }
    return undefined;
  }
  return path;
}

/**
 * The first tenant-level field two shard snapshots hold differently, or undefined when they agree.
 * The tenant id is compared case-insensitively (by the caller's own check) and left out here; tenant
 * data is compared where both hold it (only shard 1 reads it); identity, profile and cloud name are
 * recorded by every shard and must be equal; a region both describe must be described alike.
 */
export function tenantDisagreement(a: Snapshot, b: Snapshot): string | undefined {
  const { tenantId: _a, ...tenantA } = a.tenant;
  const { tenantId: _b, ...tenantB } = b.tenant;
  const regionsOf = (s: Snapshot) => new Map(s.regions.map((r) => [r.name.toLowerCase(), r]));
  const ra = regionsOf(a);
  const rb = regionsOf(b);
  return (
    firstDifference(tenantA, tenantB, "tenant", true) ??
    firstDifference(a.identity, b.identity, "identity") ??
    firstDifference(a.profile, b.profile, "profile") ??
    firstDifference(a.cloud.name, b.cloud.name, "cloud.name") ??
    [...ra.keys()].sort().reduce<string | undefined>((d, name) => d ?? (rb.has(name) ? firstDifference(ra.get(name), rb.get(name), `regions[name=${name}]`) : undefined), undefined)
  );
}
