/**
 * Sharding: three `collect --shard i/3` runs merged with `merge` give the same findings as one
 * unsharded audit; merge refuses mixed tenants and duplicate subscriptions.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { demoTenant } from "../../src/emulator/demo/index.js";
import type { Emulator } from "../../src/emulator/server.js";
import { shardOf } from "../../src/snapshot/shard.js";
import { auditArgs, emulate, readJson, runCli } from "./helpers.js";

// A test collects shards, merges and evaluates them and audits the whole tenant through the CLI
// (about 20 s of CPU): on a loaded two-core machine that can take minutes, not the default 30 s.
vi.setConfig({ testTimeout: 240_000 });

const running: Emulator[] = [];
afterAll(async () => {
  await Promise.all(running.map((e) => e.close()));
});

const key = (d: any) => d.results.map((x: any) => `${x.fingerprint} ${x.status} ${x.severity}`).sort();

describe("sharded collection", () => {
  it("three shards merged give the same findings as one unsharded audit", async () => {
    const model = demoTenant();
    const { emulator, env, dir } = await emulate(model);
    running.push(emulator);
    const common = ["--auth", "static", "--arm-endpoint", emulator.url, "--graph-endpoint", emulator.url, "--quiet"];
    const files: string[] = [];
    for (const i of [1, 2, 3]) {
      const f = join(dir, `shard-${i}.json`);
      const r = await runCli(["collect", "--shard", `${i}/3`, "--snapshot-out", f, ...common], env);
      expect(r.code, r.stderr).toBe(0);
      const snap = await readJson(f);
      expect(snap.scope.shard).toBe(`${i}/3`);
      for (const s of snap.subscriptions) expect(shardOf(s.subscriptionId, 3)).toBe(i);
      // Tenant-level data (Graph, Lockbox) only in shard 1.
      expect(snap.scope.m365Collected).toBe(i === 1);
      expect(snap.tenant.customerLockbox !== undefined).toBe(i === 1);
      files.push(f);
    }
    const merged = join(dir, "merged.json");
    const m = await runCli(["merge", ...files, "--snapshot-out", merged], env);
    expect(m.code, m.stderr).toBe(0);
    const mergedSnap = await readJson(merged);
    expect(mergedSnap.subscriptions).toHaveLength(model.subscriptions.length);
    expect(mergedSnap.scope.allVisibleSubscriptions).toBe(true);

    const e = await runCli(["evaluate", merged, "--out", join(dir, "sharded"), "--format", "json", "--quiet"], env);
    // Every shard read completely: the demo's high-severity failures decide the code, as for the whole audit.
    expect(e.code, e.stderr).toBe(1);
    const a = await runCli(auditArgs(emulator.url, join(dir, "whole"), ["--format", "json", "--quiet"]), env);
    expect(a.code, a.stderr).toBe(1);
    expect(key(await readJson(join(dir, "sharded", "findings.json")))).toEqual(key(await readJson(join(dir, "whole", "findings.json"))));
  });

  it("merge refuses snapshots of different tenants and duplicate subscriptions", async () => {
    const model = demoTenant();
    const { emulator, env, dir } = await emulate(model);
    running.push(emulator);
    const f = join(dir, "all.json");
    const r = await runCli(["collect", "--snapshot-out", f, "--auth", "static", "--arm-endpoint", emulator.url, "--graph-endpoint", emulator.url, "--quiet"], env);
    expect(r.code, r.stderr).toBe(0);
    const dup = await runCli(["merge", f, f, "--snapshot-out", join(dir, "x.json")]);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/more than one shard/);
    const other = JSON.parse(await readFile(f, "utf8"));
    other.tenant.tenantId = "00000000-0000-0000-0000-000000000001";
    other.subscriptions = [];
    const g = join(dir, "other.json");
    await writeFile(g, JSON.stringify(other));
    const mixed = await runCli(["merge", f, g, "--snapshot-out", join(dir, "y.json")]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/only shards of one tenant can be merged/);
  });
});
