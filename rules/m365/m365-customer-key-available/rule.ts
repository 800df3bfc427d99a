/**
 * ACC-02: the tenant holds an active licence that includes Microsoft 365 Customer Key (service plan CUSTOMER_KEY).
 */
import { arr, defineRule, eqi, str } from "../../../src/index.js";
import type { GraphObject, RuleResult, Target } from "../../../src/index.js";

/** Service plan id of "Microsoft Customer Key" (CUSTOMER_KEY), from Microsoft's licensing reference. */
const CUSTOMER_KEY_PLAN_ID = "6db1f1db-2b46-403f-be40-e39395f08dbb";

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
    en: "Microsoft 365 Customer Key is available",
    sv: "Microsoft 365 Customer Key finns tillgängligt",
  },
  severity: "info",
  rationale: {
    en: "Customer Key lets the organisation encrypt Microsoft 365 data at rest with its own keys in Azure Key Vault, so it can withdraw Microsoft's ability to read the data. Microsoft's FAQ for Swedish public-sector customers describes staff access to data only when needed and under approval, and names customer-held keys as the measure for sensitive data; this rule records whether the licence for that control exists.",
    sv: "Customer Key låter organisationen kryptera lagrad Microsoft 365-data med egna nycklar i Azure Key Vault och därmed dra tillbaka Microsofts möjlighet att läsa datan. Microsofts vanliga frågor för svenska offentliga kunder beskriver att personal når data bara vid behov och efter godkännande, och anger kundägda nycklar som åtgärden för känslig data; regeln visar om licensen för den kontrollen finns.",
  },
  guidance: [
    { doc: "rules-catalog", id: "ACC-02" },
    { doc: "microsoft-faq-se", title: "Vem på Microsoft kan komma åt data" },
  ],
  reads: ["m365SubscribedSkus"],
  targets: [{ collection: "m365SubscribedSkus", type: "Microsoft.Resources/tenants" }],
  messages: {
    available: {
      en: "{{name}} has Microsoft 365 Customer Key through {{sku}}.",
      sv: "{{name}} har Microsoft 365 Customer Key via {{sku}}.",
    },
    inactive: {
      en: "{{name}} has Customer Key in {{sku}}, but it is not active ({{state}}).",
      sv: "{{name}} har Customer Key i {{sku}}, men den är inte aktiv ({{state}}).",
    },
    absent: {
      en: "{{name}} has no licence that includes Microsoft 365 Customer Key.",
      sv: "{{name}} har ingen licens som omfattar Microsoft 365 Customer Key.",
    },
  },
  evaluate({ inventory, config, each }, helpers) {
    // Microsoft 365 turned off in the configuration: the rule does not apply. On, but absent from the
    // snapshot: the evaluation records a coverage gap and the engine names the tenant not assessed.
    if (!inventory.scope.m365Collected || !config.m365.enabled) return [];
    return each([inventory.tenantId], (tenantId) => judge(tenantId));

    function judge(tenantId: string): RuleResult {
    const { pass, fail, notAssessed } = helpers;
    const organization = inventory.untracked(() => inventory.tenant("organization"));
    const target: Target = { id: `/tenants/${tenantId}`, type: "Microsoft.Resources/tenants", name: inventory.tenantName ?? str(organization?.[0], "displayName") ?? tenantId };
    // A failed read of the SKUs makes this not assessed with that failure (the engine sees the lookup).
    const skus: GraphObject[] | undefined = inventory.tenant("subscribedSkus");
    if (!skus) {
      return notAssessed(target, { scope: `${target.id}/subscribedSkus`, collection: "m365SubscribedSkus", code: "NotCollected", message: "The snapshot holds no subscribed SKUs.", permission: "LicenseAssignment.Read.All" });
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
    const evidence = [
      {
        path: `subscribedSkus[].servicePlans[servicePlanId=${CUSTOMER_KEY_PLAN_ID}]`,
        actual: found,
        expected: { provisioningStatus: "Success", capabilityStatus: "Enabled" },
      },
    ];
    const active = found.find((f) => eqi(f.provisioningStatus, "Success") && eqi(f.capabilityStatus, "Enabled"));
    if (active) return pass(target, "available", { sku: active.skuPartNumber }, { evidence });
    const first = found[0];
    if (first) {
      return fail(target, "inactive", { sku: first.skuPartNumber, state: `${first.provisioningStatus ?? "no status"}, ${first.capabilityStatus ?? "no status"}` }, { evidence });
    }
    return fail(target, "absent", {}, { evidence });
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
