/**
 * RES-05 database-backup-replica-location-allowed. Passes: `failover-group` fog-exk-vard-journal
 * (partner in Sweden South), `flexible-server-backup` psql-exk-vard-stat01 (geo-redundant backup,
 * pair Sweden South; customer key, ENC-07 pass). Fails: `failover-group` fog-exk-skola (partner
 * in West Europe), `flexible-server-backup` mysql-exk-skola-lab01 (North Europe, pair West
 * Europe). `geo-replica`: the failover groups' databases have replication links both ways (as
 * ARM lists them per server) — sqldb-journal on both journal servers passes (partners in Sweden
 * Central and Sweden South), sqldb-schema on sql-exk-skola01 fails (partner in West Europe), its
 * secondary on sql-exk-skola-dr01 passes (partner in Sweden Central; its own region is RES-01's).
 * `failover-group` of managed instances: sqlmi-exk-vard01 (ENC-07 fragment) and its partner here,
 * sqlmi-exk-vard02 in Sweden South (same DNS zone, same HSM key), form the instance failover group
 * fog-exk-sqlmi-vard, listed in both regions: both pass.
 * The servers and databases (`backup`) are in the ENC-02 fragment.
 */
import {
  encryptionProtector,
  failoverGroup,
  instanceFailoverGroup,
  keyRef,
  keyUrl,
  mysqlServer,
  postgresServer,
  replicationLink,
  resId,
  sqlManagedInstance,
} from "../../../src/builders/arm.js";
import { DEMO_RG, DEMO_TENANT_ID, NEU, SWC, SWS, WEU } from "../../../src/emulator/demo/base.js";
import type { DemoFragment } from "../../../src/emulator/demo/fragment.js";

const SERVERS = "Microsoft.Sql/servers";
const journal01 = { id: resId(DEMO_RG.vardJournal, SERVERS, "sql-exk-vard-journal01"), location: SWC };
const journal02 = { id: resId(DEMO_RG.vardJournal, SERVERS, "sql-exk-vard-journal02"), location: SWS };
const skola01 = { id: resId(DEMO_RG.skolaElev, SERVERS, "sql-exk-skola01"), location: SWC };
const skolaDr01 = { id: resId(DEMO_RG.skolaLab, SERVERS, "sql-exk-skola-dr01"), location: WEU };

const dbOf = (server: { id: string }, name: string) => ({ id: `${server.id}/databases/${name}` });

const miPrimary = { id: resId(DEMO_RG.vardJournal, "Microsoft.Sql/managedInstances", "sqlmi-exk-vard01"), location: SWC };
const miPartner = sqlManagedInstance({
  rg: DEMO_RG.vardJournal,
  name: "sqlmi-exk-vard02",
  location: SWS,
  tenantId: DEMO_TENANT_ID,
  subnetId: `${resId(DEMO_RG.vardApp, "Microsoft.Network/virtualNetworks", "vnet-exk-vard-sws")}/subnets/snet-sqlmi`,
  dnsZone: "4f7c2a9e1b3d", // a failover group's instances share the DNS zone
  redundancy: "Geo",
});
const started = "2024-01-09T08:05:00.000Z";

const fragment: DemoFragment = {
  rule: "database-backup-replica-location-allowed",
  resources: [
    failoverGroup(journal01, "fog-exk-vard-journal", journal02, [`${journal01.id}/databases/sqldb-journal`]),
    failoverGroup(skola01, "fog-exk-skola", skolaDr01, [`${skola01.id}/databases/sqldb-schema`]),
    replicationLink(dbOf(journal01, "sqldb-journal"), { server: "sql-exk-vard-journal02", database: "sqldb-journal", location: SWS }, "Primary", "2023-02-20T11:05:00.000Z"),
    replicationLink(dbOf(journal02, "sqldb-journal"), { server: "sql-exk-vard-journal01", database: "sqldb-journal", location: SWC }, "Secondary", "2023-02-20T11:05:00.000Z"),
    replicationLink(dbOf(skola01, "sqldb-schema"), { server: "sql-exk-skola-dr01", database: "sqldb-schema", location: WEU }, "Primary", started),
    replicationLink(dbOf(skolaDr01, "sqldb-schema"), { server: "sql-exk-skola01", database: "sqldb-schema", location: SWC }, "Secondary", started),
    miPartner,
    encryptionProtector(miPartner, keyRef("hsm-exk-gem01", "cmk-sqlmi", "hsm")),
    instanceFailoverGroup({ rg: DEMO_RG.vardJournal, location: SWC }, "fog-exk-sqlmi-vard", miPrimary, miPartner),
    instanceFailoverGroup({ rg: DEMO_RG.vardJournal, location: SWS }, "fog-exk-sqlmi-vard", miPrimary, miPartner),
    postgresServer({
      rg: DEMO_RG.vardJournal,
      name: "psql-exk-vard-stat01",
      location: SWC,
      tenantId: DEMO_TENANT_ID,
      created: "2024-10-08T12:00:00Z",
      geoRedundantBackup: "Enabled",
      keyUri: keyUrl(keyRef("kv-exk-vard-nycklar01", "cmk-journal")),
    }),
    mysqlServer({ rg: DEMO_RG.skolaLab, name: "mysql-exk-skola-lab01", location: NEU, created: "2024-02-26T11:00:00Z", geoRedundantBackup: "Enabled" }),
  ],
};

export default fragment;
