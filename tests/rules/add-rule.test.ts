/**
 * Adding a rule touches only its folder. In a temporary copy of the project, a new rule
 * (ACC-03 storage-account-shared-key-disabled: its rule, page, table test and demo fragment, from
 * tests/rules/added-rule/) is dropped into rules/storage/ and nothing else is edited; then the copy
 * builds, lists the rule, passes the catalog check and the rule's own table test, and one demo
 * audit shows the rule passing and failing in every report. Only those two test files run in the
 * copy, not the whole suite.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, mkdtemp, readdir, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const ADDED = join(import.meta.dirname, "added-rule");
const FOLDER = "rules/storage/storage-account-shared-key-disabled";
/** What a checkout holds that the build, the CLI and the tests need (no dist, no reports). */
const COPIED = ["src", "rules", "tests", "bench", "schemas", "bin", "package.json", "tsconfig.json", "tsconfig.build.json", "tsconfig.browser.json", "vitest.config.ts", "biome.json"];

interface Run {
  code: number | null;
  out: string;
}

/** Runs a command in the copy, without this test run's own vitest settings in its environment. */
function run(cwd: string, cmd: string, args: string[]): Promise<Run> {
  const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && k !== "NODE_OPTIONS" && k !== "TEST")), NO_COLOR: "1", FORCE_COLOR: "0" };
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}

/** sha256 of every file under `dir`, by path relative to `root` (dist, reports and node_modules left out). */
async function hashes(root: string, dir = root, out = new Map<string, string>()): Promise<Map<string, string>> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    const rel = relative(root, p);
    if (["dist", "reports", "node_modules"].includes(rel)) continue;
    if (e.isDirectory()) await hashes(root, p, out);
    else if (e.isFile()) out.set(rel, createHash("sha256").update(await readFile(p)).digest("hex"));
  }
  return out;
}

let copy: string;
let before: Map<string, string>;

beforeAll(async () => {
  copy = await mkdtemp(join(tmpdir(), "hemvist-add-rule-"));
  for (const entry of COPIED) await cp(join(ROOT, entry), join(copy, entry), { recursive: true });
  await symlink(join(ROOT, "node_modules"), join(copy, "node_modules"), "dir");
  before = await hashes(copy);
  // The new rule: four files in one new folder, nothing else.
  for (const [from, to] of [["rule.ts.txt", "rule.ts"], ["README.md", "README.md"], ["rule.test.ts.txt", "rule.test.ts"], ["demo.ts.txt", "demo.ts"]] as const) {
    await cp(join(ADDED, from), join(copy, FOLDER, to));
  }
  const build = await run(copy, "npm", ["run", "build", "--silent"]);
  expect(build.out).toBe("");
  expect(build.code).toBe(0);
}, 180_000);

afterAll(async () => {
  if (copy) await rm(copy, { recursive: true, force: true });
});

describe("adding a rule (in a temporary copy)", () => {
  it("changes nothing but the new folder", async () => {
    const after = await hashes(copy);
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter((f) => before.get(f) !== after.get(f)).sort();
    expect(changed).toEqual([`${FOLDER}/README.md`, `${FOLDER}/demo.ts`, `${FOLDER}/rule.test.ts`, `${FOLDER}/rule.ts`]);
  });

  it("is found by folder: `hemvist rules` lists it", async () => {
    const r = await run(copy, process.execPath, ["bin/hemvist.js", "rules", "--json"]);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out) as { id: string; name: string; severity: string }[];
    expect(list.find((x) => x.id === "ACC-03")).toEqual({ id: "ACC-03", name: "storage-account-shared-key-disabled", severity: "low", title: "Storage accounts refuse Shared Key authorization" });
    expect(list.map((x) => x.id).slice(0, 3)).toEqual(["ACC-01", "ACC-02", "ACC-03"]);
  });

  it("passes the catalog check and its own table test", async () => {
    const r = await run(copy, process.execPath, [join(copy, "node_modules/vitest/vitest.mjs"), "run", "tests/rules/registry.test.ts", `${FOLDER}/rule.test.ts`]);
    expect(r.out).toMatch(/Test Files\s+2 passed \(2\)/);
    expect(r.code).toBe(0);
  }, 120_000);

  it("shows in every report of one demo audit, passing and failing", async () => {
    const out = join(copy, "reports", "demo");
    const r = await run(copy, process.execPath, ["bin/hemvist.js", "demo", "--out", out, "--quiet"]);
    expect(r.code, r.out).toBe(0);
    const doc = JSON.parse(await readFile(join(out, "findings.json"), "utf8"));
    expect(doc.rules.map((x: { id: string }) => x.id)).toContain("ACC-03");
    const acc03 = doc.results.filter((x: { ruleId: string }) => x.ruleId === "ACC-03");
    expect(acc03.filter((x: { status: string }) => x.status === "fail").map((x: { resourceName: string }) => x.resourceName)).toEqual(["stexkgemdelad01"]);
    expect(acc03.filter((x: { status: string }) => x.status === "pass").length).toBeGreaterThan(5);
    const sarif = JSON.parse(await readFile(join(out, "findings.sarif"), "utf8"));
    expect(sarif.runs[0].tool.driver.rules.map((x: { id: string }) => x.id)).toContain("ACC-03");
    expect(sarif.runs[0].results.filter((x: { ruleId: string }) => x.ruleId === "ACC-03")).toHaveLength(1);
    const csv = await readFile(join(out, "findings.csv"), "utf8");
    expect(csv.split("\n").filter((l) => l.includes("ACC-03")).length).toBe(acc03.length);
    const html = await readFile(join(out, "report.html"), "utf8");
    expect(html).toContain("storage-account-shared-key-disabled");
    expect(html).toContain("stexkgemdelad01");
    // summary.md lists the most severe failures only: the new rule's low-severity failure is in its counts.
    const md = await readFile(join(out, "summary.md"), "utf8");
    const fails = doc.results.filter((x: { status: string }) => x.status === "fail").length;
    expect(md).toContain(`| Underkänd | ${fails} |`);
    expect(doc.summary.byRule["ACC-03"]).toMatchObject({ fail: 1, pass: acc03.length - 1 });
  }, 120_000);
});
