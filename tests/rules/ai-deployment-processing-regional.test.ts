import rule from "../../rules/ai/ai-deployment-processing-regional.js";
import { defaultConfig } from "../../src/index.js";
import { cognitiveAccount, cognitiveDeployment } from "../fixtures/ai.js";
import { type ArmResource, failure, makeSnapshot, SUB } from "../fixtures/snapshot.js";
import { ruleTester } from "../helpers/rule-tester.js";

const snap = (accounts: ArmResource[], deployments: ArmResource[]) => makeSnapshot({ subscriptions: [{ collections: { cognitiveAccounts: accounts, cognitiveDeployments: deployments } }] });
const euPreset = (c: ReturnType<typeof defaultConfig>) => void (c.profile = defaultConfig("eu").profile);

const oai = cognitiveAccount("oai-exk");
const oaiUs = cognitiveAccount("oai-us", "eastus");
const oaiNo = cognitiveAccount("oai-no", "norwayeast");

ruleTester(rule, {
  valid: [
    {
      name: "Standard and ProvisionedManaged deployments",
      snapshot: snap([oai], [cognitiveDeployment(oai, "gpt-4o", "Standard"), cognitiveDeployment(oai, "gpt-4o-ptu", "ProvisionedManaged")]),
      results: [
        { status: "pass", messageId: "regional", resource: "gpt-4o" },
        { status: "pass", messageId: "regional", resource: "gpt-4o-ptu" },
      ],
    },
    { name: "SKU in other casing", snapshot: snap([oai], [cognitiveDeployment(oai, "embed", "standard"), cognitiveDeployment(oai, "ptu", "PROVISIONEDMANAGED")]) },
    {
      name: "eu profile: DataZone in Sweden Central",
      snapshot: snap([oai], [cognitiveDeployment(oai, "gpt-4o-dz", "DataZoneStandard"), cognitiveDeployment(oai, "batch-dz", "datazonebatch")]),
      config: euPreset,
      results: [
        { status: "pass", messageId: "dataZoneAllowed", resource: "gpt-4o-dz" },
        { status: "pass", messageId: "dataZoneAllowed", resource: "batch-dz" },
      ],
    },
    { name: "accounts without deployments", snapshot: snap([oai], []), results: [] },
    { name: "empty tenant", snapshot: snap([], []), results: [] },
  ],
  invalid: [
    {
      name: "Global deployments",
      snapshot: snap([oai], [cognitiveDeployment(oai, "gpt-4o-global", "GlobalStandard"), cognitiveDeployment(oai, "batch-global", "GlobalBatch"), cognitiveDeployment(oai, "ptu-global", "globalprovisionedmanaged")]),
      results: [
        { status: "fail", messageId: "global", resource: "gpt-4o-global", severity: "high" },
        { status: "fail", messageId: "global", resource: "batch-global" },
        { status: "fail", messageId: "global", resource: "ptu-global" },
      ],
    },
    {
      name: "DataZone under the se profile",
      snapshot: snap([oai], [cognitiveDeployment(oai, "gpt-4o-dz", "DataZoneProvisionedManaged")]),
      results: [{ status: "fail", messageId: "dataZoneNotAllowed", resource: "gpt-4o-dz" }],
    },
    {
      name: "DataZone allowed by the profile but the account is outside the EU",
      snapshot: snap([oaiUs, oaiNo], [cognitiveDeployment(oaiUs, "gpt-4o-us", "DataZoneStandard"), cognitiveDeployment(oaiNo, "gpt-4o-no", "DataZoneStandard")]),
      config: euPreset,
      results: [
        { status: "fail", messageId: "dataZoneOutsideEu", resource: "gpt-4o-us" },
        { status: "fail", messageId: "dataZoneOutsideEu", resource: "gpt-4o-no" },
      ],
    },
    {
      name: "DeveloperTier and an unknown type",
      snapshot: snap([oai], [cognitiveDeployment(oai, "ft-eval", "DeveloperTier"), cognitiveDeployment(oai, "future", "RegionalBurst")]),
      results: [
        { status: "fail", messageId: "notRegional", resource: "ft-eval" },
        { status: "fail", messageId: "notRegional", resource: "future" },
      ],
    },
    {
      name: "DataZone with the data zone allowed on a custom profile, account in an unknown region",
      snapshot: snap([cognitiveAccount("oai-x", "swedennorth")], [cognitiveDeployment(cognitiveAccount("oai-x", "swedennorth"), "dz", "DataZoneStandard")]),
      config: (c) => void (c.profile.aiDataZoneAllowed = true),
      results: [{ status: "fail", messageId: "dataZoneOutsideEu", resource: "dz" }],
    },
  ],
  notAssessed: [
    {
      name: "deployments of one account forbidden",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: { cognitiveAccounts: [oai, oaiUs], cognitiveDeployments: [cognitiveDeployment(oaiUs, "gpt-4o", "Standard")] } }],
        coverage: [failure("cognitiveDeployments", oai.id)],
      }),
      results: [
        { status: "not-assessed", messageId: "__notAssessed", resource: "oai-exk" },
        { status: "pass", resource: "gpt-4o" },
      ],
    },
    {
      name: "accounts not listable in the subscription",
      snapshot: makeSnapshot({ subscriptions: [{ collections: {} }], coverage: [failure("cognitiveAccounts", `/subscriptions/${SUB}`)] }),
      results: [{ status: "not-assessed", resource: SUB }],
    },
  ],
  missingProperty: [
    {
      name: "a deployment without sku is not known to be regional",
      snapshot: snap([oai], [cognitiveDeployment(oai, "legacy", undefined)]),
      results: [{ status: "fail", messageId: "notRegional", resource: "legacy" }],
    },
  ],
});
