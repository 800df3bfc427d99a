/**
 * Lookup tables over a TenantModel, built once when the emulator starts, so that answering a request
 * costs O(page size) rather than O(resources).
 */
import type { ArmResource } from "../snapshot/types.js";
import type { ModelSubscription, TenantModel } from "./model.js";

/** Nested resource types the real `GET /subscriptions/{s}/resources` lists (tracked child resources). */
export const TRACKED_NESTED_TYPES = new Set(
  [
    "Microsoft.Sql/servers/databases",
    "Microsoft.Sql/servers/elasticPools",
    "Microsoft.Sql/servers/jobAgents",
    "Microsoft.Sql/managedInstances/databases",
    "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
    "Microsoft.Network/networkWatchers/flowLogs",
    "Microsoft.Network/networkWatchers/connectionMonitors",
    "Microsoft.ContainerRegistry/registries/replications",
    "Microsoft.ContainerRegistry/registries/webhooks",
    "Microsoft.ContainerRegistry/registries/agentPools",
    "Microsoft.Compute/virtualMachines/extensions",
    "Microsoft.Compute/galleries/images",
    "Microsoft.Compute/galleries/images/versions",
    "Microsoft.Web/sites/slots",
    "Microsoft.Synapse/workspaces/sqlPools",
    "Microsoft.Synapse/workspaces/bigDataPools",
    "Microsoft.Automation/automationAccounts/runbooks",
    "Microsoft.DataMigration/services/projects",
    "Microsoft.Kusto/clusters/databases",
  ].map((t) => t.toLowerCase()),
);

/** Top-level namespaces whose resources are not tracked and never appear in `/resources`. */
const UNLISTED_NAMESPACES = new Set(["microsoft.authorization", "microsoft.resources", "microsoft.management"]);

/** Keys of the generic resource shape `/resources` returns (no `properties`). */
const GENERIC_KEYS = ["id", "name", "type", "kind", "location", "extendedLocation", "managedBy", "sku", "plan", "identity", "tags"];

/** Where an ARM id points: its scope prefix, provider namespace and type/name pairs. */
export interface ParsedId {
  /** `/subscriptions/{s}` or null for tenant/management-group ids. */
  subscriptionId?: string;
  resourceGroup?: string;
  namespace?: string;
  /** Type segments after the namespace, e.g. ["servers", "databases"]. */
  types: string[];
  names: string[];
  /** True when the id has more than one `/providers/` segment (an extension resource). */
  extension: boolean;
}

/** Splits an ARM id (or request path) into its parts; segment casing is kept. */
export function parseArmId(id: string): ParsedId {
  const segs = id.split("/").filter((s) => s.length > 0);
  const out: ParsedId = { types: [], names: [], extension: false };
  let providerCount = 0;
  let lastProvider = -1;
  for (let i = 0; i < segs.length; i++) {
    const lower = segs[i]!.toLowerCase();
    if (lower === "subscriptions" && i === 0) out.subscriptionId = segs[i + 1];
    if (lower === "resourcegroups" && i === 2 && out.subscriptionId) out.resourceGroup = segs[i + 1];
    if (lower === "providers") {
      providerCount++;
      lastProvider = i;
    }
  }
  out.extension = providerCount > 1;
  if (lastProvider >= 0) {
    out.namespace = segs[lastProvider + 1];
    const rest = segs.slice(lastProvider + 2);
    for (let i = 0; i < rest.length; i += 2) {
      out.types.push(rest[i]!);
      if (i + 1 < rest.length) out.names.push(rest[i + 1]!);
    }
  }
  return out;
}

/** The full resource type of an id, e.g. `Microsoft.Sql/servers/databases`, or undefined. */
export function typeOfId(id: string): string | undefined {
  const p = parseArmId(id);
  return p.namespace && p.types.length > 0 ? [p.namespace, ...p.types].join("/") : undefined;
}

/** The generic `/resources` projection of a resource payload. */
export function genericShape(resource: ArmResource): ArmResource {
  const out: ArmResource = { id: resource.id };
  for (const key of GENERIC_KEYS) {
    const value = key === "type" ? (resource.type ?? typeOfId(resource.id)) : resource[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Whether `GET /subscriptions/{s}/resources` lists this resource (tracked, in a resource group). */
export function isListedInResources(resource: ArmResource): boolean {
  const p = parseArmId(resource.id);
  if (p.extension || !p.resourceGroup || !p.namespace || p.types.length === 0) return false;
  if (p.names.length !== p.types.length) return false;
  if (UNLISTED_NAMESPACES.has(p.namespace.toLowerCase())) return false;
  if (p.types.length === 1) return true;
  return TRACKED_NESTED_TYPES.has([p.namespace, ...p.types].join("/").toLowerCase());
}

/** Policy assignment (or exemption) lists for one subscription, by `$filter`. */
export interface PolicyAssignmentLists {
  /** No filter: inherited from management groups, at the subscription, and beneath it. */
  all: ArmResource[];
  /** `atScope()`: inherited and at the subscription, not beneath. */
  atScope: ArmResource[];
  /** `atExactScope()`: at the subscription only. */
  atExactScope: ArmResource[];
}

/** All lookup tables the ARM routes use. Keys are lower-cased. */
export interface ArmIndex {
  subscriptions: Map<string, ModelSubscription>;
  /** Lower-cased id → payload (resource groups, resources, policy set definitions, MG policy assignments). */
  byId: Map<string, ArmResource>;
  /** Lower-cased collection path (an id without its last segment) → the payloads listed there. */
  collections: Map<string, ArmResource[]>;
  /** Lower-cased subscription id → generic shapes listed by `/subscriptions/{s}/resources`. */
  genericBySubscription: Map<string, ArmResource[]>;
  /** Lower-cased resource group id → generic shapes listed by `.../resourceGroups/{rg}/resources`. */
  genericByResourceGroup: Map<string, ArmResource[]>;
  /** `{lower scope id}|{lower type}` → generic shapes of that type (scope = subscription or group id). */
  genericByScopeAndType: Map<string, ArmResource[]>;
  /** Lower-cased subscription id → its policy assignment lists. */
  policyAssignments: Map<string, PolicyAssignmentLists>;
  /**
   * Lower-cased subscription id → its policy exemption lists (the same three `$filter` cuts:
   * unfiltered, the spec's default, adds the exemptions at resource groups and resources inside).
   */
  policyExemptions: Map<string, PolicyAssignmentLists>;
  /** Lower-cased subscription id → lower namespace → the namespace and type paths its resources use. */
  namespacesBySubscription: Map<string, Map<string, { namespace: string; types: Set<string> }>>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function parentPath(id: string): string {
  return id.slice(0, id.lastIndexOf("/")).toLowerCase();
}

/** The scope an assignment or exemption sits at: its id up to `/providers/Microsoft.Authorization/...`. */
function assignmentScope(assignment: ArmResource): string {
  const scope = assignment.properties?.scope;
  if (typeof scope === "string") return scope.toLowerCase();
  const i = assignment.id.toLowerCase().lastIndexOf("/providers/microsoft.authorization/");
  return i >= 0 ? assignment.id.slice(0, i).toLowerCase() : "";
}

/** Builds every lookup table for a model in one pass over its resources. */
export function buildArmIndex(model: TenantModel): ArmIndex {
  const index: ArmIndex = {
    subscriptions: new Map(),
    byId: new Map(),
    collections: new Map(),
    genericBySubscription: new Map(),
    genericByResourceGroup: new Map(),
    genericByScopeAndType: new Map(),
    policyAssignments: new Map(),
    policyExemptions: new Map(),
    namespacesBySubscription: new Map(),
  };
  const addItem = (resource: ArmResource): void => {
    index.byId.set(resource.id.toLowerCase(), resource);
    push(index.collections, parentPath(resource.id), resource);
  };

  for (const extra of [...(model.policySetDefinitions ?? []), ...(model.managementGroupPolicyAssignments ?? []), ...(model.managementGroupPolicyExemptions ?? [])]) {
    addItem(extra);
  }

  for (const sub of model.subscriptions) {
    const subId = `/subscriptions/${sub.subscriptionId}`.toLowerCase();
    index.subscriptions.set(sub.subscriptionId.toLowerCase(), sub);
    index.genericBySubscription.set(subId, []);
    const namespaces = new Map<string, { namespace: string; types: Set<string> }>();
    index.namespacesBySubscription.set(subId, namespaces);
    // `/subscriptions/{s}/resourcegroups` is the collection path of every group id.
    index.collections.set(`${subId}/resourcegroups`, []);
    for (const rg of sub.resourceGroups) {
      addItem(rg);
      index.genericByResourceGroup.set(rg.id.toLowerCase(), []);
    }

    const fromAncestors = (list: ArmResource[] | undefined) =>
      (list ?? []).filter((a) => {
        const scope = assignmentScope(a);
        return (sub.managementGroupAncestors ?? []).some(
          (mg) => scope === `/providers/microsoft.management/managementgroups/${mg.toLowerCase()}`,
        );
      });
    const inherited = fromAncestors(model.managementGroupPolicyAssignments);
    const lists: PolicyAssignmentLists = { all: [...inherited], atScope: [...inherited], atExactScope: [] };
    index.policyAssignments.set(subId, lists);
    const inheritedExemptions = fromAncestors(model.managementGroupPolicyExemptions);
    const exemptions: PolicyAssignmentLists = { all: [...inheritedExemptions], atScope: [...inheritedExemptions], atExactScope: [] };
    index.policyExemptions.set(subId, exemptions);

    for (const resource of sub.resources) {
      addItem(resource);
      const p = parseArmId(resource.id);
      if (p.namespace && p.types.length > 0) {
        let entry = namespaces.get(p.namespace.toLowerCase());
        if (!entry) {
          entry = { namespace: p.namespace, types: new Set() };
          namespaces.set(p.namespace.toLowerCase(), entry);
        }
        entry.types.add(p.types.join("/"));
      }
      const type = (resource.type ?? typeOfId(resource.id) ?? "").toLowerCase();
      if (type === "microsoft.authorization/policyassignments" || type === "microsoft.authorization/policyexemptions") {
        const into = type === "microsoft.authorization/policyassignments" ? lists : exemptions;
        into.all.push(resource);
        if (assignmentScope(resource) === subId) {
          into.atScope.push(resource);
          into.atExactScope.push(resource);
        }
      }
      // A top-level resource in a group is also listed by `/subscriptions/{s}/providers/{ns}/{type}`
      // (its own collection path is the group-scoped one, added by addItem).
      if (!p.extension && p.resourceGroup && p.namespace && p.types.length === 1 && p.names.length === 1) {
        push(index.collections, `${subId}/providers/${p.namespace}/${p.types[0]}`.toLowerCase(), resource);
      }
      if (isListedInResources(resource)) {
        const generic = genericShape(resource);
        index.genericBySubscription.get(subId)!.push(generic);
        const rgId = `${subId}/resourcegroups/${p.resourceGroup!.toLowerCase()}`;
        push(index.genericByResourceGroup, rgId, generic);
        push(index.genericByScopeAndType, `${subId}|${type}`, generic);
        push(index.genericByScopeAndType, `${rgId}|${type}`, generic);
      }
    }
  }
  return index;
}
