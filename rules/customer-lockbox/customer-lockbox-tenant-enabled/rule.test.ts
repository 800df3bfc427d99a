import rule from "./rule.js";
import { createHash } from "node:crypto";
import { findingsOf, lines, verdict } from "../../../tests/fixtures/coverage.js";
import { organization } from "../../../tests/fixtures/m365.js";
import { failure, makeSnapshot, SUB2, TENANT } from "../../../tests/fixtures/snapshot.js";
import { ruleTester } from "../../../tests/helpers/rule-tester.js";
import { describe, expect, it } from "vitest";
import { defaultConfig, runRules } from "../../../src/index.js";

const lockboxFailure = (over = {}) =>
  failure("customerLockbox", `/tenants/${TENANT}`, {
    operation: "GET /providers/Microsoft.CustomerLockbox/tenantOptedIn/{tenantId}",
    permission: "Microsoft.CustomerLockbox/TenantOptedIn/read",
    ...over,
  });

const T = `/tenants/${TENANT}`;
const forbiddenWithOrganization = makeSnapshot({ m365: { organization: [organization()] }, coverage: [lockboxFailure()] });
// Failures of lists ACC-01 never reads: its verdict stays.
const optedInOthersFailed = makeSnapshot({
  subscriptions: [{}, { subscriptionId: SUB2 }],
  customerLockbox: { isOptedIn: true },
  m365: { users: [], groups: [], sites: [] },
  coverage: [failure("storageAccounts", `/subscriptions/${SUB2}`), failure("m365Organization", `${T}/organization`, { code: "Authorization_RequestDenied", permission: "Organization.Read.All" })],
});

ruleTester(rule, {
  valid: [
    {
      name: "opted in, while a storage list was forbidden in SUB2 and the M365 organization could not be read",
      snapshot: optedInOthersFailed,
      results: [{ status: "pass", messageId: "optedIn", resource: `/tenants/${TENANT}`, severity: "medium" }],
    },
    { name: "opted in", snapshot: makeSnapshot({ customerLockbox: { isOptedIn: true } }), results: [{ status: "pass", messageId: "optedIn", resource: `/tenants/${TENANT}` }] },
    {
      name: "opted in, named as the Microsoft 365 organization: exact message and evidence",
      snapshot: makeSnapshot({ m365: { organization: [organization()] }, customerLockbox: { isOptedIn: true } }),
      results: [
        {
          status: "pass",
          messageId: "optedIn",
          type: "Microsoft.Resources/tenants",
          message: "Exempelkommun has Customer Lockbox for Microsoft Azure turned on.",
          messageSv: "Exempelkommun har Customer Lockbox för Microsoft Azure påslaget.",
          evidence: [{ path: "customerLockbox.isOptedIn", actual: true, expected: true }],
        },
      ],
    },
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
    {
      name: "not opted in",
      snapshot: makeSnapshot({ customerLockbox: { isOptedIn: false } }),
      results: [
        {
          status: "fail",
          messageId: "notOptedIn",
          resource: `/tenants/${TENANT}`,
          severity: "medium",
          message: `${TENANT} has Customer Lockbox for Microsoft Azure turned off, so Microsoft engineers can reach data without the organisation's approval.`,
          evidence: [{ path: "customerLockbox.isOptedIn", actual: false, expected: true }],
        },
      ],
    },
  ],
  notAssessed: [
    {
      name: "the opt-in call forbidden in a tenant whose Microsoft 365 organization was read: one result on the tenant, named as the organization",
      snapshot: forbiddenWithOrganization,
      results: [{ status: "not-assessed", messageId: "__notAssessed", resource: `/tenants/${TENANT}`, severity: "medium" }],
    },
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

it("ACC-01 says the API answered without an opt-in state, and that the snapshot holds none", () => {
  const reason = (code: string, message: string) => ({ scope: T, collection: "customerLockbox", code, message, permission: "Microsoft.CustomerLockbox/TenantOptedIn/read" });
  expect(findingsOf(rule, makeSnapshot({ customerLockbox: { isOptedIn: null } }))[0]?.notAssessed).toEqual(reason("OptInUnknown", "The Customer Lockbox API returned no opt-in state."));
  expect(findingsOf(rule, makeSnapshot())[0]?.notAssessed).toEqual(reason("NotCollected", "The snapshot holds no Customer Lockbox opt-in state."));
});

describe("ACC-01 the tenant when the opt-in state could not be read", () => {
  const fp = createHash("sha256").update(`ACC-01|${T}|`).digest("hex").slice(0, 32);
  it("forbidden: one result on /tenants/{id} with the 403 and the permission, the fingerprint of a night it was read", () => {
    const fs = findingsOf(rule, forbiddenWithOrganization);
    expect(lines(fs)).toEqual([`not-assessed ${T} medium ← customerLockbox ${T} 403 AuthorizationFailed`]);
    expect(fs[0]?.resourceName).toBe("Exempelkommun");
    expect(fs[0]?.notAssessed).toEqual({
      scope: T,
      collection: "customerLockbox",
      httpStatus: 403,
      code: "AuthorizationFailed",
      message: "The client does not have authorization to perform action over scope.",
      permission: "Microsoft.CustomerLockbox/TenantOptedIn/read",
    });
    expect(fs[0]?.fingerprint).toBe(fp);
    expect(findingsOf(rule, makeSnapshot({ customerLockbox: { isOptedIn: false } }))[0]?.fingerprint).toBe(fp);
  });
  it("throttled out: the 429 is the reason", () => {
    expect(lines(findingsOf(rule, makeSnapshot({ coverage: [lockboxFailure({ httpStatus: 429, code: "TooManyRequests" })] })))).toEqual([`not-assessed ${T} medium ← customerLockbox ${T} 429 TooManyRequests`]);
  });
  it("failures of lists it does not read leave its verdict alone", () => {
    expect(lines(findingsOf(rule, optedInOthersFailed))).toEqual([verdict("pass", T, "medium", "optedIn")]);
  });
});
