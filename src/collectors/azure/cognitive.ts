/** Cognitive Services / Azure OpenAI collector: accounts (encryption) and their model deployments (deployment type). */
import {
  CognitiveServicesManagementClient,
  type CognitiveServicesManagementClientOptionalParams,
} from "@azure/arm-cognitiveservices";
import { isRestError } from "@azure/core-rest-pipeline";
import { READ_PRIORITY, type SubscriptionCollector } from "../framework.js";

const NAMESPACE = "Microsoft.CognitiveServices";
/** api-version @azure/arm-cognitiveservices 8.1.0 sends for accounts and deployments. */
const API_VERSION = "2025-09-01";
/** Account kinds that host model deployments; for other kinds a 400 answer means "no deployments here". */
const DEPLOYMENT_KINDS = new Set(["openai", "aiservices"]);

/**
 * Reads the Cognitive Services accounts of one subscription and, per account, its deployments
 * (`GET {account id}/deployments`, scoped to the account so a 403 blinds only that account).
 * Keys are never read.
 */
export const cognitiveCollector: SubscriptionCollector = {
  name: "cognitive",
  collections: ["cognitiveAccounts", "cognitiveDeployments"],
  async collect(ctx, sub) {
    const s = sub.subscriptionId;
    if (!ctx.isRegistered(s, NAMESPACE)) {
      sub.collections.cognitiveAccounts = [];
      sub.collections.cognitiveDeployments = [];
      return;
    }
    ctx.apiVersion("cognitiveAccounts", API_VERSION);
    ctx.apiVersion("cognitiveDeployments", API_VERSION);
    const client = new CognitiveServicesManagementClient(
      ctx.credential,
      s,
      ctx.armClientOptions as CognitiveServicesManagementClientOptionalParams,
    );
    const accounts = await ctx.read(
      {
        subscriptionId: s,
        scope: sub.id,
        collection: "cognitiveAccounts",
        operation: `GET /subscriptions/${s}/providers/Microsoft.CognitiveServices/accounts`,
        providerNamespace: NAMESPACE,
        permission: "Microsoft.CognitiveServices/accounts/read",
        priority: READ_PRIORITY.parentList,
      },
      () => ctx.drain(client.accounts.list()),
    );
    if (!accounts) return;
    sub.collections.cognitiveAccounts = accounts;
    ctx.markFinal(sub, ["cognitiveAccounts"]);
    const perAccount = await Promise.all(
      accounts.map((account) => {
        const { resourceGroup, name } = armIdParts(account.id);
        const hostsDeployments = DEPLOYMENT_KINDS.has((account.kind ?? "").toLowerCase());
        return ctx.read(
          {
            subscriptionId: s,
            scope: account.id,
            collection: "cognitiveDeployments",
            operation: `GET ${account.id}/deployments`,
            providerNamespace: NAMESPACE,
            permission: "Microsoft.CognitiveServices/accounts/deployments/read",
          },
          async () => {
            try {
              await ctx.drain(client.deployments.list(resourceGroup, name));
            } catch (e) {
              // 404: the account went away; 400 from a kind without deployments: nothing to judge.
              if (isRestError(e) && (e.statusCode === 404 || (e.statusCode === 400 && !hostsDeployments))) return;
              throw e;
            }
          },
        );
      }),
    );
    sub.collections.cognitiveDeployments = perAccount.flatMap((d) => d ?? []);
  },
};

/** Resource group and name of an ARM resource id. */
function armIdParts(id: string): { resourceGroup: string; name: string } {
  const parts = id.split("/").filter((p) => p.length > 0);
  const rg = parts.findIndex((p) => p.toLowerCase() === "resourcegroups");
  return { resourceGroup: rg >= 0 ? (parts[rg + 1] ?? "") : "", name: parts[parts.length - 1] ?? "" };
}
