/**
 * The baseline mechanism over two simulated nights: a local bare repository stands in for the
 * history branch's `origin`; each night is a fresh checkout that restores the baseline, audits
 * the emulated tenant with it, and saves findings.json and summary.md. Night 2's tenant has one
 * storage account removed and one added, and the diff must name exactly those.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { demoTenant } from "../../src/emulator/demo/index.js";
import type { TenantModel } from "../../src/emulator/model.js";
import { startEmulator } from "../../src/emulator/server.js";
import { runCli, tempDir } from "../e2e/helpers.js";
import { git, history, makeOrigin } from "./helpers.js";

const BRANCH = "hemvist-history";
const OPEN = new Set(["fail", "not-assessed", "excepted"]);

let dir: string;
let origin: string;
let removedId: string;
let addedId: string;
let night1: any;
let night2: any;
let restored2: ReturnType<typeof history>;

/** One night: fresh checkout, restore, audit (with the baseline if any), save. */
async function night(n: number, model: TenantModel, date: string): Promise<{ findings: any; restore: ReturnType<typeof history> }> {
  const checkout = join(dir, `night-${n}`);
  git(dir, ["clone", "--quiet", `file://${origin}`, checkout]);
  const baseline = join(dir, `baseline-${n}`, "findings.json");
  const restore = history(["restore", "--branch", BRANCH, "--to", baseline], checkout);
  expect(restore.code, restore.stderr).toBe(0);
  const emulator = await startEmulator({ model });
  try {
    const ca = join(dir, `ca-${n}.pem`);
    await emulator.writeCa(ca);
    const out = join(checkout, "reports");
    const args = ["audit", "--auth", "static", "--arm-endpoint", emulator.url, "--graph-endpoint", emulator.url, "--out", out, "--format", "json,md", "--fail-on-new", "--quiet"];
    if (restore.stdout.trim()) args.push("--baseline", restore.stdout.trim());
    const r = await runCli(args, { NODE_EXTRA_CA_CERTS: ca, HEMVIST_STATIC_TOKEN: "test-token-not-secret" });
    // --fail-on-new: night 1 has no baseline (every failure is new), night 2 adds an account whose
    // high-severity failures are new; either way the night fails.
    expect(r.code, r.stderr).toBe(1);
    const save = history(["save", "--branch", BRANCH, "--from", out, "--date", date], checkout);
    expect(save.code, save.stderr).toBe(0);
    expect(save.stdout.trim()).toMatch(/^[0-9a-f]{40}$/);
    return { findings: JSON.parse(readFileSync(join(out, "findings.json"), "utf8")), restore };
  } finally {
    await emulator.close();
  }
}

beforeAll(async () => {
  dir = await tempDir("hemvist-history-");
  origin = makeOrigin(dir).origin;
  const model1 = demoTenant();
  const n1 = await night(1, model1, "2026-03-01");
  night1 = n1.findings;
  expect(n1.restore.stdout).toBe("");

  // Night 2: a storage account with open results is deleted, and a copy of it under a new name
  // appears in the same resource group (so it fails the same rules, as new results).
  const model2 = demoTenant();
  const failing = night1.results.find((r: any) => r.status === "fail" && r.resourceType === "Microsoft.Storage/storageAccounts");
  expect(failing, "the demo has a failing storage account").toBeDefined();
  removedId = failing.resourceId;
  for (const s of model2.subscriptions) {
    const i = s.resources.findIndex((r) => r.id.toLowerCase() === removedId.toLowerCase());
    if (i < 0) continue;
    const original = s.resources[i] as (typeof s.resources)[number];
    s.resources.splice(i, 1);
    addedId = original.id.replace(/[^/]+$/, "stexknyttkonto01");
    s.resources.push({ ...structuredClone(original), id: addedId, name: "stexknyttkonto01" });
  }
  const n2 = await night(2, model2, "2026-03-02");
  night2 = n2.findings;
  restored2 = n2.restore;
}, 120_000);

describe("history branch as the baseline across nights", () => {
  it("night 2 restores night 1's findings.json from the branch", () => {
    expect(restored2.stdout.trim()).toMatch(/baseline-2\/findings\.json$/);
    const restored = JSON.parse(readFileSync(restored2.stdout.trim(), "utf8"));
    expect(restored.generatedAt).toBe(night1.generatedAt);
    expect(restored.results.map((r: any) => r.fingerprint)).toEqual(night1.results.map((r: any) => r.fingerprint));
    expect(night2.baseline.generatedAt).toBe(night1.generatedAt);
  });

  it("gets night 2's diff right: the added account's open results are new, the removed one's resolved, the rest unchanged", () => {
    const openFor = (doc: any, id: string) => doc.results.filter((r: any) => OPEN.has(r.status) && r.resourceId.toLowerCase() === id.toLowerCase());
    const expectedNew = openFor(night2, addedId);
    expect(expectedNew.length).toBeGreaterThan(0);
    const isNew = night2.results.filter((r: any) => r.baselineState === "new");
    expect(isNew.map((r: any) => r.fingerprint).sort()).toEqual(expectedNew.map((r: any) => r.fingerprint).sort());
    const expectedResolved = night1.results.filter((r: any) => (r.status === "fail" || r.status === "not-assessed") && r.resourceId.toLowerCase() === removedId.toLowerCase());
    expect(night2.baseline.resolved.map((r: any) => r.fingerprint).sort()).toEqual(expectedResolved.map((r: any) => r.fingerprint).sort());
    const open1 = night1.results.filter((r: any) => OPEN.has(r.status)).length;
    expect(night2.baseline.counts).toEqual({ new: expectedNew.length, unchanged: open1 - openFor(night1, removedId).length, resolved: expectedResolved.length, unverified: 0 });
    // The account no longer exists and every scope was read: resolved as gone.
    expect(new Set(night2.baseline.resolved.map((r: any) => r.resolution))).toEqual(new Set(["gone"]));
    // --fail-on-new: the new account's high-severity failures fail the night, with that reason.
    expect(night2.exit.failOnNew).toBe(true);
  });

  it("keeps both nights on the branch, dated, with latest/ = night 2, and never a snapshot", () => {
    const files = git(origin, ["ls-tree", "-r", "--name-only", BRANCH]).trim().split("\n").sort();
    expect(files).toEqual(["2026-03-01/findings.json", "2026-03-01/summary.md", "2026-03-02/findings.json", "2026-03-02/summary.md", "README.md", "latest/findings.json", "latest/summary.md"]);
    expect(git(origin, ["log", "--format=%s", BRANCH]).trim().split("\n")).toEqual([
      `Hemvist audit 2026-03-02: exit ${night2.exit.code} — ${night2.exit.reason}`,
      `Hemvist audit 2026-03-01: exit ${night1.exit.code} — ${night1.exit.reason}`,
    ]);
    const latest = JSON.parse(git(origin, ["show", `${BRANCH}:latest/findings.json`]));
    expect(latest.generatedAt).toBe(night2.generatedAt);
    // Stored as written, but for the demo's one e-mail address (a personal owner tag on rg-exk-vard-journal), redacted.
    const stored = git(origin, ["show", `${BRANCH}:2026-03-01/findings.json`]);
    expect(stored).not.toContain("journal.forvaltare@exempelkommun.se");
    expect(stored).toBe(`${JSON.stringify(night1, null, 1).replaceAll('"journal.forvaltare@exempelkommun.se"', '"[redacted]"')}\n`);
    expect(git(origin, ["show", `${BRANCH}:latest/summary.md`])).toMatch(/Hemvist/);
    // Never touched the checkouts' own branch or work tree.
    expect(git(origin, ["rev-list", "--count", "main"]).trim()).toBe("1");
    expect(git(join(dir, "night-2"), ["status", "--porcelain", "--untracked-files=no"]).trim()).toBe("");
  });

  it("saving the same results twice adds no commit", () => {
    const checkout = join(dir, "night-2");
    const before = git(origin, ["rev-parse", BRANCH]).trim();
    const again = history(["save", "--branch", BRANCH, "--from", join(checkout, "reports"), "--date", "2026-03-02"], checkout);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/nothing to commit/);
    expect(git(origin, ["rev-parse", BRANCH]).trim()).toBe(before);
  });
});

describe("history branch: personal data and failures", () => {
  it("redacts e-mail addresses and Microsoft 365 user names before committing", async () => {
    const d = await tempDir("hemvist-history-redact-");
    const { checkout, origin: o } = makeOrigin(d);
    const userId = "/tenants/8d3f6a51-0c8e-4e59-9b5e-3a1c2f7e9d10/users/0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e";
    const doc = {
      schemaVersion: "1.0.0",
      generatedAt: "2026-03-03T02:17:00.000Z",
      exit: { code: 1, reason: "1 failing result(s) at or above high" },
      results: [
        { ruleId: "RES-10", status: "fail", severity: "high", resourceId: userId, resourceName: "Anna Andersson", fingerprint: "f1", message: { en: "Anna Andersson (anna.andersson@exempelkommun.se) has her mailbox in NAM.", sv: "Anna Anderssons brevlåda ligger i NAM." } },
        { ruleId: "RES-01", status: "excepted", severity: "high", resourceId: "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Web/sites/app", fingerprint: "f2", message: { en: "app is in westeurope.", sv: "app ligger i westeurope." }, exception: { owner: "it-plattform@exempelkommun.se" } },
      ],
    };
    const out = join(d, "out");
    await import("node:fs/promises").then((fs) => fs.mkdir(out));
    writeFileSync(join(out, "findings.json"), JSON.stringify(doc));
    writeFileSync(join(out, "summary.md"), "# Hemvist\n\nContact: it-plattform@exempelkommun.se\n");
    writeFileSync(join(out, "snapshot.json"), "{}");
    const r = history(["save", "--branch", BRANCH, "--from", out], checkout);
    expect(r.code, r.stderr).toBe(0);
    const saved = git(o, ["show", `${BRANCH}:2026-03-03/findings.json`]);
    expect(saved).not.toMatch(/@exempelkommun\.se|Anna|Andersson/);
    const parsed = JSON.parse(saved);
    const objectId = "0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e";
    expect(parsed.results[0]).toEqual({
      ...doc.results[0],
      resourceName: objectId,
      message: { en: `${objectId} ([redacted]) has her mailbox in NAM.`, sv: `${objectId}s brevlåda ligger i NAM.` },
    });
    expect(parsed.results[1].exception.owner).toBe("[redacted]");
    expect(git(o, ["show", `${BRANCH}:latest/summary.md`])).toBe("# Hemvist\n\nContact: [redacted]\n");
    expect(git(o, ["ls-tree", "-r", "--name-only", BRANCH])).not.toMatch(/snapshot/);
  });

  it("fails clearly when the remote cannot be reached, and rejects unusable branch names", async () => {
    const d = await tempDir("hemvist-history-bad-");
    const { checkout } = makeOrigin(d);
    git(checkout, ["remote", "set-url", "origin", `file://${join(d, "missing.git")}`]);
    const r = history(["restore", "--branch", BRANCH, "--to", join(d, "b.json")], checkout);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/history: cannot read branch "hemvist-history" from origin/);
    const bad = history(["restore", "--branch", "--upload-pack=evil", "--to", join(d, "b.json")], checkout);
    expect(bad.code).toBe(1);
    const bad2 = history(["save", "--branch", "a..b", "--from", d], checkout);
    expect(bad2.code).toBe(1);
    expect(bad2.stderr).toMatch(/not a usable branch name/);
  });
});
