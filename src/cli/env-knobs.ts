/** Test and tuning knobs read from the environment: retry budget and per-request timeout of the collectors. */
import type { RetrySettings } from "../collectors/http-policies.js";
import { UsageError } from "../base/errors.js";

/** Collector tuning from the environment (all optional). */
export interface EnvTuning {
  retry?: Partial<RetrySettings>;
  timeoutMs?: number;
}

function whole(env: NodeJS.ProcessEnv, name: string, min: number, max: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name}: found "${raw}", expected a whole number from ${min} to ${max}.`);
  return n;
}

/**
 * Reads `HEMVIST_RETRY_DELAY_MS` (base retry delay; the cap becomes 16 times it),
 * `HEMVIST_MAX_RETRIES` and `HEMVIST_TIMEOUT_MS` (per request). The fault-injection tests use them
 * to keep retries fast; unset, the SDK defaults apply (1 s base, 64 s cap, 3 retries, 60 s timeout).
 * @param env the environment
 * @returns the settings to pass to `collect`
 */
export function envTuning(env: NodeJS.ProcessEnv = process.env): EnvTuning {
  const delay = whole(env, "HEMVIST_RETRY_DELAY_MS", 0, 60_000);
  const maxRetries = whole(env, "HEMVIST_MAX_RETRIES", 0, 10);
  const timeoutMs = whole(env, "HEMVIST_TIMEOUT_MS", 100, 600_000);
  const retry: Partial<RetrySettings> = {
    ...(delay !== undefined ? { retryDelayInMs: delay, maxRetryDelayInMs: Math.max(delay * 16, 1) } : {}),
    ...(maxRetries !== undefined ? { maxRetries } : {}),
  };
  return { ...(Object.keys(retry).length > 0 ? { retry } : {}), ...(timeoutMs !== undefined ? { timeoutMs } : {}) };
}

/** Actions of HEMVIST_TEST_WRITE_FAULT: kill the process (SIGKILL), or fail the step as a full disk or a refused path would. */
const WRITE_FAULT_ACTIONS = ["kill", "enospc", "eacces"] as const;

/**
 * Reads `HEMVIST_TEST_WRITE_FAULT=<action>@<step>` (test only: the report-set tests stop a real
 * run there): at `step` of writing the report set (`staged:<file>`, `journal`, `journaled`,
 * `renamed:<file>`, `unjournal`; see FaultHook in base/report-set.ts) the process kills itself
 * with SIGKILL (`kill`) or the step fails with ENOSPC or EACCES. Unset: no hook.
 * @param env the environment
 */
export function writeFaultHook(env: NodeJS.ProcessEnv = process.env): ((step: string) => Promise<void>) | undefined {
  const raw = env.HEMVIST_TEST_WRITE_FAULT;
  if (raw === undefined || raw === "") return undefined;
  const m = /^([a-z]+)@(.+)$/.exec(raw);
  const action = m?.[1] as (typeof WRITE_FAULT_ACTIONS)[number] | undefined;
  if (!m || !action || !WRITE_FAULT_ACTIONS.includes(action)) {
    throw new UsageError(`HEMVIST_TEST_WRITE_FAULT: found "${raw}", expected <action>@<step> with action ${WRITE_FAULT_ACTIONS.join(", ")} (a test-only knob).`);
  }
  const step = m[2] as string;
  return async (at) => {
    if (at !== step) return;
    if (action === "kill") {
      process.kill(process.pid, "SIGKILL");
      await new Promise(() => undefined); // the signal ends the process before this settles
    }
    const code = action === "enospc" ? "ENOSPC" : "EACCES";
    throw Object.assign(new Error(`${code}: simulated at ${step}`), { code, syscall: "write" });
  };
}

/** `HEMVIST_TEST_COMMIT_WAIT_MS` (test only): how long a commit waits for another live run's commit into the same folder (default 60,000). */
export function commitWaitMs(env: NodeJS.ProcessEnv = process.env): number | undefined {
  return whole(env, "HEMVIST_TEST_COMMIT_WAIT_MS", 0, 600_000);
}
