/** Cosmos DB collector: database accounts (replica locations, customer-managed key, TLS). */
import { CosmosDBManagementClient, type CosmosDBManagementClientOptionalParams } from "@azure/arm-cosmosdb";
import type { SubscriptionCollector } from "../contracts.js";

const NAMESPACE = "Microsoft.DocumentDB";
/** api-version @azure/arm-cosmosdb 17.0.0 sends. */
const API_VERSION = "2026-03-15";

/**
 * Reads the Cosmos DB accounts of one subscription
 * (`GET /subscriptions/{s}/providers/Microsoft.DocumentDB/databaseAccounts`, every page: SDK 17 follows nextLink).
 * Keys and connection strings are never read.
 */
export const cosmosDbCollector: SubscriptionCollector = {
  name: "cosmos-db",
  collections: ["cosmosDbAccounts"],
  async collect(ctx, sub) {
    const s = sub.subscriptionId;
    if (!ctx.isRegistered(s, NAMESPACE)) {
      sub.collections.cosmosDbAccounts = [];
      return;
    }
    ctx.apiVersion("cosmosDbAccounts", API_VERSION);
    const client = new CosmosDBManagementClient(
      ctx.credential,
      s,
      ctx.armClientOptions as CosmosDBManagementClientOptionalParams,
    );
    const accounts = await ctx.read(
      {
        subscriptionId: s,
        scope: sub.id,
        collection: "cosmosDbAccounts",
        operation: `GET /subscriptions/${s}/providers/Microsoft.DocumentDB/databaseAccounts`,
        providerNamespace: NAMESPACE,
        permission: "Microsoft.DocumentDB/databaseAccounts/read",
      },
      () => ctx.drain(client.databaseAccounts.list()),
    );
    if (accounts) sub.collections.cosmosDbAccounts = accounts;
  },
};
