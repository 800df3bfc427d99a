import rule from "../../rules/location/resource-group-location-allowed.js";
import { defaultConfig } from "../../src/index.js";
import { failure, makeSnapshot, resourceGroup, SUB2 } from "../fixtures/snapshot.js";
import { ruleTester } from "../helpers/rule-tester.js";

const snap = (...groups: ReturnType<typeof resourceGroup>[]) => makeSnapshot({ subscriptions: [{ collections: { resourceGroups: groups } }] });

ruleTester(rule, {
  valid: [
    { name: "groups in Sweden Central and Sweden South", snapshot: snap(resourceGroup("rg-app", "swedencentral"), resourceGroup("rg-dr", "swedensouth")) },
    { name: "display name and upper case", snapshot: snap(resourceGroup("rg-disp", "Sweden Central"), resourceGroup("rg-upper", "SWEDENSOUTH")) },
    { name: "eu profile allows North Europe", snapshot: snap(resourceGroup("rg-neu", "northeurope")), config: (c) => void (c.profile.allowedRegions = defaultConfig("eu").profile.allowedRegions) },
    { name: "no resource groups", snapshot: snap(), results: [] },
  ],
  invalid: [
    {
      name: "a group in West Europe",
      snapshot: snap(resourceGroup("rg-weu", "westeurope"), resourceGroup("rg-app", "swedencentral")),
      results: [
        { status: "fail", messageId: "notAllowed", resource: "rg-weu", severity: "medium" },
        { status: "pass", messageId: "allowed", resource: "rg-app" },
      ],
    },
    {
      name: "a location Hemvist does not know",
      snapshot: snap(resourceGroup("rg-new", "swedennorth")),
      results: [{ status: "fail", messageId: "unknownLocation", resource: "rg-new" }],
    },
    {
      name: "a custom profile that allows only Sweden Central",
      snapshot: snap(resourceGroup("rg-dr", "swedensouth")),
      config: (c) => void (c.profile.allowedRegions = ["swedencentral"]),
      results: [{ status: "fail", messageId: "notAllowed", resource: "rg-dr" }],
    },
  ],
  notAssessed: [
    {
      name: "resource groups forbidden in the second subscription",
      snapshot: makeSnapshot({
        subscriptions: [{}, { subscriptionId: SUB2, collections: { resourceGroups: [] } }],
        coverage: [failure("resourceGroups", `/subscriptions/${SUB2}`)],
      }),
      results: [
        { status: "pass", resource: "rg-app" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
      ],
    },
  ],
  missingProperty: [
    {
      name: "a group payload without location gets no result",
      snapshot: snap({ ...resourceGroup("rg-odd", "swedencentral"), location: undefined } as ReturnType<typeof resourceGroup>, resourceGroup("rg-app", "swedencentral")),
      results: [{ status: "pass", resource: "rg-app" }],
    },
  ],
});
