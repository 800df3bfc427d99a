/**
 * Coverage gaps that only evaluation can see: what the configuration asks to audit but the snapshot
 * does not hold. Microsoft 365 enabled while the snapshot was collected without it (`--no-m365`, a
 * shard other than the tenant shard, `merge` without that shard) leaves RES-10 and ACC-02 unjudged:
 * a gap, never a silent drop.
 */
import type { ResolvedConfig } from "../config/types.js";
import type { CoverageEntry, Snapshot, TenantCollection } from "../snapshot/types.js";

/** The Microsoft 365 lists, with the coverage scope the Graph collector uses and the permission that reads them. */
const M365_LISTS: { collection: TenantCollection; scope: string; path: string; permission: string }[] = [
  { collection: "m365Organization", scope: "organization", path: "/organization", permission: "Organization.Read.All" },
  { collection: "m365Users", scope: "users", path: "/users", permission: "User.Read.All" },
  { collection: "m365Groups", scope: "groups", path: "/groups", permission: "Group.Read.All" },
  { collection: "m365Sites", scope: "sites", path: "/sites", permission: "Sites.Read.All" },
  { collection: "m365RootSite", scope: "rootSite", path: "/sites/root", permission: "Sites.Read.All" },
  { collection: "m365SubscribedSkus", scope: "subscribedSkus", path: "/subscribedSkus", permission: "LicenseAssignment.Read.All" },
];

/** Gaps of this evaluation (empty when the snapshot holds what the configuration audits). */
export function evaluationGaps(snapshot: Snapshot, config: ResolvedConfig): CoverageEntry[] {
  const gaps: CoverageEntry[] = [];
  if (config.m365.enabled && !snapshot.scope.m365Collected) {
    const t = snapshot.tenant.tenantId;
    for (const l of M365_LISTS) {
      // A list the snapshot failed to read is already a coverage entry of its own.
      if (snapshot.coverage.some((c) => c.collection === l.collection)) continue;
      gaps.push({
        scope: `/tenants/${t}/${l.scope}`,
        collection: l.collection,
        operation: `GET ${l.path}`,
        code: "NotCollected",
        message:
          "Microsoft 365 is enabled in the configuration, but the snapshot holds no Microsoft 365 data (collected with --no-m365, as a shard other than the tenant shard, or merged without that shard). Collect it again with Microsoft 365, or set m365.enabled: false for an Azure-only audit.",
        permission: l.permission,
      });
    }
  }
  return gaps;
}
