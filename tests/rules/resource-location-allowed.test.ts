import rule from "../../rules/location/resource-location-allowed.js";
import { defaultConfig } from "../../src/index.js";
import { genericResource, listedDnsZone, listedFrontDoor, listedStorageAccount, listedVirtualNetwork } from "../fixtures/resources.js";
import { type ArmResource, failure, makeSnapshot, SUB, SUB2 } from "../fixtures/snapshot.js";
import { ruleTester } from "../helpers/rule-tester.js";

const snap = (...resources: ArmResource[]) => makeSnapshot({ subscriptions: [{ collections: { resources } }] });

ruleTester(rule, {
  valid: [
    { name: "storage account and network in Sweden", snapshot: snap(listedStorageAccount("saexk"), listedVirtualNetwork("vnet-hub", "swedensouth")) },
    { name: "display-name and mixed-case locations", snapshot: snap(listedStorageAccount("sadisplay", "Sweden Central"), listedVirtualNetwork("vnet-case", "SwedenSouth")) },
    { name: "eu profile allows West Europe", snapshot: snap(listedStorageAccount("saweu", "westeurope")), config: (c) => void (c.profile.allowedRegions = defaultConfig("eu").profile.allowedRegions) },
    { name: "empty tenant", snapshot: snap(), results: [] },
    { name: "global resources are left to RES-03", snapshot: snap(listedDnsZone("exk.se"), listedFrontDoor("afd-exk")), results: [] },
  ],
  invalid: [
    {
      name: "a resource in West Europe next to one in Sweden",
      snapshot: snap(listedStorageAccount("saweu", "westeurope"), listedStorageAccount("saexk")),
      results: [
        { status: "fail", messageId: "notAllowed", resource: "saweu", severity: "high" },
        { status: "pass", messageId: "allowed", resource: "saexk" },
      ],
    },
    {
      name: "a location Hemvist does not know",
      snapshot: snap(listedVirtualNetwork("vnet-new", "marsnorth")),
      results: [{ status: "fail", messageId: "unknownLocation", resource: "vnet-new" }],
    },
    {
      name: "display-name location outside the profile",
      snapshot: snap(listedVirtualNetwork("vnet-us", "East US")),
      results: [{ status: "fail", messageId: "notAllowed", resource: "vnet-us" }],
    },
    {
      name: "eu profile still refuses Norway",
      snapshot: snap(listedStorageAccount("sanor", "norwayeast"), listedStorageAccount("safra", "francecentral")),
      config: (c) => void (c.profile.allowedRegions = defaultConfig("eu").profile.allowedRegions),
      results: [
        { status: "fail", messageId: "notAllowed", resource: "sanor" },
        { status: "pass", messageId: "allowed", resource: "safra" },
      ],
    },
    {
      name: "resources in two subscriptions",
      snapshot: makeSnapshot({
        subscriptions: [
          { collections: { resources: [listedStorageAccount("saexk")] } },
          { subscriptionId: SUB2, collections: { resources: [listedStorageAccount("sauk", "uksouth", "rg-app", SUB2)] } },
        ],
      }),
      results: [
        { status: "pass", resource: "saexk" },
        { status: "fail", messageId: "notAllowed", resource: "sauk" },
      ],
    },
  ],
  notAssessed: [
    {
      name: "resource list forbidden in one subscription",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: { resources: [listedStorageAccount("saexk")] } }, { subscriptionId: SUB2, collections: {} }],
        coverage: [failure("resources", `/subscriptions/${SUB2}`)],
      }),
      results: [
        { status: "pass", resource: "saexk" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
      ],
    },
    {
      name: "resource list throttled where resources were partly read",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: { resources: [listedStorageAccount("saweu", "westeurope")] } }],
        coverage: [failure("resources", `/subscriptions/${SUB}`, { httpStatus: 429, code: "TooManyRequests" })],
      }),
      results: [{ status: "not-assessed", resource: "saweu" }],
    },
  ],
  missingProperty: [
    {
      name: "a resource without a location gets no result",
      snapshot: snap(genericResource("Microsoft.Resources/deploymentScripts", "ds-seed", "", { location: undefined }), listedStorageAccount("saexk")),
      results: [{ status: "pass", resource: "saexk" }],
    },
    {
      name: "an empty location string gets no result",
      snapshot: snap(genericResource("Microsoft.Resources/deploymentScripts", "ds-init", "")),
      results: [],
    },
  ],
});
