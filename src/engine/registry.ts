/**
 * The rule registry. Rules are found by folder, built-in and `--rules DIR` alike: a folder holding
 * `rule.{js,mjs,ts,mts}` is one rule (beside it: its page `README.md`, its table test
 * `rule.test.ts` and its demo-tenant fragment `demo.ts`); any other module file outside a rule
 * folder is a rule module of the older flat layout (default export: a rule or a list of rules).
 * Every rule is validated at load, with errors naming the file and the field. No generated index:
 * the folders are the registry.
 */
import { existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { UsageError } from "../base/errors.js";
import { BUILTIN_RULES_DIR, discoverRules, type RuleFolder } from "../base/rule-folders.js";
import { validateRule } from "./rule.js";
import type { RuleDefinition } from "./types.js";

export { BUILTIN_RULES_DIR, discoverRules, type RuleFolder };

/** Where a loaded rule came from. */
export interface RuleSource {
  origin: "built-in" | "user";
  /** The module the rule was loaded from. */
  file: string;
  /** Its folder, for a rule in the folder layout. */
  folder?: RuleFolder;
  /** A built-in rule's page, relative to the package root (`rules/<service>/<name>/README.md`). */
  page?: string;
}

const SOURCES = new WeakMap<RuleDefinition, RuleSource>();

/** Where `rule` was loaded from (undefined for a rule object that did not come through the registry). */
export function ruleSource(rule: RuleDefinition): RuleSource | undefined {
  return SOURCES.get(rule);
}

/** Imports one rule module; a module that fails to load is a UsageError naming the file and line. */
async function importRuleModule(file: string): Promise<unknown> {
  const url = pathToFileURL(file).href;
  let mod: { default?: unknown };
  try {
    mod = (await import(url)) as { default?: unknown };
  } catch (err) {
    // The line in the module where it failed: the first stack frame (or syntax error header) in this file.
    const stack = err instanceof Error ? (err.stack ?? "") : "";
    const at = stack.split(url)[1]?.match(/^:(\d+)/)?.[1];
    const what = err instanceof Error ? `${err.name}: ${err.message?.split("\n")[0]}` : String(err);
    throw new UsageError(`${file}${at ? `:${at}` : ""}: the rule module failed to load (${what}); expected a module whose default export is a rule (\`export default defineRule({...})\`).`);
  }
  if (mod.default === undefined) throw new UsageError(`${file}: the rule module has no default export; expected \`export default defineRule({...})\`.`);
  return mod.default;
}

interface Loaded {
  rule: RuleDefinition;
  source: RuleSource;
}

/** Loads every rule under `root` (folders and loose modules). */
async function loadTree(root: string, origin: RuleSource["origin"], packageRoot?: string): Promise<Loaded[]> {
  const { folders, modules } = await discoverRules(root);
  const out: Loaded[] = [];
  for (const folder of folders) {
    const exported = await importRuleModule(folder.rule);
    if (Array.isArray(exported)) throw new UsageError(`${folder.rule}: a rule folder holds one rule; found a list of ${exported.length}. Give each rule its own folder.`);
    const rule = exported as RuleDefinition;
    const name = basename(folder.dir);
    if (validateRule(rule).length === 0 && rule.name !== name) {
      throw new UsageError(`${folder.rule}: name: the rule is named "${rule.name}" but its folder is "${name}"; expected the folder to carry the rule's name.`);
    }
    // A built-in rule's page is README.md in its folder under the package's rules/ (a build keeps
    // the compiled rule under dist/rules/ and the page where the sources have it).
    const pagePath = packageRoot ? join(packageRoot, "rules", relative(root, folder.dir), "README.md") : undefined;
    const page = origin === "built-in" && pagePath && existsSync(pagePath) ? relative(packageRoot as string, pagePath).split("\\").join("/") : undefined;
    out.push({ rule, source: { origin, file: folder.rule, folder, ...(page ? { page } : {}) } });
  }
  for (const file of modules) {
    const exported = await importRuleModule(file);
    for (const rule of Array.isArray(exported) ? exported : [exported]) out.push({ rule: rule as RuleDefinition, source: { origin, file } });
  }
  return out;
}

/** Checks a set of rules for problems and duplicate ids (including aliases); returns them sorted by id. */
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

/** Loads user rules from a folder (`--rules DIR`), in the same layout as the built-in ones. */
export async function loadRuleDir(dir: string): Promise<{ rule: RuleDefinition; source: string }[]> {
  const abs = resolve(dir);
  try {
    if (!(await stat(abs)).isDirectory()) throw new UsageError(`--rules ${dir}: not a folder.`);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`--rules ${dir}: cannot read the folder (${(err as NodeJS.ErrnoException).code ?? String(err)}).`);
  }
  return remember(await loadTree(abs, "user"));
}

function remember(loaded: Loaded[]): { rule: RuleDefinition; source: string }[] {
  return loaded.map(({ rule, source }) => {
    if (rule && typeof rule === "object" && !SOURCES.has(rule)) SOURCES.set(rule, source);
    const where = source.folder ? relative(BUILTIN_RULES_DIR, source.folder.dir).split("\\").join("/") : source.file;
    return { rule, source: source.origin === "built-in" ? `built-in rule ${rule?.id ?? where} (rules/${where})` : source.file };
  });
}

let builtin: Promise<{ rule: RuleDefinition; source: string }[]> | undefined;

/** The built-in rules, found by folder under {@link BUILTIN_RULES_DIR} (loaded once per process). */
export function loadBuiltinRules(): Promise<{ rule: RuleDefinition; source: string }[]> {
  builtin ??= loadTree(BUILTIN_RULES_DIR, "built-in", packageRootOf(BUILTIN_RULES_DIR)).then(remember);
  return builtin;
}

/** The package root for the built-in rules folder: above `dist/` in a build, the folder above `rules/` in sources. */
function packageRootOf(rulesDir: string): string {
  const above = dirname(resolve(rulesDir));
  return basename(above) === "dist" ? dirname(above) : above;
}

/** The built-in rules, plus those in `rulesDir` when given; validated, unique ids, sorted by id. */
export async function loadRules(rulesDir?: string): Promise<RuleDefinition[]> {
  const all = [...(await loadBuiltinRules())];
  if (rulesDir) all.push(...(await loadRuleDir(rulesDir)));
  return checkRules(all);
}
