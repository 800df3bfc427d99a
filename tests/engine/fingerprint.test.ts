/**
 * The fingerprint is the key that carries a result from night to night: rule id, lower-cased
 * resource id and part. The expected values are SHA-256 digests computed outside Hemvist
 * (`printf '%s' 'ENC-01|<lower-cased id>|blob' | sha256sum | cut -c1-32`), not by the code under test.
 */
import { describe, expect, it } from "vitest";
import { fingerprint } from "../../src/index.js";
import type { Finding } from "../../src/index.js";
import { diffBaseline } from "../../src/findings/baseline.js";

const SUB = "3c4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7";
// ARM returns a resource group's name in the casing it was created with on one read and upper-cased
// on another (resource ids are case-insensitive), so the same account can come back as either.
const SA_LAST_NIGHT = `/subscriptions/${SUB}/resourceGroups/rg-socialtjanst/providers/Microsoft.Storage/storageAccounts/stsocialakt01`;
const SA_TONIGHT = `/subscriptions/${SUB.toUpperCase()}/resourceGroups/RG-SOCIALTJANST/providers/Microsoft.Storage/storageAccounts/stSocialAkt01`;

describe("fingerprint", () => {
  it("is the first 32 hex digits of SHA-256 over 'RULE|lower-cased id|part'", () => {
    expect(fingerprint("ENC-01", SA_LAST_NIGHT, "blob")).toBe("140297791b0194d559f047371c8e2b4d");
    expect(fingerprint("RES-01", SA_LAST_NIGHT)).toBe("d7b5a7c0fd8332e3841d95086c61e8ab");
  });

  it("does not change with the id's or the rule id's casing, or a trailing slash", () => {
    expect(fingerprint("ENC-01", SA_TONIGHT, "blob")).toBe("140297791b0194d559f047371c8e2b4d");
    expect(fingerprint("enc-01", `${SA_TONIGHT}/`, "blob")).toBe("140297791b0194d559f047371c8e2b4d");
  });

  it("a result whose id changed casing overnight is unchanged, not new beside a resolved one", () => {
    const result = (resourceId: string): Finding => ({
      ruleId: "RES-01",
      status: "fail",
      severity: "high",
      resourceId,
      resourceKey: resourceId.toLowerCase(),
      resourceName: "stsocialakt01",
      subscriptionId: SUB,
      location: "westeurope",
      messageId: "notAllowed",
      message: { en: "stsocialakt01 is stored in westeurope.", sv: "stsocialakt01 lagras i westeurope." },
      fingerprint: fingerprint("RES-01", resourceId),
    });
    const tonight = [result(SA_TONIGHT)];
    const b = diffBaseline(
      tonight,
      { generatedAt: "2026-12-04T02:10:41.118Z", snapshotSha256: "5d2e7c1b9a8f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d", results: [result(SA_LAST_NIGHT)] },
      "n1/findings.json",
      { failOn: "high" },
      { coverage: [], visibleSubscriptions: new Set([SUB]), targetExists: () => true, rulesRun: new Set(["RES-01"]), disabledRules: new Set() },
    );
    expect(tonight[0]!.baselineState).toBe("unchanged");
    expect(b.counts).toEqual({ new: 0, unchanged: 1, resolved: 0, unverified: 0 });
  });
});
