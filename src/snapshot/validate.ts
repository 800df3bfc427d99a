/**
 * Validates snapshots against schemas/snapshot.schema.json and reads them from disk with errors
 * that name the file, the field and what was expected.
 */
import { readFile } from "node:fs/promises";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { notTextProblem, parseJsonFile } from "../base/files.js";
import { UsageError } from "../base/errors.js";
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

/** Reads and validates a snapshot file. */
export async function loadSnapshot(file: string): Promise<{ snapshot: Snapshot; text: string }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new UsageError(`${file}: cannot read the snapshot (${(err as NodeJS.ErrnoException).code ?? String(err)}).`);
  }
  if (text.trim() === "") throw new UsageError(`${file}: the file is empty; expected a Hemvist snapshot (JSON).`);
  const notText = notTextProblem(text);
  if (notText) throw new UsageError(`${file}: the file ${notText}; expected a Hemvist snapshot (JSON).`);
  const value = parseJsonFile(file, text, "a Hemvist snapshot");
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new UsageError(`${file}: expected a JSON object (a Hemvist snapshot), found ${Array.isArray(value) ? "an array" : typeof value}.`);
  checkSnapshotVersion(value, file);
  const problems = snapshotProblems(value);
  if (problems.length > 0) throw new UsageError(`${file}: not a valid Hemvist snapshot:\n  ${problems.join("\n  ")}`);
  return { snapshot: value as Snapshot, text };
}
