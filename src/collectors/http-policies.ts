/**
 * HTTP behaviour of every request: the retry budget and its backoff, the throttle that paces a
 * subscription whose ARM read bucket runs low (and retries a bare 429), and the per-request
 * defaults (timeout, abort signal). Pipeline policies for the ARM SDK clients; the Graph client
 * uses the same settings and backoff.
 */
import type { PipelinePolicy, PipelineResponse } from "@azure/core-rest-pipeline";
import { abortError } from "./failures.js";

/** Retry budget shared by the ARM pipeline, the bare-429 policy and the Graph client. */
export interface RetrySettings {
  maxRetries: number;
  retryDelayInMs: number;
  maxRetryDelayInMs: number;
}

/** The SDK's own defaults (core-rest-pipeline): 3 retries, 1 s base, 64 s cap. */
export const DEFAULT_RETRY: RetrySettings = { maxRetries: 3, retryDelayInMs: 1000, maxRetryDelayInMs: 64_000 };
/** Per-request timeout when none is configured. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** Settings of the read-rate brake (ARM token bucket: 250 reads, refill 25/s per subscription and principal). */
export interface RateLimitSettings {
  /** Below this many remaining reads, slow down (default 25 = 10 % of 250). */
  threshold: number;
  /** Bucket refill per second (default 25): the brake waits until the bucket is back at `threshold`. */
  refillPerSecond: number;
}

/** Exponential backoff with jitter in [50 %, 100 %] of min(max, base·2^attempt). */
export function backoffDelay(attempt: number, retry: RetrySettings): number {
  const exp = Math.min(retry.maxRetryDelayInMs, retry.retryDelayInMs * 2 ** attempt);
  return Math.round(exp * (0.5 + Math.random() * 0.5));
}

/**
 * Waits `ms`, or rejects with `reason()` as soon as `signal` is aborted (at once when it already is).
 * @param ms the wait
 * @param signal the run's abort signal, if any
 * @param reason what to reject with on abort
 */
export function sleep(ms: number, signal: AbortSignal | undefined, reason: () => unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(reason());
      return;
    }
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(reason());
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** The wait a 429 asks for in ms (`retry-after-ms`, `x-ms-retry-after-ms`, or `Retry-After` in seconds or as a date); undefined when it names none. */
export function retryAfterMs(res: PipelineResponse): number | undefined {
  for (const h of ["retry-after-ms", "x-ms-retry-after-ms"]) {
    const v = res.headers.get(h);
    if (v !== undefined && v.trim() !== "" && Number.isFinite(Number(v)) && Number(v) >= 0) return Number(v);
  }
  const ra = res.headers.get("retry-after");
  if (ra === undefined || ra.trim() === "") return undefined;
  if (Number.isFinite(Number(ra)) && Number(ra) >= 0) return Number(ra) * 1000;
  const at = Date.parse(ra);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function hasRetryAfter(res: PipelineResponse): boolean {
  return ["retry-after", "retry-after-ms", "x-ms-retry-after-ms"].some((h) => res.headers.get(h) !== undefined);
}

const SUB_IN_URL = /\/subscriptions\/([^/?#]+)/i;

/**
 * Per-attempt policy (position `perRetry`): retries a 429 that carries no Retry-After (the SDK
 * does not), and paces a subscription (ARM's bucket is per subscription) whose reads run low:
 * - `x-ms-ratelimit-remaining-subscription-reads` below the threshold brakes it until the bucket
 *   is back at the threshold;
 * - a 429 holds it for the time ARM asks (Retry-After), else for the backoff;
 * - after either, and while the header stays low, its reads are released one per refill interval
 *   (40 ms at 25/s) rather than all at once, so the reads that waited do not empty the bucket
 *   together and throttle each other out.
 */
export function throttlePolicy(retry: RetrySettings, rate: RateLimitSettings, signal?: AbortSignal): PipelinePolicy {
  const interval = 1000 / rate.refillPerSecond;
  /** Per subscription: the earliest time its next read may start, and until when its reads are paced. */
  const pace = new Map<string, { next: number; pacedUntil: number }>();
  const stateOf = (sub: string) => {
    let p = pace.get(sub);
    if (!p) pace.set(sub, (p = { next: 0, pacedUntil: 0 }));
    return p;
  };
  return {
    name: "hemvistThrottle",
    async sendRequest(req, next) {
      const sub = SUB_IN_URL.exec(new URL(req.url).pathname)?.[1]?.toLowerCase() ?? "";
      for (let attempt = 0; ; attempt++) {
        const p = pace.get(sub);
        const now = Date.now();
        if (p && (now < p.next || now < p.pacedUntil)) {
          // Take the next slot: the reads waiting for this subscription start one interval apart.
          const start = Math.max(now, p.next);
          p.next = start + interval;
          if (start > now) await sleep(start - now, signal, abortError);
        }
        const res = await next(req);
        const header = res.headers.get("x-ms-ratelimit-remaining-subscription-reads");
        const left = Number(header);
        if (header !== undefined && Number.isFinite(left) && left < rate.threshold) {
          const q = stateOf(sub);
          const t = Date.now();
          q.next = Math.max(q.next, t + Math.ceil(((rate.threshold - left) * 1000) / rate.refillPerSecond));
          q.pacedUntil = Math.max(q.pacedUntil, t + 1000);
        }
        if (res.status === 429) {
          const q = stateOf(sub);
          const t = Date.now();
          const delay = retryAfterMs(res) ?? backoffDelay(attempt, retry);
          q.next = Math.max(q.next, t + delay);
          q.pacedUntil = Math.max(q.pacedUntil, t + delay + 2000);
          // Retried here (after its slot) when ARM gave no Retry-After; else the SDK waits and retries.
          if (!hasRetryAfter(res) && attempt < retry.maxRetries) continue;
        }
        return res;
      }
    },
  };
}

/** Sets the per-request timeout and the run's abort signal on every request (position `perCall`). */
export function requestDefaultsPolicy(timeoutMs: number, signal?: AbortSignal): PipelinePolicy {
  return {
    name: "hemvistRequestDefaults",
    sendRequest(req, next) {
      if (!req.timeout) req.timeout = timeoutMs;
      if (signal && !req.abortSignal) req.abortSignal = signal;
      return next(req);
    },
  };
}
