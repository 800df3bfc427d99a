import rule from "../../rules/location/resource-global-type-accepted.js";
import { genericResource, listedDnsZone, listedFrontDoor, listedStorageAccount } from "../fixtures/resources.js";
import { type ArmResource, failure, makeSnapshot, SUB } from "../fixtures/snapshot.js";
import { ruleTester } from "../helpers/rule-tester.js";

const snap = (...resources: ArmResource[]) => makeSnapshot({ subscriptions: [{ collections: { resources } }] });
const privateZone = genericResource("Microsoft.Network/privateDnsZones", "privatelink.blob.core.windows.net", "global", {}, "rg-dns");
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
        { status: "fail", messageId: "notAccepted", resource: "afd-exk", severity: "low" },
        { status: "fail", messageId: "notAccepted", resource: "tm-exk" },
        { status: "pass", messageId: "accepted", resource: "exk.se" },
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
      snapshot: makeSnapshot({ subscriptions: [{ collections: {} }], coverage: [failure("resources", `/subscriptions/${SUB}`)] }),
      results: [{ status: "not-assessed", messageId: "__notAssessed", resource: SUB }],
    },
  ],
  missingProperty: [
    {
      name: "a global resource without a type fails as unknown",
      snapshot: snap(genericResource("Microsoft.Network/frontDoors", "fd-classic", "global", { type: undefined })),
      results: [{ status: "fail", messageId: "notAccepted", resource: "fd-classic" }],
    },
  ],
});
