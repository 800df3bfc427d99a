/**
 * Scopes out of view are coverage gaps: an identity that sees no subscription exits 3 with
 * NoVisibleSubscription, a --subscriptions id it cannot see with SubscriptionNotVisible, and a
 * Microsoft-365-only audit (azure.enabled: false) sends no ARM request at all.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { demoTenant } from "../../src/emulator/demo/index.js";
import type { Emulator } from "../../src/emulator/server.js";
import { auditArgs, emulate, readJson, runCli } from "./helpers.js";

// Each test audits the demo tenant through the CLI (about 5 s of CPU): on a loaded two-core
// machine that can take minutes, not the default 30 s.
vi.setConfig({ testTimeout: 240_000 });

const running: Emulator[] = [];
afterAll(async () => {
  await Promise.all(running.map((e) => e.close()));
});

describe("scopes out of view", () => {
  it("no visible subscription → NoVisibleSubscription on the tenant, exit 3", async () => {
    const model = { ...demoTenant(), subscriptions: [] };
    const { emulator, env, dir } = await emulate(model);
    running.push(emulator);
    const out = join(dir, "out");
    const r = await runCli(auditArgs(emulator.url, out, ["--format", "json", "--tenant", model.tenantId, "--no-m365"]), env);
    expect(r.code, r.stderr).toBe(3);
    const snap = await readJson(join(out, "snapshot.json"));
    expect(snap.coverage).toEqual([
      expect.objectContaining({ scope: `/tenants/${model.tenantId}`, collection: "subscriptions", operation: "GET /subscriptions", code: "NoVisibleSubscription" }),
    ]);
    expect(snap.coverage[0].message).toContain("Reader");
  });

  it("a --subscriptions id the identity cannot see → SubscriptionNotVisible, exit 3", async () => {
    const model = demoTenant();
    const { emulator, env, dir } = await emulate(model);
    running.push(emulator);
    const out = join(dir, "out");
    const unseen = "0f0e0d0c-0b0a-4909-8807-060504030201";
    const r = await runCli(auditArgs(emulator.url, out, ["--format", "json", "--no-m365", "--subscriptions", unseen]), env);
    expect(r.code, r.stderr).toBe(3);
    const snap = await readJson(join(out, "snapshot.json"));
    expect(snap.schemaVersion).toBe("1.3.0");
    expect(snap.coverage.map((c: any) => [c.scope, c.collection, c.code])).toEqual([[`/subscriptions/${unseen}`, "subscriptions", "SubscriptionNotVisible"]]);
    expect(snap.coverage.every((c: any) => c.blinds === undefined)).toBe(true);
  });

  it("azure.enabled: false → no ARM request, scope.azureCollected false, no NoVisibleSubscription", async () => {
    const model = demoTenant();
    const { emulator, env, dir } = await emulate(model);
    running.push(emulator);
    const config = join(dir, "hemvist.config.yaml");
    await writeFile(config, "azure:\n  enabled: false\n");
    const out = join(dir, "out");
    const r = await runCli(auditArgs(emulator.url, out, ["--format", "json", "--config", config, "--tenant", model.tenantId]), env);
    // Microsoft 365 alone, read whole: RES-10 (high) fails the demo's EUR and NAM users and sites.
    expect(r.code, r.stderr).toBe(1);
    expect(emulator.requests.filter((q) => q.host === "arm")).toEqual([]);
    expect(emulator.requests.some((q) => q.host === "graph")).toBe(true);
    const snap = await readJson(join(out, "snapshot.json"));
    expect(snap.scope).toMatchObject({ azureCollected: false, m365Collected: true });
    expect(snap.subscriptions).toEqual([]);
    expect(snap.coverage).toEqual([]);
  });
});
