/**
 * The workflows' first step refuses a repository that is not private, before anything is built or
 * any token is asked for: a public repository publishes job summaries, logs and the history
 * branch, and an internal one shows them to the whole enterprise. The step runs here with bash
 * and a stand-in `gh` answering what `gh api repos/{owner}/{repo} --jq .visibility` prints.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT, tempDir } from "../e2e/helpers.js";

const FILES = [".github/workflows/nightly-audit.yml", ".github/workflows/sharded-audit.yml"];
let bin: string;

beforeAll(async () => {
  bin = await tempDir("hemvist-gh-");
  // Prints the visibility given in FAKE_VISIBILITY for `gh api repos/<repo> --jq .visibility`, records its arguments.
  writeFileSync(join(bin, "gh"), '#!/bin/bash\nprintf "%s\\n" "$*" > "$FAKE_GH_ARGS"\nif [ -n "$FAKE_GH_FAIL" ]; then echo "HTTP 401: Bad credentials" >&2; exit 1; fi\necho "$FAKE_VISIBILITY"\n');
  chmodSync(join(bin, "gh"), 0o755);
});

function runCheck(file: string, visibility: string, fail = false) {
  const wf = parse(readFileSync(join(ROOT, file), "utf8")) as any;
  const step = wf.jobs.build.steps[0];
  expect(step.name).toBe("Refuse a public repository");
  expect(step.env).toEqual({ GH_TOKEN: `$\{{ github.token }}` });
  const args = join(bin, `args-${visibility}`);
  const r = spawnSync("bash", ["--noprofile", "--norc", "-e", "-o", "pipefail", "-c", step.run], {
    encoding: "utf8",
    env: { PATH: `${bin}:${process.env.PATH}`, GITHUB_REPOSITORY: "exempelkommun/hemvist-audit", FAKE_VISIBILITY: visibility, FAKE_GH_ARGS: args, ...(fail ? { FAKE_GH_FAIL: "1" } : {}) },
  });
  return { code: r.status, stdout: r.stdout, args: readFileSync(args, "utf8").trim() };
}

describe.each(FILES)("%s: the build job's first step", (file) => {
  it("lets a private repository through", () => {
    const r = runCheck(file, "private");
    expect(r.code).toBe(0);
    expect(r.args).toBe("api repos/exempelkommun/hemvist-audit --jq .visibility");
    expect(r.stdout).toBe("hemvist: exempelkommun/hemvist-audit is private\n");
  });

  it.each(["public", "internal"])("stops a %s repository with an error naming the reason", (visibility) => {
    const r = runCheck(file, visibility);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^::error title=Hemvist setup::exempelkommun/hemvist-audit is ${visibility}: its job pages, logs and history branch would publish`, "m"));
  });

  it("stops when GitHub cannot say (gh fails)", () => {
    expect(runCheck(file, "private", true).code).toBe(1);
  });
});
