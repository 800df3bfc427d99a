/** Azure Resource Manager routes of the emulator: subscriptions, groups, resources, providers, policy, paging. */
import type { ArmResource } from "../snapshot/types.js";
import { type ArmIndex, parseArmId } from "./arm-index.js";
import { builtinLocationPayloads, modelLocationPayloads } from "./locations.js";
import {
  buildManagementGroupTree,
  type ManagementGroupTree,
  managementGroupList,
  managementGroupPayload,
} from "./management-groups.js";
import type { ModelSubscription, TenantModel } from "./model.js";
import {
  armError,
  decodeSkipToken,
  encodeSkipToken,
  queryParam,
  type Reply,
  type RequestContext,
  skipTokenParam,
} from "./responses.js";

/** Everything the ARM routes read. */
export interface ArmState {
  model: TenantModel;
  index: ArmIndex;
  pageSize: number;
  /** Built lazily on the first management-group request. */
  managementGroups?: ManagementGroupTree;
}

const NOT_FOUND_FIX = "For more details please go to https://aka.ms/ARMResourceNotFoundFix";

/** Provider namespaces every subscription lists, with the resource types the auditor reads. */
const COMMON_PROVIDERS: Record<string, string[]> = {
  "Microsoft.Authorization": ["policyAssignments", "policyDefinitions", "policyExemptions", "policySetDefinitions", "roleAssignments"],
  "Microsoft.CognitiveServices": ["accounts", "accounts/deployments"],
  "Microsoft.Compute": ["virtualMachines", "disks", "diskEncryptionSets", "snapshots"],
  "Microsoft.ContainerRegistry": ["registries", "registries/replications"],
  "Microsoft.DataProtection": ["backupVaults"],
  "Microsoft.DBforMySQL": ["flexibleServers"],
  "Microsoft.DBforPostgreSQL": ["flexibleServers"],
  "Microsoft.DocumentDB": ["databaseAccounts"],
  "Microsoft.KeyVault": ["vaults", "vaults/keys", "managedHSMs", "managedHSMs/keys"],
  "Microsoft.Network": ["virtualNetworks", "privateEndpoints", "privateDnsZones", "privateDnsZones/virtualNetworkLinks"],
  "Microsoft.RecoveryServices": ["vaults", "vaults/backupstorageconfig"],
  "Microsoft.Sql": [
    "servers",
    "servers/databases",
    "servers/databases/replicationLinks",
    "servers/encryptionProtector",
    "servers/failoverGroups",
    "managedInstances",
    "locations/instanceFailoverGroups",
  ],
  "Microsoft.Storage": ["storageAccounts"],
};

/** A namespace in its canonical casing when the emulator knows it (`microsoft.keyvault` → `Microsoft.KeyVault`). */
export function canonicalNamespaceName(ns: string): string {
  const lowerNs = ns.toLowerCase();
  return Object.keys(COMMON_PROVIDERS).find((k) => k.toLowerCase() === lowerNs) ?? ns;
}

/** Namespaces that need no registration and are never reported unregistered. */
const ALWAYS_REGISTERED = new Set(["microsoft.authorization", "microsoft.resources"]);

/** Answers one ARM GET (or the Resource Graph POST) against the model. */
export function handleArm(ctx: RequestContext, state: ArmState): Reply {
  const { lower } = ctx;
  if (ctx.method === "POST") {
    return armError(
      501,
      "NotImplemented",
      "Azure Resource Graph queries are not served by the Hemvist emulator yet; read through the resource provider APIs.",
    );
  }
  if (lower.length === 1 && lower[0] === "subscriptions") return listSubscriptions(ctx, state);
  if (lower.length === 1 && lower[0] === "tenants") return listTenants(state);
  if (lower[0] === "subscriptions") return subscriptionRoute(ctx, state);
  if (lower[0] === "providers") return tenantProviderRoute(ctx, state);
  return notSupported(ctx);
}

function notSupported(ctx: RequestContext): Reply {
  return armError(404, "NotFound", `The path '${ctx.path}' is not served by the Hemvist emulator.`);
}

function subscriptionPayload(sub: ModelSubscription, tenantId: string): ArmResource {
  return {
    id: `/subscriptions/${sub.subscriptionId}`,
    authorizationSource: "RoleBased",
    managedByTenants: [],
    subscriptionId: sub.subscriptionId,
    tenantId,
    displayName: sub.displayName,
    state: sub.state ?? "Enabled",
    subscriptionPolicies: {
      locationPlacementId: "Public_2014-09-01",
      quotaId: "EnterpriseAgreement_2014-09-01",
      spendingLimit: "Off",
    },
    ...(sub.tags ? { tags: sub.tags } : {}),
  };
}

function listSubscriptions(ctx: RequestContext, state: ArmState): Reply {
  const subs = state.model.subscriptions.map((s) => subscriptionPayload(s, state.model.tenantId));
  return page(ctx, state, subs);
}

function defaultDomain(model: TenantModel): { defaultDomain: string; domains: string[]; countryCode?: string } {
  const org = model.graph?.organization?.[0];
  const verified = (org?.verifiedDomains as { name?: string; isDefault?: boolean }[] | undefined) ?? [];
  const domains = verified.map((d) => d.name).filter((n): n is string => typeof n === "string");
  const slug = model.displayName.toLowerCase().replace(/[^a-z0-9]+/g, "") || "tenant";
  const found = verified.find((d) => d.isDefault)?.name ?? domains[0] ?? `${slug}.onmicrosoft.com`;
  const country = org?.countryLetterCode;
  return {
    defaultDomain: found,
    domains: domains.length > 0 ? domains : [found],
    ...(typeof country === "string" ? { countryCode: country } : {}),
  };
}

function listTenants(state: ArmState): Reply {
  const { model } = state;
  const { defaultDomain: domain, domains, countryCode } = defaultDomain(model);
  return ok({
    value: [
      {
        id: `/tenants/${model.tenantId}`,
        tenantId: model.tenantId,
        tenantCategory: "Home",
        ...(countryCode ? { countryCode } : {}),
        displayName: model.displayName,
        domains,
        defaultDomain: domain,
        tenantType: "AAD",
      },
    ],
  });
}

/** Routes below `/providers/...` at tenant or management-group scope. */
function tenantProviderRoute(ctx: RequestContext, state: ArmState): Reply {
  const { lower, segments } = ctx;
  if (lower[1] === "microsoft.customerlockbox" && lower[2] === "tenantoptedin" && lower.length === 4) {
    if (lower[3] !== state.model.tenantId.toLowerCase()) {
      return armError(404, "TenantNotFound", `The tenant '${segments[3]}' was not found or is not the signed-in tenant.`);
    }
    return ok({ isOptedIn: state.model.customerLockbox?.isOptedIn ?? false });
  }
  if (lower[1] === "microsoft.management" && lower[2] === "managementgroups" && lower.length <= 4) {
    state.managementGroups ??= buildManagementGroupTree(state.model);
    if (lower.length === 3) return page(ctx, state, managementGroupList(state.managementGroups, state.model.tenantId));
    const expand = (queryParam(ctx.query, "$expand") ?? "").toLowerCase().split(",");
    const group = managementGroupPayload(state.managementGroups, segments[3]!, state.model.tenantId, {
      expandChildren: expand.includes("children"),
      recurse: (queryParam(ctx.query, "$recurse") ?? "").toLowerCase() === "true",
    });
    if (!group) {
      return armError(
        404,
        "NotFound",
        `'/providers/Microsoft.Management/managementGroups/${segments[3]}' not found. Check that the management group exists and that you have access to it.`,
      );
    }
    return ok(group);
  }
  return byIdOrCollection(ctx, state) ?? resourceNotFound(ctx);
}

/** Serves an id from the model, or the collection listed at a path; undefined when neither exists. */
function byIdOrCollection(ctx: RequestContext, state: ArmState): Reply | undefined {
  const key = `/${ctx.lower.join("/")}`;
  const item = state.index.byId.get(key);
  if (item) return ok(item);
  const list = state.index.collections.get(key);
  if (list) return page(ctx, state, list);
  return undefined;
}

function subscriptionRoute(ctx: RequestContext, state: ArmState): Reply {
  const { lower, segments } = ctx;
  const subIdRaw = segments[1] ?? "";
  const sub = state.index.subscriptions.get(subIdRaw.toLowerCase());
  if (!sub) return armError(404, "SubscriptionNotFound", `The subscription '${subIdRaw}' could not be found.`);
  const subKey = `/subscriptions/${sub.subscriptionId.toLowerCase()}`;
  if (lower.length === 2) return ok(subscriptionPayload(sub, state.model.tenantId));

  const registration = registrationError(ctx, sub);
  if (registration) return registration;

  const third = lower[2];
  if (lower.length === 3 && third === "locations") {
    const locations = state.model.locations
      ? modelLocationPayloads(state.model.locations, sub.subscriptionId)
      : builtinLocationPayloads(sub.subscriptionId);
    return ok({ value: locations });
  }
  if (lower.length === 3 && third === "providers") return page(ctx, state, providerPayloads(sub, state));
  if (lower.length === 4 && third === "providers") {
    const provider = providerPayloads(sub, state).find((p) => String(p.namespace).toLowerCase() === lower[3]);
    return provider
      ? ok(provider)
      : armError(404, "InvalidResourceNamespace", `The resource namespace '${segments[3]}' is invalid.`);
  }
  if (lower.length === 3 && third === "resources") {
    return genericList(ctx, state, subKey, state.index.genericBySubscription.get(subKey) ?? []);
  }
  if (
    lower.length === 5 &&
    third === "providers" &&
    lower[3] === "microsoft.authorization" &&
    lower[4] === "policyassignments"
  ) {
    return policyAssignments(ctx, state, subKey);
  }
  if (
    lower.length === 5 &&
    third === "providers" &&
    lower[3] === "microsoft.authorization" &&
    lower[4] === "policyexemptions"
  ) {
    return policyExemptions(ctx, state, subKey);
  }
  if (third === "resourcegroups") {
    if (lower.length === 3) return page(ctx, state, state.index.collections.get(`${subKey}/resourcegroups`) ?? []);
    const rgKey = `${subKey}/resourcegroups/${lower[3]}`;
    const rg = state.index.byId.get(rgKey);
    if (!rg) return armError(404, "ResourceGroupNotFound", `Resource group '${segments[3]}' could not be found.`);
    if (lower.length === 4) return ok(rg);
    if (lower.length === 5 && lower[4] === "resources") {
      return genericList(ctx, state, rgKey, state.index.genericByResourceGroup.get(rgKey) ?? []);
    }
  }
  const sqlList = sqlReplicaList(ctx, state);
  if (sqlList) return sqlList;
  const found = byIdOrCollection(ctx, state);
  if (found) return found;
  const singleton = platformSingleton(ctx, state);
  if (singleton) return ok(singleton);
  if (
    lower.length === 6 &&
    third === "providers" &&
    lower[3] === "microsoft.authorization" &&
    (lower[4] === "policysetdefinitions" || lower[4] === "policydefinitions")
  ) {
    // The subscription-scoped GET also resolves built-in (tenant-level) definitions by name.
    const builtIn = state.index.byId.get(`/providers/microsoft.authorization/${lower[4]}/${lower[5]}`);
    if (builtIn) return ok(builtIn);
  }
  return missing(ctx, state);
}

/**
 * The two SQL replica lists whose items do not hang under the path listed: a resource group's
 * instance failover groups in one location (`…/providers/Microsoft.Sql/locations/{location}/instanceFailoverGroups`,
 * empty where there are none — the location is no resource of its own), and a server's replication
 * links (`…/servers/{server}/replicationLinks`: every link of its databases, each id under its database).
 */
function sqlReplicaList(ctx: RequestContext, state: ArmState): Reply | undefined {
  const { lower } = ctx;
  if (lower.length !== 9 || lower[2] !== "resourcegroups" || lower[4] !== "providers" || lower[5] !== "microsoft.sql") return undefined;
  const key = `/${lower.join("/")}`;
  if (lower[6] === "locations" && lower[8] === "instancefailovergroups") return page(ctx, state, state.index.collections.get(key) ?? []);
  if (lower[6] === "servers" && lower[8] === "replicationlinks") {
    const serverKey = `/${lower.slice(0, 8).join("/")}`;
    if (!state.index.byId.has(serverKey)) return undefined; // 404 ParentResourceNotFound, as for any child of a missing server
    const links: ArmResource[] = [];
    for (const db of state.index.collections.get(`${serverKey}/databases`) ?? []) {
      links.push(...(state.index.collections.get(`${db.id.toLowerCase()}/replicationlinks`) ?? []));
    }
    return page(ctx, state, links);
  }
  return undefined;
}

/** 409 MissingSubscriptionRegistration when the path reaches into a namespace the subscription has not registered. */
function registrationError(ctx: RequestContext, sub: ModelSubscription): Reply | undefined {
  const i = ctx.lower.indexOf("providers", 2);
  if (i < 0 || ctx.lower.length < i + 3) return undefined;
  const ns = ctx.segments[i + 1] ?? "";
  if (ALWAYS_REGISTERED.has(ns.toLowerCase())) return undefined;
  const state = providerState(sub, ns);
  if (state !== "NotRegistered" && state !== "Unregistered") return undefined;
  const canonical = canonicalNamespace(sub, ns);
  const message = `The subscription is not registered to use namespace '${canonical}'. See https://aka.ms/rps-not-found for how to register subscriptions.`;
  return armError(409, "MissingSubscriptionRegistration", message, [
    { code: "MissingSubscriptionRegistration", target: canonical, message },
  ]);
}

function canonicalNamespace(sub: ModelSubscription, ns: string): string {
  const lowerNs = ns.toLowerCase();
  return (
    Object.keys(sub.providers ?? {}).find((k) => k.toLowerCase() === lowerNs) ??
    Object.keys(COMMON_PROVIDERS).find((k) => k.toLowerCase() === lowerNs) ??
    ns
  );
}

function providerState(sub: ModelSubscription, ns: string): string {
  const lowerNs = ns.toLowerCase();
  for (const [key, value] of Object.entries(sub.providers ?? {})) if (key.toLowerCase() === lowerNs) return value;
  return "Registered";
}

const ALL_LOCATION_NAMES: string[] = builtinLocationPayloads("00000000-0000-0000-0000-000000000000").map((l) =>
  String(l.displayName),
);

function providerPayloads(sub: ModelSubscription, state: ArmState): ArmResource[] {
  const byNs = new Map<string, { namespace: string; types: Set<string> }>();
  for (const [ns, types] of Object.entries(COMMON_PROVIDERS)) byNs.set(ns.toLowerCase(), { namespace: ns, types: new Set(types) });
  const present = state.index.namespacesBySubscription.get(`/subscriptions/${sub.subscriptionId.toLowerCase()}`);
  for (const [key, entry] of present ?? []) {
    const existing = byNs.get(key);
    if (existing) for (const t of entry.types) existing.types.add(t);
    else byNs.set(key, { namespace: entry.namespace, types: new Set(entry.types) });
  }
  for (const ns of Object.keys(sub.providers ?? {})) {
    if (!byNs.has(ns.toLowerCase())) byNs.set(ns.toLowerCase(), { namespace: ns, types: new Set() });
  }
  return [...byNs.values()]
    .sort((a, b) => a.namespace.localeCompare(b.namespace))
    .map(({ namespace, types }) => {
      const global = ALWAYS_REGISTERED.has(namespace.toLowerCase());
      return {
        id: `/subscriptions/${sub.subscriptionId}/providers/${namespace}`,
        namespace,
        registrationState: global ? "Registered" : providerState(sub, namespace),
        registrationPolicy: global ? "RegistrationFree" : "RegistrationRequired",
        resourceTypes: [...types].map((resourceType) => ({
          resourceType,
          locations: global ? [] : ALL_LOCATION_NAMES,
          apiVersions: ["2024-01-01", "2023-05-01"],
          capabilities: "None",
        })),
      };
    });
}

/** `GET .../resources` with `$filter` (resourceType, location, name, resourceGroup, tagName/tagValue) and `$top`. */
function genericList(ctx: RequestContext, state: ArmState, scopeKey: string, all: ArmResource[]): Reply {
  const filter = queryParam(ctx.query, "$filter");
  if (!filter || filter.trim() === "") return page(ctx, state, all);
  const parsed = parseResourceFilter(filter);
  if (!parsed) {
    return armError(400, "InvalidFilterInQueryString", `Invalid $filter '${filter}' specified in the query string.`);
  }
  // Fast path: only resourceType clauses joined by `or` → union of per-type lists.
  if (parsed.every((clauses) => clauses.length === 1 && clauses[0]!.field === "resourcetype")) {
    const seen = new Set<string>();
    const lists: ArmResource[] = [];
    for (const [clause] of parsed) {
      const type = clause!.value.toLowerCase();
      if (seen.has(type)) continue;
      seen.add(type);
      lists.push(...(state.index.genericByScopeAndType.get(`${scopeKey}|${type}`) ?? []));
    }
    return page(ctx, state, lists);
  }
  return page(
    ctx,
    state,
    all.filter((r) => parsed.some((clauses) => clauses.every((c) => matchesClause(r, c, clauses)))),
  );
}

interface FilterClause {
  field: string;
  value: string;
}

/** Parses `a eq 'x' and b eq 'y' or c eq 'z'` into disjuncts of conjuncts; undefined when unsupported. */
function parseResourceFilter(filter: string): FilterClause[][] | undefined {
  const fields = new Set(["resourcetype", "location", "name", "resourcegroup", "tagname", "tagvalue"]);
  const out: FilterClause[][] = [];
  for (const disjunct of filter.split(/\s+or\s+/i)) {
    const clauses: FilterClause[] = [];
    for (const raw of disjunct.split(/\s+and\s+/i)) {
      const m = /^\s*\(?\s*([A-Za-z]+)\s+eq\s+'((?:[^']|'')*)'\s*\)?\s*$/.exec(raw);
      if (!m || !fields.has(m[1]!.toLowerCase())) return undefined;
      clauses.push({ field: m[1]!.toLowerCase(), value: m[2]!.replace(/''/g, "'") });
    }
    out.push(clauses);
  }
  return out;
}

function matchesClause(r: ArmResource, c: FilterClause, all: FilterClause[]): boolean {
  const v = c.value.toLowerCase();
  switch (c.field) {
    case "resourcetype":
      return String(r.type ?? "").toLowerCase() === v;
    case "location":
      return String(r.location ?? "").toLowerCase() === v;
    case "name":
      return String(r.name ?? "").toLowerCase() === v;
    case "resourcegroup":
      return (parseArmId(r.id).resourceGroup ?? "").toLowerCase() === v;
    case "tagname":
      return Object.keys(r.tags ?? {}).some((k) => k.toLowerCase() === v);
    case "tagvalue": {
      const tagName = all.find((x) => x.field === "tagname")?.value.toLowerCase();
      return Object.entries(r.tags ?? {}).some(
        ([k, val]) => (tagName === undefined || k.toLowerCase() === tagName) && val.toLowerCase() === v,
      );
    }
    default:
      return false;
  }
}

/** `GET /subscriptions/{s}/providers/Microsoft.Authorization/policyAssignments` with `atScope()`/`atExactScope()`/`policyDefinitionId eq`. */
function policyAssignments(ctx: RequestContext, state: ArmState, subKey: string): Reply {
  const lists = state.index.policyAssignments.get(subKey) ?? { all: [], atScope: [], atExactScope: [] };
  const filter = (queryParam(ctx.query, "$filter") ?? "").toLowerCase();
  let list = filter.includes("atexactscope()") ? lists.atExactScope : filter.includes("atscope()") ? lists.atScope : lists.all;
  const byDefinition = /policydefinitionid\s+eq\s+'([^']*)'/.exec(filter);
  if (byDefinition) {
    const wanted = byDefinition[1]!;
    list = list.filter((a) => String(a.properties?.policyDefinitionId ?? "").toLowerCase() === wanted);
  }
  return page(ctx, state, list);
}

/**
 * `GET /subscriptions/{s}/providers/Microsoft.Authorization/policyExemptions`: unfiltered, the
 * exemptions inherited from management groups, at the subscription and inside it; `atScope()`
 * without those inside; `atExactScope()` the subscription's own; `excludeExpired()` drops those
 * whose `expiresOn` has passed; `policyAssignmentId eq '{id}'` one assignment's.
 */
function policyExemptions(ctx: RequestContext, state: ArmState, subKey: string): Reply {
  const lists = state.index.policyExemptions.get(subKey) ?? { all: [], atScope: [], atExactScope: [] };
  const filter = (queryParam(ctx.query, "$filter") ?? "").toLowerCase();
  let list = filter.includes("atexactscope()") ? lists.atExactScope : filter.includes("atscope()") ? lists.atScope : lists.all;
  if (filter.includes("excludeexpired()")) {
    const now = Date.now();
    list = list.filter((e) => {
      const expires = e.properties?.expiresOn;
      return typeof expires !== "string" || !(Date.parse(expires) <= now);
    });
  }
  const byAssignment = /policyassignmentid\s+eq\s+'([^']*)'/.exec(filter);
  if (byAssignment) {
    const wanted = byAssignment[1]!;
    list = list.filter((e) => String(e.properties?.policyAssignmentId ?? "").toLowerCase() === wanted);
  }
  return page(ctx, state, list);
}

/**
 * The singleton children ARM serves for every existing parent, with the platform's defaults, when
 * the model does not list them: a SQL server's or managed instance's `encryptionProtector/current`
 * (ServiceManaged), a database's `transparentDataEncryption/current` (Enabled: TDE is on by default
 * for new Azure SQL databases) and a Recovery Services vault's `backupstorageconfig/vaultstorageconfig`
 * (GeoRedundant, the default). Real ARM never answers 404 for these while the parent exists, and the
 * collector records such a 404 as a coverage gap, so the emulator does not invent one.
 */
function platformSingleton(ctx: RequestContext, state: ArmState): ArmResource | undefined {
  const { lower, segments } = ctx;
  const parentKey = `/${lower.slice(0, -2).join("/")}`;
  const parent = state.index.byId.get(parentKey);
  if (!parent || typeof parent.type !== "string") return undefined;
  const type = parent.type.toLowerCase();
  const [kind, name] = [lower.at(-2), lower.at(-1)];
  const id = `${parent.id}/${segments.at(-2)}/${segments.at(-1)}`;
  if (kind === "encryptionprotector" && name === "current" && (type === "microsoft.sql/servers" || type === "microsoft.sql/managedinstances")) {
    return {
      id,
      name: "current",
      type: `${parent.type}/encryptionProtector`,
      kind: "servicemanaged",
      properties: { serverKeyName: "ServiceManaged", serverKeyType: "ServiceManaged", autoRotationEnabled: false },
    };
  }
  if (kind === "transparentdataencryption" && name === "current" && type === "microsoft.sql/servers/databases" && String(parent.name).toLowerCase() !== "master") {
    return { id, name: "current", type: "Microsoft.Sql/servers/databases/transparentDataEncryption", properties: { state: "Enabled" } };
  }
  if (kind === "backupstorageconfig" && name === "vaultstorageconfig" && type === "microsoft.recoveryservices/vaults") {
    return {
      id,
      name: "vaultstorageconfig",
      type: "Microsoft.RecoveryServices/vaults/backupstorageconfig",
      properties: { storageModelType: "GeoRedundant", storageType: "GeoRedundant", storageTypeState: "Unlocked", crossRegionRestoreFlag: false, dedupState: "Disabled", xcoolState: "Disabled" },
    };
  }
  return undefined;
}

/** The 404 for a path under a subscription that matched neither an id nor a collection. */
function missing(ctx: RequestContext, state: ArmState): Reply {
  const { lower, segments } = ctx;
  const p = lower.lastIndexOf("providers");
  if (p < 0 || p + 1 >= lower.length) return notSupported(ctx);
  const rest = segments.slice(p + 2);
  if (rest.length === 0) return notSupported(ctx);
  if (rest.length % 2 === 1) {
    // A collection path: empty when its parent exists (a scope, or a resource id), else the parent is missing.
    const parentKey = `/${lower.slice(0, -1).join("/")}`;
    if (rest.length === 1 || state.index.byId.has(parentKey)) return page(ctx, state, []);
    return armError(
      404,
      "ParentResourceNotFound",
      `Can not perform requested operation on nested resource. Parent resource '${segments.at(-2)}' not found.`,
    );
  }
  return resourceNotFound(ctx);
}

function resourceNotFound(ctx: RequestContext): Reply {
  const { lower, segments } = ctx;
  const p = lower.lastIndexOf("providers");
  const ns = p >= 0 ? segments[p + 1] : undefined;
  const rest = p >= 0 ? segments.slice(p + 2) : [];
  if (ns?.toLowerCase() === "microsoft.authorization" && rest.length === 2) {
    const kind = rest[0]!.toLowerCase();
    if (kind === "policysetdefinitions") {
      return armError(404, "PolicySetDefinitionNotFound", `The policy set definition '${rest[1]}' could not be found.`);
    }
    if (kind === "policydefinitions") {
      return armError(404, "PolicyDefinitionNotFound", `The policy definition '${rest[1]}' could not be found.`);
    }
    if (kind === "policyassignments") {
      return armError(404, "PolicyAssignmentNotFound", `The policy assignment '${rest[1]}' is not found.`);
    }
  }
  const rgIndex = lower[2] === "resourcegroups" ? 3 : -1;
  const what = ns ? `${ns}/${rest.join("/")}` : segments.join("/");
  const where = rgIndex > 0 ? ` under resource group '${segments[rgIndex]}'` : "";
  return armError(404, "ResourceNotFound", `The Resource '${what}'${where} was not found. ${NOT_FOUND_FIX}`);
}

function ok(body: unknown): Reply {
  return { status: 200, body };
}

/** One page of a list: `{ value, nextLink? }` with an absolute next link carrying an opaque `$skiptoken`. */
function page(ctx: RequestContext, state: ArmState, items: ArmResource[]): Reply {
  const token = skipTokenParam(ctx.query);
  let offset = 0;
  if (token !== undefined) {
    const decoded = decodeSkipToken(token);
    if (decoded === undefined) return armError(400, "InvalidSkipToken", "The provided skip token is not valid.");
    offset = decoded;
  }
  const top = queryParam(ctx.query, "$top");
  let size = state.pageSize;
  if (top !== undefined) {
    const n = Number(top);
    if (!Number.isInteger(n) || n < 1) {
      return armError(400, "InvalidTopInQueryString", `The value '${top}' of $top is not valid. It must be a positive integer.`);
    }
    size = Math.min(n, 1000);
  }
  const value = items.slice(offset, offset + size).map(listView);
  const body: { value: ArmResource[]; nextLink?: string } = { value };
  if (offset + size < items.length) body.nextLink = nextLink(ctx, encodeSkipToken(offset + size));
  return ok(body);
}

/** Key types whose ARM list is sparser than their GET. */
const SPARSE_LIST_TYPES = new Set(["microsoft.keyvault/vaults/keys", "microsoft.keyvault/managedhsms/keys"]);

/**
 * What a list returns of an item, where the real list is sparser than a GET: ARM's Keys_List and
 * ManagedHsmKeys_List give each key only `attributes` and `keyUri` (no `kty`, `keySize`, `keyOps`,
 * `rotationPolicy`; see the spec's listKeys.json against getKey.json, and 2026-02-01
 * managedHsmListKeys.json against managedHsmGetKey.json), so clients must GET each key for those.
 */
function listView(item: ArmResource): ArmResource {
  if (typeof item.type !== "string" || !SPARSE_LIST_TYPES.has(item.type.toLowerCase())) return item;
  const p = (item.properties ?? {}) as Record<string, unknown>;
  const properties: Record<string, unknown> = {};
  if (p.attributes !== undefined) properties.attributes = p.attributes;
  if (p.keyUri !== undefined) properties.keyUri = p.keyUri;
  return { ...item, properties };
}

function nextLink(ctx: RequestContext, token: string): string {
  const parts: string[] = [];
  for (const [key, value] of ctx.query) {
    if (key.toLowerCase() === "$skiptoken") continue;
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  }
  parts.push(`%24skiptoken=${encodeURIComponent(token)}`);
  return `${ctx.origin}${ctx.path}?${parts.join("&")}`;
}
