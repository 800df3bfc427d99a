/**
 * ENC-05 storage-account-infrastructure-encryption. Fails: stexkvardbilder01
 * (`requireInfrastructureEncryption: false`; level 3 from its group, so it also fails ENC-01 and
 * RES-04 `cross-tenant`, created 2022). Passes: the accounts of the RES-04 and CLS-01 fragments.
 */
import { storageAccount } from "../../../src/builders/arm.js";
import { DEMO_RG, SWC } from "../../../src/emulator/demo/base.js";
import type { DemoFragment } from "../../../src/emulator/demo/fragment.js";

const fragment: DemoFragment = {
  rule: "storage-account-infrastructure-encryption",
  resources: [
    storageAccount({
      rg: DEMO_RG.vardJournal,
      name: "stexkvardbilder01",
      location: SWC,
      sku: "Standard_LRS",
      created: "2022-04-07T13:15:44.0987654Z",
      requireInfrastructureEncryption: false,
      minimumTlsVersion: "TLS1_2",
      supportsHttpsTrafficOnly: true,
    }),
  ],
};

export default fragment;
