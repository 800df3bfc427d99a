/**
 * The conformance runner: serves a fixture and everything it is served with through nock at their
 * concrete paths, runs the collectors that send those requests (found by operation, see ROUTES),
 * records what was sent (paths, api-versions, requests no fixture answers) and runs every rule on
 * the snapshot. The test (runner.test.ts) turns what this records into assertions.
 */
import nock from "nock";
import { CLOUDS } from "../../src/collectors/cloud.js";
import { createCollectorContext } from "../../src/collectors/context.js";
import type { SubscriptionCollector, TenantCollector } from "../../src/collectors/contracts.js";
import { SUBSCRIPTION_COLLECTORS } from "../../src/collectors/index.js";
import { lockboxCollector } from "../../src/collectors/azure/lockbox.js";
import { managementGroupsCollector } from "../../src/collectors/azure/management-groups.js";
import { collectProviders } from "../../src/collectors/azure/resources.js";
import { listSubscriptions, toSubscriptionSnapshot } from "../../src/collectors/azure/subscriptions.js";
import { createGraphCollector } from "../../src/collectors/m365/graph.js";
import { loadRules } from "../../src/engine/registry.js";
import { defaultConfig, type Finding, runRules } from "../../src/index.js";
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot, type SubscriptionSnapshot } from "../../src/snapshot/types.js";
import { type ConformanceFixture, concretePath, servedWith } from "./load.js";

export const ARM = "https://management.azure.com";
export const GRAPH = "https://graph.microsoft.com";
/** The tenant the runner audits when no fixture names one. */
export const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
/** The subscription the runner audits when no served fixture names one (tenant-level fixtures). */
export const DEFAULT_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
/** The audit's start time (`context.now`), fixed so expiry verdicts do not depend on the day. */
export const NOW = new Date("2026-11-27T03:00:00Z");

/** What runs a request: a subscription collector by name, or one of the reads the orchestrator makes itself. */
export type Runner =
  | { kind: "subscription"; collector: string }
  | { kind: "providers" }
  | { kind: "subscriptionsList" }
  | { kind: "tenant"; collector: "customer-lockbox" | "management-groups" | "graph" };

/**
 * Operation template → what sends it. Ordered: the first match wins. Matched case-insensitively
 * against the fixture's `operation` (without `GET `); `*` stands for one path segment. A fixture
 * whose operation matches none fails the suite with its file named, so a new request cannot slip
 * in without its collector being known here.
 */
export const ROUTES: ReadonlyArray<{ template: string; runner: Runner }> = [
  { template: "/subscriptions", runner: { kind: "subscriptionsList" } },
  { template: "/subscriptions/*", runner: { kind: "subscription", collector: "subscription" } },
  { template: "/subscriptions/*/locations", runner: { kind: "subscription", collector: "subscription" } },
  { template: "/subscriptions/*/providers", runner: { kind: "providers" } },
  { template: "/subscriptions/*/resourcegroups", runner: { kind: "subscription", collector: "resources" } },
  { template: "/subscriptions/*/resources", runner: { kind: "subscription", collector: "resources" } },
  { template: "/providers/Microsoft.CustomerLockbox/**", runner: { kind: "tenant", collector: "customer-lockbox" } },
  { template: "/providers/Microsoft.Authorization/policySetDefinitions/*", runner: { kind: "subscription", collector: "policy" } },
  { template: "/providers/Microsoft.Management/managementGroups/*/providers/Microsoft.Authorization/**", runner: { kind: "subscription", collector: "policy" } },
  { template: "/providers/Microsoft.Management/managementGroups/**", runner: { kind: "tenant", collector: "management-groups" } },
  { template: "/subscriptions/*/**/providers/Microsoft.Storage/**", runner: { kind: "subscription", collector: "storage" } },
  { template: "/subscriptions/*/**/providers/Microsoft.KeyVault/**", runner: { kind: "subscription", collector: "key-vault" } },
  { template: "/subscriptions/*/**/providers/Microsoft.Sql/**", runner: { kind: "subscription", collector: "sql" } },
  { template: "/subscriptions/*/**/providers/Microsoft.DBforPostgreSQL/**", runner: { kind: "subscription", collector: "postgres-mysql" } },
  { template: "/subscriptions/*/**/providers/Microsoft.DBforMySQL/**", runner: { kind: "subscription", collector: "postgres-mysql" } },
  { template: "/subscriptions/*/**/providers/Microsoft.DocumentDB/**", runner: { kind: "subscription", collector: "cosmos-db" } },
  { template: "/subscriptions/*/**/providers/Microsoft.Compute/**", runner: { kind: "subscription", collector: "compute" } },
  { template: "/subscriptions/*/**/providers/Microsoft.CognitiveServices/**", runner: { kind: "subscription", collector: "cognitive" } },
  { template: "/subscriptions/*/**/providers/Microsoft.RecoveryServices/**", runner: { kind: "subscription", collector: "recovery-services" } },
  { template: "/subscriptions/*/**/providers/Microsoft.DataProtection/**", runner: { kind: "subscription", collector: "data-protection" } },
  { template: "/subscriptions/*/**/providers/Microsoft.ContainerRegistry/**", runner: { kind: "subscription", collector: "container-registry" } },
  { template: "/subscriptions/*/**/providers/Microsoft.Authorization/**", runner: { kind: "subscription", collector: "policy" } },
];

/** A template of ROUTES as a regular expression (`*` one segment, `**` any segments, possibly none). */
function routeRegex(template: string): RegExp {
  const body = template
    .split("/")
    .filter((seg) => seg !== "")
    .map((seg) => (seg === "**" ? "(?:/[^/]+)*" : seg === "*" ? "/[^/]+" : `/${seg.replace(/[.+?^${}()|[\]\\]/g, "\\$&")}`))
    .join("");
  return new RegExp(`^${body}$`, "i");
}

/** The route of a fixture: Graph fixtures (`v1.0`) go to the Graph collector; others by ROUTES. */
export function routeFor(f: Pick<ConformanceFixture, "operation" | "apiVersion">): Runner | undefined {
  if (f.apiVersion === "v1.0") return { kind: "tenant", collector: "graph" };
  const path = f.operation.replace(/^GET /, "").split("?")[0] as string;
  return ROUTES.find((r) => routeRegex(r.template).test(path))?.runner;
}

/** The URL path a fixture is served at (Graph: under `/v1.0`). */
export function servedPath(f: ConformanceFixture): string {
  const p = concretePath(f);
  return f.apiVersion === "v1.0" && !p.startsWith("/v1.0/") ? `/v1.0${p}` : p;
}

/** One request the collectors sent. */
export interface SentRequest {
  method: string;
  host: string;
  /** Decoded path, without the query. */
  path: string;
  apiVersion?: string;
  /** The fixture (file) that answered it; undefined when none did. */
  answeredBy?: string;
}

/** What one fixture's run produced. */
export interface FixtureRun {
  served: ConformanceFixture[];
  /** Fixtures whose operation no route knows (the run does not start). */
  unrouted: string[];
  sent: SentRequest[];
  snapshot: Snapshot;
  findings: Finding[];
}

let rulesPromise: ReturnType<typeof loadRules> | undefined;

/** The tenant of a run: the first `tenantId` among the served fixtures' parameters, else TENANT. */
function tenantOf(served: readonly ConformanceFixture[]): string {
  for (const f of served) if (f.parameters.tenantId) return f.parameters.tenantId;
  return TENANT;
}

/**
 * A body as served: without its paging link (`nextLink`, `@odata.nextLink`). An official example is
 * one page and never comes with the page its link names (often a placeholder such as
 * `http://nextlink`), so the runner serves it as the last page.
 */
export function lastPage(body: unknown): unknown {
  if (!body || typeof body !== "object" || Array.isArray(body)) return body;
  const { nextLink: _a, "@odata.nextLink": _b, ...rest } = body as Record<string, unknown>;
  return rest;
}

function subscriptionOf(served: readonly ConformanceFixture[]): string {
  for (const f of served) if (f.parameters.subscriptionId) return f.parameters.subscriptionId;
  return DEFAULT_SUBSCRIPTION;
}

function emptySnapshot(subscriptionId: string, tenantId: string): { snap: Snapshot; sub: SubscriptionSnapshot } {
  const sub: SubscriptionSnapshot = { subscriptionId, id: `/subscriptions/${subscriptionId}`, collections: {} };
  const snap: Snapshot = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: { name: "hemvist", version: "0.0.0-conformance" },
    collectedAt: NOW.toISOString(),
    cloud: { name: "AzureCloud", armEndpoint: ARM, graphEndpoint: GRAPH },
    identity: { authMethod: "test" },
    profile: { name: "se", allowedRegions: ["swedencentral", "swedensouth"], allowedM365Geos: ["SWE"] },
    apiVersions: {},
    scope: { allVisibleSubscriptions: true, azureCollected: true, m365Collected: false },
    tenant: { tenantId },
    regions: [],
    subscriptions: [sub],
    coverage: [],
  };
  return { snap, sub };
}

/**
 * Runs one fixture: serves it and its `with` closure (and `emptyLists`) through nock, runs the
 * collectors their operations belong to on one subscription, then every rule. Requests no served
 * fixture answers get a 404 `NoConformanceFixture` (so they also show as coverage) and are recorded.
 */
export async function runFixture(f: ConformanceFixture, all: readonly ConformanceFixture[]): Promise<FixtureRun> {
  const served = servedWith(f, all);
  const routes = served.map((x) => ({ file: x.file, runner: routeFor(x) }));
  const unrouted = routes.filter((r) => !r.runner).map((r) => r.file);
  const subscriptionId = subscriptionOf(served);
  const tenantId = tenantOf(served);
  const { snap, sub } = emptySnapshot(subscriptionId, tenantId);
  if (unrouted.length > 0) return { served, unrouted, sent: [], snapshot: snap, findings: [] };

  const sent: SentRequest[] = [];
  nock.cleanAll();
  nock.disableNetConnect();
  const answer = (host: string) =>
    (uri: unknown): SentRequest => {
      // nock 15 hands reply callbacks a fetch-style Request; older versions the path string.
      const u = new URL(typeof uri === "string" ? uri : (uri as { url: string }).url, host);
      const r: SentRequest = { method: "GET", host, path: decodeURIComponent(u.pathname) };
      const v = u.searchParams.get("api-version");
      if (v !== null) r.apiVersion = v;
      sent.push(r);
      return r;
    };
  const scopes = new Map<string, nock.Scope>();
  const scopeFor = (host: string): nock.Scope => {
    let s = scopes.get(host);
    if (!s) {
      s = nock(host).persist();
      scopes.set(host, s);
    }
    return s;
  };
  for (const x of served) {
    const host = x.apiVersion === "v1.0" ? GRAPH : ARM;
    const want = servedPath(x).toLowerCase();
    const rec = answer(host);
    scopeFor(host)
      .get((uri) => decodeURIComponent(new URL(uri, host).pathname).toLowerCase() === want)
      .query(true)
      .reply((uri: unknown) => {
        rec(uri).answeredBy = x.file;
        return [x.status, JSON.stringify(lastPage(x.body)), { "content-type": "application/json" }];
      });
  }
  for (const x of served) {
    for (const p of x.emptyLists ?? []) {
      const host = x.apiVersion === "v1.0" ? GRAPH : ARM;
      const rec = answer(host);
      scopeFor(host)
        .get((uri) => decodeURIComponent(new URL(uri, host).pathname).toLowerCase() === p.toLowerCase())
        .query(true)
        .reply((uri: unknown) => {
          rec(uri).answeredBy = `${x.file} (emptyLists)`;
          return [200, JSON.stringify({ value: [] }), { "content-type": "application/json" }];
        });
    }
  }
  for (const host of [ARM, GRAPH]) {
    const rec = answer(host);
    scopeFor(host)
      .get(() => true)
      .query(true)
      .reply((uri: unknown) => {
        rec(uri);
        return [404, JSON.stringify({ error: { code: "NoConformanceFixture", message: "No conformance fixture answers this request." } }), { "content-type": "application/json" }];
      });
  }

  const ctx = createCollectorContext({
    credential: { getToken: async () => ({ token: "conformance-token", expiresOnTimestamp: Date.now() + 3_600_000 }) },
    cloud: CLOUDS.AzureCloud!,
    tenantId,
    toolVersion: "0.0.0-conformance",
    snapshot: snap,
    retry: { maxRetries: 0, retryDelayInMs: 1, maxRetryDelayInMs: 1 },
    timeoutMs: 10_000,
  });
  ctx.addSubscription(sub);
  try {
    const runners = routes.map((r) => r.runner as Runner);
    if (runners.some((r) => r.kind === "subscriptionsList")) {
      const subs = await listSubscriptions(ctx, `/tenants/${tenantId}`);
      for (const raw of subs ?? []) {
        const s = toSubscriptionSnapshot(raw);
        if (s.subscriptionId.toLowerCase() !== subscriptionId.toLowerCase()) snap.subscriptions.push(s);
      }
    }
    if (runners.some((r) => r.kind === "providers")) {
      const providers = await collectProviders(ctx, sub);
      if (providers) ctx.setProviders(subscriptionId, providers);
    }
    const subNames = new Set(runners.flatMap((r) => (r.kind === "subscription" ? [r.collector] : [])));
    const subCollectors: SubscriptionCollector[] = [...subNames].map((name) => {
      const c = SUBSCRIPTION_COLLECTORS.find((x) => x.name === name);
      if (!c) throw new Error(`conformance ROUTES name collector "${name}", which SUBSCRIPTION_COLLECTORS does not have`);
      return c;
    });
    const tenantNames = new Set(runners.flatMap((r) => (r.kind === "tenant" ? [r.collector] : [])));
    const tenantCollectors: TenantCollector[] = [...tenantNames].map((name) =>
      name === "customer-lockbox" ? lockboxCollector : name === "management-groups" ? managementGroupsCollector : createGraphCollector({ retry: ctx.retry, timeoutMs: ctx.timeoutMs }),
    );
    if (tenantNames.has("graph")) snap.scope.m365Collected = true;
    await Promise.all([...subCollectors.map((c) => c.collect(ctx, sub)), ...tenantCollectors.map((c) => c.collect(ctx, snap))]);
  } finally {
    nock.cleanAll();
  }
  rulesPromise ??= loadRules();
  const rules = await rulesPromise;
  const { findings } = runRules(snap, rules, { config: defaultConfig(), now: NOW });
  return { served, unrouted, sent, snapshot: snap, findings };
}
