import { describe, expect, it } from "vitest";
import rule from "./rule.js";
import { defaultConfig } from "../../../src/index.js";
import { cosmosDbAccount } from "../../../tests/fixtures/cosmos-db.js";
import { failedInSub2, findingsOf, forbidden, lines, verdict } from "../../../tests/fixtures/coverage.js";
import { type ArmResource, failure, makeSnapshot, SUB, SUB2 } from "../../../tests/fixtures/snapshot.js";
import { ruleTester } from "../../../tests/helpers/rule-tester.js";

const snap = (...accounts: ArmResource[]) => makeSnapshot({ subscriptions: [{ collections: { cosmosDbAccounts: accounts } }] });

// The Cosmos DB list forbidden in SUB2: what its generic resource list shows there decides what is named.
const exk = cosmosDbAccount("cosmos-exk");
const dr2 = cosmosDbAccount("cosmos-dr2", ["Sweden Central", "Norway East"], {}, "rg-data", SUB2);
const solo2 = cosmosDbAccount("cosmos-solo2", ["Sweden South"], {}, "rg-data", SUB2);
const namedInSub2 = failedInSub2({ read: { cosmosDbAccounts: [exk] }, failed: ["cosmosDbAccounts"], unseen: [dr2, solo2] });
const genericFailedInSub2 = failedInSub2({ read: { cosmosDbAccounts: [exk] }, failed: ["cosmosDbAccounts"], unseen: "failed" });

ruleTester(rule, {
  valid: [
    { name: "single region in Sweden Central", snapshot: snap(cosmosDbAccount("cosmos-exk")) },
    { name: "replicated between the two Swedish regions", snapshot: snap(cosmosDbAccount("cosmos-dr", ["Sweden Central", "Sweden South"])) },
    { name: "programmatic and upper-case names", snapshot: snap(cosmosDbAccount("cosmos-case", ["swedencentral", "SWEDEN SOUTH"])) },
    {
      name: "eu profile: West Europe and North Europe",
      snapshot: snap(cosmosDbAccount("cosmos-eu", ["West Europe", "North Europe"])),
      config: (c) => void (c.profile.allowedRegions = defaultConfig("eu").profile.allowedRegions),
    },
    { name: "no Cosmos DB accounts", snapshot: snap(), results: [] },
    {
      name: "Cosmos DB list forbidden in SUB2 whose generic list shows no account: nothing there to judge",
      snapshot: failedInSub2({ read: { cosmosDbAccounts: [exk] }, failed: ["cosmosDbAccounts"], unseen: [] }),
      results: [{ status: "pass", messageId: "replicasAllowed", resource: "cosmos-exk" }],
    },
  ],
  invalid: [
    {
      name: "a read replica in Norway East",
      snapshot: snap(cosmosDbAccount("cosmos-no", ["Sweden Central", "Norway East"]), cosmosDbAccount("cosmos-exk")),
      results: [
        { status: "fail", messageId: "replicasNotAllowed", resource: "cosmos-no", severity: "high" },
        { status: "pass", messageId: "replicasAllowed", resource: "cosmos-exk" },
      ],
    },
    {
      name: "write region outside the profile",
      snapshot: snap(cosmosDbAccount("cosmos-us", ["East US", "Sweden Central"])),
      results: [{ status: "fail", messageId: "replicasNotAllowed", resource: "cosmos-us" }],
    },
    {
      name: "a region Hemvist does not know",
      snapshot: snap(cosmosDbAccount("cosmos-new", ["Sweden Central", "Sweden North"])),
      results: [{ status: "fail", messageId: "replicasNotAllowed", resource: "cosmos-new" }],
    },
  ],
  notAssessed: [
    {
      name: "Cosmos DB list forbidden in the second subscription: each account its generic list shows is named",
      snapshot: namedInSub2,
      results: [
        { status: "pass", messageId: "replicasAllowed", resource: "cosmos-exk" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "cosmos-dr2", severity: "high" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "cosmos-solo2", severity: "high" },
      ],
    },
    {
      name: "Cosmos DB list and generic list forbidden in the second subscription: one result on it",
      snapshot: genericFailedInSub2,
      results: [
        { status: "pass", messageId: "replicasAllowed", resource: "cosmos-exk" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
      ],
    },
    {
      name: "an account read before the list failed",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: { cosmosDbAccounts: [cosmosDbAccount("cosmos-no", ["Norway East"])] } }],
        coverage: [failure("cosmosDbAccounts", `/subscriptions/${SUB}`, { httpStatus: 500, code: "InternalServerError" })],
      }),
      results: [{ status: "not-assessed", resource: "cosmos-no" }],
    },
  ],
  missingProperty: [
    {
      name: "locations absent: the account's own location",
      snapshot: snap(
        cosmosDbAccount("cosmos-bare", ["Sweden Central"], { properties: { locations: undefined } }),
        cosmosDbAccount("cosmos-bare-us", ["East US"], { properties: { locations: undefined } }),
      ),
      results: [
        { status: "pass", messageId: "replicasAllowed", resource: "cosmos-bare" },
        { status: "fail", messageId: "replicasNotAllowed", resource: "cosmos-bare-us" },
      ],
    },
    {
      name: "neither locations nor location",
      snapshot: snap(cosmosDbAccount("cosmos-void", ["Sweden Central"], { location: undefined, properties: { locations: undefined } })),
      results: [{ status: "fail", messageId: "replicasNotAllowed", resource: "cosmos-void" }],
    },
  ],
});

describe("RES-06 targets a failed Cosmos DB list leaves unjudged", () => {
  it("names the accounts SUB2's generic list shows, replicas unknown", () => {
    const fs = findingsOf(rule, namedInSub2);
    expect(lines(fs)).toEqual([verdict("pass", exk.id, "high", "replicasAllowed"), forbidden(dr2.id, "cosmosDbAccounts", "high"), forbidden(solo2.id, "cosmosDbAccounts", "high")].sort());
    const dr = fs.find((f) => f.resourceId === dr2.id);
    expect(dr).toMatchObject({ resourceName: "cosmos-dr2", location: "swedencentral" });
    expect(dr?.evidence).toBeUndefined();
  });
  it("gives the subscription one result when its generic list failed too", () => {
    expect(lines(findingsOf(rule, genericFailedInSub2))).toEqual([verdict("pass", exk.id, "high", "replicasAllowed"), forbidden(`/subscriptions/${SUB2}`, "cosmosDbAccounts", "high")].sort());
  });
  it("an account read before the list failed is not assessed with the 500", () => {
    const no = cosmosDbAccount("cosmos-no", ["Norway East"]);
    const s = makeSnapshot({ subscriptions: [{ collections: { cosmosDbAccounts: [no] } }], coverage: [failure("cosmosDbAccounts", `/subscriptions/${SUB}`, { httpStatus: 500, code: "InternalServerError" })] });
    expect(lines(findingsOf(rule, s))).toEqual([forbidden(no.id, "cosmosDbAccounts", "high", { scope: `/subscriptions/${SUB}`, httpStatus: 500, code: "InternalServerError" })]);
  });
});
