/**
 * The helpers the rules share (src/engine/helpers.ts), on ARM payload shapes: property access as ARM
 * spells it (any casing, booleans as strings), region checks against the profile, key URIs resolved
 * to the tenant's vaults and managed HSMs (and what that lookup depends on), and every
 * customer-managed-key reference the data stores carry.
 */
import { describe, expect, it } from "vitest";
import {
  allowedList,
  arr,
  attestedEvidence,
  bool,
  defaultConfig,
  eqi,
  GEO_BACKUP_PART,
  hostOf,
  Inventory,
  KEY_REFERENCE_COLLECTIONS,
  keyReferences,
  locationVerdict,
  nameOf,
  prop,
  regionAllowed,
  resolveKeyUri,
  str,
} from "../../src/index.js";
import type { KeyReference } from "../../src/index.js";
import { cognitiveAccount, cognitiveCustomerKey, cosmosAccount, flexibleServer, recoveryServicesVault } from "../fixtures/encryption.js";
import { diskEncryptionSet } from "../fixtures/disks.js";
import { armId, makeSnapshot, SUB2 } from "../fixtures/snapshot.js";
import { keyVaultProtector, managedInstance, managedInstanceProtector, serviceManagedProtector, sqlServer } from "../fixtures/sql-encryption.js";
import { storageAccount } from "../fixtures/storage.js";
import { keyVault, managedHsm, vaultKey } from "../fixtures/vaults.js";

describe("property access", () => {
  // Shapes from GET .../storageAccounts (Microsoft.Storage 2025-06-01), where ARM spells keyvaulturi in lower case.
  const account = {
    id: armId("Microsoft.Storage/storageAccounts", "stdata"),
    properties: { encryption: { keySource: "Microsoft.Keyvault", keyvaultproperties: { keyvaulturi: "https://kv.vault.azure.net/", keyname: "cmk" } }, isHnsEnabled: "True", allowBlobPublicAccess: "FALSE", supportsHttpsTrafficOnly: true, networkAcls: { ipRules: [{ value: "192.0.2.0/24" }] }, minimumTlsVersion: null },
  };

  it("prop reads a path, in any casing of a step", () => {
    expect(prop(account, "properties.encryption.keySource")).toBe("Microsoft.Keyvault");
    expect(prop(account, "properties.encryption.keyVaultProperties.keyVaultUri")).toBe("https://kv.vault.azure.net/");
    expect(prop(account, "Properties.Encryption.KeySource")).toBe("Microsoft.Keyvault");
  });

  it("prop is undefined past a missing, null or primitive step, and never throws", () => {
    expect(prop(account, "properties.encryption.services.blob")).toBeUndefined();
    expect(prop(account, "properties.minimumTlsVersion.value")).toBeUndefined();
    expect(prop(account, "properties.supportsHttpsTrafficOnly.value")).toBeUndefined();
    expect(prop(account, "properties.minimumTlsVersion")).toBeNull();
    expect(prop(null, "properties")).toBeUndefined();
    expect(prop("properties", "length")).toBeUndefined();
  });

  it("a property that exists with the value undefined is not looked up in another casing", () => {
    expect(prop({ keySource: undefined, KeySource: "Microsoft.Storage" }, "keySource")).toBeUndefined();
  });

  it("str, bool and arr keep only values of their type", () => {
    expect(str(account, "properties.encryption.keyvaultproperties.keyname")).toBe("cmk");
    expect(str(account, "properties.supportsHttpsTrafficOnly")).toBeUndefined();
    expect(bool(account, "properties.supportsHttpsTrafficOnly")).toBe(true);
    expect(bool(account, "properties.isHnsEnabled")).toBe(true);
    expect(bool(account, "properties.allowBlobPublicAccess")).toBe(false);
    expect(bool({ p: "yes" }, "p")).toBeUndefined();
    expect(bool({ p: "true " }, "p")).toBeUndefined();
    expect(bool({ p: "nottrue" }, "p")).toBeUndefined();
    expect(bool({ p: 1 }, "p")).toBeUndefined();
    expect(arr(account, "properties.networkAcls.ipRules")).toEqual([{ value: "192.0.2.0/24" }]);
    expect(arr(account, "properties.networkAcls")).toEqual([]);
    expect(arr(account, "properties.networkAcls.virtualNetworkRules")).toEqual([]);
  });

  it("eqi compares strings case-insensitively; anything else never equals", () => {
    expect(eqi("AzureKeyVault", "azurekeyvault")).toBe(true);
    expect(eqi("ServiceManaged", "AzureKeyVault")).toBe(false);
    expect(eqi(undefined, "")).toBe(false);
    expect(eqi(["AzureKeyVault"], "AzureKeyVault")).toBe(false);
  });

  it("nameOf: the payload's name, else the id's last segment", () => {
    expect(nameOf({ id: armId("Microsoft.Storage/storageAccounts", "stid"), name: "stname" })).toBe("stname");
    expect(nameOf({ id: armId("Microsoft.Storage/storageAccounts", "stid"), name: "" })).toBe("stid");
    expect(nameOf({ id: armId("Microsoft.Storage/storageAccounts", "stid"), name: 7 })).toBe("stid");
    expect(nameOf({ id: `${armId("Microsoft.Storage/storageAccounts", "stid")}/` })).toBe("stid");
    expect(nameOf({ id: "" })).toBe("");
  });

  it("hostOf: the lower-cased host of a URL, undefined for anything else", () => {
    expect(hostOf("https://KV-Drift.vault.azure.net/keys/cmk/1")).toBe("kv-drift.vault.azure.net");
    expect(hostOf("https://KV-Drift.vault.azure.net/keys/cmk/1")).toBe("kv-drift.vault.azure.net");
    expect(hostOf("kv-drift.vault.azure.net")).toBeUndefined();
    expect(hostOf("kv-drift.vault.azure.net")).toBeUndefined();
    expect(hostOf("")).toBeUndefined();
    expect(hostOf(null)).toBeUndefined();
    expect(hostOf(42 as never)).toBeUndefined();
  });
});

describe("regions against the profile", () => {
  const config = defaultConfig();
  const inv = new Inventory(makeSnapshot());

  it("regionAllowed normalises names and display names", () => {
    expect(regionAllowed(config, "swedencentral")).toBe(true);
    expect(regionAllowed(config, "Sweden South")).toBe(true);
    expect(regionAllowed(config, "westeurope")).toBe(false);
    expect(regionAllowed(config, "")).toBe(false);
    expect(regionAllowed(config, null)).toBe(false);
    expect(regionAllowed({ ...config, profile: { ...config.profile, allowedRegions: ["Sweden Central"] } }, "swedencentral")).toBe(true);
  });

  it("locationVerdict: allowed, a known region not allowed, or a location nobody knows", () => {
    expect(locationVerdict(inv, config, "Sweden Central")).toBe("allowed");
    expect(locationVerdict(inv, config, "northeurope")).toBe("notAllowed");
    expect(locationVerdict(inv, config, "marsnorth")).toBe("unknownLocation");
  });

  it("allowedList joins the profile's regions for messages", () => {
    expect(allowedList(config)).toBe("swedencentral, swedensouth");
  });
});

describe("resolveKeyUri", () => {
  const vault = keyVault("kv-drift");
  const key = vaultKey(vault, "cmk");
  const hsm = managedHsm("hsm-drift");
  // A second vault on the same host (a restored copy in another subscription): the first listed wins.
  const twin = keyVault("kv-drift", {}, "rg-keys", SUB2);
  const snap = makeSnapshot({
    subscriptions: [
      { collections: { keyVaults: [vault], managedHsms: [hsm], vaultKeys: [key] } },
      { subscriptionId: SUB2, collections: { keyVaults: [twin], managedHsms: [], vaultKeys: [vaultKey(twin, "cmk")] } },
    ],
  });
  const inv = new Inventory(snap);
  const resolve = (...args: Parameters<typeof resolveKeyUri> extends [unknown, ...infer R] ? R : never) => {
    const { value, deps } = inv.track(() => resolveKeyUri(inv, ...args));
    return { value, deps: deps.map((d) => `${d.collection} ${d.scope}`) };
  };

  it("the fixtures carry the hosts resolved below", () => {
    expect(str(vault, "properties.vaultUri")).toBe("https://kv-drift.vault.azure.net/");
    expect(str(hsm, "properties.hsmUri")).toBe("https://hsm-drift.managedhsm.azure.net/");
  });

  it("a versioned key URI: the vault, the key's name and its listed payload; depends on both", () => {
    const r = resolve("https://KV-DRIFT.vault.azure.net/keys/CMK/7c9b1f0e2d3a4b5c8d6e9f01a2b3c4d5");
    expect(r.value).toEqual({ kind: "vault", resource: vault, keyName: "CMK", key });
    expect(r.deps).toEqual([`keyVaults ${vault.id}`, `vaultKeys ${key.id}`]);
  });

  it("a vault URI and a key name given apart (storage's keyvaulturi and keyname)", () => {
    const r = resolve("https://kv-drift.vault.azure.net/", "cmk");
    expect(r.value).toEqual({ kind: "vault", resource: vault, keyName: "cmk", key });
  });

  it("a key the vault does not list depends on the vault's key list at that key", () => {
    const r = resolve("https://kv-drift.vault.azure.net/keys/retired");
    expect(r.value).toEqual({ kind: "vault", resource: vault, keyName: "retired" });
    expect(r.deps).toEqual([`keyVaults ${vault.id}`, `vaultKeys ${vault.id}/keys/retired`]);
  });

  it("with key: false the key's payload is neither looked up nor depended on", () => {
    const r = resolve("https://kv-drift.vault.azure.net/keys/cmk", undefined, { key: false });
    expect(r.value).toEqual({ kind: "vault", resource: vault, keyName: "cmk" });
    expect(r.deps).toEqual([`keyVaults ${vault.id}`]);
  });

  it("a vault URI without a key path names no key", () => {
    const r = resolve("https://kv-drift.vault.azure.net/secrets/cmk");
    expect(r.value).toEqual({ kind: "vault", resource: vault });
    expect(r.deps).toEqual([`keyVaults ${vault.id}`]);
    expect(resolve("https://kv-drift.vault.azure.net/keys").value).toEqual({ kind: "vault", resource: vault });
  });

  it("a managed HSM's key URI", () => {
    const r = resolve("https://hsm-drift.managedhsm.azure.net/keys/pg-cmk/0123");
    expect(r.value).toEqual({ kind: "managedHsm", resource: hsm, keyName: "pg-cmk" });
    expect(r.deps).toEqual([`managedHsms ${hsm.id}`]);
    expect(resolve("https://hsm-drift.managedhsm.azure.net/").value).toEqual({ kind: "managedHsm", resource: hsm });
  });

  it("a host no vault or HSM read has searched every subscription's vaults and HSMs", () => {
    const r = resolve("https://kv-elsewhere.vault.azure.net/keys/cmk");
    expect(r.value).toBeUndefined();
    expect(r.deps).toEqual(["keyVaults /", "managedHsms /"]);
  });

  it("no URI, or one that does not parse, resolves to nothing and depends on nothing", () => {
    expect(resolve(undefined)).toEqual({ value: undefined, deps: [] });
    expect(resolve("")).toEqual({ value: undefined, deps: [] });
    expect(resolve("kv-drift.vault.azure.net/keys/cmk")).toEqual({ value: undefined, deps: [] });
  });

  it("vaults or HSMs without a URI are left out of the index", () => {
    const noUri = keyVault("kv-nouri", { properties: { vaultUri: undefined } });
    const hsmNoUri = managedHsm("hsm-nouri", { properties: { hsmUri: undefined } });
    const strayKey = { id: `${noUri.id}/secrets/s1`, name: "s1", type: "Microsoft.KeyVault/vaults/keys" };
    const inv2 = new Inventory(makeSnapshot({ subscriptions: [{ collections: { keyVaults: [noUri, vault], managedHsms: [hsmNoUri, hsm], vaultKeys: [strayKey, key] } }] }));
    expect(resolveKeyUri(inv2, "https://kv-drift.vault.azure.net/keys/cmk")).toEqual({ kind: "vault", resource: vault, keyName: "cmk", key });
    expect(resolveKeyUri(inv2, "https://hsm-drift.managedhsm.azure.net/keys/k")?.resource).toBe(hsm);
  });

  it("the index is built outside the verdict: building it records nothing of its own", () => {
    const inv2 = new Inventory(snap);
    const { deps } = inv2.track(() => resolveKeyUri(inv2, "https://kv-drift.vault.azure.net/keys/cmk", undefined, { key: false }));
    expect(deps).toEqual([{ collection: "keyVaults", scope: vault.id }]);
  });

  it("a key listed under its vault's name in another casing is found (the index is lower-cased)", () => {
    const upper = { ...key, id: key.id.replace("/vaults/kv-drift/", "/vaults/KV-DRIFT/"), name: "CMK" };
    const inv2 = new Inventory(makeSnapshot({ subscriptions: [{ collections: { keyVaults: [vault], vaultKeys: [upper] } }] }));
    expect(resolveKeyUri(inv2, "https://kv-drift.vault.azure.net/keys/cmk")?.key).toBe(upper);
  });
});

describe("keyReferences", () => {
  const KV = "https://kv-data.vault.azure.net";
  const storage = storageAccount("stcmk", { properties: { encryption: { keySource: "Microsoft.Keyvault", keyvaultproperties: { keyvaulturi: `${KV}/`, keyname: "st-cmk", keyversion: "" } } } });
  const storagePlatform = storageAccount("stplatform");
  const server = sqlServer("sql-data");
  const protector = keyVaultProtector(server, `${KV}/keys/tde-key/4c3b1f0d9e8a4b7c9d2e1f0a3b4c5d6e`);
  const server2 = sqlServer("sql-platform");
  const platformProtector = serviceManagedProtector(server2);
  const mi = managedInstance("mi-data");
  const miProtector = managedInstanceProtector(mi, `${KV}/keys/mi-key/7e1d2c3b4a5f`);
  const cosmos = cosmosAccount("cosmos-data", { properties: { keyVaultKeyUri: `${KV}/keys/cosmos-cmk` } });
  const cosmosPlatform = cosmosAccount("cosmos-platform");
  const des = diskEncryptionSet("des-data", `${KV}/keys/disk-cmk/9b2c4e6f8a0b4c1d8e3f5a7b9c0d2e4f`);
  const ai = cognitiveAccount("oai-data", cognitiveCustomerKey(`${KV}/`, "ai-cmk"));
  const aiPlatform = cognitiveAccount("oai-platform");
  const pg = flexibleServer("postgres", "pg-data", `${KV}/keys/pg-cmk/1`);
  (pg.properties as { dataEncryption: Record<string, unknown> }).dataEncryption.geoBackupKeyURI = "https://kv-pair.vault.azure.net/keys/pg-geo/2";
  const mysql = flexibleServer("mysql", "mysql-data", `${KV}/keys/my-cmk/3`);
  const rsv = recoveryServicesVault("rsv-data", `${KV}/keys/rsv-cmk/4`);
  const blank = cosmosAccount("cosmos-blank", { properties: { keyVaultKeyUri: "  " } });
  const snap = makeSnapshot({
    subscriptions: [
      {
        collections: {
          storageAccounts: [storagePlatform, storage],
          sqlEncryptionProtectors: [platformProtector, protector],
          sqlManagedInstanceEncryptionProtectors: [miProtector],
          cosmosDbAccounts: [cosmosPlatform, cosmos, blank],
          diskEncryptionSets: [des],
          cognitiveAccounts: [aiPlatform, ai],
          postgresFlexibleServers: [pg],
          mysqlFlexibleServers: [mysql],
          recoveryServicesVaults: [rsv],
        },
      },
    ],
  });

  const refs = keyReferences(new Inventory(snap));
  const row = (r: KeyReference) => `${r.collection} ${nameOf({ id: r.dataStoreId })} ${r.path} ${r.uri}${r.keyName ? ` key=${r.keyName}` : ""}${r.part ? ` part=${r.part}` : ""}`;

  it("one reference per customer key, each with its holder, store, path, URI, key name and part", () => {
    expect(refs.map(row)).toEqual([
      `storageAccounts stcmk properties.encryption.keyvaultproperties.keyvaulturi ${KV}/ key=st-cmk`,
      `sqlEncryptionProtectors sql-data properties.uri ${KV}/keys/tde-key/4c3b1f0d9e8a4b7c9d2e1f0a3b4c5d6e`,
      `sqlManagedInstanceEncryptionProtectors mi-data properties.uri ${KV}/keys/mi-key/7e1d2c3b4a5f`,
      `cosmosDbAccounts cosmos-data properties.keyVaultKeyUri ${KV}/keys/cosmos-cmk`,
      `diskEncryptionSets des-data properties.activeKey.keyUrl ${KV}/keys/disk-cmk/9b2c4e6f8a0b4c1d8e3f5a7b9c0d2e4f`,
      `cognitiveAccounts oai-data properties.encryption.keyVaultProperties.keyVaultUri ${KV}/ key=ai-cmk`,
      `postgresFlexibleServers pg-data properties.dataEncryption.primaryKeyURI ${KV}/keys/pg-cmk/1`,
      `postgresFlexibleServers pg-data properties.dataEncryption.geoBackupKeyURI https://kv-pair.vault.azure.net/keys/pg-geo/2 part=${GEO_BACKUP_PART}`,
      `mysqlFlexibleServers mysql-data properties.dataEncryption.primaryKeyURI ${KV}/keys/my-cmk/3`,
      `recoveryServicesVaults rsv-data properties.encryption.keyVaultProperties.keyUri ${KV}/keys/rsv-cmk/4`,
    ]);
  });

  it("a SQL protector is judged as its server (the store), held by the protector", () => {
    const sql = refs.find((r) => r.collection === "sqlEncryptionProtectors");
    expect(sql?.holder).toBe(protector);
    expect(sql?.dataStoreId).toBe(server.id);
    expect(refs.find((r) => r.collection === "sqlManagedInstanceEncryptionProtectors")?.dataStoreId).toBe(mi.id);
    const st = refs.find((r) => r.collection === "storageAccounts");
    expect(st?.holder).toBe(storage);
    expect(st?.dataStoreId).toBe(storage.id);
    expect(GEO_BACKUP_PART).toBe("geo-backup");
  });

  it("only the collections named in KEY_REFERENCE_COLLECTIONS are read", () => {
    expect([...new Set(refs.map((r) => r.collection))].every((c) => (KEY_REFERENCE_COLLECTIONS as readonly string[]).includes(c))).toBe(true);
    expect(KEY_REFERENCE_COLLECTIONS).toHaveLength(9);
  });

  it("a key name that is not a non-empty string is left out; a non-string URI is no reference", () => {
    const odd = storageAccount("stodd", { properties: { encryption: { keySource: "Microsoft.Keyvault", keyvaultproperties: { keyvaulturi: `${KV}/`, keyname: "" } } } });
    const num = cosmosAccount("cosmos-num", { properties: { keyVaultKeyUri: 42 } });
    const got = keyReferences(new Inventory(makeSnapshot({ subscriptions: [{ collections: { storageAccounts: [odd], cosmosDbAccounts: [num] } }] })));
    expect(got).toEqual([{ holder: odd, dataStoreId: odd.id, collection: "storageAccounts", path: "properties.encryption.keyvaultproperties.keyvaulturi", uri: `${KV}/` }]);
  });

  it("a SQL protector of type AzureKeyVault in other casing counts; a managed-instance service-managed one does not", () => {
    const lower = keyVaultProtector(server, `${KV}/keys/tde-key/1`, { properties: { serverKeyType: "azurekeyvault" } });
    const miPlatform = managedInstanceProtector(managedInstance("mi-platform"));
    const got = keyReferences(new Inventory(makeSnapshot({ subscriptions: [{ collections: { sqlEncryptionProtectors: [lower], sqlManagedInstanceEncryptionProtectors: [miPlatform] } }] })));
    expect(got.map((r) => r.collection)).toEqual(["sqlEncryptionProtectors"]);
  });

  it("none in a tenant without customer keys", () => {
    expect(keyReferences(new Inventory(makeSnapshot({ subscriptions: [{ collections: { storageAccounts: [storagePlatform], cognitiveAccounts: [aiPlatform] } }] })))).toEqual([]);
  });
});

describe("attestedEvidence", () => {
  it("names the configuration key and field, who attested it, when and where it was read", () => {
    const a = { attestedBy: "Anna Berg, IT-säkerhet", attestedOn: "2026-10-01", source: "Microsoft 365 admin center > Settings > Org settings > Data location" };
    expect(attestedEvidence("m365DefaultGeo", "geo", a as never, "SWE", "an allowed geo: SWE")).toEqual({
      path: "attestations.m365DefaultGeo.geo",
      actual: "SWE",
      expected: "an allowed geo: SWE",
      kind: "attested",
      attestation: { key: "m365DefaultGeo", attestedBy: "Anna Berg, IT-säkerhet", attestedOn: "2026-10-01", source: "Microsoft 365 admin center > Settings > Org settings > Data location" },
    });
  });
});

