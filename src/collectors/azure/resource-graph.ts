/**
 * Inventory through Azure Resource Graph (`--inventory resource-graph`): the top-level collections
 * with their properties in pages of 1,000 rows across batches of subscriptions, a cheap ARM probe per
 * subscription and collection (Resource Graph silently leaves out what the identity may not read),
 * and ARM for the child collections Resource Graph does not hold (the collectors run unchanged).
 */
import { type Client, createRestError, getClient } from "@azure-rest/core-client";
import type { ArmResource, AzureCollection, SubscriptionSnapshot } from "../../snapshot/types.js";
import { COLLECTION_KINDS } from "../../snapshot/collections.js";
import type { FrameworkContext } from "../context.js";
import type { CollectorContext, ReadRequest } from "../contracts.js";
import { stripSecrets } from "../secrets.js";
import { keepLastPerId } from "../one-per-id.js";
import { isWriteRefused } from "../read-only.js";

/** How the snapshot's top-level inventory is read. */
export type InventoryMode = "arm" | "resource-graph";
export const INVENTORY_MODES: readonly InventoryMode[] = ["arm", "resource-graph"];

/** Resource Graph REST api-version (azure-notes §2.6: the REST call through the project's pipeline). */
export const RESOURCE_GRAPH_API_VERSION = "2024-04-01";
/** Rows per page (Resource Graph's maximum `$top`). */
export const RESOURCE_GRAPH_PAGE = 1000;
/** Subscriptions per query (Resource Graph accepts up to 1,000; smaller batches page in parallel). */
export const RESOURCE_GRAPH_BATCH = 100;
/** Resource Graph's quota: 15 queries per 5 seconds per user. */
export const RESOURCE_GRAPH_QUOTA = { queries: 15, windowMs: 5000 } as const;

/** A collection Resource Graph serves, the ARM type it holds and the list the probe reads. */
export interface GraphCollection {
  collection: AzureCollection;
  /** Canonical ARM type, e.g. `Microsoft.Storage/storageAccounts`. */
  type: string;
  /** api-version of the probe's list call. */
  apiVersion: string;
  /** The collectors read child collections of this type through ARM: its rows are wanted early. */
  hasChildren: boolean;
}

/** Every top-level collection Resource Graph serves (the type of each from the collection map). */
export const GRAPH_COLLECTIONS: readonly GraphCollection[] = (
  [
    { collection: "keyVaults", apiVersion: "2026-02-01", hasChildren: true },
    { collection: "sqlServers", apiVersion: "2022-08-01-preview", hasChildren: true },
    { collection: "sqlManagedInstances", apiVersion: "2022-08-01-preview", hasChildren: true },
    { collection: "cognitiveAccounts", apiVersion: "2025-09-01", hasChildren: true },
    { collection: "recoveryServicesVaults", apiVersion: "2026-07-01", hasChildren: true },
    { collection: "containerRegistries", apiVersion: "2025-11-01", hasChildren: true },
    { collection: "storageAccounts", apiVersion: "2026-09-01", hasChildren: false },
    { collection: "managedHsms", apiVersion: "2026-02-01", hasChildren: true },
    { collection: "postgresFlexibleServers", apiVersion: "2024-08-01", hasChildren: false },
    { collection: "mysqlFlexibleServers", apiVersion: "2023-12-30", hasChildren: false },
    { collection: "cosmosDbAccounts", apiVersion: "2026-03-15", hasChildren: false },
    { collection: "disks", apiVersion: "2026-03-02", hasChildren: false },
    { collection: "diskSnapshots", apiVersion: "2026-03-02", hasChildren: false },
    { collection: "diskEncryptionSets", apiVersion: "2026-03-02", hasChildren: false },
  ] as const
).map((g) => ({ ...g, type: COLLECTION_KINDS[g.collection]?.type as string }));

const BY_COLLECTION = new Map(GRAPH_COLLECTIONS.map((g) => [g.collection, g]));
const BY_TYPE = new Map(GRAPH_COLLECTIONS.map((g) => [g.type.toLowerCase(), g]));

/** Columns projected: the ones an ARM list payload has (Resource Graph's `type` and `location` are normalised). */
const PROJECT = ["id", "name", "type", "location", "kind", "sku", "tags", "identity", "managedBy", "zones", "extendedLocation", "plan", "properties"] as const;

/**
 * The KQL Hemvist sends for a set of types: `Resources | where type in~ (...) | project ... | order by id asc`.
 * @param types canonical ARM types
 */
export function graphQuery(types: readonly string[]): string {
  const list = types.map((t) => `'${t.toLowerCase().replace(/'/g, "")}'`).join(", ");
  return `Resources | where type in~ (${list}) | project ${PROJECT.join(", ")} | order by id asc`;
}

/** The canonical type of an ARM id (`…/providers/Microsoft.Sql/servers/x/databases/y` → `Microsoft.Sql/servers/databases`). */
function typeFromId(id: string): string | undefined {
  const segs = id.split("/").filter((s) => s.length > 0);
  const p = segs.map((s) => s.toLowerCase()).lastIndexOf("providers");
  if (p < 0 || p + 2 >= segs.length) return undefined;
  const types = segs.slice(p + 2).filter((_, i) => i % 2 === 0);
  return [segs[p + 1], ...types].join("/");
}

/**
 * Maps a Resource Graph row to the ARM list payload shape: the same property bag, `type` in the
 * casing of the id (Resource Graph lower-cases it), and columns Resource Graph fills with `""` or
 * null for "absent" left out.
 * @param row one row of `data` (objectArray result format)
 */
export function armResourceFromRow(row: Record<string, unknown>): ArmResource | undefined {
  if (typeof row.id !== "string" || row.id === "") return undefined;
  const out: ArmResource = { id: row.id };
  for (const key of PROJECT) {
    if (key === "id") continue;
    let v = row[key];
    if (key === "type") v = typeFromId(row.id) ?? v;
    if (v === null || v === undefined || v === "") continue;
    (out as Record<string, unknown>)[key] = v;
  }
  return out;
}

/** Per subscription (lower-cased id): collection → rows. */
type Rows = Map<string, Map<AzureCollection, ArmResource[]>>;

/** A limiter for the Resource Graph quota: call it before each query, tell it what the answer's quota headers said. */
export interface QuotaLimiter {
  (): Promise<void>;
  /** `x-ms-user-quota-remaining` 0 with `x-ms-user-quota-resets-after` (ms): no query before then. */
  pauseFor(ms: number): void;
}

/**
 * A sliding window (at most `queries` starts in any `windowMs`, all queries of the run share it)
 * plus the server's own word: when an answer says the quota is spent, wait until it resets. The
 * headers matter because a busy event loop delays sends unevenly, so client-side counting alone
 * can land a 16th query in the server's window.
 */
export function quotaLimiter(queries: number, windowMs: number, now: () => number = Date.now): QuotaLimiter {
  const sent: number[] = [];
  let pausedUntil = 0;
  let chain: Promise<void> = Promise.resolve();
  const limit = (() => {
    const turn = chain.then(async () => {
      for (let guard = 0; guard < 1000; guard++) {
        const t = now();
        while (sent.length > 0 && t - sent[0]! >= windowMs) sent.shift();
        if (t >= pausedUntil && sent.length < queries) {
          sent.push(t);
          return;
        }
        const wait = Math.max(pausedUntil - t, sent.length >= queries ? sent[0]! + windowMs - t : 0);
        await new Promise((r) => setTimeout(r, Math.max(1, wait + 1)));
      }
    });
    chain = turn;
    return turn;
  }) as QuotaLimiter;
  limit.pauseFor = (ms) => {
    pausedUntil = Math.max(pausedUntil, now() + ms);
  };
  return limit;
}

/** `hh:mm:ss` (Resource Graph's `x-ms-user-quota-resets-after`) in ms, or undefined. */
export function resetsAfterMs(v: string | undefined): number | undefined {
  const m = /^(\d+):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(v ?? "");
  if (!m) return undefined;
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + (m[4] ? Number(`0.${m[4]}`) * 1000 : 0);
}

/** What the orchestrator uses in Resource Graph mode. */
export interface GraphInventory {
  /** The context the subscription collectors get: reads of collections Resource Graph served return its rows after a probe. */
  contextFor(sub: SubscriptionSnapshot): CollectorContext;
  /** Resolves when every query finished (rows or fallback decided). */
  done: Promise<void>;
  /** Queries sent (pages), for the verbose log. */
  stats: { queries: number; rows: number; failedBatches: number };
}

/**
 * Starts reading the Resource Graph inventory of `subs` (queries begin at once: types with ARM
 * children first, then the rest), and returns the per-subscription context wrapper.
 * A batch whose query fails falls back to the ARM lists for its subscriptions.
 * @param ctx the run's framework context (its pipeline: retries honouring Retry-After, throttle brake)
 * @param subs the subscriptions to read
 * @param opts batch size and quota (tests shrink them)
 */
export function startResourceGraphInventory(
  ctx: FrameworkContext,
  subs: readonly SubscriptionSnapshot[],
  opts: { batchSize?: number; pageSize?: number; quota?: { queries: number; windowMs: number } } = {},
): GraphInventory {
  const endpoint = typeof ctx.armClientOptions.endpoint === "string" ? ctx.armClientOptions.endpoint : ctx.cloud.armEndpoint;
  const client: Client = getClient(endpoint, ctx.credential, { ...(ctx.armClientOptions as object), credentials: { scopes: [ctx.cloud.armScope] } });
  const quota = opts.quota ?? RESOURCE_GRAPH_QUOTA;
  const limit = quotaLimiter(quota.queries, quota.windowMs + 200);
  const batchSize = opts.batchSize ?? RESOURCE_GRAPH_BATCH;
  const pageSize = opts.pageSize ?? RESOURCE_GRAPH_PAGE;
  const stats = { queries: 0, rows: 0, failedBatches: 0 };

  const groups = [GRAPH_COLLECTIONS.filter((g) => g.hasChildren), GRAPH_COLLECTIONS.filter((g) => !g.hasChildren)];
  /** Per sub: one promise per group (undefined rows = fall back to ARM). */
  const pending = new Map<string, Promise<Rows | undefined>[]>();

  const runQuery = async (batch: readonly SubscriptionSnapshot[], types: readonly GraphCollection[]): Promise<Rows | undefined> => {
    const rows: Rows = new Map(batch.map((s) => [s.subscriptionId.toLowerCase(), new Map(types.map((t) => [t.collection, [] as ArmResource[]]))]));
    const query = graphQuery(types.map((t) => t.type));
    let skipToken: string | undefined;
    try {
      for (let page = 0; page < 100_000; page++) {
        ctx.throwIfAborted();
        await limit();
        stats.queries++;
        const res = await client.pathUnchecked("/providers/Microsoft.ResourceGraph/resources").post({
          queryParameters: { "api-version": RESOURCE_GRAPH_API_VERSION },
          contentType: "application/json",
          body: {
            subscriptions: batch.map((s) => s.subscriptionId),
            query,
            options: { $top: pageSize, resultFormat: "objectArray", ...(skipToken ? { $skipToken: skipToken } : {}) },
          },
          ...(ctx.signal ? { abortSignal: ctx.signal } : {}),
        });
        if (res.headers["x-ms-user-quota-remaining"] === "0") limit.pauseFor((resetsAfterMs(res.headers["x-ms-user-quota-resets-after"]) ?? quota.windowMs) + 250);
        if (res.status !== "200") throw createRestError(res);
        const body = res.body as { data?: unknown; $skipToken?: unknown; resultTruncated?: unknown };
        if (!Array.isArray(body.data)) throw new Error("Resource Graph answered without a 'data' array.");
        if (body.resultTruncated === "true" || body.resultTruncated === true) throw new Error("Resource Graph truncated the result.");
        for (const raw of body.data as Record<string, unknown>[]) {
          const r = armResourceFromRow(raw);
          const g = r?.type ? BY_TYPE.get(r.type.toLowerCase()) : undefined;
          const sub = r ? /^\/subscriptions\/([^/]+)/i.exec(r.id)?.[1]?.toLowerCase() : undefined;
          const target = sub && g ? rows.get(sub)?.get(g.collection) : undefined;
          if (r && target) {
            // Rows reach the snapshot without ctx.read: secret values are dropped here.
            target.push(...stripSecrets([r]));
            stats.rows++;
          }
        }
        const next = body.$skipToken;
        if (typeof next !== "string" || next === "") return rows;
        if (next === skipToken) throw new Error("Resource Graph repeated a $skipToken.");
        skipToken = next;
      }
      throw new Error("Resource Graph paging did not end.");
    } catch (e) {
      if (ctx.signal?.aborted || isWriteRefused(e)) throw e;
      stats.failedBatches++;
      ctx.progress({ collector: "resource-graph", phase: "failed", message: `${e instanceof Error ? e.message : String(e)}; reading these subscriptions through ARM lists instead.` });
      return undefined;
    }
  };

  const all: Promise<unknown>[] = [];
  for (let i = 0; i < subs.length; i += batchSize) {
    const batch = subs.slice(i, i + batchSize);
    // Types with ARM children first, so the child reads can start while the rest still pages.
    const first = runQuery(batch, groups[0]!);
    const second = first.then(() => runQuery(batch, groups[1]!));
    all.push(first, second);
    for (const s of batch) pending.set(s.subscriptionId.toLowerCase(), [first, second]);
  }

  const rowsFor = async (sub: SubscriptionSnapshot, g: GraphCollection): Promise<ArmResource[] | undefined> => {
    const p = pending.get(sub.subscriptionId.toLowerCase());
    const rows = await p?.[g.hasChildren ? 0 : 1];
    return rows?.get(sub.subscriptionId.toLowerCase())?.get(g.collection);
  };

  /** `GET /subscriptions/{s}/providers/{type}?$top=1`: does this identity read this type here? */
  const probe = (sub: SubscriptionSnapshot, g: GraphCollection) => async () => {
    const res = await client
      .pathUnchecked(`/subscriptions/${encodeURIComponent(sub.subscriptionId)}/providers/${g.type}`)
      .get({ queryParameters: { "api-version": g.apiVersion, $top: 1 }, ...(ctx.signal ? { abortSignal: ctx.signal } : {}) });
    if (res.status !== "200") throw createRestError(res);
  };

  return {
    stats,
    done: Promise.all(all).then(() => undefined),
    contextFor(sub) {
      const read = async (req: ReadRequest, fn: () => Promise<unknown>): Promise<ArmResource[] | undefined> => {
        const g = BY_COLLECTION.get(req.collection as AzureCollection);
        if (!g || !req.subscriptionId || req.scope.toLowerCase() !== sub.id.toLowerCase()) return ctx.read(req, fn);
        // Resource Graph leaves out what may not be read; the probe turns a refusal into coverage.
        const [rows, probed] = await Promise.all([rowsFor(sub, g), ctx.read(req, probe(sub, g))]);
        if (rows === undefined) return probed === undefined ? undefined : ctx.read(req, fn); // the query failed: the ARM list instead
        return probed === undefined ? undefined : keepLastPerId(rows);
      };
      return { ...ctx, read };
    },
  };
}
