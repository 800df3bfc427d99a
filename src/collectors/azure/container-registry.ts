/** Container registry collector: registries and their geo-replications (where images are copied). */
import {
  ContainerRegistryManagementClient,
  type ContainerRegistryManagementClientOptionalParams,
} from "@azure/arm-containerregistry";
import { isRestError } from "@azure/core-rest-pipeline";
import { READ_PRIORITY, type SubscriptionCollector } from "../framework.js";

const NAMESPACE = "Microsoft.ContainerRegistry";
/** api-version @azure/arm-containerregistry 12.0.0 sends. */
const API_VERSION = "2025-11-01";

/**
 * Reads the container registries of one subscription and each registry's replications
 * (`GET {registry id}/replications`, scoped to the registry). Only Premium registries can
 * replicate; a 400/404 answer for another tier means it has none, not a failure.
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
      registries.map((registry) => {
        const { resourceGroup, name } = armIdParts(registry.id);
        const premium = (registry.sku?.name ?? "").toLowerCase() === "premium";
        return ctx.read(
          {
            subscriptionId: s,
            scope: registry.id,
            collection: "containerRegistryReplications",
            operation: `GET ${registry.id}/replications`,
            providerNamespace: NAMESPACE,
            permission: "Microsoft.ContainerRegistry/registries/replications/read",
          },
          async () => {
            try {
              await ctx.drain(client.replications.list(resourceGroup, name));
            } catch (e) {
              if (isRestError(e) && (e.statusCode === 404 || (e.statusCode === 400 && !premium))) return;
              throw e;
            }
          },
        );
      }),
    );
    sub.collections.containerRegistryReplications = perRegistry.flatMap((r) => r ?? []);
  },
};

/** Resource group and name of an ARM resource id. */
function armIdParts(id: string): { resourceGroup: string; name: string } {
  const parts = id.split("/").filter((p) => p.length > 0);
  const rg = parts.findIndex((p) => p.toLowerCase() === "resourcegroups");
  return { resourceGroup: rg >= 0 ? (parts[rg + 1] ?? "") : "", name: parts[parts.length - 1] ?? "" };
}
