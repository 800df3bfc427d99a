/** Tests the PostgreSQL/MySQL flexible-server collector (generic ARM client) against nock-recorded ARM answers. */
import { describe, expect, it } from "vitest";
import { postgresMysqlCollector } from "../../src/collectors/azure/postgres-mysql.js";
import { ARM, FOREIGN, SUB, SUB_ID, arm, coverageSummary, forbidden, harness, notRegistered, requestPaths, requests, trap, useNock } from "./helpers.js";

useNock();

const PG_V = "2024-08-01";
const MY_V = "2023-12-30";
const PG = `${SUB_ID}/providers/Microsoft.DBforPostgreSQL/flexibleServers`;
const MY = `${SUB_ID}/providers/Microsoft.DBforMySQL/flexibleServers`;
const RG = "rg-data";

function postgres(name: string, geoBackup: "Enabled" | "Disabled") {
  const id = `${SUB_ID}/resourceGroups/${RG}/providers/Microsoft.DBforPostgreSQL/flexibleServers/${name}`;
  return {
    sku: { name: "Standard_D4ds_v5", tier: "GeneralPurpose" },
    systemData: {
      createdBy: "ops@contoso.se",
      createdByType: "User",
      createdAt: "2025-03-01T10:00:00.000Z",
      lastModifiedBy: "ops@contoso.se",
      lastModifiedByType: "User",
      lastModifiedAt: "2025-03-01T10:00:00.000Z",
    },
    identity: {
      type: "UserAssigned",
      userAssignedIdentities: {
        [`${SUB_ID}/resourceGroups/${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-pg`]: {
          principalId: "0f3b1c5e-8d0a-4e6b-9c7d-2a1b3c4d5e6f",
          clientId: "5b2c4d6e-7f80-4a91-b2c3-d4e5f6a7b8c9",
        },
      },
    },
    properties: {
      administratorLogin: "pgadmin",
      version: "16",
      minorVersion: "4",
      state: "Ready",
      fullyQualifiedDomainName: `${name}.postgres.database.azure.com`,
      storage: { storageSizeGB: 128, autoGrow: "Disabled", tier: "P10", iops: 500, type: "" },
      authConfig: { activeDirectoryAuth: "Enabled", passwordAuth: "Disabled", tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47" },
      dataEncryption: {
        type: "AzureKeyVault",
        primaryKeyURI: "https://kv-se-01.vault.azure.net/keys/pgkey/0123456789abcdef0123456789abcdef",
        primaryUserAssignedIdentityId: `${SUB_ID}/resourceGroups/${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-pg`,
        primaryEncryptionKeyStatus: "Valid",
      },
      backup: { backupRetentionDays: 7, geoRedundantBackup: geoBackup, earliestRestoreDate: "2026-11-20T00:00:00.000Z" },
      network: { publicNetworkAccess: "Disabled" },
      highAvailability: { mode: "ZoneRedundant", state: "Healthy", standbyAvailabilityZone: "2" },
      maintenanceWindow: { customWindow: "Disabled", dayOfWeek: 0, startHour: 0, startMinute: 0 },
      replicationRole: "Primary",
      replicaCapacity: 5,
      availabilityZone: "1",
    },
    location: "Sweden Central",
    tags: { confidentiality: "2" },
    id,
    name,
    type: "Microsoft.DBforPostgreSQL/flexibleServers",
  };
}

function mysql(name: string) {
  return {
    sku: { name: "Standard_D2ds_v4", tier: "GeneralPurpose" },
    properties: {
      administratorLogin: "cloudsa",
      storage: { storageSizeGB: 100, iops: 600, autoGrow: "Disabled", autoIoScaling: "Disabled", storageSku: "Premium_LRS", logOnDisk: "Disabled" },
      version: "8.0.21",
      state: "Ready",
      fullyQualifiedDomainName: `${name}.mysql.database.azure.com`,
      availabilityZone: "1",
      maintenanceWindow: { customWindow: "Disabled", dayOfWeek: 0, startHour: 0, startMinute: 0 },
      replicationRole: "None",
      replicaCapacity: 10,
      network: { publicNetworkAccess: "Enabled" },
      backup: { backupRetentionDays: 7, geoRedundantBackup: "Disabled", earliestRestoreDate: "2026-11-20T00:00:00.000Z" },
      highAvailability: { mode: "Disabled", state: "NotEnabled", standbyAvailabilityZone: "" },
      dataEncryption: { type: "SystemManaged" },
    },
    location: "swedencentral",
    id: `${SUB_ID}/resourceGroups/${RG}/providers/Microsoft.DBforMySQL/flexibleServers/${name}`,
    name,
    type: "Microsoft.DBforMySQL/flexibleServers",
  };
}

describe("postgresMysqlCollector", () => {
  it("reads both flexible-server lists, following an absolute nextLink, and keeps the raw payloads", async () => {
    const { ctx, snap, sub } = harness();
    arm()
      .get(PG)
      .query({ "api-version": PG_V })
      .reply(200, { value: [postgres("pg-se-01", "Disabled")], nextLink: `${ARM}${PG}?api-version=${PG_V}&$skipToken=eyJza2lwIjoxfQ%3D%3D` })
      .get(PG)
      .query({ "api-version": PG_V, $skipToken: "eyJza2lwIjoxfQ==" })
      .reply(200, { value: [postgres("pg-ne-01", "Enabled")] });
    arm().get(MY).query({ "api-version": MY_V }).reply(200, { value: [mysql("mysql-se-01")] });

    await postgresMysqlCollector.collect(ctx, sub);

    expect(snap.coverage).toEqual([]);
    expect(sub.collections.postgresFlexibleServers).toEqual([postgres("pg-se-01", "Disabled"), postgres("pg-ne-01", "Enabled")]);
    expect(sub.collections.postgresFlexibleServers?.[1]?.properties?.backup).toMatchObject({ geoRedundantBackup: "Enabled" });
    expect(sub.collections.mysqlFlexibleServers).toEqual([mysql("mysql-se-01")]);
    expect(snap.apiVersions).toMatchObject({ postgresFlexibleServers: PG_V, mysqlFlexibleServers: MY_V });
    expect(requests).toHaveLength(3);
  });

  it("records a 403 on one list only; the other is still read", async () => {
    const { ctx, snap, sub } = harness();
    arm().get(PG).query({ "api-version": PG_V }).reply(403, forbidden("Microsoft.DBforPostgreSQL/flexibleServers/read", SUB_ID));
    arm().get(MY).query({ "api-version": MY_V }).reply(200, { value: [mysql("mysql-se-01")] });

    await postgresMysqlCollector.collect(ctx, sub);

    expect(coverageSummary(snap)).toEqual([
      { scope: SUB_ID, collection: "postgresFlexibleServers", httpStatus: 403, code: "AuthorizationFailed" },
    ]);
    expect(snap.coverage[0]?.permission).toBe("Microsoft.DBforPostgreSQL/flexibleServers/read");
    expect(sub.collections.postgresFlexibleServers).toBeUndefined();
    expect(sub.collections.mysqlFlexibleServers).toHaveLength(1);
  });

  it("records a 404 as a gap and treats 409 MissingSubscriptionRegistration as an unregistered provider", async () => {
    const { ctx, snap, sub } = harness();
    arm()
      .get(PG)
      .query({ "api-version": PG_V })
      .reply(404, { error: { code: "ResourceNotFound", message: "The resource was not found." } });
    arm().get(MY).query({ "api-version": MY_V }).reply(409, notRegistered("Microsoft.DBforMySQL"));

    await postgresMysqlCollector.collect(ctx, sub);

    expect(coverageSummary(snap)).toEqual([{ scope: SUB_ID, collection: "postgresFlexibleServers", httpStatus: 404, code: "ResourceNotFound" }]);
    expect(sub.collections.postgresFlexibleServers).toBeUndefined();
    expect(sub.collections.mysqlFlexibleServers).toEqual([]);
    expect(sub.notRegisteredProviders).toEqual(["Microsoft.DBforMySQL"]);
  });

  it("skips a provider the subscription has not registered", async () => {
    const { ctx, snap, sub } = harness();
    ctx.markNotRegistered(SUB, "Microsoft.DBforPostgreSQL");
    arm().get(MY).query({ "api-version": MY_V }).reply(200, { value: [] });

    await postgresMysqlCollector.collect(ctx, sub);

    expect(requestPaths()).toEqual([`${MY}?api-version=${MY_V}`]);
    expect(sub.collections.postgresFlexibleServers).toEqual([]);
    expect(snap.coverage).toEqual([]);
  });

  it("retries a 429 with Retry-After: 0 on the second page and ends with every server", async () => {
    const { ctx, snap, sub } = harness();
    const next = `${ARM}${PG}?api-version=${PG_V}&$skipToken=p2`;
    arm()
      .get(PG)
      .query({ "api-version": PG_V })
      .reply(200, { value: [postgres("pg-se-01", "Disabled")], nextLink: next })
      .get(PG)
      .query({ "api-version": PG_V, $skipToken: "p2" })
      .reply(429, { error: { code: "TooManyRequests", message: "Rate limit exceeded." } }, { "Retry-After": "0" })
      .get(PG)
      .query({ "api-version": PG_V, $skipToken: "p2" })
      .reply(200, { value: [postgres("pg-se-02", "Disabled")] });
    arm().get(MY).query({ "api-version": MY_V }).reply(200, { value: [] });

    await postgresMysqlCollector.collect(ctx, sub);

    expect(snap.coverage).toEqual([]);
    expect(sub.collections.postgresFlexibleServers?.map((s) => s.name)).toEqual(["pg-se-01", "pg-se-02"]);
  });

  it("stops a nextLink that repeats itself and records the list as not read", async () => {
    const { ctx, snap, sub } = harness();
    const loop = `${ARM}${PG}?api-version=${PG_V}&$skipToken=same`;
    arm()
      .get(PG)
      .query({ "api-version": PG_V })
      .reply(200, { value: [postgres("pg-se-01", "Disabled")], nextLink: loop })
      .get(PG)
      .query({ "api-version": PG_V, $skipToken: "same" })
      .reply(200, { value: [postgres("pg-se-02", "Disabled")], nextLink: loop });
    arm().get(MY).query({ "api-version": MY_V }).reply(200, { value: [] });

    await postgresMysqlCollector.collect(ctx, sub);

    expect(coverageSummary(snap)).toEqual([{ scope: SUB_ID, collection: "postgresFlexibleServers", code: "PagingLoop" }]);
    expect(sub.collections.postgresFlexibleServers).toBeUndefined();
  });

  it("never follows a nextLink to another host (generic pager): ForeignNextLink, no request sent there, MySQL still read", async () => {
    const { ctx, snap, sub } = harness();
    const foreign = trap(FOREIGN);
    arm()
      .get(PG)
      .query({ "api-version": PG_V })
      .reply(200, { value: [postgres("pg-se-01", "Disabled")], nextLink: `${FOREIGN}${PG}?api-version=${PG_V}&$skipToken=SECRET-p2` });
    arm().get(MY).query({ "api-version": MY_V }).reply(200, { value: [] });

    await postgresMysqlCollector.collect(ctx, sub);

    expect(foreign.release()).toEqual([]);
    expect(coverageSummary(snap)).toEqual([{ scope: SUB_ID, collection: "postgresFlexibleServers", code: "ForeignNextLink" }]);
    expect(snap.coverage[0]?.message).toContain("'evil.example'");
    expect(snap.coverage[0]?.message).not.toContain("SECRET");
    expect(sub.collections.postgresFlexibleServers).toBeUndefined();
    expect(sub.collections.mysqlFlexibleServers).toEqual([]);
  });

  it("refuses an http:// nextLink on the ARM host (generic pager)", async () => {
    const { ctx, snap, sub } = harness();
    const plain = trap(ARM.replace(/^https:/, "http:"));
    arm()
      .get(PG)
      .query({ "api-version": PG_V })
      .reply(200, { value: [postgres("pg-se-01", "Disabled")], nextLink: `${ARM.replace(/^https:/, "http:")}${PG}?api-version=${PG_V}&$skipToken=p2` });
    arm().get(MY).query({ "api-version": MY_V }).reply(200, { value: [] });

    await postgresMysqlCollector.collect(ctx, sub);

    expect(plain.release()).toEqual([]);
    expect(coverageSummary(snap)).toEqual([{ scope: SUB_ID, collection: "postgresFlexibleServers", code: "ForeignNextLink" }]);
  });
});
