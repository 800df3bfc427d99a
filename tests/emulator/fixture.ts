/** Shared test model and an HTTPS helper for the emulator tests. */
import { request } from "node:https";
import { resourceGroup } from "../../src/builders/arm.js";
import type { TenantModel } from "../../src/emulator/model.js";
import type { Emulator } from "../../src/emulator/server.js";

export const TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";
export const SUB1 = "6b085460-5f21-477e-ba44-1035046e9101";
export const SUB2 = "0b1f6471-1bf0-4dda-aec3-111122223333";
export const TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.secret-token-value";

const rg = (sub: string, name: string, location = "swedencentral") => resourceGroup({ sub, name, location });

const RG1 = `/subscriptions/${SUB1}/resourceGroups/rg-data`;
const SQL = `${RG1}/providers/Microsoft.Sql/servers/sql-kommun`;
const KV = `${RG1}/providers/Microsoft.KeyVault/vaults/kv-kommun`;
const RSV = `${RG1}/providers/Microsoft.RecoveryServices/vaults/rsv-kommun`;

/** A small tenant: two subscriptions, five groups in the first (page size 2), children of several kinds. */
export function testModel(overrides: Partial<TenantModel> = {}): TenantModel {
  return {
    tenantId: TENANT_ID,
    displayName: "Exempelkommun",
    pageSize: 2,
    customerLockbox: { isOptedIn: true },
    subscriptions: [
      {
        subscriptionId: SUB1,
        displayName: "Kommun Produktion",
        tags: { costCenter: "4711" },
        managementGroupAncestors: [TENANT_ID, "mg-kommun"],
        resourceGroups: [
          rg(SUB1, "rg-data"),
          rg(SUB1, "rg-web"),
          rg(SUB1, "rg-ai", "westeurope"),
          rg(SUB1, "rg-backup"),
          rg(SUB1, "rg-network"),
        ],
        resources: [
          {
            id: `${RG1}/providers/Microsoft.Storage/storageAccounts/stkommundata`,
            name: "stkommundata",
            type: "Microsoft.Storage/storageAccounts",
            location: "swedencentral",
            tags: { dataClass: "confidential" },
            sku: { name: "Standard_RAGRS", tier: "Standard" },
            kind: "StorageV2",
            properties: {
              primaryLocation: "swedencentral",
              secondaryLocation: "swedensouth",
              statusOfPrimary: "available",
              encryption: { keySource: "Microsoft.Storage", services: { blob: { enabled: true, keyType: "Account" } } },
            },
          },
          {
            id: `/subscriptions/${SUB1}/resourceGroups/rg-web/providers/Microsoft.Storage/storageAccounts/stkommunweb`,
            name: "stkommunweb",
            type: "Microsoft.Storage/storageAccounts",
            location: "westeurope",
            sku: { name: "Standard_LRS", tier: "Standard" },
            kind: "StorageV2",
            properties: { primaryLocation: "westeurope", encryption: { keySource: "Microsoft.Keyvault" } },
          },
          {
            id: KV,
            name: "kv-kommun",
            type: "Microsoft.KeyVault/vaults",
            location: "swedencentral",
            properties: { tenantId: TENANT_ID, sku: { family: "A", name: "premium" }, enablePurgeProtection: true },
          },
          {
            id: `${KV}/keys/cmk-storage`,
            name: "cmk-storage",
            type: "Microsoft.KeyVault/vaults/keys",
            location: "swedencentral",
            properties: { attributes: { enabled: true, created: 1735689600, updated: 1735689600, recoveryLevel: "Recoverable+Purgeable" }, kty: "RSA-HSM", keySize: 3072, keyUri: "https://kv-kommun.vault.azure.net/keys/cmk-storage" },
          },
          {
            id: SQL,
            name: "sql-kommun",
            type: "Microsoft.Sql/servers",
            location: "swedencentral",
            kind: "v12.0",
            properties: { administratorLogin: "sqladmin", version: "12.0", state: "Ready" },
          },
          {
            id: `${SQL}/databases/master`,
            name: "master",
            type: "Microsoft.Sql/servers/databases",
            location: "swedencentral",
            kind: "v12.0,system",
            sku: { name: "System", tier: "System" },
            properties: { status: "Online", requestedBackupStorageRedundancy: "Local" },
          },
          {
            id: `${SQL}/databases/elevregister`,
            name: "elevregister",
            type: "Microsoft.Sql/servers/databases",
            location: "swedencentral",
            kind: "v12.0,user",
            sku: { name: "GP_Gen5", tier: "GeneralPurpose", family: "Gen5", capacity: 2 },
            properties: { status: "Online", requestedBackupStorageRedundancy: "Geo", currentBackupStorageRedundancy: "Geo" },
          },
          {
            id: `${SQL}/databases/elevregister/transparentDataEncryption/current`,
            name: "current",
            type: "Microsoft.Sql/servers/databases/transparentDataEncryption",
            properties: { state: "Enabled" },
          },
          {
            id: `${SQL}/encryptionProtector/current`,
            name: "current",
            type: "Microsoft.Sql/servers/encryptionProtector",
            kind: "servicemanaged",
            location: "Sweden Central",
            properties: { serverKeyName: "ServiceManaged", serverKeyType: "ServiceManaged", autoRotationEnabled: false },
          },
          {
            id: RSV,
            name: "rsv-kommun",
            type: "Microsoft.RecoveryServices/vaults",
            location: "swedencentral",
            sku: { name: "RS0", tier: "Standard" },
            properties: { provisioningState: "Succeeded" },
          },
          {
            id: `${RSV}/backupstorageconfig/vaultstorageconfig`,
            name: "vaultstorageconfig",
            type: "Microsoft.RecoveryServices/vaults/backupstorageconfig",
            properties: { storageModelType: "GeoRedundant", storageType: "GeoRedundant", crossRegionRestoreFlag: false },
          },
          {
            id: `/subscriptions/${SUB1}/providers/Microsoft.Authorization/policyAssignments/allowed-locations-sub`,
            name: "allowed-locations-sub",
            type: "Microsoft.Authorization/policyAssignments",
            properties: {
              displayName: "Allowed locations",
              scope: `/subscriptions/${SUB1}`,
              policyDefinitionId: "/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c",
              enforcementMode: "Default",
            },
          },
          {
            id: `${RG1}/providers/Microsoft.Authorization/policyAssignments/rg-level`,
            name: "rg-level",
            type: "Microsoft.Authorization/policyAssignments",
            properties: {
              displayName: "RG assignment",
              scope: RG1,
              policyDefinitionId: "/providers/Microsoft.Authorization/policyDefinitions/0a914e76-4921-4c19-b460-a2d36003525a",
            },
          },
        ],
      },
      {
        subscriptionId: SUB2,
        displayName: "Kommun Test",
        providers: { "Microsoft.DocumentDB": "NotRegistered" },
        resourceGroups: [rg(SUB2, "rg-test")],
        resources: [],
      },
    ],
    managementGroupPolicyAssignments: [
      {
        id: "/providers/Microsoft.Management/managementGroups/mg-kommun/providers/Microsoft.Authorization/policyAssignments/eu-residency",
        name: "eu-residency",
        type: "Microsoft.Authorization/policyAssignments",
        properties: {
          displayName: "EU data residency",
          scope: "/providers/Microsoft.Management/managementGroups/mg-kommun",
          policyDefinitionId: "/providers/Microsoft.Authorization/policySetDefinitions/eu-residency-set",
        },
      },
      {
        id: "/providers/Microsoft.Management/managementGroups/mg-other/providers/Microsoft.Authorization/policyAssignments/other",
        name: "other",
        type: "Microsoft.Authorization/policyAssignments",
        properties: { scope: "/providers/Microsoft.Management/managementGroups/mg-other", policyDefinitionId: "/x" },
      },
    ],
    policySetDefinitions: [
      {
        id: "/providers/Microsoft.Authorization/policySetDefinitions/eu-residency-set",
        name: "eu-residency-set",
        type: "Microsoft.Authorization/policySetDefinitions",
        properties: { displayName: "EU residency", policyType: "Custom", policyDefinitions: [] },
      },
    ],
    graph: {
      organization: [
        {
          id: TENANT_ID,
          displayName: "Exempelkommun",
          countryLetterCode: "SE",
          preferredDataLocation: "EUR",
          verifiedDomains: [
            { name: "exempelkommun.onmicrosoft.com", isDefault: false, isInitial: true, type: "Managed" },
            { name: "exempelkommun.se", isDefault: true, isInitial: false, type: "Managed" },
          ],
        },
      ],
      users: Array.from({ length: 5 }, (_, i) => ({
        id: `00000000-0000-0000-0000-00000000000${i + 1}`,
        displayName: `Anställd ${i + 1}`,
        userPrincipalName: `anstalld${i + 1}@exempelkommun.se`,
        mail: `anstalld${i + 1}@exempelkommun.se`,
        preferredDataLocation: i === 4 ? "NAM" : "EUR",
        usageLocation: "SE",
        accountEnabled: true,
      })),
      groups: [{ id: "g1", displayName: "Socialtjänst", preferredDataLocation: "EUR", mailEnabled: true }],
      sites: [
        {
          id: "exempelkommun.sharepoint.com,1,2",
          webUrl: "https://exempelkommun.sharepoint.com/sites/social",
          displayName: "Social",
          siteCollection: { hostname: "exempelkommun.sharepoint.com", dataLocationCode: "EUR" },
        },
      ],
      subscribedSkus: [{ id: `${TENANT_ID}_c7df2760`, skuPartNumber: "SPE_E5", capabilityStatus: "Enabled" }],
    },
    ...overrides,
  };
}

/** A response as the tests see it. */
export interface Got {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

/** Sends one request to the emulator over HTTPS, trusting only its certificate. */
export function call(
  emulator: Emulator,
  pathOrUrl: string,
  options: { method?: string; token?: string | null; headers?: Record<string, string> } = {},
): Promise<Got> {
  const url = new URL(pathOrUrl, emulator.url);
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? TOKEN : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? "GET", ca: emulator.caPem, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

export const API = "api-version=2024-01-01";
