/**
 * The collector test harness: a snapshot with one subscription and a real framework context
 * (fast retries) against nock, the nock lifecycle and the record of the requests it answered, ARM
 * error bodies, and a compact view of coverage. Payloads are in fixtures.ts, the cases every ARM
 * list read must pass in list-cases.ts.
 */
import nock from "nock";
import { afterEach, beforeAll, beforeEach, expect } from "vitest";
import type { TokenCredential } from "@azure/core-auth";
import { CLOUDS } from "../../src/collectors/cloud.js";
import { createCollectorContext, type FrameworkContext, type FrameworkOptions } from "../../src/collectors/context.js";
import type { CollectOptions } from "../../src/collectors/index.js";
import type { CoverageEntry, Snapshot, SubscriptionSnapshot } from "../../src/snapshot/types.js";

export const ARM = "https://management.azure.com";
export const GRAPH = "https://graph.microsoft.com";
export const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
export const SUB = "9c4e2a31-5b7d-4f60-8e1a-2d3c4b5a6f70";
export const SUB2 = "1f0e9d8c-7b6a-4543-a210-fedcba987654";
export const SUB_ID = `/subscriptions/${SUB}`;
/** Tiny retry delays so retry tests run in milliseconds. */
export const FAST_RETRY = { maxRetries: 2, retryDelayInMs: 1, maxRetryDelayInMs: 5 };

/** A credential with a static (non-JWT) token; `scopes` records what was asked for. */
export function staticCredential(token = "test-token"): TokenCredential & { scopes: string[] } {
  const scopes: string[] = [];
  return {
    scopes,
    getToken: async (s: string | string[]) => {
      scopes.push(...(Array.isArray(s) ? s : [s]));
      return { token, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}

/** An empty snapshot as `collect` starts it. */
export function emptySnapshot(): Snapshot {
  return {
    schemaVersion: "1.0.0",
    tool: { name: "hemvist", version: "0.0.0-test" },
    collectedAt: "2026-11-27T00:00:00.000Z",
    cloud: { name: "AzureCloud", armEndpoint: ARM, graphEndpoint: GRAPH },
    identity: { authMethod: "test" },
    profile: { name: "se", allowedRegions: ["swedencentral"], allowedM365Geos: ["SWE"] },
    apiVersions: {},
    scope: { allVisibleSubscriptions: true, m365Collected: false },
    tenant: { tenantId: TENANT },
    regions: [],
    subscriptions: [],
    coverage: [],
  };
}

export interface Harness {
  ctx: FrameworkContext;
  snap: Snapshot;
  sub: SubscriptionSnapshot;
}

/** A snapshot with one subscription (default SUB; a conformance fixture's own id) and a framework context (fast retries) wired to it. */
export function harness(extra: Partial<FrameworkOptions> = {}, subscriptionId = SUB): Harness {
  const snap = emptySnapshot();
  const sub: SubscriptionSnapshot = { subscriptionId, id: `/subscriptions/${subscriptionId}`, collections: {} };
  snap.subscriptions.push(sub);
  const ctx = createCollectorContext({
    credential: staticCredential(),
    cloud: CLOUDS.AzureCloud!,
    tenantId: TENANT,
    toolVersion: "0.0.0-test",
    snapshot: snap,
    retry: FAST_RETRY,
    timeoutMs: 5_000,
    ...extra,
  });
  ctx.addSubscription(sub);
  return { ctx, snap, sub };
}

/** Options of a whole `collect` run: a static credential, the public cloud, no Microsoft 365, fast retries. */
export function collectOptions(extra: Partial<CollectOptions> = {}): CollectOptions {
  return {
    credential: staticCredential(),
    cloud: CLOUDS.AzureCloud!,
    m365: false,
    profile: { name: "se", allowedRegions: ["swedencentral"], allowedM365Geos: ["SWE"] },
    authMethod: "test",
    toolVersion: "0.0.0-test",
    retry: FAST_RETRY,
    timeoutMs: 5_000,
    ...extra,
  };
}

/** Requests nock answered, as `METHOD path?query` (decoded). */
export const requests: string[] = [];

/** The paths (with query, decoded) of the requests nock answered, in order. */
export function requestPaths(): string[] {
  return requests.map((r) => r.slice(r.indexOf(" ") + 1));
}

/** nock lifecycle: no real network, every mock used, nothing unmatched, only GETs. */
export function useNock(): void {
  const unmatched: string[] = [];
  beforeAll(() => {
    nock.disableNetConnect();
    // nock 15 hands listeners a fetch-style Request (method, url).
    nock.emitter.on("no match", (req: { method?: string; url?: string }) => {
      unmatched.push(`${req.method ?? "?"} ${req.url ?? "?"}`);
    });
  });
  beforeEach(() => {
    requests.length = 0;
    unmatched.length = 0;
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    const stray = [...unmatched];
    nock.cleanAll();
    expect(stray).toEqual([]);
    expect(pending).toEqual([]);
    expect(requests.every((r) => r.startsWith("GET "))).toBe(true);
  });
}

/** Records one request nock answered (`METHOD /path?query`, decoded). */
export function record(req: { method: string; url?: string; path?: string }): void {
  const u = req.url ? new URL(req.url) : undefined;
  requests.push(`${req.method} ${decodeURIComponent(u ? `${u.pathname}${u.search}` : (req.path ?? ""))}`);
}

/** A nock scope on ARM that requires the bearer token and records each request. */
export function arm(): nock.Scope {
  return nock(ARM, { reqheaders: { authorization: "Bearer test-token" } }).on("request", record);
}

/** A nock scope on Graph that requires the bearer token and records each request. */
export function graph(): nock.Scope {
  return nock(GRAPH, { reqheaders: { authorization: "Bearer test-token" } }).on("request", record);
}

/** A host no nextLink may lead to. */
export const FOREIGN = "https://evil.example";

/**
 * A trap on a host the client must never reach (a foreign nextLink's host, or ARM over http): it
 * answers any GET, with or without a token, and records what reached it. `release()` removes it
 * (so the nock lifecycle does not count it as an unused mock) and returns the requests it got.
 */
export function trap(origin: string = FOREIGN): { release(): string[] } {
  const hits: string[] = [];
  const interceptor = nock(origin)
    .on("request", (req: { method: string; url?: string; headers?: { get?(name: string): string | null } }) => {
      const token = req.headers?.get?.("authorization") ? " (with a bearer token)" : "";
      hits.push(`${req.method} ${req.url ?? ""}${token}`);
    })
    .get(() => true);
  interceptor.times(100).reply(200, { value: [] });
  return {
    release() {
      nock.removeInterceptor(interceptor);
      return hits;
    },
  };
}

/** An ARM error body. */
export function armError(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

/** The 403 ARM sends when the principal lacks a read action. */
export function forbidden(action: string, scope: string): { error: { code: string; message: string } } {
  return armError(
    "AuthorizationFailed",
    `The client '0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6' with object id '0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  );
}

/** The 409 ARM sends for an unregistered resource provider. */
export function notRegistered(namespace: string): { error: { code: string; message: string } } {
  return armError(
    "MissingSubscriptionRegistration",
    `The subscription is not registered to use namespace '${namespace}'. See https://aka.ms/rps-not-found for how to register subscriptions.`,
  );
}

/** The 429 body ARM sends when throttling. */
export const throttled = armError(
  "TooManyRequests",
  "The request is being throttled as the limit has been reached for operation type - Read_ObservationWindow_00:05:00.",
);

/** Coverage entries without the fields that only restate the request (for compact assertions). */
export function coverageSummary(snap: Snapshot): Pick<CoverageEntry, "scope" | "collection" | "httpStatus" | "code">[] {
  return snap.coverage.map((c) => ({
    scope: c.scope,
    collection: c.collection,
    ...(c.httpStatus !== undefined ? { httpStatus: c.httpStatus } : {}),
    code: c.code,
  }));
}
