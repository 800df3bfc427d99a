/**
 * ACC-02: the tenant holds an active licence that includes Microsoft 365 Customer Key (service plan
 * CUSTOMER_KEY), part `licensed`; and its data-encryption policies are attested as assigned, part
 * `configured` (no Graph API shows them).
 */
import { arr, attestationState, attestedEvidence, defineRule, eqi, str } from "../../../src/index.js";
import type { AttestationNeed, Evidence, GraphObject, RuleResult, Target } from "../../../src/index.js";

/** Service plan id of "Microsoft Customer Key" (CUSTOMER_KEY), from Microsoft's licensing reference. */
const CUSTOMER_KEY_PLAN_ID = "6db1f1db-2b46-403f-be40-e39395f08dbb";

/** What to attest for the `configured` part, and where to read it. */
const POLICIES_NEED: Omit<AttestationNeed, "state"> = {
  key: "customerKeyPolicies",
  what: {
    en: "Whether Microsoft 365 Customer Key data-encryption policies (DEPs) are created and assigned, so Microsoft 365 data is encrypted with the organisation's own keys.",
    sv: "Om datakrypteringsprinciper (DEP) för Microsoft 365 Customer Key är skapade och tilldelade, så att Microsoft 365-data krypteras med organisationens egna nycklar.",
  },
  readAt: {
    en: "Microsoft Purview portal → Settings → Encryption → Customer Key (data encryption policies and their assignments)",
    sv: "Microsoft Purview-portalen → Inställningar → Kryptering → Customer Key (datakrypteringsprinciper och deras tilldelningar)",
  },
  example: 'attestations:\n  customerKeyPolicies: { assigned: true, attestedBy: "<your name or e-mail>", attestedOn: YYYY-MM-DD, source: "Purview portal, Customer Key, data encryption policies" }',
};

/** The plan is Customer Key: by GUID; by name only when the plan carries no id. */
function isCustomerKey(plan: unknown): boolean {
  const id = str(plan, "servicePlanId");
  if (id !== undefined && id.trim() !== "") return eqi(id.trim(), CUSTOMER_KEY_PLAN_ID);
  return eqi(str(plan, "servicePlanName"), "CUSTOMER_KEY");
}

export default defineRule({
  id: "ACC-02",
  name: "m365-customer-key-available",
  title: {
    en: "Microsoft 365 Customer Key is licensed, and its use attested",
    sv: "Microsoft 365 Customer Key är licensierat, och dess användning intygad",
  },
  severity: "info",
  rationale: {
    en: "Customer Key lets the organisation encrypt Microsoft 365 data at rest with its own keys in Azure Key Vault, so it can withdraw Microsoft's ability to read the data. Microsoft's FAQ for Swedish public-sector customers describes staff access to data only when needed and under approval, and names customer-held keys as the measure for sensitive data; this rule records whether the licence for that control exists and, since no API shows it, asks for an attestation that the data-encryption policies are in use.",
    sv: "Customer Key låter organisationen kryptera lagrad Microsoft 365-data med egna nycklar i Azure Key Vault och därmed dra tillbaka Microsofts möjlighet att läsa datan. Microsofts vanliga frågor för svenska offentliga kunder beskriver att personal når data bara vid behov och efter godkännande, och anger kundägda nycklar som åtgärden för känslig data; regeln visar om licensen för den kontrollen finns och, eftersom inget API visar det, kräver ett intygande om att datakrypteringsprinciperna används.",
  },
  guidance: [
    { doc: "rules-catalog", id: "ACC-02" },
    { doc: "microsoft-faq-se", title: "Vem på Microsoft kan komma åt data" },
  ],
  parts: ["licensed", "configured"],
  // Before 1.1 the rule had one part-less result, the licence: its night-to-night history carries on.
  partlessFingerprintParts: ["licensed"],
  reads: [{ collection: "m365SubscribedSkus", part: "licensed" }],
  targets: [{ collection: "m365SubscribedSkus", type: "Microsoft.Resources/tenants", parts: ["licensed"] }],
  messages: {
    available: {
      en: "{{name}} is licensed for Microsoft 365 Customer Key through {{sku}} (a licence only: whether it is used is the configured part).",
      sv: "{{name}} är licensierad för Microsoft 365 Customer Key via {{sku}} (bara en licens: om den används visar delen configured).",
    },
    gracePeriod: {
      en: "{{name}} is licensed for Microsoft 365 Customer Key through {{sku}}, but the subscription is in its grace period (capabilityStatus Warning): renew it, or the licence lapses.",
      sv: "{{name}} är licensierad för Microsoft 365 Customer Key via {{sku}}, men prenumerationen är i sin frist (capabilityStatus Warning): förnya den, annars upphör licensen.",
    },
    policiesAssigned: {
      en: "{{name}} has Customer Key data-encryption policies assigned (attested by {{attestedBy}} on {{attestedOn}}).",
      sv: "{{name}} har tilldelade datakrypteringsprinciper för Customer Key (intygat av {{attestedBy}} {{attestedOn}}).",
    },
    policiesNotAssigned: {
      en: "{{name}} has no Customer Key data-encryption policy assigned (attested by {{attestedBy}} on {{attestedOn}}): Microsoft 365 data is encrypted with Microsoft's keys only.",
      sv: "{{name}} har ingen tilldelad datakrypteringsprincip för Customer Key (intygat av {{attestedBy}} {{attestedOn}}): Microsoft 365-data krypteras bara med Microsofts nycklar.",
    },
    policiesNeedAttestation: {
      en: "No API shows whether {{name}} has Customer Key data-encryption policies assigned: attest it in the configuration (attestations.customerKeyPolicies).",
      sv: "Inget API visar om {{name}} har tilldelade datakrypteringsprinciper för Customer Key: intyga det i konfigurationen (attestations.customerKeyPolicies).",
    },
    policiesAttestationStale: {
      en: "{{name}}'s Customer Key data-encryption policies were attested on {{attestedOn}}, more than a year ago: check them again and renew the attestation (attestations.customerKeyPolicies).",
      sv: "{{name}}s datakrypteringsprinciper för Customer Key intygades {{attestedOn}}, för mer än ett år sedan: kontrollera dem igen och förnya intygandet (attestations.customerKeyPolicies).",
    },
    inactive: {
      en: "{{name}} has Customer Key in {{sku}}, but it is not active ({{state}}).",
      sv: "{{name}} har Customer Key i {{sku}}, men den är inte aktiv ({{stateSv}}).",
    },
    absent: {
      en: "{{name}} has no licence that includes Microsoft 365 Customer Key.",
      sv: "{{name}} har ingen licens som omfattar Microsoft 365 Customer Key.",
    },
  },
  evaluate({ inventory, config, each, now }, helpers) {
    // Microsoft 365 turned off in the configuration: the rule does not apply. On, but absent from the
    // snapshot: the evaluation records a coverage gap and the engine names the tenant not assessed.
    if (!inventory.scope.m365Collected || !config.m365.enabled) return [];
    const organization = inventory.untracked(() => inventory.tenant("organization"));
    const tenantId = inventory.tenantId;
    const target: Target = { id: `/tenants/${tenantId}`, type: "Microsoft.Resources/tenants", name: inventory.tenantName ?? str(organization?.[0], "displayName") ?? tenantId };
    return [...each([tenantId], () => licensed()), ...each([tenantId], () => configured())];

    function licensed(): RuleResult {
      const { pass, fail, notAssessed } = helpers;
      const opts = { part: "licensed" };
      // A failed read of the SKUs makes this not assessed with that failure (the engine sees the lookup).
      const skus: GraphObject[] | undefined = inventory.tenant("subscribedSkus");
      if (!skus) {
        return notAssessed(target, { scope: `${target.id}/subscribedSkus`, collection: "m365SubscribedSkus", code: "NotCollected", message: "The snapshot holds no subscribed SKUs.", permission: "LicenseAssignment.Read.All" }, opts);
      }
      const found = skus.flatMap((sku) =>
        arr(sku, "servicePlans")
          .filter(isCustomerKey)
          .map((plan) => ({
            skuPartNumber: str(sku, "skuPartNumber") ?? str(sku, "skuId") ?? sku.id,
            capabilityStatus: str(sku, "capabilityStatus"),
            provisioningStatus: str(plan, "provisioningStatus"),
          })),
      );
      const evidence: Evidence[] = [
        {
          path: `subscribedSkus[].servicePlans[servicePlanId=${CUSTOMER_KEY_PLAN_ID}]`,
          actual: found,
          expected: { provisioningStatus: "Success", capabilityStatus: ["Enabled", "Warning"] },
        },
      ];
      const provisioned = found.filter((f) => eqi(f.provisioningStatus, "Success"));
      const active = provisioned.find((f) => eqi(f.capabilityStatus, "Enabled"));
      if (active) return pass(target, "available", { sku: active.skuPartNumber }, { ...opts, evidence });
      const grace = provisioned.find((f) => eqi(f.capabilityStatus, "Warning"));
      if (grace) return pass(target, "gracePeriod", { sku: grace.skuPartNumber }, { ...opts, evidence });
      const first = found[0];
      if (first) {
        const state = `${first.provisioningStatus ?? "no status"}, ${first.capabilityStatus ?? "no status"}`;
        const stateSv = `${first.provisioningStatus ?? "ingen status"}, ${first.capabilityStatus ?? "ingen status"}`;
        return fail(target, "inactive", { sku: first.skuPartNumber, state, stateSv }, { ...opts, evidence });
      }
      return fail(target, "absent", {}, { ...opts, evidence });
    }

    /** No API shows data-encryption policies: only an attestation in the configuration decides. */
    function configured(): RuleResult {
      const { pass, fail, attestationRequired } = helpers;
      const a = config.attestations.customerKeyPolicies;
      if (!a) return attestationRequired(target, "policiesNeedAttestation", { ...POLICIES_NEED, state: "missing" }, {}, { part: "configured" });
      const evidence: Evidence[] = [attestedEvidence("customerKeyPolicies", "assigned", a, a.assigned, true)];
      const opts = { part: "configured", evidence };
      const data = { attestedBy: a.attestedBy, attestedOn: a.attestedOn };
      if (attestationState(a, now).state === "stale") {
        return attestationRequired(target, "policiesAttestationStale", { ...POLICIES_NEED, state: "stale", attestedOn: a.attestedOn }, data, opts);
      }
      return a.assigned ? pass(target, "policiesAssigned", data, opts) : fail(target, "policiesNotAssigned", data, opts);
    }
  },
  remediation: {
    summary: {
      en: "License the tenant for Customer Key (Microsoft 365 E5 or A5, or the Information Protection and Governance add-on), then set up data-encryption policies with keys in two Azure Key Vaults in the organisation's own subscriptions.",
      sv: "Licensiera klientorganisationen för Customer Key (Microsoft 365 E5 eller A5, eller tillägget Information Protection and Governance) och skapa sedan datakrypteringsprinciper med nycklar i två Azure Key Vault i organisationens egna prenumerationer.",
    },
    portal: {
      en: "Microsoft 365 admin center → Billing → Purchase services (E5/A5 or the compliance add-on); then Microsoft Purview portal → Settings → Encryption → Customer Key.",
      sv: "Administrationscenter för Microsoft 365 → Fakturering → Köp tjänster (E5/A5 eller efterlevnadstillägget); därefter Microsoft Purview-portalen → Inställningar → Kryptering → Customer Key.",
    },
    cli: "az rest --method get --url https://graph.microsoft.com/v1.0/subscribedSkus --query \"value[].{sku:skuPartNumber,status:capabilityStatus,plans:servicePlans[?servicePlanId=='6db1f1db-2b46-403f-be40-e39395f08dbb']}\"",
  },
  references: [
    "https://learn.microsoft.com/purview/customer-key-overview",
    "https://learn.microsoft.com/purview/customer-key-set-up",
    "https://learn.microsoft.com/entra/identity/users/licensing-service-plan-reference",
  ],
});
