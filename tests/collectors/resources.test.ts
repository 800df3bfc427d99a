import { describe, expect, it } from "vitest";
import { collectProviders, resourcesCollector } from "../../src/collectors/azure/resources.js";
import { storageCollector } from "../../src/collectors/azure/storage.js";
import { genericResource, provider, resourceGroup } from "./fixtures.js";
import { SUB, SUB_ID, arm, harness, requests, useNock } from "./helpers.js";
import { listCases } from "./list-cases.js";

const RGS = `/subscriptions/${SUB}/resourcegroups`;
const RES = `/subscriptions/${SUB}/resources`;
const PROVIDERS = `/subscriptions/${SUB}/providers`;

describe("resources collector", () => {
  useNock();

  listCases({
    path: RGS,
    collection: "resourceGroups",
    scope: SUB_ID,
    operation: "GET /subscriptions/{s}/resourcegroups",
    permission: "Microsoft.Resources/subscriptions/resourceGroups/read",
    item: (i) => resourceGroup(`rg-app-${i}`, { informationsklass: String(i) }),
    background: () => void arm().get(RES).query(true).reply(200, { value: [] }),
    run: (h) => resourcesCollector.collect(h.ctx, h.sub),
    result: (h) => h.sub.collections.resourceGroups,
    others: (h) => [h.sub.collections.resources],
  });

  listCases({
    path: RES,
    collection: "resources",
    scope: SUB_ID,
    operation: "GET /subscriptions/{s}/resources",
    permission: "Microsoft.Resources/subscriptions/resources/read",
    item: (i) => genericResource(`${SUB_ID}/resourceGroups/rg-app/providers/Microsoft.Web/sites/app-${i}`, "Microsoft.Web/sites"),
    background: () => void arm().get(RGS).query(true).reply(200, { value: [] }),
    run: (h) => resourcesCollector.collect(h.ctx, h.sub),
    result: (h) => h.sub.collections.resources,
    others: (h) => [h.sub.collections.resourceGroups],
  });

  listCases({
    path: PROVIDERS,
    collection: "providers",
    scope: SUB_ID,
    operation: "GET /subscriptions/{s}/providers",
    permission: "Microsoft.Resources/subscriptions/providers/read",
    item: (i) => provider(`Microsoft.Test${i}`, "Registered"),
    run: async (h) => void (await collectProviders(h.ctx, h.sub)),
    result: (h) => h.sub.collections.providers,
  });

  it("asks for createdTime, changedTime and provisioningState on the resource list", async () => {
    const { ctx, sub } = harness();
    arm().get(RGS).query(true).reply(200, { value: [resourceGroup("rg-a")] });
    arm()
      .get(RES)
      .query((q) => q.$expand === "createdTime,changedTime,provisioningState")
      .reply(200, { value: [genericResource(`${SUB_ID}/resourceGroups/rg-a/providers/Microsoft.Web/sites/app-1`, "Microsoft.Web/sites")] });
    await resourcesCollector.collect(ctx, sub);
    expect(sub.collections.resources?.[0]).toMatchObject({ createdTime: "2025-02-11T08:15:32.9876543Z", provisioningState: "Succeeded" });
    expect(sub.collections.resourceGroups?.[0]?.tags).toEqual({});
  });

  it("feeds provider registration states to the context: NotRegistered providers are skipped", async () => {
    const { ctx, snap, sub } = harness();
    arm()
      .get(PROVIDERS)
      .query(true)
      .reply(200, {
        value: [provider("Microsoft.KeyVault", "Registered"), provider("Microsoft.Storage", "NotRegistered"), provider("Microsoft.Sql", "Unregistered")],
      });
    const providers = await collectProviders(ctx, sub);
    ctx.setProviders(SUB, providers ?? []);
    expect(ctx.isRegistered(SUB, "microsoft.keyvault")).toBe(true);
    expect(ctx.isRegistered(SUB, "Microsoft.Storage")).toBe(false);
    expect(sub.notRegisteredProviders).toEqual(["Microsoft.Sql", "Microsoft.Storage"]);
    await storageCollector.collect(ctx, sub);
    expect(sub.collections.storageAccounts).toEqual([]);
    expect(requests).toEqual([expect.stringMatching(/^GET \/subscriptions\/[^/]+\/providers\?/)]);
    expect(snap.coverage).toEqual([]);
  });
});
