/**
 * RES-06 cosmos-db-replica-location-allowed. Replicas: cosmos-exk-gem-katalog fails (Sweden Central
 * and North Europe); it also fails ENC-03 (no customer key) and ENC-06 (`Tls`). cosmos-exk-vard-planering
 * passes (ENC-03 fragment). Backups (part `backup`): cosmos-exk-gem-katalog passes (periodic, Geo:
 * copied to Sweden South, the pair of its write region Sweden Central); cosmos-exk-dr-mongo01 fails
 * (periodic, Geo, write region West Europe: copied to North Europe) and fails on replicas (West
 * Europe; also RES-01). cosmos-exk-dr-mongo01 is a MongoDB-API account without `minimalTlsVersion`,
 * so ENC-06 passes it (that API accepts only TLS 1.2). cosmos-exk-vard-planering keeps its
 * periodic backups locally (`Local`: pass). Utbildning has no Cosmos DB: the provider is not
 * registered there (skeleton).
 */
import { cosmosAccount } from "../../../src/builders/arm.js";
import { merge } from "../../../src/builders/merge.js";
import { DEMO_RG, NEU, SWC, WEU } from "../../../src/emulator/demo/base.js";
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
      backupStorageRedundancy: "Geo",
    }),
    // A MongoDB-API account as ARM lists it: kind MongoDB, the EnableMongo capability, the server version.
    merge(
      cosmosAccount({
        rg: DEMO_RG.gemDr,
        name: "cosmos-exk-dr-mongo01",
        regions: [WEU],
        created: "2022-11-08T09:30:00Z",
        minimalTlsVersion: "Tls12",
        backupStorageRedundancy: "Geo",
      }),
      {
        kind: "MongoDB",
        properties: {
          EnabledApiTypes: "MongoDB",
          apiProperties: { serverVersion: "4.2" },
          capabilities: [{ name: "EnableMongo" }],
          minimalTlsVersion: undefined,
        },
      },
    ),
  ],
};

export default fragment;
