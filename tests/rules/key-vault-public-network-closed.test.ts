import rule from "../../rules/key-vault/key-vault-public-network-closed.js";
import { keyVault, managedHsm } from "../fixtures/vaults.js";
import { type ArmResource, failure, makeSnapshot, SUB, SUB2 } from "../fixtures/snapshot.js";
import { ruleTester } from "../helpers/rule-tester.js";

const snap = (vaults: ArmResource[], hsms: ArmResource[] = []) => makeSnapshot({ subscriptions: [{ collections: { keyVaults: vaults, managedHsms: hsms } }] });
const open = { properties: { publicNetworkAccess: "Enabled", networkAcls: { bypass: "AzureServices", defaultAction: "Allow", ipRules: [], virtualNetworkRules: [] } } };

ruleTester(rule, {
  valid: [
    { name: "public access disabled on a vault and an HSM", snapshot: snap([keyVault("kv-private")], [managedHsm("hsm-private")]) },
    {
      name: "public access enabled behind a Deny firewall with an IP rule",
      snapshot: snap([keyVault("kv-fw", { properties: { publicNetworkAccess: "Enabled", networkAcls: { defaultAction: "Deny", ipRules: [{ value: "193.45.12.0/24" }] } } })]),
      results: [{ status: "pass", messageId: "firewallDeny", resource: "kv-fw" }],
    },
    { name: "values in other casing", snapshot: snap([keyVault("kv-case", { properties: { publicNetworkAccess: "disabled" } }), keyVault("kv-case2", { properties: { publicNetworkAccess: "ENABLED", networkAcls: { defaultAction: "deny" } } })]) },
    { name: "empty tenant", snapshot: makeSnapshot(), results: [] },
  ],
  invalid: [
    {
      name: "vault and HSM open to the internet",
      snapshot: snap([keyVault("kv-open", open), keyVault("kv-private")], [managedHsm("hsm-open", open)]),
      results: [
        { status: "fail", messageId: "open", resource: "kv-open", severity: "medium" },
        { status: "pass", messageId: "publicAccessDisabled", resource: "kv-private" },
        { status: "fail", messageId: "open", resource: "managedHSMs/hsm-open" },
      ],
    },
    {
      name: "Allow in lower case",
      snapshot: snap([keyVault("kv-lower", { properties: { publicNetworkAccess: "enabled", networkAcls: { defaultAction: "allow" } } })]),
      results: [{ status: "fail", messageId: "open", resource: "kv-lower" }],
    },
  ],
  notAssessed: [
    {
      name: "managed HSM list forbidden in the second subscription",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: { keyVaults: [keyVault("kv-open", open)], managedHsms: [] } }, { subscriptionId: SUB2, collections: { keyVaults: [] } }],
        coverage: [failure("managedHsms", `/subscriptions/${SUB2}`, { permission: "Microsoft.KeyVault/managedHSMs/read" })],
      }),
      results: [
        { status: "fail", messageId: "open", resource: "kv-open" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
      ],
    },
    {
      name: "vault list failed with a malformed answer",
      snapshot: makeSnapshot({ subscriptions: [{ collections: {} }], coverage: [failure("keyVaults", `/subscriptions/${SUB}`, { httpStatus: 200, code: "MalformedResponse" })] }),
      results: [{ status: "not-assessed", resource: SUB }],
    },
  ],
  missingProperty: [
    {
      name: "publicNetworkAccess and networkAcls absent: Enabled and Allow",
      snapshot: snap([keyVault("kv-legacy", { properties: { publicNetworkAccess: undefined, networkAcls: undefined } })]),
      results: [{ status: "fail", messageId: "open", resource: "kv-legacy" }],
    },
    {
      name: "publicNetworkAccess absent with a Deny firewall",
      snapshot: snap([keyVault("kv-fwonly", { properties: { publicNetworkAccess: undefined } })]),
      results: [{ status: "pass", messageId: "firewallDeny", resource: "kv-fwonly" }],
    },
    {
      name: "networkAcls absent on an HSM with public access enabled",
      snapshot: snap([], [managedHsm("hsm-noacl", { properties: { publicNetworkAccess: "Enabled", networkAcls: undefined } })]),
      results: [{ status: "fail", messageId: "open", resource: "hsm-noacl" }],
    },
  ],
});
