/**
 * Seeded synthetic tenants for the benchmark: subscriptions × resources in a realistic mix (storage,
 * disks, VMs, networks, key vaults with keys, SQL servers with databases, Cosmos DB, AI accounts with
 * deployments, backup vaults, registries), a share of them outside the allowed regions, payloads in
 * the shapes ARM returns (as the demo tenant builds them).
 */
import type { ModelSubscription, TenantModel } from "../src/emulator/model.js";
import type { ArmResource, GraphObject } from "../src/snapshot/types.js";

/** What to generate. */
export interface TenantSpec {
  subscriptions: number;
  /** ARM resources per subscription (top-level and child: keys, databases, deployments, replications). */
  resourcesPerSubscription: number;
  /** PRNG seed: the same seed gives the same tenant. */
  seed?: number;
  /** Share of resources placed outside Sweden (0..1, default 0.1). */
  outsideShare?: number;
  /** ARM list page size the emulator serves (default 1,000, ARM's largest page). */
  pageSize?: number;
}

/** Counts of what was generated (the lower bound's plan is computed from these). */
export interface TenantCounts {
  resources: number;
  resourceGroups: number;
  byType: Record<string, number>;
}

/** mulberry32: a small seeded PRNG (deterministic across runs and machines). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A GUID-shaped id from a counter and a salt (deterministic). */
function guid(n: number, salt: number): string {
  const h = (x: number, w: number) => (x >>> 0).toString(16).padStart(w, "0").slice(-w);
  const a = Math.imul(n + 1, 2654435761) ^ salt;
  const b = Math.imul(n + 7, 40503) ^ (salt >>> 3);
  return `${h(a, 8)}-${h(b, 4)}-4${h(b >>> 4, 3)}-8${h(a >>> 8, 3)}-${h(a ^ b, 8)}${h(n, 4)}`;
}

const SWEDEN = ["swedencentral", "swedencentral", "swedencentral", "swedensouth"];
const OUTSIDE = ["westeurope", "northeurope", "eastus"];
const PAIR: Record<string, string> = { swedencentral: "swedensouth", swedensouth: "swedencentral", westeurope: "northeurope", northeurope: "westeurope", eastus: "westus" };
const DISPLAY: Record<string, string> = { swedencentral: "Sweden Central", swedensouth: "Sweden South", westeurope: "West Europe", northeurope: "North Europe", eastus: "East US" };

/**
 * One block of 100 resources: what it holds. Children count as resources (keys, databases incl.
 * master, deployments, replications); TDE, protectors and backup configs are not ARM resources.
 */
const BLOCK = {
  storageAccounts: 18,
  disks: 18,
  virtualMachines: 9,
  networkInterfaces: 9,
  virtualNetworks: 4,
  keyVaults: 2,
  keysPerVault: 2,
  sqlServers: 1,
  databasesPerServer: 3, // + master
  cosmosDbAccounts: 3,
  cognitiveAccounts: 1,
  deploymentsPerAccount: 2,
  snapshots: 5,
  diskEncryptionSets: 1,
  recoveryServicesVaults: 1,
  containerRegistries: 1, // Premium, one replication
  postgres: 1,
  mysql: 1,
  networkSecurityGroups: 7,
  publicIps: 7,
} as const;
/** Resources one block holds (= 100). */
export const BLOCK_SIZE = 100;

/**
 * Generates a tenant model.
 * @param spec subscriptions × resources, seed, outside share
 * @returns the model and what it holds
 */
export function generateTenant(spec: TenantSpec): { model: TenantModel; counts: TenantCounts } {
  const rnd = prng(spec.seed ?? 20260501);
  const outsideShare = spec.outsideShare ?? 0.1;
  const tenantId = guid(0, 0x7e7e);
  const counts: TenantCounts = { resources: 0, resourceGroups: 0, byType: {} };
  const count = (type: string) => {
    counts.byType[type] = (counts.byType[type] ?? 0) + 1;
  };
  const subscriptions: ModelSubscription[] = [];
  const created = "2025-03-14T09:26:53.1234567Z";
  const epoch = 1741944413;

  for (let si = 0; si < spec.subscriptions; si++) {
    const subId = guid(si + 1, 0x5ab5);
    const sub: ModelSubscription = {
      subscriptionId: subId,
      displayName: `bench-sub-${String(si + 1).padStart(3, "0")}`,
      state: "Enabled",
      tags: { konfidentialitet: "1" },
      resourceGroups: [],
      resources: [],
    };
    subscriptions.push(sub);
    const res = sub.resources;
    let made = 0;
    let rgIndex = 0;
    let rg = "";
    const newGroup = () => {
      rgIndex++;
      rg = `rg-bench-${String(rgIndex).padStart(4, "0")}`;
      sub.resourceGroups.push({ id: `/subscriptions/${subId}/resourceGroups/${rg}`, name: rg, type: "Microsoft.Resources/resourceGroups", location: "swedencentral", tags: { konfidentialitet: String(rgIndex % 4) }, properties: { provisioningState: "Succeeded" } });
      counts.resourceGroups++;
    };
    const place = (): string => (rnd() < outsideShare ? OUTSIDE[Math.floor(rnd() * OUTSIDE.length)]! : SWEDEN[Math.floor(rnd() * SWEDEN.length)]!);
    const id = (type: string, name: string) => `/subscriptions/${subId}/resourceGroups/${rg}/providers/${type}/${name}`;
    const push = (r: ArmResource, counted = true) => {
      res.push(r);
      if (counted) {
        made++;
        counts.resources++;
        count(String(r.type));
      }
    };
    const tags = (): Record<string, string> => (rnd() < 0.7 ? { konfidentialitet: String(Math.floor(rnd() * 4)), system: `sys-${Math.floor(rnd() * 50)}` } : {});

    const blocks = Math.max(1, Math.floor(spec.resourcesPerSubscription / BLOCK_SIZE));
    for (let b = 0; b < blocks; b++) {
      if (b % 2 === 0) newGroup();
      const tag = `${si}x${b}`;
      let vaultForCmk = "";
      for (let i = 0; i < BLOCK.keyVaults; i++) {
        const loc = place();
        const name = `kv-${tag}-${i}`;
        vaultForCmk ||= name;
        const vid = id("Microsoft.KeyVault/vaults", name);
        const purge = rnd() < 0.8;
        push({
          id: vid, name, type: "Microsoft.KeyVault/vaults", location: loc, tags: tags(),
          systemData: { createdBy: "drift@bench.example", createdByType: "User", createdAt: created, lastModifiedBy: "drift@bench.example", lastModifiedByType: "User", lastModifiedAt: created },
          properties: { sku: { family: "A", name: rnd() < 0.5 ? "premium" : "standard" }, tenantId, accessPolicies: [], enabledForDeployment: false, enabledForDiskEncryption: true, enabledForTemplateDeployment: false, enableSoftDelete: true, softDeleteRetentionInDays: 90, enableRbacAuthorization: rnd() < 0.8, ...(purge ? { enablePurgeProtection: true } : {}), networkAcls: { bypass: "AzureServices", defaultAction: rnd() < 0.7 ? "Deny" : "Allow", ipRules: [], virtualNetworkRules: [] }, vaultUri: `https://${name}.vault.azure.net/`, provisioningState: "Succeeded", publicNetworkAccess: rnd() < 0.7 ? "Disabled" : "Enabled" },
        });
        for (let k = 0; k < BLOCK.keysPerVault; k++) {
          const kname = `key-${k}`;
          const rotate = rnd() < 0.6;
          push({
            id: `${vid}/keys/${kname}`, name: kname, type: "Microsoft.KeyVault/vaults/keys", location: loc, tags: {},
            properties: {
              attributes: { enabled: true, ...(rnd() < 0.5 ? { exp: epoch + 31_536_000 } : {}), created: epoch, updated: epoch, recoveryLevel: purge ? "Recoverable" : "Recoverable+Purgeable", exportable: false },
              kty: rnd() < 0.6 ? "RSA-HSM" : "RSA", keyOps: ["wrapKey", "unwrapKey"], keySize: 3072,
              keyUri: `https://${name}.vault.azure.net:443/keys/${kname}`,
              keyUriWithVersion: `https://${name}.vault.azure.net:443/keys/${kname}/${guid(made, 0xbeef).replace(/-/g, "")}`,
              ...(rotate ? { rotationPolicy: { attributes: { created: epoch, updated: epoch, expiryTime: "P1Y" }, lifetimeActions: [{ trigger: { timeAfterCreate: "P11M" }, action: { type: "rotate" } }] } } : {}),
            },
          });
        }
      }
      const cmkUri = `https://${vaultForCmk}.vault.azure.net/keys/key-0`;
      for (let i = 0; i < BLOCK.storageAccounts; i++) {
        const loc = place();
        const name = `st${tag.replace("x", "b")}n${i}`.slice(0, 24);
        const geo = rnd() < 0.4;
        const cmk = rnd() < 0.5;
        const sku = geo ? (rnd() < 0.5 ? "Standard_GRS" : "Standard_RAGZRS") : rnd() < 0.5 ? "Standard_ZRS" : "Standard_LRS";
        const svc = { keyType: "Account", enabled: true, lastEnabledTime: created };
        push({
          id: id("Microsoft.Storage/storageAccounts", name), name, type: "Microsoft.Storage/storageAccounts", location: loc, tags: tags(),
          sku: { name: sku, tier: "Standard" }, kind: "StorageV2",
          ...(cmk ? { identity: { principalId: guid(made, 0x1d), tenantId, type: "SystemAssigned" } } : {}),
          properties: {
            keyCreationTime: { key1: created, key2: created }, privateEndpointConnections: [], minimumTlsVersion: rnd() < 0.9 ? "TLS1_2" : "TLS1_0", allowBlobPublicAccess: false, allowSharedKeyAccess: false, allowCrossTenantReplication: false, isHnsEnabled: false, publicNetworkAccess: "Disabled",
            networkAcls: { bypass: "AzureServices", virtualNetworkRules: [], ipRules: [], defaultAction: "Deny" }, supportsHttpsTrafficOnly: true,
            encryption: { requireInfrastructureEncryption: rnd() < 0.3, services: { file: svc, blob: svc }, keySource: cmk ? "Microsoft.Keyvault" : "Microsoft.Storage", ...(cmk ? { keyvaultproperties: { keyvaulturi: `https://${vaultForCmk}.vault.azure.net/`, keyname: "key-0", keyversion: "", currentVersionedKeyIdentifier: `${cmkUri}/0123456789abcdef0123456789abcdef`, lastKeyRotationTimestamp: created } } : {}) },
            accessTier: "Hot", provisioningState: "Succeeded", creationTime: created,
            primaryEndpoints: { blob: `https://${name}.blob.core.windows.net/`, dfs: `https://${name}.dfs.core.windows.net/`, file: `https://${name}.file.core.windows.net/`, queue: `https://${name}.queue.core.windows.net/`, table: `https://${name}.table.core.windows.net/`, web: `https://${name}.z1.web.core.windows.net/` },
            primaryLocation: loc, statusOfPrimary: "available",
            ...(geo ? { secondaryLocation: PAIR[loc], statusOfSecondary: "available" } : {}),
          },
        });
      }
      const desId = id("Microsoft.Compute/diskEncryptionSets", `des-${tag}`);
      push({
        id: desId, name: `des-${tag}`, type: "Microsoft.Compute/diskEncryptionSets", location: "swedencentral", tags: {},
        identity: { type: "SystemAssigned", principalId: guid(made, 0x2d), tenantId },
        properties: { activeKey: { sourceVault: { id: id("Microsoft.KeyVault/vaults", vaultForCmk) }, keyUrl: `${cmkUri}/0123456789abcdef0123456789abcdef` }, encryptionType: "EncryptionAtRestWithCustomerKey", provisioningState: "Succeeded", rotationToLatestKeyVersionEnabled: true },
      });
      const vnetId = id("Microsoft.Network/virtualNetworks", `vnet-${tag}-0`);
      for (let i = 0; i < BLOCK.virtualNetworks; i++) {
        const vid = id("Microsoft.Network/virtualNetworks", `vnet-${tag}-${i}`);
        push({ id: vid, name: `vnet-${tag}-${i}`, type: "Microsoft.Network/virtualNetworks", location: place(), tags: tags(), etag: `W/"${guid(made, 3)}"`, properties: { provisioningState: "Succeeded", resourceGuid: guid(made, 4), addressSpace: { addressPrefixes: [`10.${i}.0.0/16`] }, subnets: [{ id: `${vid}/subnets/default`, name: "default", type: "Microsoft.Network/virtualNetworks/subnets", properties: { provisioningState: "Succeeded", addressPrefix: `10.${i}.1.0/24`, delegations: [], privateEndpointNetworkPolicies: "Disabled", privateLinkServiceNetworkPolicies: "Enabled" } }], virtualNetworkPeerings: [], enableDdosProtection: false } });
      }
      const diskIds: string[] = [];
      for (let i = 0; i < BLOCK.disks; i++) {
        const loc = place();
        const name = `disk-${tag}-${i}`;
        const cmk = rnd() < 0.4;
        const did = id("Microsoft.Compute/disks", name);
        diskIds.push(did);
        push({
          id: did, name, type: "Microsoft.Compute/disks", location: loc, tags: tags(), sku: { name: "Premium_LRS", tier: "Premium" }, zones: ["1"],
          ...(i < BLOCK.virtualMachines ? { managedBy: id("Microsoft.Compute/virtualMachines", `vm-${tag}-${i}`) } : {}),
          properties: { creationData: { createOption: "Empty" }, diskSizeGB: 128, diskIOPSReadWrite: 500, diskMBpsReadWrite: 100, encryption: cmk ? { type: "EncryptionAtRestWithCustomerKey", diskEncryptionSetId: desId } : { type: "EncryptionAtRestWithPlatformKey" }, networkAccessPolicy: "DenyAll", publicNetworkAccess: "Disabled", timeCreated: created, provisioningState: "Succeeded", diskState: i < BLOCK.virtualMachines ? "Attached" : "Unattached", diskSizeBytes: 137438953472, uniqueId: guid(made, 5), tier: "P10" },
        });
      }
      for (let i = 0; i < BLOCK.snapshots; i++) {
        push({ id: id("Microsoft.Compute/snapshots", `snap-${tag}-${i}`), name: `snap-${tag}-${i}`, type: "Microsoft.Compute/snapshots", location: place(), tags: {}, sku: { name: "Standard_ZRS", tier: "Standard" }, properties: { creationData: { createOption: "Copy", sourceResourceId: diskIds[i] }, diskSizeGB: 128, encryption: rnd() < 0.5 ? { type: "EncryptionAtRestWithCustomerKey", diskEncryptionSetId: desId } : { type: "EncryptionAtRestWithPlatformKey" }, incremental: true, networkAccessPolicy: "DenyAll", publicNetworkAccess: "Disabled", timeCreated: created, provisioningState: "Succeeded", diskState: "Unattached", diskSizeBytes: 137438953472, uniqueId: guid(made, 6) } });
      }
      for (let i = 0; i < BLOCK.virtualMachines; i++) {
        const loc = place();
        const vmId = id("Microsoft.Compute/virtualMachines", `vm-${tag}-${i}`);
        const nicId = id("Microsoft.Network/networkInterfaces", `vm-${tag}-${i}-nic01`);
        push({ id: vmId, name: `vm-${tag}-${i}`, type: "Microsoft.Compute/virtualMachines", location: loc, tags: tags(), zones: ["1"], properties: { vmId: guid(made, 7), hardwareProfile: { vmSize: "Standard_D4s_v5" }, storageProfile: { imageReference: { publisher: "canonical", offer: "ubuntu-24_04-lts", sku: "server", version: "latest" }, osDisk: { osType: "Linux", name: `disk-${tag}-${i}`, createOption: "Attach", caching: "ReadWrite", managedDisk: { storageAccountType: "Premium_LRS", id: diskIds[i] }, deleteOption: "Detach", diskSizeGB: 128 }, dataDisks: [] }, networkProfile: { networkInterfaces: [{ id: nicId, properties: { deleteOption: "Delete" } }] }, diagnosticsProfile: { bootDiagnostics: { enabled: true } }, provisioningState: "Succeeded", timeCreated: created } });
        push({ id: nicId, name: `vm-${tag}-${i}-nic01`, type: "Microsoft.Network/networkInterfaces", location: loc, tags: {}, etag: `W/"${guid(made, 8)}"`, properties: { provisioningState: "Succeeded", resourceGuid: guid(made, 9), ipConfigurations: [{ id: `${nicId}/ipConfigurations/ipconfig1`, name: "ipconfig1", type: "Microsoft.Network/networkInterfaces/ipConfigurations", properties: { provisioningState: "Succeeded", privateIPAddress: "10.0.1.4", privateIPAllocationMethod: "Dynamic", subnet: { id: `${vnetId}/subnets/default` }, primary: true, privateIPAddressVersion: "IPv4" } }], enableAcceleratedNetworking: true, enableIPForwarding: false, primary: true, virtualMachine: { id: vmId }, nicType: "Standard" } });
      }
      for (let i = 0; i < BLOCK.sqlServers; i++) {
        const loc = place();
        const name = `sql-${tag}-${i}`;
        const sid = id("Microsoft.Sql/servers", name);
        const cmk = rnd() < 0.5;
        push({ id: sid, name, type: "Microsoft.Sql/servers", location: loc, kind: "v12.0", tags: tags(), properties: { administratorLogin: "benchadmin", version: "12.0", state: "Ready", fullyQualifiedDomainName: `${name}.database.windows.net`, privateEndpointConnections: [], minimalTlsVersion: rnd() < 0.9 ? "1.2" : "1.0", publicNetworkAccess: "Disabled", restrictOutboundNetworkAccess: "Disabled", ...(cmk ? { keyId: `${cmkUri}/0123456789abcdef0123456789abcdef` } : {}) } });
        push({ id: `${sid}/databases/master`, name: "master", type: "Microsoft.Sql/servers/databases", location: loc, kind: "v12.0,system", managedBy: sid, sku: { name: "System", tier: "System", capacity: 0 }, properties: { collation: "SQL_Latin1_General_CP1_CI_AS", status: "Online", currentBackupStorageRedundancy: "Geo", requestedBackupStorageRedundancy: "Geo", defaultSecondaryLocation: PAIR[loc] } });
        for (let d = 0; d < BLOCK.databasesPerServer; d++) {
          const dbId = `${sid}/databases/db${d}`;
          const red = rnd() < 0.5 ? "Geo" : "Local";
          push({ id: dbId, name: `db${d}`, type: "Microsoft.Sql/servers/databases", location: loc, tags: {}, sku: { name: "GP_Gen5", tier: "GeneralPurpose", family: "Gen5", capacity: 2 }, kind: "v12.0,user,vcore", properties: { collation: "Finnish_Swedish_CI_AS", maxSizeBytes: 34359738368, status: "Online", databaseId: guid(made, 10), creationDate: created, currentServiceObjectiveName: "GP_Gen5_2", defaultSecondaryLocation: PAIR[loc], zoneRedundant: false, currentBackupStorageRedundancy: red, requestedBackupStorageRedundancy: red, isInfraEncryptionEnabled: false } });
          push({ id: `${dbId}/transparentDataEncryption/current`, name: "current", type: "Microsoft.Sql/servers/databases/transparentDataEncryption", properties: { state: rnd() < 0.95 ? "Enabled" : "Disabled" } }, false);
        }
        push({ id: `${sid}/encryptionProtector/current`, name: "current", type: "Microsoft.Sql/servers/encryptionProtector", location: DISPLAY[loc], kind: cmk ? "azurekeyvault" : "servicemanaged", properties: cmk ? { serverKeyName: `${vaultForCmk}_key-0_0123456789abcdef0123456789abcdef`, serverKeyType: "AzureKeyVault", uri: `${cmkUri}/0123456789abcdef0123456789abcdef`, autoRotationEnabled: true } : { serverKeyName: "ServiceManaged", serverKeyType: "ServiceManaged", autoRotationEnabled: false } }, false);
      }
      for (let i = 0; i < BLOCK.cosmosDbAccounts; i++) {
        const loc = place();
        const name = `cosmos-${tag}-${i}`;
        const regions = rnd() < 0.3 ? [loc, PAIR[loc]!] : [loc];
        const locs = regions.map((r, p) => ({ id: `${name}-${r}`, locationName: DISPLAY[r] ?? r, documentEndpoint: `https://${name}-${r}.documents.azure.com:443/`, provisioningState: "Succeeded", failoverPriority: p, isZoneRedundant: false }));
        const cmk = rnd() < 0.4;
        push({ id: id("Microsoft.DocumentDB/databaseAccounts", name), name, type: "Microsoft.DocumentDB/databaseAccounts", location: DISPLAY[loc] ?? loc, tags: tags(), kind: "GlobalDocumentDB", identity: { type: "None" }, properties: { provisioningState: "Succeeded", documentEndpoint: `https://${name}.documents.azure.com:443/`, publicNetworkAccess: "Disabled", enableAutomaticFailover: regions.length > 1, enableMultipleWriteLocations: false, databaseAccountOfferType: "Standard", disableLocalAuth: true, consistencyPolicy: { defaultConsistencyLevel: "Session", maxIntervalInSeconds: 5, maxStalenessPrefix: 100 }, ...(cmk ? { keyVaultKeyUri: cmkUri } : {}), minimalTlsVersion: "Tls12", writeLocations: locs.slice(0, 1), readLocations: locs, locations: locs, failoverPolicies: locs.map((l) => ({ id: l.id, locationName: l.locationName, failoverPriority: l.failoverPriority })), backupPolicy: { type: "Periodic", periodicModeProperties: { backupIntervalInMinutes: 240, backupRetentionIntervalInHours: 8, backupStorageRedundancy: rnd() < 0.5 ? "Geo" : "Local" } } } });
      }
      for (let i = 0; i < BLOCK.cognitiveAccounts; i++) {
        const loc = rnd() < 0.5 ? "swedencentral" : place();
        const name = `aoai-${tag}-${i}`;
        const aid = id("Microsoft.CognitiveServices/accounts", name);
        push({ id: aid, name, type: "Microsoft.CognitiveServices/accounts", location: loc, tags: tags(), sku: { name: "S0" }, kind: "OpenAI", properties: { endpoint: `https://${name}.openai.azure.com/`, provisioningState: "Succeeded", customSubDomainName: name, publicNetworkAccess: "Disabled", disableLocalAuth: true, ...(rnd() < 0.5 ? { encryption: { keySource: "Microsoft.KeyVault", keyVaultProperties: { keyName: "key-0", keyVersion: "0123456789abcdef0123456789abcdef", keyVaultUri: `https://${vaultForCmk}.vault.azure.net/` } } } : {}) } });
        for (let d = 0; d < BLOCK.deploymentsPerAccount; d++) {
          push({ id: `${aid}/deployments/gpt-${d}`, name: `gpt-${d}`, type: "Microsoft.CognitiveServices/accounts/deployments", sku: { name: rnd() < 0.3 ? "GlobalStandard" : rnd() < 0.5 ? "DataZoneStandard" : "Standard", capacity: 10 }, properties: { model: { format: "OpenAI", name: "gpt-4o", version: "2024-11-20" }, versionUpgradeOption: "OnceNewDefaultVersionAvailable", currentCapacity: 10, provisioningState: "Succeeded" } });
        }
      }
      for (let i = 0; i < BLOCK.recoveryServicesVaults; i++) {
        const loc = place();
        const vid = id("Microsoft.RecoveryServices/vaults", `rsv-${tag}-${i}`);
        push({ id: vid, name: `rsv-${tag}-${i}`, type: "Microsoft.RecoveryServices/vaults", location: loc, tags: tags(), sku: { name: "RS0", tier: "Standard" }, properties: { provisioningState: "Succeeded", publicNetworkAccess: "Disabled", redundancySettings: { standardTierStorageRedundancy: "GeoRedundant", crossRegionRestore: "Enabled" } } });
        push({ id: `${vid}/backupstorageconfig/vaultstorageconfig`, name: "vaultstorageconfig", type: "Microsoft.RecoveryServices/vaults/backupstorageconfig", properties: { storageModelType: rnd() < 0.5 ? "GeoRedundant" : "LocallyRedundant", storageType: "GeoRedundant", storageTypeState: "Locked", crossRegionRestoreFlag: true, dedupState: "Disabled", xcoolState: "Disabled" } }, false);
      }
      for (let i = 0; i < BLOCK.containerRegistries; i++) {
        const loc = place();
        const name = `acr${tag.replace("x", "b")}n${i}`;
        const rid = id("Microsoft.ContainerRegistry/registries", name);
        push({ id: rid, name, type: "Microsoft.ContainerRegistry/registries", location: loc, tags: tags(), sku: { name: "Premium", tier: "Premium" }, properties: { loginServer: `${name}.azurecr.io`, creationDate: created, provisioningState: "Succeeded", adminUserEnabled: false, publicNetworkAccess: "Disabled", zoneRedundancy: "Disabled" } });
        const rep = PAIR[loc] ?? "swedensouth";
        push({ id: `${rid}/replications/${rep}`, name: rep, type: "Microsoft.ContainerRegistry/registries/replications", location: rep, tags: {}, properties: { provisioningState: "Succeeded", status: { displayStatus: "Ready" }, regionEndpointEnabled: true, zoneRedundancy: "Disabled" } });
      }
      const flex = (type: string, name: string) => push({ id: id(type, name), name, type, location: place(), tags: tags(), sku: { name: "Standard_D2ds_v4", tier: "GeneralPurpose" }, properties: { version: "16", state: "Ready", fullyQualifiedDomainName: `${name}.postgres.database.azure.com`, storage: { storageSizeGB: 128 }, backup: { backupRetentionDays: 7, geoRedundantBackup: rnd() < 0.5 ? "Enabled" : "Disabled" }, network: { publicNetworkAccess: "Disabled" }, highAvailability: { mode: "Disabled" }, dataEncryption: { type: "SystemManaged" } } });
      flex("Microsoft.DBforPostgreSQL/flexibleServers", `psql-${tag}`);
      flex("Microsoft.DBforMySQL/flexibleServers", `mysql-${tag}`);
      for (let i = 0; i < BLOCK.networkSecurityGroups; i++) push({ id: id("Microsoft.Network/networkSecurityGroups", `nsg-${tag}-${i}`), name: `nsg-${tag}-${i}`, type: "Microsoft.Network/networkSecurityGroups", location: place(), tags: tags(), properties: { provisioningState: "Succeeded", securityRules: [] } });
      for (let i = 0; i < BLOCK.publicIps; i++) push({ id: id("Microsoft.Network/publicIPAddresses", `pip-${tag}-${i}`), name: `pip-${tag}-${i}`, type: "Microsoft.Network/publicIPAddresses", location: place(), tags: {}, sku: { name: "Standard", tier: "Regional" }, properties: { provisioningState: "Succeeded", publicIPAllocationMethod: "Static", publicIPAddressVersion: "IPv4", idleTimeoutInMinutes: 4 } });
    }
  }

  const users: GraphObject[] = Array.from({ length: 50 }, (_, i) => ({ id: guid(i, 0x05e2), displayName: `Användare ${i}`, userPrincipalName: `user${i}@bench.example`, preferredDataLocation: i % 10 === 0 ? "EUR" : "SWE", usageLocation: "SE" }));
  const model: TenantModel = {
    tenantId,
    displayName: "Benchkommun",
    pageSize: spec.pageSize ?? 1000,
    subscriptions,
    customerLockbox: { isOptedIn: true },
    graph: {
      organization: [{ id: tenantId, displayName: "Benchkommun", countryLetterCode: "SE", defaultDataLocation: "SWE", verifiedDomains: [{ name: "bench.example", isDefault: true }] }],
      users,
      groups: [],
      sites: [],
      subscribedSkus: [],
    },
  };
  return { model, counts };
}
