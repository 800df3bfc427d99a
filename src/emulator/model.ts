/**
 * The tenant model the emulator serves: ARM and Graph payloads in the shapes the real APIs return,
 * plus the faults to inject. The demo tenant, tests and benchmarks all use this format.
 */
import type { ArmResource, GraphObject } from "../snapshot/types.js";

export interface ModelSubscription {
  subscriptionId: string;
  displayName: string;
  state?: string;
  tags?: Record<string, string>;
  /** Management group chain root → parent, e.g. ["tenant-root-id", "mg-exempelkommun"]. */
  managementGroupAncestors?: string[];
  /** Provider namespace → registration state; anything absent is `Registered`. */
  providers?: Record<string, "Registered" | "NotRegistered" | "Registering" | "Unregistered">;
  /** Resource group payloads (`GET /subscriptions/{s}/resourcegroups`). */
  resourceGroups: ArmResource[];
  /**
   * Every resource in the subscription, top-level and child (keys, databases, TDE, deployments,
   * replications, backup storage config ...), each with its full ARM id. The emulator serves each
   * one at its id, lists it under its parent and type, and lists top-level tracked resources in
   * `GET /subscriptions/{s}/resources`.
   */
  resources: ArmResource[];
}

export interface ModelFault {
  /** HTTP method; default GET. */
  method?: string;
  /** Regular expression (case-insensitive) matched against the request path (without query). */
  path: string;
  status: number;
  /** Error code in the body (ARM `{error:{code,message}}`, Graph `{error:{code,message,innerError}}`). */
  code?: string;
  message?: string;
  /** `Retry-After` seconds for 429/503. */
  retryAfter?: number;
  /** Answer this many times, then behave normally. Default: always. */
  times?: number;
  /** Instead of an error: send a body that is not valid JSON (truncated). */
  truncate?: boolean;
}

export interface TenantModel {
  tenantId: string;
  displayName: string;
  /** Default page size for ARM and Graph lists (small values exercise paging). */
  pageSize?: number;
  subscriptions: ModelSubscription[];
  /** Region metadata as `GET /subscriptions/{s}/locations` returns it; default: the built-in table in that shape. */
  locations?: ArmResource[];
  /** Customer Lockbox for Azure opt-in. */
  customerLockbox?: { isOptedIn: boolean };
  /** Policy assignments made at management-group scope (served to the subscriptions beneath). */
  managementGroupPolicyAssignments?: ArmResource[];
  /** Policy exemptions made at management-group scope (listed to the subscriptions beneath). */
  managementGroupPolicyExemptions?: ArmResource[];
  /** Policy set definitions (initiatives) resolvable by id. */
  policySetDefinitions?: ArmResource[];
  graph?: {
    organization?: GraphObject[];
    users?: GraphObject[];
    groups?: GraphObject[];
    sites?: GraphObject[];
    /** The id of the site `GET /sites/root` answers; default the first site marked `root`. */
    rootSiteId?: string;
    subscribedSkus?: GraphObject[];
  };
  faults?: ModelFault[];
}
