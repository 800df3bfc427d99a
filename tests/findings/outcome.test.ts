/**
 * The exit decision: thresholds, incomplete coverage, the --fail-on-new gate over tonight's
 * baseline states (end to end through the baseline diff), and `collect`'s exit code.
 */
import { describe, expect, it } from "vitest";
import { fingerprint } from "../../src/index.js";
import type { Finding, Severity, Status } from "../../src/index.js";
import { type BaselineContext, diffBaseline } from "../../src/findings/baseline.js";
import { decideCollectExit, decideExit, EXIT } from "../../src/findings/outcome.js";
import type { CoverageEntry } from "../../src/snapshot/types.js";

function finding(over: Partial<Finding>): Finding {
  return { ruleId: "RES-01", status: "fail", severity: "high", resourceId: "/x", resourceKey: "/x", messageId: "m", message: { en: "", sv: "" }, fingerprint: "f".repeat(32), ...over };
}

describe("exit code", () => {
  const o = { failOn: "high" as const, failOnNew: false, allowPartial: false };
  it("0 without failing results at or above fail-on; 1 with; 3 when incomplete, which wins over 1", () => {
    expect(decideExit([finding({ severity: "medium" })], 0, o).code).toBe(0);
    expect(decideExit([finding({ severity: "critical" })], 0, o).code).toBe(1);
    expect(decideExit([finding({}), finding({ status: "not-assessed" })], 1, o).code).toBe(3);
    expect(decideExit([finding({})], 1, { ...o, allowPartial: true }).code).toBe(1);
    expect(decideExit([finding({ baselineState: "unchanged" })], 0, { ...o, failOnNew: true }).code).toBe(0);
    expect(decideExit([finding({ baselineState: "new" })], 0, { ...o, failOnNew: true }).code).toBe(1);
    // No baseline yet (first night): every failure is new.
    expect(decideExit([finding({})], 0, { ...o, failOnNew: true }).code).toBe(1);
    expect(decideExit([finding({ status: "excepted" })], 0, o).code).toBe(0);
  });
  it("a result that needs attestation is neither a failure (1) nor a gap (3), whatever its severity", () => {
    expect(decideExit([finding({ status: "attestation-required", severity: "critical" })], 0, o).code).toBe(0);
    expect(decideExit([finding({ status: "attestation-required" }), finding({ severity: "critical" })], 0, o).code).toBe(1);
    expect(decideExit([finding({ status: "attestation-required" }), finding({ status: "not-assessed" })], 0, o).code).toBe(3);
  });
  it("the reason names the new failures with --fail-on-new, in both languages", () => {
    expect(decideExit([finding({ baselineState: "new" }), finding({ baselineState: "unchanged" })], 0, { ...o, failOnNew: true }).reason).toEqual({
      en: "1 new failing result(s) at or above high",
      sv: "1 nya underkända resultat med allvarlighetsgrad hög eller högre",
    });
  });
});

describe("the --fail-on-new gate over two nights", () => {
  const SUB = "3c4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7";
  const SA = `/subscriptions/${SUB}/resourceGroups/rg-bygglov/providers/Microsoft.Storage/storageAccounts/stbygglov01`;
  const KV = `/subscriptions/${SUB}/resourceGroups/rg-bygglov/providers/Microsoft.KeyVault/vaults/kv-bygglov`;
  const gate = { failOn: "high" as const, failOnNew: true, allowPartial: false };
  const ctx: BaselineContext = {
    coverage: [],
    visibleSubscriptions: new Set([SUB]),
    targetExists: () => true,
    rulesRun: new Set(["RES-01", "ENC-01", "KEY-01"]),
    disabledRules: new Set(),
  };
  function r(ruleId: string, id: string, status: Status, severity: Severity, over: Partial<Finding> = {}): Finding {
    return finding({ ruleId, status, severity, resourceId: id, resourceKey: id.toLowerCase(), subscriptionId: SUB, fingerprint: fingerprint(ruleId, id), ...over });
  }
  /** Tonight's results after the diff against last night's, and the exit code. */
  function night(last: Finding[], tonight: Finding[]): number {
    diffBaseline(tonight, { generatedAt: "2026-12-04T02:10:41.118Z", snapshotSha256: "", results: last }, "n1/findings.json", { failOn: gate.failOn }, ctx);
    return decideExit(tonight, 0, gate).code;
  }

  it("an exception that expired overnight: exit 1", () => {
    const excepted = r("RES-01", SA, "excepted", "high", { exception: { id: "EXC-7", justification: "Flytt Q1.", owner: "IT", expires: "2026-12-03" } });
    expect(night([excepted], [r("RES-01", SA, "fail", "high")])).toBe(EXIT.failing);
  });

  it("a severity rise across the threshold (low → high): exit 1", () => {
    expect(night([r("ENC-01", SA, "fail", "low")], [r("ENC-01", SA, "fail", "high")])).toBe(EXIT.failing);
  });

  it("not-assessed → fail: exit 1", () => {
    expect(night([r("KEY-01", KV, "not-assessed", "high")], [r("KEY-01", KV, "fail", "high")])).toBe(EXIT.failing);
  });

  it("an unchanged failure: exit 0", () => {
    expect(night([r("KEY-01", KV, "fail", "high")], [r("KEY-01", KV, "fail", "high")])).toBe(EXIT.ok);
  });

  it("resolved and unverified baseline results neither raise nor lower exit 1; a not-assessed result still gives 3", () => {
    // Last night two failures: one passes tonight (resolved), one vanished with its rule (unverified).
    const last = [r("KEY-01", KV, "fail", "high"), r("RES-02", SA, "fail", "high")];
    expect(night(last, [r("KEY-01", KV, "pass", "high")])).toBe(EXIT.ok);
    expect(night(last, [r("KEY-01", KV, "pass", "high"), r("ENC-01", SA, "fail", "critical")])).toBe(EXIT.failing);
    // Failing last night, not assessed tonight: unverified, and the run is incomplete.
    const tonight = [r("KEY-01", KV, "not-assessed", "high")];
    expect(night([r("KEY-01", KV, "fail", "high")], tonight)).toBe(EXIT.partial);
    expect(tonight[0]?.baselineState).toBe("unverified");
    expect(decideExit(tonight, 0, { ...gate, allowPartial: true }).code).toBe(EXIT.ok);
  });
});

describe("collect's exit code", () => {
  const gap: CoverageEntry = {
    scope: "/subscriptions/3c4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7",
    collection: "keyVaults",
    operation: "GET /subscriptions/3c4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7/providers/Microsoft.KeyVault/vaults",
    httpStatus: 403,
    code: "AuthorizationFailed",
    message: "The client does not have authorization to perform action 'Microsoft.KeyVault/vaults/read'.",
  };
  it("0 when everything was read, 3 with a gap, 0 with a gap under --allow-partial", () => {
    expect(decideCollectExit([], { allowPartial: false })).toBe(0);
    expect(decideCollectExit([gap], { allowPartial: false })).toBe(3);
    expect(decideCollectExit([gap], { allowPartial: true })).toBe(0);
  });
});
