/**
 * Assembles the demo tenant: the skeleton (`base.ts`) plus the fragments, one per rule. Checks
 * that each fragment fits: every resource's subscription and resource group exist, every child's
 * parent exists, no two objects share an id. Deterministic whatever the order of the fragment
 * list: fragments are merged in the order of their rule names, and each subscription's resources
 * come out sorted by lower-cased ARM id (so a parent comes before its children). The fragments'
 * objects are module constants: the model gets copies, so a caller may change its model freely.
 */
import type { ArmResource, GraphObject } from "../../snapshot/types.js";
import type { ModelSubscription, TenantModel } from "../model.js";
import { DEMO_MANAGEMENT_GROUPS, DEMO_TENANT_ID, demoBase } from "./base.js";
import type { DemoFragment } from "./fragment.js";

/** A fragment that does not fit the skeleton or collides with another. */
export class DemoFragmentError extends Error {
  constructor(
    readonly fragment: string,
    message: string,
  ) {
    super(`demo fragment "${fragment}": ${message}`);
    this.name = "DemoFragmentError";
  }
}

const lc = (s: string) => s.toLowerCase();

/** Parent id of a child resource (`…/providers/NS/type/name/child/name` → without the last pair); undefined for a top-level one. */
function parentOf(id: string): string | undefined {
  if (!/\/providers\/[^/]+\/[^/]+\/[^/]+(?:\/[^/]+\/[^/]+)+$/i.test(id)) return undefined;
  // A resource under a provider's `locations/{location}` (SQL instance failover groups) hangs under a
  // region of its resource group, which is no resource: like a top-level resource, it needs only its
  // resource group (checked with every resource).
  if (/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/[^/]+\/locations\/[^/]+\/[^/]+\/[^/]+$/i.test(id)) return undefined;
  return id.split("/").slice(0, -2).join("/");
}

/** Records ids, naming the fragment that gave each, and throws on a second one. */
class IdRegistry {
  private readonly owner = new Map<string, string>();
  constructor(private readonly what: string) {}
  add(fragment: string, id: unknown): void {
    if (typeof id !== "string" || id === "") throw new DemoFragmentError(fragment, `${this.what} without an id`);
    const key = lc(id);
    const first = this.owner.get(key);
    if (first !== undefined) {
      throw new DemoFragmentError(fragment, `${this.what} ${id} is already given by ${first === fragment ? "this fragment" : `fragment "${first}"`}`);
    }
    this.owner.set(key, fragment);
  }
  has(id: string): boolean {
    return this.owner.has(lc(id));
  }
}

/**
 * The demo tenant model from the skeleton and `fragments`.
 * @throws DemoFragmentError naming the fragment that does not fit
 */
export function assembleDemoTenant(fragments: readonly DemoFragment[]): TenantModel {
  const model = demoBase();
  const subs = new Map<string, ModelSubscription>(model.subscriptions.map((s) => [lc(s.subscriptionId), s]));
  const rgs = new Set(model.subscriptions.flatMap((s) => s.resourceGroups.map((rg) => lc(rg.id))));
  const mgScopes = new Set([DEMO_TENANT_ID, ...Object.values(DEMO_MANAGEMENT_GROUPS)].map((mg) => lc(`/providers/Microsoft.Management/managementGroups/${mg}`)));
  const armIds = new IdRegistry("ARM id");
  const policyIds = new IdRegistry("policy object");
  const graphIds = new IdRegistry("Graph object");
  const rules = new IdRegistry("fragment for rule");
  let lockboxFrom: string | undefined;

  const ordered = [...fragments].sort((a, b) => (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  for (const f of ordered) rules.add(f.rule, f.rule);

  for (const f of ordered) {
    for (const r of f.resources ?? []) {
      armIds.add(f.rule, r.id);
      const m = /^\/subscriptions\/([^/]+)(\/resourceGroups\/([^/]+))?(\/|$)/i.exec(r.id);
      const sub = m ? subs.get(lc(m[1] ?? "")) : undefined;
      if (!m || !sub) throw new DemoFragmentError(f.rule, `${r.id} is not in a subscription of the demo tenant`);
      if (m[2] && !rgs.has(lc(`/subscriptions/${m[1]}${m[2]}`))) {
        throw new DemoFragmentError(f.rule, `${r.id} names the resource group ${m[3]}, which the demo tenant does not have`);
      }
      sub.resources.push(structuredClone(r));
    }
    for (const a of f.managementGroupPolicyAssignments ?? []) {
      policyIds.add(f.rule, a.id);
      const scope = a.id.replace(/\/providers\/Microsoft\.Authorization\/.*$/i, "");
      if (!mgScopes.has(lc(scope))) throw new DemoFragmentError(f.rule, `${a.id} is not at a management group of the demo tenant`);
      (model.managementGroupPolicyAssignments ??= []).push(structuredClone(a));
    }
    for (const d of f.policySetDefinitions ?? []) {
      policyIds.add(f.rule, d.id);
      (model.policySetDefinitions ??= []).push(structuredClone(d));
    }
    if (f.customerLockbox) {
      if (lockboxFrom !== undefined) throw new DemoFragmentError(f.rule, `Customer Lockbox is already set by fragment "${lockboxFrom}"`);
      lockboxFrom = f.rule;
      model.customerLockbox = { ...f.customerLockbox };
    }
    for (const kind of ["users", "groups", "sites", "subscribedSkus"] as const) {
      const objects: GraphObject[] = f.graph?.[kind] ?? [];
      if (objects.length === 0) continue;
      for (const o of objects) graphIds.add(f.rule, o.id);
      const graph = (model.graph ??= {});
      (graph[kind] ??= []).push(...structuredClone(objects));
    }
  }

  for (const sub of model.subscriptions) {
    sub.resources.sort((a: ArmResource, b: ArmResource) => {
      const x = lc(a.id);
      const y = lc(b.id);
      return x < y ? -1 : x > y ? 1 : 0;
    });
  }
  for (const f of ordered) {
    for (const r of f.resources ?? []) {
      const parent = parentOf(r.id);
      if (parent !== undefined && !armIds.has(parent)) throw new DemoFragmentError(f.rule, `the parent of ${r.id} is not in the demo tenant`);
    }
  }
  return model;
}
