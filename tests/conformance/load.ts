/**
 * Loads the conformance fixtures (`fixtures/<area>/<Example>.json`, format in README.md) and checks
 * each against the format: a spec path, a GET path template whose parameters the fixture gives, an
 * api-version, a status and a body, `with` naming fixtures of the same folder, `expect` rows with a
 * rule id, a target and a status. A malformed fixture fails loading with its file and field named.
 */
import { readFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { globSync } from "tinyglobby";

export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), "fixtures");

export interface ExpectedVerdict {
  rule: string;
  target: string;
  part?: string;
  status: "pass" | "fail" | "not-assessed" | "attestation-required";
  messageId?: string;
}

export interface ConformanceFixture {
  /** Path relative to the fixtures folder (`key-vault/managedHsmListKeys.json`). */
  file: string;
  /** `specification/…/examples/….json` in Azure/azure-rest-api-specs, or `graph-docs: …`. */
  spec: string;
  note?: string;
  /** `GET /subscriptions/{subscriptionId}/…` (a path template). */
  operation: string;
  apiVersion: string;
  parameters: Record<string, string>;
  status: number;
  body: unknown;
  with: string[];
  /**
   * Concrete paths of lists the collector sends beside this request that no example answers here
   * (a sibling server's children, say), answered `200 {"value": []}` (ARM's successful empty list).
   */
  emptyLists?: string[];
  expect: ExpectedVerdict[];
  /**
   * A known disagreement between `expect` (what the catalog says of this answer) and what Hemvist
   * gives today: the issue, and the verdict lines (`rule part status messageId target`) missing from
   * and unexpected in Hemvist's results. The runner asserts exactly this difference, so the fixture
   * fails, asking for the entry's removal, the day the issue is fixed.
   */
  knownIssue?: { issue: string; missing: string[]; unexpected: string[] };
}

const SPEC_PATH = /^specification\/[^\s]+\/examples\/[^\s]+\.json$/;
const GRAPH_DOC = /^graph-docs: \S.*$/;
const STATUSES = new Set(["pass", "fail", "not-assessed", "attestation-required"]);

function problem(file: string, field: string, expected: string): never {
  throw new Error(`conformance fixture ${file}: ${field}: expected ${expected}`);
}

/** The template's `{name}` parameters, in order. */
export function templateParameters(operation: string): string[] {
  return [...operation.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
}

/** The concrete path: the template with the fixture's parameters filled in (not encoded: ARM ids are plain). */
export function concretePath(f: Pick<ConformanceFixture, "operation" | "parameters">): string {
  const path = f.operation.replace(/^GET /, "").split("?")[0] as string;
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => f.parameters[name] as string);
}

function check(file: string, raw: unknown): ConformanceFixture {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) problem(file, "(root)", "an object");
  const o = raw as Record<string, unknown>;
  if (typeof o.spec !== "string" || !(SPEC_PATH.test(o.spec) || GRAPH_DOC.test(o.spec))) {
    problem(file, "spec", 'a path "specification/…/examples/….json" or "graph-docs: <page>"');
  }
  if (o.note !== undefined && typeof o.note !== "string") problem(file, "note", "a string");
  if (typeof o.operation !== "string" || !/^GET \/\S*$/.test(o.operation)) problem(file, "operation", '"GET /…" (a path template)');
  if (typeof o.apiVersion !== "string" || !/^(v1\.0|\d{4}-\d{2}-\d{2}(-preview)?)$/.test(o.apiVersion)) {
    problem(file, "apiVersion", 'an api-version such as "2024-01-01" or "v1.0"');
  }
  const parameters = o.parameters ?? {};
  if (typeof parameters !== "object" || Array.isArray(parameters)) problem(file, "parameters", "an object");
  for (const name of templateParameters(o.operation as string)) {
    if (typeof (parameters as Record<string, unknown>)[name] !== "string") problem(file, `parameters.${name}`, "a string (the template names it)");
  }
  if (typeof o.status !== "number" || !Number.isInteger(o.status)) problem(file, "status", "an HTTP status number");
  if (!("body" in o)) problem(file, "body", "the example's response body");
  const w = o.with ?? [];
  if (!Array.isArray(w) || w.some((x) => typeof x !== "string")) problem(file, "with", "a list of fixture file names");
  const empties = o.emptyLists;
  if (empties !== undefined && (!Array.isArray(empties) || empties.some((x) => typeof x !== "string" || !x.startsWith("/")))) {
    problem(file, "emptyLists", "a list of concrete paths starting with /");
  }
  const known = o.knownIssue as Record<string, unknown> | undefined;
  if (
    known !== undefined &&
    (typeof known !== "object" || typeof known.issue !== "string" || !Array.isArray(known.missing) || !Array.isArray(known.unexpected) ||
      [...(known.missing as unknown[]), ...(known.unexpected as unknown[])].some((x) => typeof x !== "string"))
  ) {
    problem(file, "knownIssue", "{ issue, missing: [lines], unexpected: [lines] }");
  }
  const expectRows = o.expect ?? [];
  if (!Array.isArray(expectRows)) problem(file, "expect", "a list");
  expectRows.forEach((e: unknown, i: number) => {
    const r = e as Record<string, unknown>;
    if (!r || typeof r.rule !== "string" || !/^[A-Z]{3}-\d{2}$/.test(r.rule)) problem(file, `expect[${i}].rule`, "a rule id such as KEY-03");
    if (typeof r.target !== "string" || r.target === "") problem(file, `expect[${i}].target`, "the target's id");
    if (typeof r.status !== "string" || !STATUSES.has(r.status)) problem(file, `expect[${i}].status`, "pass, fail, not-assessed or attestation-required");
    if (r.part !== undefined && typeof r.part !== "string") problem(file, `expect[${i}].part`, "a string");
    if (r.messageId !== undefined && typeof r.messageId !== "string") problem(file, `expect[${i}].messageId`, "a string");
  });
  return {
    file,
    spec: o.spec as string,
    ...(o.note !== undefined ? { note: o.note as string } : {}),
    operation: o.operation as string,
    apiVersion: o.apiVersion as string,
    parameters: parameters as Record<string, string>,
    status: o.status as number,
    body: o.body,
    with: w as string[],
    ...(empties !== undefined ? { emptyLists: empties as string[] } : {}),
    expect: expectRows as ExpectedVerdict[],
    ...(known !== undefined ? { knownIssue: known as unknown as NonNullable<ConformanceFixture["knownIssue"]> } : {}),
  };
}

/** Every fixture, sorted by file; `with` references resolved within the same folder. */
export function loadFixtures(dir = FIXTURES_DIR): ConformanceFixture[] {
  const files = globSync("**/*.json", { cwd: dir }).sort();
  const fixtures = files.map((file) => {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(dir, file), "utf8"));
    } catch (e) {
      throw new Error(`conformance fixture ${file}: not JSON (${(e as Error).message})`);
    }
    return check(file, raw);
  });
  const known = new Set(files);
  for (const f of fixtures) {
    for (const w of f.with) {
      const sibling = join(dirname(f.file), w);
      if (!known.has(sibling)) problem(f.file, "with", `a fixture file in ${dirname(f.file)}/ (${basename(w)} is not there)`);
    }
  }
  return fixtures;
}

/**
 * The fixtures a fixture is served with: its `with` list, resolved, and transitively theirs (a
 * child's fixture names its parent list, whose fixture names the sibling lists the same collector
 * sends; cycles allowed), each once, itself last.
 */
export function servedWith(f: ConformanceFixture, all: readonly ConformanceFixture[]): ConformanceFixture[] {
  const byFile = new Map(all.map((x) => [x.file, x]));
  const seen = new Set<string>([f.file]);
  const order: ConformanceFixture[] = [];
  const visit = (x: ConformanceFixture): void => {
    for (const w of x.with) {
      const file = join(dirname(x.file), w);
      const dep = byFile.get(file);
      if (!dep || seen.has(file)) continue;
      seen.add(file);
      visit(dep);
      order.push(dep);
    }
  };
  visit(f);
  return [...order, f];
}

export function fixtureRelative(path: string): string {
  return relative(FIXTURES_DIR, path);
}
