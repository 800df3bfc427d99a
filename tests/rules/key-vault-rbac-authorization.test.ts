import rule from "../../rules/key-vault/key-vault-rbac-authorization.js";
import { keyVault, managedHsm } from "../fixtures/vaults.js";
import { type ArmResource, failure, makeSnapshot, SUB2 } from "../fixtures/snapshot.js";
import { ruleTester } from "../helpers/rule-tester.js";

const snap = (vaults: ArmResource[], hsms: ArmResource[] = []) => makeSnapshot({ subscriptions: [{ collections: { keyVaults: vaults, managedHsms: hsms } }] });
const policies = {
  properties: {
    enableRbacAuthorization: false,
    accessPolicies: [{ tenantId: "8d3f6a51-0c8e-4e59-9b5e-3a1c2f7e9d10", objectId: "3e9c1a2b-4d5f-4e6a-8b7c-9d0e1f2a3b4c", permissions: { keys: ["get", "wrapKey", "unwrapKey"], secrets: [], certificates: [] } }],
  },
};

ruleTester(rule, {
  valid: [
    { name: "RBAC on", snapshot: snap([keyVault("kv-rbac")]) },
    { name: "RBAC serialised as a string", snapshot: snap([keyVault("kv-str", { properties: { enableRbacAuthorization: "TRUE" } })]) },
    { name: "managed HSMs are not judged (local RBAC only)", snapshot: snap([], [managedHsm("hsm-exk")]), results: [] },
    { name: "empty tenant", snapshot: makeSnapshot(), results: [] },
  ],
  invalid: [
    {
      name: "access policies",
      snapshot: snap([keyVault("kv-policies", policies), keyVault("kv-rbac")]),
      results: [
        { status: "fail", messageId: "accessPolicies", resource: "kv-policies", severity: "low" },
        { status: "pass", messageId: "rbac", resource: "kv-rbac" },
      ],
    },
  ],
  notAssessed: [
    {
      name: "vault list forbidden in the second subscription",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: { keyVaults: [keyVault("kv-rbac")] } }, { subscriptionId: SUB2, collections: {} }],
        coverage: [failure("keyVaults", `/subscriptions/${SUB2}`)],
      }),
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
      results: [{ status: "fail", messageId: "accessPolicies", resource: "kv-old" }],
    },
  ],
});
