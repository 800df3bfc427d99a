import { describe, expect, it } from "vitest";
import rule from "./rule.js";
import { defaultConfig } from "../../../src/index.js";
import { failedInSub2, findingsOf, forbidden, lines, verdict } from "../../../tests/fixtures/coverage.js";
import { failure, makeSnapshot, resourceGroup, SUB, SUB2 } from "../../../tests/fixtures/snapshot.js";
import { storageAccount } from "../../../tests/fixtures/storage.js";
import { ruleTester } from "../../../tests/helpers/rule-tester.js";

const snap = (...groups: ReturnType<typeof resourceGroup>[]) => makeSnapshot({ subscriptions: [{ collections: { resourceGroups: groups } }] });

// Resource groups never appear in the generic resource list: a failed group list always leaves its
// subscription one result, unless groups read before it failed lie under it.
const rgApp = resourceGroup("rg-app", "swedencentral");
const groupsForbidden = (unseen: Parameters<typeof failedInSub2>[0]["unseen"]) => failedInSub2({ read: { resourceGroups: [rgApp] }, failed: ["resourceGroups"], unseen });
const rgWeu = resourceGroup("rg-weu", "westeurope");
const partlyRead = makeSnapshot({ subscriptions: [{ collections: { resourceGroups: [rgWeu] } }], coverage: [failure("resourceGroups", `/subscriptions/${SUB}`, { httpStatus: 429, code: "TooManyRequests" })] });

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
        {
          status: "fail",
          messageId: "notAllowed",
          resource: "rg-weu",
          severity: "medium",
          type: "Microsoft.Resources/resourceGroups",
          location: "westeurope",
          message: "rg-weu keeps its metadata in westeurope, which is not one of the allowed regions (swedencentral, swedensouth).",
          evidence: [{ path: "location", actual: "westeurope", expected: ["swedencentral", "swedensouth"] }],
        },
        {
          status: "pass",
          messageId: "allowed",
          resource: "rg-app",
          message: "rg-app keeps its metadata in swedencentral, an allowed region.",
          evidence: [{ path: "location", actual: "swedencentral", expected: ["swedencentral", "swedensouth"] }],
        },
      ],
    },
    {
      name: "a location Hemvist does not know",
      snapshot: snap(resourceGroup("rg-new", "swedennorth")),
      results: [{ status: "fail", messageId: "unknownLocation", resource: "rg-new", message: "rg-new keeps its metadata in swedennorth, a location Hemvist does not know and the profile does not allow." }],
    },
    {
      name: "a location of blanks gets no result, next to a group in West Europe",
      snapshot: snap(resourceGroup("rg-blank", " "), resourceGroup("rg-weu", "westeurope")),
      results: [{ status: "fail", messageId: "notAllowed", resource: "rg-weu" }],
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
      name: "resource groups forbidden in the second subscription, whose generic list shows resources in them: one result on it",
      snapshot: groupsForbidden([storageAccount("sa-sub2", {}, "rg-data", SUB2)]),
      results: [
        { status: "pass", resource: "rg-app" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
      ],
    },
    {
      name: "resource groups and the generic list forbidden in the second subscription: one result on it",
      snapshot: groupsForbidden("failed"),
      results: [
        { status: "pass", resource: "rg-app" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
      ],
    },
    {
      name: "resource group list throttled after a group was read: it is not assessed, the subscription gets no further result",
      snapshot: partlyRead,
      results: [{ status: "not-assessed", messageId: "__notAssessed", resource: "rg-weu" }],
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

describe("RES-02 scopes a failed resource group list leaves unjudged", () => {
  for (const [what, unseen] of [
    ["shows a resource", [storageAccount("sa-sub2", {}, "rg-data", SUB2)]],
    ["shows nothing", []],
    ["failed", "failed"],
  ] as const) {
    it(`gives SUB2 one result when its group list failed and its generic list ${what}`, () => {
      expect(lines(findingsOf(rule, groupsForbidden(unseen === "failed" ? "failed" : [...unseen])))).toEqual(
        [verdict("pass", rgApp.id, "medium", "allowed"), forbidden(`/subscriptions/${SUB2}`, "resourceGroups", "medium")].sort(),
      );
    });
  }
  it("blinds a group read before the list was throttled", () => {
    expect(lines(findingsOf(rule, partlyRead))).toEqual([forbidden(rgWeu.id, "resourceGroups", "medium", { scope: `/subscriptions/${SUB}`, httpStatus: 429, code: "TooManyRequests" })]);
  });
});
