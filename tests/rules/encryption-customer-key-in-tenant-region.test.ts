/** Table tests for ENC-07 encryption-customer-key-in-tenant-region (key references resolved to vaults and managed HSMs). */
import { describe, expect, it } from "vitest";
import rule from "../../rules/encryption/encryption-customer-key-in-tenant-region.js";
import type { ArmResource, AzureCollection, Snapshot } from "../../src/index.js";
import { defaultConfig, runRules } from "../../src/index.js";
import { diskEncryptionSet } from "../fixtures/disks.js";
import { cognitiveAccount, cognitiveCustomerKey, cosmosAccount, flexibleServer, recoveryServicesVault } from "../fixtures/encryption.js";
import { keyVault, managedHsm } from "../fixtures/vaults.js";
import { failure, makeSnapshot, SUB, SUB2 } from "../fixtures/snapshot.js";
import { keyVaultProtector, managedInstance, managedInstanceProtector, serviceManagedProtector, sqlServer } from "../fixtures/sql-encryption.js";
import { storageAccount } from "../fixtures/storage.js";
import { ruleTester } from "../helpers/rule-tester.js";

const kvSe = keyVault("kv-se-nycklar");
const kvWe = keyVault("kv-we-nycklar", { location: "westeurope" });
const hsm = managedHsm("hsm-se");

const cmkStorage = (name: string, vaultUri: string, key = "cmk-storage") =>
  storageAccount(name, { properties: { encryption: { keySource: "Microsoft.Keyvault", keyvaultproperties: { keyvaulturi: vaultUri, keyname: key, keyversion: "" } } } });

type Cols = Partial<Record<AzureCollection, ArmResource[]>>;
/** One subscription whose vault and HSM lists were read (plus `cols`). */
const snap = (cols: Cols, vaults: ArmResource[] = [kvSe, kvWe], hsms: ArmResource[] = [hsm], extra: Parameters<typeof makeSnapshot>[0] = {}) =>
  makeSnapshot({ subscriptions: [{ collections: { keyVaults: vaults, managedHsms: hsms, ...cols } }], ...extra });

const srv = sqlServer("sql-ekonomi");
const mi = managedInstance("sqlmi-vard");

ruleTester(rule, {
  valid: [
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
        { status: "pass", messageId: "allowedRegion", resource: "sqlmi-vard" },
        { status: "pass", messageId: "allowedRegion", resource: "cosmos-arende" },
        { status: "pass", messageId: "allowedRegion", resource: "des-prod" },
        { status: "pass", messageId: "allowedRegion", resource: "oai-handlaggning" },
        { status: "pass", messageId: "allowedRegion", resource: "psql-gis" },
        { status: "pass", messageId: "allowedRegion", resource: "mysql-web" },
        { status: "pass", messageId: "allowedRegion", resource: "rsv-backup" },
      ],
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
  ],
  invalid: [
    {
      name: "vault in a region the profile does not allow",
      snapshot: snap({ storageAccounts: [cmkStorage("sawe", "https://kv-we-nycklar.vault.azure.net/"), cmkStorage("sase", "https://kv-se-nycklar.vault.azure.net/")] }),
      results: [
        { status: "fail", messageId: "regionNotAllowed", resource: "sawe", severity: "high" },
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
      results: [{ status: "fail", messageId: "outsideTenant", resource: "saextern" }],
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
      name: "unknown host while the vault list of another subscription was forbidden",
      snapshot: makeSnapshot({
        subscriptions: [
          { collections: { keyVaults: [kvSe], managedHsms: [], storageAccounts: [cmkStorage("saextern", "https://kv-other.vault.azure.net/")] } },
          { subscriptionId: SUB2, collections: { managedHsms: [] } },
        ],
        coverage: [failure("keyVaults", `/subscriptions/${SUB2}`)],
      }),
      results: [
        { status: "not-assessed", messageId: "__notAssessed", resource: "saextern" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
      ],
    },
    {
      name: "unknown host while --subscriptions narrowed the audit",
      snapshot: snap({ storageAccounts: [cmkStorage("saextern", "https://kv-other.vault.azure.net/")] }, [kvSe], [], { allVisibleSubscriptions: false }),
      results: [{ status: "not-assessed", resource: "saextern" }],
    },
    {
      name: "unknown host in a subscription whose HSM list was not collected",
      snapshot: makeSnapshot({ subscriptions: [{ collections: { keyVaults: [kvSe], storageAccounts: [cmkStorage("saextern", "https://kv-other.vault.azure.net/")] } }] }),
      results: [{ status: "not-assessed", resource: "saextern" }],
    },
    {
      name: "storage list forbidden blinds the subscription",
      snapshot: snap({}, [kvSe], [], { coverage: [failure("storageAccounts", `/subscriptions/${SUB}`)] }),
      results: [{ status: "not-assessed", resource: SUB }],
    },
    {
      name: "a known vault still resolves when another subscription failed",
      snapshot: makeSnapshot({
        subscriptions: [
          { collections: { keyVaults: [kvSe], managedHsms: [], storageAccounts: [cmkStorage("sase", "https://kv-se-nycklar.vault.azure.net/")] } },
          { subscriptionId: SUB2, collections: { keyVaults: [] } },
        ],
        coverage: [failure("managedHsms", `/subscriptions/${SUB2}`)],
      }),
      results: [
        { status: "pass", resource: "sase" },
        { status: "not-assessed", resource: SUB2 },
      ],
    },
  ],
  missingProperty: [
    {
      name: "vault without a location is not in an allowed region",
      snapshot: snap({ storageAccounts: [cmkStorage("sanoloc", "https://kv-noloc.vault.azure.net/")] }, [keyVault("kv-noloc", { location: undefined })]),
      results: [{ status: "fail", messageId: "regionNotAllowed", resource: "sanoloc" }],
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

  it("targets the SQL server (not the protector) and puts the vault in the evidence", () => {
    const [f] = run(snap({ sqlServers: [srv], sqlEncryptionProtectors: [keyVaultProtector(srv, "https://kv-we-nycklar.vault.azure.net/keys/tde/1")] }));
    expect(f?.resourceId).toBe(srv.id);
    expect(f?.resourceType).toBe("Microsoft.Sql/servers");
    expect(f?.evidence).toEqual([
      { path: "encryptionProtector/current:properties.uri", actual: "https://kv-we-nycklar.vault.azure.net/keys/tde/1", expected: "a key in a Key Vault or managed HSM of the audited tenant" },
      { path: "keyVault.id", actual: kvWe.id },
      { path: "keyVault.location", actual: "westeurope", expected: ["swedencentral", "swedensouth"] },
    ]);
    expect(f?.message.en).toBe("sql-ekonomi uses a key in kv-we-nycklar, located in westeurope, which the profile does not allow (swedencentral, swedensouth).");
  });

  it("names a managed HSM as such", () => {
    const [f] = run(snap({ cosmosDbAccounts: [cosmosAccount("cosmos-h", { properties: { keyVaultKeyUri: "https://hsm-se.managedhsm.azure.net/keys/c" } })] }));
    expect(f?.evidence?.[1]).toEqual({ path: "managedHsm.id", actual: hsm.id });
  });

  it("a partial inventory gives PartialInventory with the failed scope", () => {
    const fs = run(
      makeSnapshot({
        subscriptions: [
          { collections: { keyVaults: [], managedHsms: [], storageAccounts: [cmkStorage("saextern", "https://kv-other.vault.azure.net/")] } },
          { subscriptionId: SUB2, collections: {} },
        ],
        coverage: [failure("keyVaults", `/subscriptions/${SUB2}`)],
      }),
    );
    const f = fs.find((x) => x.resourceName === "saextern");
    expect(f?.notAssessed).toMatchObject({ code: "PartialInventory", collection: "keyVaults", scope: `/subscriptions/${SUB2}` });
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
