/**
 * The collector contracts: what a collector implements (`SubscriptionCollector`, `TenantCollector`)
 * and what it is given (`CollectorContext`, the `ReadRequest` it reads with, read priorities,
 * progress events, cloud settings). Types only, apart from the `READ_PRIORITY` constants.
 */
import type { TokenCredential } from "@azure/core-auth";
import type { ArmResource, Collection, CoverageEntry, Snapshot, SubscriptionSnapshot } from "../snapshot/types.js";
import type { ReadFailure } from "./failures.js";

/** Endpoints and token scopes of one Azure cloud. */
/**
 * Requests in flight across the run when none is configured. Each subscription has its own ARM
 * bucket (25 reads/s): 20 subscriptions at 40 ms need about 20 in flight, so 8 would serialise
 * them; 64 measured best on the 100,000-resource benchmark (see README, Performance).
 */
export const DEFAULT_CONCURRENCY = 64;

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
