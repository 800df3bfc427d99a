/** Tests the Azure Policy collector (assignments at scope, referenced initiatives, exemptions) against nock-recorded ARM answers. */
import { describe, expect, it } from "vitest";
import { EXEMPTIONS_API_VERSION, parseSetDefinitionId, policyCollector } from "../../src/collectors/azure/policy.js";
import { CLOUDS } from "../../src/collectors/cloud.js";
import { createCollectorContext } from "../../src/collectors/context.js";
import type { ArmResource } from "../../src/snapshot/types.js";
import rule from "../../rules/policy/policy-allowed-locations-enforced/rule.js";
import { loadFixtures } from "../conformance/load.js";
import { findingsOf } from "../fixtures/coverage.js";
import { ARM, FAST_RETRY, SUB, SUB_ID, TENANT, arm, armError, coverageSummary, emptySnapshot, forbidden, harness, notRegistered, requestPaths, staticCredential, useNock } from "./helpers.js";
import { listCases } from "./list-cases.js";

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

const EXEMPTIONS = `${SUB_ID}/providers/Microsoft.Authorization/policyExemptions`;
/** The exemption list answers empty (the assignment tests' background). */
function noExemptions(): void {
  arm().get(EXEMPTIONS).query({ "api-version": EXEMPTIONS_API_VERSION }).reply(200, { value: [] });
}

describe("policyCollector", () => {
  it("reads assignments at scope over two pages and GETs each referenced initiative once, by its id's form", async () => {
    const { ctx, snap, sub } = harness();
    noExemptions();
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
    noExemptions();
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
    noExemptions();
    arm()
      .get(LIST)
      .query({ $filter: "atScope()", "api-version": V })
      .reply(403, forbidden("Microsoft.Authorization/policyAssignments/read", SUB_ID));

    await policyCollector.collect(ctx, sub);

    expect(coverageSummary(snap)).toEqual([{ scope: SUB_ID, collection: "policyAssignments", httpStatus: 403, code: "AuthorizationFailed" }]);
    // The exemptions are a read of their own.
    expect(sub.collections).toEqual({ policyExemptions: [] });
  });

  it("a 404 on the list is a gap; 409 MissingSubscriptionRegistration means no assignments, without coverage", async () => {
    const first = harness();
    noExemptions();
    arm().get(LIST).query({ $filter: "atScope()", "api-version": V }).reply(404, armError("SubscriptionNotFound", `The subscription '${SUB}' could not be found.`));
    await policyCollector.collect(first.ctx, first.sub);
    expect(coverageSummary(first.snap)).toEqual([{ scope: SUB_ID, collection: "policyAssignments", httpStatus: 404, code: "SubscriptionNotFound" }]);
    expect(first.sub.collections).toEqual({ policyExemptions: [] });

    const second = harness();
    noExemptions();
    arm().get(LIST).query({ $filter: "atScope()", "api-version": V }).reply(409, notRegistered("Microsoft.Authorization"));
    await policyCollector.collect(second.ctx, second.sub);
    expect(second.snap.coverage).toEqual([]);
    expect(second.sub.collections).toEqual({ policyAssignments: [], policySetDefinitions: [], policyExemptions: [] });
  });

  it("retries a 429 with Retry-After: 0 and ends complete", async () => {
    const { ctx, snap, sub } = harness();
    noExemptions();
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

/** An exemption shaped like the items of policy/examples/2026-01-01-preview/listPolicyExemptionsForSubscription.json. */
function exemption(i: number) {
  const name = `Exemption${i}`;
  return {
    properties: {
      policyAssignmentId: `${MG}/providers/Microsoft.Authorization/policyAssignments/allowed-locations`,
      exemptionCategory: i % 2 ? "Waiver" : "Mitigated",
      displayName: `Exempt ${name}`,
      description: `Exempt ${name} from the location policy`,
      metadata: { reason: "Journal archive migration" },
    },
    systemData: {
      createdBy: "ops@contoso.se",
      createdByType: "User",
      createdAt: "2025-03-01T10:00:00.000Z",
      lastModifiedBy: "ops@contoso.se",
      lastModifiedByType: "User",
      lastModifiedAt: "2025-03-01T10:00:00.000Z",
    },
    id: `${SUB_ID}/resourceGroups/rg-${i}/providers/Microsoft.Authorization/policyExemptions/${name}`,
    type: "Microsoft.Authorization/policyExemptions",
    name,
  };
}

describe("policyCollector: policy exemptions", () => {
  listCases({
    path: EXEMPTIONS,
    collection: "policyExemptions",
    scope: SUB_ID,
    operation: `GET ${EXEMPTIONS}`,
    permission: "Microsoft.Authorization/policyExemptions/read",
    namespace: "Microsoft.Authorization",
    item: exemption,
    background: () => {
      arm().get(LIST).query({ $filter: "atScope()", "api-version": V }).reply(200, { value: [A_DIRECT] });
    },
    run: (h) => policyCollector.collect(h.ctx, h.sub),
    result: (h) => h.sub.collections.policyExemptions,
    others: (h) => [h.sub.collections.policyAssignments],
  });

  it("sends the newest api-version with exemptions and no $filter (so exemptions inside the subscription are listed too)", async () => {
    const { ctx, snap, sub } = harness();
    arm().get(LIST).query({ $filter: "atScope()", "api-version": V }).reply(200, { value: [] });
    arm().get(EXEMPTIONS).query({ "api-version": "2026-01-01-preview" }).reply(200, { value: [exemption(1)] });
    await policyCollector.collect(ctx, sub);
    expect(requestPaths().filter((p) => p.startsWith(EXEMPTIONS))).toEqual([`${EXEMPTIONS}?api-version=2026-01-01-preview`]);
    expect(sub.collections.policyExemptions).toEqual([exemption(1)]);
    expect(snap.apiVersions).toMatchObject({ policyExemptions: "2026-01-01-preview" });
    expect(snap.coverage).toEqual([]);
  });
});

describe("conformance: policy/listPolicyExemptionsForSubscription.json through the collector and RES-09", () => {
  const fixtures = loadFixtures().filter((f) => f.file.startsWith("policy/"));
  const fixture = (file: string) => {
    const f = fixtures.find((x) => x.file === file);
    if (!f) throw new Error(`conformance fixture ${file} is missing`);
    return f;
  };
  const exemptionsFixture = fixture("policy/listPolicyExemptionsForSubscription.json");
  const assignmentsFixture = fixture("policy/listPolicyAssignments.json");
  const exampleSub = exemptionsFixture.parameters.subscriptionId as string;
  const exampleSubId = `/subscriptions/${exampleSub}`;

  /** A framework context on a snapshot with the example's subscription. */
  function exampleHarness() {
    const snap = emptySnapshot();
    const sub = { subscriptionId: exampleSub, id: exampleSubId, collections: {} };
    snap.subscriptions.push(sub);
    const ctx = createCollectorContext({ credential: staticCredential(), cloud: CLOUDS.AzureCloud!, tenantId: TENANT, toolVersion: "0.0.0-test", snapshot: snap, retry: FAST_RETRY, timeoutMs: 5_000 });
    ctx.addSubscription(sub);
    return { ctx, snap, sub };
  }

  it("has the fixture and the assignment list it is served with", () => {
    expect(exemptionsFixture.with).toEqual(["listPolicyAssignments.json"]);
    expect(assignmentsFixture.with).toEqual(["listPolicyExemptionsForSubscription.json"]);
    expect(exemptionsFixture.apiVersion).toBe(EXEMPTIONS_API_VERSION);
    expect(assignmentsFixture.apiVersion).toBe(V);
  });

  it("stores the example's exemptions as returned and gives the verdicts the fixtures expect", async () => {
    const { ctx, snap, sub } = exampleHarness();
    const assignments = (assignmentsFixture.body as { value: ArmResource[] }).value;
    const exemptions = (exemptionsFixture.body as { value: ArmResource[] }).value;
    arm().get(`${exampleSubId}/providers/Microsoft.Authorization/policyAssignments`).query({ $filter: "atScope()", "api-version": V }).reply(200, assignmentsFixture.body as object);
    arm().get(`${exampleSubId}/providers/Microsoft.Authorization/policyExemptions`).query({ "api-version": EXEMPTIONS_API_VERSION }).reply(200, exemptionsFixture.body as object);

    await policyCollector.collect(ctx, sub);

    expect(snap.coverage).toEqual([]);
    expect(sub.collections).toEqual({ policyAssignments: assignments, policySetDefinitions: [], policyExemptions: exemptions });
    const got = findingsOf(rule, snap).map((f) => ({ rule: f.ruleId, target: f.resourceId, status: f.status, messageId: f.messageId }));
    // RES-09's rows of both fixtures (their other rows are other rules' verdicts on the subscription).
    expect(got).toEqual(exemptionsFixture.expect.filter((e) => e.rule === "RES-09"));
    expect(got).toEqual(assignmentsFixture.expect.filter((e) => e.rule === "RES-09"));
  });

  it("the example's TestVNetSub (Mitigated, at the subscription, the whole assignment) exempts an Allowed-locations assignment it names", async () => {
    const { ctx, snap, sub } = exampleHarness();
    // The example's exemptions name assignments at management group DevOrg; here LimitPorts assigns the
    // resources built-in and AllowedRgLocations the resource-group one, both Sweden only.
    const devOrg = "/providers/Microsoft.Management/managementGroups/DevOrg";
    const limitPorts = assignment(devOrg, "LimitPorts", ALLOWED_LOCATIONS);
    const rgLocations = assignment(devOrg, "AllowedRgLocations", ALLOWED_RG_LOCATIONS);
    arm().get(`${exampleSubId}/providers/Microsoft.Authorization/policyAssignments`).query({ $filter: "atScope()", "api-version": V }).reply(200, { value: [limitPorts, rgLocations] });
    arm().get(`${exampleSubId}/providers/Microsoft.Authorization/policyExemptions`).query({ "api-version": EXEMPTIONS_API_VERSION }).reply(200, exemptionsFixture.body as object);

    await policyCollector.collect(ctx, sub);

    const [f, ...rest] = findingsOf(rule, snap);
    expect(rest).toEqual([]);
    expect({ status: f?.status, messageId: f?.messageId, target: f?.resourceId }).toEqual({ status: "fail", messageId: "exempted", target: exampleSubId });
    expect(f?.message.en).toBe(
      `${exampleSub} is exempted from 'Allowed locations' by 'TestVNetSub' (Mitigated, at ${exampleSubId}), so the policy denies nothing there.`,
    );
  });
});
