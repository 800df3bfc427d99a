/** Management-group hierarchy: which management groups each subscription sits under (RES-09 notScopes). */
import { createRestError, getClient } from "@azure-rest/core-client";
import type { ClientOptions } from "@azure-rest/core-client";
import type { TenantCollector } from "../contracts.js";

/** API version of `ManagementGroups_Get` with `$expand=children&$recurse=true`. */
export const MANAGEMENT_GROUPS_API_VERSION = "2023-04-01";

interface TreeNode {
  type?: string;
  name?: string;
  id?: string;
  children?: TreeNode[] | null;
  properties?: { children?: TreeNode[] | null } | null;
}

/**
 * Walks the tree `GET /providers/Microsoft.Management/managementGroups/{root}?$expand=children&$recurse=true`
 * returns and maps each subscription id (lower case) to its management groups, root first.
 */
export function ancestorsFromTree(root: TreeNode): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const walk = (node: TreeNode, path: string[], depth: number) => {
    if (depth > 20) return; // ARM allows six levels below the root; a deeper tree is malformed
    const isSub = /subscriptions$/i.test(node.type ?? "");
    if (isSub) {
      const id = (node.name ?? node.id?.split("/").pop() ?? "").toLowerCase();
      if (id) out.set(id, path);
      return;
    }
    const here = node.name ? [...path, node.name] : path;
    for (const c of node.properties?.children ?? node.children ?? []) walk(c, here, depth + 1);
  };
  walk(root, [], 0);
  return out;
}

/**
 * The subscriptions the tree holds (children of type `/subscriptions`), with their ids as the tree
 * spells them, each once.
 */
export function subscriptionsInTree(root: TreeNode): string[] {
  const out = new Map<string, string>();
  const walk = (node: TreeNode, depth: number) => {
    if (depth > 20) return;
    if (/subscriptions$/i.test(node.type ?? "")) {
      const id = node.name ?? node.id?.split("/").pop() ?? "";
      if (id && !out.has(id.toLowerCase())) out.set(id.toLowerCase(), id);
      return;
    }
    for (const c of node.properties?.children ?? node.children ?? []) walk(c, depth + 1);
  };
  walk(root, 0);
  return [...out.values()];
}

/**
 * Reads the hierarchy under the tenant root group (named after the tenant id) and fills each
 * subscription's `managementGroupAncestors`. Unread (403: no Reader at the root) → coverage, and the
 * ancestors stay absent, so RES-09 cannot be fooled by a management group in `notScopes`.
 * A subscription in the tree that `GET /subscriptions` did not return is out of view: a coverage
 * entry `SubscriptionNotVisible` (so this collector also holds `subscriptions` open).
 */
export const managementGroupsCollector: TenantCollector = {
  name: "management-groups",
  collections: ["managementGroups", "subscriptions"],
  async collect(ctx, snap) {
    const t = snap.tenant.tenantId;
    if (!t) return;
    const arm = getClient(ctx.cloud.armEndpoint, ctx.credential, ctx.armClientOptions as ClientOptions);
    ctx.apiVersion("managementGroups", MANAGEMENT_GROUPS_API_VERSION);
    const raw = await ctx.read(
      {
        scope: `/tenants/${t}/managementGroups`,
        collection: "managementGroups",
        operation: "GET /providers/Microsoft.Management/managementGroups/{tenantId}?$expand=children&$recurse=true",
        permission: "Microsoft.Management/managementGroups/read",
      },
      async () => {
        const r = await arm
          .pathUnchecked("/providers/Microsoft.Management/managementGroups/{groupId}", t)
          .get({ queryParameters: { "api-version": MANAGEMENT_GROUPS_API_VERSION, $expand: "children", $recurse: "true" } });
        if (!/^2\d\d$/.test(r.status)) throw createRestError(r);
      },
    );
    const root = raw?.[0] as TreeNode | undefined;
    if (!root) return; // unread (coverage recorded, a 404 included): ancestors stay unknown
    const map = ancestorsFromTree(root);
    for (const sub of snap.subscriptions) {
      const path = map.get(sub.subscriptionId.toLowerCase());
      if (path) sub.managementGroupAncestors = path;
    }
    const visible = ctx.visibleSubscriptions;
    if (!visible) return; // the subscription list failed: its own coverage entry says so
    // One entry per subscription: one named with --subscriptions already has its own.
    const reported = new Set(snap.coverage.filter((c) => c.code === "SubscriptionNotVisible").map((c) => c.scope.toLowerCase()));
    for (const id of subscriptionsInTree(root)) {
      if (visible.has(id.toLowerCase()) || reported.has(`/subscriptions/${id}`.toLowerCase())) continue;
      ctx.addCoverage({
        scope: `/subscriptions/${id}`,
        collection: "subscriptions",
        operation: "GET /subscriptions",
        code: "SubscriptionNotVisible",
        message: `Subscription ${id} is in the management-group tree but not visible to this identity (not in GET /subscriptions). Grant the identity Reader on the subscription or on a management group above it.`,
        permission: "Microsoft.Resources/subscriptions/read",
      });
    }
  },
};
