/** Table tests for ENC-07 encryption-customer-key-in-tenant-region (key references resolved to vaults and managed HSMs). */
import { describe, expect, it } from "vitest";
import rule from "./rule.js";
import type { ArmResource, AzureCollection, Snapshot } from "../../../src/index.js";
import { defaultConfig, fingerprint, runRules } from "../../../src/index.js";
import { loadFixtures } from "../../../tests/conformance/load.js";
import { diskEncryptionSet } from "../../../tests/fixtures/disks.js";
import { cognitiveAccount, cognitiveCustomerKey, cosmosAccount, flexibleServer, recoveryServicesVault } from "../../../tests/fixtures/encryption.js";
import { keyVault, managedHsm } from "../../../tests/fixtures/vaults.js";
import { failedInSub2, findingsOf, forbidden, lines, verdict } from "../../../tests/fixtures/coverage.js";
import { failure, makeSnapshot, merge, SUB, SUB2, TENANT } from "../../../tests/fixtures/snapshot.js";
import { keyVaultProtector, managedInstance, managedInstanceProtector, serviceManagedProtector, sqlServer } from "../../../tests/fixtures/sql-encryption.js";
import { storageAccount } from "../../../tests/fixtures/storage.js";
import { ruleTester } from "../../../tests/helpers/rule-tester.js";

const IN_TENANT = { en: "a key in a Key Vault or managed HSM of the audited tenant", sv: "en nyckel i ett Key Vault eller en Managed HSM i den granskade klientorganisationen" };
const kvSe = keyVault("kv-se-nycklar");
const kvWe = keyVault("kv-we-nycklar", { location: "westeurope" });
const hsm = managedHsm("hsm-se");

const cmkStorage = (name: string, vaultUri: string, key = "cmk-storage", sub = SUB) =>
  storageAccount(name, { properties: { encryption: { keySource: "Microsoft.Keyvault", keyvaultproperties: { keyvaulturi: vaultUri, keyname: key, keyversion: "" } } } }, "rg-app", sub);

type Cols = Partial<Record<AzureCollection, ArmResource[]>>;
/** One subscription whose vault and HSM lists were read (plus `cols`). */
const snap = (cols: Cols, vaults: ArmResource[] = [kvSe, kvWe], hsms: ArmResource[] = [hsm], extra: Parameters<typeof makeSnapshot>[0] = {}) =>
  makeSnapshot({ subscriptions: [{ collections: { keyVaults: vaults, managedHsms: hsms, ...cols } }], ...extra });

const srv = sqlServer("sql-ekonomi");
const mi = managedInstance("sqlmi-vard");

// A key whose host no vault or HSM read has, while SUB2's vault list was forbidden: the vault may be
// there, so the 403 is the reason (not PartialInventory, not a fail "outside tenant").
const saextern = cmkStorage("saextern", "https://kv-other.vault.azure.net/");
const unknownHostVaultsForbiddenInSub2 = makeSnapshot({
  subscriptions: [
    { collections: { keyVaults: [kvSe], managedHsms: [], storageAccounts: [saextern] } },
    { subscriptionId: SUB2, collections: { managedHsms: [] } },
  ],
  coverage: [failure("keyVaults", `/subscriptions/${SUB2}`)],
});
const narrowed = snap({ storageAccounts: [saextern] }, [kvSe], [], { allVisibleSubscriptions: false });

// A key in kv-se-nycklar (read in SUB); SUB2's vault and HSM lists were forbidden.
const sase = cmkStorage("sase", "https://kv-se-nycklar.vault.azure.net/");
const knownVaultOtherSubFailed = makeSnapshot({
  subscriptions: [
    { collections: { keyVaults: [kvSe], managedHsms: [], storageAccounts: [sase] } },
    { subscriptionId: SUB2, collections: { storageAccounts: [] } },
  ],
  coverage: [failure("keyVaults", `/subscriptions/${SUB2}`), failure("managedHsms", `/subscriptions/${SUB2}`)],
});

// The storage list forbidden in SUB2, whose vault and HSM lists were read: whether its accounts use
// a customer key cannot be told, so each account its generic list shows is named.
const diarium2 = cmkStorage("sa-diarium2", "https://kv-se-nycklar.vault.azure.net/", "cmk-storage", SUB2);
const webb2 = storageAccount("sa-webb2", {}, "rg-app", SUB2);
const storageRead = { keyVaults: [kvSe], managedHsms: [], storageAccounts: [sase] };
const storageNamedInSub2 = failedInSub2({ read: storageRead, failed: ["storageAccounts"], sub2: { keyVaults: [], managedHsms: [] }, unseen: [diarium2, webb2] });
const storageEmptyInSub2 = failedInSub2({ read: storageRead, failed: ["storageAccounts"], sub2: { keyVaults: [], managedHsms: [] }, unseen: [] });
const storageGenericFailedInSub2 = failedInSub2({ read: storageRead, failed: ["storageAccounts"], sub2: { keyVaults: [], managedHsms: [] }, unseen: "failed" });

// Flexible servers' geo-backup keys (`dataEncryption.geoBackupKeyURI`, PostgreSQL 2024-08-01 and MySQL
// 2023-12-30 alike). The PostgreSQL server of spec example
// specification/postgresql/resource-manager/Microsoft.DBforPostgreSQL/stable/2024-08-01/examples/ServerCreateGeoRestoreWithDataEncryptionEnabled.json,
// verbatim from its conformance fixture: primary key in exampleprimarykeyvault, geo-backup key in examplegeoredundantkeyvault.
const PG_FIXTURE = loadFixtures().find((f) => f.file === "postgres-mysql/ServerCreateGeoRestoreWithDataEncryptionEnabled.json");
const PG_EXAMPLE = (PG_FIXTURE?.body as { value: ArmResource[] } | undefined)?.value[0] as ArmResource;
const PG_SUB = "ffffffff-ffff-ffff-ffff-ffffffffffff";
const kvSws = keyVault("kv-sws-geo", { location: "swedensouth" });
/** The example server with its two vault hosts pointed at vaults of the inventory. */
const pgWithKeys = (primaryHost: string, geoHost: string): ArmResource =>
  JSON.parse(JSON.stringify(PG_EXAMPLE).replace("exampleprimarykeyvault.vault.azure.net", primaryHost).replace("examplegeoredundantkeyvault.vault.azure.net", geoHost));
/** One subscription (the example's) whose vault and HSM lists were read. */
const pgSnap = (server: ArmResource, vaults: ArmResource[] = [kvSe, kvSws, kvWe], extra: Parameters<typeof makeSnapshot>[0] = {}) =>
  makeSnapshot({ subscriptions: [{ subscriptionId: PG_SUB, collections: { keyVaults: vaults, managedHsms: [], postgresFlexibleServers: [server] } }], ...extra });
/**
 * A MySQL flexible server with primary and geo-backup keys: the `dataEncryption` of spec example
 * specification/mysql/resource-manager/Microsoft.DBforMySQL/FlexibleServers/stable/2023-12-30/examples/ServerCreateWithBYOK.json
 * (its request; the example's response leaves dataEncryption out).
 */
const mysqlByok = merge(flexibleServer("mysql", "mysqltestserver", "https://test.vault.azure.net/keys/key/c8a92236622244c0a4fdb892666f671a"), {
  properties: {
    dataEncryption: {
      type: "AzureKeyVault",
      primaryUserAssignedIdentityId: "/subscriptions/ffffffff-ffff-ffff-ffff-ffffffffffff/resourceGroups/testrg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/test-identity",
      primaryKeyURI: "https://test.vault.azure.net/keys/key/c8a92236622244c0a4fdb892666f671a",
      geoBackupUserAssignedIdentityId: "/subscriptions/ffffffff-ffff-ffff-ffff-ffffffffffff/resourceGroups/testrg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/test-geo-identity",
      geoBackupKeyURI: "https://test-geo.vault.azure.net/keys/key/c8a92236622244c0a4fdb892666f671a",
    },
  },
});
// The geo-backup key's host is no vault that was read while SUB2's vault list was forbidden.
const geoUnknownVaultsForbiddenInSub2 = makeSnapshot({
  subscriptions: [
    { collections: { keyVaults: [kvSe], managedHsms: [], postgresFlexibleServers: [merge(flexibleServer("postgres", "psql-geo", "https://kv-se-nycklar.vault.azure.net/keys/psql/1"), { properties: { dataEncryption: { geoBackupKeyURI: "https://kv-sydgeo.vault.azure.net/keys/psql-geo/2" } } })] } },
    { subscriptionId: SUB2, collections: { managedHsms: [] } },
  ],
  coverage: [failure("keyVaults", `/subscriptions/${SUB2}`)],
});

ruleTester(rule, {
  valid: [
    {
      name: "PostgreSQL primary key in Sweden Central and geo-backup key in Sweden South (the backup's region): two passes",
      snapshot: pgSnap(pgWithKeys("kv-se-nycklar.vault.azure.net", "kv-sws-geo.vault.azure.net")),
      results: [
        { status: "pass", messageId: "allowedRegion", resource: "exampleserver" },
        { status: "pass", messageId: "geoBackupAllowedRegion", part: "geo-backup", resource: "exampleserver" },
      ],
    },
    {
      name: "every kind of key reference resolves to an allowed vault or HSM",
      snapshot: snap({
        storageAccounts: [cmkStorage("sacmk", "https://kv-se-nycklar.vault.azure.net/")],
        sqlServers: [srv],
        sqlEncryptionProtectors: [keyVaultProtector(srv, "https://kv-se-nycklar.vault.azure.net/keys/tde-key/4c3b1f0d9e8a4b7c9d2e1f0a3b4c5d6e")],
        sqlManagedInstances: [mi],
        sqlManagedInstanceEncryptionProtectors: [managedInstanceProtector(mi, "https://hsm-se.managedhsm.azure.net/keys/mi-tde/0a1b2c3d")],
        cosmosDbAccounts: [cosmosAccount("cosmos-arende", { properties: { keyVaultKeyUri: "https://kv-se-nycklar.vault.azure.net/keys/cosmos-cmk" } })],
        diskEncryptionSets: [diskEncryptionSet("des-prod", "https://kv-se-nycklar.vault.azure.net/keys/disk-cmk/9b2c4e6f8a0b4c1d8e3f5a7b9c0d2e4f")],
        cognitiveAccounts: [cognitiveAccount("oai-handlaggning", cognitiveCustomerKey("https://kv-se-nycklar.vault.azure.net/"))],
        postgresFlexibleServers: [flexibleServer("postgres", "psql-gis", "https://hsm-se.managedhsm.azure.net/keys/psql/1f2e3d4c")],
        mysqlFlexibleServers: [flexibleServer("mysql", "mysql-web", "https://kv-se-nycklar.vault.azure.net/keys/mysql/5a6b7c8d")],
        recoveryServicesVaults: [recoveryServicesVault("rsv-backup", "https://kv-se-nycklar.vault.azure.net/keys/rsv-cmk/2b3c4d5e")],
      }),
      results: [
        { status: "pass", messageId: "allowedRegion", resource: "sacmk", severity: "high" },
        { status: "pass", messageId: "allowedRegion", resource: "sql-ekonomi" },
        {
          status: "pass",
          messageId: "allowedRegion",
          resource: "sqlmi-vard",
          message: "sqlmi-vard uses a key in hsm-se, located in swedencentral, an allowed region.",
          evidence: [
            { path: "encryptionProtector/current:properties.uri", actual: "https://hsm-se.managedhsm.azure.net/keys/mi-tde/0a1b2c3d", expected: IN_TENANT },
            { path: "managedHsm.id", actual: hsm.id },
            { path: "managedHsm.location", actual: "swedencentral", expected: ["swedencentral", "swedensouth"] },
          ],
        },
        { status: "pass", messageId: "allowedRegion", resource: "cosmos-arende" },
        { status: "pass", messageId: "allowedRegion", resource: "des-prod" },
        { status: "pass", messageId: "allowedRegion", resource: "oai-handlaggning" },
        { status: "pass", messageId: "allowedRegion", resource: "psql-gis" },
        { status: "pass", messageId: "allowedRegion", resource: "mysql-web" },
        { status: "pass", messageId: "allowedRegion", resource: "rsv-backup" },
      ],
    },
    {
      name: "the vault's key list forbidden: the key's vault and region still decide (the key item is not needed)",
      snapshot: snap({ storageAccounts: [cmkStorage("sase", "https://kv-se-nycklar.vault.azure.net/")] }, [kvSe], [], { coverage: [failure("vaultKeys", kvSe.id)] }),
      results: [{ status: "pass", messageId: "allowedRegion", resource: "sase" }],
    },
    {
      name: "host in other casing, vault location as a display name",
      snapshot: snap({ storageAccounts: [cmkStorage("sacase", "https://KV-SE-NYCKLAR.Vault.Azure.Net/")] }, [keyVault("kv-se-nycklar", { location: "Sweden Central" })]),
    },
    {
      name: "the eu profile allows a West Europe vault",
      snapshot: snap({ storageAccounts: [cmkStorage("saeu", "https://kv-we-nycklar.vault.azure.net")] }),
      config: (c) => {
        c.profile = defaultConfig("eu").profile;
      },
    },
    {
      name: "stores without customer keys give no result",
      snapshot: snap({
        storageAccounts: [storageAccount("saplat")],
        sqlServers: [srv],
        sqlEncryptionProtectors: [serviceManagedProtector(srv)],
        cosmosDbAccounts: [cosmosAccount("cosmos-webb")],
        cognitiveAccounts: [cognitiveAccount("oai-chatt")],
        postgresFlexibleServers: [flexibleServer("postgres", "psql-sys")],
        recoveryServicesVaults: [recoveryServicesVault("rsv-plain")],
      }),
      results: [],
    },
    { name: "empty tenant", snapshot: makeSnapshot(), results: [] },
    {
      name: "a key in a vault that was read keeps its verdict although another subscription's vault and HSM lists were forbidden",
      snapshot: knownVaultOtherSubFailed,
      results: [{ status: "pass", messageId: "allowedRegion", resource: "sase", severity: "high" }],
    },
    {
      name: "storage list forbidden in the second subscription whose generic list shows no account: nothing there to judge",
      snapshot: storageEmptyInSub2,
      results: [{ status: "pass", messageId: "allowedRegion", resource: "sase" }],
    },
  ],
  invalid: [
    {
      name: "PostgreSQL spec example as returned: primary and geo-backup keys both held outside the tenant, one result each",
      snapshot: pgSnap(PG_EXAMPLE),
      results: [
        { status: "fail", messageId: "outsideTenant", resource: "exampleserver", severity: "high" },
        { status: "fail", messageId: "geoBackupOutsideTenant", part: "geo-backup", resource: "exampleserver", severity: "high" },
      ],
    },
    {
      name: "PostgreSQL geo-backup key in a region the profile does not allow, primary key allowed",
      snapshot: pgSnap(pgWithKeys("kv-se-nycklar.vault.azure.net", "kv-we-nycklar.vault.azure.net")),
      results: [
        { status: "pass", messageId: "allowedRegion", resource: "exampleserver" },
        { status: "fail", messageId: "geoBackupRegionNotAllowed", part: "geo-backup", resource: "exampleserver" },
      ],
    },
    {
      name: "MySQL geo-backup key (geoBackupKeyURI, 2023-12-30) outside the tenant as well as its primary key",
      snapshot: snap({ mysqlFlexibleServers: [mysqlByok] }),
      results: [
        { status: "fail", messageId: "outsideTenant", resource: "mysqltestserver" },
        { status: "fail", messageId: "geoBackupOutsideTenant", part: "geo-backup", resource: "mysqltestserver" },
      ],
    },
    {
      name: "vault in a region the profile does not allow",
      snapshot: snap({ storageAccounts: [cmkStorage("sawe", "https://kv-we-nycklar.vault.azure.net/"), cmkStorage("sase", "https://kv-se-nycklar.vault.azure.net/")] }),
      results: [
        {
          status: "fail",
          messageId: "regionNotAllowed",
          resource: "sawe",
          severity: "high",
          message: "sawe uses a key in kv-we-nycklar, located in westeurope, which the profile does not allow (swedencentral, swedensouth).",
          messageSv: "sawe använder en nyckel i kv-we-nycklar, som ligger i westeurope, vilket profilen inte tillåter (swedencentral, swedensouth).",
        },
        { status: "pass", messageId: "allowedRegion", resource: "sase" },
      ],
    },
    {
      name: "vault in a location Hemvist does not know",
      snapshot: snap({ cosmosDbAccounts: [cosmosAccount("cosmos-x", { properties: { keyVaultKeyUri: "https://kv-odd.vault.azure.net/keys/k" } })] }, [keyVault("kv-odd", { location: "marsnorth" })]),
      results: [{ status: "fail", messageId: "regionNotAllowed", resource: "cosmos-x" }],
    },
    {
      name: "key held outside the audited tenant, all vaults of every subscription read",
      snapshot: makeSnapshot({
        subscriptions: [
          { collections: { keyVaults: [kvSe], managedHsms: [], storageAccounts: [cmkStorage("saextern", "https://kv-leverantor.vault.azure.net/")] } },
          { subscriptionId: SUB2, collections: { keyVaults: [], managedHsms: [] } },
        ],
      }),
      results: [
        {
          status: "fail",
          messageId: "outsideTenant",
          resource: "saextern",
          message: "saextern uses a key held outside the audited tenant (kv-leverantor.vault.azure.net).",
          evidence: [
            { path: "properties.encryption.keyvaultproperties.keyvaulturi", actual: "https://kv-leverantor.vault.azure.net/", expected: IN_TENANT },
            { path: "keyHolder", actual: "kv-leverantor.vault.azure.net", expected: { en: "a vaultUri or hsmUri of the inventory", sv: "en vaultUri eller hsmUri i inventeringen" } },
          ],
        },
      ],
    },
    {
      name: "a vault in another subscription of the tenant resolves",
      snapshot: makeSnapshot({
        subscriptions: [
          { collections: { keyVaults: [], managedHsms: [], storageAccounts: [cmkStorage("sacross", "https://kv-central.vault.azure.net/")] } },
          { subscriptionId: SUB2, collections: { keyVaults: [keyVault("kv-central", { location: "northeurope" }, "rg-keys", SUB2)], managedHsms: [] } },
        ],
      }),
      results: [{ status: "fail", messageId: "regionNotAllowed", resource: "sacross" }],
    },
  ],
  notAssessed: [
    {
      name: "geo-backup key host unknown while another subscription's vault list was forbidden: that part not assessed, the primary key judged",
      snapshot: geoUnknownVaultsForbiddenInSub2,
      results: [
        { status: "pass", messageId: "allowedRegion", resource: "psql-geo" },
        { status: "not-assessed", messageId: "__notAssessed", part: "geo-backup", resource: "psql-geo" },
      ],
    },
    {
      name: "unknown host while the vault list of another subscription was forbidden: not assessed, never a fail outside the tenant",
      snapshot: unknownHostVaultsForbiddenInSub2,
      results: [{ status: "not-assessed", messageId: "__notAssessed", resource: "saextern", severity: "high" }],
    },
    {
      name: "unknown host while --subscriptions narrowed the audit",
      snapshot: narrowed,
      results: [{ status: "not-assessed", resource: "saextern" }],
    },
    {
      name: "unknown host in a subscription whose HSM list was not collected",
      snapshot: makeSnapshot({ subscriptions: [{ collections: { keyVaults: [kvSe], storageAccounts: [cmkStorage("saextern", "https://kv-other.vault.azure.net/")] } }] }),
      results: [{ status: "not-assessed", resource: "saextern" }],
    },
    {
      name: "unknown host where a second subscription's vault and HSM lists were not collected at all",
      snapshot: makeSnapshot({
        subscriptions: [
          { collections: { keyVaults: [kvSe], managedHsms: [], storageAccounts: [cmkStorage("saextern", "https://kv-other.vault.azure.net/")] } },
          { subscriptionId: SUB2, collections: {} },
        ],
      }),
      results: [{ status: "not-assessed", resource: "saextern" }],
    },
    {
      name: "unknown host in a subscription whose vault list was not collected (its HSM list was)",
      snapshot: makeSnapshot({ subscriptions: [{ collections: { managedHsms: [hsm], storageAccounts: [cmkStorage("saextern", "https://kv-other.vault.azure.net/")] } }] }),
      results: [{ status: "not-assessed", resource: "saextern" }],
    },
    {
      name: "a SQL server whose protector list was cut short: its key is not judged on what was read",
      snapshot: snap(
        { sqlServers: [srv], sqlEncryptionProtectors: [keyVaultProtector(srv, "https://kv-se-nycklar.vault.azure.net/keys/tde-key/4c3b1f0d9e8a4b7c9d2e1f0a3b4c5d6e")] },
        [kvSe],
        [],
        { coverage: [failure("sqlEncryptionProtectors", srv.id, { httpStatus: 429, code: "TooManyRequests" })] },
      ),
      results: [{ status: "not-assessed", resource: "sql-ekonomi" }],
    },
    {
      name: "storage list forbidden in the second subscription: the accounts its generic list shows are named",
      snapshot: storageNamedInSub2,
      results: [
        { status: "pass", messageId: "allowedRegion", resource: "sase" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "sa-diarium2", severity: "high" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "sa-webb2", severity: "high" },
      ],
    },
    {
      name: "storage list and generic list forbidden in the second subscription: one result on it",
      snapshot: storageGenericFailedInSub2,
      results: [
        { status: "pass", messageId: "allowedRegion", resource: "sase" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2, severity: "high" },
      ],
    },
  ],
  missingProperty: [
    {
      name: "no geoBackupKeyURI (geo-redundant backup off): only the primary key's result",
      snapshot: snap({ postgresFlexibleServers: [flexibleServer("postgres", "psql-nogeo", "https://kv-se-nycklar.vault.azure.net/keys/psql/1")] }),
      results: [{ status: "pass", messageId: "allowedRegion", resource: "psql-nogeo" }],
    },
    {
      name: "geoBackupKeyURI empty (as replicas report it): no geo-backup result",
      snapshot: snap({ postgresFlexibleServers: [merge(flexibleServer("postgres", "psql-replica", "https://kv-se-nycklar.vault.azure.net/keys/psql/1"), { properties: { dataEncryption: { geoBackupKeyURI: "", geoBackupUserAssignedIdentityId: "" } } })] }),
      results: [{ status: "pass", messageId: "allowedRegion", resource: "psql-replica" }],
    },
    {
      name: "vault without a location is not in an allowed region",
      snapshot: snap({ storageAccounts: [cmkStorage("sanoloc", "https://kv-noloc.vault.azure.net/")] }, [keyVault("kv-noloc", { location: undefined })]),
      results: [{ status: "fail", messageId: "regionNotAllowed", resource: "sanoloc", message: "sanoloc uses a key in kv-noloc, located in an unknown location, which the profile does not allow (swedencentral, swedensouth)." }],
    },
    {
      name: "storage keySource absent means Microsoft.Storage: no key reference, no result",
      snapshot: snap({ storageAccounts: [storageAccount("sadefault", { properties: { encryption: { keySource: undefined } } })] }),
      results: [],
    },
  ],
});

describe("ENC-07 details", () => {
  const run = (s: Snapshot) => runRules(s, [rule], { config: defaultConfig(), now: new Date("2026-11-27T03:00:00Z") }).findings;

  it("keys a flexible server's geo-backup key by part geo-backup; the primary key keeps the part-less fingerprint", () => {
    const fs = run(pgSnap(pgWithKeys("kv-se-nycklar.vault.azure.net", "kv-we-nycklar.vault.azure.net")));
    const id = PG_EXAMPLE.id;
    expect(fs.map((f) => [f.resourceId, f.part, f.status, f.fingerprint])).toEqual([
      [id, undefined, "pass", fingerprint("ENC-07", id)],
      [id, "geo-backup", "fail", fingerprint("ENC-07", id, "geo-backup")],
    ]);
    const geo = fs[1];
    expect(geo?.message.en).toBe(
      "exampleserver encrypts its geo-redundant backup with a key in kv-we-nycklar, located in westeurope, which the profile does not allow (swedencentral, swedensouth).",
    );
    expect(geo?.message.sv).toBe(
      "exampleserver krypterar sin geo-redundanta säkerhetskopia med en nyckel i kv-we-nycklar, som ligger i westeurope, vilket profilen inte tillåter (swedencentral, swedensouth).",
    );
    expect(geo?.evidence).toEqual([
      { path: "properties.dataEncryption.geoBackupKeyURI", actual: "https://kv-we-nycklar.vault.azure.net/keys/examplekey/yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy", expected: { en: "a key in a Key Vault or managed HSM of the audited tenant", sv: "en nyckel i ett Key Vault eller en Managed HSM i den granskade klientorganisationen" } },
      { path: "keyVault.id", actual: kvWe.id },
      { path: "keyVault.location", actual: "westeurope", expected: ["swedencentral", "swedensouth"] },
    ]);
  });

  it("says why a key it cannot place is not assessed: a reference that is not a URL, a host while not every subscription was read", () => {
    const [unparsable] = run(snap({ cosmosDbAccounts: [cosmosAccount("cosmos-raw", { properties: { keyVaultKeyUri: "kv-se-nycklar/keys/cosmos-cmk" } })] }));
    expect(unparsable?.status).toBe("not-assessed");
    expect(unparsable?.notAssessed).toEqual({ scope: cosmosAccount("cosmos-raw").id, collection: "cosmosDbAccounts", code: "UnparsableKeyUri", message: "The key reference at properties.keyVaultKeyUri is not a URL." });
    const [partial] = run(narrowed);
    expect(partial?.notAssessed).toEqual({
      scope: `/tenants/${TENANT}`,
      collection: "keyVaults",
      code: "PartialInventory",
      message: "No vault or managed HSM with host kv-other.vault.azure.net was read, and not every subscription's vaults and managed HSMs were read.",
    });
  });

  it("targets the SQL server (not the protector) and puts the vault in the evidence", () => {
    const [f] = run(snap({ sqlServers: [srv], sqlEncryptionProtectors: [keyVaultProtector(srv, "https://kv-we-nycklar.vault.azure.net/keys/tde/1")] }));
    expect(f?.resourceId).toBe(srv.id);
    expect(f?.resourceType).toBe("Microsoft.Sql/servers");
    expect(f?.evidence).toEqual([
      { path: "encryptionProtector/current:properties.uri", actual: "https://kv-we-nycklar.vault.azure.net/keys/tde/1", expected: { en: "a key in a Key Vault or managed HSM of the audited tenant", sv: "en nyckel i ett Key Vault eller en Managed HSM i den granskade klientorganisationen" } },
      { path: "keyVault.id", actual: kvWe.id },
      { path: "keyVault.location", actual: "westeurope", expected: ["swedencentral", "swedensouth"] },
    ]);
    expect(f?.message.en).toBe("sql-ekonomi uses a key in kv-we-nycklar, located in westeurope, which the profile does not allow (swedencentral, swedensouth).");
  });

  it("names a managed HSM as such", () => {
    const [f] = run(snap({ cosmosDbAccounts: [cosmosAccount("cosmos-h", { properties: { keyVaultKeyUri: "https://hsm-se.managedhsm.azure.net/keys/c" } })] }));
    expect(f?.evidence?.[1]).toEqual({ path: "managedHsm.id", actual: hsm.id });
  });

  it("an unknown host while another subscription's vault list was forbidden is not assessed with that 403", () => {
    const fs = run(unknownHostVaultsForbiddenInSub2);
    expect(lines(fs)).toEqual([forbidden(saextern.id, "keyVaults", "high")]);
    expect(fs[0]?.notAssessed).toEqual({
      scope: `/subscriptions/${SUB2}`,
      collection: "keyVaults",
      httpStatus: 403,
      code: "AuthorizationFailed",
      message: "The client does not have authorization to perform action over scope.",
    });
  });

  it("an unknown host while --subscriptions narrowed the audit stays PartialInventory on the tenant", () => {
    const fs = run(narrowed);
    expect(fs).toHaveLength(1);
    expect(fs[0]?.status).toBe("not-assessed");
    expect(fs[0]?.resourceId).toBe(saextern.id);
    expect(fs[0]?.notAssessed).toEqual({
      scope: `/tenants/${TENANT}`,
      collection: "keyVaults",
      code: "PartialInventory",
      message: "No vault or managed HSM with host kv-other.vault.azure.net was read, and not every subscription's vaults and managed HSMs were read.",
    });
  });

  it("a key in a vault that was read keeps its verdict although another subscription's vault and HSM lists failed", () => {
    expect(lines(run(knownVaultOtherSubFailed))).toEqual([verdict("pass", sase.id, "high", "allowedRegion")]);
  });

  it("outside-tenant fail names the host", () => {
    const [f] = run(snap({ storageAccounts: [cmkStorage("saextern", "https://kv-leverantor.vault.azure.net/")] }));
    expect(f?.status).toBe("fail");
    expect(f?.message.en).toBe("saextern uses a key held outside the audited tenant (kv-leverantor.vault.azure.net).");
  });

  it("a store listed twice (overlapping pages) still gets one result", () => {
    const a = cmkStorage("sadup", "https://kv-se-nycklar.vault.azure.net/");
    const fs = run(snap({ storageAccounts: [a, a] }));
    expect(fs).toHaveLength(1);
  });
});

describe("ENC-07 targets a failed storage list leaves unjudged", () => {
  it("names each account SUB2's generic list shows (customer key or not), with the failed read", () => {
    expect(lines(findingsOf(rule, storageNamedInSub2))).toEqual(
      [verdict("pass", sase.id, "high", "allowedRegion"), forbidden(diarium2.id, "storageAccounts", "high"), forbidden(webb2.id, "storageAccounts", "high")].sort(),
    );
  });
  it("names nothing where the generic list shows no account", () => {
    expect(lines(findingsOf(rule, storageEmptyInSub2))).toEqual([verdict("pass", sase.id, "high", "allowedRegion")]);
  });
  it("gives the subscription one result when its generic list failed too", () => {
    expect(lines(findingsOf(rule, storageGenericFailedInSub2))).toEqual(
      [verdict("pass", sase.id, "high", "allowedRegion"), forbidden(`/subscriptions/${SUB2}`, "storageAccounts", "high")].sort(),
    );
  });
});
