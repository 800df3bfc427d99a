/**
 * Seeded synthetic tenants for the benchmark: subscriptions × resources in a realistic mix (storage,
 * disks, VMs, networks, key vaults with keys, a managed HSM with keys per 1,000 resources, SQL servers
 * with databases, Cosmos DB, AI accounts with deployments, backup vaults, registries), a share of them outside the allowed regions, payloads in
 * the shapes ARM returns, made with the shared builders (`src/builders/`) and trimmed to what the
 * bench needs. Seeded with the builders' one PRNG: the same seed gives the same tenant.
 */
import {
  ALLOWED_LOCATIONS_DEFINITION,
  ALLOWED_RG_LOCATIONS_DEFINITION,
  aiDeployment,
  backupStorageConfig,
  cognitiveAccount,
  containerRegistryPayload,
  cosmosAccount,
  dataProtectionBackupVault,
  diskEncryptionSet,
  diskSnapshot,
  encryptionProtector,
  keyRef,
  keyVault,
  managedDisk,
  managedHsm,
  managedHsmKey,
  networkInterface,
  networkSecurityGroup,
  policyAssignment,
  policyExemption,
  postgresServer,
  publicIpAddress,
  recoveryServicesVaultPayload,
  registryReplication,
  resId,
  resourceGroup,
  type Rg,
  replicationLink,
  sqlDatabase,
  sqlMaster,
  sqlServer,
  sqlTde,
  storageAccount,
  vaultKey,
  virtualMachinePayload,
  virtualNetwork,
} from "../src/builders/arm.js";
import { graphUser, organization } from "../src/builders/graph.js";
import { counterGuid as guid, mulberry32 } from "../src/builders/ids.js";
import { merge } from "../src/builders/merge.js";
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

const SWEDEN = ["swedencentral", "swedencentral", "swedencentral", "swedensouth"];
const OUTSIDE = ["westeurope", "northeurope", "eastus"];
const PAIR: Record<string, string> = { swedencentral: "swedensouth", swedensouth: "swedencentral", westeurope: "northeurope", northeurope: "westeurope", eastus: "westus" };
/** The customer key every CMK setting in a block refers to: `key-0` of the block's first vault, at a fixed version. */
const KEY_VERSION = "0123456789abcdef0123456789abcdef";

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
  /** Every tenth block (one per 1,000 resources) holds a managed HSM with keys, in place of public IPs. */
  managedHsmEvery: 10,
  keysPerHsm: 2,
  sqlServers: 1,
  databasesPerServer: 3, // + master
  cosmosDbAccounts: 3,
  cognitiveAccounts: 1,
  deploymentsPerAccount: 2,
  snapshots: 5,
  diskEncryptionSets: 1,
  recoveryServicesVaults: 1,
  dataProtectionBackupVaults: 1,
  containerRegistries: 1, // Premium, one replication
  postgres: 1,
  mysql: 1,
  networkSecurityGroups: 7,
  publicIps: 6,
} as const;
/** Resources one block holds (= 100). */
export const BLOCK_SIZE = 100;

/**
 * The bench keeps its payloads lean: these properties of the builders' full payloads are left out
 * (`merge` deletes a key given as undefined).
 */
const SQL_MASTER_TRIM = {
  maxSizeBytes: undefined,
  databaseId: undefined,
  creationDate: undefined,
  currentServiceObjectiveName: undefined,
  requestedServiceObjectiveName: undefined,
  catalogCollation: undefined,
  zoneRedundant: undefined,
  readScale: undefined,
  currentSku: undefined,
  isLedgerOn: undefined,
  isInfraEncryptionEnabled: undefined,
};
const SQL_DATABASE_TRIM = {
  requestedServiceObjectiveName: undefined,
  catalogCollation: undefined,
  licenseType: undefined,
  maxLogSizeBytes: undefined,
  earliestRestoreDate: undefined,
  readScale: undefined,
  currentSku: undefined,
  maintenanceConfigurationId: undefined,
  isLedgerOn: undefined,
  availabilityZone: undefined,
};
const COSMOS_TRIM = {
  identity: { principalId: undefined, tenantId: undefined, type: "None" },
  systemData: undefined,
  properties: {
    enablePartitionKeyMonitor: undefined,
    isVirtualNetworkFilterEnabled: undefined,
    virtualNetworkRules: undefined,
    EnabledApiTypes: undefined,
    disableKeyBasedMetadataWriteAccess: undefined,
    enableFreeTier: undefined,
    enableAnalyticalStorage: undefined,
    analyticalStorageConfiguration: undefined,
    instanceId: undefined,
    createMode: undefined,
    defaultIdentity: undefined,
    networkAclBypass: undefined,
    cors: undefined,
    capabilities: undefined,
    ipRules: undefined,
    networkAclBypassResourceIds: undefined,
    keysMetadata: undefined,
  },
};
const COGNITIVE_TRIM = {
  etag: undefined,
  identity: undefined,
  systemData: undefined,
  properties: { internalId: undefined, dateCreated: undefined, networkAcls: undefined, restrictOutboundNetworkAccess: undefined, privateEndpointConnections: undefined },
};
const RSV_TRIM = {
  etag: undefined,
  systemData: undefined,
  properties: { privateEndpointStateForBackup: undefined, privateEndpointStateForSiteRecovery: undefined, securitySettings: undefined, secureScore: undefined, bcdrSecurityLevel: undefined },
};
const REGISTRY_TRIM = {
  systemData: undefined,
  properties: {
    policies: undefined,
    encryption: undefined,
    dataEndpointEnabled: undefined,
    dataEndpointHostNames: undefined,
    privateEndpointConnections: undefined,
    publicNetworkAccess: "Disabled",
    networkRuleBypassOptions: undefined,
    anonymousPullEnabled: undefined,
  },
};
const FLEX_TRIM = {
  sku: { name: "Standard_D2ds_v4" },
  identity: undefined,
  systemData: undefined,
  properties: {
    replica: undefined,
    storage: { type: undefined, iops: undefined, tier: undefined, autoGrow: undefined },
    privateEndpointConnections: undefined,
    authConfig: undefined,
    minorVersion: undefined,
    administratorLogin: undefined,
    availabilityZone: undefined,
    backup: { backupRetentionDays: 7, earliestRestoreDate: undefined },
    highAvailability: { state: undefined },
    maintenanceWindow: undefined,
    replicationRole: undefined,
    replicaCapacity: undefined,
  },
};

/**
 * Generates a tenant model.
 * @param spec subscriptions × resources, seed, outside share
 * @returns the model and what it holds
 */
export function generateTenant(spec: TenantSpec): { model: TenantModel; counts: TenantCounts } {
  const rnd = mulberry32(spec.seed ?? 20260501);
  const outsideShare = spec.outsideShare ?? 0.1;
  const tenantId = guid(0, 0x7e7e);
  const counts: TenantCounts = { resources: 0, resourceGroups: 0, byType: {} };
  const count = (type: string) => {
    counts.byType[type] = (counts.byType[type] ?? 0) + 1;
  };
  const subscriptions: ModelSubscription[] = [];
  const created = "2025-03-14T09:26:53.1234567Z";
  /** A year after `created`: the expiry of the keys that have one. */
  const expiry = new Date(Date.parse(created) + 31_536_000_000).toISOString();

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
    let rg: Rg = { sub: subId, name: "", location: "swedencentral" };
    const newGroup = () => {
      rgIndex++;
      rg = { sub: subId, name: `rg-bench-${String(rgIndex).padStart(4, "0")}`, location: "swedencentral", tags: { konfidentialitet: String(rgIndex % 4) } };
      sub.resourceGroups.push(resourceGroup(rg));
      counts.resourceGroups++;
    };
    const place = (): string => (rnd() < outsideShare ? OUTSIDE[Math.floor(rnd() * OUTSIDE.length)]! : SWEDEN[Math.floor(rnd() * SWEDEN.length)]!);
    const id = (type: string, name: string) => resId(rg, type, name);
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
        const purge = rnd() < 0.8;
        const vault = keyVault({
          rg, name, location: loc, tenantId, created, by: "drift@bench.example", enableSoftDelete: true, enablePurgeProtection: purge ? true : undefined,
          tags: tags(), sku: rnd() < 0.5 ? "premium" : "standard", enableRbacAuthorization: rnd() < 0.8, networkAclsDefault: rnd() < 0.7 ? "Deny" : "Allow", publicNetworkAccess: rnd() < 0.7 ? "Disabled" : "Enabled",
        });
        push(vault);
        for (let k = 0; k < BLOCK.keysPerVault; k++) {
          const rotate = rnd() < 0.6;
          const expires = rnd() < 0.5;
          push(vaultKey({
            vault, name: `key-${k}`, created, exp: expires ? expiry : undefined, kty: rnd() < 0.6 ? "RSA-HSM" : "RSA", keySize: 3072, keyOps: ["wrapKey", "unwrapKey"],
            version: guid(made, 0xbeef).replace(/-/g, ""), rotation: rotate ? { rotateAfter: "P11M", expiryTime: "P1Y" } : undefined,
          }));
        }
      }
      // A managed HSM and its keys (ARM lists them: ManagedHsmKeys_List, then a GET per key), no PRNG draws.
      const hsmBlock = b % BLOCK.managedHsmEvery === 0;
      if (hsmBlock) {
        const hsm = managedHsm({ rg, name: `hsm-${tag}`, location: "swedencentral", tenantId, adminObjectIds: [guid(made, 0xad)], created });
        push(merge(hsm, { systemData: undefined, properties: { regions: undefined, securityDomainProperties: undefined } }));
        for (let k = 0; k < BLOCK.keysPerHsm; k++) {
          push(managedHsmKey({ hsm, name: `hsm-key-${k}`, kty: "RSA", keySize: 3072, created, keyOps: ["wrapKey", "unwrapKey"], rotation: k === 0 ? { rotateAfter: "P11M", expiryTime: "P1Y" } : undefined }));
        }
      }
      const cmkRef = keyRef(vaultForCmk, "key-0", "vault", KEY_VERSION);
      for (let i = 0; i < BLOCK.storageAccounts; i++) {
        const loc = place();
        const name = `st${tag.replace("x", "b")}n${i}`.slice(0, 24);
        const geo = rnd() < 0.4;
        const cmk = rnd() < 0.5;
        const sku = geo ? (rnd() < 0.5 ? "Standard_GRS" : "Standard_RAGZRS") : rnd() < 0.5 ? "Standard_ZRS" : "Standard_LRS";
        const account = storageAccount({
          rg, name, location: loc, sku, created, cmk: cmk ? cmkRef : undefined, tenantId, principalId: guid(made, 0x1d),
          tags: tags(), minimumTlsVersion: rnd() < 0.9 ? "TLS1_2" : "TLS1_0", requireInfrastructureEncryption: rnd() < 0.3,
          allowCrossTenantReplication: false, publicNetworkAccess: "Disabled", supportsHttpsTrafficOnly: true, secondaryLocation: geo ? PAIR[loc] : undefined,
        });
        push(merge(account, { properties: { defaultToOAuthAuthentication: undefined, secondaryEndpoints: undefined } }));
      }
      const des = diskEncryptionSet({ rg, name: `des-${tag}`, location: "swedencentral", tenantId, vaultId: id("Microsoft.KeyVault/vaults", vaultForCmk), key: cmkRef, principalId: guid(made, 0x2d) });
      push(merge(des, { properties: { previousKeys: undefined } }));
      const vnetId = id("Microsoft.Network/virtualNetworks", `vnet-${tag}-0`);
      for (let i = 0; i < BLOCK.virtualNetworks; i++) {
        push(virtualNetwork({
          rg, name: `vnet-${tag}-${i}`, location: place(), tags: tags(), etag: `W/"${guid(made, 3)}"`, resourceGuid: guid(made, 4),
          prefix: `10.${i}.0.0/16`, subnets: [["default", `10.${i}.1.0/24`]], subnetEtags: false,
        }));
      }
      const diskIds: string[] = [];
      for (let i = 0; i < BLOCK.disks; i++) {
        const loc = place();
        const name = `disk-${tag}-${i}`;
        const cmk = rnd() < 0.4;
        const disk = managedDisk({
          rg, name, location: loc, tags: tags(), created, sizeGB: 128, desId: cmk ? des.id : undefined, uniqueId: guid(made, 5),
          managedBy: i < BLOCK.virtualMachines ? id("Microsoft.Compute/virtualMachines", `vm-${tag}-${i}`) : undefined,
        });
        diskIds.push(disk.id);
        push(disk);
      }
      for (let i = 0; i < BLOCK.snapshots; i++) {
        const source = { id: diskIds[i]!, properties: { diskSizeGB: 128, diskSizeBytes: 137438953472 } };
        push(diskSnapshot({ rg, name: `snap-${tag}-${i}`, source, created, location: place(), desId: rnd() < 0.5 ? des.id : undefined, uniqueId: guid(made, 6) }));
      }
      for (let i = 0; i < BLOCK.virtualMachines; i++) {
        const loc = place();
        const nicName = `vm-${tag}-${i}-nic01`;
        const vm = virtualMachinePayload({
          rg, name: `vm-${tag}-${i}`, location: loc, tags: tags(), created, nicId: id("Microsoft.Network/networkInterfaces", nicName), vmId: guid(made, 7),
          osDisk: { id: diskIds[i]!, name: `disk-${tag}-${i}`, diskSizeGB: 128, createOption: "Attach", deleteOption: "Detach" },
        });
        push(merge(vm, { properties: { osProfile: undefined, securityProfile: undefined, storageProfile: { imageReference: { exactVersion: undefined } } } }));
        const nic = networkInterface({
          rg, name: nicName, location: loc, subnetId: `${vnetId}/subnets/default`, vmId: vm.id, privateIPAddress: "10.0.1.4",
          etag: `W/"${guid(made, 8)}"`, resourceGuid: guid(made, 9), ipConfigEtag: false,
        });
        push(merge(nic, { properties: { dnsSettings: undefined } }));
      }
      for (let i = 0; i < BLOCK.sqlServers; i++) {
        const loc = place();
        const cmk = rnd() < 0.5;
        const server = sqlServer({ rg, name: `sql-${tag}-${i}`, location: loc, administratorLogin: "benchadmin", cmk: cmk ? cmkRef : undefined, tags: tags(), minimalTlsVersion: rnd() < 0.9 ? "1.2" : "1.0" });
        push(merge(server, { identity: undefined }));
        push(merge(sqlMaster(server), { properties: SQL_MASTER_TRIM }));
        for (let d = 0; d < BLOCK.databasesPerServer; d++) {
          const red = rnd() < 0.5 ? "Geo" : "Local";
          const db = sqlDatabase(server, `db${d}`, { redundancy: red, created, databaseId: guid(made, 10) });
          push(merge(db, { properties: SQL_DATABASE_TRIM }));
          push(sqlTde(db, rnd() < 0.95 ? "Enabled" : "Disabled"), false);
          // The first database of each server is geo-replicated to the region pair (a child, not
          // counted; no draw from the PRNG, so the rest of the tenant is as before).
          if (d === 0) push(replicationLink(db, { server: `sql-${tag}-${i}-dr`, database: `db${d}`, location: PAIR[loc] ?? loc }, "Primary", created), false);
        }
        push(merge(encryptionProtector(server, cmk ? cmkRef : undefined), { properties: { thumbprint: undefined } }), false);
      }
      for (let i = 0; i < BLOCK.cosmosDbAccounts; i++) {
        const loc = place();
        const regions = rnd() < 0.3 ? [loc, PAIR[loc]!] : [loc];
        const cmk = rnd() < 0.4;
        const account = cosmosAccount({
          rg, name: `cosmos-${tag}-${i}`, regions, created, cmk: cmk ? cmkRef : undefined, minimalTlsVersion: "Tls12",
          tags: tags(), backupStorageRedundancy: rnd() < 0.5 ? "Geo" : "Local",
        });
        push(merge(account, COSMOS_TRIM));
      }
      for (let i = 0; i < BLOCK.cognitiveAccounts; i++) {
        const loc = rnd() < 0.5 ? "swedencentral" : place();
        const account = cognitiveAccount({ rg, name: `aoai-${tag}-${i}`, location: loc, kind: "OpenAI", created, tags: tags(), encryption: rnd() < 0.5 ? cmkRef : undefined });
        const cmk = account.properties?.encryption !== undefined;
        push(merge(account, { ...COGNITIVE_TRIM, properties: { ...COGNITIVE_TRIM.properties, ...(cmk ? { encryption: { keyVaultProperties: { identityClientId: undefined } } } : {}) } }));
        for (let d = 0; d < BLOCK.deploymentsPerAccount; d++) {
          const sku = rnd() < 0.3 ? "GlobalStandard" : rnd() < 0.5 ? "DataZoneStandard" : "Standard";
          push(merge(aiDeployment(account.id, `gpt-${d}`, sku, ["gpt-4o", "2024-11-20"], 10, created), { etag: undefined, systemData: undefined, properties: { raiPolicyName: undefined } }));
        }
      }
      for (let i = 0; i < BLOCK.recoveryServicesVaults; i++) {
        const vault = recoveryServicesVaultPayload({
          rg, name: `rsv-${tag}-${i}`, location: place(), tags: tags(), created, storageType: "GeoRedundant", crossRegionRestore: true, publicNetworkAccess: "Disabled",
        });
        push(merge(vault, RSV_TRIM));
        push(backupStorageConfig(vault.id, { storageModelType: rnd() < 0.5 ? "GeoRedundant" : "LocallyRedundant", storageType: "GeoRedundant", crossRegionRestore: true }), false);
      }
      for (let i = 0; i < BLOCK.dataProtectionBackupVaults; i++) {
        const geo = rnd() < 0.5;
        push(dataProtectionBackupVault({ rg, name: `bvault-${tag}-${i}`, location: place(), tags: tags(), storageType: geo ? "GeoRedundant" : "LocallyRedundant", crossRegionRestore: geo && rnd() < 0.5 }));
      }
      for (let i = 0; i < BLOCK.containerRegistries; i++) {
        const loc = place();
        const registry = containerRegistryPayload({ rg, name: `acr${tag.replace("x", "b")}n${i}`, location: loc, created, tags: tags() });
        push(merge(registry, REGISTRY_TRIM));
        const rep = PAIR[loc] ?? "swedensouth";
        push(merge(registryReplication(registry.id, rep, created), { systemData: undefined, properties: { status: { timestamp: undefined } } }));
      }
      // The bench's flexible servers share the trimmed PostgreSQL shape, whatever the engine.
      const flex = (type: string, name: string) => {
        const server = postgresServer({ rg, name, location: place(), tags: tags(), tenantId, created, geoRedundantBackup: rnd() < 0.5 ? "Enabled" : "Disabled" });
        push(merge(server, { id: id(type, name), type, ...FLEX_TRIM }));
      };
      flex("Microsoft.DBforPostgreSQL/flexibleServers", `psql-${tag}`);
      flex("Microsoft.DBforMySQL/flexibleServers", `mysql-${tag}`);
      for (let i = 0; i < BLOCK.networkSecurityGroups; i++) push(networkSecurityGroup({ rg, name: `nsg-${tag}-${i}`, location: place(), tags: tags() }));
      const publicIps = BLOCK.publicIps - (hsmBlock ? 1 + BLOCK.keysPerHsm : 0);
      for (let i = 0; i < publicIps; i++) push(publicIpAddress({ rg, name: `pip-${tag}-${i}`, location: place() }));
    }
    // RES-09's reads: both Allowed-locations built-ins assigned at the subscription, and in every
    // other subscription the first resource group exempted from the resources one (configuration,
    // not counted as resources).
    const subScope = `/subscriptions/${subId}`;
    const allowed = policyAssignment({ scope: subScope, name: "bench-allowed-locations", displayName: "Allowed locations", policyDefinitionId: ALLOWED_LOCATIONS_DEFINITION, allowed: ["swedencentral", "swedensouth"], created });
    push(allowed, false);
    push(policyAssignment({ scope: subScope, name: "bench-allowed-rg-locations", displayName: "Allowed locations for resource groups", policyDefinitionId: ALLOWED_RG_LOCATIONS_DEFINITION, allowed: ["swedencentral", "swedensouth"], created }), false);
    if (si % 2 === 1 && sub.resourceGroups[0]) {
      push(policyExemption({ scope: sub.resourceGroups[0].id, name: "bench-rg-exemption", policyAssignmentId: allowed.id, category: "Mitigated", displayName: "Bench exemption", created }), false);
    }
  }

  const users: GraphObject[] = Array.from({ length: 50 }, (_, i) =>
    merge(graphUser({ id: guid(i, 0x05e2), displayName: `Användare ${i}`, upnLocal: `user${i}`, domain: "bench.example", preferredDataLocation: i % 10 === 0 ? "EUR" : "SWE" }), {
      mail: undefined,
      accountEnabled: undefined,
    }),
  );
  const model: TenantModel = {
    tenantId,
    displayName: "Benchkommun",
    pageSize: spec.pageSize ?? 1000,
    subscriptions,
    customerLockbox: { isOptedIn: true },
    graph: {
      organization: [
        merge(organization({ tenantId, displayName: "Benchkommun", countryLetterCode: "SE", verifiedDomains: [{ name: "bench.example", isDefault: true }] }), {
          country: undefined,
          tenantType: undefined,
          defaultDataLocation: "SWE",
        }),
      ],
      users,
      groups: [],
      sites: [],
      subscribedSkus: [],
    },
  };
  return { model, counts };
}
