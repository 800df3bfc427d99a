import { describe, expect, it } from "vitest";
import rule from "./rule.js";
import { failedInSub2, findingsOf, forbidden, lines, verdict } from "../../../tests/fixtures/coverage.js";
import { keyVault, managedHsm } from "../../../tests/fixtures/vaults.js";
import { type ArmResource, makeSnapshot, SUB2 } from "../../../tests/fixtures/snapshot.js";
import { ruleTester } from "../../../tests/helpers/rule-tester.js";

const snap = (vaults: ArmResource[], hsms: ArmResource[] = []) => makeSnapshot({ subscriptions: [{ collections: { keyVaults: vaults, managedHsms: hsms } }] });
const policies = {
  properties: {
    enableRbacAuthorization: false,
    accessPolicies: [{ tenantId: "8d3f6a51-0c8e-4e59-9b5e-3a1c2f7e9d10", objectId: "3e9c1a2b-4d5f-4e6a-8b7c-9d0e1f2a3b4c", permissions: { keys: ["get", "wrapKey", "unwrapKey"], secrets: [], certificates: [] } }],
  },
};

// A failed vault list: the generic resource list names the unseen vaults (never HSMs: not judged here).
const kvRbac = keyVault("kv-rbac");
const kvPol2 = keyVault("kv-pol2", policies, "rg-keys", SUB2);
const hsm2 = managedHsm("hsm-sub2", {}, "rg-keys", SUB2);
const vaultsForbiddenInSub2 = failedInSub2({ read: { keyVaults: [kvRbac], managedHsms: [] }, failed: ["keyVaults"], sub2: { managedHsms: [hsm2] }, unseen: [kvPol2] });
const vaultsAndGenericForbiddenInSub2 = failedInSub2({ read: { keyVaults: [kvRbac], managedHsms: [] }, failed: ["keyVaults"], sub2: { managedHsms: [hsm2] }, unseen: "failed" });

ruleTester(rule, {
  valid: [
    { name: "RBAC on", snapshot: snap([keyVault("kv-rbac")]) },
    { name: "RBAC serialised as a string", snapshot: snap([keyVault("kv-str", { properties: { enableRbacAuthorization: "TRUE" } })]) },
    { name: "managed HSMs are not judged (local RBAC only)", snapshot: snap([], [managedHsm("hsm-exk")]), results: [] },
    { name: "empty tenant", snapshot: makeSnapshot(), results: [] },
    {
      name: "vault list forbidden in SUB2 whose generic list shows only an HSM: nothing there to judge",
      snapshot: failedInSub2({ read: { keyVaults: [kvRbac], managedHsms: [] }, failed: ["keyVaults"], sub2: { managedHsms: [hsm2] }, unseen: [] }),
      results: [{ status: "pass", messageId: "rbac", resource: "kv-rbac" }],
    },
    {
      name: "an HSM list failure does not concern this rule",
      snapshot: failedInSub2({ read: { keyVaults: [kvRbac], managedHsms: [] }, failed: ["managedHsms"], sub2: { keyVaults: [] }, unseen: [hsm2] }),
      results: [{ status: "pass", messageId: "rbac", resource: "kv-rbac" }],
    },
  ],
  invalid: [
    {
      name: "access policies",
      snapshot: snap([keyVault("kv-policies", policies), keyVault("kv-rbac")]),
      results: [
        {
          status: "fail",
          messageId: "accessPolicies",
          resource: "kv-policies",
          severity: "low",
          message: "kv-policies authorises access with vault access policies instead of Azure RBAC.",
          evidence: [{ path: "properties.enableRbacAuthorization", actual: false, expected: true }],
        },
        { status: "pass", messageId: "rbac", resource: "kv-rbac", message: "kv-rbac authorises access with Azure RBAC.", evidence: [{ path: "properties.enableRbacAuthorization", actual: true, expected: true }] },
      ],
    },
  ],
  notAssessed: [
    {
      name: "vault list forbidden in the second subscription: the vault its generic list shows is named, the HSM is not",
      snapshot: vaultsForbiddenInSub2,
      results: [
        { status: "pass", resource: "kv-rbac" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "kv-pol2", severity: "low" },
      ],
    },
    {
      name: "vault list and generic list forbidden in the second subscription: one result on it",
      snapshot: vaultsAndGenericForbiddenInSub2,
      results: [
        { status: "pass", resource: "kv-rbac" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
      ],
    },
  ],
  missingProperty: [
    {
      name: "enableRbacAuthorization absent means access policies",
      snapshot: snap([keyVault("kv-old", { properties: { enableRbacAuthorization: undefined } })]),
      results: [{ status: "fail", messageId: "accessPolicies", resource: "kv-old", evidence: [{ path: "properties.enableRbacAuthorization", expected: true, defaulted: true }] }],
    },
  ],
});

describe("KEY-05 targets a failed vault list leaves unjudged", () => {
  it("names the vault SUB2's generic list shows", () => {
    expect(lines(findingsOf(rule, vaultsForbiddenInSub2))).toEqual([verdict("pass", kvRbac.id, "low", "rbac"), forbidden(kvPol2.id, "keyVaults", "low")].sort());
  });
  it("gives the subscription one result when its generic list failed too", () => {
    expect(lines(findingsOf(rule, vaultsAndGenericForbiddenInSub2))).toEqual([verdict("pass", kvRbac.id, "low", "rbac"), forbidden(`/subscriptions/${SUB2}`, "keyVaults", "low")].sort());
  });
});
