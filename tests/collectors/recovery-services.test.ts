/** Tests the Recovery Services collector (vaults and backup storage config) against nock-recorded ARM answers. */
import { describe, expect, it } from "vitest";
import { recoveryServicesCollector } from "../../src/collectors/azure/recovery-services.js";
import { ARM, SUB, SUB_ID, arm, armError, coverageSummary, forbidden, harness, notRegistered, requests, useNock } from "./helpers.js";

useNock();

const V = "2026-07-01";
const V_BACKUP = "2023-06-01";
const LIST = `${SUB_ID}/providers/Microsoft.RecoveryServices/vaults`;
const vaultId = (name: string) => `${SUB_ID}/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/${name}`;
/** The backup SDK (and ARM's own ids for this config) spell the segment `/Subscriptions/`. */
const configPath = (name: string) =>
  `/Subscriptions/${SUB}/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/${name}/backupstorageconfig/vaultstorageconfig`;

function vault(name: string) {
  return {
    id: vaultId(name),
    name,
    type: "Microsoft.RecoveryServices/vaults",
    location: "swedencentral",
    tags: { confidentiality: "2" },
    etag: `W/"datetime'2026-11-01T10%3A00%3A00.0000000Z'"`,
    identity: { type: "SystemAssigned", principalId: "3c4d5e6f-7081-4923-a4b5-c6d7e8f90a1b", tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47" },
    sku: { name: "RS0", tier: "Standard" },
    properties: {
      provisioningState: "Succeeded",
      privateEndpointStateForBackup: "None",
      privateEndpointStateForSiteRecovery: "None",
      publicNetworkAccess: "Disabled",
      encryption: {
        keyVaultProperties: { keyUri: "https://kv-se-01.vault.azure.net/keys/rsvkey/0123456789abcdef0123456789abcdef" },
        kekIdentity: { useSystemAssignedIdentity: true },
        infrastructureEncryption: "Enabled",
      },
      redundancySettings: { standardTierStorageRedundancy: "GeoRedundant", crossRegionRestore: "Enabled" },
      securitySettings: {
        immutabilitySettings: { state: "Disabled" },
        softDeleteSettings: { softDeleteState: "Enabled", softDeleteRetentionPeriodInDays: 14 },
      },
      secureScore: "Adequate",
      bcdrSecurityLevel: "Good",
    },
  };
}

function storageConfig(name: string, storageType: string, crossRegionRestoreFlag: boolean) {
  return {
    id: configPath(name),
    name: "vaultstorageconfig",
    type: "Microsoft.RecoveryServices/vaults/backupstorageconfig",
    properties: { storageModelType: storageType, storageType, storageTypeState: "Locked", crossRegionRestoreFlag, dedupState: "Disabled", xcoolState: "Disabled" },
  };
}

describe("recoveryServicesCollector", () => {
  it("reads vaults over two pages and each vault's backup storage config with storageType and crossRegionRestoreFlag", async () => {
    const { ctx, snap, sub } = harness();
    arm()
      .get(LIST)
      .query({ "api-version": V })
      .reply(200, { value: [vault("rsv-se-01")], nextLink: `${ARM}${LIST}?api-version=${V}&$skiptoken=b` })
      .get(LIST)
      .query({ "api-version": V, $skiptoken: "b" })
      .reply(200, { value: [vault("rsv-se-02")] });
    arm().get(configPath("rsv-se-01")).query({ "api-version": V_BACKUP }).reply(200, storageConfig("rsv-se-01", "GeoRedundant", true));
    arm().get(configPath("rsv-se-02")).query({ "api-version": V_BACKUP }).reply(200, storageConfig("rsv-se-02", "LocallyRedundant", false));

    await recoveryServicesCollector.collect(ctx, sub);

    expect(snap.coverage).toEqual([]);
    expect(sub.collections.recoveryServicesVaults).toEqual([vault("rsv-se-01"), vault("rsv-se-02")]);
    expect(sub.collections.backupStorageConfigs?.map((c) => [c.id, c.properties?.storageType, c.properties?.crossRegionRestoreFlag]).sort()).toEqual([
      [configPath("rsv-se-01"), "GeoRedundant", true],
      [configPath("rsv-se-02"), "LocallyRedundant", false],
    ]);
    expect(snap.apiVersions).toMatchObject({ recoveryServicesVaults: V, backupStorageConfigs: V_BACKUP });
  });

  it("files a config whose id does not name its vault under the id its GET addressed, so the vault is judged on it", async () => {
    const { ctx, sub } = harness();
    arm().get(LIST).query({ "api-version": V }).reply(200, { value: [vault("rsv-se-01")] });
    const odd = { ...storageConfig("rsv-se-01", "LocallyRedundant", false), id: configPath("some-other-vault") };
    arm().get(configPath("rsv-se-01")).query({ "api-version": V_BACKUP }).reply(200, odd);
    await recoveryServicesCollector.collect(ctx, sub);
    expect(sub.collections.backupStorageConfigs).toEqual([{ ...odd, id: `${vault("rsv-se-01").id}/backupstorageconfig/vaultstorageconfig` }]);
  });

  it("records a 403 and a 404 on a vault's config as gaps for that vault only (every vault has a config)", async () => {
    const { ctx, snap, sub } = harness();
    arm().get(LIST).query({ "api-version": V }).reply(200, { value: [vault("rsv-se-01"), vault("rsv-se-02"), vault("rsv-se-03")] });
    arm().get(configPath("rsv-se-01")).query({ "api-version": V_BACKUP }).reply(200, storageConfig("rsv-se-01", "ZoneRedundant", false));
    arm()
      .get(configPath("rsv-se-02"))
      .query({ "api-version": V_BACKUP })
      .reply(403, forbidden("Microsoft.RecoveryServices/Vaults/backupstorageconfig/read", vaultId("rsv-se-02")));
    arm()
      .get(configPath("rsv-se-03"))
      .query({ "api-version": V_BACKUP })
      .reply(404, armError("ResourceNotFound", "Resource not found."));

    await recoveryServicesCollector.collect(ctx, sub);

    expect(coverageSummary(snap)).toEqual([
      { scope: vaultId("rsv-se-02"), collection: "backupStorageConfigs", httpStatus: 403, code: "AuthorizationFailed" },
      { scope: vaultId("rsv-se-03"), collection: "backupStorageConfigs", httpStatus: 404, code: "ResourceNotFound" },
    ]);
    expect(sub.collections.backupStorageConfigs?.map((c) => c.id)).toEqual([configPath("rsv-se-01")]);
    expect(sub.collections.recoveryServicesVaults).toHaveLength(3);
  });

  it("treats 409 MissingSubscriptionRegistration as no vaults, and a 403 on the list as not collected", async () => {
    const first = harness();
    arm().get(LIST).query({ "api-version": V }).reply(409, notRegistered("Microsoft.RecoveryServices"));
    await recoveryServicesCollector.collect(first.ctx, first.sub);
    expect(first.snap.coverage).toEqual([]);
    expect(first.sub.collections).toEqual({ recoveryServicesVaults: [], backupStorageConfigs: [] });
    expect(first.sub.notRegisteredProviders).toEqual(["Microsoft.RecoveryServices"]);

    const second = harness();
    arm().get(LIST).query({ "api-version": V }).reply(403, forbidden("Microsoft.RecoveryServices/vaults/read", SUB_ID));
    await recoveryServicesCollector.collect(second.ctx, second.sub);
    expect(coverageSummary(second.snap)).toEqual([
      { scope: SUB_ID, collection: "recoveryServicesVaults", httpStatus: 403, code: "AuthorizationFailed" },
    ]);
    expect(second.sub.collections).toEqual({});
  });

  it("records a 404 vault list as a gap and skips an unregistered provider", async () => {
    const first = harness();
    arm().get(LIST).query({ "api-version": V }).reply(404, armError("NotFound", "Not found."));
    await recoveryServicesCollector.collect(first.ctx, first.sub);
    expect(coverageSummary(first.snap)).toEqual([{ scope: SUB_ID, collection: "recoveryServicesVaults", httpStatus: 404, code: "NotFound" }]);
    expect(first.sub.collections).toEqual({});

    const second = harness();
    second.ctx.markNotRegistered(SUB, "Microsoft.RecoveryServices");
    const before = requests.length;
    await recoveryServicesCollector.collect(second.ctx, second.sub);
    expect(requests.length).toBe(before);
    expect(second.sub.collections).toEqual({ recoveryServicesVaults: [], backupStorageConfigs: [] });
  });

  it("retries a 429 with Retry-After: 0 on a config and ends complete", async () => {
    const { ctx, snap, sub } = harness();
    arm().get(LIST).query({ "api-version": V }).reply(200, { value: [vault("rsv-se-01")] });
    arm()
      .get(configPath("rsv-se-01"))
      .query({ "api-version": V_BACKUP })
      .reply(429, armError("TooManyRequests", "Too many requests."), { "Retry-After": "0" })
      .get(configPath("rsv-se-01"))
      .query({ "api-version": V_BACKUP })
      .reply(200, storageConfig("rsv-se-01", "GeoRedundant", false));

    await recoveryServicesCollector.collect(ctx, sub);

    expect(snap.coverage).toEqual([]);
    expect(sub.collections.backupStorageConfigs).toEqual([storageConfig("rsv-se-01", "GeoRedundant", false)]);
  });
});
