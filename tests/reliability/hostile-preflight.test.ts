/**
 * Refused early (issue 13): every flag, input file and output path of `audit`, `collect` and `demo`
 * is checked before the first request. Each refusal is exit 2 with one line naming the flag or file
 * and what was expected; the emulator's request log stays EMPTY (its GitHub OIDC and Entra token
 * endpoints included: the runs sign in with github-oidc at the emulator), a fake Azure CLI on PATH is
 * never run, and the case's folder (last night's reports, the inputs) is byte for byte unchanged.
 * Foreseeable sign-in failures (no `az login`, no Azure CLI, no credential in the environment, an
 * authority refusing the client) are exit 2 with what to do, never "crashed", never a token.
 *
 * Unwritable folders: as root (uid 0) permissions do not apply, so those runs are started as the
 * user nobody (uid 65534) on folders owned by root with mode 0555; as any other user the folders are
 * made 0555 and the run keeps the user.
 */
import { spawn } from "node:child_process";
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { demoTenant } from "../../src/emulator/demo/index.js";
import { startEmulator, type Emulator } from "../../src/emulator/server.js";
import { checkOutputs, PROBE_NAME } from "../../src/cli/preflight.js";
import { BIN, readJson, ROOT } from "../e2e/helpers.js";
import { hemvistInProcess } from "../helpers/in-process.js";
import { type CliRun, FAST_RETRY_ENV, folderState, runCli, tempDir } from "./helpers.js";

// Each case starts the CLI (about 1.3 s of CPU); on a shared, loaded machine five at once can take long.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 60_000 });

const CORPUS = join(import.meta.dirname, "corpus");
const SNAPSHOT = join(CORPUS, "snapshot-valid.json");
const TENANT = demoTenant().tenantId;
const CLIENT_ID = "3f1e2d4c-5b6a-4978-8a1b-2c3d4e5f6a7b";
/** A client id the emulated tenant has no application for. */
const OTHER_CLIENT = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b";
const REQUEST_TOKEN = "gha-runtime-request-token-for-test";
const AS_ROOT = process.getuid?.() === 0;
const NOBODY = 65534;

/** The emulator every refusal runs against: it must see no request at all. */
let emulator: Emulator;
let work = "";
let ca = "";
/** Where the fake `az` notes every call: it must stay absent. */
let azCalls = "";
let fakeAzBin = "";
let caseNo = 0;

/** A GitHub Actions job with a federated identity, signing in at the emulator (what a refusal must not reach). */
function oidcEnv(url: string, caPath: string): NodeJS.ProcessEnv {
  return {
    NODE_EXTRA_CA_CERTS: caPath,
    GITHUB_ACTIONS: "true",
    ACTIONS_ID_TOKEN_REQUEST_URL: `${url}/_github/token?api-version=2.0`,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN,
    AZURE_TENANT_ID: TENANT,
    AZURE_CLIENT_ID: CLIENT_ID,
    AZURE_AUTHORITY_HOST: url,
    HEMVIST_STATIC_TOKEN: "",
    PATH: `${fakeAzBin}:${process.env.PATH ?? ""}`,
    ...FAST_RETRY_ENV,
  };
}

beforeAll(async () => {
  emulator = await startEmulator({ model: demoTenant(), identity: { requestToken: REQUEST_TOKEN, clientId: CLIENT_ID } });
  work = await tempDir("hemvist-preflight-");
  await chmod(work, 0o755);
  ca = join(work, "ca.pem");
  await emulator.writeCa(ca);
  await chmod(ca, 0o644);
  // A fake Azure CLI that notes each call in a world-writable folder (runs as nobody too), then says what the real one says when nobody is signed in.
  fakeAzBin = join(work, "fake-az");
  await mkdir(fakeAzBin);
  const calls = join(work, "az-calls");
  await mkdir(calls);
  await chmod(calls, 0o777);
  azCalls = join(calls, "log");
  await writeFile(join(fakeAzBin, "az"), `#!/bin/sh\necho "$@" >> ${azCalls}\necho "ERROR: Please run 'az login' to setup account." >&2\nexit 1\n`, { mode: 0o755 });
});

afterAll(async () => {
  await emulator?.close();
});

/**
 * Runs the CLI: through main() in this process (tests/helpers/in-process.ts; "through the built
 * CLI" below checks a child refuses the same way), or as nobody in a child process when `asOther`
 * is set and this is root (see the file comment).
 */
function run(args: string[], env: NodeJS.ProcessEnv, asOther = false): Promise<CliRun> {
  if (!(asOther && AS_ROOT)) return hemvistInProcess(args, env);
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, CI: "true", GITHUB_STEP_SUMMARY: "", HOME: "/tmp", ...env },
      stdio: ["ignore", "pipe", "pipe"],
      uid: NOBODY,
      gid: NOBODY,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", fail);
    child.on("exit", (code) => done({ code, stdout, stderr }));
  });
}

const PREVIOUS = { "findings.json": '{"previous":"night"}\n', "report.html": "<!doctype html><title>previous night</title>\n", "snapshot.json": '{"previous":"snapshot"}\n' };

/** A fresh folder for one case, holding `out/` with last night's reports. */
async function caseDir(): Promise<{ dir: string; out: string }> {
  const dir = join(work, `case-${++caseNo}`);
  const out = join(dir, "out");
  await mkdir(out, { recursive: true });
  await chmod(dir, 0o755);
  for (const [f, c] of Object.entries(PREVIOUS)) await writeFile(join(out, f), c);
  return { dir, out };
}

/**
 * The assertions every refusal shares: exit 2, nothing on stdout, exactly one line on stderr
 * matching `message`, no stack or "crashed", no request to the emulator (identity endpoints
 * included), the fake az never run, and the case's folder unchanged.
 */
async function expectRefused(args: string[], dir: string, message: RegExp, opts: { env?: NodeJS.ProcessEnv; asOther?: boolean; lines?: number } = {}): Promise<CliRun> {
  const before = await folderState(dir);
  const r = await run(args, opts.env ?? oidcEnv(emulator.url, ca), opts.asOther);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr.endsWith("\n") && r.stderr.split("\n").length === (opts.lines ?? 1) + 1, `${opts.lines ?? 1} line(s): ${r.stderr}`).toBe(true);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/crashed|^\s+at /m);
  expect(emulator.requests, "no request to the emulator").toEqual([]);
  expect(emulator.identity.calls, "no sign-in at the emulator").toEqual([]);
  expect(existsSync(azCalls), "the Azure CLI was not run").toBe(false);
  expect(await folderState(dir), "nothing written, nothing left behind").toEqual(before);
  return r;
}

const audit = (out: string, extra: string[]) => ["audit", "--arm-endpoint", emulator.url, "--graph-endpoint", emulator.url, "--out", out, ...extra];
const collect = (extra: string[]) => ["collect", "--arm-endpoint", emulator.url, "--graph-endpoint", emulator.url, ...extra];

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

describe("through the built CLI: the same refusal as in this process", () => {
  it("--format json,pdf: a child process refuses with the same exit code and text, before any request", async () => {
    const { dir, out } = await caseDir();
    const args = audit(out, ["--format", "json,pdf"]);
    const env = oidcEnv(emulator.url, ca);
    const before = await folderState(dir);
    const child = await runCli(args, env);
    expect(child.code, child.stderr).toBe(2);
    expect({ code: child.code, stdout: child.stdout, stderr: child.stderr }).toEqual(await hemvistInProcess(args, env));
    expect(emulator.requests).toEqual([]);
    expect(emulator.identity.calls).toEqual([]);
    expect(await folderState(dir)).toEqual(before);
  });
});

describe.concurrent("audit: every flag value is checked before the first request", () => {
  const FLAGS: [string, string[], RegExp][] = [
    ['--format ""', ["--format", ""], /^hemvist: --format: found "", expected a comma-separated list of json, html, sarif, md, csv\.$/m],
    ["--format ,", ["--format", ","], /^hemvist: --format: found ",", expected a comma-separated list of json, html, sarif, md, csv\.$/m],
    ["--format json,pdf", ["--format", "json,pdf"], /^hemvist: --format: found "pdf", expected a comma-separated list of json, html, sarif, md, csv\.$/m],
    ['--allowed-regions ""', ["--allowed-regions", ""], /^hemvist: --allowed-regions: found "", expected a comma-separated list of Azure regions, such as swedencentral,swedensouth\.$/m],
    ["--allowed-regions with a ; in a name", ["--allowed-regions", "swedencentral;westeurope"], /^hemvist: --allowed-regions: found the region "swedencentral;westeurope", expected Azure region names such as swedencentral or "Sweden Central", separated by commas\.$/m],
    ['--subscriptions "" (would widen to every subscription)', ["--subscriptions", ""], /^hemvist: --subscriptions: found "", expected a comma-separated list of subscription ids \(GUIDs\); leave the flag out to read every subscription the identity can see\.$/m],
    ["--subscriptions with a name, not an id", ["--subscriptions", "prod-socialtjanst"], /^hemvist: --subscriptions: "prod-socialtjanst" is not a subscription id \(expected a GUID\)\.$/m],
    ['--fail-on ""', ["--fail-on", ""], /^hemvist: option '--fail-on <severity>' argument '' is invalid\. Allowed choices are critical, high, medium, low, info\. \(--help lists the options\)$/m],
    ["--fail-on urgent", ["--fail-on", "urgent"], /^hemvist: option '--fail-on <severity>' argument 'urgent' is invalid\. Allowed choices are critical, high, medium, low, info\. \(--help lists the options\)$/m],
    ['--lang ""', ["--lang", ""], /^hemvist: --lang: found "", expected sv or en\.$/m],
    ["--lang de", ["--lang", "de"], /^hemvist: --lang: found "de", expected sv or en\.$/m],
    ["--concurrency 0", ["--concurrency", "0"], /^hemvist: --concurrency: found "0", expected a whole number from 1 to 64\.$/m],
    ['--concurrency ""', ["--concurrency", ""], /^hemvist: --concurrency: found "", expected a whole number from 1 to 64\.$/m],
    ["--concurrency 2.5", ["--concurrency", "2.5"], /^hemvist: --concurrency: found "2\.5", expected a whole number from 1 to 64\.$/m],
    ["--cloud AzureGermanCloud", ["--cloud", "AzureGermanCloud"], /^hemvist: option '--cloud <name>' argument 'AzureGermanCloud' is invalid\. Allowed choices are AzureCloud, AzureChinaCloud, AzureUSGovernment\. \(--help lists the options\)$/m],
    ["--arm-endpoint over http", ["--arm-endpoint", "http://127.0.0.1:8080"], /^hemvist: --arm-endpoint: found "http:\/\/127\.0\.0\.1:8080", expected an https:\/\/ URL such as https:\/\/management\.azure\.com \(bearer tokens are only sent over TLS\)\.$/m],
    ["--graph-endpoint without a host", ["--graph-endpoint", "https://"], /^hemvist: --graph-endpoint: found "https:\/\/", expected an https:\/\/ URL such as https:\/\/management\.azure\.com \(bearer tokens are only sent over TLS\)\.$/m],
    ['--arm-endpoint ""', ["--arm-endpoint", ""], /^hemvist: --arm-endpoint: found "", expected an https:\/\/ URL\.$/m],
    ['--auth ""', ["--auth", ""], /^hemvist: option '--auth <method>' argument '' is invalid\. Allowed choices are default, cli, client-secret, client-certificate, managed-identity, workload-identity, github-oidc, static\. \(--help lists the options\)$/m],
    ["--auth env (no such method)", ["--auth", "env"], /^hemvist: option '--auth <method>' argument 'env' is invalid\. Allowed choices are default, cli/m],
    ['--tenant ""', ["--tenant", ""], /^hemvist: --tenant: found "", expected a tenant id \(GUID\) or domain name\.$/m],
    ["--tenant with a path in it", ["--tenant", "../../common/oauth2"], /^hemvist: --tenant: found "\.\.\/\.\.\/common\/oauth2", expected a tenant id \(a GUID such as 8d3f6a51-0c8e-4e59-9b5e-3a1c2f7e9d10\) or the tenant's domain name \(such as contoso\.onmicrosoft\.com\)\.$/m],
    ["--tenant with a space", ["--tenant", "8d3f6a51 0c8e"], /^hemvist: --tenant: found "8d3f6a51 0c8e", expected a tenant id/m],
    ["--inventory graph", ["--inventory", "graph"], /^hemvist: option '--inventory <mode>' argument 'graph' is invalid\. Allowed choices are arm, resource-graph\. \(--help lists the options\)$/m],
    ['--out ""', ["--out", ""], /^hemvist: --out: found "", expected an output folder\.$/m],
    ['--snapshot-out ""', ["--snapshot-out", ""], /^hemvist: --snapshot-out: found "", expected a file to write the snapshot to\.$/m],
    ['--config ""', ["--config", ""], /^hemvist: --config: found "", expected a configuration file\.$/m],
    ['--exceptions ""', ["--exceptions", ""], /^hemvist: --exceptions: found "", expected an exceptions file\.$/m],
    ['--baseline ""', ["--baseline", ""], /^hemvist: --baseline: found "", expected a previous findings\.json\.$/m],
    ['--rules ""', ["--rules", ""], /^hemvist: --rules: found "", expected a folder of rule modules\.$/m],
  ];
  it.each(FLAGS)("%s", async (_label, extra, message) => {
    const { dir, out } = await caseDir();
    // --out comes first in audit(); a later --out "" wins, as commander takes the last value.
    await expectRefused(audit(out, extra), dir, message);
  });

  it("AZURE_TENANT_ID that is not a tenant id (the federated sign-in would put it in the token URL)", async () => {
    const { dir, out } = await caseDir();
    await expectRefused(audit(out, []), dir, /^hemvist: AZURE_TENANT_ID: found "exempelkommun\/\.\.\/common", expected a tenant id/m, { env: { ...oidcEnv(emulator.url, ca), AZURE_TENANT_ID: "exempelkommun/../common" } });
  });
});

describe.concurrent("audit: input files are read before the first request", () => {
  it("--config names no file", async () => {
    const { dir, out } = await caseDir();
    const missing = join(dir, "hemvist.config.yaml");
    await expectRefused(audit(out, ["--config", missing]), dir, new RegExp(`^hemvist: ${esc(missing)}: the configuration file does not exist \\(given with --config\\)\\.$`, "m"));
  });

  it("--baseline names no file", async () => {
    const { dir, out } = await caseDir();
    const missing = join(dir, "yesterday", "findings.json");
    await expectRefused(audit(out, ["--baseline", missing]), dir, new RegExp(`^hemvist: ${esc(missing)}: cannot read the baseline \\(ENOENT\\)\\.$`, "m"));
  });

  it("--rules names no folder", async () => {
    const { dir, out } = await caseDir();
    const missing = join(dir, "own-rules");
    await expectRefused(audit(out, ["--rules", missing]), dir, new RegExp(`^hemvist: --rules ${esc(missing)}: cannot read the folder \\(ENOENT\\)\\.$`, "m"));
  });

  // The exceptions file's own format (heading line, then one line per problem with file:line).
  it("--exceptions with a negated pattern", async () => {
    const { dir, out } = await caseDir();
    await expectRefused(audit(out, ["--exceptions", join(CORPUS, "exceptions-negation.yaml")]), dir, /exceptions-negation\.yaml:4: field "exceptions\[0\]\.resource" \(exception "not-prod"\): found the negated pattern/, { lines: 2 });
  });
});

describe.concurrent("audit and collect: output paths are checked before the first request", () => {
  it("--out is a file", async () => {
    const { dir } = await caseDir();
    const file = join(dir, "reports");
    await writeFile(file, "not a folder\n");
    await expectRefused(audit(file, []), dir, new RegExp(`^hemvist: --out: ${esc(file)} is a file; expected a folder for the reports\\.$`, "m"));
  });

  it("--out sits under a file", async () => {
    const { dir, out } = await caseDir();
    const under = join(out, "findings.json", "tonight");
    await expectRefused(audit(under, []), dir, new RegExp(`^hemvist: --out: ${esc(under)} is under ${esc(join(out, "findings.json"))}, which is a file; expected a folder for the reports\\.$`, "m"));
  });

  it("--out is a folder this user may not write in", async () => {
    const { dir, out } = await caseDir();
    await chmod(out, 0o555);
    await expectRefused(audit(out, []), dir, new RegExp(`^hemvist: --out: cannot create files in ${esc(out)} \\(EACCES\\); expected a folder this user may write to\\.$`, "m"), { asOther: true });
  });

  it("--out does not exist, and its nearest existing parent may not be written in", async () => {
    const { dir } = await caseDir();
    const locked = join(dir, "locked");
    await mkdir(locked, { mode: 0o555 });
    await chmod(locked, 0o555);
    const out = join(locked, "2026-12-05", "reports");
    await expectRefused(audit(out, []), dir, new RegExp(`^hemvist: --out: cannot create files in ${esc(locked)} \\(EACCES\\); expected a folder \\(2026-12-05/reports would be created in it\\) this user may write to\\.$`, "m"), { asOther: true });
  });

  it("a report's file name in --out is a folder", async () => {
    const { dir, out } = await caseDir();
    await mkdir(join(out, "findings.sarif"));
    await expectRefused(audit(out, ["--format", "json,sarif"]), dir, new RegExp(`^hemvist: ${esc(join(out, "findings.sarif"))}: found a folder where this report goes; move it away or choose another --out \\(the previous reports were left as they were\\)\\.$`, "m"));
  });

  it("--snapshot-out is a folder", async () => {
    const { dir, out } = await caseDir();
    await expectRefused(audit(out, ["--snapshot-out", dir]), dir, new RegExp(`^hemvist: --snapshot-out: ${esc(dir)} is a folder; expected a file path such as ${esc(join(dir, "snapshot.json"))}\\.$`, "m"));
  });

  it("--snapshot-out is findings.json of the same run", async () => {
    const { dir, out } = await caseDir();
    const target = join(out, "findings.json");
    await expectRefused(audit(out, ["--snapshot-out", target]), dir, new RegExp(`^hemvist: --snapshot-out: ${esc(target)} is also where the json report \\(findings\\.json\\) is written; expected another file\\.$`, "m"));
  });

  it("--snapshot-out is the HTML report, named through a relative path with ..", async () => {
    const { dir, out } = await caseDir();
    // Relative to the CLI's working folder, through "..": the same file all the same.
    const target = `${relative(ROOT, out)}/../out/report.html`;
    await expectRefused(audit(out, ["--snapshot-out", target]), dir, new RegExp(`^hemvist: --snapshot-out: ${esc(join(out, "report.html"))} is also where the html report \\(report\\.html\\) is written; expected another file\\.$`, "m"));
  });

  it("--snapshot-out is the --baseline file", async () => {
    const { dir, out } = await caseDir();
    const baseline = join(dir, "last-night.json");
    await writeFile(baseline, JSON.stringify(validBaseline()));
    await expectRefused(audit(out, ["--baseline", baseline, "--snapshot-out", baseline]), dir, new RegExp(`^hemvist: --snapshot-out: ${esc(baseline)} is the --baseline file; writing the snapshot there would replace it\\. Expected another file\\.$`, "m"));
  });

  it("--snapshot-out is the --exceptions file", async () => {
    const { dir, out } = await caseDir();
    const exceptions = join(dir, "exceptions.yaml");
    await writeFile(exceptions, "exceptions: []\n");
    await expectRefused(audit(out, ["--exceptions", exceptions, "--snapshot-out", exceptions]), dir, new RegExp(`^hemvist: --snapshot-out: ${esc(exceptions)} is the --exceptions file; writing the snapshot there would replace it\\. Expected another file\\.$`, "m"));
  });

  it("--snapshot-out is the --config file", async () => {
    const { dir, out } = await caseDir();
    const config = join(dir, "hemvist.config.yaml");
    await writeFile(config, "profile: se\n");
    await expectRefused(audit(out, ["--config", config, "--snapshot-out", config]), dir, new RegExp(`^hemvist: --snapshot-out: ${esc(config)} is the --config file; writing the snapshot there would replace it\\. Expected another file\\.$`, "m"));
  });

  it("--snapshot-out sits under a file", async () => {
    const { dir, out } = await caseDir();
    const target = join(out, "snapshot.json", "snapshot.json");
    await expectRefused(audit(out, ["--snapshot-out", target]), dir, new RegExp(`^hemvist: --snapshot-out: ${esc(join(out, "snapshot.json"))} is a file; expected a folder for the snapshot\\.$`, "m"));
  });

  it("--snapshot-out in a folder this user may not write in", async () => {
    const { dir, out } = await caseDir();
    // The reports' folder is writable (for nobody too): only the snapshot's is not.
    await chmod(out, 0o777);
    const locked = join(dir, "evidence");
    await mkdir(locked);
    await chmod(locked, 0o555);
    await expectRefused(audit(out, ["--snapshot-out", join(locked, "snapshot.json")]), dir, new RegExp(`^hemvist: --snapshot-out: cannot create files in ${esc(locked)} \\(EACCES\\); expected a folder for the snapshot this user may write to\\.$`, "m"), { asOther: true });
  });

  it("collect: --snapshot-out is a folder", async () => {
    const { dir, out } = await caseDir();
    await expectRefused(collect(["--snapshot-out", out]), dir, new RegExp(`^hemvist: --snapshot-out: ${esc(out)} is a folder; expected a file path such as ${esc(join(out, "snapshot.json"))}\\.$`, "m"));
  });

  it("collect: --snapshot-out in a folder this user may not write in", async () => {
    const { dir, out } = await caseDir();
    await chmod(out, 0o555);
    await expectRefused(collect(["--snapshot-out", join(out, "tonight.json")]), dir, new RegExp(`^hemvist: --snapshot-out: cannot create files in ${esc(out)} \\(EACCES\\); expected a folder for the snapshot this user may write to\\.$`, "m"), { asOther: true });
  });

  it("collect: --snapshot-out is the --config file", async () => {
    const { dir } = await caseDir();
    const config = join(dir, "hemvist.config.yaml");
    await writeFile(config, "profile: se\n");
    await expectRefused(collect(["--config", config, "--snapshot-out", config]), dir, new RegExp(`^hemvist: --snapshot-out: ${esc(config)} is the --config file; writing the snapshot there would replace it\\. Expected another file\\.$`, "m"));
  });

  it.each([
    ["0/2", /^hemvist: --shard: found "0\/2", expected i\/n with 1 ≤ i ≤ n, e\.g\. 2\/4\.$/m],
    ["3/2", /^hemvist: --shard: found "3\/2", expected i\/n with 1 ≤ i ≤ n, e\.g\. 2\/4\.$/m],
    ["", /^hemvist: --shard: found "", expected i\/n with 1 ≤ i ≤ n, e\.g\. 2\/4\.$/m],
    ["1of2", /^hemvist: --shard: found "1of2", expected i\/n with 1 ≤ i ≤ n, e\.g\. 2\/4\.$/m],
  ] as const)("collect --shard %j", async (shard, message) => {
    const { dir, out } = await caseDir();
    await expectRefused(collect(["--shard", shard, "--snapshot-out", join(out, "shard.json")]), dir, message);
  });

  it.each(["--subscriptions", "--allowed-regions"])('collect %s ""', async (flag) => {
    const { dir, out } = await caseDir();
    await expectRefused(collect([flag, "", "--snapshot-out", join(out, "s.json")]), dir, new RegExp(`^hemvist: ${flag}: found "", expected a comma-separated list`, "m"));
  });
});

/** A findings.json result the baseline diff accepts (a RES-01 failure on a demo-tenant storage account). */
function validResult(): Record<string, unknown> {
  const id = "/subscriptions/0b1f6471-1bf0-4dda-aec3-111111111111/resourceGroups/rg-socialtjanst/providers/Microsoft.Storage/storageAccounts/stsocialakt01";
  return {
    ruleId: "RES-01",
    status: "fail",
    severity: "high",
    resourceId: id,
    resourceKey: id.toLowerCase(),
    resourceType: "Microsoft.Storage/storageAccounts",
    resourceName: "stsocialakt01",
    subscriptionId: "0b1f6471-1bf0-4dda-aec3-111111111111",
    location: "westeurope",
    messageId: "notAllowed",
    message: { en: "stsocialakt01 is stored in westeurope.", sv: "stsocialakt01 lagras i westeurope." },
    fingerprint: "5d41402abc4b2a76b9719d911017c592",
    dependsOn: [{ collection: "resources" }],
  };
}

function validBaseline(results: unknown[] = [validResult()]): Record<string, unknown> {
  return { schemaVersion: "1.4.0", generatedAt: "2026-12-04T02:17:00.000Z", snapshotSha256: "a".repeat(64), results };
}

/** A baseline whose result `results[1]` is the valid one changed by `change`. */
function brokenBaseline(change: (r: Record<string, unknown>) => void): Record<string, unknown> {
  const r = validResult();
  change(r);
  return validBaseline([validResult(), r]);
}

describe("the writability probe", () => {
  it("removes a probe a killed run left behind, keeps a live run's, and leaves none of its own", async () => {
    const { out } = await caseDir();
    // A process that has exited (its pid is free) and one that is still running.
    const gone = spawn(process.execPath, ["-e", ""]);
    await new Promise((r) => gone.on("exit", r));
    const running = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    try {
      const dead = `.${PROBE_NAME}.${gone.pid}.0a1b2c3d.tmp`;
      const live = `.${PROBE_NAME}.${running.pid}.4e5f6a7b.tmp`;
      await writeFile(join(out, dead), "");
      await writeFile(join(out, live), "");
      await checkOutputs({ outDir: out, formats: ["json"], snapshotFlag: "--snapshot-out", inputs: [] });
      expect(Object.keys(await folderState(out)).filter((f) => f.includes(PROBE_NAME))).toEqual([`/${live}`]);
    } finally {
      running.kill("SIGKILL");
    }
  });
});

describe.concurrent("the baseline is validated completely at load, before the first request", () => {
  it("control: the valid baseline these cases break is accepted (evaluate runs to its exit code 3)", async () => {
    const { dir, out } = await caseDir();
    const file = join(dir, "baseline.json");
    await writeFile(file, JSON.stringify(validBaseline()));
    const r = await runCli(["evaluate", SNAPSHOT, "--baseline", file, "--out", out, "--format", "json", "--quiet"]);
    // snapshot-valid.json holds no Microsoft 365 data while Microsoft 365 is on: a coverage gap, exit 3.
    expect(r.code, r.stderr).toBe(3);
    const doc = await readJson(join(out, "findings.json"));
    expect(doc.baseline.path).toBe(file);
  });

  const CASES: [string, (r: Record<string, unknown>) => void, string][] = [
    ["a result without ruleId", (r) => delete r.ruleId, 'field "results[1].ruleId": found it is missing, expected a rule id (a non-empty string)'],
    ["a result without resourceId", (r) => delete r.resourceId, 'field "results[1].resourceId": found it is missing, expected a resource id (a non-empty string)'],
    ["a result without severity", (r) => delete r.severity, 'field "results[1].severity": found it is missing, expected one of critical, high, medium, low, info'],
    ["a result without fingerprint", (r) => delete r.fingerprint, 'field "results[1].fingerprint": found it is missing, expected 32 lower-case hexadecimal digits'],
    ["a result without status", (r) => delete r.status, 'field "results[1].status": found it is missing, expected one of fail, not-assessed, attestation-required, excepted, pass'],
    ['status "failed"', (r) => (r.status = "failed"), 'field "results[1].status": found string "failed", expected one of fail, not-assessed, attestation-required, excepted, pass'],
    ['severity "High" (case matters in findings.json)', (r) => (r.severity = "High"), 'field "results[1].severity": found string "High", expected one of critical, high, medium, low, info'],
    ["fingerprint as a number", (r) => (r.fingerprint = 42), 'field "results[1].fingerprint": found number 42, expected 32 lower-case hexadecimal digits'],
    ["fingerprint of another shape", (r) => (r.fingerprint = "3f2a9c"), 'field "results[1].fingerprint": found string "3f2a9c", expected 32 lower-case hexadecimal digits'],
    ["ruleId as a list", (r) => (r.ruleId = ["RES-01"]), 'field "results[1].ruleId": found a list, expected a rule id (a non-empty string)'],
    ["resourceId empty", (r) => (r.resourceId = ""), 'field "results[1].resourceId": found string "", expected a resource id (a non-empty string)'],
    ["message as a plain string", (r) => (r.message = "stsocialakt01 is stored in westeurope."), 'field "results[1].message": found string "stsocialakt01 is stored in westeurope.", expected an object with the texts "en" and "sv"'],
    ["dependsOn as an object", (r) => (r.dependsOn = { collection: "resources" }), 'field "results[1].dependsOn": found an object, expected a list of objects with a "collection" and an optional "scope" (strings)'],
    ['baselineState "resolved" (last night\'s state, read for SARIF ordering)', (r) => (r.baselineState = "resolved"), 'field "results[1].baselineState": found string "resolved", expected one of new, unchanged, unverified'],
    ["part as a number", (r) => (r.part = 1), 'field "results[1].part": found number 1, expected a string'],
    ["resourceKey missing", (r) => delete r.resourceKey, 'field "results[1].resourceKey": found it is missing, expected a string (the lower-cased resource id)'],
  ];
  it.each(CASES)("%s", async (_label, change, field) => {
    const { dir, out } = await caseDir();
    const file = join(dir, "baseline.json");
    await writeFile(file, JSON.stringify(brokenBaseline(change)));
    await expectRefused(audit(out, ["--baseline", file]), dir, new RegExp(`^hemvist: ${esc(file)}: ${esc(field)}; the baseline must be a findings\\.json written by Hemvist\\.$`, "m"));
  });

  it("a result that is null, and the count of the problems after the first", async () => {
    const { dir, out } = await caseDir();
    const file = join(dir, "baseline.json");
    const doc = validBaseline([validResult(), null, { ...validResult(), status: "open" }]);
    await writeFile(file, JSON.stringify(doc));
    await expectRefused(audit(out, ["--baseline", file]), dir, new RegExp(`^hemvist: ${esc(file)}: field "results\\[1\\]": found null, expected a result object; the baseline must be a findings\\.json written by Hemvist \\(and 1 more problem\\)\\.$`, "m"));
  });

  it("generatedAt as a number (copied into tonight's report)", async () => {
    const { dir, out } = await caseDir();
    const file = join(dir, "baseline.json");
    await writeFile(file, JSON.stringify({ ...validBaseline(), generatedAt: 20261204 }));
    await expectRefused(audit(out, ["--baseline", file]), dir, new RegExp(`^hemvist: ${esc(file)}: field "generatedAt": found number 20261204, expected a date-time string; the baseline must be a findings\\.json written by Hemvist\\.$`, "m"));
  });

  it("evaluate refuses the same baseline before evaluating (no report written)", async () => {
    const { dir, out } = await caseDir();
    const file = join(dir, "baseline.json");
    await writeFile(file, JSON.stringify(brokenBaseline((r) => delete r.severity)));
    await expectRefused(["evaluate", SNAPSHOT, "--baseline", file, "--out", out], dir, new RegExp(`^hemvist: ${esc(file)}: field "results\\[1\\]\\.severity": found it is missing`, "m"));
  });
});

describe.concurrent("demo: refused before the emulator starts (no request log written)", () => {
  it("--out is a file", async () => {
    const { dir } = await caseDir();
    const file = join(dir, "demo-reports");
    await writeFile(file, "a file\n");
    const r = await expectRefused(["demo", "--out", file], dir, new RegExp(`^hemvist: --out: ${esc(file)} is a file; expected a folder for the reports\\.$`, "m"));
    expect(r.stderr).not.toMatch(/Emulator serving|Emulatorn serverar/);
  });

  it('--format ""', async () => {
    const { dir, out } = await caseDir();
    await expectRefused(["demo", "--out", out, "--format", ""], dir, /^hemvist: --format: found "", expected a comma-separated list of json, html, sarif, md, csv\.$/m);
    expect(existsSync(join(out, "demo-requests.json"))).toBe(false);
  });

  it("--out in a folder this user may not write in", async () => {
    const { dir, out } = await caseDir();
    await chmod(out, 0o555);
    await expectRefused(["demo", "--out", out], dir, new RegExp(`^hemvist: --out: cannot create files in ${esc(out)} \\(EACCES\\); expected a folder this user may write to\\.$`, "m"), { asOther: true });
  });

  it("--baseline with a result lacking its fingerprint", async () => {
    const { dir, out } = await caseDir();
    const file = join(dir, "baseline.json");
    await writeFile(file, JSON.stringify(brokenBaseline((r) => delete r.fingerprint)));
    await expectRefused(["demo", "--out", out, "--baseline", file], dir, new RegExp(`^hemvist: ${esc(file)}: field "results\\[1\\]\\.fingerprint": found it is missing`, "m"));
  });
});

describe.concurrent("sign-in problems a user can foresee: exit 2 with what to do", () => {
  /** A collection signing in as `auth` with `env` (nothing else of the GitHub job's environment). */
  const signIn = (auth: string, dir: string) => collect(["--auth", auth, "--quiet", "--snapshot-out", join(dir, "out", "s.json")]);
  const bare = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    NODE_EXTRA_CA_CERTS: ca,
    GITHUB_ACTIONS: "",
    ACTIONS_ID_TOKEN_REQUEST_URL: "",
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: "",
    AZURE_TENANT_ID: "",
    AZURE_CLIENT_ID: "",
    AZURE_CLIENT_SECRET: "",
    AZURE_CLIENT_CERTIFICATE_PATH: "",
    AZURE_FEDERATED_TOKEN_FILE: "",
    AZURE_AUTHORITY_HOST: emulator.url,
    HEMVIST_STATIC_TOKEN: "",
    ...FAST_RETRY_ENV,
    ...extra,
  });

  it.each([
    ["client-secret, nothing set", "client-secret", {}, "--auth client-secret reads its credential from the environment, and AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET are not set: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (--tenant may stand in for AZURE_TENANT_ID), or choose another --auth method."],
    ["client-secret, only the client id", "client-secret", { AZURE_CLIENT_ID: CLIENT_ID }, "--auth client-secret reads its credential from the environment, and AZURE_TENANT_ID and AZURE_CLIENT_SECRET are not set: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (--tenant may stand in for AZURE_TENANT_ID), or choose another --auth method."],
    ["workload-identity without the token file variable", "workload-identity", { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT_ID }, "--auth workload-identity reads its credential from the environment, and AZURE_FEDERATED_TOKEN_FILE is not set: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_FEDERATED_TOKEN_FILE (--tenant may stand in for AZURE_TENANT_ID), or choose another --auth method."],
    ["github-oidc without AZURE_CLIENT_ID", "github-oidc", { AZURE_TENANT_ID: TENANT }, "--auth github-oidc reads its credential from the environment, and AZURE_CLIENT_ID is not set: set AZURE_TENANT_ID and AZURE_CLIENT_ID (--tenant may stand in for AZURE_TENANT_ID), or choose another --auth method."],
    ["github-oidc outside a job with id-token: write", "github-oidc", { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT_ID }, "--auth github-oidc needs ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN, which GitHub Actions sets only for a job with `permissions: id-token: write` (see docs/github-actions.md)."],
    ["static without its token", "static", {}, "--auth static needs the environment variable HEMVIST_STATIC_TOKEN (a bearer token used for every audience)."],
  ] as [string, string, NodeJS.ProcessEnv, string][])("%s", async (_label, auth, extra, message) => {
    const { dir } = await caseDir();
    await expectRefused(signIn(auth, dir), dir, new RegExp(`^hemvist: ${esc(message)}$`, "m"), { env: bare(extra) });
  });

  it("workload-identity whose token file is not there", async () => {
    const { dir } = await caseDir();
    const file = join(dir, "azure-identity-token");
    await expectRefused(signIn("workload-identity", dir), dir, new RegExp(`^hemvist: AZURE_FEDERATED_TOKEN_FILE: ${esc(file)} does not exist; --auth workload-identity needs it to hold the service account token that the workload identity webhook projects into the pod\\.$`, "m"), {
      env: bare({ AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT_ID, AZURE_FEDERATED_TOKEN_FILE: file }),
    });
  });

  it("client-certificate whose certificate is a folder", async () => {
    const { dir } = await caseDir();
    await expectRefused(signIn("client-certificate", dir), dir, new RegExp(`^hemvist: AZURE_CLIENT_CERTIFICATE_PATH: ${esc(dir)} is not a file; --auth client-certificate needs it to hold the app registration's certificate and private key \\(PEM\\)\\.$`, "m"), {
      env: bare({ AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT_ID, AZURE_CLIENT_CERTIFICATE_PATH: dir }),
    });
  });

  /** A sign-in that got as far as the Azure CLI (a subprocess, no request): exit 2, the message as the last line, nothing sent to the emulator. */
  async function expectAzRefusal(az: string | undefined, message: RegExp): Promise<void> {
    const { dir } = await caseDir();
    const bin = join(dir, "bin");
    await mkdir(bin);
    if (az !== undefined) await writeFile(join(bin, "az"), az, { mode: 0o755 });
    const before = await folderState(join(dir, "out"));
    const r = await runCli(signIn("cli", dir), bare({ PATH: bin }));
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/crashed|^\s+at |CredentialUnavailableError/m);
    expect(emulator.requests).toEqual([]);
    expect(await folderState(join(dir, "out"))).toEqual(before);
  }

  it("--auth cli, signed out: what az prints then (\"Please run 'az login' to setup account.\")", async () => {
    await expectAzRefusal(`#!/bin/sh\necho "ERROR: Please run 'az login' to setup account." >&2\nexit 1\n`, /^hemvist: the Azure CLI is not signed in \(--auth cli\): run az login, then run Hemvist again\.$/m);
  });

  it("--auth cli with --tenant: the advice names the tenant", async () => {
    const { dir } = await caseDir();
    const bin = join(dir, "bin");
    await mkdir(bin);
    await writeFile(join(bin, "az"), `#!/bin/sh\necho "ERROR: Please run 'az login' to setup account." >&2\nexit 1\n`, { mode: 0o755 });
    const r = await runCli([...signIn("cli", dir), "--tenant", TENANT], bare({ PATH: bin }));
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^hemvist: the Azure CLI is not signed in \\(--auth cli\\): run az login --tenant ${TENANT}, then run Hemvist again\\.$`, "m"));
    expect(emulator.requests).toEqual([]);
  });

  it("--auth cli without the Azure CLI on PATH", async () => {
    await expectAzRefusal(undefined, /^hemvist: the Azure CLI \(az\) was not found on PATH \(--auth cli\): install it \(https:\/\/aka\.ms\/azure-cli\) and run az login, or choose another --auth method\.$/m);
  });

  it("--auth cli whose sign-in Entra no longer accepts (AADSTS700082), with a token-shaped string in az's output that is not printed", async () => {
    const jwtish = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL21hbmFnZW1lbnQuY29yZS53aW5kb3dzLm5ldC8ifQ.c2lnbmF0dXJlLW5vdC1wcmludGVk";
    await expectAzRefusal(
      `#!/bin/sh\necho "ERROR: AADSTS700082: The refresh token has expired due to inactivity (${jwtish}). Trace ID: 6c1f0f5e-2d0b-4b5e-9a7d-1e2f3a4b5c6d Correlation ID: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d Timestamp: 2026-12-05 02:17:03Z" >&2\nexit 1\n`,
      /^hemvist: Entra ID refused the sign-in \(--auth cli\): AADSTS700082: The refresh token has expired due to inactivity \(\[redacted-jwt\]\)\. Run az login again \(the Azure CLI's sign-in is no longer accepted\)\.$/m,
    );
  });

  it("--auth default with nothing to sign in with (no variables, no az, no managed identity)", async () => {
    const { dir } = await caseDir();
    const empty = join(dir, "bin");
    await mkdir(empty);
    const r = await runCli(signIn("default", dir), bare({ PATH: empty }), { timeoutMs: 200_000 });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^hemvist: no credential was found \(--auth default tried the environment variables, workload identity, managed identity, the Azure CLI, Azure PowerShell and the Azure Developer CLI\): run az login, or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, or choose --auth explicitly\.$/m);
    expect(r.stderr).not.toMatch(/crashed|^\s+at /m);
    expect(emulator.requests).toEqual([]);
  });
});

describe("an authority that refuses the client (AADSTS), at a second emulator", () => {
  let other: Emulator;
  let otherCa = "";
  beforeAll(async () => {
    other = await startEmulator({ model: demoTenant(), identity: { clientId: CLIENT_ID } });
    otherCa = join(work, "other-ca.pem");
    await other.writeCa(otherCa);
  });
  afterAll(async () => {
    await other?.close();
  });

  it("--auth client-secret with a client id the tenant does not know: Entra's refusal is one line with its code and what to check; the secret is never printed", async () => {
    const { dir } = await caseDir();
    const secret = "Q~hemvistCanarySecret.7f3a9c2eb41d-not-a-real-secret";
    const r = await runCli(["collect", "--auth", "client-secret", "--arm-endpoint", other.url, "--graph-endpoint", other.url, "--quiet", "--snapshot-out", join(dir, "out", "s.json")], {
      NODE_EXTRA_CA_CERTS: otherCa,
      GITHUB_ACTIONS: "",
      ACTIONS_ID_TOKEN_REQUEST_URL: "",
      AZURE_TENANT_ID: TENANT,
      AZURE_CLIENT_ID: OTHER_CLIENT,
      AZURE_CLIENT_SECRET: secret,
      AZURE_AUTHORITY_HOST: other.url,
      ...FAST_RETRY_ENV,
    });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^hemvist: Entra ID refused the sign-in \\(--auth client-secret, tenant ${TENANT}, client ${OTHER_CLIENT}\\): AADSTS700016: Application with identifier '${OTHER_CLIENT}' was not found in the directory '${TENANT}'\\. AZURE_CLIENT_ID names no application in this tenant \\(wrong client id, or the tenant is another one\\)\\.$`, "m"),
    );
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/crashed|^\s+at /m);
    expect(`${r.stdout}${r.stderr}`).not.toContain("hemvistCanarySecret");
    // The token endpoint was asked (and refused); ARM and Graph never were.
    expect(other.identity.calls.filter((c) => c.kind === "entra-token").map((c) => c.error)).toEqual(["unauthorized_client"]);
    expect(other.requests.filter((q) => q.host === "arm" || q.host === "graph")).toEqual([]);
    expect(existsSync(join(dir, "out", "s.json"))).toBe(false);
  });
});

describe("control: the same environment with valid flags does reach the emulator", () => {
  it("a valid audit signs in with GitHub OIDC at the emulator and reads ARM (so an empty log above means no request was made)", async () => {
    const { out } = await caseDir();
    const r = await runCli(audit(out, ["--no-m365", "--format", "json", "--quiet"]), oidcEnv(emulator.url, ca));
    // The demo tenant read whole (OIDC signs in; nothing is refused): its Azure failures at high decide.
    expect(r.code, r.stderr).toBe(1);
    expect(emulator.identity.calls.filter((c) => c.kind === "github-token").length).toBeGreaterThan(0);
    expect(emulator.identity.calls.filter((c) => c.kind === "entra-token").length).toBeGreaterThan(0);
    expect(emulator.requests.filter((q) => q.host === "arm").length).toBeGreaterThan(0);
    expect(existsSync(join(out, "snapshot.json"))).toBe(true);
  });
});
