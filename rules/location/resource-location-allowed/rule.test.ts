import { describe, expect, it } from "vitest";
import rule from "./rule.js";
import { defaultConfig } from "../../../src/index.js";
import { failedInSub2, findingsOf, forbidden, lines, verdict } from "../../../tests/fixtures/coverage.js";
import { genericResource, listedDnsZone, listedFrontDoor, listedStorageAccount, listedVirtualNetwork } from "../../../tests/fixtures/resources.js";
import { type ArmResource, failure, makeSnapshot, SUB, SUB2 } from "../../../tests/fixtures/snapshot.js";
import { ruleTester } from "../../../tests/helpers/rule-tester.js";

const snap = (...resources: ArmResource[]) => makeSnapshot({ subscriptions: [{ collections: { resources } }] });

// The generic list is this rule's own list: where it failed nothing can be named, and the
// subscription gets one result unless results of the partly read list lie under it.
const saexk = listedStorageAccount("saexk");
const forbiddenInSub2 = failedInSub2({ read: { resources: [saexk] }, failed: ["resources"], unseen: [] });
const saweu = listedStorageAccount("saweu", "westeurope");
const throttled = { httpStatus: 429, code: "TooManyRequests" };
const partlyRead = makeSnapshot({ subscriptions: [{ collections: { resources: [saweu] } }], coverage: [failure("resources", `/subscriptions/${SUB}`, throttled)] });
const partlyReadGlobalOnly = makeSnapshot({ subscriptions: [{ collections: { resources: [listedDnsZone("exk.se")] } }], coverage: [failure("resources", `/subscriptions/${SUB}`, throttled)] });

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
        {
          status: "fail",
          messageId: "notAllowed",
          resource: "saweu",
          severity: "high",
          type: "Microsoft.Storage/storageAccounts",
          location: "westeurope",
          message: "saweu is stored in westeurope, which is not one of the allowed regions (swedencentral, swedensouth).",
          evidence: [{ path: "location", actual: "westeurope", expected: ["swedencentral", "swedensouth"] }],
        },
        {
          status: "pass",
          messageId: "allowed",
          resource: "saexk",
          message: "saexk is stored in swedencentral, an allowed region.",
          evidence: [{ path: "location", actual: "swedencentral", expected: ["swedencentral", "swedensouth"] }],
        },
      ],
    },
    {
      name: "a location Hemvist does not know",
      snapshot: snap(listedVirtualNetwork("vnet-new", "marsnorth")),
      results: [{ status: "fail", messageId: "unknownLocation", resource: "vnet-new", message: "vnet-new is stored in marsnorth, a location Hemvist does not know and the profile does not allow." }],
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
      snapshot: forbiddenInSub2,
      results: [
        { status: "pass", resource: "saexk" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
      ],
    },
    {
      name: "resource list throttled where resources were partly read",
      snapshot: partlyRead,
      results: [{ status: "not-assessed", messageId: "__notAssessed", resource: "saweu" }],
    },
    {
      name: "resource list throttled after a page of global resources only: the subscription gets one result",
      snapshot: partlyReadGlobalOnly,
      results: [{ status: "not-assessed", messageId: "__notAssessed", resource: SUB }],
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
    {
      name: "a location of blanks gets no result",
      snapshot: snap(genericResource("Microsoft.Resources/deploymentScripts", "ds-blank", " ")),
      results: [],
    },
  ],
});

describe("RES-01 scopes a failed resource list leaves unjudged", () => {
  it("gives the subscription whose list failed one result", () => {
    expect(lines(findingsOf(rule, forbiddenInSub2))).toEqual([verdict("pass", saexk.id, "high", "allowed"), forbidden(`/subscriptions/${SUB2}`, "resources", "high")].sort());
  });
  it("blinds a resource read before the list was throttled, and adds nothing on the subscription", () => {
    expect(lines(findingsOf(rule, partlyRead))).toEqual([forbidden(saweu.id, "resources", "high", { scope: `/subscriptions/${SUB}`, httpStatus: 429, code: "TooManyRequests" })]);
  });
  it("gives the subscription one result when the part read held nothing this rule judges", () => {
    expect(lines(findingsOf(rule, partlyReadGlobalOnly))).toEqual([forbidden(`/subscriptions/${SUB}`, "resources", "high", { scope: `/subscriptions/${SUB}`, httpStatus: 429, code: "TooManyRequests" })]);
  });
});
