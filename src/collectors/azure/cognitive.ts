/** Cognitive Services / Azure OpenAI collector: accounts (encryption) and their model deployments (deployment type). */
import {
  CognitiveServicesManagementClient,
  type CognitiveServicesManagementClientOptionalParams,
} from "@azure/arm-cognitiveservices";
import { READ_PRIORITY, type SubscriptionCollector } from "../contracts.js";
import { armIdParts } from "./arm-id.js";

const NAMESPACE = "Microsoft.CognitiveServices";
/** api-version @azure/arm-cognitiveservices 8.1.0 sends for accounts and deployments. */
const API_VERSION = "2025-09-01";
/**
 * Account kinds that host model deployments (compared case-insensitively): Azure OpenAI and the
 * Foundry (AI Services) multi-service kind. Other kinds (TextAnalytics, SpeechServices, FormRecognizer,
 * ComputerVision, ...) have no deployments, so theirs are not requested.
 */
const DEPLOYMENT_KINDS = new Set(["openai", "aiservices"]);

/** Whether an account's kind can host model deployments (an account without a kind is read). */
export function hostsDeployments(account: { kind?: unknown }): boolean {
  return typeof account.kind !== "string" || account.kind === "" || DEPLOYMENT_KINDS.has(account.kind.toLowerCase());
}

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
      accounts.map(async (account) => {
        if (!hostsDeployments(account)) return [];
        const { resourceGroup, name } = armIdParts(account.id);
        return ctx.read(
          {
            subscriptionId: s,
            scope: account.id,
            collection: "cognitiveDeployments",
            operation: `GET ${account.id}/deployments`,
            providerNamespace: NAMESPACE,
            permission: "Microsoft.CognitiveServices/accounts/deployments/read",
          },
          // Any failed answer (a 404 included) is a gap for this account.
          () => ctx.drain(client.deployments.list(resourceGroup, name)),
        );
      }),
    );
    sub.collections.cognitiveDeployments = perAccount.flatMap((d) => d ?? []);
  },
};
