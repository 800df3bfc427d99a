import rule from "../../rules/key-vault/key-vault-purge-protection.js";
import { keyVault, managedHsm } from "../fixtures/vaults.js";
import { type ArmResource, failure, makeSnapshot, SUB, SUB2 } from "../fixtures/snapshot.js";
import { ruleTester } from "../helpers/rule-tester.js";
import { expect, it } from "vitest";
import { defaultConfig, runRules } from "../../src/index.js";

const snap = (vaults: ArmResource[], hsms: ArmResource[] = []) =>
  makeSnapshot({ subscriptions: [{ collections: { keyVaults: vaults, managedHsms: hsms } }] });

ruleTester(rule, {
  valid: [
    { name: "vault and HSM with both protections", snapshot: snap([keyVault("kv-exk")], [managedHsm("hsm-exk")]) },
    { name: "booleans serialised as strings", snapshot: snap([keyVault("kv-str", { properties: { enableSoftDelete: "True", enablePurgeProtection: "true" } })]) },
    { name: "empty tenant", snapshot: makeSnapshot(), results: [] },
  ],
  invalid: [
    {
      name: "purge protection off on a vault, soft delete off on another",
      snapshot: snap([keyVault("kv-nopurge", { properties: { enablePurgeProtection: false } }), keyVault("kv-nosoft", { properties: { enableSoftDelete: false, enablePurgeProtection: false } }), keyVault("kv-ok")]),
      results: [
        { status: "fail", messageId: "noPurgeProtection", resource: "kv-nopurge", severity: "high" },
        { status: "fail", messageId: "noSoftDelete", resource: "kv-nosoft", severity: "high" },
        { status: "pass", messageId: "protected", resource: "kv-ok" },
      ],
    },
    {
      name: "managed HSM without purge protection",
      snapshot: snap([], [managedHsm("hsm-open", { properties: { enablePurgeProtection: false } })]),
      results: [{ status: "fail", messageId: "noPurgeProtection", resource: "hsm-open" }],
    },
  ],
  notAssessed: [
    {
      name: "vault list forbidden in the second subscription",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: { keyVaults: [keyVault("kv-exk")] } }, { subscriptionId: SUB2, collections: {} }],
        coverage: [failure("keyVaults", `/subscriptions/${SUB2}`)],
      }),
      results: [
        { status: "pass", resource: "kv-exk" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
      ],
    },
    {
      name: "managed HSM list throttled out",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: { keyVaults: [keyVault("kv-exk")] } }],
        coverage: [failure("managedHsms", `/subscriptions/${SUB}`, { httpStatus: 429, code: "TooManyRequests" })],
      }),
      results: [{ status: "not-assessed", resource: "kv-exk" }],
    },
  ],
  missingProperty: [
    {
      name: "enablePurgeProtection absent means off",
      snapshot: snap([keyVault("kv-default", { properties: { enablePurgeProtection: undefined } })]),
      results: [{ status: "fail", messageId: "noPurgeProtection", resource: "kv-default" }],
    },
    {
      name: "enableSoftDelete absent means on",
      snapshot: snap([keyVault("kv-softdefault", { properties: { enableSoftDelete: undefined } })]),
      results: [{ status: "pass", messageId: "protected", resource: "kv-softdefault" }],
    },
    {
      name: "both absent on a managed HSM",
      snapshot: snap([], [managedHsm("hsm-bare", { properties: { enableSoftDelete: undefined, enablePurgeProtection: undefined } })]),
      results: [{ status: "fail", messageId: "noPurgeProtection", resource: "hsm-bare" }],
    },
  ],
});

it("KEY-01 marks defaulted values in the evidence", () => {
  const s = snap([keyVault("kv-default", { properties: { enablePurgeProtection: undefined } })]);
  const [f] = runRules(s, [rule], { config: defaultConfig(), now: new Date("2026-11-27T03:00:00Z") }).findings;
  expect(f?.evidence).toEqual([
    { path: "properties.enableSoftDelete", actual: true, expected: true },
    { path: "properties.enablePurgeProtection", actual: undefined, expected: true, defaulted: true },
  ]);
});
