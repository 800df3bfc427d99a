/**
 * RES-05 database-backup-replica-location-allowed. Passes: `failover-group` fog-exk-vard-journal
 * (partner in Sweden South), `flexible-server-backup` psql-exk-vard-stat01 (geo-redundant backup,
 * pair Sweden South; customer key, ENC-07 pass). Fails: `failover-group` fog-exk-skola (partner
 * in West Europe), `flexible-server-backup` mysql-exk-skola-lab01 (North Europe, pair West
 * Europe). The servers and databases (`backup`) are in the ENC-02 fragment, sqlmi-exk-vard01 in
 * the ENC-07 fragment.
 */
import { failoverGroup, keyRef, keyUrl, mysqlServer, postgresServer, resId } from "../../../src/builders/arm.js";
import { DEMO_RG, DEMO_TENANT_ID, NEU, SWC, SWS, WEU } from "../../../src/emulator/demo/base.js";
import type { DemoFragment } from "../../../src/emulator/demo/fragment.js";

const SERVERS = "Microsoft.Sql/servers";
const journal01 = { id: resId(DEMO_RG.vardJournal, SERVERS, "sql-exk-vard-journal01"), location: SWC };
const journal02 = { id: resId(DEMO_RG.vardJournal, SERVERS, "sql-exk-vard-journal02"), location: SWS };
const skola01 = { id: resId(DEMO_RG.skolaElev, SERVERS, "sql-exk-skola01"), location: SWC };
const skolaDr01 = { id: resId(DEMO_RG.skolaLab, SERVERS, "sql-exk-skola-dr01"), location: WEU };

const fragment: DemoFragment = {
  rule: "database-backup-replica-location-allowed",
  resources: [
    failoverGroup(journal01, "fog-exk-vard-journal", journal02, [`${journal01.id}/databases/sqldb-journal`]),
    failoverGroup(skola01, "fog-exk-skola", skolaDr01, [`${skola01.id}/databases/sqldb-schema`]),
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
