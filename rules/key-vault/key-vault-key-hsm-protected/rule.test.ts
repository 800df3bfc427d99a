import rule from "./rule.js";
import { hsmKey, keyVault, managedHsm, vaultKey } from "../../../tests/fixtures/vaults.js";
import { flexibleServer } from "../../../tests/fixtures/encryption.js";
import { dataStore, level, sqlServer } from "../../../tests/fixtures/classification.js";
import { storageAccount } from "../../../tests/fixtures/storage.js";
import { type ArmResource, failure, makeSnapshot, merge, SUB, SUB2 } from "../../../tests/fixtures/snapshot.js";
import { ruleTester } from "../../../tests/helpers/rule-tester.js";
import { describe, expect, it } from "vitest";
import { findingsOf, failedInSub2, forbidden, lines, verdict } from "../../../tests/fixtures/coverage.js";
import { defaultConfig, runRules } from "../../../src/index.js";

const LEVEL2 = { en: "level 2 or above", sv: "nivå 2 eller högre" };
const HSM_TYPES = ["RSA-HSM", "EC-HSM"];
const kv = keyVault("kv-exk");
const kvStd = keyVault("kv-std", { properties: { sku: { family: "A", name: "standard" } } });
const hsm = managedHsm("hsm-exk");

/** A storage account encrypting with `keyname` in the vault at `vaultUri`. */
const cmkAccount = (name: string, vaultUri: string, keyname: string, tags: Record<string, string> = {}) =>
  storageAccount(name, { tags, properties: { encryption: { keySource: "Microsoft.Keyvault", keyvaultproperties: { keyvaulturi: vaultUri, keyname, keyversion: "" } } } });

/** `GET .../servers/{s}/encryptionProtector` item pointing at a vault key. */
const protector = (server: ArmResource, uri: string): ArmResource => ({
  id: `${server.id}/encryptionProtector/current`,
  name: "current",
  type: "Microsoft.Sql/servers/encryptionProtector",
  kind: "azurekeyvault",
  properties: { serverKeyName: "kv-exk_cmk-sql_5b1f0c2d3e4f40718293a4b5c6d7e8f9", serverKeyType: "AzureKeyVault", uri, thumbprint: "6A5C1E9F0B2D4C8E7A3F", autoRotationEnabled: true },
});

const snap = (collections: Record<string, ArmResource[]>, extra: Parameters<typeof makeSnapshot>[0] = {}) =>
  makeSnapshot({ subscriptions: [{ collections: { keyVaults: [kv, kvStd], managedHsms: [hsm], vaultKeys: [], ...collections } }], ...extra });

// SUB read completely: an account keyed in kv-exk with an RSA-HSM key.
const sacmk = cmkAccount("sacmk", "https://kv-exk.vault.azure.net", "cmk-storage");
const cmkStorageKey = vaultKey(kv, "cmk-storage");
const readSub = { keyVaults: [kv], managedHsms: [], vaultKeys: [cmkStorageKey], storageAccounts: [sacmk] };
const vaultsForbiddenInSub2 = failedInSub2({ read: readSub, failed: ["keyVaults"], sub2: { managedHsms: [], storageAccounts: [] }, unseen: [keyVault("kv-arende2", {}, "rg-keys", SUB2)] });
// SUB2's storage list forbidden (its vault lists read, empty): which keys its accounts use is unknown.
const sa2 = (name: string) => storageAccount(name, { properties: { encryption: { keySource: "Microsoft.Keyvault", keyvaultproperties: { keyvaulturi: "https://kv-exk.vault.azure.net", keyname: "cmk-arende", keyversion: "" } } } }, "rg-app", SUB2);
const sub2 = { keyVaults: [], managedHsms: [], vaultKeys: [] };
const storageNamedInSub2 = failedInSub2({ read: readSub, failed: ["storageAccounts"], sub2, unseen: [sa2("sa-arende2"), sa2("sa-skola2")] });
const storageEmptyInSub2 = failedInSub2({ read: readSub, failed: ["storageAccounts"], sub2, unseen: [] });
const storageGenericFailedInSub2 = failedInSub2({ read: readSub, failed: ["storageAccounts"], sub2, unseen: "failed" });

ruleTester(rule, {
  valid: [
    {
      name: "RSA-HSM key used by an unclassified (level 2) storage account",
      snapshot: snap({ storageAccounts: [cmkAccount("sacmk", "https://kv-exk.vault.azure.net", "cmk-storage")], vaultKeys: [vaultKey(kv, "cmk-storage")] }),
      results: [
        {
          status: "pass",
          messageId: "hsmKey",
          resource: "kv-exk/keys/cmk-storage",
          severity: "medium",
          type: "Microsoft.KeyVault/vaults/keys",
          location: "swedencentral",
          message: "cmk-storage in kv-exk is an HSM-protected RSA-HSM key.",
          evidence: [
            { path: "properties.kty", actual: "RSA-HSM", expected: HSM_TYPES },
            { path: "vault.properties.sku.name", actual: "premium", expected: "premium" },
            { path: "customerKeyFor", actual: [{ dataStore: cmkAccount("sacmk", "https://kv-exk.vault.azure.net", "cmk-storage").id, level: "2" }], expected: LEVEL2 },
          ],
        },
      ],
    },
    {
      name: "EC-HSM in lower case, vault host and key name in other casing",
      snapshot: snap({ storageAccounts: [cmkAccount("sacase", "https://KV-EXK.vault.azure.net/", "CMK-Storage")], vaultKeys: [vaultKey(kv, "cmk-storage", { properties: { kty: "ec-hsm", keySize: undefined, curveName: "P-384" } })] }),
      results: [{ status: "pass", messageId: "hsmKey", resource: "cmk-storage" }],
    },
    {
      name: "Cosmos DB key in a managed HSM (no ARM key item)",
      snapshot: snap({ cosmosDbAccounts: [merge(dataStore("cosmosDbAccounts", "cosmos-exk", level("3")), { properties: { keyVaultKeyUri: "https://hsm-exk.managedhsm.azure.net/keys/cmk-cosmos" } })] }),
      results: [
        {
          status: "pass",
          messageId: "managedHsmKey",
          resource: "managedHSMs/hsm-exk/keys/cmk-cosmos",
          type: "Microsoft.KeyVault/managedHSMs/keys",
          message: "cmk-cosmos is held in the managed HSM hsm-exk, so it never leaves hardware.",
          evidence: [
            { path: "managedHsm.properties.hsmUri", actual: "https://hsm-exk.managedhsm.azure.net/", expected: { en: "a managed HSM or an RSA-HSM/EC-HSM key", sv: "en Managed HSM eller en RSA-HSM/EC-HSM-nyckel" } },
            { path: "customerKeyFor", actual: [{ dataStore: dataStore("cosmosDbAccounts", "cosmos-exk").id, level: "3" }], expected: LEVEL2 },
          ],
        },
      ],
    },
    {
      name: "software key used only for public (level 0) data does not apply",
      snapshot: snap({ storageAccounts: [cmkAccount("sapublic", "https://kv-exk.vault.azure.net", "cmk-public", level("0"))], vaultKeys: [vaultKey(kv, "cmk-public", { properties: { kty: "RSA" } })] }),
      results: [],
    },
    {
      name: "software keys nobody uses as a customer key do not apply",
      snapshot: snap({ vaultKeys: [vaultKey(kv, "signing", { properties: { kty: "RSA" } }), vaultKey(kvStd, "app-key", { properties: { kty: "EC" } })] }),
      results: [],
    },
    { name: "empty tenant", snapshot: makeSnapshot(), results: [] },
    {
      // The vault is in no subscription Hemvist read (another tenant's, or one out of scope): ENC-07 names it, KEY-02 has no key to judge.
      name: "a key in a vault outside the inventory does not apply",
      snapshot: snap({ storageAccounts: [cmkAccount("saexternal", "https://kv-partner.vault.azure.net", "cmk-partner")] }),
      results: [],
    },
    {
      name: "option minimumLevel 3: a software key protecting level 2 data does not apply",
      snapshot: snap({ storageAccounts: [cmkAccount("sadefault", "https://kv-exk.vault.azure.net", "cmk-l2")], vaultKeys: [vaultKey(kv, "cmk-l2", { properties: { kty: "RSA" } })] }),
      config: (c) => {
        c.ruleOptions["KEY-02"] = { minimumLevel: 3 };
      },
      results: [],
    },
  ],
  invalid: [
    {
      name: "software RSA key in a premium vault for level 3 SQL data",
      snapshot: snap({
        sqlServers: [sqlServer("sql-exk", { tags: level("3") })],
        sqlEncryptionProtectors: [protector(sqlServer("sql-exk"), "https://kv-exk.vault.azure.net/keys/cmk-sql/5b1f0c2d3e4f40718293a4b5c6d7e8f9")],
        vaultKeys: [vaultKey(kv, "cmk-sql", { properties: { kty: "RSA", keySize: 2048 } })],
      }),
      results: [
        {
          status: "fail",
          messageId: "softwareKey",
          resource: "kv-exk/keys/cmk-sql",
          severity: "medium",
          message: "cmk-sql in kv-exk is a software-protected RSA key although it protects level 3 data (sql-exk).",
        },
      ],
    },
    {
      name: "software key in a standard vault",
      snapshot: snap({ storageAccounts: [cmkAccount("sastd", "https://kv-std.vault.azure.net", "cmk")], vaultKeys: [vaultKey(kvStd, "cmk", { properties: { kty: "RSA" } })] }),
      results: [
        {
          status: "fail",
          messageId: "softwareKeyStandardVault",
          resource: "kv-std/keys/cmk",
          message: "cmk in kv-std is a software-protected RSA key protecting level 2 data (sastd), and the vault's standard SKU cannot hold HSM keys.",
          evidence: [
            { path: "properties.kty", actual: "RSA", expected: HSM_TYPES },
            { path: "vault.properties.sku.name", actual: "standard", expected: "premium" },
            { path: "customerKeyFor", actual: [{ dataStore: storageAccount("sastd").id, level: "2" }], expected: LEVEL2 },
          ],
        },
      ],
    },
    {
      name: "option minimumLevel 1: a software key protecting level 1 data fails",
      snapshot: snap({ storageAccounts: [cmkAccount("sainternal", "https://kv-exk.vault.azure.net", "cmk-l1", level("1"))], vaultKeys: [vaultKey(kv, "cmk-l1", { properties: { kty: "RSA" } })] }),
      config: (c) => {
        c.ruleOptions["KEY-02"] = { minimumLevel: 1 };
      },
      results: [{ status: "fail", messageId: "softwareKey", resource: "kv-exk/keys/cmk-l1" }],
    },
    {
      name: "one key shared by a level 1 and a level 3 store gives one result",
      snapshot: snap({
        storageAccounts: [cmkAccount("sainternal", "https://kv-exk.vault.azure.net", "shared", level("1")), cmkAccount("sasecret", "https://kv-exk.vault.azure.net", "shared", level("3"))],
        vaultKeys: [vaultKey(kv, "shared", { properties: { kty: "RSA" } }), vaultKey(kv, "other")],
      }),
      results: [
        {
          status: "fail",
          messageId: "softwareKey",
          resource: "kv-exk/keys/shared",
          message: "shared in kv-exk is a software-protected RSA key although it protects level 3 data (sasecret).",
        },
      ],
    },
    {
      name: "one key shared by a level 3 and a level 2 store: the highest level, both stores named once",
      snapshot: snap({
        storageAccounts: [cmkAccount("sasecret", "https://kv-exk.vault.azure.net", "shared", level("3")), cmkAccount("saplain", "https://kv-exk.vault.azure.net", "shared", level("2"))],
        vaultKeys: [vaultKey(kv, "shared", { properties: { kty: "RSA" } })],
      }),
      results: [
        {
          status: "fail",
          messageId: "softwareKey",
          resource: "kv-exk/keys/shared",
          message: "shared in kv-exk is a software-protected RSA key although it protects level 3 data (sasecret, saplain).",
          evidence: [
            { path: "properties.kty", actual: "RSA", expected: HSM_TYPES },
            { path: "vault.properties.sku.name", actual: "premium", expected: "premium" },
            {
              path: "customerKeyFor",
              actual: [
                { dataStore: cmkAccount("sasecret", "https://kv-exk.vault.azure.net", "shared").id, level: "3" },
                { dataStore: cmkAccount("saplain", "https://kv-exk.vault.azure.net", "shared").id, level: "2" },
              ],
              expected: LEVEL2,
            },
          ],
        },
      ],
    },
  ],
  notAssessed: [
    {
      name: "the storage list cut short after the account that uses the key was read",
      snapshot: snap({ storageAccounts: [cmkAccount("sacmk", "https://kv-exk.vault.azure.net", "cmk-storage")], vaultKeys: [vaultKey(kv, "cmk-storage")] }, { coverage: [failure("storageAccounts", `/subscriptions/${SUB}`, { httpStatus: 429, code: "TooManyRequests" })] }),
      results: [{ status: "not-assessed", resource: "kv-exk/keys/cmk-storage" }],
    },
    {
      name: "the vault's key list was forbidden",
      snapshot: snap(
        { storageAccounts: [cmkAccount("sacmk", "https://kv-exk.vault.azure.net", "cmk-storage")] },
        { coverage: [failure("vaultKeys", kv.id, { operation: "GET .../vaults/kv-exk/keys", permission: "Microsoft.KeyVault/vaults/keys/read" })] },
      ),
      results: [{ status: "not-assessed", messageId: "__notAssessed", resource: "kv-exk/keys/cmk-storage" }],
    },
    {
      name: "referenced key missing from a vault that was listed",
      snapshot: snap({ storageAccounts: [cmkAccount("sagone", "https://kv-exk.vault.azure.net", "deleted-key")], vaultKeys: [vaultKey(kv, "cmk-storage")] }),
      results: [{ status: "not-assessed", resource: "kv-exk/keys/deleted-key" }],
    },
    {
      name: "vault list forbidden in another subscription: the key read keeps its verdict, that subscription gets one result",
      snapshot: vaultsForbiddenInSub2,
      results: [
        { status: "pass", messageId: "hsmKey", resource: "cmk-storage" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2, severity: "medium" },
      ],
    },
    {
      name: "storage list forbidden in SUB2 whose generic list shows accounts: keys never show there, so one result on SUB2",
      snapshot: storageNamedInSub2,
      results: [
        { status: "pass", messageId: "hsmKey", resource: "cmk-storage" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2, severity: "medium" },
      ],
    },
    {
      name: "storage list forbidden in SUB2 whose generic list shows no account: still one result on SUB2",
      snapshot: storageEmptyInSub2,
      results: [
        { status: "pass", messageId: "hsmKey", resource: "cmk-storage" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
      ],
    },
    {
      name: "storage list and generic list forbidden in SUB2: one result on SUB2",
      snapshot: storageGenericFailedInSub2,
      results: [
        { status: "pass", messageId: "hsmKey", resource: "cmk-storage" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
      ],
    },
  ],
  missingProperty: [
    {
      name: "kty absent cannot show HSM protection",
      snapshot: snap({ storageAccounts: [cmkAccount("sacmk", "https://kv-exk.vault.azure.net", "cmk-storage")], vaultKeys: [vaultKey(kv, "cmk-storage", { properties: { kty: undefined } })] }),
      results: [
        {
          status: "fail",
          messageId: "keyTypeMissing",
          resource: "cmk-storage",
          message: "cmk-storage in kv-exk does not state its key type, so HSM protection of level 2 data (sacmk) cannot be shown.",
          evidence: [
            { path: "properties.kty", expected: HSM_TYPES },
            { path: "vault.properties.sku.name", actual: "premium", expected: "premium" },
            { path: "customerKeyFor", actual: [{ dataStore: sacmk.id, level: "2" }], expected: LEVEL2 },
          ],
        },
      ],
    },
    {
      name: "no classification tag: the default level 2 makes the rule apply",
      snapshot: snap({ storageAccounts: [cmkAccount("sauntagged", "https://kv-exk.vault.azure.net", "cmk-untagged")], vaultKeys: [vaultKey(kv, "cmk-untagged", { properties: { kty: "RSA" } })] }),
      results: [{ status: "fail", messageId: "softwareKey", resource: "cmk-untagged" }],
    },
  ],
});

it("KEY-02 names every data store and the vault SKU in the evidence", () => {
  const s = snap({
    storageAccounts: [cmkAccount("sa1", "https://kv-std.vault.azure.net", "cmk", level("2")), cmkAccount("sa2", "https://kv-std.vault.azure.net", "cmk", level("3"))],
    vaultKeys: [vaultKey(kvStd, "cmk", { properties: { kty: "RSA" } })],
  });
  const [f] = runRules(s, [rule], { config: defaultConfig(), now: new Date("2026-11-27T03:00:00Z") }).findings;
  expect(f?.resourceId).toBe(`${kvStd.id}/keys/cmk`);
  expect(f?.message.en).toBe("cmk in kv-std is a software-protected RSA key protecting level 3 data (sa1, sa2), and the vault's standard SKU cannot hold HSM keys.");
  expect(f?.evidence?.find((e) => e.path === "vault.properties.sku.name")).toEqual({ path: "vault.properties.sku.name", actual: "standard", expected: "premium" });
  expect(f?.evidence?.find((e) => e.path === "customerKeyFor")?.actual).toEqual([
    { dataStore: storageAccount("sa1").id, level: "2" },
    { dataStore: storageAccount("sa2").id, level: "3" },
  ]);
});

it("KEY-02 raises the level to the level a custom value map gives", () => {
  const s = snap({ storageAccounts: [cmkAccount("sa1", "https://kv-exk.vault.azure.net", "cmk", { Konfidentialitet: "Hemlig" })], vaultKeys: [vaultKey(kv, "cmk", { properties: { kty: "RSA" } })] });
  const config = defaultConfig();
  config.classification.valueMap = { hemlig: 3, oppen: 0 };
  const [f] = runRules(s, [rule], { config, now: new Date("2026-11-27T03:00:00Z") }).findings;
  expect(f?.message.en).toContain("level 3 data");
  const sPublic = snap({ storageAccounts: [cmkAccount("sa1", "https://kv-exk.vault.azure.net", "cmk", { Konfidentialitet: "OPPEN" })], vaultKeys: [vaultKey(kv, "cmk", { properties: { kty: "RSA" } })] });
  expect(runRules(sPublic, [rule], { config, now: new Date("2026-11-27T03:00:00Z") }).findings).toEqual([]);
});

describe("KEY-02 keys a failed read leaves unjudged", () => {
  const keyPass = verdict("pass", cmkStorageKey.id, "medium", "hsmKey");
  const sub2Scope = `/subscriptions/${SUB2}`;
  it("the vault list forbidden in SUB2: one result on SUB2 (its keys are nowhere listed), the key read keeps its pass", () => {
    expect(lines(findingsOf(rule, vaultsForbiddenInSub2))).toEqual([keyPass, forbidden(sub2Scope, "keyVaults", "medium")].sort());
  });
  it("a storage list forbidden in SUB2: one result on SUB2 whatever its generic list shows", () => {
    const expected = [keyPass, forbidden(sub2Scope, "storageAccounts", "medium")].sort();
    expect(lines(findingsOf(rule, storageNamedInSub2))).toEqual(expected);
    expect(lines(findingsOf(rule, storageEmptyInSub2))).toEqual(expected);
    expect(lines(findingsOf(rule, storageGenericFailedInSub2))).toEqual(expected);
  });
  it("the key list of a vault forbidden: the key is named with that failure, no other result", () => {
    const s = snap({ storageAccounts: [sacmk] }, { coverage: [failure("vaultKeys", kv.id, { operation: "GET .../vaults/kv-exk/keys", permission: "Microsoft.KeyVault/vaults/keys/read" })] });
    expect(lines(findingsOf(rule, s))).toEqual([forbidden(cmkStorageKey.id, "vaultKeys", "medium", { scope: kv.id })]);
  });
});

describe("KEY-02 and what the new reads bring", () => {
  const run = (s: Parameters<typeof runRules>[0]) => runRules(s, [rule], { config: defaultConfig(), now: new Date("2026-11-27T03:00:00Z") }).findings;

  it("a managed HSM key passes although ARM reports its kty as RSA (spec example managedHsmGetKey.json), and its key list's failure does not blind it", () => {
    // The key as ManagedHsmKeys_Get returns it (kty RSA), and a failed key list of the same HSM: KEY-02 reads neither.
    const hsmCmk = hsmKey(hsm, "cmk-sql");
    const s = snap(
      { managedHsmKeys: [hsmCmk], storageAccounts: [cmkAccount("sahsm", "https://hsm-exk.managedhsm.azure.net", "cmk-sql")] },
      { coverage: [failure("managedHsmKeys", hsm.id, { permission: "Microsoft.KeyVault/managedHSMs/keys/read" })] },
    );
    expect(lines(run(s))).toEqual([verdict("pass", hsmCmk.id, "medium", "managedHsmKey")]);
  });

  it("judges a PostgreSQL server's geo-backup key (dataEncryption.geoBackupKeyURI) like its primary key", () => {
    const primary = vaultKey(kv, "cmk-psql");
    const geo = vaultKey(kvStd, "cmk-psql-geo", { properties: { kty: "RSA" } });
    const server = merge(flexibleServer("postgres", "psql-geo", "https://kv-exk.vault.azure.net/keys/cmk-psql/0a1b2c3d4e5f60718293a4b5c6d7e8f9"), {
      properties: { dataEncryption: { geoBackupKeyURI: "https://kv-std.vault.azure.net/keys/cmk-psql-geo/1a2b3c4d5e6f70819203a4b5c6d7e8f9" } },
    });
    const fs = run(snap({ vaultKeys: [primary, geo], postgresFlexibleServers: [server] }));
    expect(lines(fs)).toEqual([verdict("pass", primary.id, "medium", "hsmKey"), verdict("fail", geo.id, "medium", "softwareKeyStandardVault")].sort());
  });
});

describe("KEY-02 what a key's result depends on and says", () => {
  const run = (s: Parameters<typeof runRules>[0]) => runRules(s, [rule], { config: defaultConfig(), now: new Date("2026-11-27T03:00:00Z") }).findings;

  it("a key missing from its vault's key list: not assessed on the key, in the vault's region, naming the key", () => {
    const [f] = run(snap({ storageAccounts: [cmkAccount("sagone", "https://kv-exk.vault.azure.net", "deleted-key")], vaultKeys: [vaultKey(kv, "cmk-storage")] }));
    expect(f?.status).toBe("not-assessed");
    expect(f?.resourceId).toBe(`${kv.id}/keys/deleted-key`);
    expect(f?.resourceType).toBe("Microsoft.KeyVault/vaults/keys");
    expect(f?.location).toBe("swedencentral");
    expect(f?.notAssessed).toEqual({ scope: kv.id, collection: "vaultKeys", code: "KeyNotListed", message: "The key deleted-key is referenced as a customer key but the vault's key list does not contain it." });
  });

  it("the same for a vault in Sweden South: the key's region is its vault's", () => {
    const kvSouth = keyVault("kv-south", { location: "swedensouth" });
    const [f] = run(makeSnapshot({ subscriptions: [{ collections: { keyVaults: [kvSouth], managedHsms: [], vaultKeys: [], storageAccounts: [cmkAccount("sasouth", "https://kv-south.vault.azure.net", "cmk-south")] } }] }));
    expect(f?.location).toBe("swedensouth");
  });

  it("a SQL server's protector list cut short after its protector was read: the key is not assessed", () => {
    // The protectors of other servers could not be read (429 at the subscription): the key's verdict
    // rests on this protector as read, so it shares that failure.
    const server = sqlServer("sql-exk", { tags: level("3") });
    const s = snap(
      { sqlServers: [server], sqlEncryptionProtectors: [protector(server, "https://kv-exk.vault.azure.net/keys/cmk-sql/5b1f0c2d3e4f40718293a4b5c6d7e8f9")], vaultKeys: [vaultKey(kv, "cmk-sql")] },
      { coverage: [failure("sqlEncryptionProtectors", `/subscriptions/${SUB}`, { httpStatus: 429, code: "TooManyRequests" })] },
    );
    expect(lines(run(s))).toEqual([`not-assessed ${kv.id}/keys/cmk-sql medium ← sqlEncryptionProtectors /subscriptions/${SUB} 429 TooManyRequests`]);
  });

  it("a key shared by two stores: an unreadable resource group of the second store blinds the key too", () => {
    const second = storageAccount("sadata", { properties: { encryption: { keySource: "Microsoft.Keyvault", keyvaultproperties: { keyvaulturi: "https://kv-exk.vault.azure.net", keyname: "cmk-storage", keyversion: "" } } } }, "rg-data");
    const s = snap(
      { storageAccounts: [sacmk, second], vaultKeys: [cmkStorageKey] },
      { coverage: [failure("resourceGroups", `/subscriptions/${SUB}/resourceGroups/rg-data`)] },
    );
    expect(lines(run(s))).toEqual([`not-assessed ${cmkStorageKey.id} medium ← resourceGroups /subscriptions/${SUB}/resourceGroups/rg-data 403 AuthorizationFailed`]);
  });

  it("the resource group an untagged store inherits its classification from could not be read: the key is not assessed", () => {
    const s = snap(
      { storageAccounts: [cmkAccount("sacmk", "https://kv-exk.vault.azure.net", "cmk-storage")], vaultKeys: [vaultKey(kv, "cmk-storage")] },
      { coverage: [failure("resourceGroups", `/subscriptions/${SUB}/resourceGroups/rg-app`)] },
    );
    expect(lines(run(s))).toEqual([`not-assessed ${kv.id}/keys/cmk-storage medium ← resourceGroups /subscriptions/${SUB}/resourceGroups/rg-app 403 AuthorizationFailed`]);
  });
});
