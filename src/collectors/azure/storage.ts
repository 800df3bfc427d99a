/** Storage accounts of a subscription (encryption key source, redundancy, secondary location). */
import { StorageManagementClient } from "@azure/arm-storage";
import type { SubscriptionCollector } from "../contracts.js";

/** `GET /subscriptions/{s}/providers/Microsoft.Storage/storageAccounts` into `storageAccounts`. */
export const storageCollector: SubscriptionCollector = {
  name: "storage",
  collections: ["storageAccounts"],
  async collect(ctx, sub) {
    const s = sub.subscriptionId;
    const st = new StorageManagementClient(ctx.credential, s, ctx.armClientOptions);
    const accounts = await ctx.read(
      {
        subscriptionId: s,
        scope: sub.id,
        collection: "storageAccounts",
        operation: "GET /subscriptions/{s}/providers/Microsoft.Storage/storageAccounts",
        providerNamespace: "Microsoft.Storage",
        permission: "Microsoft.Storage/storageAccounts/read",
      },
      () => ctx.drain(st.storageAccounts.list()),
    );
    if (accounts) sub.collections.storageAccounts = accounts;
  },
};
