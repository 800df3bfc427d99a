/** Tests the Azure Policy collector (assignments at scope, referenced initiatives) against nock-recorded ARM answers. */
import { describe, expect, it } from "vitest";
import { parseSetDefinitionId, policyCollector } from "../../src/collectors/azure/policy.js";
import { ARM, SUB, SUB_ID, arm, armError, coverageSummary, forbidden, harness, notRegistered, requestPaths, useNock } from "./helpers.js";

useNock();

const V = "2025-03-01";
const LIST = `${SUB_ID}/providers/Microsoft.Authorization/policyAssignments`;
const MG = "/providers/Microsoft.Management/managementGroups/mg-contoso";
const MG_ROOT = "/providers/Microsoft.Management/managementGroups/72f988bf-86f1-41af-91ab-2d7cd011db47";
const ALLOWED_LOCATIONS = "/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c";
const ALLOWED_RG_LOCATIONS = "/providers/Microsoft.Authorization/policyDefinitions/e765b5de-1225-4ba3-bd56-1ac6695af988";
const BUILTIN_SET = "/providers/Microsoft.Authorization/policySetDefinitions/c1cbff38-87c0-4b9f-9f70-035c7a3b5523";
const MG_SET = `${MG}/providers/Microsoft.Authorization/policySetDefinitions/org-data-residency`;
const SUB_SET = `${SUB_ID}/providers/Microsoft.Authorization/policySetDefinitions/sub-data-residency`;

function assignment(scope: string, name: string, policyDefinitionId: string, extra: Record<string, unknown> = {}) {
  return {
    properties: {
      displayName: name,
      description: `Assigned by the platform team (${name}).`,
      metadata: { assignedBy: "Platform team", createdOn: "2025-03-01T10:00:00.0000000Z" },
      policyDefinitionId,
      definitionVersion: "1.*.*",
      parameters: { listOfAllowedLocations: { value: ["swedencentral", "swedensouth"] } },
      scope,
      notScopes: [],
      enforcementMode: "Default",
      nonComplianceMessages: [],
      instanceId: "e4b0f5a6-7c8d-4e9f-a0b1-c2d3e4f5a6b7",
      ...extra,
    },
    id: `${scope}/providers/Microsoft.Authorization/policyAssignments/${name}`,
    type: "Microsoft.Authorization/policyAssignments",
    name,
    location: "swedencentral",
    identity: { type: "None" },
    systemData: { createdBy: "ops@contoso.se", createdByType: "User", createdAt: "2025-03-01T10:00:00.000Z" },
  };
}

function setDefinition(id: string, policyType: "BuiltIn" | "Custom") {
  return {
    properties: {
      displayName: "Data residency guardrails",
      policyType,
      description: "Keeps resources and resource groups in the allowed regions.",
      metadata: { category: "General", version: "1.0.0" },
      version: "1.0.0",
      parameters: {
        listOfAllowedLocations: { type: "Array", metadata: { displayName: "Allowed locations", strongType: "location" } },
      },
      policyDefinitions: [
        {
          policyDefinitionReferenceId: "AllowedLocations",
          policyDefinitionId: ALLOWED_LOCATIONS,
          definitionVersion: "1.*.*",
          parameters: { listOfAllowedLocations: { value: "[parameters('listOfAllowedLocations')]" } },
          groupNames: [],
        },
        {
          policyDefinitionReferenceId: "AllowedResourceGroupLocations",
          policyDefinitionId: ALLOWED_RG_LOCATIONS,
          definitionVersion: "1.*.*",
          parameters: { listOfAllowedLocations: { value: "[parameters('listOfAllowedLocations')]" } },
          groupNames: [],
        },
      ],
      policyDefinitionGroups: [],
    },
    id,
    name: id.split("/").pop(),
    type: "Microsoft.Authorization/policySetDefinitions",
  };
}

const A_DIRECT = assignment(MG, "allowed-locations", ALLOWED_LOCATIONS);
const A_MG_SET = assignment(MG, "org-residency", MG_SET, { enforcementMode: "DoNotEnforce" });
const A_BUILTIN = assignment(SUB_ID, "sovereignty-baseline", BUILTIN_SET, { notScopes: [`${SUB_ID}/resourceGroups/rg-sandbox`] });
// The same built-in initiative assigned again higher up (tenant root group): read once.
const A_BUILTIN_AGAIN = assignment(MG_ROOT, "sovereignty-baseline-root", BUILTIN_SET);
const A_SUB_SET = assignment(SUB_ID, "sub-residency", SUB_SET);

describe("policyCollector", () => {
  it("reads assignments at scope over two pages and GETs each referenced initiative once, by its id's form", async () => {
    const { ctx, snap, sub } = harness();
    arm()
      .get(LIST)
      .query({ $filter: "atScope()", "api-version": V })
      .reply(200, { value: [A_DIRECT, A_MG_SET, A_BUILTIN], nextLink: `${ARM}${LIST}?$filter=atScope()&api-version=${V}&$skiptoken=p2` })
      .get(LIST)
      .query({ $filter: "atScope()", "api-version": V, $skiptoken: "p2" })
      .reply(200, { value: [A_BUILTIN_AGAIN, A_SUB_SET] });
    arm().get(BUILTIN_SET).query({ "api-version": V }).reply(200, setDefinition(BUILTIN_SET, "BuiltIn"));
    arm().get(MG_SET).query({ "api-version": V }).reply(200, setDefinition(MG_SET, "Custom"));
    arm().get(SUB_SET).query({ "api-version": V }).reply(200, setDefinition(SUB_SET, "Custom"));

    await policyCollector.collect(ctx, sub);

    expect(snap.coverage).toEqual([]);
    // Inherited assignments keep their management-group ids.
    expect(sub.collections.policyAssignments?.map((a) => a.id)).toEqual([A_DIRECT.id, A_MG_SET.id, A_BUILTIN.id, A_BUILTIN_AGAIN.id, A_SUB_SET.id]);
    expect(sub.collections.policyAssignments?.[1]?.properties?.enforcementMode).toBe("DoNotEnforce");
    expect(sub.collections.policySetDefinitions?.map((d) => d.id).sort()).toEqual([BUILTIN_SET, MG_SET, SUB_SET].sort());
    const builtIn = sub.collections.policySetDefinitions?.find((d) => d.id === BUILTIN_SET);
    expect(builtIn).toEqual(setDefinition(BUILTIN_SET, "BuiltIn"));
    expect(requestPaths().filter((p) => p.startsWith(BUILTIN_SET))).toHaveLength(1);
    expect(snap.apiVersions).toMatchObject({ policyAssignments: V, policySetDefinitions: V });
  });

  it("records a 403 and a 404 on initiatives against the subscription; the other initiative is read", async () => {
    const { ctx, snap, sub } = harness();
    arm().get(LIST).query({ $filter: "atScope()", "api-version": V }).reply(200, { value: [A_MG_SET, A_BUILTIN, A_SUB_SET] });
    arm()
      .get(MG_SET)
      .query({ "api-version": V })
      .reply(403, forbidden("Microsoft.Authorization/policySetDefinitions/read", MG_SET));
    arm().get(BUILTIN_SET).query({ "api-version": V }).reply(200, setDefinition(BUILTIN_SET, "BuiltIn"));
    arm()
      .get(SUB_SET)
      .query({ "api-version": V })
      .reply(404, armError("PolicySetDefinitionNotFound", "The policy set definition 'sub-data-residency' could not be found."));

    await policyCollector.collect(ctx, sub);

    expect(coverageSummary(snap)).toEqual([
      { scope: SUB_ID, collection: "policySetDefinitions", httpStatus: 403, code: "AuthorizationFailed" },
      { scope: SUB_ID, collection: "policySetDefinitions", httpStatus: 404, code: "PolicySetDefinitionNotFound" },
    ]);
    expect(snap.coverage.map((c) => c.operation)).toEqual([`GET ${MG_SET}`, `GET ${SUB_SET}`]);
    expect(sub.collections.policySetDefinitions?.map((d) => d.id)).toEqual([BUILTIN_SET]);
    expect(sub.collections.policyAssignments).toHaveLength(3);
  });

  it("leaves both collections unread when the assignment list is forbidden", async () => {
    const { ctx, snap, sub } = harness();
    arm()
      .get(LIST)
      .query({ $filter: "atScope()", "api-version": V })
      .reply(403, forbidden("Microsoft.Authorization/policyAssignments/read", SUB_ID));

    await policyCollector.collect(ctx, sub);

    expect(coverageSummary(snap)).toEqual([{ scope: SUB_ID, collection: "policyAssignments", httpStatus: 403, code: "AuthorizationFailed" }]);
    expect(sub.collections).toEqual({});
  });

  it("a 404 on the list is a gap; 409 MissingSubscriptionRegistration means no assignments, without coverage", async () => {
    const first = harness();
    arm().get(LIST).query({ $filter: "atScope()", "api-version": V }).reply(404, armError("SubscriptionNotFound", `The subscription '${SUB}' could not be found.`));
    await policyCollector.collect(first.ctx, first.sub);
    expect(coverageSummary(first.snap)).toEqual([{ scope: SUB_ID, collection: "policyAssignments", httpStatus: 404, code: "SubscriptionNotFound" }]);
    expect(first.sub.collections).toEqual({});

    const second = harness();
    arm().get(LIST).query({ $filter: "atScope()", "api-version": V }).reply(409, notRegistered("Microsoft.Authorization"));
    await policyCollector.collect(second.ctx, second.sub);
    expect(second.snap.coverage).toEqual([]);
    expect(second.sub.collections).toEqual({ policyAssignments: [], policySetDefinitions: [] });
  });

  it("retries a 429 with Retry-After: 0 and ends complete", async () => {
    const { ctx, snap, sub } = harness();
    arm()
      .get(LIST)
      .query({ $filter: "atScope()", "api-version": V })
      .reply(429, armError("TooManyRequests", "Too many requests."), { "Retry-After": "0" })
      .get(LIST)
      .query({ $filter: "atScope()", "api-version": V })
      .reply(200, { value: [A_DIRECT, A_BUILTIN] });
    arm()
      .get(BUILTIN_SET)
      .query({ "api-version": V })
      .reply(429, armError("TooManyRequests", "Too many requests."), { "Retry-After": "0" })
      .get(BUILTIN_SET)
      .query({ "api-version": V })
      .reply(200, setDefinition(BUILTIN_SET, "BuiltIn"));

    await policyCollector.collect(ctx, sub);

    expect(snap.coverage).toEqual([]);
    expect(sub.collections.policyAssignments).toHaveLength(2);
    expect(sub.collections.policySetDefinitions?.map((d) => d.id)).toEqual([BUILTIN_SET]);
  });
});

describe("parseSetDefinitionId", () => {
  it("tells built-in, management-group and subscription set definitions apart, case-insensitively", () => {
    expect(parseSetDefinitionId(BUILTIN_SET)).toEqual({ scope: "builtIn", name: "c1cbff38-87c0-4b9f-9f70-035c7a3b5523" });
    expect(parseSetDefinitionId(MG_SET.toLowerCase())).toEqual({ scope: "managementGroup", managementGroupId: "mg-contoso", name: "org-data-residency" });
    expect(parseSetDefinitionId(SUB_SET)).toEqual({ scope: "subscription", subscriptionId: SUB, name: "sub-data-residency" });
  });

  it("returns undefined for single policy definitions and other ids", () => {
    expect(parseSetDefinitionId(ALLOWED_LOCATIONS)).toBeUndefined();
    expect(parseSetDefinitionId(`${SUB_ID}/resourceGroups/rg/providers/Microsoft.Authorization/policySetDefinitions/x`)).toBeUndefined();
    expect(parseSetDefinitionId("")).toBeUndefined();
  });
});
