/** Compute collector: managed disks, disk snapshots and disk encryption sets (encryption at rest, key references). */
import { ComputeManagementClient, type ComputeManagementClientOptionalParams } from "@azure/arm-compute";
import type { SubscriptionCollector } from "../contracts.js";
import type { AzureCollection } from "../../snapshot/types.js";

const NAMESPACE = "Microsoft.Compute";
/** api-version @azure/arm-compute 25.1.1 sends for disks, snapshots and disk encryption sets. */
const API_VERSION = "2026-03-02";

/** Collection, ARM resource type under Microsoft.Compute, and the client operation group that lists it. */
const LISTS = [
  { collection: "disks", type: "disks", group: "disks" },
  { collection: "diskSnapshots", type: "snapshots", group: "snapshots" },
  { collection: "diskEncryptionSets", type: "diskEncryptionSets", group: "diskEncryptionSets" },
] as const satisfies ReadonlyArray<{ collection: AzureCollection; type: string; group: string }>;

/**
 * Reads the managed disks, disk snapshots and disk encryption sets of one subscription,
 * three independent subscription-wide lists (`GET /subscriptions/{s}/providers/Microsoft.Compute/{type}`).
 */
export const computeCollector: SubscriptionCollector = {
  name: "compute",
  collections: LISTS.map((l) => l.collection),
  async collect(ctx, sub) {
    const s = sub.subscriptionId;
    if (!ctx.isRegistered(s, NAMESPACE)) {
      for (const l of LISTS) sub.collections[l.collection] = [];
      return;
    }
    const client = new ComputeManagementClient(ctx.credential, s, ctx.armClientOptions as ComputeManagementClientOptionalParams);
    await Promise.all(
      LISTS.map(async (l) => {
        ctx.apiVersion(l.collection, API_VERSION);
        const items = await ctx.read(
          {
            subscriptionId: s,
            scope: sub.id,
            collection: l.collection,
            operation: `GET /subscriptions/${s}/providers/Microsoft.Compute/${l.type}`,
            providerNamespace: NAMESPACE,
            permission: `Microsoft.Compute/${l.type}/read`,
          },
          () => ctx.drain(client[l.group].list()),
        );
        if (items) sub.collections[l.collection] = items;
        ctx.markFinal(sub, [l.collection]);
      }),
    );
  },
};
