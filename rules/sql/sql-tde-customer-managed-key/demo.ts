/**
 * ENC-02 sql-tde-customer-managed-key: the SQL servers, their databases (with `master`), TDE
 * settings and encryption protectors. Passes: `protector` for sql-exk-vard-journal01 and -02
 * (customer key cmk-journal), `tde` for every user database but one. Fails: `tde` for
 * sqldb-journal-arkiv (TDE Disabled), `protector` for sql-exk-skola01 and sql-exk-skola-dr01
 * (service-managed key). The servers also show ENC-06 (TLS 1.2 / None / absent) and, through
 * their databases' backup redundancy, RES-05; the failover groups are in the RES-05 fragment.
 */
import { encryptionProtector, keyRef, sqlDatabase, sqlMaster, sqlServer, sqlTde } from "../../../src/builders/arm.js";
import { DEMO_RG, DEMO_SQL_ADMIN, DEMO_TENANT_ID, SWC, SWS, WEU } from "../../../src/emulator/demo/base.js";
import type { DemoFragment } from "../../../src/emulator/demo/fragment.js";

const journalKey = keyRef("kv-exk-vard-nycklar01", "cmk-journal");
const admin = { tenantId: DEMO_TENANT_ID, entraAdmin: DEMO_SQL_ADMIN };

// Vård och omsorg: the journal, geo-replicated to Sweden South, customer key.
const journal01 = sqlServer({ rg: DEMO_RG.vardJournal, name: "sql-exk-vard-journal01", location: SWC, minimalTlsVersion: "1.2", cmk: journalKey, ...admin });
const journal02 = sqlServer({ rg: DEMO_RG.vardJournal, name: "sql-exk-vard-journal02", location: SWS, minimalTlsVersion: "1.2", cmk: journalKey, ...admin });
const dbJournal = sqlDatabase(journal01, "sqldb-journal", { redundancy: "Geo", created: "2023-02-20T10:00:00Z" });
const dbArkiv = sqlDatabase(journal01, "sqldb-journal-arkiv", { redundancy: "Local", created: "2023-08-01T10:00:00Z" });
const dbJournalSecondary = sqlDatabase(journal02, "sqldb-journal", { redundancy: "Geo", created: "2023-02-20T11:00:00Z", secondaryOf: dbJournal.id });

// Utbildning: schedules and pupil health, a DR copy in West Europe, service-managed keys.
const skola01 = sqlServer({ rg: DEMO_RG.skolaElev, name: "sql-exk-skola01", location: SWC, minimalTlsVersion: "None", ...admin });
const skolaDr01 = sqlServer({ rg: DEMO_RG.skolaLab, name: "sql-exk-skola-dr01", location: WEU, ...admin });
const dbSchema = sqlDatabase(skola01, "sqldb-schema", { redundancy: "Geo", created: "2024-01-08T08:00:00Z" });
const dbHalsa = sqlDatabase(skola01, "sqldb-elevhalsa", { redundancy: "GeoZone", created: "2024-01-08T08:30:00Z" });
const dbSchemaDr = sqlDatabase(skolaDr01, "sqldb-schema", { redundancy: "Geo", created: "2024-01-09T08:00:00Z", secondaryOf: dbSchema.id });

const fragment: DemoFragment = {
  rule: "sql-tde-customer-managed-key",
  resources: [
    journal01,
    sqlMaster(journal01),
    dbJournal,
    sqlTde(dbJournal, "Enabled"),
    dbArkiv,
    sqlTde(dbArkiv, "Disabled"),
    encryptionProtector(journal01, journalKey),
    journal02,
    sqlMaster(journal02),
    dbJournalSecondary,
    sqlTde(dbJournalSecondary, "Enabled"),
    encryptionProtector(journal02, journalKey),
    skola01,
    sqlMaster(skola01),
    dbSchema,
    sqlTde(dbSchema, "Enabled"),
    dbHalsa,
    sqlTde(dbHalsa, "Enabled"),
    encryptionProtector(skola01, undefined),
    skolaDr01,
    sqlMaster(skolaDr01),
    dbSchemaDr,
    sqlTde(dbSchemaDr, "Enabled"),
    encryptionProtector(skolaDr01, undefined),
  ],
};

export default fragment;
