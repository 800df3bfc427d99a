/**
 * Repo-wide checks of the rule set: every rule file is registered, has a unique id, a page with the
 * expected headings and a table test with all four kinds of cases; the catalog is complete.
 */
import { readdirSync, readFileSync, existsSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRules } from "../../rules/index.js";
import { validateRule } from "../../src/index.js";

const ROOT = join(import.meta.dirname, "../..");
const RULES = join(ROOT, "rules");
const CATALOG = ["RES-01", "RES-02", "RES-03", "RES-04", "RES-05", "RES-06", "RES-07", "RES-08", "RES-09", "RES-10", "ENC-01", "ENC-02", "ENC-03", "ENC-04", "ENC-05", "ENC-06", "ENC-07", "ENC-08", "KEY-01", "KEY-02", "KEY-03", "KEY-04", "KEY-05", "ACC-01", "ACC-02", "CLS-01", "CLS-02"];
const HEADINGS = ["## Rationale", "## What it reads", "## Passing and failing examples", "## Remediation", "## References", "## When not to use it"];

function ruleFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return ruleFiles(p);
    return p.endsWith(".ts") && dir !== RULES ? [p] : [];
  });
}

describe("rule set", () => {
  it("implements every catalog rule, each id once", () => {
    const ids = builtinRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...CATALOG].sort());
  });

  it("registers every rule file under rules/", async () => {
    const files = ruleFiles(RULES);
    expect(files.length).toBe(builtinRules.length);
    for (const f of files) {
      const mod = (await import(f)) as { default: { id: string } };
      expect(builtinRules, relative(ROOT, f)).toContain(mod.default);
    }
  });

  for (const rule of builtinRules) {
    describe(`${rule.id} ${rule.name}`, () => {
      const file = ruleFiles(RULES).find((f) => f.endsWith(`/${rule.name}.ts`));
      it("is valid, named after its file, and declares the kinds of target it judges", () => {
        expect(validateRule(rule)).toEqual([]);
        expect(rule.targets?.length, "targets: built-in rules name what a failed read hides").toBeGreaterThan(0);
        expect(file, `rules/<service>/${rule.name}.ts`).toBeDefined();
      });
      it("has a page with the expected headings in order", () => {
        const page = file?.replace(/\.ts$/, ".md") ?? "";
        expect(existsSync(page), page).toBe(true);
        const text = readFileSync(page, "utf8");
        expect(text.startsWith(`# ${rule.id} ${rule.name}`)).toBe(true);
        let at = 0;
        for (const h of HEADINGS) {
          const i = text.indexOf(`\n${h}`, at);
          expect(i, `${h} after position ${at}`).toBeGreaterThan(-1);
          at = i + 1;
        }
      });
      it("has a table test with valid, invalid, not-assessed and missing-property cases", () => {
        const test = join(ROOT, "tests", "rules", `${rule.name}.test.ts`);
        expect(existsSync(test), test).toBe(true);
        const text = readFileSync(test, "utf8");
        for (const kind of ["valid:", "invalid:", "notAssessed:", "missingProperty:"]) expect(text, kind).toContain(kind);
        expect(text).toContain("ruleTester(");
      });
      it("has English and Swedish texts for title, rationale, remediation and every message", () => {
        for (const t of [rule.title, rule.rationale, rule.remediation.summary, ...Object.values(rule.messages)]) {
          expect(t.en.trim().length).toBeGreaterThan(0);
          expect(t.sv.trim().length).toBeGreaterThan(0);
        }
        expect(rule.title.en).not.toMatch(/^Ensure/i);
        expect(rule.references.length).toBeGreaterThan(0);
      });
    });
  }
});
