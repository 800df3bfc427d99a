/**
 * The exit decision's reason, word for word in both languages (findings.json, summary.md and the
 * console print it), and the tally's counts: every status, every rule (a rule without results
 * counts zeros), failures by severity.
 */
import { describe, expect, it } from "vitest";
import type { Finding, RuleMeta } from "../../src/index.js";
import { decideExit, Tally } from "../../src/findings/outcome.js";

function finding(over: Partial<Finding>): Finding {
  return { ruleId: "RES-01", status: "fail", severity: "high", resourceId: "/x", resourceKey: "/x", messageId: "m", message: { en: "", sv: "" }, fingerprint: "f".repeat(32), ...over };
}
const HIGH = { failOn: "high" as const, failOnNew: false, allowPartial: false };

describe("the exit decision's reason", () => {
  it("0: no failing result, and with --allow-partial says the audit was partial", () => {
    expect(decideExit([finding({ status: "pass" })], 0, HIGH)).toEqual({ code: 0, reason: { en: "no failing result at or above high", sv: "inga underkända resultat med allvarlighetsgrad hög eller högre" } });
    expect(decideExit([finding({ status: "pass" })], 2, { ...HIGH, allowPartial: true })).toEqual({
      code: 0,
      reason: { en: "no failing result at or above high (partial audit allowed)", sv: "inga underkända resultat med allvarlighetsgrad hög eller högre (delvis granskning tillåten)" },
    });
    expect(decideExit([finding({ status: "not-assessed" })], 0, { ...HIGH, allowPartial: true }).reason.en).toBe("no failing result at or above high (partial audit allowed)");
  });

  it("1: counts the failures; with --fail-on-new says new", () => {
    expect(decideExit([finding({}), finding({ severity: "critical" })], 0, HIGH)).toEqual({
      code: 1,
      reason: { en: "2 failing result(s) at or above high", sv: "2 underkända resultat med allvarlighetsgrad hög eller högre" },
    });
    expect(decideExit([finding({ baselineState: "new" }), finding({ baselineState: "unchanged" })], 0, { ...HIGH, failOnNew: true })).toEqual({
      code: 1,
      reason: { en: "1 new failing result(s) at or above high", sv: "1 nya underkända resultat med allvarlighetsgrad hög eller högre" },
    });
  });

  it("the threshold in Swedish, for every severity", () => {
    const words = { critical: "kritisk", high: "hög", medium: "medel", low: "låg", info: "info" } as const;
    for (const [failOn, word] of Object.entries(words)) {
      expect(decideExit([], 0, { ...HIGH, failOn: failOn as keyof typeof words }).reason.sv).toBe(`inga underkända resultat med allvarlighetsgrad ${word} eller högre`);
    }
  });

  it("3: a scope that could not be read is enough, even with every result assessed", () => {
    expect(decideExit([finding({ status: "pass" })], 1, HIGH)).toEqual({
      code: 3,
      reason: { en: "1 scope(s) could not be read and 0 result(s) were not assessed", sv: "1 område(n) kunde inte läsas och 0 resultat kunde inte bedömas" },
    });
  });

  it("3: scopes and results not assessed, and the failures found in what was read", () => {
    expect(decideExit([finding({ status: "not-assessed" })], 0, HIGH)).toEqual({
      code: 3,
      reason: { en: "0 scope(s) could not be read and 1 result(s) were not assessed", sv: "0 område(n) kunde inte läsas och 1 resultat kunde inte bedömas" },
    });
    expect(decideExit([finding({}), finding({ status: "not-assessed" })], 2, { ...HIGH, failOn: "medium" })).toEqual({
      code: 3,
      reason: {
        en: "2 scope(s) could not be read and 1 result(s) were not assessed; 1 failing result(s) at or above medium found in what was read",
        sv: "2 område(n) kunde inte läsas och 1 resultat kunde inte bedömas; 1 underkända resultat med allvarlighetsgrad medel eller högre i det som lästes",
      },
    });
  });
});

describe("Tally", () => {
  it("counts every result by status and rule, failures by severity; a rule without results counts zeros", () => {
    const rules = [{ id: "RES-01" }, { id: "KEY-01" }] as RuleMeta[];
    const t = new Tally(rules, HIGH);
    t.add([finding({}), finding({ severity: "low" }), finding({ status: "pass" })]);
    t.add([finding({ ruleId: "ENC-01", status: "not-assessed" }), finding({ ruleId: "ENC-01", status: "excepted" })]);
    expect(t.total).toBe(5);
    expect(t.byStatus).toEqual({ pass: 1, fail: 2, "not-assessed": 1, "attestation-required": 0, excepted: 1 });
    expect(t.failBySeverity).toEqual({ critical: 0, high: 1, medium: 0, low: 1, info: 0 });
    expect(t.failing).toBe(1);
    expect(t.byRule).toEqual({
      "RES-01": { pass: 1, fail: 2, "not-assessed": 0, "attestation-required": 0, excepted: 0 },
      "KEY-01": { pass: 0, fail: 0, "not-assessed": 0, "attestation-required": 0, excepted: 0 },
      "ENC-01": { pass: 0, fail: 0, "not-assessed": 1, "attestation-required": 0, excepted: 1 },
    });
  });
});
