/**
 * ENC-03 cosmos-db-account-customer-managed-key. Passes: cosmos-exk-vard-planering (customer key
 * cmk-cosmos; Sweden Central only and `Tls12`, so RES-06, ENC-06 and ENC-07 pass too). Fails:
 * cosmos-exk-gem-katalog (RES-06 fragment).
 */
import { cosmosAccount, keyRef } from "../../../src/builders/arm.js";
import { DEMO_RG, DEMO_TENANT_ID, SWC } from "../../../src/emulator/demo/base.js";
import type { DemoFragment } from "../../../src/emulator/demo/fragment.js";

const fragment: DemoFragment = {
  rule: "cosmos-db-account-customer-managed-key",
  resources: [
    cosmosAccount({
      rg: DEMO_RG.vardJournal,
      name: "cosmos-exk-vard-planering",
      regions: [SWC],
      created: "2024-01-15T08:30:00Z",
      cmk: keyRef("kv-exk-vard-nycklar01", "cmk-cosmos"),
      tenantId: DEMO_TENANT_ID,
      minimalTlsVersion: "Tls12",
    }),
  ],
};

export default fragment;
