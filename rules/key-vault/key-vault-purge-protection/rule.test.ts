import rule from "./rule.js";
import { keyVault, managedHsm } from "../../../tests/fixtures/vaults.js";
import { type ArmResource, makeSnapshot, SUB, SUB2 } from "../../../tests/fixtures/snapshot.js";
import { ruleTester } from "../../../tests/helpers/rule-tester.js";
import { describe, expect, it } from "vitest";
import { failedInSub, failedInSub2, findingsOf, forbidden, lines, verdict } from "../../../tests/fixtures/coverage.js";
import { defaultConfig, runRules } from "../../../src/index.js";

const snap = (vaults: ArmResource[], hsms: ArmResource[] = []) =>
  makeSnapshot({ subscriptions: [{ collections: { keyVaults: vaults, managedHsms: hsms } }] });

// A failed vault or HSM list: the generic resource list names the unseen stores of that type.
const kvExk = keyVault("kv-exk");
const kvArkiv2 = keyVault("kv-arkiv2", {}, "rg-keys", SUB2);
const kvApp2 = keyVault("kv-app2", {}, "rg-app", SUB2);
const vaultsForbiddenInSub2 = failedInSub2({ read: { keyVaults: [kvExk], managedHsms: [] }, failed: ["keyVaults"], sub2: { managedHsms: [] }, unseen: [kvArkiv2, kvApp2] });
const vaultsAndGenericForbiddenInSub2 = failedInSub2({ read: { keyVaults: [kvExk], managedHsms: [] }, failed: ["keyVaults"], sub2: { managedHsms: [] }, unseen: "failed" });
const hsmExk = managedHsm("hsm-exk");
const throttled = { httpStatus: 429, code: "TooManyRequests" };
const hsmsThrottled = failedInSub({ read: { keyVaults: [kvExk] }, failed: ["managedHsms"], unseen: [hsmExk], over: throttled });

ruleTester(rule, {
  valid: [
    { name: "vault and HSM with both protections", snapshot: snap([keyVault("kv-exk")], [managedHsm("hsm-exk")]) },
    { name: "booleans serialised as strings", snapshot: snap([keyVault("kv-str", { properties: { enableSoftDelete: "True", enablePurgeProtection: "true" } })]) },
    { name: "empty tenant", snapshot: makeSnapshot(), results: [] },
    {
      name: "vault list forbidden in SUB2 whose generic list shows no vault: nothing there to judge",
      snapshot: failedInSub2({ read: { keyVaults: [kvExk], managedHsms: [] }, failed: ["keyVaults"], sub2: { managedHsms: [] }, unseen: [] }),
      results: [{ status: "pass", messageId: "protected", resource: "kv-exk" }],
    },
  ],
  invalid: [
    {
      name: "purge protection off on a vault, soft delete off on another",
      snapshot: snap([keyVault("kv-nopurge", { properties: { enablePurgeProtection: false } }), keyVault("kv-nosoft", { properties: { enableSoftDelete: false, enablePurgeProtection: false } }), keyVault("kv-ok")]),
      results: [
        {
          status: "fail",
          messageId: "noPurgeProtection",
          resource: "kv-nopurge",
          severity: "high",
          message: "kv-nopurge has purge protection turned off, so it and its keys can be purged before the retention period ends.",
          evidence: [{ path: "properties.enableSoftDelete", actual: true, expected: true }, { path: "properties.enablePurgeProtection", actual: false, expected: true }],
        },
        {
          status: "fail",
          messageId: "noSoftDelete",
          resource: "kv-nosoft",
          severity: "high",
          message: "kv-nosoft has soft delete turned off, so deleted keys cannot be recovered.",
          evidence: [{ path: "properties.enableSoftDelete", actual: false, expected: true }, { path: "properties.enablePurgeProtection", actual: false, expected: true }],
        },
        { status: "pass", messageId: "protected", resource: "kv-ok", message: "kv-ok has soft delete and purge protection turned on.", evidence: [{ path: "properties.enableSoftDelete", actual: true, expected: true }, { path: "properties.enablePurgeProtection", actual: true, expected: true }] },
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
      name: "vault list forbidden in the second subscription: each vault its generic list shows is named",
      snapshot: vaultsForbiddenInSub2,
      results: [
        { status: "pass", resource: "kv-exk" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "kv-arkiv2", severity: "high" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "kv-app2", severity: "high" },
      ],
    },
    {
      name: "vault list and generic list forbidden in the second subscription: one result on it",
      snapshot: vaultsAndGenericForbiddenInSub2,
      results: [
        { status: "pass", resource: "kv-exk" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
      ],
    },
    {
      name: "managed HSM list throttled out: the vault keeps its verdict, the listed HSM is named",
      snapshot: hsmsThrottled,
      results: [
        { status: "pass", messageId: "protected", resource: "kv-exk" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "hsm-exk" },
      ],
    },
  ],
  missingProperty: [
    {
      name: "enablePurgeProtection absent means off",
      snapshot: snap([keyVault("kv-default", { properties: { enablePurgeProtection: undefined } })]),
      results: [{ status: "fail", messageId: "noPurgeProtection", resource: "kv-default", evidence: [{ path: "properties.enableSoftDelete", actual: true, expected: true }, { path: "properties.enablePurgeProtection", expected: true, defaulted: true }] }],
    },
    {
      name: "enableSoftDelete absent means on",
      snapshot: snap([keyVault("kv-softdefault", { properties: { enableSoftDelete: undefined } })]),
      results: [{ status: "pass", messageId: "protected", resource: "kv-softdefault", evidence: [{ path: "properties.enableSoftDelete", expected: true, defaulted: true }, { path: "properties.enablePurgeProtection", actual: true, expected: true }] }],
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

describe("KEY-01 targets a failed vault or HSM list leaves unjudged", () => {
  it("names the vaults SUB2's generic list shows", () => {
    expect(lines(findingsOf(rule, vaultsForbiddenInSub2))).toEqual(
      [verdict("pass", kvExk.id, "high", "protected"), forbidden(kvArkiv2.id, "keyVaults", "high"), forbidden(kvApp2.id, "keyVaults", "high")].sort(),
    );
  });
  it("gives the subscription one result when its generic list failed too", () => {
    expect(lines(findingsOf(rule, vaultsAndGenericForbiddenInSub2))).toEqual([verdict("pass", kvExk.id, "high", "protected"), forbidden(`/subscriptions/${SUB2}`, "keyVaults", "high")].sort());
  });
  it("names the HSM with the 429, not the vault", () => {
    expect(lines(findingsOf(rule, hsmsThrottled))).toEqual(
      [verdict("pass", kvExk.id, "high", "protected"), forbidden(hsmExk.id, "managedHsms", "high", { scope: `/subscriptions/${SUB}`, httpStatus: 429, code: "TooManyRequests" })].sort(),
    );
  });
});
