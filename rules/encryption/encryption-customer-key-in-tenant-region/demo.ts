/**
 * ENC-07 encryption-customer-key-in-tenant-region. Fails: stexkdrkopia01 (its key is in
 * kv-exk-dr-weu01, West Europe; the account also fails RES-01, RES-04 `secondary`, ENC-05 and
 * ENC-06) and psql-exk-skola-elev01 (key in the learning-platform supplier's vault, another
 * tenant: not in the inventory). Passes: sqlmi-exk-vard01, whose key is in hsm-exk-gem01 in
 * another subscription of the tenant, and psql-exk-vard-omsorg01 twice: its primary key in
 * kv-exk-vard-nycklar01 (Sweden Central) and, part `geo-backup`, the key of its geo-redundant
 * backup in kv-exk-vard-geo01 (Sweden South, the backup's region: outside the primary region, but
 * allowed). Fails too: stexkskolaanalys01 (Sweden Central), whose key cmk-analys is in
 * kv-exk-skola-analys-eus01, a vault the learning-analytics supplier created in East US during
 * onboarding (a third country: the data map shows the key there; the vault fails RES-01). Every
 * other customer key reference passes.
 */
import { encryptionProtector, keyRef, keyUrl, keyVault, postgresServer, resId, sqlManagedInstance, storageAccount, vaultKey } from "../../../src/builders/arm.js";
import { DEMO_RG, DEMO_TENANT_ID, NEU, SWC, SWS, WEU } from "../../../src/emulator/demo/base.js";
import type { DemoFragment } from "../../../src/emulator/demo/fragment.js";

const mi = sqlManagedInstance({
  rg: DEMO_RG.vardJournal,
  name: "sqlmi-exk-vard01",
  location: SWC,
  tenantId: DEMO_TENANT_ID,
  subnetId: `${resId(DEMO_RG.vardApp, "Microsoft.Network/virtualNetworks", "vnet-exk-vard-swc")}/subnets/snet-sqlmi`,
  dnsZone: "4f7c2a9e1b3d",
  redundancy: "Geo",
});

// The geo-redundant backup copy of a flexible server is encrypted with a key of the backup's region.
const geoVault = keyVault({
  rg: DEMO_RG.vardNyckel,
  name: "kv-exk-vard-geo01",
  location: SWS,
  tenantId: DEMO_TENANT_ID,
  sku: "premium",
  created: "2024-10-07T09:30:00Z",
  enableSoftDelete: true,
  enablePurgeProtection: true,
  enableRbacAuthorization: true,
  publicNetworkAccess: "Disabled",
  networkAclsDefault: "Deny",
});

// The learning-analytics data is stored in Sweden, but its customer key sits in a vault in East US.
const usVault = keyVault({
  rg: DEMO_RG.skolaElev,
  name: "kv-exk-skola-analys-eus01",
  location: "eastus",
  tenantId: DEMO_TENANT_ID,
  sku: "premium",
  created: "2025-04-22T14:10:00Z",
  enableSoftDelete: true,
  enablePurgeProtection: true,
  enableRbacAuthorization: true,
  publicNetworkAccess: "Disabled",
  networkAclsDefault: "Deny",
});

const fragment: DemoFragment = {
  rule: "encryption-customer-key-in-tenant-region",
  resources: [
    storageAccount({
      rg: DEMO_RG.gemDr,
      name: "stexkdrkopia01",
      location: WEU,
      sku: "Standard_GRS",
      secondaryLocation: NEU,
      created: "2022-09-14T12:20:41.0000000Z",
      tags: { confidentiality: "3" },
      cmk: keyRef("kv-exk-dr-weu01", "cmk-dr"),
      tenantId: DEMO_TENANT_ID,
      minimumTlsVersion: "TLS1_0",
      supportsHttpsTrafficOnly: false,
      allowCrossTenantReplication: false,
    }),
    mi,
    encryptionProtector(mi, keyRef("hsm-exk-gem01", "cmk-sqlmi", "hsm")),
    postgresServer({
      rg: DEMO_RG.skolaElev,
      name: "psql-exk-skola-elev01",
      location: SWC,
      tenantId: DEMO_TENANT_ID,
      created: "2024-08-19T09:00:00Z",
      geoRedundantBackup: "Disabled",
      // The learning-platform supplier's own vault, in the supplier's tenant: not in this inventory.
      keyUri: "https://kv-edtech-leverantor.vault.azure.net/keys/elevdata-exempelkommun/6b1e0c3f9a8d4e27b5c1f0a2d3e4b5c6",
    }),
    geoVault,
    vaultKey({
      vault: geoVault,
      name: "cmk-omsorg-geo",
      kty: "RSA-HSM",
      keySize: 3072,
      created: "2024-10-07T09:40:00Z",
      keyOps: ["wrapKey", "unwrapKey"],
      rotation: { rotateAfter: "P1Y", notifyBefore: "P30D", expiryTime: "P2Y" },
    }),
    postgresServer({
      rg: DEMO_RG.vardJournal,
      name: "psql-exk-vard-omsorg01",
      location: SWC,
      tenantId: DEMO_TENANT_ID,
      created: "2024-10-08T10:00:00Z",
      geoRedundantBackup: "Enabled",
      keyUri: keyUrl(keyRef("kv-exk-vard-nycklar01", "cmk-journal")),
      geoKeyUri: keyUrl(keyRef("kv-exk-vard-geo01", "cmk-omsorg-geo")),
    }),
    usVault,
    vaultKey({
      vault: usVault,
      name: "cmk-analys",
      kty: "RSA-HSM",
      keySize: 3072,
      created: "2025-04-22T14:20:00Z",
      keyOps: ["wrapKey", "unwrapKey"],
      rotation: { rotateAfter: "P1Y", notifyBefore: "P30D", expiryTime: "P2Y" },
    }),
    storageAccount({
      rg: DEMO_RG.skolaElev,
      name: "stexkskolaanalys01",
      location: SWC,
      sku: "Standard_LRS",
      created: "2025-04-22T14:30:00.0000000Z",
      cmk: keyRef("kv-exk-skola-analys-eus01", "cmk-analys"),
      tenantId: DEMO_TENANT_ID,
      minimumTlsVersion: "TLS1_2",
      supportsHttpsTrafficOnly: true,
      allowCrossTenantReplication: false,
      publicNetworkAccess: "Disabled",
    }),
  ],
};

export default fragment;
