import { describe, expect, it } from "vitest";
import rule from "./rule.js";
import { defaultConfig } from "../../../src/index.js";
import { cognitiveAccount, cognitiveDeployment } from "../../../tests/fixtures/ai.js";
import { failedInSub, failedInSub2, findingsOf, forbidden, lines, verdict } from "../../../tests/fixtures/coverage.js";
import { type ArmResource, failure, makeSnapshot, SUB, SUB2 } from "../../../tests/fixtures/snapshot.js";
import { ruleTester } from "../../../tests/helpers/rule-tester.js";

const snap = (accounts: ArmResource[], deployments: ArmResource[]) => makeSnapshot({ subscriptions: [{ collections: { cognitiveAccounts: accounts, cognitiveDeployments: deployments } }] });
const TYPE = "Microsoft.CognitiveServices/accounts/deployments";
const skuEvidence = (sku?: string, defaulted?: true) => ({
  path: "sku.name",
  actual: sku,
  expected: { en: "Standard or ProvisionedManaged (DataZone* where the profile allows it)", sv: "Standard eller ProvisionedManaged (DataZone* där profilen tillåter det)" },
  ...(defaulted ? { defaulted } : {}),
});
/** The evidence a DataZone deployment adds: the account's location and the data zone it falls in. */
const zoneEvidence = (location: string, zone: string | null) => [
  { path: "account location (EU member state)", actual: location, expected: { en: "an EU region", sv: "en region i EU" } },
  { path: "processing area (data zone)", actual: zone, expected: { en: "the EU data zone, where the profile allows it", sv: "EU:s datazon, där profilen tillåter det" } },
];
const euPreset = (c: ReturnType<typeof defaultConfig>) => void (c.profile = defaultConfig("eu").profile);

const oai = cognitiveAccount("oai-exk");
const oaiUs = cognitiveAccount("oai-us", "eastus");
const oaiNo = cognitiveAccount("oai-no", "norwayeast");

// Deployments never appear in the generic resource list: a failed account or deployment list always
// leaves its scope one result.
const gpt4o = cognitiveDeployment(oai, "gpt-4o", "Standard");
const oaiSub2 = cognitiveAccount("oai-sub2", "swedencentral", {}, "rg-ai", SUB2);
const accountsForbidden = (unseen: ArmResource[] | "failed") =>
  failedInSub2({ read: { cognitiveAccounts: [oai], cognitiveDeployments: [gpt4o] }, failed: ["cognitiveAccounts"], unseen });
const usGpt = cognitiveDeployment(oaiUs, "gpt-4o", "Standard");
const deploymentsOfOneAccountForbidden = makeSnapshot({
  subscriptions: [{ collections: { cognitiveAccounts: [oai, oaiUs], cognitiveDeployments: [usGpt] } }],
  coverage: [failure("cognitiveDeployments", oai.id)],
});

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
    {
      name: "exact message, type, location and evidence of a Standard deployment",
      snapshot: snap([oai], [cognitiveDeployment(oai, "gpt-4o", "Standard")]),
      results: [{ status: "pass", type: TYPE, location: "swedencentral", message: "gpt-4o (Standard) processes data in its account's region.", evidence: [skuEvidence("Standard")] }],
    },
    {
      name: "eu profile: exact message and evidence of a DataZone deployment in Sweden Central",
      snapshot: snap([oai], [cognitiveDeployment(oai, "gpt-4o-dz", "DataZoneStandard")]),
      config: euPreset,
      results: [{ status: "pass", message: "gpt-4o-dz (DataZoneStandard) processes data within the EU data zone, which the profile allows.", evidence: [skuEvidence("DataZoneStandard"), ...zoneEvidence("swedencentral", "EU")] }],
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
        {
          status: "fail",
          messageId: "global",
          resource: "gpt-4o-global",
          severity: "high",
          message: "gpt-4o-global (GlobalStandard) may process data in any Azure region worldwide.",
          evidence: [skuEvidence("GlobalStandard"), { path: "processing area", actual: "global", expected: { en: "the account's region", sv: "kontots region" } }],
        },
        { status: "fail", messageId: "global", resource: "batch-global" },
        { status: "fail", messageId: "global", resource: "ptu-global" },
      ],
    },
    {
      name: "DataZone under the se profile",
      snapshot: snap([oai], [cognitiveDeployment(oai, "gpt-4o-dz", "DataZoneProvisionedManaged")]),
      results: [
        {
          status: "fail",
          messageId: "dataZoneNotAllowed",
          resource: "gpt-4o-dz",
          message: "gpt-4o-dz (DataZoneProvisionedManaged) may process data anywhere in its data zone, which the profile does not allow (allowed regions: swedencentral, swedensouth).",
          evidence: [skuEvidence("DataZoneProvisionedManaged"), ...zoneEvidence("swedencentral", "EU")],
        },
      ],
    },
    {
      name: "DataZone allowed by the profile but the account is outside the EU",
      snapshot: snap([oaiUs, oaiNo], [cognitiveDeployment(oaiUs, "gpt-4o-us", "DataZoneStandard"), cognitiveDeployment(oaiNo, "gpt-4o-no", "DataZoneStandard")]),
      config: euPreset,
      results: [
        {
          status: "fail",
          messageId: "dataZoneOutsideEu",
          resource: "gpt-4o-us",
          message: "gpt-4o-us (DataZoneStandard) processes data in the data zone of eastus, which is not an EU region.",
          evidence: [skuEvidence("DataZoneStandard"), ...zoneEvidence("eastus", "US")],
        },
        { status: "fail", messageId: "dataZoneOutsideEu", resource: "gpt-4o-no", evidence: [skuEvidence("DataZoneStandard"), ...zoneEvidence("norwayeast", null)] },
      ],
    },
    {
      name: "DeveloperTier and an unknown type",
      snapshot: snap([oai], [cognitiveDeployment(oai, "ft-eval", "DeveloperTier"), cognitiveDeployment(oai, "future", "RegionalBurst")]),
      results: [
        { status: "fail", messageId: "notRegional", resource: "ft-eval", message: "ft-eval uses deployment type DeveloperTier, which is not known to keep processing in the account's region.", evidence: [skuEvidence("DeveloperTier")] },
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
      snapshot: deploymentsOfOneAccountForbidden,
      results: [
        { status: "not-assessed", messageId: "__notAssessed", resource: "oai-exk" },
        { status: "pass", resource: "gpt-4o" },
      ],
    },
    {
      name: "accounts not listable in a second subscription whose generic list shows an account: its deployments cannot be named, the subscription gets one result",
      snapshot: accountsForbidden([oaiSub2]),
      results: [
        { status: "pass", messageId: "regional", resource: "gpt-4o" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
      ],
    },
    {
      name: "accounts not listable in a second subscription whose generic list shows none: still one result on it",
      snapshot: accountsForbidden([]),
      results: [
        { status: "pass", messageId: "regional", resource: "gpt-4o" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
      ],
    },
    {
      name: "accounts and the generic list not listable in the subscription",
      snapshot: failedInSub({ failed: ["cognitiveAccounts"], unseen: "failed" }),
      results: [{ status: "not-assessed", messageId: "__notAssessed", resource: SUB }],
    },
  ],
  missingProperty: [
    {
      name: "a deployment without sku is not known to be regional",
      snapshot: snap([oai], [cognitiveDeployment(oai, "legacy", undefined)]),
      results: [
        {
          status: "fail",
          messageId: "notRegional",
          resource: "legacy",
          message: "legacy uses deployment type (none), which is not known to keep processing in the account's region.",
          evidence: [skuEvidence(undefined, true)],
        },
      ],
    },
  ],
});

describe("RES-08 targets a failed account or deployment list leaves unjudged", () => {
  it("gives the account whose deployment list failed one result", () => {
    expect(lines(findingsOf(rule, deploymentsOfOneAccountForbidden))).toEqual(
      [verdict("pass", usGpt.id, "high", "regional"), forbidden(oai.id, "cognitiveDeployments", "high", { scope: oai.id })].sort(),
    );
  });
  for (const [what, unseen] of [
    ["shows an account", [oaiSub2]],
    ["shows nothing", []],
    ["failed", "failed"],
  ] as const) {
    it(`gives SUB2 one result when its account list failed and its generic list ${what}`, () => {
      expect(lines(findingsOf(rule, accountsForbidden(unseen === "failed" ? "failed" : [...unseen])))).toEqual(
        [verdict("pass", gpt4o.id, "high", "regional"), forbidden(`/subscriptions/${SUB2}`, "cognitiveAccounts", "high")].sort(),
      );
    });
  }
});

describe("RES-08 names the processing area in the evidence (the data map reads it)", () => {
  const area = (f: { evidence?: { path: string; actual?: unknown }[] }) => f.evidence?.find((e) => e.path.startsWith("processing area"));
  const cases: [string, ArmResource, string, ((c: ReturnType<typeof defaultConfig>) => void) | undefined, { path: string; actual: unknown } | undefined][] = [
    ["Global in Sweden Central", oai, "GlobalStandard", undefined, { path: "processing area", actual: "global" }],
    ["Global batch in East US", oaiUs, "GlobalBatch", undefined, { path: "processing area", actual: "global" }],
    ["DataZone in Sweden Central, eu profile", oai, "DataZoneStandard", euPreset, { path: "processing area (data zone)", actual: "EU" }],
    ["DataZone in Sweden Central, se profile", oai, "DataZoneStandard", undefined, { path: "processing area (data zone)", actual: "EU" }],
    ["DataZone in East US", oaiUs, "DataZoneStandard", euPreset, { path: "processing area (data zone)", actual: "US" }],
    ["DataZone in Norway East (no data zone Hemvist knows)", oaiNo, "DataZoneStandard", euPreset, { path: "processing area (data zone)", actual: null }],
    ["Standard: the account's region, no processing area", oai, "Standard", undefined, undefined],
  ];
  for (const [name, account, sku, config, want] of cases) {
    it(name, () => {
      const [f, ...rest] = findingsOf(rule, snap([account], [cognitiveDeployment(account, "d", sku)]), config);
      expect(rest).toEqual([]);
      const got = f ? area(f) : undefined;
      expect(got === undefined ? undefined : { path: got.path, actual: got.actual }).toEqual(want);
    });
  }
});
