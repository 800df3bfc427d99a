/**
 * ENC-07 encryption-customer-key-in-tenant-region. Fails: stexkdrkopia01 (its key is in
 * kv-exk-dr-weu01, West Europe; the account also fails RES-01, RES-04 `secondary`, ENC-05 and
 * ENC-06) and psql-exk-skola-elev01 (key in the learning-platform supplier's vault, another
 * tenant: not in the inventory). Passes: sqlmi-exk-vard01, whose key is in hsm-exk-gem01 in
 * another subscription of the tenant. Every other customer key reference passes too.
 */
import { encryptionProtector, keyRef, postgresServer, resId, sqlManagedInstance, storageAccount } from "../../../src/builders/arm.js";
import { DEMO_RG, DEMO_TENANT_ID, NEU, SWC, WEU } from "../../../src/emulator/demo/base.js";
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
  ],
};

export default fragment;
