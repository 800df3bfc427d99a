/**
 * The catalog check: every folder under rules/ that holds a rule is complete — a valid rule named
 * after its folder, a page with the expected headings, a table test with all four kinds of cases,
 * a demo fragment, English and Swedish texts — and the ids, derived from the folders (no list here), are unique
 * and numbered without gaps in each family. It checks the tree it stands in (the add-a-rule test
 * runs it in a temporary copy).
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverRules, loadRules, ruleSource } from "../../src/engine/registry.js";
import { validateRule } from "../../src/index.js";

const ROOT = join(import.meta.dirname, "../..");
const RULES = join(ROOT, "rules");
const HEADINGS = ["## Rationale", "## What it reads", "## Passing and failing examples", "## Remediation", "## References", "## When not to use it"];

const { folders, modules } = await discoverRules(RULES);
const rules = await loadRules();

describe("rule set", () => {
  it("is made of rule folders only, each loaded as a built-in rule", () => {
    expect(modules.map((m) => relative(ROOT, m)), "module files outside a rule folder").toEqual([]);
    expect(folders.length).toBeGreaterThan(0);
    expect(rules.map((r) => ruleSource(r)?.folder?.dir).sort()).toEqual(folders.map((f) => f.dir).sort());
    for (const r of rules) expect(ruleSource(r)?.origin, r.id).toBe("built-in");
  });

  it("has unique ids, numbered 01, 02 … without a gap in each family", () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const families = new Map<string, number[]>();
    for (const id of ids) {
      const [family, number] = id.split("-") as [string, string];
      families.set(family, [...(families.get(family) ?? []), Number(number)]);
    }
    for (const [family, numbers] of families) {
      expect(numbers.sort((a, b) => a - b), family).toEqual(numbers.map((_, i) => i + 1));
    }
  });

  for (const folder of folders) {
    const name = basename(folder.dir);
    describe(relative(ROOT, folder.dir), () => {
      const rule = rules.find((r) => ruleSource(r)?.folder?.dir === folder.dir);
      it("holds a valid rule named after its folder, declaring the kinds of target it judges", () => {
        expect(rule, folder.rule).toBeDefined();
        if (!rule) return;
        expect(validateRule(rule)).toEqual([]);
        expect(rule.name).toBe(name);
        expect(rule.targets?.length, "targets: built-in rules name what a failed read hides").toBeGreaterThan(0);
      });
      it("has a page (README.md) with the expected headings in order", () => {
        expect(folder.page, join(folder.dir, "README.md")).toBeDefined();
        const text = readFileSync(folder.page ?? "", "utf8");
        expect(text.startsWith(`# ${rule?.id} ${name}`), "the page starts with `# <id> <name>`").toBe(true);
        let at = 0;
        for (const h of HEADINGS) {
          const i = text.indexOf(`\n${h}`, at);
          expect(i, `${h} after position ${at}`).toBeGreaterThan(-1);
          at = i + 1;
        }
        expect(ruleSource(rule as never)?.page).toBe(relative(ROOT, folder.page ?? "").split("\\").join("/"));
      });
      it("has a table test (rule.test.ts) with valid, invalid, not-assessed and missing-property cases", () => {
        expect(folder.test, join(folder.dir, "rule.test.ts")).toBeDefined();
        const text = readFileSync(folder.test ?? "", "utf8");
        for (const kind of ["valid:", "invalid:", "notAssessed:", "missingProperty:"]) expect(text, kind).toContain(kind);
        expect(text).toContain("ruleTester(");
        expect(existsSync(join(folder.dir, "rule.ts"))).toBe(true);
      });
      it("has a demo fragment (demo.ts) that names its rule", async () => {
        expect(folder.demo, join(folder.dir, "demo.ts")).toBeDefined();
        const fragment = ((await import(folder.demo ?? "")) as { default: { rule: string } }).default;
        expect(fragment.rule).toBe(name);
      });
      it("has English and Swedish texts for title, rationale, remediation and every message", () => {
        if (!rule) return expect(rule).toBeDefined();
        for (const t of [rule.title, rule.rationale, rule.remediation.summary, ...Object.values(rule.messages)]) {
          expect(t.en.trim().length).toBeGreaterThan(0);
          expect(t.sv.trim().length).toBeGreaterThan(0);
        }
        expect(rule.title.en).not.toMatch(/^Ensure/i);
        expect(rule.references.length).toBeGreaterThan(0);
        expect(rule.guidance.length).toBeGreaterThan(0);
      });
    });
  }
});
