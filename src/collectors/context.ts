/**
 * The collector context of one run: every read runs under the limiters (run-wide concurrency, two
 * per-subscription lanes), through ARM clients built with the run's pipeline policies, with its raw
 * payloads captured; a failed read becomes proven absence (provider not registered, documented
 * absence) or a coverage entry. Also the provider-registration bookkeeping and the credential
 * that remembers the tokens it hands out, so messages that echo one are redacted.
 */
import type { TokenCredential } from "@azure/core-auth";
import pLimit from "p-limit";
import PQueue from "p-queue";
import type { ArmResource, Collection, CoverageEntry, Snapshot, SubscriptionSnapshot } from "../snapshot/types.js";
import { documentedAbsence } from "./absence.js";
import { keepLastPerId } from "./one-per-id.js";
import { captureRead, currentRead, drainList, rawCapturePolicy, type ReadState } from "./capture.js";
import { type CloudSettings, type CollectorContext, DEFAULT_CONCURRENCY, type ProgressEvent, READ_PRIORITY, type ReadRequest } from "./contracts.js";

export { DEFAULT_CONCURRENCY };
import { abortError, describeFailure, FrameworkMisuseError, MAX_MESSAGE, type ReadFailure, serverText } from "./failures.js";
import { stripSecrets } from "./secrets.js";
import { isWriteRefused, readOnlyPolicy } from "./read-only.js";
import { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS, type RateLimitSettings, requestDefaultsPolicy, type RetrySettings, throttlePolicy } from "./http-policies.js";

/** Reads in flight per subscription when none is configured: 2 lists and 4 child reads. */
export const DEFAULT_PER_SUBSCRIPTION = 6;

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
  const queues = new SubscriptionQueues(opts.perSubscriptionConcurrency ?? DEFAULT_PER_SUBSCRIPTION);
  const providers = new ProviderRegistrations();
  const signal = opts.signal;
  const { credential, issued } = tokenRecordingCredential(opts.credential);
  const snap = opts.snapshot;

  const throwIfAborted = (): void => {
    if (signal?.aborted) throw abortError();
  };
  const markNotRegistered = (subscriptionId: string, ns: string): void => providers.markNotRegistered(subscriptionId, ns);
  const isRegistered = (subscriptionId: string, ns: string): boolean => providers.isRegistered(subscriptionId, ns);
  const addCoverage = (entry: CoverageEntry): void => {
    snap.coverage.push(entry);
  };
  const apiVersion = (collection: Collection, version: string): void => {
    snap.apiVersions[collection] ??= version;
  };

  /** One read, already admitted by the limiters: its raw items, or what its failure leaves. */
  const doRead = async (req: ReadRequest, fn: () => Promise<unknown>): Promise<ArmResource[] | undefined> => {
    throwIfAborted();
    const st: ReadState = { items: [], list: false, seen: new Set() };
    try {
      await captureRead(st, fn);
      if (st.apiVersion) apiVersion(req.collection, st.apiVersion);
      // Every item a collector stores passes here: secret values never reach the snapshot.
      return keepLastPerId(stripSecrets(st.items)) as ArmResource[];
    } catch (e) {
      if (signal?.aborted) throw abortError();
      // A bug, never coverage: a collector used the framework wrongly, or tried to write.
      if (e instanceof FrameworkMisuseError || isWriteRefused(e)) throw e;
      // Redacted (the run's own tokens included) and bounded once, here.
      const f = describeFailure(e, st.lastError, issued);
      return settleFailure(req, f, markNotRegistered, addCoverage);
    }
  };

  const ctx: FrameworkContext = {
    credential,
    cloud: opts.cloud,
    tenantId: opts.tenantId,
    armClientOptions: armClientOptions(opts, retry, rate, timeoutMs),
    retry,
    timeoutMs,
    ...(signal ? { signal } : {}),
    async read(req, fn) {
      if (currentRead()) throw new FrameworkMisuseError(`ctx.read for ${req.operation} was called inside another read.`);
      throwIfAborted();
      if (req.subscriptionId && req.providerNamespace && !isRegistered(req.subscriptionId, req.providerNamespace)) {
        markNotRegistered(req.subscriptionId, req.providerNamespace);
        return [];
      }
      const run = () => global(() => doRead(req, fn));
      if (!req.subscriptionId) return run();
      return queues.add(req.subscriptionId, req.priority ?? defaultPriority(req.subscriptionId, req.scope), run);
    },
    drain: drainList,
    isRegistered,
    apiVersion,
    progress(e) {
      // A failure's message may quote a server (a Resource Graph error, a collector's exception).
      opts.onProgress?.(e.message === undefined ? e : { ...e, message: serverText(e.message, MAX_MESSAGE, issued) });
    },
    markFinal(sub, collections) {
      opts.onMarkFinal?.(sub, collections);
    },
    addSubscription(sub) {
      providers.addSubscription(sub);
    },
    setProviders(subscriptionId, list) {
      providers.setProviders(subscriptionId, list);
    },
    markNotRegistered,
    addCoverage,
    throwIfAborted,
  };
  return ctx;
}

/**
 * What a failed read leaves. Absence is proven, never assumed: a provider that is not registered
 * has nothing here (only that 409 code: any other 409 is a gap), and so does a documented absence
 * (`[]`); every other answer (404, 400, other 409s, 5xx after retries, malformed) is a coverage gap
 * (recorded; undefined).
 */
function settleFailure(
  req: ReadRequest,
  f: ReadFailure,
  markNotRegistered: (subscriptionId: string, ns: string) => void,
  addCoverage: (entry: CoverageEntry) => void,
): ArmResource[] | undefined {
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

/** `READ_PRIORITY.list` for a read scoped to the subscription itself, `READ_PRIORITY.child` for one scoped below it. */
function defaultPriority(subscriptionId: string, scope: string): number {
  return scope.toLowerCase() === `/subscriptions/${subscriptionId.toLowerCase()}` ? READ_PRIORITY.list : READ_PRIORITY.child;
}

/** Options for every ARM SDK client constructor: endpoint, scopes for both generator styles, retry, user agent, and the run's policies. */
function armClientOptions(opts: FrameworkOptions, retry: RetrySettings, rate: RateLimitSettings, timeoutMs: number): Record<string, unknown> {
  return {
    endpoint: opts.cloud.armEndpoint,
    credentialScopes: [opts.cloud.armScope],
    credentials: { scopes: [opts.cloud.armScope] },
    retryOptions: { ...retry },
    userAgentOptions: { userAgentPrefix: `hemvist/${opts.toolVersion}` },
    additionalPolicies: [
      // First: a request that does not read is refused before anything else sees it.
      { policy: readOnlyPolicy(), position: "perCall" },
      { policy: requestDefaultsPolicy(timeoutMs, opts.signal), position: "perCall" },
      { policy: rawCapturePolicy(), position: "perCall" },
      { policy: throttlePolicy(retry, rate, opts.signal), position: "perRetry" },
    ],
  };
}

/**
 * The caller's credential, unchanged but for remembering every token it hands out in this run, so
 * failure messages that echo one are redacted even when it is not a JWT.
 */
function tokenRecordingCredential(inner: TokenCredential): { credential: TokenCredential; issued: ReadonlySet<string> } {
  const issued = new Set<string>();
  const getToken: TokenCredential["getToken"] = async (scopes, options) => {
    const t = await inner.getToken(scopes, options);
    if (t?.token) issued.add(t.token);
    return t;
  };
  // A transparent wrapper: everything but getToken is the caller's credential.
  const credential = new Proxy(inner, { get: (target, p, receiver) => (p === "getToken" ? getToken : Reflect.get(target, p, receiver)) });
  return { credential, issued };
}

/**
 * The subscriptions' read queues, highest priority first in each. With two or more reads per
 * subscription they are two lanes: subscription-level lists (slow, many-paged) get a third of the
 * reads, child reads the rest, so children start the moment their parent list answers and keep
 * ARM's bucket busy while the lists still progress (rules run as soon as their lists are complete).
 */
class SubscriptionQueues {
  private readonly queues = new Map<string, PQueue>();
  private readonly listLane: number;

  /** @param total reads in flight per subscription */
  constructor(private readonly total: number) {
    this.listLane = total >= 2 ? Math.max(1, Math.floor(total / 3)) : total;
  }

  /** Queues `run` for the subscription at `priority` (`READ_PRIORITY.lateChild` and above in the child lane). */
  add<T>(subscriptionId: string, priority: number, run: () => Promise<T>) {
    return this.queueFor(subscriptionId, priority >= READ_PRIORITY.lateChild ? "child" : "list").add(run, { priority });
  }

  private queueFor(subscriptionId: string, lane: "list" | "child"): PQueue {
    const key = `${this.total >= 2 ? lane : "all"}:${subscriptionId.toLowerCase()}`;
    let q = this.queues.get(key);
    if (!q) {
      q = new PQueue({ concurrency: this.total < 2 ? this.total : lane === "list" ? this.listLane : this.total - this.listLane });
      this.queues.set(key, q);
    }
    return q;
  }
}

/** Which resource providers are not registered in which subscription, mirrored into each known subscription's `notRegisteredProviders`. */
class ProviderRegistrations {
  /** Lower-cased subscription id → lower-cased namespaces. */
  private readonly notRegistered = new Map<string, Set<string>>();
  private readonly subs = new Map<string, SubscriptionSnapshot>();

  addSubscription(sub: SubscriptionSnapshot): void {
    this.subs.set(sub.subscriptionId.toLowerCase(), sub);
  }

  isRegistered(subscriptionId: string, ns: string): boolean {
    return !this.notRegistered.get(subscriptionId.toLowerCase())?.has(ns.toLowerCase());
  }

  markNotRegistered(subscriptionId: string, ns: string): void {
    const key = subscriptionId.toLowerCase();
    let set = this.notRegistered.get(key);
    if (!set) {
      set = new Set();
      this.notRegistered.set(key, set);
    }
    set.add(ns.toLowerCase());
    const sub = this.subs.get(key);
    if (sub) {
      const list = sub.notRegisteredProviders ?? [];
      if (!list.some((n) => n.toLowerCase() === ns.toLowerCase())) list.push(ns);
      list.sort((a, b) => a.localeCompare(b));
      sub.notRegisteredProviders = list;
    }
  }

  /** Marks every provider of a `GET /subscriptions/{s}/providers` payload that is not (or no longer) registered. */
  setProviders(subscriptionId: string, providers: ArmResource[]): void {
    for (const p of providers) {
      const ns = typeof p.namespace === "string" ? p.namespace : undefined;
      const state = typeof p.registrationState === "string" ? p.registrationState : undefined;
      const lower = state?.toLowerCase();
      if (ns && (lower === "notregistered" || lower === "unregistered")) this.markNotRegistered(subscriptionId, ns);
    }
  }
}
