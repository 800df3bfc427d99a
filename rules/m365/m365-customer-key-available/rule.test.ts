import rule from "./rule.js";
import { CUSTOMER_KEY_PLAN, e3, e5, organization, subscribedSku } from "../../../tests/fixtures/m365.js";
import { failure, makeSnapshot, TENANT } from "../../../tests/fixtures/snapshot.js";
import { ruleTester } from "../../../tests/helpers/rule-tester.js";
import { createHash } from "node:crypto";
import { expect, it } from "vitest";
import { findingsOf, lines } from "../../../tests/fixtures/coverage.js";
import { defaultConfig, runRules } from "../../../src/index.js";

const m365 = (subscribedSkus: ReturnType<typeof e5>[] | undefined) => makeSnapshot({ m365: { organization: [organization()], ...(subscribedSkus ? { subscribedSkus } : {}) } });
const TARGET = `/tenants/${TENANT}`;
const skusForbiddenEntry = failure("m365SubscribedSkus", `/tenants/${TENANT}/subscribedSkus`, {
  operation: "GET /subscribedSkus",
  code: "Authorization_RequestDenied",
  message: "Insufficient privileges to complete the operation.",
  permission: "LicenseAssignment.Read.All",
});
const skusForbidden = makeSnapshot({ m365: { organization: [organization()] }, coverage: [skusForbiddenEntry] });

ruleTester(rule, {
  valid: [
    { name: "Microsoft 365 E5 with Customer Key provisioned", snapshot: m365([e3(), e5()]), results: [{ status: "pass", messageId: "available", resource: TARGET, severity: "info" }] },
    { name: "plan id in upper case", snapshot: m365([e5({ servicePlanId: CUSTOMER_KEY_PLAN.toUpperCase() })]) },
    {
      name: "plan without an id matched by name (add-on SKU)",
      snapshot: m365([subscribedSku("INFORMATION_PROTECTION_COMPLIANCE", "184efa21-98c3-4e5d-95ab-d07053a96e67", [{ servicePlanName: "customer_key", provisioningStatus: "success" }], { capabilityStatus: "enabled" })]),
    },
    { name: "Microsoft 365 not collected: the profile disabled it", snapshot: makeSnapshot(), results: [] },
  ],
  invalid: [
    { name: "only E3", snapshot: m365([e3()]), results: [{ status: "fail", messageId: "absent", resource: TARGET, severity: "info" }] },
    { name: "no licences at all", snapshot: m365([]), results: [{ status: "fail", messageId: "absent" }] },
    { name: "Customer Key plan pending activation", snapshot: m365([e5({ provisioningStatus: "PendingActivation" })]), results: [{ status: "fail", messageId: "inactive" }] },
    { name: "E5 subscription suspended", snapshot: m365([e5({}, { capabilityStatus: "Suspended" })]), results: [{ status: "fail", messageId: "inactive" }] },
    {
      name: "plan named CUSTOMER_KEY but with another id is not Customer Key",
      snapshot: m365([subscribedSku("CONTOSO_BUNDLE", "0b0c0d0e-1111-4222-8333-944455556666", [{ servicePlanId: "11111111-2222-4333-8444-555555555555", servicePlanName: "CUSTOMER_KEY" }])]),
      results: [{ status: "fail", messageId: "absent" }],
    },
  ],
  notAssessed: [
    {
      name: "subscribedSkus forbidden: one result on the tenant itself",
      snapshot: skusForbidden,
      results: [{ status: "not-assessed", messageId: "__notAssessed", resource: TARGET, severity: "info" }],
    },
  ],
  missingProperty: [
    { name: "capabilityStatus absent is not Enabled", snapshot: m365([e5({}, { capabilityStatus: undefined })]), results: [{ status: "fail", messageId: "inactive" }] },
    { name: "subscribedSkus absent without a coverage entry", snapshot: m365(undefined), results: [{ status: "not-assessed", resource: TARGET }] },
  ],
});

it("ACC-02 gives no result when the configuration turns Microsoft 365 off", () => {
  const config = defaultConfig();
  config.m365.enabled = false;
  expect(runRules(m365([e3()]), [rule], { config, now: new Date("2026-11-27T03:00:00Z") }).findings).toEqual([]);
});

it("ACC-02 shows what was seen of the plan in the evidence", () => {
  const [f] = runRules(m365([e5({ provisioningStatus: "Disabled" })]), [rule], { config: defaultConfig(), now: new Date("2026-11-27T03:00:00Z") }).findings;
  expect(f?.evidence?.[0]?.actual).toEqual([{ skuPartNumber: "SPE_E5", capabilityStatus: "Enabled", provisioningStatus: "Disabled" }]);
  expect(f?.message.en).toBe("Exempelkommun has Customer Key in SPE_E5, but it is not active (Disabled, Enabled).");
});

it("ACC-02 subscribedSkus forbidden: one result on /tenants/{id} (not on /subscribedSkus), with the 403 and the permission", () => {
  const fs = findingsOf(rule, skusForbidden);
  expect(lines(fs)).toEqual([`not-assessed ${TARGET} info ← m365SubscribedSkus ${TARGET}/subscribedSkus 403 Authorization_RequestDenied`]);
  const [f] = fs;
  expect(f?.resourceName).toBe("Exempelkommun");
  expect(f?.resourceType).toBe("Microsoft.Resources/tenants");
  expect(f?.notAssessed).toEqual({
    scope: `${TARGET}/subscribedSkus`,
    collection: "m365SubscribedSkus",
    httpStatus: 403,
    code: "Authorization_RequestDenied",
    message: "Insufficient privileges to complete the operation.",
    permission: "LicenseAssignment.Read.All",
  });
  // The fingerprint of a night the SKUs were read: sha-256 of `ACC-02|/tenants/{id}|`.
  expect(f?.fingerprint).toBe(createHash("sha256").update(`ACC-02|${TARGET}|`).digest("hex").slice(0, 32));
  expect(findingsOf(rule, m365([e5()]))[0]?.fingerprint).toBe(f?.fingerprint);
});
