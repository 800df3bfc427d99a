/**
 * ENC-01 storage-account-customer-managed-key. Fails: stexkgemloggar01 (platform key, level 1).
 * Passes: stexkskolaelevdata01 (customer key in kv-exk-skola01; it fails ENC-06 with TLS 1.1).
 * More ENC-01 results come from the storage accounts of the RES-04, ENC-05, ENC-06, ENC-07,
 * CLS-01 and CLS-02 fragments.
 */
import { keyRef, storageAccount } from "../../../src/builders/arm.js";
import { DEMO_RG, DEMO_TENANT_ID, SWC } from "../../../src/emulator/demo/base.js";
import type { DemoFragment } from "../../../src/emulator/demo/fragment.js";

const fragment: DemoFragment = {
  rule: "storage-account-customer-managed-key",
  resources: [
    storageAccount({
      rg: DEMO_RG.gemLagring,
      name: "stexkgemloggar01",
      location: SWC,
      sku: "Standard_LRS",
      created: "2024-06-03T14:40:09.5551234Z",
      tags: { confidentiality: "1" },
      minimumTlsVersion: "TLS1_2",
      supportsHttpsTrafficOnly: true,
    }),
    storageAccount({
      rg: DEMO_RG.skolaElev,
      name: "stexkskolaelevdata01",
      location: SWC,
      sku: "Standard_LRS",
      created: "2023-08-14T09:20:00.0000000Z",
      cmk: keyRef("kv-exk-skola01", "cmk-elevdata"),
      tenantId: DEMO_TENANT_ID,
      minimumTlsVersion: "TLS1_1",
      supportsHttpsTrafficOnly: true,
      allowCrossTenantReplication: false,
    }),
  ],
};

export default fragment;
