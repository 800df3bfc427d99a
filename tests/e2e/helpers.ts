/**
 * Runs the built CLI (bin/hemvist.js → dist/) in a child process, the way users run it.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { TenantModel } from "../../src/emulator/model.js";
import { type Emulator, startEmulator } from "../../src/emulator/server.js";

export const ROOT = resolve(import.meta.dirname, "../..");
export const BIN = join(ROOT, "bin", "hemvist.js");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `hemvist <args>`; resolves when it exits (killed after `timeoutMs`). */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, opts: { cwd?: string; timeoutMs?: number } = {}): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, CI: "true", GITHUB_STEP_SUMMARY: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const t = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 120_000);
    child.on("error", fail);
    child.on("exit", (code) => {
      clearTimeout(t);
      done({ code, stdout, stderr });
    });
  });
}

export async function tempDir(prefix = "hemvist-test-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function readJson<T = any>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, "utf8")) as T;
}

/** Starts the emulator on a model and returns it with the env a child needs to trust it. */
export async function emulate(model: TenantModel): Promise<{ emulator: Emulator; env: NodeJS.ProcessEnv; dir: string }> {
  const emulator = await startEmulator({ model });
  const dir = await tempDir();
  const ca = join(dir, "ca.pem");
  await emulator.writeCa(ca);
  return { emulator, dir, env: { NODE_EXTRA_CA_CERTS: ca, HEMVIST_STATIC_TOKEN: "test-token-not-secret" } };
}

/** The outcome of one audit run through the CLI against an emulator. */
export interface AuditRun {
  code: number | null;
  stderr: string;
  /** findings.json */
  doc: any;
  /** The output folder (every report written). */
  out: string;
}

/**
 * Serves `model` from a fresh emulator, audits it with the built CLI into a fresh folder and closes
 * the emulator. `files` are written beside the output first (configuration, exceptions) and their
 * `{dir}` placeholder in `extra` is replaced by that folder.
 */
export async function auditModel(model: TenantModel, extra: string[] = [], files: Record<string, string> = {}): Promise<AuditRun> {
  const { emulator, env, dir } = await emulate(model);
  try {
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    const out = join(dir, "out");
    const r = await runCli(auditArgs(emulator.url, out, extra.map((a) => a.replaceAll("{dir}", dir))), env);
    return { code: r.code, stderr: r.stderr, doc: r.code === 2 ? undefined : await readJson(join(out, "findings.json")), out };
  } finally {
    await emulator.close();
  }
}

/** Arguments for `audit` against an emulator. */
export function auditArgs(url: string, out: string, extra: string[] = []): string[] {
  return ["audit", "--auth", "static", "--arm-endpoint", url, "--graph-endpoint", url, "--out", out, ...extra];
}
