import { describe, expect, it } from "vitest";
import rule from "./rule.js";
import { defaultConfig } from "../../../src/index.js";
import { mysqlFlexibleServer, postgresFlexibleServer, sqlDatabase, sqlFailoverGroup, sqlInstanceFailoverGroup, sqlManagedInstance, sqlMasterDatabase, sqlReplicationLink, sqlServer } from "../../../tests/fixtures/sql.js";
import { failedInSub2, findingsOf, forbidden, lines, verdict } from "../../../tests/fixtures/coverage.js";
import { genericListOf } from "../../../tests/fixtures/resources.js";
import { type ArmResource, type SubInput, failure, makeSnapshot, SUB, SUB2 } from "../../../tests/fixtures/snapshot.js";
import { ruleTester } from "../../../tests/helpers/rule-tester.js";

const snap = (collections: SubInput["collections"]) => makeSnapshot({ subscriptions: [{ collections }] });
const eu = (c: ReturnType<typeof defaultConfig>) => void (c.profile.allowedRegions = defaultConfig("eu").profile.allowedRegions);
const redundancy = (current: string | undefined, requested: string | undefined) => ({
  properties: { currentBackupStorageRedundancy: current, requestedBackupStorageRedundancy: requested },
});

const sqlSe = sqlServer("sql-exk");
const sqlWeu = sqlServer("sql-weu", "westeurope");

// The databases of sql-exk could not be listed (403 at the server); the generic list shows them
// (databases are tracked resources). sql-hr's database and sql-exk's failover group were read.
const appdb = sqlDatabase(sqlSe, "appdb");
const arkivdb = sqlDatabase(sqlSe, "arkivdb");
const fgExk = sqlFailoverGroup(sqlSe, "fg-exk", ["swedensouth"]);
const sqlHr = sqlServer("sql-hr");
const hrdb = sqlDatabase(sqlHr, "hrdb");
const databasesOfOneServerForbidden = makeSnapshot({
  subscriptions: [
    {
      collections: {
        resources: genericListOf([sqlSe, sqlMasterDatabase(sqlSe), appdb, arkivdb, sqlHr, sqlMasterDatabase(sqlHr), hrdb]),
        sqlServers: [sqlSe, sqlHr],
        sqlDatabases: [sqlMasterDatabase(sqlHr), hrdb],
        sqlFailoverGroups: [fgExk],
      },
    },
  ],
  coverage: [failure("sqlDatabases", sqlSe.id)],
});

// The SQL server list forbidden in SUB2 (so neither its databases nor its failover groups were
// read); SUB2's PostgreSQL list was read. SUB was read completely.
const readSub = { sqlServers: [sqlSe], sqlDatabases: [sqlMasterDatabase(sqlSe), appdb], sqlFailoverGroups: [fgExk], sqlManagedInstances: [], postgresFlexibleServers: [], mysqlFlexibleServers: [] };
const readInSub = [
  { status: "pass" as const, messageId: "backupPairAllowed", part: "backup", resource: "appdb" },
  { status: "pass" as const, messageId: "geoReplicaNone", part: "geo-replica", resource: "appdb" },
  { status: "pass" as const, messageId: "partnersAllowed", part: "failover-group", resource: "fg-exk" },
];
const srv2 = sqlServer("sql-arende2", "swedencentral", {}, "rg-data", SUB2);
const db2 = sqlDatabase(srv2, "diarium");
const pg2 = postgresFlexibleServer("pg-arende2", "Sweden Central", {}, "rg-data", SUB2);
const sub2 = { postgresFlexibleServers: [pg2], sqlManagedInstances: [], mysqlFlexibleServers: [] };
const serversNamedInSub2 = failedInSub2({ read: readSub, failed: ["sqlServers"], sub2, unseen: [srv2, sqlMasterDatabase(srv2), db2] });
const serversEmptyInSub2 = failedInSub2({ read: readSub, failed: ["sqlServers"], sub2, unseen: [] });
const serversGenericFailedInSub2 = failedInSub2({ read: readSub, failed: ["sqlServers"], sub2, unseen: "failed" });

// Geo-replicas: replication links as ReplicationLinks_ListByServer lists them (spec example
// specification/sql/resource-manager/Microsoft.Sql/preview/2022-05-01-preview/examples/ReplicationLinkListByServer.json:
// partnerLocation a display name, role Primary or Secondary, no `type`).
const geoSrv = sqlServer("sql-geo");
const geoPrimary = sqlDatabase(geoSrv, "diariedb");
const geoSecondary = sqlDatabase(geoSrv, "ekonomidb");
const geoJapan = sqlDatabase(geoSrv, "tetha-db");
const geoWeu = sqlDatabase(geoSrv, "gamma-db");
const geoNoLoc = sqlDatabase(geoSrv, "okand-db");
const otherSrv = sqlServer("sql-annan");
const otherDb = sqlDatabase(otherSrv, "arkivdb");

// Instance failover groups as InstanceFailoverGroups_ListByLocation lists them (spec example
// specification/sql/resource-manager/Microsoft.Sql/preview/2022-05-01-preview/examples/InstanceFailoverGroupList.json:
// partnerRegions[].location a display name, managedInstancePairs of primary and partner ids).
const miSc = sqlManagedInstance("mi-exk-sc", "swedencentral", redundancy("Zone", "Zone"));
const miSs = sqlManagedInstance("mi-exk-ss", "swedensouth", redundancy("Zone", "Zone"));
const miNe = sqlManagedInstance("mi-exk-ne", "northeurope", redundancy("Zone", "Zone"), "rg-data-dr");
const miAlone = sqlManagedInstance("mi-exk-ensam", "swedencentral", redundancy("Zone", "Zone"), "rg-annan");
const fogSweden = [sqlInstanceFailoverGroup(miSc, "fog-mi-se", miSc, miSs), sqlInstanceFailoverGroup(miSs, "fog-mi-se", miSc, miSs)];
// Listed at the primary only: the partner in North Europe is judged from the pairs all the same.
const fogNorth = sqlInstanceFailoverGroup(miSc, "fog-mi-ne", miSc, miNe);
const miScope = (mi: ArmResource, location: string) => `/subscriptions/${SUB}/resourceGroups/${mi.id.split("/")[4]}/providers/Microsoft.Sql/locations/${location}`;
const SE = ["swedencentral", "swedensouth"];
const BACKUP_EXPECTED = { en: "Local or Zone, or Geo/GeoZone with an allowed pair", sv: "Local eller Zone, eller Geo/GeoZone med ett tillåtet regionpar" };
/** The evidence of a SQL database's or managed instance's `backup` part (`defaulted` when neither value is set). */
const backupEvidence = (current: string | undefined, requested: string | undefined, pair?: string[]) => [
  { path: "properties.currentBackupStorageRedundancy", actual: current, expected: BACKUP_EXPECTED, ...(current === undefined && requested === undefined ? { defaulted: true } : {}) },
  { path: "properties.requestedBackupStorageRedundancy", actual: requested, expected: BACKUP_EXPECTED, ...(current === undefined && requested === undefined ? { defaulted: true } : {}) },
  ...(pair ? [{ path: "location (region pair)", actual: pair, expected: SE }] : []),
];
const FLEX_EXPECTED = { en: "Disabled, or Enabled with an allowed pair", sv: "Disabled, eller Enabled med ett tillåtet regionpar" };
const INSTANCE_GROUPS = "instanceFailoverGroups: properties.partnerRegions[].location, managedInstancePairs";
// A managed instance of a cross-subscription failover group, in a subscription outside the audit.
const miOther = sqlManagedInstance("mi-annan-sub", "swedensouth", redundancy("Zone", "Zone"), "rg-dr", SUB2);

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
        { status: "pass", messageId: "backupPairAllowed", part: "backup", resource: "appdb", message: "appdb copies its geo-redundant backups (Geo) to swedensouth, an allowed region." },
        { status: "pass", messageId: "geoReplicaNone", part: "geo-replica", resource: "appdb", message: "appdb has no geo-replica (no replication link)." },
        { status: "pass", messageId: "backupLocal", part: "backup", resource: "mi-exk", message: "mi-exk keeps its backups in its own region (Zone).", messageSv: "mi-exk behåller sina säkerhetskopior i sin egen region (Zone)." },
        { status: "pass", messageId: "instanceGroupNone", part: "failover-group", resource: "mi-exk", message: "mi-exk is in no instance failover group." },
        { status: "pass", messageId: "partnersAllowed", part: "failover-group", resource: "fg-exk", message: "fg-exk replicates to partner servers in swedensouth, all allowed regions." },
        {
          status: "pass",
          messageId: "backupLocal",
          part: "flexible-server-backup",
          resource: "pg-exk",
          message: "pg-exk keeps its backups in its own region (geo-redundant backup disabled).",
          evidence: [{ path: "properties.backup.geoRedundantBackup", actual: "Disabled", expected: { en: "Disabled, or Enabled with an allowed pair", sv: "Disabled, eller Enabled med ett tillåtet regionpar" } }],
          messageSv: "pg-exk behåller sina säkerhetskopior i sin egen region (georedundant säkerhetskopiering avstängd).",
        },
        {
          status: "pass",
          messageId: "backupPairAllowed",
          part: "flexible-server-backup",
          resource: "my-exk",
          message: "my-exk copies its geo-redundant backups (geo-redundant backup enabled) to swedensouth, an allowed region.",
          messageSv: "my-exk kopierar sina georedundanta säkerhetskopior (georedundant säkerhetskopiering påslagen) till swedensouth, en tillåten region.",
        },
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
    {
      name: "geo-replicas in Sweden South, either role (display-name and lower-case locations)",
      snapshot: snap({
        sqlServers: [geoSrv],
        sqlDatabases: [sqlMasterDatabase(geoSrv), geoPrimary, geoSecondary],
        sqlReplicationLinks: [sqlReplicationLink(geoPrimary, "Sweden South"), sqlReplicationLink(geoSecondary, "swedencentral", "Secondary")],
        sqlManagedInstances: [],
      }),
      results: [
        { status: "pass", messageId: "backupPairAllowed", part: "backup", resource: "diariedb" },
        { status: "pass", messageId: "backupPairAllowed", part: "backup", resource: "ekonomidb" },
        { status: "pass", messageId: "geoReplicaAllowed", part: "geo-replica", resource: "diariedb", message: "diariedb is replicated with partners in swedensouth, all allowed regions." },
        { status: "pass", messageId: "geoReplicaAllowed", part: "geo-replica", resource: "ekonomidb" },
      ],
    },
    {
      name: "instance failover group within Sweden, listed in both regions: one result per instance",
      snapshot: snap({ sqlManagedInstances: [miSc, miSs, miAlone], sqlInstanceFailoverGroups: fogSweden }),
      results: [
        { status: "pass", messageId: "backupLocal", part: "backup", resource: "mi-exk-sc" },
        { status: "pass", messageId: "backupLocal", part: "backup", resource: "mi-exk-ss" },
        { status: "pass", messageId: "backupLocal", part: "backup", resource: "mi-exk-ensam" },
        {
          status: "pass",
          messageId: "instanceGroupAllowed",
          part: "failover-group",
          resource: "mi-exk-sc",
          message: "mi-exk-sc is in failover group fog-mi-se, whose regions (swedencentral, swedensouth) are all allowed.",
          evidence: [
            {
              path: INSTANCE_GROUPS,
              actual: [
                { group: fogSweden[0]?.id, partnerRegions: ["Sweden South"], managedInstancePairs: [miSc.id, miSs.id] },
                { group: fogSweden[1]?.id, partnerRegions: ["Sweden Central"], managedInstancePairs: [miSc.id, miSs.id] },
              ],
              expected: SE,
            },
            { path: "instanceFailoverGroups: regions", actual: ["swedencentral", "swedensouth"], expected: SE },
          ],
        },
        { status: "pass", messageId: "instanceGroupAllowed", part: "failover-group", resource: "mi-exk-ss" },
        { status: "pass", messageId: "instanceGroupNone", part: "failover-group", resource: "mi-exk-ensam" },
      ],
    },

    { name: "only master: nothing to judge", snapshot: snap({ sqlServers: [sqlSe], sqlDatabases: [sqlMasterDatabase(sqlSe)] }), results: [] },
    {
      name: "pair reported by SQL for a region Hemvist does not know",
      snapshot: snap({ sqlDatabases: [sqlDatabase(sqlServer("sql-n", "swedennorth"), "appdb", { properties: { defaultSecondaryLocation: "swedencentral" } })] }),
    },
    {
      name: "one redundancy value absent: the other decides (not the default)",
      snapshot: snap({ sqlServers: [sqlWeu], sqlDatabases: [sqlDatabase(sqlWeu, "zone-requested", redundancy(undefined, "Zone")), sqlDatabase(sqlWeu, "zone-current", redundancy("Zone", undefined))] }),
      results: [
        { status: "pass", messageId: "backupLocal", part: "backup", resource: "zone-requested", message: "zone-requested keeps its backups in its own region (Zone).", evidence: backupEvidence(undefined, "Zone") },
        { status: "pass", messageId: "backupLocal", part: "backup", resource: "zone-current", message: "zone-current keeps its backups in its own region (Zone).", evidence: backupEvidence("Zone", undefined) },
        { status: "pass", messageId: "geoReplicaNone", part: "geo-replica", resource: "zone-requested" },
        { status: "pass", messageId: "geoReplicaNone", part: "geo-replica", resource: "zone-current" },
      ],
    },
    {
      name: "failover group that lists no partner servers",
      snapshot: snap({ sqlServers: [sqlSe], sqlFailoverGroups: [sqlFailoverGroup(sqlSe, "fg-tom", [])] }),
      results: [
        {
          status: "pass",
          messageId: "noPartners",
          part: "failover-group",
          resource: "fg-tom",
          message: "fg-tom lists no partner servers.",
          messageSv: "fg-tom har inga partnerservrar.",
          evidence: [{ path: "properties.partnerServers[].location", actual: [], expected: SE }],
        },
      ],
    },
    {
      name: "instance failover group with a partner in another subscription: the partner is not judged here",
      snapshot: snap({ sqlManagedInstances: [miSc], sqlInstanceFailoverGroups: [sqlInstanceFailoverGroup(miSc, "fog-mi-x", miSc, miOther)] }),
      results: [
        { status: "pass", messageId: "backupLocal", part: "backup", resource: "mi-exk-sc" },
        { status: "pass", messageId: "instanceGroupAllowed", part: "failover-group", resource: "mi-exk-sc", message: "mi-exk-sc is in failover group fog-mi-x, whose regions (swedencentral, swedensouth) are all allowed." },
      ],
    },
  ],
  invalid: [
    {
      name: "West Europe database with geo backups",
      snapshot: snap({ sqlServers: [sqlWeu], sqlDatabases: [sqlMasterDatabase(sqlWeu), sqlDatabase(sqlWeu, "appdb")] }),
      results: [
        {
          status: "fail",
          messageId: "backupPairNotAllowed",
          part: "backup",
          resource: "appdb",
          severity: "high",
          message: "appdb copies its geo-redundant backups (Geo) to northeurope, which is not one of the allowed regions.",
          messageSv: "appdb kopierar sina georedundanta säkerhetskopior (Geo) till northeurope, som inte är en av de tillåtna regionerna.",
          evidence: [
            { path: "properties.currentBackupStorageRedundancy", actual: "Geo", expected: { en: "Local or Zone, or Geo/GeoZone with an allowed pair", sv: "Local eller Zone, eller Geo/GeoZone med ett tillåtet regionpar" } },
            { path: "properties.requestedBackupStorageRedundancy", actual: "Geo", expected: { en: "Local or Zone, or Geo/GeoZone with an allowed pair", sv: "Local eller Zone, eller Geo/GeoZone med ett tillåtet regionpar" } },
            { path: "location (region pair)", actual: ["northeurope"], expected: ["swedencentral", "swedensouth"] },
          ],
        },
        { status: "pass", messageId: "geoReplicaNone", part: "geo-replica", resource: "appdb" },
      ],
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
        { status: "fail", messageId: "backupPairNotAllowed", part: "backup", resource: "moving-to-local", message: "moving-to-local copies its geo-redundant backups (GeoZone) to northeurope, which is not one of the allowed regions." },
        { status: "pass", messageId: "backupLocal", part: "backup", resource: "local", message: "local keeps its backups in its own region (Local)." },
        { status: "pass", messageId: "geoReplicaNone", part: "geo-replica", resource: "moving-to-geo" },
        { status: "pass", messageId: "geoReplicaNone", part: "geo-replica", resource: "moving-to-local" },
        { status: "pass", messageId: "geoReplicaNone", part: "geo-replica", resource: "local" },
      ],
    },
    {
      name: "managed instance in Germany with GeoZone backups under the se profile",
      snapshot: snap({ sqlManagedInstances: [sqlManagedInstance("mi-de", "germanywestcentral", redundancy("GeoZone", "GeoZone"))] }),
      results: [
        { status: "fail", messageId: "backupPairNotAllowed", part: "backup", resource: "mi-de" },
        { status: "pass", messageId: "instanceGroupNone", part: "failover-group", resource: "mi-de" },
      ],
    },
    {
      name: "failover group partners outside Sweden or without a location",
      snapshot: snap({
        sqlServers: [sqlSe],
        sqlFailoverGroups: [sqlFailoverGroup(sqlSe, "fg-neu", ["northeurope"]), sqlFailoverGroup(sqlSe, "fg-odd", ["swedensouth", undefined])],
      }),
      results: [
        { status: "fail", messageId: "partnersNotAllowed", part: "failover-group", resource: "fg-neu", message: "fg-neu replicates to partner servers in northeurope, outside the allowed regions." },
        {
          status: "fail",
          messageId: "partnersNotAllowed",
          part: "failover-group",
          resource: "fg-odd",
          message: "fg-odd replicates to partner servers in (unknown), outside the allowed regions.",
          messageSv: "fg-odd replikerar till partnerservrar i (okänd), utanför de tillåtna regionerna.",
          evidence: [{ path: "properties.partnerServers[].location", actual: ["swedensouth", null], expected: SE }],
        },
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
        {
          status: "fail",
          messageId: "backupPairNotAllowed",
          part: "flexible-server-backup",
          resource: "pg-weu",
          message: "pg-weu copies its geo-redundant backups (geo-redundant backup enabled) to northeurope, which is not one of the allowed regions.",
          evidence: [
            { path: "properties.backup.geoRedundantBackup", actual: "Enabled", expected: FLEX_EXPECTED },
            { path: "location (region pair)", actual: ["northeurope"], expected: [...SE, "westeurope", "polandcentral"] },
          ],
        },
        {
          status: "fail",
          messageId: "backupPairUnknown",
          part: "flexible-server-backup",
          resource: "my-pl",
          message: "my-pl copies its geo-redundant backups (geo-redundant backup enabled) to a region Hemvist cannot determine (polandcentral has no known pair).",
          messageSv: "my-pl kopierar sina georedundanta säkerhetskopior (georedundant säkerhetskopiering påslagen) till en region som Hemvist inte kan avgöra (polandcentral har inget känt par).",
        },
      ],
    },
    {
      name: "geo backups from a location Hemvist does not know",
      snapshot: snap({ sqlDatabases: [sqlDatabase(sqlServer("sql-mars", "marsnorth"), "appdb")] }),
      results: [
        { status: "fail", messageId: "backupPairUnknown", part: "backup", resource: "appdb", message: "appdb copies its geo-redundant backups (Geo) to a region Hemvist cannot determine (marsnorth has no known pair)." },
        { status: "pass", messageId: "geoReplicaNone", part: "geo-replica", resource: "appdb" },
      ],
    },
    {
      name: "geo-replicas outside Sweden (the spec example's Japan East, West Europe as secondary); a link to a database the list did not show",
      snapshot: snap({
        sqlServers: [geoSrv],
        sqlDatabases: [geoJapan, geoWeu],
        sqlReplicationLinks: [
          sqlReplicationLink(geoJapan, "Japan East"),
          sqlReplicationLink(geoJapan, "Sweden South", "Primary", "sql-geo-dr"),
          sqlReplicationLink(geoWeu, "West Europe", "Secondary"),
          sqlReplicationLink(sqlDatabase(geoSrv, "sen-db"), "northeurope"),
        ],
      }),
      results: [
        { status: "pass", messageId: "backupPairAllowed", part: "backup", resource: "tetha-db" },
        { status: "pass", messageId: "backupPairAllowed", part: "backup", resource: "gamma-db" },
        {
          status: "fail",
          messageId: "geoReplicaNotAllowed",
          part: "geo-replica",
          resource: "tetha-db",
          severity: "high",
          type: "Microsoft.Sql/servers/databases",
          location: "swedencentral",
          message: "tetha-db is replicated with a partner in japaneast, outside the allowed regions.",
          messageSv: "tetha-db replikeras med en partner i japaneast, utanför de tillåtna regionerna.",
          evidence: [
            {
              path: "replicationLinks[].properties.partnerLocation",
              actual: [
                { partnerServer: "sql-partner", role: "Primary", partnerLocation: "Japan East" },
                { partnerServer: "sql-geo-dr", role: "Primary", partnerLocation: "Sweden South" },
              ],
              expected: SE,
            },
          ],
        },
        {
          status: "fail",
          messageId: "geoReplicaNotAllowed",
          part: "geo-replica",
          resource: "gamma-db",
          evidence: [{ path: "replicationLinks[].properties.partnerLocation", actual: [{ partnerServer: "sql-partner", role: "Secondary", partnerLocation: "West Europe" }], expected: SE }],
        },
        // Not in the database list: its id and type from the link, its location its server's.
        { status: "fail", messageId: "geoReplicaNotAllowed", part: "geo-replica", resource: "sen-db", type: "Microsoft.Sql/servers/databases", location: "swedencentral", message: "sen-db is replicated with a partner in northeurope, outside the allowed regions." },
      ],
    },
    {
      name: "instance failover group with a partner in North Europe: both instances fail, the group listed at the primary only",
      snapshot: snap({ sqlManagedInstances: [miSc, miNe], sqlInstanceFailoverGroups: [fogNorth] }),
      results: [
        { status: "pass", messageId: "backupLocal", part: "backup", resource: "mi-exk-sc" },
        { status: "pass", messageId: "backupLocal", part: "backup", resource: "mi-exk-ne" },
        {
          status: "fail",
          messageId: "instanceGroupNotAllowed",
          part: "failover-group",
          resource: "mi-exk-sc",
          severity: "high",
          message: "mi-exk-sc is in failover group fog-mi-ne, which keeps its data in northeurope, outside the allowed regions.",
          messageSv: "mi-exk-sc ingår i redundansgruppen fog-mi-ne, som har sina data i northeurope, utanför de tillåtna regionerna.",
        },
        { status: "fail", messageId: "instanceGroupNotAllowed", part: "failover-group", resource: "mi-exk-ne" },
      ],
    },
    {
      name: "instance failover group whose partner region Hemvist cannot name (no location, partner instance unknown)",
      snapshot: snap({
        sqlManagedInstances: [miSc],
        sqlInstanceFailoverGroups: [
          sqlInstanceFailoverGroup(miSc, "fog-mi-x", miSc, { ...miNe, id: miNe.id.replace("mi-exk-ne", "mi-borta"), location: undefined } as ArmResource, {
            properties: { partnerRegions: [{ replicationRole: "Secondary" }] },
          }),
        ],
      }),
      results: [
        { status: "pass", messageId: "backupLocal", part: "backup", resource: "mi-exk-sc" },
        { status: "fail", messageId: "instanceGroupNotAllowed", part: "failover-group", resource: "mi-exk-sc" },
        // The partner the instance list did not show, in the same subscription, is judged too.
        {
          status: "fail",
          messageId: "instanceGroupNotAllowed",
          part: "failover-group",
          resource: "mi-borta",
          type: "Microsoft.Sql/managedInstances",
          location: "",
          message: "mi-borta is in failover group fog-mi-x, which keeps its data in (unknown), outside the allowed regions.",
          messageSv: "mi-borta ingår i redundansgruppen fog-mi-x, som har sina data i (okänd), utanför de tillåtna regionerna.",
        },
      ],
    },
  ],
  notAssessed: [
    {
      name: "replication links of one server forbidden: its databases' geo-replica part only",
      snapshot: makeSnapshot({
        subscriptions: [
          {
            collections: {
              resources: genericListOf([geoSrv, geoPrimary, otherSrv, otherDb]),
              sqlServers: [geoSrv, otherSrv],
              sqlDatabases: [geoPrimary, otherDb],
              sqlReplicationLinks: [sqlReplicationLink(otherDb, "westeurope")],
            },
          },
        ],
        coverage: [failure("sqlReplicationLinks", geoSrv.id, { operation: `GET ${geoSrv.id}/replicationLinks`, permission: "Microsoft.Sql/servers/replicationLinks/read" })],
      }),
      results: [
        { status: "pass", messageId: "backupPairAllowed", part: "backup", resource: "diariedb" },
        { status: "not-assessed", messageId: "__notAssessed", part: "geo-replica", resource: "diariedb", severity: "high" },
        { status: "pass", messageId: "backupPairAllowed", part: "backup", resource: "arkivdb" },
        { status: "fail", messageId: "geoReplicaNotAllowed", part: "geo-replica", resource: "arkivdb" },
      ],
    },
    {
      name: "instance failover groups of one resource group and location forbidden: those instances only",
      snapshot: makeSnapshot({
        subscriptions: [
          {
            collections: {
              resources: genericListOf([miSc, miSs, miAlone]),
              sqlManagedInstances: [miSc, miSs, miAlone],
              sqlInstanceFailoverGroups: [fogSweden[1] as ArmResource],
            },
          },
        ],
        coverage: [
          failure("sqlInstanceFailoverGroups", miScope(miSc, "swedencentral"), {
            operation: `GET ${miScope(miSc, "swedencentral")}/instanceFailoverGroups`,
            permission: "Microsoft.Sql/locations/instanceFailoverGroups/read",
          }),
        ],
      }),
      results: [
        { status: "pass", messageId: "backupLocal", part: "backup", resource: "mi-exk-sc" },
        { status: "pass", messageId: "backupLocal", part: "backup", resource: "mi-exk-ss" },
        { status: "pass", messageId: "backupLocal", part: "backup", resource: "mi-exk-ensam" },
        { status: "not-assessed", messageId: "__notAssessed", part: "failover-group", resource: "mi-exk-sc" },
        { status: "pass", messageId: "instanceGroupAllowed", part: "failover-group", resource: "mi-exk-ss" },
        { status: "pass", messageId: "instanceGroupNone", part: "failover-group", resource: "mi-exk-ensam" },
      ],
    },
    {
      name: "databases of one server forbidden: the failover group is still judged, the databases the generic list shows are named",
      snapshot: databasesOfOneServerForbidden,
      results: [
        { status: "not-assessed", messageId: "__notAssessed", part: "backup", resource: "appdb", severity: "high" },
        { status: "not-assessed", messageId: "__notAssessed", part: "backup", resource: "arkivdb", severity: "high" },
        { status: "not-assessed", messageId: "__notAssessed", part: "geo-replica", resource: "appdb", severity: "high" },
        { status: "not-assessed", messageId: "__notAssessed", part: "geo-replica", resource: "arkivdb", severity: "high" },
        { status: "pass", messageId: "partnersAllowed", part: "failover-group", resource: "fg-exk" },
        { status: "pass", messageId: "backupPairAllowed", part: "backup", resource: "hrdb" },
        { status: "pass", messageId: "geoReplicaNone", part: "geo-replica", resource: "hrdb" },
      ],
    },
    {
      name: "SQL servers forbidden in SUB2: listed databases named, failover groups one result on it, flexible servers judged",
      snapshot: serversNamedInSub2,
      results: [
        ...readInSub,
        { status: "not-assessed", messageId: "__notAssessed", part: "backup", resource: "diarium", severity: "high" },
        { status: "not-assessed", messageId: "__notAssessed", part: "geo-replica", resource: "diarium", severity: "high" },
        { status: "not-assessed", messageId: "__notAssessed", part: "failover-group", resource: SUB2, severity: "high" },
        { status: "pass", messageId: "backupLocal", part: "flexible-server-backup", resource: "pg-arende2" },
      ],
    },
    {
      name: "SQL servers forbidden in SUB2 whose generic list shows no SQL: the failover groups still get one result on it",
      snapshot: serversEmptyInSub2,
      results: [
        ...readInSub,
        { status: "not-assessed", messageId: "__notAssessed", part: "failover-group", resource: SUB2 },
        { status: "pass", messageId: "backupLocal", part: "flexible-server-backup", resource: "pg-arende2" },
      ],
    },
    {
      name: "SQL servers and the generic list forbidden in SUB2: one result per SQL part on it",
      snapshot: serversGenericFailedInSub2,
      results: [
        ...readInSub,
        { status: "not-assessed", messageId: "__notAssessed", part: "backup", resource: SUB2 },
        { status: "not-assessed", messageId: "__notAssessed", part: "geo-replica", resource: SUB2 },
        { status: "not-assessed", messageId: "__notAssessed", part: "failover-group", resource: SUB2 },
        { status: "pass", messageId: "backupLocal", part: "flexible-server-backup", resource: "pg-arende2" },
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
      name: "replication link without partnerLocation: an unknown region fails",
      snapshot: snap({ sqlServers: [geoSrv], sqlDatabases: [geoNoLoc], sqlReplicationLinks: [sqlReplicationLink(geoNoLoc, undefined)] }),
      results: [
        { status: "pass", messageId: "backupPairAllowed", part: "backup", resource: "okand-db" },
        { status: "fail", messageId: "geoReplicaNotAllowed", part: "geo-replica", resource: "okand-db" },
      ],
    },
    {
      name: "instance failover group without partnerRegions: the partner instance's location decides",
      snapshot: snap({
        sqlManagedInstances: [miSc, miNe],
        sqlInstanceFailoverGroups: [sqlInstanceFailoverGroup(miSc, "fog-mi-ne", miSc, miNe, { properties: { partnerRegions: undefined } })],
      }),
      results: [
        { status: "pass", messageId: "backupLocal", part: "backup", resource: "mi-exk-sc" },
        { status: "pass", messageId: "backupLocal", part: "backup", resource: "mi-exk-ne" },
        { status: "fail", messageId: "instanceGroupNotAllowed", part: "failover-group", resource: "mi-exk-sc" },
        { status: "fail", messageId: "instanceGroupNotAllowed", part: "failover-group", resource: "mi-exk-ne" },
      ],
    },
    {
      name: "no backup redundancy at all: Geo, the default",
      snapshot: snap({
        sqlServers: [sqlSe, sqlWeu],
        sqlDatabases: [sqlDatabase(sqlSe, "legacy-se", redundancy(undefined, undefined)), sqlDatabase(sqlWeu, "legacy-weu", redundancy(undefined, undefined))],
      }),
      results: [
        { status: "pass", messageId: "backupPairAllowed", part: "backup", resource: "legacy-se", evidence: backupEvidence(undefined, undefined, ["swedensouth"]) },
        { status: "fail", messageId: "backupPairNotAllowed", part: "backup", resource: "legacy-weu", evidence: backupEvidence(undefined, undefined, ["northeurope"]) },
        { status: "pass", messageId: "geoReplicaNone", part: "geo-replica", resource: "legacy-se" },
        { status: "pass", messageId: "geoReplicaNone", part: "geo-replica", resource: "legacy-weu" },
      ],
    },
    {
      name: "managed instance without redundancy properties",
      snapshot: snap({ sqlManagedInstances: [sqlManagedInstance("mi-old", "westeurope", redundancy(undefined, undefined))] }),
      results: [
        { status: "fail", messageId: "backupPairNotAllowed", part: "backup", resource: "mi-old" },
        { status: "pass", messageId: "instanceGroupNone", part: "failover-group", resource: "mi-old" },
      ],
    },
    {
      name: "geoRedundantBackup absent: Disabled",
      snapshot: snap({ postgresFlexibleServers: [postgresFlexibleServer("pg-weu", "West Europe", { properties: { backup: { geoRedundantBackup: undefined } } })] }),
      results: [
        {
          status: "pass",
          messageId: "backupLocal",
          part: "flexible-server-backup",
          resource: "pg-weu",
          evidence: [{ path: "properties.backup.geoRedundantBackup", actual: "Disabled", expected: FLEX_EXPECTED, defaulted: true }],
        },
      ],
    },
    {
      name: "database without a location takes its server's",
      snapshot: snap({ sqlServers: [sqlWeu], sqlDatabases: [{ ...sqlDatabase(sqlWeu, "noloc"), location: undefined } as ArmResource] }),
      results: [
        { status: "fail", messageId: "backupPairNotAllowed", part: "backup", resource: "noloc", location: "westeurope" },
        { status: "pass", messageId: "geoReplicaNone", part: "geo-replica", resource: "noloc", location: "westeurope" },
      ],
    },
  ],
});

describe("RES-05 targets a failed SQL list leaves unjudged", () => {
  const sub2Scope = `/subscriptions/${SUB2}`;
  const readLines = [
    verdict("pass", appdb.id, "high", "backupPairAllowed", "backup"),
    verdict("pass", appdb.id, "high", "geoReplicaNone", "geo-replica"),
    verdict("pass", fgExk.id, "high", "partnersAllowed", "failover-group"),
  ];
  const pgLine = verdict("pass", pg2.id, "high", "backupLocal", "flexible-server-backup");

  it("databases of one server forbidden: its listed user databases are named at the server's failure, the rest keep their verdicts", () => {
    expect(lines(findingsOf(rule, databasesOfOneServerForbidden))).toEqual(
      [
        forbidden(appdb.id, "sqlDatabases", "high", { part: "backup", scope: sqlSe.id }),
        forbidden(arkivdb.id, "sqlDatabases", "high", { part: "backup", scope: sqlSe.id }),
        forbidden(appdb.id, "sqlDatabases", "high", { part: "geo-replica", scope: sqlSe.id }),
        forbidden(arkivdb.id, "sqlDatabases", "high", { part: "geo-replica", scope: sqlSe.id }),
        verdict("pass", fgExk.id, "high", "partnersAllowed", "failover-group"),
        verdict("pass", hrdb.id, "high", "backupPairAllowed", "backup"),
        verdict("pass", hrdb.id, "high", "geoReplicaNone", "geo-replica"),
      ].sort(),
    );
  });

  it("SQL servers forbidden: listed databases named, failover groups (never in the generic list) one result on the subscription", () => {
    expect(lines(findingsOf(rule, serversNamedInSub2))).toEqual(
      [
        ...readLines,
        forbidden(db2.id, "sqlServers", "high", { part: "backup" }),
        forbidden(db2.id, "sqlServers", "high", { part: "geo-replica" }),
        forbidden(sub2Scope, "sqlServers", "high", { part: "failover-group" }),
        pgLine,
      ].sort(),
    );
  });

  it("SQL servers forbidden where the generic list shows no SQL: only the failover-group result on the subscription", () => {
    expect(lines(findingsOf(rule, serversEmptyInSub2))).toEqual([...readLines, forbidden(sub2Scope, "sqlServers", "high", { part: "failover-group" }), pgLine].sort());
  });

  it("SQL servers and the generic list forbidden: one result per SQL part on the subscription", () => {
    expect(lines(findingsOf(rule, serversGenericFailedInSub2))).toEqual(
      [
        ...readLines,
        forbidden(sub2Scope, "sqlServers", "high", { part: "backup" }),
        forbidden(sub2Scope, "sqlServers", "high", { part: "geo-replica" }),
        forbidden(sub2Scope, "sqlServers", "high", { part: "failover-group" }),
        pgLine,
      ].sort(),
    );
  });
});

describe("RES-05 names every region of an instance failover group in the evidence (the data map reads it)", () => {
  const regions = (snapshot: ReturnType<typeof snap>, name: string) =>
    findingsOf(rule, snapshot)
      .find((f) => f.part === "failover-group" && f.resourceName === name)
      ?.evidence?.find((e) => e.path === "instanceFailoverGroups: regions")?.actual;
  it("the instance's region and its partner's", () => {
    const s = snap({ sqlManagedInstances: [miSc, miNe], sqlInstanceFailoverGroups: [fogNorth] });
    expect(regions(s, "mi-exk-sc")).toEqual(["swedencentral", "northeurope"]);
    expect(regions(s, "mi-exk-ne")).toEqual(["northeurope", "swedencentral"]);
  });
  it("a partner whose region cannot be named is (unknown)", () => {
    const gone = { ...miNe, id: miNe.id.replace("mi-exk-ne", "mi-borta"), location: undefined } as ArmResource;
    const s = snap({ sqlManagedInstances: [miSc], sqlInstanceFailoverGroups: [sqlInstanceFailoverGroup(miSc, "fog-mi-x", miSc, gone, { properties: { partnerRegions: [{ replicationRole: "Secondary" }] } })] });
    expect(regions(s, "mi-exk-sc")).toEqual(["swedencentral", "(unknown)"]);
  });
  it("no group: no such evidence", () => {
    expect(regions(snap({ sqlManagedInstances: [miSc] }), "mi-exk-sc")).toBeUndefined();
  });
});

describe("RES-05 instance failover groups: the regions the evidence names, and what a verdict read", () => {
  const failoverPart = (snapshot: ReturnType<typeof snap>, name: string) => findingsOf(rule, snapshot).find((f) => f.part === "failover-group" && f.resourceName === name);
  const regions = (snapshot: ReturnType<typeof snap>, name: string) => failoverPart(snapshot, name)?.evidence?.find((e) => e.path === "instanceFailoverGroups: regions")?.actual;

  it("a partner instance the list did not show adds no region of its own; it is judged from the group", () => {
    // fogNorth lists North Europe as the partner's region; mi-exk-ne itself is not in the instance list.
    const s = snap({ sqlManagedInstances: [miSc], sqlInstanceFailoverGroups: [fogNorth] });
    expect(regions(s, "mi-exk-sc")).toEqual(["swedencentral", "northeurope"]);
    expect(regions(s, "mi-exk-ne")).toEqual(["swedencentral", "northeurope"]);
  });

  it("the region a group was listed in counts when nothing else names it", () => {
    const noPartnerRegions = sqlInstanceFailoverGroup(miSc, "fog-mi-ne", miSc, miNe, { properties: { partnerRegions: undefined } });
    const s = snap({ sqlManagedInstances: [miNe], sqlInstanceFailoverGroups: [noPartnerRegions] });
    expect(regions(s, "mi-exk-ne")).toEqual(["northeurope", "swedencentral"]);
  });

  it("an unlisted instance's regions start with the group's, never an unknown region of its own", () => {
    const gone = { ...miNe, id: miNe.id.replace("mi-exk-ne", "mi-borta"), location: undefined } as ArmResource;
    const s = snap({ sqlManagedInstances: [miSc], sqlInstanceFailoverGroups: [sqlInstanceFailoverGroup(miSc, "fog-mi-x", miSc, gone, { properties: { partnerRegions: [{ replicationRole: "Secondary" }] } })] });
    expect(regions(s, "mi-borta")).toEqual(["swedencentral", "(unknown)"]);
  });

  it("a listed instance's verdict read its own group list, each group that pairs it and its partner's entry; an unlisted one no list of its own", () => {
    const s = snap({ sqlManagedInstances: [miSc], sqlInstanceFailoverGroups: [fogNorth] });
    expect(failoverPart(s, "mi-exk-sc")?.dependsOn).toEqual([
      { collection: "sqlManagedInstances" },
      { collection: "sqlInstanceFailoverGroups", scope: miScope(miSc, "swedencentral") },
      { collection: "sqlInstanceFailoverGroups", scope: fogNorth.id },
      // The partner's location is looked up in the instance list.
      { collection: "sqlManagedInstances", scope: miNe.id },
    ]);
    expect(failoverPart(s, "mi-exk-ne")?.dependsOn).toEqual([
      { collection: "sqlInstanceFailoverGroups", scope: fogNorth.id },
      { collection: "sqlManagedInstances", scope: miSc.id },
    ]);
  });
});
