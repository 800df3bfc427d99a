/**
 * ARM id edges the engine meets in real answers: subscription-scope and tenant-scope resources,
 * extension resources (diagnostic settings, role and policy assignments under another resource),
 * ids with trailing slashes and changed casing, and scopes that share a prefix. Expected values are
 * written out by hand, asserted strictly (a property set to undefined is a difference).
 */
import { describe, expect, it } from "vitest";
import { idKey, isUnder, parentArmId, parseArmId } from "../../src/engine/arm-id.js";

const SUB = "8f2d6a71-3c4b-4e5f-9a0b-1c2d3e4f5a6b";
const RG = `/subscriptions/${SUB}/resourceGroups/rg-arkiv`;
const KV = `${RG}/providers/Microsoft.KeyVault/vaults/kv-arkiv`;
// Shape of Microsoft.Insights diagnosticSettings ids (azure-rest-api-specs
// specification/monitor/resource-manager/Microsoft.Insights/stable/2021-05-01-preview/examples/getDiagnosticSetting.json).
const DIAG = `${KV}/providers/Microsoft.Insights/diagnosticSettings/ds-logganalys`;
// A policy assignment at subscription scope and a role assignment at management-group scope.
const SUB_ASSIGNMENT = `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyAssignments/allowed-locations`;
const MG = "/providers/Microsoft.Management/managementGroups/mg-kommun";
const MG_ROLE = `${MG}/providers/Microsoft.Authorization/roleAssignments/3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b`;

describe("parseArmId", () => {
  it("a resource group id without a name after resourceGroups gives only the subscription", () => {
    expect(parseArmId(`/subscriptions/${SUB}/resourceGroups`)).toStrictEqual({ subscriptionId: SUB });
    expect(parseArmId(`/subscriptions/${SUB}/resourceGroups/`)).toStrictEqual({ subscriptionId: SUB });
  });

  it("a resource group id, whatever its casing, is typed Microsoft.Resources/resourceGroups", () => {
    expect(parseArmId(`/Subscriptions/${SUB}/ResourceGroups/RG-ARKIV`)).toStrictEqual({ subscriptionId: SUB, resourceGroup: "RG-ARKIV", type: "Microsoft.Resources/resourceGroups", name: "RG-ARKIV" });
  });

  it("a subscription-scope resource keeps its subscription and has no resource group", () => {
    expect(parseArmId(SUB_ASSIGNMENT)).toStrictEqual({ subscriptionId: SUB, type: "Microsoft.Authorization/policyAssignments", name: "allowed-locations" });
  });

  it("an extension resource is typed by its last provider, and keeps the group of the resource it extends", () => {
    expect(parseArmId(DIAG)).toStrictEqual({ subscriptionId: SUB, resourceGroup: "rg-arkiv", type: "Microsoft.Insights/diagnosticSettings", name: "ds-logganalys" });
    expect(parseArmId(MG)).toStrictEqual({ type: "Microsoft.Management/managementGroups", name: "mg-kommun" });
    expect(parseArmId(MG_ROLE)).toStrictEqual({ type: "Microsoft.Authorization/roleAssignments", name: "3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b" });
  });

  it("a resource group named providers is a group name, not a provider segment", () => {
    expect(parseArmId(`/subscriptions/${SUB}/resourceGroups/providers/providers/Microsoft.Storage/storageAccounts/starkiv01`)).toStrictEqual({
      subscriptionId: SUB,
      resourceGroup: "providers",
      type: "Microsoft.Storage/storageAccounts",
      name: "starkiv01",
    });
    expect(parseArmId(`/subscriptions/${SUB}/resourceGroups/providers`)).toStrictEqual({ subscriptionId: SUB, resourceGroup: "providers", type: "Microsoft.Resources/resourceGroups", name: "providers" });
  });

  it("a provider without a type leaves the scope's own type; a subscription with a tail is not the subscription", () => {
    expect(parseArmId(`${RG}/providers/Microsoft.Storage`)).toStrictEqual({ subscriptionId: SUB, resourceGroup: "rg-arkiv", type: "Microsoft.Resources/resourceGroups", name: "rg-arkiv" });
    expect(parseArmId(`${RG}/providers`)).toStrictEqual({ subscriptionId: SUB, resourceGroup: "rg-arkiv", type: "Microsoft.Resources/resourceGroups", name: "rg-arkiv" });
    expect(parseArmId(`/subscriptions/${SUB}/locations/swedencentral`)).toStrictEqual({ subscriptionId: SUB });
    expect(parseArmId("/subscriptions")).toStrictEqual({});
    expect(parseArmId("")).toStrictEqual({});
  });

  it("a nested child keeps every type segment and the last name", () => {
    const container = `${RG}/providers/Microsoft.Storage/storageAccounts/starkiv01/blobServices/default/containers/diarium`;
    expect(parseArmId(container)).toStrictEqual({ subscriptionId: SUB, resourceGroup: "rg-arkiv", type: "Microsoft.Storage/storageAccounts/blobServices/containers", name: "diarium" });
  });
});

describe("parentArmId", () => {
  it("an extension resource's parent is the resource it extends", () => {
    expect(parentArmId(DIAG)).toBe(KV);
    expect(parentArmId(MG_ROLE)).toBe(MG);
  });

  it("a subscription-scope resource's parent is the subscription; a management group has none", () => {
    expect(parentArmId(SUB_ASSIGNMENT)).toBe(`/subscriptions/${SUB}`);
    expect(parentArmId(MG)).toBeUndefined();
    expect(parentArmId("/providers/Microsoft.Management")).toBeUndefined();
  });

  it("an id without providers drops its last name and type", () => {
    expect(parentArmId(`/subscriptions/${SUB}/locations/swedencentral`)).toBe(`/subscriptions/${SUB}`);
    expect(parentArmId(`${RG}/deployments/d1`)).toBe(RG);
    expect(parentArmId(`/SUBSCRIPTIONS/${SUB}/RESOURCEGROUPS/RG-ARKIV`)).toBe(`/SUBSCRIPTIONS/${SUB}`);
  });

  it("a grandchild's parent is the child, a child's parent the top-level resource", () => {
    const account = `${RG}/providers/Microsoft.Storage/storageAccounts/starkiv01`;
    expect(parentArmId(`${account}/blobServices/default/containers/diarium`)).toBe(`${account}/blobServices/default`);
    expect(parentArmId(`${account}/blobServices/default`)).toBe(account);
    expect(parentArmId(account)).toBe(RG);
  });
});

describe("idKey and isUnder", () => {
  it("idKey lower-cases and drops every trailing slash, nothing else", () => {
    expect(idKey(`/Subscriptions/${SUB.toUpperCase()}/resourceGroups/RG-Arkiv//`)).toBe(`/subscriptions/${SUB}/resourcegroups/rg-arkiv`);
    expect(idKey("/subscriptions//x/")).toBe("/subscriptions//x");
  });

  it("isUnder: the scope itself and what lies below it, case-insensitively; a sibling sharing a prefix is not under it", () => {
    expect(isUnder(KV.toUpperCase(), RG)).toBe(true);
    expect(isUnder(RG, `${RG}/`)).toBe(true);
    expect(isUnder(`${RG}-gammal/providers/Microsoft.KeyVault/vaults/kv1`, RG)).toBe(false);
    expect(isUnder(RG, KV)).toBe(false);
  });
});
