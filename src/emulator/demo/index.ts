/**
 * The built-in demo tenant "Exempelkommun", a fictional Swedish municipality, served by the emulator
 * for `hemvist demo`: the skeleton (`base.ts`) and one fragment per rule (`fragments/`), assembled
 * by `assemble.ts`. Payloads follow the ARM and Graph REST API shapes (`src/builders/`);
 * docs/demo-tenant.md says which resource demonstrates which rule.
 */
import type { TenantModel } from "../model.js";
import { assembleDemoTenant } from "./assemble.js";
import { DEMO_FRAGMENTS } from "./fragments/index.js";

export {
  ALLOWED_LOCATIONS_POLICY,
  ALLOWED_RG_LOCATIONS_POLICY,
  DEMO_DANGLING_KEY_HOSTS,
  DEMO_MANAGEMENT_GROUPS,
  DEMO_PAGE_SIZE,
  DEMO_SUBSCRIPTION_IDS,
  DEMO_SUBSCRIPTIONS,
  DEMO_TENANT_ID,
} from "./base.js";

/**
 * The demo tenant "Exempelkommun": three subscriptions, about a hundred ARM resources, Microsoft 365
 * users, groups, sites and licences. Every rule in the catalog gets at least one pass and one fail
 * (ACC-01 fails and ACC-02 passes: one tenant-level target each). Deterministic: same output every call.
 */
export function demoTenant(): TenantModel {
  return assembleDemoTenant(DEMO_FRAGMENTS);
}
