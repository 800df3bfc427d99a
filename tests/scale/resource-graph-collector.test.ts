/**
 * `--inventory resource-graph` against nock: paging with `$skipToken`, rows mapped back to ARM's
 * list shape, the quota's 429 honoured, the per-collection probe turning a refusal into coverage,
 * and a failed query falling back to the ARM list.
 */
import nock from "nock";
import { describe, expect, it } from "vitest";
import { armResourceFromRow, graphQuery, quotaLimiter, startResourceGraphInventory } from "../../src/collectors/azure/resource-graph.js";
import { keyVaultCollector } from "../../src/collectors/azure/key-vault.js";
import { storageCollector } from "../../src/collectors/azure/storage.js";
import { ARM, SUB, SUB_ID, arm, forbidden, harness, requests, useNock } from "../collectors/helpers.js";

useNock();

const RG = "/providers/Microsoft.ResourceGraph/resources";
const ST1 = `${SUB_ID}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stkommundata`;
const ST2 = `${SUB_ID}/resourceGroups/rg-web/providers/Microsoft.Storage/storageAccounts/stkommunweb`;
const KV = `${SUB_ID}/resourceGroups/rg-sec/providers/Microsoft.KeyVault/vaults/kv-kommun`;

/** A storage account row as Resource Graph returns it: lower-cased type, normalised location, "" and null for absent columns. */
function storageRow(id: string, name: string) {
  return {
    id,
    name,
    type: "microsoft.storage/storageaccounts",
    location: "swedencentral",
    kind: "StorageV2",
    sku: { name: "Standard_ZRS", tier: "Standard" },
    tags: { konfidentialitet: "2" },
    identity: null,
    managedBy: "",
    zones: null,
    extendedLocation: null,
    plan: null,
    properties: { encryption: { keySource: "Microsoft.Storage", services: { blob: { enabled: true, keyType: "Account" } } }, minimumTlsVersion: "TLS1_2", primaryLocation: "swedencentral" },
  };
}
const ST_ARM = { id: ST1, name: "stkommundata", type: "Microsoft.Storage/storageAccounts", location: "swedencentral", kind: "StorageV2", sku: { name: "Standard_ZRS", tier: "Standard" }, tags: { konfidentialitet: "2" }, properties: storageRow(ST1, "stkommundata").properties };
const page = (data: unknown[], skipToken?: string) => ({ totalRecords: 2, count: data.length, resultTruncated: "false", ...(skipToken ? { $skipToken: skipToken } : {}), data, facets: [] });

/** One Resource Graph POST answered (bodies recorded here, outside the helpers' GET-only log). */
function graphReply(bodies: any[], status: number, body: unknown, headers: Record<string, string> = {}) {
  const scope = nock(ARM, { reqheaders: { authorization: "Bearer test-token" } });
  scope.on("request", (_req: unknown, _interceptor: unknown, text: string) => bodies.push(JSON.parse(text)));
  scope.post(RG).query({ "api-version": "2024-04-01" }).reply(status, body as nock.Body, headers);
}

describe("Resource Graph inventory", () => {
  it("pages with $skipToken across the subscription batch and maps rows to ARM's list shape; the probe reads $top=1", async () => {
    const { ctx, sub, snap } = harness();
    const bodies: any[] = [];
    graphReply(bodies, 200, page([])); // types with children first (none here)
    graphReply(bodies, 200, page([storageRow(ST1, "stkommundata")], "c2tpcDE="));
    graphReply(bodies, 200, page([storageRow(ST2, "stkommunweb")]));
    arm().get(`${SUB_ID}/providers/Microsoft.Storage/storageAccounts`).query({ "api-version": "2026-09-01", $top: "1" }).reply(200, { value: [ST_ARM], nextLink: `${ARM}${SUB_ID}/providers/Microsoft.Storage/storageAccounts?api-version=2026-09-01&%24skiptoken=x` });
    const inv = startResourceGraphInventory(ctx, [sub]);
    await storageCollector.collect(inv.contextFor(sub), sub);
    await inv.done;
    expect(sub.collections.storageAccounts).toEqual([ST_ARM, { ...ST_ARM, id: ST2, name: "stkommunweb" }]);
    expect(snap.coverage).toEqual([]);
    expect(bodies).toHaveLength(3);
    expect(bodies[1]).toEqual({ subscriptions: [SUB], query: expect.stringContaining("Resources | where type in~ ("), options: { $top: 1000, resultFormat: "objectArray" } });
    expect(bodies[1].query).toContain("'microsoft.storage/storageaccounts'");
    expect(bodies[2].options).toEqual({ $top: 1000, resultFormat: "objectArray", $skipToken: "c2tpcDE=" });
    expect(requests).toEqual([`GET ${SUB_ID}/providers/Microsoft.Storage/storageAccounts?api-version=2026-09-01&$top=1`]);
    expect(inv.stats).toEqual({ queries: 3, rows: 2, failedBatches: 0 });
  });

  it("waits out Resource Graph's 429 (Retry-After) and still gets every row", async () => {
    const { ctx, sub, snap } = harness();
    const bodies: any[] = [];
    graphReply(bodies, 429, { error: { code: "RateLimiting", message: "Client application has been throttled and should not attempt to repeat the request until an amount of time has elapsed." } }, { "retry-after": "1", "x-ms-user-quota-remaining": "0", "x-ms-user-quota-resets-after": "00:00:01" });
    graphReply(bodies, 200, page([]));
    graphReply(bodies, 200, page([storageRow(ST1, "stkommundata")]));
    arm().get(`${SUB_ID}/providers/Microsoft.Storage/storageAccounts`).query({ "api-version": "2026-09-01", $top: "1" }).reply(200, { value: [ST_ARM] });
    const inv = startResourceGraphInventory(ctx, [sub]);
    const t0 = Date.now();
    await storageCollector.collect(inv.contextFor(sub), sub);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(sub.collections.storageAccounts).toEqual([ST_ARM]);
    expect(snap.coverage).toEqual([]);
    expect(bodies).toHaveLength(3);
  });

  it("a refused probe makes the collection not assessed (coverage), never an empty pass; its children are not read", async () => {
    const { ctx, sub, snap } = harness();
    graphReply([], 200, page([])); // Resource Graph left the vaults out silently
    graphReply([], 200, page([]));
    arm().get(`${SUB_ID}/providers/Microsoft.KeyVault/vaults`).query({ "api-version": "2026-02-01", $top: "1" }).reply(403, forbidden("Microsoft.KeyVault/vaults/read", SUB_ID));
    arm().get(`${SUB_ID}/providers/Microsoft.KeyVault/managedHSMs`).query({ "api-version": "2026-02-01", $top: "1" }).reply(200, { value: [] });
    const inv = startResourceGraphInventory(ctx, [sub]);
    await keyVaultCollector.collect(inv.contextFor(sub), sub);
    // Vaults and managed HSMs both have children (keys): their query is the first; the second still runs.
    await inv.done;
    expect(sub.collections.keyVaults).toBeUndefined();
    expect(sub.collections.managedHsms).toEqual([]);
    expect(snap.coverage).toEqual([
      expect.objectContaining({ scope: SUB_ID, collection: "keyVaults", httpStatus: 403, code: "AuthorizationFailed", permission: "Microsoft.KeyVault/vaults/read" }),
    ]);
  });

  it("a query Resource Graph refuses falls back to the ARM list for that subscription", async () => {
    const { ctx, sub, snap } = harness();
    graphReply([], 400, { error: { code: "BadRequest", message: "Query is invalid.", details: [{ code: "InvalidQuery", message: "Query is invalid." }] } });
    graphReply([], 400, { error: { code: "BadRequest", message: "Query is invalid." } });
    arm().get(`${SUB_ID}/providers/Microsoft.Storage/storageAccounts`).query({ "api-version": "2026-09-01", $top: "1" }).reply(200, { value: [ST_ARM] });
    arm().get(`${SUB_ID}/providers/Microsoft.Storage/storageAccounts`).query(true).reply(200, { value: [ST_ARM, { ...ST_ARM, id: ST2, name: "stkommunweb" }] });
    const events: string[] = [];
    const inv = startResourceGraphInventory({ ...ctx, progress: (e) => events.push(`${e.collector} ${e.phase}`) }, [sub]);
    await storageCollector.collect(inv.contextFor(sub), sub);
    expect(sub.collections.storageAccounts?.map((s) => s.name)).toEqual(["stkommundata", "stkommunweb"]);
    expect(snap.coverage).toEqual([]);
    expect(events).toContain("resource-graph failed");
    expect(inv.stats.failedBatches).toBe(2);
  });
});

describe("Resource Graph inventory: a truncated answer", () => {
  it("resultTruncated \"true\" is never taken as the whole inventory: the subscription is read through the ARM list", async () => {
    const { ctx, sub, snap } = harness();
    graphReply([], 200, page([]));
    // Resource Graph cut the answer short (QueryResponse.resultTruncated is the string "true" or "false"):
    // one of the two accounts came back and no $skipToken to fetch the rest.
    graphReply([], 200, { ...page([storageRow(ST1, "stkommundata")]), resultTruncated: "true" });
    arm().get(`${SUB_ID}/providers/Microsoft.Storage/storageAccounts`).query({ "api-version": "2026-09-01", $top: "1" }).reply(200, { value: [ST_ARM] });
    arm().get(`${SUB_ID}/providers/Microsoft.Storage/storageAccounts`).query(true).reply(200, { value: [ST_ARM, { ...ST_ARM, id: ST2, name: "stkommunweb" }] });
    const messages: string[] = [];
    const inv = startResourceGraphInventory({ ...ctx, progress: (e) => e.phase === "failed" && messages.push(e.message ?? "") }, [sub]);
    await storageCollector.collect(inv.contextFor(sub), sub);
    await inv.done;
    expect(sub.collections.storageAccounts?.map((s) => s.name)).toEqual(["stkommundata", "stkommunweb"]);
    expect(snap.coverage).toEqual([]);
    expect(messages).toEqual(["Resource Graph truncated the result.; reading these subscriptions through ARM lists instead."]);
    expect(inv.stats).toEqual({ queries: 2, rows: 0, failedBatches: 1 });
  });
});

describe("helpers", () => {
  it("armResourceFromRow restores the id's type casing and drops Resource Graph's empty columns", () => {
    expect(armResourceFromRow(storageRow(ST1, "stkommundata"))).toEqual(ST_ARM);
    expect(armResourceFromRow({ id: `${KV}/keys/k1`, type: "microsoft.keyvault/vaults/keys", kind: "", tags: null })).toEqual({ id: `${KV}/keys/k1`, type: "Microsoft.KeyVault/vaults/keys" });
    expect(armResourceFromRow({ name: "no id" })).toBeUndefined();
  });

  it("graphQuery lists the types lower-cased in Hemvist's query shape", () => {
    expect(graphQuery(["Microsoft.Storage/storageAccounts", "Microsoft.Compute/disks"])).toBe(
      "Resources | where type in~ ('microsoft.storage/storageaccounts', 'microsoft.compute/disks') | project id, name, type, location, kind, sku, tags, identity, managedBy, zones, extendedLocation, plan, properties | order by id asc",
    );
  });

  it("quotaLimiter lets at most N queries start in any window", async () => {
    let now = 0;
    const limit = quotaLimiter(2, 1000, () => now);
    await limit();
    await limit();
    let third = false;
    const p = limit().then(() => (third = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(third).toBe(false);
    now = 1000;
    await p;
    expect(third).toBe(true);
  });
});
