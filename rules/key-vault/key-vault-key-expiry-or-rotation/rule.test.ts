import rule from "./rule.js";
import { hsmKey, keyVault, managedHsm, rotationPolicy, vaultKey } from "../../../tests/fixtures/vaults.js";
import { loadFixtures } from "../../../tests/conformance/load.js";
import { type ArmResource, failure, makeSnapshot, SUB, SUB2 } from "../../../tests/fixtures/snapshot.js";
import { ruleTester } from "../../../tests/helpers/rule-tester.js";
import { describe, expect, it } from "vitest";
import { failedInSub2, findingsOf, forbidden, lines, verdict } from "../../../tests/fixtures/coverage.js";
import { defaultConfig, runRules } from "../../../src/index.js";

const kv = keyVault("kv-exk");
const kv2 = keyVault("kv-app", {}, "rg-app");
const snap = (keys: ArmResource[], vaults: ArmResource[] = [kv, kv2]) => makeSnapshot({ subscriptions: [{ collections: { keyVaults: vaults, vaultKeys: keys } }] });
const EXP_2027 = 1811808000; // 2027-06-01T00:00:00Z

// Keys never appear in the generic resource list: a failed vault or key list always leaves its scope one result.
const cmkRot = vaultKey(kv, "cmk-rot", { properties: { rotationPolicy: rotationPolicy() } });
const kvSub2 = keyVault("kv-sub2", {}, "rg-keys", SUB2);
const vaultsForbidden = (unseen: ArmResource[] | "failed") => failedInSub2({ read: { keyVaults: [kv], vaultKeys: [cmkRot] }, failed: ["keyVaults"], unseen });
const keysOfOneVaultForbidden = makeSnapshot({
  subscriptions: [{ collections: { keyVaults: [kv, kv2], vaultKeys: [vaultKey(kv2, "cmk-exp", { properties: { attributes: { exp: EXP_2027 } } })] } }],
  coverage: [failure("vaultKeys", kv.id, { permission: "Microsoft.KeyVault/vaults/keys/read" })],
});

// Managed HSM keys (ARM `managedHSMs/keys`, read like vault keys: the list, then a GET of each key).
const hsm = managedHsm("hsm-exk");
const hsm2 = managedHsm("hsm-dr", {}, "rg-dr");
const hsnap = (hsmKeys: ArmResource[], vaultKeys: ArmResource[] = []) =>
  makeSnapshot({ subscriptions: [{ collections: { keyVaults: [kv], vaultKeys, managedHsms: [hsm, hsm2], managedHsmKeys: hsmKeys } }] });
/** The key of spec example 2026-02-01/managedHsmGetKey.json (ManagedHsmKeys_Get), verbatim from its conformance fixture. */
const EXAMPLE = loadFixtures().find((f) => f.file === "key-vault/managedHsmGetKey.json")?.body as ArmResource;
const EXAMPLE_SUB = "00000000-0000-0000-0000-000000000000";
const hsmCmk = hsmKey(hsm, "cmk-sqlmi", { properties: { rotationPolicy: rotationPolicy() } });
const keysOfOneHsmForbidden = makeSnapshot({
  subscriptions: [{ collections: { keyVaults: [], vaultKeys: [], managedHsms: [hsm, hsm2], managedHsmKeys: [hsmCmk] } }],
  coverage: [failure("managedHsmKeys", hsm2.id, { permission: "Microsoft.KeyVault/managedHSMs/keys/read" })],
});
const oneHsmKeyGetForbidden = makeSnapshot({
  subscriptions: [{ collections: { keyVaults: [], vaultKeys: [], managedHsms: [hsm], managedHsmKeys: [hsmCmk] } }],
  coverage: [failure("managedHsmKeys", `${hsm.id}/keys/cmk-backup`, { operation: "GET /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.KeyVault/managedHSMs/{m}/keys/{k}", permission: "Microsoft.KeyVault/managedHSMs/keys/read" })],
});

ruleTester(rule, {
  valid: [
    { name: "managed HSM key with a rotation policy that rotates", snapshot: hsnap([hsmCmk]) },
    { name: "managed HSM key: Rotate in title case", snapshot: hsnap([hsmKey(hsm, "cmk-case", { properties: { rotationPolicy: rotationPolicy("Rotate") } })]) },
    { name: "managed HSM key with an expiry date", snapshot: hsnap([hsmKey(hsm2, "cmk-exp", { properties: { attributes: { exp: EXP_2027 } } })]) },
    { name: "managed HSMs without keys", snapshot: hsnap([]), results: [] },
    { name: "rotation policy with a rotate action", snapshot: snap([vaultKey(kv, "cmk-storage", { properties: { rotationPolicy: rotationPolicy() } })]) },
    { name: "Rotate in title case", snapshot: snap([vaultKey(kv, "cmk-case", { properties: { rotationPolicy: rotationPolicy("Rotate") } })]) },
    { name: "expiry date set", snapshot: snap([vaultKey(kv2, "cmk-exp", { properties: { attributes: { exp: EXP_2027 } } })]) },
    { name: "vaults without keys", snapshot: snap([]), results: [] },
    {
      name: "exact message and evidence of a key whose policy rotates it",
      snapshot: snap([vaultKey(kv, "cmk-storage", { properties: { attributes: { exp: undefined }, rotationPolicy: rotationPolicy() } })]),
      results: [
        {
          status: "pass",
          messageId: "rotates",
          message: "cmk-storage has a rotation policy that rotates it.",
          evidence: [
            { path: "properties.attributes.exp", expected: { en: "an expiry date", sv: "ett utgångsdatum" }, defaulted: true },
            { path: "properties.rotationPolicy.lifetimeActions[].action.type", actual: ["rotate", "notify"], expected: "Rotate" },
          ],
        },
      ],
    },
    {
      name: "an expiry date given as a date string or as seconds in a string",
      snapshot: snap([
        vaultKey(kv, "cmk-isodate", { properties: { attributes: { exp: "2027-06-01" } } }),
        vaultKey(kv, "cmk-secstr", { properties: { attributes: { exp: "1811808000" } } }),
      ]),
      results: [
        { status: "pass", messageId: "expires", resource: "cmk-isodate", message: "cmk-isodate expires on 2027-06-01." },
        { status: "pass", messageId: "expires", resource: "cmk-secstr", message: "cmk-secstr expires on 2027-06-01." },
      ],
    },
    { name: "empty tenant", snapshot: makeSnapshot(), results: [] },
  ],
  invalid: [
    {
      name: "managed HSM key as spec example managedHsmGetKey.json returns it: no exp, no rotation policy",
      snapshot: makeSnapshot({ subscriptions: [{ subscriptionId: EXAMPLE_SUB, collections: { keyVaults: [], vaultKeys: [], managedHsms: [], managedHsmKeys: [EXAMPLE] } }] }),
      results: [{ status: "fail", messageId: "neither", resource: "managedHSMs/sample-managedhsm-name/keys/sample-key-name", severity: "medium" }],
    },
    {
      name: "managed HSM key whose policy only notifies",
      snapshot: hsnap([hsmKey(hsm, "cmk-notify", { properties: { rotationPolicy: { attributes: { expiryTime: "P2Y" }, lifetimeActions: [{ trigger: { timeBeforeExpiry: "P30D" }, action: { type: "Notify" } }] } } })]),
      results: [{ status: "fail", messageId: "neither", resource: "hsm-exk/keys/cmk-notify" }],
    },
    {
      name: "a vault key and a managed HSM key of the same name are two targets",
      snapshot: hsnap([hsmKey(hsm, "cmk")], [vaultKey(kv, "cmk", { properties: { rotationPolicy: rotationPolicy() } })]),
      results: [
        { status: "pass", messageId: "rotates", resource: "vaults/kv-exk/keys/cmk" },
        { status: "fail", messageId: "neither", resource: "managedHSMs/hsm-exk/keys/cmk" },
      ],
    },
    {
      name: "one key of three with neither",
      snapshot: snap([
        vaultKey(kv, "cmk-rot", { properties: { rotationPolicy: rotationPolicy() } }),
        vaultKey(kv, "cmk-bare"),
        vaultKey(kv2, "cmk-exp", { properties: { attributes: { exp: EXP_2027 } } }),
      ]),
      results: [
        { status: "pass", messageId: "rotates", resource: "cmk-rot" },
        { status: "fail", messageId: "neither", resource: "kv-exk/keys/cmk-bare", severity: "medium" },
        { status: "pass", messageId: "expires", resource: "cmk-exp" },
      ],
    },
    {
      name: "a policy that only notifies does not rotate",
      snapshot: snap([vaultKey(kv, "cmk-notify", { properties: { rotationPolicy: { attributes: { expiryTime: "P2Y" }, lifetimeActions: [{ trigger: { timeBeforeExpiry: "P30D" }, action: { type: "notify" } }] } } })]),
      results: [{ status: "fail", messageId: "neither", resource: "cmk-notify" }],
    },
    {
      name: "an expiry that is null, blank or not a date is no expiry",
      snapshot: snap([
        vaultKey(kv, "cmk-null", { properties: { attributes: { exp: null } } }),
        vaultKey(kv, "cmk-blank", { properties: { attributes: { exp: " " } } }),
        vaultKey(kv, "cmk-word", { properties: { attributes: { exp: "never" } } }),
      ]),
      results: [
        {
          status: "fail",
          messageId: "neither",
          resource: "cmk-null",
          message: "cmk-null has neither an expiry date nor a rotation policy that rotates it.",
          evidence: [
            { path: "properties.attributes.exp", actual: null, expected: { en: "an expiry date", sv: "ett utgångsdatum" } },
            { path: "properties.rotationPolicy.lifetimeActions[].action.type", actual: [], expected: "Rotate", defaulted: true },
          ],
        },
        { status: "fail", messageId: "neither", resource: "cmk-blank" },
        { status: "fail", messageId: "neither", resource: "cmk-word" },
      ],
    },
    {
      name: "same key name in two vaults are two targets",
      snapshot: snap([vaultKey(kv, "cmk"), vaultKey(kv2, "cmk", { properties: { rotationPolicy: rotationPolicy() } })]),
      results: [
        { status: "fail", messageId: "neither", resource: "kv-exk/keys/cmk" },
        { status: "pass", messageId: "rotates", resource: "kv-app/keys/cmk" },
      ],
    },
  ],
  notAssessed: [
    {
      name: "key list of one managed HSM forbidden: that HSM gets one result, the other HSM's key its verdict",
      snapshot: keysOfOneHsmForbidden,
      results: [
        { status: "pass", messageId: "rotates", resource: "hsm-exk/keys/cmk-sqlmi" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "managedHSMs/hsm-dr" },
      ],
    },
    {
      name: "GET of one managed HSM key forbidden: that key is not assessed, never judged on the list item",
      snapshot: oneHsmKeyGetForbidden,
      results: [
        { status: "pass", messageId: "rotates", resource: "hsm-exk/keys/cmk-sqlmi" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "hsm-exk/keys/cmk-backup" },
      ],
    },
    {
      name: "managed HSM list forbidden in a second subscription: its keys cannot be named, the subscription gets one result",
      snapshot: failedInSub2({ read: { keyVaults: [], vaultKeys: [], managedHsms: [hsm], managedHsmKeys: [hsmCmk] }, failed: ["managedHsms"], unseen: [] }),
      results: [
        { status: "pass", resource: "hsm-exk/keys/cmk-sqlmi" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
      ],
    },
    {
      name: "key list of one vault forbidden",
      snapshot: keysOfOneVaultForbidden,
      results: [
        { status: "pass", resource: "cmk-exp" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "vaults/kv-exk" },
      ],
    },
    {
      name: "vault list forbidden in a second subscription whose generic list shows a vault: its keys cannot be named, the subscription gets one result",
      snapshot: vaultsForbidden([kvSub2]),
      results: [
        { status: "pass", resource: "cmk-rot" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
      ],
    },
    {
      name: "vault list forbidden in a second subscription whose generic list shows no vault: still one result on it",
      snapshot: vaultsForbidden([]),
      results: [
        { status: "pass", resource: "cmk-rot" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
      ],
    },
    {
      name: "vault list and generic list forbidden in a second subscription: one result on it",
      snapshot: vaultsForbidden("failed"),
      results: [
        { status: "pass", resource: "cmk-rot" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
      ],
    },
  ],
  missingProperty: [
    {
      name: "managed HSM key without attributes or rotation policy",
      snapshot: hsnap([hsmKey(hsm, "cmk-noattr", { properties: { attributes: undefined } })]),
      results: [{ status: "fail", messageId: "neither", resource: "hsm-exk/keys/cmk-noattr" }],
    },
    {
      name: "attributes and rotation policy absent",
      snapshot: snap([vaultKey(kv, "cmk-noattr", { properties: { attributes: undefined } })]),
      results: [{ status: "fail", messageId: "neither", resource: "cmk-noattr" }],
    },
    {
      name: "rotation policy without lifetime actions",
      snapshot: snap([vaultKey(kv, "cmk-emptypolicy", { properties: { rotationPolicy: { attributes: { expiryTime: "P2Y" } } } })]),
      results: [{ status: "fail", messageId: "neither", resource: "cmk-emptypolicy" }],
    },
  ],
});

it("KEY-03 writes the expiry date and marks the absent policy as defaulted", () => {
  const [f] = runRules(snap([vaultKey(kv, "cmk-exp", { properties: { attributes: { exp: EXP_2027 } } })]), [rule], { config: defaultConfig(), now: new Date("2026-11-27T03:00:00Z") }).findings;
  expect(f?.message.en).toBe("cmk-exp expires on 2027-06-01.");
  expect(f?.message.sv).toBe("cmk-exp upphör att gälla 2027-06-01.");
  expect(f?.evidence?.[1]).toMatchObject({ actual: [], defaulted: true });
  expect(f?.resourceId).toBe(`/subscriptions/${SUB}/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-exk/keys/cmk-exp`);
});

describe("KEY-03 targets a failed vault or key list leaves unjudged", () => {
  it("gives the vault whose key list failed one result, with the permission", () => {
    const fs = findingsOf(rule, keysOfOneVaultForbidden);
    expect(lines(fs)).toEqual(
      [verdict("pass", `${kv2.id}/keys/cmk-exp`, "medium", "expires"), forbidden(kv.id, "vaultKeys", "medium", { scope: kv.id })].sort(),
    );
    expect(fs.find((f) => f.resourceId === kv.id)).toMatchObject({ resourceName: "kv-exk", notAssessed: { permission: "Microsoft.KeyVault/vaults/keys/read" } });
  });
  for (const [what, unseen] of [
    ["shows a vault", [kvSub2]],
    ["shows nothing", []],
    ["failed", "failed"],
  ] as const) {
    it(`gives SUB2 one result when its vault list failed and its generic list ${what}`, () => {
      expect(lines(findingsOf(rule, vaultsForbidden(unseen === "failed" ? "failed" : [...unseen])))).toEqual(
        [verdict("pass", cmkRot.id, "medium", "rotates"), forbidden(`/subscriptions/${SUB2}`, "keyVaults", "medium")].sort(),
      );
    });
  }
});

describe("KEY-03 judges managed HSM keys as vault keys", () => {
  it("gives the HSM key its id as target, with the expiry and defaulted evidence", () => {
    const [f] = runRules(hsnap([hsmKey(hsm, "cmk-exp", { properties: { attributes: { exp: EXP_2027 } } })]), [rule], { config: defaultConfig(), now: new Date("2026-11-27T03:00:00Z") }).findings;
    expect(f?.resourceId).toBe(`/subscriptions/${SUB}/resourceGroups/rg-keys/providers/Microsoft.KeyVault/managedHSMs/hsm-exk/keys/cmk-exp`);
    expect(f?.resourceType).toBe("Microsoft.KeyVault/managedHSMs/keys");
    expect(f?.message.en).toBe("cmk-exp expires on 2027-06-01.");
    expect(f?.evidence).toEqual([
      { path: "properties.attributes.exp", actual: EXP_2027, expected: { en: "an expiry date", sv: "ett utgångsdatum" } },
      { path: "properties.rotationPolicy.lifetimeActions[].action.type", actual: [], expected: "Rotate", defaulted: true },
    ]);
  });

  it("names the permission on the HSM whose key list failed", () => {
    const fs = findingsOf(rule, keysOfOneHsmForbidden);
    expect(lines(fs)).toEqual([verdict("pass", hsmCmk.id, "medium", "rotates"), forbidden(hsm2.id, "managedHsmKeys", "medium", { scope: hsm2.id })].sort());
    expect(fs.find((x) => x.resourceId === hsm2.id)).toMatchObject({ resourceName: "hsm-dr", notAssessed: { permission: "Microsoft.KeyVault/managedHSMs/keys/read" } });
  });
});

describe("KEY-03: attributes.exp that is not seconds since 1970", () => {
  const judge = (exp: unknown) => {
    const [f] = runRules(snap([vaultKey(kv, "cmk-odd", { properties: { attributes: { exp } } })]), [rule], { config: defaultConfig(), now: new Date("2026-11-27T03:00:00Z") }).findings;
    return [f?.status, f?.messageId, f?.message.en];
  };
  it("a value that does not parse as a date is no expiry date: the key fails, the rule does not throw", () => {
    expect(judge("inget datum")).toEqual(["fail", "neither", "cmk-odd has neither an expiry date nor a rotation policy that rotates it."]);
    expect(judge("")).toEqual(["fail", "neither", "cmk-odd has neither an expiry date nor a rotation policy that rotates it."]);
  });
  it("a date string, or seconds written as a string, is read as the expiry date", () => {
    expect(judge("2027-06-01T00:00:00Z")).toEqual(["pass", "expires", "cmk-odd expires on 2027-06-01."]);
    expect(judge("1811808000")).toEqual(["pass", "expires", "cmk-odd expires on 2027-06-01."]);
  });
});
