import { describe, expect, it } from "vitest";
import nock from "nock";
import { collect, decodeTokenIdentity, SUBSCRIPTION_COLLECTORS, type CollectOptions } from "../../src/collectors/index.js";
import { subscriptionDetailsCollector } from "../../src/collectors/azure/subscriptions.js";
import { resourcesCollector } from "../../src/collectors/azure/resources.js";
import { storageCollector } from "../../src/collectors/azure/storage.js";
import { keyVaultCollector } from "../../src/collectors/azure/key-vault.js";
import type { ProgressEvent } from "../../src/collectors/contracts.js";
import {
  location,
  managementGroupNode,
  managementGroupTree,
  provider,
  resourceGroup,
  storageAccount,
  subscription,
  subscriptionNode,
  vault,
  vaultKey,
  vaultKeyListItem,
} from "./fixtures.js";
import { ARM, SUB, SUB2, TENANT, arm, collectOptions, record, requests, staticCredential, useNock } from "./helpers.js";

const CORE = [subscriptionDetailsCollector, resourcesCollector, storageCollector, keyVaultCollector];
const SUB3 = "2a3b4c5d-6e7f-4081-9203-a4b5c6d7e8f9";

function jwt(claims: Record<string, unknown>): string {
  const b = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${b({ alg: "RS256", typ: "JWT" })}.${b(claims)}.c2lnbmF0dXJl`;
}

/** A run of the core collectors. */
function options(extra: Partial<CollectOptions> = {}): CollectOptions {
  return collectOptions({ collectors: { subscription: CORE }, ...extra });
}

/** Mocks one subscription's core reads. */
function mockSubscription(id: string, opts: { storage403?: boolean; storageNotRegistered?: boolean; state?: string } = {}): void {
  const s = `/subscriptions/${id}`;
  arm()
    .get(`${s}/providers`)
    .query(true)
    .reply(200, { value: [provider("Microsoft.KeyVault", "Registered"), provider("Microsoft.Storage", opts.storageNotRegistered ? "NotRegistered" : "Registered")] });
  arm().get(s).query(true).reply(200, { ...subscription(id, `sub ${id.slice(0, 4)}`, { informationsklass: "2" }), ...(opts.state ? { state: opts.state } : {}) });
  arm()
    .get(`${s}/locations`)
    .query(true)
    .reply(200, { value: [location("swedencentral", "Sweden Central", ["swedensouth"]), location("polandcentral", "Poland Central", [], "Poland")] });
  arm().get(`${s}/resourcegroups`).query(true).reply(200, { value: [resourceGroup("rg-data")] });
  arm().get(`${s}/resources`).query(true).reply(200, { value: [] });
  if (!opts.storageNotRegistered) {
    const st = arm().get(`${s}/providers/Microsoft.Storage/storageAccounts`).query(true);
    if (opts.storage403) st.reply(403, { error: { code: "AuthorizationFailed", message: "no Microsoft.Storage/storageAccounts/read" } });
    else st.reply(200, { value: [storageAccount("stdata01")] });
  }
  const kv = vault(`kv-${id.slice(0, 4)}`, { sub: id });
  arm().get(`${s}/providers/Microsoft.KeyVault/vaults`).query(true).reply(200, { value: [kv] });
  arm().get(`${s}/providers/Microsoft.KeyVault/managedHSMs`).query(true).reply(200, { value: [] });
  arm().get(`${kv.id}/keys`).query(true).reply(200, { value: [vaultKeyListItem(kv.id, "cmk-storage")] });
  arm().get(`${kv.id}/keys/cmk-storage`).query(true).reply(200, vaultKey(kv.id, "cmk-storage"));
}

function mockLockbox(): void {
  arm().get(`/providers/Microsoft.CustomerLockbox/tenantOptedIn/${TENANT}`).query(true).reply(200, { isOptedIn: true });
}

const MG_ROOT = `/providers/Microsoft.Management/managementGroups/${TENANT}`;

/** The tenant root group with `subs` under mg-kommun. */
function mgTree(subs: string[]) {
  return managementGroupTree([managementGroupNode("mg-kommun", subs.map(subscriptionNode), "Kommun")]);
}

/** Mocks the management-group hierarchy read (a tenant collector). */
function mockManagementGroups(subs: string[]): void {
  arm().get(MG_ROOT).query({ "api-version": "2023-04-01", $expand: "children", $recurse: "true" }).reply(200, mgTree(subs));
}

describe("collect", () => {
  useNock();

  it("collects every visible subscription, regions, lockbox; m365: false sends no Graph request", async () => {
    arm()
      .get("/subscriptions")
      .query((q) => !q.$skiptoken)
      .reply(200, { value: [subscription(SUB, "Prod")], nextLink: `${ARM}/subscriptions?api-version=2022-12-01&$skiptoken=2` })
      .get("/subscriptions")
      .query({ "api-version": "2022-12-01", $skiptoken: "2" })
      .reply(200, { value: [subscription(SUB2, "Dev")] });
    mockSubscription(SUB);
    mockSubscription(SUB2, { storage403: true });
    mockLockbox();
    mockManagementGroups([SUB, SUB2]);
    const events: ProgressEvent[] = [];

    const snap = await collect(options({ onProgress: (e) => events.push(e) }));

    expect(snap.tenant.tenantId).toBe(TENANT);
    expect(snap.scope).toEqual({ allVisibleSubscriptions: true, azureCollected: true, m365Collected: false });
    expect(snap.subscriptions.map((s) => s.subscriptionId)).toEqual([SUB2, SUB].sort());
    const prod = snap.subscriptions.find((s) => s.subscriptionId === SUB)!;
    expect(prod.tags).toEqual({ informationsklass: "2" });
    expect(prod.collections.storageAccounts?.map((a) => a.name)).toEqual(["stdata01"]);
    expect(prod.collections.vaultKeys?.map((k) => k.name)).toEqual(["cmk-storage"]);
    expect(prod.collections.providers).toHaveLength(2);
    expect(prod.managementGroupAncestors).toEqual([TENANT, "mg-kommun"]);
    const dev = snap.subscriptions.find((s) => s.subscriptionId === SUB2)!;
    expect(dev.collections.storageAccounts).toBeUndefined();
    expect(dev.collections.keyVaults).toHaveLength(1);
    expect(snap.coverage.map((c) => [c.scope, c.collection, c.code, c.permission])).toEqual([
      [`/subscriptions/${SUB2}`, "storageAccounts", "AuthorizationFailed", "Microsoft.Storage/storageAccounts/read"],
    ]);
    expect(snap.regions.map((r) => [r.name, r.pairedRegion])).toEqual([
      ["swedencentral", ["swedensouth"]],
      ["polandcentral", []],
    ]);
    expect(snap.tenant.customerLockbox).toEqual({ isOptedIn: true });
    expect(snap.tenant.m365).toBeUndefined();
    expect(requests.some((r) => r.includes("/v1.0/"))).toBe(false);
    expect(snap.identity).toEqual({ authMethod: "test" }); // static token: no claims
    expect(events.filter((e) => e.phase === "done" && e.collector === "storage").map((e) => e.count)).toEqual(expect.arrayContaining([1, 0]));
    expect(snap.apiVersions.subscriptions).toBe("2022-12-01");
  });

  it("narrows to requested subscriptions case-insensitively and reports invisible ones", async () => {
    arm()
      .get("/subscriptions")
      .query(true)
      .reply(200, { value: [subscription(SUB, "Prod"), subscription(SUB2, "Dev")] });
    mockSubscription(SUB, { storageNotRegistered: true });
    mockLockbox();
    mockManagementGroups([SUB, SUB2]);
    const snap = await collect(options({ subscriptions: [SUB.toUpperCase(), SUB3] }));
    expect(snap.subscriptions.map((s) => s.subscriptionId)).toEqual([SUB]);
    expect(snap.scope).toEqual({ allVisibleSubscriptions: false, requestedSubscriptions: [SUB.toUpperCase(), SUB3], azureCollected: true, m365Collected: false });
    expect(snap.subscriptions[0]?.notRegisteredProviders).toEqual(["Microsoft.Storage"]);
    expect(snap.subscriptions[0]?.collections.storageAccounts).toEqual([]);
    expect(snap.coverage).toEqual([
      {
        scope: `/subscriptions/${SUB3}`,
        collection: "subscriptions",
        operation: "GET /subscriptions",
        code: "SubscriptionNotVisible",
        message: `Subscription ${SUB3} is named with --subscriptions or in the configuration but not visible to this identity (not in GET /subscriptions). Check the id, or grant the identity Reader on the subscription or on a management group above it.`,
        permission: "Microsoft.Resources/subscriptions/read",
      },
    ]);
    // No blinds in new snapshots: the collector knows nothing of the rules.
    expect(snap.coverage.every((c) => !("blinds" in c))).toBe(true);
    expect(requests.some((r) => r.includes(SUB2))).toBe(false);
  });

  it("no visible subscription → one NoVisibleSubscription entry on the tenant", async () => {
    arm().get("/subscriptions").query(true).reply(200, { value: [] });
    mockLockbox();
    mockManagementGroups([]);
    const snap = await collect(options({ tenantId: TENANT }));
    expect(snap.subscriptions).toEqual([]);
    expect(snap.coverage).toEqual([
      {
        scope: `/tenants/${TENANT}`,
        collection: "subscriptions",
        operation: "GET /subscriptions",
        code: "NoVisibleSubscription",
        message:
          "The identity sees no subscription (GET /subscriptions returned none), so no Azure resource was assessed. Grant it the Reader role on the subscriptions to audit, or on a management group above them (the tenant root group for all).",
        permission: "Microsoft.Resources/subscriptions/read",
      },
    ]);
  });

  it("a failed subscription list is its own gap, without NoVisibleSubscription or per-id entries", async () => {
    arm()
      .get("/subscriptions")
      .query(true)
      .reply(403, { error: { code: "AuthorizationFailed", message: "The client does not have authorization to perform action 'Microsoft.Resources/subscriptions/read'." } });
    mockLockbox();
    mockManagementGroups([SUB]);
    const snap = await collect(options({ tenantId: TENANT, subscriptions: [SUB] }));
    expect(snap.coverage.map((c) => [c.scope, c.collection, c.httpStatus, c.code])).toEqual([[`/tenants/${TENANT}`, "subscriptions", 403, "AuthorizationFailed"]]);
  });

  it("a subscription in the management-group tree but not in GET /subscriptions → SubscriptionNotVisible", async () => {
    arm().get("/subscriptions").query(true).reply(200, { value: [subscription(SUB, "Prod")] });
    mockSubscription(SUB);
    mockLockbox();
    // SUB3 sits under mg-kommun but GET /subscriptions does not return it.
    mockManagementGroups([SUB, SUB3]);
    const snap = await collect(options());
    expect(snap.subscriptions.map((s) => s.subscriptionId)).toEqual([SUB]);
    expect(snap.coverage).toEqual([
      {
        scope: `/subscriptions/${SUB3}`,
        collection: "subscriptions",
        operation: "GET /subscriptions",
        code: "SubscriptionNotVisible",
        message: `Subscription ${SUB3} is in the management-group tree but not visible to this identity (not in GET /subscriptions). Grant the identity Reader on the subscription or on a management group above it.`,
        permission: "Microsoft.Resources/subscriptions/read",
      },
    ]);
  });

  it("a --subscriptions id that is also in the management-group tree gets one SubscriptionNotVisible entry, not two", async () => {
    arm().get("/subscriptions").query(true).reply(200, { value: [subscription(SUB, "Prod")] });
    mockSubscription(SUB);
    mockLockbox();
    mockManagementGroups([SUB, SUB3.toUpperCase()]);
    const snap = await collect(options({ subscriptions: [SUB, SUB3] }));
    expect(snap.coverage.map((c) => [c.scope, c.code])).toEqual([[`/subscriptions/${SUB3}`, "SubscriptionNotVisible"]]);
    expect(snap.coverage[0]?.message).toContain("named with --subscriptions");
  });

  it("a visible subscription left out by --subscriptions, or a visible Disabled one, is not SubscriptionNotVisible", async () => {
    arm()
      .get("/subscriptions")
      .query(true)
      .reply(200, { value: [subscription(SUB, "Prod"), { ...subscription(SUB2, "Old"), state: "Disabled" }] });
    mockSubscription(SUB2, { state: "Disabled" });
    mockLockbox();
    mockManagementGroups([SUB, SUB2]);
    const snap = await collect(options({ subscriptions: [SUB2] }));
    expect(snap.subscriptions.map((s) => [s.subscriptionId, s.state])).toEqual([[SUB2, "Disabled"]]);
    expect(snap.coverage).toEqual([]);
  });

  it("azure: false sends no ARM request, records no NoVisibleSubscription and says so in scope", async () => {
    const credential = staticCredential();
    const g = nock("https://graph.microsoft.com").on("request", record);
    g.get("/v1.0/organization").reply(200, { value: [{ id: TENANT, displayName: "Exempelkommun" }] });
    g.get("/v1.0/users").query(true).reply(200, { value: [] });
    g.get("/v1.0/groups").query(true).reply(200, { value: [] });
    g.get("/v1.0/sites/getAllSites").query(true).reply(200, { value: [] });
    g.get("/v1.0/sites/root").query(true).reply(200, { id: "exempelkommun.sharepoint.com,bf6fb551-d508-4946-a439-b2a6154fc1d9,65a04b8b-1f44-442b-a1fc-9e5852fb946c", webUrl: "https://exempelkommun.sharepoint.com", siteCollection: { hostname: "exempelkommun.sharepoint.com" } });
    g.get("/v1.0/subscribedSkus").reply(200, { value: [] });
    const completed: string[] = [];
    const snap = await collect(options({ credential, azure: false, m365: true, tenantId: TENANT, onCollectionComplete: (c) => completed.push(c) }));
    expect(requests.filter((r) => !r.startsWith("GET /v1.0/"))).toEqual([]);
    expect(credential.scopes).not.toContain("https://management.azure.com/.default");
    expect(snap.scope).toEqual({ allVisibleSubscriptions: false, azureCollected: false, m365Collected: true });
    expect(snap.subscriptions).toEqual([]);
    expect(snap.coverage).toEqual([]);
    expect(snap.tenant.customerLockbox).toBeUndefined();
    expect(snap.tenant.m365?.organization).toHaveLength(1);
    expect(completed).toContain("subscriptions");
    expect(completed).toContain("storageAccounts");
  });

  it("reads identity claims from a JWT without storing the token", async () => {
    const token = jwt({ tid: TENANT, oid: "0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6", appid: "5e6f7a8b-0000-4000-8000-000000000001" });
    nock(ARM, { reqheaders: { authorization: `Bearer ${token}` } })
      .on("request", record)
      .get("/subscriptions")
      .query(true)
      .reply(200, { value: [] })
      .get(`/providers/Microsoft.CustomerLockbox/tenantOptedIn/${TENANT}`)
      .query(true)
      .reply(200, { isOptedIn: false })
      .get(MG_ROOT)
      .query(true)
      .reply(200, mgTree([]));
    const snap = await collect(options({ credential: staticCredential(token) }));
    expect(snap.identity).toEqual({
      authMethod: "test",
      tenantId: TENANT,
      objectId: "0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6",
      clientId: "5e6f7a8b-0000-4000-8000-000000000001",
    });
    expect(snap.tenant.tenantId).toBe(TENANT);
    expect(JSON.stringify(snap)).not.toContain(token.split(".")[1]);
  });

  it("with m365: true reads Graph into tenant.m365", async () => {
    arm().get("/subscriptions").query(true).reply(200, { value: [] });
    mockLockbox();
    mockManagementGroups([]);
    const g = nock("https://graph.microsoft.com").on("request", record);
    g.get("/v1.0/organization").reply(200, { value: [{ id: TENANT, displayName: "Exempelkommun" }] });
    g.get("/v1.0/users").query(true).reply(200, { value: [{ id: "u1", preferredDataLocation: "SWE" }] });
    g.get("/v1.0/groups").query(true).reply(200, { value: [] });
    g.get("/v1.0/sites/getAllSites").query(true).reply(200, { value: [] });
    g.get("/v1.0/sites/root").query(true).reply(200, { id: "exempelkommun.sharepoint.com,bf6fb551-d508-4946-a439-b2a6154fc1d9,65a04b8b-1f44-442b-a1fc-9e5852fb946c", webUrl: "https://exempelkommun.sharepoint.com", siteCollection: { hostname: "exempelkommun.sharepoint.com" } });
    g.get("/v1.0/subscribedSkus").reply(200, { value: [] });
    const snap = await collect(options({ m365: true, tenantId: TENANT }));
    expect(snap.scope.m365Collected).toBe(true);
    expect(snap.tenant.m365?.users).toEqual([{ id: "u1", preferredDataLocation: "SWE" }]);
    expect(snap.tenant.displayName).toBe("Exempelkommun");
  });

  it("rejects with AbortError when aborted, without sending requests", async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(collect(options({ signal: ac.signal }))).rejects.toMatchObject({ name: "AbortError" });
    expect(requests).toEqual([]);
  });

  it("wires every subscription collector, including collectors-2's", () => {
    expect(SUBSCRIPTION_COLLECTORS.map((c) => c.name)).toHaveLength(13);
    const collections = SUBSCRIPTION_COLLECTORS.flatMap((c) => c.collections);
    for (const c of ["locations", "storageAccounts", "vaultKeys", "sqlServers", "cosmosDbAccounts", "disks", "policyAssignments", "containerRegistries", "dataProtectionBackupVaults"]) {
      expect(collections).toContain(c);
    }
  });

  it("decodeTokenIdentity prefers appid, falls back to azp, ignores non-JWTs", () => {
    expect(decodeTokenIdentity(jwt({ azp: "client-a", tid: "t" }))).toEqual({ clientId: "client-a", tenantId: "t" });
    expect(decodeTokenIdentity("test-token")).toEqual({});
    expect(decodeTokenIdentity("a.!!!.c")).toEqual({});
  });
});
