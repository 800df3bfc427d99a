/**
 * Records which property paths of the ARM and Graph payloads in a snapshot are read, and by whom:
 * each payload is wrapped in a Proxy that notes every property read (array indices as `[]`, the
 * keys of maps such as `tags` as `*`), and the call stack of the read says whether rule code made
 * it (a frame under `rules/`, or the shared rule helpers in `src/engine/helpers.ts`, before any
 * other project frame) or the engine did (`(engine)`).
 */
import type { Snapshot } from "../../src/snapshot/types.js";

/** The pseudo-rule that owns the engine's own reads. */
export const ENGINE = "(engine)";

/** Properties whose values are maps with free keys: their keys become `*`. */
export const MAP_PROPERTIES: ReadonlySet<string> = new Set(["tags", "userAssignedIdentities"]);

/** One read: which collection's payload, which path. */
export interface PathRead {
  collection: string;
  path: string;
  /** True when rule code (or a rule helper) read it, false for the engine. */
  byRule: boolean;
}

const THIS_FILE = /[\\/]tests[\\/]conformance[\\/]recording\.ts/;
const RULE_FRAME = /[\\/]rules[\\/][^\\/]+[\\/][^\\/]+[\\/][^\\/]+\.[cm]?[jt]s\b|[\\/]src[\\/]engine[\\/]helpers\.[cm]?[jt]s\b/;
const PROJECT_FRAME = /[\\/](rules|src)[\\/]/;

/** Whether the current read was made by rule code: the first project frame above the proxy is a rule's or a rule helper's. */
function readByRule(): boolean {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 60;
  const stack = new Error().stack ?? "";
  Error.stackTraceLimit = limit;
  for (const line of stack.split("\n").slice(1)) {
    if (THIS_FILE.test(line) || !PROJECT_FRAME.test(line)) continue;
    return RULE_FRAME.test(line);
  }
  return false;
}

function isIndex(key: string): boolean {
  return /^(0|[1-9]\d*)$/.test(key);
}

function lastName(path: string): string {
  const m = /([^.[\]]+)(\[\])?$/.exec(path);
  return m ? (m[1] as string) : "";
}

/** The path of `key` under `parent` (`a.b`, `a[]`, `tags.*`). */
export function childPath(parent: string, key: string, parentIsArray: boolean): string {
  if (parentIsArray) return `${parent}[]`;
  const seg = parent !== "" && MAP_PROPERTIES.has(lastName(parent)) && !parent.endsWith("[]") ? "*" : key;
  return parent === "" ? seg : `${parent}.${seg}`;
}

/**
 * Wraps every payload of a snapshot (a deep copy of it) in recording proxies and returns the copy.
 * Payloads: each item of each subscription's collections, `tenant.customerLockbox`, each item of
 * `tenant.m365.*` (as `m365Organization`, `m365Users`, `m365RootSite`, ...), and the subscription entries themselves
 * (as `subscriptions`; their `managementGroupAncestors` as `managementGroups`).
 * @param snapshot the collected snapshot (left untouched)
 * @param onRead called for each read while `active()` is true
 */
export function recordingSnapshot(snapshot: Snapshot, onRead: (r: PathRead) => void, active: () => boolean): Snapshot {
  const copy = structuredClone(snapshot);
  const wrap = <T extends object>(value: T, collection: string, path: string): T => {
    const cache = new Map<string, object>();
    return new Proxy(value, {
      get(target, key, receiver) {
        const v = Reflect.get(target, key, receiver);
        if (typeof key !== "string") return v;
        const isArray = Array.isArray(target);
        if (isArray ? !isIndex(key) : !(Object.hasOwn(target, key) || !(key in target))) return v;
        const p = childPath(path, key, isArray);
        if (active()) onRead({ collection, path: p, byRule: readByRule() });
        if (v === null || typeof v !== "object") return v;
        let w = cache.get(key);
        if (!w) cache.set(key, (w = wrap(v as object, collection, p)));
        return w;
      },
      has(target, key) {
        if (typeof key === "string" && active() && !Array.isArray(target)) onRead({ collection, path: childPath(path, key, false), byRule: readByRule() });
        return Reflect.has(target, key);
      },
    });
  };
  for (const sub of copy.subscriptions) {
    for (const [name, items] of Object.entries(sub.collections)) {
      if (!Array.isArray(items)) continue;
      (sub.collections as Record<string, unknown[]>)[name] = items.map((item) => (item && typeof item === "object" ? wrap(item, name, "") : item));
    }
  }
  // `tenant.m365.users` came from the collection `m365Users` (and so on: `rootSite` → `m365RootSite`).
  const m365Name = (key: string) => `m365${key.charAt(0).toUpperCase()}${key.slice(1)}`;
  const m365 = copy.tenant.m365 as Record<string, unknown[] | undefined> | undefined;
  if (m365) {
    for (const [key, items] of Object.entries(m365)) {
      if (Array.isArray(items)) m365[key] = items.map((item) => (item && typeof item === "object" ? wrap(item, m365Name(key), "") : item));
    }
  }
  if (copy.tenant.customerLockbox) copy.tenant.customerLockbox = wrap(copy.tenant.customerLockbox, "customerLockbox", "");
  // Subscription entries: the fields a collector copies from `GET /subscriptions/{s}` (tags,
  // displayName, state) are payload reads; their structure (`collections`, ids) is the engine's.
  const OWN = new Set(["subscriptionId", "id", "collections", "notRegisteredProviders"]);
  copy.subscriptions = copy.subscriptions.map((sub) => {
    const fields = new Map<string, object>();
    return new Proxy(sub, {
      get(target, key, receiver) {
        const v = Reflect.get(target, key, receiver);
        if (typeof key !== "string" || OWN.has(key) || !(Object.hasOwn(target, key) || !(key in target))) return v;
        const collection = key === "managementGroupAncestors" ? "managementGroups" : "subscriptions";
        if (active()) onRead({ collection, path: key, byRule: readByRule() });
        if (v === null || typeof v !== "object") return v;
        let w = fields.get(key);
        if (!w) fields.set(key, (w = wrap(v as object, collection, key)));
        return w;
      },
    });
  });
  return copy;
}

/** Drops each path that is a strict prefix of another path of the same rule and collection (`a.b` when `a.b.c` was read). */
export function leafPaths(paths: Iterable<string>): string[] {
  const all = [...new Set(paths)].sort();
  return all.filter((p) => !all.some((q) => q !== p && (q.startsWith(`${p}.`) || q.startsWith(`${p}[]`))));
}
