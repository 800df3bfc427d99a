/**
 * Exceptions: which failing results they except, and how expired, expiring, unknown and
 * too-distant (invalid) entries are reported (moved from tests/engine/engine.test.ts), and what refuses
 * a file at load (negation, impossible dates, patterns without a literal subscription or tenant segment).
 */
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/index.js";
import { applyExceptions, exceptionProblems, hasLiteralScope, isCalendarDate } from "../../src/findings/exceptions.js";

function finding(over: Partial<Finding>): Finding {
  return { ruleId: "RES-01", status: "fail", severity: "high", resourceId: "/x", resourceKey: "/x", messageId: "m", message: { en: "", sv: "" }, fingerprint: "f".repeat(32), ...over };
}

describe("exceptions", () => {
  const now = new Date("2026-11-27T03:00:00Z");
  const base = { justification: "j", owner: "o" };
  it("excepts matching failing results by id or glob, never not-assessed ones", () => {
    const fs = [finding({ resourceId: "/subscriptions/S/resourceGroups/rg-legacy-1/providers/a/b/c", resourceKey: "/subscriptions/s/resourcegroups/rg-legacy-1/providers/a/b/c" }), finding({ status: "not-assessed", resourceKey: "/subscriptions/s/resourcegroups/rg-legacy-2/providers/a/b/c" })];
    const r = applyExceptions(fs, [{ ...base, rule: "res-01", resource: "/subscriptions/*/resourceGroups/RG-LEGACY-*/**", ruleWide: true, expires: "2027-06-30" }], now, 365, new Set(["RES-01"]));
    expect(fs.map((f) => f.status)).toEqual(["excepted", "not-assessed"]);
    expect(fs[0]!.exception).toMatchObject({ id: "exception-1", owner: "o" });
    expect(r.report[0]).toMatchObject({ state: "active", matched: 1, ruleWide: true });
  });
  it("expired exceptions stop matching and are reported; expiring ones are flagged; unknown rules and no-match warn; beyond the horizon is invalid (not applied)", () => {
    const fs = [finding({ resourceKey: "/a" }), finding({ resourceKey: "/b" })];
    const r = applyExceptions(
      fs,
      [
        { ...base, rule: "RES-01", resource: "/a", expires: "2026-11-26" },
        { ...base, rule: "RES-01", resource: "/b", expires: "2026-12-10" },
        { ...base, rule: "XYZ-01", resource: "/c", expires: "2027-01-01" },
        { ...base, id: "far", rule: "RES-01", resource: "/a", expires: "2029-01-01" },
      ],
      now,
      365,
      new Set(["RES-01"]),
    );
    expect(fs.map((f) => f.status)).toEqual(["fail", "excepted"]);
    expect(r.report.map((e) => e.state)).toEqual(["expired", "expiring", "active", "invalid"]);
    expect(r.report[3]).toMatchObject({ id: "far", matched: 0 });
    expect(r.report[0]!.ruleWide).toBeUndefined();
    expect(r.warnings.join("\n")).toMatch(/expired on 2026-11-26/);
    expect(r.warnings.join("\n")).toMatch(/expires within 30 days/);
    expect(r.warnings.join("\n")).toMatch(/XYZ-01 is not a rule/);
    expect(r.warnings.join("\n")).toMatch(/exception far \(RES-01 \/a\): expires 2029-01-01, more than 365 days ahead \(the configured maximum\); it is not applied/);
    expect(r.warnings.join("\n")).not.toMatch(/exception far .*matches no failing result/);
  });
  it("reports each entry's warnings in both languages (warningTexts), the English ones also as warnings", () => {
    const fs = [finding({ resourceKey: "/a" })];
    const r = applyExceptions(
      fs,
      [
        { ...base, rule: "RES-01", resource: "/a", expires: "2026-11-26" },
        { ...base, rule: "RES-01", resource: "/zzz", expires: "2027-01-01" },
        { ...base, rule: "XYZ-01", resource: "/c", expires: "2026-12-10" },
      ],
      now,
      365,
      new Set(["RES-01"]),
    );
    expect(r.report.map((e) => e.warningTexts)).toEqual([
      [{ en: "expired on 2026-11-26; the results it covered fail again", sv: "gick ut 2026-11-26; resultaten det täckte är underkända igen" }],
      [{ en: "matches no failing result", sv: "träffar inget underkänt resultat" }],
      [
        { en: "rule XYZ-01 is not a rule Hemvist ran", sv: "regeln XYZ-01 är ingen regel som Hemvist körde" },
        { en: "matches no failing result", sv: "träffar inget underkänt resultat" },
      ],
    ]);
    expect(r.report[0]!.warnings).toEqual(["expired on 2026-11-26; the results it covered fail again"]);
  });
  it("an exception with a part excepts that part only: the resource's other parts still fail", () => {
    const tenant = "/tenants/6f1c3a52-0d2e-4b8f-9a41-3c7e5d9b2f10";
    const fs = [
      finding({ ruleId: "ACC-02", resourceId: tenant, resourceKey: tenant, part: "licensed" }),
      finding({ ruleId: "ACC-02", resourceId: tenant, resourceKey: tenant, part: "configured" }),
    ];
    const r = applyExceptions(fs, [{ ...base, rule: "ACC-02", resource: tenant, part: "configured", expires: "2027-03-31" }], now, 365, new Set(["ACC-02"]));
    expect(fs.map((f) => [f.part, f.status])).toEqual([
      ["licensed", "fail"],
      ["configured", "excepted"],
    ]);
    expect(fs[0]!.exception).toBeUndefined();
    expect(r.report[0]).toMatchObject({ state: "active", matched: 1 });
  });
  it("an exception with a part excepts no result without a part", () => {
    const fs = [finding({ resourceKey: "/a" })];
    const r = applyExceptions(fs, [{ ...base, rule: "RES-01", resource: "/a", part: "configured", expires: "2027-03-31" }], now, 365, new Set(["RES-01"]));
    expect(fs[0]!.status).toBe("fail");
    expect(r.report[0]).toMatchObject({ state: "active", matched: 0 });
  });
  it("an exception applies through its last day (UTC) and not a millisecond after", () => {
    const entry = { ...base, rule: "RES-01", resource: "/a", expires: "2026-11-27" };
    const at = (iso: string) => {
      const fs = [finding({ resourceKey: "/a" })];
      const r = applyExceptions(fs, [entry], new Date(iso), 365, new Set(["RES-01"]));
      return [fs[0]!.status, r.report[0]!.state];
    };
    expect(at("2026-11-27T00:00:00.000Z")).toEqual(["excepted", "expiring"]);
    expect(at("2026-11-27T23:59:59.999Z")).toEqual(["excepted", "expiring"]);
    expect(at("2026-11-28T00:00:00.000Z")).toEqual(["fail", "expired"]);
  });
  it("an invalid exception (beyond the horizon) excepts nothing, even alone", () => {
    const fs = [finding({ resourceKey: "/a", severity: "critical" })];
    const r = applyExceptions(fs, [{ ...base, rule: "RES-01", resource: "/a", expires: "2028-01-01" }], now, 365, new Set(["RES-01"]));
    expect(fs[0]!.status).toBe("fail");
    expect(r.report[0]).toMatchObject({ state: "invalid", matched: 0 });
  });
  it("a literal subscription or tenant segment: no glob at all, or /subscriptions/<id> or /tenants/<id> with a literal id", () => {
    for (const ok of ["/subscriptions/S1/resourceGroups/rg/providers/a/b/c", "/subscriptions/s1/**", "/SUBSCRIPTIONS/s1/resourceGroups/rg-*/**", "/tenants/t1/users/*", "/providers/Microsoft.Management/managementGroups/mg1"]) expect(hasLiteralScope(ok), ok).toBe(true);
    for (const bad of ["**", "*", "/subscriptions/*/**", "/subscriptions/**", "/subscriptions/s*/**", "/subscriptions/{a,b}/**", "/subscriptions//**", "**/resourceGroups/rg/**", "/tenants/*/users/u", "subscriptions/s1/**", "/providers/Microsoft.Management/managementGroups/*/**"]) expect(hasLiteralScope(bad), bad).toBe(false);
  });
  it("calendar dates: no 31 November, no 29 February outside leap years", () => {
    expect(["2026-11-30", "2028-02-29", "2026-12-31"].map(isCalendarDate)).toEqual([true, true, true]);
    expect(["2026-11-31", "2026-02-29", "2026-13-01", "2026-00-10", "2026-01-00", "2100-02-29"].map(isCalendarDate)).toEqual([false, false, false, false, false, false]);
  });
  it("refuses negations, impossible dates and broad patterns without ruleWide, naming the entry and field", () => {
    const e = { ...base, rule: "RES-01", expires: "2027-01-01" };
    expect(exceptionProblems([{ ...e, resource: "/subscriptions/s1/**" }, { ...e, resource: "**", ruleWide: true }])).toEqual([]);
    const p = exceptionProblems([{ ...e, id: "neg", resource: "!/subscriptions/s1/**" }, { ...e, resource: "**" }, { ...e, resource: "/subscriptions/s1/x", expires: "2026-11-31" }, { ...e, resource: "!**", ruleWide: true }]);
    expect(p.map((x) => [x.pointer, x.entry])).toEqual([
      ["/exceptions/0/resource", 'exception "neg"'],
      ["/exceptions/1/resource", "exception 2"],
      ["/exceptions/2/expires", "exception 3"],
      ["/exceptions/3/resource", "exception 4"],
    ]);
    expect(p[0]!.found).toMatch(/negated pattern/);
    expect(p[1]!.found).toMatch(/no literal subscription or tenant segment/);
    expect(p[3]!.found).toMatch(/negated pattern/);
  });
});
