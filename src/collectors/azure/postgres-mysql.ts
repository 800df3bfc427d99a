/** PostgreSQL and MySQL flexible servers collector, read through a generic ARM client (no SDK is installed for them). */
import type { CollectorContext, SubscriptionCollector } from "../contracts.js";
import type { AzureCollection, SubscriptionSnapshot } from "../../snapshot/types.js";
import { type ArmClient, genericArmClient, listPages } from "./generic-arm.js";

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
    const client = genericArmClient(ctx);
    await Promise.all(KINDS.map((kind) => collectKind(ctx, sub, client, kind)));
  },
};

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
