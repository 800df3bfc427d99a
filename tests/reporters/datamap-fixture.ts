/**
 * A findings document with a data map for report.html's data map tests: the fixture document
 * (fixture.ts) with a `dataMap` built by hand, as the findings builder would give it. Region
 * coordinates are the locations API's `metadata.latitude`/`longitude` values (the emulator's table,
 * src/emulator/locations.ts, has the same ones).
 */
import { REASONS } from "../../src/findings/datamap.js";
import type { CopyKind, DataCopy, DataMap, DataMapRegion, FindingsDocument } from "../../src/findings/types.js";
import { fingerprint, HOSTILE_NAME, makeDocument, SUB_PROD } from "./fixture.js";

const RG = `/subscriptions/${SUB_PROD}/resourceGroups/rg-data`;

function copy(type: string, name: string, kind: CopyKind, region: string | undefined, ruleId: string, extra: Partial<DataCopy> = {}): DataCopy {
  const resourceId = `${RG}/providers/${type}/${name}`;
  const resourceKey = resourceId.toLowerCase();
  return {
    resourceId,
    resourceKey,
    resourceName: name,
    resourceType: type,
    subscriptionId: SUB_PROD,
    kind,
    ...(region !== undefined ? { region } : {}),
    ...(kind !== "primary" ? { primaryRegion: "swedencentral" } : {}),
    state: "read",
    source: { ruleId, fingerprint: fingerprint(ruleId, resourceKey) },
    ...extra,
  };
}

/** Regions: two allowed in Sweden, Norway (EEA), the Netherlands (EU), the US (DPF), `global`, and Poland without coordinates. */
export const MAP_REGIONS: DataMapRegion[] = [
  { name: "swedencentral", displayName: "Sweden Central", latitude: 60.67488, longitude: 17.14127, country: "SE", regime: "sweden", allowed: true },
  { name: "swedensouth", displayName: "Sweden South", latitude: 55.60587, longitude: 13.00073, country: "SE", regime: "sweden", allowed: true },
  { name: "norwayeast", displayName: "Norway East", latitude: 59.913868, longitude: 10.752245, country: "NO", regime: "eea", allowed: false },
  { name: "westeurope", displayName: "West Europe", latitude: 52.3667, longitude: 4.9, country: "NL", regime: "eu", allowed: false },
  { name: "eastus", displayName: "East US", latitude: 37.3719, longitude: -79.8164, country: "US", regime: "us-dpf", allowed: false },
  { name: "global", regime: "unknown", allowed: false },
  // Its coordinates were not read (the subscription's locations list did not have it).
  { name: "polandcentral", displayName: "Poland Central", country: "PL", regime: "eu", allowed: false },
];

/** The data map: a primary in swedencentral per resource and one copy each of every kind, one unreadable. */
export function makeDataMap(): DataMap {
  const st = "Microsoft.Storage/storageAccounts";
  const cosmos = "Microsoft.DocumentDB/databaseAccounts";
  const sql = "Microsoft.Sql/servers";
  const ai = "Microsoft.CognitiveServices/accounts";
  const rsv = "Microsoft.RecoveryServices/vaults";
  return {
    regions: MAP_REGIONS,
    copies: [
      copy(st, "stprodsvc", "primary", "swedencentral", "RES-01"),
      copy(st, "stprodsvc", "secondary", "swedensouth", "RES-02"),
      copy(cosmos, "cosmos-prod", "primary", "swedencentral", "RES-01"),
      copy(cosmos, "cosmos-prod", "replica", "norwayeast", "RES-05"),
      copy(sql, "sql-prod", "primary", "swedencentral", "RES-01"),
      copy(sql, "sql-prod", "backup", "westeurope", "RES-04"),
      copy(sql, "sql-prod", "failover-partner", "polandcentral", "RES-04"),
      copy(ai, "aoai-prod", "primary", "swedencentral", "RES-01"),
      copy(ai, "aoai-prod", "ai-processing", "global", "RES-03"),
      copy(st, HOSTILE_NAME, "primary", "swedencentral", "RES-01"),
      copy(st, HOSTILE_NAME, "key", "eastus", "ENC-01"),
      copy(rsv, "rsv-prod", "primary", "swedencentral", "RES-01"),
      copy(rsv, "rsv-prod", "backup", undefined, "RES-06", { state: "unreadable", unreadableReason: REASONS.noKnownPair }),
    ],
    m365: [
      { geo: "SWE", kind: "user", count: 412, regime: "sweden", allowed: true },
      { geo: "EUR", kind: "site", count: 9, regime: "eu", allowed: false },
      { geo: "NAM", kind: "group", count: 2, regime: "us-dpf", allowed: false },
    ],
    m365Unreadable: [{ kind: "user", reason: "Graph 403 Authorization_RequestDenied: User.Read.All is missing" }],
  };
}

/** The fixture document with the data map. */
export function makeDataMapDocument(): FindingsDocument {
  return { ...makeDocument(), dataMap: makeDataMap() };
}
