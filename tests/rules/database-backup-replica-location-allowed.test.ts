import rule from "../../rules/sql/database-backup-replica-location-allowed.js";
import { defaultConfig } from "../../src/index.js";
import { mysqlFlexibleServer, postgresFlexibleServer, sqlDatabase, sqlFailoverGroup, sqlManagedInstance, sqlMasterDatabase, sqlServer } from "../fixtures/sql.js";
import { type ArmResource, type SubInput, failure, makeSnapshot, SUB } from "../fixtures/snapshot.js";
import { ruleTester } from "../helpers/rule-tester.js";

const snap = (collections: SubInput["collections"]) => makeSnapshot({ subscriptions: [{ collections }] });
const eu = (c: ReturnType<typeof defaultConfig>) => void (c.profile.allowedRegions = defaultConfig("eu").profile.allowedRegions);
const redundancy = (current: string | undefined, requested: string | undefined) => ({
  properties: { currentBackupStorageRedundancy: current, requestedBackupStorageRedundancy: requested },
});

const sqlSe = sqlServer("sql-exk");
const sqlWeu = sqlServer("sql-weu", "westeurope");

ruleTester(rule, {
  valid: [
    {
      name: "Sweden: geo backups to Sweden South, zone MI, partner in Sweden South, flexible servers",
      snapshot: snap({
        sqlServers: [sqlSe],
        sqlDatabases: [sqlMasterDatabase(sqlSe), sqlDatabase(sqlSe, "appdb")],
        sqlManagedInstances: [sqlManagedInstance("mi-exk", "swedencentral", redundancy("Zone", "Zone"))],
        sqlFailoverGroups: [sqlFailoverGroup(sqlSe, "fg-exk", ["swedensouth"])],
        postgresFlexibleServers: [postgresFlexibleServer("pg-exk")],
        mysqlFlexibleServers: [mysqlFlexibleServer("my-exk", "swedencentral", { properties: { backup: { geoRedundantBackup: "Enabled" } } })],
      }),
      results: [
        { status: "pass", messageId: "backupPairAllowed", part: "backup", resource: "appdb" },
        { status: "pass", messageId: "backupLocal", part: "backup", resource: "mi-exk" },
        { status: "pass", messageId: "partnersAllowed", part: "failover-group", resource: "fg-exk" },
        { status: "pass", messageId: "backupLocal", part: "flexible-server-backup", resource: "pg-exk" },
        { status: "pass", messageId: "backupPairAllowed", part: "flexible-server-backup", resource: "my-exk" },
      ],
    },
    {
      name: "case variations: GEOZONE, display-name locations, MASTER",
      snapshot: snap({
        sqlServers: [sqlServer("sql-disp", "Sweden Central")],
        sqlDatabases: [sqlDatabase(sqlServer("sql-disp", "Sweden Central"), "appdb", redundancy("GEOZONE", "geozone")), sqlDatabase(sqlServer("sql-disp", "Sweden Central"), "MASTER")],
        sqlFailoverGroups: [sqlFailoverGroup(sqlServer("sql-disp", "Sweden Central"), "fg-disp", ["Sweden South", "SWEDENCENTRAL"])],
        postgresFlexibleServers: [postgresFlexibleServer("pg-case", "Sweden Central", { properties: { backup: { geoRedundantBackup: "enabled" } } })],
      }),
    },
    {
      name: "eu profile: West Europe backups go to North Europe",
      snapshot: snap({ sqlServers: [sqlWeu], sqlDatabases: [sqlDatabase(sqlWeu, "appdb")] }),
      config: eu,
    },
    { name: "empty tenant", snapshot: snap({ sqlServers: [], sqlDatabases: [] }), results: [] },
    { name: "only master: nothing to judge", snapshot: snap({ sqlServers: [sqlSe], sqlDatabases: [sqlMasterDatabase(sqlSe)] }), results: [] },
    {
      name: "pair reported by SQL for a region Hemvist does not know",
      snapshot: snap({ sqlDatabases: [sqlDatabase(sqlServer("sql-n", "swedennorth"), "appdb", { properties: { defaultSecondaryLocation: "swedencentral" } })] }),
    },
  ],
  invalid: [
    {
      name: "West Europe database with geo backups",
      snapshot: snap({ sqlServers: [sqlWeu], sqlDatabases: [sqlMasterDatabase(sqlWeu), sqlDatabase(sqlWeu, "appdb")] }),
      results: [{ status: "fail", messageId: "backupPairNotAllowed", part: "backup", resource: "appdb", severity: "high" }],
    },
    {
      name: "either redundancy value being Geo counts",
      snapshot: snap({
        sqlServers: [sqlWeu],
        sqlDatabases: [sqlDatabase(sqlWeu, "moving-to-geo", redundancy("Local", "Geo")), sqlDatabase(sqlWeu, "moving-to-local", redundancy("GeoZone", "Zone")), sqlDatabase(sqlWeu, "local", redundancy("Local", "Local"))],
      }),
      config: (c) => void c.profile.allowedRegions.push("westeurope"),
      results: [
        { status: "fail", messageId: "backupPairNotAllowed", part: "backup", resource: "moving-to-geo" },
        { status: "fail", messageId: "backupPairNotAllowed", part: "backup", resource: "moving-to-local" },
        { status: "pass", messageId: "backupLocal", part: "backup", resource: "local" },
      ],
    },
    {
      name: "managed instance in Germany with GeoZone backups under the se profile",
      snapshot: snap({ sqlManagedInstances: [sqlManagedInstance("mi-de", "germanywestcentral", redundancy("GeoZone", "GeoZone"))] }),
      results: [{ status: "fail", messageId: "backupPairNotAllowed", part: "backup", resource: "mi-de" }],
    },
    {
      name: "failover group partners outside Sweden or without a location",
      snapshot: snap({
        sqlServers: [sqlSe],
        sqlFailoverGroups: [sqlFailoverGroup(sqlSe, "fg-neu", ["northeurope"]), sqlFailoverGroup(sqlSe, "fg-odd", ["swedensouth", undefined])],
      }),
      results: [
        { status: "fail", messageId: "partnersNotAllowed", part: "failover-group", resource: "fg-neu" },
        { status: "fail", messageId: "partnersNotAllowed", part: "failover-group", resource: "fg-odd" },
      ],
    },
    {
      name: "flexible servers with geo-redundant backup outside the allowed pair",
      snapshot: snap({
        postgresFlexibleServers: [postgresFlexibleServer("pg-weu", "West Europe", { properties: { backup: { geoRedundantBackup: "Enabled" } } })],
        mysqlFlexibleServers: [mysqlFlexibleServer("my-pl", "polandcentral", { properties: { backup: { geoRedundantBackup: "Enabled" } } })],
      }),
      config: (c) => void c.profile.allowedRegions.push("westeurope", "polandcentral"),
      results: [
        { status: "fail", messageId: "backupPairNotAllowed", part: "flexible-server-backup", resource: "pg-weu" },
        { status: "fail", messageId: "backupPairUnknown", part: "flexible-server-backup", resource: "my-pl" },
      ],
    },
    {
      name: "geo backups from a location Hemvist does not know",
      snapshot: snap({ sqlDatabases: [sqlDatabase(sqlServer("sql-mars", "marsnorth"), "appdb")] }),
      results: [{ status: "fail", messageId: "backupPairUnknown", part: "backup", resource: "appdb" }],
    },
  ],
  notAssessed: [
    {
      name: "databases of one server forbidden: the failover group is still judged",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: { sqlServers: [sqlSe], sqlDatabases: [], sqlFailoverGroups: [sqlFailoverGroup(sqlSe, "fg-exk", ["swedensouth"])] } }],
        coverage: [failure("sqlDatabases", sqlSe.id)],
      }),
      results: [
        { status: "not-assessed", messageId: "__notAssessed", part: "backup", resource: "sql-exk" },
        { status: "pass", part: "failover-group", resource: "fg-exk" },
      ],
    },
    {
      name: "SQL servers not listable: both SQL parts are not assessed, flexible servers are",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: { postgresFlexibleServers: [postgresFlexibleServer("pg-exk")] } }],
        coverage: [failure("sqlServers", `/subscriptions/${SUB}`)],
      }),
      results: [
        { status: "not-assessed", part: "backup", resource: SUB },
        { status: "not-assessed", part: "failover-group", resource: SUB },
        { status: "pass", part: "flexible-server-backup", resource: "pg-exk" },
      ],
    },
    {
      name: "MySQL flexible servers throttled",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: { mysqlFlexibleServers: [mysqlFlexibleServer("my-exk")] } }],
        coverage: [failure("mysqlFlexibleServers", `/subscriptions/${SUB}`, { httpStatus: 429, code: "TooManyRequests" })],
      }),
      results: [{ status: "not-assessed", part: "flexible-server-backup", resource: "my-exk" }],
    },
  ],
  missingProperty: [
    {
      name: "no backup redundancy at all: Geo, the default",
      snapshot: snap({
        sqlServers: [sqlSe, sqlWeu],
        sqlDatabases: [sqlDatabase(sqlSe, "legacy-se", redundancy(undefined, undefined)), sqlDatabase(sqlWeu, "legacy-weu", redundancy(undefined, undefined))],
      }),
      results: [
        { status: "pass", messageId: "backupPairAllowed", part: "backup", resource: "legacy-se" },
        { status: "fail", messageId: "backupPairNotAllowed", part: "backup", resource: "legacy-weu" },
      ],
    },
    {
      name: "managed instance without redundancy properties",
      snapshot: snap({ sqlManagedInstances: [sqlManagedInstance("mi-old", "westeurope", redundancy(undefined, undefined))] }),
      results: [{ status: "fail", messageId: "backupPairNotAllowed", part: "backup", resource: "mi-old" }],
    },
    {
      name: "geoRedundantBackup absent: Disabled",
      snapshot: snap({ postgresFlexibleServers: [postgresFlexibleServer("pg-weu", "West Europe", { properties: { backup: { geoRedundantBackup: undefined } } })] }),
      results: [{ status: "pass", messageId: "backupLocal", part: "flexible-server-backup", resource: "pg-weu" }],
    },
    {
      name: "database without a location takes its server's",
      snapshot: snap({ sqlServers: [sqlWeu], sqlDatabases: [{ ...sqlDatabase(sqlWeu, "noloc"), location: undefined } as ArmResource] }),
      results: [{ status: "fail", messageId: "backupPairNotAllowed", part: "backup", resource: "noloc" }],
    },
  ],
});
