/** Table tests for ENC-02 sql-tde-customer-managed-key (parts `protector` and `tde`). */
import { describe, expect, it } from "vitest";
import rule from "./rule.js";
import type { ArmResource, Snapshot } from "../../../src/index.js";
import { defaultConfig, runRules } from "../../../src/index.js";
import { failedInSub, failedInSub2, findingsOf, forbidden, lines, verdict } from "../../../tests/fixtures/coverage.js";
import { failure, makeSnapshot, SUB, SUB2 } from "../../../tests/fixtures/snapshot.js";
import {
  keyVaultProtector,
  managedInstance,
  managedInstanceProtector,
  masterDatabase,
  serviceManagedProtector,
  sqlDatabase,
  sqlServer,
  transparentDataEncryption,
} from "../../../tests/fixtures/sql-encryption.js";
import { ruleTester } from "../../../tests/helpers/rule-tester.js";
import { snapshotProblems } from "../../../src/snapshot/validate.js";

const PROTECTOR = "encryptionProtector/current:properties.serverKeyType";
const TDE = "transparentDataEncryption/current:properties.state";
const srv = sqlServer("sql-ekonomi");
const db = sqlDatabase(srv, "faktura");
const master = masterDatabase(srv);

/** A subscription's SQL collections as the collector writes them. */
function sql(parts: {
  servers?: ArmResource[];
  databases?: ArmResource[];
  tde?: ArmResource[];
  protectors?: ArmResource[];
  instances?: ArmResource[];
  miProtectors?: ArmResource[];
}) {
  return {
    sqlServers: parts.servers ?? [],
    sqlDatabases: parts.databases ?? [],
    sqlTransparentDataEncryption: parts.tde ?? [],
    sqlEncryptionProtectors: parts.protectors ?? [],
    sqlManagedInstances: parts.instances ?? [],
    sqlManagedInstanceEncryptionProtectors: parts.miProtectors ?? [],
  };
}
const snap = (parts: Parameters<typeof sql>[0], extra: Parameters<typeof makeSnapshot>[0] = {}) =>
  makeSnapshot({ subscriptions: [{ collections: sql(parts) }], ...extra });

const healthy = { servers: [srv], databases: [master, db], tde: [transparentDataEncryption(db)], protectors: [keyVaultProtector(srv)] };

// The server list forbidden in SUB2: its generic list shows the server and both its databases
// (databases are tracked resources), so the server is named for `protector` and the user database
// for `tde` (critical, as a TDE verdict is); master never gets a TDE result.
const srv2 = sqlServer("sql-arende2", {}, "rg-app", SUB2);
const db2 = sqlDatabase(srv2, "diarium");
const master2 = masterDatabase(srv2);
const serversNamedInSub2 = failedInSub2({ read: sql(healthy), failed: ["sqlServers"], unseen: [srv2, master2, db2] });
const serversEmptyInSub2 = failedInSub2({ read: sql(healthy), failed: ["sqlServers"], unseen: [] });
const serversGenericFailedInSub2 = failedInSub2({ read: sql(healthy), failed: ["sqlServers"], unseen: "failed" });

// Two servers read; the protector of one could not be read (403 at that server).
const srvLon = sqlServer("sql-lon");
const dbLon = sqlDatabase(srvLon, "lonedata");
const protectorForbiddenForOne = failedInSub({
  read: sql({
    servers: [srv, srvLon],
    databases: [master, db, masterDatabase(srvLon), dbLon],
    tde: [transparentDataEncryption(db), transparentDataEncryption(dbLon)],
    protectors: [keyVaultProtector(srvLon)],
  }),
  failed: [],
  unseen: [],
});
protectorForbiddenForOne.coverage.push(failure("sqlEncryptionProtectors", srv.id));

ruleTester(rule, {
  valid: [
    {
      name: "customer-managed protector and TDE on; master is not judged",
      snapshot: snap(healthy),
      results: [
        {
          status: "pass",
          messageId: "customerKey",
          part: "protector",
          resource: "sql-ekonomi",
          message: "sql-ekonomi protects its TDE keys with a customer-managed key.",
          evidence: [
            { path: PROTECTOR, actual: "AzureKeyVault", expected: "AzureKeyVault" },
            { path: "encryptionProtector/current:properties.uri", actual: "https://kv-sql.vault.azure.net/keys/tde-key/4c3b1f0d9e8a4b7c9d2e1f0a3b4c5d6e", expected: { en: "a key in the organisation's Key Vault or Managed HSM", sv: "en nyckel i organisationens Key Vault eller Managed HSM" } },
          ],
        },
        {
          status: "pass",
          messageId: "tdeEnabled",
          part: "tde",
          resource: "faktura",
          severity: "critical",
          message: "faktura has transparent data encryption enabled.",
          evidence: [{ path: TDE, actual: "Enabled", expected: "Enabled" }],
        },
      ],
    },
    {
      name: "enum values in other casing",
      snapshot: snap({
        servers: [srv],
        databases: [db],
        tde: [transparentDataEncryption(db, "enabled")],
        protectors: [keyVaultProtector(srv, undefined, { properties: { serverKeyType: "azurekeyvault" } })],
      }),
    },
    {
      name: "ids differ in case between the lists",
      snapshot: snap({
        servers: [srv],
        databases: [db],
        tde: [{ ...transparentDataEncryption(db), id: transparentDataEncryption(db).id.toUpperCase() }],
        protectors: [{ ...keyVaultProtector(srv), id: keyVaultProtector(srv).id.replace("encryptionProtector", "EncryptionProtector").replace("rg-app", "RG-APP") }],
      }),
    },
    {
      name: "managed instance with a Managed HSM key",
      snapshot: snap({ instances: [managedInstance("sqlmi-vard")], miProtectors: [managedInstanceProtector(managedInstance("sqlmi-vard"), "https://hsm-vard.managedhsm.azure.net/keys/mi-tde/0a1b2c3d")] }),
      results: [{ status: "pass", messageId: "customerKey", part: "protector", resource: "sqlmi-vard" }],
    },
    { name: "empty tenant: no SQL at all", snapshot: snap({}), results: [] },
    { name: "a server with only master: the protector alone is judged", snapshot: snap({ servers: [srv], databases: [master], protectors: [keyVaultProtector(srv)] }), results: [{ status: "pass", part: "protector", resource: "sql-ekonomi" }] },
  ],
  invalid: [
    {
      name: "service-managed protector and TDE off",
      snapshot: snap({ servers: [srv], databases: [master, db], tde: [transparentDataEncryption(db, "Disabled")], protectors: [serviceManagedProtector(srv)] }),
      results: [
        {
          status: "fail",
          messageId: "serviceManaged",
          part: "protector",
          resource: "sql-ekonomi",
          severity: "medium",
          message: "sql-ekonomi protects its TDE keys with a service-managed key (ServiceManaged).",
          evidence: [{ path: PROTECTOR, actual: "ServiceManaged", expected: "AzureKeyVault" }],
        },
        {
          status: "fail",
          messageId: "tdeDisabled",
          part: "tde",
          resource: "faktura",
          severity: "critical",
          message: "faktura has transparent data encryption turned off (Disabled).",
          messageSv: "faktura har transparent datakryptering avstängd (Disabled).",
          evidence: [{ path: TDE, actual: "Disabled", expected: "Enabled" }],
        },
      ],
    },
    {
      name: "protector severity follows a level-3 tag on the server; TDE stays critical",
      snapshot: snap({
        servers: [sqlServer("sql-hr", { tags: { confidentiality: "3" } })],
        databases: [sqlDatabase(sqlServer("sql-hr"), "lon")],
        tde: [transparentDataEncryption(sqlDatabase(sqlServer("sql-hr"), "lon"), "Disabled")],
        protectors: [serviceManagedProtector(sqlServer("sql-hr"))],
      }),
      results: [
        { status: "fail", messageId: "serviceManaged", part: "protector", resource: "sql-hr", severity: "high" },
        { status: "fail", messageId: "tdeDisabled", part: "tde", resource: "lon", severity: "critical" },
      ],
    },
    {
      name: "one good and one bad database on the same server",
      snapshot: snap({
        servers: [srv],
        databases: [db, sqlDatabase(srv, "arkiv")],
        tde: [transparentDataEncryption(db), transparentDataEncryption(sqlDatabase(srv, "arkiv"), "Disabled")],
        protectors: [keyVaultProtector(srv)],
      }),
      results: [
        { status: "pass", part: "protector", resource: "sql-ekonomi" },
        { status: "pass", part: "tde", resource: "faktura" },
        { status: "fail", messageId: "tdeDisabled", part: "tde", resource: "arkiv" },
      ],
    },
    {
      name: "managed instance with a service-managed protector",
      snapshot: snap({ instances: [managedInstance("sqlmi-skola", { tags: { confidentiality: "1" } })], miProtectors: [managedInstanceProtector(managedInstance("sqlmi-skola"))] }),
      results: [{ status: "fail", messageId: "serviceManaged", part: "protector", resource: "sqlmi-skola", severity: "low" }],
    },
  ],
  notAssessed: [
    {
      name: "the protector read was forbidden for the server: only the protector part is blinded",
      snapshot: snap({ servers: [srv], databases: [db], tde: [transparentDataEncryption(db)] }, { coverage: [failure("sqlEncryptionProtectors", srv.id)] }),
      results: [
        { status: "not-assessed", messageId: "__notAssessed", part: "protector", resource: "sql-ekonomi" },
        { status: "pass", part: "tde", resource: "faktura" },
      ],
    },
    {
      name: "the TDE read was forbidden for one database",
      snapshot: snap({ servers: [srv], databases: [db], protectors: [keyVaultProtector(srv)] }, { coverage: [failure("sqlTransparentDataEncryption", db.id)] }),
      results: [
        { status: "pass", part: "protector", resource: "sql-ekonomi" },
        { status: "not-assessed", part: "tde", resource: "faktura" },
      ],
    },
    {
      name: "the TDE item is simply absent: not assessed, never a pass",
      snapshot: snap({ servers: [srv], databases: [db], protectors: [keyVaultProtector(srv)] }),
      results: [
        { status: "pass", part: "protector", resource: "sql-ekonomi" },
        { status: "not-assessed", messageId: "__notAssessed", part: "tde", resource: "faktura", severity: "critical" },
      ],
    },
    {
      name: "the server list was forbidden in the second subscription: its listed server (protector) and user database (tde) are named, master is not",
      snapshot: serversNamedInSub2,
      results: [
        { status: "pass", part: "protector", resource: "sql-ekonomi" },
        { status: "pass", part: "tde", resource: "faktura" },
        { status: "not-assessed", messageId: "__notAssessed", part: "protector", resource: "sql-arende2", severity: "medium" },
        { status: "not-assessed", messageId: "__notAssessed", part: "tde", resource: "diarium", severity: "critical" },
      ],
    },
    {
      name: "the server list and the generic list forbidden in the second subscription: one result per part on it",
      snapshot: serversGenericFailedInSub2,
      results: [
        { status: "pass", part: "protector", resource: "sql-ekonomi" },
        { status: "pass", part: "tde", resource: "faktura" },
        { status: "not-assessed", messageId: "__notAssessed", part: "protector", resource: SUB2, severity: "medium" },
        { status: "not-assessed", messageId: "__notAssessed", part: "tde", resource: SUB2, severity: "critical" },
      ],
    },
    {
      name: "the protector read forbidden for one of two servers: only its protector is blinded",
      snapshot: protectorForbiddenForOne,
      results: [
        { status: "not-assessed", messageId: "__notAssessed", part: "protector", resource: "sql-ekonomi" },
        { status: "pass", part: "tde", resource: "faktura" },
        { status: "pass", messageId: "customerKey", part: "protector", resource: "sql-lon" },
        { status: "pass", part: "tde", resource: "lonedata" },
      ],
    },
    {
      name: "managed-instance protector forbidden",
      snapshot: snap({ instances: [managedInstance("sqlmi-vard")] }, { coverage: [failure("sqlManagedInstanceEncryptionProtectors", managedInstance("sqlmi-vard").id)] }),
      results: [{ status: "not-assessed", part: "protector", resource: "sqlmi-vard" }],
    },
  ],
  missingProperty: [
    {
      name: "no protector item means ServiceManaged",
      snapshot: snap({ servers: [srv], databases: [db], tde: [transparentDataEncryption(db)] }),
      results: [
        { status: "fail", messageId: "serviceManaged", part: "protector", resource: "sql-ekonomi" },
        { status: "pass", part: "tde", resource: "faktura" },
      ],
    },
    {
      name: "protector without serverKeyType",
      snapshot: snap({ servers: [srv], protectors: [serviceManagedProtector(srv, { properties: { serverKeyType: undefined } })] }),
      results: [
        {
          status: "fail",
          messageId: "serviceManaged",
          part: "protector",
          resource: "sql-ekonomi",
          message: "sql-ekonomi protects its TDE keys with a service-managed key (ServiceManaged).",
          evidence: [{ path: PROTECTOR, expected: "AzureKeyVault", defaulted: true }],
        },
      ],
    },
    {
      name: "TDE item without a state is not Enabled",
      snapshot: snap({ servers: [srv], databases: [db], tde: [transparentDataEncryption(db, null)], protectors: [keyVaultProtector(srv)] }),
      results: [
        { status: "pass", part: "protector", resource: "sql-ekonomi" },
        {
          status: "fail",
          messageId: "tdeDisabled",
          part: "tde",
          resource: "faktura",
          severity: "critical",
          message: "faktura has transparent data encryption turned off (not set).",
          messageSv: "faktura har transparent datakryptering avstängd (inte angivet).",
          evidence: [{ path: TDE, expected: "Enabled", defaulted: true }],
        },
      ],
    },
    {
      name: "managed instance without a protector item",
      snapshot: snap({ instances: [managedInstance("sqlmi-vard")] }),
      results: [{ status: "fail", messageId: "serviceManaged", part: "protector", resource: "sqlmi-vard" }],
    },
  ],
});

describe("ENC-02 details", () => {
  const run = (s: Snapshot) => runRules(s, [rule], { config: defaultConfig(), now: new Date("2026-11-27T03:00:00Z") }).findings;

  it("marks the absent protector as defaulted and names the value in the message", () => {
    const [f] = run(snap({ servers: [srv] }));
    expect(f?.evidence?.[0]).toMatchObject({ path: "encryptionProtector/current:properties.serverKeyType", expected: "AzureKeyVault", defaulted: true });
    expect(f?.message.en).toBe("sql-ekonomi protects its TDE keys with a service-managed key (ServiceManaged).");
    expect(f?.resourceId).toBe(srv.id);
  });

  it("keeps the key URI of a customer-managed protector as evidence", () => {
    const f = run(snap(healthy)).find((x) => x.part === "protector");
    expect(f?.evidence?.map((e) => e.actual)).toEqual(["AzureKeyVault", "https://kv-sql.vault.azure.net/keys/tde-key/4c3b1f0d9e8a4b7c9d2e1f0a3b4c5d6e"]);
  });

  it("an absent TDE item is NotCollected; a forbidden TDE read carries the 403", () => {
    const absent = run(snap({ servers: [srv], databases: [db], protectors: [keyVaultProtector(srv)] })).find((x) => x.part === "tde");
    expect(absent?.notAssessed).toMatchObject({ collection: "sqlTransparentDataEncryption", code: "NotCollected", scope: db.id });
    const denied = run(snap({ servers: [srv], databases: [db], protectors: [keyVaultProtector(srv)] }, { coverage: [failure("sqlTransparentDataEncryption", db.id)] })).find((x) => x.part === "tde");
    expect(denied?.notAssessed).toMatchObject({ code: "AuthorizationFailed", httpStatus: 403, scope: db.id });
  });

  it("a subscription whose protector list is missing altogether is not assessed, not failed", () => {
    const s = makeSnapshot({ subscriptions: [{ collections: { sqlServers: [srv] } }] });
    const [f] = run(s);
    expect(f?.status).toBe("not-assessed");
    expect(f?.notAssessed).toMatchObject({ collection: "sqlEncryptionProtectors", code: "NotCollected" });
    expect(f?.resourceId.startsWith(`/subscriptions/${SUB}/`)).toBe(true);
  });

  it("gives one result per (target, part) with distinct fingerprints", () => {
    const fs = run(snap(healthy));
    expect(new Set(fs.map((f) => f.fingerprint)).size).toBe(fs.length);
  });
});

describe("ENC-02 targets a failed list leaves unjudged", () => {
  const readVerdicts = [verdict("pass", srv.id, "medium", "customerKey", "protector"), verdict("pass", db.id, "critical", "tdeEnabled", "tde")];

  it("names the server (protector) and its user database (tde, critical) the generic list shows, never master", () => {
    expect(lines(findingsOf(rule, serversNamedInSub2))).toEqual(
      [...readVerdicts, forbidden(srv2.id, "sqlServers", "medium", { part: "protector" }), forbidden(db2.id, "sqlServers", "critical", { part: "tde" })].sort(),
    );
  });

  it("a named server's protector has the severity its level-3 tag (shown by the generic list) gives; its database's tde stays critical", () => {
    const srvHr2 = sqlServer("sql-hr2", { tags: { confidentiality: "3" } }, "rg-app", SUB2);
    const lon2 = sqlDatabase(srvHr2, "lon");
    const s = failedInSub2({ read: sql(healthy), failed: ["sqlServers"], unseen: [srvHr2, masterDatabase(srvHr2), lon2] });
    expect(lines(findingsOf(rule, s))).toEqual(
      [...readVerdicts, forbidden(srvHr2.id, "sqlServers", "high", { part: "protector" }), forbidden(lon2.id, "sqlServers", "critical", { part: "tde" })].sort(),
    );
  });

  it("names nothing where the generic list shows no SQL", () => {
    expect(lines(findingsOf(rule, serversEmptyInSub2))).toEqual([...readVerdicts].sort());
  });

  it("gives the subscription one result per part when its generic list failed too", () => {
    expect(lines(findingsOf(rule, serversGenericFailedInSub2))).toEqual(
      [
        ...readVerdicts,
        forbidden(`/subscriptions/${SUB2}`, "sqlServers", "medium", { part: "protector" }),
        forbidden(`/subscriptions/${SUB2}`, "sqlServers", "critical", { part: "tde" }),
      ].sort(),
    );
  });

  it("a protector read forbidden for one server blinds that server's protector only", () => {
    expect(lines(findingsOf(rule, protectorForbiddenForOne))).toEqual(
      [
        forbidden(srv.id, "sqlEncryptionProtectors", "medium", { part: "protector", scope: srv.id }),
        verdict("pass", db.id, "critical", "tdeEnabled", "tde"),
        verdict("pass", srvLon.id, "medium", "customerKey", "protector"),
        verdict("pass", dbLon.id, "critical", "tdeEnabled", "tde"),
      ].sort(),
    );
  });
});

describe("ENC-02 on a snapshot whose subscription holds no protector or TDE lists at all (written before they were collected)", () => {
  // No coverage entry explains the absence: the rule's own reasons stand, each naming the list it lacks.
  const mi = managedInstance("mi-ekonomi");
  const older = makeSnapshot({ subscriptions: [{ collections: { sqlServers: [srv], sqlDatabases: [master, db], sqlManagedInstances: [mi] } }] });
  const reasons = () => findingsOf(rule, older).map((f) => ({ status: f.status, resource: f.resourceName, part: f.part, severity: f.severity, notAssessed: f.notAssessed }));

  it("names each server's and instance's protector list and the subscription's TDE list, not a verdict", () => {
    expect(snapshotProblems(older)).toEqual([]);
    expect(reasons()).toEqual([
      {
        status: "not-assessed",
        resource: "sql-ekonomi",
        part: "protector",
        severity: "medium",
        notAssessed: { scope: srv.id, collection: "sqlEncryptionProtectors", code: "NotCollected", message: "sqlEncryptionProtectors was not collected for this subscription." },
      },
      {
        status: "not-assessed",
        resource: "mi-ekonomi",
        part: "protector",
        severity: "medium",
        notAssessed: { scope: mi.id, collection: "sqlManagedInstanceEncryptionProtectors", code: "NotCollected", message: "sqlManagedInstanceEncryptionProtectors was not collected for this subscription." },
      },
      {
        status: "not-assessed",
        resource: "faktura",
        part: "tde",
        severity: "critical",
        notAssessed: { scope: `/subscriptions/${SUB}`, collection: "sqlTransparentDataEncryption", code: "NotCollected", message: "The database's transparentDataEncryption/current setting was not in the snapshot." },
      },
    ]);
  });
});
