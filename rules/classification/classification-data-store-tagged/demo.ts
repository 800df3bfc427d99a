/**
 * CLS-02 classification-data-store-tagged. Fails: stexkskolalab01 (North Europe, no
 * classification up its chain: also RES-01 and ENC-01) and stexkskolawebb01 (its group's
 * `konfidentialitet: hemlig` is not a valid value). Other unclassified data stores in Utbildning
 * come from the RES-01, RES-05, RES-07, ENC-02, ENC-04 and ENC-08 fragments.
 */
import { storageAccount } from "../../../src/builders/arm.js";
import { DEMO_RG, NEU, SWC } from "../../../src/emulator/demo/base.js";
import type { DemoFragment } from "../../../src/emulator/demo/fragment.js";

const fragment: DemoFragment = {
  rule: "classification-data-store-tagged",
  resources: [
    storageAccount({
      rg: DEMO_RG.skolaLab,
      name: "stexkskolalab01",
      location: NEU,
      sku: "Standard_LRS",
      created: "2024-02-26T10:00:00.0000000Z",
      minimumTlsVersion: "TLS1_2",
      supportsHttpsTrafficOnly: true,
    }),
    storageAccount({
      rg: DEMO_RG.skolaWebb,
      name: "stexkskolawebb01",
      location: SWC,
      sku: "Standard_ZRS",
      created: "2024-05-13T10:00:00.0000000Z",
      minimumTlsVersion: "TLS1_2",
      supportsHttpsTrafficOnly: true,
      allowCrossTenantReplication: false,
    }),
  ],
};

export default fragment;
