import { describe, expect, it } from "vitest";
import { ancestorsFromTree, managementGroupsCollector, subscriptionsInTree } from "../../src/collectors/azure/management-groups.js";
import { managementGroupNode, managementGroupTree, subscriptionNode } from "./fixtures.js";
import { SUB, SUB2, TENANT, arm, forbidden, harness, useNock } from "./helpers.js";

const PATH = `/providers/Microsoft.Management/managementGroups/${TENANT}`;

/** The tree: SUB under mg-landingzones under mg-kommun, SUB2 (upper-cased) under mg-kommun. */
function tree() {
  return managementGroupTree([
    managementGroupNode("mg-kommun", [managementGroupNode("mg-landingzones", [subscriptionNode(SUB)]), subscriptionNode(SUB2.toUpperCase())]),
  ]);
}

describe("management groups collector", () => {
  useNock();

  it("maps every subscription to its management groups, root first", () => {
    const m = ancestorsFromTree(tree());
    expect(m.get(SUB)).toEqual([TENANT, "mg-kommun", "mg-landingzones"]);
    expect(m.get(SUB2.toLowerCase())).toEqual([TENANT, "mg-kommun"]);
  });

  it("reads the recursive tree in one GET and fills managementGroupAncestors", async () => {
    const { ctx, snap } = harness();
    snap.tenant.tenantId = TENANT;
    snap.subscriptions = [SUB, SUB2].map((s) => ({ subscriptionId: s, id: `/subscriptions/${s}`, collections: {} }));
    arm().get(PATH).query({ "api-version": "2023-04-01", $expand: "children", $recurse: "true" }).reply(200, tree());
    await managementGroupsCollector.collect(ctx, snap);
    expect(snap.subscriptions[0]?.managementGroupAncestors).toEqual([TENANT, "mg-kommun", "mg-landingzones"]);
    expect(snap.subscriptions[1]?.managementGroupAncestors).toEqual([TENANT, "mg-kommun"]);
    expect(snap.coverage).toEqual([]);
  });

  it("lists the tree's subscriptions as the tree spells them", () => {
    expect(subscriptionsInTree(tree())).toEqual([SUB, SUB2.toUpperCase()]);
  });

  it("a tree subscription GET /subscriptions did not return → SubscriptionNotVisible; unknown visibility → none", async () => {
    const { ctx, snap } = harness();
    snap.tenant.tenantId = TENANT;
    snap.subscriptions = [{ subscriptionId: SUB, id: `/subscriptions/${SUB}`, collections: {} }];
    arm().get(PATH).query(true).reply(200, tree());
    ctx.visibleSubscriptions = new Set([SUB.toLowerCase()]);
    await managementGroupsCollector.collect(ctx, snap);
    expect(snap.coverage).toEqual([
      {
        scope: `/subscriptions/${SUB2.toUpperCase()}`,
        collection: "subscriptions",
        operation: "GET /subscriptions",
        code: "SubscriptionNotVisible",
        message: `Subscription ${SUB2.toUpperCase()} is in the management-group tree but not visible to this identity (not in GET /subscriptions). Grant the identity Reader on the subscription or on a management group above it.`,
        permission: "Microsoft.Resources/subscriptions/read",
      },
    ]);

    // The subscription list failed: visibility is unknown, the list's own entry says so.
    const second = harness();
    second.snap.tenant.tenantId = TENANT;
    arm().get(PATH).query(true).reply(200, tree());
    await managementGroupsCollector.collect(second.ctx, second.snap);
    expect(second.snap.coverage).toEqual([]);
  });

  it("404 on the tenant root group is a gap, not an empty hierarchy", async () => {
    const { ctx, snap } = harness();
    snap.tenant.tenantId = TENANT;
    arm()
      .get(PATH)
      .query(true)
      .reply(404, { error: { code: "NotFound", message: `'/providers/Microsoft.Management/managementGroups/${TENANT}' not found. Check that the management group exists and that you have access to it.` } });
    await managementGroupsCollector.collect(ctx, snap);
    expect(snap.coverage.map((c) => [c.scope, c.collection, c.httpStatus, c.code])).toEqual([[`/tenants/${TENANT}/managementGroups`, "managementGroups", 404, "NotFound"]]);
  });

  it("403 (no Reader at the root) → coverage naming the permission, ancestors left unknown", async () => {
    const { ctx, snap } = harness();
    snap.tenant.tenantId = TENANT;
    snap.subscriptions = [{ subscriptionId: SUB, id: `/subscriptions/${SUB}`, collections: {} }];
    arm().get(PATH).query(true).reply(403, forbidden("Microsoft.Management/managementGroups/read", PATH));
    await managementGroupsCollector.collect(ctx, snap);
    expect(snap.subscriptions[0]?.managementGroupAncestors).toBeUndefined();
    expect(snap.coverage).toEqual([
      expect.objectContaining({ scope: `/tenants/${TENANT}/managementGroups`, collection: "managementGroups", httpStatus: 403, code: "AuthorizationFailed", permission: "Microsoft.Management/managementGroups/read" }),
    ]);
  });
});
