/**
 * RES-04 storage-account-replica-location-allowed. Passes: stexkgemdokument01 (Standard_GRS →
 * Sweden South, cross-tenant replication off) and stexkvardjournal01 (Standard_GZRS → Sweden
 * South); both also pass ENC-01, ENC-05, ENC-06 and ENC-07. Fails elsewhere: stexkdrkopia01
 * (`secondary`, ENC-07 fragment), stexkgemarkiv01 and stexkvardbilder01 (`cross-tenant`).
 */
import { keyRef, storageAccount } from "../../../src/builders/arm.js";
import { DEMO_RG, DEMO_STORAGE_BASELINE, DEMO_TENANT_ID, SWC, SWS } from "../../../src/emulator/demo/base.js";
import type { DemoFragment } from "../../../src/emulator/demo/fragment.js";

const fragment: DemoFragment = {
  rule: "storage-account-replica-location-allowed",
  resources: [
    storageAccount({
      rg: DEMO_RG.gemLagring,
      name: "stexkgemdokument01",
      location: SWC,
      sku: "Standard_GRS",
      secondaryLocation: SWS,
      created: "2024-03-11T08:22:17.1234567Z",
      tags: { confidentiality: "3", system: "Dokument- och ärendehantering" },
      cmk: keyRef("kv-exk-gem-nycklar01", "cmk-lagring"),
      tenantId: DEMO_TENANT_ID,
      ...DEMO_STORAGE_BASELINE,
    }),
    storageAccount({
      rg: DEMO_RG.vardJournal,
      name: "stexkvardjournal01",
      location: SWC,
      sku: "Standard_GZRS",
      secondaryLocation: SWS,
      created: "2023-02-14T09:31:05.2214567Z",
      cmk: keyRef("kv-exk-vard-nycklar01", "cmk-journal"),
      tenantId: DEMO_TENANT_ID,
      ...DEMO_STORAGE_BASELINE,
    }),
  ],
};

export default fragment;
