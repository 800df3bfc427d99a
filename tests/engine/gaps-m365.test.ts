/**
 * The Microsoft 365 gap in-process: Microsoft 365 audited (m365.enabled) but the snapshot collected
 * without it gives one NotCollected entry per Graph list, exactly as the CLI reports it; a list the
 * snapshot has a failure of is not repeated. Also the exact shape of an Azure NotCollected gap.
 */
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/index.js";
import { evaluationGaps } from "../../src/engine/gaps.js";
import { AZURE_COLLECTIONS } from "../../src/snapshot/types.js";
import { makeSnapshot, SUB, TENANT } from "../fixtures/snapshot.js";

const every = () => Object.fromEntries(AZURE_COLLECTIONS.map((c) => [c, []]));
const M365_MESSAGE =
  "Microsoft 365 is enabled in the configuration, but the snapshot holds no Microsoft 365 data (collected with --no-m365, as a shard other than the tenant shard, or merged without that shard). Collect it again with Microsoft 365, or set m365.enabled: false for an Azure-only audit.";
const gap = (collection: string, scope: string, path: string, permission: string) => ({ scope: `/tenants/${TENANT}/${scope}`, collection, operation: `GET ${path}`, code: "NotCollected", message: M365_MESSAGE, permission });

describe("Microsoft 365 enabled, snapshot without it", () => {
  it("one NotCollected gap per Graph list, with the permission that reads it", () => {
    const snap = makeSnapshot({ subscriptions: [{ collections: every() }] });
    expect(evaluationGaps(snap, defaultConfig())).toStrictEqual([
      gap("m365Organization", "organization", "/organization", "Organization.Read.All"),
      gap("m365Users", "users", "/users", "User.Read.All"),
      gap("m365Groups", "groups", "/groups", "Group.Read.All"),
      gap("m365Sites", "sites", "/sites", "Sites.Read.All"),
      gap("m365RootSite", "rootSite", "/sites/root", "Sites.Read.All"),
      gap("m365SubscribedSkus", "subscribedSkus", "/subscribedSkus", "LicenseAssignment.Read.All"),
    ]);
  });

  it("a list the snapshot already has a failure of is not a gap again; with Microsoft 365 collected there is none", () => {
    const snap = makeSnapshot({ subscriptions: [{ collections: every() }] });
    snap.coverage.push({ scope: `/tenants/${TENANT}/users`, collection: "m365Users", operation: "GET /users", httpStatus: 403, code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation.", blinds: [] });
    expect(evaluationGaps(snap, defaultConfig()).map((g) => g.collection)).toEqual(["m365Organization", "m365Groups", "m365Sites", "m365RootSite", "m365SubscribedSkus"]);
    const collected = makeSnapshot({ subscriptions: [{ collections: every() }], m365: {} as never });
    expect(evaluationGaps(collected, defaultConfig())).toEqual([]);
    const off = defaultConfig();
    off.m365.enabled = false;
    expect(evaluationGaps(snap, off)).toEqual([]);
  });
});

describe("an Azure collection the snapshot does not hold", () => {
  it("is a gap at the subscription naming the list and the snapshot's format", () => {
    const { vaultKeys: _k, ...rest } = every();
    const config = defaultConfig();
    config.m365.enabled = false;
    expect(evaluationGaps(makeSnapshot({ subscriptions: [{ collections: rest }] }), config)).toStrictEqual([
      {
        scope: `/subscriptions/${SUB}`,
        collection: "vaultKeys",
        operation: "(vaultKeys list)",
        code: "NotCollected",
        message: "The snapshot holds no vaultKeys list for this subscription (collected by an older Hemvist, snapshot format 1.0.0, or a run that did not read it). Collect again to judge what it feeds.",
      },
    ]);
  });
});
