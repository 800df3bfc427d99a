/**
 * The collector context (src/collectors/context.ts) without HTTP where HTTP adds nothing: its
 * defaults and the ARM client options it builds, the limiters' lanes measured with reads held open
 * (no timing: the reads wait on a gate until the test has counted them), the accounting of a read's
 * api-version, items and failures (proven absence, documented gaps, coverage entries), aborts,
 * progress and the provider bookkeeping. A failed read throws what an SDK client throws: a RestError
 * with ARM's error body (the 409 of an unregistered provider, as helpers.ts `notRegistered`).
 */
import { createHttpHeaders, createPipelineRequest, type PipelinePolicy, type PipelineRequest, RestError } from "@azure/core-rest-pipeline";
import { afterEach, describe, expect, it, vi } from "vitest";
import { currentRead } from "../../src/collectors/capture.js";
import { CLOUDS } from "../../src/collectors/cloud.js";
import { createCollectorContext, DEFAULT_PER_SUBSCRIPTION, type FrameworkContext } from "../../src/collectors/context.js";
import { READ_PRIORITY, type ReadRequest } from "../../src/collectors/contracts.js";
import { FrameworkMisuseError } from "../../src/collectors/failures.js";
import { ARM, SUB, SUB2, SUB_ID, emptySnapshot, harness, notRegistered, staticCredential } from "./helpers.js";

/** What an ARM SDK client throws for an error answer: a RestError carrying the response and its body. */
function armFailure(status: number, body: unknown): RestError {
  const request = createPipelineRequest({ url: `${ARM}${SUB_ID}/providers/Microsoft.Sql/servers?api-version=2023-08-01` });
  const bodyAsText = JSON.stringify(body);
  return new RestError(`ARM answered ${status}`, { statusCode: status, request, response: { status, request, headers: createHttpHeaders(), bodyAsText } });
}

/** A gate the held reads wait on; `settle` lets every pending promise chain run. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => {
    open = r;
  });
  return { opened, open };
}
const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
};

/** Starts `reqs` at once, each held open until the test counts them; resolves to the most in flight at once. */
async function heldInFlight(ctx: FrameworkContext, reqs: ReadRequest[]): Promise<number> {
  const g = gate();
  let inFlight = 0;
  let max = 0;
  const all = Promise.all(
    reqs.map((r) =>
      ctx.read(r, async () => {
        inFlight++;
        max = Math.max(max, inFlight);
        await g.opened;
        inFlight--;
      }),
    ),
  );
  await settle();
  const first = max;
  g.open();
  await all;
  expect(max).toBe(first);
  return first;
}

const listRead = (sub: string, scope = `/subscriptions/${sub}`): ReadRequest => ({ subscriptionId: sub, scope, collection: "storageAccounts", operation: "GET storage" });
const childRead = (sub: string, i: number): ReadRequest => ({
  subscriptionId: sub,
  scope: `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv${i}`,
  collection: "vaultKeys",
  operation: "GET keys",
});

afterEach(() => {
  vi.useRealTimers();
});

describe("defaults and the ARM client options", () => {
  it("without settings: the SDK's retry budget, a 60 s timeout, the cloud's endpoint and scope, the run's policies in order", () => {
    const ctx = createCollectorContext({ credential: staticCredential(), cloud: CLOUDS.AzureCloud!, tenantId: "t", toolVersion: "1.2.3", snapshot: emptySnapshot() });
    expect(ctx.retry).toEqual({ maxRetries: 3, retryDelayInMs: 1_000, maxRetryDelayInMs: 64_000 });
    expect(ctx.timeoutMs).toBe(60_000);
    expect(ctx).not.toHaveProperty("signal");
    expect(ctx.tenantId).toBe("t");
    expect(ctx.cloud).toBe(CLOUDS.AzureCloud);
    expect(ctx.armClientOptions).toEqual({
      endpoint: "https://management.azure.com",
      credentialScopes: ["https://management.azure.com/.default"],
      credentials: { scopes: ["https://management.azure.com/.default"] },
      retryOptions: { maxRetries: 3, retryDelayInMs: 1_000, maxRetryDelayInMs: 64_000 },
      userAgentOptions: { userAgentPrefix: "hemvist/1.2.3" },
      additionalPolicies: [
        { policy: { name: "hemvistReadOnly", sendRequest: expect.any(Function) }, position: "perCall" },
        { policy: { name: "hemvistRequestDefaults", sendRequest: expect.any(Function) }, position: "perCall" },
        { policy: { name: "hemvistRawCapture", sendRequest: expect.any(Function) }, position: "perCall" },
        { policy: { name: "hemvistThrottle", sendRequest: expect.any(Function) }, position: "perRetry" },
      ],
    });
    expect(DEFAULT_PER_SUBSCRIPTION).toBe(6);
  });

  it("a partial retry setting keeps the other defaults; the signal is the run's", () => {
    const ac = new AbortController();
    const ctx = createCollectorContext({
      credential: staticCredential(),
      cloud: CLOUDS.AzureUSGovernment!,
      tenantId: "t",
      toolVersion: "0.1.0",
      snapshot: emptySnapshot(),
      retry: { maxRetries: 1 },
      timeoutMs: 1_500,
      signal: ac.signal,
    });
    expect(ctx.retry).toEqual({ maxRetries: 1, retryDelayInMs: 1_000, maxRetryDelayInMs: 64_000 });
    expect(ctx.signal).toBe(ac.signal);
    expect(ctx.timeoutMs).toBe(1_500);
    expect(ctx.armClientOptions).toMatchObject({ endpoint: "https://management.usgovcloudapi.net", retryOptions: { maxRetries: 1 } });
  });

  it("the request-defaults policy sets the configured timeout and the run's signal", async () => {
    const ac = new AbortController();
    const { ctx } = harness({ timeoutMs: 1_500, signal: ac.signal });
    const policy = (ctx.armClientOptions.additionalPolicies as { policy: PipelinePolicy }[])[1]!.policy;
    const req = createPipelineRequest({ url: `${ARM}${SUB_ID}` });
    await policy.sendRequest(req, async () => ({ request: req, status: 200, headers: createHttpHeaders() }));
    expect(req.timeout).toBe(1_500);
    expect(req.abortSignal).toBe(ac.signal);
  });

  it.each([
    ["the default brake (threshold 25, refill 25/s): 5 left waits 800 ms", undefined, 800],
    ["a threshold of 50 with the default refill: 5 left waits 1.8 s", { threshold: 50 }, 1_800],
    ["the default threshold with a refill of 50/s: 5 left waits 400 ms", { refillPerSecond: 50 }, 400],
  ])("%s", async (_name, rateLimit, wait) => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const { ctx } = harness(rateLimit ? { rateLimit } : {});
    const throttle = (ctx.armClientOptions.additionalPolicies as { policy: PipelinePolicy }[])[3]!.policy;
    const t0 = Date.now();
    const sent: number[] = [];
    const next = async (request: PipelineRequest) => {
      sent.push(Date.now() - t0);
      return { request, status: 200, headers: createHttpHeaders({ "x-ms-ratelimit-remaining-subscription-reads": "5" }) };
    };
    for (let i = 0; i < 2; i++) {
      const p = throttle.sendRequest(createPipelineRequest({ url: `${ARM}${SUB_ID}/resourceGroups?api-version=2022-09-01` }), next);
      await vi.runAllTimersAsync();
      await p;
    }
    expect(sent).toEqual([0, wait]);
  });
});

describe("limiters: lanes measured with reads held open", () => {
  it("by default a subscription runs 2 lists and 4 child reads at once", async () => {
    const { ctx } = harness({ perSubscriptionConcurrency: undefined });
    expect(await heldInFlight(ctx, Array.from({ length: 10 }, () => listRead(SUB)))).toBe(2);
    expect(await heldInFlight(ctx, Array.from({ length: 10 }, (_, i) => childRead(SUB, i)))).toBe(4);
    expect(await heldInFlight(ctx, [...Array.from({ length: 10 }, () => listRead(SUB)), ...Array.from({ length: 10 }, (_, i) => childRead(SUB, i))])).toBe(6);
  });

  it("a read scoped to the subscription is a list in any letter case", async () => {
    const { ctx } = harness();
    const upper = `/SUBSCRIPTIONS/${SUB.toUpperCase()}`;
    expect(await heldInFlight(ctx, Array.from({ length: 8 }, () => listRead(SUB, upper)))).toBe(2);
  });

  it("an explicit priority picks the lane: lateChild and child in the child lane, parentList in the list lane", async () => {
    const { ctx } = harness();
    expect(await heldInFlight(ctx, Array.from({ length: 8 }, () => ({ ...listRead(SUB), priority: READ_PRIORITY.lateChild })))).toBe(4);
    expect(await heldInFlight(ctx, Array.from({ length: 8 }, (_, i) => ({ ...childRead(SUB, i), priority: READ_PRIORITY.parentList })))).toBe(2);
  });

  it("three per subscription: one list and two child reads", async () => {
    const { ctx } = harness({ perSubscriptionConcurrency: 3 });
    expect(await heldInFlight(ctx, [...Array.from({ length: 5 }, () => listRead(SUB)), ...Array.from({ length: 5 }, (_, i) => childRead(SUB, i))])).toBe(3);
    expect(await heldInFlight(ctx, Array.from({ length: 5 }, () => listRead(SUB)))).toBe(1);
  });

  it("one per subscription: a single queue for both kinds, whatever the id's letter case", async () => {
    const { ctx } = harness({ perSubscriptionConcurrency: 1 });
    expect(await heldInFlight(ctx, [childRead(SUB, 1), listRead(SUB), listRead(SUB.toUpperCase()), childRead(SUB.toUpperCase(), 2)])).toBe(1);
  });

  it("subscriptions have queues of their own; the global limit (64 by default) bounds them all", async () => {
    const { ctx } = harness({ perSubscriptionConcurrency: 1 });
    expect(await heldInFlight(ctx, [listRead(SUB), listRead(SUB2)])).toBe(2);
    const subs = Array.from({ length: 70 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
    const wide = harness({ concurrency: undefined });
    expect(await heldInFlight(wide.ctx, subs.map((s) => listRead(s)))).toBe(64);
  });

  it("a subscription's queue starts its highest priority first: child reads, then late children, then parent lists, then lists", async () => {
    const { ctx } = harness({ perSubscriptionConcurrency: 1 });
    const g = gate();
    const started: string[] = [];
    const hold = ctx.read(listRead(SUB), async () => {
      await g.opened;
    });
    const queued = [
      ctx.read(listRead(SUB), async () => void started.push("list")),
      ctx.read({ ...listRead(SUB), priority: READ_PRIORITY.parentList }, async () => void started.push("parentList")),
      ctx.read({ ...childRead(SUB, 1), priority: READ_PRIORITY.lateChild }, async () => void started.push("lateChild")),
      ctx.read(childRead(SUB, 2), async () => void started.push("child")),
    ];
    await settle();
    expect(started).toEqual([]);
    g.open();
    await Promise.all([hold, ...queued]);
    expect(started).toEqual(["child", "lateChild", "parentList", "list"]);
  });

  it("tenant-level reads (no subscription) are bounded by the global limit only", async () => {
    const { ctx } = harness({ concurrency: 3 });
    const tenant: ReadRequest = { scope: "/providers/Microsoft.Management/managementGroups", collection: "managementGroups", operation: "GET mg" };
    expect(await heldInFlight(ctx, Array.from({ length: 6 }, () => tenant))).toBe(3);
  });
});

describe("a read's accounting", () => {
  it("items pass the secret filter and one-per-id; the api-version of the first read of a collection is kept", async () => {
    const { ctx, snap } = harness();
    const id = `${SUB_ID}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sta`;
    const items = await ctx.read(listRead(SUB), async () => {
      const st = currentRead()!;
      st.apiVersion = "2023-05-01";
      st.items.push({ id, name: "sta", properties: { primaryKey: "c2VjcmV0LWtleS12YWx1ZQ==" } }, { id: id.toUpperCase(), name: "sta", properties: { state: "later copy" } });
    });
    expect(items).toEqual([{ id: id.toUpperCase(), name: "sta", properties: { state: "later copy" } }]);
    const again = await ctx.read(listRead(SUB), async () => {
      const st = currentRead()!;
      st.apiVersion = "2025-01-01";
      st.items.push({ id, name: "sta", properties: { primaryKey: "c2VjcmV0LWtleS12YWx1ZQ==" } });
    });
    expect(again).toEqual([{ id, name: "sta", properties: { primaryKey: "[secret removed by hemvist]" } }]);
    await ctx.read({ ...listRead(SUB), collection: "sqlServers" }, async () => undefined);
    expect(snap.apiVersions).toStrictEqual({ storageAccounts: "2023-05-01" });
    ctx.apiVersion("sqlServers", "2023-08-01");
    expect(snap.apiVersions).toStrictEqual({ storageAccounts: "2023-05-01", sqlServers: "2023-08-01" });
  });

  it("a 409 MissingSubscriptionRegistration without a namespace in the request takes it from ARM's message: nothing there, no coverage", async () => {
    const { ctx, snap, sub } = harness();
    const got = await ctx.read(listRead(SUB), async () => {
      throw armFailure(409, notRegistered("Microsoft.Sql"));
    });
    expect(got).toEqual([]);
    expect(sub.notRegisteredProviders).toEqual(["Microsoft.Sql"]);
    expect(ctx.isRegistered(SUB.toUpperCase(), "MICROSOFT.SQL")).toBe(false);
    expect(ctx.isRegistered(SUB, "Microsoft.Storage")).toBe(true);
    expect(snap.coverage).toEqual([]);
  });

  it.each([
    ["without a subscription (a tenant-level read)", { scope: "/", collection: "managementGroups", operation: "GET mg" } as ReadRequest, notRegistered("Microsoft.Management")],
    ["whose message names no namespace", listRead(SUB), { error: { code: "MissingSubscriptionRegistration", message: "The subscription is not registered." } }],
  ])("a 409 MissingSubscriptionRegistration %s is a coverage gap", async (_name, req, body) => {
    const { ctx, snap, sub } = harness();
    expect(await ctx.read(req, async () => Promise.reject(armFailure(409, body)))).toBeUndefined();
    expect(snap.coverage).toEqual([{ scope: req.scope, collection: req.collection, operation: req.operation, httpStatus: 409, code: "MissingSubscriptionRegistration", message: body.error.message }]);
    expect(sub.notRegisteredProviders).toBeUndefined();
  });

  it("MissingSubscriptionRegistration with another status is a gap", async () => {
    const { ctx, snap } = harness();
    await ctx.read({ ...listRead(SUB), providerNamespace: "Microsoft.Sql" }, async () => Promise.reject(armFailure(400, notRegistered("Microsoft.Sql"))));
    expect(snap.coverage.map((c) => [c.httpStatus, c.code])).toEqual([[400, "MissingSubscriptionRegistration"]]);
    expect(ctx.isRegistered(SUB, "Microsoft.Sql")).toBe(true);
  });

  it("a gap carries the read's permission, and the collector's own code and message when gapFor gives them", async () => {
    const { ctx, snap } = harness();
    const forbidden = { error: { code: "AuthorizationFailed", message: "The client does not have authorization to perform action 'Microsoft.Sql/servers/read'." } };
    await ctx.read({ ...listRead(SUB), permission: "Microsoft.Sql/servers/read", gapFor: () => undefined }, async () => Promise.reject(armFailure(403, forbidden)));
    await ctx.read({ ...listRead(SUB), gapFor: (f) => (f.httpStatus === 403 ? { code: "AuditingNotReadable", message: "Auditing settings need Microsoft.Sql/servers/auditingSettings/read." } : undefined) }, async () =>
      Promise.reject(armFailure(403, forbidden)),
    );
    expect(snap.coverage).toEqual([
      { scope: SUB_ID, collection: "storageAccounts", operation: "GET storage", httpStatus: 403, code: "AuthorizationFailed", message: forbidden.error.message, permission: "Microsoft.Sql/servers/read" },
      { scope: SUB_ID, collection: "storageAccounts", operation: "GET storage", httpStatus: 403, code: "AuditingNotReadable", message: "Auditing settings need Microsoft.Sql/servers/auditingSettings/read." },
    ]);
  });

  it("a failure without a status has none in its coverage entry", async () => {
    const { ctx, snap } = harness();
    await ctx.read(listRead(SUB), async () => Promise.reject(new SyntaxError("Unexpected end of JSON input")));
    expect(snap.coverage).toStrictEqual([{ scope: SUB_ID, collection: "storageAccounts", operation: "GET storage", code: "MalformedResponse", message: "Unexpected end of JSON input" }]);
  });

  it("a provider known not to be registered is not read at all", async () => {
    const { ctx, sub } = harness();
    ctx.markNotRegistered(SUB, "Microsoft.Sql");
    let called = false;
    const got = await ctx.read({ ...listRead(SUB.toUpperCase()), providerNamespace: "microsoft.sql" }, async () => {
      called = true;
    });
    expect(got).toEqual([]);
    expect(called).toBe(false);
    expect(sub.notRegisteredProviders).toEqual(["Microsoft.Sql"]);
    // A read of the same subscription that names no provider is read as usual.
    const rg = { id: `${SUB_ID}/resourceGroups/rg-a`, name: "rg-a" };
    expect(await ctx.read({ ...listRead(SUB), collection: "resourceGroups" }, async () => void currentRead()!.items.push(rg))).toEqual([rg]);
  });

  it("a read short-cut by a provider marked before its subscription was known records the mark on it", async () => {
    const { ctx } = harness();
    ctx.markNotRegistered(SUB2, "Microsoft.Sql");
    const sub2 = { subscriptionId: SUB2, id: `/subscriptions/${SUB2}`, collections: {} };
    ctx.addSubscription(sub2);
    expect(await ctx.read({ ...listRead(SUB2), providerNamespace: "Microsoft.Sql" }, async () => undefined)).toEqual([]);
    expect(sub2).toEqual({ subscriptionId: SUB2, id: `/subscriptions/${SUB2}`, collections: {}, notRegisteredProviders: ["Microsoft.Sql"] });
  });

  it("a read still queued when the run is aborted is never started", async () => {
    const ac = new AbortController();
    const { ctx, snap } = harness({ signal: ac.signal, perSubscriptionConcurrency: 1 });
    const g = gate();
    const first = ctx.read(listRead(SUB), async () => {
      await g.opened;
      currentRead()!.items.push({ id: `${SUB_ID}/resourceGroups/rg-a`, name: "rg-a" });
    });
    let called = false;
    const queued = ctx.read(listRead(SUB), async () => {
      called = true;
    });
    const outcome = queued.then(
      () => "read",
      (e: Error) => e.name,
    );
    await settle();
    ac.abort();
    g.open();
    expect(await first).toEqual([{ id: `${SUB_ID}/resourceGroups/rg-a`, name: "rg-a" }]);
    expect(await outcome).toBe("AbortError");
    expect(called).toBe(false);
    expect(snap.coverage).toEqual([]);
  });

  it("a collector's misuse is thrown, never coverage", async () => {
    const { ctx, snap } = harness();
    await expect(ctx.read(listRead(SUB), async () => Promise.reject(new FrameworkMisuseError("drain outside a read")))).rejects.toThrow("drain outside a read");
    expect(snap.coverage).toEqual([]);
  });

  it("an aborted run reads nothing more, and a read failing after the abort is the abort, not a gap", async () => {
    const ac = new AbortController();
    const { ctx, snap } = harness({ signal: ac.signal });
    const failing = ctx.read(listRead(SUB), async () => {
      ac.abort();
      throw armFailure(503, { error: { code: "ServiceUnavailable", message: "The service is unavailable." } });
    });
    await expect(failing).rejects.toMatchObject({ name: "AbortError", message: "Collection was aborted." });
    let called = false;
    await expect(
      ctx.read({ scope: "/", collection: "managementGroups", operation: "GET mg" }, async () => {
        called = true;
      }),
    ).rejects.toMatchObject({ name: "AbortError" });
    expect(called).toBe(false);
    expect(() => ctx.throwIfAborted()).toThrow("Collection was aborted.");
    // Even a read that would be answered without a request (its provider is not registered).
    ctx.markNotRegistered(SUB, "Microsoft.Sql");
    await expect(ctx.read({ ...listRead(SUB), providerNamespace: "Microsoft.Sql" }, async () => undefined)).rejects.toMatchObject({ name: "AbortError" });
    expect(snap.coverage).toEqual([]);
  });
});

describe("progress, markFinal, the credential and the providers", () => {
  it("progress redacts the run's own tokens in a message and passes an event without one as it is", async () => {
    const seen: unknown[] = [];
    const { ctx } = harness({ onProgress: (e) => seen.push(e) });
    await ctx.credential.getToken("https://management.azure.com/.default");
    const plain = { collector: "storage", phase: "start" as const, subscriptionId: SUB };
    ctx.progress(plain);
    ctx.progress({ collector: "storage", phase: "failed", message: "request with test-token failed" });
    expect(seen[0]).toBe(plain);
    expect(seen[1]).toEqual({ collector: "storage", phase: "failed", message: "request with [redacted] failed" });
    const quiet = harness();
    expect(() => quiet.ctx.progress({ collector: "storage", phase: "done", message: "x" })).not.toThrow();
  });

  it("markFinal is handed to the orchestrator", () => {
    const calls: unknown[] = [];
    const { ctx, sub } = harness({ onMarkFinal: (s, c) => calls.push([s, c]) });
    ctx.markFinal(sub, ["storageAccounts"]);
    expect(calls).toEqual([[sub, ["storageAccounts"]]]);
    expect(() => harness().ctx.markFinal(sub, ["storageAccounts"])).not.toThrow();
  });

  it("the credential is the caller's (other members pass through), and a token it never handed out is not redacted", async () => {
    const inner = Object.assign(staticCredential("opaque-token-1"), { label: "workload identity" });
    const { ctx, snap } = harness({ credential: inner });
    expect((ctx.credential as unknown as { label: string }).label).toBe("workload identity");
    expect(await ctx.credential.getToken("s")).toMatchObject({ token: "opaque-token-1" });
    await ctx.read(listRead(SUB), async () => Promise.reject(armFailure(500, { error: { code: "InternalServerError", message: "echo opaque-token-1 and test-token" } })));
    expect(snap.coverage[0]?.message).toBe("echo [redacted] and test-token");
    const nothing = harness({ credential: { getToken: async () => null } });
    expect(await nothing.ctx.credential.getToken("s")).toBeNull();
    // No token handed out: nothing to remember, and a failure's message is still redacted and recorded.
    await nothing.ctx.read(listRead(SUB), async () => Promise.reject(armFailure(500, { error: { code: "InternalServerError", message: "Encountered internal server error." } })));
    expect(nothing.snap.coverage.map((c) => [c.httpStatus, c.code, c.message])).toEqual([[500, "InternalServerError", "Encountered internal server error."]]);
  });

  it("setProviders marks NotRegistered and Unregistered (any case) only; the list stays sorted without duplicates", () => {
    const { ctx, sub } = harness();
    const p = (namespace: string | undefined, registrationState: string | undefined) => ({ id: `${SUB_ID}/providers/${namespace}`, namespace, registrationState });
    ctx.setProviders(SUB, [p("Microsoft.Storage", "Registered"), p("Microsoft.Sql", "NotRegistered"), p("Microsoft.DocumentDB", "Registering"), p("Microsoft.KeyVault", "UNREGISTERED"), p(undefined, "NotRegistered"), p("Microsoft.Web", undefined)]);
    ctx.markNotRegistered(SUB.toUpperCase(), "microsoft.sql");
    ctx.markNotRegistered(SUB, "Microsoft.App");
    expect(sub.notRegisteredProviders).toEqual(["Microsoft.App", "Microsoft.KeyVault", "Microsoft.Sql"]);
    expect([ctx.isRegistered(SUB, "Microsoft.Storage"), ctx.isRegistered(SUB, "Microsoft.DocumentDB"), ctx.isRegistered(SUB, "Microsoft.Web"), ctx.isRegistered(SUB2, "Microsoft.Sql")]).toEqual([true, true, true, true]);
    expect([ctx.isRegistered(SUB, "Microsoft.Sql"), ctx.isRegistered(SUB, "Microsoft.KeyVault"), ctx.isRegistered(SUB, "Microsoft.App")]).toEqual([false, false, false]);
  });

  it("a subscription added later is not given the earlier marks, but later ones", () => {
    const { ctx } = harness();
    ctx.markNotRegistered(SUB2, "Microsoft.Sql");
    const sub2 = { subscriptionId: SUB2, id: `/subscriptions/${SUB2}`, collections: {} };
    ctx.addSubscription(sub2);
    ctx.markNotRegistered(SUB2.toUpperCase(), "Microsoft.Storage");
    expect(sub2).toEqual({ subscriptionId: SUB2, id: `/subscriptions/${SUB2}`, collections: {}, notRegisteredProviders: ["Microsoft.Storage"] });
  });
});
