/**
 * KEY-01 key-vault-purge-protection. Passes: kv-exk-gem-nycklar01 (soft delete and purge
 * protection), hsm-exk-gem01. Fails: kv-exk-skola01 (an old vault from before soft delete was
 * mandatory). Also KEY-04 and KEY-05 for these vaults; the vault keys are in the KEY-02 and KEY-03
 * fragments.
 */
import { keyVault, managedHsm } from "../../../src/builders/arm.js";
import { DEMO_IT_GROUP_ID, DEMO_RG, DEMO_TENANT_ID, SWC } from "../../../src/emulator/demo/base.js";
import type { DemoFragment } from "../../../src/emulator/demo/fragment.js";

const fragment: DemoFragment = {
  rule: "key-vault-purge-protection",
  resources: [
    keyVault({
      rg: DEMO_RG.gemNyckel,
      name: "kv-exk-gem-nycklar01",
      location: SWC,
      tenantId: DEMO_TENANT_ID,
      sku: "premium",
      created: "2024-02-05T09:14:22Z",
      enableSoftDelete: true,
      enablePurgeProtection: true,
      enableRbacAuthorization: true,
      publicNetworkAccess: "Disabled",
      networkAclsDefault: "Deny",
    }),
    managedHsm({
      rg: DEMO_RG.gemNyckel,
      name: "hsm-exk-gem01",
      location: SWC,
      tenantId: DEMO_TENANT_ID,
      adminObjectIds: [DEMO_IT_GROUP_ID],
      created: "2024-05-02T07:45:10Z",
    }),
    keyVault({
      rg: DEMO_RG.skolaElev,
      name: "kv-exk-skola01",
      location: SWC,
      tenantId: DEMO_TENANT_ID,
      sku: "standard",
      created: "2019-08-26T07:12:00Z",
      // An old vault from before soft delete was mandatory.
      enableSoftDelete: false,
      enableRbacAuthorization: true,
    }),
  ],
};

export default fragment;
