/** Container registry collector: registries and their geo-replications (where images are copied). */
import {
  ContainerRegistryManagementClient,
  type ContainerRegistryManagementClientOptionalParams,
} from "@azure/arm-containerregistry";
import type { ArmResource } from "../../snapshot/types.js";
import { READ_PRIORITY, type SubscriptionCollector } from "../contracts.js";
import { armIdParts } from "./arm-id.js";

const NAMESPACE = "Microsoft.ContainerRegistry";
/** api-version @azure/arm-containerregistry 12.0.0 sends. */
const API_VERSION = "2025-11-01";

/**
 * Reads the container registries of one subscription and each registry's replications
 * (`GET {registry id}/replications`, scoped to the registry). Only the Premium tier supports
 * geo-replication (https://learn.microsoft.com/azure/container-registry/container-registry-skus), so
 * a Basic or Standard registry has none and its replications are not requested; any failed answer
 * for a Premium registry (404 included) is a gap.
 */
export const containerRegistryCollector: SubscriptionCollector = {
  name: "container-registry",
  collections: ["containerRegistries", "containerRegistryReplications"],
  async collect(ctx, sub) {
    const s = sub.subscriptionId;
    if (!ctx.isRegistered(s, NAMESPACE)) {
      sub.collections.containerRegistries = [];
      sub.collections.containerRegistryReplications = [];
      return;
    }
    ctx.apiVersion("containerRegistries", API_VERSION);
    ctx.apiVersion("containerRegistryReplications", API_VERSION);
    const client = new ContainerRegistryManagementClient(
      ctx.credential,
      s,
      ctx.armClientOptions as ContainerRegistryManagementClientOptionalParams,
    );
    const registries = await ctx.read(
      {
        subscriptionId: s,
        scope: sub.id,
        collection: "containerRegistries",
        operation: `GET /subscriptions/${s}/providers/Microsoft.ContainerRegistry/registries`,
        providerNamespace: NAMESPACE,
        permission: "Microsoft.ContainerRegistry/registries/read",
        priority: READ_PRIORITY.parentList,
      },
      () => ctx.drain(client.registries.list()),
    );
    if (!registries) return;
    sub.collections.containerRegistries = registries;
    ctx.markFinal(sub, ["containerRegistries"]);
    const perRegistry = await Promise.all(
      registries.map(async (registry) => {
        if (!isPremium(registry)) return [];
        const { resourceGroup, name } = armIdParts(registry.id);
        return ctx.read(
          {
            subscriptionId: s,
            scope: registry.id,
            collection: "containerRegistryReplications",
            operation: `GET ${registry.id}/replications`,
            providerNamespace: NAMESPACE,
            permission: "Microsoft.ContainerRegistry/registries/replications/read",
          },
          () => ctx.drain(client.replications.list(resourceGroup, name)),
        );
      }),
    );
    sub.collections.containerRegistryReplications = perRegistry.flatMap((r) => r ?? []);
  },
};

/**
 * Whether the registry's tier can replicate: `sku.name` (else the read-only `sku.tier`) is Premium,
 * compared case-insensitively. A registry without either is read: its tier is not proven.
 */
export function isPremium(registry: ArmResource): boolean {
  const sku = registry.sku;
  const tier = [sku?.name, sku?.tier].find((v): v is string => typeof v === "string" && v !== "");
  return tier === undefined || tier.toLowerCase() === "premium";
}
