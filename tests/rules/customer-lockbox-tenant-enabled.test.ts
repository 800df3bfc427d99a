import rule from "../../rules/customer-lockbox/customer-lockbox-tenant-enabled.js";
import { failure, makeSnapshot, TENANT } from "../fixtures/snapshot.js";
import { ruleTester } from "../helpers/rule-tester.js";
import { expect, it } from "vitest";
import { defaultConfig, runRules } from "../../src/index.js";

const lockboxFailure = (over = {}) =>
  failure("customerLockbox", `/tenants/${TENANT}`, {
    operation: "GET /providers/Microsoft.CustomerLockbox/tenantOptedIn/{tenantId}",
    permission: "Microsoft.CustomerLockbox/TenantOptedIn/read",
    ...over,
  });

ruleTester(rule, {
  valid: [
    { name: "opted in", snapshot: makeSnapshot({ customerLockbox: { isOptedIn: true } }), results: [{ status: "pass", messageId: "optedIn", resource: `/tenants/${TENANT}` }] },
    { name: "opted in, no subscriptions at all", snapshot: makeSnapshot({ subscriptions: [], customerLockbox: { isOptedIn: true } }) },
    {
      name: "Azure not audited (azure.enabled: false): no result",
      snapshot: (() => {
        const s = makeSnapshot({ subscriptions: [] });
        s.scope.azureCollected = false;
        return s;
      })(),
      results: [],
    },
  ],
  invalid: [
    { name: "not opted in", snapshot: makeSnapshot({ customerLockbox: { isOptedIn: false } }), results: [{ status: "fail", messageId: "notOptedIn", resource: `/tenants/${TENANT}`, severity: "medium" }] },
  ],
  notAssessed: [
    {
      name: "the opt-in call was forbidden",
      snapshot: makeSnapshot({ coverage: [lockboxFailure()] }),
      results: [{ status: "not-assessed", messageId: "__notAssessed", resource: `/tenants/${TENANT}` }],
    },
    {
      name: "the opt-in call was throttled out after the retry budget",
      snapshot: makeSnapshot({ coverage: [lockboxFailure({ httpStatus: 429, code: "TooManyRequests" })] }),
      results: [{ status: "not-assessed", resource: TENANT }],
    },
  ],
  missingProperty: [
    { name: "no lockbox state in the snapshot is never a pass", snapshot: makeSnapshot(), results: [{ status: "not-assessed", resource: `/tenants/${TENANT}` }] },
    { name: "isOptedIn null (unknown)", snapshot: makeSnapshot({ customerLockbox: { isOptedIn: null } }), results: [{ status: "not-assessed", resource: TENANT }] },
    { name: "lockbox answer empty", snapshot: makeSnapshot({ customerLockbox: null }), results: [{ status: "not-assessed", resource: TENANT }] },
  ],
});

it("ACC-01 names the failed read and its permission when not assessed", () => {
  const findings = runRules(makeSnapshot({ coverage: [lockboxFailure()] }), [rule], { config: defaultConfig(), now: new Date("2026-11-27T03:00:00Z") }).findings;
  expect(findings).toHaveLength(1);
  expect(findings[0]?.resourceId).toBe(`/tenants/${TENANT}`);
  expect(findings[0]?.notAssessed).toMatchObject({ collection: "customerLockbox", httpStatus: 403, code: "AuthorizationFailed", permission: "Microsoft.CustomerLockbox/TenantOptedIn/read" });
  const absent = runRules(makeSnapshot(), [rule], { config: defaultConfig(), now: new Date("2026-11-27T03:00:00Z") }).findings;
  expect(absent[0]?.notAssessed?.code).toBe("NotCollected");
});
