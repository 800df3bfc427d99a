/**
 * RES-09 policy-allowed-locations-enforced. Passes: Gemensam IT (both built-ins reach it from
 * mg-exempelkommun: resources directly, resource groups through the initiative exk-dataresidens;
 * Sweden only, enforced; a resource-group exemption there expired in 2025 and no longer counts).
 * Fails: Vård och omsorg (exempted, Waiver at the subscription, from the management group's resource
 * assignment; its own assignment is DoNotEnforce) and Utbildning (own management group; its
 * resource-group assignment is Enroll, which denies nothing; its assignments allow West and North
 * Europe).
 */
import { mgScope, policyAssignment, policyExemption, policySetDefinition } from "../../../src/builders/arm.js";
import { ALLOWED_LOCATIONS_POLICY, ALLOWED_RG_LOCATIONS_POLICY, DEMO_MANAGEMENT_GROUPS, DEMO_SUBSCRIPTIONS, NEU, SWC, SWS, WEU } from "../../../src/emulator/demo/base.js";
import type { DemoFragment } from "../../../src/emulator/demo/fragment.js";

const kommunScope = mgScope(DEMO_MANAGEMENT_GROUPS.kommun);
const vard = `/subscriptions/${DEMO_SUBSCRIPTIONS.vardOchOmsorg}`;
const skola = `/subscriptions/${DEMO_SUBSCRIPTIONS.utbildning}`;
const gem = `/subscriptions/${DEMO_SUBSCRIPTIONS.gemensamIt}`;

/** The management group's assignment of the resources built-in (Vård och omsorg is exempted from it). */
const kommunAllowed = policyAssignment({
  scope: kommunScope,
  name: "exk-tillatna-regioner",
  displayName: "Tillåtna regioner – Exempelkommun",
  policyDefinitionId: ALLOWED_LOCATIONS_POLICY,
  allowed: [SWC, SWS],
  // A resource group left out leaves the subscription guarded (only the subscription or a group above it excludes it).
  notScopes: [`${vard}/resourceGroups/rg-exk-vard-backup`],
  created: "2024-01-10T09:30:00Z",
});

/** The initiative assigned at the municipality's management group. */
const initiative = policySetDefinition({
  mg: DEMO_MANAGEMENT_GROUPS.kommun,
  name: "exk-dataresidens",
  displayName: "Exempelkommun – datalagring i Sverige",
  description: "Resursgrupper får bara skapas i svenska regioner.",
  parameters: { listOfAllowedLocations: { displayName: "Tillåtna regioner" } },
  members: [
    {
      referenceId: "tillatna-regioner-resursgrupper",
      policyDefinitionId: ALLOWED_RG_LOCATIONS_POLICY,
      listValue: "[parameters('listOfAllowedLocations')]",
    },
  ],
  created: "2024-01-10T09:00:00Z",
});

/** Shaped as `PolicySetDefinitions_GetBuiltIn` answers (policyType BuiltIn, versions, no systemData). */
const builtInInitiative = {
  id: "/providers/Microsoft.Authorization/policySetDefinitions/1f3afdf9-d0c9-4c3d-847f-89da613e70a8",
  name: "1f3afdf9-d0c9-4c3d-847f-89da613e70a8",
  type: "Microsoft.Authorization/policySetDefinitions",
  properties: {
    displayName: "[Preview]: Enable Monitoring in Azure Security Center",
    policyType: "BuiltIn",
    description: "Monitor all the available security recommendations in Azure Security Center.",
    metadata: { category: "Security Center" },
    version: "1.2.1",
    versions: ["1.2.1", "1.0.0"],
    parameters: {},
    policyDefinitions: [
      {
        policyDefinitionId: "/providers/Microsoft.Authorization/policyDefinitions/a8bef009-a5c9-4d0f-90d7-6018734e8a16",
        definitionVersion: "1.*.*",
        policyDefinitionReferenceId: "RefId1",
      },
    ],
  },
};

const fragment: DemoFragment = {
  rule: "policy-allowed-locations-enforced",
  resources: [
    policyAssignment({
      scope: vard,
      name: "exk-vard-tillatna-regioner",
      displayName: "Tillåtna regioner (vård) – under migrering",
      description: "Satt till DoNotEnforce under flytten av journalarkivet.",
      policyDefinitionId: ALLOWED_LOCATIONS_POLICY,
      allowed: [SWC, SWS],
      enforcementMode: "DoNotEnforce",
      created: "2024-11-04T09:00:00Z",
    }),
    policyAssignment({
      scope: skola,
      name: "exk-skola-tillatna-regioner",
      displayName: "Tillåtna regioner – Utbildning",
      policyDefinitionId: ALLOWED_LOCATIONS_POLICY,
      allowed: [SWC, SWS, WEU, NEU],
      created: "2024-01-05T08:00:00Z",
    }),
    policyAssignment({
      scope: skola,
      name: "exk-skola-tillatna-rg-regioner",
      displayName: "Tillåtna regioner för resursgrupper – Utbildning",
      description: "Enroll: nekar inget förrän resurserna registrerats.",
      policyDefinitionId: ALLOWED_RG_LOCATIONS_POLICY,
      allowed: [SWC, SWS, NEU],
      // api-version 2025-03-01: Enroll denies nothing until resources are enrolled.
      enforcementMode: "Enroll",
      created: "2024-01-05T08:05:00Z",
    }),
    // Vård och omsorg was exempted while its journal archive moved; never put back (no expiry).
    policyExemption({
      scope: vard,
      name: "exk-vard-undantag-journalarkiv",
      policyAssignmentId: kommunAllowed.id,
      category: "Waiver",
      displayName: "Undantag – flytt av journalarkivet",
      description: "Undantag från tillåtna regioner under flytten av journalarkivet.",
      reason: "Tillfälligt undantag under migreringen",
      created: "2024-11-04T09:10:00Z",
    }),
    // A resource-group exemption in Gemensam IT that expired: it no longer counts.
    policyExemption({
      scope: `${gem}/resourceGroups/rg-exk-gem-dr`,
      name: "exk-gem-undantag-dr-test",
      policyAssignmentId: kommunAllowed.id,
      category: "Mitigated",
      displayName: "Undantag – test av katastrofåterställning",
      description: "Återställningstest i Västeuropa, avslutat.",
      expiresOn: "2025-06-30T22:00:00Z",
      created: "2025-05-02T07:45:00Z",
    }),
  ],
  managementGroupPolicyAssignments: [
    kommunAllowed,
    policyAssignment({
      scope: kommunScope,
      name: "exk-dataresidens",
      displayName: "Exempelkommun – datalagring i Sverige",
      policyDefinitionId: initiative.id,
      allowed: [SWC, SWS],
      created: "2024-01-10T09:35:00Z",
    }),
  ],
  // A built-in initiative nobody here assigns: the emulator serves it at
  // /providers/Microsoft.Authorization/policySetDefinitions/{name}, the path of the built-in
  // initiatives Hemvist GETs when an assignment names one (conformance: emulator shapes).
  policySetDefinitions: [initiative, builtInInitiative],
};

export default fragment;
