/** Seeded fault injection for the emulator: random 429/5xx/resets/slow answers plus deterministic paging, body and token faults. */
import { createHash } from "node:crypto";
import type { ServerResponse } from "node:http";
import { fnv, mulberry32 } from "../builders/ids.js";
import { hostError, type Reply, type RequestContext } from "./responses.js";

/** A deterministic fault bound to request paths. */
export interface PathFault {
  /** Regular expression (case-insensitive) matched against the request path (without query). */
  path: string;
  /** Apply this many times, then behave normally. Default: always. */
  times?: number;
}

/** What to inject. Rates are probabilities per request attempt, in [0, 1]. */
export interface ChaosOptions {
  /** Seed of the PRNG: the same seed makes the same decision for the same request attempt. */
  seed: number;
  /** 429 with `Retry-After` (and `retry-after-ms`). */
  rate429?: number;
  /** 500 or 503 (half each; 503 without Retry-After, so clients back off themselves). */
  rate5xx?: number;
  /** Connection reset: the socket is destroyed without an answer. */
  resetRate?: number;
  /** Answer only after `slowMs` (meant to exceed the client's timeout). */
  slowRate?: number;
  slowMs?: number;
  /** The `Retry-After` of injected 429s in ms (default 50; `Retry-After` carries it rounded to seconds). */
  retryAfterMs?: number;
  /**
   * At most this many random faults in a row for one request (method + URL); the next attempt is
   * answered normally, so random faults stay within a client's retry budget. Default 2.
   */
  maxConsecutive?: number;
  /** Only requests whose path matches this (case-insensitive) get random faults. Default: every ARM and Graph path. */
  only?: string;
  /** Lists on these paths answer with a `nextLink` pointing at the page itself (the same link twice). */
  nextLinkLoop?: PathFault[];
  /**
   * Lists on these paths answer with a `nextLink` (`@odata.nextLink` on Graph) to the same path on
   * `origin` (default `https://evil.invalid`, which never resolves): a client must not follow it.
   */
  foreignNextLink?: (PathFault & { origin?: string })[];
  /** List pages on these paths lose their `value` array. */
  missingValue?: PathFault[];
  /** These paths always reset the connection. */
  reset?: PathFault[];
  /** These paths answer after `ms`. */
  slow?: (PathFault & { ms: number })[];
  /** These paths answer `status` (401 or 403) with an error message that echoes the request's Authorization header. */
  echoAuthorization?: (PathFault & { status: 401 | 403 })[];
  /**
   * These paths put the bearer token the request presented (the run's own token, JWT or opaque)
   * where a careless or hostile server might (see `TokenEchoPlace`): a client must keep it out of
   * everything it writes.
   */
  echoToken?: (PathFault & { into: TokenEchoPlace })[];
  /** Reject (401, expired token) a bearer token first presented more than this long ago. */
  tokenMaxAgeMs?: number;
}

/**
 * Where `echoToken` puts the token:
 * - `code`: a 403 whose error `code` is the token glued to a real code, and whose message quotes it;
 * - `details`: a 400 without a top-level `message` (clients then fall back to the whole body), the
 *   token in `target`, in `details[].code`, `.message` and `.target`, and in `innererror`;
 * - `headers`: a 403 with a plain body, the token in `WWW-Authenticate` and an `x-ms-…` header;
 * - `nextLink`: a list page whose `nextLink` (`@odata.nextLink`) goes to another host with the token
 *   URL-encoded in its query (and as a SAS `sig`);
 * - `httpNextLink`: the same on this host over plain http.
 */
export type TokenEchoPlace = "code" | "details" | "headers" | "nextLink" | "httpNextLink";

/** One fault the chaos layer injected. */
export interface InjectedFault {
  kind: "429" | "500" | "503" | "reset" | "slow" | "nextLinkLoop" | "foreignNextLink" | "missingValue" | "echoAuthorization" | "tokenExpired" | "echoToken";
  method: string;
  path: string;
}

/** What the server hands to the chaos layer for each ARM or Graph request, before sending `reply`. */
export interface ChaosRequest {
  ctx: RequestContext;
  res: ServerResponse;
  /** The answer the emulator is about to send; chaos may change it in place. */
  reply: Reply;
}

/** A chaos layer for one emulator. */
export interface Chaos {
  readonly options: ChaosOptions;
  /** Every fault injected, in order. */
  readonly injected: InjectedFault[];
  /** Distinct bearer tokens (by tag) seen, with when each was first presented. */
  readonly tokens: Map<string, number>;
  /**
   * Applies faults to one request: may change `reply` in place, delay, or destroy the socket.
   * @returns true when the request was handled (connection reset) and nothing must be sent
   */
  apply(req: ChaosRequest): Promise<boolean>;
}

/** The seeded PRNG chaos draws from (re-exported: tests replay a chaos run from its seed). */
export { mulberry32 };

function tagOf(authorization: string): string {
  return createHash("sha256").update(authorization.replace(/^Bearer\s+/i, "")).digest("hex").slice(0, 16);
}

function compile(faults: PathFault[] | undefined): { re: RegExp; times?: number; used: number; f: PathFault }[] {
  return (faults ?? []).map((f) => ({ re: new RegExp(f.path, "i"), ...(f.times !== undefined ? { times: f.times } : {}), used: 0, f }));
}

function take<T extends { re: RegExp; times?: number; used: number }>(list: T[], path: string): T | undefined {
  const hit = list.find((x) => x.re.test(path) && (x.times === undefined || x.used < x.times));
  if (hit) hit.used++;
  return hit;
}

function isListPage(body: unknown): body is Record<string, unknown> & { value: unknown[] } {
  return typeof body === "object" && body !== null && Array.isArray((body as { value?: unknown }).value);
}

/** Puts `token` into `reply` at `into` (see `TokenEchoPlace`). */
function echoToken(ctx: RequestContext, reply: Reply, token: string, into: TokenEchoPlace): void {
  const graph = ctx.host === "graph";
  if (into === "code") {
    Object.assign(reply, hostError(ctx, 403, `AuthorizationFailed_${token}`, `The client presenting token ${token} does not have authorization to perform action over scope '${ctx.path}'.`));
    delete reply.headers;
  } else if (into === "details") {
    const inner = graph ? "innerError" : "innererror";
    reply.status = 400;
    reply.body = {
      error: {
        code: "InvalidRequestContent",
        target: token,
        details: [{ code: `InvalidToken_${token}`, message: `Bearer ${token} was rejected for this scope.`, target: `Authorization: Bearer ${token}` }],
        [inner]: { code: "TokenRejected", token, "request-id": "6f1c0a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b" },
      },
    };
    delete reply.headers;
  } else if (into === "headers") {
    Object.assign(reply, hostError(ctx, 403, "AuthorizationFailed", "The client does not have authorization to perform this action."));
    reply.headers = {
      "www-authenticate": `Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="token ${token} rejected"`,
      "x-ms-failure-cause": `presented ${token}`,
    };
  } else {
    const origin = into === "nextLink" ? "https://evil.invalid" : ctx.origin.replace(/^https:/, "http:");
    const q = encodeURIComponent(token);
    const link = `${origin}${ctx.path}?$skiptoken=${q}&sv=2022-11-02&sig=${q}`;
    reply.body = { ...(reply.body as object), [graph ? "@odata.nextLink" : "nextLink"]: link };
  }
}

/**
 * Creates a chaos layer. Random decisions depend only on the seed, the request (method, path and
 * query) and how many times that request was seen, so the same run gets the same faults whatever
 * order concurrent requests arrive in.
 * @param options what to inject
 */
export function createChaos(options: ChaosOptions): Chaos {
  const injected: InjectedFault[] = [];
  const tokens = new Map<string, number>();
  const attempts = new Map<string, number>();
  const streak = new Map<string, number>();
  const only = options.only ? new RegExp(options.only, "i") : undefined;
  const loops = compile(options.nextLinkLoop);
  const foreign = compile(options.foreignNextLink);
  const missing = compile(options.missingValue);
  const resets = compile(options.reset);
  const slows = compile(options.slow);
  const echoes = compile(options.echoAuthorization);
  const tokenEchoes = compile(options.echoToken);
  const maxConsecutive = options.maxConsecutive ?? 2;
  const retryAfterMs = options.retryAfterMs ?? 50;

  const note = (kind: InjectedFault["kind"], ctx: RequestContext) => injected.push({ kind, method: ctx.method, path: ctx.path });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  const reset = (res: ServerResponse): true => {
    res.socket?.destroy();
    return true;
  };

  return {
    options,
    injected,
    tokens,
    async apply({ ctx, res, reply }) {
      const auth = typeof ctx.headers.authorization === "string" ? ctx.headers.authorization : undefined;
      // Token lifetime first: an expired token gets nothing else.
      if (auth) {
        const tag = tagOf(auth);
        const first = tokens.get(tag) ?? Date.now();
        if (!tokens.has(tag)) tokens.set(tag, first);
        if (options.tokenMaxAgeMs !== undefined && Date.now() - first > options.tokenMaxAgeMs) {
          note("tokenExpired", ctx);
          Object.assign(
            reply,
            ctx.host === "graph"
              ? hostError(ctx, 401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired.")
              : { ...hostError(ctx, 401, "ExpiredAuthenticationToken", "The access token expiry UTC time is earlier than current UTC time."), headers: { "www-authenticate": 'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="The access token has expired."' } },
          );
          return false;
        }
      }

      const echo = take(echoes, ctx.path);
      if (echo) {
        note("echoAuthorization", ctx);
        const status = (echo.f as PathFault & { status: 401 | 403 }).status;
        const seen = auth ?? "(none)";
        Object.assign(reply, hostError(ctx, status, status === 401 ? "InvalidAuthenticationToken" : "AuthorizationFailed", `Access denied for request with header Authorization: ${seen}. Token '${seen.replace(/^Bearer\s+/i, "")}' is not valid for this scope.`));
        delete reply.headers;
        return false;
      }

      const tokenEcho = auth ? take(tokenEchoes, ctx.path) : undefined;
      if (tokenEcho && auth) {
        const into = (tokenEcho.f as PathFault & { into: TokenEchoPlace }).into;
        // A list page is needed for a link; other places replace the answer.
        if ((into !== "nextLink" && into !== "httpNextLink") || (reply.status === 200 && isListPage(reply.body))) {
          note("echoToken", ctx);
          echoToken(ctx, reply, auth.replace(/^Bearer\s+/i, ""), into);
          return false;
        }
      }

      if (take(resets, ctx.path)) {
        note("reset", ctx);
        return reset(res);
      }
      const slow = take(slows, ctx.path);
      if (slow) {
        note("slow", ctx);
        await sleep((slow.f as PathFault & { ms: number }).ms);
      }

      // Random faults, decided per request attempt.
      const key = `${ctx.method} ${ctx.path}?${ctx.rawQuery}`;
      const n = attempts.get(key) ?? 0;
      attempts.set(key, n + 1);
      if (!only || only.test(ctx.path)) {
        const run = streak.get(key) ?? 0;
        const r = mulberry32((options.seed ^ fnv(key) ^ Math.imul(n + 1, 0x9e3779b1)) >>> 0)();
        let kind: InjectedFault["kind"] | undefined;
        if (run < maxConsecutive) {
          let edge = options.rate429 ?? 0;
          if (r < edge) kind = "429";
          else if (r < (edge += options.rate5xx ?? 0)) kind = r < edge - (options.rate5xx ?? 0) / 2 ? "500" : "503";
          else if (r < (edge += options.resetRate ?? 0)) kind = "reset";
          else if (r < (edge += options.slowRate ?? 0)) kind = "slow";
        }
        streak.set(key, kind && kind !== "slow" ? run + 1 : 0);
        if (kind) note(kind, ctx);
        if (kind === "reset") return reset(res);
        if (kind === "slow") await sleep(options.slowMs ?? 0);
        if (kind === "429") {
          const message = ctx.host === "graph" ? "Too many requests." : "The request is being throttled as the limit has been reached for operation type - Read_ObservationWindow_00:05:00. For more information, see - https://aka.ms/srpthrottlinglimits";
          Object.assign(reply, hostError(ctx, 429, "TooManyRequests", message), {
            headers: { "retry-after": String(Math.round(retryAfterMs / 1000)), "retry-after-ms": String(retryAfterMs) },
          });
          return false;
        }
        if (kind === "500") {
          Object.assign(reply, hostError(ctx, 500, "InternalServerError", "Encountered internal server error. Diagnostic information: timestamp '', subscription id '', tracking id ''."));
          delete reply.headers;
          return false;
        }
        if (kind === "503") {
          Object.assign(reply, hostError(ctx, 503, "ServiceUnavailable", "The service is temporarily unavailable. Please try again later."));
          delete reply.headers;
          return false;
        }
      }

      // Body faults on successful list pages.
      if (reply.status === 200 && isListPage(reply.body)) {
        if (take(loops, ctx.path)) {
          note("nextLinkLoop", ctx);
          const self = `${ctx.origin}${ctx.path}${ctx.rawQuery ? `?${ctx.rawQuery}` : ""}`;
          reply.body = { ...reply.body, [ctx.host === "graph" ? "@odata.nextLink" : "nextLink"]: self };
        } else {
          const away = take(foreign, ctx.path);
          if (away) {
            note("foreignNextLink", ctx);
            const origin = (away.f as { origin?: string }).origin ?? "https://evil.invalid";
            const link = `${origin}${ctx.path}?$skiptoken=foreign${ctx.rawQuery ? `&${ctx.rawQuery}` : ""}`;
            reply.body = { ...reply.body, [ctx.host === "graph" ? "@odata.nextLink" : "nextLink"]: link };
          } else if (take(missing, ctx.path)) {
            note("missingValue", ctx);
            const { value: _dropped, ...rest } = reply.body;
            reply.body = rest;
          }
        }
      }
      return false;
    },
  };
}
