/** Collection orchestrator: lists subscriptions, runs every collector per subscription and the tenant collectors, returns the snapshot. */
import type { TokenCredential } from "@azure/core-auth";
import { shardOf } from "../snapshot/shard.js";
import { managementGroupsCollector } from "./azure/management-groups.js";
import { AZURE_COLLECTIONS, compareCoverage, SNAPSHOT_SCHEMA_VERSION, TENANT_COLLECTIONS } from "../snapshot/types.js";
import type { Collection, Snapshot, SubscriptionSnapshot } from "../snapshot/types.js";
import { createCollectorContext, type FrameworkContext } from "./context.js";
import type { CloudSettings, CollectorContext, ProgressEvent, SubscriptionCollector, TenantCollector } from "./contracts.js";
import type { RateLimitSettings, RetrySettings } from "./http-policies.js";
import { keyVaultCollector } from "./azure/key-vault.js";
import { lockboxCollector } from "./azure/lockbox.js";
import { collectProviders, resourcesCollector } from "./azure/resources.js";
import { storageCollector } from "./azure/storage.js";
import { type InventoryMode, startResourceGraphInventory } from "./azure/resource-graph.js";
import { listSubscriptions, subscriptionDetailsCollector, toRegionInfo, toSubscriptionSnapshot } from "./azure/subscriptions.js";
import { createGraphCollector } from "./m365/graph.js";
// Collectors written by collectors-2 (same interface):
import { cognitiveCollector } from "./azure/cognitive.js";
import { computeCollector } from "./azure/compute.js";
import { containerRegistryCollector } from "./azure/container-registry.js";
import { cosmosDbCollector } from "./azure/cosmos-db.js";
import { dataProtectionCollector } from "./azure/data-protection.js";
import { policyCollector } from "./azure/policy.js";
import { postgresMysqlCollector } from "./azure/postgres-mysql.js";
import { recoveryServicesCollector } from "./azure/recovery-services.js";
import { sqlCollector } from "./azure/sql.js";

/** Every per-subscription collector, run in parallel for each subscription (after its providers are read). */
export const SUBSCRIPTION_COLLECTORS: readonly SubscriptionCollector[] = [
  subscriptionDetailsCollector,
  resourcesCollector,
  storageCollector,
  keyVaultCollector,
  sqlCollector,
  postgresMysqlCollector,
  cosmosDbCollector,
  computeCollector,
  cognitiveCollector,
  recoveryServicesCollector,
  dataProtectionCollector,
  containerRegistryCollector,
  policyCollector,
];

/** Collections only ARM fills (tenant-level ones included): none is read when Azure is not audited. */
const AZURE_TENANT_COLLECTIONS: ReadonlySet<Collection> = new Set<Collection>(["subscriptions", "managementGroups", "customerLockbox"]);
function isAzureOwned(c: Collection): boolean {
  return AZURE_TENANT_COLLECTIONS.has(c) || (AZURE_COLLECTIONS as readonly string[]).includes(c);
}

/** Options of one collection run. */
export interface CollectOptions {
  credential: TokenCredential;
  cloud: CloudSettings;
  /** The tenant; default: the subscriptions' `tenantId`, else the token's `tid`. */
  tenantId?: string;
  /** Only these subscription ids (case-insensitive); default all visible. */
  subscriptions?: string[];
  /** Requests in flight across the run (default 64). */
  concurrency?: number;
  /** Requests in flight per subscription (default 4). */
  perSubscriptionConcurrency?: number;
  /** Read Microsoft 365 through Graph. */
  m365: boolean;
  /**
   * Read Azure (ARM): default true. False (a Microsoft-365-only audit) sends no ARM request at all,
   * records no `NoVisibleSubscription` gap, and sets `scope.azureCollected` false.
   */
  azure?: boolean;
  profile: Snapshot["profile"];
  /** How the credential was chosen (`oidc`, `cli`, `default`, ...), recorded in `identity`. */
  authMethod: string;
  onProgress?(e: ProgressEvent): void;
  /**
   * Called synchronously, exactly once for each collection of `AZURE_COLLECTIONS` and
   * `TENANT_COLLECTIONS`, as soon as nothing of that collection changes any more: no
   * `sub.collections[collection]` of any subscription, no coverage entry of that collection and, for
   * a tenant collection, nothing its collector fills (`tenant.customerLockbox`, `tenant.m365`,
   * `tenant.displayName`, the subscriptions' details for `subscriptions`, their
   * `managementGroupAncestors` for `managementGroups`). `snap.regions` is set before `locations`
   * is announced. A collection no collector of the run fills is announced right after the
   * subscription list. Every collection has been announced when `collect` resolves (coverage is
   * sorted only then); an exception thrown here rejects `collect`.
   * @param collection the collection now final
   * @param snapshot the snapshot being collected (the one `collect` resolves with), to read it early
   */
  onCollectionComplete?(collection: Collection, snapshot: Snapshot): void;
  signal?: AbortSignal;
  toolVersion: string;
  retry?: Partial<RetrySettings>;
  /** Per-request timeout in ms (default 60 000). */
  timeoutMs?: number;
  /** Read-rate brake settings (tests use a fast refill). */
  rateLimit?: Partial<RateLimitSettings>;
  /** Collect only shard `index` of `count` of the visible subscriptions; tenant-level data only in shard 1. */
  shard?: { index: number; count: number };
  /** Replace the default collector lists (tests, sharding). */
  collectors?: { subscription?: readonly SubscriptionCollector[]; tenant?: readonly TenantCollector[] };
  /** `resource-graph` reads the top-level collections through Azure Resource Graph (see azure/resource-graph.ts); default `arm`. */
  inventory?: InventoryMode;
}

/** Claims of an access token that identify the caller (no verification: only for the report). */
export interface TokenIdentity {
  tenantId?: string;
  clientId?: string;
  objectId?: string;
}

/**
 * Reads `oid`, `appid`/`azp` and `tid` from a JWT's payload without verifying it.
 * @param token an access token; a non-JWT (static test token) yields `{}`
 */
export function decodeTokenIdentity(token: string): TokenIdentity {
  const part = token.split(".")[1];
  if (token.split(".").length !== 3 || !part) return {};
  try {
    const claims = JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
    const out: TokenIdentity = {};
    const tid = str(claims.tid);
    const cid = str(claims.appid) ?? str(claims.azp);
    const oid = str(claims.oid);
    if (tid) out.tenantId = tid;
    if (cid) out.clientId = cid;
    if (oid) out.objectId = oid;
    return out;
  } catch {
    return {};
  }
}

function countItems(sub: SubscriptionSnapshot, c: SubscriptionCollector): number {
  return c.collections.reduce((n, k) => n + ((sub.collections as Record<string, unknown[] | undefined>)[k]?.length ?? 0), 0);
}

/**
 * Announces each collection once when no owner holds it open any more. An owner is a subscription's
 * snapshot (the providers read and its collectors' collections) or a tenant collector (its collections).
 */
interface CompletionTracker {
  /** Marks `collections` of `owner` final; announces those no other owner holds open. */
  markFinal(owner: SubscriptionSnapshot | TenantCollector, collections: readonly Collection[]): void;
}

/**
 * Starts the completion bookkeeping: every collection no owner holds is announced at once.
 * @param owners owner → the collections it fills
 * @param announce called once per collection of `AZURE_COLLECTIONS` and `TENANT_COLLECTIONS`
 */
function completionTracker(owners: ReadonlyMap<SubscriptionSnapshot | TenantCollector, readonly Collection[]>, announce: (c: Collection) => void): CompletionTracker {
  /** Per owner: what it fills, and what of that it has marked final. */
  const held = new Map<SubscriptionSnapshot | TenantCollector, { fills: Set<Collection>; final: Set<Collection> }>();
  const holders = new Map<Collection, number>();
  for (const [owner, collections] of owners) {
    const fills = new Set(collections);
    held.set(owner, { fills, final: new Set() });
    for (const c of fills) holders.set(c, (holders.get(c) ?? 0) + 1);
  }
  const announced = new Set<Collection>();
  const announceIfFree = (c: Collection): void => {
    if (announced.has(c) || (holders.get(c) ?? 0) > 0) return;
    announced.add(c);
    announce(c);
  };
  for (const c of [...AZURE_COLLECTIONS, ...TENANT_COLLECTIONS]) announceIfFree(c);
  return {
    markFinal(owner, collections) {
      const h = held.get(owner);
      if (!h) return;
      for (const c of collections) {
        if (!h.fills.has(c) || h.final.has(c)) continue;
        h.final.add(c);
        holders.set(c, (holders.get(c) ?? 1) - 1);
        announceIfFree(c);
      }
    },
  };
}

async function runSubscription(ctx: FrameworkContext, sub: SubscriptionSnapshot, collectors: readonly SubscriptionCollector[], collectorCtx: CollectorContext = ctx): Promise<void> {
  const s = sub.subscriptionId;
  ctx.progress({ subscriptionId: s, collector: "providers", phase: "start" });
  const providers = await collectProviders(ctx, sub);
  ctx.markFinal(sub, ["providers"]);
  if (providers) ctx.setProviders(s, providers);
  ctx.progress({ subscriptionId: s, collector: "providers", phase: providers ? "done" : "failed", count: providers?.length ?? 0 });
  await Promise.all(
    collectors.map(async (c) => {
      ctx.progress({ subscriptionId: s, collector: c.name, phase: "start" });
      const before = ctx.signal?.aborted;
      try {
        await c.collect(collectorCtx, sub);
      } catch (e) {
        ctx.progress({ subscriptionId: s, collector: c.name, phase: "failed", message: e instanceof Error ? e.message : String(e) });
        throw e;
      }
      // Whatever the collector did not mark final itself is final now.
      ctx.markFinal(sub, c.collections);
      if (!before) ctx.progress({ subscriptionId: s, collector: c.name, phase: "done", count: countItems(sub, c) });
    }),
  );
}

/**
 * Reads the tenant into a snapshot. Failures of single reads become coverage entries; only an
 * abort, a credential that yields no token, or a bug rejects.
 * @param opts what to read and how
 * @returns the snapshot
 */
export async function collect(opts: CollectOptions): Promise<Snapshot> {
  opts.signal?.throwIfAborted();
  const azure = opts.azure ?? true;
  // The identity comes from the first token: ARM's, or Graph's when Azure is not audited.
  const token = await opts.credential.getToken(azure ? opts.cloud.armScope : opts.cloud.graphScope, opts.signal ? { abortSignal: opts.signal } : {});
  if (!token) throw new Error(`The credential returned no access token for ${azure ? "Azure Resource Manager" : "Microsoft Graph"}.`);
  const who = decodeTokenIdentity(token.token);

  const snap: Snapshot = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: { name: "hemvist", version: opts.toolVersion },
    collectedAt: new Date().toISOString(),
    cloud: { name: opts.cloud.name, armEndpoint: opts.cloud.armEndpoint, graphEndpoint: opts.cloud.graphEndpoint },
    identity: { authMethod: opts.authMethod, ...who },
    profile: opts.profile,
    apiVersions: {},
    scope: {
      allVisibleSubscriptions: azure && !opts.subscriptions && !opts.shard,
      ...(opts.subscriptions ? { requestedSubscriptions: [...opts.subscriptions] } : {}),
      azureCollected: azure,
      m365Collected: opts.m365 && (!opts.shard || opts.shard.index === 1),
      ...(opts.shard ? { shard: `${opts.shard.index}/${opts.shard.count}` } : {}),
    },
    tenant: { tenantId: opts.tenantId ?? who.tenantId ?? "" },
    regions: [],
    subscriptions: [],
    coverage: [],
  };
  const ctx = createCollectorContext({
    credential: opts.credential,
    cloud: opts.cloud,
    tenantId: snap.tenant.tenantId,
    toolVersion: opts.toolVersion,
    snapshot: snap,
    ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
    ...(opts.perSubscriptionConcurrency !== undefined ? { perSubscriptionConcurrency: opts.perSubscriptionConcurrency } : {}),
    ...(opts.retry ? { retry: opts.retry } : {}),
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.rateLimit ? { rateLimit: opts.rateLimit } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    onMarkFinal: (sub, collections) => completion?.markFinal(sub, collections),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  /** Set once the subscriptions are known (no collector marks anything final before). */
  let completion: CompletionTracker | undefined;

  // Subscriptions (none when Azure is not audited: no ARM request at all).
  ctx.progress({ collector: "subscriptions", phase: "start" });
  const rawSubs = azure ? await listSubscriptions(ctx, snap.tenant.tenantId ? `/tenants/${snap.tenant.tenantId}` : "/") : [];
  const visible = (rawSubs ?? []).map(toSubscriptionSnapshot);
  if (azure && rawSubs) ctx.visibleSubscriptions = new Set(visible.map((s) => s.subscriptionId.toLowerCase()));
  let subs = visible;
  if (opts.subscriptions && azure) {
    const wanted = new Map(opts.subscriptions.map((id) => [id.toLowerCase(), id]));
    subs = subs.filter((s) => wanted.has(s.subscriptionId.toLowerCase()));
    // When the list itself failed, its coverage entry covers every named subscription.
    if (rawSubs) {
      for (const [key, id] of wanted) {
        if (!subs.some((s) => s.subscriptionId.toLowerCase() === key)) {
          ctx.addCoverage({
            scope: `/subscriptions/${id}`,
            collection: "subscriptions",
            operation: "GET /subscriptions",
            code: "SubscriptionNotVisible",
            message: `Subscription ${id} is named with --subscriptions or in the configuration but not visible to this identity (not in GET /subscriptions). Check the id, or grant the identity Reader on the subscription or on a management group above it.`,
            permission: "Microsoft.Resources/subscriptions/read",
          });
        }
      }
    }
  }
  if (opts.shard) {
    const { index, count } = opts.shard;
    subs = subs.filter((s) => shardOf(s.subscriptionId, count) === index);
  }
  subs.sort((a, b) => a.subscriptionId.localeCompare(b.subscriptionId));
  ctx.progress({ collector: "subscriptions", phase: "done", count: subs.length });
  if (!opts.tenantId) {
    // From every visible subscription, not only the selected ones: a shard may hold none.
    const fromSubs = visible.find((s) => s.tenantId)?.tenantId;
    if (fromSubs) snap.tenant.tenantId = fromSubs;
  }
  // Nothing named the tenant (no --tenant, a non-JWT token, subscriptions without tenantId):
  // keep the snapshot valid and say so in its tenant id rather than leave it empty.
  if (!snap.tenant.tenantId) snap.tenant.tenantId = "unknown";
  ctx.tenantId = snap.tenant.tenantId;
  if (azure && rawSubs && visible.length === 0) {
    // An empty list is a successful answer, but an audit of Azure that sees nothing is out of view.
    ctx.addCoverage({
      scope: `/tenants/${snap.tenant.tenantId}`,
      collection: "subscriptions",
      operation: "GET /subscriptions",
      code: "NoVisibleSubscription",
      message: "The identity sees no subscription (GET /subscriptions returned none), so no Azure resource was assessed. Grant it the Reader role on the subscriptions to audit, or on a management group above them (the tenant root group for all).",
      permission: "Microsoft.Resources/subscriptions/read",
    });
  }
  snap.subscriptions = subs;
  for (const sub of subs) ctx.addSubscription(sub);

  // Tenant-level data once: in shard 1 when sharded.
  const tenantShard = !opts.shard || opts.shard.index === 1;
  // The management-group hierarchy is read in every shard: each shard's subscriptions need their ancestors.
  const azureTenantCollectors = azure ? [lockboxCollector, managementGroupsCollector] : [];
  const tenantCollectors = (opts.collectors?.tenant ?? (tenantShard ? [
    ...azureTenantCollectors,
    ...(opts.m365 ? [createGraphCollector({ retry: ctx.retry, timeoutMs: ctx.timeoutMs })] : []),
  ] : azure ? [managementGroupsCollector] : [])).filter((c) => azure || !c.collections.some(isAzureOwned));
  const subCollectors = opts.collectors?.subscription ?? SUBSCRIPTION_COLLECTORS;

  const owners = new Map<SubscriptionSnapshot | TenantCollector, readonly Collection[]>();
  for (const sub of subs) owners.set(sub, ["providers", ...subCollectors.flatMap((c) => c.collections)]);
  for (const c of tenantCollectors) owners.set(c, c.collections);
  const tracker = completionTracker(owners, (collection) => {
    if (collection === "locations") {
      // Region metadata from the first subscription whose locations were read.
      const withLocations = subs.find((s) => s.collections.locations);
      snap.regions = (withLocations?.collections.locations ?? []).map(toRegionInfo).filter((r) => r !== undefined);
    }
    opts.onCollectionComplete?.(collection, snap);
  });
  completion = tracker;

  // Tenant collectors start at once, beside the subscriptions: their reads are not queued per
  // subscription, and their latency no longer adds to the end of the run.
  const tenantRun = Promise.all(
    tenantCollectors.map(async (c) => {
      ctx.progress({ collector: c.name, phase: "start" });
      await c.collect(ctx, snap);
      tracker.markFinal(c, c.collections);
      ctx.progress({ collector: c.name, phase: "done" });
    }),
  );

  // Per subscription, in parallel (the limiters bound the requests).
  const graph = opts.inventory === "resource-graph" && subs.length > 0 ? startResourceGraphInventory(ctx, subs) : undefined;
  const subscriptionRun = Promise.all(subs.map((sub) => runSubscription(ctx, sub, subCollectors, graph?.contextFor(sub))));
  await Promise.all([subscriptionRun, tenantRun, graph?.done]);

  // Stable output: coverage order does not depend on which request finished first.
  snap.coverage.sort(compareCoverage);
  return snap;
}
