import rule from "../../rules/policy/policy-allowed-locations-enforced.js";
import { ALLOWED_LOCATIONS, ALLOWED_RG_LOCATIONS, allowedLocationsAssignment, mgScope, policyAssignment, policySetDefinition } from "../fixtures/policy.js";
import { type ArmResource, failure, makeSnapshot, SUB, SUB2 } from "../fixtures/snapshot.js";
import { ruleTester } from "../helpers/rule-tester.js";

const SWEDEN = ["swedencentral", "swedensouth"];
const subScope = `/subscriptions/${SUB}`;

/** One subscription (under mg-exk-landingzones ← mg-exk) with the given assignments and initiatives. */
function snap(assignments: ArmResource[], sets: ArmResource[] = [], ancestors = ["mg-exk", "mg-exk-landingzones"]) {
  const s = makeSnapshot({ subscriptions: [{ collections: { policyAssignments: assignments, policySetDefinitions: sets } }] });
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

ruleTester(rule, {
  valid: [
    { name: "both built-ins assigned directly to the subscription", snapshot: snap(both()) },
    { name: "both through a management-group initiative", snapshot: snap([residencyAssignment(SWEDEN)], [residency]) },
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
      name: "a resource group in notScopes leaves the subscription guarded",
      snapshot: snap(both(SWEDEN, mgScope("mg-exk"), { properties: { notScopes: [`/subscriptions/${SUB}/resourceGroups/rg-sandbox`, `/subscriptions/${SUB2}`] } })),
    },
  ],
  invalid: [
    {
      name: "no assignments at all",
      snapshot: snap([]),
      results: [{ status: "fail", messageId: "missing", resource: SUB, severity: "medium" }],
    },
    {
      name: "only the resources built-in",
      snapshot: snap([allowedLocationsAssignment("allowed-locations", ALLOWED_LOCATIONS, SWEDEN)]),
      results: [{ status: "fail", messageId: "missing", resource: SUB }],
    },
    {
      name: "the subscription in notScopes",
      snapshot: snap(both(SWEDEN, mgScope("mg-exk"), { properties: { notScopes: [`/subscriptions/${SUB.toUpperCase()}`] } })),
      results: [{ status: "fail", messageId: "excluded", resource: SUB }],
    },
    {
      name: "an ancestor management group in notScopes",
      snapshot: snap(both(SWEDEN, mgScope("mg-exk"), { properties: { notScopes: [mgScope("MG-EXK-LANDINGZONES")] } })),
      results: [{ status: "fail", messageId: "excluded", resource: SUB }],
    },
    {
      name: "enforcement mode DoNotEnforce",
      snapshot: snap([residencyAssignment(SWEDEN, { properties: { enforcementMode: "DoNotEnforce", parameters: { allowedLocations: { value: SWEDEN } } } })], [residency]),
      results: [{ status: "fail", messageId: "notEnforced", resource: SUB }],
    },
    {
      name: "the list includes West Europe",
      snapshot: snap([residencyAssignment(["swedencentral", "westeurope"])], [residency]),
      results: [{ status: "fail", messageId: "tooWide", resource: SUB }],
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
          { collections: { policyAssignments: both(), policySetDefinitions: [] } },
          { subscriptionId: SUB2, collections: { policyAssignments: [], policySetDefinitions: [] } },
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
      name: "policy assignments forbidden in the second subscription",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: { policyAssignments: both(), policySetDefinitions: [] } }, { subscriptionId: SUB2, collections: {} }],
        coverage: [failure("policyAssignments", `/subscriptions/${SUB2}`)],
      }),
      results: [
        { status: "pass", resource: SUB },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
      ],
    },
    {
      name: "an initiative could not be read",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: { policyAssignments: [residencyAssignment(SWEDEN)], policySetDefinitions: [] } }],
        coverage: [failure("policySetDefinitions", `/subscriptions/${SUB}`, { operation: `GET ${residency.id}` })],
      }),
      results: [{ status: "not-assessed", resource: SUB }],
    },
    {
      name: "a management group in notScopes while the hierarchy could not be read",
      snapshot: (() => {
        const s = makeSnapshot({
          subscriptions: [{ collections: { policyAssignments: both(SWEDEN, mgScope("mg-exk"), { properties: { notScopes: [mgScope("mg-exk-sandbox")] } }), policySetDefinitions: [] } }],
          coverage: [failure("managementGroups", "/tenants/8d3f6a51-0c8e-4e59-9b5e-3a1c2f7e9d10/managementGroups")],
        });
        return s; // no managementGroupAncestors: the subscription's place is unknown
      })(),
      results: [
        { status: "not-assessed", resource: SUB },
        { status: "not-assessed", messageId: "__notAssessed", resource: "managementGroups" },
      ],
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
      name: "a direct assignment without its list",
      snapshot: snap([allowedLocationsAssignment("allowed-locations", ALLOWED_LOCATIONS, undefined), allowedLocationsAssignment("allowed-rg-locations", ALLOWED_RG_LOCATIONS, SWEDEN)]),
      results: [{ status: "fail", messageId: "listUnknown", resource: SUB }],
    },
    {
      name: "an initiative parameter with neither a value nor a default",
      snapshot: snap([residencyAssignment(undefined)], [residency]),
      results: [{ status: "fail", messageId: "listUnknown", resource: SUB }],
    },
  ],
});
