// Mutation testing of one folder at a time (npm run mutate): its unit tests only
// (vitest.mutate.config.ts), one test process, no type checker (the TypeScript checker plugin does
// not load TypeScript 7), incremental: mutation/<folder>.incremental.json is committed, so a later
// run re-tests only the mutants a change touched.
const folder = process.env.HEMVIST_MUTATE ?? "src/findings";
const slug = folder.replaceAll("/", "-");

export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "vitest.mutate.config.ts" },
  mutate: [`${folder}/**/*.ts`],
  checkers: [],
  // Stryker rewrites the sandbox's tsconfig.json through the TypeScript API, which TypeScript 7 no
  // longer has; vitest does not read tsconfig paths here, so point it at a file that does not exist.
  tsconfigFile: "stryker-has-no-tsconfig.json",
  coverageAnalysis: "perTest",
  concurrency: 1,
  incremental: true,
  incrementalFile: `mutation/${slug}.incremental.json`,
  reporters: ["clear-text", "progress", "json"],
  jsonReporter: { fileName: `mutation/${slug}.report.json` },
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
};
