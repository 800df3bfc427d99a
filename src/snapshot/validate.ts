/**
 * Validates snapshots against schemas/snapshot.schema.json and reads them from disk with errors
 * that name the file, the field and what was expected.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { notTextProblem, parseJsonFile } from "../base/files.js";
import { UsageError } from "../base/errors.js";
import { itemIdKey } from "./ids.js";
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from "./types.js";

import { readPackageJson } from "../paths.js";

const schema = readPackageJson<object>("schemas/snapshot.schema.json");

type AddFormats = (ajv: unknown) => unknown;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as AddFormats;

let validator: ValidateFunction | undefined;
function getValidator(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    validator = ajv.compile(schema);
  }
  return validator;
}

/** Formats ajv errors as `path: problem` lines (at most `max`). */
export function formatAjvErrors(errors: ErrorObject[] | null | undefined, max = 5): string[] {
  return (errors ?? []).slice(0, max).map((e) => {
    const where = e.instancePath ? e.instancePath.replace(/^\//, "").replace(/\//g, ".") : "(top level)";
    let what = e.message ?? "is invalid";
    if (e.keyword === "additionalProperties") what = `has an unknown field "${(e.params as { additionalProperty: string }).additionalProperty}"`;
    if (e.keyword === "enum") what = `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
    return `${where}: ${what}`;
  });
}

/** Returns schema problems of a snapshot object (empty when valid). */
export function snapshotProblems(value: unknown): string[] {
  const v = getValidator();
  if (v(value)) return [];
  return formatAjvErrors(v.errors, 8);
}

/** Checks the format version; another major is refused with a clear message. */
export function checkSnapshotVersion(value: unknown, file: string): void {
  const version = (value as { schemaVersion?: unknown })?.schemaVersion;
  if (typeof version !== "string") throw new UsageError(`${file}: field "schemaVersion" is missing; expected a Hemvist snapshot (format ${SNAPSHOT_SCHEMA_VERSION}).`);
  const major = version.split(".")[0];
  const ours = SNAPSHOT_SCHEMA_VERSION.split(".")[0];
  if (major !== ours) {
    throw new UsageError(`${file}: snapshot format ${version} is not supported (field "schemaVersion"); this Hemvist reads format ${ours}.x (found major ${major}). Re-collect with this version, or use the Hemvist release that wrote it.`);
  }
}

/** Collections whose items a subscription reads from the management groups above it too: the same id in several subscriptions is expected. */
const SHARED_ACROSS_SUBSCRIPTIONS: ReadonlySet<string> = new Set(["policyAssignments", "policySetDefinitions", "policyExemptions"]);

/** `tenant.m365` keys and the collection each holds. */
const M365_COLLECTIONS = { organization: "m365Organization", users: "m365Users", groups: "m365Groups", sites: "m365Sites", rootSite: "m365RootSite", subscribedSkus: "m365SubscribedSkus" } as const;

/**
 * The first id a (schema-valid) snapshot holds twice, as one sentence: a subscription twice, an item
 * twice in one collection of a subscription or of Microsoft 365 (ids compared case-insensitively,
 * a trailing slash ignored), a resource in the same collection of two subscriptions (policy objects
 * inherited from management groups excepted), or a region twice; undefined when every id is there once. The same
 * id twice would give one fingerprint both a passing and a failing result.
 * @param s the snapshot
 */
export function duplicateIdProblem(s: Snapshot): string | undefined {
  const twice = (items: readonly unknown[], idOf: (item: unknown) => unknown): [number, number, string] | undefined => {
    const first = new Map<string, number>();
    for (const [i, item] of items.entries()) {
      const id = idOf(item);
      if (typeof id !== "string") continue;
      const key = itemIdKey(id);
      const at = first.get(key);
      if (at !== undefined) return [at, i, id];
      first.set(key, i);
    }
    return undefined;
  };
  const byId = (item: unknown) => (item !== null && typeof item === "object" ? (item as { id?: unknown }).id : undefined);
  const sub = twice(s.subscriptions, (x) => (x as { subscriptionId?: unknown }).subscriptionId);
  if (sub) return `subscription ${sub[2]} appears twice, at subscriptions[${sub[0]}] and subscriptions[${sub[1]}]; a snapshot holds each subscription once.`;
  for (const [n, x] of s.subscriptions.entries()) {
    for (const [collection, items] of Object.entries(x.collections)) {
      const d = Array.isArray(items) ? twice(items, byId) : undefined;
      if (d) return `collection ${collection} of subscription ${x.subscriptionId} holds the id "${d[2]}" twice, at subscriptions[${n}].collections.${collection}[${d[0]}] and [${d[1]}]; each id may appear once in a collection (two copies would give one result both passing and failing).`;
    }
  }
  // Across subscriptions: a resource belongs to one. Policy objects assigned at a management group
  // are read in every subscription below it, with their own ids.
  const across = new Map<string, [number, number]>();
  for (const [n, x] of s.subscriptions.entries()) {
    for (const [collection, items] of Object.entries(x.collections)) {
      if (!Array.isArray(items) || SHARED_ACROSS_SUBSCRIPTIONS.has(collection)) continue;
      for (const [i, item] of items.entries()) {
        const id = byId(item);
        if (typeof id !== "string") continue;
        const key = `${collection}\u0000${itemIdKey(id)}`;
        const at = across.get(key);
        if (at) return `collection ${collection} holds the id "${id}" in two subscriptions, at subscriptions[${at[0]}].collections.${collection}[${at[1]}] and subscriptions[${n}].collections.${collection}[${i}]; a resource belongs to one subscription (two copies would give one result both passing and failing).`;
        across.set(key, [n, i]);
      }
    }
  }
  for (const [key, collection] of Object.entries(M365_COLLECTIONS)) {
    const items = s.tenant.m365?.[key as keyof typeof M365_COLLECTIONS];
    const d = Array.isArray(items) ? twice(items, byId) : undefined;
    if (d) return `collection ${collection} holds the id "${d[2]}" twice, at tenant.m365.${key}[${d[0]}] and [${d[1]}]; each id may appear once in a collection (two copies would give one result both passing and failing).`;
  }
  const region = twice(s.regions, (r) => (r as { name?: unknown }).name);
  if (region) return `region ${region[2]} appears twice, at regions[${region[0]}] and regions[${region[1]}]; a snapshot describes each region once.`;
  return undefined;
}

/** A recorded SHA-256 the snapshot file's bytes must have (`evaluate --verify`), and the file that recorded it. */
export interface ExpectedSha {
  sha256: string;
  from: string;
}

/**
 * Reads and validates a snapshot file: schema, format version, and every id once.
 * @param file the snapshot
 * @param opts `expect`: refuse (before parsing) a file whose bytes do not have this SHA-256
 * @returns the snapshot, its text, and the SHA-256 of its bytes as read
 */
export async function loadSnapshot(file: string, opts: { expect?: ExpectedSha } = {}): Promise<{ snapshot: Snapshot; text: string; sha256: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new UsageError(`${file}: cannot read the snapshot (${(err as NodeJS.ErrnoException).code ?? String(err)}).`);
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  if (opts.expect && opts.expect.sha256.toLowerCase() !== sha256) {
    throw new UsageError(`${file}: the snapshot is not the one this report was made from: its SHA-256 is ${sha256}, ${opts.expect.from} recorded ${opts.expect.sha256.toLowerCase()} (field "snapshotSha256").`);
  }
  const text = bytes.toString("utf8");
  if (text.trim() === "") throw new UsageError(`${file}: the file is empty; expected a Hemvist snapshot (JSON).`);
  const notText = notTextProblem(text);
  if (notText) throw new UsageError(`${file}: the file ${notText}; expected a Hemvist snapshot (JSON).`);
  const value = parseJsonFile(file, text, "a Hemvist snapshot");
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new UsageError(`${file}: expected a JSON object (a Hemvist snapshot), found ${Array.isArray(value) ? "an array" : typeof value}.`);
  checkSnapshotVersion(value, file);
  const problems = snapshotProblems(value);
  if (problems.length > 0) throw new UsageError(`${file}: not a valid Hemvist snapshot:\n  ${problems.join("\n  ")}`);
  const duplicate = duplicateIdProblem(value as Snapshot);
  if (duplicate) throw new UsageError(`${file}: ${duplicate} Collect the snapshot again.`);
  return { snapshot: value as Snapshot, text, sha256 };
}
