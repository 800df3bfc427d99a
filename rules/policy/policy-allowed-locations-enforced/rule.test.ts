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
    {
      name: "a management group the subscription is not under, in notScopes, excludes nothing",
      snapshot: snap(both(SWEDEN, mgScope("mg-exk"), { properties: { notScopes: [mgScope("mg-exk-sandbox")] } })),
    },
    {
      // The hierarchy could not be read (no ancestors), but notScopes names no management group:
      // the verdict needs no hierarchy, so its failure does not blind it.
      name: "only resource groups and another subscription in notScopes while the hierarchy could not be read",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: { policyAssignments: both(SWEDEN, mgScope("mg-exk"), { properties: { notScopes: [`${subScope}/resourceGroups/rg-sandbox`, sub2Scope] } }), policySetDefinitions: [], policyExemptions: [] } }],
        coverage: [mgFailure],
      }),
    },
    {
      // A direct assignment is not an initiative member: an override selecting members by reference id does not reach it.
      name: "an effect override selecting initiative members by reference id does not narrow a direct assignment",
      snapshot: snap(both(SWEDEN, subScope, { properties: { overrides: [{ kind: "policyEffect", selectors: [{ kind: "policyDefinitionReferenceId", notIn: ["Limit_Skus"] }], value: "Disabled" }] } })),
    },
    {
      name: "an initiative member's expression with blanks inside the parentheses",
      snapshot: snap(
        [residencyAssignment(SWEDEN)],
        [
          policySetDefinition("residency", "mg-exk", [
            { guid: ALLOWED_LOCATIONS, listValue: "[parameters( 'allowedLocations' )]", referenceId: "allowedLocations" },
            { guid: ALLOWED_RG_LOCATIONS, listValue: "[parameters('allowedLocations')]", referenceId: "allowedRgLocations" },
          ], { allowedLocations: undefined }),
        ],
      ),
    },
    {
      // GET /subscriptions/{s}/providers/Microsoft.Authorization/policySetDefinitions lists only
      // the subscription's own and built-in initiatives; one at a management group is found by its id
      // wherever the snapshot holds it (here in the other subscription's list).
      name: "an initiative found by its id outside the subscription's own list",
      snapshot: twoSubs({ policyAssignments: [residencyAssignment(SWEDEN)], policySetDefinitions: [], policyExemptions: [] }, { policyAssignments: both(SWEDEN, sub2Scope), policySetDefinitions: [residency], policyExemptions: [] }, []),
    },
    {
      name: "an exemption whose expiresOn is exactly now no longer exempts",
      snapshot: snap(both(), [], [policyExemption("EndsNow", subScope, directResources.id, { properties: { expiresOn: "2026-11-27T03:00:00Z" } })]),
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
      name: "assigned only to a resource group, the assignment without properties.scope",
      snapshot: snap(both(SWEDEN, rgScope, { properties: { scope: undefined } })),
      results: [{ status: "fail", messageId: "missing", resource: SUB }],
    },
    {
      // Management-group ids as the snapshot type allows them (the collector stores names).
      name: "an ancestor management group in notScopes, ancestors recorded as full ids",
      snapshot: snap(both(SWEDEN, mgScope("mg-exk"), { properties: { notScopes: [mgScope("mg-exk-landingzones")] } }), [], [], [mgScope("mg-exk"), mgScope("mg-exk-landingzones")]),
      results: [{ status: "fail", messageId: "excluded", resource: SUB }],
    },
    {
      // Overrides may select by location as well as by member; an Audit override for West Europe turns the guard off there.
      name: "an effect override selecting by resource location narrows a direct assignment",
      snapshot: snap(both(SWEDEN, subScope, { properties: { overrides: [{ kind: "policyEffect", selectors: [{ kind: "resourceLocation", in: ["westeurope"] }], value: "Audit" }] } })),
      results: [{ status: "fail", messageId: "narrowed", resource: SUB }],
    },
    {
      name: "an initiative containing only the resources built-in: the resource-group built-in is missing",
      snapshot: snap(
        [policyAssignment("residency3", `${mgScope("mg-exk")}/providers/Microsoft.Authorization/policySetDefinitions/residency3`, mgScope("mg-exk")), allowedLocationsAssignment("allowed-locations", ALLOWED_LOCATIONS, SWEDEN)],
        [policySetDefinition("residency3", "mg-exk", [{ guid: ALLOWED_LOCATIONS, listValue: ["swedencentral"], referenceId: "allowedLocations" }, { guid: "0a914e76-4921-4c19-b460-a2d36003525a", referenceId: "auditLocationMatch" }])],
      ),
      results: [{ status: "fail", messageId: "missing", resource: SUB, message: `Sub ${SUB.slice(0, 4)} has no assignment of 'Allowed locations for resource groups'.` }],
    },
    {
      name: "an initiative whose resource-group member allows West Europe",
      snapshot: snap(
        [policyAssignment("residency4", `${mgScope("mg-exk")}/providers/Microsoft.Authorization/policySetDefinitions/residency4`, mgScope("mg-exk"))],
        [policySetDefinition("residency4", "mg-exk", [{ guid: ALLOWED_LOCATIONS, listValue: SWEDEN }, { guid: ALLOWED_RG_LOCATIONS, listValue: ["swedencentral", "westeurope"] }])],
      ),
      results: [{ status: "fail", messageId: "tooWide", resource: SUB, message: `Sub ${SUB.slice(0, 4)} is guarded by 'Allowed locations for resource groups', but the allowed list also includes westeurope, outside the profile.` }],
    },
    {
      name: "one assignment excluded by notScopes, another not enforced: excluded is the worse",
      snapshot: snap([
        ...both(SWEDEN, mgScope("mg-exk"), { properties: { notScopes: [subScope] } }),
        ...both(SWEDEN, subScope, { properties: { enforcementMode: "DoNotEnforce" } }).map((a) => ({ ...a, id: `${a.id}-sub`, name: `${a.name}-sub` })),
      ]),
      results: [{ status: "fail", messageId: "excluded", resource: SUB }],
    },
    {
      name: "one assignment narrowed by resource selectors, another not enforced: narrowed is the worse",
      snapshot: snap([
        ...both(SWEDEN, mgScope("mg-exk"), { properties: { resourceSelectors: [{ name: "SwedenOnly", selectors: [{ kind: "resourceLocation", in: SWEDEN }] }] } }),
        ...both(SWEDEN, subScope, { properties: { enforcementMode: "DoNotEnforce" } }).map((a) => ({ ...a, id: `${a.id}-sub`, name: `${a.name}-sub` })),
      ]),
      results: [{ status: "fail", messageId: "narrowed", resource: SUB }],
    },
    {
      name: "not enforced in two modes: both named",
      snapshot: snap([
        ...both(SWEDEN, mgScope("mg-exk"), { properties: { enforcementMode: "DoNotEnforce" } }),
        ...both(SWEDEN, subScope, { properties: { enforcementMode: "Enroll" } }),
      ]),
      results: [
        {
          status: "fail",
          messageId: "notEnforced",
          resource: SUB,
          message: `Sub ${SUB.slice(0, 4)} is reached by 'Allowed locations' and 'Allowed locations for resource groups' only with enforcement mode DoNotEnforce, Enroll, which denies nothing (only Default enforces).`,
        },
      ],
    },
    {
      name: "the resources built-in not enforced, the resource-group built-in missing: only the missing one is named",
      snapshot: snap([allowedLocationsAssignment("allowed-locations", ALLOWED_LOCATIONS, SWEDEN, subScope, { properties: { enforcementMode: "DoNotEnforce" } })]),
      results: [{ status: "fail", messageId: "missing", resource: SUB, message: `Sub ${SUB.slice(0, 4)} has no assignment of 'Allowed locations for resource groups'.` }],
    },
    {
      name: "exempted at the subscription and at a resource group: only the exemption for the whole subscription is named",
      snapshot: snap(both(), [], [policyExemption("TestVMSub", subScope, directResources.id), policyExemption("TestVNetRG", rgScope, directResources.id)]),
      results: [
        {
          status: "fail",
          messageId: "exempted",
          resource: SUB,
          message: `Sub ${SUB.slice(0, 4)} is exempted from 'Allowed locations' by 'TestVMSub' (Waiver, at /subscriptions/${SUB}), so the policy denies nothing there.`,
        },
      ],
    },
    {
      name: "two guarding assignments, one with a list too wide and one whose list is unknown: the list is unknown",
      snapshot: snap([
        ...both(["swedencentral", "westeurope"], mgScope("mg-exk")),
        allowedLocationsAssignment("allowed-locations-sub", ALLOWED_LOCATIONS, undefined),
        allowedLocationsAssignment("allowed-rg-locations-sub", ALLOWED_RG_LOCATIONS, undefined),
      ]),
      results: [{ status: "fail", messageId: "listUnknown", resource: SUB, message: `Sub ${SUB.slice(0, 4)} is reached by 'Allowed locations' and 'Allowed locations for resource groups', but Hemvist could not determine its list of allowed locations.` }],
    },
    {
      name: "a list with an entry that is not a string is not read as a list",
      snapshot: snap(both(SWEDEN, subScope, { properties: { parameters: { listOfAllowedLocations: { value: ["swedencentral", { name: "westeurope" }] } } } })),
      results: [{ status: "fail", messageId: "listUnknown", resource: SUB }],
    },
    {
      name: "an initiative member that passes no list, or an expression other than parameters(): the list is unknown",
      snapshot: snap(
        [policyAssignment("residency5", `${mgScope("mg-exk")}/providers/Microsoft.Authorization/policySetDefinitions/residency5`, mgScope("mg-exk"), { properties: { parameters: { a: { value: SWEDEN }, b: { value: [] } } } })],
        [policySetDefinition("residency5", "mg-exk", [{ guid: ALLOWED_LOCATIONS }, { guid: ALLOWED_RG_LOCATIONS, listValue: "[union(parameters('a'), parameters('b'))]" }], { a: undefined, b: undefined })],
      ),
      results: [{ status: "fail", messageId: "listUnknown", resource: SUB }],
    },
    {
      name: "a parameter value that is not an object holds no list",
      snapshot: snap(both(SWEDEN, subScope, { properties: { parameters: { listOfAllowedLocations: "swedencentral" } } })),
      results: [{ status: "fail", messageId: "listUnknown", resource: SUB }],
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
      // A snapshot that does not record the subscription's place in the hierarchy, and no failure
      // says why: the rule itself cannot tell whether the excluded management group holds it.
      name: "a management group in notScopes, the subscription's ancestors not recorded",
      snapshot: makeSnapshot({ subscriptions: [{ collections: { policyAssignments: both(SWEDEN, mgScope("mg-exk"), { properties: { notScopes: [mgScope("mg-exk-sandbox")] } }), policySetDefinitions: [], policyExemptions: [] } }] }),
      results: [{ status: "not-assessed", messageId: "__notAssessed", resource: SUB }],
    },
    {
      // The subscription's own read throttled (429): its verdict depends on the subscription as read.
      name: "the subscription's own read failed",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: { policyAssignments: both(), policySetDefinitions: [], policyExemptions: [] } }],
        coverage: [failure("subscriptions", subScope, { operation: `GET /subscriptions/${SUB}`, httpStatus: 429, code: "TooManyRequests", message: "Rate limit exceeded." })],
      }),
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

describe("RES-09 what a result says and shows", () => {
  const alId = (scope: string, name: string) => `${scope}/providers/Microsoft.Authorization/policyAssignments/${name}`;
  const exemptionId = (scope: string, name: string) => `${scope}/providers/Microsoft.Authorization/policyExemptions/${name}`;
  const EXPECTED = { en: "an enforced assignment reaching the subscription, not exempted there, listing only allowed regions", sv: "en tillämpad tilldelning som når prenumerationen, utan undantag där, som bara listar tillåtna regioner" };
  const pathOf = (guid: string) => `properties.policyDefinitionId = …/policyDefinitions/${guid}`;

  it("a pass shows every candidate assignment: direct, enforced, not excluded, no exemption, its list", () => {
    const [f] = findingsOf(rule, snap(both()));
    expect(f?.status).toBe("pass");
    expect(f?.evidence).toEqual([
      { path: pathOf(ALLOWED_LOCATIONS), actual: [{ assignment: alId(subScope, "allowed-locations"), via: "direct", enforcementMode: "Default", excludedByNotScopes: false, exemptedBy: [], listOfAllowedLocations: SWEDEN }], expected: EXPECTED },
      { path: pathOf(ALLOWED_RG_LOCATIONS), actual: [{ assignment: alId(subScope, "allowed-rg-locations"), via: "direct", enforcementMode: "Default", excludedByNotScopes: false, exemptedBy: [], listOfAllowedLocations: SWEDEN }], expected: EXPECTED },
    ]);
  });

  it("an initiative's members show the initiative, an absent mode shows Default, an unresolved list null", () => {
    const [f] = findingsOf(rule, snap([residencyAssignment(undefined, { properties: { enforcementMode: undefined } })], [residency]));
    expect(f?.messageId).toBe("listUnknown");
    const row = { assignment: alId(mgScope("mg-exk"), "residency"), via: residency.id, enforcementMode: "Default", excludedByNotScopes: false, exemptedBy: [], listOfAllowedLocations: null };
    expect(f?.evidence).toEqual([
      { path: pathOf(ALLOWED_LOCATIONS), actual: [row], expected: EXPECTED },
      { path: pathOf(ALLOWED_RG_LOCATIONS), actual: [row], expected: EXPECTED },
    ]);
  });

  it("candidates that do not guard carry no exemptions; narrowed ones say by what", () => {
    const exempt = policyExemption("TestVNetRG", rgScope, directResources.id, { properties: { expiresOn: "2027-03-31T22:00:00Z", exemptionCategory: "Mitigated" } });
    const extra = [
      allowedLocationsAssignment("al-audit", ALLOWED_LOCATIONS, SWEDEN, mgScope("mg-exk"), { properties: { enforcementMode: "DoNotEnforce" } }),
      allowedLocationsAssignment("al-excluded", ALLOWED_LOCATIONS, SWEDEN, mgScope("mg-exk"), { properties: { notScopes: [subScope] } }),
      allowedLocationsAssignment("al-override", ALLOWED_LOCATIONS, SWEDEN, mgScope("mg-exk"), { properties: { overrides: [{ kind: "policyEffect", value: "Audit" }] } }),
      allowedLocationsAssignment("al-selectors", ALLOWED_LOCATIONS, SWEDEN, mgScope("mg-exk"), { properties: { resourceSelectors: [{ name: "SwedenOnly", selectors: [{ kind: "resourceLocation", in: SWEDEN }] }] } }),
    ];
    const [f] = findingsOf(rule, snap([...both(), ...extra], [], [exempt]));
    expect(f?.messageId).toBe("partlyExempted");
    expect(f?.message.sv).toBe(`Sub 0b1c skyddas bara delvis av 'Allowed locations': undantagen 'TestVNetRG' (Mitigated, på ${rgScope}) lämnar resurser där utan skydd.`);
    const mg = mgScope("mg-exk");
    expect(f?.evidence).toEqual([
      {
        path: pathOf(ALLOWED_LOCATIONS),
        actual: [
          {
            assignment: directResources.id,
            via: "direct",
            enforcementMode: "Default",
            excludedByNotScopes: false,
            exemptedBy: [{ exemption: exemptionId(rgScope, "TestVNetRG"), exemptionCategory: "Mitigated", scope: rgScope, reach: "part", expiresOn: "2027-03-31T22:00:00Z" }],
            listOfAllowedLocations: SWEDEN,
          },
          { assignment: alId(mg, "al-audit"), via: "direct", enforcementMode: "DoNotEnforce", excludedByNotScopes: false, listOfAllowedLocations: SWEDEN },
          { assignment: alId(mg, "al-excluded"), via: "direct", enforcementMode: "Default", excludedByNotScopes: true, listOfAllowedLocations: SWEDEN },
          { assignment: alId(mg, "al-override"), via: "direct", enforcementMode: "Default", excludedByNotScopes: false, narrowedBy: "overrides (policyEffect Audit)", listOfAllowedLocations: SWEDEN },
          { assignment: alId(mg, "al-selectors"), via: "direct", enforcementMode: "Default", excludedByNotScopes: false, narrowedBy: "resourceSelectors", listOfAllowedLocations: SWEDEN },
        ],
        expected: EXPECTED,
      },
      { path: pathOf(ALLOWED_RG_LOCATIONS), actual: [{ assignment: directRgs.id, via: "direct", enforcementMode: "Default", excludedByNotScopes: false, exemptedBy: [], listOfAllowedLocations: SWEDEN }], expected: EXPECTED },
      // No policyDefinitionReferenceIds: the whole assignment, a default the result names; its expiry is given.
      { path: `${exempt.id}: properties.policyDefinitionReferenceIds`, expected: { en: "absent or empty: the whole assignment is exempted", sv: "saknas eller tom: hela tilldelningen är undantagen" }, defaulted: true },
    ]);
  });

  it("exemptions are not looked at when a built-in already fails: no candidate shows any", () => {
    const [f] = findingsOf(rule, snap([allowedLocationsAssignment("allowed-locations", ALLOWED_LOCATIONS, SWEDEN)], [], [policyExemption("TestVMSub", subScope, directResources.id)]));
    expect(f?.messageId).toBe("missing");
    expect(f?.evidence).toEqual([
      { path: pathOf(ALLOWED_LOCATIONS), actual: [{ assignment: directResources.id, via: "direct", enforcementMode: "Default", excludedByNotScopes: false, listOfAllowedLocations: SWEDEN }], expected: EXPECTED },
      { path: pathOf(ALLOWED_RG_LOCATIONS), actual: [], expected: EXPECTED },
    ]);
  });

  it("an exemption of one member, with an expiry, at a resource group or through selectors reaches a part, and takes no default", () => {
    const byRef = policyExemption("ResidencyRG", rgScope, residencyId, { properties: { policyDefinitionReferenceIds: ["allowedRgLocations"], expiresOn: "2027-03-31T22:00:00Z" } });
    const bySelectors = policyExemption("SDPRegions", subScope, residencyId, {
      properties: { policyDefinitionReferenceIds: ["allowedRgLocations"], expiresOn: "2027-01-31T22:00:00Z", resourceSelectors: [{ name: "SDPRegions", selectors: [{ kind: "resourceLocation", in: ["eastus2euap"] }] }] },
    });
    const [f] = findingsOf(rule, snap([residencyAssignment(SWEDEN)], [residency], [byRef, bySelectors]));
    expect(f?.messageId).toBe("partlyExempted");
    expect(f?.message.sv).toBe(
      `Sub 0b1c skyddas bara delvis av 'Allowed locations for resource groups': undantagen 'ResidencyRG' (Waiver, på ${rgScope}), 'SDPRegions' (Waiver, på ${subScope}, resursväljare) lämnar resurser där utan skydd.`,
    );
    expect(f?.evidence?.filter((e) => e.defaulted)).toEqual([]);
    const rows = (i: number) => (f?.evidence?.[i]?.actual ?? []) as { exemptedBy?: unknown }[];
    expect(rows(1)[0]?.exemptedBy).toEqual([
      { exemption: byRef.id, exemptionCategory: "Waiver", scope: rgScope, reach: "part", expiresOn: "2027-03-31T22:00:00Z" },
      { exemption: bySelectors.id, exemptionCategory: "Waiver", scope: subScope, reach: "part", expiresOn: "2027-01-31T22:00:00Z" },
    ]);
    expect(rows(0)[0]?.exemptedBy).toEqual([]);
  });

  it("an exemption at the subscription with an expiry: only the member default is shown", () => {
    const e = policyExemption("UntilSpring", subScope, directRgs.id, { properties: { expiresOn: "2027-03-31T22:00:00Z" } });
    const [f] = findingsOf(rule, snap(both(), [], [e]));
    expect(f?.messageId).toBe("exempted");
    expect(f?.evidence?.filter((x) => x.defaulted)).toEqual([
      { path: `${e.id}: properties.policyDefinitionReferenceIds`, expected: { en: "absent or empty: the whole assignment is exempted", sv: "saknas eller tom: hela tilldelningen är undantagen" }, defaulted: true },
    ]);
  });

  it("a list too wide shows the regions outside the profile against the profile", () => {
    const [f] = findingsOf(rule, snap([residencyAssignment(["swedencentral", "westeurope", "global"])], [residency]));
    expect(f?.messageId).toBe("tooWide");
    expect(f?.evidence?.filter((e) => e.path.startsWith("listOfAllowedLocations"))).toEqual([
      { path: "listOfAllowedLocations ('Allowed locations')", actual: ["westeurope"], expected: ["swedencentral", "swedensouth"] },
      { path: "listOfAllowedLocations ('Allowed locations for resource groups')", actual: ["westeurope"], expected: ["swedencentral", "swedensouth"] },
    ]);
  });

  it("an override selecting the member by reference id shows the overridden effect", () => {
    const a = residencyAssignment(SWEDEN, { properties: { overrides: [{ kind: "policyEffect", selectors: [{ kind: "policyDefinitionReferenceId", in: ["allowedRgLocations"] }], value: "Disabled" }] } });
    const [f] = findingsOf(rule, snap([a], [residency]));
    expect(f?.messageId).toBe("narrowed");
    const rows = (i: number) => (f?.evidence?.[i]?.actual ?? []) as { narrowedBy?: string }[];
    expect(rows(1)[0]?.narrowedBy).toBe("overrides (policyEffect Disabled)");
    expect(rows(0)[0]?.narrowedBy).toBeUndefined();
  });

  it("not collected: the rule names the collection it lacked", () => {
    const [a] = findingsOf(rule, makeSnapshot({ subscriptions: [{ collections: {} }] }));
    expect(a?.notAssessed).toEqual({ scope: subScope, collection: "policyAssignments", code: "NotCollected", message: "Policy assignments were not collected for this subscription." });
    const [e] = findingsOf(rule, makeSnapshot({ subscriptions: [{ collections: { policyAssignments: both(), policySetDefinitions: [] } }] }));
    expect(e?.notAssessed).toEqual({
      scope: subScope,
      collection: "policyExemptions",
      code: "NotCollected",
      message: "Policy exemptions were not collected for this subscription: whether one exempts it from the Allowed-locations assignments is unknown.",
      permission: "Microsoft.Authorization/policyExemptions/read",
    });
  });

  it("a management group in notScopes without the subscription's ancestors: the rule says the hierarchy is unknown", () => {
    const [f] = findingsOf(rule, makeSnapshot({ subscriptions: [{ collections: { policyAssignments: both(SWEDEN, mgScope("mg-exk"), { properties: { notScopes: [mgScope("mg-exk-sandbox")] } }), policySetDefinitions: [], policyExemptions: [] } }] }));
    expect(f?.status).toBe("not-assessed");
    expect(f?.notAssessed).toEqual({
      scope: MG_SCOPE,
      collection: "managementGroups",
      code: "NotCollected",
      message: "An Allowed-locations assignment excludes a management group (notScopes), and the management-group hierarchy was not read: whether it excludes this subscription is unknown.",
      permission: "Microsoft.Management/managementGroups/read",
    });
  });

  it("the same, but the assignment is not enforced: it guards nothing either way, so the verdict is not enforced", () => {
    const [f] = findingsOf(rule, makeSnapshot({ subscriptions: [{ collections: { policyAssignments: both(SWEDEN, mgScope("mg-exk"), { properties: { notScopes: [mgScope("mg-exk-sandbox")], enforcementMode: "DoNotEnforce" } }), policySetDefinitions: [], policyExemptions: [] } }] }));
    expect(f?.messageId).toBe("notEnforced");
  });
});
