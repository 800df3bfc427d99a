/**
 * KEY-05 key-vault-rbac-authorization. Fails: kv-exk-vard-nycklar01 (`enableRbacAuthorization:
 * false`, access policies); it passes KEY-01 and KEY-04 (public endpoint but default Deny).
 * Passes: kv-exk-gem-nycklar01 and kv-exk-skola01 (KEY-01 fragment).
 */
import { keyVault } from "../../../src/builders/arm.js";
import { DEMO_IT_GROUP_ID, DEMO_RG, DEMO_TENANT_ID, SWC } from "../../../src/emulator/demo/base.js";
import type { DemoFragment } from "../../../src/emulator/demo/fragment.js";

const fragment: DemoFragment = {
  rule: "key-vault-rbac-authorization",
  resources: [
    keyVault({
      rg: DEMO_RG.vardNyckel,
      name: "kv-exk-vard-nycklar01",
      location: SWC,
      tenantId: DEMO_TENANT_ID,
      sku: "premium",
      created: "2023-01-30T10:00:00Z",
      enableSoftDelete: true,
      enablePurgeProtection: true,
      enableRbacAuthorization: false,
      publicNetworkAccess: "Enabled",
      networkAclsDefault: "Deny",
      accessPolicyObjectId: DEMO_IT_GROUP_ID,
    }),
  ],
};

export default fragment;
