/**
 * Exceptions at their edges (found by mutation testing): another rule's result on the same resource
 * is never excepted, the result carries the exception's ticket and rule-wide flag, the rule id is
 * matched in any case, the horizon and the 30-day warning at their boundaries, and the warnings
 * word for word.
 */
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/index.js";
import { applyExceptions, exceptionProblems, hasLiteralScope, isCalendarDate } from "../../src/findings/exceptions.js";

function finding(over: Partial<Finding>): Finding {
  return { ruleId: "RES-01", status: "fail", severity: "high", resourceId: "/x", resourceKey: "/x", messageId: "m", message: { en: "", sv: "" }, fingerprint: "f".repeat(32), ...over };
}
const DAY = 86_400_000;
const base = { justification: "Flytt till swedencentral Q1.", owner: "IT-plattform" };
const SA = "/subscriptions/s1/resourcegroups/rg/providers/microsoft.storage/storageaccounts/st1";

describe("exceptions at their edges", () => {
  it("another rule's failure on the same resource stays a failure", () => {
    const fs = [finding({ ruleId: "ENC-01", resourceKey: SA }), finding({ resourceKey: SA })];
    applyExceptions(fs, [{ ...base, rule: "RES-01", resource: SA, expires: "2026-12-31" }], new Date("2026-11-27T03:00:00Z"), 365, new Set(["RES-01", "ENC-01"]));
    expect(fs.map((f) => `${f.ruleId} ${f.status}`)).toEqual(["ENC-01 fail", "RES-01 excepted"]);
  });

  it("the result carries the exception's id, justification, owner, ticket, expiry and rule-wide flag", () => {
    const fs = [finding({ resourceKey: SA })];
    applyExceptions(fs, [{ ...base, id: "EXC-7", rule: "res-01", resource: "/subscriptions/s1/**", ticket: "INC0012345", ruleWide: true, expires: "2027-01-31" }], new Date("2026-11-27T03:00:00Z"), 365, new Set(["RES-01"]));
    expect(fs[0]!.exception).toEqual({ id: "EXC-7", justification: base.justification, owner: base.owner, ticket: "INC0012345", expires: "2027-01-31", ruleWide: true });
  });

  it("an active exception that matched has no warning; a rule id in lower case is a known rule", () => {
    const r = applyExceptions([finding({ resourceKey: SA })], [{ ...base, rule: "res-01", resource: SA, expires: "2027-06-30" }], new Date("2026-11-27T03:00:00Z"), 365, new Set(["RES-01"]));
    expect(r.warnings).toEqual([]);
    expect(r.report[0]).toEqual({ id: "exception-1", ruleId: "RES-01", resource: SA, justification: base.justification, owner: base.owner, expires: "2027-06-30", state: "active", matched: 1 });
  });

  it("warnings word for word: no match, expiring, not a date", () => {
    const r = applyExceptions(
      [],
      [
        { ...base, rule: "RES-01", resource: SA, expires: "2027-06-30" },
        { ...base, rule: "RES-01", resource: SA, expires: "2026-12-10" },
        { ...base, rule: "RES-01", resource: SA, expires: "snart" },
      ],
      new Date("2026-11-27T03:00:00Z"),
      365,
      new Set(["RES-01"]),
    );
    expect(r.warnings).toEqual([
      `exception exception-1 (RES-01 ${SA}): matches no failing result`,
      `exception exception-2 (RES-01 ${SA}): matches no failing result`,
      `exception exception-3 (RES-01 ${SA}): expires "snart" is not a date`,
    ]);
    expect(r.report.map((e) => e.state)).toEqual(["active", "expiring", "invalid"]);
  });

  it("the horizon: exactly the maximum ahead applies, a millisecond more does not; 30 days ahead is expiring, a millisecond more active", () => {
    const end = Date.parse("2027-11-27T23:59:59.999Z");
    const at = (ms: number) => {
      const fs = [finding({ resourceKey: SA })];
      const r = applyExceptions(fs, [{ ...base, rule: "RES-01", resource: SA, expires: "2027-11-27" }], new Date(ms), 365, new Set(["RES-01"]));
      return `${fs[0]!.status} ${r.report[0]!.state} ${r.warnings.length}`;
    };
    expect(at(end - 365 * DAY)).toBe("excepted active 0");
    expect(at(end - 365 * DAY - 1)).toBe("fail invalid 1");
    expect(at(end - 30 * DAY)).toBe("excepted expiring 1");
    expect(at(end - 30 * DAY - 1)).toBe("excepted active 0");
  });

  it("the report entry keeps the ticket", () => {
    const r = applyExceptions([], [{ ...base, rule: "RES-01", resource: SA, ticket: "INC0012345", expires: "2027-06-30" }], new Date("2026-11-27T03:00:00Z"), 365, new Set(["RES-01"]));
    expect(r.report[0]?.ticket).toBe("INC0012345");
  });

  it("a date is the whole value, YYYY-MM-DD and nothing around it", () => {
    expect(["x2026-11-30", "2026-11-30T00:00:00Z", "31/12/2026", "2026-1-30"].map(isCalendarDate)).toEqual([false, false, false, false]);
  });

  it("the literal scope is the first segment, and names subscriptions or tenants exactly", () => {
    expect(["x/subscriptions/s1/**", "/xsubscriptions/s1/**", "/subscriptionsx/s1/**", "/tenantsx/t1/**"].map(hasLiteralScope)).toEqual([false, false, false, false]);
  });

  it("each refusal says what was expected", () => {
    const e = { ...base, rule: "RES-01", expires: "2027-01-01" };
    const p = exceptionProblems([{ ...e, resource: "!/subscriptions/s1/**" }, { ...e, resource: "**" }, { ...e, resource: SA, expires: "2026-11-31" }]);
    expect(p.map((x) => [x.found, x.expected])).toEqual([
      ['the negated pattern "!/subscriptions/s1/**" (a leading "!" would except every other resource)', 'a resource id or glob without a leading "!"'],
      [expect.stringContaining("no literal subscription or tenant segment"), expect.stringMatching(/^a pattern starting \/subscriptions\/<id>\/ or \/tenants\/<id>\/, /)],
      ['"2026-11-31", which is not a day on the calendar', "a real date YYYY-MM-DD"],
    ]);
  });

  it("the Swedish warnings: not a date, beyond the horizon, expiring", () => {
    const r = applyExceptions(
      [finding({ resourceKey: SA })],
      [
        { ...base, rule: "RES-01", resource: SA, expires: "snart" },
        { ...base, rule: "RES-01", resource: SA, expires: "2028-12-31" },
        { ...base, rule: "RES-01", resource: SA, expires: "2026-12-10" },
      ],
      new Date("2026-11-27T03:00:00Z"),
      365,
      new Set(["RES-01"]),
    );
    expect(r.report.map((e) => e.warningTexts?.map((w) => w.sv))).toEqual([
      ['utgångsdatumet "snart" är inget datum'],
      ["går ut 2028-12-31, mer än 365 dagar fram (det konfigurerade största värdet); undantaget tillämpas inte"],
      ["går ut inom 30 dagar (2026-12-10)"],
    ]);
  });
});
