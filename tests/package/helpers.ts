/**
 * Packs Hemvist the way `npm pack` does from a clone, and runs npm/npx on the project's pinned
 * Node 22 (node_modules/.bin first on PATH, as `npm run` and `npx` do for the project's scripts).
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
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

/**
 * `npm pack --ignore-scripts` of the working tree into `dest`: the tarball `npm pack` makes, minus
 * its `prepack` build (the suite builds first, and rebuilding would delete dist/ under the test
 * files running beside this one). Returns the tarball's path.
 */
export async function packTarball(dest: string): Promise<string> {
  if (!existsSync(join(ROOT, "dist", "src", "cli", "main.js")) || !existsSync(join(ROOT, "dist", "browser", "report.js"))) {
    throw new Error("dist/ is missing or incomplete: run `npm run build` first (npm test does).");
  }
  const r = await sh(`npm pack --ignore-scripts --json --pack-destination ${JSON.stringify(dest)}`, ROOT, { npm_config_update_notifier: "false" });
  if (r.code !== 0) throw new Error(`npm pack failed (${r.code}): ${r.stderr}`);
  const [info] = JSON.parse(r.stdout.slice(r.stdout.indexOf("["))) as { filename: string }[];
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string };
  if (info?.filename !== `${pkg.name}-${pkg.version}.tgz`) throw new Error(`npm pack wrote ${info?.filename}, expected ${pkg.name}-${pkg.version}.tgz`);
  return join(dest, info.filename);
}
