/**
 * A rule that throws while evaluating is a bug in the rule: the run stops with RuleEvaluationError
 * naming the rule and the cause (exit 2 on the command line, tests/cli/exit-codes.test.ts), never a
 * run that leaves the rule's results out and passes.
 */
import { describe, expect, it } from "vitest";
import { defaultConfig, defineRule, RuleEvaluationError, runRules } from "../../src/index.js";
import { makeSnapshot } from "../fixtures/snapshot.js";
import { storageAccount } from "../fixtures/storage.js";

const base = {
  name: "test-rule",
  title: { en: "t", sv: "t" },
  severity: "high" as const,
  rationale: { en: "r", sv: "r" },
  guidance: [],
  reads: ["storageAccounts" as const],
  messages: { ok: { en: "{{name}} ok.", sv: "{{name}} ok." } },
  remediation: { summary: { en: "x", sv: "x" } },
  references: [],
};
const snap = makeSnapshot({ subscriptions: [{ collections: { storageAccounts: [storageAccount("stmiljodata01")] } }] });

describe("a rule that throws while evaluating", () => {
  it("stops the run with RuleEvaluationError naming the rule and the cause", () => {
    const throws = defineRule({
      ...base,
      id: "TST-91",
      evaluate: ({ inventory }) =>
        inventory.all("storageAccounts").map((s) => {
          throw new TypeError(`Cannot read properties of undefined (reading 'keySource') on ${s.name}`);
        }),
    });
    const passes = defineRule({ ...base, id: "TST-92", evaluate: ({ inventory }, { pass }) => inventory.all("storageAccounts").map((s) => pass(s, "ok")) });
    let caught: unknown;
    try {
      runRules(snap, [passes, throws], { config: defaultConfig(), now: new Date("2026-11-27T03:00:00Z") });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(RuleEvaluationError);
    expect((caught as RuleEvaluationError).ruleId).toBe("TST-91");
    expect((caught as Error).message).toBe("Rule TST-91 failed while evaluating the snapshot: Cannot read properties of undefined (reading 'keySource') on stmiljodata01");
  });

  it("a rule that returns something other than an array is stopped the same way", () => {
    const bad = defineRule({ ...base, id: "TST-93", evaluate: (() => undefined) as never });
    expect(() => runRules(snap, [bad], { config: defaultConfig(), now: new Date("2026-11-27T03:00:00Z") })).toThrow(
      "Rule TST-93 failed while evaluating the snapshot: evaluate did not return an array",
    );
  });
});
