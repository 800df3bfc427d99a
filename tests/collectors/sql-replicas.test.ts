/**
 * Tests the SQL collector's replica reads — instance failover groups per resource group and
 * location of the managed instances, replication links per server — against nock, and runs the
 * conformance fixtures of those requests (tests/conformance/fixtures/sql/) through the collector
 * and RES-05.
 */
import { describe, expect, it } from "vitest";
import { sqlCollector } from "../../src/collectors/azure/sql.js";
import { CLOUDS } from "../../src/collectors/cloud.js";
import { createCollectorContext } from "../../src/collectors/context.js";
import { defaultConfig, runRules } from "../../src/index.js";
import type { SubscriptionSnapshot } from "../../src/snapshot/types.js";
import res05 from "../../rules/sql/database-backup-replica-location-allowed/rule.js";
import { type ConformanceFixture, concretePath, loadFixtures, servedWith } from "../conformance/load.js";
import { ARM, FAST_RETRY, type Harness, arm, coverageSummary, emptySnapshot, forbidden, requestPaths, staticCredential, useNock } from "./helpers.js";

useNock();

const V = "2022-08-01-preview";
const V_PROTECTOR = "2020-11-01-preview";
const V_LINKS = "2022-02-01-preview";
const V_INSTANCE_GROUPS = "2022-05-01-preview";

/** The collector harness for a subscription of the caller's choosing (the fixtures' subscriptions differ). */
function harnessFor(subscriptionId: string): Harness {
  const snap = emptySnapshot();
  const sub: SubscriptionSnapshot = { subscriptionId, id: `/subscriptions/${subscriptionId}`, collections: {} };
  snap.subscriptions.push(sub);
  const ctx = createCollectorContext({
    credential: staticCredential(),
    cloud: CLOUDS.AzureCloud!,
    tenantId: snap.tenant.tenantId,
    toolVersion: "0.0.0-test",
    snapshot: snap,
    retry: FAST_RETRY,
    timeoutMs: 5_000,
  });
  ctx.addSubscription(sub);
  return { ctx, snap, sub };
}

/** A service-managed encryption protector of a server or managed instance, as its GET returns it. */
function protector(parentId: string, managedInstance: boolean) {
  return {
    id: `${parentId}/encryptionProtector/current`,
    name: "current",
    type: managedInstance ? "Microsoft.Sql/managedInstances/encryptionProtector" : "Microsoft.Sql/servers/encryptionProtector",
    kind: "servicemanaged",
    properties: { serverKeyName: "ServiceManaged", serverKeyType: "ServiceManaged", autoRotationEnabled: false },
  };
}

function serve(f: ConformanceFixture): void {
  arm().get(concretePath(f)).query({ "api-version": f.apiVersion }).reply(f.status, f.body as Record<string, unknown>);
}

const fixtures = loadFixtures();
const fixture = (file: string) => fixtures.find((f) => f.file === file) as ConformanceFixture;

/** RES-05's results of one part, as `status target messageId` lines, sorted. */
function verdicts(h: Harness, part: string): string[] {
  const { findings } = runRules(h.snap, [res05], { config: defaultConfig(), now: new Date("2026-12-05T03:00:00Z") });
  return findings
    .filter((f) => f.part === part)
    .map((f) => `${f.status} ${f.resourceId} ${f.messageId}`)
    .sort();
}

function expected(f: ConformanceFixture, part: string): string[] {
  return f.expect
    .filter((e) => e.rule === "RES-05" && e.part === part)
    .map((e) => `${e.status} ${e.target} ${e.messageId}`)
    .sort();
}

/** Only the lines of the given targets. */
const on = (lines: string[], targets: readonly string[]) => lines.filter((l) => targets.some((t) => l.split(" ")[1]?.toLowerCase() === t.toLowerCase()));

describe("conformance: the SQL replica reads on the official examples", () => {
  it("InstanceFailoverGroupList.json under ManagedInstanceList.json: one list per resource group and location, RES-05 as the fixture says", async () => {
    const f = fixture("sql/InstanceFailoverGroupList.json");
    expect(f.with).toEqual(["ManagedInstanceList.json"]);
    const miList = fixture("sql/ManagedInstanceList.json");
    expect(servedWith(f, fixtures).map((x) => x.file)).toContain(miList.file);
    // The list and this fixture are served; the instances' protectors are answered below.
    const parents = [miList, f];
    const h = harnessFor(miList.parameters.subscriptionId as string);
    arm().get(`/subscriptions/${h.sub.subscriptionId}/providers/Microsoft.Sql/servers`).query({ "api-version": V }).reply(200, { value: [] });
    for (const p of parents) serve(p);
    const instances = (miList.body as { value: { id: string }[] }).value;
    // The SDK sends the subscription id as the client was given it (the example's parameters spell it in capitals).
    const asSent = (id: string) => id.replace(/^\/subscriptions\/[^/]+/, `/subscriptions/${h.sub.subscriptionId}`);
    for (const mi of instances) arm().get(`${asSent(mi.id)}/encryptionProtector/current`).query({ "api-version": V_PROTECTOR }).reply(200, protector(mi.id, true));

    await sqlCollector.collect(h.ctx, h.sub);

    expect(h.snap.coverage).toEqual([]);
    // Both instances are in Test1/japaneast: one request for the pair.
    expect(requestPaths().filter((p) => p.includes("/instanceFailoverGroups"))).toEqual([`${concretePath(f)}?api-version=${V_INSTANCE_GROUPS}`]);
    expect(h.sub.collections.sqlInstanceFailoverGroups).toEqual((f.body as { value: unknown[] }).value);
    expect(h.snap.apiVersions.sqlInstanceFailoverGroups).toBe(f.apiVersion);
    // The groups' instances (the example pairs instances the list does not show) fail; the listed
    // instance is in no group and passes.
    const listed = instances.map((mi) => mi.id);
    expect(on(verdicts(h, "failover-group"), f.expect.map((e) => e.target))).toEqual(expected(f, "failover-group"));
    expect(on(verdicts(h, "failover-group"), listed)).toEqual(listed.map((id) => `pass ${id} instanceGroupNone`).sort());
    expect(verdicts(h, "failover-group")).toHaveLength(f.expect.length + listed.length);
    expect(verdicts(h, "backup")).toEqual(expected(miList, "backup"));
  });

  it("ReplicationLinkListByServer.json under ServerList.json: one list per server, RES-05 as the fixture says", async () => {
    const f = fixture("sql/ReplicationLinkListByServer.json");
    expect(f.with).toEqual(["ServerList.json"]);
    const serverList = fixture("sql/ServerList.json");
    expect(servedWith(f, fixtures).map((x) => x.file)).toContain(serverList.file);
    const h = harnessFor(serverList.parameters.subscriptionId as string);
    serve(serverList);
    for (const srv of (serverList.body as { value: { id: string }[] }).value) {
      arm().get(`${srv.id}/databases`).query({ "api-version": V }).reply(200, { value: [] });
      arm().get(`${srv.id}/encryptionProtector/current`).query({ "api-version": V_PROTECTOR }).reply(200, protector(srv.id, false));
      arm().get(`${srv.id}/failoverGroups`).query({ "api-version": V_PROTECTOR }).reply(200, { value: [] });
      if (`${srv.id}/replicationLinks` === concretePath(f)) serve(f);
      else arm().get(`${srv.id}/replicationLinks`).query({ "api-version": V_LINKS }).reply(200, { value: [] });
    }
    arm().get(`/subscriptions/${h.sub.subscriptionId}/providers/Microsoft.Sql/managedInstances`).query({ "api-version": V }).reply(200, { value: [] });

    await sqlCollector.collect(h.ctx, h.sub);

    expect(h.snap.coverage).toEqual([]);
    expect(h.sub.collections.sqlReplicationLinks).toEqual((f.body as { value: unknown[] }).value);
    expect(h.snap.apiVersions.sqlReplicationLinks).toBe(f.apiVersion);
    expect(verdicts(h, "geo-replica")).toEqual(expected(f, "geo-replica"));
  });
});

describe("sqlCollector: replica reads", () => {
  const S = "9c4e2a31-5b7d-4f60-8e1a-2d3c4b5a6f70";
  const SUB_ID = `/subscriptions/${S}`;
  const mi = (rg: string, name: string, location: string) => ({
    id: `${SUB_ID}/resourceGroups/${rg}/providers/Microsoft.Sql/managedInstances/${name}`,
    name,
    type: "Microsoft.Sql/managedInstances",
    location,
    sku: { name: "GP_Gen5", tier: "GeneralPurpose", family: "Gen5", capacity: 8 },
    properties: { state: "Ready", currentBackupStorageRedundancy: "Zone", requestedBackupStorageRedundancy: "Zone" },
  });
  const groupsPath = (rg: string, location: string) => `${SUB_ID}/resourceGroups/${rg}/providers/Microsoft.Sql/locations/${location}/instanceFailoverGroups`;
  const group = (rg: string, location: string, name: string, primary: string, partner: string, partnerLocation: string) => ({
    id: `${SUB_ID}/resourceGroups/${rg}/providers/Microsoft.Sql/locations/${location}/instanceFailoverGroups/${name}`,
    name,
    type: "Microsoft.Sql/locations/instanceFailoverGroups",
    properties: {
      readWriteEndpoint: { failoverPolicy: "Automatic", failoverWithDataLossGracePeriodMinutes: 60 },
      readOnlyEndpoint: { failoverPolicy: "Disabled" },
      replicationRole: "Primary",
      replicationState: "CATCH_UP",
      partnerRegions: [{ location: partnerLocation, replicationRole: "Secondary" }],
      managedInstancePairs: [{ primaryManagedInstanceId: primary, partnerManagedInstanceId: partner }],
    },
  });

  it("lists instance failover groups once per resource group and location (over two pages); a 403 on one list is a gap at that location only", async () => {
    const h = harnessFor(S);
    const a = mi("rg-data", "mi-a", "swedencentral");
    const b = mi("RG-DATA", "mi-b", "Sweden Central"); // same resource group and region, other spelling
    const c = mi("rg-data", "mi-c", "swedensouth");
    const d = mi("rg-other", "mi-d", "swedencentral");
    arm().get(`${SUB_ID}/providers/Microsoft.Sql/servers`).query({ "api-version": V }).reply(200, { value: [] });
    arm().get(`${SUB_ID}/providers/Microsoft.Sql/managedInstances`).query({ "api-version": V }).reply(200, { value: [a, b, c, d] });
    for (const x of [a, b, c, d]) arm().get(`${x.id}/encryptionProtector/current`).query({ "api-version": V_PROTECTOR }).reply(200, protector(x.id, true));
    const g1 = group("rg-data", "swedencentral", "fog-1", a.id, c.id, "Sweden South");
    const g2 = group("rg-data", "swedencentral", "fog-2", b.id, d.id, "Sweden Central");
    const g3 = group("rg-data", "swedensouth", "fog-1", a.id, c.id, "Sweden Central");
    arm()
      .get(groupsPath("rg-data", "swedencentral"))
      .query({ "api-version": V_INSTANCE_GROUPS })
      .reply(200, { value: [g1], nextLink: `${ARM}${groupsPath("rg-data", "swedencentral")}?api-version=${V_INSTANCE_GROUPS}&$skiptoken=p2` })
      .get(groupsPath("rg-data", "swedencentral"))
      .query({ "api-version": V_INSTANCE_GROUPS, $skiptoken: "p2" })
      .reply(200, { value: [g2] });
    arm().get(groupsPath("rg-data", "swedensouth")).query({ "api-version": V_INSTANCE_GROUPS }).reply(200, { value: [g3] });
    arm()
      .get(groupsPath("rg-other", "swedencentral"))
      .query({ "api-version": V_INSTANCE_GROUPS })
      .reply(403, forbidden("Microsoft.Sql/locations/instanceFailoverGroups/read", `${SUB_ID}/resourceGroups/rg-other`));

    await sqlCollector.collect(h.ctx, h.sub);

    expect(requestPaths().filter((p) => p.includes("/instanceFailoverGroups")).sort()).toEqual(
      [
        `${groupsPath("rg-data", "swedencentral")}?api-version=${V_INSTANCE_GROUPS}`,
        `${groupsPath("rg-data", "swedencentral")}?api-version=${V_INSTANCE_GROUPS}&$skiptoken=p2`,
        `${groupsPath("rg-data", "swedensouth")}?api-version=${V_INSTANCE_GROUPS}`,
        `${groupsPath("rg-other", "swedencentral")}?api-version=${V_INSTANCE_GROUPS}`,
      ].sort(),
    );
    expect(h.sub.collections.sqlInstanceFailoverGroups).toEqual([g1, g2, g3]);
    expect(h.snap.coverage).toEqual([
      {
        scope: `${SUB_ID}/resourceGroups/rg-other/providers/Microsoft.Sql/locations/swedencentral`,
        collection: "sqlInstanceFailoverGroups",
        operation: `GET ${groupsPath("rg-other", "swedencentral")}`,
        httpStatus: 403,
        code: "AuthorizationFailed",
        message: expect.stringContaining("perform action 'Microsoft.Sql/locations/instanceFailoverGroups/read'"),
        permission: "Microsoft.Sql/locations/instanceFailoverGroups/read",
      },
    ]);
    // The gap blinds mi-d's failover-group verdict only; mi-b is judged from fog-2 (its own list).
    expect(verdicts(h, "failover-group")).toEqual(
      [
        `pass ${a.id} instanceGroupAllowed`,
        `pass ${b.id} instanceGroupAllowed`,
        `pass ${c.id} instanceGroupAllowed`,
        `not-assessed ${d.id} __notAssessed`,
      ].sort(),
    );
  });

  it("lists replication links once per server; a 404 and a malformed page are gaps of that server's databases' geo-replica part only", async () => {
    const h = harnessFor(S);
    const server = (name: string) => ({ id: `${SUB_ID}/resourceGroups/rg-data/providers/Microsoft.Sql/servers/${name}`, name, type: "Microsoft.Sql/servers", location: "swedencentral", kind: "v12.0", properties: { state: "Ready", version: "12.0" } });
    const db = (srv: { id: string }, name: string) => ({ id: `${srv.id}/databases/${name}`, name, type: "Microsoft.Sql/servers/databases", location: "swedencentral", properties: { status: "Online", currentBackupStorageRedundancy: "Local", requestedBackupStorageRedundancy: "Local" } });
    const s1 = server("sql-1");
    const s2 = server("sql-2");
    const s3 = server("sql-3");
    const link = {
      properties: { partnerServer: "sql-1-dr", partnerDatabase: "appdb", partnerLocation: "North Europe", role: "Primary", partnerRole: "Secondary", replicationMode: "ASYNC", startTime: "2025-05-12T06:30:00.000Z", percentComplete: 100, replicationState: "CATCH_UP", isTerminationAllowed: true, linkType: "GEO" },
      id: `${s1.id}/databases/appdb/replicationLinks/2f0c6a1e-4b7d-4f3a-9c1e-5d8b7a6f4e21`,
      name: "2f0c6a1e-4b7d-4f3a-9c1e-5d8b7a6f4e21",
    };
    arm().get(`${SUB_ID}/providers/Microsoft.Sql/servers`).query({ "api-version": V }).reply(200, { value: [s1, s2, s3] });
    arm().get(`${SUB_ID}/providers/Microsoft.Sql/managedInstances`).query({ "api-version": V }).reply(200, { value: [] });
    for (const [srv, dbs] of [[s1, [db(s1, "appdb"), db(s1, "hrdb")]], [s2, [db(s2, "arkivdb")]], [s3, [db(s3, "lagerdb")]]] as const) {
      arm().get(`${srv.id}/databases`).query({ "api-version": V }).reply(200, { value: dbs });
      arm().get(`${srv.id}/encryptionProtector/current`).query({ "api-version": V_PROTECTOR }).reply(200, protector(srv.id, false));
      arm().get(`${srv.id}/failoverGroups`).query({ "api-version": V_PROTECTOR }).reply(200, { value: [] });
      for (const d of dbs) {
        arm()
          .get(`${d.id}/transparentDataEncryption/current`)
          .query({ "api-version": V })
          .reply(200, { id: `${d.id}/transparentDataEncryption/Current`, name: "Current", type: "Microsoft.Sql/servers/databases/transparentDataEncryption", properties: { state: "Enabled" } });
      }
    }
    arm().get(`${s1.id}/replicationLinks`).query({ "api-version": V_LINKS }).reply(200, { value: [link] });
    arm()
      .get(`${s2.id}/replicationLinks`)
      .query({ "api-version": V_LINKS })
      .reply(404, { error: { code: "ResourceNotFound", message: "The requested resource was not found." } });
    arm().get(`${s3.id}/replicationLinks`).query({ "api-version": V_LINKS }).reply(200, { links: [] });

    await sqlCollector.collect(h.ctx, h.sub);

    expect(requestPaths().filter((p) => p.includes("replicationLinks")).sort()).toEqual([s1, s2, s3].map((s) => `${s.id}/replicationLinks?api-version=${V_LINKS}`).sort());
    expect(h.sub.collections.sqlReplicationLinks).toEqual([link]);
    expect(coverageSummary(h.snap).sort((a, b) => a.scope.localeCompare(b.scope))).toEqual([
      { scope: s2.id, collection: "sqlReplicationLinks", httpStatus: 404, code: "ResourceNotFound" },
      { scope: s3.id, collection: "sqlReplicationLinks", code: "MalformedResponse" },
    ]);
    expect(h.snap.coverage.map((c) => c.permission)).toEqual(["Microsoft.Sql/servers/replicationLinks/read", "Microsoft.Sql/servers/replicationLinks/read"]);
    expect(verdicts(h, "geo-replica")).toEqual(
      [
        `fail ${s1.id}/databases/appdb geoReplicaNotAllowed`,
        `pass ${s1.id}/databases/hrdb geoReplicaNone`,
        `not-assessed ${s2.id}/databases/arkivdb __notAssessed`,
        `not-assessed ${s3.id}/databases/lagerdb __notAssessed`,
      ].sort(),
    );
    // The backup part did not read the links: it keeps its verdicts.
    expect(verdicts(h, "backup")).toEqual([`pass ${s1.id}/databases/appdb backupLocal`, `pass ${s1.id}/databases/hrdb backupLocal`, `pass ${s2.id}/databases/arkivdb backupLocal`, `pass ${s3.id}/databases/lagerdb backupLocal`].sort());
  });
});
