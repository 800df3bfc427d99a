/**
 * Runs one conformance fixture (tests/conformance/fixtures) through a collector and the rules: nock
 * serves the fixture's example response at its concrete path and api-version, the collector reads
 * it into a fresh snapshot of the fixture's subscription, and the rules named in `expect` judge it.
 */
import { expect } from "vitest";
import type { SubscriptionCollector } from "../../src/collectors/contracts.js";
import { defaultConfig, type RuleDefinition, runRules } from "../../src/index.js";
import { concretePath, type ConformanceFixture, type ExpectedVerdict, loadFixtures } from "../conformance/load.js";
import { arm, harness, type Harness } from "./helpers.js";

/** The fixture at `file` (relative to the fixtures folder), loaded and checked by the fixture loader. */
export function fixture(file: string): ConformanceFixture {
  const f = loadFixtures().find((x) => x.file === file);
  if (!f) throw new Error(`no conformance fixture ${file}`);
  return f;
}

/**
 * Serves `f`, runs `collector` on its subscription and returns the harness and the verdicts of
 * `rules` in the fixture's `expect` shape, sorted. (The suite's runner, tests/conformance/run.ts,
 * judges with every rule; this runs one collector and the rules a collector test is about.)
 */
export async function runFixture(f: ConformanceFixture, collector: SubscriptionCollector, rules: RuleDefinition[]): Promise<{ h: Harness; verdicts: ExpectedVerdict[] }> {
  const subscriptionId = f.parameters.subscriptionId as string;
  const h = harness({}, subscriptionId);
  arm().get(concretePath(f)).query({ "api-version": f.apiVersion }).reply(f.status, f.body as object);
  await collector.collect(h.ctx, h.sub);
  const { findings } = runRules(h.snap, rules, { config: defaultConfig(), now: new Date("2026-11-27T03:00:00Z") });
  const verdicts = findings
    .filter((x) => x.status === "pass" || x.status === "fail" || x.status === "not-assessed")
    .map((x) => ({ rule: x.ruleId, target: x.resourceId, ...(x.part ? { part: x.part } : {}), status: x.status as ExpectedVerdict["status"], messageId: x.messageId }));
  return { h, verdicts: sortVerdicts(verdicts) };
}

export function sortVerdicts(v: readonly ExpectedVerdict[]): ExpectedVerdict[] {
  const key = (e: ExpectedVerdict) => `${e.rule}|${e.target}|${e.part ?? ""}`;
  return [...v].sort((a, b) => key(a).localeCompare(key(b)));
}

/** The rows `expect` lists for the rules that were run, exactly (count and content). */
export function expectVerdicts(f: ConformanceFixture, verdicts: ExpectedVerdict[], rules: RuleDefinition[]): void {
  const ran = new Set(rules.map((r) => r.id));
  expect(verdicts).toEqual(sortVerdicts(f.expect.filter((e) => ran.has(e.rule))));
}
