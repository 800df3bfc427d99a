import { describe, expect, it } from "vitest";
import nock from "nock";
import { SqlManagementClient } from "@azure/arm-sql";
import { StorageManagementClient } from "@azure/arm-storage";
import { ResourceManagementClient } from "@azure/arm-resources";
import { capturePage, checkNextLink } from "../../src/collectors/capture.js";
import { CollectionError, describeFailure } from "../../src/collectors/failures.js";
import { backoffDelay, retryAfterMs } from "../../src/collectors/http-policies.js";
import { DOCUMENTED_ABSENCES, documentedAbsence } from "../../src/collectors/absence.js";
import { CLOUDS, resolveCloud } from "../../src/collectors/cloud.js";
import { createGraphCollector } from "../../src/collectors/m365/graph.js";
import { storageAccount } from "./fixtures.js";
import { ARM, SUB, SUB2, SUB_ID, arm, forbidden, harness, record, requests, useNock } from "./helpers.js";

const SQL_PATH = `/subscriptions/${SUB}/providers/Microsoft.Sql/servers`;
const ST_PATH = `/subscriptions/${SUB}/providers/Microsoft.Storage/storageAccounts`;

function sqlServer(name: string) {
  return {
    id: `/subscriptions/${SUB}/resourceGroups/rg-db/providers/Microsoft.Sql/servers/${name}`,
    name,
    type: "Microsoft.Sql/servers",
    location: "swedencentral",
    kind: "v12.0",
    tags: {},
    properties: {
      administratorLogin: "sqladmin",
      version: "12.0",
      state: "Ready",
      fullyQualifiedDomainName: `${name}.database.windows.net`,
      minimalTlsVersion: "1.2",
      publicNetworkAccess: "Disabled",
      keyId: "https://kv-cmk-sc.vault.azure.net/keys/cmk-sql/0a1b2c3d4e5f60718293a4b5c6d7e8f9",
    },
  };
}

describe("raw capture policy", () => {
  useNock();

  it("captures every page of a classic (core-client) SDK list as raw payloads", async () => {
    const { ctx } = harness();
    arm()
      .get(SQL_PATH)
      .query(true)
      .reply(200, { value: [sqlServer("sql-a")], nextLink: `${ARM}${SQL_PATH}?api-version=2022-08-01-preview&$skipToken=2` })
      .get(SQL_PATH)
      .query({ "api-version": "2022-08-01-preview", $skipToken: "2" })
      .reply(200, { value: [sqlServer("sql-b")] });
    const sql = new SqlManagementClient(ctx.credential, SUB, ctx.armClientOptions);
    const items = await ctx.read(
      { subscriptionId: SUB, scope: SUB_ID, collection: "sqlServers", operation: "GET sql servers" },
      () => ctx.drain(sql.servers.list()),
    );
    expect(items?.map((s) => s.name)).toEqual(["sql-a", "sql-b"]);
    // The classic SDK model flattens `properties`; the capture keeps the REST shape.
    expect(items?.[0]?.properties).toMatchObject({ keyId: expect.stringContaining("cmk-sql") });
    expect(items?.[0]).not.toHaveProperty("keyId");
  });

  it("captures every page of a modular (rest-core-client) SDK list as raw payloads", async () => {
    const { ctx } = harness();
    arm()
      .get(ST_PATH)
      .query(true)
      .reply(200, { value: [storageAccount("sta")], nextLink: `${ARM}${ST_PATH}?api-version=2026-09-01&$skiptoken=2` })
      .get(ST_PATH)
      .query({ "api-version": "2026-09-01", $skiptoken: "2" })
      .reply(200, { value: [storageAccount("stb")], nextLink: `${ARM}${ST_PATH}?api-version=2026-09-01&$skiptoken=3` })
      .get(ST_PATH)
      .query({ "api-version": "2026-09-01", $skiptoken: "3" })
      .reply(200, { value: [storageAccount("stc")] });
    const st = new StorageManagementClient(ctx.credential, SUB, ctx.armClientOptions);
    const items = await ctx.read(
      { subscriptionId: SUB, scope: SUB_ID, collection: "storageAccounts", operation: "GET storage" },
      () => ctx.drain(st.storageAccounts.list()),
    );
    expect(items?.map((s) => s.name)).toEqual(["sta", "stb", "stc"]);
  });

  it("captures a single GET body", async () => {
    const { ctx } = harness();
    const rg = { id: `${SUB_ID}/resourceGroups/rg-a`, name: "rg-a", type: "Microsoft.Resources/resourceGroups", location: "swedencentral", properties: { provisioningState: "Succeeded" } };
    arm().get(`${SUB_ID}/resourcegroups/rg-a`).query(true).reply(200, rg);
    const rm = new ResourceManagementClient(ctx.credential, SUB, ctx.armClientOptions);
    const items = await ctx.read({ subscriptionId: SUB, scope: SUB_ID, collection: "resourceGroups", operation: "GET rg" }, () =>
      rm.resourceGroups.get("rg-a"),
    );
    expect(items).toEqual([rg]);
  });

  it("a 404 is a gap; only 409 MissingSubscriptionRegistration (any case) or NotRegistered/Unregistered providers prove absence", async () => {
    const { ctx, snap, sub } = harness();
    const st = new StorageManagementClient(ctx.credential, SUB, ctx.armClientOptions);
    const read = () => ctx.read({ subscriptionId: SUB, scope: SUB_ID, collection: "storageAccounts", operation: "GET storage", providerNamespace: "Microsoft.Storage" }, () => ctx.drain(st.storageAccounts.list()));
    arm().get(ST_PATH).query(true).reply(404, { error: { code: "ResourceNotFound", message: "The resource was not found." } });
    expect(await read()).toBeUndefined();
    arm().get(ST_PATH).query(true).reply(409, { error: { code: "Conflict", message: "Another operation is in progress." } });
    expect(await read()).toBeUndefined();
    arm().get(ST_PATH).query(true).reply(400, { error: { code: "BadRequest", message: "The request is invalid." } });
    expect(await read()).toBeUndefined();
    expect(snap.coverage.map((c) => [c.httpStatus, c.code])).toEqual([
      [404, "ResourceNotFound"],
      [409, "Conflict"],
      [400, "BadRequest"],
    ]);
    expect(sub.notRegisteredProviders).toBeUndefined();
    arm().get(ST_PATH).query(true).reply(409, { error: { code: "missingSubscriptionRegistration", message: "The subscription is not registered to use namespace 'Microsoft.Storage'." } });
    expect(await read()).toEqual([]);
    expect(sub.notRegisteredProviders).toEqual(["Microsoft.Storage"]);
    expect(snap.coverage).toHaveLength(3);
    ctx.setProviders(SUB, [{ id: `${SUB_ID}/providers/Microsoft.Sql`, namespace: "Microsoft.Sql", registrationState: "unregistered" }]);
    expect(ctx.isRegistered(SUB, "microsoft.sql")).toBe(false);
  });

  it("a documented absence (absence.ts) is empty without coverage; the same status with another code is a gap", async () => {
    const { ctx, snap } = harness();
    const server = `${SUB_ID}/resourceGroups/rg-db/providers/Microsoft.Sql/servers/sql-gone`;
    const sql = new SqlManagementClient(ctx.credential, SUB, ctx.armClientOptions);
    const read = () =>
      ctx.read(
        { subscriptionId: SUB, scope: server, collection: "sqlEncryptionProtectors", operation: `GET ${server}/encryptionProtector/current`, providerNamespace: "Microsoft.Sql" },
        () => sql.encryptionProtectors.get("rg-db", "sql-gone", "current"),
      );
    arm().get(`${server}/encryptionProtector/current`).query(true).reply(404, { error: { code: "SubscriptionDoesNotHaveServer", message: "The requested server 'sql-gone' was not found." } });
    expect(await read()).toEqual([]);
    arm().get(`${server}/encryptionProtector/current`).query(true).reply(404, { error: { code: "ResourceNotFound", message: "The requested resource was not found." } });
    expect(await read()).toBeUndefined();
    expect(snap.coverage.map((c) => [c.scope, c.httpStatus, c.code])).toEqual([[server, 404, "ResourceNotFound"]]);
  });

  it("the absence table: each row names a 400/404 code, a spec path and an example, and matches only its own read", () => {
    expect(DOCUMENTED_ABSENCES.length).toBeGreaterThan(0);
    for (const row of DOCUMENTED_ABSENCES) {
      expect([400, 404]).toContain(row.status);
      expect(row.code).toMatch(/^\w+$/);
      expect(row.spec.path).toMatch(/^specification\/.+\.json$/);
      expect(row.spec.example).toMatch(/^specification\/.+\/examples\/.+\.json$/);
      expect(row.why).toMatch(/\S/);
    }
    const op = `GET ${SUB_ID}/resourceGroups/rg/providers/Microsoft.Sql/servers/s1/encryptionProtector/current`;
    expect(documentedAbsence({ collection: "sqlEncryptionProtectors", operation: op }, { httpStatus: 404, code: "ServerNotInSubscriptionResourceGroup" })).toBeDefined();
    expect(documentedAbsence({ collection: "sqlEncryptionProtectors", operation: op }, { httpStatus: 400, code: "ServerNotInSubscriptionResourceGroup" })).toBeUndefined();
    expect(documentedAbsence({ collection: "sqlManagedInstanceEncryptionProtectors", operation: op }, { httpStatus: 404, code: "ServerNotInSubscriptionResourceGroup" })).toBeUndefined();
    expect(documentedAbsence({ collection: "storageAccounts", operation: "GET /subscriptions/{s}/providers/Microsoft.Storage/storageAccounts" }, { httpStatus: 404, code: "SubscriptionDoesNotHaveServer" })).toBeUndefined();
  });

  it("classic client: truncated JSON → MalformedResponse, 403 keeps ARM's code and message", async () => {
    const { ctx, snap } = harness();
    arm().get(SQL_PATH).query(true).reply(200, '{"value":[{"id":"/subscriptions/x', { "Content-Type": "application/json" });
    arm()
      .get(`/subscriptions/${SUB}/providers/Microsoft.Sql/managedInstances`)
      .query(true)
      .reply(403, forbidden("Microsoft.Sql/managedInstances/read", SUB_ID));
    const sql = new SqlManagementClient(ctx.credential, SUB, ctx.armClientOptions);
    const a = await ctx.read({ subscriptionId: SUB, scope: SUB_ID, collection: "sqlServers", operation: "GET servers" }, () =>
      ctx.drain(sql.servers.list()),
    );
    const b = await ctx.read({ subscriptionId: SUB, scope: SUB_ID, collection: "sqlManagedInstances", operation: "GET mi" }, () =>
      ctx.drain(sql.managedInstances.list()),
    );
    expect(a).toBeUndefined();
    expect(b).toBeUndefined();
    expect(snap.coverage.map((c) => [c.collection, c.httpStatus, c.code])).toEqual([
      ["sqlServers", 200, "MalformedResponse"],
      ["sqlManagedInstances", 403, "AuthorizationFailed"],
    ]);
    expect(snap.coverage[1]?.message).toContain("does not have authorization to perform action 'Microsoft.Sql/managedInstances/read'");
  });

  it("classic client: a 429 without Retry-After is retried too", async () => {
    const { ctx, snap } = harness();
    arm()
      .get(SQL_PATH)
      .query(true)
      .reply(429, { error: { code: "TooManyRequests", message: "throttled" } })
      .get(SQL_PATH)
      .query(true)
      .reply(200, { value: [sqlServer("sql-a")] });
    const sql = new SqlManagementClient(ctx.credential, SUB, ctx.armClientOptions);
    const items = await ctx.read({ subscriptionId: SUB, scope: SUB_ID, collection: "sqlServers", operation: "GET servers" }, () =>
      ctx.drain(sql.servers.list()),
    );
    expect(items?.map((s) => s.name)).toEqual(["sql-a"]);
    expect(snap.coverage).toEqual([]);
  });

  it("sends the cloud's ARM scope, the user agent and the api-version it records", async () => {
    const { ctx, snap } = harness();
    nock(ARM, { reqheaders: { authorization: "Bearer test-token", "user-agent": /^hemvist\/0\.0\.0-test / } })
      .on("request", record)
      .get(ST_PATH)
      .query(true)
      .reply(200, { value: [] });
    const st = new StorageManagementClient(ctx.credential, SUB, ctx.armClientOptions);
    await ctx.read({ subscriptionId: SUB, scope: SUB_ID, collection: "storageAccounts", operation: "GET storage" }, () =>
      ctx.drain(st.storageAccounts.list()),
    );
    expect((ctx.credential as unknown as { scopes: string[] }).scopes).toEqual(["https://management.azure.com/.default"]);
    const sent = new URL(`${ARM}${requests[0]!.slice(4)}`).searchParams.get("api-version");
    expect(sent).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(snap.apiVersions.storageAccounts).toBe(sent);
  });

  it("records a request that exceeds the timeout as Timeout coverage", async () => {
    const { ctx, snap } = harness({ timeoutMs: 100, retry: { maxRetries: 0, retryDelayInMs: 1, maxRetryDelayInMs: 1 } });
    arm().get(ST_PATH).query(true).delay(2_000).reply(200, { value: [] });
    const st = new StorageManagementClient(ctx.credential, SUB, ctx.armClientOptions);
    const t0 = Date.now();
    const items = await ctx.read({ subscriptionId: SUB, scope: SUB_ID, collection: "storageAccounts", operation: "GET storage" }, () =>
      ctx.drain(st.storageAccounts.list()),
    );
    expect(Date.now() - t0).toBeLessThan(1_500);
    expect(items).toBeUndefined();
    expect(snap.coverage.map((c) => c.code)).toEqual(["Timeout"]);
  });

  it("brakes a subscription whose remaining-reads header runs low", async () => {
    const { ctx } = harness({ rateLimit: { threshold: 25, refillPerSecond: 100 } });
    const times: number[] = [];
    const stamp = () => times.push(Date.now());
    arm()
      .get(ST_PATH)
      .query(true)
      .reply(() => {
        stamp();
        return [200, { value: [] }, { "x-ms-ratelimit-remaining-subscription-reads": "5" }];
      })
      .get(ST_PATH)
      .query(true)
      .reply(() => {
        stamp();
        return [200, { value: [] }, { "x-ms-ratelimit-remaining-subscription-reads": "249" }];
      })
      .get(ST_PATH)
      .query(true)
      .reply(() => {
        stamp();
        return [200, { value: [] }];
      });
    const st = new StorageManagementClient(ctx.credential, SUB, ctx.armClientOptions);
    const read = () =>
      ctx.read({ subscriptionId: SUB, scope: SUB_ID, collection: "storageAccounts", operation: "GET storage" }, () => ctx.drain(st.storageAccounts.list()));
    await read();
    await read();
    await read();
    // 5 left of threshold 25 at 100/s refill → wait ≈ 200 ms before the next request; then none.
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(180);
    expect(times[2]! - times[1]!).toBeLessThan(150);
  });

  it("releases a braked subscription's waiting reads one refill interval apart, not all at once", async () => {
    // Threshold 25, refill 50/s: 0 left → wait 500 ms, then one read every 20 ms.
    const { ctx } = harness({ rateLimit: { threshold: 25, refillPerSecond: 50 } });
    const times: number[] = [];
    arm()
      .get(ST_PATH)
      .query(true)
      .reply(() => {
        times.push(Date.now());
        return [200, { value: [] }, { "x-ms-ratelimit-remaining-subscription-reads": "0" }];
      })
      .get(ST_PATH)
      .query(true)
      .times(4)
      .reply(() => {
        times.push(Date.now());
        return [200, { value: [] }, { "x-ms-ratelimit-remaining-subscription-reads": "200" }];
      });
    const st = new StorageManagementClient(ctx.credential, SUB, ctx.armClientOptions);
    // Child-scoped reads, so four run at once in the subscription's child lane.
    const read = (i: number) =>
      ctx.read({ subscriptionId: SUB, scope: `${SUB_ID}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/s${i}`, collection: "storageAccounts", operation: "GET storage" }, () => ctx.drain(st.storageAccounts.list()));
    await read(0);
    await Promise.all([1, 2, 3, 4].map(read));
    expect(times).toHaveLength(5);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(480);
    // The brake starts once read 0's answer (times[0]) is back: read k is released no sooner than
    // 500 ms + 20 ms × (k − 1) after it (absolute release times), and answered no sooner than released.
    // A loaded machine only delays answers, so these lower bounds hold under any load (a span between
    // two answers does not: read 1's answer can be late and read 2's not). All at once would answer
    // reads 3 and 4 about 500 ms after read 0, below their bounds of 535 and 555.
    for (let i = 2; i < 5; i++) expect(times[i]! - times[0]!, `read ${i}`).toBeGreaterThanOrEqual(500 + 20 * (i - 1) - 5);
  });

  it("reads the wait a 429 asks for: Retry-After in seconds or as a date, retry-after-ms, x-ms-retry-after-ms", () => {
    const res = (headers: Record<string, string>) => ({ headers: { get: (h: string) => headers[h] } }) as unknown as Parameters<typeof retryAfterMs>[0];
    expect(retryAfterMs(res({ "retry-after": "3" }))).toBe(3000);
    expect(retryAfterMs(res({ "retry-after-ms": "250", "retry-after": "3" }))).toBe(250);
    expect(retryAfterMs(res({ "x-ms-retry-after-ms": "40" }))).toBe(40);
    const inTwo = retryAfterMs(res({ "retry-after": new Date(Date.now() + 2000).toUTCString() }))!;
    expect(inTwo).toBeGreaterThan(900);
    expect(inTwo).toBeLessThanOrEqual(2000);
    expect(retryAfterMs(res({ "retry-after": "soon" }))).toBeUndefined();
    expect(retryAfterMs(res({}))).toBeUndefined();
  });
});

describe("sovereign clouds and endpoint overrides", () => {
  useNock();

  it("asks for the cloud's token scope with both SDK styles and Graph, while requests go to the override", async () => {
    const cloud = resolveCloud("AzureUSGovernment", { armEndpoint: "https://arm.emulator.test:8443", graphEndpoint: "https://graph.emulator.test:8444" });
    const { ctx, snap } = harness({ cloud });
    const ARM_GOV = "https://arm.emulator.test:8443";
    nock(ARM_GOV, { reqheaders: { authorization: "Bearer test-token" } })
      .on("request", record)
      .get(ST_PATH)
      .query(true)
      .reply(200, { value: [storageAccount("stgov")] })
      .get(SQL_PATH)
      .query(true)
      .reply(200, { value: [sqlServer("sql-gov")] });
    // customHosts: the Graph auth handler must attach the token to the override host too.
    nock("https://graph.emulator.test:8444", { reqheaders: { authorization: "Bearer test-token" } })
      .on("request", record)
      .get("/v1.0/organization")
      .reply(200, { value: [{ id: "t", displayName: "Gov" }] })
      .get("/v1.0/users")
      .query(true)
      .reply(200, { value: [] })
      .get("/v1.0/groups")
      .query(true)
      .reply(200, { value: [] })
      .get("/v1.0/sites/getAllSites")
      .query(true)
      .reply(200, { value: [] })
      .get("/v1.0/sites/root")
      .query(true)
      .reply(200, { id: "gov.sharepoint.com,5a58bb09-1fba-41c1-8125-69da264370a0,9f2ec1da-0be4-4a74-9254-973f0add78fd", webUrl: "https://gov.sharepoint.com", siteCollection: { hostname: "gov.sharepoint.com" } })
      .get("/v1.0/subscribedSkus")
      .reply(200, { value: [] });
    const st = new StorageManagementClient(ctx.credential, SUB, ctx.armClientOptions);
    const sql = new SqlManagementClient(ctx.credential, SUB, ctx.armClientOptions);
    const a = await ctx.read({ subscriptionId: SUB, scope: SUB_ID, collection: "storageAccounts", operation: "GET storage" }, () =>
      ctx.drain(st.storageAccounts.list()),
    );
    const b = await ctx.read({ subscriptionId: SUB, scope: SUB_ID, collection: "sqlServers", operation: "GET sql" }, () => ctx.drain(sql.servers.list()));
    await createGraphCollector({ retry: { maxRetries: 0, retryDelayInMs: 1, maxRetryDelayInMs: 1 } }).collect(ctx, snap);
    expect(a?.map((x) => x.name)).toEqual(["stgov"]);
    expect(b?.map((x) => x.name)).toEqual(["sql-gov"]);
    expect(snap.tenant.m365?.organization).toEqual([{ id: "t", displayName: "Gov" }]);
    expect(new Set((ctx.credential as unknown as { scopes: string[] }).scopes)).toEqual(
      new Set(["https://management.usgovcloudapi.net/.default", "https://graph.microsoft.us/.default"]),
    );
    expect(snap.coverage).toEqual([]);
  });

});

describe("network failures", () => {
  it("a refused connection becomes NetworkError coverage", async () => {
    // A real refused connection on loopback (port 1 has no listener); nock lets loopback through for this test.
    nock.enableNetConnect("127.0.0.1:1");
    const { ctx, snap } = harness({
      cloud: resolveCloud("AzureCloud", { armEndpoint: "https://127.0.0.1:1" }),
      retry: { maxRetries: 1, retryDelayInMs: 1, maxRetryDelayInMs: 2 },
    });
    const st = new StorageManagementClient(ctx.credential, SUB, ctx.armClientOptions);
    const items = await ctx.read({ subscriptionId: SUB, scope: SUB_ID, collection: "storageAccounts", operation: "GET storage" }, () =>
      ctx.drain(st.storageAccounts.list()),
    ).finally(() => nock.disableNetConnect());
    expect(items).toBeUndefined();
    expect(snap.coverage.map((c) => [c.code, c.httpStatus])).toEqual([["NetworkError", undefined]]);
    expect(snap.coverage[0]?.message).toContain("ECONNREFUSED");
  });
});

describe("limiters", () => {
  useNock();

  async function maxInFlight(opts: { concurrency: number; perSubscriptionConcurrency: number }, subs: string[], n: number) {
    const { ctx } = harness(opts);
    let inFlight = 0;
    let max = 0;
    const perSub = new Map<string, number>();
    let maxPerSub = 0;
    await Promise.all(
      Array.from({ length: n }, (_, i) => {
        const s = subs[i % subs.length]!;
        // Alternately a subscription-level list and a child read (the two lanes).
        const scope = Math.floor(i / subs.length) % 2 === 0 ? `/subscriptions/${s}` : `/subscriptions/${s}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/v${i}`;
        return ctx.read({ subscriptionId: s, scope, collection: "resources", operation: "GET x" }, async () => {
          inFlight++;
          perSub.set(s, (perSub.get(s) ?? 0) + 1);
          max = Math.max(max, inFlight);
          maxPerSub = Math.max(maxPerSub, perSub.get(s)!);
          await new Promise((r) => setTimeout(r, 15));
          inFlight--;
          perSub.set(s, perSub.get(s)! - 1);
        });
      }),
    );
    return { max, maxPerSub };
  }

  it("bounds reads globally", async () => {
    expect(await maxInFlight({ concurrency: 3, perSubscriptionConcurrency: 10 }, [SUB], 12)).toEqual({ max: 3, maxPerSub: 3 });
  });

  it("bounds reads per subscription while subscriptions run in parallel", async () => {
    expect(await maxInFlight({ concurrency: 8, perSubscriptionConcurrency: 2 }, [SUB, SUB2], 12)).toEqual({ max: 4, maxPerSub: 2 });
    // 6 per subscription: at most 2 lists and 4 child reads at once.
    expect(await maxInFlight({ concurrency: 64, perSubscriptionConcurrency: 6 }, [SUB], 40)).toEqual({ max: 6, maxPerSub: 6 });
    expect(await maxInFlight({ concurrency: 64, perSubscriptionConcurrency: 1 }, [SUB], 6)).toEqual({ max: 1, maxPerSub: 1 });
  });

  it("refuses a read nested in another read (it could deadlock the limiters)", async () => {
    const { ctx } = harness();
    const outer = ctx.read({ scope: "/", collection: "resources", operation: "outer" }, () =>
      ctx.read({ scope: "/", collection: "resources", operation: "inner" }, async () => undefined),
    );
    await expect(outer).rejects.toThrow(/inside another read/);
  });
});

describe("abort", () => {
  useNock();

  it("rejects promptly with AbortError when the signal fires mid-request", async () => {
    const ac = new AbortController();
    const { ctx, snap } = harness({ signal: ac.signal });
    nock(ARM).get(ST_PATH).query(true).delay(3_000).reply(200, { value: [] });
    const st = new StorageManagementClient(ctx.credential, SUB, ctx.armClientOptions);
    const t0 = Date.now();
    setTimeout(() => ac.abort(), 50);
    await expect(
      ctx.read({ subscriptionId: SUB, scope: SUB_ID, collection: "storageAccounts", operation: "GET storage" }, () => ctx.drain(st.storageAccounts.list())),
    ).rejects.toMatchObject({ name: "AbortError" });
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(snap.coverage).toEqual([]);
    nock.abortPendingRequests();
    nock.cleanAll();
  });
});

describe("pure helpers", () => {
  it("capturePage (for self-paging readers) refuses a page without value and a repeated nextLink", async () => {
    const { ctx, snap } = harness();
    const read = (collection: "m365Users" | "m365Groups", fn: () => Promise<void>) =>
      ctx.read({ scope: `/tenants/t/${collection}`, collection, operation: "GET x" }, fn);
    const a = await read("m365Users", async () => capturePage({ "@odata.context": "x" }, { list: true }));
    const b = await read("m365Groups", async () => {
      capturePage({ value: [{ id: "1" }], "@odata.nextLink": "https://graph/next" }, { list: true, nextLinkKey: "@odata.nextLink" });
      capturePage({ value: [{ id: "2" }], "@odata.nextLink": "https://graph/next" }, { list: true, nextLinkKey: "@odata.nextLink" });
    });
    const c = await read("m365Users", async () => {
      capturePage({ value: [{ id: "1" }] }, { list: true });
    });
    expect([a, b, c]).toEqual([undefined, undefined, [{ id: "1" }]]);
    expect(snap.coverage.map((e) => [e.collection, e.code])).toEqual([
      ["m365Users", "MalformedResponse"],
      ["m365Groups", "PagingLoop"],
    ]);
    expect(() => capturePage({ foo: 1 })).not.toThrow(); // outside a read there is nothing to record
    expect(new CollectionError("PagingLoop", "x")).toBeInstanceOf(Error);
  });

  it("describeFailure reads Graph errors and maps timeouts", () => {
    expect(describeFailure({ statusCode: 403, code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation.", body: "{}" })).toEqual({
      httpStatus: 403,
      code: "Authorization_RequestDenied",
      message: "Insufficient privileges to complete the operation.",
    });
    expect(describeFailure({ statusCode: -1, code: "TimeoutError", message: "The operation was aborted due to timeout" }).code).toBe("Timeout");
    expect(describeFailure(new SyntaxError("Unexpected end of JSON input")).code).toBe("MalformedResponse");
  });

  it("backoffDelay grows exponentially, stays within the cap and jitters in [50 %, 100 %]", () => {
    const r = { maxRetries: 5, retryDelayInMs: 100, maxRetryDelayInMs: 1_000 };
    for (let i = 0; i < 50; i++) {
      const d0 = backoffDelay(0, r);
      const d2 = backoffDelay(2, r);
      const d9 = backoffDelay(9, r);
      expect(d0).toBeGreaterThanOrEqual(50);
      expect(d0).toBeLessThanOrEqual(100);
      expect(d2).toBeGreaterThanOrEqual(200);
      expect(d2).toBeLessThanOrEqual(400);
      expect(d9).toBeGreaterThanOrEqual(500);
      expect(d9).toBeLessThanOrEqual(1_000);
    }
  });

  it("resolveCloud keeps the cloud's token scopes when endpoints are overridden", () => {
    const c = resolveCloud("azureusgovernment", { armEndpoint: "https://127.0.0.1:8443/", graphEndpoint: "https://127.0.0.1:8444" });
    expect(c).toMatchObject({
      name: "AzureUSGovernment",
      armEndpoint: "https://127.0.0.1:8443",
      graphEndpoint: "https://127.0.0.1:8444",
      armScope: "https://management.usgovcloudapi.net/.default",
      graphScope: "https://graph.microsoft.us/.default",
    });
    expect(CLOUDS.AzureChinaCloud?.armEndpoint).toBe("https://management.chinacloudapi.cn");
    expect(() => resolveCloud("AzureGermanCloud")).toThrow(/Unknown Azure cloud/);
  });
});

describe("redactSecrets", () => {
  it("removes bearer tokens, Authorization headers, JWTs and assertion values from messages", async () => {
    const { redactSecrets } = await import("../../src/collectors/failures.js");
    const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
    const msg = redactSecrets(`Nock: No match for request {"headers":{"authorization":"Bearer canary-token-123"}} Authorization: Bearer abc.def token ${jwt} client_assertion=${jwt}&x=1`);
    expect(msg).not.toContain("canary-token-123");
    expect(msg).not.toContain("abc.def");
    expect(msg).not.toContain(jwt);
    expect(msg).toContain("[redacted]");
  });
});

describe("server strings at the edge", () => {
  useNock();

  it("a token echoed in the error code is redacted there too (JWT and the run's own opaque token), and a 60 kB code and 10 kB message are cut with a note", async () => {
    const { ctx, snap } = harness();
    const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
    const code = `Bad_test-token_${jwt}_${"x".repeat(60_000)}`;
    const message = `token test-token ${"m".repeat(10_000)}`;
    const long = `Quota.${"y".repeat(60_000)}`;
    arm().get(`${SUB_ID}/providers/Microsoft.Storage/storageAccounts`).query(true).reply(400, { error: { code, message } });
    const st = new StorageManagementClient(ctx.credential, SUB, ctx.armClientOptions);
    const got = await ctx.read({ subscriptionId: SUB, scope: SUB_ID, collection: "storageAccounts", operation: "GET storage" }, () => ctx.drain(st.storageAccounts.list()));
    expect(got).toBeUndefined();
    const [c] = snap.coverage;
    // The JWT's last segment runs on into the x's (both base64url), so they go with it.
    expect(c?.code).toBe("Bad_[redacted]_[redacted-jwt]");
    expect(c?.message).toHaveLength(4096);
    expect(c?.message.startsWith("token [redacted] mmm")).toBe(true);
    expect(c?.message.endsWith(` … [cut: ${message.length - "test-token".length + "[redacted]".length} characters]`)).toBe(true);
    // A long code without a token is cut at 256 characters, with the note.
    const h2 = harness();
    arm().get(`${SUB_ID}/providers/Microsoft.Storage/storageAccounts`).query(true).reply(400, { error: { code: long, message: "m" } });
    const st2 = new StorageManagementClient(h2.ctx.credential, SUB, h2.ctx.armClientOptions);
    await h2.ctx.read({ subscriptionId: SUB, scope: SUB_ID, collection: "storageAccounts", operation: "GET storage" }, () => h2.ctx.drain(st2.storageAccounts.list()));
    expect(h2.snap.coverage[0]?.code).toHaveLength(256);
    expect(h2.snap.coverage[0]?.code.endsWith(` … [cut: ${long.length} characters]`)).toBe(true);
    expect(JSON.stringify(snap)).not.toContain("test-token");
    expect(JSON.stringify(snap)).not.toContain(jwt);
  });
});

describe("checkNextLink: a nextLink stays on the host the read went to", () => {
  const code = (link: string, origin = ARM): string | undefined => {
    try {
      checkNextLink(link, origin);
      return undefined;
    } catch (e) {
      return (e as CollectionError).code;
    }
  };

  it("follows the same host, in any letter case, with its default port spelled out, or relative", () => {
    expect(code(`${ARM}/subscriptions?api-version=2022-12-01&$skiptoken=a`)).toBeUndefined();
    expect(code("https://MANAGEMENT.Azure.COM/subscriptions?$skiptoken=a")).toBeUndefined();
    expect(code("https://management.azure.com:443/subscriptions")).toBeUndefined();
    expect(code("/subscriptions?$skiptoken=a")).toBeUndefined();
    expect(code("https://127.0.0.1:8443/subscriptions", "https://127.0.0.1:8443")).toBeUndefined();
  });

  it("refuses another host, another port, http, other schemes and userinfo tricks", () => {
    for (const link of [
      "https://evil.example/subscriptions",
      "https://management.azure.com.evil.example/subscriptions",
      "https://management.azure.com@evil.example/subscriptions",
      "https://management.azure.com:8443/subscriptions",
      "http://management.azure.com/subscriptions",
      "//evil.example/subscriptions",
      "ftp://management.azure.com/subscriptions",
      "javascript:alert(1)",
    ]) {
      expect([link, code(link)]).toEqual([link, "ForeignNextLink"]);
    }
    expect(code("https://127.0.0.1:9443/x", "https://127.0.0.1:8443")).toBe("ForeignNextLink");
    expect(code("https://management.azure.com/x", "https://127.0.0.1:8443")).toBe("ForeignNextLink");
  });

  it("names the host, never the link", () => {
    try {
      checkNextLink("https://user:pw@evil.example/subscriptions?$skiptoken=SECRET", ARM);
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toContain("'evil.example', not 'management.azure.com'");
      expect((e as Error).message).not.toMatch(/SECRET|skiptoken|pw|user/);
    }
  });
});
