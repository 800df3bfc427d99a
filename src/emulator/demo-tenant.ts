/**
 * The built-in demo tenant "Exempelkommun", a fictional Swedish municipality, served by the emulator
 * for `hemvist demo`. Payloads follow the ARM and Graph REST API shapes; docs/demo-tenant.md says
 * which resource demonstrates which rule.
 */
import { builtinRegion } from "../config/regions.js";
import type { ArmResource, GraphObject } from "../snapshot/types.js";
import type { ModelSubscription, TenantModel } from "./model.js";

/** The demo tenant's id (also the id of its tenant root management group). */
export const DEMO_TENANT_ID = "8d3f6a51-0c8e-4e59-9b5e-3a1c2f7e9d10";

/** The three demo subscriptions. */
export const DEMO_SUBSCRIPTIONS = {
  /** "Exempelkommun – Gemensam IT": shared platform; Allowed-locations policy correct at a management group. */
  gemensamIt: "2b6c4e1a-7f3d-4c8b-a1e5-9d0f3c6b8a21",
  /** "Exempelkommun – Vård och omsorg": health and social care; excluded from the resource policy (notScopes, DoNotEnforce). */
  vardOchOmsorg: "5e9a1c3d-2b7f-4a6e-8c4d-1f0b9e7a3c52",
  /** "Exempelkommun – Utbildning": schools; own management group, policy allows West/North Europe; Cosmos DB not registered. */
  utbildning: "9c4f7b2e-6a1d-4e3c-b8f5-0d2a6c9e4b73",
} as const;

/** The subscription ids, in the order the model lists them. */
export const DEMO_SUBSCRIPTION_IDS: readonly string[] = [
  DEMO_SUBSCRIPTIONS.gemensamIt,
  DEMO_SUBSCRIPTIONS.vardOchOmsorg,
  DEMO_SUBSCRIPTIONS.utbildning,
];

/** Management groups below the tenant root. */
export const DEMO_MANAGEMENT_GROUPS = {
  kommun: "mg-exempelkommun",
  utbildning: "mg-exk-utbildning",
} as const;

/**
 * Key hosts that customer-managed-key settings reference on purpose although no vault or HSM in the
 * tenant has them: a supplier's vault in another tenant (ENC-07 fails "not in the inventory").
 */
export const DEMO_DANGLING_KEY_HOSTS: readonly string[] = ["kv-edtech-leverantor.vault.azure.net"];

/** Page size the demo uses so that ARM and Graph paging is exercised. */
export const DEMO_PAGE_SIZE = 5;

// ---------------------------------------------------------------------------------------------
// Small deterministic helpers (no clock, no randomness: the demo is the same on every run).

type Tags = Record<string, string>;

/** 32-bit FNV-1a hash of a string with a salt. */
function fnv(seed: string, salt: number): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** 32 lower-case hex digits derived from a seed (key versions, internal ids). */
function hex32(seed: string): string {
  return [0, 1, 2, 3].map((i) => fnv(seed, i).toString(16).padStart(8, "0")).join("");
}

/** A GUID-shaped (version 4 layout) id derived from a seed, so related ids stay stable. */
function guid(seed: string): string {
  const h = hex32(seed);
  const variant = "89ab"[Number.parseInt(h.charAt(16), 16) % 4] ?? "8";
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Unix seconds of an ISO timestamp (Key Vault key attributes use them). */
function epoch(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

/** Display name of a region ("swedencentral" → "Sweden Central"), as some providers return it. */
function displayName(region: string): string {
  return builtinRegion(region)?.displayName ?? region;
}

/** ARM `systemData` as tracked resources return it. */
function systemData(createdAt: string, lastModifiedAt = createdAt, by = "erik.johansson@exempelkommun.se") {
  return {
    createdBy: by,
    createdByType: "User",
    createdAt,
    lastModifiedBy: by,
    lastModifiedByType: "User",
    lastModifiedAt,
  };
}

/** A weak ETag in the `W/"datetime'…'"` form several providers use. */
function datetimeEtag(iso: string): string {
  return `W/"datetime'${iso.replace(/:/g, "%3A")}'"`;
}

/** Only the defined entries of an object (lets a spec leave a property absent on purpose). */
function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

interface Rg {
  sub: string;
  name: string;
  location: string;
  tags?: Tags;
}

function rgId(rg: Rg): string {
  return `/subscriptions/${rg.sub}/resourceGroups/${rg.name}`;
}

function resId(rg: Rg, type: string, name: string): string {
  return `${rgId(rg)}/providers/${type}/${name}`;
}

/** A resource group payload (`GET /subscriptions/{s}/resourcegroups`). */
function resourceGroup(rg: Rg): ArmResource {
  return defined({
    id: rgId(rg),
    name: rg.name,
    type: "Microsoft.Resources/resourceGroups",
    location: rg.location,
    tags: rg.tags,
    properties: { provisioningState: "Succeeded" },
  }) as ArmResource;
}

/** A system-assigned managed identity block. */
function systemIdentity(seed: string) {
  return { principalId: guid(`principal:${seed}`), tenantId: DEMO_TENANT_ID, type: "SystemAssigned" };
}

// ---------------------------------------------------------------------------------------------
// Key Vault, keys and managed HSM

/** Where a customer-managed key lives: a Key Vault key or a managed HSM key. */
interface KeyRef {
  /** Vault or HSM name (first label of the host). */
  store: string;
  kind: "vault" | "hsm";
  key: string;
  version: string;
}

function keyRef(store: string, key: string, kind: "vault" | "hsm" = "vault"): KeyRef {
  return { store, kind, key, version: hex32(`${store}/${key}`) };
}

function storeBaseUri(ref: Pick<KeyRef, "store" | "kind">): string {
  return ref.kind === "hsm" ? `https://${ref.store}.managedhsm.azure.net/` : `https://${ref.store}.vault.azure.net/`;
}

/** `https://{vault}.vault.azure.net/keys/{key}/{version}` as customer-key settings reference it. */
function keyUrl(ref: KeyRef): string {
  return `${storeBaseUri(ref)}keys/${ref.key}/${ref.version}`;
}

interface VaultSpec {
  rg: Rg;
  name: string;
  location: string;
  sku: "standard" | "premium";
  created: string;
  tags?: Tags;
  enableSoftDelete?: boolean;
  enablePurgeProtection?: boolean;
  enableRbacAuthorization?: boolean;
  publicNetworkAccess?: "Enabled" | "Disabled";
  networkAclsDefault?: "Allow" | "Deny";
}

/** A Key Vault (`Microsoft.KeyVault/vaults`, api-version 2023-07-01). `properties.sku` is required by the SDK. */
function keyVault(s: VaultSpec): ArmResource {
  const accessPolicies =
    s.enableRbacAuthorization === true
      ? []
      : [
          {
            tenantId: DEMO_TENANT_ID,
            objectId: guid("group:it-drift"),
            permissions: {
              keys: ["get", "list", "create", "update", "import", "wrapKey", "unwrapKey", "rotate", "getrotationpolicy", "setrotationpolicy"],
              secrets: ["get", "list", "set"],
              certificates: [],
            },
          },
        ];
  return defined({
    id: resId(s.rg, "Microsoft.KeyVault/vaults", s.name),
    name: s.name,
    type: "Microsoft.KeyVault/vaults",
    location: s.location,
    tags: s.tags ?? {},
    systemData: systemData(s.created),
    properties: defined({
      sku: { family: "A", name: s.sku },
      tenantId: DEMO_TENANT_ID,
      accessPolicies,
      enabledForDeployment: false,
      enabledForDiskEncryption: true,
      enabledForTemplateDeployment: false,
      enableSoftDelete: s.enableSoftDelete,
      softDeleteRetentionInDays: s.enableSoftDelete === false ? undefined : 90,
      enableRbacAuthorization: s.enableRbacAuthorization,
      enablePurgeProtection: s.enablePurgeProtection,
      networkAcls: s.networkAclsDefault
        ? { bypass: "AzureServices", defaultAction: s.networkAclsDefault, ipRules: [], virtualNetworkRules: [] }
        : undefined,
      vaultUri: storeBaseUri({ store: s.name, kind: "vault" }),
      provisioningState: "Succeeded",
      publicNetworkAccess: s.publicNetworkAccess,
    }),
  }) as ArmResource;
}

interface KeySpec {
  vault: ArmResource;
  name: string;
  kty: "RSA" | "RSA-HSM" | "EC-HSM";
  keySize?: number;
  created: string;
  exp?: string;
  /** Lifetime actions: `rotate` after / `notify` before. */
  rotation?: { rotateAfter?: string; notifyBefore?: string; expiryTime?: string };
}

/** A vault key as ARM lists it (`Microsoft.KeyVault/vaults/keys`): no key material, attributes in Unix seconds. */
function vaultKey(s: KeySpec): ArmResource {
  const vaultName = String(s.vault.name);
  const ref = keyRef(vaultName, s.name);
  const props = (s.vault.properties ?? {}) as Record<string, unknown>;
  const recoveryLevel =
    props.enableSoftDelete === false
      ? "Purgeable"
      : props.enablePurgeProtection === true
        ? "Recoverable"
        : "Recoverable+Purgeable";
  const lifetimeActions: unknown[] = [];
  if (s.rotation?.rotateAfter) {
    lifetimeActions.push({ trigger: { timeAfterCreate: s.rotation.rotateAfter }, action: { type: "rotate" } });
  }
  if (s.rotation?.notifyBefore) {
    lifetimeActions.push({ trigger: { timeBeforeExpiry: s.rotation.notifyBefore }, action: { type: "notify" } });
  }
  const host = `https://${vaultName}.vault.azure.net:443`;
  return {
    id: `${s.vault.id}/keys/${s.name}`,
    name: s.name,
    type: "Microsoft.KeyVault/vaults/keys",
    location: s.vault.location,
    tags: {},
    properties: defined({
      attributes: defined({
        enabled: true,
        exp: s.exp ? epoch(s.exp) : undefined,
        created: epoch(s.created),
        updated: epoch(s.created),
        recoveryLevel,
        exportable: false,
      }),
      kty: s.kty,
      keyOps: ["encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"],
      keySize: s.kty === "EC-HSM" ? undefined : (s.keySize ?? 2048),
      curveName: s.kty === "EC-HSM" ? "P-256" : undefined,
      keyUri: `${host}/keys/${s.name}`,
      keyUriWithVersion: `${host}/keys/${s.name}/${ref.version}`,
      rotationPolicy: s.rotation
        ? {
            attributes: defined({
              created: epoch(s.created),
              updated: epoch(s.created),
              expiryTime: s.rotation.expiryTime,
            }),
            lifetimeActions,
          }
        : undefined,
    }),
  };
}

/** A managed HSM (`Microsoft.KeyVault/managedHSMs`). */
function managedHsm(s: { rg: Rg; name: string; location: string; created: string; tags?: Tags }): ArmResource {
  return {
    id: resId(s.rg, "Microsoft.KeyVault/managedHSMs", s.name),
    name: s.name,
    type: "Microsoft.KeyVault/managedHSMs",
    location: s.location,
    sku: { family: "B", name: "Standard_B1" },
    tags: s.tags ?? {},
    systemData: systemData(s.created),
    properties: {
      tenantId: DEMO_TENANT_ID,
      initialAdminObjectIds: [guid("group:it-drift")],
      hsmUri: storeBaseUri({ store: s.name, kind: "hsm" }),
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      enablePurgeProtection: true,
      provisioningState: "Succeeded",
      statusMessage: "The Managed HSM is provisioned and ready to use.",
      networkAcls: { bypass: "AzureServices", defaultAction: "Deny", ipRules: [], virtualNetworkRules: [] },
      publicNetworkAccess: "Disabled",
      regions: [],
      securityDomainProperties: { activationStatus: "Active", activationStatusMessage: "Your HSM has been activated and can be used for cryptographic operations." },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Storage

interface StorageSpec {
  rg: Rg;
  name: string;
  location: string;
  sku: "Standard_LRS" | "Standard_ZRS" | "Standard_GRS" | "Standard_RAGRS" | "Standard_GZRS" | "Standard_RAGZRS" | "Premium_LRS";
  created: string;
  tags?: Tags;
  /** For the geo-redundant SKUs: the secondary region ARM reports. */
  secondaryLocation?: string;
  cmk?: KeyRef;
  requireInfrastructureEncryption?: boolean;
  minimumTlsVersion?: "TLS1_0" | "TLS1_1" | "TLS1_2";
  supportsHttpsTrafficOnly?: boolean;
  allowCrossTenantReplication?: boolean;
  publicNetworkAccess?: "Enabled" | "Disabled";
}

function endpoints(name: string, suffix = "") {
  const base = `${name}${suffix}`;
  return {
    dfs: `https://${base}.dfs.core.windows.net/`,
    web: `https://${base}.z1.web.core.windows.net/`,
    blob: `https://${base}.blob.core.windows.net/`,
    queue: `https://${base}.queue.core.windows.net/`,
    table: `https://${base}.table.core.windows.net/`,
    file: `https://${base}.file.core.windows.net/`,
  };
}

/** A storage account (`Microsoft.Storage/storageAccounts`, api-version 2024-01-01). */
function storageAccount(s: StorageSpec): ArmResource {
  const serviceState = { keyType: "Account", enabled: true, lastEnabledTime: s.created };
  const readAccess = s.sku.includes("RAG");
  return defined({
    id: resId(s.rg, "Microsoft.Storage/storageAccounts", s.name),
    name: s.name,
    type: "Microsoft.Storage/storageAccounts",
    location: s.location,
    tags: s.tags ?? {},
    sku: { name: s.sku, tier: s.sku.startsWith("Premium") ? "Premium" : "Standard" },
    kind: "StorageV2",
    identity: s.cmk ? systemIdentity(s.name) : undefined,
    properties: defined({
      keyCreationTime: { key1: s.created, key2: s.created },
      privateEndpointConnections: [],
      minimumTlsVersion: s.minimumTlsVersion,
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: false,
      allowCrossTenantReplication: s.allowCrossTenantReplication,
      isHnsEnabled: false,
      defaultToOAuthAuthentication: true,
      publicNetworkAccess: s.publicNetworkAccess ?? "Enabled",
      networkAcls: {
        bypass: "AzureServices",
        virtualNetworkRules: [],
        ipRules: [],
        defaultAction: s.publicNetworkAccess === "Disabled" ? "Deny" : "Allow",
      },
      supportsHttpsTrafficOnly: s.supportsHttpsTrafficOnly,
      encryption: defined({
        requireInfrastructureEncryption: s.requireInfrastructureEncryption,
        services: { file: serviceState, blob: serviceState },
        keySource: s.cmk ? "Microsoft.Keyvault" : "Microsoft.Storage",
        keyvaultproperties: s.cmk
          ? {
              keyvaulturi: storeBaseUri(s.cmk),
              keyname: s.cmk.key,
              keyversion: "",
              currentVersionedKeyIdentifier: keyUrl(s.cmk),
              lastKeyRotationTimestamp: s.created,
            }
          : undefined,
      }),
      accessTier: "Hot",
      provisioningState: "Succeeded",
      creationTime: s.created,
      primaryEndpoints: endpoints(s.name),
      primaryLocation: s.location,
      statusOfPrimary: "available",
      secondaryLocation: s.secondaryLocation,
      statusOfSecondary: s.secondaryLocation ? "available" : undefined,
      secondaryEndpoints: readAccess ? endpoints(s.name, "-secondary") : undefined,
    }),
  }) as ArmResource;
}

// ---------------------------------------------------------------------------------------------
// Azure SQL

interface SqlServerSpec {
  rg: Rg;
  name: string;
  location: string;
  tags?: Tags;
  /** `minimalTlsVersion`: "1.0", "1.1", "1.2", "None", or absent. */
  minimalTlsVersion?: string;
  cmk?: KeyRef;
}

/** A logical SQL server (`Microsoft.Sql/servers`, api-version 2023-08-01). */
function sqlServer(s: SqlServerSpec): ArmResource {
  return defined({
    id: resId(s.rg, "Microsoft.Sql/servers", s.name),
    name: s.name,
    type: "Microsoft.Sql/servers",
    location: s.location,
    kind: "v12.0",
    tags: s.tags ?? {},
    identity: s.cmk ? systemIdentity(s.name) : undefined,
    properties: defined({
      administratorLogin: "exkadmin",
      version: "12.0",
      state: "Ready",
      fullyQualifiedDomainName: `${s.name}.database.windows.net`,
      privateEndpointConnections: [],
      minimalTlsVersion: s.minimalTlsVersion,
      publicNetworkAccess: "Disabled",
      restrictOutboundNetworkAccess: "Disabled",
      keyId: s.cmk ? keyUrl(s.cmk) : undefined,
      administrators: {
        administratorType: "ActiveDirectory",
        principalType: "Group",
        login: "SQL-administratorer",
        sid: guid("group:sql-admins"),
        tenantId: DEMO_TENANT_ID,
        azureADOnlyAuthentication: true,
      },
    }),
  }) as ArmResource;
}

type BackupRedundancy = "Geo" | "GeoZone" | "Local" | "Zone";

/** A user database (`Microsoft.Sql/servers/databases`). */
function sqlDatabase(
  server: ArmResource,
  name: string,
  o: { redundancy: BackupRedundancy; created: string; tags?: Tags; secondaryOf?: string },
): ArmResource {
  return {
    id: `${server.id}/databases/${name}`,
    name,
    type: "Microsoft.Sql/servers/databases",
    location: server.location,
    tags: o.tags ?? {},
    sku: { name: "GP_Gen5", tier: "GeneralPurpose", family: "Gen5", capacity: 2 },
    kind: "v12.0,user,vcore",
    properties: defined({
      collation: "Finnish_Swedish_CI_AS",
      maxSizeBytes: 34359738368,
      status: "Online",
      databaseId: guid(`sqldb:${server.id}/${name}`),
      creationDate: o.created,
      currentServiceObjectiveName: "GP_Gen5_2",
      requestedServiceObjectiveName: "GP_Gen5_2",
      defaultSecondaryLocation: builtinRegion(String(server.location))?.pair,
      catalogCollation: "SQL_Latin1_General_CP1_CI_AS",
      zoneRedundant: false,
      licenseType: "LicenseIncluded",
      maxLogSizeBytes: 68719476736,
      earliestRestoreDate: "2025-11-20T03:00:00Z",
      readScale: "Disabled",
      currentSku: { name: "GP_Gen5", tier: "GeneralPurpose", family: "Gen5", capacity: 2 },
      currentBackupStorageRedundancy: o.redundancy,
      requestedBackupStorageRedundancy: o.redundancy,
      secondaryType: o.secondaryOf ? "Geo" : undefined,
      maintenanceConfigurationId: `/subscriptions/${server.id.split("/")[2]}/providers/Microsoft.Maintenance/publicMaintenanceConfigurations/SQL_Default`,
      isLedgerOn: false,
      isInfraEncryptionEnabled: false,
      availabilityZone: "NoPreference",
    }),
  };
}

/** The `master` database, which the databases list always includes (a system database: never judged). */
function sqlMaster(server: ArmResource): ArmResource {
  return {
    id: `${server.id}/databases/master`,
    name: "master",
    type: "Microsoft.Sql/servers/databases",
    location: server.location,
    kind: "v12.0,system",
    managedBy: server.id,
    sku: { name: "System", tier: "System", capacity: 0 },
    properties: {
      collation: "SQL_Latin1_General_CP1_CI_AS",
      maxSizeBytes: 32212254720,
      status: "Online",
      databaseId: guid(`sqldb:${server.id}/master`),
      creationDate: "2024-02-01T08:12:44.293Z",
      currentServiceObjectiveName: "System0",
      requestedServiceObjectiveName: "System0",
      defaultSecondaryLocation: builtinRegion(String(server.location))?.pair,
      catalogCollation: "SQL_Latin1_General_CP1_CI_AS",
      zoneRedundant: false,
      readScale: "Disabled",
      currentSku: { name: "System", tier: "System", capacity: 0 },
      currentBackupStorageRedundancy: "Geo",
      requestedBackupStorageRedundancy: "Geo",
      isLedgerOn: false,
      isInfraEncryptionEnabled: false,
    },
  };
}

/** `…/databases/{db}/transparentDataEncryption/current`. */
function sqlTde(db: ArmResource, state: "Enabled" | "Disabled"): ArmResource {
  return {
    id: `${db.id}/transparentDataEncryption/current`,
    name: "current",
    type: "Microsoft.Sql/servers/databases/transparentDataEncryption",
    properties: { state },
  };
}

/** `…/servers/{s}/encryptionProtector/current` (or the managed-instance equivalent). */
function encryptionProtector(parent: ArmResource, cmk: KeyRef | undefined): ArmResource {
  const managedInstance = String(parent.type).toLowerCase() === "microsoft.sql/managedinstances";
  return defined({
    id: `${parent.id}/encryptionProtector/current`,
    name: "current",
    type: managedInstance ? "Microsoft.Sql/managedInstances/encryptionProtector" : "Microsoft.Sql/servers/encryptionProtector",
    location: managedInstance ? undefined : displayName(String(parent.location)),
    kind: cmk ? "azurekeyvault" : "servicemanaged",
    properties: cmk
      ? {
          serverKeyName: `${cmk.store}_${cmk.key}_${cmk.version}`,
          serverKeyType: "AzureKeyVault",
          uri: keyUrl(cmk),
          thumbprint: hex32(`thumb:${cmk.store}/${cmk.key}`).slice(0, 40).toUpperCase(),
          autoRotationEnabled: true,
        }
      : { serverKeyName: "ServiceManaged", serverKeyType: "ServiceManaged", autoRotationEnabled: false },
  }) as ArmResource;
}

/** A failover group on the primary server. */
function failoverGroup(primary: ArmResource, name: string, partner: ArmResource, databases: ArmResource[]): ArmResource {
  return {
    id: `${primary.id}/failoverGroups/${name}`,
    name,
    type: "Microsoft.Sql/servers/failoverGroups",
    location: displayName(String(primary.location)),
    tags: {},
    properties: {
      readWriteEndpoint: { failoverPolicy: "Automatic", failoverWithDataLossGracePeriodMinutes: 60 },
      readOnlyEndpoint: { failoverPolicy: "Disabled" },
      replicationRole: "Primary",
      replicationState: "CATCH_UP",
      partnerServers: [{ id: partner.id, location: displayName(String(partner.location)), replicationRole: "Secondary" }],
      databases: databases.map((d) => d.id),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Cosmos DB, PostgreSQL, MySQL

/** A Cosmos DB account (`Microsoft.DocumentDB/databaseAccounts`, 2024-11-15): locations by display name. */
function cosmosAccount(s: {
  rg: Rg;
  name: string;
  regions: string[];
  created: string;
  tags?: Tags;
  cmk?: KeyRef;
  minimalTlsVersion: "Tls" | "Tls11" | "Tls12";
}): ArmResource {
  const first = s.regions[0] ?? "swedencentral";
  const locs = s.regions.map((r, i) => ({
    id: `${s.name}-${r}`,
    locationName: displayName(r),
    documentEndpoint: `https://${s.name}-${r}.documents.azure.com:443/`,
    provisioningState: "Succeeded",
    failoverPriority: i,
    isZoneRedundant: false,
  }));
  return defined({
    id: resId(s.rg, "Microsoft.DocumentDB/databaseAccounts", s.name),
    name: s.name,
    type: "Microsoft.DocumentDB/databaseAccounts",
    location: displayName(first),
    tags: s.tags ?? {},
    kind: "GlobalDocumentDB",
    identity: s.cmk ? systemIdentity(s.name) : { type: "None" },
    systemData: { createdAt: s.created },
    properties: defined({
      provisioningState: "Succeeded",
      documentEndpoint: `https://${s.name}.documents.azure.com:443/`,
      publicNetworkAccess: "Disabled",
      enableAutomaticFailover: s.regions.length > 1,
      enableMultipleWriteLocations: false,
      enablePartitionKeyMonitor: false,
      isVirtualNetworkFilterEnabled: false,
      virtualNetworkRules: [],
      EnabledApiTypes: "Sql",
      disableKeyBasedMetadataWriteAccess: true,
      enableFreeTier: false,
      enableAnalyticalStorage: false,
      analyticalStorageConfiguration: { schemaType: "WellDefined" },
      instanceId: guid(`cosmos:${s.name}`),
      createMode: "Default",
      databaseAccountOfferType: "Standard",
      defaultIdentity: s.cmk ? "SystemAssignedIdentity" : "FirstPartyIdentity",
      networkAclBypass: "None",
      disableLocalAuth: true,
      consistencyPolicy: { defaultConsistencyLevel: "Session", maxIntervalInSeconds: 5, maxStalenessPrefix: 100 },
      keyVaultKeyUri: s.cmk ? `${storeBaseUri(s.cmk)}keys/${s.cmk.key}` : undefined,
      minimalTlsVersion: s.minimalTlsVersion,
      writeLocations: locs.slice(0, 1),
      readLocations: locs,
      locations: locs,
      failoverPolicies: locs.map((l) => ({ id: l.id, locationName: l.locationName, failoverPriority: l.failoverPriority })),
      cors: [],
      capabilities: [],
      ipRules: [],
      backupPolicy: {
        type: "Periodic",
        periodicModeProperties: { backupIntervalInMinutes: 240, backupRetentionIntervalInHours: 8, backupStorageRedundancy: "Local" },
      },
      networkAclBypassResourceIds: [],
      keysMetadata: {
        primaryMasterKey: { generationTime: s.created },
        secondaryMasterKey: { generationTime: s.created },
        primaryReadonlyMasterKey: { generationTime: s.created },
        secondaryReadonlyMasterKey: { generationTime: s.created },
      },
    }),
  }) as ArmResource;
}

interface FlexSpec {
  rg: Rg;
  name: string;
  location: string;
  created: string;
  tags?: Tags;
  geoRedundantBackup: "Enabled" | "Disabled";
  /** Customer key (URI as the server stores it); undefined → platform key (`SystemManaged`). */
  keyUri?: string;
}

/** A PostgreSQL flexible server (`Microsoft.DBforPostgreSQL/flexibleServers`, 2024-08-01). */
function postgresServer(s: FlexSpec): ArmResource {
  const identityId = resId(s.rg, "Microsoft.ManagedIdentity/userAssignedIdentities", `id-${s.name}`);
  return defined({
    id: resId(s.rg, "Microsoft.DBforPostgreSQL/flexibleServers", s.name),
    name: s.name,
    type: "Microsoft.DBforPostgreSQL/flexibleServers",
    location: s.location,
    tags: s.tags ?? {},
    sku: { name: "Standard_D2ds_v5", tier: "GeneralPurpose" },
    identity: s.keyUri
      ? {
          type: "UserAssigned",
          userAssignedIdentities: {
            [identityId]: { principalId: guid(`principal:${identityId}`), clientId: guid(`client:${identityId}`) },
          },
        }
      : undefined,
    systemData: { createdAt: s.created },
    properties: {
      replica: { role: "Primary", capacity: 5 },
      storage: { type: "", iops: 500, tier: "P10", storageSizeGB: 128, autoGrow: "Disabled" },
      network: { publicNetworkAccess: "Disabled" },
      privateEndpointConnections: [],
      dataEncryption: s.keyUri
        ? {
            type: "AzureKeyVault",
            primaryKeyURI: s.keyUri,
            primaryUserAssignedIdentityId: identityId,
            primaryEncryptionKeyStatus: "Valid",
          }
        : { type: "SystemManaged" },
      authConfig: { activeDirectoryAuth: "Enabled", passwordAuth: "Disabled", tenantId: DEMO_TENANT_ID },
      fullyQualifiedDomainName: `${s.name}.postgres.database.azure.com`,
      version: "16",
      minorVersion: "8",
      administratorLogin: "exkadmin",
      state: "Ready",
      availabilityZone: "1",
      backup: { backupRetentionDays: 14, geoRedundantBackup: s.geoRedundantBackup, earliestRestoreDate: "2025-11-13T02:00:00Z" },
      highAvailability: { mode: "Disabled", state: "NotEnabled" },
      maintenanceWindow: { customWindow: "Disabled", dayOfWeek: 0, startHour: 0, startMinute: 0 },
      replicationRole: "Primary",
      replicaCapacity: 5,
    },
  }) as ArmResource;
}

/** A MySQL flexible server (`Microsoft.DBforMySQL/flexibleServers`, 2023-12-30): location by display name. */
function mysqlServer(s: FlexSpec): ArmResource {
  return {
    id: resId(s.rg, "Microsoft.DBforMySQL/flexibleServers", s.name),
    name: s.name,
    type: "Microsoft.DBforMySQL/flexibleServers",
    location: displayName(s.location),
    tags: s.tags ?? {},
    sku: { name: "Standard_B2ms", tier: "Burstable" },
    systemData: { createdAt: s.created },
    properties: {
      administratorLogin: "exkadmin",
      storage: { storageSizeGB: 64, iops: 684, autoGrow: "Enabled", autoIoScaling: "Disabled", storageSku: "Premium_LRS", logOnDisk: "Disabled" },
      version: "8.0.21",
      state: "Ready",
      fullyQualifiedDomainName: `${s.name}.mysql.database.azure.com`,
      availabilityZone: "1",
      maintenanceWindow: { customWindow: "Disabled", dayOfWeek: 0, startHour: 0, startMinute: 0 },
      replicationRole: "None",
      replicaCapacity: 10,
      network: { publicNetworkAccess: "Enabled" },
      dataEncryption: s.keyUri ? { type: "AzureKeyVault", primaryKeyURI: s.keyUri } : { type: "SystemManaged" },
      backup: {
        backupRetentionDays: 7,
        backupIntervalHours: 24,
        geoRedundantBackup: s.geoRedundantBackup,
        earliestRestoreDate: "2025-11-20T06:11:38.4150019+00:00",
      },
      highAvailability: { mode: "Disabled", state: "NotEnabled", standbyAvailabilityZone: "" },
      privateEndpointConnections: [],
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Compute: disks, snapshots, disk encryption sets, VMs; network

/** A disk encryption set whose active key is `key` in `vault`. */
function diskEncryptionSet(s: { rg: Rg; name: string; location: string; vault: ArmResource; key: KeyRef; created: string }): ArmResource {
  return {
    id: resId(s.rg, "Microsoft.Compute/diskEncryptionSets", s.name),
    name: s.name,
    type: "Microsoft.Compute/diskEncryptionSets",
    location: s.location,
    tags: {},
    identity: systemIdentity(s.name),
    properties: {
      activeKey: { sourceVault: { id: s.vault.id }, keyUrl: keyUrl(s.key) },
      encryptionType: "EncryptionAtRestWithCustomerKey",
      previousKeys: [],
      provisioningState: "Succeeded",
      rotationToLatestKeyVersionEnabled: true,
      lastKeyRotationTimestamp: s.created,
    },
  };
}

interface DiskSpec {
  rg: Rg;
  name: string;
  location: string;
  created: string;
  sizeGB: number;
  sku?: "Premium_LRS" | "StandardSSD_LRS" | "Standard_LRS";
  osType?: "Linux" | "Windows";
  managedBy?: string;
  des?: ArmResource;
  tags?: Tags;
}

function diskEncryption(des: ArmResource | undefined) {
  return des
    ? { type: "EncryptionAtRestWithCustomerKey", diskEncryptionSetId: des.id }
    : { type: "EncryptionAtRestWithPlatformKey" };
}

/** A managed disk (`Microsoft.Compute/disks`, 2024-03-02). */
function managedDisk(s: DiskSpec): ArmResource {
  const sku = s.sku ?? "Premium_LRS";
  return defined({
    id: resId(s.rg, "Microsoft.Compute/disks", s.name),
    name: s.name,
    type: "Microsoft.Compute/disks",
    location: s.location,
    tags: s.tags,
    managedBy: s.managedBy,
    sku: { name: sku, tier: sku.startsWith("Premium") ? "Premium" : "Standard" },
    zones: ["1"],
    properties: defined({
      osType: s.osType,
      hyperVGeneration: s.osType ? "V2" : undefined,
      creationData: s.osType
        ? {
            createOption: "FromImage",
            imageReference: {
              id: `/Subscriptions/${s.rg.sub}/Providers/Microsoft.Compute/Locations/${s.location}/Publishers/canonical/ArtifactTypes/VMImage/Offers/ubuntu-24_04-lts/Skus/server/Versions/24.04.202510010`,
            },
          }
        : { createOption: "Empty" },
      diskSizeGB: s.sizeGB,
      diskIOPSReadWrite: 500,
      diskMBpsReadWrite: 100,
      encryption: diskEncryption(s.des),
      networkAccessPolicy: "DenyAll",
      publicNetworkAccess: "Disabled",
      timeCreated: s.created,
      provisioningState: "Succeeded",
      diskState: s.managedBy ? "Attached" : "Unattached",
      diskSizeBytes: s.sizeGB * 1073741824,
      uniqueId: guid(`disk:${s.name}`),
      tier: sku.startsWith("Premium") ? "P10" : undefined,
    }),
  }) as ArmResource;
}

/** An incremental snapshot of a managed disk (`Microsoft.Compute/snapshots`). */
function diskSnapshot(s: { rg: Rg; name: string; source: ArmResource; created: string; des?: ArmResource }): ArmResource {
  const sp = (s.source.properties ?? {}) as Record<string, unknown>;
  return defined({
    id: resId(s.rg, "Microsoft.Compute/snapshots", s.name),
    name: s.name,
    type: "Microsoft.Compute/snapshots",
    location: s.source.location,
    tags: {},
    sku: { name: "Standard_ZRS", tier: "Standard" },
    properties: defined({
      osType: sp.osType,
      hyperVGeneration: sp.hyperVGeneration,
      creationData: { createOption: "Copy", sourceResourceId: s.source.id, sourceUniqueId: sp.uniqueId },
      diskSizeGB: sp.diskSizeGB,
      encryption: diskEncryption(s.des),
      incremental: true,
      networkAccessPolicy: "DenyAll",
      publicNetworkAccess: "Disabled",
      timeCreated: s.created,
      provisioningState: "Succeeded",
      diskState: "Unattached",
      diskSizeBytes: sp.diskSizeBytes,
      uniqueId: guid(`snapshot:${s.name}`),
    }),
  }) as ArmResource;
}

/** A virtual network with its subnets inline (`Microsoft.Network/virtualNetworks`). */
function virtualNetwork(s: { rg: Rg; name: string; location: string; prefix: string; subnets: Array<[string, string]>; tags?: Tags }): ArmResource {
  const id = resId(s.rg, "Microsoft.Network/virtualNetworks", s.name);
  return defined({
    id,
    name: s.name,
    type: "Microsoft.Network/virtualNetworks",
    location: s.location,
    tags: s.tags,
    etag: `W/"${guid(`etag:${id}`)}"`,
    properties: {
      provisioningState: "Succeeded",
      resourceGuid: guid(`vnet:${id}`),
      addressSpace: { addressPrefixes: [s.prefix] },
      subnets: s.subnets.map(([name, prefix]) => ({
        id: `${id}/subnets/${name}`,
        name,
        etag: `W/"${guid(`etag:${id}`)}"`,
        type: "Microsoft.Network/virtualNetworks/subnets",
        properties: {
          provisioningState: "Succeeded",
          addressPrefix: prefix,
          delegations: [],
          privateEndpointNetworkPolicies: "Disabled",
          privateLinkServiceNetworkPolicies: "Enabled",
        },
      })),
      virtualNetworkPeerings: [],
      enableDdosProtection: false,
    },
  }) as ArmResource;
}

/** A VM, its network interface and its OS disk. */
function virtualMachine(s: {
  rg: Rg;
  name: string;
  location: string;
  created: string;
  subnetId: string;
  des?: ArmResource;
  tags?: Tags;
  dataDisks?: ArmResource[];
}): { vm: ArmResource; nic: ArmResource; osDisk: ArmResource } {
  const vmId = resId(s.rg, "Microsoft.Compute/virtualMachines", s.name);
  const nicId = resId(s.rg, "Microsoft.Network/networkInterfaces", `${s.name}-nic01`);
  const osDisk = managedDisk({
    rg: s.rg,
    name: `${s.name}_OsDisk_1_${hex32(`osdisk:${s.name}`)}`,
    location: s.location,
    created: s.created,
    sizeGB: 64,
    osType: "Linux",
    managedBy: vmId,
    des: s.des,
  });
  const managedDiskRef = (d: ArmResource) =>
    defined({ storageAccountType: "Premium_LRS", id: d.id, diskEncryptionSet: s.des ? { id: s.des.id } : undefined });
  const vm = defined({
    id: vmId,
    name: s.name,
    type: "Microsoft.Compute/virtualMachines",
    location: s.location,
    tags: s.tags,
    zones: ["1"],
    properties: {
      vmId: guid(`vm:${vmId}`),
      hardwareProfile: { vmSize: "Standard_D4s_v5" },
      storageProfile: {
        imageReference: { publisher: "canonical", offer: "ubuntu-24_04-lts", sku: "server", version: "latest", exactVersion: "24.04.202510010" },
        osDisk: {
          osType: "Linux",
          name: osDisk.name,
          createOption: "FromImage",
          caching: "ReadWrite",
          managedDisk: managedDiskRef(osDisk),
          deleteOption: "Delete",
          diskSizeGB: 64,
        },
        dataDisks: (s.dataDisks ?? []).map((d, lun) => ({
          lun,
          name: d.name,
          createOption: "Attach",
          caching: "None",
          managedDisk: managedDiskRef(d),
          deleteOption: "Detach",
          diskSizeGB: ((d.properties ?? {}) as Record<string, unknown>).diskSizeGB,
          toBeDetached: false,
        })),
      },
      osProfile: {
        computerName: s.name,
        adminUsername: "exkadmin",
        linuxConfiguration: { disablePasswordAuthentication: true, provisionVMAgent: true, patchSettings: { patchMode: "AutomaticByPlatform", assessmentMode: "AutomaticByPlatform" } },
        secrets: [],
        allowExtensionOperations: true,
      },
      securityProfile: { uefiSettings: { secureBootEnabled: true, vTpmEnabled: true }, securityType: "TrustedLaunch" },
      networkProfile: { networkInterfaces: [{ id: nicId, properties: { deleteOption: "Delete" } }] },
      diagnosticsProfile: { bootDiagnostics: { enabled: true } },
      provisioningState: "Succeeded",
      timeCreated: s.created,
    },
  }) as ArmResource;
  const nic: ArmResource = {
    id: nicId,
    name: `${s.name}-nic01`,
    type: "Microsoft.Network/networkInterfaces",
    location: s.location,
    tags: {},
    etag: `W/"${guid(`etag:${nicId}`)}"`,
    properties: {
      provisioningState: "Succeeded",
      resourceGuid: guid(`nic:${nicId}`),
      ipConfigurations: [
        {
          id: `${nicId}/ipConfigurations/ipconfig1`,
          name: "ipconfig1",
          etag: `W/"${guid(`etag:${nicId}`)}"`,
          type: "Microsoft.Network/networkInterfaces/ipConfigurations",
          properties: {
            provisioningState: "Succeeded",
            privateIPAddress: "10.20.1.4",
            privateIPAllocationMethod: "Dynamic",
            subnet: { id: s.subnetId },
            primary: true,
            privateIPAddressVersion: "IPv4",
          },
        },
      ],
      dnsSettings: { dnsServers: [], appliedDnsServers: [] },
      enableAcceleratedNetworking: true,
      enableIPForwarding: false,
      primary: true,
      virtualMachine: { id: vmId },
      nicType: "Standard",
    },
  };
  return { vm, nic, osDisk };
}

// ---------------------------------------------------------------------------------------------
// AI, backup, registries

/** A Cognitive Services / Azure OpenAI account (`Microsoft.CognitiveServices/accounts`, 2024-10-01). */
function cognitiveAccount(s: {
  rg: Rg;
  name: string;
  location: string;
  kind: "OpenAI" | "AIServices";
  created: string;
  tags?: Tags;
  /** `cmk` → Microsoft.KeyVault; "platform" → `encryption.keySource` Microsoft.CognitiveServices; undefined → no `encryption`. */
  encryption?: KeyRef | "platform";
}): ArmResource {
  const endpointHost = s.kind === "OpenAI" ? "openai.azure.com" : "cognitiveservices.azure.com";
  const encryption =
    s.encryption === undefined
      ? undefined
      : s.encryption === "platform"
        ? { keySource: "Microsoft.CognitiveServices" }
        : {
            keySource: "Microsoft.KeyVault",
            keyVaultProperties: {
              keyName: s.encryption.key,
              keyVersion: s.encryption.version,
              keyVaultUri: storeBaseUri(s.encryption),
              identityClientId: null,
            },
          };
  return defined({
    id: resId(s.rg, "Microsoft.CognitiveServices/accounts", s.name),
    name: s.name,
    type: "Microsoft.CognitiveServices/accounts",
    location: s.location,
    tags: s.tags ?? {},
    sku: { name: "S0" },
    kind: s.kind,
    etag: `"${guid(`etag:${s.name}`)}"`,
    identity: s.encryption && s.encryption !== "platform" ? systemIdentity(s.name) : undefined,
    systemData: systemData(s.created),
    properties: defined({
      endpoint: `https://${s.name}.${endpointHost}/`,
      internalId: hex32(`internal:${s.name}`),
      dateCreated: s.created,
      provisioningState: "Succeeded",
      customSubDomainName: s.name,
      networkAcls: { defaultAction: "Deny", virtualNetworkRules: [], ipRules: [] },
      publicNetworkAccess: "Disabled",
      encryption,
      disableLocalAuth: true,
      restrictOutboundNetworkAccess: false,
      privateEndpointConnections: [],
    }),
  }) as ArmResource;
}

/** A model deployment under an AI account. */
function aiDeployment(account: ArmResource, name: string, sku: string, model: [string, string], capacity: number, created: string): ArmResource {
  return {
    id: `${account.id}/deployments/${name}`,
    name,
    type: "Microsoft.CognitiveServices/accounts/deployments",
    sku: { name: sku, capacity },
    etag: `"${guid(`etag:${account.id}/${name}`)}"`,
    systemData: systemData(created),
    properties: {
      model: { format: "OpenAI", name: model[0], version: model[1] },
      versionUpgradeOption: "OnceNewDefaultVersionAvailable",
      currentCapacity: capacity,
      raiPolicyName: "Microsoft.DefaultV2",
      provisioningState: "Succeeded",
    },
  };
}

/** A Recovery Services vault and its `backupstorageconfig/vaultstorageconfig`. */
function recoveryServicesVault(s: {
  rg: Rg;
  name: string;
  location: string;
  created: string;
  tags?: Tags;
  storageType: "GeoRedundant" | "LocallyRedundant" | "ZoneRedundant";
  crossRegionRestore: boolean;
  cmk?: KeyRef;
}): [ArmResource, ArmResource] {
  const id = resId(s.rg, "Microsoft.RecoveryServices/vaults", s.name);
  const vault = defined({
    id,
    name: s.name,
    type: "Microsoft.RecoveryServices/vaults",
    location: s.location,
    tags: s.tags ?? {},
    etag: datetimeEtag(s.created),
    sku: { name: "RS0", tier: "Standard" },
    identity: s.cmk ? systemIdentity(s.name) : undefined,
    systemData: systemData(s.created),
    properties: defined({
      provisioningState: "Succeeded",
      privateEndpointStateForBackup: "None",
      privateEndpointStateForSiteRecovery: "None",
      publicNetworkAccess: "Enabled",
      encryption: s.cmk
        ? {
            keyVaultProperties: { keyUri: keyUrl(s.cmk) },
            kekIdentity: { useSystemAssignedIdentity: true },
            infrastructureEncryption: "Disabled",
          }
        : undefined,
      redundancySettings: {
        standardTierStorageRedundancy: s.storageType,
        crossRegionRestore: s.crossRegionRestore ? "Enabled" : "Disabled",
      },
      securitySettings: {
        softDeleteSettings: { softDeleteState: "Enabled", softDeleteRetentionPeriodInDays: 14, enhancedSecurityState: "Enabled" },
        immutabilitySettings: { state: "Unlocked" },
      },
      secureScore: "Adequate",
      bcdrSecurityLevel: "Good",
    }),
  }) as ArmResource;
  const config: ArmResource = {
    id: `${id}/backupstorageconfig/vaultstorageconfig`,
    name: "vaultstorageconfig",
    type: "Microsoft.RecoveryServices/vaults/backupstorageconfig",
    eTag: datetimeEtag(s.created),
    properties: {
      storageModelType: s.storageType,
      storageType: s.storageType,
      storageTypeState: "Locked",
      crossRegionRestoreFlag: s.crossRegionRestore,
      dedupState: "Disabled",
      xcoolState: "Disabled",
    },
  };
  return [vault, config];
}

/** A container registry (Premium) and its replications (the home region is always listed). */
function containerRegistry(s: { rg: Rg; name: string; location: string; created: string; tags?: Tags; replicas: string[] }): ArmResource[] {
  const id = resId(s.rg, "Microsoft.ContainerRegistry/registries", s.name);
  const registry: ArmResource = {
    id,
    name: s.name,
    type: "Microsoft.ContainerRegistry/registries",
    location: s.location,
    tags: s.tags ?? {},
    sku: { name: "Premium", tier: "Premium" },
    systemData: systemData(s.created),
    properties: {
      loginServer: `${s.name}.azurecr.io`,
      creationDate: s.created,
      provisioningState: "Succeeded",
      adminUserEnabled: false,
      policies: {
        quarantinePolicy: { status: "disabled" },
        trustPolicy: { type: "Notary", status: "disabled" },
        retentionPolicy: { days: 7, lastUpdatedTime: s.created, status: "disabled" },
        exportPolicy: { status: "enabled" },
        azureADAuthenticationAsArmPolicy: { status: "enabled" },
      },
      encryption: { status: "disabled" },
      dataEndpointEnabled: false,
      dataEndpointHostNames: [],
      privateEndpointConnections: [],
      publicNetworkAccess: "Enabled",
      networkRuleBypassOptions: "AzureServices",
      zoneRedundancy: "Disabled",
      anonymousPullEnabled: false,
    },
  };
  const replications = [s.location, ...s.replicas].map(
    (region): ArmResource => ({
      id: `${id}/replications/${region}`,
      name: region,
      type: "Microsoft.ContainerRegistry/registries/replications",
      location: region,
      tags: {},
      systemData: systemData(s.created),
      properties: {
        provisioningState: "Succeeded",
        status: { displayStatus: "Ready", timestamp: s.created },
        regionEndpointEnabled: true,
        zoneRedundancy: "Disabled",
      },
    }),
  );
  return [registry, ...replications];
}

// ---------------------------------------------------------------------------------------------
// Policy

/** Built-in "Allowed locations" (resources). */
export const ALLOWED_LOCATIONS_POLICY = "/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c";
/** Built-in "Allowed locations for resource groups". */
export const ALLOWED_RG_LOCATIONS_POLICY = "/providers/Microsoft.Authorization/policyDefinitions/e765b5de-1225-4ba3-bd56-1ac6695af988";

function mgScope(mg: string): string {
  return `/providers/Microsoft.Management/managementGroups/${mg}`;
}

/** A policy assignment (`Microsoft.Authorization/policyAssignments`, 2024-04-01) at `scope`. */
function policyAssignment(s: {
  scope: string;
  name: string;
  displayName: string;
  policyDefinitionId: string;
  allowed?: string[];
  enforcementMode?: "Default" | "DoNotEnforce";
  notScopes?: string[];
  created: string;
  description?: string;
}): ArmResource {
  return {
    id: `${s.scope}/providers/Microsoft.Authorization/policyAssignments/${s.name}`,
    name: s.name,
    type: "Microsoft.Authorization/policyAssignments",
    systemData: systemData(s.created),
    properties: defined({
      displayName: s.displayName,
      description: s.description,
      metadata: { assignedBy: "Erik Johansson", createdBy: guid("user:erik.johansson"), createdOn: s.created },
      policyDefinitionId: s.policyDefinitionId,
      definitionVersion: s.policyDefinitionId.includes("policySetDefinitions") ? undefined : "1.*.*",
      scope: s.scope,
      notScopes: s.notScopes ?? [],
      parameters: s.allowed ? { listOfAllowedLocations: { value: s.allowed } } : {},
      enforcementMode: s.enforcementMode ?? "Default",
    }) as Record<string, unknown>,
  };
}

// ---------------------------------------------------------------------------------------------
// Microsoft Graph

function graphUser(name: string, upnLocal: string, job: string, preferredDataLocation: string | null, created: string): GraphObject {
  return {
    id: guid(`user:${upnLocal}`),
    displayName: name,
    userPrincipalName: `${upnLocal}@exempelkommun.se`,
    mail: `${upnLocal}@exempelkommun.se`,
    jobTitle: job,
    accountEnabled: true,
    usageLocation: "SE",
    preferredDataLocation,
    createdDateTime: created,
  };
}

function graphGroup(displayNameText: string, nick: string, preferredDataLocation: string | null, unified: boolean, created: string): GraphObject {
  return {
    id: guid(`group:${nick}`),
    displayName: displayNameText,
    description: null,
    mail: unified ? `${nick}@exempelkommun.se` : null,
    mailEnabled: unified,
    mailNickname: nick,
    securityEnabled: !unified,
    groupTypes: unified ? ["Unified"] : [],
    preferredDataLocation,
    visibility: unified ? "Private" : null,
    createdDateTime: created,
  };
}

function graphSite(host: string, path: string, title: string, dataLocationCode: string, created: string): GraphObject {
  const collection = guid(`sitecollection:${host}/${path}`);
  const web = guid(`web:${host}/${path}`);
  return {
    id: `${host},${collection},${web}`,
    name: path,
    displayName: title,
    webUrl: `https://${host}/sites/${path}`,
    createdDateTime: created,
    lastModifiedDateTime: "2025-11-18T13:05:11Z",
    siteCollection: { hostname: host, dataLocationCode },
  };
}

function servicePlan(id: string, name: string, status = "Success"): Record<string, string> {
  return { servicePlanId: id, servicePlanName: name, provisioningStatus: status, appliesTo: "User" };
}

function subscribedSku(skuId: string, part: string, enabled: number, consumed: number, plans: Record<string, string>[]): GraphObject {
  return {
    accountId: DEMO_TENANT_ID,
    accountName: "Exempelkommun",
    appliesTo: "User",
    capabilityStatus: "Enabled",
    consumedUnits: consumed,
    id: `${DEMO_TENANT_ID}_${skuId}`,
    prepaidUnits: { enabled, suspended: 0, warning: 0, lockedOut: 0 },
    servicePlans: plans,
    skuId,
    skuPartNumber: part,
    subscriptionIds: [guid(`commerce:${part}`)],
  };
}

// ---------------------------------------------------------------------------------------------
// The tenant

const SWC = "swedencentral";
const SWS = "swedensouth";
const WEU = "westeurope";
const NEU = "northeurope";

function gemensamIt(): ModelSubscription {
  const sub = DEMO_SUBSCRIPTIONS.gemensamIt;
  const rgNyckel: Rg = { sub, name: "rg-exk-gem-nyckel", location: SWC, tags: { confidentiality: "3", "förvaltning": "Kommunledningsförvaltningen" } };
  const rgLagring: Rg = { sub, name: "rg-exk-gem-lagring", location: SWC, tags: { konfidentialitet: "2" } };
  const rgNatverk: Rg = { sub, name: "rg-exk-gem-natverk", location: SWC, tags: { confidentiality: "0" } };
  const rgAi: Rg = { sub, name: "rg-exk-gem-ai", location: SWC, tags: { Konfidentialitet: "2" } };
  const rgDr: Rg = { sub, name: "rg-exk-gem-dr", location: WEU, tags: { confidentiality: "2", syfte: "katastrofåterställning" } };
  const rgKris: Rg = { sub, name: "rg-exk-gem-krisledning", location: SWC, tags: { konfidentialitet: "sakerhetsskydd" } };

  const kv = keyVault({
    rg: rgNyckel,
    name: "kv-exk-gem-nycklar01",
    location: SWC,
    sku: "premium",
    created: "2024-02-05T09:14:22Z",
    enableSoftDelete: true,
    enablePurgeProtection: true,
    enableRbacAuthorization: true,
    publicNetworkAccess: "Disabled",
    networkAclsDefault: "Deny",
  });
  const cmkLagring = vaultKey({
    vault: kv,
    name: "cmk-lagring",
    kty: "RSA-HSM",
    keySize: 3072,
    created: "2024-02-05T10:01:00Z",
    exp: "2028-02-05T10:01:00Z",
    rotation: { rotateAfter: "P1Y", notifyBefore: "P30D", expiryTime: "P2Y" },
  });
  const cmkAi = vaultKey({ vault: kv, name: "cmk-ai", kty: "RSA", keySize: 2048, created: "2025-03-12T13:30:00Z" });
  const cmkBackup = vaultKey({
    vault: kv,
    name: "cmk-backup",
    kty: "RSA-HSM",
    keySize: 2048,
    created: "2024-04-22T08:00:00Z",
    rotation: { rotateAfter: "P18M", expiryTime: "P2Y" },
  });
  const hsm = managedHsm({ rg: rgNyckel, name: "hsm-exk-gem01", location: SWC, created: "2024-05-02T07:45:10Z" });

  const kvDr = keyVault({
    rg: rgDr,
    name: "kv-exk-dr-weu01",
    location: WEU,
    sku: "standard",
    created: "2022-09-14T12:03:51Z",
    enableSoftDelete: true,
    publicNetworkAccess: "Enabled",
    networkAclsDefault: "Allow",
  });
  const cmkDr = vaultKey({ vault: kvDr, name: "cmk-dr", kty: "RSA", keySize: 2048, created: "2022-09-14T12:10:00Z", exp: "2027-09-14T12:10:00Z" });

  const stDokument = storageAccount({
    rg: rgLagring,
    name: "stexkgemdokument01",
    location: SWC,
    sku: "Standard_GRS",
    secondaryLocation: SWS,
    created: "2024-03-11T08:22:17.1234567Z",
    tags: { confidentiality: "3", system: "Dokument- och ärendehantering" },
    cmk: keyRef("kv-exk-gem-nycklar01", "cmk-lagring"),
    requireInfrastructureEncryption: true,
    minimumTlsVersion: "TLS1_2",
    supportsHttpsTrafficOnly: true,
    allowCrossTenantReplication: false,
    publicNetworkAccess: "Disabled",
  });
  const stLoggar = storageAccount({
    rg: rgLagring,
    name: "stexkgemloggar01",
    location: SWC,
    sku: "Standard_LRS",
    created: "2024-06-03T14:40:09.5551234Z",
    tags: { confidentiality: "1" },
    minimumTlsVersion: "TLS1_2",
    supportsHttpsTrafficOnly: true,
  });
  const stArkiv = storageAccount({
    rg: rgLagring,
    name: "stexkgemarkiv01",
    location: SWC,
    sku: "Standard_RAGRS",
    secondaryLocation: SWS,
    created: "2021-05-04T11:02:33.7000000Z",
    supportsHttpsTrafficOnly: true,
  });
  const stDr = storageAccount({
    rg: rgDr,
    name: "stexkdrkopia01",
    location: WEU,
    sku: "Standard_GRS",
    secondaryLocation: NEU,
    created: "2022-09-14T12:20:41.0000000Z",
    tags: { confidentiality: "3" },
    cmk: keyRef("kv-exk-dr-weu01", "cmk-dr"),
    minimumTlsVersion: "TLS1_0",
    supportsHttpsTrafficOnly: false,
    allowCrossTenantReplication: false,
  });
  const stKris = storageAccount({
    rg: rgKris,
    name: "stexkkrisledning01",
    location: SWC,
    sku: "Standard_ZRS",
    created: "2025-01-20T09:00:00.0000000Z",
    cmk: keyRef("kv-exk-gem-nycklar01", "cmk-lagring"),
    requireInfrastructureEncryption: true,
    minimumTlsVersion: "TLS1_2",
    supportsHttpsTrafficOnly: true,
    allowCrossTenantReplication: false,
    publicNetworkAccess: "Disabled",
  });

  const vnet = virtualNetwork({
    rg: rgNatverk,
    name: "vnet-exk-gem-swc",
    location: SWC,
    prefix: "10.10.0.0/16",
    subnets: [
      ["snet-privata-slutpunkter", "10.10.1.0/24"],
      ["snet-drift", "10.10.2.0/24"],
    ],
  });
  const dnsZoneId = resId(rgNatverk, "Microsoft.Network/dnszones", "exempelkommun.se");
  const dnsZone: ArmResource = {
    id: dnsZoneId,
    name: "exempelkommun.se",
    type: "Microsoft.Network/dnszones",
    etag: guid(`etag:${dnsZoneId}`),
    location: "global",
    tags: {},
    properties: {
      maxNumberOfRecordSets: 10000,
      maxNumberOfRecordsPerRecordSet: null,
      nameServers: ["ns1-07.azure-dns.com.", "ns2-07.azure-dns.net.", "ns3-07.azure-dns.org.", "ns4-07.azure-dns.info."],
      numberOfRecordSets: 14,
      zoneType: "Public",
    },
  };
  const privZoneId = resId(rgNatverk, "Microsoft.Network/privateDnsZones", "privatelink.vaultcore.azure.net");
  const privZone: ArmResource = {
    id: privZoneId,
    name: "privatelink.vaultcore.azure.net",
    type: "Microsoft.Network/privateDnsZones",
    etag: guid(`etag:${privZoneId}`),
    location: "global",
    tags: {},
    properties: {
      maxNumberOfRecordSets: 25000,
      maxNumberOfVirtualNetworkLinks: 1000,
      maxNumberOfVirtualNetworkLinksWithRegistration: 100,
      numberOfRecordSets: 3,
      numberOfVirtualNetworkLinks: 1,
      numberOfVirtualNetworkLinksWithRegistration: 0,
      provisioningState: "Succeeded",
      internalId: `SubscriptionId;${sub};ResourceGroup;${rgNatverk.name};ZoneName;privatelink.vaultcore.azure.net`,
    },
  };
  const privLink: ArmResource = {
    id: `${privZoneId}/virtualNetworkLinks/link-vnet-exk-gem-swc`,
    name: "link-vnet-exk-gem-swc",
    type: "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
    etag: `"${guid(`etag:${privZoneId}/link`)}"`,
    location: "global",
    properties: {
      provisioningState: "Succeeded",
      registrationEnabled: false,
      resolutionPolicy: "Default",
      virtualNetwork: { id: vnet.id },
      virtualNetworkLinkState: "Completed",
    },
  };
  const frontDoor: ArmResource = {
    id: resId(rgNatverk, "Microsoft.Cdn/profiles", "afd-exk-webb"),
    name: "afd-exk-webb",
    type: "Microsoft.Cdn/profiles",
    location: "Global",
    kind: "frontdoor",
    tags: { system: "exempelkommun.se (webbplats)" },
    sku: { name: "Standard_AzureFrontDoor" },
    properties: {
      originResponseTimeoutSeconds: 60,
      frontDoorId: guid("frontdoor:afd-exk-webb"),
      extendedProperties: {},
      provisioningState: "Succeeded",
      resourceState: "Active",
    },
  };

  const [rsv, rsvConfig] = recoveryServicesVault({
    rg: rgLagring,
    name: "rsv-exk-gem-backup01",
    location: SWC,
    created: "2024-04-22T08:30:00Z",
    storageType: "GeoRedundant",
    crossRegionRestore: true,
    cmk: keyRef("kv-exk-gem-nycklar01", "cmk-backup"),
  });
  const [rsvDr, rsvDrConfig] = recoveryServicesVault({
    rg: rgDr,
    name: "rsv-exk-dr-weu01",
    location: WEU,
    created: "2022-09-15T10:00:00Z",
    storageType: "GeoRedundant",
    crossRegionRestore: false,
  });
  const acr = containerRegistry({
    rg: rgLagring,
    name: "crexkgemensam01",
    location: SWC,
    created: "2024-08-19T12:00:00Z",
    replicas: [SWS],
  });

  const oai = cognitiveAccount({
    rg: rgAi,
    name: "oai-exk-gem-assistent01",
    location: SWC,
    kind: "OpenAI",
    created: "2025-03-12T13:45:00Z",
    // Two classification tags that disagree: the highest level (2) wins.
    tags: { confidentiality: "1", konfidentialitet: "2", system: "Kommunassistenten" },
    encryption: keyRef("kv-exk-gem-nycklar01", "cmk-ai"),
  });
  const ais = cognitiveAccount({
    rg: rgAi,
    name: "ais-exk-gem-tjanster01",
    location: SWC,
    kind: "AIServices",
    created: "2025-05-07T09:20:00Z",
    encryption: "platform",
  });
  const cosmos = cosmosAccount({
    rg: rgLagring,
    name: "cosmos-exk-gem-katalog",
    regions: [SWC, NEU],
    created: "2023-10-02T10:11:12Z",
    minimalTlsVersion: "Tls",
  });

  return {
    subscriptionId: sub,
    displayName: "Exempelkommun – Gemensam IT",
    state: "Enabled",
    tags: { confidentiality: "1", "förvaltning": "Kommunledningsförvaltningen" },
    managementGroupAncestors: [DEMO_TENANT_ID, DEMO_MANAGEMENT_GROUPS.kommun],
    resourceGroups: [rgNyckel, rgLagring, rgNatverk, rgAi, rgDr, rgKris].map(resourceGroup),
    resources: [
      kv,
      cmkLagring,
      cmkAi,
      cmkBackup,
      hsm,
      kvDr,
      cmkDr,
      stDokument,
      stLoggar,
      stArkiv,
      stDr,
      stKris,
      vnet,
      dnsZone,
      privZone,
      privLink,
      frontDoor,
      rsv,
      rsvConfig,
      rsvDr,
      rsvDrConfig,
      ...acr,
      oai,
      aiDeployment(oai, "gpt-4o", "Standard", ["gpt-4o", "2024-11-20"], 50, "2025-03-12T14:00:00Z"),
      aiDeployment(oai, "gpt-4o-global", "GlobalStandard", ["gpt-4o", "2024-11-20"], 150, "2025-04-02T08:30:00Z"),
      ais,
      aiDeployment(ais, "gpt-4o-mini-datazone", "DataZoneStandard", ["gpt-4o-mini", "2024-07-18"], 100, "2025-05-07T09:40:00Z"),
      aiDeployment(ais, "gpt-4o-ptu", "ProvisionedManaged", ["gpt-4o", "2024-11-20"], 15, "2025-06-01T07:00:00Z"),
      cosmos,
    ],
  };
}

function vardOchOmsorg(): ModelSubscription {
  const sub = DEMO_SUBSCRIPTIONS.vardOchOmsorg;
  const rgJournal: Rg = { sub, name: "rg-exk-vard-journal", location: SWC, tags: { konfidentialitet: "3", "förvaltning": "Vård- och omsorgsförvaltningen" } };
  const rgNyckel: Rg = { sub, name: "rg-exk-vard-nyckel", location: SWC, tags: { konfidentialitet: "3" } };
  const rgApp: Rg = { sub, name: "rg-exk-vard-app", location: SWC };
  const rgBackup: Rg = { sub, name: "rg-exk-vard-backup", location: SWC };

  const kv = keyVault({
    rg: rgNyckel,
    name: "kv-exk-vard-nycklar01",
    location: SWC,
    sku: "premium",
    created: "2023-01-30T10:00:00Z",
    enableSoftDelete: true,
    enablePurgeProtection: true,
    enableRbacAuthorization: false,
    publicNetworkAccess: "Enabled",
    networkAclsDefault: "Deny",
  });
  const cmkJournal = vaultKey({
    vault: kv,
    name: "cmk-journal",
    kty: "RSA-HSM",
    keySize: 3072,
    created: "2023-02-01T09:00:00Z",
    rotation: { notifyBefore: "P30D" },
  });
  const cmkDisk = vaultKey({ vault: kv, name: "cmk-disk", kty: "RSA-HSM", keySize: 2048, created: "2024-09-10T11:00:00Z", exp: "2027-09-10T11:00:00Z" });
  const cmkCosmos = vaultKey({
    vault: kv,
    name: "cmk-cosmos",
    kty: "RSA-HSM",
    keySize: 3072,
    created: "2024-01-15T08:00:00Z",
    rotation: { rotateAfter: "P1Y", notifyBefore: "P30D", expiryTime: "P2Y" },
  });
  const signering = vaultKey({ vault: kv, name: "signering-intern", kty: "RSA", keySize: 2048, created: "2023-06-19T12:00:00Z" });
  const journalKey = keyRef("kv-exk-vard-nycklar01", "cmk-journal");

  const stJournal = storageAccount({
    rg: rgJournal,
    name: "stexkvardjournal01",
    location: SWC,
    sku: "Standard_GZRS",
    secondaryLocation: SWS,
    created: "2023-02-14T09:31:05.2214567Z",
    cmk: journalKey,
    requireInfrastructureEncryption: true,
    minimumTlsVersion: "TLS1_2",
    supportsHttpsTrafficOnly: true,
    allowCrossTenantReplication: false,
    publicNetworkAccess: "Disabled",
  });
  const stBilder = storageAccount({
    rg: rgJournal,
    name: "stexkvardbilder01",
    location: SWC,
    sku: "Standard_LRS",
    created: "2022-04-07T13:15:44.0987654Z",
    requireInfrastructureEncryption: false,
    minimumTlsVersion: "TLS1_2",
    supportsHttpsTrafficOnly: true,
  });

  const sqlPrimary = sqlServer({ rg: rgJournal, name: "sql-exk-vard-journal01", location: SWC, minimalTlsVersion: "1.2", cmk: journalKey });
  const sqlSecondary = sqlServer({ rg: rgJournal, name: "sql-exk-vard-journal02", location: SWS, minimalTlsVersion: "1.2", cmk: journalKey });
  const dbJournal = sqlDatabase(sqlPrimary, "sqldb-journal", { redundancy: "Geo", created: "2023-02-20T10:00:00Z" });
  const dbArkiv = sqlDatabase(sqlPrimary, "sqldb-journal-arkiv", { redundancy: "Local", created: "2023-08-01T10:00:00Z" });
  const dbJournalSecondary = sqlDatabase(sqlSecondary, "sqldb-journal", {
    redundancy: "Geo",
    created: "2023-02-20T11:00:00Z",
    secondaryOf: dbJournal.id,
  });

  const mi: ArmResource = {
    id: resId(rgJournal, "Microsoft.Sql/managedInstances", "sqlmi-exk-vard01"),
    name: "sqlmi-exk-vard01",
    type: "Microsoft.Sql/managedInstances",
    location: SWC,
    tags: {},
    sku: { name: "GP_Gen5", tier: "GeneralPurpose", family: "Gen5", capacity: 8 },
    identity: systemIdentity("sqlmi-exk-vard01"),
    properties: {
      provisioningState: "Succeeded",
      fullyQualifiedDomainName: "sqlmi-exk-vard01.4f7c2a9e1b3d.database.windows.net",
      administratorLogin: "exkadmin",
      subnetId: `${resId(rgApp, "Microsoft.Network/virtualNetworks", "vnet-exk-vard-swc")}/subnets/snet-sqlmi`,
      state: "Ready",
      licenseType: "BasePrice",
      vCores: 8,
      storageSizeInGB: 256,
      collation: "Finnish_Swedish_CI_AS",
      dnsZone: "4f7c2a9e1b3d",
      publicDataEndpointEnabled: false,
      proxyOverride: "Redirect",
      timezoneId: "W. Europe Standard Time",
      minimalTlsVersion: "1.2",
      currentBackupStorageRedundancy: "Geo",
      requestedBackupStorageRedundancy: "Geo",
      zoneRedundant: false,
    },
  };

  const cosmos = cosmosAccount({
    rg: rgJournal,
    name: "cosmos-exk-vard-planering",
    regions: [SWC],
    created: "2024-01-15T08:30:00Z",
    cmk: keyRef("kv-exk-vard-nycklar01", "cmk-cosmos"),
    minimalTlsVersion: "Tls12",
  });
  const psql = postgresServer({
    rg: rgJournal,
    name: "psql-exk-vard-stat01",
    location: SWC,
    created: "2024-10-08T12:00:00Z",
    geoRedundantBackup: "Enabled",
    keyUri: keyUrl(journalKey),
  });

  const vnet = virtualNetwork({
    rg: rgApp,
    name: "vnet-exk-vard-swc",
    location: SWC,
    prefix: "10.20.0.0/16",
    subnets: [
      ["snet-app", "10.20.1.0/24"],
      ["snet-sqlmi", "10.20.2.0/24"],
    ],
  });
  const des = diskEncryptionSet({
    rg: rgApp,
    name: "des-exk-vard01",
    location: SWC,
    vault: kv,
    key: keyRef("kv-exk-vard-nycklar01", "cmk-disk"),
    created: "2024-09-10T11:30:00Z",
  });
  const dataDisk = managedDisk({
    rg: rgApp,
    name: "disk-exk-vard-app01-data01",
    location: SWC,
    created: "2024-09-10T12:05:00Z",
    sizeGB: 256,
    managedBy: resId(rgApp, "Microsoft.Compute/virtualMachines", "vm-exk-vard-app01"),
  });
  const { vm, nic, osDisk } = virtualMachine({
    rg: rgApp,
    name: "vm-exk-vard-app01",
    location: SWC,
    created: "2024-09-10T12:00:00Z",
    subnetId: `${vnet.id}/subnets/snet-app`,
    des,
    dataDisks: [dataDisk],
  });
  const snapOs = diskSnapshot({ rg: rgApp, name: "snap-exk-vard-app01-os-20251101", source: osDisk, created: "2025-11-01T01:00:00Z", des });
  const snapData = diskSnapshot({ rg: rgApp, name: "snap-exk-vard-app01-data01-20251101", source: dataDisk, created: "2025-11-01T01:05:00Z" });

  const [rsv, rsvConfig] = recoveryServicesVault({
    rg: rgBackup,
    name: "rsv-exk-vard-backup01",
    location: SWC,
    created: "2024-09-12T08:00:00Z",
    storageType: "LocallyRedundant",
    crossRegionRestore: false,
  });

  return {
    subscriptionId: sub,
    displayName: "Exempelkommun – Vård och omsorg",
    state: "Enabled",
    tags: { konfidentialitet: "2", "förvaltning": "Vård- och omsorgsförvaltningen" },
    managementGroupAncestors: [DEMO_TENANT_ID, DEMO_MANAGEMENT_GROUPS.kommun],
    resourceGroups: [rgJournal, rgNyckel, rgApp, rgBackup].map(resourceGroup),
    resources: [
      kv,
      cmkJournal,
      cmkDisk,
      cmkCosmos,
      signering,
      stJournal,
      stBilder,
      sqlPrimary,
      sqlMaster(sqlPrimary),
      dbJournal,
      sqlTde(dbJournal, "Enabled"),
      dbArkiv,
      sqlTde(dbArkiv, "Disabled"),
      encryptionProtector(sqlPrimary, journalKey),
      failoverGroup(sqlPrimary, "fog-exk-vard-journal", sqlSecondary, [dbJournal]),
      sqlSecondary,
      sqlMaster(sqlSecondary),
      dbJournalSecondary,
      sqlTde(dbJournalSecondary, "Enabled"),
      encryptionProtector(sqlSecondary, journalKey),
      mi,
      encryptionProtector(mi, keyRef("hsm-exk-gem01", "cmk-sqlmi", "hsm")),
      cosmos,
      psql,
      vnet,
      des,
      vm,
      nic,
      osDisk,
      dataDisk,
      snapOs,
      snapData,
      rsv,
      rsvConfig,
      policyAssignment({
        scope: `/subscriptions/${sub}`,
        name: "exk-vard-tillatna-regioner",
        displayName: "Tillåtna regioner (vård) – under migrering",
        description: "Satt till DoNotEnforce under flytten av journalarkivet.",
        policyDefinitionId: ALLOWED_LOCATIONS_POLICY,
        allowed: [SWC, SWS],
        enforcementMode: "DoNotEnforce",
        created: "2024-11-04T09:00:00Z",
      }),
    ],
  };
}

function utbildning(): ModelSubscription {
  const sub = DEMO_SUBSCRIPTIONS.utbildning;
  const rgElev: Rg = { sub, name: "rg-exk-skola-elevdata", location: SWC, tags: { Confidentiality: "2" } };
  const rgLab: Rg = { sub, name: "rg-exk-skola-lab", location: NEU, tags: { ansvarig: "skolans IT-enhet" } };
  // "hemlig" is not a valid classification value: it counts as no tag.
  const rgWebb: Rg = { sub, name: "rg-exk-skola-webb", location: SWC, tags: { konfidentialitet: "hemlig" } };
  const rgAi: Rg = { sub, name: "rg-exk-skola-ai", location: SWC };

  const kv = keyVault({
    rg: rgElev,
    name: "kv-exk-skola01",
    location: SWC,
    sku: "standard",
    created: "2019-08-26T07:12:00Z",
    // An old vault from before soft delete was mandatory.
    enableSoftDelete: false,
    enableRbacAuthorization: true,
  });
  const cmkElev = vaultKey({ vault: kv, name: "cmk-elevdata", kty: "RSA", keySize: 2048, created: "2023-08-14T09:00:00Z" });

  const stElev = storageAccount({
    rg: rgElev,
    name: "stexkskolaelevdata01",
    location: SWC,
    sku: "Standard_LRS",
    created: "2023-08-14T09:20:00.0000000Z",
    cmk: keyRef("kv-exk-skola01", "cmk-elevdata"),
    minimumTlsVersion: "TLS1_1",
    supportsHttpsTrafficOnly: true,
    allowCrossTenantReplication: false,
  });
  const stLab = storageAccount({
    rg: rgLab,
    name: "stexkskolalab01",
    location: NEU,
    sku: "Standard_LRS",
    created: "2024-02-26T10:00:00.0000000Z",
    minimumTlsVersion: "TLS1_2",
    supportsHttpsTrafficOnly: true,
  });
  const stWebb = storageAccount({
    rg: rgWebb,
    name: "stexkskolawebb01",
    location: SWC,
    sku: "Standard_ZRS",
    created: "2024-05-13T10:00:00.0000000Z",
    minimumTlsVersion: "TLS1_2",
    supportsHttpsTrafficOnly: true,
    allowCrossTenantReplication: false,
  });

  const sqlSkola = sqlServer({ rg: rgElev, name: "sql-exk-skola01", location: SWC, minimalTlsVersion: "None" });
  const sqlDr = sqlServer({ rg: rgLab, name: "sql-exk-skola-dr01", location: WEU });
  const dbSchema = sqlDatabase(sqlSkola, "sqldb-schema", { redundancy: "Geo", created: "2024-01-08T08:00:00Z" });
  const dbHalsa = sqlDatabase(sqlSkola, "sqldb-elevhalsa", { redundancy: "GeoZone", created: "2024-01-08T08:30:00Z" });
  const dbSchemaDr = sqlDatabase(sqlDr, "sqldb-schema", { redundancy: "Geo", created: "2024-01-09T08:00:00Z", secondaryOf: dbSchema.id });

  const mysqlLab = mysqlServer({ rg: rgLab, name: "mysql-exk-skola-lab01", location: NEU, created: "2024-02-26T11:00:00Z", geoRedundantBackup: "Enabled" });
  const psqlElev = postgresServer({
    rg: rgElev,
    name: "psql-exk-skola-elev01",
    location: SWC,
    created: "2024-08-19T09:00:00Z",
    geoRedundantBackup: "Disabled",
    // The learning-platform supplier's own vault, in the supplier's tenant: not in this inventory.
    keyUri: "https://kv-edtech-leverantor.vault.azure.net/keys/elevdata-exempelkommun/6b1e0c3f9a8d4e27b5c1f0a2d3e4b5c6",
  });

  const acr = containerRegistry({ rg: rgWebb, name: "crexkskola01", location: SWC, created: "2024-05-13T11:00:00Z", replicas: [WEU] });

  const oai = cognitiveAccount({ rg: rgAi, name: "oai-exk-skola-larstod01", location: SWC, kind: "OpenAI", created: "2025-02-03T10:00:00Z" });
  const oaiTest = cognitiveAccount({ rg: rgAi, name: "oai-exk-skola-test01", location: "eastus", kind: "OpenAI", created: "2025-01-15T15:00:00Z" });

  const vnet = virtualNetwork({ rg: rgWebb, name: "vnet-exk-skola-swc", location: SWC, prefix: "10.30.0.0/16", subnets: [["snet-webb", "10.30.1.0/24"]] });
  const vnetLab = virtualNetwork({ rg: rgLab, name: "vnet-exk-skola-lab-neu", location: NEU, prefix: "10.31.0.0/16", subnets: [["snet-lab", "10.31.1.0/24"]] });
  // A real Azure region that the built-in region table does not know.
  const vnetTest = virtualNetwork({ rg: rgLab, name: "vnet-exk-skola-test-twn", location: "taiwannorth", prefix: "10.32.0.0/16", subnets: [["snet-test", "10.32.1.0/24"]] });
  const { vm, nic, osDisk } = virtualMachine({
    rg: rgLab,
    name: "vm-exk-skola-lab01",
    location: NEU,
    created: "2024-02-26T12:00:00Z",
    subnetId: `${vnetLab.id}/subnets/snet-lab`,
  });

  return {
    subscriptionId: sub,
    displayName: "Exempelkommun – Utbildning",
    state: "Enabled",
    tags: { "förvaltning": "Utbildningsförvaltningen" },
    managementGroupAncestors: [DEMO_TENANT_ID, DEMO_MANAGEMENT_GROUPS.utbildning],
    providers: { "Microsoft.DocumentDB": "NotRegistered" },
    resourceGroups: [rgElev, rgLab, rgWebb, rgAi].map(resourceGroup),
    resources: [
      kv,
      cmkElev,
      stElev,
      stLab,
      stWebb,
      sqlSkola,
      sqlMaster(sqlSkola),
      dbSchema,
      sqlTde(dbSchema, "Enabled"),
      dbHalsa,
      sqlTde(dbHalsa, "Enabled"),
      encryptionProtector(sqlSkola, undefined),
      failoverGroup(sqlSkola, "fog-exk-skola", sqlDr, [dbSchema]),
      sqlDr,
      sqlMaster(sqlDr),
      dbSchemaDr,
      sqlTde(dbSchemaDr, "Enabled"),
      encryptionProtector(sqlDr, undefined),
      mysqlLab,
      psqlElev,
      ...acr,
      oai,
      aiDeployment(oai, "gpt-4o-mini", "GlobalStandard", ["gpt-4o-mini", "2024-07-18"], 200, "2025-02-03T10:30:00Z"),
      aiDeployment(oai, "text-embedding-3-small", "Standard", ["text-embedding-3-small", "1"], 120, "2025-02-03T10:40:00Z"),
      oaiTest,
      aiDeployment(oaiTest, "gpt-4o-mini-test", "DataZoneStandard", ["gpt-4o-mini", "2024-07-18"], 30, "2025-01-15T15:20:00Z"),
      vnet,
      vnetLab,
      vnetTest,
      vm,
      nic,
      osDisk,
      policyAssignment({
        scope: `/subscriptions/${sub}`,
        name: "exk-skola-tillatna-regioner",
        displayName: "Tillåtna regioner – Utbildning",
        policyDefinitionId: ALLOWED_LOCATIONS_POLICY,
        allowed: [SWC, SWS, WEU, NEU],
        created: "2024-01-05T08:00:00Z",
      }),
      policyAssignment({
        scope: `/subscriptions/${sub}`,
        name: "exk-skola-tillatna-rg-regioner",
        displayName: "Tillåtna regioner för resursgrupper – Utbildning",
        policyDefinitionId: ALLOWED_RG_LOCATIONS_POLICY,
        allowed: [SWC, SWS, NEU],
        created: "2024-01-05T08:05:00Z",
      }),
    ],
  };
}

/** The initiative assigned at the municipality's management group. */
function dataResidencyInitiative(): ArmResource {
  const scope = mgScope(DEMO_MANAGEMENT_GROUPS.kommun);
  return {
    id: `${scope}/providers/Microsoft.Authorization/policySetDefinitions/exk-dataresidens`,
    name: "exk-dataresidens",
    type: "Microsoft.Authorization/policySetDefinitions",
    systemData: systemData("2024-01-10T09:00:00Z"),
    properties: {
      displayName: "Exempelkommun – datalagring i Sverige",
      policyType: "Custom",
      description: "Resursgrupper får bara skapas i svenska regioner.",
      metadata: { category: "General", version: "1.0.0" },
      version: "1.0.0",
      parameters: {
        listOfAllowedLocations: {
          type: "Array",
          metadata: { displayName: "Tillåtna regioner", strongType: "location" },
        },
      },
      policyDefinitions: [
        {
          policyDefinitionReferenceId: "tillatna-regioner-resursgrupper",
          policyDefinitionId: ALLOWED_RG_LOCATIONS_POLICY,
          definitionVersion: "1.*.*",
          parameters: { listOfAllowedLocations: { value: "[parameters('listOfAllowedLocations')]" } },
          groupNames: [],
        },
      ],
      policyDefinitionGroups: [],
    },
  };
}

/**
 * The demo tenant "Exempelkommun": three subscriptions, about a hundred ARM resources, Microsoft 365
 * users, groups, sites and licences. Every rule in the catalog gets at least one pass and one fail
 * (ACC-01 fails and ACC-02 passes: one tenant-level target each). Deterministic: same output every call.
 */
export function demoTenant(): TenantModel {
  const kommunScope = mgScope(DEMO_MANAGEMENT_GROUPS.kommun);
  const initiative = dataResidencyInitiative();
  const e5 = "06ebc4ee-1bb5-47dd-8120-11324bc54e06";
  const e3 = "05e9a617-0261-4cee-bb44-138d3ef5d965";
  const multiGeo = "84951599-62b7-46f3-9c9d-30551b2ad607";
  return {
    tenantId: DEMO_TENANT_ID,
    displayName: "Exempelkommun",
    pageSize: DEMO_PAGE_SIZE,
    subscriptions: [gemensamIt(), vardOchOmsorg(), utbildning()],
    customerLockbox: { isOptedIn: false },
    managementGroupPolicyAssignments: [
      policyAssignment({
        scope: kommunScope,
        name: "exk-tillatna-regioner",
        displayName: "Tillåtna regioner – Exempelkommun",
        policyDefinitionId: ALLOWED_LOCATIONS_POLICY,
        allowed: [SWC, SWS],
        // Vård och omsorg was excluded while its journal archive moved; never put back.
        notScopes: [`/subscriptions/${DEMO_SUBSCRIPTIONS.vardOchOmsorg}`],
        created: "2024-01-10T09:30:00Z",
      }),
      policyAssignment({
        scope: kommunScope,
        name: "exk-dataresidens",
        displayName: "Exempelkommun – datalagring i Sverige",
        policyDefinitionId: String(initiative.id),
        allowed: [SWC, SWS],
        created: "2024-01-10T09:35:00Z",
      }),
    ],
    policySetDefinitions: [initiative],
    graph: {
      organization: [
        {
          id: DEMO_TENANT_ID,
          displayName: "Exempelkommun",
          countryLetterCode: "SE",
          country: null,
          city: "Exempelstad",
          postalCode: "123 45",
          street: "Stadshusgatan 1",
          preferredLanguage: "sv-SE",
          preferredDataLocation: "SWE",
          isMultipleDataLocationsForServicesEnabled: true,
          tenantType: "AAD",
          createdDateTime: "2016-03-14T08:21:45Z",
          verifiedDomains: [
            { capabilities: "Email, OfficeCommunicationsOnline", isDefault: true, isInitial: false, name: "exempelkommun.se", type: "Managed" },
            { capabilities: "Email, OfficeCommunicationsOnline", isDefault: false, isInitial: true, name: "exempelkommun.onmicrosoft.com", type: "Managed" },
          ],
        },
      ],
      users: [
        graphUser("Anna Lindqvist", "anna.lindqvist", "Kommundirektör", "SWE", "2016-03-15T09:00:00Z"),
        graphUser("Erik Johansson", "erik.johansson", "IT-chef", "SWE", "2016-03-15T09:05:00Z"),
        graphUser("Fatima Hassan", "fatima.hassan", "Sjuksköterska", "SWE", "2019-08-19T07:30:00Z"),
        graphUser("Mikael Berg", "mikael.berg", "Lärare", null, "2018-08-13T07:30:00Z"),
        graphUser("Sofia Nyström", "sofia.nystrom", "EU-samordnare", "EUR", "2021-02-01T08:00:00Z"),
        graphUser("Johan Ek", "johan.ek", "Konsult, systemutveckling", "NAM", "2023-05-02T08:00:00Z"),
        graphUser("Lena Holm", "lena.holm", "Rektor", null, "2017-01-09T08:00:00Z"),
        graphUser("Karl Wikström", "karl.wikstrom", "Informationssäkerhetssamordnare", "SWE", "2020-10-05T08:00:00Z"),
      ],
      groups: [
        graphGroup("Vård och omsorg – alla medarbetare", "vard-alla", "SWE", true, "2019-03-01T10:00:00Z"),
        graphGroup("EU-projekt Interreg", "eu-interreg", "EUR", true, "2022-09-01T10:00:00Z"),
        graphGroup("Lärare – Utbildningsförvaltningen", "larare", null, true, "2018-08-01T10:00:00Z"),
        graphGroup("IT-drift", "it-drift", null, false, "2016-03-20T10:00:00Z"),
      ],
      sites: [
        graphSite("exempelkommun.sharepoint.com", "intranat", "Intranätet", "SWE", "2016-04-01T10:00:00Z"),
        graphSite("exempelkommun.sharepoint.com", "vard-rutiner", "Vård – rutiner och riktlinjer", "SWE", "2019-03-02T10:00:00Z"),
        graphSite("exempelkommuneur.sharepoint.com", "interreg", "Interreg-projektet", "EUR", "2022-09-02T10:00:00Z"),
        graphSite("exempelkommunnam.sharepoint.com", "konsultsamarbete", "Konsultsamarbete", "NAM", "2023-05-03T10:00:00Z"),
      ],
      subscribedSkus: [
        subscribedSku(e5, "SPE_E5", 150, 122, [
          servicePlan("6db1f1db-2b46-403f-be40-e39395f08dbb", "CUSTOMER_KEY"),
          servicePlan("9f431833-0334-42de-a7dc-70aa40db46db", "LOCKBOX_ENTERPRISE"),
          servicePlan("efb0351d-3b08-4503-993d-383af8de41e3", "MIP_S_CLP2"),
          servicePlan("efb87545-963c-4e0d-99df-69c6916d9eb0", "EXCHANGE_S_ENTERPRISE"),
          servicePlan("5dbe027f-2339-4123-9542-606e4d348a72", "SHAREPOINTENTERPRISE"),
          servicePlan("57ff2da0-773e-42df-b2af-ffb7a2317929", "TEAMS1"),
          servicePlan("43de0ff5-c92c-492b-9116-175376d08c38", "OFFICESUBSCRIPTION"),
          servicePlan("eec0eb4f-6444-4f95-aba0-50c24d67f998", "AAD_PREMIUM_P2"),
        ]),
        subscribedSku(e3, "SPE_E3", 4200, 3987, [
          servicePlan("efb87545-963c-4e0d-99df-69c6916d9eb0", "EXCHANGE_S_ENTERPRISE"),
          servicePlan("5dbe027f-2339-4123-9542-606e4d348a72", "SHAREPOINTENTERPRISE"),
          servicePlan("57ff2da0-773e-42df-b2af-ffb7a2317929", "TEAMS1"),
          servicePlan("43de0ff5-c92c-492b-9116-175376d08c38", "OFFICESUBSCRIPTION"),
        ]),
        subscribedSku(multiGeo, "OFFICE365_MULTIGEO", 250, 40, [
          servicePlan("897d51f1-2cfa-4848-9b30-469149f5e68e", "EXCHANGEONLINE_MULTIGEO"),
          servicePlan("735c1d98-dd3f-4818-b4ed-c8052e18e62d", "SHAREPOINTONLINE_MULTIGEO"),
          servicePlan("41eda15d-6b52-453b-906f-bc4a5b25a26b", "TEAMSMULTIGEO"),
        ]),
      ],
    },
  };
}
