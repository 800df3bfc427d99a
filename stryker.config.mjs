// Mutation testing of one folder at a time (npm run mutate): its unit tests only
// (vitest.mutate.config.ts), one test process, no type checker (the TypeScript checker plugin does
// not load TypeScript 7), incremental: mutation/<folder>.incremental.json is committed, so a later
// run re-tests only the mutants a change touched.
// A folder, or files of one folder separated by commas (src/findings/outcome.ts,src/findings/exceptions.ts).
// Entries starting with "!" leave files of the folder out (src/engine,!src/engine/helpers.ts); they
// share the folder's incremental file.
const given = process.env.HEMVIST_MUTATE ?? "src/findings";
const excluded = given.split(",").filter((t) => t.startsWith("!"));
const target = given.split(",").filter((t) => !t.startsWith("!")).join(",");
const files = target.split(",").filter((t) => t.endsWith(".ts"));
const folder = files.length > 0 ? files[0].slice(0, files[0].lastIndexOf("/")) : target;
const slug = files.length > 0 ? `${folder}-${files.map((f) => f.slice(f.lastIndexOf("/") + 1, -3)).join("-")}` : folder;

export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "vitest.mutate.config.ts" },
  // A folder's sources in every subfolder (rules/<area>/<rule>/rule.ts), never its tests or the
  // rules' demo fragments (the demo tenant's data, not logic).
  mutate: files.length > 0 ? files : [`${folder}/**/*.ts`, `!${folder}/**/*.test.ts`, ...(folder.startsWith("rules") ? [`!${folder}/**/demo.ts`] : []), ...excluded],
  // Static mutants (module-level constants) re-run every test of the folder; measured as half the time.
  // HEMVIST_MUTATE_STATIC=1 tries them too (the escaping's character classes are module-level regexes).
  ignoreStatic: process.env.HEMVIST_MUTATE_STATIC !== "1",
  checkers: [],
  // Stryker rewrites the sandbox's tsconfig.json through the TypeScript API, which TypeScript 7 no
  // longer has; vitest does not read tsconfig paths here, so point it at a file that does not exist.
  tsconfigFile: "stryker-has-no-tsconfig.json",
  coverageAnalysis: "perTest",
  concurrency: 1,
  // A mutant run includes vitest's own start-up, which takes seconds on a loaded two-core machine:
  // past the default 5 s a slow run would count as a (false) timeout kill.
  timeoutMS: 10_000,
  incremental: true,
  incrementalFile: `mutation/${slug.replaceAll("/", "-")}.incremental.json`,
  reporters: ["clear-text", "progress", "json"],
  jsonReporter: { fileName: `mutation/${slug.replaceAll("/", "-")}.report.json` },
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
};
