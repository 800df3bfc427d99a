/**
 * KEY-04 key-vault-public-network-closed. Fails: kv-exk-dr-weu01 (public network access enabled,
 * default action Allow); it also fails RES-01 (West Europe), KEY-01 (no purge protection) and
 * KEY-05 (access policies). Passes: the vaults of the KEY-01 and KEY-05 fragments.
 */
import { keyVault } from "../../../src/builders/arm.js";
import { DEMO_IT_GROUP_ID, DEMO_RG, DEMO_TENANT_ID, WEU } from "../../../src/emulator/demo/base.js";
import type { DemoFragment } from "../../../src/emulator/demo/fragment.js";

const fragment: DemoFragment = {
  rule: "key-vault-public-network-closed",
  resources: [
    keyVault({
      rg: DEMO_RG.gemDr,
      name: "kv-exk-dr-weu01",
      location: WEU,
      tenantId: DEMO_TENANT_ID,
      sku: "standard",
      created: "2022-09-14T12:03:51Z",
      enableSoftDelete: true,
      publicNetworkAccess: "Enabled",
      networkAclsDefault: "Allow",
      accessPolicyObjectId: DEMO_IT_GROUP_ID,
    }),
  ],
};

export default fragment;
