/**
 * Test helpers for the GitHub Actions pieces: a local bare repository standing in for `origin`
 * with a clone as the job's checkout, and running scripts/history-branch.mjs.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../e2e/helpers.js";

export const HISTORY_SCRIPT = join(ROOT, "scripts", "history-branch.mjs");

/** Runs git and returns stdout (throws on failure). */
export function git(cwd: string, args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, GIT_AUTHOR_NAME: "Test", GIT_AUTHOR_EMAIL: "test@example.invalid", GIT_COMMITTER_NAME: "Test", GIT_COMMITTER_EMAIL: "test@example.invalid" },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/**
 * Creates `origin.git` (bare) with one commit on main, and `checkout/`, a clone of it as
 * actions/checkout leaves it. Returns both paths.
 */
export function makeOrigin(dir: string): { origin: string; checkout: string } {
  const origin = join(dir, "origin.git");
  const seed = join(dir, "seed");
  const checkout = join(dir, "checkout");
  git(dir, ["init", "--quiet", "--bare", "--initial-branch=main", origin]);
  mkdirSync(seed);
  git(seed, ["init", "--quiet", "--initial-branch=main"]);
  writeFileSync(join(seed, "README.md"), "# hemvist-audit\n");
  git(seed, ["add", "README.md"]);
  git(seed, ["commit", "--quiet", "-m", "Initial commit"]);
  git(seed, ["push", "--quiet", origin, "main"]);
  git(dir, ["clone", "--quiet", `file://${origin}`, checkout]);
  return { origin, checkout };
}

/** Runs the history script; returns exit code, stdout and stderr. */
export function history(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [HISTORY_SCRIPT, ...args], { cwd, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
