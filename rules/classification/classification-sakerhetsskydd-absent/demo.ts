/**
 * CLS-01 classification-sakerhetsskydd-absent. Fails: the resource group rg-exk-gem-krisledning
 * (tag `konfidentialitet: sakerhetsskydd`, in the skeleton) and stexkkrisledning01 in it, which
 * inherits that level (and passes ENC-01, ENC-05, ENC-06, ENC-07).
 */
import { keyRef, storageAccount } from "../../../src/builders/arm.js";
import { DEMO_RG, DEMO_STORAGE_BASELINE, DEMO_TENANT_ID, SWC } from "../../../src/emulator/demo/base.js";
import type { DemoFragment } from "../../../src/emulator/demo/fragment.js";

const fragment: DemoFragment = {
  rule: "classification-sakerhetsskydd-absent",
  resources: [
    storageAccount({
      rg: DEMO_RG.gemKris,
      name: "stexkkrisledning01",
      location: SWC,
      sku: "Standard_ZRS",
      created: "2025-01-20T09:00:00.0000000Z",
      cmk: keyRef("kv-exk-gem-nycklar01", "cmk-lagring"),
      tenantId: DEMO_TENANT_ID,
      ...DEMO_STORAGE_BASELINE,
    }),
  ],
};

export default fragment;
