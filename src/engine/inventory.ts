/**
 * The snapshot indexed once for the rules: flattened collections, lookup by id, tags up the
 * parent chain, region metadata and coverage. Built once per evaluation; rules only read it.
 */
import type {
  ArmResource,
  AzureCollection,
  Collection,
  CoverageEntry,
  RegionInfo,
  Snapshot,
  SubscriptionSnapshot,
} from "../snapshot/types.js";
import { builtinRegion, normalizeRegion } from "../config/regions.js";
import { idKey, isUnder, parentArmId, parseArmId } from "./arm-id.js";

/** What Hemvist knows about a region: the locations API first, the built-in table second. */
export interface KnownRegion {
  name: string;
  displayName?: string;
  /** Paired regions (normalised names); empty for a non-paired region. */
  pairs: string[];
  country?: string;
  eu?: boolean;
  geography?: string;
}

export class Inventory {
  readonly snapshot: Snapshot;
  readonly tenantId: string;
  private readonly flat = new Map<AzureCollection, ArmResource[]>();
  private readonly byId = new Map<string, ArmResource>();
  private readonly subById = new Map<string, SubscriptionSnapshot>();
  private readonly regions = new Map<string, KnownRegion>();
  private readonly failuresByCollection = new Map<Collection, CoverageEntry[]>();

  constructor(snapshot: Snapshot) {
    this.snapshot = snapshot;
    this.tenantId = snapshot.tenant.tenantId;
    for (const sub of snapshot.subscriptions) {
      this.subById.set(idKey(sub.subscriptionId), sub);
      for (const [name, items] of Object.entries(sub.collections) as [AzureCollection, ArmResource[]][]) {
        if (!Array.isArray(items)) continue;
        let list = this.flat.get(name);
        if (!list) this.flat.set(name, (list = []));
        for (const item of items) {
          if (!item || typeof item.id !== "string") continue;
          list.push(item);
          // Full payloads win over the generic `/resources` view of the same id.
          const key = idKey(item.id);
          if (name !== "resources" || !this.byId.has(key)) this.byId.set(key, item);
        }
      }
    }
    for (const r of snapshot.regions ?? []) this.addRegion(r);
    for (const c of snapshot.coverage ?? []) {
      let list = this.failuresByCollection.get(c.collection);
      if (!list) this.failuresByCollection.set(c.collection, (list = []));
      list.push(c);
    }
  }

  private addRegion(r: RegionInfo): void {
    if (!r?.name) return;
    const name = normalizeRegion(r.name);
    const builtin = builtinRegion(name);
    const pairs = (r.pairedRegion ?? []).map(normalizeRegion);
    const known: KnownRegion = {
      name,
      pairs: pairs.length > 0 ? pairs : builtin?.pair ? [builtin.pair] : [],
      ...(r.displayName ? { displayName: r.displayName } : {}),
      ...(builtin ? { country: builtin.country, eu: builtin.eu } : {}),
      ...(r.geography ? { geography: r.geography } : {}),
    };
    this.regions.set(name, known);
    if (r.displayName) this.regions.set(normalizeRegion(r.displayName), known);
  }

  /** Every item of a collection across subscriptions (empty when none was read). */
  all(collection: AzureCollection): ArmResource[] {
    return this.flat.get(collection) ?? [];
  }

  get subscriptions(): SubscriptionSnapshot[] {
    return this.snapshot.subscriptions;
  }

  subscription(subscriptionId: string): SubscriptionSnapshot | undefined {
    return this.subById.get(idKey(subscriptionId));
  }

  /** The payload with this id (case-insensitive), from any collection. */
  get(id: string): ArmResource | undefined {
    return this.byId.get(idKey(id));
  }

  /** Tags of an ARM id: subscription, resource group or resource. */
  tagsOf(id: string): Record<string, string> | undefined {
    const parsed = parseArmId(id);
    if (parsed.type === "Microsoft.Resources/subscriptions" && parsed.subscriptionId) {
      return this.subscription(parsed.subscriptionId)?.tags ?? undefined;
    }
    const tags = this.get(id)?.tags;
    return tags && typeof tags === "object" ? tags : undefined;
  }

  /** The chain from `id` up to its subscription: [id, parent, …, resource group, subscription]. */
  chain(id: string): string[] {
    const out: string[] = [];
    let cur: string | undefined = id;
    while (cur && out.length < 32) {
      out.push(cur);
      cur = parentArmId(cur);
    }
    return out;
  }

  /** Region metadata by name or display name; undefined for a location Hemvist does not know. */
  region(location: string | undefined | null): KnownRegion | undefined {
    if (!location) return undefined;
    const n = normalizeRegion(location);
    const hit = this.regions.get(n);
    if (hit) return hit;
    const b = builtinRegion(n);
    if (!b) return undefined;
    return { name: b.name, displayName: b.displayName, pairs: b.pair ? [b.pair] : [], country: b.country, eu: b.eu };
  }

  /** Coverage failures of one collection. */
  failures(collection: Collection): CoverageEntry[] {
    return this.failuresByCollection.get(collection) ?? [];
  }

  /** The failure (if any) of a collection whose scope is `id` or one of its ancestors. */
  failureFor(collection: Collection, id: string): CoverageEntry | undefined {
    return this.failures(collection).find((f) => isUnder(id, f.scope));
  }

  /** True when a collection was read completely in every subscription (no failure anywhere). */
  complete(collection: Collection): boolean {
    return this.failures(collection).length === 0;
  }
}
