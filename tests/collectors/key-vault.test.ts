/** Tests of the key vault collector: vaults, managed HSMs, each vault's key list and a GET of each key (management plane only). */
import nock from "nock";
import { describe, expect, it } from "vitest";
import { keyVaultCollector } from "../../src/collectors/azure/key-vault.js";
import { hsmKey, hsmKeyListItem, managedHsm, vault, vaultKey, vaultKeyListItem } from "./fixtures.js";
import { SUB, SUB_ID, arm, forbidden, harness, requests, throttled, useNock } from "./helpers.js";
import { listCases } from "./list-cases.js";

const VAULTS = `/subscriptions/${SUB}/providers/Microsoft.KeyVault/vaults`;
const HSMS = `/subscriptions/${SUB}/providers/Microsoft.KeyVault/managedHSMs`;
const KV1 = vault("kv-cmk-sc");
const KEYS1 = `${KV1.id}/keys`;
const KEY_GET_OP = "GET /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{v}/keys/{k}";
const HSM1 = managedHsm("hsm-core");
const HSM_KEYS1 = `${HSM1.id}/keys`;
const HSM_KEYS_OP = "GET /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.KeyVault/managedHSMs/{m}/keys";
const HSM_KEYS_PERMISSION = "Microsoft.KeyVault/managedHSMs/keys/read";
const EXP = 1893456000; // 2030-01-01

/** Full (GET) payload of key `key-{i}` in KV1, as the vaultKeys table expects it stored. */
const keyGot = (i: number) => vaultKey(KV1.id, `key-${i}`, { kty: i === 1 ? "RSA-HSM" : "EC-HSM", rotate: i === 1, exp: EXP });

/** Full (GET) payload of managed HSM key `key-{i}` in HSM1. */
const hsmKeyGot = (i: number) => hsmKey(HSM1.id, `key-${i}`, { rotate: i === 1, exp: EXP });

/** Mocks `GET .../keys/{k}` for each full key payload. */
function mockKeyGets(keys: { id: string }[], optional = false): void {
  for (const k of keys) arm().get(k.id).query(true).optionally(optional).reply(200, k);
}

describe("key vault collector", () => {
  useNock();

  listCases({
    path: VAULTS,
    collection: "keyVaults",
    scope: SUB_ID,
    operation: "GET /subscriptions/{s}/providers/Microsoft.KeyVault/vaults",
    permission: "Microsoft.KeyVault/vaults/read",
    namespace: "Microsoft.KeyVault",
    item: (i) => vault(`kv-app-${i}`),
    background() {
      arm().get(HSMS).query(true).reply(200, { value: [HSM1] });
      // Optional: after a 409 for Microsoft.KeyVault the namespace counts as unregistered and keys are not read.
      arm().get(HSM_KEYS1).query(true).optionally().reply(200, { value: [] });
      // Keys of each listed vault (only when the vault list succeeds with items).
      for (const i of [1, 2]) arm().get(`${vault(`kv-app-${i}`).id}/keys`).query(true).optionally().reply(200, { value: [] });
    },
    run: (h) => keyVaultCollector.collect(h.ctx, h.sub),
    result: (h) => h.sub.collections.keyVaults,
    others: (h) => [h.sub.collections.managedHsms],
  });

  listCases({
    path: HSMS,
    collection: "managedHsms",
    scope: SUB_ID,
    operation: "GET /subscriptions/{s}/providers/Microsoft.KeyVault/managedHSMs",
    permission: "Microsoft.KeyVault/managedHSMs/read",
    namespace: "Microsoft.KeyVault",
    item: (i) => managedHsm(`hsm-${i}`),
    background() {
      arm().get(VAULTS).query(true).reply(200, { value: [KV1] });
      // Optional: after a 409 for Microsoft.KeyVault the namespace counts as unregistered and keys are not read.
      arm().get(KEYS1).query(true).optionally().reply(200, { value: [vaultKeyListItem(KV1.id, "cmk-storage")] });
      mockKeyGets([vaultKey(KV1.id, "cmk-storage", { rotate: true })], true);
      // Keys of each listed HSM (only when the HSM list succeeds with items).
      for (const i of [1, 2]) arm().get(`${managedHsm(`hsm-${i}`).id}/keys`).query(true).optionally().reply(200, { value: [] });
    },
    run: (h) => keyVaultCollector.collect(h.ctx, h.sub),
    result: (h) => h.sub.collections.managedHsms,
    others: (h) => [h.sub.collections.keyVaults, h.sub.collections.vaultKeys],
  });

  listCases({
    path: KEYS1,
    collection: "vaultKeys",
    scope: KV1.id,
    operation: "GET /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{v}/keys",
    permission: "Microsoft.KeyVault/vaults/keys/read",
    namespace: "Microsoft.KeyVault",
    // The list carries attributes and keyUri only; each listed key is then read with a GET.
    item: (i) => vaultKeyListItem(KV1.id, `key-${i}`, { exp: EXP }),
    stored: keyGot,
    background() {
      arm().get(VAULTS).query(true).reply(200, { value: [KV1] });
      arm().get(HSMS).query(true).reply(200, { value: [] });
      // Only the cases whose list succeeds read keys (one key or two).
      mockKeyGets([keyGot(1), keyGot(2)], true);
    },
    run: (h) => keyVaultCollector.collect(h.ctx, h.sub),
    // A failed key list leaves `vaultKeys` present but without that vault's keys: read the vault's share.
    result: (h) => {
      const failed = h.snap.coverage.some((c) => c.collection === "vaultKeys" && c.code !== "MissingSubscriptionRegistration");
      return failed ? undefined : h.sub.collections.vaultKeys?.filter((k) => k.id.startsWith(`${KV1.id}/`));
    },
    others: (h) => [h.sub.collections.keyVaults, h.sub.collections.managedHsms],
  });

  listCases({
    path: HSM_KEYS1,
    collection: "managedHsmKeys",
    scope: HSM1.id,
    operation: HSM_KEYS_OP,
    permission: HSM_KEYS_PERMISSION,
    namespace: "Microsoft.KeyVault",
    // ManagedHsmKeys_List carries attributes and keyUri only (managedHsmListKeys.json); each key is then read with a GET.
    item: (i) => hsmKeyListItem(HSM1.id, `key-${i}`, { exp: EXP }),
    stored: hsmKeyGot,
    background() {
      arm().get(VAULTS).query(true).reply(200, { value: [] });
      arm().get(HSMS).query(true).reply(200, { value: [HSM1] });
      mockKeyGets([hsmKeyGot(1), hsmKeyGot(2)], true);
    },
    run: (h) => keyVaultCollector.collect(h.ctx, h.sub),
    // A failed key list leaves `managedHsmKeys` present but without that HSM's keys: read the HSM's share.
    result: (h) => {
      const failed = h.snap.coverage.some((c) => c.collection === "managedHsmKeys" && c.code !== "MissingSubscriptionRegistration");
      return failed ? undefined : h.sub.collections.managedHsmKeys?.filter((k) => k.id.startsWith(`${HSM1.id}/`));
    },
    others: (h) => [h.sub.collections.keyVaults, h.sub.collections.managedHsms, h.sub.collections.vaultKeys],
  });

  it("stores each key's GET payload (kty, keySize, rotationPolicy), not the list item that lacks them", async () => {
    const { ctx, snap, sub } = harness();
    const listed = vaultKeyListItem(KV1.id, "cmk-storage");
    const got = vaultKey(KV1.id, "cmk-storage", { kty: "RSA-HSM", rotate: true });
    expect(listed.properties).not.toHaveProperty("kty"); // the list really is partial (listKeys.json)
    arm().get(VAULTS).query(true).reply(200, { value: [KV1] });
    arm().get(HSMS).query(true).reply(200, { value: [] });
    arm().get(KEYS1).query(true).reply(200, { value: [listed] });
    mockKeyGets([got]);

    await keyVaultCollector.collect(ctx, sub);

    expect(sub.collections.vaultKeys).toEqual([got]);
    const props = sub.collections.vaultKeys?.[0]?.properties;
    expect(props).toMatchObject({
      kty: "RSA-HSM",
      keySize: 3072,
      keyUriWithVersion: expect.stringMatching(/^https:\/\/kv-cmk-sc\.vault\.azure\.net:443\/keys\/cmk-storage\/[0-9a-f]{32}$/),
      rotationPolicy: { lifetimeActions: [{ action: { type: "rotate" } }, { action: { type: "notify" } }] },
    });
    expect(snap.coverage).toEqual([]);
    expect(snap.apiVersions.vaultKeys).toMatch(/^\d{4}-\d{2}-\d{2}/);
  });

  it("reads the keys of every vault; a 403 on one vault's key list blinds only that vault", async () => {
    const { ctx, snap, sub } = harness();
    const kv2 = vault("kv-app-02", { rg: "rg-app", sku: "standard" });
    arm().get(VAULTS).query(true).reply(200, { value: [KV1, kv2] });
    arm().get(HSMS).query(true).reply(200, { value: [HSM1] });
    arm().get(HSM_KEYS1).query(true).reply(200, { value: [] });
    arm()
      .get(KEYS1)
      .query(true)
      .reply(200, { value: [vaultKeyListItem(KV1.id, "cmk-storage"), vaultKeyListItem(KV1.id, "cmk-sql", { exp: EXP })] });
    mockKeyGets([vaultKey(KV1.id, "cmk-storage", { kty: "RSA-HSM", rotate: true }), vaultKey(KV1.id, "cmk-sql", { kty: "RSA", exp: EXP })]);
    arm().get(`${kv2.id}/keys`).query(true).reply(403, forbidden("Microsoft.KeyVault/vaults/keys/read", kv2.id));

    await keyVaultCollector.collect(ctx, sub);

    expect(sub.collections.keyVaults?.map((v) => v.name)).toEqual(["kv-cmk-sc", "kv-app-02"]);
    expect(sub.collections.managedHsms?.map((v) => v.name)).toEqual(["hsm-core"]);
    const keys = sub.collections.vaultKeys ?? [];
    expect(keys.map((k) => k.name)).toEqual(["cmk-storage", "cmk-sql"]);
    // Raw REST shape: kty, attributes.exp and rotationPolicy under `properties` (KEY-02/03 read them there).
    expect(keys[0]?.properties).toMatchObject({ kty: "RSA-HSM", rotationPolicy: { lifetimeActions: [{ action: { type: "rotate" } }, { action: { type: "notify" } }] } });
    expect(keys[1]?.properties).toMatchObject({ kty: "RSA", attributes: { exp: EXP } });
    expect(keys[1]?.properties).not.toHaveProperty("rotationPolicy");
    expect((sub.collections.keyVaults?.[0]?.properties as { sku?: unknown } | undefined)?.sku).toEqual({ family: "A", name: "premium" });
    expect(snap.coverage.map((c) => [c.scope, c.collection, c.httpStatus, c.code, c.permission])).toEqual([
      [kv2.id, "vaultKeys", 403, "AuthorizationFailed", "Microsoft.KeyVault/vaults/keys/read"],
    ]);
    // No key of the unread vault is fetched.
    expect(requests.some((r) => r.includes(`${kv2.id}/keys/`))).toBe(false);
  });

  it("a 403 on one key's GET blinds only that key: coverage scoped to the key, the vault's other keys stored", async () => {
    const { ctx, snap, sub } = harness();
    const kv2 = vault("kv-app-02", { rg: "rg-app", sku: "standard" });
    const names = ["cmk-storage", "cmk-sql", "cmk-backup"];
    arm().get(VAULTS).query(true).reply(200, { value: [KV1, kv2] });
    arm().get(HSMS).query(true).reply(200, { value: [] });
    arm()
      .get(KEYS1)
      .query(true)
      .reply(200, { value: names.map((n) => vaultKeyListItem(KV1.id, n)) });
    arm()
      .get(`${kv2.id}/keys`)
      .query(true)
      .reply(200, { value: [vaultKeyListItem(kv2.id, "app-signing")] });
    const storage = vaultKey(KV1.id, "cmk-storage", { rotate: true });
    const backup = vaultKey(KV1.id, "cmk-backup", { kty: "RSA", exp: EXP });
    const signing = vaultKey(kv2.id, "app-signing", { kty: "EC" });
    mockKeyGets([storage, backup, signing]);
    const denied = `${KV1.id}/keys/cmk-sql`;
    arm().get(denied).query(true).reply(403, forbidden("Microsoft.KeyVault/vaults/keys/read", denied));

    await keyVaultCollector.collect(ctx, sub);

    expect(sub.collections.vaultKeys).toEqual([storage, backup, signing]);
    expect(sub.collections.vaultKeys?.some((k) => k.id === denied)).toBe(false);
    expect(snap.coverage).toEqual([
      {
        scope: denied,
        collection: "vaultKeys",
        operation: KEY_GET_OP,
        httpStatus: 403,
        code: "AuthorizationFailed",
        message: expect.stringContaining("perform action 'Microsoft.KeyVault/vaults/keys/read'"),
        permission: "Microsoft.KeyVault/vaults/keys/read",
      },
    ]);
    // The list item of the denied key is never stored in its place.
    expect(JSON.stringify(sub.collections.vaultKeys)).not.toContain("cmk-sql");
  });

  it("a key deleted between list and GET (404) is a gap scoped to that key; a throttled key GET is retried", async () => {
    const { ctx, snap, sub } = harness();
    arm().get(VAULTS).query(true).reply(200, { value: [KV1] });
    arm().get(HSMS).query(true).reply(200, { value: [] });
    arm()
      .get(KEYS1)
      .query(true)
      .reply(200, { value: [vaultKeyListItem(KV1.id, "cmk-old"), vaultKeyListItem(KV1.id, "cmk-new")] });
    arm()
      .get(`${KEYS1}/cmk-old`)
      .query(true)
      .reply(404, { error: { code: "ResourceNotFound", message: "The Resource 'Microsoft.KeyVault/vaults/kv-cmk-sc/keys/cmk-old' under resource group 'rg-keys' was not found." } });
    const fresh = vaultKey(KV1.id, "cmk-new", { rotate: true });
    arm().get(fresh.id).query(true).reply(429, throttled).get(fresh.id).query(true).reply(200, fresh);

    await keyVaultCollector.collect(ctx, sub);

    expect(sub.collections.vaultKeys).toEqual([fresh]);
    expect(snap.coverage.map((c) => [c.scope, c.collection, c.httpStatus, c.code])).toEqual([[`${KEYS1}/cmk-old`, "vaultKeys", 404, "ResourceNotFound"]]);
    expect(requests.filter((r) => r.startsWith(`GET ${fresh.id}?`))).toHaveLength(2);
  });

  it("sends only ARM GETs (vault list, HSM list, key list, one GET per key), never the vault's data plane", async () => {
    const { ctx, snap, sub } = harness();
    // Any request to a vault's data plane would land here (and be recorded) instead of failing silently into coverage.
    const dataPlane: string[] = [];
    const dp = nock(/\.vault\.azure\.net(:443)?$/)
      .persist()
      .on("request", (req: { method: string; url?: string; path?: string }) => dataPlane.push(`${req.method} ${req.url ?? req.path ?? ""}`));
    for (const m of ["GET", "POST", "PUT", "PATCH", "DELETE"]) dp.intercept(/.*/, m).optionally().reply(500, {});
    const keys = [vaultKey(KV1.id, "cmk-storage", { rotate: true }), vaultKey(KV1.id, "cmk-sql", { kty: "RSA", exp: EXP })];
    arm().get(VAULTS).query(true).reply(200, { value: [KV1] });
    arm().get(HSMS).query(true).reply(200, { value: [] });
    arm()
      .get(KEYS1)
      .query(true)
      .reply(200, { value: keys.map((k) => vaultKeyListItem(KV1.id, k.name)) });
    mockKeyGets(keys);

    await keyVaultCollector.collect(ctx, sub);

    expect(sub.collections.vaultKeys).toEqual(keys);
    expect(snap.coverage).toEqual([]);
    expect(dataPlane).toEqual([]);
    expect(requests.map((r) => r.replace(/\?.*$/, "")).sort()).toEqual(
      [`GET ${VAULTS}`, `GET ${HSMS}`, `GET ${KEYS1}`, `GET ${KEYS1}/cmk-storage`, `GET ${KEYS1}/cmk-sql`].sort(),
    );
    expect(requests.every((r) => /[?&]api-version=\d{4}-\d{2}-\d{2}/.test(r))).toBe(true);
    // Management plane only: never secrets, never key material operations.
    expect(requests.some((r) => /secrets|vault\.azure\.net|\/(wrapkey|unwrapkey|sign|decrypt|backup)\b/i.test(r))).toBe(false);
  });

  it("does not read keys when the vault list failed, and stores no vaultKeys", async () => {
    const { ctx, sub } = harness();
    arm().get(VAULTS).query(true).reply(403, forbidden("Microsoft.KeyVault/vaults/read", SUB_ID));
    arm().get(HSMS).query(true).reply(200, { value: [] });
    await keyVaultCollector.collect(ctx, sub);
    expect(sub.collections.keyVaults).toBeUndefined();
    expect(sub.collections.vaultKeys).toBeUndefined();
    expect(sub.collections.managedHsms).toEqual([]);
  });
});

describe("key vault collector: managed HSM keys", () => {
  useNock();

  it("lists each HSM's keys and stores each key's GET payload, not the list item that lacks kty and keyOps", async () => {
    const { ctx, snap, sub } = harness();
    const listed = [hsmKeyListItem(HSM1.id, "cmk-sqlmi"), hsmKeyListItem(HSM1.id, "signing-dev")];
    const got = [hsmKey(HSM1.id, "cmk-sqlmi", { rotate: true }), hsmKey(HSM1.id, "signing-dev")];
    expect(listed[0]?.properties).toEqual({ attributes: got[0]?.properties?.attributes, keyUri: got[0]?.properties?.keyUri });
    arm().get(VAULTS).query(true).reply(200, { value: [] });
    arm().get(HSMS).query(true).reply(200, { value: [HSM1] });
    arm().get(HSM_KEYS1).query({ "api-version": "2026-02-01" }).reply(200, { value: listed });
    for (const k of got) arm().get(k.id).query({ "api-version": "2026-02-01" }).reply(200, k);

    await keyVaultCollector.collect(ctx, sub);

    expect(sub.collections.managedHsmKeys).toEqual(got);
    expect(sub.collections.managedHsmKeys?.[0]?.properties).toMatchObject({
      kty: "RSA",
      keySize: 2048,
      keyUriWithVersion: "https://hsm-core.managedhsm.azure.net:443/keys/cmk-sqlmi/fd618d9519b74f9aae94ade66b876acc",
      rotationPolicy: { lifetimeActions: [{ action: { type: "rotate" } }, { action: { type: "notify" } }] },
    });
    expect(sub.collections.vaultKeys).toEqual([]);
    expect(snap.coverage).toEqual([]);
    expect(snap.apiVersions.managedHsmKeys).toBe("2026-02-01");
  });

  it("a 403 on one HSM's key list blinds only that HSM; a 403 on one key's GET only that key", async () => {
    const { ctx, snap, sub } = harness();
    const hsm2 = managedHsm("hsm-dr");
    arm().get(VAULTS).query(true).reply(200, { value: [] });
    arm().get(HSMS).query(true).reply(200, { value: [HSM1, hsm2] });
    arm()
      .get(HSM_KEYS1)
      .query(true)
      .reply(200, { value: [hsmKeyListItem(HSM1.id, "cmk-sqlmi"), hsmKeyListItem(HSM1.id, "cmk-backup")] });
    const sqlmi = hsmKey(HSM1.id, "cmk-sqlmi", { exp: EXP });
    mockKeyGets([sqlmi]);
    const denied = `${HSM_KEYS1}/cmk-backup`;
    arm().get(denied).query(true).reply(403, forbidden(HSM_KEYS_PERMISSION, denied));
    arm().get(`${hsm2.id}/keys`).query(true).reply(403, forbidden(HSM_KEYS_PERMISSION, hsm2.id));

    await keyVaultCollector.collect(ctx, sub);

    expect(sub.collections.managedHsms?.map((h) => h.name)).toEqual(["hsm-core", "hsm-dr"]);
    expect(sub.collections.managedHsmKeys).toEqual([sqlmi]);
    expect(snap.coverage.map((c) => [c.scope, c.collection, c.operation, c.httpStatus, c.code, c.permission]).sort()).toEqual([
      [denied, "managedHsmKeys", `${HSM_KEYS_OP}/{k}`, 403, "AuthorizationFailed", HSM_KEYS_PERMISSION],
      [hsm2.id, "managedHsmKeys", HSM_KEYS_OP, 403, "AuthorizationFailed", HSM_KEYS_PERMISSION],
    ]);
    // No key of the unread HSM is fetched, and the denied key's list item is never stored in its place.
    expect(requests.some((r) => r.includes(`${hsm2.id}/keys/`))).toBe(false);
    expect(JSON.stringify(sub.collections.managedHsmKeys)).not.toContain("cmk-backup");
  });

  it("sends only ARM GETs for HSM keys, never the HSM's data plane", async () => {
    const { ctx, snap, sub } = harness();
    const dataPlane: string[] = [];
    const dp = nock(/\.managedhsm\.azure\.net(:443)?$/)
      .persist()
      .on("request", (req: { method: string; url?: string; path?: string }) => dataPlane.push(`${req.method} ${req.url ?? req.path ?? ""}`));
    for (const m of ["GET", "POST", "PUT", "PATCH", "DELETE"]) dp.intercept(/.*/, m).optionally().reply(500, {});
    const key = hsmKey(HSM1.id, "cmk-sqlmi", { rotate: true });
    arm().get(VAULTS).query(true).reply(200, { value: [] });
    arm().get(HSMS).query(true).reply(200, { value: [HSM1] });
    arm().get(HSM_KEYS1).query(true).reply(200, { value: [hsmKeyListItem(HSM1.id, "cmk-sqlmi")] });
    mockKeyGets([key]);

    await keyVaultCollector.collect(ctx, sub);

    expect(sub.collections.managedHsmKeys).toEqual([key]);
    expect(snap.coverage).toEqual([]);
    expect(dataPlane).toEqual([]);
    expect(requests.map((r) => r.replace(/\?.*$/, "")).sort()).toEqual([`GET ${VAULTS}`, `GET ${HSMS}`, `GET ${HSM_KEYS1}`, `GET ${key.id}`].sort());
  });

  it("does not read HSM keys when the HSM list failed, and stores no managedHsmKeys", async () => {
    const { ctx, snap, sub } = harness();
    arm().get(VAULTS).query(true).reply(200, { value: [] });
    arm().get(HSMS).query(true).reply(403, forbidden("Microsoft.KeyVault/managedHSMs/read", SUB_ID));
    await keyVaultCollector.collect(ctx, sub);
    expect(sub.collections.managedHsms).toBeUndefined();
    expect(sub.collections.managedHsmKeys).toBeUndefined();
    expect(sub.collections.keyVaults).toEqual([]);
    expect(snap.coverage.map((c) => [c.scope, c.collection, c.httpStatus])).toEqual([[SUB_ID, "managedHsms", 403]]);
  });
});
