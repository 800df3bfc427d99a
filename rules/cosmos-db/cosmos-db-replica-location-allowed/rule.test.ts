/** Table tests for RES-06 cosmos-db-replica-location-allowed: replica regions (no part) and periodic-backup pairs (part `backup`). */
import { describe, expect, it } from "vitest";
import rule from "./rule.js";
import { defaultConfig } from "../../../src/index.js";
import { cosmosDbAccount } from "../../../tests/fixtures/cosmos-db.js";
import { failedInSub2, findingsOf, forbidden, lines, verdict } from "../../../tests/fixtures/coverage.js";
import { type ArmResource, failure, makeSnapshot, SUB, SUB2 } from "../../../tests/fixtures/snapshot.js";
import { ruleTester } from "../../../tests/helpers/rule-tester.js";

const snap = (...accounts: ArmResource[]) => makeSnapshot({ subscriptions: [{ collections: { cosmosDbAccounts: accounts } }] });
const eu = (c: ReturnType<typeof defaultConfig>) => void (c.profile.allowedRegions = defaultConfig("eu").profile.allowedRegions);
const SE = ["swedencentral", "swedensouth"];
const TYPE = "Microsoft.DocumentDB/databaseAccounts";
const POLICY = { en: "Continuous, or Periodic with Local/Zone or an allowed pair", sv: "Continuous, eller Periodic med Local/Zone eller ett tillåtet regionpar" };
const REDUNDANCY = { en: "Local or Zone, or Geo with an allowed pair", sv: "Local eller Zone, eller Geo med ett tillåtet regionpar" };
const policyEvidence = (type?: string) => ({ path: "properties.backupPolicy.type", actual: type, expected: POLICY, ...(type === undefined ? { defaulted: true } : {}) });
const redundancyEvidence = (r?: string) => ({ path: "properties.backupPolicy.periodicModeProperties.backupStorageRedundancy", actual: r, expected: REDUNDANCY, ...(r === undefined ? { defaulted: true } : {}) });
/** The write region the pair is taken from (`path`: where it was found) and the pair. */
const pairEvidence = (path: string, region: string | undefined, pairs: string[], allowed: string[] = SE) => [
  { path, actual: region, expected: { en: "the write region", sv: "skrivregionen" } },
  { path: "write region (region pair)", actual: pairs, expected: allowed },
];
const WRITE = "properties.writeLocations[failoverPriority 0].locationName";
const alsoWestEurope = (c: ReturnType<typeof defaultConfig>) => void c.profile.allowedRegions.push("westeurope");

/**
 * `backupPolicy` as ARM returns it (specification/cosmos-db/resource-manager/Microsoft.DocumentDB/DocumentDB/stable/2026-03-15/examples/CosmosDBDatabaseAccountGet.json:
 * `{ "type": "Periodic", "periodicModeProperties": { "backupIntervalInMinutes": 240, "backupRetentionIntervalInHours": 8, "backupStorageRedundancy": "Geo" } }`).
 */
const periodic = (backupStorageRedundancy: string | undefined) => ({
  properties: { backupPolicy: { type: "Periodic", periodicModeProperties: { backupIntervalInMinutes: 240, backupRetentionIntervalInHours: 8, backupStorageRedundancy } } },
});
/** A continuous policy (the spec's ContinuousModeBackupPolicy: `type` and `continuousModeProperties.tier`). */
const continuous = { properties: { backupPolicy: { type: "Continuous", continuousModeProperties: { tier: "Continuous7Days" } } } };

/** A location entry as ARM lists it (display name, failover priority). */
const entry = (account: string, displayName: string, failoverPriority: number) => ({
  id: `${account}-${displayName.toLowerCase().replace(/\s+/g, "")}`,
  locationName: displayName,
  documentEndpoint: `https://${account}-${displayName.toLowerCase().replace(/\s+/g, "")}.documents.azure.com:443/`,
  provisioningState: "Succeeded",
  failoverPriority,
  isZoneRedundant: false,
});

// The Cosmos DB list forbidden in SUB2: what its generic resource list shows there decides what is named.
const exk = cosmosDbAccount("cosmos-exk");
const dr2 = cosmosDbAccount("cosmos-dr2", ["Sweden Central", "Norway East"], {}, "rg-data", SUB2);
const solo2 = cosmosDbAccount("cosmos-solo2", ["Sweden South"], {}, "rg-data", SUB2);
const namedInSub2 = failedInSub2({ read: { cosmosDbAccounts: [exk] }, failed: ["cosmosDbAccounts"], unseen: [dr2, solo2] });
const genericFailedInSub2 = failedInSub2({ read: { cosmosDbAccounts: [exk] }, failed: ["cosmosDbAccounts"], unseen: "failed" });
const exkPasses = [
  { status: "pass" as const, messageId: "replicasAllowed", resource: "cosmos-exk" },
  { status: "pass" as const, messageId: "backupLocal", resource: "cosmos-exk", part: "backup" },
];

ruleTester(rule, {
  valid: [
    {
      name: "single region in Sweden Central, periodic backups kept locally",
      snapshot: snap(cosmosDbAccount("cosmos-exk")),
      results: exkPasses,
    },
    { name: "replicated between the two Swedish regions", snapshot: snap(cosmosDbAccount("cosmos-dr", ["Sweden Central", "Sweden South"])) },
    { name: "programmatic and upper-case names", snapshot: snap(cosmosDbAccount("cosmos-case", ["swedencentral", "SWEDEN SOUTH"])) },
    {
      name: "eu profile: West Europe and North Europe",
      snapshot: snap(cosmosDbAccount("cosmos-eu", ["West Europe", "North Europe"])),
      config: eu,
    },
    {
      name: "geo-redundant periodic backups in Sweden Central go to Sweden South",
      snapshot: snap(cosmosDbAccount("cosmos-geo", ["Sweden Central"], periodic("Geo"))),
      results: [
        {
          status: "pass",
          messageId: "replicasAllowed",
          resource: "cosmos-geo",
          type: TYPE,
          location: "Sweden Central",
          message: "cosmos-geo keeps its data in swedencentral, all allowed regions.",
          evidence: [{ path: "properties.locations[].locationName", actual: ["Sweden Central"], expected: SE }],
        },
        {
          status: "pass",
          messageId: "backupPairAllowed",
          resource: "cosmos-geo",
          part: "backup",
          type: TYPE,
          location: "Sweden Central",
          message: "cosmos-geo copies its periodic backups (Geo) to swedensouth, the pair of its write region swedencentral, an allowed region.",
          evidence: [policyEvidence("Periodic"), redundancyEvidence("Geo"), ...pairEvidence(WRITE, "Sweden Central", ["swedensouth"])],
        },
      ],
    },
    {
      name: "continuous backup adds no region; Zone redundancy and enum values in other casing stay local",
      snapshot: snap(
        cosmosDbAccount("cosmos-pitr", ["Sweden Central"], continuous),
        cosmosDbAccount("cosmos-zone", ["Sweden Central"], { properties: { backupPolicy: { type: "periodic", periodicModeProperties: { backupStorageRedundancy: "ZONE" } } } }),
        cosmosDbAccount("cosmos-cont-lc", ["Sweden South"], { properties: { backupPolicy: { type: "CONTINUOUS" } } }),
      ),
      results: [
        { status: "pass", messageId: "replicasAllowed", resource: "cosmos-pitr" },
        {
          status: "pass",
          messageId: "backupContinuous",
          resource: "cosmos-pitr",
          part: "backup",
          message: "cosmos-pitr uses continuous backup, kept in the account's own regions (no copy in a region pair).",
          evidence: [policyEvidence("Continuous")],
        },
        { status: "pass", messageId: "replicasAllowed", resource: "cosmos-zone" },
        {
          status: "pass",
          messageId: "backupLocal",
          resource: "cosmos-zone",
          part: "backup",
          message: "cosmos-zone keeps its periodic backups in its write region (ZONE).",
          evidence: [policyEvidence("periodic"), redundancyEvidence("ZONE")],
        },
        { status: "pass", messageId: "replicasAllowed", resource: "cosmos-cont-lc" },
        { status: "pass", messageId: "backupContinuous", resource: "cosmos-cont-lc", part: "backup" },
      ],
    },
    {
      name: "the write region decides the pair, not the account's location",
      snapshot: snap(cosmosDbAccount("cosmos-moved", ["Sweden Central"], { location: "North Europe", ...periodic("Geo") })),
      results: [
        { status: "pass", messageId: "replicasAllowed", resource: "cosmos-moved" },
        { status: "pass", messageId: "backupPairAllowed", resource: "cosmos-moved", part: "backup" },
      ],
    },
    {
      name: "eu profile: geo-redundant backups of a West Europe account go to North Europe",
      snapshot: snap(cosmosDbAccount("cosmos-weu", ["West Europe"], periodic("Geo"))),
      config: eu,
    },
    { name: "no Cosmos DB accounts", snapshot: snap(), results: [] },
    {
      name: "Cosmos DB list forbidden in SUB2 whose generic list shows no account: nothing there to judge",
      snapshot: failedInSub2({ read: { cosmosDbAccounts: [exk] }, failed: ["cosmosDbAccounts"], unseen: [] }),
      results: exkPasses,
    },
  ],
  invalid: [
    {
      name: "a read replica in Norway East",
      snapshot: snap(cosmosDbAccount("cosmos-no", ["Sweden Central", "Norway East"]), cosmosDbAccount("cosmos-exk")),
      results: [
        {
          status: "fail",
          messageId: "replicasNotAllowed",
          resource: "cosmos-no",
          severity: "high",
          message: "cosmos-no replicates its data to norwayeast, outside the allowed regions.",
          evidence: [{ path: "properties.locations[].locationName", actual: ["Sweden Central", "Norway East"], expected: SE }],
        },
        { status: "pass", messageId: "backupLocal", resource: "cosmos-no", part: "backup" },
        ...exkPasses,
      ],
    },
    {
      name: "write region outside the profile",
      snapshot: snap(cosmosDbAccount("cosmos-us", ["East US", "Sweden Central"])),
      results: [
        { status: "fail", messageId: "replicasNotAllowed", resource: "cosmos-us" },
        { status: "pass", messageId: "backupLocal", resource: "cosmos-us", part: "backup" },
      ],
    },
    {
      name: "a region Hemvist does not know, with geo-redundant backups: its pair is unknown too",
      snapshot: snap(cosmosDbAccount("cosmos-new", ["Sweden North", "Sweden Central"], periodic("Geo"))),
      results: [
        { status: "fail", messageId: "replicasNotAllowed", resource: "cosmos-new" },
        {
          status: "fail",
          messageId: "backupPairUnknown",
          resource: "cosmos-new",
          part: "backup",
          severity: "high",
          message: "cosmos-new copies its periodic backups (Geo) to a region Hemvist cannot determine (swedennorth has no known pair).",
          evidence: [policyEvidence("Periodic"), redundancyEvidence("Geo"), ...pairEvidence(WRITE, "Sweden North", [])],
        },
      ],
    },
    {
      name: "West Europe allowed: the replicas pass, the geo-redundant backups in North Europe fail",
      snapshot: snap(cosmosDbAccount("cosmos-weu", ["West Europe"], periodic("Geo"))),
      config: alsoWestEurope,
      results: [
        { status: "pass", messageId: "replicasAllowed", resource: "cosmos-weu" },
        {
          status: "fail",
          messageId: "backupPairNotAllowed",
          resource: "cosmos-weu",
          part: "backup",
          severity: "high",
          message: "cosmos-weu copies its periodic backups (Geo) to northeurope, the pair of its write region westeurope, which is not one of the allowed regions.",
          evidence: [policyEvidence("Periodic"), redundancyEvidence("Geo"), ...pairEvidence(WRITE, "West Europe", ["northeurope"], [...SE, "westeurope"])],
        },
      ],
    },
    {
      name: "write region of the spec's list example (East US, location West US): backups in West US",
      snapshot: snap(
        cosmosDbAccount("ddb1", ["East US"], { location: "West US", ...periodic("Geo") }),
      ),
      results: [
        { status: "fail", messageId: "replicasNotAllowed", resource: "ddb1" },
        { status: "fail", messageId: "backupPairNotAllowed", resource: "ddb1", part: "backup" },
      ],
    },
    {
      name: "no writeLocations: the locations entry at failover priority 0, wherever it is listed",
      snapshot: snap(
        cosmosDbAccount("cosmos-it", ["West Europe"], {
          ...periodic("Geo"),
          properties: { ...periodic("Geo").properties, writeLocations: undefined, locations: [entry("cosmos-it", "West Europe", 1), entry("cosmos-it", "Italy North", 0)] },
        }),
      ),
      config: eu,
      results: [
        { status: "pass", messageId: "replicasAllowed", resource: "cosmos-it" },
        // Italy North has no pair: a location without a known pair is a finding.
        {
          status: "fail",
          messageId: "backupPairUnknown",
          resource: "cosmos-it",
          part: "backup",
          message: "cosmos-it copies its periodic backups (Geo) to a region Hemvist cannot determine (italynorth has no known pair).",
          evidence: [policyEvidence("Periodic"), redundancyEvidence("Geo"), ...pairEvidence("properties.locations[failoverPriority 0].locationName", "Italy North", [], defaultConfig("eu").profile.allowedRegions)],
        },
      ],
    },
    {
      name: "location entries without a name are left out, for the replicas and for the write region",
      snapshot: snap(
        cosmosDbAccount("cosmos-blank", ["West Europe"], {
          ...periodic("Geo"),
          properties: { ...periodic("Geo").properties, writeLocations: undefined, locations: [{ ...entry("cosmos-blank", "West Europe", 0), locationName: " " }, { ...entry("cosmos-blank", "West Europe", 0), locationName: undefined }, entry("cosmos-blank", "West Europe", 1)] },
        }),
      ),
      config: alsoWestEurope,
      results: [
        { status: "pass", messageId: "replicasAllowed", message: "cosmos-blank keeps its data in westeurope, all allowed regions." },
        {
          status: "fail",
          messageId: "backupPairNotAllowed",
          part: "backup",
          evidence: [policyEvidence("Periodic"), redundancyEvidence("Geo"), ...pairEvidence("properties.locations[failoverPriority 0].locationName", "West Europe", ["northeurope"], [...SE, "westeurope"])],
        },
      ],
    },
    {
      name: "a redundancy value Hemvist does not know is judged as Geo",
      snapshot: snap(cosmosDbAccount("cosmos-gz", ["West Europe"], periodic("GeoZone"))),
      config: alsoWestEurope,
      results: [
        { status: "pass", messageId: "replicasAllowed", resource: "cosmos-gz" },
        { status: "fail", messageId: "backupPairNotAllowed", resource: "cosmos-gz", part: "backup" },
      ],
    },
    {
      name: "a backup policy type Hemvist does not know",
      snapshot: snap(cosmosDbAccount("cosmos-odd", ["Sweden Central"], { properties: { backupPolicy: { type: "Snapshot" } } })),
      results: [
        { status: "pass", messageId: "replicasAllowed", resource: "cosmos-odd" },
        {
          status: "fail",
          messageId: "backupPolicyUnknown",
          resource: "cosmos-odd",
          part: "backup",
          message: "cosmos-odd has a backup policy of a type Hemvist does not recognise (Snapshot), so where its backups are kept is not known.",
          evidence: [policyEvidence("Snapshot")],
        },
      ],
    },
  ],
  notAssessed: [
    {
      name: "Cosmos DB list forbidden in the second subscription: each account its generic list shows is named, for both parts",
      snapshot: namedInSub2,
      results: [
        ...exkPasses,
        { status: "not-assessed", messageId: "__notAssessed", resource: "cosmos-dr2", severity: "high" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "cosmos-dr2", part: "backup", severity: "high" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "cosmos-solo2", severity: "high" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "cosmos-solo2", part: "backup", severity: "high" },
      ],
    },
    {
      name: "Cosmos DB list and generic list forbidden in the second subscription: one result per part on it",
      snapshot: genericFailedInSub2,
      results: [
        ...exkPasses,
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2, part: "backup" },
      ],
    },
    {
      name: "an account read before the list failed",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: { cosmosDbAccounts: [cosmosDbAccount("cosmos-no", ["Norway East"], periodic("Geo"))] } }],
        coverage: [failure("cosmosDbAccounts", `/subscriptions/${SUB}`, { httpStatus: 500, code: "InternalServerError" })],
      }),
      results: [
        { status: "not-assessed", resource: "cosmos-no" },
        { status: "not-assessed", resource: "cosmos-no", part: "backup" },
      ],
    },
  ],
  missingProperty: [
    {
      name: "locations absent: the account's own location",
      snapshot: snap(
        cosmosDbAccount("cosmos-bare", ["Sweden Central"], { properties: { locations: undefined } }),
        cosmosDbAccount("cosmos-bare-us", ["East US"], { properties: { locations: undefined } }),
      ),
      results: [
        { status: "pass", messageId: "replicasAllowed", resource: "cosmos-bare", evidence: [{ path: "properties.locations[].locationName", actual: ["Sweden Central"], expected: SE, defaulted: true }] },
        { status: "pass", messageId: "backupLocal", resource: "cosmos-bare", part: "backup" },
        { status: "fail", messageId: "replicasNotAllowed", resource: "cosmos-bare-us" },
        { status: "pass", messageId: "backupLocal", resource: "cosmos-bare-us", part: "backup" },
      ],
    },
    {
      name: "neither locations nor location",
      snapshot: snap(cosmosDbAccount("cosmos-void", ["Sweden Central"], { location: undefined, properties: { locations: undefined } })),
      results: [
        {
          status: "fail",
          messageId: "replicasNotAllowed",
          resource: "cosmos-void",
          location: "",
          message: "cosmos-void replicates its data to (no location), outside the allowed regions.",
          evidence: [{ path: "properties.locations[].locationName", actual: [], expected: SE, defaulted: true }],
        },
        { status: "pass", messageId: "backupLocal", resource: "cosmos-void", part: "backup" },
      ],
    },
    {
      name: "no backup policy: the platform default, periodic and geo-redundant",
      snapshot: snap(
        cosmosDbAccount("cosmos-nopol-se", ["Sweden Central"], { properties: { backupPolicy: undefined } }),
        cosmosDbAccount("cosmos-nopol-weu", ["West Europe"], { properties: { backupPolicy: undefined } }),
      ),
      config: alsoWestEurope,
      results: [
        { status: "pass", messageId: "replicasAllowed", resource: "cosmos-nopol-se" },
        {
          status: "pass",
          messageId: "backupPairAllowed",
          resource: "cosmos-nopol-se",
          part: "backup",
          message: "cosmos-nopol-se copies its periodic backups (Geo) to swedensouth, the pair of its write region swedencentral, an allowed region.",
          evidence: [policyEvidence(undefined), redundancyEvidence(undefined), ...pairEvidence(WRITE, "Sweden Central", ["swedensouth"], [...SE, "westeurope"])],
        },
        { status: "pass", messageId: "replicasAllowed", resource: "cosmos-nopol-weu" },
        { status: "fail", messageId: "backupPairNotAllowed", resource: "cosmos-nopol-weu", part: "backup" },
      ],
    },
    {
      name: "a periodic policy without backupStorageRedundancy is geo-redundant",
      snapshot: snap(cosmosDbAccount("cosmos-noredund", ["West Europe"], periodic(undefined))),
      config: alsoWestEurope,
      results: [
        { status: "pass", messageId: "replicasAllowed", resource: "cosmos-noredund" },
        { status: "fail", messageId: "backupPairNotAllowed", resource: "cosmos-noredund", part: "backup" },
      ],
    },
    {
      name: "no writeLocations or locations: the account's location is the write region",
      snapshot: snap(cosmosDbAccount("cosmos-loc", ["West Europe"], { ...periodic("Geo"), properties: { ...periodic("Geo").properties, writeLocations: undefined, locations: undefined } })),
      config: alsoWestEurope,
      results: [
        { status: "pass", messageId: "replicasAllowed", resource: "cosmos-loc" },
        { status: "fail", messageId: "backupPairNotAllowed", resource: "cosmos-loc", part: "backup" },
      ],
    },
  ],
});

describe("RES-06 backup evidence", () => {
  it("names the write region, its pair and the defaulted redundancy", () => {
    const fs = findingsOf(rule, snap(cosmosDbAccount("cosmos-noredund", ["Sweden Central"], periodic(undefined))));
    const b = fs.find((f) => f.part === "backup");
    expect(b?.status).toBe("pass");
    expect(b?.message.en).toBe("cosmos-noredund copies its periodic backups (Geo) to swedensouth, the pair of its write region swedencentral, an allowed region.");
    expect(b?.evidence).toEqual([
      { path: "properties.backupPolicy.type", actual: "Periodic", expected: { en: "Continuous, or Periodic with Local/Zone or an allowed pair", sv: "Continuous, eller Periodic med Local/Zone eller ett tillåtet regionpar" } },
      { path: "properties.backupPolicy.periodicModeProperties.backupStorageRedundancy", expected: { en: "Local or Zone, or Geo with an allowed pair", sv: "Local eller Zone, eller Geo med ett tillåtet regionpar" }, defaulted: true },
      { path: "properties.writeLocations[failoverPriority 0].locationName", actual: "Sweden Central", expected: { en: "the write region", sv: "skrivregionen" } },
      { path: "write region (region pair)", actual: ["swedensouth"], expected: ["swedencentral", "swedensouth"] },
    ]);
  });
  it("keeps the replica result's fingerprint part-less (as before the backup part)", () => {
    const fs = findingsOf(rule, snap(exk));
    expect(fs.map((f) => f.part ?? null).sort()).toEqual(["backup", null]);
  });
});

describe("RES-06 targets a failed Cosmos DB list leaves unjudged", () => {
  it("names the accounts SUB2's generic list shows, replicas and backups unknown", () => {
    const fs = findingsOf(rule, namedInSub2);
    expect(lines(fs)).toEqual(
      [
        verdict("pass", exk.id, "high", "replicasAllowed"),
        verdict("pass", exk.id, "high", "backupLocal", "backup"),
        forbidden(dr2.id, "cosmosDbAccounts", "high"),
        forbidden(dr2.id, "cosmosDbAccounts", "high", { part: "backup" }),
        forbidden(solo2.id, "cosmosDbAccounts", "high"),
        forbidden(solo2.id, "cosmosDbAccounts", "high", { part: "backup" }),
      ].sort(),
    );
    const dr = fs.find((f) => f.resourceId === dr2.id && f.part === undefined);
    expect(dr).toMatchObject({ resourceName: "cosmos-dr2", location: "swedencentral" });
    expect(dr?.evidence).toBeUndefined();
  });
  it("gives the subscription one result per part when its generic list failed too", () => {
    expect(lines(findingsOf(rule, genericFailedInSub2))).toEqual(
      [
        verdict("pass", exk.id, "high", "replicasAllowed"),
        verdict("pass", exk.id, "high", "backupLocal", "backup"),
        forbidden(`/subscriptions/${SUB2}`, "cosmosDbAccounts", "high"),
        forbidden(`/subscriptions/${SUB2}`, "cosmosDbAccounts", "high", { part: "backup" }),
      ].sort(),
    );
  });
  it("an account read before the list failed is not assessed with the 500, for both parts", () => {
    const no = cosmosDbAccount("cosmos-no", ["Norway East"]);
    const s = makeSnapshot({ subscriptions: [{ collections: { cosmosDbAccounts: [no] } }], coverage: [failure("cosmosDbAccounts", `/subscriptions/${SUB}`, { httpStatus: 500, code: "InternalServerError" })] });
    const opts = { scope: `/subscriptions/${SUB}`, httpStatus: 500, code: "InternalServerError" };
    expect(lines(findingsOf(rule, s))).toEqual([forbidden(no.id, "cosmosDbAccounts", "high", opts), forbidden(no.id, "cosmosDbAccounts", "high", { ...opts, part: "backup" })].sort());
  });
});
