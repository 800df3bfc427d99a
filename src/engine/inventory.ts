/**
 * The snapshot indexed once for the rules: flattened collections, lookup by id, tags up the
 * parent chain, region metadata and coverage. Built once per evaluation; rules only read it.
 *
 * While the tenant is still being collected the inventory can be *partial*: only collections the
 * collector announced complete are indexed, and every question whose answer could still change
 * (a list of an incomplete collection, its failures, a lookup of an id whose collection is not
 * complete, the tenant fields) throws {@link NotReadyError} instead of answering. The engine then
 * evaluates that rule later, so a rule evaluated early gives exactly what it gives at the end.
 */
import { AZURE_COLLECTIONS, compareCoverage, TENANT_COLLECTIONS } from "../snapshot/types.js";
import { collectionOfType } from "../snapshot/collections.js";
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

/**
 * Something a verdict depended on: a collection read at a scope. `scope` is an ARM id (or a
 * `/tenants/{id}/…` id); `/` means every scope of the collection (a lookup that searched the
 * whole tenant and found nothing). A coverage failure of the same collection whose scope overlaps
 * (one is at or under the other) blinds the verdict.
 */
export interface Dependency {
  collection: Collection;
  /** Omitted (in findings.json) when it is the result's own resource id. */
  scope?: string;
}

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

/**
 * A rule asked the partial inventory something whose answer could still change: `collection` is
 * not complete yet. Not an error of the rule: the engine evaluates it again once it is.
 */
export class NotReadyError extends Error {
  constructor(readonly collection: Collection) {
    super(`${collection} is not collected yet`);
    this.name = "NotReadyError";
  }
}


/**
 * Whether two scopes overlap: one is the other or lies under it (case-insensitive); `/` is every
 * scope. A failure overlapping what a verdict read blinds the verdict.
 */
export function scopesOverlap(a: string, b: string): boolean {
  if (a === "/" || b === "/") return true;
  return isUnder(a, b) || isUnder(b, a);
}

/**
 * The lookups one verdict made, in order, each once. Most verdicts make a handful, which a linear
 * check keeps unique; a verdict that makes many (a key searched across every subscription) gets a
 * set of keys beside the list.
 */
export class Recording {
  readonly deps: Required<Dependency>[] = [];
  private keys: Set<string> | undefined;

  add(collection: Collection, scope: string): void {
    const deps = this.deps;
    if (this.keys) {
      const k = `${collection} ${scope}`;
      if (this.keys.has(k)) return;
      this.keys.add(k);
    } else {
      for (const d of deps) if (d.scope === scope && d.collection === collection) return;
      if (deps.length >= 8) this.keys = new Set([...deps.map((d) => `${d.collection} ${d.scope}`), `${collection} ${scope}`]);
    }
    deps.push({ collection, scope });
  }

  addAll(deps: readonly Required<Dependency>[]): void {
    for (const d of deps) this.add(d.collection, d.scope);
  }
}

/** Full payloads win over the generic `/resources` view; between two full payloads the earlier collection wins. */
const RANK = new Map<string, number>(AZURE_COLLECTIONS.map((c, i) => [c, c === "resources" ? Number.MAX_SAFE_INTEGER : i]));
const EVERY_COLLECTION: readonly Collection[] = [...AZURE_COLLECTIONS, ...TENANT_COLLECTIONS];

/** The tenant-level collection behind each key of {@link Inventory.tenant}. */
const TENANT_KEY_COLLECTION = {
  customerLockbox: "customerLockbox",
  organization: "m365Organization",
  users: "m365Users",
  groups: "m365Groups",
  sites: "m365Sites",
  rootSite: "m365RootSite",
  subscribedSkus: "m365SubscribedSkus",
} as const satisfies Record<string, Collection>;

export interface InventoryOptions {
  /**
   * Collections already complete; default every collection (a finished snapshot). With fewer, the
   * inventory is partial: {@link Inventory.markComplete} indexes the others as they complete.
   */
  complete?: Iterable<Collection>;
}

export class Inventory {
  private readonly source: Snapshot;
  private readonly flat = new Map<AzureCollection, ArmResource[]>();
  private readonly byId = new Map<string, ArmResource>();
  private readonly genericById = new Map<string, ArmResource>();
  private readonly rankById = new Map<string, number>();
  private readonly subById = new Map<string, SubscriptionSnapshot>();
  private readonly regions = new Map<string, KnownRegion>();
  private readonly failuresByCollection = new Map<Collection, CoverageEntry[]>();
  private readonly done = new Set<Collection>();
  /** The collection each indexed item was read in (an item object sits in exactly one list). */
  private readonly collectionOfItem = new WeakMap<object, AzureCollection>();
  /** Items of child collections by their parent's lower-cased id, built on first use. */
  private readonly childIndex = new Map<AzureCollection, Map<string, ArmResource[]>>();
  private partial: boolean;
  /** Where lookups are being recorded (the verdict being judged), if anywhere. */
  private recorder: Recording | undefined;

  constructor(snapshot: Snapshot, opts: InventoryOptions = {}) {
    this.source = snapshot;
    const complete = opts.complete ? [...opts.complete] : EVERY_COLLECTION;
    this.partial = true;
    for (const c of complete) this.markComplete(c);
  }

  /**
   * Indexes a collection that will not change any more (its items in every subscription, its
   * coverage entries; `locations` also the snapshot's region metadata). Idempotent.
   */
  markComplete(collection: Collection): void {
    if (this.done.has(collection)) return;
    this.done.add(collection);
    if ((AZURE_COLLECTIONS as readonly string[]).includes(collection)) {
      const name = collection as AzureCollection;
      const list: ArmResource[] = [];
      const rank = RANK.get(name) ?? Number.MAX_SAFE_INTEGER;
      for (const sub of this.source.subscriptions) {
        const items = sub.collections[name];
        if (!Array.isArray(items)) continue;
        for (const item of items) {
          if (!item || typeof item.id !== "string") continue;
          list.push(item);
          this.collectionOfItem.set(item, name);
          const key = idKey(item.id);
          if (name === "resources" && !this.genericById.has(key)) this.genericById.set(key, item);
          const had = this.rankById.get(key);
          if (had === undefined || rank < had) {
            this.byId.set(key, item);
            this.rankById.set(key, rank);
          }
        }
      }
      this.flat.set(name, list);
      if (name === "locations") for (const r of this.source.regions ?? []) this.addRegion(r);
    }
    if (collection === "subscriptions") for (const sub of this.source.subscriptions) this.subById.set(idKey(sub.subscriptionId), sub);
    const failures = (this.source.coverage ?? []).filter((c) => c.collection === collection).sort(compareCoverage);
    if (failures.length > 0) this.failuresByCollection.set(collection, failures);
    if (this.done.size === EVERY_COLLECTION.length) this.partial = false;
  }

  /** Whether a collection is complete (always true for a finished snapshot). */
  isComplete(collection: Collection): boolean {
    return this.done.has(collection);
  }

  private need(collection: Collection): void {
    if (this.partial && !this.done.has(collection)) throw new NotReadyError(collection);
  }

  // ---- What a verdict read -------------------------------------------------------------------
  //
  // Every question below records, while a verdict is being judged (see {@link track}), which
  // collection it needed at which scope. The engine then blinds a verdict exactly when a coverage
  // failure of such a collection overlaps such a scope. A lookup that found its item depends on
  // that item's scope; one that found nothing depends on every scope it searched.

  /**
   * Records that the verdict being judged depends on `collection` at `scope` (`/`: every scope).
   * Helpers that answer from their own indexes (key-URI resolution) call it for what they used.
   */
  depend(collection: Collection, scope: string): void {
    this.recorder?.add(collection, scope);
  }

  /** Records that the verdict depends on this item as read (its collection, its id). */
  uses(item: { id: string }): void {
    if (!this.recorder) return;
    const c = this.collectionOfItem.get(item);
    if (c) this.recorder.add(c, item.id);
  }

  /** The collection an indexed item was read in. */
  collectionOf(item: object): AzureCollection | undefined {
    return this.collectionOfItem.get(item);
  }

  /**
   * Runs `fn`, recording every lookup it makes. `nested` (default false) also records them in the
   * enclosing recording, if any: a cached sub-answer (classification) replayed into the verdict
   * that asked for it. Without it, the recording is the verdict's own.
   */
  track<T>(fn: () => T, nested = false): { value: T; deps: Required<Dependency>[] } {
    const outer = this.recorder;
    const mine = new Recording();
    this.recorder = mine;
    let value: T;
    try {
      value = fn();
    } finally {
      this.recorder = outer;
    }
    if (nested && outer) outer.addAll(mine.deps);
    return { value, deps: mine.deps };
  }

  /** Records dependencies captured earlier (a cached answer given again). */
  replay(deps: readonly Required<Dependency>[]): void {
    this.recorder?.addAll(deps);
  }

  /** Runs `fn` without recording (indexes built once for every verdict). */
  untracked<T>(fn: () => T): T {
    const outer = this.recorder;
    this.recorder = undefined;
    try {
      return fn();
    } finally {
      this.recorder = outer;
    }
  }

  /**
   * Whether the generic resource list (or Resource Graph) was read completely at `scope`: its
   * subscription holds the list and no failure of it overlaps. Only then can it name resources.
   */
  genericListRead(scope: string): boolean {
    this.need("resources");
    const sub = parseArmId(scope).subscriptionId;
    if (!sub) return false;
    const s = this.subById.get(idKey(sub));
    if (!s || !Array.isArray(s.collections.resources)) return false;
    return this.failureOverlapping("resources", scope) === undefined;
  }

  /** Resources of an ARM type (lower-cased) as the generic list shows them. */
  genericOfType(type: string): ArmResource[] {
    this.need("resources");
    let idx = this.genericByType;
    if (!idx) {
      idx = new Map();
      for (const r of this.genericById.values()) {
        const t = (typeof r.type === "string" ? r.type : (parseArmId(r.id).type ?? "")).toLowerCase();
        const list = idx.get(t);
        if (list) list.push(r);
        else idx.set(t, [r]);
      }
      this.genericByType = idx;
    }
    return idx.get(type) ?? [];
  }
  private genericByType: Map<string, ArmResource[]> | undefined;

  /** Whether any complete collection has a coverage failure (most audits: none). */
  get hasFailures(): boolean {
    return this.failuresByCollection.size > 0;
  }

  /**
   * The first failure of `collection` whose scope overlaps `scope`, without recording (the engine
   * asks this of each recorded dependency).
   */
  failureOverlapping(collection: Collection, scope: string): CoverageEntry | undefined {
    const list = this.failuresByCollection.get(collection);
    if (!list) return undefined;
    for (const f of list) if (scopesOverlap(f.scope, scope)) return f;
    return undefined;
  }

  /** The snapshot; while collection runs, only once every tenant-level collection is complete. */
  get snapshot(): Snapshot {
    if (this.partial) for (const c of TENANT_COLLECTIONS) this.need(c);
    for (const c of TENANT_COLLECTIONS) this.depend(c, "/");
    return this.source;
  }

  /** How the snapshot's subscriptions were chosen (fixed when collection starts; not a read). */
  get scope(): Snapshot["scope"] {
    return this.source.scope;
  }

  /**
   * Tenant-level data: the Customer Lockbox state and the Microsoft 365 lists, recorded as read
   * at the tenant. Undefined when the snapshot holds none.
   */
  tenant<K extends "customerLockbox" | "organization" | "users" | "groups" | "sites" | "rootSite" | "subscribedSkus">(
    key: K,
  ): K extends "customerLockbox" ? Snapshot["tenant"]["customerLockbox"] : NonNullable<Snapshot["tenant"]["m365"]>[Exclude<K, "customerLockbox">] {
    const collection = TENANT_KEY_COLLECTION[key];
    this.need(collection);
    this.depend(collection, `/tenants/${this.source.tenant.tenantId}`);
    const t = this.source.tenant;
    return (key === "customerLockbox" ? t.customerLockbox : t.m365?.[key as Exclude<K, "customerLockbox">]) as never;
  }

  /** The tenant's display name, if any source named it (for target names only). */
  get tenantName(): string | undefined {
    return this.source.tenant.displayName;
  }

  get tenantId(): string {
    return this.source.tenant.tenantId;
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

  /**
   * Every item of a collection across subscriptions (empty when none was read). Judged one by one
   * with `ctx.each`, each item's verdict depends on that item only; asked inside a verdict, the
   * whole collection.
   */
  all(collection: AzureCollection): ArmResource[] {
    this.need(collection);
    this.depend(collection, "/");
    return this.flat.get(collection) ?? [];
  }

  /**
   * The items of a child collection under one parent (`vaultKeys` of a vault, `replications` of a
   * registry, …): depends on that collection at the parent's scope.
   */
  children(collection: AzureCollection, parentId: string): ArmResource[] {
    this.need(collection);
    this.depend(collection, parentId);
    let idx = this.childIndex.get(collection);
    if (!idx) {
      idx = new Map();
      for (const item of this.flat.get(collection) ?? []) {
        const parent = parentArmId(item.id);
        if (parent === undefined) continue;
        const k = idKey(parent);
        const list = idx.get(k);
        if (list) list.push(item);
        else idx.set(k, [item]);
      }
      this.childIndex.set(collection, idx);
    }
    return idx.get(idKey(parentId)) ?? [];
  }

  /**
   * One subscription's list of a collection as the collector stored it (policy assignments there
   * include those inherited from management groups): undefined when it was not collected.
   */
  inSubscription(collection: AzureCollection, subscriptionId: string): ArmResource[] | undefined {
    this.need(collection);
    this.need("subscriptions");
    this.depend(collection, `/subscriptions/${subscriptionId}`);
    const items = this.subById.get(idKey(subscriptionId))?.collections[collection];
    return Array.isArray(items) ? items : undefined;
  }

  get subscriptions(): SubscriptionSnapshot[] {
    this.need("subscriptions");
    this.depend("subscriptions", "/");
    return this.source.subscriptions;
  }

  subscription(subscriptionId: string): SubscriptionSnapshot | undefined {
    this.need("subscriptions");
    this.depend("subscriptions", `/subscriptions/${subscriptionId}`);
    return this.subById.get(idKey(subscriptionId));
  }

  /**
   * The payload with this id (case-insensitive), from any collection. Depends on the collection
   * that holds such ids at that id (and on the one it was found in): a payload found only in the
   * generic list while its own collection failed there is not enough to judge it.
   */
  get(id: string): ArmResource | undefined {
    const type = parseArmId(id).type?.toLowerCase();
    const holder = type === undefined ? undefined : collectionOfType(type);
    if (this.partial && !id.startsWith("/tenants/")) {
      // The generic view may hold it, a full payload may replace it: both must be final.
      this.need("resources");
      if (holder) this.need(holder);
      else for (const c of AZURE_COLLECTIONS) this.need(c);
    }
    const hit = this.byId.get(idKey(id));
    if (this.recorder) {
      if (holder) this.depend(holder, id);
      const found = hit ? this.collectionOfItem.get(hit) : undefined;
      if (found && found !== holder) this.depend(found, id);
      if (!holder && !found) this.depend("resources", id);
    }
    return hit;
  }

  /**
   * The resource as the generic list (`GET /subscriptions/{s}/resources`) gives it, else its full
   * payload: names, locations and tags are read from the generic list first, so they are known as
   * soon as that list is, whichever data-store collections are still being read.
   */
  describe(id: string): ArmResource | undefined {
    this.need("resources");
    const generic = this.genericById.get(idKey(id));
    if (generic) {
      this.depend("resources", id);
      return generic;
    }
    const full = this.get(id);
    if (!full) this.depend("resources", id);
    return full;
  }

  /** Tags of an ARM id: subscription, resource group or resource (see {@link describe}). */
  tagsOf(id: string): Record<string, string> | undefined {
    const parsed = parseArmId(id);
    if (parsed.type === "Microsoft.Resources/subscriptions" && parsed.subscriptionId) {
      return this.subscription(parsed.subscriptionId)?.tags ?? undefined;
    }
    const tags = this.describe(id)?.tags;
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
    this.need("locations");
    const n = normalizeRegion(location);
    const hit = this.regions.get(n);
    if (hit) return hit;
    const b = builtinRegion(n);
    if (!b) {
      // Unknown to both: the locations API of a subscription that could not be read might know it.
      this.depend("locations", "/");
      return undefined;
    }
    return { name: b.name, displayName: b.displayName, pairs: b.pair ? [b.pair] : [], country: b.country, eu: b.eu };
  }

  /** Coverage failures of one collection. */
  failures(collection: Collection): CoverageEntry[] {
    this.need(collection);
    this.depend(collection, "/");
    return this.failuresByCollection.get(collection) ?? [];
  }

  /** The failure (if any) of a collection whose scope is `id` or one of its ancestors. */
  failureFor(collection: Collection, id: string): CoverageEntry | undefined {
    this.need(collection);
    this.depend(collection, id);
    return (this.failuresByCollection.get(collection) ?? []).find((f) => isUnder(id, f.scope));
  }

  /** True when a collection was read completely in every subscription (no failure anywhere). */
  complete(collection: Collection): boolean {
    return this.failures(collection).length === 0;
  }
}
