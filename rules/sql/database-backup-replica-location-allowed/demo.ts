/**
 * RES-05 database-backup-replica-location-allowed. Passes: `failover-group` fog-exk-vard-journal
 * (partner in Sweden South), `flexible-server-backup` psql-exk-vard-stat01 (geo-redundant backup,
 * pair Sweden South; customer key, ENC-07 pass). Fails: `failover-group` fog-exk-skola (partner
 * in West Europe), `flexible-server-backup` mysql-exk-skola-lab01 (North Europe, pair West
 * Europe). `geo-replica`: the failover groups' databases have replication links both ways (as
 * ARM lists them per server) — sqldb-journal on both journal servers passes (partners in Sweden
 * Central and Sweden South), sqldb-schema on sql-exk-skola01 fails (partner in West Europe), its
 * secondary on sql-exk-skola-dr01 passes (partner in Sweden Central; its own region is RES-01's).
 * The servers and databases (`backup`) are in the ENC-02 fragment, sqlmi-exk-vard01 (in no
 * instance failover group: `failover-group` passes) in the ENC-07 fragment.
 */
import { failoverGroup, keyRef, keyUrl, mysqlServer, postgresServer, replicationLink, resId } from "../../../src/builders/arm.js";
import { DEMO_RG, DEMO_TENANT_ID, NEU, SWC, SWS, WEU } from "../../../src/emulator/demo/base.js";
import type { DemoFragment } from "../../../src/emulator/demo/fragment.js";

const SERVERS = "Microsoft.Sql/servers";
const journal01 = { id: resId(DEMO_RG.vardJournal, SERVERS, "sql-exk-vard-journal01"), location: SWC };
const journal02 = { id: resId(DEMO_RG.vardJournal, SERVERS, "sql-exk-vard-journal02"), location: SWS };
const skola01 = { id: resId(DEMO_RG.skolaElev, SERVERS, "sql-exk-skola01"), location: SWC };
const skolaDr01 = { id: resId(DEMO_RG.skolaLab, SERVERS, "sql-exk-skola-dr01"), location: WEU };

const dbOf = (server: { id: string }, name: string) => ({ id: `${server.id}/databases/${name}` });
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
