/**
 * The snapshot: everything Hemvist read from one tenant, as one versioned JSON document.
 * Collectors write it, rules read it. Azure and Graph payloads keep their own property names.
 */

/**
 * Major.minor.patch of the snapshot format. A reader refuses another major and reads any minor of
 * its own. 1.1: coverage entries carry no `blinds`; `scope.azureCollected`. 1.2: the collections
 * policyExemptions, managedHsmKeys, sqlReplicationLinks, sqlInstanceFailoverGroups,
 * dataProtectionBackupVaults and m365RootSite (`tenant.m365.rootSite`); an older snapshot evaluated
 * today lacks them, which is a gap of the evaluation (not assessed), never an empty list. 1.3: a
 * region's `latitude` and `longitude` (for the data map; an older snapshot's map has no coordinates).
 */
export const SNAPSHOT_SCHEMA_VERSION = "1.3.0";

/** An ARM resource as the REST API returns it (top-level or child, tracked or proxy). */
export interface ArmResource {
  id: string;
  name?: string;
  type?: string;
  location?: string;
  tags?: Record<string, string> | null;
  sku?: { name?: string; tier?: string; [k: string]: unknown } | null;
  kind?: string;
  properties?: Record<string, unknown> | null;
  [k: string]: unknown;
}

/** A Microsoft Graph object as `GET` returns it (only the `$select`ed properties). */
export interface GraphObject {
  id: string;
  [k: string]: unknown;
}

/**
 * Collections read per subscription. Each holds ARM payloads whose `id` places them
 * (child collections hold children of every parent that was read).
 */
export const AZURE_COLLECTIONS = [
  "locations",
  "providers",
  "resourceGroups",
  "resources",
  "storageAccounts",
  "keyVaults",
  "managedHsms",
  "vaultKeys",
  "managedHsmKeys",
  "sqlServers",
  "sqlDatabases",
  "sqlTransparentDataEncryption",
  "sqlEncryptionProtectors",
  "sqlFailoverGroups",
  "sqlReplicationLinks",
  "sqlManagedInstances",
  "sqlManagedInstanceEncryptionProtectors",
  "sqlInstanceFailoverGroups",
  "postgresFlexibleServers",
  "mysqlFlexibleServers",
  "cosmosDbAccounts",
  "disks",
  "diskSnapshots",
  "diskEncryptionSets",
  "cognitiveAccounts",
  "cognitiveDeployments",
  "recoveryServicesVaults",
  "backupStorageConfigs",
  "dataProtectionBackupVaults",
  "containerRegistries",
  "containerRegistryReplications",
  "policyAssignments",
  "policySetDefinitions",
  "policyExemptions",
] as const;
export type AzureCollection = (typeof AZURE_COLLECTIONS)[number];

/** Collections read once per tenant. */
export const TENANT_COLLECTIONS = [
  "subscriptions",
  "managementGroups",
  "customerLockbox",
  "m365Organization",
  "m365Users",
  "m365Groups",
  "m365Sites",
  "m365RootSite",
  "m365SubscribedSkus",
] as const;
export type TenantCollection = (typeof TENANT_COLLECTIONS)[number];

export type Collection = AzureCollection | TenantCollection;

/** One subscription's inventory. */
export interface SubscriptionSnapshot {
  subscriptionId: string;
  /** The subscription's ARM id, `/subscriptions/{subscriptionId}`. */
  id: string;
  displayName?: string;
  state?: string;
  tenantId?: string;
  tags?: Record<string, string> | null;
  /** Management group ids from the root down to the subscription's parent, when known. */
  managementGroupAncestors?: string[];
  /** Resource provider namespaces the subscription has not registered (nothing of theirs can exist). */
  notRegisteredProviders?: string[];
  /** Collections that were read (fully or partly: see coverage). A missing key means not collected. */
  collections: Partial<Record<AzureCollection, ArmResource[]>>;
}

/** Tenant-level data. */
export interface TenantSnapshot {
  tenantId: string;
  displayName?: string;
  customerLockbox?: { isOptedIn?: boolean | null } | null;
  m365?: {
    organization?: GraphObject[];
    users?: GraphObject[];
    groups?: GraphObject[];
    sites?: GraphObject[];
    /** `GET /sites/root`, as a list of one. */
    rootSite?: GraphObject[];
    subscribedSkus?: GraphObject[];
  };
}

/** Why a scope was not read. */
export interface CoverageEntry {
  /** ARM id (subscription, resource) or `/tenants/{tenantId}[/users|/groups|/sites|...]` the failure covers. */
  scope: string;
  collection: Collection;
  /** The call that failed, e.g. `GET /subscriptions/{s}/providers/Microsoft.Storage/storageAccounts`. */
  operation: string;
  httpStatus?: number;
  /** ARM/Graph error code (`AuthorizationFailed`, `Authorization_RequestDenied`, `TooManyRequests`), or one of Hemvist's own: `MalformedResponse`, `PagingLoop`, `ForeignNextLink` (a nextLink off the endpoint, never followed), `NetworkError`, `Timeout`. */
  code: string;
  message: string;
  /** For Graph: the application permission that would allow the read. For ARM: the role action. */
  permission?: string;
  /**
   * Snapshots before 1.1 only: rule ids computed at collect time. No longer written; findings.json
   * lists per coverage entry the rules whose results it actually blinded.
   */
  blinds?: string[];
}

/** The snapshot's order of coverage entries (scope, collection, operation): it does not depend on which request finished first. */
export function compareCoverage(a: CoverageEntry, b: CoverageEntry): number {
  return a.scope.localeCompare(b.scope) || a.collection.localeCompare(b.collection) || a.operation.localeCompare(b.operation);
}

export interface RegionInfo {
  name: string;
  displayName?: string;
  regionType?: string;
  regionCategory?: string;
  geography?: string;
  geographyGroup?: string;
  physicalLocation?: string;
  pairedRegion?: string[];
  /** `metadata.latitude` / `metadata.longitude` as numbers (the API gives strings); absent when missing or not a finite number in range. 1.3. */
  latitude?: number;
  longitude?: number;
}

export interface Snapshot {
  schemaVersion: string;
  tool: { name: "hemvist"; version: string };
  collectedAt: string;
  cloud: { name: string; armEndpoint: string; graphEndpoint: string };
  identity: { authMethod: string; tenantId?: string; clientId?: string; objectId?: string };
  /** The profile the run used (informational; `evaluate` may use another). */
  profile: { name: string; allowedRegions: string[]; allowedM365Geos: string[] };
  /** Collection → api-version used. */
  apiVersions: Partial<Record<Collection, string>>;
  /** How the set of subscriptions was chosen. `allVisible` false means `--subscriptions`/sharding narrowed it. */
  scope: {
    allVisibleSubscriptions: boolean;
    requestedSubscriptions?: string[];
    /** Whether Azure (ARM) was read; false for a Microsoft-365-only audit. Absent in snapshots before 1.1 (read: true). */
    azureCollected?: boolean;
    m365Collected: boolean;
    /** `i/n` when collected as one shard of several. */
    shard?: string;
  };
  tenant: TenantSnapshot;
  /** Region metadata from the locations API (with `metadata.pairedRegion`). */
  regions: RegionInfo[];
  subscriptions: SubscriptionSnapshot[];
  coverage: CoverageEntry[];
}
