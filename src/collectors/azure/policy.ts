/**
 * Azure Policy collector: assignments that apply to a subscription, the initiatives (policy set
 * definitions) they assign, and the policy exemptions at, above and inside the subscription.
 */
import { PolicyClient, type PolicyClientOptionalParams } from "@azure/arm-policy";
import { type CollectorContext, READ_PRIORITY, type SubscriptionCollector } from "../contracts.js";
import type { ArmResource, SubscriptionSnapshot } from "../../snapshot/types.js";
import { genericArmClient, listPages } from "./generic-arm.js";

const NAMESPACE = "Microsoft.Authorization";
/** api-version @azure/arm-policy 7.0.1 sends for assignments and set definitions. */
const API_VERSION = "2025-03-01";
/**
 * api-version for policy exemptions, read through the generic ARM client (@azure/arm-policy 7 has
 * no exemption operations). Exemptions exist only in preview api-versions (2020-07-01-preview,
 * 2022-07-01-preview, 2024-12-01-preview, 2025-12-01-preview, 2026-01-01-preview); this is the
 * newest with a list example (Azure/azure-rest-api-specs
 * specification/resources/resource-manager/Microsoft.Authorization/policy/examples/2026-01-01-preview/listPolicyExemptionsForSubscription.json).
 */
export const EXEMPTIONS_API_VERSION = "2026-01-01-preview";

/** Where a policy set definition lives, parsed from its id. */
export type SetDefinitionRef =
  | { scope: "builtIn"; name: string }
  | { scope: "managementGroup"; managementGroupId: string; name: string }
  | { scope: "subscription"; subscriptionId: string; name: string };

/**
 * Reads the policy assignments that apply to one subscription (`$filter=atScope()`: assigned at
 * the subscription or inherited from its management groups, with their own ids), then GETs each
 * distinct policy set definition those assignments reference, so RES-09 can look inside initiatives
 * for the Allowed locations built-ins and their parameter mapping; beside them, the subscription's
 * policy exemptions (`collectExemptions`). Set-definition and exemption reads are scoped to the
 * subscription: a failure there blinds RES-09 for it.
 */
export const policyCollector: SubscriptionCollector = {
  name: "policy",
  collections: ["policyAssignments", "policySetDefinitions", "policyExemptions"],
  async collect(ctx, sub) {
    await Promise.all([collectAssignments(ctx, sub), collectExemptions(ctx, sub)]);
  },
};

/** Assignments at scope, then the initiatives they reference. */
async function collectAssignments(ctx: CollectorContext, sub: SubscriptionSnapshot): Promise<void> {
  // Microsoft.Authorization is a built-in provider: always registered, no check needed.
  const s = sub.subscriptionId;
  ctx.apiVersion("policyAssignments", API_VERSION);
  ctx.apiVersion("policySetDefinitions", API_VERSION);
  const options = ctx.armClientOptions as PolicyClientOptionalParams;
  const client = new PolicyClient(ctx.credential, s, options);
  const assignments = await ctx.read(
    {
      subscriptionId: s,
      scope: sub.id,
      collection: "policyAssignments",
      operation: `GET /subscriptions/${s}/providers/Microsoft.Authorization/policyAssignments?$filter=atScope()`,
      providerNamespace: NAMESPACE,
      permission: "Microsoft.Authorization/policyAssignments/read",
    },
    () => ctx.drain(client.policyAssignments.list({ filter: "atScope()" })),
  );
  if (!assignments) return; // without assignments, set definitions are not collected either
  sub.collections.policyAssignments = assignments;
  ctx.markFinal(sub, ["policyAssignments"]);
  sub.collections.policySetDefinitions = await collectSetDefinitions(ctx, sub, assignments, (subscriptionId) =>
    subscriptionId.toLowerCase() === s.toLowerCase() ? client : new PolicyClient(ctx.credential, subscriptionId, options),
  );
}

/**
 * Reads every policy exemption that concerns the subscription
 * (`GET /subscriptions/{s}/providers/Microsoft.Authorization/policyExemptions`, all pages). Without
 * `$filter` the list holds the exemptions at the subscription, those inherited from the management
 * groups above it, and those at resource groups and resources inside it (the spec's description of
 * `PolicyExemptions_List`): RES-09 needs the last kind to see a subscription that is only partly
 * exempted. A failure is a coverage entry scoped to the subscription.
 */
async function collectExemptions(ctx: CollectorContext, sub: SubscriptionSnapshot): Promise<void> {
  const s = sub.subscriptionId;
  ctx.apiVersion("policyExemptions", EXEMPTIONS_API_VERSION);
  const client = genericArmClient(ctx);
  const path = `/subscriptions/${encodeURIComponent(s)}/providers/Microsoft.Authorization/policyExemptions`;
  const exemptions = await ctx.read(
    {
      subscriptionId: s,
      scope: sub.id,
      collection: "policyExemptions",
      operation: `GET /subscriptions/${s}/providers/Microsoft.Authorization/policyExemptions`,
      providerNamespace: NAMESPACE,
      permission: "Microsoft.Authorization/policyExemptions/read",
    },
    () => ctx.drain(listPages(client, path, EXEMPTIONS_API_VERSION)),
  );
  if (exemptions) sub.collections.policyExemptions = exemptions;
  ctx.markFinal(sub, ["policyExemptions"]);
}

async function collectSetDefinitions(
  ctx: CollectorContext,
  sub: SubscriptionSnapshot,
  assignments: ArmResource[],
  clientFor: (subscriptionId: string) => PolicyClient,
): Promise<ArmResource[]> {
  const wanted = new Map<string, { id: string; ref: SetDefinitionRef }>();
  for (const a of assignments) {
    const id = a.properties?.policyDefinitionId;
    if (typeof id !== "string") continue;
    const ref = parseSetDefinitionId(id);
    if (ref && !wanted.has(id.toLowerCase())) wanted.set(id.toLowerCase(), { id, ref });
  }
  const results = await Promise.all(
    [...wanted.values()].map(({ id, ref }) =>
      ctx.read(
        {
          subscriptionId: sub.subscriptionId,
          scope: sub.id,
          collection: "policySetDefinitions",
          operation: `GET ${id}`,
          providerNamespace: NAMESPACE,
          permission: "Microsoft.Authorization/policySetDefinitions/read",
          // Scoped to the subscription for coverage, but a child read of the assignments.
          priority: READ_PRIORITY.child,
        },
        () => {
          const c = clientFor(ref.scope === "subscription" ? ref.subscriptionId : sub.subscriptionId);
          switch (ref.scope) {
            case "builtIn":
              return c.policySetDefinitions.getBuiltIn(ref.name);
            case "managementGroup":
              return c.policySetDefinitions.getAtManagementGroup(ref.managementGroupId, ref.name);
            case "subscription":
              return c.policySetDefinitions.get(ref.name);
          }
        },
      ),
    ),
  );
  const byId = new Map<string, ArmResource>();
  for (const r of results.flatMap((x) => x ?? [])) {
    if (typeof r.id === "string" && !byId.has(r.id.toLowerCase())) byId.set(r.id.toLowerCase(), r);
  }
  return [...byId.values()];
}

/**
 * Parses a policy set definition id into where it lives; `undefined` for anything else
 * (a single policy definition, or an unrecognised form).
 * - `/providers/Microsoft.Authorization/policySetDefinitions/{name}` → built-in
 * - `/providers/Microsoft.Management/managementGroups/{mg}/providers/Microsoft.Authorization/policySetDefinitions/{name}`
 * - `/subscriptions/{s}/providers/Microsoft.Authorization/policySetDefinitions/{name}`
 */
export function parseSetDefinitionId(id: string): SetDefinitionRef | undefined {
  const p = id.split("/").filter((x) => x.length > 0);
  const lower = p.map((x) => x.toLowerCase());
  const tail = lower.slice(-4);
  if (
    tail[0] !== "providers" ||
    tail[1] !== "microsoft.authorization" ||
    tail[2] !== "policysetdefinitions" ||
    p.length < 4
  ) {
    return undefined;
  }
  const name = p[p.length - 1] ?? "";
  if (p.length === 4) return { scope: "builtIn", name };
  if (p.length === 8 && lower[0] === "providers" && lower[1] === "microsoft.management" && lower[2] === "managementgroups") {
    return { scope: "managementGroup", managementGroupId: p[3] ?? "", name };
  }
  if (p.length === 6 && lower[0] === "subscriptions") return { scope: "subscription", subscriptionId: p[1] ?? "", name };
  return undefined;
}
