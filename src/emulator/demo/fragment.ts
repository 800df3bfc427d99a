/**
 * A demo fragment: the part of the demo tenant that demonstrates one rule (its resources, policy
 * assignments, Microsoft 365 objects, Lockbox setting), as data built with `src/builders/`. A
 * fragment imports only the builders, this file and `base.ts`; `assemble.ts` merges the fragments
 * into the skeleton `base.ts` gives.
 */
import type { ArmResource, GraphObject } from "../../snapshot/types.js";

export interface DemoFragment {
  /** The rule this fragment mainly demonstrates: its `name` (e.g. `key-vault-purge-protection`), the name of its folder. */
  rule: string;
  /**
   * The verdicts the demo shows for the rule (default both: at least one pass and one fail). A rule
   * with a single tenant-level target can only show one.
   */
  demonstrates?: readonly ("pass" | "fail")[];
  /**
   * ARM resources, top-level and child, each with its full id: the id names the subscription and
   * resource group (both must be in the skeleton); a child's parent must be in the tenant (in this
   * fragment or another).
   */
  resources?: ArmResource[];
  /** Policy assignments at management-group scope. */
  managementGroupPolicyAssignments?: ArmResource[];
  /** Policy set definitions (initiatives) resolvable by id. */
  policySetDefinitions?: ArmResource[];
  /** Customer Lockbox for Azure opt-in (one fragment at most sets it). */
  customerLockbox?: { isOptedIn: boolean };
  /** Microsoft 365 objects (the organization is the skeleton's). */
  graph?: {
    users?: GraphObject[];
    groups?: GraphObject[];
    sites?: GraphObject[];
    subscribedSkus?: GraphObject[];
  };
}
