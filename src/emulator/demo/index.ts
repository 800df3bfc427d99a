/**
 * The built-in demo tenant "Exempelkommun", a fictional Swedish municipality, served by the emulator
 * for `hemvist demo`: the skeleton (`base.ts`) and one fragment per rule (each rule folder's `demo.ts`), assembled
 * by `assemble.ts`. Payloads follow the ARM and Graph REST API shapes (`src/builders/`);
 * docs/demo-tenant.md says which resource demonstrates which rule.
 */
import { BUILTIN_RULES_DIR } from "../../base/rule-folders.js";
import type { TenantModel } from "../model.js";
import { assembleDemoTenant } from "./assemble.js";
import type { DemoFragment } from "./fragment.js";
import { loadDemoFragments } from "./fragments.js";

export { loadDemoFragments };
export type { DemoFragment };

/** The built-in rules' fragments: each rule folder's `demo.ts` (found once, when this module loads). */
export const BUILTIN_DEMO_FRAGMENTS: readonly DemoFragment[] = await loadDemoFragments(BUILTIN_RULES_DIR);

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
export function demoTenant(extra: readonly DemoFragment[] = []): TenantModel {
  return assembleDemoTenant([...BUILTIN_DEMO_FRAGMENTS, ...extra]);
}
