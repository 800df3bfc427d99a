/** Subscriptions (tenant-wide list), each subscription's details (tags) and its locations (region metadata with pairs). */
import { SubscriptionClient } from "@azure/arm-resources-subscriptions";
import type { ArmResource, RegionInfo, SubscriptionSnapshot } from "../../snapshot/types.js";
import { type CollectorContext, READ_PRIORITY, type SubscriptionCollector } from "../contracts.js";

function client(ctx: CollectorContext): SubscriptionClient {
  return new SubscriptionClient(ctx.credential, ctx.armClientOptions);
}

/**
 * Lists every subscription the identity can see (`GET /subscriptions`), as raw payloads.
 * @param ctx the collector context
 * @param scope coverage scope for a failure (`/tenants/{t}` when the tenant is known)
 * @returns the raw subscription payloads, or undefined when the list failed (recorded as coverage)
 */
export function listSubscriptions(ctx: CollectorContext, scope: string): Promise<ArmResource[] | undefined> {
  const sc = client(ctx);
  return ctx.read(
    {
      scope,
      collection: "subscriptions",
      operation: "GET /subscriptions",
      permission: "Microsoft.Resources/subscriptions/read",
    },
    () => ctx.drain(sc.subscriptions.list()),
  );
}

/** Builds the snapshot entry of one subscription from its raw payload. */
export function toSubscriptionSnapshot(raw: ArmResource): SubscriptionSnapshot {
  const subscriptionId = String(raw.subscriptionId ?? raw.id.split("/").pop());
  const sub: SubscriptionSnapshot = { subscriptionId, id: `/subscriptions/${subscriptionId}`, collections: {} };
  if (typeof raw.displayName === "string") sub.displayName = raw.displayName;
  if (typeof raw.state === "string") sub.state = raw.state;
  if (typeof raw.tenantId === "string") sub.tenantId = raw.tenantId;
  if (raw.tags !== undefined) sub.tags = raw.tags;
  return sub;
}

/**
 * A coordinate as the locations API gives it (a decimal string, e.g. "60.67488"; a number is taken
 * too) when it is a finite number within ±`limit`; anything else (absent, empty, "NaN", out of range)
 * is left out, never guessed.
 */
export function coordinate(v: unknown, limit: number): number | undefined {
  let n: number | undefined;
  if (typeof v === "number") n = v;
  else if (typeof v === "string" && /^\s*[-+]?(\d+(\.\d*)?|\.\d+)\s*$/.test(v)) n = Number(v);
  return n !== undefined && Number.isFinite(n) && Math.abs(n) <= limit ? n : undefined;
}

/** Maps a raw `GET /subscriptions/{s}/locations` item to the snapshot's region metadata. */
export function toRegionInfo(loc: ArmResource): RegionInfo | undefined {
  if (typeof loc.name !== "string") return undefined;
  const md = (typeof loc.metadata === "object" && loc.metadata !== null ? loc.metadata : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  const r: RegionInfo = { name: loc.name };
  const set = <K extends keyof RegionInfo>(k: K, v: RegionInfo[K] | undefined) => {
    if (v !== undefined) r[k] = v;
  };
  set("displayName", str(loc.displayName));
  set("regionType", str(md.regionType));
  set("regionCategory", str(md.regionCategory));
  set("geography", str(md.geography));
  set("geographyGroup", str(md.geographyGroup));
  set("physicalLocation", str(md.physicalLocation));
  set("latitude", coordinate(md.latitude, 90));
  set("longitude", coordinate(md.longitude, 180));
  if (Array.isArray(md.pairedRegion)) {
    set(
      "pairedRegion",
      md.pairedRegion.map((p: unknown) => (typeof p === "object" && p !== null ? str((p as Record<string, unknown>).name) : undefined)).filter((n): n is string => !!n),
    );
  }
  return r;
}

/**
 * Per subscription: `GET /subscriptions/{s}` (tags, state) and `GET /subscriptions/{s}/locations`.
 * It owns `subscriptions` for the subscription (its details and their coverage) besides `locations`.
 */
export const subscriptionDetailsCollector: SubscriptionCollector = {
  name: "subscription",
  collections: ["subscriptions", "locations"],
  async collect(ctx, sub) {
    const sc = client(ctx);
    const s = sub.subscriptionId;
    const details = await ctx.read(
      {
        subscriptionId: s,
        scope: sub.id,
        collection: "subscriptions",
        operation: "GET /subscriptions/{s}",
        permission: "Microsoft.Resources/subscriptions/read",
        // Listed, yet its own GET is refused or not found: out of view, not merely unread.
        gapFor: (f) =>
          f.httpStatus === 403 || f.httpStatus === 404
            ? {
                code: "SubscriptionNotVisible",
                message: `Subscription ${s} is not visible to this identity: GET /subscriptions/${s} answered ${f.httpStatus} ${f.code} (${f.message}). Grant the identity Reader on the subscription or on a management group above it.`,
              }
            : undefined,
      },
      () => sc.subscriptions.get(s),
    );
    const d = details?.[0];
    if (d) {
      if (d.tags !== undefined) sub.tags = d.tags;
      if (typeof d.displayName === "string") sub.displayName = d.displayName;
      if (typeof d.state === "string") sub.state = d.state;
    }
    ctx.markFinal(sub, ["subscriptions"]);
    const locations = await ctx.read(
      {
        subscriptionId: s,
        scope: sub.id,
        collection: "locations",
        operation: "GET /subscriptions/{s}/locations",
        permission: "Microsoft.Resources/subscriptions/locations/read",
        // Every rule's results need the regions: before the other lists.
        priority: READ_PRIORITY.parentList,
      },
      () => ctx.drain(sc.subscriptions.listLocations(s)),
    );
    if (locations) sub.collections.locations = locations;
  },
};
