import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

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
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ["default"],
  },
});
