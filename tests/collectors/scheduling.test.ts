/**
 * Read scheduling: within a subscription, child reads run before the lists still waiting (so ARM's
 * per-subscription bucket is not left idle behind slow lists), and the tenant collectors start
 * beside the subscriptions instead of after them.
 */
import { ResourceManagementClient } from "@azure/arm-resources";
import { describe, expect, it } from "vitest";
import { collect } from "../../src/collectors/index.js";
import { keyVaultCollector } from "../../src/collectors/azure/key-vault.js";
import { resourcesCollector } from "../../src/collectors/azure/resources.js";
import { storageCollector } from "../../src/collectors/azure/storage.js";
import { subscriptionDetailsCollector } from "../../src/collectors/azure/subscriptions.js";
import { location, managementGroupTree, provider, resourceGroup, storageAccount, subscription, vault, vaultKey, vaultKeyListItem } from "./fixtures.js";
import { SUB, SUB2, SUB_ID, TENANT, arm, collectOptions, harness, requests, useNock } from "./helpers.js";

useNock();

/** Response delay of every mocked read: long enough that queued reads pile up behind one in flight. */
const LATENCY_MS = 25;

/** The path part of a logged request (`GET /path?query` → `/path`). */
const path = (r: string) => r.slice(4).split("?")[0]!;

describe("per-subscription read priority", () => {
  it("with one read in flight per subscription, a vault's keys are read before lists that were queued earlier", async () => {
    const { ctx, sub } = harness({ perSubscriptionConcurrency: 1 });
    const kv = vault("kv-kommun");
    arm().get(`${SUB_ID}/resourcegroups`).query(true).delay(LATENCY_MS).reply(200, { value: [resourceGroup("rg-data")] });
    arm().get(`${SUB_ID}/resources`).query(true).delay(LATENCY_MS).reply(200, { value: [] });
    arm().get(`${SUB_ID}/providers/Microsoft.Storage/storageAccounts`).query(true).delay(LATENCY_MS).reply(200, { value: [storageAccount("stkommundata")] });
    arm().get(`${SUB_ID}/providers/Microsoft.KeyVault/vaults`).query(true).delay(LATENCY_MS).reply(200, { value: [kv] });
    arm().get(`${SUB_ID}/providers/Microsoft.KeyVault/managedHSMs`).query(true).delay(LATENCY_MS).reply(200, { value: [] });
    arm().get(`${kv.id}/keys`).query(true).delay(LATENCY_MS).reply(200, { value: [vaultKeyListItem(kv.id, "cmk-storage")] });
    arm().get(`${kv.id}/keys/cmk-storage`).query(true).delay(LATENCY_MS).reply(200, vaultKey(kv.id, "cmk-storage"));

    // Queued in this order: resource groups (runs at once), resources, storage, vaults, managed HSMs.
    await Promise.all([resourcesCollector.collect(ctx, sub), storageCollector.collect(ctx, sub), keyVaultCollector.collect(ctx, sub)]);

    const order = requests.map(path);
    const at = (p: string) => order.indexOf(p);
    expect(order).toHaveLength(7);
    expect(at(`${SUB_ID}/resourcegroups`)).toBe(0);
    // The vault and managed HSM lists (priority parentList: their items have keys) overtake the plain lists queued before them.
    expect(at(`${SUB_ID}/providers/Microsoft.KeyVault/vaults`)).toBe(1);
    expect(at(`${SUB_ID}/providers/Microsoft.KeyVault/managedHSMs`)).toBe(2);
    // The keys list and the key GET (children) are queued after the resources and storage lists, and still run before them.
    expect(at(`${kv.id}/keys`)).toBe(3);
    expect(at(`${kv.id}/keys`)).toBeLessThan(at(`${SUB_ID}/resources`));
    expect(at(`${kv.id}/keys/cmk-storage`)).toBeLessThan(at(`${SUB_ID}/providers/Microsoft.Storage/storageAccounts`));
    expect(at(`${SUB_ID}/providers/Microsoft.Storage/storageAccounts`)).toBe(6);
    expect(sub.collections.vaultKeys?.map((k) => k.name)).toEqual(["cmk-storage"]);
    expect(sub.collections.storageAccounts?.map((a) => a.name)).toEqual(["stkommundata"]);
  });

  it("an explicit priority overrides the default, equal priorities keep their order", async () => {
    const { ctx, sub } = harness({ perSubscriptionConcurrency: 1 });
    const rm = new ResourceManagementClient(ctx.credential, SUB, ctx.armClientOptions);
    // Five subscription-level lists told apart by `$top`; the first runs at once, the rest queue.
    const list = (top: number, priority?: number) =>
      ctx.read(
        { subscriptionId: SUB, scope: sub.id, collection: "resourceGroups", operation: "GET /subscriptions/{s}/resourcegroups", ...(priority !== undefined ? { priority } : {}) },
        () => ctx.drain(rm.resourceGroups.list({ top })),
      );
    for (const top of [1, 2, 3, 4, 5]) arm().get(`${SUB_ID}/resourcegroups`).query((q) => q.$top === String(top)).delay(LATENCY_MS).reply(200, { value: [] });
    await Promise.all([list(1), list(2), list(3, -1), list(4, 5), list(5)]);
    expect(requests.map((r) => /\$top=(\d)/.exec(r)?.[1])).toEqual(["1", "4", "2", "5", "3"]);
  });
});

describe("tenant collectors", () => {
  it("start right after the subscription list, before the subscriptions are done", async () => {
    arm().get("/subscriptions").query(true).reply(200, { value: [subscription(SUB), subscription(SUB2)] });
    for (const id of [SUB, SUB2]) {
      const s = `/subscriptions/${id}`;
      arm().get(`${s}/providers`).query(true).delay(LATENCY_MS).reply(200, { value: [provider("Microsoft.Storage", "Registered")] });
      arm().get(s).query(true).delay(LATENCY_MS).reply(200, subscription(id));
      arm().get(`${s}/locations`).query(true).delay(LATENCY_MS).reply(200, { value: [location("swedencentral", "Sweden Central", ["swedensouth"])] });
      arm().get(`${s}/resourcegroups`).query(true).delay(LATENCY_MS).reply(200, { value: [] });
      arm().get(`${s}/resources`).query(true).delay(LATENCY_MS).reply(200, { value: [] });
      arm().get(`${s}/providers/Microsoft.Storage/storageAccounts`).query(true).delay(LATENCY_MS).reply(200, { value: [] });
    }
    arm().get(`/providers/Microsoft.CustomerLockbox/tenantOptedIn/${TENANT}`).query(true).delay(LATENCY_MS).reply(200, { isOptedIn: true });
    arm().get(`/providers/Microsoft.Management/managementGroups/${TENANT}`).query(true).delay(LATENCY_MS).reply(200, managementGroupTree([]));

    const snap = await collect(collectOptions({ collectors: { subscription: [subscriptionDetailsCollector, resourcesCollector, storageCollector] } }));

    const order = requests.map(path);
    const firstTenant = order.findIndex((p) => p.startsWith("/providers/"));
    const lastSubscription = order.findLastIndex((p) => p.startsWith("/subscriptions/"));
    expect(order[0]).toBe("/subscriptions");
    // Before: the tenant reads came only after every subscription read (first tenant index 13 of 15).
    expect(firstTenant).toBeGreaterThan(0);
    expect(firstTenant).toBeLessThan(lastSubscription);
    expect(snap.tenant.customerLockbox).toEqual({ isOptedIn: true });
    expect(snap.regions.map((r) => r.name)).toEqual(["swedencentral"]);
  });
});
