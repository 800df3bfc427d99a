/**
 * Rule folders on disk: a folder holding `rule.{js,mjs,ts,mts}` is one rule, with its page
 * `README.md`, its table test `rule.test.ts` and its demo-tenant fragment `demo.{js,ts}` beside it.
 * Only discovery lives here (the rule registry loads the rules, the demo loads the fragments).
 */
import { readdir } from "node:fs/promises";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Where the built-in rule folders are: `rules/` beside `src/` (sources) or `dist/rules/` (build). */
export const BUILTIN_RULES_DIR = fileURLToPath(new URL("../../rules/", import.meta.url));

const MODULE_EXTENSIONS = [".js", ".mjs", ".ts", ".mts"];
const RULE_FILES = MODULE_EXTENSIONS.map((e) => `rule${e}`);
const DEMO_FILES = MODULE_EXTENSIONS.map((e) => `demo${e}`);

/** One rule folder and the files the convention puts in it. */
export interface RuleFolder {
  /** The folder; its name is the rule's `name`. */
  dir: string;
  /** The rule module. */
  rule: string;
  /** `README.md`, the rule's page, when present. */
  page?: string;
  /** `rule.test.ts`, its table test, when present. */
  test?: string;
  /** `demo.{js,ts}`, the demo-tenant fragment that makes it pass and fail, when present. */
  demo?: string;
}

function isModule(name: string): boolean {
  return MODULE_EXTENSIONS.includes(extname(name)) && !name.endsWith(".d.ts") && !/\.test\.[mc]?[jt]s$/.test(name);
}

/** The rule folders and loose rule modules under `root`, each list sorted by path. */
export async function discoverRules(root: string): Promise<{ folders: RuleFolder[]; modules: string[] }> {
  const folders: RuleFolder[] = [];
  const modules: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const files = new Set(entries.filter((e) => e.isFile()).map((e) => e.name));
    const ruleFile = RULE_FILES.find((f) => files.has(f));
    if (ruleFile) {
      const demo = DEMO_FILES.find((f) => files.has(f));
      folders.push({
        dir,
        rule: join(dir, ruleFile),
        ...(files.has("README.md") ? { page: join(dir, "README.md") } : {}),
        ...(files.has("rule.test.ts") ? { test: join(dir, "rule.test.ts") } : {}),
        ...(demo ? { demo: join(dir, demo) } : {}),
      });
      return; // a rule folder holds one rule; nothing under it is another
    }
    for (const e of entries) {
      if (e.isDirectory()) {
        if (e.name !== "node_modules" && !e.name.startsWith(".")) await walk(join(dir, e.name));
      } else if (isModule(e.name) && !DEMO_FILES.includes(e.name)) modules.push(join(dir, e.name));
    }
  };
  await walk(root);
  return { folders, modules };
}

