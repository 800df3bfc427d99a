/**
 * RES-06 cosmos-db-replica-location-allowed. Fails: cosmos-exk-gem-katalog (Sweden Central and
 * North Europe); it also fails ENC-03 (no customer key) and ENC-06 (`Tls`). Passes:
 * cosmos-exk-vard-planering (ENC-03 fragment). Utbildning has no Cosmos DB: the provider is not
 * registered there (skeleton).
 */
import { cosmosAccount } from "../../../src/builders/arm.js";
import { DEMO_RG, NEU, SWC } from "../../../src/emulator/demo/base.js";
import type { DemoFragment } from "../../../src/emulator/demo/fragment.js";

const fragment: DemoFragment = {
  rule: "cosmos-db-replica-location-allowed",
  resources: [
    cosmosAccount({
      rg: DEMO_RG.gemLagring,
      name: "cosmos-exk-gem-katalog",
      regions: [SWC, NEU],
      created: "2023-10-02T10:11:12Z",
      minimalTlsVersion: "Tls",
    }),
  ],
};

export default fragment;
