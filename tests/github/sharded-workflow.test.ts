/**
 * The sharded workflow's merge step, run from the workflow file itself with bash on shard
 * snapshots collected from the emulator: it merges a complete set and refuses an incomplete one.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { demoTenant } from "../../src/emulator/demo/index.js";
import type { Emulator } from "../../src/emulator/server.js";
import { emulate, readJson, ROOT, runCli } from "../e2e/helpers.js";

const WORKFLOW = parse(readFileSync(join(ROOT, ".github/workflows/sharded-audit.yml"), "utf8")) as any;
const mergeStep = WORKFLOW.jobs.report.steps.find((s: any) => s.name === "Merge the shard snapshots");

let emulator: Emulator;
let dir: string;

function runMerge(): { status: number | null; stdout: string; stderr: string } {
  rmSync(join(dir, "merged"), { recursive: true, force: true });
  // HEMVIST is what the job's "Install Hemvist" step puts in GITHUB_ENV: the installed package's
  // bin/hemvist.js (here this repository's, whose imports resolve through the real path).
  const r = spawnSync("bash", ["--noprofile", "--norc", "-e", "-o", "pipefail", "-c", mergeStep.run], { cwd: dir, encoding: "utf8", env: { ...process.env, HEMVIST: join(ROOT, "bin", "hemvist.js") } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  const e = await emulate(demoTenant());
  emulator = e.emulator;
  dir = e.dir;
  mkdirSync(join(dir, "shards"));
  const shards = WORKFLOW.jobs.collect.strategy.matrix.shard as number[];
  expect(shards).toEqual([1, 2, 3, 4]);
  for (const i of shards) {
    const r = await runCli(
      ["collect", "--shard", `${i}/${shards.length}`, "--snapshot-out", join(dir, "shards", `snapshot-${i}.json`), "--auth", "static", "--arm-endpoint", emulator.url, "--graph-endpoint", emulator.url, "--quiet"],
      e.env,
    );
    expect(r.code, r.stderr).toBe(0);
  }
}, 120_000);

afterAll(async () => {
  await emulator?.close();
});

describe("sharded-audit.yml: Merge the shard snapshots", () => {
  it("merges every shard into one snapshot of the whole tenant", async () => {
    const r = runMerge();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/hemvist: merged 3 subscription\(s\)/);
    const merged = await readJson(join(dir, "merged", "snapshot.json"));
    expect(merged.scope.allVisibleSubscriptions).toBe(true);
    expect(merged.subscriptions).toHaveLength(3);
  });

  it("fails with an annotation when a shard is missing", () => {
    rmSync(join(dir, "shards", "snapshot-1.json"));
    const r = runMerge();
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^::error title=Hemvist::The merged snapshot does not hold every shard/m);
  });
});
