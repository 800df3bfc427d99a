/**
 * Exceptions: which failing results they except, and how expired, expiring, unknown and
 * too-distant entries are reported (moved from tests/engine/engine.test.ts).
 */
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/index.js";
import { applyExceptions } from "../../src/findings/exceptions.js";

function finding(over: Partial<Finding>): Finding {
  return { ruleId: "RES-01", status: "fail", severity: "high", resourceId: "/x", resourceKey: "/x", messageId: "m", message: { en: "", sv: "" }, fingerprint: "f".repeat(32), ...over };
}

describe("exceptions", () => {
  const now = new Date("2026-11-27T03:00:00Z");
  const base = { justification: "j", owner: "o" };
  it("excepts matching failing results by id or glob, never not-assessed ones", () => {
    const fs = [finding({ resourceId: "/subscriptions/S/resourceGroups/rg-legacy-1/providers/a/b/c", resourceKey: "/subscriptions/s/resourcegroups/rg-legacy-1/providers/a/b/c" }), finding({ status: "not-assessed", resourceKey: "/subscriptions/s/resourcegroups/rg-legacy-2/providers/a/b/c" })];
    const r = applyExceptions(fs, [{ ...base, rule: "res-01", resource: "/subscriptions/*/resourceGroups/RG-LEGACY-*/**", expires: "2027-06-30" }], now, 365, new Set(["RES-01"]));
    expect(fs.map((f) => f.status)).toEqual(["excepted", "not-assessed"]);
    expect(fs[0]!.exception).toMatchObject({ id: "exception-1", owner: "o" });
    expect(r.report[0]).toMatchObject({ state: "active", matched: 1 });
  });
  it("expired exceptions stop matching and are reported; expiring ones are flagged; unknown rules and no-match warn; beyond the horizon is refused", () => {
    const fs = [finding({ resourceKey: "/a" }), finding({ resourceKey: "/b" })];
    const r = applyExceptions(
      fs,
      [
        { ...base, rule: "RES-01", resource: "/a", expires: "2026-11-26" },
        { ...base, rule: "RES-01", resource: "/b", expires: "2026-12-10" },
        { ...base, rule: "XYZ-01", resource: "/c", expires: "2027-01-01" },
        { ...base, rule: "RES-01", resource: "/a", expires: "2029-01-01" },
      ],
      now,
      365,
      new Set(["RES-01"]),
    );
    expect(fs.map((f) => f.status)).toEqual(["fail", "excepted"]);
    expect(r.report.map((e) => e.state)).toEqual(["expired", "expiring", "active", "active"]);
    expect(r.warnings.join("\n")).toMatch(/expired on 2026-11-26/);
    expect(r.warnings.join("\n")).toMatch(/expires within 30 days/);
    expect(r.warnings.join("\n")).toMatch(/XYZ-01 is not a rule/);
    expect(r.warnings.join("\n")).toMatch(/more than 365 days ahead/);
  });
});
