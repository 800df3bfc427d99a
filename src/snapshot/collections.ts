/**
 * The one map from a snapshot collection to what its items are: the ARM type (as Azure spells it),
 * the collection its items hang under, and whether the generic resource list (and Resource Graph)
 * shows them. The engine, the collectors, the emulator and the benchmark all read it from here.
 */
import type { AzureCollection } from "./types.js";

export interface CollectionKind {
  /** ARM type of the items, canonical casing (`Microsoft.Storage/storageAccounts`). */
  type: string;
  /** The collection whose items these hang under (read per parent item). */
  parent?: AzureCollection;
  /** Tracked resources: the generic resource list and Resource Graph show them. */
  tracked?: true;
  /**
   * A collection read only after this one succeeded, though its items are not children of that
   * one's (an assignment's initiatives): a failure there explains this collection's absence.
   */
  readAfter?: AzureCollection;
}

/** Every Azure collection that holds full payloads of one ARM type. */
export const COLLECTION_KINDS: Partial<Record<AzureCollection, CollectionKind>> = {
  resourceGroups: { type: "Microsoft.Resources/resourceGroups" },
  storageAccounts: { type: "Microsoft.Storage/storageAccounts", tracked: true },
  keyVaults: { type: "Microsoft.KeyVault/vaults", tracked: true },
  managedHsms: { type: "Microsoft.KeyVault/managedHSMs", tracked: true },
  vaultKeys: { type: "Microsoft.KeyVault/vaults/keys", parent: "keyVaults" },
  managedHsmKeys: { type: "Microsoft.KeyVault/managedHSMs/keys", parent: "managedHsms" },
  sqlServers: { type: "Microsoft.Sql/servers", tracked: true },
  sqlDatabases: { type: "Microsoft.Sql/servers/databases", parent: "sqlServers", tracked: true },
  sqlTransparentDataEncryption: { type: "Microsoft.Sql/servers/databases/transparentDataEncryption", parent: "sqlDatabases" },
  sqlEncryptionProtectors: { type: "Microsoft.Sql/servers/encryptionProtector", parent: "sqlServers" },
  sqlFailoverGroups: { type: "Microsoft.Sql/servers/failoverGroups", parent: "sqlServers" },
  // Listed per server (ReplicationLinks_ListByServer); each link's id hangs under its database.
  sqlReplicationLinks: { type: "Microsoft.Sql/servers/databases/replicationLinks", parent: "sqlServers" },
  sqlManagedInstances: { type: "Microsoft.Sql/managedInstances", tracked: true },
  sqlManagedInstanceEncryptionProtectors: { type: "Microsoft.Sql/managedInstances/encryptionProtector", parent: "sqlManagedInstances" },
  // Listed per resource group and location of the managed instances (InstanceFailoverGroups_ListByLocation);
  // the ids hang under `…/providers/Microsoft.Sql/locations/{location}`, not under an instance.
  sqlInstanceFailoverGroups: { type: "Microsoft.Sql/locations/instanceFailoverGroups", parent: "sqlManagedInstances" },
  postgresFlexibleServers: { type: "Microsoft.DBforPostgreSQL/flexibleServers", tracked: true },
  mysqlFlexibleServers: { type: "Microsoft.DBforMySQL/flexibleServers", tracked: true },
  cosmosDbAccounts: { type: "Microsoft.DocumentDB/databaseAccounts", tracked: true },
  disks: { type: "Microsoft.Compute/disks", tracked: true },
  diskSnapshots: { type: "Microsoft.Compute/snapshots", tracked: true },
  diskEncryptionSets: { type: "Microsoft.Compute/diskEncryptionSets", tracked: true },
  cognitiveAccounts: { type: "Microsoft.CognitiveServices/accounts", tracked: true },
  cognitiveDeployments: { type: "Microsoft.CognitiveServices/accounts/deployments", parent: "cognitiveAccounts" },
  recoveryServicesVaults: { type: "Microsoft.RecoveryServices/vaults", tracked: true },
  backupStorageConfigs: { type: "Microsoft.RecoveryServices/vaults/backupstorageconfig", parent: "recoveryServicesVaults" },
  dataProtectionBackupVaults: { type: "Microsoft.DataProtection/backupVaults", tracked: true },
  containerRegistries: { type: "Microsoft.ContainerRegistry/registries", tracked: true },
  containerRegistryReplications: { type: "Microsoft.ContainerRegistry/registries/replications", parent: "containerRegistries", tracked: true },
  policyAssignments: { type: "Microsoft.Authorization/policyAssignments" },
  policySetDefinitions: { type: "Microsoft.Authorization/policySetDefinitions", readAfter: "policyAssignments" },
  policyExemptions: { type: "Microsoft.Authorization/policyExemptions" },
};

const ENTRIES = Object.entries(COLLECTION_KINDS) as [AzureCollection, CollectionKind][];

/** The lower-cased ARM type of a collection's items (as parseArmId gives types), if it holds one type. */
export function collectionType(collection: AzureCollection): string | undefined {
  return COLLECTION_KINDS[collection]?.type.toLowerCase();
}

const BY_TYPE = new Map(ENTRIES.map(([c, k]) => [k.type.toLowerCase(), c]));

/** The collection that holds items of an ARM type (any casing), if one does. */
export function collectionOfType(type: string): AzureCollection | undefined {
  return BY_TYPE.get(type.toLowerCase());
}

/** The collection whose successful read a collection's read waits for: its parent, or what it is read after. */
export function prerequisiteCollection(collection: AzureCollection): AzureCollection | undefined {
  const k = COLLECTION_KINDS[collection];
  return k?.parent ?? k?.readAfter;
}

/** The collection a child collection's items hang under. */
export function parentCollection(collection: AzureCollection): AzureCollection | undefined {
  return COLLECTION_KINDS[collection]?.parent;
}

/** Lower-cased ARM types the generic resource list (and Resource Graph) shows. */
export const TRACKED_TYPES: ReadonlySet<string> = new Set(ENTRIES.filter(([, k]) => k.tracked).map(([, k]) => k.type.toLowerCase()));

/** Collections listed once per subscription whose items are tracked resources. */
export const SUBSCRIPTION_LISTS: readonly AzureCollection[] = ENTRIES.filter(([, k]) => k.tracked && !k.parent).map(([c]) => c);
