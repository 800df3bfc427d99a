/**
 * The tests Stryker runs for one folder (`npm run mutate -- <folder>`, see stryker.config.mjs): only
 * the unit tests that cover it, in this process's workers, never the CLI or end-to-end files (code
 * reached only through a child process is invisible to a mutation tool).
 */
import { defineConfig } from "vitest/config";

const TESTS: Record<string, string[]> = {
  "src/findings": ["tests/findings/**/*.test.ts", "tests/engine/fingerprint.test.ts"],
  // The engine's unit tests and the in-process tests of the rule registry (progressive.test.ts
  // and options.test.ts collect through the built CLI, so they stay out).
  "src/engine": [
    "tests/engine/{dependencies,engine,fingerprint,gaps,guidance,owner,rule-throws,progressive-unit,inventory,arm-id,classification,gaps-m365,run,registry,rule,helpers,inventory-build,run-edges,registry-builtin}.test.ts",
    "tests/rules/registry.test.ts",
  ],
  // The collector framework (run with the per-service folders left out, see mutation/README.md): its
  // own nock-based and unit tests (the per-service collector tests run whole tenants: minutes a mutant).
  "src/collectors": ["tests/collectors/{framework,failures-unit,secrets,secrets-unit,http-policies,capture-unit,context-unit,read-only}.test.ts", "tests/reliability/knobs.test.ts"],
  // The reporters' escaping (`src/reporters/escape.ts,src/base/display.ts`, see mutation/README.md):
  // its table tests; the Chromium and CLI tests of hostile text stay out.
  "src/reporters": ["tests/reporters/{escaping,escape-table}.test.ts"],
};

const target = (process.env.HEMVIST_MUTATE ?? "src/findings").split(",")[0] as string;
const folder = target.endsWith(".ts") ? target.slice(0, target.lastIndexOf("/")) : target;

/**
 * `rules`, an area (`rules/storage`) or one rule's folder: the table tests under it, and the catalog
 * check (every rule's texts, page and messages). The collector and engine tests that also evaluate a
 * rule are left out: they test their own folder.
 */
function rulesTests(f: string): string[] | undefined {
  if (f !== "rules" && !f.startsWith("rules/")) return undefined;
  return [`${f}/**/*.test.ts`, "tests/rules/registry.test.ts"];
}

export default defineConfig({
  test: {
    include: TESTS[folder] ?? rulesTests(folder) ?? [],
    pool: "forks",
    maxWorkers: 1,
    testTimeout: 30_000,
  },
});
