/**
 * Coverage gaps that only evaluation can see: what the configuration asks to audit but the snapshot
 * does not hold. Microsoft 365 enabled while the snapshot was collected without it (`--no-m365`, a
 * shard other than the tenant shard, `merge` without that shard) leaves RES-10 and ACC-02 unjudged:
 * a gap, never a silent drop.
 */
import type { ResolvedConfig } from "../config/types.js";
import { prerequisiteCollection } from "../snapshot/collections.js";
import { AZURE_COLLECTIONS, type AzureCollection, type CoverageEntry, type Snapshot, type TenantCollection } from "../snapshot/types.js";
import { scopesOverlap } from "./inventory.js";

/** The Microsoft 365 lists, with the coverage scope the Graph collector uses and the permission that reads them. */
const M365_LISTS: { collection: TenantCollection; scope: string; path: string; permission: string }[] = [
  { collection: "m365Organization", scope: "organization", path: "/organization", permission: "Organization.Read.All" },
  { collection: "m365Users", scope: "users", path: "/users", permission: "User.Read.All" },
  { collection: "m365Groups", scope: "groups", path: "/groups", permission: "Group.Read.All" },
  { collection: "m365Sites", scope: "sites", path: "/sites", permission: "Sites.Read.All" },
  { collection: "m365RootSite", scope: "rootSite", path: "/sites/root", permission: "Sites.Read.All" },
  { collection: "m365SubscribedSkus", scope: "subscribedSkus", path: "/subscribedSkus", permission: "LicenseAssignment.Read.All" },
];

/** The collection and those its read waits for (a failed parent or prerequisite read explains a missing list). */
function lineage(c: AzureCollection): AzureCollection[] {
  const out: AzureCollection[] = [c];
  for (let p = prerequisiteCollection(c); p && out.length < 8; p = prerequisiteCollection(p)) out.push(p);
  return out;
}

/**
 * Gaps of this evaluation (empty when the snapshot holds what the configuration audits): Microsoft
 * 365 audited but not in the snapshot; and an Azure collection a subscription's snapshot does not
 * hold at all, with no coverage entry to say why (a snapshot of an older Hemvist, before that
 * collection was read): today's collectors store every collection of every subscription they read
 * (an empty list when none exist), so a missing one was never read, and its verdicts are not assessed.
 */
export function evaluationGaps(snapshot: Snapshot, config: ResolvedConfig): CoverageEntry[] {
  const gaps: CoverageEntry[] = [];
  if (config.azure.enabled) {
    for (const sub of snapshot.subscriptions) {
      for (const c of AZURE_COLLECTIONS) {
        if (sub.collections[c] !== undefined) continue;
        const explained = lineage(c);
        if (snapshot.coverage.some((e) => explained.includes(e.collection as AzureCollection) && scopesOverlap(e.scope, sub.id))) continue;
        gaps.push({
          scope: sub.id,
          collection: c,
          operation: `(${c} list)`,
          code: "NotCollected",
          message: `The snapshot holds no ${c} list for this subscription (collected by an older Hemvist, snapshot format ${snapshot.schemaVersion}, or a run that did not read it). Collect again to judge what it feeds.`,
        });
      }
    }
  }
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
