/** Collector framework: the context every collector reads through (limiters, raw capture, coverage) and the collector interfaces. */
import { AsyncLocalStorage } from "node:async_hooks";
import type { TokenCredential } from "@azure/core-auth";
import { isRestError } from "@azure/core-rest-pipeline";
import type { PipelinePolicy, PipelineRequest, PipelineResponse } from "@azure/core-rest-pipeline";
import pLimit from "p-limit";
import PQueue from "p-queue";
import type { ArmResource, Collection, CoverageEntry, Snapshot, SubscriptionSnapshot } from "../snapshot/types.js";
import { documentedAbsence } from "./absence.js";

/** Endpoints and token scopes of one Azure cloud. */
export interface CloudSettings {
  name: "AzureCloud" | "AzureChinaCloud" | "AzureUSGovernment" | string;
  armEndpoint: string;
  graphEndpoint: string;
  armScope: string;
  graphScope: string;
  authorityHost: string;
}

/** One logical read: where it happens, what it fills and how it is named in coverage. */
export interface ReadRequest {
  subscriptionId?: string;
  /** ARM id or `/tenants/{t}/...` the read covers (coverage `scope`). */
  scope: string;
  collection: Collection;
  /** e.g. `GET /subscriptions/{s}/providers/Microsoft.Storage/storageAccounts`. */
  operation: string;
  /** Resource provider namespace, e.g. `Microsoft.Storage` (409 MissingSubscriptionRegistration → not registered). */
  providerNamespace?: string;
  /** ARM action or Graph application permission that allows the read. */
  permission?: string;
  /**
   * Order among the subscription's waiting reads: higher runs first, equal ones in the order they
   * were asked for. Default `READ_PRIORITY.child` for a read scoped below the subscription, else
   * `READ_PRIORITY.list`. Reads without `subscriptionId` do not queue per subscription.
   */
  priority?: number;
  /**
   * The coverage entry to record for a failure instead of the answer's own status and code (e.g.
   * `SubscriptionNotVisible` for a 403/404 on a subscription's own GET); undefined keeps the answer's.
   */
  gapFor?(failure: ReadFailure): Pick<CoverageEntry, "code" | "message"> | undefined;
}

/**
 * Read priorities within a subscription. Children first, so the reads a list's items lead to are
 * not queued behind the subscription's remaining (slow, many-paged) lists; lists whose items have
 * children before other lists, so those children start early and keep ARM's per-subscription read
 * bucket busy.
 */
export const READ_PRIORITY = {
  /** A subscription-level list (the default for a read scoped to the subscription). */
  list: 0,
  /** A subscription-level list whose items have children a rule needs (key vaults, SQL servers, ...). */
  parentList: 1,
  /**
   * A child read that only the last rules wait for (a vault's keys: KEY-02 and KEY-03 alone).
   * Read after the other children, so the rules with many results (CLS-02 over SQL databases,
   * ENC-02, ENC-07, RES-05) can run while the keys are still being read.
   */
  lateChild: 2,
  /** A read below a subscription-level list (databases, deployments, ...; the default for a read scoped below the subscription). */
  child: 3,
} as const;

/** What every collector gets. */
export interface CollectorContext {
  credential: TokenCredential;
  cloud: CloudSettings;
  tenantId: string;
  /** Options for every ARM SDK client constructor (endpoint, scopes for both generator styles, retry, policies incl. the raw-capture policy, user agent `hemvist/<version>`). */
  armClientOptions: Record<string, unknown>;
  /**
   * Run one logical read (a list with all its pages, or one GET) under the limiters; returns raw
   * REST payloads, or undefined when it failed (already recorded as coverage). It is empty only
   * when the answer was a successful empty one, the provider is not registered in the
   * subscription, or the answer is a documented absence (absence.ts); any other answer is a gap.
   */
  read(req: ReadRequest, fn: () => Promise<unknown>): Promise<ArmResource[] | undefined>;
  /** Drain an SDK paged iterator (used inside `read`'s fn). */
  drain(iter: AsyncIterable<unknown>): Promise<void>;
  isRegistered(subscriptionId: string, providerNamespace: string): boolean;
  apiVersion(collection: Collection, version: string): void;
  progress(e: ProgressEvent): void;
  /**
   * Tells the orchestrator that `collections` of `sub` are final: their `sub.collections` entries
   * are assigned (or will stay absent) and every coverage entry of theirs for this subscription is
   * recorded. Call it as soon as that holds (e.g. after the parent list, before its children are
   * read), so consumers of `onCollectionComplete` can start early. Calling it again is harmless;
   * the orchestrator also marks a collector's collections final when its `collect` resolves.
   */
  markFinal(sub: SubscriptionSnapshot, collections: readonly Collection[]): void;
  /** Records a scope that could not be read (or is out of view) as a coverage entry. */
  addCoverage(entry: CoverageEntry): void;
  /**
   * Lower-cased ids of every subscription `GET /subscriptions` returned (before `--subscriptions`
   * or sharding narrowed them); undefined until the list is read, or when it failed.
   */
  visibleSubscriptions?: ReadonlySet<string>;
  signal?: AbortSignal;
}

/** Progress of one collector for one subscription (or the tenant). */
export interface ProgressEvent {
  subscriptionId?: string;
  collector: string;
  phase: "start" | "done" | "failed";
  count?: number;
  message?: string;
}

/** Reads collections of one subscription into `sub.collections`. */
export interface SubscriptionCollector {
  name: string;
  collections: Collection[];
  collect(ctx: CollectorContext, sub: SubscriptionSnapshot): Promise<void>;
}

/** Reads tenant-level collections into the snapshot. */
export interface TenantCollector {
  name: string;
  collections: Collection[];
  collect(ctx: CollectorContext, snap: Snapshot): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Implementation: raw capture, throttling, limiters and coverage.
// ---------------------------------------------------------------------------------------------


/** Retry budget shared by the ARM pipeline, the bare-429 policy and the Graph client. */
export interface RetrySettings {
  maxRetries: number;
  retryDelayInMs: number;
  maxRetryDelayInMs: number;
}

/** The SDK's own defaults (core-rest-pipeline): 3 retries, 1 s base, 64 s cap. */
export const DEFAULT_RETRY: RetrySettings = { maxRetries: 3, retryDelayInMs: 1000, maxRetryDelayInMs: 64_000 };
/**
 * Requests in flight across the run when none is configured. Each subscription has its own ARM
 * bucket (25 reads/s): 20 subscriptions at 40 ms need about 20 in flight, so 8 would serialise
 * them; 64 measured best on the 100,000-resource benchmark (see README, Performance).
 */
export const DEFAULT_CONCURRENCY = 64;
/** Reads in flight per subscription when none is configured: 2 lists and 4 child reads. */
export const DEFAULT_PER_SUBSCRIPTION = 6;
/** Per-request timeout when none is configured. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** A failure the framework itself detects in a response (not an HTTP error). */
export class CollectionError extends Error {
  readonly code: "MalformedResponse" | "PagingLoop";
  readonly httpStatus?: number;
  constructor(code: "MalformedResponse" | "PagingLoop", message: string, httpStatus?: number) {
    super(message);
    this.name = "CollectionError";
    this.code = code;
    if (httpStatus !== undefined) this.httpStatus = httpStatus;
  }
}

/** A collector used the framework wrongly (a bug): never turned into coverage. */
export class FrameworkMisuseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FrameworkMisuseError";
  }
}

/** State of the logical read running in the current async context. */
interface ReadState {
  items: unknown[];
  /** Set by `drain`: every 2xx body must be a list page. */
  list: boolean;
  /** Request URLs and nextLinks seen in this read (paging-loop detection). */
  seen: Set<string>;
  apiVersion?: string;
  /** The last error response's ARM/Graph error body (modular clients drop it from the RestError). */
  lastError?: { status: number; code?: string; message?: string };
}

const readStore = new AsyncLocalStorage<ReadState>();

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Records one list page (or single body) into the current read: used by the ARM raw-capture
 * policy and by readers that page themselves (Graph). Throws `CollectionError` for a page without
 * an array `value` or a nextLink seen before.
 * @param body the parsed response body
 * @param opts `list` forces list-page handling; `nextLinkKey` names the paging property
 */
export function capturePage(body: unknown, opts: { list?: boolean; nextLinkKey?: string } = {}): void {
  const st = readStore.getStore();
  if (!st) return;
  // A body with an array `value` and no `id` is a list page even if the collector did not use drain().
  const looksLikeList = isObject(body) && Array.isArray(body.value) && typeof body.id !== "string";
  if (opts.list || st.list || looksLikeList) {
    if (!isObject(body) || !Array.isArray(body.value)) {
      throw new CollectionError("MalformedResponse", "List response page has no array 'value'.");
    }
    st.items.push(...body.value);
    const next = body[opts.nextLinkKey ?? "nextLink"];
    if (typeof next === "string" && next !== "") {
      if (st.seen.has(next)) throw new CollectionError("PagingLoop", `nextLink repeats a page already read in this list.`);
      st.seen.add(next);
    }
  } else if (body !== undefined && body !== null && body !== "") {
    st.items.push(body);
  }
}

/** Marks a URL as requested in the current read (loop detection), throwing on a repeat page. */
function noteRequestUrl(st: ReadState, url: string): void {
  if (!st.list) return;
  // The SDK requests nextLinks verbatim; a first page equal to a later nextLink is a loop too.
  st.seen.add(url);
}

/** Parses a response body text as JSON, or throws `MalformedResponse`. */
function parseBody(text: string | null | undefined, status: number): unknown {
  if (text === undefined || text === null || text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new CollectionError("MalformedResponse", "Response body is not valid JSON.", status);
  }
}

/**
 * The raw-capture policy (position `perCall`, so it sees the final response after retries): inside a
 * `ctx.read` it parses every 2xx body and records the raw items, and detects paging loops.
 */
export function rawCapturePolicy(): PipelinePolicy {
  return {
    name: "hemvistRawCapture",
    async sendRequest(req: PipelineRequest, next) {
      const st = readStore.getStore();
      if (!st) return next(req);
      noteRequestUrl(st, req.url);
      let res: PipelineResponse;
      try {
        res = await next(req);
      } catch (e) {
        // Classic clients parse in their deserialization policy, before this one sees the response.
        if (isRestError(e) && e.code === "PARSE_ERROR") {
          throw new CollectionError("MalformedResponse", "Response body is not valid JSON.", e.statusCode);
        }
        throw e;
      }
      if (res.status >= 200 && res.status < 300) {
        st.apiVersion ??= new URL(req.url).searchParams.get("api-version") ?? undefined;
        const body = parseBody(res.bodyAsText, res.status);
        if (st.list && body === undefined) {
          throw new CollectionError("MalformedResponse", "List response page is empty.", res.status);
        }
        capturePage(body);
      } else if (res.status >= 400) {
        st.lastError = { status: res.status, ...errorBody(res.bodyAsText) };
      }
      return res;
    },
  };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(abortError());
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function abortError(): Error {
  const e = new Error("Collection was aborted.");
  e.name = "AbortError";
  return e;
}

/** Exponential backoff with jitter in [50 %, 100 %] of min(max, base·2^attempt). */
export function backoffDelay(attempt: number, retry: RetrySettings): number {
  const exp = Math.min(retry.maxRetryDelayInMs, retry.retryDelayInMs * 2 ** attempt);
  return Math.round(exp * (0.5 + Math.random() * 0.5));
}

function hasRetryAfter(res: PipelineResponse): boolean {
  return ["retry-after", "retry-after-ms", "x-ms-retry-after-ms"].some((h) => res.headers.get(h) !== undefined);
}

/** Settings of the read-rate brake (ARM token bucket: 250 reads, refill 25/s per subscription and principal). */
export interface RateLimitSettings {
  /** Below this many remaining reads, slow down (default 25 = 10 % of 250). */
  threshold: number;
  /** Bucket refill per second (default 25): the brake waits until the bucket is back at `threshold`. */
  refillPerSecond: number;
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
          if (start > now) await sleep(start - now, signal);
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

/** Error details pulled out of whatever a failed read threw. */
export interface ReadFailure {
  httpStatus?: number;
  code: string;
  message: string;
}

/** ARM `{error:{code,message}}` / Graph `{error:{code,message}}` from a response text. */
function errorBody(text: string | null | undefined): { code?: string; message?: string } {
  try {
    const b: unknown = text ? JSON.parse(text) : undefined;
    const err = isObject(b) && isObject(b.error) ? b.error : undefined;
    return {
      ...(typeof err?.code === "string" ? { code: err.code } : {}),
      ...(typeof err?.message === "string" ? { message: err.message } : {}),
    };
  } catch {
    return {};
  }
}

/**
 * Classifies an error thrown by an SDK client, the Graph client or the framework.
 * @param e the thrown value
 * @param lastError the error body the raw-capture policy saw for this read, if any
 * @returns status, code and message for a coverage entry
 */
export function describeFailure(e: unknown, lastError?: { status: number; code?: string; message?: string }): ReadFailure {
  const f = describeFailureRaw(e, lastError);
  return { ...f, message: redactSecrets(f.message) };
}

/**
 * Removes anything token-like from a message before it reaches a snapshot, report or log: an
 * `Authorization: Bearer …` header, a bare bearer token, a JWT, or a `client_assertion=` value.
 */
export function redactSecrets(message: string): string {
  return message
    .replace(/(authorization["']?\s*[:=]\s*["']?)(bearer\s+)?[^\s"',;}]+/gi, "$1$2[redacted]")
    .replace(/\bbearer\s+[A-Za-z0-9\-._~+/]+=*/gi, "Bearer [redacted]")
    .replace(/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, "[redacted-jwt]")
    .replace(/(client_assertion|access_token|client_secret)=([^&\s]+)/gi, "$1=[redacted]");
}

/**
 * Replaces every occurrence of the given tokens in a message (for tokens that look like nothing in
 * particular: static tokens, opaque tokens).
 * @param message the text
 * @param tokens the access tokens handed out in this run
 */
export function redactTokens(message: string, tokens: Iterable<string>): string {
  let out = message;
  for (const t of tokens) if (t.length >= 8 && out.includes(t)) out = out.split(t).join("[redacted]");
  return out;
}

function describeFailureRaw(e: unknown, lastError?: { status: number; code?: string; message?: string }): ReadFailure {
  if (isRestError(e) && lastError && lastError.status === (e.statusCode ?? e.response?.status) && (lastError.code || lastError.message)) {
    return {
      httpStatus: lastError.status,
      code: lastError.code ?? e.code ?? (lastError.status === 429 ? "TooManyRequests" : `Http${lastError.status}`),
      message: lastError.message ?? e.message,
    };
  }
  if (e instanceof CollectionError) {
    return { ...(e.httpStatus !== undefined ? { httpStatus: e.httpStatus } : {}), code: e.code, message: e.message };
  }
  if (isRestError(e)) {
    const status = e.statusCode ?? e.response?.status;
    const body = errorBody(e.response?.bodyAsText);
    let code = body.code;
    let message = body.message ?? e.message;
    if (!code) {
      if (e.code === "PARSE_ERROR") code = "MalformedResponse";
      else if (status === undefined) {
        // No response at all: connection refused, DNS, TLS (ECONNREFUSED, ENOTFOUND, REQUEST_SEND_ERROR ...).
        code = "NetworkError";
        if (e.code && e.code !== "REQUEST_SEND_ERROR") message = `${e.code}: ${message}`;
      } else if (status === 429) code = "TooManyRequests";
      else code = e.code ?? `Http${status}`;
    }
    return { ...(status !== undefined ? { httpStatus: status } : {}), code, message };
  }
  if (e instanceof SyntaxError) return { code: "MalformedResponse", message: e.message };
  if (e instanceof Error && (e.name === "AbortError" || e.name === "TimeoutError")) return { code: "Timeout", message: "The request timed out." };
  if (e instanceof TypeError && e.message === "fetch failed") {
    // fetch (Graph client): the connection failed; the cause names why (ECONNRESET, ECONNREFUSED ...).
    const cause = e.cause as { code?: unknown; message?: unknown } | undefined;
    const why = typeof cause?.code === "string" ? cause.code : typeof cause?.message === "string" ? cause.message : "";
    return { code: "NetworkError", message: why ? `${why}: the connection failed.` : "The connection failed." };
  }
  if (isObject(e) || e instanceof Error) {
    // Graph client's GraphError: statusCode, code, message.
    const g = e as { statusCode?: unknown; code?: unknown; message?: unknown; body?: unknown };
    const status = typeof g.statusCode === "number" && g.statusCode > 0 ? g.statusCode : undefined;
    const body = typeof g.body === "string" ? errorBody(g.body) : {};
    let code = typeof g.code === "string" && g.code !== "" ? g.code : body.code;
    if (!code) code = status === 429 ? "TooManyRequests" : status !== undefined ? `Http${status}` : "UnexpectedError";
    if (code === "SyntaxError") code = "MalformedResponse";
    if (code === "TimeoutError" || code === "AbortError") code = "Timeout";
    const message = typeof g.message === "string" && g.message !== "" ? g.message : (body.message ?? String(code));
    return { ...(status !== undefined ? { httpStatus: status } : {}), code, message };
  }
  return { code: "UnexpectedError", message: String(e) };
}

/** `READ_PRIORITY.list` for a read scoped to the subscription itself, `READ_PRIORITY.child` for one scoped below it. */
function defaultPriority(subscriptionId: string, scope: string): number {
  return scope.toLowerCase() === `/subscriptions/${subscriptionId.toLowerCase()}` ? READ_PRIORITY.list : READ_PRIORITY.child;
}

/** Options of the framework context (what `collect` passes down). */
export interface FrameworkOptions {
  credential: TokenCredential;
  cloud: CloudSettings;
  tenantId: string;
  toolVersion: string;
  /** Receives coverage entries and api-versions. */
  snapshot: Snapshot;
  concurrency?: number;
  perSubscriptionConcurrency?: number;
  retry?: Partial<RetrySettings>;
  timeoutMs?: number;
  rateLimit?: Partial<RateLimitSettings>;
  onProgress?(e: ProgressEvent): void;
  /** Receives `markFinal` calls (the orchestrator's completion bookkeeping). */
  onMarkFinal?(sub: SubscriptionSnapshot, collections: readonly Collection[]): void;
  signal?: AbortSignal;
}

/** The context plus what the orchestrator needs to manage it. */
export interface FrameworkContext extends CollectorContext {
  /** The resolved retry settings (the Graph client uses them too). */
  retry: RetrySettings;
  timeoutMs: number;
  /** Makes a subscription known (for notRegisteredProviders). */
  addSubscription(sub: SubscriptionSnapshot): void;
  /** Records registration states from `GET /subscriptions/{s}/providers` payloads. */
  setProviders(subscriptionId: string, providers: ArmResource[]): void;
  /** Records a namespace as not registered in a subscription. */
  markNotRegistered(subscriptionId: string, providerNamespace: string): void;
  /** Throws an AbortError when the run's signal is aborted. */
  throwIfAborted(): void;
}

/**
 * Builds the collector context: the limiters, the ARM client options with the raw-capture,
 * throttle and request-default policies, and the coverage bookkeeping.
 * @param opts run options
 * @returns a context shared by every collector of the run
 */
export function createCollectorContext(opts: FrameworkOptions): FrameworkContext {
  const retry: RetrySettings = { ...DEFAULT_RETRY, ...opts.retry };
  const rate: RateLimitSettings = { threshold: 25, refillPerSecond: 25, ...opts.rateLimit };
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const global = pLimit(opts.concurrency ?? DEFAULT_CONCURRENCY);
  const perSub = new Map<string, PQueue>();
  const subs = new Map<string, SubscriptionSnapshot>();
  const notRegistered = new Map<string, Set<string>>();
  const signal = opts.signal;
  // Every token handed out in this run, so failure messages that echo one are redacted even when it is not a JWT.
  const issued = new Set<string>();
  const getToken: TokenCredential["getToken"] = async (scopes, options) => {
    const t = await opts.credential.getToken(scopes, options);
    if (t?.token) issued.add(t.token);
    return t;
  };
  // A transparent wrapper: everything but getToken is the caller's credential.
  const credential = new Proxy(opts.credential, { get: (target, p, receiver) => (p === "getToken" ? getToken : Reflect.get(target, p, receiver)) });
  const snap = opts.snapshot;

  const armClientOptions: Record<string, unknown> = {
    endpoint: opts.cloud.armEndpoint,
    credentialScopes: [opts.cloud.armScope],
    credentials: { scopes: [opts.cloud.armScope] },
    retryOptions: { ...retry },
    userAgentOptions: { userAgentPrefix: `hemvist/${opts.toolVersion}` },
    additionalPolicies: [
      { policy: requestDefaultsPolicy(timeoutMs, signal), position: "perCall" },
      { policy: rawCapturePolicy(), position: "perCall" },
      { policy: throttlePolicy(retry, rate, signal), position: "perRetry" },
    ],
  };

  /**
   * The subscription's read queues, highest priority first in each. With two or more reads per
   * subscription they are two lanes: subscription-level lists (slow, many-paged) get a third of the
   * reads, child reads the rest, so children start the moment their parent list answers and keep
   * ARM's bucket busy while the lists still progress (rules run as soon as their lists are complete).
   */
  const perSubTotal = opts.perSubscriptionConcurrency ?? DEFAULT_PER_SUBSCRIPTION;
  const listLane = perSubTotal >= 2 ? Math.max(1, Math.floor(perSubTotal / 3)) : perSubTotal;
  const queueFor = (subscriptionId: string, lane: "list" | "child"): PQueue => {
    const key = `${perSubTotal >= 2 ? lane : "all"}:${subscriptionId.toLowerCase()}`;
    let q = perSub.get(key);
    if (!q) {
      q = new PQueue({ concurrency: perSubTotal < 2 ? perSubTotal : lane === "list" ? listLane : perSubTotal - listLane });
      perSub.set(key, q);
    }
    return q;
  };

  const throwIfAborted = (): void => {
    if (signal?.aborted) throw abortError();
  };

  const markNotRegistered = (subscriptionId: string, ns: string): void => {
    const key = subscriptionId.toLowerCase();
    let set = notRegistered.get(key);
    if (!set) {
      set = new Set();
      notRegistered.set(key, set);
    }
    set.add(ns.toLowerCase());
    const sub = subs.get(key);
    if (sub) {
      const list = sub.notRegisteredProviders ?? [];
      if (!list.some((n) => n.toLowerCase() === ns.toLowerCase())) list.push(ns);
      list.sort((a, b) => a.localeCompare(b));
      sub.notRegisteredProviders = list;
    }
  };

  const addCoverage = (entry: CoverageEntry): void => {
    snap.coverage.push(entry);
  };

  const isRegistered = (subscriptionId: string, ns: string): boolean =>
    !notRegistered.get(subscriptionId.toLowerCase())?.has(ns.toLowerCase());

  const apiVersion = (collection: Collection, version: string): void => {
    snap.apiVersions[collection] ??= version;
  };

  const doRead = async (req: ReadRequest, fn: () => Promise<unknown>): Promise<ArmResource[] | undefined> => {
    throwIfAborted();
    const st: ReadState = { items: [], list: false, seen: new Set() };
    try {
      await readStore.run(st, fn);
      if (st.apiVersion) apiVersion(req.collection, st.apiVersion);
      return st.items as ArmResource[];
    } catch (e) {
      if (signal?.aborted) throw abortError();
      if (e instanceof FrameworkMisuseError) throw e;
      const f = describeFailure(e, st.lastError);
      f.message = redactTokens(f.message, issued);
      // Absence is proven, never assumed: a provider that is not registered has nothing here (only
      // that 409 code: any other 409 is a gap), and so does a documented absence; every other
      // answer (404, 400, other 409s, 5xx after retries, malformed) is a coverage gap.
      if (f.httpStatus === 409 && f.code.toLowerCase() === "missingsubscriptionregistration" && req.subscriptionId) {
        const ns = req.providerNamespace ?? /namespace '([^']+)'/i.exec(f.message)?.[1];
        if (ns) {
          markNotRegistered(req.subscriptionId, ns);
          return [];
        }
      }
      if (documentedAbsence(req, f)) return [];
      const gap = req.gapFor?.(f);
      addCoverage({
        scope: req.scope,
        collection: req.collection,
        operation: req.operation,
        ...(f.httpStatus !== undefined ? { httpStatus: f.httpStatus } : {}),
        code: gap?.code ?? f.code,
        message: gap?.message ?? f.message,
        ...(req.permission ? { permission: req.permission } : {}),
      });
      return undefined;
    }
  };

  const ctx: FrameworkContext = {
    credential,
    cloud: opts.cloud,
    tenantId: opts.tenantId,
    armClientOptions,
    retry,
    timeoutMs,
    ...(signal ? { signal } : {}),
    async read(req, fn) {
      if (readStore.getStore()) throw new FrameworkMisuseError(`ctx.read for ${req.operation} was called inside another read.`);
      throwIfAborted();
      if (req.subscriptionId && req.providerNamespace && !isRegistered(req.subscriptionId, req.providerNamespace)) {
        markNotRegistered(req.subscriptionId, req.providerNamespace);
        return [];
      }
      const run = () => global(() => doRead(req, fn));
      if (!req.subscriptionId) return run();
      const priority = req.priority ?? defaultPriority(req.subscriptionId, req.scope);
      return queueFor(req.subscriptionId, priority >= READ_PRIORITY.lateChild ? "child" : "list").add(run, { priority });
    },
    async drain(iter) {
      const st = readStore.getStore();
      if (st) st.list = true;
      for await (const _ of iter) {
        // The SDK models are discarded: the raw-capture policy kept the REST payloads.
      }
    },
    isRegistered,
    apiVersion,
    progress(e) {
      opts.onProgress?.(e);
    },
    markFinal(sub, collections) {
      opts.onMarkFinal?.(sub, collections);
    },
    addSubscription(sub) {
      subs.set(sub.subscriptionId.toLowerCase(), sub);
    },
    setProviders(subscriptionId, providers) {
      for (const p of providers) {
        const ns = typeof p.namespace === "string" ? p.namespace : undefined;
        const state = typeof p.registrationState === "string" ? p.registrationState : undefined;
        const lower = state?.toLowerCase();
        if (ns && (lower === "notregistered" || lower === "unregistered")) markNotRegistered(subscriptionId, ns);
      }
    },
    markNotRegistered,
    addCoverage,
    throwIfAborted,
  };
  return ctx;
}
