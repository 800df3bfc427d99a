/** Realistic ARM payloads for the core collector tests (shapes from the azure-rest-api-specs examples). */
import { SUB, TENANT } from "./helpers.js";

/** A StorageV2 account as `GET .../storageAccounts` returns it (2023+ api-versions). */
export function storageAccount(name: string, opts: { keySource?: string; sku?: string; location?: string; rg?: string } = {}) {
  const location = opts.location ?? "swedencentral";
  const keyVault = opts.keySource === "Microsoft.Keyvault";
  return {
    id: `/subscriptions/${SUB}/resourceGroups/${opts.rg ?? "rg-data"}/providers/Microsoft.Storage/storageAccounts/${name}`,
    name,
    type: "Microsoft.Storage/storageAccounts",
    location,
    tags: { informationsklass: "2" },
    sku: { name: opts.sku ?? "Standard_LRS", tier: "Standard" },
    kind: "StorageV2",
    ...(keyVault
      ? {
          identity: {
            type: "UserAssigned",
            userAssignedIdentities: {
              [`/subscriptions/${SUB}/resourceGroups/rg-data/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-cmk`]: {
                principalId: "c4d5e6f7-0000-4000-8000-000000000001",
                clientId: "c4d5e6f7-0000-4000-8000-000000000002",
              },
            },
          },
        }
      : {}),
    properties: {
      keyCreationTime: { key1: "2025-02-11T08:15:33.1234567Z", key2: "2025-02-11T08:15:33.1234567Z" },
      privateEndpointConnections: [],
      minimumTlsVersion: "TLS1_2",
      allowBlobPublicAccess: false,
      supportsHttpsTrafficOnly: true,
      networkAcls: { bypass: "AzureServices", virtualNetworkRules: [], ipRules: [], defaultAction: "Deny" },
      encryption: {
        services: {
          file: { keyType: "Account", enabled: true, lastEnabledTime: "2025-02-11T08:15:33.2345678Z" },
          blob: { keyType: "Account", enabled: true, lastEnabledTime: "2025-02-11T08:15:33.2345678Z" },
        },
        keySource: opts.keySource ?? "Microsoft.Storage",
        ...(keyVault
          ? {
              keyvaultproperties: {
                keyvaultUri: "https://kv-cmk-sc.vault.azure.net/",
                keyname: "cmk-storage",
                currentVersionedKeyIdentifier: "https://kv-cmk-sc.vault.azure.net/keys/cmk-storage/7c1c3a0e0f4b4d2a9c7e1f2a3b4c5d6e",
              },
              identity: {
                userAssignedIdentity: `/subscriptions/${SUB}/resourceGroups/rg-data/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-cmk`,
              },
            }
          : {}),
      },
      accessTier: "Hot",
      provisioningState: "Succeeded",
      creationTime: "2025-02-11T08:15:32.9876543Z",
      primaryEndpoints: {
        dfs: `https://${name}.dfs.core.windows.net/`,
        web: `https://${name}.z1.web.core.windows.net/`,
        blob: `https://${name}.blob.core.windows.net/`,
        queue: `https://${name}.queue.core.windows.net/`,
        table: `https://${name}.table.core.windows.net/`,
        file: `https://${name}.file.core.windows.net/`,
      },
      primaryLocation: location,
      statusOfPrimary: "available",
      ...((opts.sku ?? "").includes("GRS") ? { secondaryLocation: "swedensouth", statusOfSecondary: "available" } : {}),
    },
  };
}

/** A Key Vault as `GET .../Microsoft.KeyVault/vaults` returns it. */
export function vault(name: string, opts: { rg?: string; sku?: "standard" | "premium"; purgeProtection?: boolean; sub?: string } = {}) {
  return {
    id: `/subscriptions/${opts.sub ?? SUB}/resourceGroups/${opts.rg ?? "rg-keys"}/providers/Microsoft.KeyVault/vaults/${name}`,
    name,
    type: "Microsoft.KeyVault/vaults",
    location: "swedencentral",
    tags: {},
    systemData: {
      createdBy: "admin@exempelkommun.se",
      createdByType: "User",
      createdAt: "2025-01-20T09:00:00.0000000Z",
      lastModifiedBy: "admin@exempelkommun.se",
      lastModifiedByType: "User",
      lastModifiedAt: "2025-01-20T09:00:00.0000000Z",
    },
    properties: {
      sku: { family: "A", name: opts.sku ?? "premium" },
      tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
      accessPolicies: [],
      enabledForDeployment: false,
      enabledForDiskEncryption: false,
      enabledForTemplateDeployment: false,
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      enableRbacAuthorization: true,
      ...(opts.purgeProtection === false ? {} : { enablePurgeProtection: true }),
      vaultUri: `https://${name}.vault.azure.net/`,
      provisioningState: "Succeeded",
      publicNetworkAccess: "Disabled",
      networkAcls: { bypass: "AzureServices", defaultAction: "Deny", ipRules: [], virtualNetworkRules: [] },
    },
  };
}

/**
 * A vault key as `GET .../vaults/{v}/keys` lists it (Keys_List, spec example listKeys.json): only
 * `attributes` and `keyUri` — no `kty`, `keySize`, `keyOps`, `keyUriWithVersion` or `rotationPolicy`.
 */
export function vaultKeyListItem(vaultId: string, name: string, opts: { exp?: number } = {}) {
  const host = vaultId.split("/").pop();
  return {
    id: `${vaultId}/keys/${name}`,
    name,
    type: "Microsoft.KeyVault/vaults/keys",
    location: "swedencentral",
    properties: {
      attributes: {
        created: 1737363600,
        enabled: true,
        recoveryLevel: "Recoverable",
        updated: 1737363600,
        ...(opts.exp ? { exp: opts.exp } : {}),
      },
      keyUri: `https://${host}.vault.azure.net:443/keys/${name}`,
    },
  };
}

/**
 * A vault key as `GET .../vaults/{v}/keys/{k}` returns it (Keys_Get, spec example getKey.json;
 * management plane: no key material): `kty`, `keyOps`, `keySize`, `keyUriWithVersion`, and
 * `attributes.exp` / `rotationPolicy` where set.
 */
export function vaultKey(vaultId: string, name: string, opts: { kty?: string; exp?: number; rotate?: boolean } = {}) {
  const host = vaultId.split("/").pop();
  return {
    id: `${vaultId}/keys/${name}`,
    name,
    type: "Microsoft.KeyVault/vaults/keys",
    location: "swedencentral",
    properties: {
      attributes: {
        enabled: true,
        created: 1737363600,
        updated: 1737363600,
        recoveryLevel: "Recoverable",
        ...(opts.exp ? { exp: opts.exp } : {}),
      },
      kty: opts.kty ?? "RSA-HSM",
      keyOps: ["wrapKey", "unwrapKey"],
      keySize: 3072,
      keyUri: `https://${host}.vault.azure.net:443/keys/${name}`,
      keyUriWithVersion: `https://${host}.vault.azure.net:443/keys/${name}/2f1c0b9a8e7d4c6b5a4f3e2d1c0b9a8e`,
      ...(opts.rotate
        ? {
            rotationPolicy: {
              attributes: { created: 1737363600, updated: 1737363600, expiryTime: "P2Y" },
              lifetimeActions: [
                { trigger: { timeAfterCreate: "P18M" }, action: { type: "rotate" } },
                { trigger: { timeBeforeExpiry: "P30D" }, action: { type: "notify" } },
              ],
            },
          }
        : {}),
    },
  };
}

/** A managed HSM as `GET .../Microsoft.KeyVault/managedHSMs` returns it. */
export function managedHsm(name: string) {
  return {
    id: `/subscriptions/${SUB}/resourceGroups/rg-keys/providers/Microsoft.KeyVault/managedHSMs/${name}`,
    name,
    type: "Microsoft.KeyVault/managedHSMs",
    location: "swedencentral",
    sku: { family: "B", name: "Standard_B1" },
    tags: {},
    properties: {
      tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
      initialAdminObjectIds: ["0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6"],
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      enablePurgeProtection: true,
      hsmUri: `https://${name}.managedhsm.azure.net`,
      provisioningState: "Succeeded",
      statusMessage: "The Managed HSM is provisioned and ready to use.",
      networkAcls: { bypass: "AzureServices", defaultAction: "Deny", ipRules: [], virtualNetworkRules: [] },
      publicNetworkAccess: "Disabled",
      securityDomainProperties: { activationStatus: "Active", activationStatusMessage: "Your HSM has been activated." },
    },
  };
}

/** A resource group as `GET /subscriptions/{s}/resourcegroups` returns it. */
export function resourceGroup(name: string, tags: Record<string, string> = {}) {
  return {
    id: `/subscriptions/${SUB}/resourceGroups/${name}`,
    name,
    type: "Microsoft.Resources/resourceGroups",
    location: "swedencentral",
    tags,
    properties: { provisioningState: "Succeeded" },
  };
}

/** A generic resource as `GET /subscriptions/{s}/resources?$expand=...` returns it. */
export function genericResource(id: string, type: string, location = "swedencentral") {
  return {
    id,
    name: id.split("/").pop(),
    type,
    location,
    tags: {},
    createdTime: "2025-02-11T08:15:32.9876543Z",
    changedTime: "2025-03-01T10:00:00.0000000Z",
    provisioningState: "Succeeded",
  };
}

/** A provider as `GET /subscriptions/{s}/providers` returns it. */
export function provider(namespace: string, registrationState: string) {
  return {
    id: `/subscriptions/${SUB}/providers/${namespace}`,
    namespace,
    registrationState,
    registrationPolicy: "RegistrationRequired",
    resourceTypes: [{ resourceType: "operations", locations: [], apiVersions: ["2023-01-01"], capabilities: "None" }],
  };
}

/** A location as `GET /subscriptions/{s}/locations` returns it (2022-12-01). */
export function location(name: string, displayName: string, paired: string[], geography = "Sweden") {
  return {
    id: `/subscriptions/${SUB}/locations/${name}`,
    name,
    type: "Region",
    displayName,
    regionalDisplayName: `(Europe) ${displayName}`,
    metadata: {
      regionType: "Physical",
      regionCategory: paired.length ? "Recommended" : "Other",
      geography,
      geographyGroup: "Europe",
      longitude: "17.14127",
      latitude: "60.67488",
      physicalLocation: "Gävle",
      pairedRegion: paired.map((p) => ({ name: p, id: `/subscriptions/${SUB}/locations/${p}` })),
    },
    availabilityZoneMappings: [{ logicalZone: "1", physicalZone: "swedencentral-az1" }],
  };
}

/** A subscription as `GET /subscriptions` lists it and `GET /subscriptions/{s}` returns it. */
export function subscription(id: string, displayName = `sub ${id.slice(0, 4)}`, tags: Record<string, string> = {}) {
  return { id: `/subscriptions/${id}`, subscriptionId: id, tenantId: TENANT, displayName, state: "Enabled", tags, authorizationSource: "RoleBased" };
}

/** A node of the management-group tree: a group with its children, or a subscription (`children: null`). */
export interface ManagementGroupNode {
  type: string;
  id: string;
  name: string;
  displayName: string;
  children: ManagementGroupNode[] | null;
}

/** A management group node with its children. */
export function managementGroupNode(name: string, children: ManagementGroupNode[], displayName = name): ManagementGroupNode {
  return { type: "Microsoft.Management/managementGroups", id: `/providers/Microsoft.Management/managementGroups/${name}`, name, displayName, children };
}

/** A subscription as a leaf of the management-group tree. */
export function subscriptionNode(id: string): ManagementGroupNode {
  return { type: "/subscriptions", id: `/subscriptions/${id}`, name: id, displayName: `sub ${id.slice(0, 4)}`, children: null };
}

/** The tenant root group as ManagementGroups_Get with `$expand=children&$recurse=true` (2023-04-01) returns it. */
export function managementGroupTree(children: ManagementGroupNode[]) {
  return {
    id: `/providers/Microsoft.Management/managementGroups/${TENANT}`,
    type: "Microsoft.Management/managementGroups",
    name: TENANT,
    properties: {
      tenantId: TENANT,
      displayName: "Tenant Root Group",
      details: { version: 3, updatedTime: "2026-01-10T08:00:00Z", updatedBy: "00000000-0000-0000-0000-000000000000", parent: null },
      children,
    },
  };
}
