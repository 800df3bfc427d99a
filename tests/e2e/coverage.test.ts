/**
 * Unread scopes are never compliant: a 403 on one subscription's storage accounts, and a Graph
 * token without User.Read.All, each leave exactly the blinded rules not assessed and exit 3.
 */
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { DEMO_SUBSCRIPTION_IDS, demoTenant } from "../../src/emulator/demo/index.js";
import type { Emulator } from "../../src/emulator/server.js";
import { auditArgs, emulate, readJson, runCli } from "./helpers.js";

// Each test audits the demo tenant through the CLI once or twice (about 5 s of CPU each): on a loaded
// two-core machine that can take minutes, not the default 30 s.
vi.setConfig({ testTimeout: 240_000 });

const running: Emulator[] = [];
afterAll(async () => {
  await Promise.all(running.map((e) => e.close()));
});

describe("coverage", () => {
  it("a subscription whose storage provider answers 403 is not assessed for the storage rules, exit 3", async () => {
    const sub = DEMO_SUBSCRIPTION_IDS[0] as string;
    const model = demoTenant();
    model.faults = [{ path: `^/subscriptions/${sub}/providers/Microsoft\\.Storage/storageAccounts$`, status: 403 }];
    const { emulator, env, dir } = await emulate(model);
    running.push(emulator);
    const out = join(dir, "out");
    const r = await runCli(auditArgs(emulator.url, out, ["--format", "json"]), env);
    expect(r.code, r.stderr).toBe(3);
    const doc = await readJson(join(out, "findings.json"));
    const cov = doc.coverage.find((c: any) => c.collection === "storageAccounts");
    expect(cov).toMatchObject({ scope: `/subscriptions/${sub}`, httpStatus: 403, code: "AuthorizationFailed" });
    expect(cov.blinds).toEqual(expect.arrayContaining(["ENC-01", "RES-04", "ENC-05", "ENC-06"]));
    const enc01 = doc.results.filter((x: any) => x.ruleId === "ENC-01" && x.subscriptionId === sub);
    expect(enc01.length).toBeGreaterThan(0);
    expect(enc01.every((x: any) => x.status === "not-assessed")).toBe(true);
    // Other subscriptions are still judged.
    expect(doc.results.some((x: any) => x.ruleId === "ENC-01" && x.subscriptionId !== sub && x.status !== "not-assessed")).toBe(true);
    // --allow-partial turns 3 into the findings' own code: the demo's high-severity failures, 1.
    const r2 = await runCli(auditArgs(emulator.url, join(dir, "out2"), ["--format", "json", "--allow-partial"]), env);
    expect(r2.code, r2.stderr).toBe(1);
  });

  it("a Graph token without User.Read.All leaves RES-10 users not assessed, names the permission, Azure rules still run", async () => {
    const model = demoTenant();
    model.faults = [{ path: "^/v1\\.0/users$", status: 403, code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation." }];
    const { emulator, env, dir } = await emulate(model);
    running.push(emulator);
    const out = join(dir, "out");
    const r = await runCli(auditArgs(emulator.url, out, ["--format", "json"]), env);
    expect(r.code, r.stderr).toBe(3);
    const doc = await readJson(join(out, "findings.json"));
    const users = doc.results.filter((x: any) => x.ruleId === "RES-10" && x.part === "user");
    expect(users.length).toBeGreaterThan(0);
    expect(users.every((x: any) => x.status === "not-assessed" && x.notAssessed.permission === "User.Read.All")).toBe(true);
    const other = doc.results.filter((x: any) => x.ruleId === "RES-10" && x.part !== "user");
    expect(other.some((x: any) => x.status === "pass" || x.status === "fail")).toBe(true);
    expect(doc.results.filter((x: any) => x.ruleId === "RES-01" && x.status !== "not-assessed").length).toBeGreaterThan(10);
  });
});
