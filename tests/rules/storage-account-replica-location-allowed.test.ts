import rule from "../../rules/storage/storage-account-replica-location-allowed.js";
import { defaultConfig } from "../../src/index.js";
import { storageAccount } from "../fixtures/storage.js";
import { type ArmResource, failure, makeSnapshot, SUB, SUB2 } from "../fixtures/snapshot.js";
import { ruleTester } from "../helpers/rule-tester.js";

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
const eu = (c: ReturnType<typeof defaultConfig>) => void (c.profile.allowedRegions = defaultConfig("eu").profile.allowedRegions);

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
    { name: "no storage accounts", snapshot: snap(), results: [] },
  ],
  invalid: [
    {
      name: "GRS in West Europe replicates to North Europe",
      snapshot: snap(geo("saweu", "Standard_GRS", "westeurope", "northeurope"), geo("saexk", "Standard_GZRS", "swedencentral", "swedensouth")),
      results: [
        { status: "fail", messageId: "secondaryNotAllowed", part: "secondary", resource: "saweu", severity: "high" },
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
        { status: "fail", messageId: "secondaryUnknown", part: "secondary", resource: "sapol" },
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
      results: [{ status: "fail", messageId: "crossTenantAllowed", part: "cross-tenant", resource: "saxt", severity: "medium" }],
    },
    {
      name: "cross-tenant flag serialised as a string",
      snapshot: snap(storageAccount("saxs", { properties: { allowCrossTenantReplication: "True" } })),
      results: [{ status: "fail", messageId: "crossTenantAllowed", part: "cross-tenant" }],
    },
  ],
  notAssessed: [
    {
      name: "storage accounts forbidden in the second subscription",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: { storageAccounts: [geo("sagrs", "Standard_GRS", "swedencentral", "swedensouth")] } }, { subscriptionId: SUB2, collections: {} }],
        coverage: [failure("storageAccounts", `/subscriptions/${SUB2}`)],
      }),
      results: [
        { status: "pass", part: "secondary", resource: "sagrs" },
        { status: "pass", part: "cross-tenant", resource: "sagrs" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
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
        { status: "pass", messageId: "secondaryAllowed", part: "secondary", resource: "saexk" },
        { status: "pass", part: "cross-tenant", resource: "saexk" },
        { status: "fail", messageId: "secondaryNotAllowed", part: "secondary", resource: "saus" },
        { status: "pass", part: "cross-tenant", resource: "saus" },
      ],
    },
    {
      name: "allowCrossTenantReplication absent on an account created before 2023-12-15",
      snapshot: snap(storageAccount("saold", { properties: { allowCrossTenantReplication: undefined, creationTime: "2021-06-01T10:00:00.0000000Z" } })),
      results: [{ status: "fail", messageId: "crossTenantAllowed", part: "cross-tenant", resource: "saold" }],
    },
    {
      name: "allowCrossTenantReplication absent on an account created after 2023-12-15",
      snapshot: snap(storageAccount("sanew", { properties: { allowCrossTenantReplication: undefined, creationTime: "2024-02-01T10:00:00.0000000Z" } })),
      results: [{ status: "pass", messageId: "crossTenantBlocked", part: "cross-tenant", resource: "sanew" }],
    },
    {
      name: "neither the flag nor the creation time",
      snapshot: snap(storageAccount("sabare", { properties: { allowCrossTenantReplication: undefined, creationTime: undefined } })),
      results: [{ status: "fail", messageId: "crossTenantAllowed", part: "cross-tenant", resource: "sabare" }],
    },
  ],
});
