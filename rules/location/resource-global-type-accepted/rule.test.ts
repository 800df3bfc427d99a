import { describe, expect, it } from "vitest";
import rule from "./rule.js";
import { defaultConfig } from "../../../src/index.js";
import { failedInSub, failedInSub2, findingsOf, forbidden, lines, verdict } from "../../../tests/fixtures/coverage.js";
import { genericResource, listedDnsZone, listedFrontDoor, listedStorageAccount } from "../../../tests/fixtures/resources.js";
import { type ArmResource, failure, makeSnapshot, SUB, SUB2 } from "../../../tests/fixtures/snapshot.js";
import { ruleTester } from "../../../tests/helpers/rule-tester.js";

const snap = (...resources: ArmResource[]) => makeSnapshot({ subscriptions: [{ collections: { resources } }] });
const privateZone = genericResource("Microsoft.Network/privateDnsZones", "privatelink.blob.core.windows.net", "global", {}, "rg-dns");
// The generic list is this rule's own list: where it failed nothing can be named, and the
// subscription gets one result unless results of the partly read list lie under it.
const exkSe = listedDnsZone("exk.se");
const afd = listedFrontDoor("afd-exk");
const throttled = { httpStatus: 429, code: "TooManyRequests" };
const forbiddenInSub = failedInSub({ failed: ["resources"], unseen: [] });
const forbiddenInSub2 = failedInSub2({ read: { resources: [exkSe] }, failed: ["resources"], unseen: [] });
const partlyRead = makeSnapshot({ subscriptions: [{ collections: { resources: [afd, listedStorageAccount("saexk")] } }], coverage: [failure("resources", `/subscriptions/${SUB}`, throttled)] });
const partlyReadRegionalOnly = makeSnapshot({ subscriptions: [{ collections: { resources: [listedStorageAccount("saexk")] } }], coverage: [failure("resources", `/subscriptions/${SUB}`, throttled)] });
const zoneLink = genericResource("Microsoft.Network/privateDnsZones/virtualNetworkLinks", "link-hub", "global", { id: `${privateZone.id}/virtualNetworkLinks/link-hub` }, "rg-dns");

ruleTester(rule, {
  valid: [
    { name: "DNS zones, private zones and their links", snapshot: snap(listedDnsZone("exk.se"), privateZone, zoneLink) },
    {
      name: "type and location in other casing",
      snapshot: snap(genericResource("microsoft.network/DNSZONES", "exk.net", "Global", {}, "rg-dns")),
    },
    { name: "empty tenant", snapshot: snap(), results: [] },
    { name: "regional resources are not judged", snapshot: snap(listedStorageAccount("saweu", "westeurope")), results: [] },
    {
      name: "a type the user added to the accepted list",
      snapshot: snap(listedFrontDoor("afd-exk")),
      config: (c) => void c.profile.acceptedGlobalTypes.push("microsoft.cdn/PROFILES"),
    },
  ],
  invalid: [
    {
      name: "Front Door and Traffic Manager are not accepted by default",
      snapshot: snap(listedFrontDoor("afd-exk"), genericResource("Microsoft.Network/trafficmanagerprofiles", "tm-exk", "global"), listedDnsZone("exk.se")),
      results: [
        {
          status: "fail",
          messageId: "notAccepted",
          resource: "afd-exk",
          severity: "low",
          type: "Microsoft.Cdn/profiles",
          location: "Global",
          message: "afd-exk is a global Microsoft.Cdn/profiles, a type not on the profile's list of accepted global types.",
          messageSv: "afd-exk är en global Microsoft.Cdn/profiles, en typ som inte finns på profilens lista över godkända globala typer.",
          evidence: [{ path: "type", actual: "Microsoft.Cdn/profiles", expected: defaultConfig().profile.acceptedGlobalTypes }],
        },
        { status: "fail", messageId: "notAccepted", resource: "tm-exk" },
        {
          status: "pass",
          messageId: "accepted",
          resource: "exk.se",
          message: "exk.se is a global Microsoft.Network/dnszones, a type the profile accepts.",
          evidence: [{ path: "type", actual: "Microsoft.Network/dnszones", expected: defaultConfig().profile.acceptedGlobalTypes }],
        },
      ],
    },
    {
      name: "a user list that replaces the defaults",
      snapshot: snap(listedDnsZone("exk.se"), listedFrontDoor("afd-exk")),
      config: (c) => void (c.profile.acceptedGlobalTypes = ["Microsoft.Cdn/profiles"]),
      results: [
        { status: "fail", messageId: "notAccepted", resource: "exk.se" },
        { status: "pass", messageId: "accepted", resource: "afd-exk" },
      ],
    },
  ],
  notAssessed: [
    {
      name: "resource list forbidden",
      snapshot: forbiddenInSub,
      results: [{ status: "not-assessed", messageId: "__notAssessed", resource: SUB }],
    },
    {
      name: "resource list forbidden in a second subscription",
      snapshot: forbiddenInSub2,
      results: [
        { status: "pass", messageId: "accepted", resource: "exk.se" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
      ],
    },
    {
      name: "resource list throttled after a global resource was read: it is not assessed, the subscription gets no further result",
      snapshot: partlyRead,
      results: [{ status: "not-assessed", messageId: "__notAssessed", resource: "afd-exk" }],
    },
    {
      name: "resource list throttled after a page of regional resources only: the subscription gets one result",
      snapshot: partlyReadRegionalOnly,
      results: [{ status: "not-assessed", messageId: "__notAssessed", resource: SUB }],
    },
  ],
  missingProperty: [
    {
      name: "a global resource without a type fails as unknown",
      snapshot: snap(genericResource("Microsoft.Network/frontDoors", "fd-classic", "global", { type: undefined })),
      results: [
        {
          status: "fail",
          messageId: "notAccepted",
          resource: "fd-classic",
          message: "fd-classic is a global resource of unknown type, a type not on the profile's list of accepted global types.",
          evidence: [{ path: "type", actual: "", expected: defaultConfig().profile.acceptedGlobalTypes }],
        },
      ],
    },
  ],
});

describe("RES-03 scopes a failed resource list leaves unjudged", () => {
  it("gives the subscription whose list failed one result", () => {
    expect(lines(findingsOf(rule, forbiddenInSub))).toEqual([forbidden(`/subscriptions/${SUB}`, "resources", "low", { scope: `/subscriptions/${SUB}` })]);
    expect(lines(findingsOf(rule, forbiddenInSub2))).toEqual([verdict("pass", exkSe.id, "low", "accepted"), forbidden(`/subscriptions/${SUB2}`, "resources", "low")].sort());
  });
  it("blinds a global resource read before the list was throttled", () => {
    expect(lines(findingsOf(rule, partlyRead))).toEqual([forbidden(afd.id, "resources", "low", { scope: `/subscriptions/${SUB}`, httpStatus: 429, code: "TooManyRequests" })]);
  });
  it("gives the subscription one result when the part read held nothing this rule judges", () => {
    expect(lines(findingsOf(rule, partlyReadRegionalOnly))).toEqual([forbidden(`/subscriptions/${SUB}`, "resources", "low", { scope: `/subscriptions/${SUB}`, httpStatus: 429, code: "TooManyRequests" })]);
  });
});
