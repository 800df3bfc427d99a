import rule from "./rule.js";
import { CUSTOMER_KEY_PLAN, e3, e5, organization, subscribedSku } from "../../../tests/fixtures/m365.js";
import { failure, makeSnapshot, TENANT } from "../../../tests/fixtures/snapshot.js";
import { ruleTester } from "../../../tests/helpers/rule-tester.js";
import { createHash } from "node:crypto";
import { expect, it } from "vitest";
import { findingsOf, lines } from "../../../tests/fixtures/coverage.js";
import { defaultConfig, type ResolvedConfig, runRules } from "../../../src/index.js";

const m365 = (subscribedSkus: ReturnType<typeof e5>[] | undefined) => makeSnapshot({ m365: { organization: [organization()], ...(subscribedSkus ? { subscribedSkus } : {}) } });
const TARGET = `/tenants/${TENANT}`;
const skusForbiddenEntry = failure("m365SubscribedSkus", `/tenants/${TENANT}/subscribedSkus`, {
  operation: "GET /subscribedSkus",
  code: "Authorization_RequestDenied",
  message: "Insufficient privileges to complete the operation.",
  permission: "LicenseAssignment.Read.All",
});
const skusForbidden = makeSnapshot({ m365: { organization: [organization()] }, coverage: [skusForbiddenEntry] });

/** The configuration attests assigned data-encryption policies (read in the Purview portal on 2026-11-20). */
const attested = (assigned = true, attestedOn = "2026-11-20") => (c: ResolvedConfig) => {
  c.attestations.customerKeyPolicies = { assigned, attestedBy: "it@exempelkommun.se", attestedOn, source: "Purview portal, Customer Key, data encryption policies" };
};
const configuredPass = { status: "pass", messageId: "policiesAssigned", part: "configured", resource: TARGET, severity: "info" } as const;

ruleTester(rule, {
  valid: [
    {
      name: "Microsoft 365 E5 with Customer Key provisioned, policies attested as assigned",
      snapshot: m365([e3(), e5()]),
      config: attested(),
      results: [
        {
          status: "pass",
          messageId: "available",
          part: "licensed",
          resource: TARGET,
          severity: "info",
          type: "Microsoft.Resources/tenants",
          message: "Exempelkommun is licensed for Microsoft 365 Customer Key through SPE_E5 (a licence only: whether it is used is the configured part).",
          evidence: [
            {
              path: `subscribedSkus[].servicePlans[servicePlanId=${CUSTOMER_KEY_PLAN}]`,
              actual: [{ skuPartNumber: "SPE_E5", capabilityStatus: "Enabled", provisioningStatus: "Success" }],
              expected: { provisioningStatus: "Success", capabilityStatus: ["Enabled", "Warning"] },
            },
          ],
        },
        configuredPass,
      ],
    },
    { name: "plan id in upper case", snapshot: m365([e5({ servicePlanId: CUSTOMER_KEY_PLAN.toUpperCase() })]), config: attested() },
    {
      name: "plan without an id matched by name (add-on SKU)",
      snapshot: m365([subscribedSku("INFORMATION_PROTECTION_COMPLIANCE", "184efa21-98c3-4e5d-95ab-d07053a96e67", [{ servicePlanName: "customer_key", provisioningStatus: "success" }], { capabilityStatus: "enabled" })]),
      config: attested(),
    },
    {
      name: "a SKU in its grace period (capabilityStatus Warning) is licensed, with a note",
      snapshot: m365([e5({}, { capabilityStatus: "Warning" })]),
      config: attested(),
      results: [
        {
          status: "pass",
          messageId: "gracePeriod",
          part: "licensed",
          message: "Exempelkommun is licensed for Microsoft 365 Customer Key through SPE_E5, but the subscription is in its grace period (capabilityStatus Warning): renew it, or the licence lapses.",
        },
        configuredPass,
      ],
    },
    { name: "Microsoft 365 not collected: the profile disabled it", snapshot: makeSnapshot(), results: [] },
  ],
  invalid: [
    {
      name: "only E3",
      snapshot: m365([e3()]),
      config: attested(),
      results: [
        { status: "fail", messageId: "absent", part: "licensed", resource: TARGET, severity: "info", message: "Exempelkommun has no licence that includes Microsoft 365 Customer Key." },
        configuredPass,
      ],
    },
    { name: "no licences at all", snapshot: m365([]), config: attested(), results: [{ status: "fail", messageId: "absent", part: "licensed" }, configuredPass] },
    {
      name: "Customer Key plan pending activation",
      snapshot: m365([e5({ provisioningStatus: "PendingActivation" })]),
      config: attested(),
      results: [{ status: "fail", messageId: "inactive", part: "licensed", message: "Exempelkommun has Customer Key in SPE_E5, but it is not active (PendingActivation, Enabled)." }, configuredPass],
    },
    { name: "E5 subscription suspended", snapshot: m365([e5({}, { capabilityStatus: "Suspended" })]), config: attested(), results: [{ status: "fail", messageId: "inactive", part: "licensed" }, configuredPass] },
    {
      name: "plan named CUSTOMER_KEY but with another id is not Customer Key",
      snapshot: m365([subscribedSku("CONTOSO_BUNDLE", "0b0c0d0e-1111-4222-8333-944455556666", [{ servicePlanId: "11111111-2222-4333-8444-555555555555", servicePlanName: "CUSTOMER_KEY" }])]),
      config: attested(),
      results: [{ status: "fail", messageId: "absent", part: "licensed" }, configuredPass],
    },
    {
      name: "licensed, but the attestation says no data-encryption policy is assigned",
      snapshot: m365([e5()]),
      config: attested(false),
      results: [{ status: "pass", messageId: "available", part: "licensed" }, { status: "fail", messageId: "policiesNotAssigned", part: "configured", severity: "info" }],
    },
  ],
  notAssessed: [
    {
      name: "subscribedSkus forbidden: one result on the tenant itself; the attested part is still judged",
      snapshot: skusForbidden,
      config: attested(),
      results: [{ status: "not-assessed", messageId: "__notAssessed", part: "licensed", resource: TARGET, severity: "info" }, configuredPass],
    },
  ],
  missingProperty: [
    {
      name: "capabilityStatus absent is not Enabled",
      snapshot: m365([e5({}, { capabilityStatus: undefined })]),
      config: attested(),
      results: [
        {
          status: "fail",
          messageId: "inactive",
          part: "licensed",
          message: "Exempelkommun has Customer Key in SPE_E5, but it is not active (Success, no status).",
          messageSv: "Exempelkommun har Customer Key i SPE_E5, men den är inte aktiv (Success, ingen status).",
        },
        configuredPass,
      ],
    },
    {
      name: "provisioningStatus and capabilityStatus both absent",
      snapshot: m365([e5({ provisioningStatus: undefined }, { capabilityStatus: undefined })]),
      config: attested(),
      results: [
        {
          status: "fail",
          messageId: "inactive",
          part: "licensed",
          message: "Exempelkommun has Customer Key in SPE_E5, but it is not active (no status, no status).",
          messageSv: "Exempelkommun har Customer Key i SPE_E5, men den är inte aktiv (ingen status, ingen status).",
        },
        configuredPass,
      ],
    },
    { name: "subscribedSkus absent without a coverage entry", snapshot: m365(undefined), config: attested(), results: [{ status: "not-assessed", part: "licensed", resource: TARGET }, configuredPass] },
    {
      name: "no attestation: the configured part needs attestation (never a pass)",
      snapshot: m365([e5()]),
      results: [{ status: "pass", messageId: "available", part: "licensed" }, { status: "attestation-required", messageId: "policiesNeedAttestation", part: "configured", severity: "info" }],
    },
    {
      name: "an attestation over a year old needs attestation again",
      snapshot: m365([e5()]),
      config: attested(true, "2025-11-01"),
      results: [{ status: "pass", messageId: "available", part: "licensed" }, { status: "attestation-required", messageId: "policiesAttestationStale", part: "configured" }],
    },
  ],
});

it("ACC-02 gives no result when the configuration turns Microsoft 365 off", () => {
  const config = defaultConfig();
  config.m365.enabled = false;
  expect(runRules(m365([e3()]), [rule], { config, now: new Date("2026-11-27T03:00:00Z") }).findings).toEqual([]);
});

it("ACC-02 shows what was seen of the plan in the evidence", () => {
  const [f] = runRules(m365([e5({ provisioningStatus: "Disabled" })]), [rule], { config: defaultConfig(), now: new Date("2026-11-27T03:00:00Z") }).findings.filter((x) => x.part === "licensed");
  expect(f?.evidence?.[0]?.actual).toEqual([{ skuPartNumber: "SPE_E5", capabilityStatus: "Enabled", provisioningStatus: "Disabled" }]);
  expect(f?.message.en).toBe("Exempelkommun has Customer Key in SPE_E5, but it is not active (Disabled, Enabled).");
});

it("ACC-02 subscribedSkus forbidden: one result on /tenants/{id} (not on /subscribedSkus), with the 403 and the permission", () => {
  const fs = findingsOf(rule, skusForbidden).filter((x) => x.part === "licensed");
  expect(lines(fs)).toEqual([`not-assessed ${TARGET} [licensed] info ← m365SubscribedSkus ${TARGET}/subscribedSkus 403 Authorization_RequestDenied`]);
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
  // The part `licensed` keeps the fingerprint of the part-less result before 1.1: sha-256 of `ACC-02|/tenants/{id}|`.
  expect(f?.fingerprint).toBe(createHash("sha256").update(`ACC-02|${TARGET}|`).digest("hex").slice(0, 32));
  expect(findingsOf(rule, m365([e5()])).find((x) => x.part === "licensed")?.fingerprint).toBe(f?.fingerprint);
});

it("ACC-02 configured: the attestation is evidence of kind attested, and the part has its own fingerprint", () => {
  const config = defaultConfig();
  attested()(config);
  const fs = runRules(m365([e5()]), [rule], { config, now: new Date("2026-11-27T03:00:00Z") }).findings;
  const c = fs.find((x) => x.part === "configured");
  expect(c?.evidence).toEqual([
    {
      path: "attestations.customerKeyPolicies.assigned",
      actual: true,
      expected: true,
      kind: "attested",
      attestation: { key: "customerKeyPolicies", attestedBy: "it@exempelkommun.se", attestedOn: "2026-11-20", source: "Purview portal, Customer Key, data encryption policies" },
    },
  ]);
  expect(c?.message.en).toBe("Exempelkommun has Customer Key data-encryption policies assigned (attested by it@exempelkommun.se on 2026-11-20).");
  expect(c?.fingerprint).toBe(createHash("sha256").update(`ACC-02|${TARGET}|configured`).digest("hex").slice(0, 32));
});

it("ACC-02 configured without an attestation says what to attest and where to read it", () => {
  const [c] = runRules(m365([e5()]), [rule], { config: defaultConfig(), now: new Date("2026-11-27T03:00:00Z") }).findings.filter((x) => x.part === "configured");
  expect(c?.status).toBe("attestation-required");
  expect(c?.attestation?.key).toBe("customerKeyPolicies");
  expect(c?.attestation?.state).toBe("missing");
  expect(c?.attestation?.readAt.en).toBe("Microsoft Purview portal → Settings → Encryption → Customer Key (data encryption policies and their assignments)");
  expect(c?.attestation?.example).toContain("customerKeyPolicies: { assigned: true,");
  expect(c?.evidence).toBeUndefined();
});

it("ACC-02 takes a blank plan id as no id (the name decides) and trims a padded one; a SKU without a part number is named by its skuId", () => {
  const skus = [
    subscribedSku("ADDON_EMPTY_ID", "1f3c5e7a-9b1d-4f3a-8c5e-7a9b1d3f5c7e", [{ servicePlanId: "", servicePlanName: "CUSTOMER_KEY" }]),
    subscribedSku("ADDON_BLANK_ID", "2a4c6e8b-0d2f-4a4c-9e6b-8d0f2a4c6e8b", [{ servicePlanId: " ", servicePlanName: "CUSTOMER_KEY" }]),
    subscribedSku("ADDON_PADDED_ID", "3b5d7f9c-1e3a-4b5d-af7c-9e1a3b5d7f9c", [{ servicePlanId: ` ${CUSTOMER_KEY_PLAN} `, servicePlanName: "CUSTOMER_KEY" }]),
    subscribedSku("SPE_E5", "06ebc4ee-1bb5-47dd-8120-11324bc54e06", [{ servicePlanId: CUSTOMER_KEY_PLAN, servicePlanName: "CUSTOMER_KEY" }], { skuPartNumber: undefined }),
  ];
  const [f] = findingsOf(rule, m365(skus)).filter((x) => x.part === "licensed");
  expect(f?.messageId).toBe("available");
  expect(f?.evidence?.[0]?.actual).toEqual([
    { skuPartNumber: "ADDON_EMPTY_ID", capabilityStatus: "Enabled", provisioningStatus: "Success" },
    { skuPartNumber: "ADDON_BLANK_ID", capabilityStatus: "Enabled", provisioningStatus: "Success" },
    { skuPartNumber: "ADDON_PADDED_ID", capabilityStatus: "Enabled", provisioningStatus: "Success" },
    { skuPartNumber: "06ebc4ee-1bb5-47dd-8120-11324bc54e06", capabilityStatus: "Enabled", provisioningStatus: "Success" },
  ]);
});

it("ACC-02 subscribedSkus and organization absent without a coverage entry (an older snapshot): its own reason, the tenant named by id", () => {
  const older = makeSnapshot({ m365: {} });
  const [f] = findingsOf(rule, older).filter((x) => x.part === "licensed");
  expect(f?.resourceName).toBe(TENANT);
  expect(f?.notAssessed).toEqual({
    scope: `${TARGET}/subscribedSkus`,
    collection: "m365SubscribedSkus",
    code: "NotCollected",
    message: "The snapshot holds no subscribed SKUs.",
    permission: "LicenseAssignment.Read.All",
  });
});

it("ACC-02 a stale attestation says when it was attested, what to attest and where", () => {
  const config = defaultConfig();
  attested(true, "2025-11-01")(config);
  const [c] = runRules(m365([e5()]), [rule], { config, now: new Date("2026-11-27T03:00:00Z") }).findings.filter((x) => x.part === "configured");
  expect(c?.message.en).toBe("Exempelkommun's Customer Key data-encryption policies were attested on 2025-11-01, more than a year ago: check them again and renew the attestation (attestations.customerKeyPolicies).");
  expect(c?.attestation).toEqual({
    key: "customerKeyPolicies",
    state: "stale",
    attestedOn: "2025-11-01",
    what: {
      en: "Whether Microsoft 365 Customer Key data-encryption policies (DEPs) are created and assigned, so Microsoft 365 data is encrypted with the organisation's own keys.",
      sv: "Om datakrypteringsprinciper (DEP) för Microsoft 365 Customer Key är skapade och tilldelade, så att Microsoft 365-data krypteras med organisationens egna nycklar.",
    },
    readAt: {
      en: "Microsoft Purview portal → Settings → Encryption → Customer Key (data encryption policies and their assignments)",
      sv: "Microsoft Purview-portalen → Inställningar → Kryptering → Customer Key (datakrypteringsprinciper och deras tilldelningar)",
    },
    example: 'attestations:\n  customerKeyPolicies: { assigned: true, attestedBy: "<your name or e-mail>", attestedOn: YYYY-MM-DD, source: "Purview portal, Customer Key, data encryption policies" }',
  });
});
