import { describe, expect, it } from "vitest";
import rule from "./rule.js";
import { ALLOWED_LOCATIONS, ALLOWED_RG_LOCATIONS, allowedLocationsAssignment, mgScope, policyAssignment, policyExemption, policySetDefinition } from "../../../tests/fixtures/policy.js";
import type { CoverageEntry } from "../../../src/index.js";
import { findingsOf, forbidden, lines, verdict } from "../../../tests/fixtures/coverage.js";
import { type ArmResource, type SubInput, failure, makeSnapshot, SUB, SUB2, TENANT } from "../../../tests/fixtures/snapshot.js";
import { ruleTester } from "../../../tests/helpers/rule-tester.js";

const SWEDEN = ["swedencentral", "swedensouth"];
const subScope = `/subscriptions/${SUB}`;

/** One subscription (under mg-exk-landingzones ← mg-exk) with the given assignments, initiatives and exemptions. */
function snap(assignments: ArmResource[], sets: ArmResource[] = [], exemptions: ArmResource[] = [], ancestors = ["mg-exk", "mg-exk-landingzones"]) {
  const s = makeSnapshot({ subscriptions: [{ collections: { policyAssignments: assignments, policySetDefinitions: sets, policyExemptions: exemptions } }] });
  (s.subscriptions[0] as { managementGroupAncestors?: string[] }).managementGroupAncestors = ancestors;
  return s;
}
const both = (list: string[] = SWEDEN, scope = subScope, over: Record<string, unknown> = {}) => [
  allowedLocationsAssignment("allowed-locations", ALLOWED_LOCATIONS, list, scope, over),
  allowedLocationsAssignment("allowed-rg-locations", ALLOWED_RG_LOCATIONS, list, scope, over),
];

/** An MG initiative passing its `allowedLocations` parameter to both built-ins. */
const residency = policySetDefinition(
  "residency",
  "mg-exk",
  [
    { guid: ALLOWED_LOCATIONS, listValue: "[parameters('allowedLocations')]", referenceId: "allowedLocations" },
    { guid: ALLOWED_RG_LOCATIONS, listValue: "[ parameters('allowedLocations') ]", referenceId: "allowedRgLocations" },
  ],
  { allowedLocations: undefined },
);
const residencyAssignment = (list: string[] | undefined, over: Record<string, unknown> = {}) =>
  policyAssignment("residency", residency.id, mgScope("mg-exk"), { properties: { parameters: list ? { allowedLocations: { value: list } } : {} }, ...over });

const sub2Scope = `/subscriptions/${SUB2}`;
/** A subscription the configuration names but `GET /subscriptions` does not list. */
const SUB3 = "2d3e4f50-6172-8394-a5b6-c7d8e9f0a1b2";
const MG_SCOPE = `/tenants/${TENANT}/managementGroups`;

/** Two subscriptions under mg-exk-landingzones ← mg-exk; SUB2 gets `sub2` (or nothing read). */
function twoSubs(sub1: Collections, sub2: Collections | undefined, coverage: CoverageEntry[], ancestors: string[] | undefined = ["mg-exk", "mg-exk-landingzones"]) {
  const s = makeSnapshot({ subscriptions: [{ collections: sub1 }, { subscriptionId: SUB2, collections: sub2 ?? {} }], coverage });
  if (ancestors) for (const sub of s.subscriptions) (sub as { managementGroupAncestors?: string[] }).managementGroupAncestors = ancestors;
  return s;
}
type Collections = SubInput["collections"];

// SUB2's policy assignments forbidden (so its initiatives were not read either).
const assignmentsForbiddenInSub2 = twoSubs({ policyAssignments: both(), policySetDefinitions: [], policyExemptions: [] }, {}, [failure("policyAssignments", sub2Scope), failure("policySetDefinitions", sub2Scope)]);
// Both subscriptions use the MG initiative; its definition could not be read in SUB.
const initiativeForbiddenInSub = twoSubs(
  { policyAssignments: [residencyAssignment(SWEDEN)] },
  { policyAssignments: [residencyAssignment(SWEDEN)], policySetDefinitions: [residency], policyExemptions: [] },
  [failure("policySetDefinitions", subScope, { operation: `GET ${residency.id}` })],
);
// SUB's assignments exclude a management group; the hierarchy could not be read (no ancestors
// known for either subscription). SUB2 is guarded by its own direct assignments.
const mgFailure = failure("managementGroups", MG_SCOPE, {
  operation: "GET /providers/Microsoft.Management/managementGroups/{tenantId}?$expand=children&$recurse=true",
  permission: "Microsoft.Management/managementGroups/read",
});
const mgNotScopesHierarchyForbidden = twoSubs(
  { policyAssignments: both(SWEDEN, mgScope("mg-exk"), { properties: { notScopes: [mgScope("mg-exk-sandbox")] } }), policySetDefinitions: [], policyExemptions: [] },
  { policyAssignments: both(SWEDEN, sub2Scope), policySetDefinitions: [], policyExemptions: [] },
  [mgFailure],
  undefined,
);
// --subscriptions named SUB and SUB3; the identity cannot see SUB3.
const notVisible: CoverageEntry = {
  scope: `/subscriptions/${SUB3}`,
  collection: "subscriptions",
  operation: "GET /subscriptions",
  code: "SubscriptionNotVisible",
  message: `Subscription ${SUB3} is not visible to this identity (not in GET /subscriptions).`,
  permission: "Microsoft.Resources/subscriptions/read",
  blinds: [],
};
const subscriptionNotVisible = (() => {
  const s = makeSnapshot({ subscriptions: [{ collections: { policyAssignments: both(), policySetDefinitions: [], policyExemptions: [] } }], coverage: [notVisible], allVisibleSubscriptions: false });
  (s.subscriptions[0] as { managementGroupAncestors?: string[] }).managementGroupAncestors = ["mg-exk", "mg-exk-landingzones"];
  return s;
})();

// Exemptions, shaped like the items of the 2026-01-01-preview examples (Microsoft.Authorization/policy/examples/2026-01-01-preview/):
// listPolicyExemptionsForSubscription.json (at the subscription, inherited from a management group),
// listPolicyExemptionsForResourceGroup.json (TestVNetRG, at a resource group) and
// createOrUpdatePolicyExemptionWithResourceSelectors.json (resourceSelectors) — pointed at Allowed-locations assignments.
const [directResources, directRgs] = both() as [ArmResource, ArmResource];
const mgResources = allowedLocationsAssignment("allowed-locations", ALLOWED_LOCATIONS, SWEDEN, mgScope("mg-exk"));
const mgRgs = allowedLocationsAssignment("allowed-rg-locations", ALLOWED_RG_LOCATIONS, SWEDEN, mgScope("mg-exk"));
const residencyId = residencyAssignment(SWEDEN).id;
const rgScope = `${subScope}/resourceGroups/rg-app`;

// SUB and SUB2 both guarded by their own direct assignments; SUB2's exemptions could not be read.
const exemptionsForbiddenInSub2 = twoSubs(
  { policyAssignments: both(), policySetDefinitions: [], policyExemptions: [] },
  { policyAssignments: both(SWEDEN, sub2Scope), policySetDefinitions: [] },
  [failure("policyExemptions", sub2Scope, { operation: `GET /subscriptions/${SUB2}/providers/Microsoft.Authorization/policyExemptions`, permission: "Microsoft.Authorization/policyExemptions/read" })],
);
// The same, but SUB2 has only the resources built-in: it fails whatever its exemptions say.
const exemptionsForbiddenMissingInSub2 = twoSubs(
  { policyAssignments: both(), policySetDefinitions: [], policyExemptions: [] },
  { policyAssignments: [allowedLocationsAssignment("allowed-locations", ALLOWED_LOCATIONS, SWEDEN, sub2Scope)], policySetDefinitions: [] },
  [failure("policyExemptions", sub2Scope, { operation: `GET /subscriptions/${SUB2}/providers/Microsoft.Authorization/policyExemptions`, permission: "Microsoft.Authorization/policyExemptions/read" })],
);
const exemptedAtSub = snap(both(), [], [policyExemption("TestVMSub", subScope, directResources.id)]);

ruleTester(rule, {
  valid: [
    { name: "both built-ins assigned directly to the subscription", snapshot: snap(both()) },
    { name: "both through a management-group initiative", snapshot: snap([residencyAssignment(SWEDEN)], [residency]) },
    {
      name: "an effect override that names other members of the initiative, or keeps Deny, narrows nothing",
      snapshot: snap(
        [
          residencyAssignment(SWEDEN, {
            properties: {
              parameters: { allowedLocations: { value: SWEDEN } },
              overrides: [
                { kind: "policyEffect", selectors: [{ in: ["Limit_Skus"], kind: "policyDefinitionReferenceId" }], value: "Audit" },
                { kind: "policyEffect", selectors: [{ notIn: ["allowedLocations", "allowedRgLocations"], kind: "policyDefinitionReferenceId" }], value: "Disabled" },
                { kind: "policyEffect", value: "deny" },
                { kind: "definitionVersion", value: "2.*.*" },
              ],
              resourceSelectors: [],
            },
          }),
        ],
        [residency],
      ),
    },
    {
      name: "case variations: GUID, enforcement mode, parameter name, display-name regions and global",
      snapshot: snap([
        allowedLocationsAssignment("al", ALLOWED_LOCATIONS, undefined, subScope, {
          properties: { policyDefinitionId: `/providers/microsoft.authorization/policydefinitions/${ALLOWED_LOCATIONS.toUpperCase()}`, enforcementMode: "default", parameters: { ListOfAllowedLocations: { value: ["Sweden Central", "global"] } } },
        }),
        allowedLocationsAssignment("alrg", ALLOWED_RG_LOCATIONS, ["SWEDENCENTRAL"], mgScope("MG-EXK")),
      ]),
    },
    {
      name: "initiative with a literal list and a parameter default",
      snapshot: snap(
        [policyAssignment("residency2", `${mgScope("mg-exk")}/providers/Microsoft.Authorization/policySetDefinitions/residency2`, mgScope("mg-exk"))],
        [
          policySetDefinition(
            "residency2",
            "mg-exk",
            [
              { guid: ALLOWED_LOCATIONS, listValue: ["swedencentral"] },
              { guid: ALLOWED_RG_LOCATIONS, listValue: "[parameters('rgLocations')]" },
            ],
            { rgLocations: ["swedencentral", "swedensouth"] },
          ),
        ],
      ),
    },
    {
      name: "a wide assignment narrowed by a second enforced one",
      snapshot: snap([...both(["swedencentral", "westeurope", "northeurope"], mgScope("mg-exk")), ...both(SWEDEN, subScope).map((a) => ({ ...a, id: `${a.id}-sub`, name: `${a.name}-sub` }))]),
    },
    {
      name: "exemptions that do not count: expired, of another assignment, of another initiative member, in another subscription",
      snapshot: snap(
        [residencyAssignment(SWEDEN)],
        [residency],
        [
          // expiresOn before now (2026-11-27): no longer exempts.
          policyExemption("ExpiredWaiver", subScope, residencyId, { properties: { expiresOn: "2026-06-30T22:00:00Z" } }),
          // As in the spec's list example: another assignment (CostManagement), member Limit_Skus.
          policyExemption("TestVMSub", subScope, "/providers/Microsoft.Management/managementGroups/DevOrg/providers/Microsoft.Authorization/policyAssignments/CostManagement", { properties: { policyDefinitionReferenceIds: ["Limit_Skus"] } }),
          // The residency initiative, but only a member that is not an Allowed-locations built-in.
          policyExemption("OtherMember", subScope, residencyId, { properties: { policyDefinitionReferenceIds: ["Limit_Skus"], exemptionCategory: "Mitigated" } }),
          // Another subscription's exemption from the same management-group assignment.
          policyExemption("Sub2Waiver", sub2Scope, residencyId),
        ],
      ),
    },
    {
      name: "a resource group exempted from one of two assignments: the other still guards all of it",
      snapshot: snap([...both(), mgResources, mgRgs].map((a, i) => (i < 2 ? a : { ...a, id: `${a.id}-mg`, name: `${a.name}-mg` })), [], [
        policyExemption("TestVNetRG", rgScope, `${mgResources.id}-mg`),
      ]),
    },
    {
      name: "a resource group in notScopes leaves the subscription guarded",
      snapshot: snap(both(SWEDEN, mgScope("mg-exk"), { properties: { notScopes: [`/subscriptions/${SUB}/resourceGroups/rg-sandbox`, `/subscriptions/${SUB2}`] } })),
    },
  ],
  invalid: [
    {
      name: "no assignments at all",
      snapshot: snap([]),
      results: [
        {
          status: "fail",
          messageId: "missing",
          resource: SUB,
          severity: "medium",
          type: "Microsoft.Resources/subscriptions",
          message: `Sub ${SUB.slice(0, 4)} has no assignment of 'Allowed locations' and 'Allowed locations for resource groups'.`,
          messageSv: `Sub ${SUB.slice(0, 4)} saknar en tilldelning av 'Allowed locations' och 'Allowed locations for resource groups'.`,
        },
      ],
    },
    {
      name: "only the resources built-in",
      snapshot: snap([allowedLocationsAssignment("allowed-locations", ALLOWED_LOCATIONS, SWEDEN)]),
      results: [{ status: "fail", messageId: "missing", resource: SUB, message: `Sub ${SUB.slice(0, 4)} has no assignment of 'Allowed locations for resource groups'.` }],
    },
    {
      name: "the subscription in notScopes",
      snapshot: snap(both(SWEDEN, mgScope("mg-exk"), { properties: { notScopes: [`/subscriptions/${SUB.toUpperCase()}`] } })),
      results: [
        {
          status: "fail",
          messageId: "excluded",
          resource: SUB,
          message: `Sub ${SUB.slice(0, 4)} is excluded by notScopes from every assignment of 'Allowed locations' and 'Allowed locations for resource groups'.`,
          messageSv: `Sub ${SUB.slice(0, 4)} är undantagen genom notScopes från varje tilldelning av 'Allowed locations' och 'Allowed locations for resource groups'.`,
        },
      ],
    },
    {
      name: "an ancestor management group in notScopes",
      snapshot: snap(both(SWEDEN, mgScope("mg-exk"), { properties: { notScopes: [mgScope("MG-EXK-LANDINGZONES")] } })),
      results: [{ status: "fail", messageId: "excluded", resource: SUB }],
    },
    {
      name: "enforcement mode DoNotEnforce",
      snapshot: snap([residencyAssignment(SWEDEN, { properties: { enforcementMode: "DoNotEnforce", parameters: { allowedLocations: { value: SWEDEN } } } })], [residency]),
      results: [
        {
          status: "fail",
          messageId: "notEnforced",
          resource: SUB,
          message: `Sub ${SUB.slice(0, 4)} is reached by 'Allowed locations' and 'Allowed locations for resource groups' only with enforcement mode DoNotEnforce, which denies nothing (only Default enforces).`,
          messageSv: `Sub ${SUB.slice(0, 4)} nås av 'Allowed locations' och 'Allowed locations for resource groups' bara med tillämpningsläget DoNotEnforce, som inte nekar något (bara Default tillämpas).`,
        },
      ],
    },
    {
      // ARM compares enum values without regard to case: an assignment written by a template as "doNotEnforce" denies nothing either.
      name: "enforcement mode DoNotEnforce in another casing",
      snapshot: snap([residencyAssignment(SWEDEN, { properties: { enforcementMode: "doNotEnforce", parameters: { allowedLocations: { value: SWEDEN } } } })], [residency]),
      results: [{ status: "fail", messageId: "notEnforced", resource: SUB }],
    },
    {
      // enforcementMode "Enroll" as in the spec example policy/stable/2025-03-01/examples/createPolicyAssignmentWithEnrollEnforcement.json:
      // it denies nothing until resources are enrolled.
      name: "enforcement mode Enroll (api-version 2025-03-01), in any casing",
      snapshot: snap(both(SWEDEN, subScope, { properties: { enforcementMode: "enroll" } })),
      results: [{ status: "fail", messageId: "notEnforced", resource: SUB }],
    },
    {
      name: "an unknown enforcement mode does not count as enforcing",
      snapshot: snap(both(SWEDEN, subScope, { properties: { enforcementMode: "Audit" } })),
      results: [{ status: "fail", messageId: "notEnforced", resource: SUB }],
    },
    {
      // resourceSelectors as the 2025-03-01 assignment schema has them: a resourceLocation selector makes
      // the assignment look only at resources already in the allowed regions.
      name: "a resourceLocation selector narrows the assignment to resources already allowed",
      snapshot: snap(both(SWEDEN, subScope, { properties: { resourceSelectors: [{ name: "SwedenOnly", selectors: [{ kind: "resourceLocation", in: SWEDEN }] }] } })),
      results: [
        {
          status: "fail",
          messageId: "narrowed",
          resource: SUB,
          message: `Sub ${SUB.slice(0, 4)} is reached by 'Allowed locations' and 'Allowed locations for resource groups' only through assignments narrowed by resource selectors or an effect override, which leave resources unguarded.`,
        },
      ],
    },
    {
      // overrides as in policy/stable/2025-03-01/examples/updatePolicyAssignmentWithOverrides.json: the
      // Allowed-locations member of an initiative turned to Audit by its reference id.
      name: "an effect override to Audit of the initiative's Allowed-locations member",
      snapshot: snap(
        [residencyAssignment(SWEDEN, { properties: { parameters: { allowedLocations: { value: SWEDEN } }, overrides: [{ kind: "policyEffect", selectors: [{ in: ["allowedLocations", "Limit_Skus"], kind: "policyDefinitionReferenceId" }], value: "Audit" }] } })],
        [residency],
      ),
      results: [{ status: "fail", messageId: "narrowed", resource: SUB }],
    },
    {
      name: "a direct assignment whose effect is overridden to Disabled for every resource",
      snapshot: snap(both(SWEDEN, subScope, { properties: { overrides: [{ kind: "PolicyEffect", value: "Disabled" }] } })),
      results: [{ status: "fail", messageId: "narrowed", resource: SUB }],
    },
    {
      // Shaped like the first item of policy/examples/2026-01-01-preview/listPolicyExemptionsForSubscription.json (Waiver, at the subscription).
      name: "exempted at the subscription (Waiver) from the resources built-in",
      snapshot: exemptedAtSub,
      results: [
        {
          status: "fail",
          messageId: "exempted",
          resource: SUB,
          severity: "medium",
          message: `Sub ${SUB.slice(0, 4)} is exempted from 'Allowed locations' by 'TestVMSub' (Waiver, at /subscriptions/${SUB}), so the policy denies nothing there.`,
          messageSv: `Sub ${SUB.slice(0, 4)} är undantagen från 'Allowed locations' genom 'TestVMSub' (Waiver, på /subscriptions/${SUB}), så principen nekar inget där.`,
        },
      ],
    },
    {
      // Inherited from a management group above the subscription, as the unfiltered list returns it;
      // the assignment id in other casing, category Mitigated.
      name: "exempted at an ancestor management group (Mitigated), ids compared case-insensitively",
      snapshot: snap([mgResources, mgRgs], [], [
        policyExemption("LandingZoneWaiver", mgScope("mg-exk"), mgRgs.id.toUpperCase(), { properties: { exemptionCategory: "Mitigated" } }),
      ]),
      results: [{ status: "fail", messageId: "exempted", resource: SUB }],
    },
    {
      name: "exempted from the initiative's Allowed-locations member by its reference id, in other casing",
      snapshot: snap([residencyAssignment(SWEDEN)], [residency], [
        policyExemption("ResidencyWaiver", subScope, residencyId, { properties: { policyDefinitionReferenceIds: ["Limit_Skus", "ALLOWEDLOCATIONS"] } }),
      ]),
      results: [{ status: "fail", messageId: "exempted", resource: SUB }],
    },
    {
      name: "an exemption that expires after now still exempts",
      snapshot: snap(both(), [], [policyExemption("UntilSpring", subScope, directRgs.id, { properties: { expiresOn: "2027-03-31T22:00:00Z" } })]),
      results: [{ status: "fail", messageId: "exempted", resource: SUB }],
    },
    {
      // As TestVNetRG in policy/examples/2026-01-01-preview/listPolicyExemptionsForResourceGroup.json: at a resource group.
      name: "a resource group exempted: partly exempted",
      snapshot: snap(both(), [], [policyExemption("TestVNetRG", rgScope, directResources.id)]),
      results: [
        {
          status: "fail",
          messageId: "partlyExempted",
          resource: SUB,
          message: `Sub ${SUB.slice(0, 4)} is only partly guarded by 'Allowed locations': the exemptions 'TestVNetRG' (Waiver, at /subscriptions/${SUB}/resourceGroups/rg-app) leave resources there unguarded.`,
        },
      ],
    },
    {
      name: "a resource exempted: partly exempted",
      snapshot: snap(both(), [], [policyExemption("DemoExpensiveVM", `${rgScope}/providers/Microsoft.Compute/virtualMachines/vm-demo`, directRgs.id)]),
      results: [{ status: "fail", messageId: "partlyExempted", resource: SUB }],
    },
    {
      // resourceSelectors as in policy/examples/2026-01-01-preview/createOrUpdatePolicyExemptionWithResourceSelectors.json.
      name: "exempted at the subscription only for resources its selectors pick: partly exempted",
      snapshot: snap(both(), [], [
        policyExemption("SDPRegions", subScope, directResources.id, { properties: { resourceSelectors: [{ name: "SDPRegions", selectors: [{ kind: "resourceLocation", in: ["eastus2euap", "centraluseuap"] }] }] } }),
      ]),
      results: [
        {
          status: "fail",
          messageId: "partlyExempted",
          resource: SUB,
          message: `Sub ${SUB.slice(0, 4)} is only partly guarded by 'Allowed locations': the exemptions 'SDPRegions' (Waiver, at /subscriptions/${SUB}, resource selectors) leave resources there unguarded.`,
          messageSv: `Sub ${SUB.slice(0, 4)} skyddas bara delvis av 'Allowed locations': undantagen 'SDPRegions' (Waiver, på /subscriptions/${SUB}, resursväljare) lämnar resurser där utan skydd.`,
        },
      ],
    },
    {
      name: "the list includes West Europe",
      snapshot: snap([residencyAssignment(["swedencentral", "westeurope"])], [residency]),
      results: [
        {
          status: "fail",
          messageId: "tooWide",
          resource: SUB,
          message: `Sub ${SUB.slice(0, 4)} is guarded by 'Allowed locations' and 'Allowed locations for resource groups', but the allowed list also includes westeurope, outside the profile.`,
          messageSv: `Sub ${SUB.slice(0, 4)} skyddas av 'Allowed locations' och 'Allowed locations for resource groups', men listan över tillåtna platser innehåller även westeurope, utanför profilen.`,
        },
      ],
    },
    {
      name: "a custom copy of the policy does not count",
      snapshot: snap([
        policyAssignment("custom-locations", `${mgScope("mg-exk")}/providers/Microsoft.Authorization/policyDefinitions/exk-allowed-locations`, mgScope("mg-exk"), { properties: { parameters: { listOfAllowedLocations: { value: SWEDEN } } } }),
      ]),
      results: [{ status: "fail", messageId: "missing", resource: SUB }],
    },
    {
      name: "assigned only to a resource group",
      snapshot: snap(both(SWEDEN, `/subscriptions/${SUB}/resourceGroups/rg-app`)),
      results: [{ status: "fail", messageId: "missing", resource: SUB }],
    },
    {
      name: "an initiative whose definition was not returned",
      snapshot: snap([residencyAssignment(SWEDEN)], []),
      results: [{ status: "fail", messageId: "missing", resource: SUB }],
    },
    {
      name: "one subscription guarded, the other not",
      snapshot: makeSnapshot({
        subscriptions: [
          { collections: { policyAssignments: both(), policySetDefinitions: [], policyExemptions: [] } },
          { subscriptionId: SUB2, collections: { policyAssignments: [], policySetDefinitions: [], policyExemptions: [] } },
        ],
      }),
      results: [
        { status: "pass", messageId: "enforced", resource: SUB },
        { status: "fail", messageId: "missing", resource: SUB2 },
      ],
    },
  ],
  notAssessed: [
    {
      name: "policy assignments forbidden in the second subscription: it is not assessed by its own id, the first keeps its verdict",
      snapshot: assignmentsForbiddenInSub2,
      results: [
        { status: "pass", messageId: "enforced", resource: SUB },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2, severity: "medium" },
      ],
    },
    {
      name: "an initiative could not be read in one subscription: only that subscription is not assessed",
      snapshot: initiativeForbiddenInSub,
      results: [
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB },
        { status: "pass", messageId: "enforced", resource: SUB2 },
      ],
    },
    {
      name: "a management group in notScopes while the hierarchy could not be read: only that subscription, no result for the hierarchy",
      snapshot: mgNotScopesHierarchyForbidden,
      results: [
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB },
        { status: "pass", messageId: "enforced", resource: SUB2 },
      ],
    },
    {
      name: "a configured subscription the identity cannot see: one result on its id",
      snapshot: subscriptionNotVisible,
      results: [
        { status: "pass", messageId: "enforced", resource: SUB },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB3, severity: "medium" },
      ],
    },
    {
      name: "policy exemptions forbidden in the second subscription: it is not assessed, the first keeps its verdict",
      snapshot: exemptionsForbiddenInSub2,
      results: [
        { status: "pass", messageId: "enforced", resource: SUB },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2, severity: "medium" },
      ],
    },
    {
      name: "policy exemptions not collected (a snapshot from before they were read)",
      snapshot: makeSnapshot({ subscriptions: [{ collections: { policyAssignments: both(), policySetDefinitions: [] } }] }),
      results: [{ status: "not-assessed", messageId: "__notAssessed", resource: SUB }],
    },
    {
      name: "policy assignments not collected at all",
      snapshot: makeSnapshot({ subscriptions: [{ collections: {} }] }),
      results: [{ status: "not-assessed", messageId: "__notAssessed", resource: SUB }],
    },
  ],
  missingProperty: [
    {
      name: "enforcementMode, notScopes and scope absent: enforced everywhere",
      snapshot: snap(both(SWEDEN, subScope, { properties: { enforcementMode: undefined, notScopes: undefined, scope: undefined } })),
      results: [{ status: "pass", messageId: "enforced", resource: SUB }],
    },
    {
      name: "an exemption without policyDefinitionReferenceIds or expiresOn: the whole assignment, for good",
      snapshot: snap([residencyAssignment(SWEDEN)], [residency], [policyExemption("NoEnd", subScope, residencyId)]),
      results: [
        {
          status: "fail",
          messageId: "exempted",
          resource: SUB,
          message: `Sub ${SUB.slice(0, 4)} is exempted from 'Allowed locations' and 'Allowed locations for resource groups' by 'NoEnd' (Waiver, at /subscriptions/${SUB}), so the policy denies nothing there.`,
          messageSv: `Sub ${SUB.slice(0, 4)} är undantagen från 'Allowed locations' och 'Allowed locations for resource groups' genom 'NoEnd' (Waiver, på /subscriptions/${SUB}), så principen nekar inget där.`,
        },
      ],
    },
    {
      name: "a direct assignment without its list",
      snapshot: snap([allowedLocationsAssignment("allowed-locations", ALLOWED_LOCATIONS, undefined), allowedLocationsAssignment("allowed-rg-locations", ALLOWED_RG_LOCATIONS, SWEDEN)]),
      results: [
        {
          status: "fail",
          messageId: "listUnknown",
          resource: SUB,
          message: `Sub ${SUB.slice(0, 4)} is reached by 'Allowed locations', but Hemvist could not determine its list of allowed locations.`,
          messageSv: `Sub ${SUB.slice(0, 4)} nås av 'Allowed locations', men Hemvist kunde inte avgöra dess lista över tillåtna platser.`,
        },
      ],
    },
    {
      name: "an initiative parameter with neither a value nor a default",
      snapshot: snap([residencyAssignment(undefined)], [residency]),
      results: [{ status: "fail", messageId: "listUnknown", resource: SUB }],
    },
  ],
});

describe("RES-09 subscriptions a failed read leaves unjudged", () => {
  it("policy assignments forbidden in SUB2: SUB2 not assessed by its own id with the 403, SUB keeps its verdict", () => {
    expect(lines(findingsOf(rule, assignmentsForbiddenInSub2))).toEqual([verdict("pass", subScope, "medium", "enforced"), forbidden(sub2Scope, "policyAssignments", "medium")].sort());
  });

  it("an initiative list forbidden in SUB: only SUB, with that failure", () => {
    expect(lines(findingsOf(rule, initiativeForbiddenInSub))).toEqual(
      [forbidden(subScope, "policySetDefinitions", "medium", { scope: subScope }), verdict("pass", sub2Scope, "medium", "enforced")].sort(),
    );
  });

  it("a management group in notScopes while the hierarchy could not be read: the subscription carries the hierarchy's failure, nothing else is named", () => {
    const fs = findingsOf(rule, mgNotScopesHierarchyForbidden);
    expect(lines(fs)).toEqual([forbidden(subScope, "managementGroups", "medium", { scope: MG_SCOPE }), verdict("pass", sub2Scope, "medium", "enforced")].sort());
    expect(fs.find((f) => f.resourceId === subScope)?.notAssessed).toEqual({
      scope: MG_SCOPE,
      collection: "managementGroups",
      httpStatus: 403,
      code: "AuthorizationFailed",
      message: "The client does not have authorization to perform action over scope.",
      permission: "Microsoft.Management/managementGroups/read",
    });
  });

  it("a subscription the identity cannot see gets one not-assessed result on its id", () => {
    const fs = findingsOf(rule, subscriptionNotVisible);
    expect(lines(fs)).toEqual(
      [verdict("pass", subScope, "medium", "enforced"), `not-assessed /subscriptions/${SUB3} medium ← subscriptions /subscriptions/${SUB3} - SubscriptionNotVisible`].sort(),
    );
    expect(fs.find((f) => f.resourceId === `/subscriptions/${SUB3}`)?.notAssessed).toEqual({
      scope: `/subscriptions/${SUB3}`,
      collection: "subscriptions",
      code: "SubscriptionNotVisible",
      message: `Subscription ${SUB3} is not visible to this identity (not in GET /subscriptions).`,
      permission: "Microsoft.Resources/subscriptions/read",
    });
  });
});

describe("RES-09 policy exemptions", () => {
  it("exemptions forbidden in SUB2: SUB2 not assessed with the 403 on the exemption list, SUB keeps its pass", () => {
    const fs = findingsOf(rule, exemptionsForbiddenInSub2);
    expect(lines(fs)).toEqual([verdict("pass", subScope, "medium", "enforced"), forbidden(sub2Scope, "policyExemptions", "medium")].sort());
    expect(fs.find((f) => f.resourceId === sub2Scope)?.notAssessed).toMatchObject({ scope: sub2Scope, collection: "policyExemptions", permission: "Microsoft.Authorization/policyExemptions/read" });
  });

  it("exemptions forbidden where the assignments alone already fail: the fail stands", () => {
    expect(lines(findingsOf(rule, exemptionsForbiddenMissingInSub2))).toEqual([verdict("pass", subScope, "medium", "enforced"), verdict("fail", sub2Scope, "medium", "missing")].sort());
  });

  it("names the exemption, its category and scope, and says which absent properties took their default", () => {
    const [f] = findingsOf(rule, exemptedAtSub);
    expect(f?.message.en).toBe(
      `Sub 0b1c is exempted from 'Allowed locations' by 'TestVMSub' (Waiver, at ${subScope}), so the policy denies nothing there.`,
    );
    const exemptionId = `${subScope}/providers/Microsoft.Authorization/policyExemptions/TestVMSub`;
    expect(f?.evidence?.filter((e) => e.defaulted)).toEqual([
      { path: `${exemptionId}: properties.expiresOn`, expected: { en: "absent: the exemption never expires", sv: "saknas: undantaget löper aldrig ut" }, defaulted: true },
      { path: `${exemptionId}: properties.policyDefinitionReferenceIds`, expected: { en: "absent or empty: the whole assignment is exempted", sv: "saknas eller tom: hela tilldelningen är undantagen" }, defaulted: true },
    ]);
  });

  it("names every scope of a partly exempting exemption", () => {
    const [f] = findingsOf(rule, snap(both(), [], [policyExemption("TestVNetRG", rgScope, directResources.id), policyExemption("TestVNetRG2", `${subScope}/resourceGroups/rg-data`, directResources.id)]));
    expect(f?.message.en).toBe(
      `Sub 0b1c is only partly guarded by 'Allowed locations': the exemptions 'TestVNetRG' (Waiver, at ${rgScope}), 'TestVNetRG2' (Waiver, at ${subScope}/resourceGroups/rg-data) leave resources there unguarded.`,
    );
  });
});
