import { describe, expect, it } from "vitest";
import { keyVaultCollector } from "../../src/collectors/azure/key-vault.js";
import { managedHsm, vault, vaultKey } from "./fixtures.js";
import { SUB, SUB_ID, arm, forbidden, harness, requests, useNock } from "./helpers.js";
import { listCases } from "./list-cases.js";

const VAULTS = `/subscriptions/${SUB}/providers/Microsoft.KeyVault/vaults`;
const HSMS = `/subscriptions/${SUB}/providers/Microsoft.KeyVault/managedHSMs`;
const KV1 = vault("kv-cmk-sc");
const KEYS1 = `${KV1.id}/keys`;

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
      arm().get(HSMS).query(true).reply(200, { value: [managedHsm("hsm-core")] });
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
      arm().get(KEYS1).query(true).optionally().reply(200, { value: [vaultKey(KV1.id, "cmk-storage")] });
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
    item: (i) => vaultKey(KV1.id, `key-${i}`, { rotate: i === 1, exp: 1893456000 }),
    background() {
      arm().get(VAULTS).query(true).reply(200, { value: [KV1] });
      arm().get(HSMS).query(true).reply(200, { value: [] });
    },
    run: (h) => keyVaultCollector.collect(h.ctx, h.sub),
    // A failed key list leaves `vaultKeys` present but without that vault's keys: read the vault's share.
    result: (h) => {
      const failed = h.snap.coverage.some((c) => c.collection === "vaultKeys" && c.code !== "MissingSubscriptionRegistration");
      return failed ? undefined : h.sub.collections.vaultKeys?.filter((k) => k.id.startsWith(`${KV1.id}/`));
    },
    others: (h) => [h.sub.collections.keyVaults, h.sub.collections.managedHsms],
  });

  it("reads the keys of every vault; a 403 on one vault's keys blinds only that vault", async () => {
    const { ctx, snap, sub } = harness();
    const kv2 = vault("kv-app-02", { rg: "rg-app", sku: "standard" });
    arm().get(VAULTS).query(true).reply(200, { value: [KV1, kv2] });
    arm().get(HSMS).query(true).reply(200, { value: [managedHsm("hsm-core")] });
    arm()
      .get(KEYS1)
      .query(true)
      .reply(200, { value: [vaultKey(KV1.id, "cmk-storage", { kty: "RSA-HSM", rotate: true }), vaultKey(KV1.id, "cmk-sql", { kty: "RSA", exp: 1893456000 })] });
    arm().get(`${kv2.id}/keys`).query(true).reply(403, forbidden("Microsoft.KeyVault/vaults/keys/read", kv2.id));

    await keyVaultCollector.collect(ctx, sub);

    expect(sub.collections.keyVaults?.map((v) => v.name)).toEqual(["kv-cmk-sc", "kv-app-02"]);
    expect(sub.collections.managedHsms?.map((v) => v.name)).toEqual(["hsm-core"]);
    const keys = sub.collections.vaultKeys ?? [];
    expect(keys.map((k) => k.name)).toEqual(["cmk-storage", "cmk-sql"]);
    // Raw REST shape: kty, attributes.exp and rotationPolicy under `properties` (KEY-02/03 read them there).
    expect(keys[0]?.properties).toMatchObject({ kty: "RSA-HSM", rotationPolicy: { lifetimeActions: [{ action: { type: "rotate" } }, { action: { type: "notify" } }] } });
    expect(keys[1]?.properties).toMatchObject({ kty: "RSA", attributes: { exp: 1893456000 } });
    expect((sub.collections.keyVaults?.[0]?.properties as { sku?: unknown } | undefined)?.sku).toEqual({ family: "A", name: "premium" });
    expect(snap.coverage.map((c) => [c.scope, c.collection, c.httpStatus, c.code, c.permission])).toEqual([
      [kv2.id, "vaultKeys", 403, "AuthorizationFailed", "Microsoft.KeyVault/vaults/keys/read"],
    ]);
    // Management plane only: never the vault's data plane, never secrets.
    expect(requests.every((r) => r.startsWith("GET /subscriptions/") && !/secrets|vault\.azure\.net/i.test(r))).toBe(true);
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
