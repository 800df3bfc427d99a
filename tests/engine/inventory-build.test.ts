/**
 * What the inventory indexes when it is built or a collection completes (regions, subscriptions,
 * children, coverage) and the key references found in it, each built inside its test: Stryker
 * activates a mutant per test, so an inventory built while the file is collected never sees one.
 */
import { describe, expect, it } from "vitest";
import { Inventory } from "../../src/engine/inventory.js";
import { keyReferences, resolveKeyUri } from "../../src/index.js";
import { cognitiveAccount, cognitiveCustomerKey, cosmosAccount, flexibleServer, recoveryServicesVault } from "../fixtures/encryption.js";
import { diskEncryptionSet } from "../fixtures/disks.js";
import { failure, makeSnapshot, resourceGroup, SUB, SUB2 } from "../fixtures/snapshot.js";
import { keyVaultProtector, managedInstance, managedInstanceProtector, serviceManagedProtector, sqlServer } from "../fixtures/sql-encryption.js";
import { storageAccount } from "../fixtures/storage.js";
import { keyVault, managedHsm, vaultKey } from "../fixtures/vaults.js";

// GET /subscriptions/{s}/locations (Microsoft.Resources 2022-12-01), metadata.pairedRegion flattened by the collector.
const REGIONS = [
  { name: "swedencentral", displayName: "Sweden Central", geography: "Sweden", pairedRegion: ["swedensouth"] },
  { name: "westeurope", displayName: "West Europe", geography: "Europe" },
  { name: "eastusstg", displayName: "East US STG", geography: "United States" },
  { name: "" },
];

describe("regions indexed when locations complete", () => {
  it("the API's pair and geography, the built-in country; the built-in pair when the API gives none; display names", () => {
    const inv = new Inventory(makeSnapshot({ regions: REGIONS }));
    expect(inv.region("Sweden Central")).toEqual({ name: "swedencentral", displayName: "Sweden Central", pairs: ["swedensouth"], country: "SE", eu: true, geography: "Sweden" });
    expect(inv.region("West Europe")).toEqual({ name: "westeurope", displayName: "West Europe", pairs: ["northeurope"], country: "NL", eu: true, geography: "Europe" });
    expect(inv.region("eastusstg")).toEqual({ name: "eastusstg", displayName: "East US STG", pairs: [], geography: "United States" });
  });

  it("a partial inventory indexes regions only with locations, once", () => {
    const inv = new Inventory(makeSnapshot({ regions: REGIONS }), { complete: ["resources"] });
    inv.markComplete("locations");
    inv.markComplete("locations");
    expect(inv.region("East US STG")?.geography).toBe("United States");
    const noLocations = new Inventory(makeSnapshot({ regions: REGIONS }), { complete: ["locations"] });
    expect(noLocations.region("eastusstg")?.name).toBe("eastusstg");
  });

  it("a region the API does not list and the built-in table knows: the table's pair", () => {
    const inv = new Inventory(makeSnapshot({ regions: [] }));
    expect(inv.region("eastusstg")).toBeUndefined();
    expect(inv.region("swedencentral")?.pairs).toEqual(["swedensouth"]);
  });
});

describe("what markComplete indexes", () => {
  it("subscriptions only with the subscription list; coverage of that collection only, in the snapshot's order", () => {
    const snap = makeSnapshot({
      subscriptions: [{}, { subscriptionId: SUB2 }],
      coverage: [failure("keyVaults", `/subscriptions/${SUB2}`), failure("keyVaults", `/subscriptions/${SUB}`), failure("storageAccounts", `/subscriptions/${SUB}`)],
    });
    const inv = new Inventory(snap, { complete: ["keyVaults"] });
    expect(inv.failures("keyVaults").map((f) => f.scope)).toEqual([`/subscriptions/${SUB}`, `/subscriptions/${SUB2}`]);
    expect(inv.failureOverlapping("storageAccounts", "/")).toBeUndefined();
    inv.markComplete("subscriptions");
    expect(inv.subscription(SUB2)?.subscriptionId).toBe(SUB2);
    expect(() => inv.inSubscription("storageAccounts", SUB)).toThrow("storageAccounts is not collected yet");
    const notSubs = new Inventory(snap, { complete: ["storageAccounts", "resources", "locations"] });
    expect(() => notSubs.subscription(SUB)).toThrow("subscriptions is not collected yet");
  });

  it("a tenant collection completing indexes no ARM list; a partial inventory stays partial until the last", () => {
    const sa = storageAccount("stone");
    const inv = new Inventory(makeSnapshot({ subscriptions: [{ collections: { storageAccounts: [sa] } }] }), { complete: ["m365Users"] });
    expect(() => inv.all("storageAccounts")).toThrow("storageAccounts is not collected yet");
    inv.markComplete("storageAccounts");
    expect(inv.all("storageAccounts")).toEqual([sa]);
    expect(() => inv.all("keyVaults")).toThrow("keyVaults is not collected yet");
  });

  it("the subscription list alone indexes the subscriptions", () => {
    const inv = new Inventory(makeSnapshot({ subscriptions: [{}, { subscriptionId: SUB2 }] }), { complete: ["subscriptions"] });
    expect(inv.subscription(SUB2)?.subscriptionId).toBe(SUB2);
  });

  it("only the generic list is the generic view: a payload of another list is described through its own collection", () => {
    const rgId = `/subscriptions/${SUB}/resourceGroups/rg-app`;
    const inv = new Inventory(makeSnapshot({ subscriptions: [{ collections: { resourceGroups: [resourceGroup("rg-app", "swedencentral", { miljo: "prod" })], resources: [] } }] }));
    const { value, deps } = inv.track(() => inv.describe(rgId));
    expect(value?.tags).toEqual({ miljo: "prod" });
    expect(deps).toEqual([{ collection: "resourceGroups", scope: rgId }]);
  });

  it("children: every child of a parent, in list order", () => {
    const vault = keyVault("kv-two");
    const a = vaultKey(vault, "cmk-a");
    const b = vaultKey(vault, "cmk-b");
    const inv = new Inventory(makeSnapshot({ subscriptions: [{ collections: { keyVaults: [vault], vaultKeys: [a, b] } }] }));
    expect(inv.children("vaultKeys", vault.id)).toEqual([a, b]);
    expect(inv.children("vaultKeys", vault.id)).toEqual([a, b]);
  });

  it("the generic list's first entry for an id is the one described, a later one never replaces it", () => {
    const sa = storageAccount("stgen");
    const first = { id: sa.id, name: "stgen", type: sa.type, tags: { a: "1" } };
    const second = { id: sa.id.toUpperCase(), name: "stgen", type: sa.type, tags: { a: "2" } };
    const inv = new Inventory(makeSnapshot({ subscriptions: [{ collections: { resources: [first, second] } }] }));
    expect(inv.describe(sa.id)).toBe(first);
    expect(inv.genericOfType("microsoft.storage/storageaccounts")).toEqual([first]);
  });
});

describe("key references and the key index, built in the test", () => {
  const KV = "https://kv-data.vault.azure.net";

  it("every kind of store, and only customer keys", () => {
    const storage = storageAccount("stcmk", { properties: { encryption: { keySource: "Microsoft.Keyvault", keyvaultproperties: { keyvaulturi: `${KV}/`, keyname: "st-cmk" } } } });
    const server = sqlServer("sql-data");
    const mi = managedInstance("mi-data");
    const pg = flexibleServer("postgres", "pg-data", `${KV}/keys/pg-cmk/1`);
    const mysql = flexibleServer("mysql", "mysql-data", `${KV}/keys/my-cmk/3`);
    (mysql.properties as { dataEncryption: Record<string, unknown> }).dataEncryption.geoBackupKeyURI = "https://kv-pair.vault.azure.net/keys/my-geo/4";
    const inv = new Inventory(
      makeSnapshot({
        subscriptions: [
          {
            collections: {
              storageAccounts: [storageAccount("stplatform"), storage],
              sqlEncryptionProtectors: [serviceManagedProtector(sqlServer("sql-platform")), keyVaultProtector(server, `${KV}/keys/tde/1`)],
              sqlManagedInstanceEncryptionProtectors: [managedInstanceProtector(managedInstance("mi-platform")), managedInstanceProtector(mi, `${KV}/keys/mi/2`)],
              cosmosDbAccounts: [cosmosAccount("cosmos-blank", { properties: { keyVaultKeyUri: "  " } }), cosmosAccount("cosmos-data", { properties: { keyVaultKeyUri: `${KV}/keys/c` } })],
              cognitiveAccounts: [cognitiveAccount("oai-platform"), cognitiveAccount("oai-data", cognitiveCustomerKey(`${KV}/`, "ai-cmk"))],
              postgresFlexibleServers: [pg],
              mysqlFlexibleServers: [mysql],
              diskEncryptionSets: [diskEncryptionSet("des-data", `${KV}/keys/disk/5`)],
              recoveryServicesVaults: [recoveryServicesVault("rsv-data", `${KV}/keys/rsv/6`)],
            },
          },
        ],
      }),
    );
    expect(keyReferences(inv).map((r) => `${r.collection} ${r.dataStoreId.split("/").pop()} ${r.path} ${r.uri} ${r.keyName ?? "-"}`)).toEqual([
      `storageAccounts stcmk properties.encryption.keyvaultproperties.keyvaulturi ${KV}/ st-cmk`,
      `sqlEncryptionProtectors sql-data properties.uri ${KV}/keys/tde/1 -`,
      `sqlManagedInstanceEncryptionProtectors mi-data properties.uri ${KV}/keys/mi/2 -`,
      `cosmosDbAccounts cosmos-data properties.keyVaultKeyUri ${KV}/keys/c -`,
      `diskEncryptionSets des-data properties.activeKey.keyUrl ${KV}/keys/disk/5 -`,
      `cognitiveAccounts oai-data properties.encryption.keyVaultProperties.keyVaultUri ${KV}/ ai-cmk`,
      `postgresFlexibleServers pg-data properties.dataEncryption.primaryKeyURI ${KV}/keys/pg-cmk/1 -`,
      `mysqlFlexibleServers mysql-data properties.dataEncryption.primaryKeyURI ${KV}/keys/my-cmk/3 -`,
      "mysqlFlexibleServers mysql-data properties.dataEncryption.geoBackupKeyURI https://kv-pair.vault.azure.net/keys/my-geo/4 -",
      `recoveryServicesVaults rsv-data properties.encryption.keyVaultProperties.keyUri ${KV}/keys/rsv/6 -`,
    ]);
    expect(keyReferences(inv).find((r) => r.collection === "sqlEncryptionProtectors")?.dataStoreId).toBe(server.id);
    expect(keyReferences(inv).filter((r) => r.part !== undefined).map((r) => `${r.collection} ${r.part}`)).toEqual(["mysqlFlexibleServers geo-backup"]);
  });

  it("a store back on platform keys that still shows its old key properties holds no reference", () => {
    // Switching a storage or AI account back to Microsoft-managed keys leaves keyvaultproperties in the answer.
    const storage = storageAccount("stback", { properties: { encryption: { keySource: "Microsoft.Storage", keyvaultproperties: { keyvaulturi: `${KV}/`, keyname: "old" } } } });
    const ai = cognitiveAccount("oai-back", { properties: { encryption: { keySource: "Microsoft.CognitiveServices", keyVaultProperties: { keyVaultUri: `${KV}/`, keyName: "old" } } } });
    const server = sqlServer("sql-back");
    const protector = serviceManagedProtector(server, { properties: { uri: `${KV}/keys/old/1` } });
    const miProtector = managedInstanceProtector(managedInstance("mi-back"), undefined, { properties: { uri: `${KV}/keys/old/2` } });
    const inv = new Inventory(makeSnapshot({ subscriptions: [{ collections: { storageAccounts: [storage], cognitiveAccounts: [ai], sqlEncryptionProtectors: [protector], sqlManagedInstanceEncryptionProtectors: [miProtector] } }] }));
    expect(keyReferences(inv)).toEqual([]);
  });

  it("two vaults or HSMs on one host: the first listed wins; a key outside /keys/ is not indexed", () => {
    const first = keyVault("kv-dup");
    const second = keyVault("kv-dup", {}, "rg-keys", SUB2);
    const hsm1 = managedHsm("hsm-dup");
    const hsm2 = managedHsm("hsm-dup", {}, "rg-keys", SUB2);
    const stray = { id: `${first.id}/secrets/cmk`, name: "cmk", type: "Microsoft.KeyVault/vaults/keys" };
    const k1 = vaultKey(first, "cmk");
    const k1again = { ...vaultKey(first, "cmk"), properties: { kty: "EC" } };
    const inv = new Inventory(makeSnapshot({ subscriptions: [{ collections: { keyVaults: [first], managedHsms: [hsm1], vaultKeys: [stray, k1, k1again] } }, { subscriptionId: SUB2, collections: { keyVaults: [second], managedHsms: [hsm2] } }] }));
    expect(resolveKeyUri(inv, "https://kv-dup.vault.azure.net/keys/cmk")).toEqual({ kind: "vault", resource: first, keyName: "cmk", key: k1 });
    expect(resolveKeyUri(inv, "https://hsm-dup.managedhsm.azure.net/keys/k")?.resource).toBe(hsm1);
    // The index is kept per inventory: a second lookup answers the same.
    expect(resolveKeyUri(inv, "https://kv-dup.vault.azure.net/keys/cmk")?.key).toBe(k1);
  });
});
