/**
 * The data map: built from the results the real rules give for realistic snapshots (ARM and Graph
 * payload shapes from tests/fixtures), every expected copy written out by hand.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { buildDocument } from "../../src/findings/document.js";
import { FINDINGS_SCHEMA_VERSION } from "../../src/findings/types.js";
import { defaultConfig, runRules } from "../../src/index.js";
import { loadRules } from "../../src/engine/registry.js";
import { buildDataMap, DataMapCollector } from "../../src/findings/datamap.js";
import type { DataCopy, DataMap } from "../../src/findings/types.js";
import { cognitiveAccount, cognitiveDeployment } from "../fixtures/ai.js";
import { recoveryServicesVault } from "../fixtures/backup.js";
import { containerRegistry, registryReplication } from "../fixtures/container-registry.js";
import { cosmosDbAccount } from "../fixtures/cosmos-db.js";
import { flexibleServer } from "../fixtures/encryption.js";
import { geoRootSite, group, organization, site, user } from "../fixtures/m365.js";
import { genericListOf } from "../fixtures/resources.js";
import { type ArmResource, failure, makeSnapshot, SUB, TENANT } from "../fixtures/snapshot.js";
import { sqlDatabase, sqlFailoverGroup, sqlMasterDatabase, sqlReplicationLink, sqlServer } from "../fixtures/sql.js";
import { storageAccount } from "../fixtures/storage.js";
import { keyVault, vaultKey } from "../fixtures/vaults.js";

const rules = await loadRules();
const NOW = new Date("2026-12-05T02:00:00Z");

// Regions as the locations API gives them (toRegionInfo of GetLocations.json-shaped items): eastus's
// coordinates are the spec example's; westeurope has none here (not read), so the map has none for it.
const REGIONS = [
  { name: "swedencentral", displayName: "Sweden Central", geography: "Sweden", pairedRegion: ["swedensouth"], latitude: 60.67488, longitude: 17.14127 },
  { name: "swedensouth", displayName: "Sweden South", geography: "Sweden", pairedRegion: ["swedencentral"], latitude: 55.60587, longitude: 13.00073 },
  { name: "eastus", displayName: "East US", geography: "United States", pairedRegion: ["westus"], latitude: 37.3719, longitude: -79.8164 },
  { name: "westeurope", displayName: "West Europe", geography: "Europe", pairedRegion: ["northeurope"] },
];

function mapOf(snapshot: ReturnType<typeof makeSnapshot>, config = defaultConfig()): DataMap {
  const { findings } = runRules(snapshot, rules, { config, now: NOW });
  return buildDataMap(findings, snapshot, config);
}

/** A copy as one line: `kind resource primaryRegion→region state (rule)`. */
const line = (c: DataCopy) => `${c.kind} ${c.resourceName} ${c.primaryRegion ?? "-"}→${c.region ?? "?"} ${c.state} (${c.source.ruleId})`;

// One subscription holding a copy of every kind.
const stgeo = storageAccount("stgeo", { sku: { name: "Standard_GRS" }, properties: { secondaryLocation: "swedensouth" } });
const stweu = storageAccount("stweu", { location: "westeurope", sku: { name: "Standard_RAGRS" } });
const cosmos = cosmosDbAccount("cosmos-kat", ["Sweden Central", "North Europe"], {
  properties: { backupPolicy: { type: "Periodic", periodicModeProperties: { backupIntervalInMinutes: 240, backupRetentionIntervalInHours: 8, backupStorageRedundancy: "Geo" } } },
});
const sql = sqlServer("sql-exk");
const appdb = sqlDatabase(sql, "appdb", { properties: { currentBackupStorageRedundancy: "Geo", requestedBackupStorageRedundancy: "Geo" } });
const master = sqlMasterDatabase(sql);
const fg = sqlFailoverGroup(sql, "fg-exk", [undefined]);
const cr = containerRegistry("crexk");
const rsv = recoveryServicesVault("rsv-exk");
const oai = cognitiveAccount("oai-exk");
const kvUs = keyVault("kv-eus", { location: "eastus" });
const stcmk = storageAccount("stcmk", { properties: { encryption: { keySource: "Microsoft.Keyvault", keyvaultproperties: { keyvaulturi: "https://kv-eus.vault.azure.net/", keyname: "cmk-analys", keyversion: "" } } } });
const pg = flexibleServer("postgres", "pg-ext", "https://kv-leverantor.vault.azure.net/keys/elevdata/6b1e0c3f9a8d4e27b5c1f0a2d3e4b5c6");
const stores: ArmResource[] = [stgeo, stweu, cosmos, sql, master, appdb, cr, rsv, oai, kvUs, stcmk, pg];

const everything = makeSnapshot({
  regions: REGIONS,
  subscriptions: [
    {
      collections: {
        resources: genericListOf(stores),
        storageAccounts: [stgeo, stweu, stcmk],
        cosmosDbAccounts: [cosmos],
        sqlServers: [sql],
        sqlDatabases: [master, appdb],
        sqlFailoverGroups: [fg],
        sqlReplicationLinks: [sqlReplicationLink(appdb, "West Europe")],
        containerRegistries: [cr],
        containerRegistryReplications: [registryReplication(cr, "swedencentral"), registryReplication(cr, "norwayeast")],
        recoveryServicesVaults: [rsv],
        cognitiveAccounts: [oai],
        cognitiveDeployments: [cognitiveDeployment(oai, "gpt-global", "GlobalStandard"), cognitiveDeployment(oai, "gpt-dz", "DataZoneStandard"), cognitiveDeployment(oai, "gpt-std", "Standard")],
        keyVaults: [kvUs],
        vaultKeys: [vaultKey(kvUs, "cmk-analys")],
        managedHsms: [],
        postgresFlexibleServers: [pg],
      },
    },
  ],
});

describe("data map from the rules' results", () => {
  const map = mapOf(everything);

  it("has every copy of every store, each once, with the rule result it came from", () => {
    expect(map.copies.map(line).sort()).toEqual(
      [
        // Primaries: each data store's own region (RES-01); `master` is the server's system database, not a copy of the organisation's data.
        "primary stgeo -→swedencentral read (RES-01)",
        "primary stweu -→westeurope read (RES-01)",
        "primary cosmos-kat -→swedencentral read (RES-01)",
        "primary sql-exk -→swedencentral read (RES-01)",
        "primary appdb -→swedencentral read (RES-01)",
        "primary crexk -→swedencentral read (RES-01)",
        "primary rsv-exk -→swedencentral read (RES-01)",
        "primary oai-exk -→swedencentral read (RES-01)",
        "primary kv-eus -→eastus read (RES-01)",
        "primary stcmk -→swedencentral read (RES-01)",
        "primary pg-ext -→swedencentral read (RES-01)",
        // Storage secondaries: reported by ARM, or the region pair when ARM did not say.
        "secondary stgeo swedencentral→swedensouth read (RES-04)",
        "secondary stweu westeurope→northeurope read (RES-04)",
        // Cosmos DB: the second listed region is a replica; periodic Geo backup goes to the write region's pair.
        "replica cosmos-kat swedencentral→northeurope read (RES-06)",
        "backup cosmos-kat swedencentral→swedensouth read (RES-06)",
        // SQL: geo backup to the pair, the replication link's partner, a failover-group partner whose location ARM left out.
        "backup appdb swedencentral→swedensouth read (RES-05)",
        "replica appdb swedencentral→westeurope read (RES-05)",
        "failover-partner fg-exk swedencentral→? unreadable (RES-05)",
        // Registry replication (its home region's replication is the primary) and the vault's geo-redundant pair.
        "replica crexk swedencentral→norwayeast read (RES-07)",
        "backup rsv-exk swedencentral→swedensouth read (RES-07)",
        // AI: global, the EU data zone, and a regional deployment in the account's region.
        "ai-processing gpt-global swedencentral→global read (RES-08)",
        "ai-processing gpt-dz swedencentral→datazone-eu read (RES-08)",
        "ai-processing gpt-std swedencentral→swedencentral read (RES-08)",
        // Keys: in a vault in East US; in a supplier's vault outside the tenant (where is unknown).
        "key stcmk swedencentral→eastus read (ENC-07)",
        "key pg-ext swedencentral→? unreadable (ENC-07)",
      ].sort(),
    );
  });

  it("names the source result and, for a key, its vault; says why a copy is unreadable", () => {
    const key = map.copies.find((c) => c.kind === "key" && c.resourceName === "stcmk");
    expect(key?.keyHolderId).toBe(kvUs.id);
    expect(key?.source.ruleId).toBe("ENC-07");
    expect(key?.source.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(key?.resourceId).toBe(stcmk.id);
    expect(key?.subscriptionId).toBe(SUB);
    const outside = map.copies.find((c) => c.kind === "key" && c.resourceName === "pg-ext");
    expect(outside?.unreadableReason).toBe("the key is held outside the audited tenant's vaults and managed HSMs");
    expect(outside?.keyHolderId).toBeUndefined();
    expect(map.copies.find((c) => c.kind === "failover-partner")?.unreadableReason).toBe("the evidence names no region for this copy");
    expect(map.copies.filter((c) => c.state === "read").every((c) => c.unreadableReason === undefined)).toBe(true);
  });

  it("lists each region once, canonical, with coordinates, country, regime and the profile's verdict", () => {
    expect(map.regions).toEqual([
      { name: "datazone-eu", displayName: "EU Data Zone", regime: "eu", allowed: false },
      { name: "eastus", displayName: "East US", latitude: 37.3719, longitude: -79.8164, country: "US", regime: "us-dpf", allowed: false },
      { name: "global", regime: "unknown", allowed: false },
      { name: "northeurope", displayName: "North Europe", country: "IE", regime: "eu", allowed: false },
      { name: "norwayeast", displayName: "Norway East", country: "NO", regime: "eea", allowed: false },
      { name: "swedencentral", displayName: "Sweden Central", latitude: 60.67488, longitude: 17.14127, country: "SE", regime: "sweden", allowed: true },
      { name: "swedensouth", displayName: "Sweden South", latitude: 55.60587, longitude: 13.00073, country: "SE", regime: "sweden", allowed: true },
      { name: "westeurope", displayName: "West Europe", country: "NL", regime: "eu", allowed: false },
    ]);
  });

  it("follows the profile: the eu preset allows the EU regions and the EU data zone; global only when listed", () => {
    const eu = defaultConfig("eu");
    eu.profile.allowedRegions = [...eu.profile.allowedRegions, "Global"];
    const allowed = Object.fromEntries(mapOf(everything, eu).regions.map((r) => [r.name, r.allowed]));
    expect(allowed).toEqual({ "datazone-eu": true, eastus: false, global: true, northeurope: true, norwayeast: false, swedencentral: true, swedensouth: true, westeurope: true });
  });
});

describe("unreadable copies are kept", () => {
  it("a storage list that could not be read: the account's primary from the generic list, its secondary and any key unreadable", () => {
    const snapshot = makeSnapshot({
      regions: REGIONS,
      subscriptions: [{ collections: { resources: genericListOf([stgeo]) } }],
      coverage: [failure("storageAccounts")],
    });
    const map = mapOf(snapshot);
    const rows = map.copies.filter((c) => c.resourceName === "stgeo").map(line);
    // Whether it has a customer key, and where, was not read either (ENC-07 not assessed): shown as a key copy that could not be read.
    expect(rows).toEqual(["primary stgeo -→swedencentral read (RES-01)", "secondary stgeo swedencentral→? unreadable (RES-04)", "key stgeo swedencentral→? unreadable (ENC-07)"]);
    expect(map.copies.find((c) => c.kind === "secondary")?.unreadableReason).toBe(`AuthorizationFailed (HTTP 403): storageAccounts at /subscriptions/${SUB}`);
  });

  it("a subscription whose resources could not be listed: one unreadable primary stands for its data stores", () => {
    const snapshot = makeSnapshot({ regions: REGIONS, subscriptions: [{ collections: {} }], coverage: [failure("resources")] });
    const primaries = mapOf(snapshot).copies.filter((c) => c.kind === "primary");
    expect(primaries.map((c) => [c.resourceId, c.state, c.region])).toEqual([[`/subscriptions/${SUB}`, "unreadable", undefined]]);
  });

  it("a DataZone deployment in a region of no known data zone", () => {
    const no = cognitiveAccount("oai-no", "norwayeast");
    const snapshot = makeSnapshot({ subscriptions: [{ collections: { resources: genericListOf([no]), cognitiveAccounts: [no], cognitiveDeployments: [cognitiveDeployment(no, "dz", "DataZoneStandard")] } }] });
    const ai = mapOf(snapshot).copies.filter((c) => c.kind === "ai-processing");
    expect(ai.map(line)).toEqual(["ai-processing dz norwayeast→? unreadable (RES-08)"]);
    expect(ai[0]?.unreadableReason).toBe("the account's region is in no data zone Hemvist knows");
  });
});

describe("Microsoft 365 on the data map", () => {
  const U = ["4a1b2c3d-0e1f-4a2b-8c3d-4e5f6a7b8c9d", "5b2c3d4e-1f2a-4b3c-9d4e-5f6a7b8c9d0e", "6c3d4e5f-2a3b-4c4d-ae5f-6a7b8c9d0e1f", "8e5f6a7b-4c5d-4e6f-8a7b-9c0d1e2f3a4b"];
  const G = "7d4e5f6a-3b4c-4d5e-bf6a-7b8c9d0e1f2a";
  const usersDenied = failure("m365Users", `/tenants/${TENANT}/users`, { operation: "GET /users", httpStatus: 403, code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation.", permission: "User.Read.All" });

  it("counts objects per geo and kind with their regime; users whose list was refused are noted, not dropped", () => {
    const snapshot = makeSnapshot({
      m365: {
        organization: [organization()],
        rootSite: [geoRootSite("exempelkommun.sharepoint.com", "SWE")],
        groups: [group(G, "NOR")],
        sites: [site("sites/kultur", "SWE"), site("sites/interreg", "EUR"), site("sites/projekt", "NAM")],
      },
      coverage: [usersDenied],
    });
    const map = mapOf(snapshot);
    expect(map.m365).toEqual([
      { geo: "SWE", kind: "tenant", count: 1, regime: "sweden", allowed: true },
      { geo: "NOR", kind: "group", count: 1, regime: "eea", allowed: false },
      { geo: "EUR", kind: "site", count: 1, regime: "eu", allowed: false },
      { geo: "NAM", kind: "site", count: 1, regime: "us-dpf", allowed: false },
      { geo: "SWE", kind: "site", count: 1, regime: "sweden", allowed: true },
    ]);
    // The list's gap and RES-10's not-assessed result for it are one entry; how many users it hid is unknown.
    expect(map.m365Unreadable).toEqual([{ kind: "user", reason: `Authorization_RequestDenied (HTTP 403): m365Users at /tenants/${TENANT}/users` }]);
  });

  it("a site list cut off part-way: the sites read are not assessed, and how many the gap hid is unknown", () => {
    const throttled = failure("m365Sites", `/tenants/${TENANT}/sites`, { operation: "GET /sites/getAllSites?$skiptoken=…", httpStatus: 429, code: "TooManyRequests", message: "Too many requests.", permission: "Sites.Read.All" });
    const snapshot = makeSnapshot({
      m365: { organization: [organization()], rootSite: [geoRootSite("exempelkommun.sharepoint.com", "SWE")], users: [user(U[0] as string, "SWE")], groups: [], sites: [site("sites/kultur", "SWE"), site("sites/intranat", "NAM")] },
      coverage: [throttled],
    });
    const map = mapOf(snapshot);
    expect(map.m365.map((m) => `${m.kind} ${m.geo} ${m.count}`)).toEqual(["tenant SWE 1", "user SWE 1"]);
    expect(map.m365Unreadable).toEqual([{ kind: "site", reason: `TooManyRequests (HTTP 429): m365Sites at /tenants/${TENANT}/sites` }]);
  });

  it("the root site not read: the tenant's default geo is noted once, for the one tenant", () => {
    const snapshot = makeSnapshot({
      m365: { organization: [organization()], users: [], groups: [], sites: [] },
      coverage: [failure("m365RootSite", `/tenants/${TENANT}/rootSite`, { operation: "GET /sites/root", httpStatus: 403, code: "accessDenied", message: "Access denied", permission: "Sites.Read.All" })],
    });
    expect(mapOf(snapshot).m365Unreadable).toEqual([{ kind: "tenant", count: 1, reason: `accessDenied (HTTP 403): m365RootSite at /tenants/${TENANT}/rootSite` }]);
  });

  it("counts users with their own location; the tenant's default geo needing attestation is noted", () => {
    const snapshot = makeSnapshot({
      m365: {
        organization: [organization()],
        rootSite: [geoRootSite("exempelkommun.sharepoint.com", undefined)],
        users: [user(U[0] as string, "SWE"), user(U[1] as string, "EUR"), user(U[2] as string, "SWE"), user(U[3] as string, null)],
        groups: [],
        sites: [],
      },
    });
    const map = mapOf(snapshot);
    expect(map.m365).toEqual([
      { geo: "SWE", kind: "user", count: 2, regime: "sweden", allowed: true },
      { geo: "EUR", kind: "user", count: 1, regime: "eu", allowed: false },
    ]);
    expect(map.m365Unreadable).toEqual([{ kind: "tenant", count: 1, reason: "no API shows the tenant's default geo: it needs attestation (attestations.m365DefaultGeo)" }]);
  });
});

describe("DataMapCollector", () => {
  it("gives the same map from results added rule by rule as from all at once", () => {
    const config = defaultConfig();
    const { findings } = runRules(everything, rules, { config, now: NOW });
    const c = new DataMapCollector();
    const byRule = new Map<string, typeof findings>();
    for (const f of findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
    for (const batch of [...byRule.values()].reverse()) c.add(batch);
    expect(c.build(everything, config)).toEqual(buildDataMap(findings, everything, config));
  });

  it("ignores results of rules that place no data", () => {
    const config = defaultConfig();
    const { findings } = runRules(everything, rules, { config, now: NOW });
    const c = new DataMapCollector();
    c.add(findings.filter((f) => !["RES-01", "RES-03", "RES-04", "RES-05", "RES-06", "RES-07", "RES-08", "ENC-07", "RES-10"].includes(f.ruleId)));
    expect(c.build(everything, config)).toEqual({ regions: [], copies: [], m365: [], m365Unreadable: [] });
  });
});

describe("findings.json carries the data map, valid against its schema", () => {
  const config = defaultConfig();
  const run = runRules(everything, rules, { config, now: NOW });
  const doc = buildDocument({
    snapshot: everything,
    snapshotSha256: "a".repeat(64),
    findings: run.findings,
    rules: run.rules,
    config,
    generatedAt: NOW,
    toolVersion: "0.0.0-test",
    outcome: { failOn: "high", failOnNew: false, allowPartial: false },
  });
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormats as unknown as (a: unknown) => void)(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(join(import.meta.dirname, "../../schemas/findings.schema.json"), "utf8")) as object);
  const valid = (d: unknown) => (validate(d) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

  it("is in the document (schema 1.5) and validates", () => {
    expect(FINDINGS_SCHEMA_VERSION).toBe("1.8.0");
    expect(doc.dataMap).toEqual(buildDataMap(run.findings, everything, config));
    expect(valid(JSON.parse(JSON.stringify(doc)))).toEqual([]);
  });

  it("the schema refuses a read copy without a region, an unreadable one with a region, an unknown regime and coordinates out of range", () => {
    const broken = (change: (m: DataMap) => void) => {
      const d = JSON.parse(JSON.stringify(doc));
      change(d.dataMap);
      return valid(d).length;
    };
    expect(broken((m) => void delete (m.copies.find((c) => c.state === "read") as DataCopy).region)).toBeGreaterThan(0);
    expect(broken((m) => void ((m.copies.find((c) => c.state === "unreadable") as DataCopy).region = "swedencentral"))).toBeGreaterThan(0);
    expect(broken((m) => void ((m.regions[0] as { regime: string }).regime = "gdpr"))).toBeGreaterThan(0);
    expect(broken((m) => void ((m.regions.find((r) => r.name === "eastus") as { latitude: number }).latitude = 95))).toBeGreaterThan(0);
    expect(broken(() => undefined)).toBe(0);
  });

  it("residency counts a global resource as allowed only when the profile lists global", () => {
    const dns = { id: `/subscriptions/${SUB}/resourceGroups/rg-app/providers/Microsoft.Network/dnszones/exempelkommun.se`, name: "exempelkommun.se", type: "Microsoft.Network/dnszones", location: "global" };
    const snap = makeSnapshot({ subscriptions: [{ collections: { resources: [dns] } }] });
    const residency = (c: ReturnType<typeof defaultConfig>) =>
      buildDocument({ snapshot: snap, snapshotSha256: "a".repeat(64), findings: [], rules: [], config: c, generatedAt: NOW, toolVersion: "0", outcome: { failOn: "high", failOnNew: false, allowPartial: false } }).residency.regions;
    expect(residency(defaultConfig())).toEqual([{ region: "global", allowed: false, subscriptionId: SUB, count: 1 }]);
    const withGlobal = defaultConfig();
    withGlobal.profile.allowedRegions = [...withGlobal.profile.allowedRegions, "global"];
    expect(residency(withGlobal)).toEqual([{ region: "global", allowed: true, subscriptionId: SUB, count: 1 }]);
  });
});
