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
