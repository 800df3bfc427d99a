/** Realistic ARM payloads for the core collector tests (shapes from the azure-rest-api-specs examples). */
import {
  keyVault,
  managedHsm as hsmPayload,
  managedHsmKey as hsmKeyPayload,
  resourceGroup as rgPayload,
  storageAccount as accountPayload,
  vaultKey as keyPayload,
} from "../../src/builders/arm.js";
import { merge } from "../../src/builders/merge.js";
import type { ArmResource } from "../../src/snapshot/types.js";
import { SUB, TENANT } from "./helpers.js";

/** A payload whose name these tests read (the builders' `ArmResource` leaves `name` optional). */
type Named = ArmResource & { name: string };

/** A StorageV2 account as `GET .../storageAccounts` returns it (2023+ api-versions). */
export function storageAccount(name: string, opts: { keySource?: string; sku?: string; location?: string; rg?: string } = {}) {
  const location = opts.location ?? "swedencentral";
  const keyVault = opts.keySource === "Microsoft.Keyvault";
  const identityId = `/subscriptions/${SUB}/resourceGroups/rg-data/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-cmk`;
  const base = accountPayload({
    rg: { sub: SUB, name: opts.rg ?? "rg-data", location },
    name,
    location,
    sku: (opts.sku ?? "Standard_LRS") as "Standard_LRS",
    created: "2025-02-11T08:15:33.1234567Z",
    tags: { informationsklass: "2" },
    minimumTlsVersion: "TLS1_2",
    supportsHttpsTrafficOnly: true,
    secondaryLocation: (opts.sku ?? "").includes("GRS") ? "swedensouth" : undefined,
  });
  const lastEnabled = { keyType: "Account", enabled: true, lastEnabledTime: "2025-02-11T08:15:33.2345678Z" };
  return merge(base, {
    ...(keyVault ? { identity: { type: "UserAssigned", userAssignedIdentities: { [identityId]: { principalId: "c4d5e6f7-0000-4000-8000-000000000001", clientId: "c4d5e6f7-0000-4000-8000-000000000002" } } } } : {}),
    properties: {
      allowSharedKeyAccess: undefined,
      isHnsEnabled: undefined,
      defaultToOAuthAuthentication: undefined,
      publicNetworkAccess: undefined,
      networkAcls: { defaultAction: "Deny" },
      encryption: {
        services: { file: lastEnabled, blob: lastEnabled },
        keySource: opts.keySource ?? "Microsoft.Storage",
        ...(keyVault
          ? {
              keyvaultproperties: {
                keyvaultUri: "https://kv-cmk-sc.vault.azure.net/",
                keyname: "cmk-storage",
                currentVersionedKeyIdentifier: "https://kv-cmk-sc.vault.azure.net/keys/cmk-storage/7c1c3a0e0f4b4d2a9c7e1f2a3b4c5d6e",
              },
              identity: { userAssignedIdentity: identityId },
            }
          : {}),
      },
      creationTime: "2025-02-11T08:15:32.9876543Z",
      secondaryEndpoints: undefined,
    },
  });
}

/** A Key Vault as `GET .../Microsoft.KeyVault/vaults` returns it. */
export function vault(name: string, opts: { rg?: string; sub?: string; sku?: "standard" | "premium"; purgeProtection?: boolean } = {}): Named {
  return keyVault({
    rg: { sub: opts.sub ?? SUB, name: opts.rg ?? "rg-keys", location: "swedencentral" },
    name,
    location: "swedencentral",
    tenantId: TENANT,
    sku: opts.sku ?? "premium",
    created: "2025-01-20T09:00:00.0000000Z",
    by: "admin@exempelkommun.se",
    enableSoftDelete: true,
    enableRbacAuthorization: true,
    enablePurgeProtection: opts.purgeProtection === false ? undefined : true,
    enabledForDiskEncryption: false,
    publicNetworkAccess: "Disabled",
    networkAclsDefault: "Deny",
  }) as Named;
}

/** The key payload these tests read: created 2025-01-20 09:00 UTC, RSA-HSM 3072 unless told, in `vaultId`. */
function key(vaultId: string, name: string, opts: { kty?: string; exp?: number; rotate?: boolean }): Named {
  const base = keyPayload({
    vault: { id: vaultId, location: "swedencentral" },
    name,
    kty: (opts.kty ?? "RSA-HSM") as "RSA-HSM",
    keySize: 3072,
    keyOps: ["wrapKey", "unwrapKey"],
    created: "2025-01-20T09:00:00Z",
    exp: opts.exp ? new Date(opts.exp * 1000).toISOString() : undefined,
    recoveryLevel: "Recoverable",
    version: "2f1c0b9a8e7d4c6b5a4f3e2d1c0b9a8e",
    rotation: opts.rotate ? { rotateAfter: "P18M", notifyBefore: "P30D", expiryTime: "P2Y" } : undefined,
  });
  return merge(base, { tags: undefined, properties: { attributes: { exportable: undefined } } }) as Named;
}

/**
 * A vault key as `GET .../vaults/{v}/keys` lists it (Keys_List, spec example listKeys.json): only
 * `attributes` and `keyUri` — no `kty`, `keySize`, `keyOps`, `keyUriWithVersion` or `rotationPolicy`.
 */
export function vaultKeyListItem(vaultId: string, name: string, opts: { exp?: number } = {}): Named {
  return merge(key(vaultId, name, opts), { properties: { kty: undefined, keyOps: undefined, keySize: undefined, keyUriWithVersion: undefined } });
}

/**
 * A vault key as `GET .../vaults/{v}/keys/{k}` returns it (Keys_Get, spec example getKey.json;
 * management plane: no key material): `kty`, `keyOps`, `keySize`, `keyUriWithVersion`, and
 * `attributes.exp` / `rotationPolicy` where set.
 */
export function vaultKey(vaultId: string, name: string, opts: { kty?: string; exp?: number; rotate?: boolean } = {}): Named {
  return key(vaultId, name, opts);
}

/** A managed HSM as `GET .../Microsoft.KeyVault/managedHSMs` returns it. */
export function managedHsm(name: string) {
  const base = hsmPayload({
    rg: { sub: SUB, name: "rg-keys", location: "swedencentral" },
    name,
    location: "swedencentral",
    tenantId: TENANT,
    adminObjectIds: ["0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6"],
    created: "2025-01-20T09:00:00Z",
  });
  return merge(base, {
    systemData: undefined,
    properties: {
      hsmUri: `https://${name}.managedhsm.azure.net`,
      regions: undefined,
      securityDomainProperties: { activationStatusMessage: "Your HSM has been activated." },
    },
  });
}

/**
 * A managed HSM key as `GET .../managedHSMs/{name}/keys/{k}` returns it (ManagedHsmKeys_Get, spec
 * example 2026-02-01/managedHsmGetKey.json): no location or tags, `kty` `RSA` as the example reports
 * it, `keyOps`, `keySize`, `keyUriWithVersion`, and `attributes.exp` / `rotationPolicy` where set.
 */
export function hsmKey(hsmId: string, name: string, opts: { exp?: number; rotate?: boolean } = {}): Named {
  return hsmKeyPayload({
    hsm: { id: hsmId },
    name,
    kty: "RSA",
    keySize: 2048,
    created: "2025-01-20T09:00:00Z",
    exp: opts.exp ? new Date(opts.exp * 1000).toISOString() : undefined,
    recoveryLevel: "Recoverable",
    version: "fd618d9519b74f9aae94ade66b876acc",
    rotation: opts.rotate ? { rotateAfter: "P18M", notifyBefore: "P30D", expiryTime: "P2Y" } : undefined,
  }) as Named;
}

/**
 * A managed HSM key as `GET .../managedHSMs/{name}/keys` lists it (ManagedHsmKeys_List, spec example
 * 2026-02-01/managedHsmListKeys.json): only `attributes` and `keyUri`.
 */
export function hsmKeyListItem(hsmId: string, name: string, opts: { exp?: number } = {}): Named {
  const full = hsmKey(hsmId, name, opts);
  const p = full.properties as { attributes: unknown; keyUri: unknown };
  return { name: full.name, type: full.type, id: full.id, properties: { attributes: p.attributes, keyUri: p.keyUri } };
}

/** A resource group as `GET /subscriptions/{s}/resourcegroups` returns it. */
export function resourceGroup(name: string, tags: Record<string, string> = {}) {
  return rgPayload({ sub: SUB, name, location: "swedencentral", tags });
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
