/** Shared helpers of the reliability suite: emulators with chaos, CLI runs, result keys, output scans. */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { type Chaos, type ChaosOptions, createChaos } from "../../src/emulator/chaos.js";
import { demoTenant } from "../../src/emulator/demo/index.js";
import type { TenantModel } from "../../src/emulator/model.js";
import { type Emulator, startEmulator } from "../../src/emulator/server.js";
import { auditArgs, type CliRun, runCli, tempDir } from "../e2e/helpers.js";

export { auditArgs, runCli, tempDir, type CliRun };

/** Fast retries for the child CLI: 5 ms base delay, 3 retries (the SDK default count), 4 s request timeout. */
/**
 * Short retry delays for the fault tests. The per-request timeout stays generous (15 s): the
 * emulator answers from the test worker's own process, and with two test files and their CLI
 * children on two cores a healthy answer took over 4 s (a Graph request timed out, and the retry
 * budget ran out on a run that should have recovered). Tests of the timeout set their own.
 */
export const FAST_RETRY_ENV = { HEMVIST_RETRY_DELAY_MS: "5", HEMVIST_MAX_RETRIES: "3", HEMVIST_TIMEOUT_MS: "15000" };

/**
 * The demo tenant cut to its first subscription (Gemensam IT: 37 of its 124 resources, with high
 * failures) and its Microsoft 365 side: a whole audit in a third of the requests, for tests of
 * what happens around an audit (report writes, recovery) rather than of what it finds.
 */
export function oneSubscriptionDemo(): TenantModel {
  const t = demoTenant();
  return { ...t, subscriptions: t.subscriptions.slice(0, 1) };
}

export interface Lab {
  emulator: Emulator;
  chaos?: Chaos;
  env: NodeJS.ProcessEnv;
  dir: string;
}

/** Starts an emulator on `model` (with chaos when given) and returns the env a child CLI needs. */
export async function lab(model: TenantModel, chaos?: ChaosOptions, opts: { latencyMs?: number; token?: string } = {}): Promise<Lab> {
  const c = chaos ? createChaos(chaos) : undefined;
  const emulator = await startEmulator({ model, ...(c ? { chaos: c } : {}), ...(opts.latencyMs ? { latencyMs: opts.latencyMs } : {}) });
  const dir = await tempDir("hemvist-rel-");
  const ca = join(dir, "ca.pem");
  await emulator.writeCa(ca);
  return {
    emulator,
    ...(c ? { chaos: c } : {}),
    dir,
    env: { NODE_EXTRA_CA_CERTS: ca, HEMVIST_STATIC_TOKEN: opts.token ?? "test-token-not-secret", ...FAST_RETRY_ENV },
  };
}

/** What must be identical between a faulty and a fault-free run: fingerprint, status and severity of every result. */
export function resultKey(doc: { results: { fingerprint: string; status: string; severity: string }[] }): string[] {
  return doc.results.map((x) => `${x.fingerprint} ${x.status} ${x.severity}`).sort();
}

/** Every file under `dir` (recursively), as absolute paths. */
export async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
    else out.push(p);
  }
  return out.sort();
}

/** Name → content of every file in a folder (for "unchanged" checks). */
export async function folderState(dir: string): Promise<Record<string, string>> {
  const state: Record<string, string> = {};
  try {
    if (!(await stat(dir)).isDirectory()) return state;
  } catch {
    return state;
  }
  for (const f of await filesUnder(dir)) state[f.slice(dir.length)] = await readFile(f, "latin1");
  return state;
}
