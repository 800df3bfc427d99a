/**
 * Loading user rules (`--rules DIR`) in-process: the folder layout and loose modules, and the one-line
 * error a rule author gets for each way a rule folder can be wrong (tests/rules/add-rule.test.ts runs
 * the same through the built CLI).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/base/errors.js";
import { loadRuleDir, loadRules, ruleSource } from "../../src/engine/registry.js";
import { tempDir } from "../e2e/helpers.js";

/** A user rule module's source: a plain rule object (a user rule needs no import). */
const ruleModule = (id: string, name: string, extra = "") => `export default ${ruleObject(id, name, extra)};\n`;
const ruleObject = (id: string, name: string, extra = "") =>
  `{ id: "${id}", name: "${name}", title: { en: "Tagged storage", sv: "Taggad lagring" }, severity: "low", rationale: { en: "r", sv: "r" }, guidance: [], reads: ["storageAccounts"], messages: { ok: { en: "ok", sv: "godkänd" } }, evaluate: () => [], remediation: { summary: { en: "x", sv: "x" } }, references: []${extra} }`;

async function ruleDir(files: Record<string, string>): Promise<string> {
  const dir = await tempDir("hemvist-rules-");
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, ".."), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

const usageError = async (p: Promise<unknown>): Promise<string> => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UsageError);
  return (err as Error).message;
};

describe("user rules", () => {
  it("loads a rule folder and a loose module holding a list, with where each came from, sorted by id number", async () => {
    const dir = await ruleDir({
      "tagged-storage/rule.mjs": ruleModule("KOM-01", "tagged-storage"),
      "extra.mjs": `export default [${ruleObject("KOM-100", "kom-hundred")}, ${ruleObject("KOM-20", "kom-twenty")}];\n`,
    });
    const loaded = await loadRuleDir(dir);
    expect(loaded.map((l) => `${l.rule.id} ${l.source}`).sort()).toEqual([`KOM-01 ${join(dir, "tagged-storage/rule.mjs")}`, `KOM-100 ${join(dir, "extra.mjs")}`, `KOM-20 ${join(dir, "extra.mjs")}`]);
    const all = await loadRules(dir);
    const mine = all.filter((r) => r.id.startsWith("KOM-"));
    // Sorted by number: KOM-20 before KOM-100.
    expect(mine.map((r) => r.id)).toEqual(["KOM-01", "KOM-20", "KOM-100"]);
    expect(ruleSource(mine[0]!)).toMatchObject({ origin: "user", file: join(dir, "tagged-storage/rule.mjs") });
    expect(ruleSource(mine[1]!)).toStrictEqual({ origin: "user", file: join(dir, "extra.mjs") });
    expect(all.length).toBe((await loadRules()).length + 3);
  });

  it("refuses a folder that is not there or is a file", async () => {
    const dir = await tempDir("hemvist-rules-");
    expect(await usageError(loadRuleDir(join(dir, "saknas")))).toBe(`--rules ${join(dir, "saknas")}: cannot read the folder (ENOENT).`);
    await writeFile(join(dir, "rule.mjs"), ruleModule("KOM-01", "x"));
    expect(await usageError(loadRuleDir(join(dir, "rule.mjs")))).toBe(`--rules ${join(dir, "rule.mjs")}: not a folder.`);
  });

  it("a rule folder with a list, a name other than its folder's, no default export, or a module that throws", async () => {
    const list = await ruleDir({ "two-rules/rule.mjs": `export default [${ruleObject("KOM-01", "two-rules")}, ${ruleObject("KOM-02", "two-rules")}];\n` });
    expect(await usageError(loadRuleDir(list))).toBe(`${join(list, "two-rules/rule.mjs")}: a rule folder holds one rule; found a list of 2. Give each rule its own folder.`);
    const named = await ruleDir({ "tagged-storage/rule.mjs": ruleModule("KOM-01", "storage-tags") });
    expect(await usageError(loadRuleDir(named))).toBe(`${join(named, "tagged-storage/rule.mjs")}: name: the rule is named "storage-tags" but its folder is "tagged-storage"; expected the folder to carry the rule's name.`);
    const none = await ruleDir({ "tagged-storage/rule.mjs": "export const rule = 1;\n" });
    expect(await usageError(loadRuleDir(none))).toBe(`${join(none, "tagged-storage/rule.mjs")}: the rule module has no default export; expected \`export default defineRule({...})\`.`);
    const throws = await ruleDir({ "tagged-storage/rule.mjs": "const x = 1;\n\nthrow new TypeError('tags is not iterable\\nsecond line');\nexport default x;\n" });
    // Under vitest the module runs through vite's loader, whose stack does not carry the file's URL,
    // so no line is named here (the built CLI names it: tests/reliability/bad-input.test.ts).
    expect(await usageError(loadRuleDir(throws))).toBe(
      `${join(throws, "tagged-storage/rule.mjs")}: the rule module failed to load (TypeError: tags is not iterable); expected a module whose default export is a rule (\`export default defineRule({...})\`).`,
    );
  });

  it("an invalid rule names its file and every problem; an id or alias used twice names both", async () => {
    const bad = await ruleDir({ "tagged-storage/rule.mjs": ruleModule("kom-1", "tagged-storage", ', severity: "severe"') });
    expect(await usageError(loadRules(bad))).toBe(
      `${join(bad, "tagged-storage/rule.mjs")}: not a valid rule:\n  id: expected a catalog id like "ENC-01", found "kom-1"\n  severity: expected one of critical, high, medium, low, info or "by-level", found "severe"`,
    );
    const twice = await ruleDir({ "a-rule/rule.mjs": ruleModule("KOM-01", "a-rule"), "b-rule/rule.mjs": ruleModule("KOM-02", "b-rule", ', aliases: ["kom-01"]') });
    expect(await usageError(loadRules(twice))).toBe(`${join(twice, "b-rule/rule.mjs")}: rule id kom-01 is already used by ${join(twice, "a-rule/rule.mjs")}; every rule needs its own id.`);
  });

  it("a loose module or a rule folder whose default export is a number or a string: a UsageError, not a crash", async () => {
    const loose = await ruleDir({ "extra.mjs": "export default 42;\n" });
    expect(await usageError(loadRules(loose))).toBe(`${join(loose, "extra.mjs")}: not a valid rule:\n  the module's default export is not a rule object (expected defineRule({...}))`);
    const folder = await ruleDir({ "tagged-storage/rule.mjs": 'export default "tagged-storage";\n' });
    expect(await usageError(loadRules(folder))).toBe(`${join(folder, "tagged-storage/rule.mjs")}: not a valid rule:\n  the module's default export is not a rule object (expected defineRule({...}))`);
  });
});
