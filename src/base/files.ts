/**
 * Reads YAML/JSON input files (config, exceptions, tenant models) and validates them against a
 * JSON Schema, with errors that name the file, the line, the field, what was found and what was expected.
 */
import { readFile, stat } from "node:fs/promises";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import { UsageError } from "./errors.js";
import { readPackageJson } from "../paths.js";

type AddFormats = (ajv: unknown) => unknown;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as AddFormats;

const ajv = new Ajv2020({ allErrors: true, strict: false, useDefaults: false });
addFormats(ajv);

/** Largest input file Hemvist reads (tenant models for benchmarks are the big ones). */
const MAX_BYTES = 512 * 1024 * 1024;

/**
 * Largest hand-written file (configuration, exceptions): a real one is a few kilobytes, one with
 * thousands of exceptions about a megabyte. The YAML parser needs about half a second of CPU per
 * megabyte of a quoted value, so a 40 MB file would take 20 s before its mistake is reported.
 */
export const MAX_HAND_WRITTEN_BYTES = 4 * 1024 * 1024;

/** A value as a message shows what was found: its kind, and for a scalar its JSON (cut at 60 characters). */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  const s = JSON.stringify(value);
  return `${typeof value} ${s.length > 60 ? `${s.slice(0, 57)}...` : s}`;
}

function valueAt(root: unknown, pointer: string): unknown {
  let cur = root;
  for (const p of pointer.split("/").slice(1)) {
    const k = p.replace(/~1/g, "/").replace(/~0/g, "~");
    if (cur && typeof cur === "object") cur = (cur as Record<string, unknown>)[k];
    else return undefined;
  }
  return cur;
}

function fieldPath(pointer: string): string {
  const parts = pointer.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (parts.length === 0) return "(top level)";
  return parts.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

function expected(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "additionalProperties":
      return `no field "${String(p.additionalProperty)}" (unknown field)`;
    case "required":
      return `a field "${String(p.missingProperty)}"`;
    case "enum":
      return `one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "const":
      return JSON.stringify(p.allowedValue);
    case "type":
      return `${String(p.type)}`;
    case "pattern":
      return `a value matching ${String(p.pattern)}`;
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return `a number ${String(p.comparison)} ${String(p.limit)}`;
    default:
      return e.message ?? "a valid value";
  }
}

/** Line number (1-based) of the YAML node at a JSON pointer, if the text is YAML/JSON with positions. */
function lineOf(text: string, pointer: string): number | undefined {
  try {
    const lc = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lc, keepSourceTokens: false });
    const parts = pointer.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
    let node: unknown = doc.contents;
    let last: YamlNode | undefined = doc.contents ?? undefined;
    for (const part of parts) {
      if (isMap(node)) {
        const pair = node.items.find((it) => String((it.key as { value?: unknown })?.value ?? it.key) === part);
        if (!pair) break;
        last = (pair.value as YamlNode) ?? (pair.key as YamlNode);
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(part)];
        if (!item) break;
        last = item as YamlNode;
        node = item;
      } else break;
    }
    const offset = last?.range?.[0];
    return offset === undefined ? undefined : lc.linePos(offset).line;
  } catch {
    return undefined;
  }
}

/** Formats schema errors: `file:line: field "x.y": found …, expected …`. */
export function schemaErrors(file: string, text: string, value: unknown, errors: ErrorObject[], max = 6): string {
  // Prefer the most specific errors; drop the umbrella "oneOf" ones.
  const useful = errors.filter((e) => e.keyword !== "oneOf" && e.keyword !== "if");
  const lines = (useful.length > 0 ? useful : errors).slice(0, max).map((e) => {
    const pointer = e.keyword === "additionalProperties" ? `${e.instancePath}/${String((e.params as { additionalProperty: string }).additionalProperty)}` : e.instancePath;
    const line = lineOf(text, pointer);
    const found = e.keyword === "required" ? "it is missing" : e.keyword === "additionalProperties" ? "an unknown field" : describeValue(valueAt(value, e.instancePath));
    return `${file}${line ? `:${line}` : ""}: field "${fieldPath(pointer)}": found ${found}, expected ${expected(e)}`;
  });
  const more = errors.length > max ? `\n(and ${errors.length - max} more problems)` : "";
  return lines.join("\n") + more;
}

/**
 * Problems of `value` against a JSON Schema, each `<where>.<field>: found …, expected …` (none when
 * it is valid). A schema that does not compile is itself one problem.
 * @param where the name of the value in messages, e.g. `rules.options.KEY-02`
 */
export function valueProblems(schema: object, value: unknown, where: string): string[] {
  let validate: ReturnType<typeof ajv.compile>;
  try {
    validate = ajv.compile(schema);
  } catch (err) {
    return [`${where}: the schema does not compile (${err instanceof Error ? err.message : String(err)})`];
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => {
    const pointer = e.keyword === "additionalProperties" ? `${e.instancePath}/${String((e.params as { additionalProperty: string }).additionalProperty)}` : e.instancePath;
    const field = pointer ? fieldPath(pointer) : "";
    const found = e.keyword === "required" ? "it is missing" : e.keyword === "additionalProperties" ? "an unknown field" : describeValue(valueAt(value, e.instancePath));
    return `${where}${field ? `.${field}` : ""}: found ${found}, expected ${expected(e)}`;
  });
}

/**
 * Where a `JSON.parse` error happened, as `:line:col` (from the "position N" in its message), or "".
 * @param text the text that failed to parse
 * @param err the SyntaxError
 */
export function jsonErrorLocation(text: string, err: unknown): string {
  const m = /position (\d+)/.exec(err instanceof Error ? err.message : String(err));
  if (!m) return "";
  const before = text.slice(0, Number(m[1]));
  const line = before.split("\n").length;
  return `:${line}:${before.length - before.lastIndexOf("\n")}`;
}

/** The JSON.parse message without Node's quotation of the text (which may be binary or huge). */
function jsonMessage(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.replace(/,\s*".*"\s*is not valid JSON$/s, "").replace(/ in JSON at position \d+(?: \(line \d+ column \d+\))?/, "");
}

/**
 * The problem with text that is not a JSON or YAML document at all (empty or binary), or undefined.
 * @param text the file's text
 */
export function notTextProblem(text: string): string | undefined {
  if (text.trim() === "") return "is empty";
  // NUL or other C0 controls than tab/CR/LF, or invalid UTF-8 (U+FFFD): a binary file.
  if (/[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/.test(text.slice(0, 4096)) || text.slice(0, 4096).includes("\ufffd")) return "is a binary file, not text";
  return undefined;
}

/**
 * Parses JSON text, throwing a UsageError that names the file, line and column.
 * @param file the file name for the message
 * @param text the text
 * @param expected what the file should be, e.g. "a Hemvist snapshot"
 */
export function parseJsonFile(file: string, text: string, expected: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file}${jsonErrorLocation(text, err)}: not valid JSON (${jsonMessage(err)}); expected ${expected}.`);
  }
}

/** Parses YAML or JSON text; errors name the line and column. */
export function parseData(file: string, text: string): unknown {
  if (text.includes("\u0000")) throw new UsageError(`${file}: this is a binary file, not YAML or JSON text.`);
  if (/\.json$/i.test(file)) return parseJsonFile(file, text, "a JSON object");
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const pos = e?.linePos?.[0];
    throw new UsageError(`${file}${pos ? `:${pos.line}:${pos.col}` : ""}: not valid YAML: ${e?.message.split("\n")[0] ?? "parse error"}`);
  }
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // yaml refuses alias expansion beyond maxAliasCount ("billion laughs").
    const why = /alias/i.test((err as Error).message) ? "its aliases expand to too many nodes (a resource-exhaustion pattern); expected at most 100 alias expansions" : (err as Error).message;
    throw new UsageError(`${file}: not valid YAML: ${why}.`);
  }
}

/** A problem a schema cannot express (found by a check after validation), at a JSON pointer. */
export interface FieldProblem {
  pointer: string;
  /** Which entry, e.g. `exception "legacy-vm"`, put after the field. */
  entry?: string;
  found: string;
  expected: string;
}

/**
 * Formats problems found after validation like schema errors: `file:line: field "x[0].y" (entry): found …, expected …`.
 * @param file the file name for the message
 * @param text the file's text, for line numbers
 */
export function fieldProblems(file: string, text: string, problems: readonly FieldProblem[], max = 6): string {
  const lines = problems.slice(0, max).map((p) => {
    const line = lineOf(text, p.pointer);
    return `${file}${line ? `:${line}` : ""}: field "${fieldPath(p.pointer)}"${p.entry ? ` (${p.entry})` : ""}: found ${p.found}, expected ${p.expected}`;
  });
  const more = problems.length > max ? `\n(and ${problems.length - max} more problems)` : "";
  return lines.join("\n") + more;
}

/**
 * Reads and validates a data file against one of the package's schemas (`schemas/<name>`).
 * Throws UsageError naming the file, line and field on any problem.
 * @param check problems the schema cannot express, on the schema-valid value (none: the file is usable)
 * @param maxBytes the largest file accepted (MAX_HAND_WRITTEN_BYTES for configuration and exceptions)
 */
export async function loadDataFile<T>(file: string, schemaName: string, what: string, check?: (value: T) => readonly FieldProblem[], maxBytes = MAX_BYTES): Promise<T> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (err) {
    throw new UsageError(`${file}: cannot read the ${what} (${(err as NodeJS.ErrnoException).code ?? String(err)}).`);
  }
  if (size > maxBytes) throw new UsageError(`${file}: the ${what} is ${(size / 1048576).toFixed(1)} MiB; expected at most ${maxBytes / 1048576} MiB.`);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new UsageError(`${file}: cannot read the ${what} (${(err as NodeJS.ErrnoException).code ?? String(err)}).`);
  }
  if (text.trim() === "") throw new UsageError(`${file}: the ${what} is empty; expected ${what === "tenant model" ? "a JSON object" : "a YAML or JSON mapping"}.`);
  const value = validateData<T>(file, text, parseData(file, text), schemaName, what);
  const problems = check ? check(value) : [];
  if (problems.length > 0) throw new UsageError(`${file}: invalid ${what}:\n${fieldProblems(file, text, problems)}`);
  return value;
}

/** Validates parsed data against a package schema. */
export function validateData<T>(file: string, text: string, value: unknown, schemaName: string, what: string): T {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new UsageError(`${file}: the ${what} must be a mapping (key: value), found ${describeValue(value)}.`);
  }
  if (!ajv.getSchema(schemaName)) ajv.addSchema(readPackageJson<object>(`schemas/${schemaName}`), schemaName);
  const validate = ajv.getSchema(schemaName);
  if (!validate) throw new Error(`schema ${schemaName} not found`);
  if (!validate(value)) throw new UsageError(`${file}: invalid ${what}:\n${schemaErrors(file, text, value, validate.errors ?? [])}`);
  return value as T;
}
