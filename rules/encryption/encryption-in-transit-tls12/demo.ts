/**
 * ENC-06 encryption-in-transit-tls12. Fails: stexkgemarkiv01 (`minimumTlsVersion` absent → TLS
 * 1.0); it also fails RES-04 `cross-tenant` (property absent, created before 2023-12-15) and
 * ENC-01, and passes RES-04 `secondary` (Standard_RAGRS → Sweden South). Other ENC-06 results come
 * from the storage accounts, SQL servers and Cosmos DB accounts of other fragments.
 */
import { storageAccount } from "../../../src/builders/arm.js";
import { DEMO_RG, SWC, SWS } from "../../../src/emulator/demo/base.js";
import type { DemoFragment } from "../../../src/emulator/demo/fragment.js";

const fragment: DemoFragment = {
  rule: "encryption-in-transit-tls12",
  resources: [
    storageAccount({
      rg: DEMO_RG.gemLagring,
      name: "stexkgemarkiv01",
      location: SWC,
      sku: "Standard_RAGRS",
      secondaryLocation: SWS,
      created: "2021-05-04T11:02:33.7000000Z",
      supportsHttpsTrafficOnly: true,
    }),
  ],
};

export default fragment;
