import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "rules/**/*.test.ts"],
    pool: "forks",
    // One test file per core: most time goes to CLI child processes, so on two cores two files run
    // at once (vitest's default of cores − 1 would run them one after another).
    maxWorkers: Math.max(1, availableParallelism()),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ["default"],
  },
});
