/**
 * Packs Hemvist the way `npm pack` does from a clone, and runs npm/npx on the project's pinned
 * Node 22 (node_modules/.bin first on PATH, as `npm run` and `npx` do for the project's scripts).
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { copyFile, mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../e2e/helpers.js";

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** PATH with the project's pinned Node (the `node` devDependency) first. */
export function pinnedNodePath(): string {
  return `${join(ROOT, "node_modules", ".bin")}:${process.env.PATH ?? ""}`;
}

/**
 * npm configuration for a run that must not touch the network or the user's npm cache: offline
 * (npm fails with ENOTCACHED rather than fetching), a fresh cache folder, no audit or fund requests,
 * no update check. Set through npm's own `npm_config_*` environment variables, so the commands
 * themselves stay exactly the ones the README gives.
 */
export function offlineNpmEnv(cache: string): NodeJS.ProcessEnv {
  return {
    npm_config_offline: "true",
    npm_config_cache: cache,
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
  };
}

/** Runs one shell command line with bash in `cwd` on the pinned Node; resolves when it exits. */
export function sh(line: string, cwd: string, env: NodeJS.ProcessEnv = {}, timeoutMs = 300_000): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn("bash", ["--noprofile", "--norc", "-c", line], {
      cwd,
      env: { ...process.env, CI: "true", GITHUB_STEP_SUMMARY: "", ...env, PATH: pinnedNodePath() },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const t = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", fail);
    child.on("exit", (code) => {
      clearTimeout(t);
      done({ code, stdout, stderr });
    });
  });
}

/** Where packed tarballs are kept between test files (and runs) of the same tree: packing the bundle takes about a minute. */
const PACK_CACHE = join(process.env.HEMVIST_TEST_OUTER_TMP ?? tmpdir(), "hemvist-pack-cache");

/**
 * What the tarball is made of, as one hash: package.json, the lockfile (the bundled dependencies'
 * versions) and the size and modification time of every file under the packed folders. Any
 * rebuild or edit gives a new key, so a cached tarball is never older than the tree.
 */
function treeKey(): string {
  const h = createHash("sha256");
  for (const f of ["package.json", "package-lock.json", "README.md", "LICENSE"]) h.update(`${f}\0${existsSync(join(ROOT, f)) ? readFileSync(join(ROOT, f)) : ""}\0`);
  const walk = (dir: string): void => {
    if (!existsSync(join(ROOT, dir))) return;
    for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const rel = join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else {
        const st = statSync(join(ROOT, rel));
        h.update(`${rel}\0${st.size}\0${st.mtimeMs}\0`);
      }
    }
  };
  for (const d of ["bin", "dist", "rules", "schemas"]) walk(d);
  return h.digest("hex").slice(0, 24);
}

/**
 * `npm pack --ignore-scripts` of the working tree into `dest`: the tarball `npm pack` makes, minus
 * its `prepack` build (the suite builds first, and rebuilding would delete dist/ under the test
 * files running beside this one). Returns the tarball's path.
 *
 * The tarball is packed once per tree (see treeKey) and copied: the test files that need it run
 * at the same time in separate processes, so the first one packs under a lock (an exclusive
 * mkdir) and the others wait for it; a lock older than PACK_LOCK_STALE_MS is a dead packer's.
 */
export async function packTarball(dest: string): Promise<string> {
  if (!existsSync(join(ROOT, "dist", "src", "cli", "main.js")) || !existsSync(join(ROOT, "dist", "browser", "report.js"))) {
    throw new Error("dist/ is missing or incomplete: run `npm run build` first (npm test does).");
  }
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string };
  const filename = `${pkg.name}-${pkg.version}.tgz`;
  const key = treeKey();
  const ready = join(PACK_CACHE, key);
  const lock = join(PACK_CACHE, `${key}.lock`);
  await mkdir(PACK_CACHE, { recursive: true });
  for (;;) {
    if (existsSync(join(ready, filename))) break;
    try {
      await mkdir(lock);
    } catch {
      const age = Date.now() - (await stat(lock).then((s) => s.mtimeMs, () => Date.now()));
      if (age > PACK_LOCK_STALE_MS) await rm(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    try {
      if (!existsSync(join(ready, filename))) {
        const partial = join(PACK_CACHE, `${key}.partial-${process.pid}`);
        await rm(partial, { recursive: true, force: true });
        await mkdir(partial);
        const r = await sh(`npm pack --ignore-scripts --json --pack-destination ${JSON.stringify(partial)}`, ROOT, { npm_config_update_notifier: "false" });
        if (r.code !== 0) throw new Error(`npm pack failed (${r.code}): ${r.stderr}`);
        const [info] = JSON.parse(r.stdout.slice(r.stdout.indexOf("["))) as { filename: string }[];
        if (info?.filename !== filename) throw new Error(`npm pack wrote ${info?.filename}, expected ${filename}`);
        await rename(partial, ready);
        // Other trees' tarballs (16 MB each) go once they are an hour old: a suite of another
        // checkout running at the same time may still be copying its own.
        for (const e of await readdir(PACK_CACHE)) {
          if (e.startsWith(key)) continue;
          const age = Date.now() - (await stat(join(PACK_CACHE, e)).then((s) => s.mtimeMs, () => Date.now()));
          if (age > 60 * 60_000) await rm(join(PACK_CACHE, e), { recursive: true, force: true }).catch(() => {});
        }
      }
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }
  await copyFile(join(ready, filename), join(dest, filename));
  return join(dest, filename);
}

/** How old a packing lock may get before it is taken as a dead packer's (packing takes about a minute). */
const PACK_LOCK_STALE_MS = 10 * 60_000;
