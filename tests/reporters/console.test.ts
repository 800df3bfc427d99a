/**
 * Console summary: the baseline line counts unverified apart from resolved, the unverified results
 * are listed with why, and the disabled rules are named; none of it without a baseline or disabled rules.
 */
import { describe, expect, it } from "vitest";
import { renderConsoleSummary } from "../../src/reporters/console.js";
import { makeDocument } from "./fixture.js";

describe("renderConsoleSummary", () => {
  const doc = makeDocument();
  const en = renderConsoleSummary(doc, { lang: "en", files: [] }).split("\n");
  const sv = renderConsoleSummary(doc, { lang: "sv", files: [] }).split("\n");

  it("counts new, unchanged, resolved and unverified, and lists the unverified ones with why", () => {
    const at = en.indexOf("Baseline: 3 new, 2 unchanged, 2 resolved, 3 unverified");
    expect(at).toBeGreaterThan(0);
    expect(en.slice(at + 1, at + 5)).toEqual([
      "Unverified tonight (not counted as fixed):",
      "  high     ENC-08  …/accounts/oai-socialtjanst — No result tonight: the rule is turned off in the configuration.",
      "  high     KEY-01  …/vaults/kv-oläst — No result tonight, and a scope it depended on could not be read tonight.",
      "  medium   ENC-01  …/storageAccounts/starkivdolt [blob] — No result tonight: its subscription was not among the subscriptions visible tonight.",
    ]);
    expect(sv).toContain("Baslinje: 3 nya, 2 oförändrade, 2 åtgärdade, 3 overifierade");
    expect(sv).toContain("Overifierade i natt (räknas inte som åtgärdade):");
  });

  it("caps the unverified list at `top`", () => {
    const lines = renderConsoleSummary(doc, { lang: "en", files: [], top: 2 }).split("\n");
    const at = lines.indexOf("Unverified tonight (not counted as fixed):");
    expect(lines[at + 3]).toBe("  … 1 more");
  });

  it("names the disabled rules, and only when there are some", () => {
    expect(en).toContain("Disabled rules: ENC-08, KEY-03");
    expect(sv).toContain("Avstängda regler: ENC-08, KEY-03");
    const plain = renderConsoleSummary({ ...doc, disabledRules: undefined, baseline: undefined }, { lang: "en", files: [] });
    expect(plain).not.toContain("Disabled rules");
    expect(plain).not.toContain("Baseline:");
  });

  it("lists the rule-wide exceptions on one line, without owners, and only when there are some", () => {
    expect(en).toContain("Rule-wide exceptions (ruleWide: no literal subscription or tenant segment): CLS-01 ** (EXC-2025-009, invalid, not applied, 0 matched)");
    expect(sv).toContain("Undantag för hela regeln (ruleWide: inget bestämt prenumerations- eller klientorganisationssegment): CLS-01 ** (EXC-2025-009, ogiltigt, tillämpas inte, 0 träffar)");
    expect(en.join("\n")).not.toContain("klassning@exempelby.se");
    const plain = renderConsoleSummary({ ...doc, exceptions: doc.exceptions?.filter((e) => !e.ruleWide) }, { lang: "en", files: [] });
    expect(plain).not.toContain("Rule-wide");
  });
});
