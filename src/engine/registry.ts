/**
 * The rule registry: the built-in rules plus user rule modules from `--rules DIR`, each validated
 * at load with errors naming the file and the field.
 */
import { readdir, stat } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { UsageError } from "../base/errors.js";
import { validateRule } from "./rule.js";
import type { RuleDefinition } from "./types.js";

/** Checks a set of rules for problems and duplicate ids (including aliases). */
export function checkRules(rules: { rule: RuleDefinition; source: string }[]): RuleDefinition[] {
  const seen = new Map<string, string>();
  for (const { rule, source } of rules) {
    const problems = validateRule(rule);
    if (problems.length > 0) throw new UsageError(`${source}: not a valid rule:\n  ${problems.join("\n  ")}`);
    for (const id of [rule.id, ...(rule.aliases ?? [])]) {
      const key = id.toUpperCase();
      const other = seen.get(key);
      if (other) throw new UsageError(`${source}: rule id ${id} is already used by ${other}; every rule needs its own id.`);
      seen.set(key, source);
    }
  }
  return rules.map((r) => r.rule).sort((a, b) => a.id.localeCompare(b.id, "en", { numeric: true }));
}

async function listModules(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listModules(p)));
    else if ([".js", ".mjs", ".ts", ".mts"].includes(extname(entry.name)) && !entry.name.endsWith(".d.ts") && !/\.test\.[mc]?[jt]s$/.test(entry.name)) out.push(p);
  }
  return out.sort();
}

/** Loads user rule modules from a folder (default export: a rule, or a list of rules). */
export async function loadRuleDir(dir: string): Promise<{ rule: RuleDefinition; source: string }[]> {
  const abs = resolve(dir);
  try {
    if (!(await stat(abs)).isDirectory()) throw new UsageError(`--rules ${dir}: not a folder.`);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`--rules ${dir}: cannot read the folder (${(err as NodeJS.ErrnoException).code ?? String(err)}).`);
  }
  const out: { rule: RuleDefinition; source: string }[] = [];
  for (const file of await listModules(abs)) {
    let mod: { default?: unknown };
    const url = pathToFileURL(file).href;
    try {
      mod = (await import(url)) as { default?: unknown };
    } catch (err) {
      // The line in the module where it failed: the first stack frame (or syntax error header) in this file.
      const stack = err instanceof Error ? (err.stack ?? "") : "";
      const at = stack.split(url)[1]?.match(/^:(\d+)/)?.[1];
      const what = err instanceof Error ? `${err.name}: ${err.message?.split("\n")[0]}` : String(err);
      throw new UsageError(`${file}${at ? `:${at}` : ""}: the rule module failed to load (${what}); expected a module whose default export is a rule (\`export default defineRule({...})\`).`);
    }
    const exported = mod.default;
    if (exported === undefined) throw new UsageError(`${file}: the rule module has no default export; expected \`export default defineRule({...})\`.`);
    for (const rule of Array.isArray(exported) ? exported : [exported]) out.push({ rule: rule as RuleDefinition, source: file });
  }
  return out;
}

/** The built-in rules, plus those in `rulesDir` when given. */
export async function loadRules(rulesDir?: string): Promise<RuleDefinition[]> {
  const { builtinRules } = await import("../../rules/index.js");
  const all = builtinRules.map((rule) => ({ rule, source: `built-in rule ${rule.id}` }));
  if (rulesDir) all.push(...(await loadRuleDir(rulesDir)));
  return checkRules(all);
}
