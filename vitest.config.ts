import { availableParallelism } from "node:os";
import { relative } from "node:path";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The longest test files (measured on two cores), longest first. Vitest orders files by their last
 * run's duration, but a fresh clone has none, so it falls back to file size, which put the short
 * file that packs and installs the tarball near the end. The tarball test runs first, so the action
 * test (which needs the same tarball) finds it packed instead of waiting a minute for it. On two
 * busy cores the whole run takes about as long either way (both cores are saturated); the order
 * only keeps the longest file from being the last one running.
 */
const LONGEST_FIRST = [
  "tests/package/tarball.test.ts",
  "tests/reliability/hostile-snapshots.test.ts",
  "tests/reliability/hostile-writes.test.ts",
  "tests/reliability/bad-input.test.ts",
  "tests/reliability/faults.test.ts",
  "tests/reliability/hostile-preflight.test.ts",
  "tests/scale/inventory-modes.test.ts",
  "tests/github/action-steps.test.ts",
  "tests/reporters/spool.test.ts",
  "tests/e2e/nights.test.ts",
];

/** Vitest's own order, with the files of LONGEST_FIRST ahead of it in that order. */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = LONGEST_FIRST.indexOf(relative(f.project.config.root, f.moduleId).replaceAll("\\", "/"));
      return i < 0 ? LONGEST_FIRST.length : i;
    };
    return sorted.map((f, i) => ({ f, i, r: rank(f) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.f);
  }
}

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "rules/**/*.test.ts"],
    pool: "forks",
    // One test file per core: most time goes to CLI child processes, so on two cores two files run
    // at once (vitest's default of cores − 1 would run them one after another).
    maxWorkers: Math.max(1, availableParallelism()),
    // Tests of a describe.concurrent block run at most one per core at once (vitest's default is 5):
    // most of them spawn a CLI child process, and two files each running five children on two cores
    // left each child a fraction of a core, and some ran past their timeout (bad-input, twice).
    maxConcurrency: Math.max(1, availableParallelism()),
    sequence: { sequencer: LongestFirst },
    // One temporary folder per run, removed at its end (tests/helpers/tmp-root.ts).
    globalSetup: ["tests/helpers/tmp-root.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ["default"],
  },
});
