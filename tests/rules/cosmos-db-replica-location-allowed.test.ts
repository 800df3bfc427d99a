import rule from "../../rules/cosmos-db/cosmos-db-replica-location-allowed.js";
import { defaultConfig } from "../../src/index.js";
import { cosmosDbAccount } from "../fixtures/cosmos-db.js";
import { type ArmResource, failure, makeSnapshot, SUB, SUB2 } from "../fixtures/snapshot.js";
import { ruleTester } from "../helpers/rule-tester.js";

const snap = (...accounts: ArmResource[]) => makeSnapshot({ subscriptions: [{ collections: { cosmosDbAccounts: accounts } }] });

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
      name: "Cosmos DB list forbidden in the second subscription",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: { cosmosDbAccounts: [cosmosDbAccount("cosmos-exk")] } }, { subscriptionId: SUB2, collections: {} }],
        coverage: [failure("cosmosDbAccounts", `/subscriptions/${SUB2}`)],
      }),
      results: [
        { status: "pass", resource: "cosmos-exk" },
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
