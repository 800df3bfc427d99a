/**
 * `demo`: serves the demo tenant (or `--tenant-model`) with the local HTTPS emulator and audits it
 * in a child process through the real SDK clients — the child trusts the emulator's certificate via
 * NODE_EXTRA_CA_CERTS, which Node reads only at process start. `emulator`: serves a model until stopped.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadDataFile } from "../../base/files.js";
import { findConfig } from "../../config/load.js";
import { DemoFragmentError } from "../../emulator/demo/assemble.js";
import { DemoFragmentFileError } from "../../emulator/demo/fragments.js";
import { demoTenant, loadDemoFragments } from "../../emulator/demo/index.js";
import type { TenantModel } from "../../emulator/model.js";
import { startEmulator } from "../../emulator/server.js";
import { UsageError } from "../../base/errors.js";
import { displayText } from "../../base/display.js";
import { GLOSSARY } from "../../base/glossary.js";
import type { Lang } from "../../base/lang.js";
import { PACKAGE_ROOT } from "../../paths.js";
import { type CliFlags, resolveSettings } from "../pipeline.js";
import { loadRules } from "../../engine/registry.js";
import { checkInputFiles, checkOutputs, inputFiles } from "../preflight.js";
import { writeAtomic } from "../../base/atomic.js";

/** Loads a tenant model file (JSON or YAML), validated against schemas/tenant-model.schema.json. */
export async function loadTenantModel(file: string): Promise<TenantModel> {
  return loadDataFile<TenantModel>(resolve(file), "tenant-model.schema.json", "tenant model");
}

const PASS_THROUGH: [keyof CliFlags, string][] = [
  ["config", "--config"],
  ["profile", "--profile"],
  ["allowedRegions", "--allowed-regions"],
  ["format", "--format"],
  ["failOn", "--fail-on"],
  ["lang", "--lang"],
  ["rules", "--rules"],
  ["baseline", "--baseline"],
  ["exceptions", "--exceptions"],
  ["csvDelimiter", "--csv-delimiter"],
];

/**
 * The demo's configuration, used when neither `--config` nor a hemvist.config.* in the working
 * directory gives one: the `se` profile, and an attestation of the tenant's default geo read two
 * weeks ago (the demo tenant's root site measures the same geo, so the report shows a measured
 * value beside an attested one). Customer Key's data-encryption policies are left unattested, so
 * the report's "needs attestation" section has an entry.
 */
export function demoConfig(now: Date): string {
  const attestedOn = new Date(now.getTime() - 14 * 86_400_000).toISOString().slice(0, 10);
  return [
    "# The demo tenant's configuration (written by `hemvist demo`).",
    "profile: se",
    "attestations:",
    `  m365DefaultGeo: { geo: SWE, attestedBy: it-sakerhet@exempelkommun.se, attestedOn: ${attestedOn}, source: "Microsoft 365 admin center, Settings, Org settings, Organization profile, Data location" }`,
    "",
  ].join("\n");
}

/** Runs the audit CLI in a child process against an emulator; resolves with its exit code. */
export function runChildAudit(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(PACKAGE_ROOT, "bin", "hemvist.js"), ...args], { stdio: "inherit", env });
    const forward = (sig: NodeJS.Signals) => child.kill(sig);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolvePromise(code ?? (signal ? 2 : 0));
    });
  });
}

/**
 * The demo tenant with the fragments of `--rules DIR`'s rule folders added, so a rule added from
 * outside shows in the demo as a built-in one does. A fragment that does not load or fit is a
 * usage error naming it.
 */
async function demoWithRules(rulesDir: string | undefined): Promise<TenantModel> {
  try {
    return demoTenant(rulesDir ? await loadDemoFragments(resolve(rulesDir)) : []);
  } catch (err) {
    if (err instanceof DemoFragmentError || err instanceof DemoFragmentFileError) throw new UsageError(`--rules ${rulesDir}: ${err.message}`);
    throw err;
  }
}

export async function demoCommand(flags: CliFlags & { tenantModel?: string; out?: string }): Promise<void> {
  if (flags.tenantModel !== undefined && flags.tenantModel.trim() === "") throw new UsageError(`--tenant-model: found ${JSON.stringify(flags.tenantModel)}, expected a tenant model file (JSON or YAML).`);
  const out = resolve(flags.out ?? "reports/demo");
  // The audit runs in a child process, but its flags, files and outputs are checked here, before the
  // emulator starts: a refusal leaves the output folder as it was (no request log either).
  const settings = await resolveSettings({ ...flags, out });
  await loadRules(settings.rulesDir);
  await checkOutputs({ outDir: out, formats: settings.formats, snapshotOut: join(out, "snapshot.json"), snapshotFlag: "--out", inputs: inputFiles(settings) });
  await checkInputFiles(settings);
  const model = flags.tenantModel ? await loadTenantModel(flags.tenantModel) : await demoWithRules(flags.rules);
  const emulator = await startEmulator({ model });
  const tmp = await mkdtemp(join(tmpdir(), "hemvist-demo-"));
  try {
    const ca = join(tmp, "emulator-ca.pem");
    await emulator.writeCa(ca);
    if (!flags.quiet) {
      const name = displayText(model.displayName);
      const n = model.subscriptions.length;
      process.stderr.write(settings.lang === "sv" ? `Emulatorn serverar ${name} (${n} prenumerationer) på ${emulator.url}\n` : `Emulator serving ${name} (${n} subscriptions) at ${emulator.url}\n`);
    }
    const args = ["audit", "--auth", "static", "--arm-endpoint", emulator.url, "--graph-endpoint", emulator.url, "--out", out, "--tenant", model.tenantId];
    if (flags.config === undefined && findConfig(undefined, process.cwd()) === undefined) {
      const config = join(tmp, "hemvist.config.yaml");
      await writeAtomic(config, demoConfig(new Date()));
      args.push("--config", config);
    }
    for (const [k, flag] of PASS_THROUGH) {
      const v = flags[k];
      if (typeof v === "string") args.push(flag, v);
    }
    if (flags.failOnNew) args.push("--fail-on-new");
    if (flags.allowPartial) args.push("--allow-partial");
    if (flags.quiet) args.push("--quiet");
    if (flags.verbose) args.push("--verbose");
    const code = await runChildAudit(args, { ...process.env, NODE_EXTRA_CA_CERTS: ca, HEMVIST_STATIC_TOKEN: "hemvist-demo-token" });
    const log = emulator.requests.map((r) => ({ method: r.method, path: r.path, query: r.query, status: r.status }));
    // An audit that stopped before its first request leaves nothing to show.
    if (code === 2 && log.length === 0) {
      process.exitCode = 2;
      return;
    }
    await writeAtomic(join(out, "demo-requests.json"), `${JSON.stringify({ total: log.length, nonGet: log.filter((r) => r.method !== "GET").length, requests: log }, null, 1)}\n`);
    if (code === 2) {
      process.exitCode = 2;
      return;
    }
    if (!flags.quiet) {
      const methods = new Set(log.map((r) => r.method));
      process.stdout.write(demoClosingLines(settings.lang, { requests: log.length, methods: [...methods], requestLog: join(out, "demo-requests.json"), code }));
    }
    process.exitCode = 0;
  } finally {
    await emulator.close();
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * The demo's last lines, in the report language (the glossary's "slutkod", "klientorganisation"):
 * how many requests the emulator answered, and the exit code a real audit would have returned.
 */
export function demoClosingLines(lang: Lang, r: { requests: number; methods: string[]; requestLog: string; code: number }): string {
  const only = r.methods.join(", ");
  if (lang === "sv") {
    const why = r.code === 0 ? "inget underkänt resultat på eller över --fail-on" : r.code === 1 ? "underkända resultat" : "en del av klientorganisationen ej bedömd";
    return (
      `Demogranskningen gjorde ${r.requests} anrop till emulatorn (endast ${only}); anropslogg: ${r.requestLog}\n` +
      `En riktig granskning av den här klientorganisationen skulle avslutas med ${GLOSSARY.sv.term.exitCode} ${r.code} (${why}). Själva demon avslutas med ${GLOSSARY.sv.term.exitCode} 0.\n`
    );
  }
  const why = r.code === 0 ? "no failing result at or above --fail-on" : r.code === 1 ? "failing results" : "part of the tenant not assessed";
  return (
    `The demo audit made ${r.requests} requests to the emulator (${only} only); request log: ${r.requestLog}\n` +
    `A real audit of this tenant would exit with code ${r.code} (${why}). The demo itself exits 0.\n`
  );
}

export async function emulatorCommand(flags: { tenantModel?: string; port?: string; caOut?: string }): Promise<void> {
  const model = flags.tenantModel ? await loadTenantModel(flags.tenantModel) : demoTenant();
  const port = flags.port === undefined ? 0 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: found "${flags.port}", expected a port number.`);
  const emulator = await startEmulator({ model, port });
  const ca = resolve(flags.caOut ?? "hemvist-emulator-ca.pem");
  await emulator.writeCa(ca);
  process.stdout.write(
    `Serving ${displayText(model.displayName)} at ${emulator.url} (ARM and Graph). Certificate: ${ca}\n` +
      `Try: HEMVIST_STATIC_TOKEN=x NODE_EXTRA_CA_CERTS=${ca} npx hemvist audit --auth static --arm-endpoint ${emulator.url} --graph-endpoint ${emulator.url} --out reports/emulated\n` +
      "Stop with Ctrl+C.\n",
  );
  await new Promise<void>((done) => {
    process.once("SIGINT", done);
    process.once("SIGTERM", done);
  });
  await emulator.close();
}
