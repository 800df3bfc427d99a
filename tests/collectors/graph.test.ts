import { describe, expect, it } from "vitest";
import { createGraphCollector } from "../../src/collectors/m365/graph.js";
import { FAST_RETRY, FOREIGN, GRAPH, TENANT, graph, harness, requests, trap, useNock } from "./helpers.js";

const USERS_SELECT = "id,displayName,userPrincipalName,preferredDataLocation,usageLocation";

function user(i: number, pdl: string | null) {
  return {
    id: `8a7b6c5d-0000-4000-8000-00000000000${i}`,
    displayName: `Användare ${i}`,
    userPrincipalName: `user${i}@exempelkommun.se`,
    preferredDataLocation: pdl,
    usageLocation: "SE",
  };
}
const org = {
  id: TENANT,
  displayName: "Exempelkommun",
  countryLetterCode: "SE",
  preferredLanguage: "sv-SE",
  tenantType: "AAD",
  verifiedDomains: [{ capabilities: "Email, OfficeCommunicationsOnline", isDefault: true, isInitial: false, name: "exempelkommun.se", type: "Managed" }],
};
const group = { id: "3c2b1a09-0000-4000-8000-000000000001", displayName: "Socialtjänsten", preferredDataLocation: "SWE" };
const site = {
  id: "exempelkommun.sharepoint.com,5a58bb09-1fba-41c1-8125-69da264370a0,9f2ec1da-0be4-4a74-9254-973f0add78fd",
  displayName: "Socialtjänsten",
  webUrl: "https://exempelkommun.sharepoint.com/sites/soc",
  siteCollection: { hostname: "exempelkommun.sharepoint.com", dataLocationCode: "SWE" },
};
/**
 * `GET /sites/root?$select=id,webUrl,siteCollection` of a Multi-Geo tenant: the root site of the
 * default geo, its `siteCollection` stating the geo and marked `root` (graph-docs:
 * api-reference/v1.0/api/site-getallsites.md, the root site of its example; resources/sitecollection.md).
 */
const rootSite = {
  "@odata.context": `${GRAPH}/v1.0/$metadata#sites(id,webUrl,siteCollection)/$entity`,
  id: "exempelkommun.sharepoint.com,bf6fb551-d508-4946-a439-b2a6154fc1d9,65a04b8b-1f44-442b-a1fc-9e5852fb946c",
  webUrl: "https://exempelkommun.sharepoint.com",
  siteCollection: { hostname: "exempelkommun.sharepoint.com", dataLocationCode: "SWE", root: {} },
};
const sku = {
  id: `${TENANT}_06ebc4ee-1bb5-47dd-8120-11324bc54e06`,
  accountId: TENANT,
  appliesTo: "User",
  capabilityStatus: "Enabled",
  consumedUnits: 412,
  skuId: "06ebc4ee-1bb5-47dd-8120-11324bc54e06",
  skuPartNumber: "SPE_E5",
  prepaidUnits: { enabled: 500, suspended: 0, warning: 0, lockedOut: 0 },
  servicePlans: [{ servicePlanId: "6db1f1db-2b46-403f-be40-e39395f08dbb", servicePlanName: "CUSTOMER_KEY", provisioningStatus: "Success", appliesTo: "Company" }],
};
const denied = {
  error: {
    code: "Authorization_RequestDenied",
    message: "Insufficient privileges to complete the operation.",
    innerError: { date: "2026-11-27T02:00:00", "request-id": "d0c1b2a3-0000-4000-8000-000000000001", "client-request-id": "d0c1b2a3-0000-4000-8000-000000000002" },
  },
};

/** Mocks the reads other than `except` with one page each. */
function others(except: string): void {
  const g = graph();
  if (except !== "organization") g.get("/v1.0/organization").reply(200, { "@odata.context": `${GRAPH}/v1.0/$metadata#organization`, value: [org] });
  if (except !== "users")
    g.get("/v1.0/users")
      .query({ $select: USERS_SELECT, $top: "999" })
      .reply(200, { value: [user(1, "SWE")] });
  if (except !== "groups")
    g.get("/v1.0/groups")
      .query({ $select: "id,displayName,preferredDataLocation", $top: "999" })
      .reply(200, { value: [group] });
  if (except !== "sites")
    g.get("/v1.0/sites/getAllSites")
      .query({ $select: "id,displayName,webUrl,siteCollection" })
      .reply(200, { value: [site] });
  if (except !== "rootSite") g.get("/v1.0/sites/root").query({ $select: "id,webUrl,siteCollection" }).reply(200, rootSite);
  if (except !== "subscribedSkus") g.get("/v1.0/subscribedSkus").reply(200, { value: [sku] });
}

const collector = () => createGraphCollector({ retry: FAST_RETRY, timeoutMs: 5_000 });

describe("graph collector", () => {
  useNock();

  it("reads all five lists and the root site with $select, paging users over @odata.nextLink", async () => {
    const { ctx, snap } = harness();
    others("users");
    const next = `${GRAPH}/v1.0/users?$select=${USERS_SELECT}&$top=999&$skiptoken=RFNwdAIAAQAAAA`;
    graph()
      .get("/v1.0/users")
      .query({ $select: USERS_SELECT, $top: "999" })
      .reply(200, { "@odata.context": `${GRAPH}/v1.0/$metadata#users(${USERS_SELECT})`, value: [user(1, "SWE"), user(2, null)], "@odata.nextLink": next })
      .get("/v1.0/users")
      .query({ $select: USERS_SELECT, $top: "999", $skiptoken: "RFNwdAIAAQAAAA" })
      .reply(200, { value: [user(3, "EUR")] });

    await collector().collect(ctx, snap);

    const m = snap.tenant.m365!;
    expect(m.users?.map((u) => u.preferredDataLocation)).toEqual(["SWE", null, "EUR"]);
    expect(m.organization).toEqual([org]);
    expect(m.groups).toEqual([group]);
    expect(m.sites?.[0]?.siteCollection).toEqual({ hostname: "exempelkommun.sharepoint.com", dataLocationCode: "SWE" });
    expect(m.subscribedSkus?.[0]?.servicePlans).toEqual(sku.servicePlans);
    // One object, stored as a list of one (the OData context annotation kept as Graph sent it).
    expect(m.rootSite).toEqual([rootSite]);
    expect(snap.apiVersions.m365RootSite).toBe("v1.0");
    expect(snap.tenant.displayName).toBe("Exempelkommun");
    expect(snap.coverage).toEqual([]);
    expect(snap.apiVersions.m365Users).toBe("v1.0");
    expect(requests).toHaveLength(7);
  });

  it("403 Authorization_RequestDenied on /users → coverage naming User.Read.All; the rest still fill", async () => {
    const { ctx, snap } = harness();
    others("users");
    graph().get("/v1.0/users").query(true).reply(403, denied);
    await collector().collect(ctx, snap);
    expect(snap.tenant.m365?.users).toBeUndefined();
    expect(snap.tenant.m365?.groups).toEqual([group]);
    expect(snap.tenant.m365?.sites).toEqual([site]);
    expect(snap.coverage).toEqual([
      {
        scope: `/tenants/${TENANT}/users`,
        collection: "m365Users",
        operation: "GET /users",
        httpStatus: 403,
        code: "Authorization_RequestDenied",
        message: "Insufficient privileges to complete the operation.",
        permission: "User.Read.All",
      },
    ]);
  });

  it("404 itemNotFound on /sites → exactly one coverage entry; sites not treated as read, the rest fill", async () => {
    const { ctx, snap } = harness();
    others("sites");
    graph()
      .get("/v1.0/sites/getAllSites")
      .query(true)
      .reply(404, {
        error: {
          code: "itemNotFound",
          message: "Requested site could not be found",
          innerError: { date: "2026-11-27T02:00:00", "request-id": "d0c1b2a3-0000-4000-8000-000000000003", "client-request-id": "d0c1b2a3-0000-4000-8000-000000000004" },
        },
      });
    await collector().collect(ctx, snap);
    expect(snap.tenant.m365?.sites).toBeUndefined();
    expect(snap.tenant.m365?.users).toEqual([user(1, "SWE")]);
    expect(snap.apiVersions.m365Sites).toBeUndefined();
    expect(snap.coverage).toEqual([
      {
        scope: `/tenants/${TENANT}/sites`,
        collection: "m365Sites",
        operation: "GET /sites/getAllSites",
        httpStatus: 404,
        code: "itemNotFound",
        message: "Requested site could not be found",
        permission: "Sites.Read.All",
      },
    ]);
  });

  it.each([
    ["organization", "/v1.0/organization", "m365Organization", "Organization.Read.All"],
    ["groups", "/v1.0/groups", "m365Groups", "Group.Read.All"],
    ["sites", "/v1.0/sites/getAllSites", "m365Sites", "Sites.Read.All"],
    ["subscribedSkus", "/v1.0/subscribedSkus", "m365SubscribedSkus", "LicenseAssignment.Read.All"],
    ["rootSite", "/v1.0/sites/root", "m365RootSite", "Sites.Read.All"],
  ])("403 on %s names %s's permission", async (scope, path, collection, permission) => {
    const { ctx, snap } = harness();
    others(scope);
    graph().get(path).query(true).reply(403, denied);
    await collector().collect(ctx, snap);
    expect(snap.coverage.map((c) => [c.scope, c.collection, c.permission])).toEqual([[`/tenants/${TENANT}/${scope}`, collection, permission]]);
  });

  it("retries 429 with Retry-After: 0 and completes", async () => {
    const { ctx, snap } = harness();
    others("groups");
    graph()
      .get("/v1.0/groups")
      .query(true)
      .reply(429, { error: { code: "TooManyRequests", message: "Too many requests" } }, { "Retry-After": "0" })
      .get("/v1.0/groups")
      .query(true)
      .reply(200, { value: [group] });
    await collector().collect(ctx, snap);
    expect(snap.tenant.m365?.groups).toEqual([group]);
    expect(snap.coverage).toEqual([]);
  });

  // A gateway in front of Graph answering 502 Bad Gateway (Graph's errors documentation lists 502 as
  // a transient server error): the Graph SDK's RetryHandler leaves it alone, Hemvist's middleware retries it.
  const badGateway = { error: { code: "UnknownError", message: "Bad Gateway" } };

  it("retries a 502 on /groups and completes", async () => {
    const { ctx, snap } = harness();
    others("groups");
    graph().get("/v1.0/groups").query(true).reply(502, badGateway).get("/v1.0/groups").query(true).reply(200, { value: [group] });
    await collector().collect(ctx, snap);
    expect(snap.tenant.m365?.groups).toEqual([group]);
    expect(snap.coverage).toEqual([]);
  });

  it("a 502 on every attempt (3 with 2 retries) → a coverage gap on /groups, never an empty list", async () => {
    const { ctx, snap } = harness();
    others("groups");
    graph().get("/v1.0/groups").query(true).times(3).reply(502, badGateway);
    await collector().collect(ctx, snap);
    expect(snap.tenant.m365?.groups).toBeUndefined();
    expect(snap.tenant.m365?.users).toEqual([user(1, "SWE")]);
    expect(snap.coverage).toEqual([
      expect.objectContaining({ scope: `/tenants/${TENANT}/groups`, collection: "m365Groups", operation: "GET /groups", httpStatus: 502, code: "UnknownError" }),
    ]);
    expect(requests.filter((r) => r.startsWith("GET /v1.0/groups"))).toHaveLength(3);
  });

  it("a page without value → MalformedResponse", async () => {
    const { ctx, snap } = harness();
    others("sites");
    graph().get("/v1.0/sites/getAllSites").query(true).reply(200, { "@odata.context": "x", sites: [site] });
    await collector().collect(ctx, snap);
    expect(snap.tenant.m365?.sites).toBeUndefined();
    expect(snap.coverage.map((c) => [c.scope, c.code])).toEqual([[`/tenants/${TENANT}/sites`, "MalformedResponse"]]);
  });

  it("truncated JSON → MalformedResponse", async () => {
    const { ctx, snap } = harness();
    others("subscribedSkus");
    graph().get("/v1.0/subscribedSkus").reply(200, '{"value":[{"skuId":"06eb', { "Content-Type": "application/json" });
    await collector().collect(ctx, snap);
    expect(snap.tenant.m365?.subscribedSkus).toBeUndefined();
    expect(snap.coverage.map((c) => [c.collection, c.code])).toEqual([["m365SubscribedSkus", "MalformedResponse"]]);
  });

  it("an @odata.nextLink loop → PagingLoop", async () => {
    const { ctx, snap } = harness();
    others("groups");
    const again = `${GRAPH}/v1.0/groups?$skiptoken=again`;
    graph()
      .get("/v1.0/groups")
      .query({ $select: "id,displayName,preferredDataLocation", $top: "999" })
      .reply(200, { value: [group], "@odata.nextLink": again })
      .get("/v1.0/groups")
      .query({ $skiptoken: "again" })
      .reply(200, { value: [group], "@odata.nextLink": again });
    await collector().collect(ctx, snap);
    expect(snap.tenant.m365?.groups).toBeUndefined();
    expect(snap.coverage.map((c) => [c.collection, c.code])).toEqual([["m365Groups", "PagingLoop"]]);
  });

  it("never follows an @odata.nextLink to another host: ForeignNextLink on /users, no request (no token) sent there", async () => {
    const { ctx, snap } = harness();
    others("users");
    const foreign = trap(FOREIGN);
    graph()
      .get("/v1.0/users")
      .query({ $select: USERS_SELECT, $top: "999" })
      .reply(200, { value: [user(1, "SWE")], "@odata.nextLink": `${FOREIGN}/v1.0/users?$skiptoken=SECRET-p2` });
    await collector().collect(ctx, snap);
    expect(foreign.release()).toEqual([]);
    expect(snap.tenant.m365?.users).toBeUndefined();
    expect(snap.tenant.m365?.groups).toEqual([group]);
    expect(snap.coverage).toEqual([
      {
        scope: `/tenants/${TENANT}/users`,
        collection: "m365Users",
        operation: "GET /users",
        code: "ForeignNextLink",
        message: expect.stringContaining("'evil.example', not 'graph.microsoft.com'"),
        permission: "User.Read.All",
      },
    ]);
    expect(snap.coverage[0]?.message).not.toContain("SECRET");
    expect(requests.filter((r) => r.startsWith("GET /v1.0/users"))).toHaveLength(1);
  });

  it("refuses an http:// @odata.nextLink on the Graph host itself", async () => {
    const { ctx, snap } = harness();
    others("users");
    const plain = trap(GRAPH.replace(/^https:/, "http:"));
    graph()
      .get("/v1.0/users")
      .query({ $select: USERS_SELECT, $top: "999" })
      .reply(200, { value: [user(1, "SWE")], "@odata.nextLink": `${GRAPH.replace(/^https:/, "http:")}/v1.0/users?$skiptoken=p2` });
    await collector().collect(ctx, snap);
    expect(plain.release()).toEqual([]);
    expect(snap.tenant.m365?.users).toBeUndefined();
    expect(snap.coverage.map((c) => [c.collection, c.code])).toEqual([["m365Users", "ForeignNextLink"]]);
  });

  it("asks the credential for the cloud's Graph scope", async () => {
    const { ctx, snap } = harness();
    others("none");
    await collector().collect(ctx, snap);
    const scopes = (ctx.credential as unknown as { scopes: string[] }).scopes;
    expect(new Set(scopes)).toEqual(new Set(["https://graph.microsoft.com/.default"]));
  });
});
