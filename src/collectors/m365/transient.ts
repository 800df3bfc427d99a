/** Graph middleware that retries what the Graph SDK's RetryHandler does not: connection resets and other network failures, and 500/502 answers to GETs. */
import type { Context, Middleware } from "@microsoft/microsoft-graph-client";
import { backoffDelay, type RetrySettings, sleep } from "../http-policies.js";

/** Network error codes worth another attempt (the Azure SDK retries the same set). */
const TRANSIENT_CODES = new Set(["ECONNRESET", "ETIMEDOUT", "ESOCKETTIMEDOUT", "ECONNREFUSED", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED"]);

/** True for a fetch failure caused by the network (not an abort or timeout). */
export function isTransientNetworkError(e: unknown): boolean {
  if (!(e instanceof Error) || e.name === "AbortError" || e.name === "TimeoutError") return false;
  const cause = (e as { cause?: { code?: unknown } }).cause;
  const code = typeof cause?.code === "string" ? cause.code : (e as { code?: unknown }).code;
  return typeof code === "string" ? TRANSIENT_CODES.has(code) : e instanceof TypeError && e.message === "fetch failed";
}

function method(context: Context): string {
  const fromOptions = context.options?.method;
  if (typeof fromOptions === "string") return fromOptions.toUpperCase();
  return typeof context.request === "string" ? "GET" : (context.request.method ?? "GET").toUpperCase();
}

/**
 * Placed between the Graph RetryHandler and the HTTPMessageHandler: retries a GET whose connection
 * failed or that got 500/502, with the run's backoff, at most `retry.maxRetries` times. 429, 503 and
 * 504 stay with the RetryHandler (it honours Retry-After).
 * @param retry the run's retry budget
 * @param next the middleware that sends the request
 */
export function transientRetryMiddleware(retry: RetrySettings, next: Middleware): Middleware {
  return {
    async execute(context: Context): Promise<void> {
      const signal = context.options?.signal as AbortSignal | undefined;
      for (let attempt = 0; ; attempt++) {
        const last = attempt >= retry.maxRetries || method(context) !== "GET";
        try {
          await next.execute(context);
        } catch (e) {
          if (signal?.aborted || !isTransientNetworkError(e)) throw e;
          if (last) throw networkError(e, attempt + 1);
          await wait(backoffDelay(attempt, retry), signal);
          continue;
        }
        const status = context.response?.status;
        if (last || (status !== 500 && status !== 502)) return;
        await context.response?.body?.cancel().catch(() => undefined);
        await wait(backoffDelay(attempt, retry), signal);
      }
    },
  };
}

/** Waits `ms` before the next attempt; an abort rejects with the signal's own reason. */
function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return sleep(ms, signal, () => signal?.reason);
}

/** The final network failure, named so the Graph client's error (code = name) and coverage say `NetworkError`. */
function networkError(e: unknown, attempts: number): Error {
  const cause = (e as { cause?: { code?: unknown } }).cause;
  const code = typeof cause?.code === "string" ? cause.code : (e as { code?: unknown }).code;
  const err = new Error(`${typeof code === "string" ? `${code}: ` : ""}the connection failed (${attempts} attempt${attempts === 1 ? "" : "s"}).`);
  err.name = "NetworkError";
  return err;
}
