/** Table tests for ENC-02 sql-tde-customer-managed-key (parts `protector` and `tde`). */
import { describe, expect, it } from "vitest";
import rule from "../../rules/sql/sql-tde-customer-managed-key.js";
import type { ArmResource, Snapshot } from "../../src/index.js";
import { defaultConfig, runRules } from "../../src/index.js";
import { failure, makeSnapshot, SUB, SUB2 } from "../fixtures/snapshot.js";
import {
  keyVaultProtector,
  managedInstance,
  managedInstanceProtector,
  masterDatabase,
  serviceManagedProtector,
  sqlDatabase,
  sqlServer,
  transparentDataEncryption,
} from "../fixtures/sql-encryption.js";
import { ruleTester } from "../helpers/rule-tester.js";

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

ruleTester(rule, {
  valid: [
    {
      name: "customer-managed protector and TDE on; master is not judged",
      snapshot: snap(healthy),
      results: [
        { status: "pass", messageId: "customerKey", part: "protector", resource: "sql-ekonomi" },
        { status: "pass", messageId: "tdeEnabled", part: "tde", resource: "faktura", severity: "critical" },
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
        { status: "fail", messageId: "serviceManaged", part: "protector", resource: "sql-ekonomi", severity: "medium" },
        { status: "fail", messageId: "tdeDisabled", part: "tde", resource: "faktura", severity: "critical" },
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
      name: "the server list was forbidden in the second subscription: both parts not assessed there",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: sql(healthy) }, { subscriptionId: SUB2, collections: {} }],
        coverage: [failure("sqlServers", `/subscriptions/${SUB2}`)],
      }),
      results: [
        { status: "pass", part: "protector", resource: "sql-ekonomi" },
        { status: "pass", part: "tde", resource: "faktura" },
        { status: "not-assessed", part: "protector", resource: SUB2 },
        { status: "not-assessed", part: "tde", resource: SUB2 },
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
      results: [{ status: "fail", messageId: "serviceManaged", part: "protector", resource: "sql-ekonomi" }],
    },
    {
      name: "TDE item without a state is not Enabled",
      snapshot: snap({ servers: [srv], databases: [db], tde: [transparentDataEncryption(db, null)], protectors: [keyVaultProtector(srv)] }),
      results: [
        { status: "pass", part: "protector", resource: "sql-ekonomi" },
        { status: "fail", messageId: "tdeDisabled", part: "tde", resource: "faktura", severity: "critical" },
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
