/** Tests the Azure SQL collector against nock-recorded ARM answers shaped like the REST spec examples. */
import { describe, expect, it } from "vitest";
import { sqlCollector } from "../../src/collectors/azure/sql.js";
import { ARM, SUB, SUB_ID, arm, coverageSummary, forbidden, harness, notRegistered, requestPaths, requests, useNock } from "./helpers.js";

useNock();

const V = "2022-08-01-preview";
const V_PROTECTOR = "2020-11-01-preview";
const V_LINKS = "2022-02-01-preview";
const V_INSTANCE_GROUPS = "2022-05-01-preview";
const RG = "rg-data";
const SERVERS = `${SUB_ID}/providers/Microsoft.Sql/servers`;
const MIS = `${SUB_ID}/providers/Microsoft.Sql/managedInstances`;
const serverId = (name: string) => `${SUB_ID}/resourceGroups/${RG}/providers/Microsoft.Sql/servers/${name}`;
const dbId = (server: string, db: string) => `${serverId(server)}/databases/${db}`;
const miId = (name: string) => `${SUB_ID}/resourceGroups/${RG}/providers/Microsoft.Sql/managedInstances/${name}`;

function server(name: string, location: string) {
  return {
    id: serverId(name),
    name,
    type: "Microsoft.Sql/servers",
    location,
    kind: "v12.0",
    tags: { confidentiality: "2" },
    properties: {
      administratorLogin: "dbadmin",
      version: "12.0",
      state: "Ready",
      fullyQualifiedDomainName: `${name}.database.windows.net`,
      privateEndpointConnections: [],
      minimalTlsVersion: "1.2",
      publicNetworkAccess: "Disabled",
      restrictOutboundNetworkAccess: "Disabled",
    },
  };
}

function database(srv: string, name: string, redundancy: "Geo" | "Local" | "Zone" | "GeoZone" = "Geo") {
  const system = name === "master";
  return {
    sku: system ? { name: "System", tier: "System", capacity: 0 } : { name: "GP_Gen5", tier: "GeneralPurpose", family: "Gen5", capacity: 2 },
    kind: system ? "v12.0,system" : "v12.0,user,vcore",
    managedBy: undefined,
    properties: {
      collation: "SQL_Latin1_General_CP1_CI_AS",
      maxSizeBytes: system ? 32212254720 : 34359738368,
      status: "Online",
      databaseId: system ? "a4c67b3e-a95c-4a2e-a64b-8d4f37e4b2e4" : "6c764297-577b-470f-9af4-96d3d41e2ba3",
      creationDate: "2025-06-07T04:41:33.937Z",
      currentServiceObjectiveName: system ? "System0" : "GP_Gen5_2",
      requestedServiceObjectiveName: system ? "System0" : "GP_Gen5_2",
      defaultSecondaryLocation: "swedensouth",
      catalogCollation: "SQL_Latin1_General_CP1_CI_AS",
      zoneRedundant: false,
      readScale: "Disabled",
      currentBackupStorageRedundancy: redundancy,
      requestedBackupStorageRedundancy: redundancy,
      isLedgerOn: false,
    },
    location: "swedencentral",
    id: dbId(srv, name),
    name,
    type: "Microsoft.Sql/servers/databases",
  };
}

function tde(srv: string, db: string, state: "Enabled" | "Disabled") {
  return {
    id: `${dbId(srv, db)}/transparentDataEncryption/Current`,
    name: "Current",
    type: "Microsoft.Sql/servers/databases/transparentDataEncryption",
    properties: { state },
  };
}

function protector(srv: string) {
  return {
    id: `${serverId(srv)}/encryptionProtector/current`,
    name: "current",
    type: "Microsoft.Sql/servers/encryptionProtector",
    location: "Sweden Central",
    kind: "azurekeyvault",
    properties: {
      serverKeyName: "kv-se-01_sqltde_01234567890123456789012345678901",
      serverKeyType: "AzureKeyVault",
      uri: "https://kv-se-01.vault.azure.net/keys/sqltde/01234567890123456789012345678901",
      thumbprint: "00112233445566778899AABBCCDDEEFF00112233",
      autoRotationEnabled: true,
    },
  };
}

function failoverGroup(srv: string) {
  return {
    properties: {
      readWriteEndpoint: { failoverPolicy: "Automatic", failoverWithDataLossGracePeriodMinutes: 480 },
      readOnlyEndpoint: { failoverPolicy: "Disabled" },
      replicationRole: "Primary",
      replicationState: "CATCH_UP",
      partnerServers: [
        {
          id: `${SUB_ID}/resourceGroups/${RG}/providers/Microsoft.Sql/servers/sql-ne-01`,
          location: "North Europe",
          replicationRole: "Secondary",
        },
      ],
      databases: [dbId(srv, "appdb")],
    },
    location: "Sweden Central",
    id: `${serverId(srv)}/failoverGroups/fg-app`,
    name: "fg-app",
    type: "Microsoft.Sql/servers/failoverGroups",
  };
}

function managedInstance(name: string) {
  return {
    sku: { name: "GP_Gen5", tier: "GeneralPurpose", family: "Gen5", capacity: 8 },
    properties: {
      fullyQualifiedDomainName: `${name}.1b4e2caff2530.database.windows.net`,
      administratorLogin: "dummylogin",
      subnetId: `${SUB_ID}/resourceGroups/${RG}/providers/Microsoft.Network/virtualNetworks/vnet-mi/subnets/mi`,
      state: "Ready",
      provisioningState: "Succeeded",
      licenseType: "LicenseIncluded",
      vCores: 8,
      storageSizeInGB: 256,
      collation: "SQL_Latin1_General_CP1_CI_AS",
      dnsZone: "1b4e2caff2530",
      publicDataEndpointEnabled: false,
      proxyOverride: "Redirect",
      minimalTlsVersion: "1.2",
      currentBackupStorageRedundancy: "Geo",
      requestedBackupStorageRedundancy: "Geo",
      zoneRedundant: false,
    },
    location: "swedencentral",
    id: miId(name),
    name,
    type: "Microsoft.Sql/managedInstances",
  };
}

function miProtector(mi: string) {
  return {
    id: `${miId(mi)}/encryptionProtector/current`,
    name: "current",
    type: "Microsoft.Sql/managedInstances/encryptionProtector",
    kind: "azurekeyvault",
    properties: {
      serverKeyName: "kv-se-01_mitde_abcdef0123456789abcdef0123456789",
      serverKeyType: "AzureKeyVault",
      uri: "https://kv-se-01.vault.azure.net/keys/mitde/abcdef0123456789abcdef0123456789",
      thumbprint: "FFEEDDCCBBAA99887766554433221100FFEEDDCC",
      autoRotationEnabled: false,
    },
  };
}

/** Mocks a server's four child reads (databases, protector, failover groups, replication links) with the given answers. */
function mockServerChildren(
  name: string,
  opts: { dbs: unknown[]; protectorError?: { status: number; code: string; message: string }; groups?: unknown[]; delayMs?: number },
): void {
  arm()
    .get(`${serverId(name)}/databases`)
    .query({ "api-version": V })
    .delay(opts.delayMs ?? 0)
    .reply(200, { value: opts.dbs });
  // Every server has an encryption protector (ServiceManaged by default).
  const e = opts.protectorError;
  if (!e) {
    arm().get(`${serverId(name)}/encryptionProtector/current`).query({ "api-version": V_PROTECTOR }).reply(200, protector(name));
  } else {
    arm()
      .get(`${serverId(name)}/encryptionProtector/current`)
      .query({ "api-version": V_PROTECTOR })
      .reply(e.status, { error: { code: e.code, message: e.message } });
  }
  arm()
    .get(`${serverId(name)}/failoverGroups`)
    .query({ "api-version": V_PROTECTOR })
    .reply(200, { value: opts.groups ?? [] });
  arm().get(`${serverId(name)}/replicationLinks`).query({ "api-version": V_LINKS }).reply(200, { value: [] });
}

describe("sqlCollector", () => {
  it("reads servers over two pages, their children, TDE for user databases only, and managed instances", async () => {
    const { ctx, snap, sub } = harness();
    arm()
      .get(SERVERS)
      .query({ "api-version": V })
      .reply(200, { value: [server("sql-se-01", "swedencentral")], nextLink: `${ARM}${SERVERS}?api-version=${V}&$skiptoken=page2` })
      .get(SERVERS)
      .query({ "api-version": V, $skiptoken: "page2" })
      .reply(200, { value: [server("sql-se-02", "swedencentral")] });
    mockServerChildren("sql-se-01", {
      dbs: [database("sql-se-01", "master"), database("sql-se-01", "appdb")],
      groups: [failoverGroup("sql-se-01")],
      delayMs: 40, // answers after sql-se-02's databases
    });
    mockServerChildren("sql-se-02", { dbs: [database("sql-se-02", "master"), database("sql-se-02", "reports", "Local")] });
    arm()
      .get(`${dbId("sql-se-01", "appdb")}/transparentDataEncryption/current`)
      .query({ "api-version": V })
      .reply(200, tde("sql-se-01", "appdb", "Enabled"));
    arm()
      .get(`${dbId("sql-se-02", "reports")}/transparentDataEncryption/current`)
      .query({ "api-version": V })
      .reply(200, tde("sql-se-02", "reports", "Disabled"));
    arm().get(MIS).query({ "api-version": V }).reply(200, { value: [managedInstance("mi-se-01")] });
    arm()
      .get(`${SUB_ID}/resourceGroups/${RG}/providers/Microsoft.Sql/locations/swedencentral/instanceFailoverGroups`)
      .query({ "api-version": V_INSTANCE_GROUPS })
      .reply(200, { value: [] });
    arm()
      .get(`${miId("mi-se-01")}/encryptionProtector/current`)
      .query({ "api-version": V_PROTECTOR })
      .reply(200, miProtector("mi-se-01"));

    await sqlCollector.collect(ctx, sub);

    const c = sub.collections;
    expect(c.sqlServers?.map((s) => s.name)).toEqual(["sql-se-01", "sql-se-02"]);
    // Children are flattened in their parents' list order, whatever order the answers came in.
    expect(c.sqlDatabases?.map((d) => d.id)).toEqual([
      dbId("sql-se-01", "master"),
      dbId("sql-se-01", "appdb"),
      dbId("sql-se-02", "master"),
      dbId("sql-se-02", "reports"),
    ]);
    // Raw REST shape: properties.state, not the SDK's flattened `state`.
    expect(c.sqlTransparentDataEncryption?.map((t) => [t.id, t.properties?.state])).toEqual([
      [`${dbId("sql-se-01", "appdb")}/transparentDataEncryption/Current`, "Enabled"],
      [`${dbId("sql-se-02", "reports")}/transparentDataEncryption/Current`, "Disabled"],
    ]);
    expect(c.sqlEncryptionProtectors).toEqual([protector("sql-se-01"), protector("sql-se-02")]);
    expect(c.sqlFailoverGroups?.[0]?.properties?.partnerServers).toEqual([
      expect.objectContaining({ location: "North Europe", replicationRole: "Secondary" }),
    ]);
    expect(c.sqlDatabases?.find((d) => d.name === "reports")?.properties?.requestedBackupStorageRedundancy).toBe("Local");
    expect(c.sqlManagedInstances?.map((m) => m.id)).toEqual([miId("mi-se-01")]);
    expect(c.sqlManagedInstanceEncryptionProtectors?.[0]?.properties?.serverKeyType).toBe("AzureKeyVault");
    expect(snap.coverage).toEqual([]);
    expect(requestPaths().some((p) => p.includes("/databases/master/"))).toBe(false);
    expect(snap.apiVersions).toMatchObject({
      sqlServers: V,
      sqlDatabases: V,
      sqlTransparentDataEncryption: V,
      sqlEncryptionProtectors: V_PROTECTOR,
      sqlFailoverGroups: V_PROTECTOR,
      sqlReplicationLinks: V_LINKS,
      sqlManagedInstances: V,
      sqlManagedInstanceEncryptionProtectors: V_PROTECTOR,
      sqlInstanceFailoverGroups: V_INSTANCE_GROUPS,
    });
  });

  it("records a 403 for the one scope it blinds and still reads the siblings", async () => {
    const { ctx, snap, sub } = harness();
    arm()
      .get(SERVERS)
      .query({ "api-version": V })
      .reply(200, { value: [server("sql-se-01", "swedencentral"), server("sql-se-02", "swedencentral")] });
    mockServerChildren("sql-se-01", {
      dbs: [database("sql-se-01", "appdb"), database("sql-se-01", "hrdb")],
    });
    // sql-se-02: its databases cannot be listed, its protector and failover groups can.
    arm()
      .get(`${serverId("sql-se-02")}/databases`)
      .query({ "api-version": V })
      .reply(403, forbidden("Microsoft.Sql/servers/databases/read", serverId("sql-se-02")));
    arm().get(`${serverId("sql-se-02")}/encryptionProtector/current`).query({ "api-version": V_PROTECTOR }).reply(200, protector("sql-se-02"));
    arm().get(`${serverId("sql-se-02")}/failoverGroups`).query({ "api-version": V_PROTECTOR }).reply(200, { value: [] });
    arm().get(`${serverId("sql-se-02")}/replicationLinks`).query({ "api-version": V_LINKS }).reply(200, { value: [] });
    arm()
      .get(`${dbId("sql-se-01", "appdb")}/transparentDataEncryption/current`)
      .query({ "api-version": V })
      .reply(200, tde("sql-se-01", "appdb", "Enabled"));
    arm()
      .get(`${dbId("sql-se-01", "hrdb")}/transparentDataEncryption/current`)
      .query({ "api-version": V })
      .reply(403, forbidden("Microsoft.Sql/servers/databases/transparentDataEncryption/read", dbId("sql-se-01", "hrdb")));
    arm().get(MIS).query({ "api-version": V }).reply(200, { value: [] });

    await sqlCollector.collect(ctx, sub);

    expect(coverageSummary(snap).sort((a, b) => a.scope.localeCompare(b.scope))).toEqual([
      { scope: dbId("sql-se-01", "hrdb"), collection: "sqlTransparentDataEncryption", httpStatus: 403, code: "AuthorizationFailed" },
      { scope: serverId("sql-se-02"), collection: "sqlDatabases", httpStatus: 403, code: "AuthorizationFailed" },
    ]);
    expect(snap.coverage.every((e) => e.blinds === undefined && e.message.includes("does not have authorization"))).toBe(true);
    expect(sub.collections.sqlDatabases?.map((d) => d.name).sort()).toEqual(["appdb", "hrdb"]);
    expect(sub.collections.sqlTransparentDataEncryption?.map((t) => t.id)).toEqual([
      `${dbId("sql-se-01", "appdb")}/transparentDataEncryption/Current`,
    ]);
    expect(sub.collections.sqlEncryptionProtectors?.map((p) => p.id).sort()).toEqual(
      [`${serverId("sql-se-01")}/encryptionProtector/current`, `${serverId("sql-se-02")}/encryptionProtector/current`].sort(),
    );
    expect(sub.collections.sqlManagedInstances).toEqual([]);
    expect(sub.collections.sqlManagedInstanceEncryptionProtectors).toEqual([]);
  });

  it("leaves servers and their children uncollected when the subscription-level list is forbidden", async () => {
    const { ctx, snap, sub } = harness();
    arm().get(SERVERS).query({ "api-version": V }).reply(403, forbidden("Microsoft.Sql/servers/read", SUB_ID));
    arm().get(MIS).query({ "api-version": V }).reply(200, { value: [] });

    await sqlCollector.collect(ctx, sub);

    expect(coverageSummary(snap)).toEqual([{ scope: SUB_ID, collection: "sqlServers", httpStatus: 403, code: "AuthorizationFailed" }]);
    expect(sub.collections.sqlServers).toBeUndefined();
    expect(sub.collections.sqlDatabases).toBeUndefined();
    expect(sub.collections.sqlTransparentDataEncryption).toBeUndefined();
    expect(sub.collections.sqlManagedInstances).toEqual([]);
  });

  it("records a 404 on the server list as a gap; servers and their children stay uncollected", async () => {
    const { ctx, snap, sub } = harness();
    arm()
      .get(SERVERS)
      .query({ "api-version": V })
      .reply(404, { error: { code: "SubscriptionNotFound", message: `The subscription '${SUB}' could not be found.` } });
    arm().get(MIS).query({ "api-version": V }).reply(200, { value: [] });

    await sqlCollector.collect(ctx, sub);

    expect(coverageSummary(snap)).toEqual([{ scope: SUB_ID, collection: "sqlServers", httpStatus: 404, code: "SubscriptionNotFound" }]);
    expect(sub.collections.sqlServers).toBeUndefined();
    expect(sub.collections.sqlDatabases).toBeUndefined();
    expect(sub.collections.sqlManagedInstances).toEqual([]);
  });

  it("a protector 404 naming the server gone is a documented absence; a generic 404 ResourceNotFound and a TDE 404 are gaps", async () => {
    const { ctx, snap, sub } = harness();
    arm()
      .get(SERVERS)
      .query({ "api-version": V })
      .reply(200, { value: [server("sql-se-01", "swedencentral"), server("sql-se-02", "swedencentral"), server("sql-se-03", "swedencentral")] });
    // sql-se-01 was deleted after the server list (both codes the spec lists for that case).
    mockServerChildren("sql-se-01", {
      dbs: [],
      protectorError: { status: 404, code: "SubscriptionDoesNotHaveServer", message: "The requested server 'sql-se-01' was not found." },
    });
    mockServerChildren("sql-se-02", {
      dbs: [database("sql-se-02", "appdb")],
      protectorError: { status: 404, code: "ServerNotInSubscriptionResourceGroup", message: "Specified server does not exist in the specified resource group and subscription." },
    });
    mockServerChildren("sql-se-03", {
      dbs: [],
      protectorError: { status: 404, code: "ResourceNotFound", message: "The requested resource of type 'Microsoft.Sql/servers/encryptionProtector' with name 'current' was not found." },
    });
    // A database deleted after the database list: the TDE spec documents no 404, so it is a gap.
    arm()
      .get(`${dbId("sql-se-02", "appdb")}/transparentDataEncryption/current`)
      .query({ "api-version": V })
      .reply(404, { error: { code: "ResourceNotFound", message: "The requested resource of type 'Microsoft.Sql/servers/databases' with name 'appdb' was not found." } });
    arm().get(MIS).query({ "api-version": V }).reply(200, { value: [] });

    await sqlCollector.collect(ctx, sub);

    expect(coverageSummary(snap).sort((a, b) => a.scope.localeCompare(b.scope))).toEqual([
      { scope: dbId("sql-se-02", "appdb"), collection: "sqlTransparentDataEncryption", httpStatus: 404, code: "ResourceNotFound" },
      { scope: serverId("sql-se-03"), collection: "sqlEncryptionProtectors", httpStatus: 404, code: "ResourceNotFound" },
    ]);
    expect(sub.collections.sqlEncryptionProtectors).toEqual([]);
    expect(sub.collections.sqlTransparentDataEncryption).toEqual([]);
  });

  it("treats 409 MissingSubscriptionRegistration as no SQL resources and marks the provider", async () => {
    const { ctx, snap, sub } = harness();
    arm().get(SERVERS).query({ "api-version": V }).reply(409, notRegistered("Microsoft.Sql"));
    arm().get(MIS).query({ "api-version": V }).reply(409, notRegistered("Microsoft.Sql"));

    await sqlCollector.collect(ctx, sub);

    expect(snap.coverage).toEqual([]);
    expect(sub.collections.sqlServers).toEqual([]);
    expect(sub.collections.sqlManagedInstances).toEqual([]);
    expect(sub.notRegisteredProviders).toEqual(["Microsoft.Sql"]);
    expect(ctx.isRegistered(SUB, "Microsoft.Sql")).toBe(false);
  });

  it("makes no request when the provider is known to be unregistered", async () => {
    const { ctx, snap, sub } = harness();
    ctx.markNotRegistered(SUB, "Microsoft.Sql");

    await sqlCollector.collect(ctx, sub);

    expect(requests).toEqual([]);
    expect(snap.coverage).toEqual([]);
    for (const c of sqlCollector.collections) expect(sub.collections[c as keyof typeof sub.collections]).toEqual([]);
  });

  it("retries a 429 with Retry-After: 0 and collects everything", async () => {
    const { ctx, snap, sub } = harness();
    arm()
      .get(SERVERS)
      .query({ "api-version": V })
      .reply(429, { error: { code: "TooManyRequests", message: "Too many requests." } }, { "Retry-After": "0" })
      .get(SERVERS)
      .query({ "api-version": V })
      .reply(200, { value: [server("sql-se-01", "swedencentral")] });
    mockServerChildren("sql-se-01", { dbs: [database("sql-se-01", "master")] });
    arm()
      .get(MIS)
      .query({ "api-version": V })
      .reply(429, { error: { code: "TooManyRequests", message: "Too many requests." } }, { "Retry-After": "0" })
      .get(MIS)
      .query({ "api-version": V })
      .reply(200, { value: [] });

    await sqlCollector.collect(ctx, sub);

    expect(snap.coverage).toEqual([]);
    expect(sub.collections.sqlServers).toHaveLength(1);
    expect(sub.collections.sqlDatabases?.map((d) => d.name)).toEqual(["master"]);
    expect(sub.collections.sqlTransparentDataEncryption).toEqual([]);
    expect(sub.collections.sqlEncryptionProtectors).toHaveLength(1);
  });
});
