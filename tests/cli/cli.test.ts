/**
 * The command line as users meet it: rules listing, usage errors (exit 2, one clear line, no stack).
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { runCli, tempDir } from "../e2e/helpers.js";
import { loadRules } from "../../src/engine/registry.js";
import type { ArmResource } from "../../src/index.js";
import { AZURE_COLLECTIONS, type AzureCollection } from "../../src/snapshot/types.js";
import { makeSnapshot, resourceGroup, SUB } from "../fixtures/snapshot.js";
import { storageAccount } from "../fixtures/storage.js";

// Each test runs the CLI in a child process, some of them a whole demo audit: on a loaded two-core
// machine that can take minutes, not the default 30 s.
vi.setConfig({ testTimeout: 240_000 });

/** The rule folders under rules/, as the sources have them (the CLI under test loads the build). */
const RULES = await loadRules();
const ROOT = join(import.meta.dirname, "../..");

describe("hemvist CLI", () => {
  it("rules lists every rule folder's rule, sorted by id, with id, name, severity and title", async () => {
    const r = await runCli(["rules"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ID\s+NAME\s+SEVERITY\s+TITLE/m);
    expect(r.stdout).toMatch(/^ENC-01\s+storage-account-customer-managed-key\s+by-level\s+Storage accounts encrypt/m);
    expect(r.stdout).toMatch(new RegExp(`\\n${RULES.length} rules\\n$`));
    const sv = await runCli(["rules", "--lang", "sv", "--json"]);
    const list = JSON.parse(sv.stdout);
    expect(list.map((x: { id: string; name: string }) => `${x.id} ${x.name}`)).toEqual(RULES.map((x) => `${x.id} ${x.name}`));
    expect(list.find((x: any) => x.id === "ENC-01").title).toMatch(/Lagringskonton/);
  });

  it("a bad flag value exits 2 with a message and no stack trace", async () => {
    const r = await runCli(["evaluate", "x.json", "--fail-on", "severe"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/fail-on/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("a missing static token exits 2 naming the variable", async () => {
    const r = await runCli(["audit", "--auth", "static", "--arm-endpoint", "https://127.0.0.1:9", "--out", await tempDir()], { HEMVIST_STATIC_TOKEN: "" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/HEMVIST_STATIC_TOKEN/);
  });

  it("an http endpoint is refused (bearer tokens only over TLS)", async () => {
    const r = await runCli(["audit", "--auth", "static", "--arm-endpoint", "http://127.0.0.1:9", "--out", await tempDir()], { HEMVIST_STATIC_TOKEN: "x" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/https:\/\//);
  });

  it("evaluate refuses a snapshot of another major format with a clear message", async () => {
    const dir = await tempDir();
    const f = join(dir, "snap.json");
    await writeFile(f, JSON.stringify({ schemaVersion: "2.0.0", tool: { name: "hemvist", version: "9.0.0" } }));
    const r = await runCli(["evaluate", f, "--out", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${f}: snapshot format 2.0.0 is not supported`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("evaluate names the field of an invalid snapshot", async () => {
    const dir = await tempDir();
    const f = join(dir, "snap.json");
    await writeFile(f, JSON.stringify({ schemaVersion: "1.0.0", tool: { name: "hemvist", version: "0.1.0" }, subscriptions: "nope" }));
    const r = await runCli(["evaluate", f, "--out", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a valid Hemvist snapshot/);
    expect(r.stderr).toMatch(/subscriptions|collectedAt/);
  });
});

describe("--rules DIR", () => {
  const rule = (id: string) => `export default {
  id: "${id}", name: "custom-storage-tagged-owner", title: { en: "Storage accounts carry an owner tag", sv: "Lagringskonton har en ägartagg" },
  severity: "low", rationale: { en: "Someone answers for the data.", sv: "Någon ansvarar för datan." }, guidance: [{ source: "local" }],
  reads: ["storageAccounts"],
  messages: { ok: { en: "{{name}} has an owner.", sv: "{{name}} har en ägare." }, missing: { en: "{{name}} has no owner tag.", sv: "{{name}} saknar ägartagg." } },
  evaluate({ inventory }, { pass, fail }) {
    return inventory.all("storageAccounts").map((a) => (a.tags && Object.keys(a.tags).some((k) => k.toLowerCase() === "owner") ? pass(a, "ok") : fail(a, "missing")));
  },
  remediation: { summary: { en: "Tag it.", sv: "Tagga det." } },
  references: ["https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources"],
};
`;
  it("loads a valid user rule, lists it and runs it in evaluate", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "owner.mjs"), rule("ORG-01"));
    const r = await runCli(["rules", "--rules", dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ORG-01\s+custom-storage-tagged-owner\s+low\s+Storage accounts carry an owner tag/m);
    expect(r.stdout).toMatch(new RegExp(`\\n${RULES.length + 1} rules\\n$`));
    // Two storage accounts, one with an owner tag: the user rule passes one and fails the other.
    const all: Partial<Record<AzureCollection, ArmResource[]>> = {};
    for (const c of AZURE_COLLECTIONS) all[c] = [];
    const snapshot = makeSnapshot({
      subscriptions: [
        { collections: { ...all, resourceGroups: [resourceGroup("rg-app", "swedencentral", {}, SUB)], storageAccounts: [storageAccount("stownedtagged01", { tags: { Owner: "Team Ekonomi" } }), storageAccount("stuntagged02")] } },
      ],
    });
    const snap = join(dir, "snapshot.json");
    await writeFile(snap, JSON.stringify(snapshot));
    // Every built-in rule disabled: ORG-01 alone decides the exit code.
    const config = join(dir, "hemvist.config.yaml");
    await writeFile(config, `rules:\n  disabled: [${RULES.map((r) => r.id).join(", ")}]\n`);
    const ev = await runCli(["evaluate", snap, "--rules", dir, "--config", config, "--no-m365", "--out", join(dir, "out"), "--format", "json", "--quiet"]);
    const { readJson } = await import("../e2e/helpers.js");
    const doc = await readJson(join(dir, "out", "findings.json"));
    // ORG-01 (low) fails stuntagged02: below --fail-on high, so the exit code is 0.
    expect(ev.code, JSON.stringify(doc.exit)).toBe(0);
    const org = doc.results.filter((x: { ruleId: string }) => x.ruleId === "ORG-01").map((x: { resourceName: string; status: string }) => [x.resourceName, x.status]);
    expect(org.sort()).toEqual([
      ["stownedtagged01", "pass"],
      ["stuntagged02", "fail"],
    ]);
  });

  it("reads rule folders as the built-in ones are laid out: the rule, its page and test beside it, its demo fragment joining the demo", async () => {
    const dir = await tempDir();
    const folder = join(dir, "storage", "storage-account-shared-key-disabled");
    await mkdir(folder, { recursive: true });
    // The files the add-a-rule test drops into rules/, pointed at the build instead of the sources (Node strips the types).
    const dist = (p: string) => pathToFileURL(join(ROOT, "dist", p)).href;
    const added = join(ROOT, "tests", "rules", "added-rule");
    const ruleTs = (await readFile(join(added, "rule.ts.txt"), "utf8")).replace('"../../../src/index.js"', `"${dist("src/index.js")}"`);
    const demoTs = (await readFile(join(added, "demo.ts.txt"), "utf8")).replace(/"\.\.\/\.\.\/\.\.\/(src\/[^"]+)"/g, (_, p: string) => `"${dist(p)}"`);
    await writeFile(join(folder, "rule.ts"), ruleTs);
    await writeFile(join(folder, "demo.ts"), demoTs);
    await writeFile(join(folder, "README.md"), "# ACC-03 storage-account-shared-key-disabled\n");
    await writeFile(join(folder, "rule.test.ts"), "throw new Error('a table test is never loaded as a rule');\n");
    const r = await runCli(["rules", "--rules", dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ACC-03\s+storage-account-shared-key-disabled\s+low\s+Storage accounts refuse Shared Key authorization/m);
    const demo = await runCli(["demo", "--rules", dir, "--out", join(dir, "out"), "--format", "json", "--quiet"]);
    expect(demo.code, demo.stderr).toBe(0);
    const { readJson } = await import("../e2e/helpers.js");
    const doc = await readJson(join(dir, "out", "findings.json"));
    const acc03 = doc.results.filter((x: { ruleId: string }) => x.ruleId === "ACC-03");
    expect(acc03.filter((x: { status: string }) => x.status === "fail").map((x: { resourceName: string }) => x.resourceName)).toEqual(["stexkgemdelad01"]);
    expect(acc03.some((x: { status: string }) => x.status === "pass")).toBe(true);
  });

  it("refuses a module that reuses a built-in id, naming the file", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "dup.mjs"), rule("ENC-01"));
    const r = await runCli(["rules", "--rules", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(join(dir, "dup.mjs"));
    expect(r.stderr).toMatch(/rule id ENC-01 is already used/);
  });
});

describe("attestations on the command line", () => {
  it("warns of an expiring and a stale attestation, names the config file, lists both in findings.json, and the stale part needs attestation without raising the exit code", async () => {
    const { makeSnapshot } = await import("../fixtures/snapshot.js");
    const { e5, geoRootSite, organization } = await import("../fixtures/m365.js");
    const dir = await tempDir();
    const snap = join(dir, "snapshot.json");
    await writeFile(snap, JSON.stringify(makeSnapshot({ subscriptions: [], customerLockbox: { isOptedIn: true }, m365: { organization: [organization()], rootSite: [geoRootSite("exempelkommun.sharepoint.com", undefined)], users: [], groups: [], sites: [], subscribedSkus: [e5()] } })));
    const today = new Date();
    const daysAgo = (n: number) => new Date(today.getTime() - n * 86_400_000).toISOString().slice(0, 10);
    const config = join(dir, "hemvist.config.yaml");
    await writeFile(
      config,
      `attestations:\n  m365DefaultGeo: { geo: SWE, attestedBy: it@kommun.se, attestedOn: ${daysAgo(350)}, source: admin center }\n  customerKeyPolicies: { assigned: true, attestedBy: it@kommun.se, attestedOn: ${daysAgo(400)}, source: Purview }\n`,
    );
    const r = await runCli(["evaluate", snap, "--config", config, "--out", join(dir, "out"), "--format", "json", "--lang", "en"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`${config}: attestations.m365DefaultGeo: attested on ${daysAgo(350)}; it goes stale on`);
    expect(r.stderr).toContain(`${config}: attestations.customerKeyPolicies: attested on ${daysAgo(400)}, more than 365 days ago; it no longer counts`);
    const doc = JSON.parse(await readFile(join(dir, "out", "findings.json"), "utf8"));
    expect(doc.attestations.map((a: { key: string; state: string }) => `${a.key} ${a.state}`)).toEqual(["m365DefaultGeo expiring", "customerKeyPolicies stale"]);
    const byPart = Object.fromEntries(doc.results.map((f: { ruleId: string; part?: string; status: string }) => [`${f.ruleId} ${f.part ?? ""}`, f.status]));
    expect(byPart["RES-10 default-geo"]).toBe("pass");
    expect(byPart["ACC-02 configured"]).toBe("attestation-required");
    expect(doc.exit.code).toBe(0);
  });
});

describe("foreseeable system errors", () => {
  it("standard output closed early (hemvist rules | head): exit 2, one line saying so, no 'crashed', no stack", async () => {
    const { spawn } = await import("node:child_process");
    const { BIN } = await import("../e2e/helpers.js");
    const child = spawn(process.execPath, [BIN, "rules", "--json"], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.destroy(); // the reader is gone before the first write
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    const code = await new Promise<number | null>((done) => child.on("close", done));
    expect(code).toBe(2);
    expect(stderr).toBe("hemvist: standard output was closed before everything was printed (EPIPE: the program reading it, such as head or a pager, stopped); report files are not affected.\n");
  });

  it("a full disk, a refused path and a read-only file system name the path and what to do; anything else is not claimed", async () => {
    const { systemErrorMessage } = await import("../../src/cli/main.js");
    const err = (code: string, path?: string) => Object.assign(new Error(code), { code, ...(path ? { path } : {}) });
    expect(systemErrorMessage(err("ENOSPC", "/out/report.html"))).toBe("no space left on the device for /out/report.html (ENOSPC): free some space or choose another --out; no partial report was kept.");
    expect(systemErrorMessage(err("EACCES", "/out"))).toBe("permission denied on /out (EACCES): choose a folder you may write to with --out, or fix its permissions.");
    expect(systemErrorMessage(err("EROFS", "/out"))).toBe("the file system of /out is read-only (EROFS): choose another --out.");
    expect(systemErrorMessage(err("ECONNRESET"))).toBeUndefined();
    expect(systemErrorMessage(new Error("plain"))).toBeUndefined();
  });
});

describe("exceptions on the command line", () => {
  async function setup(exceptions: string | undefined) {
    const { makeSnapshot } = await import("../fixtures/snapshot.js");
    const { listedStorageAccount } = await import("../fixtures/resources.js");
    const dir = await tempDir();
    const snap = join(dir, "snapshot.json");
    await writeFile(snap, JSON.stringify(makeSnapshot({ subscriptions: [{ collections: { resources: [listedStorageAccount("saweu", "westeurope")] } }] })));
    const args = ["evaluate", snap, "--out", join(dir, "out"), "--format", "json,md,html,sarif", "--lang", "en"];
    if (exceptions !== undefined) {
      await writeFile(join(dir, "exceptions.yaml"), exceptions);
      args.push("--exceptions", join(dir, "exceptions.yaml"));
    }
    return { dir, args };
  }
  const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

  it("a ruleWide entry is applied and listed as rule-wide in findings.json, summary.md, report.html and the console", async () => {
    const { dir, args } = await setup(`exceptions:\n  - id: all-legacy\n    rule: RES-01\n    resource: "**"\n    ruleWide: true\n    justification: Moving everything in Q2\n    owner: it@exempelkommun.se\n    expires: ${inDays(90)}\n`);
    const r = await runCli(args);
    const doc = JSON.parse(await readFile(join(dir, "out", "findings.json"), "utf8"));
    const res01 = doc.results.filter((f: { ruleId: string }) => f.ruleId === "RES-01");
    expect(res01.length).toBeGreaterThan(0);
    expect(res01.map((f: { status: string }) => f.status)).not.toContain("fail");
    expect(res01.map((f: { status: string }) => f.status)).toContain("excepted");
    expect(res01.find((f: { status: string }) => f.status === "excepted").exception).toMatchObject({ id: "all-legacy", ruleWide: true });
    const sarif = await readFile(join(dir, "out", "findings.sarif"), "utf8");
    expect(sarif).toContain("Moving everything in Q2 (rule-wide exception all-legacy, expires");
    expect(sarif).not.toContain("it@exempelkommun.se");
    expect(doc.exceptions).toEqual([expect.objectContaining({ id: "all-legacy", resource: "**", ruleWide: true, state: "active" })]);
    expect(doc.exceptions[0].matched).toBeGreaterThan(0);
    const md = await readFile(join(dir, "out", "summary.md"), "utf8");
    expect(md).toContain("### Rule-wide exceptions (ruleWide)");
    expect(md).toMatch(/\| active \| all-legacy \| RES-01 \| `\*\*` \| /);
    expect(md).not.toContain("it@exempelkommun.se");
    const html = await readFile(join(dir, "out", "report.html"), "utf8");
    expect(html).toContain('"ruleWide":true');
    expect(html).toContain("Rule-wide");
    expect(r.stdout).toMatch(/Rule-wide exceptions \(ruleWide: no literal subscription or tenant segment\): RES-01 \*\* \(all-legacy, active, \d+ matched\)/);
  });

  it("an exception past the maximum horizon is invalid: not applied, a warning, the exit code unchanged", async () => {
    const plain = await setup(undefined);
    const without = await runCli(plain.args);
    const { SUB } = await import("../fixtures/snapshot.js");
    const { dir, args } = await setup(`exceptions:\n  - id: far\n    rule: RES-01\n    resource: /subscriptions/${SUB}/**\n    justification: Later\n    owner: it@exempelkommun.se\n    expires: ${inDays(400)}\n`);
    const r = await runCli(args);
    expect(r.code, r.stderr).toBe(without.code);
    expect(r.stderr).toMatch(new RegExp(`exception far \\(RES-01 /subscriptions/${SUB}/\\*\\*\\): expires ${inDays(400)}, more than 365 days ahead \\(the configured maximum\\); it is not applied`));
    const doc = JSON.parse(await readFile(join(dir, "out", "findings.json"), "utf8"));
    expect(doc.exceptions).toEqual([expect.objectContaining({ id: "far", state: "invalid", matched: 0 })]);
    expect(doc.results.filter((f: { status: string }) => f.status === "excepted")).toEqual([]);
    expect(doc.results.some((f: { ruleId: string; status: string }) => f.ruleId === "RES-01" && f.status === "fail")).toBe(true);
    const md = await readFile(join(dir, "out", "summary.md"), "utf8");
    expect(md).toMatch(/\| invalid, not applied \(beyond the maximum horizon\) \| far \| RES-01 \|/);
  });
});
