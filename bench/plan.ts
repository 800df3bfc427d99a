/**
 * The minimal request plan for a tenant model (what any auditor needing the rules' collections must
 * send) and the wall-time lower bound ARM's throttle and the emulator's latency set for it.
 */
import { isListedInResources, typeOfId } from "../src/emulator/arm-index.js";
import type { TenantModel } from "../src/emulator/model.js";
import type { Collection } from "../src/snapshot/types.js";
import { collectionType, SUBSCRIPTION_LISTS } from "../src/snapshot/collections.js";

/** Requests of the minimal plan. */
export interface MinimalPlan {
  /** Lower-cased subscription id → requests against that subscription's bucket. */
  perSubscription: Map<string, number>;
  /** Tenant-scope ARM requests (subscriptions list, lockbox, management groups, regions). */
  tenant: number;
  /** Microsoft Graph requests (not throttled by the emulator). */
  graph: number;
  total: number;
  /** Requests per plan item, e.g. `vaultKeys GET` → 4000. */
  byItem: Record<string, number>;
}

/** Pages of a list of `n` items at page size `p` (an empty list is still one request). */
const pages = (n: number, p: number) => Math.max(1, Math.ceil(n / p));


/**
 * The minimal plan: per collection the rules read, one request per list page at the largest page
 * size, plus one request per child collection (per parent) a rule needs — including one GET per
 * vault key and per managed HSM key (ARM's key lists lack `kty` and the rotation policy) and one per
 * user database's TDE; replication links once per SQL server, instance failover groups once per
 * resource group and location of the managed instances.
 * @param model the tenant model the emulator serves
 * @param needed the collections the rules read (`readCollection` of every rule's `reads`)
 * @param pageSize the largest ARM list page (the emulator's page size)
 */
export function minimalPlan(model: TenantModel, needed: ReadonlySet<Collection>, pageSize: number): MinimalPlan {
  const byItem: Record<string, number> = {};
  const add = (item: string, n: number) => {
    byItem[item] = (byItem[item] ?? 0) + n;
    return n;
  };
  const perSubscription = new Map<string, number>();
  for (const sub of model.subscriptions) {
    let n = 0;
    const byType = new Map<string, typeof sub.resources>();
    let listed = 0;
    for (const r of sub.resources) {
      const t = (r.type ?? typeOfId(r.id) ?? "").toLowerCase();
      let l = byType.get(t);
      if (!l) byType.set(t, (l = []));
      l.push(r);
      if (isListedInResources(r)) listed++;
    }
    const of = (t: string) => byType.get(t) ?? [];
    const childrenOf = (parentId: string, childType: string) => of(childType).filter((c) => c.id.toLowerCase().startsWith(`${parentId.toLowerCase()}/`));
    if (needed.has("resourceGroups")) n += add("resourceGroups list", pages(sub.resourceGroups.length, pageSize));
    if (needed.has("resources")) n += add("resources list", pages(listed, pageSize));
    if (needed.has("policyAssignments")) n += add("policyAssignments list", 1);
    if (needed.has("policyExemptions")) {
      // Unfiltered: the management groups' exemptions above the subscription and all inside it.
      const ancestors = new Set((sub.managementGroupAncestors ?? []).map((m) => `/providers/microsoft.management/managementgroups/${m.toLowerCase()}`));
      const inherited = (model.managementGroupPolicyExemptions ?? []).filter((e) => ancestors.has(e.id.toLowerCase().replace(/\/providers\/microsoft\.authorization\/policyexemptions\/[^/]+$/, "")));
      n += add("policyExemptions list", pages(of("microsoft.authorization/policyexemptions").length + inherited.length, pageSize));
    }
    for (const c of SUBSCRIPTION_LISTS) if (needed.has(c)) n += add(`${c} list`, pages(of(collectionType(c) as string).length, pageSize));
    if (needed.has("vaultKeys")) {
      for (const v of of("microsoft.keyvault/vaults")) {
        const keys = childrenOf(v.id, "microsoft.keyvault/vaults/keys");
        n += add("vaultKeys list", pages(keys.length, pageSize));
        n += add("vaultKeys GET", keys.length);
      }
    }
    if (needed.has("managedHsmKeys")) {
      for (const m of of("microsoft.keyvault/managedhsms")) {
        const keys = childrenOf(m.id, "microsoft.keyvault/managedhsms/keys");
        n += add("managedHsmKeys list", pages(keys.length, pageSize));
        n += add("managedHsmKeys GET", keys.length);
      }
    }
    for (const s of of("microsoft.sql/servers")) {
      const dbs = childrenOf(s.id, "microsoft.sql/servers/databases");
      if (needed.has("sqlDatabases")) n += add("sqlDatabases list", pages(dbs.length, pageSize));
      if (needed.has("sqlTransparentDataEncryption")) n += add("sqlTransparentDataEncryption GET", dbs.filter((d) => (d.name ?? "").toLowerCase() !== "master").length);
      if (needed.has("sqlEncryptionProtectors")) n += add("sqlEncryptionProtectors GET", 1);
      if (needed.has("sqlFailoverGroups")) n += add("sqlFailoverGroups list", pages(childrenOf(s.id, "microsoft.sql/servers/failovergroups").length, pageSize));
      // One list per server (ReplicationLinks_ListByServer), its databases' links.
      if (needed.has("sqlReplicationLinks")) n += add("sqlReplicationLinks list", pages(childrenOf(s.id, "microsoft.sql/servers/databases/replicationlinks").length, pageSize));
    }
    if (needed.has("sqlManagedInstanceEncryptionProtectors")) n += add("sqlManagedInstanceEncryptionProtectors GET", of("microsoft.sql/managedinstances").length);
    if (needed.has("sqlInstanceFailoverGroups")) {
      // One list per resource group and (normalised) location holding a managed instance.
      const places = new Set<string>();
      for (const mi of of("microsoft.sql/managedinstances")) {
        const rg = mi.id.split("/")[4]?.toLowerCase();
        if (rg && typeof mi.location === "string") places.add(`/subscriptions/${sub.subscriptionId}/resourcegroups/${rg}/providers/microsoft.sql/locations/${mi.location.toLowerCase().replace(/[\s_-]+/g, "")}`);
      }
      for (const place of places) n += add("sqlInstanceFailoverGroups list", pages(of("microsoft.sql/locations/instancefailovergroups").filter((g) => g.id.toLowerCase().startsWith(`${place}/`)).length, pageSize));
    }
    if (needed.has("cognitiveDeployments")) {
      for (const a of of("microsoft.cognitiveservices/accounts")) {
        if (!["openai", "aiservices"].includes((a.kind ?? "").toLowerCase())) continue;
        n += add("cognitiveDeployments list", pages(childrenOf(a.id, "microsoft.cognitiveservices/accounts/deployments").length, pageSize));
      }
    }
    if (needed.has("backupStorageConfigs")) n += add("backupStorageConfigs GET", of("microsoft.recoveryservices/vaults").length);
    if (needed.has("containerRegistryReplications")) {
      for (const r of of("microsoft.containerregistry/registries")) {
        if ((r.sku?.name ?? "").toLowerCase() !== "premium") continue;
        n += add("containerRegistryReplications list", pages(childrenOf(r.id, "microsoft.containerregistry/registries/replications").length, pageSize));
      }
    }
    perSubscription.set(sub.subscriptionId.toLowerCase(), n);
  }
  let tenant = add("subscriptions list", pages(model.subscriptions.length, pageSize));
  tenant += add("locations list (regions, once)", 1);
  if (needed.has("customerLockbox")) tenant += add("customerLockbox GET", 1);
  if (needed.has("managementGroups")) tenant += add("managementGroups GET", 1);
  let graph = 0;
  const g = model.graph ?? {};
  const graphLists: [Collection, unknown[] | undefined][] = [
    ["m365Organization", g.organization],
    ["m365Users", g.users],
    ["m365Groups", g.groups],
    ["m365Sites", g.sites],
    ["m365SubscribedSkus", g.subscribedSkus],
  ];
  for (const [c, list] of graphLists) if (needed.has(c)) graph += add(`${c} (Graph)`, pages(list?.length ?? 0, pageSize));
  // `GET /sites/root`: one object, one request.
  if (needed.has("m365RootSite")) graph += add("m365RootSite (Graph)", 1);
  const total = [...perSubscription.values()].reduce((a, b) => a + b, 0) + tenant + graph;
  return { perSubscription, tenant, graph, total, byItem };
}

/** Throttle and latency the bound is computed for. */
export interface BoundInputs {
  bucketSize: number;
  refillPerSecond: number;
  /** The emulator's fixed latency per request (jitter only adds). */
  latencyMs: number;
}

/**
 * Wall-time lower bound of the plan: the subscriptions list first (one latency), then each
 * subscription's bucket admits at most `bucketSize + refill·t` requests by time t, and the last
 * answer takes one more latency: `L + max_s(max(0, R_s − B)/r + L)` (and the tenant bucket alike).
 */
export function lowerBoundSeconds(plan: MinimalPlan, b: BoundInputs): number {
  const L = b.latencyMs / 1000;
  const bucket = (r: number) => Math.max(0, r - b.bucketSize) / b.refillPerSecond + L;
  let worst = bucket(plan.tenant);
  for (const r of plan.perSubscription.values()) worst = Math.max(worst, L + bucket(r));
  return worst;
}
