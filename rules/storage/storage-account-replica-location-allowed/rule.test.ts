import { describe, expect, it } from "vitest";
import rule from "./rule.js";
import { defaultConfig } from "../../../src/index.js";
import { failedInSub2, findingsOf, forbidden, lines, verdict } from "../../../tests/fixtures/coverage.js";
import { storageAccount } from "../../../tests/fixtures/storage.js";
import { type ArmResource, failure, makeSnapshot, SUB, SUB2 } from "../../../tests/fixtures/snapshot.js";
import { ruleTester } from "../../../tests/helpers/rule-tester.js";

const snap = (...accounts: ArmResource[]) => makeSnapshot({ subscriptions: [{ collections: { storageAccounts: accounts } }] });

/** A geo-replicated account as ARM reports it (`secondaryLocation` given unless `null`). */
function geo(name: string, sku: string, location: string, secondary: string | null): ArmResource {
  return storageAccount(name, {
    location,
    sku: { name: sku, tier: sku.startsWith("Premium") ? "Premium" : "Standard" },
    properties: {
      primaryLocation: location,
      ...(secondary ? { secondaryLocation: secondary, statusOfSecondary: "available", secondaryEndpoints: { blob: `https://${name}-secondary.blob.core.windows.net/` } } : {}),
    },
  });
}
const SE = ["swedencentral", "swedensouth"];
const TYPE = "Microsoft.Storage/storageAccounts";
const geoSku = (sku: string) => ({ path: "sku.name", actual: sku, expected: { en: "a geo-redundant SKU keeps a copy in the secondary region", sv: "en georedundant SKU behåller en kopia i den sekundära regionen" } });
const blocked = { path: "properties.allowCrossTenantReplication", actual: false, expected: false };
const createdOnOrAfter = (created?: string) => ({ path: "properties.creationTime", actual: created, expected: { en: "on or after 2023-12-15 (default false)", sv: "den 15 december 2023 eller senare (standardvärde false)" } });
const eu = (c: ReturnType<typeof defaultConfig>) => void (c.profile.allowedRegions = defaultConfig("eu").profile.allowedRegions);

// The storage list forbidden in SUB2: its generic list shows each account's SKU, so only a
// geo-redundant (or SKU-less) one gets a `secondary` part; every account gets `cross-tenant`.
const sagrs = geo("sagrs", "Standard_GRS", "swedencentral", "swedensouth");
const inSub2 = (name: string, sku: string | undefined) => storageAccount(name, { sku: sku ? { name: sku, tier: "Standard" } : undefined }, "rg-app", SUB2);
const grs2 = inSub2("sa-grs2", "Standard_GRS");
const ragzrs2 = inSub2("sa-ragzrs2", "standard_ragzrs");
const lrs2 = inSub2("sa-lrs2", "Standard_LRS");
const zrs2 = inSub2("sa-zrs2", "Premium_ZRS");
const nosku2 = inSub2("sa-nosku2", undefined);
const namedInSub2 = failedInSub2({ read: { storageAccounts: [sagrs] }, failed: ["storageAccounts"], unseen: [grs2, ragzrs2, lrs2, zrs2, nosku2] });
const genericFailedInSub2 = failedInSub2({ read: { storageAccounts: [sagrs] }, failed: ["storageAccounts"], unseen: "failed" });

ruleTester(rule, {
  valid: [
    {
      name: "GRS in Sweden Central replicating to Sweden South",
      snapshot: snap(geo("sagrs", "Standard_GRS", "swedencentral", "swedensouth")),
      results: [
        { status: "pass", messageId: "secondaryAllowed", part: "secondary", resource: "sagrs" },
        { status: "pass", messageId: "crossTenantBlocked", part: "cross-tenant", resource: "sagrs" },
      ],
    },
    {
      name: "LRS, ZRS and Premium get no secondary result",
      snapshot: snap(storageAccount("salrs"), geo("sazrs", "Standard_ZRS", "westeurope", null), geo("sapremium", "Premium_LRS", "swedencentral", null)),
      results: [
        { status: "pass", messageId: "crossTenantBlocked", part: "cross-tenant", resource: "salrs" },
        { status: "pass", messageId: "crossTenantBlocked", part: "cross-tenant", resource: "sazrs" },
        { status: "pass", messageId: "crossTenantBlocked", part: "cross-tenant", resource: "sapremium" },
      ],
    },
    {
      name: "lower-case SKU and display-name secondary",
      snapshot: snap(geo("sacase", "standard_ragzrs", "Sweden Central", "Sweden South")),
    },
    {
      name: "eu profile: West Europe pairs with North Europe",
      snapshot: snap(geo("saweu", "Standard_RAGRS", "westeurope", "northeurope")),
      config: eu,
    },
    {
      name: "pair taken from the locations API for a region the built-in table lacks",
      snapshot: makeSnapshot({
        regions: [{ name: "swedennorth", displayName: "Sweden North", regionType: "Physical", geography: "Sweden", pairedRegion: ["swedencentral"] }],
        subscriptions: [{ collections: { storageAccounts: [geo("sanorth", "Standard_GRS", "swedennorth", null)] } }],
      }),
      config: (c) => void c.profile.allowedRegions.push("swedennorth"),
    },
    {
      name: "exact messages and evidence: GRS with its reported secondary, the flag false",
      snapshot: snap(geo("sagrs", "Standard_GRS", "swedencentral", "swedensouth")),
      results: [
        {
          status: "pass",
          part: "secondary",
          type: TYPE,
          location: "swedencentral",
          message: "sagrs (Standard_GRS) keeps its secondary copy in swedensouth, an allowed region.",
          evidence: [geoSku("Standard_GRS"), { path: "properties.secondaryLocation", actual: "swedensouth", expected: SE }],
        },
        { status: "pass", part: "cross-tenant", type: TYPE, message: "sagrs does not allow object replication to other tenants.", evidence: [blocked] },
      ],
    },
    {
      name: "an account without a SKU gets the cross-tenant part only",
      snapshot: snap(storageAccount("sanosku", { sku: undefined })),
      results: [{ status: "pass", messageId: "crossTenantBlocked", part: "cross-tenant", resource: "sanosku" }],
    },
    {
      name: "flag absent on an account created at 2023-12-15T00:00:00Z exactly: the new default",
      snapshot: snap(storageAccount("saedge", { properties: { allowCrossTenantReplication: undefined, creationTime: "2023-12-15T00:00:00.0000000Z" } })),
      results: [
        {
          status: "pass",
          messageId: "crossTenantBlocked",
          part: "cross-tenant",
          evidence: [{ path: "properties.allowCrossTenantReplication", actual: false, expected: false, defaulted: true }, createdOnOrAfter("2023-12-15T00:00:00.0000000Z")],
        },
      ],
    },
    { name: "no storage accounts", snapshot: snap(), results: [] },
    {
      name: "storage list forbidden in SUB2 whose generic list shows no account: nothing there to judge",
      snapshot: failedInSub2({ read: { storageAccounts: [sagrs] }, failed: ["storageAccounts"], unseen: [] }),
      results: [
        { status: "pass", messageId: "secondaryAllowed", part: "secondary", resource: "sagrs" },
        { status: "pass", messageId: "crossTenantBlocked", part: "cross-tenant", resource: "sagrs" },
      ],
    },
  ],
  invalid: [
    {
      name: "GRS in West Europe replicates to North Europe",
      snapshot: snap(geo("saweu", "Standard_GRS", "westeurope", "northeurope"), geo("saexk", "Standard_GZRS", "swedencentral", "swedensouth")),
      results: [
        {
          status: "fail",
          messageId: "secondaryNotAllowed",
          part: "secondary",
          resource: "saweu",
          severity: "high",
          message: "saweu (Standard_GRS) keeps its secondary copy in northeurope, which is not one of the allowed regions.",
          evidence: [geoSku("Standard_GRS"), { path: "properties.secondaryLocation", actual: "northeurope", expected: SE }],
        },
        { status: "pass", part: "cross-tenant", resource: "saweu" },
        { status: "pass", messageId: "secondaryAllowed", part: "secondary", resource: "saexk" },
        { status: "pass", part: "cross-tenant", resource: "saexk" },
      ],
    },
    {
      name: "a custom profile allowing only Sweden Central",
      snapshot: snap(geo("sagrs", "Standard_GRS", "swedencentral", "swedensouth")),
      config: (c) => void (c.profile.allowedRegions = ["swedencentral"]),
      results: [
        { status: "fail", messageId: "secondaryNotAllowed", part: "secondary" },
        { status: "pass", part: "cross-tenant" },
      ],
    },
    {
      name: "GRS in a region without a pair",
      snapshot: snap(geo("sapol", "Standard_GRS", "polandcentral", null)),
      config: eu,
      results: [
        {
          status: "fail",
          messageId: "secondaryUnknown",
          part: "secondary",
          resource: "sapol",
          message: "sapol (Standard_GRS) keeps a secondary copy in a region Hemvist cannot determine (polandcentral has no known pair).",
          evidence: [geoSku("Standard_GRS"), { path: "properties.secondaryLocation", expected: defaultConfig("eu").profile.allowedRegions, defaulted: true }],
        },
        { status: "pass", part: "cross-tenant" },
      ],
    },
    {
      name: "GRS in a location Hemvist does not know",
      snapshot: snap(geo("samars", "Standard_RAGRS", "marsnorth", null)),
      results: [
        { status: "fail", messageId: "secondaryUnknown", part: "secondary" },
        { status: "pass", part: "cross-tenant" },
      ],
    },
    {
      name: "cross-tenant replication allowed",
      snapshot: snap(storageAccount("saxt", { properties: { allowCrossTenantReplication: true } })),
      results: [
        {
          status: "fail",
          messageId: "crossTenantAllowed",
          part: "cross-tenant",
          resource: "saxt",
          severity: "medium",
          message: "saxt allows object replication to storage accounts in other tenants.",
          evidence: [{ path: "properties.allowCrossTenantReplication", actual: true, expected: false }],
        },
      ],
    },
    {
      name: "cross-tenant flag serialised as a string",
      snapshot: snap(storageAccount("saxs", { properties: { allowCrossTenantReplication: "True" } })),
      results: [{ status: "fail", messageId: "crossTenantAllowed", part: "cross-tenant" }],
    },
  ],
  notAssessed: [
    {
      name: "storage accounts forbidden in the second subscription: listed geo-redundant or SKU-less accounts get both parts, the others cross-tenant only",
      snapshot: namedInSub2,
      results: [
        { status: "pass", part: "secondary", resource: "sagrs" },
        { status: "pass", part: "cross-tenant", resource: "sagrs" },
        { status: "not-assessed", messageId: "__notAssessed", part: "secondary", resource: "sa-grs2" },
        { status: "not-assessed", messageId: "__notAssessed", part: "cross-tenant", resource: "sa-grs2" },
        { status: "not-assessed", messageId: "__notAssessed", part: "secondary", resource: "sa-ragzrs2" },
        { status: "not-assessed", messageId: "__notAssessed", part: "cross-tenant", resource: "sa-ragzrs2" },
        { status: "not-assessed", messageId: "__notAssessed", part: "cross-tenant", resource: "sa-lrs2" },
        { status: "not-assessed", messageId: "__notAssessed", part: "cross-tenant", resource: "sa-zrs2" },
        { status: "not-assessed", messageId: "__notAssessed", part: "secondary", resource: "sa-nosku2" },
        { status: "not-assessed", messageId: "__notAssessed", part: "cross-tenant", resource: "sa-nosku2" },
      ],
    },
    {
      name: "storage accounts and the generic list forbidden in the second subscription: one result per part on it",
      snapshot: genericFailedInSub2,
      results: [
        { status: "pass", part: "secondary", resource: "sagrs" },
        { status: "pass", part: "cross-tenant", resource: "sagrs" },
        { status: "not-assessed", messageId: "__notAssessed", part: "secondary", resource: SUB2 },
        { status: "not-assessed", messageId: "__notAssessed", part: "cross-tenant", resource: SUB2 },
      ],
    },
    {
      name: "both parts of a partly read account are not assessed",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: { storageAccounts: [geo("saweu", "Standard_GRS", "westeurope", "northeurope")] } }],
        coverage: [failure("storageAccounts", `/subscriptions/${SUB}`, { httpStatus: 429, code: "TooManyRequests" })],
      }),
      results: [
        { status: "not-assessed", part: "secondary", resource: "saweu" },
        { status: "not-assessed", part: "cross-tenant", resource: "saweu" },
      ],
    },
  ],
  missingProperty: [
    {
      name: "secondaryLocation absent: the region pair decides",
      snapshot: snap(geo("saexk", "Standard_GRS", "swedencentral", null), geo("saus", "Standard_GRS", "eastus", null)),
      results: [
        {
          status: "pass",
          messageId: "secondaryAllowed",
          part: "secondary",
          resource: "saexk",
          evidence: [geoSku("Standard_GRS"), { path: "properties.secondaryLocation", actual: "swedensouth", expected: SE, defaulted: true }],
        },
        { status: "pass", part: "cross-tenant", resource: "saexk" },
        { status: "fail", messageId: "secondaryNotAllowed", part: "secondary", resource: "saus", message: "saus (Standard_GRS) keeps its secondary copy in westus, which is not one of the allowed regions." },
        { status: "pass", part: "cross-tenant", resource: "saus" },
      ],
    },
    {
      name: "allowCrossTenantReplication absent on an account created before 2023-12-15",
      snapshot: snap(storageAccount("saold", { properties: { allowCrossTenantReplication: undefined, creationTime: "2021-06-01T10:00:00.0000000Z" } })),
      results: [
        {
          status: "fail",
          messageId: "crossTenantAllowed",
          part: "cross-tenant",
          resource: "saold",
          evidence: [{ path: "properties.allowCrossTenantReplication", actual: true, expected: false, defaulted: true }, createdOnOrAfter("2021-06-01T10:00:00.0000000Z")],
        },
      ],
    },
    {
      name: "allowCrossTenantReplication absent on an account created after 2023-12-15",
      snapshot: snap(storageAccount("sanew", { properties: { allowCrossTenantReplication: undefined, creationTime: "2024-02-01T10:00:00.0000000Z" } })),
      results: [{ status: "pass", messageId: "crossTenantBlocked", part: "cross-tenant", resource: "sanew" }],
    },
    {
      name: "neither the flag nor the creation time",
      snapshot: snap(storageAccount("sabare", { properties: { allowCrossTenantReplication: undefined, creationTime: undefined } })),
      results: [
        {
          status: "fail",
          messageId: "crossTenantAllowed",
          part: "cross-tenant",
          resource: "sabare",
          evidence: [{ path: "properties.allowCrossTenantReplication", actual: true, expected: false, defaulted: true }, createdOnOrAfter(undefined)],
        },
      ],
    },
  ],
});

describe("RES-04 targets a failed storage list leaves unjudged", () => {
  it("names each listed account per part its SKU calls for, with the failed read", () => {
    const na = (id: string, part: string) => forbidden(id, "storageAccounts", "*", { part });
    expect(lines(findingsOf(rule, namedInSub2), { severity: false })).toEqual(
      [
        verdict("pass", sagrs.id, "*", "secondaryAllowed", "secondary"),
        verdict("pass", sagrs.id, "*", "crossTenantBlocked", "cross-tenant"),
        na(grs2.id, "secondary"),
        na(grs2.id, "cross-tenant"),
        na(ragzrs2.id, "secondary"),
        na(ragzrs2.id, "cross-tenant"),
        na(lrs2.id, "cross-tenant"),
        na(zrs2.id, "cross-tenant"),
        na(nosku2.id, "secondary"),
        na(nosku2.id, "cross-tenant"),
      ].sort(),
    );
  });
  it("gives the subscription one result per part when its generic list failed too", () => {
    expect(lines(findingsOf(rule, genericFailedInSub2), { severity: false })).toEqual(
      [
        verdict("pass", sagrs.id, "*", "secondaryAllowed", "secondary"),
        verdict("pass", sagrs.id, "*", "crossTenantBlocked", "cross-tenant"),
        forbidden(`/subscriptions/${SUB2}`, "storageAccounts", "*", { part: "secondary" }),
        forbidden(`/subscriptions/${SUB2}`, "storageAccounts", "*", { part: "cross-tenant" }),
      ].sort(),
    );
  });
  it("a not-assessed part has the severity its verdict would have: secondary high, cross-tenant medium", () => {
    const read = makeSnapshot({
      subscriptions: [{ collections: { storageAccounts: [geo("saweu", "Standard_GRS", "westeurope", "northeurope")] } }],
      coverage: [failure("storageAccounts", `/subscriptions/${SUB}`, { httpStatus: 429, code: "TooManyRequests" })],
    });
    const bySeverity = (s: Parameters<typeof findingsOf>[1]) =>
      findingsOf(rule, s)
        .filter((f) => f.status === "not-assessed")
        .map((f) => `${f.resourceName} ${f.part} ${f.severity}`)
        .sort();
    // A read account blinded by the failure keeps each part's severity ...
    expect(bySeverity(read)).toEqual(["saweu cross-tenant medium", "saweu secondary high"]);
    // ... and so should an account only the generic list shows, or the subscription itself.
    expect(bySeverity(namedInSub2)).toEqual(
      [
        "sa-grs2 secondary high",
        "sa-grs2 cross-tenant medium",
        "sa-ragzrs2 secondary high",
        "sa-ragzrs2 cross-tenant medium",
        "sa-lrs2 cross-tenant medium",
        "sa-zrs2 cross-tenant medium",
        "sa-nosku2 secondary high",
        "sa-nosku2 cross-tenant medium",
      ].sort(),
    );
    expect(bySeverity(genericFailedInSub2)).toEqual([`${SUB2} cross-tenant medium`, `${SUB2} secondary high`]);
  });
});
