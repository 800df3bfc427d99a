import { describe, expect, it } from "vitest";
import { coordinate, listSubscriptions, subscriptionDetailsCollector, toRegionInfo } from "../../src/collectors/azure/subscriptions.js";
import { location } from "./fixtures.js";
import { SUB, SUB_ID, TENANT, arm, forbidden, harness, throttled, useNock, type Harness } from "./helpers.js";
import { listCases } from "./list-cases.js";

const LOCATIONS = `/subscriptions/${SUB}/locations`;

function subscription(id: string, name: string, tags: Record<string, string> = {}) {
  return {
    id: `/subscriptions/${id}`,
    authorizationSource: "RoleBased",
    managedByTenants: [],
    tags,
    subscriptionId: id,
    tenantId: TENANT,
    displayName: name,
    state: "Enabled",
    subscriptionPolicies: { locationPlacementId: "Public_2014-09-01", quotaId: "EnterpriseAgreement_2014-09-01", spendingLimit: "Off" },
  };
}

/** What `listSubscriptions` returned, per test harness. */
const listed = new WeakMap<Harness, unknown[] | undefined>();

describe("subscriptions", () => {
  useNock();

  listCases({
    path: "/subscriptions",
    collection: "subscriptions",
    scope: `/tenants/${TENANT}`,
    operation: "GET /subscriptions",
    permission: "Microsoft.Resources/subscriptions/read",
    item: (i) => ({ ...subscription(`0000000${i}-aaaa-4bbb-8ccc-dddddddddddd`, `sub-${i}`), name: `sub-${i}` }),
    run: async (h) => void listed.set(h, await listSubscriptions(h.ctx, `/tenants/${TENANT}`)),
    result: (h) => listed.get(h),
  });

  listCases({
    path: LOCATIONS,
    collection: "locations",
    scope: SUB_ID,
    operation: "GET /subscriptions/{s}/locations",
    permission: "Microsoft.Resources/subscriptions/locations/read",
    item: (i) => location(i === 1 ? "swedencentral" : "swedensouth", i === 1 ? "Sweden Central" : "Sweden South", [i === 1 ? "swedensouth" : "swedencentral"]),
    background: () => void arm().get(SUB_ID).query(true).reply(200, subscription(SUB, "Exempelkommun Prod", { informationsklass: "2" })),
    run: (h) => subscriptionDetailsCollector.collect(h.ctx, h.sub),
    result: (h) => h.sub.collections.locations,
  });

  it("takes tags, name and state from GET /subscriptions/{s}", async () => {
    const { ctx, sub, snap } = harness();
    arm()
      .get(SUB_ID)
      .query(true)
      .reply(429, throttled, { "Retry-After": "0" })
      .get(SUB_ID)
      .query(true)
      .reply(200, subscription(SUB, "Exempelkommun Prod", { informationsklass: "3", owner: "it" }));
    arm().get(LOCATIONS).query(true).reply(200, { value: [] });
    await subscriptionDetailsCollector.collect(ctx, sub);
    expect(sub).toMatchObject({ displayName: "Exempelkommun Prod", state: "Enabled", tags: { informationsklass: "3", owner: "it" } });
    expect(snap.coverage).toEqual([]);
  });

  it("a 403 on GET /subscriptions/{s} is SubscriptionNotVisible; tags stay unknown, locations are still read", async () => {
    const { ctx, sub, snap } = harness();
    arm().get(SUB_ID).query(true).reply(403, forbidden("Microsoft.Resources/subscriptions/read", SUB_ID));
    arm()
      .get(LOCATIONS)
      .query(true)
      .reply(200, { value: [location("swedencentral", "Sweden Central", ["swedensouth"])] });
    await subscriptionDetailsCollector.collect(ctx, sub);
    expect(sub.tags).toBeUndefined();
    expect(sub.collections.locations).toHaveLength(1);
    expect(snap.coverage.map((c) => [c.scope, c.collection, c.httpStatus, c.code])).toEqual([[SUB_ID, "subscriptions", 403, "SubscriptionNotVisible"]]);
    expect(snap.coverage[0]?.message).toMatch(new RegExp(`^Subscription ${SUB} is not visible to this identity: GET /subscriptions/${SUB} answered 403 AuthorizationFailed \\(`));
  });

  it("a 404 on GET /subscriptions/{s} is SubscriptionNotVisible; a 500 after retries keeps its own code", async () => {
    const first = harness();
    arm().get(SUB_ID).query(true).reply(404, { error: { code: "SubscriptionNotFound", message: `The subscription '${SUB}' could not be found.` } });
    arm().get(LOCATIONS).query(true).reply(200, { value: [] });
    await subscriptionDetailsCollector.collect(first.ctx, first.sub);
    expect(first.snap.coverage.map((c) => [c.scope, c.collection, c.httpStatus, c.code])).toEqual([[SUB_ID, "subscriptions", 404, "SubscriptionNotVisible"]]);

    const second = harness();
    arm().get(SUB_ID).query(true).times(3).reply(500, { error: { code: "InternalServerError", message: "Encountered internal server error." } });
    arm().get(LOCATIONS).query(true).reply(200, { value: [] });
    await subscriptionDetailsCollector.collect(second.ctx, second.sub);
    expect(second.snap.coverage.map((c) => [c.scope, c.collection, c.httpStatus, c.code])).toEqual([[SUB_ID, "subscriptions", 500, "InternalServerError"]]);
  });

  it("maps a location's metadata (pairs, geography) to region info", () => {
    expect(toRegionInfo(location("swedencentral", "Sweden Central", ["swedensouth"]))).toEqual({
      name: "swedencentral",
      displayName: "Sweden Central",
      regionType: "Physical",
      regionCategory: "Recommended",
      geography: "Sweden",
      geographyGroup: "Europe",
      physicalLocation: "Gävle",
      pairedRegion: ["swedensouth"],
      latitude: 60.67488,
      longitude: 17.14127,
    });
    expect(toRegionInfo({ id: `${SUB_ID}/locations/x`, name: "polandcentral", metadata: { pairedRegion: [] } })?.pairedRegion).toEqual([]);
  });

  it("keeps coordinates as numbers: the spec's strings (GetLocations.json: eastus \"37.3719\", \"-79.8164\"), never a value that is not a finite number in range", () => {
    // specification/resources/resource-manager/Microsoft.Resources/subscriptions/stable/2022-12-01/examples/GetLocations.json
    const eastus = { id: `${SUB_ID}/locations/eastus`, name: "eastus", type: "Region", displayName: "East US", metadata: { regionType: "Physical", latitude: "37.3719", longitude: "-79.8164", pairedRegion: [] } };
    expect(toRegionInfo(eastus)).toMatchObject({ latitude: 37.3719, longitude: -79.8164 });
    const cases: [unknown, number, number | undefined][] = [
      ["60.67488", 90, 60.67488],
      ["-33.86", 90, -33.86],
      [" 151.2094 ", 180, 151.2094],
      [12.5, 90, 12.5],
      ["0", 90, 0],
      ["", 90, undefined],
      ["  ", 90, undefined],
      ["NaN", 90, undefined],
      ["Infinity", 90, undefined],
      ["1e3", 180, undefined],
      ["91", 90, undefined],
      ["-180.5", 180, undefined],
      ["12,5", 90, undefined],
      ["0x10", 90, undefined],
      [null, 90, undefined],
      [undefined, 90, undefined],
      [Number.NaN, 90, undefined],
    ];
    for (const [v, limit, want] of cases) expect(coordinate(v, limit), String(v)).toBe(want);
    // Logical regions (e.g. "global") have no coordinates: none are made up.
    const logical = toRegionInfo({ id: `${SUB_ID}/locations/global`, name: "global", metadata: { regionType: "Logical", latitude: "", longitude: "not a number" } });
    expect(logical).toEqual({ name: "global", regionType: "Logical" });
  });
});
