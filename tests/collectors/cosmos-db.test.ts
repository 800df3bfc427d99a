/** Tests the Cosmos DB collector against nock-recorded ARM answers shaped like the DatabaseAccountsList example. */
import { describe, expect, it } from "vitest";
import { cosmosDbCollector } from "../../src/collectors/azure/cosmos-db.js";
import res06 from "../../rules/cosmos-db/cosmos-db-replica-location-allowed/rule.js";
import enc06 from "../../rules/encryption/encryption-in-transit-tls12/rule.js";
import { expectVerdicts, fixture, runFixture } from "./conformance-run.js";
import { ARM, SUB, SUB_ID, arm, coverageSummary, forbidden, harness, notRegistered, requestPaths, requests, useNock } from "./helpers.js";

useNock();

const V = "2026-03-15";
const LIST = `${SUB_ID}/providers/Microsoft.DocumentDB/databaseAccounts`;

function location(account: string, region: string, displayName: string, priority: number) {
  return {
    id: `${account}-${region}`,
    locationName: displayName,
    documentEndpoint: `https://${account}-${region}.documents.azure.com:443/`,
    provisioningState: "Succeeded",
    failoverPriority: priority,
    isZoneRedundant: false,
  };
}

function account(name: string, regions: Array<[string, string]>, keyVaultKeyUri?: string) {
  const locs = regions.map(([r, d], i) => location(name, r, d, i));
  return {
    id: `${SUB_ID}/resourceGroups/rg-data/providers/Microsoft.DocumentDB/databaseAccounts/${name}`,
    name,
    location: regions[0]?.[1] ?? "Sweden Central",
    type: "Microsoft.DocumentDB/databaseAccounts",
    kind: "GlobalDocumentDB",
    tags: { confidentiality: "3" },
    systemData: { createdAt: "2025-05-01T08:00:00.000Z" },
    properties: {
      provisioningState: "Succeeded",
      documentEndpoint: `https://${name}.documents.azure.com:443/`,
      ipRules: [],
      databaseAccountOfferType: "Standard",
      disableKeyBasedMetadataWriteAccess: false,
      consistencyPolicy: { defaultConsistencyLevel: "Session", maxIntervalInSeconds: 5, maxStalenessPrefix: 100 },
      writeLocations: locs.slice(0, 1),
      readLocations: locs,
      locations: locs,
      failoverPolicies: locs.map((l) => ({ id: l.id, locationName: l.locationName, failoverPriority: l.failoverPriority })),
      privateEndpointConnections: [],
      enableMultipleWriteLocations: false,
      ...(keyVaultKeyUri ? { keyVaultKeyUri, defaultIdentity: "FirstPartyIdentity" } : {}),
      publicNetworkAccess: "Disabled",
      enableFreeTier: false,
      enableAnalyticalStorage: false,
      instanceId: "d9b26648-2f53-4541-b3d8-3044f4f9810d",
      createMode: "Default",
      backupPolicy: {
        type: "Periodic",
        periodicModeProperties: { backupIntervalInMinutes: 240, backupRetentionIntervalInHours: 8, backupStorageRedundancy: "Geo" },
      },
      networkAclBypass: "None",
      networkAclBypassResourceIds: [],
      minimalTlsVersion: "Tls12",
    },
  };
}

const SE = account("cosmos-se-01", [["swedencentral", "Sweden Central"], ["swedensouth", "Sweden South"]], "https://kv-se-01.vault.azure.net/keys/cosmoskey");
const NE = account("cosmos-ne-01", [["northeurope", "North Europe"], ["westeurope", "West Europe"]]);

describe("cosmosDbCollector", () => {
  it("reads accounts over two pages and keeps locations and keyVaultKeyUri as ARM sends them", async () => {
    const { ctx, snap, sub } = harness();
    arm()
      .get(LIST)
      .query({ "api-version": V })
      .reply(200, { value: [SE], nextLink: `${ARM}${LIST}?api-version=${V}&$skiptoken=c2Vjb25k` })
      .get(LIST)
      .query({ "api-version": V, $skiptoken: "c2Vjb25k" })
      .reply(200, { value: [NE] });

    await cosmosDbCollector.collect(ctx, sub);

    expect(sub.collections.cosmosDbAccounts).toEqual([SE, NE]);
    expect(sub.collections.cosmosDbAccounts?.[0]?.properties?.keyVaultKeyUri).toBe("https://kv-se-01.vault.azure.net/keys/cosmoskey");
    expect(sub.collections.cosmosDbAccounts?.[1]?.properties?.locations).toEqual([
      expect.objectContaining({ locationName: "North Europe" }),
      expect.objectContaining({ locationName: "West Europe" }),
    ]);
    expect(snap.coverage).toEqual([]);
    expect(snap.apiVersions.cosmosDbAccounts).toBe(V);
  });

  it("records a 403 as coverage for the subscription and leaves the collection unread", async () => {
    const { ctx, snap, sub } = harness();
    arm().get(LIST).query({ "api-version": V }).reply(403, forbidden("Microsoft.DocumentDB/databaseAccounts/read", SUB_ID));

    await cosmosDbCollector.collect(ctx, sub);

    expect(coverageSummary(snap)).toEqual([{ scope: SUB_ID, collection: "cosmosDbAccounts", httpStatus: 403, code: "AuthorizationFailed" }]);
    expect(sub.collections.cosmosDbAccounts).toBeUndefined();
  });

  it("records a 404 on the list as a gap, not as no accounts", async () => {
    const { ctx, snap, sub } = harness();
    arm()
      .get(LIST)
      .query({ "api-version": V })
      .reply(404, { error: { code: "NotFound", message: "Resource not found." } });

    await cosmosDbCollector.collect(ctx, sub);

    expect(coverageSummary(snap)).toEqual([{ scope: SUB_ID, collection: "cosmosDbAccounts", httpStatus: 404, code: "NotFound" }]);
    expect(sub.collections.cosmosDbAccounts).toBeUndefined();
  });

  it("treats 409 MissingSubscriptionRegistration as no accounts and marks the provider", async () => {
    const { ctx, snap, sub } = harness();
    arm().get(LIST).query({ "api-version": V }).reply(409, notRegistered("Microsoft.DocumentDB"));

    await cosmosDbCollector.collect(ctx, sub);

    expect(snap.coverage).toEqual([]);
    expect(sub.collections.cosmosDbAccounts).toEqual([]);
    expect(sub.notRegisteredProviders).toEqual(["Microsoft.DocumentDB"]);
  });

  it("makes no request for an unregistered provider", async () => {
    const { ctx, sub } = harness();
    ctx.markNotRegistered(SUB, "Microsoft.DocumentDB");

    await cosmosDbCollector.collect(ctx, sub);

    expect(requests).toEqual([]);
    expect(sub.collections.cosmosDbAccounts).toEqual([]);
  });

  it("retries a 429 with Retry-After: 0 and ends with the complete list", async () => {
    const { ctx, snap, sub } = harness();
    arm()
      .get(LIST)
      .query({ "api-version": V })
      .reply(429, { error: { code: "TooManyRequests", message: "Request rate is large." } }, { "Retry-After": "0" })
      .get(LIST)
      .query({ "api-version": V })
      .reply(200, { value: [SE, NE] });

    await cosmosDbCollector.collect(ctx, sub);

    expect(snap.coverage).toEqual([]);
    expect(sub.collections.cosmosDbAccounts?.map((a) => a.name)).toEqual(["cosmos-se-01", "cosmos-ne-01"]);
  });
});

describe("conformance: the official list example through the collector, RES-06 and ENC-06", () => {
  it("cosmos-db/CosmosDBDatabaseAccountList.json: replicas in East US, periodic Geo backups in its pair West US, minimum TLS 1.0", async () => {
    const f = fixture("cosmos-db/CosmosDBDatabaseAccountList.json");
    const { h, verdicts } = await runFixture(f, cosmosDbCollector, [res06, enc06]);
    expect(h.snap.coverage).toEqual([]);
    // The raw payload, backupPolicy included, as ARM sent it (not the SDK's model).
    expect(h.sub.collections.cosmosDbAccounts).toEqual((f.body as { value: unknown[] }).value);
    expect(requestPaths()).toEqual([`/subscriptions/subid/providers/Microsoft.DocumentDB/databaseAccounts?api-version=${f.apiVersion}`]);
    expectVerdicts(f, verdicts, [res06, enc06]);
  });
});
