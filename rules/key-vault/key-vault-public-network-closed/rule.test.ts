import { describe, expect, it } from "vitest";
import rule from "./rule.js";
import { failedInSub, failedInSub2, findingsOf, forbidden, lines, verdict } from "../../../tests/fixtures/coverage.js";
import { keyVault, managedHsm } from "../../../tests/fixtures/vaults.js";
import { type ArmResource, makeSnapshot, SUB, SUB2 } from "../../../tests/fixtures/snapshot.js";
import { ruleTester } from "../../../tests/helpers/rule-tester.js";

const snap = (vaults: ArmResource[], hsms: ArmResource[] = []) => makeSnapshot({ subscriptions: [{ collections: { keyVaults: vaults, managedHsms: hsms } }] });
const open = { properties: { publicNetworkAccess: "Enabled", networkAcls: { bypass: "AzureServices", defaultAction: "Allow", ipRules: [], virtualNetworkRules: [] } } };

// A failed vault or HSM list: the generic resource list names the unseen stores of that type.
const kvOpen = keyVault("kv-open", open);
const hsm2 = managedHsm("hsm-sub2", {}, "rg-keys", SUB2);
const hsmPermission = { permission: "Microsoft.KeyVault/managedHSMs/read" };
const hsmsForbiddenInSub2 = failedInSub2({ read: { keyVaults: [kvOpen], managedHsms: [] }, failed: ["managedHsms"], sub2: { keyVaults: [] }, unseen: [hsm2], over: hsmPermission });
const hsmsAndGenericForbiddenInSub2 = failedInSub2({ read: { keyVaults: [kvOpen], managedHsms: [] }, failed: ["managedHsms"], sub2: { keyVaults: [] }, unseen: "failed", over: hsmPermission });
const kvLegacy = keyVault("kv-legacy", { properties: { publicNetworkAccess: undefined, networkAcls: undefined } });
const malformed = { httpStatus: 200, code: "MalformedResponse" };
const vaultsMalformed = failedInSub({ read: { managedHsms: [] }, failed: ["keyVaults"], unseen: [kvLegacy], over: malformed });

ruleTester(rule, {
  valid: [
    { name: "public access disabled on a vault and an HSM", snapshot: snap([keyVault("kv-private")], [managedHsm("hsm-private")]) },
    {
      name: "public access enabled behind a Deny firewall with an IP rule",
      snapshot: snap([keyVault("kv-fw", { properties: { publicNetworkAccess: "Enabled", networkAcls: { defaultAction: "Deny", ipRules: [{ value: "193.45.12.0/24" }] } } })]),
      results: [
        {
          status: "pass",
          messageId: "firewallDeny",
          resource: "kv-fw",
          message: "kv-fw denies public traffic by default and admits only the networks in its firewall rules.",
          evidence: [{ path: "properties.publicNetworkAccess", actual: "Enabled", expected: "Disabled" }, { path: "properties.networkAcls.defaultAction", actual: "Deny", expected: "Deny" }],
        },
      ],
    },
    { name: "values in other casing", snapshot: snap([keyVault("kv-case", { properties: { publicNetworkAccess: "disabled" } }), keyVault("kv-case2", { properties: { publicNetworkAccess: "ENABLED", networkAcls: { defaultAction: "deny" } } })]) },
    { name: "empty tenant", snapshot: makeSnapshot(), results: [] },
  ],
  invalid: [
    {
      name: "managed HSM list forbidden in SUB2 whose generic list shows no HSM: only the readable vault's verdict",
      snapshot: failedInSub2({ read: { keyVaults: [kvOpen], managedHsms: [] }, failed: ["managedHsms"], sub2: { keyVaults: [] }, unseen: [], over: hsmPermission }),
      results: [{ status: "fail", messageId: "open", resource: "kv-open" }],
    },
    {
      name: "vault and HSM open to the internet",
      snapshot: snap([keyVault("kv-open", open), keyVault("kv-private")], [managedHsm("hsm-open", open)]),
      results: [
        {
          status: "fail",
          messageId: "open",
          resource: "kv-open",
          severity: "medium",
          message: "kv-open accepts connections from any public network.",
          evidence: [{ path: "properties.publicNetworkAccess", actual: "Enabled", expected: "Disabled" }, { path: "properties.networkAcls.defaultAction", actual: "Allow", expected: "Deny" }],
        },
        {
          status: "pass",
          messageId: "publicAccessDisabled",
          resource: "kv-private",
          message: "kv-private has public network access disabled.",
          evidence: [{ path: "properties.publicNetworkAccess", actual: "Disabled", expected: "Disabled" }, { path: "properties.networkAcls.defaultAction", actual: "Deny", expected: "Deny" }],
        },
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
      name: "managed HSM list forbidden in the second subscription: the HSM its generic list shows is named",
      snapshot: hsmsForbiddenInSub2,
      results: [
        { status: "fail", messageId: "open", resource: "kv-open" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "hsm-sub2", severity: "medium" },
      ],
    },
    {
      name: "managed HSM list and generic list forbidden in the second subscription: one result on it",
      snapshot: hsmsAndGenericForbiddenInSub2,
      results: [
        { status: "fail", messageId: "open", resource: "kv-open" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
      ],
    },
    {
      name: "vault list failed with a malformed answer: the vault the generic list shows is named",
      snapshot: vaultsMalformed,
      results: [{ status: "not-assessed", messageId: "__notAssessed", resource: "kv-legacy" }],
    },
  ],
  missingProperty: [
    {
      name: "publicNetworkAccess and networkAcls absent: Enabled and Allow",
      snapshot: snap([keyVault("kv-legacy", { properties: { publicNetworkAccess: undefined, networkAcls: undefined } })]),
      results: [{ status: "fail", messageId: "open", resource: "kv-legacy", evidence: [{ path: "properties.publicNetworkAccess", expected: "Disabled", defaulted: true }, { path: "properties.networkAcls.defaultAction", expected: "Deny", defaulted: true }] }],
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

describe("KEY-04 targets a failed vault or HSM list leaves unjudged", () => {
  it("names the HSM SUB2's generic list shows, with the permission that was missing", () => {
    const fs = findingsOf(rule, hsmsForbiddenInSub2);
    expect(lines(fs)).toEqual([verdict("fail", kvOpen.id, "medium", "open"), forbidden(hsm2.id, "managedHsms", "medium")].sort());
    expect(fs.find((f) => f.resourceId === hsm2.id)?.notAssessed?.permission).toBe("Microsoft.KeyVault/managedHSMs/read");
  });
  it("gives the subscription one result when its generic list failed too", () => {
    expect(lines(findingsOf(rule, hsmsAndGenericForbiddenInSub2))).toEqual([verdict("fail", kvOpen.id, "medium", "open"), forbidden(`/subscriptions/${SUB2}`, "managedHsms", "medium")].sort());
  });
  it("names the vault with the malformed 200", () => {
    expect(lines(findingsOf(rule, vaultsMalformed))).toEqual([forbidden(kvLegacy.id, "keyVaults", "medium", { scope: `/subscriptions/${SUB}`, httpStatus: 200, code: "MalformedResponse" })]);
  });
});
