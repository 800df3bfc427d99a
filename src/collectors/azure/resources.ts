/** Resource providers (registration states), resource groups and the generic resource list of a subscription. */
import { ResourceManagementClient } from "@azure/arm-resources";
import type { ArmResource, SubscriptionSnapshot } from "../../snapshot/types.js";
import type { CollectorContext, SubscriptionCollector } from "../contracts.js";

/**
 * Reads `GET /subscriptions/{s}/providers` into `sub.collections.providers`. Run once per subscription
 * before the other collectors: the orchestrator feeds the registration states to `isRegistered`.
 * @returns the raw provider payloads, or undefined when the read failed
 */
export async function collectProviders(ctx: CollectorContext, sub: SubscriptionSnapshot): Promise<ArmResource[] | undefined> {
  const rm = new ResourceManagementClient(ctx.credential, sub.subscriptionId, ctx.armClientOptions);
  const providers = await ctx.read(
    {
      subscriptionId: sub.subscriptionId,
      scope: sub.id,
      collection: "providers",
      operation: "GET /subscriptions/{s}/providers",
      permission: "Microsoft.Resources/subscriptions/providers/read",
    },
    () => ctx.drain(rm.providers.list()),
  );
  if (providers) sub.collections.providers = providers;
  return providers;
}

/** Resource groups and resources (`GET /subscriptions/{s}/resourcegroups`, `GET /subscriptions/{s}/resources`). */
export const resourcesCollector: SubscriptionCollector = {
  name: "resources",
  collections: ["resourceGroups", "resources"],
  async collect(ctx, sub) {
    const s = sub.subscriptionId;
    const rm = new ResourceManagementClient(ctx.credential, s, ctx.armClientOptions);
    await Promise.all([
      ctx.read(
        {
          subscriptionId: s,
          scope: sub.id,
          collection: "resourceGroups",
          operation: "GET /subscriptions/{s}/resourcegroups",
          permission: "Microsoft.Resources/subscriptions/resourceGroups/read",
        },
        () => ctx.drain(rm.resourceGroups.list()),
      ).then((groups) => {
        if (groups) sub.collections.resourceGroups = groups;
        ctx.markFinal(sub, ["resourceGroups"]);
      }),
      ctx.read(
        {
          subscriptionId: s,
          scope: sub.id,
          collection: "resources",
          operation: "GET /subscriptions/{s}/resources",
          permission: "Microsoft.Resources/subscriptions/resources/read",
        },
        () => ctx.drain(rm.resources.list({ expand: "createdTime,changedTime,provisioningState" })),
      ).then((resources) => {
        if (resources) sub.collections.resources = resources;
        ctx.markFinal(sub, ["resources"]);
      }),
    ]);
  },
};
