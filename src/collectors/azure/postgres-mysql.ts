/** PostgreSQL and MySQL flexible servers collector, read through a generic ARM client (no SDK is installed for them). */
import { type ClientOptions, createRestError, getClient } from "@azure-rest/core-client";
import type { CollectorContext, SubscriptionCollector } from "../contracts.js";
import type { AzureCollection, SubscriptionSnapshot } from "../../snapshot/types.js";

/** One flexible-server flavour: where it lives in ARM and which api-version reads it. */
interface FlexibleServerKind {
  collection: AzureCollection;
  namespace: string;
  apiVersion: string;
}

/** Stable (GA) api-versions that return `backup.geoRedundantBackup` and `dataEncryption.primaryKeyURI`. */
const KINDS: readonly FlexibleServerKind[] = [
  { collection: "postgresFlexibleServers", namespace: "Microsoft.DBforPostgreSQL", apiVersion: "2024-08-01" },
  { collection: "mysqlFlexibleServers", namespace: "Microsoft.DBforMySQL", apiVersion: "2023-12-30" },
];

/**
 * Reads PostgreSQL and MySQL flexible servers of one subscription
 * (`GET /subscriptions/{s}/providers/{namespace}/flexibleServers`, all pages).
 */
export const postgresMysqlCollector: SubscriptionCollector = {
  name: "postgres-mysql",
  collections: KINDS.map((k) => k.collection),
  async collect(ctx, sub) {
    const endpoint =
      typeof ctx.armClientOptions.endpoint === "string" ? ctx.armClientOptions.endpoint : ctx.cloud.armEndpoint;
    // The same options as every SDK client: scopes, retry and the raw-capture policy.
    const client = getClient(endpoint, ctx.credential, {
      ...(ctx.armClientOptions as ClientOptions),
      credentials: { scopes: [ctx.cloud.armScope] },
    });
    await Promise.all(KINDS.map((kind) => collectKind(ctx, sub, client, kind)));
  },
};

type ArmClient = ReturnType<typeof getClient>;

async function collectKind(
  ctx: CollectorContext,
  sub: SubscriptionSnapshot,
  client: ArmClient,
  kind: FlexibleServerKind,
): Promise<void> {
  const s = sub.subscriptionId;
  if (!ctx.isRegistered(s, kind.namespace)) {
    sub.collections[kind.collection] = [];
    return;
  }
  ctx.apiVersion(kind.collection, kind.apiVersion);
  const path = `/subscriptions/${encodeURIComponent(s)}/providers/${kind.namespace}/flexibleServers`;
  const servers = await ctx.read(
    {
      subscriptionId: s,
      scope: sub.id,
      collection: kind.collection,
      operation: `GET /subscriptions/${s}/providers/${kind.namespace}/flexibleServers`,
      providerNamespace: kind.namespace,
      permission: `${kind.namespace}/flexibleServers/read`,
    },
    () => ctx.drain(listPages(client, path, kind.apiVersion)),
  );
  if (servers) sub.collections[kind.collection] = servers;
  ctx.markFinal(sub, [kind.collection]);
}

/**
 * Yields an ARM list's pages: the first GET, then every `nextLink` (absolute, already carrying
 * api-version and `$skipToken`). Drained through `ctx.drain`, so the pipeline's capture policy keeps
 * each page's payloads and stops a repeating nextLink; a non-200 answer becomes a `RestError`.
 */
async function* listPages(client: ArmClient, path: string, apiVersion: string): AsyncGenerator<unknown> {
  let response = await client.pathUnchecked(path).get({ queryParameters: { "api-version": apiVersion } });
  for (;;) {
    if (response.status !== "200") throw createRestError(response);
    const body = response.body as { nextLink?: unknown } | undefined;
    yield body;
    const next = body?.nextLink;
    if (typeof next !== "string" || next.length === 0) return;
    response = await client.pathUnchecked(next).get();
  }
}
