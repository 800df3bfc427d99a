/** Test helpers for the collectors-2 collector tests: a real framework context against nock, and request bookkeeping. */
import nock from "nock";
import { afterEach, beforeAll, beforeEach, expect } from "vitest";
import { CLOUDS } from "../../src/collectors/cloud.js";
import { createCollectorContext, type FrameworkContext } from "../../src/collectors/context.js";
import type { TokenCredential } from "@azure/core-auth";
import type { CoverageEntry, Snapshot, SubscriptionSnapshot } from "../../src/snapshot/types.js";

export const ARM = "https://management.azure.com";
export const SUB = "00000000-1111-2222-3333-444444444444";
export const SUB_ID = `/subscriptions/${SUB}`;

/** A credential that hands out a fixed token (nock checks it arrives as `Bearer test-token`). */
export const credential: TokenCredential = {
  getToken: async () => ({ token: "test-token", expiresOnTimestamp: Date.now() + 3_600_000 }),
};

/** Everything one collector run produces. */
export interface Harness {
  ctx: FrameworkContext;
  snap: Snapshot;
  sub: SubscriptionSnapshot;
}

/** Builds a fresh snapshot, subscription and framework context with tiny retry delays. */
export function harness(): Harness {
  const snap: Snapshot = {
    schemaVersion: "1.0.0",
    tool: { name: "hemvist", version: "0.0.0-test" },
    collectedAt: "2026-11-27T00:00:00.000Z",
    cloud: { name: "AzureCloud", armEndpoint: ARM, graphEndpoint: "https://graph.microsoft.com" },
    identity: { authMethod: "test" },
    profile: { name: "se", allowedRegions: ["swedencentral", "swedensouth"], allowedM365Geos: ["SWE"] },
    apiVersions: {},
    scope: { allVisibleSubscriptions: true, m365Collected: false },
    tenant: { tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47" },
    regions: [],
    subscriptions: [],
    coverage: [],
  };
  const sub: SubscriptionSnapshot = { subscriptionId: SUB, id: SUB_ID, collections: {} };
  snap.subscriptions.push(sub);
  const cloud = CLOUDS.AzureCloud;
  if (!cloud) throw new Error("AzureCloud settings missing");
  const ctx = createCollectorContext({
    credential,
    cloud,
    tenantId: snap.tenant.tenantId,
    toolVersion: "0.0.0-test",
    snapshot: snap,
    retry: { maxRetries: 2, retryDelayInMs: 1, maxRetryDelayInMs: 5 },
    timeoutMs: 5_000,
  });
  ctx.addSubscription(sub);
  return { ctx, snap, sub };
}

/** Requests the ARM mocks answered (method, path with query), and requests nothing matched. */
export const seen: { method: string; path: string }[] = [];
export const unmatched: string[] = [];

/**
 * Registers the nock lifecycle for a test file: no real network, every mock consumed, every request
 * a GET that some mock expected.
 */
export function useNock(): void {
  beforeAll(() => {
    nock.disableNetConnect();
    // nock 15 hands listeners a fetch-style Request (method, url).
    nock.emitter.on("no match", (req: { method?: string; url?: string }) => {
      unmatched.push(`${req.method ?? "?"} ${req.url ?? "?"}`);
    });
  });
  beforeEach(() => {
    seen.length = 0;
    unmatched.length = 0;
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    const stray = [...unmatched];
    nock.cleanAll();
    expect(stray).toEqual([]);
    expect(pending).toEqual([]);
    expect(seen.every((r) => r.method === "GET")).toBe(true);
  });
}

/** A nock scope on ARM that requires the bearer token and records each request it answers. */
export function arm(): nock.Scope {
  return nock(ARM, { reqheaders: { authorization: "Bearer test-token" } }).on("request", (req: { method: string; url: string }) => {
    const url = new URL(req.url);
    seen.push({ method: req.method, path: `${url.pathname}${url.search}` });
  });
}

// ARM error bodies are shared with the core collectors' tests.
export { armError, forbidden, notRegistered } from "./helpers.js";

/** Coverage entries without the fields that only restate the request (for compact assertions). */
export function coverageSummary(snap: Snapshot): Pick<CoverageEntry, "scope" | "collection" | "httpStatus" | "code">[] {
  return snap.coverage.map((c) => ({
    scope: c.scope,
    collection: c.collection,
    ...(c.httpStatus !== undefined ? { httpStatus: c.httpStatus } : {}),
    code: c.code,
  }));
}
