/**
 * The management-group hierarchy the emulator serves (`ManagementGroups_Get` with `$expand=children&$recurse=true`,
 * `ManagementGroups_List`), derived from each subscription's `managementGroupAncestors`.
 */
import type { ArmResource } from "../snapshot/types.js";
import type { TenantModel } from "./model.js";

const MG_TYPE = "Microsoft.Management/managementGroups";
const MG_PREFIX = "/providers/Microsoft.Management/managementGroups/";

/** One management group and what sits directly beneath it. */
export interface ManagementGroupNode {
  name: string;
  parent?: string;
  /** Child management group names, in first-seen order. */
  groups: string[];
  /** Subscriptions directly beneath, as `{ subscriptionId, displayName }`. */
  subscriptions: { subscriptionId: string; displayName: string }[];
}

/** Lower-cased group name → node. */
export type ManagementGroupTree = Map<string, ManagementGroupNode>;

/**
 * Builds the hierarchy from the subscriptions' ancestor chains (root first). The tenant root group
 * (named after the tenant id) always exists, as in every Entra tenant, even without subscriptions;
 * a subscription without a chain sits directly under it.
 */
export function buildManagementGroupTree(model: TenantModel): ManagementGroupTree {
  const tree: ManagementGroupTree = new Map();
  const node = (name: string, parent?: string): ManagementGroupNode => {
    let n = tree.get(name.toLowerCase());
    if (!n) {
      n = { name, groups: [], subscriptions: [], ...(parent ? { parent } : {}) };
      tree.set(name.toLowerCase(), n);
      if (parent) tree.get(parent.toLowerCase())?.groups.push(name);
    }
    return n;
  };
  node(model.tenantId);
  const orphans: { subscriptionId: string; displayName: string }[] = [];
  for (const sub of model.subscriptions) {
    const chain = sub.managementGroupAncestors ?? [];
    const entry = { subscriptionId: sub.subscriptionId, displayName: sub.displayName };
    if (chain.length === 0) {
      orphans.push(entry);
      continue;
    }
    let parent: string | undefined;
    for (const name of chain) {
      node(name, parent);
      parent = name;
    }
    node(parent!).subscriptions.push(entry);
  }
  tree.get(model.tenantId.toLowerCase())?.subscriptions.push(...orphans);
  return tree;
}

function displayName(name: string, tenantId: string): string {
  return name.toLowerCase() === tenantId.toLowerCase() ? "Tenant Root Group" : name;
}

function childEntries(
  tree: ManagementGroupTree,
  node: ManagementGroupNode,
  tenantId: string,
  recurse: boolean,
): Record<string, unknown>[] {
  const groups = node.groups.map((name) => {
    const child = tree.get(name.toLowerCase())!;
    return {
      id: `${MG_PREFIX}${child.name}`,
      type: MG_TYPE,
      name: child.name,
      displayName: displayName(child.name, tenantId),
      ...(recurse ? { children: childEntries(tree, child, tenantId, true) } : {}),
    };
  });
  const subs = node.subscriptions.map((s) => ({
    id: `/subscriptions/${s.subscriptionId}`,
    type: "/subscriptions",
    name: s.subscriptionId,
    displayName: s.displayName,
  }));
  return [...groups, ...subs];
}

/** The `ManagementGroups_Get` body for one group, with children when `$expand=children` (all levels with `$recurse`). */
export function managementGroupPayload(
  tree: ManagementGroupTree,
  name: string,
  tenantId: string,
  options: { expandChildren: boolean; recurse: boolean },
): ArmResource | undefined {
  const node = tree.get(name.toLowerCase());
  if (!node) return undefined;
  const parent = node.parent;
  return {
    id: `${MG_PREFIX}${node.name}`,
    type: MG_TYPE,
    name: node.name,
    properties: {
      tenantId,
      displayName: displayName(node.name, tenantId),
      details: {
        version: 1,
        updatedTime: "2025-01-15T08:00:00.0000000Z",
        updatedBy: "00000000-0000-0000-0000-000000000000",
        parent: parent ? { id: `${MG_PREFIX}${parent}`, name: parent, displayName: displayName(parent, tenantId) } : null,
      },
      ...(options.expandChildren ? { children: childEntries(tree, node, tenantId, options.recurse) } : {}),
    },
  };
}

/** The `ManagementGroups_List` items: every group the caller can see. */
export function managementGroupList(tree: ManagementGroupTree, tenantId: string): ArmResource[] {
  return [...tree.values()].map((n) => ({
    id: `${MG_PREFIX}${n.name}`,
    type: MG_TYPE,
    name: n.name,
    properties: { tenantId, displayName: displayName(n.name, tenantId) },
  }));
}
