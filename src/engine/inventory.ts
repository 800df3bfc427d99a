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
 * The ARM type (lower-cased, as parseArmId gives it from the id) of the items of each Azure
 * collection that holds full payloads. A lookup of an id of such a type waits for that collection;
 * an id of any other type may sit in any collection, so its lookup waits for all of them.
 */
export const COLLECTION_ITEM_TYPES: Partial<Record<AzureCollection, string>> = {
  resourceGroups: "microsoft.resources/resourcegroups",
  storageAccounts: "microsoft.storage/storageaccounts",
  keyVaults: "microsoft.keyvault/vaults",
  managedHsms: "microsoft.keyvault/managedhsms",
  vaultKeys: "microsoft.keyvault/vaults/keys",
  sqlServers: "microsoft.sql/servers",
  sqlDatabases: "microsoft.sql/servers/databases",
  sqlTransparentDataEncryption: "microsoft.sql/servers/databases/transparentdataencryption",
  sqlEncryptionProtectors: "microsoft.sql/servers/encryptionprotector",
  sqlFailoverGroups: "microsoft.sql/servers/failovergroups",
  sqlManagedInstances: "microsoft.sql/managedinstances",
  sqlManagedInstanceEncryptionProtectors: "microsoft.sql/managedinstances/encryptionprotector",
  postgresFlexibleServers: "microsoft.dbforpostgresql/flexibleservers",
  mysqlFlexibleServers: "microsoft.dbformysql/flexibleservers",
  cosmosDbAccounts: "microsoft.documentdb/databaseaccounts",
  disks: "microsoft.compute/disks",
  diskSnapshots: "microsoft.compute/snapshots",
  diskEncryptionSets: "microsoft.compute/diskencryptionsets",
  cognitiveAccounts: "microsoft.cognitiveservices/accounts",
  cognitiveDeployments: "microsoft.cognitiveservices/accounts/deployments",
  recoveryServicesVaults: "microsoft.recoveryservices/vaults",
  backupStorageConfigs: "microsoft.recoveryservices/vaults/backupstorageconfig",
  containerRegistries: "microsoft.containerregistry/registries",
  containerRegistryReplications: "microsoft.containerregistry/registries/replications",
  policyAssignments: "microsoft.authorization/policyassignments",
  policySetDefinitions: "microsoft.authorization/policysetdefinitions",
};
const COLLECTION_OF_TYPE = new Map<string, AzureCollection>(
  (Object.entries(COLLECTION_ITEM_TYPES) as [AzureCollection, string][]).map(([c, t]) => [t, c]),
);
/** Full payloads win over the generic `/resources` view; between two full payloads the earlier collection wins. */
const RANK = new Map<string, number>(AZURE_COLLECTIONS.map((c, i) => [c, c === "resources" ? Number.MAX_SAFE_INTEGER : i]));
const EVERY_COLLECTION: readonly Collection[] = [...AZURE_COLLECTIONS, ...TENANT_COLLECTIONS];

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
  private partial: boolean;

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

  /** The snapshot; while collection runs, only once every tenant-level collection is complete. */
  get snapshot(): Snapshot {
    if (this.partial) for (const c of TENANT_COLLECTIONS) this.need(c);
    return this.source;
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

  /** Every item of a collection across subscriptions (empty when none was read). */
  all(collection: AzureCollection): ArmResource[] {
    this.need(collection);
    return this.flat.get(collection) ?? [];
  }

  get subscriptions(): SubscriptionSnapshot[] {
    this.need("subscriptions");
    return this.source.subscriptions;
  }

  subscription(subscriptionId: string): SubscriptionSnapshot | undefined {
    this.need("subscriptions");
    return this.subById.get(idKey(subscriptionId));
  }

  /** The payload with this id (case-insensitive), from any collection. */
  get(id: string): ArmResource | undefined {
    if (this.partial && !id.startsWith("/tenants/")) {
      // The generic view may hold it, a full payload may replace it: both must be final.
      this.need("resources");
      const type = parseArmId(id).type?.toLowerCase();
      const holder = type === undefined ? undefined : COLLECTION_OF_TYPE.get(type);
      if (holder) this.need(holder);
      else for (const c of AZURE_COLLECTIONS) this.need(c);
    }
    return this.byId.get(idKey(id));
  }

  /**
   * The resource as the generic list (`GET /subscriptions/{s}/resources`) gives it, else its full
   * payload: names, locations and tags are read from the generic list first, so they are known as
   * soon as that list is, whichever data-store collections are still being read.
   */
  describe(id: string): ArmResource | undefined {
    this.need("resources");
    return this.genericById.get(idKey(id)) ?? this.get(id);
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
    if (!b) return undefined;
    return { name: b.name, displayName: b.displayName, pairs: b.pair ? [b.pair] : [], country: b.country, eu: b.eu };
  }

  /** Coverage failures of one collection. */
  failures(collection: Collection): CoverageEntry[] {
    this.need(collection);
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
