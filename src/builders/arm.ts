/**
 * ARM payload builders: resources in the shapes the ARM REST API returns them (each builder names
 * its api-version), for the emulator's tenant models: the demo tenant's fragments, the bench
 * tenant and the tests' fixtures. A spec says what varies; everything else is what a real
 * resource of that kind returns. Deterministic: ids derive from names through `ids.ts`.
 * To vary a payload beyond its spec, deep-merge into it with `merge` (`merge.ts`).
 *
 * `src/builders/` stands outside the product's layer chain: only the emulator, the demo, the bench,
 * tests and demo fragments import it; it imports only `src/snapshot/types.ts`,
 * `src/config/regions.ts` and `src/base/*`.
 */
import { builtinRegion } from "../config/regions.js";
import type { ArmResource } from "../snapshot/types.js";
import { epoch, guid, hex32 } from "./ids.js";
import { defined } from "./merge.js";

export type Tags = Record<string, string>;

/** Who `systemData` names unless a spec says otherwise. */
export const DEFAULT_ACTOR = "erik.johansson@exempelkommun.se";

// ---------------------------------------------------------------------------------------------
// Ids, resource groups and common blocks

/** A resource group: the subscription it is in, its name, region and tags. */
export interface Rg {
  sub: string;
  name: string;
  location: string;
  tags?: Tags;
}

/** Where a resource is: its resource group, name, region and tags (what every spec starts with). */
export interface Placement {
  rg: Rg;
  name: string;
  location: string;
  tags?: Tags;
}

/** `/subscriptions/{sub}/resourceGroups/{rg}` */
export function rgId(rg: Pick<Rg, "sub" | "name">): string {
  return `/subscriptions/${rg.sub}/resourceGroups/${rg.name}`;
}

/** `/subscriptions/{sub}/resourceGroups/{rg}/providers/{type}/{name}` */
export function resId(rg: Pick<Rg, "sub" | "name">, type: string, name: string): string {
  return `${rgId(rg)}/providers/${type}/${name}`;
}

/** A resource group payload (`GET /subscriptions/{s}/resourcegroups`). */
export function resourceGroup(rg: Rg): ArmResource {
  return defined({
    id: rgId(rg),
    name: rg.name,
    type: "Microsoft.Resources/resourceGroups",
    location: rg.location,
    tags: rg.tags,
    properties: { provisioningState: "Succeeded" },
  }) as ArmResource;
}

/** Display name of a region ("swedencentral" → "Sweden Central"), as some providers return it. */
export function displayName(region: string): string {
  return builtinRegion(region)?.displayName ?? region;
}

/** ARM `systemData` as tracked resources return it. */
export function systemData(createdAt: string, lastModifiedAt = createdAt, by = DEFAULT_ACTOR) {
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
export function datetimeEtag(iso: string): string {
  return `W/"datetime'${iso.replace(/:/g, "%3A")}'"`;
}

/** A system-assigned managed identity block (principal id derived from `seed` unless given). */
export function systemIdentity(seed: string, tenantId: string, principalId = guid(`principal:${seed}`)) {
  return { principalId, tenantId, type: "SystemAssigned" };
}

/** `{ id }` plus the location of a resource another builder refers to (by payload or by id). */
export interface ResourceRef {
  id: string;
  location?: string;
  type?: string;
  name?: string;
  properties?: Record<string, unknown> | null;
}

function lastSegment(id: string): string {
  return id.split("/").pop() ?? id;
}

// ---------------------------------------------------------------------------------------------
// Key Vault, keys and managed HSM

/** Where a customer-managed key lives: a Key Vault key or a managed HSM key. */
export interface KeyRef {
  /** Vault or HSM name (first label of the host). */
  store: string;
  kind: "vault" | "hsm";
  key: string;
  version: string;
}

/** A key reference; the version derives from store and key name unless given. */
export function keyRef(store: string, key: string, kind: "vault" | "hsm" = "vault", version = hex32(`${store}/${key}`)): KeyRef {
  return { store, kind, key, version };
}

/** `https://{vault}.vault.azure.net/` or `https://{hsm}.managedhsm.azure.net/`. */
export function storeBaseUri(ref: Pick<KeyRef, "store" | "kind">): string {
  return ref.kind === "hsm" ? `https://${ref.store}.managedhsm.azure.net/` : `https://${ref.store}.vault.azure.net/`;
}

/** `https://{vault}.vault.azure.net/keys/{key}/{version}` as customer-key settings reference it. */
export function keyUrl(ref: KeyRef): string {
  return `${storeBaseUri(ref)}keys/${ref.key}/${ref.version}`;
}

export interface VaultSpec extends Placement {
  tenantId: string;
  sku: "standard" | "premium";
  created: string;
  /** `systemData` actor. */
  by?: string;
  enableSoftDelete?: boolean;
  enablePurgeProtection?: boolean;
  enableRbacAuthorization?: boolean;
  publicNetworkAccess?: "Enabled" | "Disabled";
  networkAclsDefault?: "Allow" | "Deny";
  enabledForDiskEncryption?: boolean;
  /** With access policies (RBAC off): the object that holds the key and secret permissions. */
  accessPolicyObjectId?: string;
}

/** A Key Vault (`Microsoft.KeyVault/vaults`, api-version 2023-07-01). `properties.sku` is required by the SDK. */
export function keyVault(s: VaultSpec): ArmResource {
  const accessPolicies =
    s.enableRbacAuthorization === true || s.accessPolicyObjectId === undefined
      ? []
      : [
          {
            tenantId: s.tenantId,
            objectId: s.accessPolicyObjectId,
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
    systemData: systemData(s.created, s.created, s.by),
    properties: defined({
      sku: { family: "A", name: s.sku },
      tenantId: s.tenantId,
      accessPolicies,
      enabledForDeployment: false,
      enabledForDiskEncryption: s.enabledForDiskEncryption ?? true,
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

/** The `recoveryLevel` a vault's keys report, from the vault's soft-delete and purge-protection settings. */
export function recoveryLevelOf(vault: Pick<ResourceRef, "properties">): string {
  const props = vault.properties ?? {};
  return props.enableSoftDelete === false ? "Purgeable" : props.enablePurgeProtection === true ? "Recoverable" : "Recoverable+Purgeable";
}

export interface KeySpec {
  /** The vault payload, or its id and location (then give `recoveryLevel`). */
  vault: ResourceRef;
  name: string;
  kty: "RSA" | "RSA-HSM" | "EC-HSM";
  keySize?: number;
  created: string;
  exp?: string;
  /** Lifetime actions: `rotate` after / `notify` before. */
  rotation?: { rotateAfter?: string; notifyBefore?: string; expiryTime?: string };
  /** Default: from the vault payload's settings. */
  recoveryLevel?: string;
  /** Default: derived from vault and key name (as `keyRef`). */
  version?: string;
  keyOps?: string[];
}

/** A key's rotation policy as ARM returns it (`rotate` after / `notify` before), or undefined without one. */
function rotationPolicyOf(rotation: KeySpec["rotation"], created: string): Record<string, unknown> | undefined {
  if (!rotation) return undefined;
  const lifetimeActions: unknown[] = [];
  if (rotation.rotateAfter) lifetimeActions.push({ trigger: { timeAfterCreate: rotation.rotateAfter }, action: { type: "rotate" } });
  if (rotation.notifyBefore) lifetimeActions.push({ trigger: { timeBeforeExpiry: rotation.notifyBefore }, action: { type: "notify" } });
  return {
    attributes: defined({ created: epoch(created), updated: epoch(created), expiryTime: rotation.expiryTime }),
    lifetimeActions,
  };
}

/** A vault key as ARM lists it (`Microsoft.KeyVault/vaults/keys`): no key material, attributes in Unix seconds. */
export function vaultKey(s: KeySpec): ArmResource {
  const vaultName = s.vault.name ?? lastSegment(s.vault.id);
  const version = s.version ?? keyRef(vaultName, s.name).version;
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
        recoveryLevel: s.recoveryLevel ?? recoveryLevelOf(s.vault),
        exportable: false,
      }),
      kty: s.kty,
      keyOps: s.keyOps ?? ["encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"],
      keySize: s.kty === "EC-HSM" ? undefined : (s.keySize ?? 2048),
      curveName: s.kty === "EC-HSM" ? "P-256" : undefined,
      keyUri: `${host}/keys/${s.name}`,
      keyUriWithVersion: `${host}/keys/${s.name}/${version}`,
      rotationPolicy: rotationPolicyOf(s.rotation, s.created),
    }),
  };
}

export interface HsmKeySpec extends Omit<KeySpec, "vault" | "kty"> {
  /** The managed HSM payload, or its id and name. */
  hsm: ResourceRef;
  /** ARM reports a managed HSM's keys as `RSA`/`EC` (spec example managedHsmGetKey.json), though they live in the HSM. */
  kty: "RSA" | "EC" | "RSA-HSM" | "EC-HSM";
}

/**
 * A managed HSM key as ARM returns it on `GET .../managedHSMs/{name}/keys/{k}` (ManagedHsmKeys_Get,
 * 2026-02-01, spec example managedHsmGetKey.json): no location, no tags, no key material; attributes
 * in Unix seconds, host `{hsm}.managedhsm.azure.net:443`.
 */
export function managedHsmKey(s: HsmKeySpec): ArmResource {
  const hsmName = s.hsm.name ?? lastSegment(s.hsm.id);
  const version = s.version ?? keyRef(hsmName, s.name, "hsm").version;
  const host = `https://${hsmName}.managedhsm.azure.net:443`;
  const ec = s.kty.startsWith("EC");
  return {
    id: `${s.hsm.id}/keys/${s.name}`,
    name: s.name,
    type: "Microsoft.KeyVault/managedHSMs/keys",
    properties: defined({
      attributes: defined({
        created: epoch(s.created),
        enabled: true,
        exp: s.exp ? epoch(s.exp) : undefined,
        recoveryLevel: s.recoveryLevel ?? "Recoverable",
        updated: epoch(s.created),
      }),
      keyOps: s.keyOps ?? ["encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"],
      keySize: ec ? undefined : (s.keySize ?? 2048),
      curveName: ec ? "P-256" : undefined,
      keyUri: `${host}/keys/${s.name}`,
      keyUriWithVersion: `${host}/keys/${s.name}/${version}`,
      kty: s.kty,
      rotationPolicy: rotationPolicyOf(s.rotation, s.created),
    }),
  };
}

/** A managed HSM (`Microsoft.KeyVault/managedHSMs`, api-version 2023-07-01). */
export function managedHsm(s: Placement & { tenantId: string; adminObjectIds: string[]; created: string }): ArmResource {
  return {
    id: resId(s.rg, "Microsoft.KeyVault/managedHSMs", s.name),
    name: s.name,
    type: "Microsoft.KeyVault/managedHSMs",
    location: s.location,
    sku: { family: "B", name: "Standard_B1" },
    tags: s.tags ?? {},
    systemData: systemData(s.created),
    properties: {
      tenantId: s.tenantId,
      initialAdminObjectIds: s.adminObjectIds,
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

export interface StorageSpec extends Placement {
  sku: "Standard_LRS" | "Standard_ZRS" | "Standard_GRS" | "Standard_RAGRS" | "Standard_GZRS" | "Standard_RAGZRS" | "Premium_LRS";
  created: string;
  /** For the geo-redundant SKUs: the secondary region ARM reports. */
  secondaryLocation?: string;
  cmk?: KeyRef;
  /** Tenant of the system-assigned identity a customer key needs. */
  tenantId?: string;
  /** The identity's principal id (default: derived from the name). */
  principalId?: string;
  requireInfrastructureEncryption?: boolean;
  minimumTlsVersion?: "TLS1_0" | "TLS1_1" | "TLS1_2";
  supportsHttpsTrafficOnly?: boolean;
  allowCrossTenantReplication?: boolean;
  publicNetworkAccess?: "Enabled" | "Disabled";
}

/** The six service endpoints of a storage account (`-secondary` ones with a suffix). */
export function storageEndpoints(name: string, suffix = "") {
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
export function storageAccount(s: StorageSpec): ArmResource {
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
    identity: s.cmk ? systemIdentity(s.name, s.tenantId ?? "", s.principalId) : undefined,
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
      primaryEndpoints: storageEndpoints(s.name),
      primaryLocation: s.location,
      statusOfPrimary: "available",
      secondaryLocation: s.secondaryLocation,
      statusOfSecondary: s.secondaryLocation ? "available" : undefined,
      secondaryEndpoints: readAccess ? storageEndpoints(s.name, "-secondary") : undefined,
    }),
  }) as ArmResource;
}

// ---------------------------------------------------------------------------------------------
// Azure SQL

/** The Entra administrator of a SQL server (a group). */
export interface SqlEntraAdmin {
  login: string;
  sid: string;
  tenantId: string;
}

export interface SqlServerSpec extends Placement {
  /** `minimalTlsVersion`: "1.0", "1.1", "1.2", "None", or absent. */
  minimalTlsVersion?: string;
  cmk?: KeyRef;
  /** Tenant of the system-assigned identity a customer key needs. */
  tenantId?: string;
  administratorLogin?: string;
  entraAdmin?: SqlEntraAdmin;
}

/** A logical SQL server (`Microsoft.Sql/servers`, api-version 2023-08-01). */
export function sqlServer(s: SqlServerSpec): ArmResource {
  return defined({
    id: resId(s.rg, "Microsoft.Sql/servers", s.name),
    name: s.name,
    type: "Microsoft.Sql/servers",
    location: s.location,
    kind: "v12.0",
    tags: s.tags ?? {},
    identity: s.cmk ? systemIdentity(s.name, s.tenantId ?? "") : undefined,
    properties: defined({
      administratorLogin: s.administratorLogin ?? "exkadmin",
      version: "12.0",
      state: "Ready",
      fullyQualifiedDomainName: `${s.name}.database.windows.net`,
      privateEndpointConnections: [],
      minimalTlsVersion: s.minimalTlsVersion,
      publicNetworkAccess: "Disabled",
      restrictOutboundNetworkAccess: "Disabled",
      keyId: s.cmk ? keyUrl(s.cmk) : undefined,
      administrators: s.entraAdmin
        ? {
            administratorType: "ActiveDirectory",
            principalType: "Group",
            login: s.entraAdmin.login,
            sid: s.entraAdmin.sid,
            tenantId: s.entraAdmin.tenantId,
            azureADOnlyAuthentication: true,
          }
        : undefined,
    }),
  }) as ArmResource;
}

export type BackupRedundancy = "Geo" | "GeoZone" | "Local" | "Zone";

/** The subscription id in an ARM id. */
function subOf(id: string): string | undefined {
  return id.split("/")[2];
}

/** A user database (`Microsoft.Sql/servers/databases`); `server` is the server payload or its id and location. */
export function sqlDatabase(
  server: ResourceRef,
  name: string,
  o: { redundancy: BackupRedundancy; created: string; tags?: Tags; secondaryOf?: string; databaseId?: string; collation?: string },
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
      collation: o.collation ?? "Finnish_Swedish_CI_AS",
      maxSizeBytes: 34359738368,
      status: "Online",
      databaseId: o.databaseId ?? guid(`sqldb:${server.id}/${name}`),
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
      maintenanceConfigurationId: `/subscriptions/${subOf(server.id)}/providers/Microsoft.Maintenance/publicMaintenanceConfigurations/SQL_Default`,
      isLedgerOn: false,
      isInfraEncryptionEnabled: false,
      availabilityZone: "NoPreference",
    }),
  };
}

/** The `master` database, which the databases list always includes (a system database: never judged). */
export function sqlMaster(server: ResourceRef): ArmResource {
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
export function sqlTde(db: ResourceRef, state: "Enabled" | "Disabled"): ArmResource {
  return {
    id: `${db.id}/transparentDataEncryption/current`,
    name: "current",
    type: "Microsoft.Sql/servers/databases/transparentDataEncryption",
    properties: { state },
  };
}

/** `…/servers/{s}/encryptionProtector/current` (or the managed-instance equivalent); `parent` needs id, type and location. */
export function encryptionProtector(parent: ResourceRef, cmk: KeyRef | undefined): ArmResource {
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

/** A failover group on the primary server; `primary` and `partner` need id and location. */
export function failoverGroup(primary: ResourceRef, name: string, partner: ResourceRef, databaseIds: string[]): ArmResource {
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
      databases: databaseIds,
    },
  };
}

/**
 * One database's replication link as `GET {server}/replicationLinks` (ReplicationLinks_ListByServer,
 * 2022-02-01-preview) lists it: the link hangs under its database and names the partner's server,
 * database and location (as a display name). The spec's example omits `type`, which its schema
 * (a ProxyResource) defines; the builder gives it. Shape of
 * specification/sql/resource-manager/Microsoft.Sql/preview/2022-05-01-preview/examples/ReplicationLinkListByServer.json.
 */
export function replicationLink(
  db: Pick<ResourceRef, "id">,
  partner: { server: string; database: string; location: string },
  role: "Primary" | "Secondary" = "Primary",
  started = "2025-05-12T06:30:00.000Z",
): ArmResource {
  const linkId = guid(`replication-link:${db.id}:${partner.server}`);
  return {
    properties: {
      partnerServer: partner.server,
      partnerDatabase: partner.database,
      partnerLocation: displayName(partner.location),
      role,
      partnerRole: role === "Primary" ? "Secondary" : "Primary",
      replicationMode: "ASYNC",
      startTime: started,
      percentComplete: 100,
      replicationState: "CATCH_UP",
      isTerminationAllowed: true,
      linkType: "GEO",
    },
    id: `${db.id}/replicationLinks/${linkId}`,
    name: linkId,
    type: "Microsoft.Sql/servers/databases/replicationLinks",
  };
}

/**
 * An instance failover group as `GET …/resourceGroups/{rg}/providers/Microsoft.Sql/locations/{location}/instanceFailoverGroups`
 * (InstanceFailoverGroups_ListByLocation, 2022-05-01-preview) lists it in `listedIn` (the primary's
 * or the partner's region: each side's list holds the group, with its own role). Shape of
 * specification/sql/resource-manager/Microsoft.Sql/preview/2022-05-01-preview/examples/InstanceFailoverGroupList.json.
 */
export function instanceFailoverGroup(
  listedIn: { rg: Pick<Rg, "sub" | "name">; location: string },
  name: string,
  primary: Pick<ResourceRef, "id" | "location">,
  partner: Pick<ResourceRef, "id" | "location">,
): ArmResource {
  const atPrimary = String(primary.location).toLowerCase() === listedIn.location.toLowerCase();
  return {
    id: `${rgId(listedIn.rg)}/providers/Microsoft.Sql/locations/${listedIn.location}/instanceFailoverGroups/${name}`,
    name,
    type: "Microsoft.Sql/locations/instanceFailoverGroups",
    properties: {
      readWriteEndpoint: { failoverPolicy: "Automatic", failoverWithDataLossGracePeriodMinutes: 60 },
      readOnlyEndpoint: { failoverPolicy: "Disabled" },
      replicationRole: atPrimary ? "Primary" : "Secondary",
      replicationState: "CATCH_UP",
      partnerRegions: [
        { location: displayName(String(atPrimary ? partner.location : primary.location)), replicationRole: atPrimary ? "Secondary" : "Primary" },
      ],
      managedInstancePairs: [{ primaryManagedInstanceId: primary.id, partnerManagedInstanceId: partner.id }],
    },
  };
}

/** A SQL managed instance (`Microsoft.Sql/managedInstances`, api-version 2023-08-01) in the subnet `subnetId`. */
export function sqlManagedInstance(s: Placement & {
  tenantId: string;
  subnetId: string;
  /** The instance's DNS zone label (the FQDN is `{name}.{dnsZone}.database.windows.net`). */
  dnsZone: string;
  redundancy: BackupRedundancy;
  administratorLogin?: string;
  licenseType?: "BasePrice" | "LicenseIncluded";
  collation?: string;
}): ArmResource {
  return {
    id: resId(s.rg, "Microsoft.Sql/managedInstances", s.name),
    name: s.name,
    type: "Microsoft.Sql/managedInstances",
    location: s.location,
    tags: s.tags ?? {},
    sku: { name: "GP_Gen5", tier: "GeneralPurpose", family: "Gen5", capacity: 8 },
    identity: systemIdentity(s.name, s.tenantId),
    properties: {
      provisioningState: "Succeeded",
      fullyQualifiedDomainName: `${s.name}.${s.dnsZone}.database.windows.net`,
      administratorLogin: s.administratorLogin ?? "exkadmin",
      subnetId: s.subnetId,
      state: "Ready",
      licenseType: s.licenseType ?? "BasePrice",
      vCores: 8,
      storageSizeInGB: 256,
      collation: s.collation ?? "Finnish_Swedish_CI_AS",
      dnsZone: s.dnsZone,
      publicDataEndpointEnabled: false,
      proxyOverride: "Redirect",
      timezoneId: "W. Europe Standard Time",
      minimalTlsVersion: "1.2",
      currentBackupStorageRedundancy: s.redundancy,
      requestedBackupStorageRedundancy: s.redundancy,
      zoneRedundant: false,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Cosmos DB, PostgreSQL, MySQL

/** A Cosmos DB account (`Microsoft.DocumentDB/databaseAccounts`, 2024-11-15): locations by display name. */
export function cosmosAccount(s: {
  rg: Rg;
  name: string;
  regions: string[];
  created: string;
  tags?: Tags;
  cmk?: KeyRef;
  /** Tenant of the system-assigned identity a customer key needs. */
  tenantId?: string;
  minimalTlsVersion: "Tls" | "Tls11" | "Tls12";
  backupStorageRedundancy?: "Geo" | "Local" | "Zone";
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
    identity: s.cmk ? systemIdentity(s.name, s.tenantId ?? "") : { type: "None" },
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
        periodicModeProperties: { backupIntervalInMinutes: 240, backupRetentionIntervalInHours: 8, backupStorageRedundancy: s.backupStorageRedundancy ?? "Local" },
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

export interface FlexSpec extends Placement {
  created: string;
  geoRedundantBackup: "Enabled" | "Disabled";
  /** Customer key (URI as the server stores it); undefined → platform key (`SystemManaged`). */
  keyUri?: string;
  /**
   * Customer key of the geo-redundant backup copy (`dataEncryption.geoBackupKeyURI`), in a vault of
   * the backup's (paired) region; only with `keyUri`.
   */
  geoKeyUri?: string;
}

/** A PostgreSQL flexible server (`Microsoft.DBforPostgreSQL/flexibleServers`, 2024-08-01); `tenantId` for its Entra authentication. */
export function postgresServer(s: FlexSpec & { tenantId: string }): ArmResource {
  const identityId = resId(s.rg, "Microsoft.ManagedIdentity/userAssignedIdentities", `id-${s.name}`);
  // The geo-backup key is read with an identity of the backup's region (ServerCreateGeoRestoreWithDataEncryptionEnabled.json).
  const geoIdentityId = resId(s.rg, "Microsoft.ManagedIdentity/userAssignedIdentities", `id-${s.name}-geo`);
  const geo = s.keyUri !== undefined && s.geoKeyUri !== undefined;
  const identity = (id: string) => ({ [id]: { principalId: guid(`principal:${id}`), clientId: guid(`client:${id}`) } });
  return defined({
    id: resId(s.rg, "Microsoft.DBforPostgreSQL/flexibleServers", s.name),
    name: s.name,
    type: "Microsoft.DBforPostgreSQL/flexibleServers",
    location: s.location,
    tags: s.tags ?? {},
    sku: { name: "Standard_D2ds_v5", tier: "GeneralPurpose" },
    identity: s.keyUri ? { type: "UserAssigned", userAssignedIdentities: { ...identity(identityId), ...(geo ? identity(geoIdentityId) : {}) } } : undefined,
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
            ...(geo ? { geoBackupKeyURI: s.geoKeyUri, geoBackupUserAssignedIdentityId: geoIdentityId } : {}),
            primaryEncryptionKeyStatus: "Valid",
            ...(geo ? { geoBackupEncryptionKeyStatus: "Valid" } : {}),
          }
        : { type: "SystemManaged" },
      authConfig: { activeDirectoryAuth: "Enabled", passwordAuth: "Disabled", tenantId: s.tenantId },
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
export function mysqlServer(s: FlexSpec): ArmResource {
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
      // MySQL 2023-12-30 names the geo-backup key as PostgreSQL does (DataEncryption.geoBackupKeyURI, FlexibleServers.json).
      dataEncryption: s.keyUri
        ? { type: "AzureKeyVault", primaryKeyURI: s.keyUri, ...(s.geoKeyUri ? { geoBackupKeyURI: s.geoKeyUri } : {}) }
        : { type: "SystemManaged" },
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

/** A disk encryption set (`Microsoft.Compute/diskEncryptionSets`, 2024-03-02) whose active key is `key` in the vault `vaultId`. */
export function diskEncryptionSet(s: Placement & {
  tenantId: string;
  vaultId: string;
  key: KeyRef;
  created?: string;
  principalId?: string;
}): ArmResource {
  return defined({
    id: resId(s.rg, "Microsoft.Compute/diskEncryptionSets", s.name),
    name: s.name,
    type: "Microsoft.Compute/diskEncryptionSets",
    location: s.location,
    tags: {},
    identity: systemIdentity(s.name, s.tenantId, s.principalId),
    properties: defined({
      activeKey: { sourceVault: { id: s.vaultId }, keyUrl: keyUrl(s.key) },
      encryptionType: "EncryptionAtRestWithCustomerKey",
      previousKeys: [],
      provisioningState: "Succeeded",
      rotationToLatestKeyVersionEnabled: true,
      lastKeyRotationTimestamp: s.created,
    }),
  }) as ArmResource;
}

export interface DiskSpec extends Placement {
  created: string;
  sizeGB: number;
  sku?: "Premium_LRS" | "StandardSSD_LRS" | "Standard_LRS";
  osType?: "Linux" | "Windows";
  managedBy?: string;
  /** Id of the disk encryption set holding the customer key; undefined → platform key. */
  desId?: string;
  uniqueId?: string;
}

/** A disk's `encryption` block: customer key through a disk encryption set, or platform key. */
export function diskEncryption(desId: string | undefined) {
  return desId ? { type: "EncryptionAtRestWithCustomerKey", diskEncryptionSetId: desId } : { type: "EncryptionAtRestWithPlatformKey" };
}

/** A managed disk (`Microsoft.Compute/disks`, 2024-03-02). */
export function managedDisk(s: DiskSpec): ArmResource {
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
      encryption: diskEncryption(s.desId),
      networkAccessPolicy: "DenyAll",
      publicNetworkAccess: "Disabled",
      timeCreated: s.created,
      provisioningState: "Succeeded",
      diskState: s.managedBy ? "Attached" : "Unattached",
      diskSizeBytes: s.sizeGB * 1073741824,
      uniqueId: s.uniqueId ?? guid(`disk:${s.name}`),
      tier: sku.startsWith("Premium") ? "P10" : undefined,
    }),
  }) as ArmResource;
}

/** An incremental snapshot of a managed disk (`Microsoft.Compute/snapshots`); `source` is the disk payload (or its id and size). */
export function diskSnapshot(s: { rg: Rg; name: string; source: ResourceRef; created: string; desId?: string; location?: string; uniqueId?: string }): ArmResource {
  const sp = s.source.properties ?? {};
  return defined({
    id: resId(s.rg, "Microsoft.Compute/snapshots", s.name),
    name: s.name,
    type: "Microsoft.Compute/snapshots",
    location: s.location ?? s.source.location,
    tags: {},
    sku: { name: "Standard_ZRS", tier: "Standard" },
    properties: defined({
      osType: sp.osType,
      hyperVGeneration: sp.hyperVGeneration,
      creationData: defined({ createOption: "Copy", sourceResourceId: s.source.id, sourceUniqueId: sp.uniqueId }),
      diskSizeGB: sp.diskSizeGB,
      encryption: diskEncryption(s.desId),
      incremental: true,
      networkAccessPolicy: "DenyAll",
      publicNetworkAccess: "Disabled",
      timeCreated: s.created,
      provisioningState: "Succeeded",
      diskState: "Unattached",
      diskSizeBytes: sp.diskSizeBytes,
      uniqueId: s.uniqueId ?? guid(`snapshot:${s.name}`),
    }),
  }) as ArmResource;
}

/** A virtual network with its subnets inline (`Microsoft.Network/virtualNetworks`, 2024-05-01). */
export function virtualNetwork(s: Placement & {
  prefix: string;
  subnets: Array<[string, string]>;
  etag?: string;
  resourceGuid?: string;
  /** Whether each subnet carries the network's etag (as ARM returns it); default true. */
  subnetEtags?: boolean;
}): ArmResource {
  const id = resId(s.rg, "Microsoft.Network/virtualNetworks", s.name);
  const etag = s.etag ?? `W/"${guid(`etag:${id}`)}"`;
  return defined({
    id,
    name: s.name,
    type: "Microsoft.Network/virtualNetworks",
    location: s.location,
    tags: s.tags,
    etag,
    properties: {
      provisioningState: "Succeeded",
      resourceGuid: s.resourceGuid ?? guid(`vnet:${id}`),
      addressSpace: { addressPrefixes: [s.prefix] },
      subnets: s.subnets.map(([name, prefix]) =>
        defined({
          id: `${id}/subnets/${name}`,
          name,
          etag: s.subnetEtags === false ? undefined : etag,
          type: "Microsoft.Network/virtualNetworks/subnets",
          properties: {
            provisioningState: "Succeeded",
            addressPrefix: prefix,
            delegations: [],
            privateEndpointNetworkPolicies: "Disabled",
            privateLinkServiceNetworkPolicies: "Enabled",
          },
        }),
      ),
      virtualNetworkPeerings: [],
      enableDdosProtection: false,
    },
  }) as ArmResource;
}

/** A network interface with one IP configuration in `subnetId`, attached to the VM `vmId` (`Microsoft.Network/networkInterfaces`). */
export function networkInterface(s: Placement & {
  subnetId: string;
  vmId: string;
  privateIPAddress: string;
  etag?: string;
  resourceGuid?: string;
  /** Whether the IP configuration carries the interface's etag (as ARM returns it); default true. */
  ipConfigEtag?: boolean;
}): ArmResource {
  const nicId = resId(s.rg, "Microsoft.Network/networkInterfaces", s.name);
  const etag = s.etag ?? `W/"${guid(`etag:${nicId}`)}"`;
  return {
    id: nicId,
    name: s.name,
    type: "Microsoft.Network/networkInterfaces",
    location: s.location,
    tags: {},
    etag,
    properties: {
      provisioningState: "Succeeded",
      resourceGuid: s.resourceGuid ?? guid(`nic:${nicId}`),
      ipConfigurations: [
        defined({
          id: `${nicId}/ipConfigurations/ipconfig1`,
          name: "ipconfig1",
          etag: s.ipConfigEtag === false ? undefined : etag,
          type: "Microsoft.Network/networkInterfaces/ipConfigurations",
          properties: {
            provisioningState: "Succeeded",
            privateIPAddress: s.privateIPAddress,
            privateIPAllocationMethod: "Dynamic",
            subnet: { id: s.subnetId },
            primary: true,
            privateIPAddressVersion: "IPv4",
          },
        }),
      ],
      dnsSettings: { dnsServers: [], appliedDnsServers: [] },
      enableAcceleratedNetworking: true,
      enableIPForwarding: false,
      primary: true,
      virtualMachine: { id: s.vmId },
      nicType: "Standard",
    },
  };
}

/** How a VM refers to one of its managed disks. */
export interface VmDiskRef {
  id: string;
  name: string;
  diskSizeGB: unknown;
}

/** A Linux VM (`Microsoft.Compute/virtualMachines`, 2024-07-01) with its OS disk, data disks and NIC given by id. */
export function virtualMachinePayload(s: Placement & {
  created: string;
  nicId: string;
  osDisk: VmDiskRef & { createOption: "FromImage" | "Attach"; deleteOption: "Delete" | "Detach" };
  dataDisks?: VmDiskRef[];
  /** Id of the disk encryption set the disks use. */
  desId?: string;
  vmId?: string;
}): ArmResource {
  const id = resId(s.rg, "Microsoft.Compute/virtualMachines", s.name);
  const managedDiskRef = (d: VmDiskRef) => defined({ storageAccountType: "Premium_LRS", id: d.id, diskEncryptionSet: s.desId ? { id: s.desId } : undefined });
  return defined({
    id,
    name: s.name,
    type: "Microsoft.Compute/virtualMachines",
    location: s.location,
    tags: s.tags,
    zones: ["1"],
    properties: {
      vmId: s.vmId ?? guid(`vm:${id}`),
      hardwareProfile: { vmSize: "Standard_D4s_v5" },
      storageProfile: {
        imageReference: { publisher: "canonical", offer: "ubuntu-24_04-lts", sku: "server", version: "latest", exactVersion: "24.04.202510010" },
        osDisk: {
          osType: "Linux",
          name: s.osDisk.name,
          createOption: s.osDisk.createOption,
          caching: "ReadWrite",
          managedDisk: managedDiskRef(s.osDisk),
          deleteOption: s.osDisk.deleteOption,
          diskSizeGB: s.osDisk.diskSizeGB,
        },
        dataDisks: (s.dataDisks ?? []).map((d, lun) => ({
          lun,
          name: d.name,
          createOption: "Attach",
          caching: "None",
          managedDisk: managedDiskRef(d),
          deleteOption: "Detach",
          diskSizeGB: d.diskSizeGB,
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
      networkProfile: { networkInterfaces: [{ id: s.nicId, properties: { deleteOption: "Delete" } }] },
      diagnosticsProfile: { bootDiagnostics: { enabled: true } },
      provisioningState: "Succeeded",
      timeCreated: s.created,
    },
  }) as ArmResource;
}

function diskRef(d: ArmResource): VmDiskRef {
  return { id: d.id, name: String(d.name), diskSizeGB: d.properties?.diskSizeGB };
}

/** A VM made from an Ubuntu image, its network interface and its OS disk (customer key when `desId` is given). */
export function virtualMachine(s: Placement & {
  created: string;
  subnetId: string;
  desId?: string;
  dataDisks?: ArmResource[];
  privateIPAddress?: string;
}): { vm: ArmResource; nic: ArmResource; osDisk: ArmResource } {
  const vmId = resId(s.rg, "Microsoft.Compute/virtualMachines", s.name);
  const nicName = `${s.name}-nic01`;
  const osDisk = managedDisk({
    rg: s.rg,
    name: `${s.name}_OsDisk_1_${hex32(`osdisk:${s.name}`)}`,
    location: s.location,
    created: s.created,
    sizeGB: 64,
    osType: "Linux",
    managedBy: vmId,
    desId: s.desId,
  });
  const vm = virtualMachinePayload({
    rg: s.rg,
    name: s.name,
    location: s.location,
    created: s.created,
    nicId: resId(s.rg, "Microsoft.Network/networkInterfaces", nicName),
    osDisk: { ...diskRef(osDisk), createOption: "FromImage", deleteOption: "Delete" },
    dataDisks: (s.dataDisks ?? []).map(diskRef),
    desId: s.desId,
    tags: s.tags,
  });
  const nic = networkInterface({
    rg: s.rg,
    name: nicName,
    location: s.location,
    subnetId: s.subnetId,
    vmId,
    privateIPAddress: s.privateIPAddress ?? "10.20.1.4",
  });
  return { vm, nic, osDisk };
}

/** A network security group without rules of its own (`Microsoft.Network/networkSecurityGroups`, 2024-05-01). */
export function networkSecurityGroup(s: Placement): ArmResource {
  return {
    id: resId(s.rg, "Microsoft.Network/networkSecurityGroups", s.name),
    name: s.name,
    type: "Microsoft.Network/networkSecurityGroups",
    location: s.location,
    tags: s.tags ?? {},
    properties: { provisioningState: "Succeeded", securityRules: [] },
  };
}

/** A static Standard public IPv4 address (`Microsoft.Network/publicIPAddresses`, 2024-05-01). */
export function publicIpAddress(s: Placement): ArmResource {
  return {
    id: resId(s.rg, "Microsoft.Network/publicIPAddresses", s.name),
    name: s.name,
    type: "Microsoft.Network/publicIPAddresses",
    location: s.location,
    tags: s.tags ?? {},
    sku: { name: "Standard", tier: "Regional" },
    properties: { provisioningState: "Succeeded", publicIPAllocationMethod: "Static", publicIPAddressVersion: "IPv4", idleTimeoutInMinutes: 4 },
  };
}

/** A public DNS zone (`Microsoft.Network/dnszones`, 2018-05-01): location `global`. */
export function dnsZone(s: { rg: Rg; name: string; nameServers: string[]; recordSets: number }): ArmResource {
  const id = resId(s.rg, "Microsoft.Network/dnszones", s.name);
  return {
    id,
    name: s.name,
    type: "Microsoft.Network/dnszones",
    etag: guid(`etag:${id}`),
    location: "global",
    tags: {},
    properties: {
      maxNumberOfRecordSets: 10000,
      maxNumberOfRecordsPerRecordSet: null,
      nameServers: s.nameServers,
      numberOfRecordSets: s.recordSets,
      zoneType: "Public",
    },
  };
}

/** A private DNS zone (`Microsoft.Network/privateDnsZones`, 2024-06-01): location `global`. */
export function privateDnsZone(s: { rg: Rg; name: string; recordSets: number; links: number }): ArmResource {
  const id = resId(s.rg, "Microsoft.Network/privateDnsZones", s.name);
  return {
    id,
    name: s.name,
    type: "Microsoft.Network/privateDnsZones",
    etag: guid(`etag:${id}`),
    location: "global",
    tags: {},
    properties: {
      maxNumberOfRecordSets: 25000,
      maxNumberOfVirtualNetworkLinks: 1000,
      maxNumberOfVirtualNetworkLinksWithRegistration: 100,
      numberOfRecordSets: s.recordSets,
      numberOfVirtualNetworkLinks: s.links,
      numberOfVirtualNetworkLinksWithRegistration: 0,
      provisioningState: "Succeeded",
      internalId: `SubscriptionId;${s.rg.sub};ResourceGroup;${s.rg.name};ZoneName;${s.name}`,
    },
  };
}

/** A private DNS zone's link to a virtual network (`…/privateDnsZones/{zone}/virtualNetworkLinks/{name}`). */
export function privateDnsZoneLink(zoneId: string, name: string, vnetId: string): ArmResource {
  return {
    id: `${zoneId}/virtualNetworkLinks/${name}`,
    name,
    type: "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
    etag: `"${guid(`etag:${zoneId}/link`)}"`,
    location: "global",
    properties: {
      provisioningState: "Succeeded",
      registrationEnabled: false,
      resolutionPolicy: "Default",
      virtualNetwork: { id: vnetId },
      virtualNetworkLinkState: "Completed",
    },
  };
}

/** An Azure Front Door (Standard) profile (`Microsoft.Cdn/profiles`, 2024-02-01): location `Global`. */
export function frontDoorProfile(s: { rg: Rg; name: string; tags?: Tags }): ArmResource {
  return {
    id: resId(s.rg, "Microsoft.Cdn/profiles", s.name),
    name: s.name,
    type: "Microsoft.Cdn/profiles",
    location: "Global",
    kind: "frontdoor",
    tags: s.tags ?? {},
    sku: { name: "Standard_AzureFrontDoor" },
    properties: {
      originResponseTimeoutSeconds: 60,
      frontDoorId: guid(`frontdoor:${s.name}`),
      extendedProperties: {},
      provisioningState: "Succeeded",
      resourceState: "Active",
    },
  };
}

// ---------------------------------------------------------------------------------------------
// AI, backup, registries

/** A Cognitive Services / Azure OpenAI account (`Microsoft.CognitiveServices/accounts`, 2024-10-01). */
export function cognitiveAccount(s: Placement & {
  kind: "OpenAI" | "AIServices";
  created: string;
  /** `cmk` → Microsoft.KeyVault; "platform" → `encryption.keySource` Microsoft.CognitiveServices; undefined → no `encryption`. */
  encryption?: KeyRef | "platform";
  /** Tenant of the system-assigned identity a customer key needs. */
  tenantId?: string;
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
    identity: s.encryption && s.encryption !== "platform" ? systemIdentity(s.name, s.tenantId ?? "") : undefined,
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

/** A model deployment under an AI account (`…/accounts/{a}/deployments/{d}`); `accountId` is the account's id. */
export function aiDeployment(accountId: string, name: string, sku: string, model: [string, string], capacity: number, created: string): ArmResource {
  return {
    id: `${accountId}/deployments/${name}`,
    name,
    type: "Microsoft.CognitiveServices/accounts/deployments",
    sku: { name: sku, capacity },
    etag: `"${guid(`etag:${accountId}/${name}`)}"`,
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

export type VaultStorageType = "GeoRedundant" | "LocallyRedundant" | "ZoneRedundant";

/** A Recovery Services vault (`Microsoft.RecoveryServices/vaults`, 2024-04-01). */
export function recoveryServicesVaultPayload(s: Placement & {
  created: string;
  storageType: VaultStorageType;
  crossRegionRestore: boolean;
  cmk?: KeyRef;
  /** Tenant of the system-assigned identity a customer key needs. */
  tenantId?: string;
  publicNetworkAccess?: "Enabled" | "Disabled";
}): ArmResource {
  return defined({
    id: resId(s.rg, "Microsoft.RecoveryServices/vaults", s.name),
    name: s.name,
    type: "Microsoft.RecoveryServices/vaults",
    location: s.location,
    tags: s.tags ?? {},
    etag: datetimeEtag(s.created),
    sku: { name: "RS0", tier: "Standard" },
    identity: s.cmk ? systemIdentity(s.name, s.tenantId ?? "") : undefined,
    systemData: systemData(s.created),
    properties: defined({
      provisioningState: "Succeeded",
      privateEndpointStateForBackup: "None",
      privateEndpointStateForSiteRecovery: "None",
      publicNetworkAccess: s.publicNetworkAccess ?? "Enabled",
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
}

/** A vault's `backupstorageconfig/vaultstorageconfig` (`Microsoft.RecoveryServices/vaults/backupstorageconfig`, 2024-04-01). */
export function backupStorageConfig(
  vaultId: string,
  s: { storageType: VaultStorageType; storageModelType?: VaultStorageType; crossRegionRestore: boolean; created?: string },
): ArmResource {
  return defined({
    id: `${vaultId}/backupstorageconfig/vaultstorageconfig`,
    name: "vaultstorageconfig",
    type: "Microsoft.RecoveryServices/vaults/backupstorageconfig",
    eTag: s.created ? datetimeEtag(s.created) : undefined,
    properties: {
      storageModelType: s.storageModelType ?? s.storageType,
      storageType: s.storageType,
      storageTypeState: "Locked",
      crossRegionRestoreFlag: s.crossRegionRestore,
      dedupState: "Disabled",
      xcoolState: "Disabled",
    },
  }) as ArmResource;
}

/** A Recovery Services vault and its `backupstorageconfig/vaultstorageconfig`. */
export function recoveryServicesVault(s: Parameters<typeof recoveryServicesVaultPayload>[0]): [ArmResource, ArmResource] {
  const vault = recoveryServicesVaultPayload(s);
  return [vault, backupStorageConfig(vault.id, { storageType: s.storageType, crossRegionRestore: s.crossRegionRestore, created: s.created })];
}

/** A Data Protection backup vault's storage redundancy (`storageSettings[].type`). */
export type BackupVaultStorageType = "GeoRedundant" | "LocallyRedundant" | "ZoneRedundant";

/**
 * A Data Protection backup vault (`Microsoft.DataProtection/backupVaults`, 2025-09-01), in the shape
 * of the list example `stable/2025-09-01/examples/VaultCRUD/GetBackupVaultsInSubscription.json`:
 * the service spells the type and id segment `BackupVaults`, the region as a display name without
 * spaces is also seen (`WestUS`); one `VaultStore` storage setting, no identity.
 */
export function dataProtectionBackupVault(s: Placement & {
  storageType: BackupVaultStorageType;
  crossRegionRestore: boolean;
}): ArmResource {
  const id = resId(s.rg, "Microsoft.DataProtection/BackupVaults", s.name);
  return defined({
    name: s.name,
    type: "Microsoft.DataProtection/BackupVaults",
    id,
    location: displayName(s.location),
    properties: {
      bcdrSecurityLevel: "Good",
      featureSettings: { crossRegionRestoreSettings: { state: s.crossRegionRestore ? "Enabled" : "Disabled" } },
      provisioningState: "Succeeded",
      secureScore: "Adequate",
      securitySettings: { softDeleteSettings: { retentionDurationInDays: 14, state: "Enabled" } },
      storageSettings: [{ type: s.storageType, datastoreType: "VaultStore" }],
    },
    tags: s.tags ?? {},
  }) as ArmResource;
}

/** A Premium container registry (`Microsoft.ContainerRegistry/registries`, 2023-07-01). */
export function containerRegistryPayload(s: Placement & { created: string }): ArmResource {
  return {
    id: resId(s.rg, "Microsoft.ContainerRegistry/registries", s.name),
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
}

/** A registry's replication in `region` (`…/registries/{r}/replications/{region}`). */
export function registryReplication(registryId: string, region: string, created: string): ArmResource {
  return {
    id: `${registryId}/replications/${region}`,
    name: region,
    type: "Microsoft.ContainerRegistry/registries/replications",
    location: region,
    tags: {},
    systemData: systemData(created),
    properties: {
      provisioningState: "Succeeded",
      status: { displayStatus: "Ready", timestamp: created },
      regionEndpointEnabled: true,
      zoneRedundancy: "Disabled",
    },
  };
}

/** A container registry (Premium) and its replications (the home region is always listed). */
export function containerRegistry(s: Placement & { created: string; replicas: string[] }): ArmResource[] {
  const registry = containerRegistryPayload(s);
  return [registry, ...[s.location, ...s.replicas].map((region) => registryReplication(registry.id, region, s.created))];
}

// ---------------------------------------------------------------------------------------------
// Policy

/** Built-in "Allowed locations" (resources). */
export const ALLOWED_LOCATIONS_DEFINITION = "/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c";
/** Built-in "Allowed locations for resource groups". */
export const ALLOWED_RG_LOCATIONS_DEFINITION = "/providers/Microsoft.Authorization/policyDefinitions/e765b5de-1225-4ba3-bd56-1ac6695af988";

/** `/providers/Microsoft.Management/managementGroups/{mg}` */
export function mgScope(mg: string): string {
  return `/providers/Microsoft.Management/managementGroups/${mg}`;
}

/** A policy assignment (`Microsoft.Authorization/policyAssignments`, 2024-04-01) at `scope`. */
export function policyAssignment(s: {
  scope: string;
  name: string;
  displayName: string;
  policyDefinitionId: string;
  allowed?: string[];
  enforcementMode?: "Default" | "DoNotEnforce" | "Enroll";
  notScopes?: string[];
  created: string;
  description?: string;
  /** Who assigned it: display name and user-object seed (`user:{seed}`). */
  assignedBy?: { name: string; seed: string };
}): ArmResource {
  const by = s.assignedBy ?? { name: "Erik Johansson", seed: "erik.johansson" };
  return {
    id: `${s.scope}/providers/Microsoft.Authorization/policyAssignments/${s.name}`,
    name: s.name,
    type: "Microsoft.Authorization/policyAssignments",
    systemData: systemData(s.created),
    properties: defined({
      displayName: s.displayName,
      description: s.description,
      metadata: { assignedBy: by.name, createdBy: guid(`user:${by.seed}`), createdOn: s.created },
      policyDefinitionId: s.policyDefinitionId,
      definitionVersion: s.policyDefinitionId.includes("policySetDefinitions") ? undefined : "1.*.*",
      scope: s.scope,
      notScopes: s.notScopes ?? [],
      parameters: s.allowed ? { listOfAllowedLocations: { value: s.allowed } } : {},
      enforcementMode: s.enforcementMode ?? "Default",
    }) as Record<string, unknown>,
  };
}

/** A member of a policy set definition: a definition and the value its `listOfAllowedLocations` receives (none: no parameters). */
export interface PolicySetMember {
  referenceId: string;
  policyDefinitionId: string;
  /** A literal list, or an expression such as `[parameters('listOfAllowedLocations')]`. */
  listValue?: string[] | string;
}

/**
 * A custom policy set definition (initiative) at a management group
 * (`Microsoft.Authorization/policySetDefinitions`, 2023-04-01): its Array parameters (location
 * lists, with an optional default) and its members.
 */
export function policySetDefinition(s: {
  mg: string;
  name: string;
  displayName: string;
  description: string;
  parameters: Record<string, { displayName: string; defaultValue?: string[] }>;
  members: PolicySetMember[];
  created: string;
  /** `systemData` actor. */
  by?: string;
}): ArmResource {
  const scope = mgScope(s.mg);
  return {
    id: `${scope}/providers/Microsoft.Authorization/policySetDefinitions/${s.name}`,
    name: s.name,
    type: "Microsoft.Authorization/policySetDefinitions",
    systemData: systemData(s.created, s.created, s.by),
    properties: {
      displayName: s.displayName,
      policyType: "Custom",
      description: s.description,
      metadata: { category: "General", version: "1.0.0" },
      version: "1.0.0",
      parameters: Object.fromEntries(
        Object.entries(s.parameters).map(([k, p]) => [
          k,
          defined({ type: "Array", metadata: { displayName: p.displayName, strongType: "location" }, defaultValue: p.defaultValue }),
        ]),
      ),
      policyDefinitions: s.members.map((m) => ({
        policyDefinitionReferenceId: m.referenceId,
        policyDefinitionId: m.policyDefinitionId,
        definitionVersion: "1.*.*",
        parameters: m.listValue !== undefined ? { listOfAllowedLocations: { value: m.listValue } } : {},
        groupNames: [],
      })),
      policyDefinitionGroups: [],
    },
  };
}

/**
 * A policy exemption (`Microsoft.Authorization/policyExemptions`, 2026-01-01-preview) at `scope` (a
 * management group, subscription, resource group or resource id), shaped as the list example
 * specification/resources/resource-manager/Microsoft.Authorization/policy/examples/2026-01-01-preview/listPolicyExemptionsForSubscription.json
 * returns it: properties (assignment, reference ids, category, names, metadata reason, and the
 * optional expiry and resource selectors), systemData, id, type, name.
 */
export function policyExemption(s: {
  scope: string;
  name: string;
  policyAssignmentId: string;
  category: "Waiver" | "Mitigated";
  displayName: string;
  description?: string;
  reason?: string;
  /** Initiative members exempted (absent: the whole assignment). */
  referenceIds?: string[];
  expiresOn?: string;
  resourceSelectors?: { name: string; selectors: { kind: string; in?: string[]; notIn?: string[] }[] }[];
  created: string;
  by?: string;
}): ArmResource {
  return {
    properties: defined({
      policyAssignmentId: s.policyAssignmentId,
      policyDefinitionReferenceIds: s.referenceIds,
      exemptionCategory: s.category,
      displayName: s.displayName,
      description: s.description,
      expiresOn: s.expiresOn,
      metadata: s.reason ? { reason: s.reason } : undefined,
      resourceSelectors: s.resourceSelectors,
    }) as Record<string, unknown>,
    systemData: systemData(s.created, s.created, s.by),
    id: `${s.scope}/providers/Microsoft.Authorization/policyExemptions/${s.name}`,
    type: "Microsoft.Authorization/policyExemptions",
    name: s.name,
  };
}
