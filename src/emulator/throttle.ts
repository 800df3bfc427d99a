/** ARM's read throttling (token bucket per subscription and identity) and Resource Graph's per-user quota, for the emulator. */
import { armError, type Reply } from "./responses.js";

/** How the emulator throttles; every field has ARM's documented default. */
export interface ThrottleOptions {
  /** Reads a subscription bucket holds (ARM: 250 per subscription and principal). */
  bucketSize?: number;
  /** Tokens added per second (ARM: 25). */
  refillPerSecond?: number;
  /** Tenant-scope bucket (ARM: 250, 25/s per tenant and principal). */
  tenantBucketSize?: number;
  tenantRefillPerSecond?: number;
  /** Resource Graph: queries per window per user (15). */
  resourceGraphQueries?: number;
  /** Resource Graph window in seconds (5). */
  resourceGraphWindowSeconds?: number;
  /** Leave `Retry-After` out of ARM 429 answers (clients must back off on their own). */
  omitRetryAfter?: boolean;
}

/** Resolved settings (all defaults filled). */
export type ResolvedThrottle = Required<ThrottleOptions>;

/** ARM's documented limits: 250 reads per bucket, 25 a second; Resource Graph 15 queries per 5 s. */
export const ARM_THROTTLE_DEFAULTS: ResolvedThrottle = {
  bucketSize: 250,
  refillPerSecond: 25,
  tenantBucketSize: 250,
  tenantRefillPerSecond: 25,
  resourceGraphQueries: 15,
  resourceGraphWindowSeconds: 5,
  omitRetryAfter: false,
};

/** What the throttle needs to know about one request. */
export interface ThrottledRequest {
  method: string;
  /** Lower-cased path segments. */
  lower: string[];
  /** Tag of the bearer token (the "principal"); empty when none. */
  principal: string;
}

/** The throttle's answer: a 429 to send, or headers to add to the real answer. */
export type ThrottleDecision = { reply: Reply } | { headers: Record<string, string> };

/** Counters the benchmark reads. */
export interface ThrottleStats {
  /** ARM 429s sent. */
  armThrottled: number;
  /** Resource Graph 429s sent. */
  resourceGraphThrottled: number;
}

/** A throttle instance: one per emulator. */
export interface Throttle {
  settings: ResolvedThrottle;
  stats: ThrottleStats;
  /** Takes a token for the request (or refuses it). `now` in ms. */
  take(req: ThrottledRequest, now?: number): ThrottleDecision;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Whether a request is a Resource Graph query. */
export function isResourceGraphQuery(req: Pick<ThrottledRequest, "method" | "lower">): boolean {
  const l = req.lower;
  return req.method === "POST" && l.length === 3 && l[0] === "providers" && l[1] === "microsoft.resourcegraph" && l[2] === "resources";
}

/** `hh:mm:ss` as Resource Graph's `x-ms-user-quota-resets-after` gives it. */
function hms(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
}

/**
 * Creates the throttle: ARM reads take a token from the bucket of (subscription, principal) or
 * (tenant, principal) — refused with 429 and `Retry-After` (whole seconds, at least 1) when empty,
 * and answered with `x-ms-ratelimit-remaining-subscription-reads` / `-tenant-reads` otherwise;
 * Resource Graph queries count against a fixed window per principal (429 with `Retry-After` and
 * `x-ms-user-quota-resets-after`; `x-ms-user-quota-remaining` on success). Refused requests take no token.
 * @param opts limits (defaults: ARM's)
 */
export function createThrottle(opts: ThrottleOptions = {}): Throttle {
  const settings: ResolvedThrottle = { ...ARM_THROTTLE_DEFAULTS, ...opts };
  const buckets = new Map<string, Bucket>();
  const windows = new Map<string, { start: number; used: number }>();
  const stats: ThrottleStats = { armThrottled: 0, resourceGraphThrottled: 0 };

  const armTake = (key: string, size: number, rate: number, header: string, now: number): ThrottleDecision => {
    let b = buckets.get(key);
    if (!b) {
      b = { tokens: size, at: now };
      buckets.set(key, b);
    }
    b.tokens = Math.min(size, b.tokens + ((now - b.at) / 1000) * rate);
    b.at = now;
    if (b.tokens < 1) {
      stats.armThrottled++;
      const wait = (1 - b.tokens) / rate;
      const reply = armError(
        429,
        "TooManyRequests",
        "The request is being throttled as the limit has been reached for operation type - Read_ObservationWindow_00:05:00. For more information, see - https://aka.ms/srpthrottlinglimits",
      );
      reply.headers = { [header]: "0", ...(settings.omitRetryAfter ? {} : { "retry-after": String(Math.max(1, Math.ceil(wait))) }) };
      return { reply };
    }
    b.tokens -= 1;
    return { headers: { [header]: String(Math.floor(b.tokens)) } };
  };

  return {
    settings,
    stats,
    take(req, now = Date.now()) {
      if (isResourceGraphQuery(req)) {
        const windowMs = settings.resourceGraphWindowSeconds * 1000;
        let w = windows.get(req.principal);
        if (!w || now - w.start >= windowMs) {
          w = { start: now, used: 0 };
          windows.set(req.principal, w);
        }
        const resetsAfter = (w.start + windowMs - now) / 1000;
        if (w.used >= settings.resourceGraphQueries) {
          stats.resourceGraphThrottled++;
          const reply = armError(
            429,
            "RateLimiting",
            `Please provide below info when asking for support: timestamp = ${new Date(now).toISOString()}, correlationId = 00000000-0000-0000-0000-000000000000. Client application has been throttled and should not attempt to repeat the request until an amount of time has elapsed. Please see https://aka.ms/resourcegraph-throttling for help.`,
          );
          reply.headers = {
            "retry-after": String(Math.max(1, Math.ceil(resetsAfter))),
            "x-ms-user-quota-remaining": "0",
            "x-ms-user-quota-resets-after": hms(resetsAfter),
          };
          return { reply };
        }
        w.used++;
        return {
          headers: {
            "x-ms-user-quota-remaining": String(settings.resourceGraphQueries - w.used),
            "x-ms-user-quota-resets-after": hms(resetsAfter),
          },
        };
      }
      if (req.lower[0] === "subscriptions" && req.lower.length > 1) {
        const key = `s|${req.lower[1]}|${req.principal}`;
        return armTake(key, settings.bucketSize, settings.refillPerSecond, "x-ms-ratelimit-remaining-subscription-reads", now);
      }
      return armTake(`t|${req.principal}`, settings.tenantBucketSize, settings.tenantRefillPerSecond, "x-ms-ratelimit-remaining-tenant-reads", now);
    },
  };
}
