/** Microsoft 365 through Microsoft Graph: organization, users, groups, sites and licences (data locations, Multi-Geo, Customer Key). */
import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
} from "@microsoft/microsoft-graph-client";
import { TokenCredentialAuthenticationProvider } from "@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js";
import type { GraphObject, TenantCollection, TenantSnapshot } from "../../snapshot/types.js";
import { anchorRead, capturePage } from "../capture.js";
import type { CollectorContext, TenantCollector } from "../contracts.js";
import { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS, type RetrySettings } from "../http-policies.js";
import { readOnlyMiddleware } from "../read-only.js";
import { transientRetryMiddleware } from "./transient.js";

/** One Graph list Hemvist reads. */
export interface GraphRead {
  collection: TenantCollection;
  /** Where it goes in `tenant.m365`. */
  key: keyof NonNullable<TenantSnapshot["m365"]>;
  path: string;
  select?: string;
  top?: number;
  /** Last part of the coverage scope `/tenants/{t}/<scope>`. */
  scope: string;
  /** Application permission that allows the read (named in coverage). */
  permission: string;
  /** One object, not a list (`/sites/root`): stored as a list of one. */
  single?: true;
}

/** The Graph reads, in order. */
export const GRAPH_READS: GraphRead[] = [
  { collection: "m365Organization", key: "organization", path: "/organization", scope: "organization", permission: "Organization.Read.All" },
  {
    collection: "m365Users",
    key: "users",
    path: "/users",
    select: "id,displayName,userPrincipalName,preferredDataLocation,usageLocation",
    top: 999,
    scope: "users",
    permission: "User.Read.All",
  },
  { collection: "m365Groups", key: "groups", path: "/groups", select: "id,displayName,preferredDataLocation", top: 999, scope: "groups", permission: "Group.Read.All" },
  {
    collection: "m365Sites",
    key: "sites",
    path: "/sites/getAllSites",
    select: "id,displayName,webUrl,siteCollection",
    scope: "sites",
    permission: "Sites.Read.All",
  },
  // The tenant's root site: in a Multi-Geo tenant its `siteCollection.dataLocationCode` is the
  // default geo (RES-10 `default-geo`); elsewhere Graph leaves the code out.
  {
    collection: "m365RootSite",
    key: "rootSite",
    path: "/sites/root",
    select: "id,webUrl,siteCollection",
    scope: "rootSite",
    permission: "Sites.Read.All",
    single: true,
  },
  { collection: "m365SubscribedSkus", key: "subscribedSkus", path: "/subscribedSkus", scope: "subscribedSkus", permission: "LicenseAssignment.Read.All" },
];

const PUBLIC_GRAPH_HOSTS = new Set(["graph.microsoft.com", "graph.microsoft.us", "dod-graph.microsoft.us", "microsoftgraph.chinacloudapi.cn"]);

/**
 * Builds a Graph client for the context's cloud: token scope from the cloud, base URL from the
 * (possibly overridden) Graph endpoint, and a RetryHandler using the run's retry settings.
 */
export function createGraphClient(ctx: CollectorContext, retry: RetrySettings = DEFAULT_RETRY): Client {
  const authProvider = new TokenCredentialAuthenticationProvider(ctx.credential, { scopes: [ctx.cloud.graphScope] });
  const auth = new AuthenticationHandler(authProvider);
  const retryHandler = new RetryHandler(new RetryHandlerOptions(retry.retryDelayInMs / 1000, Math.min(retry.maxRetries, 10)));
  auth.setNext(retryHandler);
  // Connection resets and 500/502: the RetryHandler retries only 429, 503 and 504.
  retryHandler.setNext(transientRetryMiddleware(retry, new HTTPMessageHandler()));
  const host = new URL(ctx.cloud.graphEndpoint).hostname;
  return Client.initWithMiddleware({
    // First in the chain: a request that does not read gets no token and is never sent.
    middleware: readOnlyMiddleware(auth),
    baseUrl: `${ctx.cloud.graphEndpoint.replace(/\/+$/, "")}/`,
    defaultVersion: "v1.0",
    // customHosts decides whether the auth handler attaches the token to a non-Graph host (emulator, proxy).
    ...(PUBLIC_GRAPH_HOSTS.has(host) ? {} : { customHosts: new Set([host]) }),
  });
}

/**
 * Reads one Graph list, following `@odata.nextLink` (or one object), under `ctx.read` (coverage on
 * failure). The read is anchored on the Graph endpoint: `capturePage` refuses a nextLink to another
 * host, or over http, before it is requested (`ForeignNextLink`).
 */
async function readGraphList(ctx: CollectorContext, client: Client, r: GraphRead, tenantId: string, timeoutMs: number): Promise<GraphObject[] | undefined> {
  const items = await ctx.read(
    {
      scope: `/tenants/${tenantId}/${r.scope}`,
      collection: r.collection,
      operation: `GET ${r.path}`,
      permission: r.permission,
    },
    async () => {
      anchorRead(ctx.cloud.graphEndpoint);
      let next: string | undefined;
      let first = true;
      while (first || next) {
        const signal = ctx.signal ? AbortSignal.any([ctx.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
        let req = client.api(first ? r.path : (next as string)).option("signal", signal);
        if (first && r.select) req = req.select(r.select);
        if (first && r.top) req = req.top(r.top);
        const page: unknown = await req.get();
        if (r.single) {
          capturePage(page);
          return;
        }
        capturePage(page, { list: true, nextLinkKey: "@odata.nextLink" });
        const link = (page as Record<string, unknown>)["@odata.nextLink"];
        next = typeof link === "string" && link !== "" ? link : undefined;
        first = false;
      }
    },
  );
  if (items) ctx.apiVersion(r.collection, "v1.0");
  return items as GraphObject[] | undefined;
}

/** Options of the Graph collector (retry budget and timeout of the run). */
export interface GraphCollectorOptions {
  retry?: RetrySettings;
  timeoutMs?: number;
}

/**
 * Builds the Graph tenant collector. Each list is its own read: a 403 on `/users` leaves users
 * absent (coverage naming `User.Read.All`) while groups, sites and licences still fill.
 */
export function createGraphCollector(opts: GraphCollectorOptions = {}): TenantCollector {
  return {
    name: "m365",
    collections: GRAPH_READS.map((r) => r.collection),
    async collect(ctx, snap) {
      const client = createGraphClient(ctx, opts.retry);
      const m365: NonNullable<TenantSnapshot["m365"]> = snap.tenant.m365 ?? {};
      snap.tenant.m365 = m365;
      await Promise.all(
        GRAPH_READS.map(async (r) => {
          const items = await readGraphList(ctx, client, r, snap.tenant.tenantId, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
          if (items) m365[r.key] = items;
        }),
      );
      const org = m365.organization?.[0];
      if (org && typeof org.displayName === "string") snap.tenant.displayName ??= org.displayName;
    },
  };
}
