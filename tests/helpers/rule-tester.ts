/**
 * Table tests for rules, after ESLint's RuleTester: valid, invalid, not-assessed and
 * missing-property cases; frozen input, schema-checked fixtures, exact result counts.
 */
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import type { Evidence, ResolvedConfig, RuleDefinition, Snapshot, Status } from "../../src/index.js";
import { defaultConfig, runRules, validateRule } from "../../src/index.js";
import { snapshotProblems } from "../../src/snapshot/validate.js";

export interface ExpectedResult {
  status: Status;
  /** Message id; `__notAssessed` for results blinded by coverage. */
  messageId?: string;
  /** The target's name (last id segment) or a substring of its id. */
  resource?: string;
  part?: string;
  severity?: string;
  /** The result's resource type, exactly. */
  type?: string;
  /** The result's location, exactly (`""`: none). */
  location?: string;
  /** The English message, exactly (its parameters filled in). */
  message?: string;
  /** The Swedish message, exactly. */
  messageSv?: string;
  /** The evidence, exactly (`[]`: none); properties that are undefined count as absent. */
  evidence?: Evidence[];
}

export interface RuleCase {
  name: string;
  snapshot: Snapshot;
  /** Changes to the default (`se`) configuration. */
  config?: (c: ResolvedConfig) => void;
  /** Expected results, compared exactly (count and content, order-free). */
  results?: ExpectedResult[];
}

export interface RuleCases {
  /** Every result passes (at least one, unless `results: []` is given: nothing applies). */
  valid: RuleCase[];
  /** `results` required. */
  invalid: RuleCase[];
  /** At least one not-assessed result; `results` optional. */
  notAssessed: RuleCase[];
  /** A property omitted: the platform default decides. `results` required. */
  missingProperty: RuleCase[];
}

const NOW = new Date("2026-11-27T03:00:00Z");

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}

function evaluate(rule: RuleDefinition, c: RuleCase) {
  const problems = snapshotProblems(c.snapshot);
  expect(problems, `fixture "${c.name}" is not a valid snapshot`).toEqual([]);
  const config = defaultConfig();
  c.config?.(config);
  const snap = deepFreeze(structuredClone(c.snapshot));
  return runRules(snap, [rule], { config, now: NOW }).findings;
}

/** A value as it would be written to JSON: undefined properties dropped. */
const plain = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

function matches(f: { status: string; messageId: string; resourceId: string; resourceName?: string; resourceType?: string; location?: string; part?: string; severity: string; message: { en: string; sv: string }; evidence?: Evidence[] }, e: ExpectedResult): boolean {
  if (f.status !== e.status) return false;
  if (e.messageId !== undefined && f.messageId !== e.messageId) return false;
  if (e.part !== undefined && f.part !== e.part) return false;
  if (e.severity !== undefined && f.severity !== e.severity) return false;
  if (e.type !== undefined && f.resourceType !== e.type) return false;
  if (e.location !== undefined && (f.location ?? "") !== e.location) return false;
  if (e.message !== undefined && f.message.en !== e.message) return false;
  if (e.messageSv !== undefined && f.message.sv !== e.messageSv) return false;
  if (e.evidence !== undefined && !isDeepStrictEqual(plain(f.evidence ?? []), plain(e.evidence))) return false;
  if (e.resource !== undefined && f.resourceName !== e.resource && !f.resourceId.toLowerCase().includes(e.resource.toLowerCase())) return false;
  return true;
}

function expectResults(rule: RuleDefinition, c: RuleCase, expected: ExpectedResult[]) {
  const findings = evaluate(rule, c);
  const exact = expected.some((e) => e.message !== undefined || e.messageSv !== undefined || e.evidence !== undefined || e.type !== undefined || e.location !== undefined);
  const summary = findings.map((f) => `${f.status} ${f.messageId} ${f.part ?? ""} ${f.resourceName} (${f.severity})${exact ? ` ${JSON.stringify({ type: f.resourceType, location: f.location, message: f.message, evidence: f.evidence })}` : ""}`);
  expect(findings.length, `result count in "${c.name}": ${JSON.stringify(summary)}`).toBe(expected.length);
  const left = [...findings];
  for (const e of expected) {
    const i = left.findIndex((f) => matches(f, e));
    expect(i, `no result matches ${JSON.stringify(e)} in "${c.name}"; got ${JSON.stringify(summary)}`).toBeGreaterThanOrEqual(0);
    left.splice(i, 1);
  }
  return findings;
}

/** Runs a rule's table of cases. Every kind must have at least one case. */
export function ruleTester(rule: RuleDefinition, cases: RuleCases): void {
  describe(`${rule.id} ${rule.name}`, () => {
    it("is a valid rule definition with message ids for every case", () => {
      expect(validateRule(rule)).toEqual([]);
      for (const kind of ["valid", "invalid", "notAssessed", "missingProperty"] as const) {
        expect(cases[kind].length, `${kind} cases`).toBeGreaterThan(0);
      }
      const names = [...cases.valid, ...cases.invalid, ...cases.notAssessed, ...cases.missingProperty].map((c) => c.name);
      expect(new Set(names).size, "duplicate case names").toBe(names.length);
      for (const c of [...cases.invalid, ...cases.missingProperty, ...cases.valid, ...cases.notAssessed]) {
        for (const r of c.results ?? []) {
          if (r.messageId && r.messageId !== "__notAssessed") expect(Object.keys(rule.messages), `unknown messageId in "${c.name}"`).toContain(r.messageId);
        }
      }
    });

    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        if (c.results) {
          expectResults(rule, c, c.results);
          return;
        }
        const findings = evaluate(rule, c);
        expect(findings.length, `"${c.name}" yields no result at all`).toBeGreaterThan(0);
        for (const f of findings) expect(`${f.status} ${f.resourceName}: ${f.message.en}`).toMatch(/^pass /);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        expect(c.results, `invalid case "${c.name}" needs results`).toBeDefined();
        const findings = expectResults(rule, c, c.results ?? []);
        expect(findings.some((f) => f.status === "fail")).toBe(true);
        for (const f of findings) {
          expect(f.message.en.length).toBeGreaterThan(0);
          expect(f.message.sv.length).toBeGreaterThan(0);
          expect(f.message.en).not.toMatch(/\{\{/);
        }
      });
    }
    for (const c of cases.notAssessed) {
      it(`not assessed: ${c.name}`, () => {
        const findings = c.results ? expectResults(rule, c, c.results) : evaluate(rule, c);
        const na = findings.filter((f) => f.status === "not-assessed");
        expect(na.length).toBeGreaterThan(0);
        for (const f of na) expect(f.notAssessed?.code).toBeTruthy();
      });
    }
    for (const c of cases.missingProperty) {
      it(`missing property: ${c.name}`, () => {
        expect(c.results, `missing-property case "${c.name}" needs results`).toBeDefined();
        expectResults(rule, c, c.results ?? []);
      });
    }
  });
}
