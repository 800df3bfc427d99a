/**
 * ACC-01: Customer Lockbox for Microsoft Azure is turned on for the tenant.
 */
import { defineRule, str } from "../../../src/index.js";
import type { Evidence, RuleResult, Target } from "../../../src/index.js";

export default defineRule({
  id: "ACC-01",
  name: "customer-lockbox-tenant-enabled",
  title: {
    en: "Customer Lockbox for Microsoft Azure is enabled",
    sv: "Customer Lockbox för Microsoft Azure är aktiverat",
  },
  severity: "medium",
  rationale: {
    en: "Microsoft engineers can need access to customer data while they work on a support case. With Customer Lockbox, that access waits for an approver in the organisation and is logged; without it, the organisation is not asked. Microsoft's FAQ for Swedish public-sector customers (\"Vem på Microsoft kan komma åt data\") describes access only when needed and under approval, and Customer Lockbox is the customer-side control that makes the approval the organisation's own.",
    sv: "Microsofts tekniker kan behöva komma åt kunddata när de arbetar med ett supportärende. Med Customer Lockbox väntar den åtkomsten på en godkännare i organisationen och loggas; utan den tillfrågas inte organisationen. Microsofts vanliga frågor för svenska offentliga kunder (\"Vem på Microsoft kan komma åt data\") beskriver åtkomst bara vid behov och efter godkännande, och Customer Lockbox är kontrollen som gör godkännandet till organisationens eget.",
  },
  guidance: [
    { doc: "rules-catalog", id: "ACC-01" },
    { doc: "microsoft-faq-se", title: "Vem på Microsoft kan komma åt data" },
  ],
  reads: ["customerLockbox"],
  targets: [{ collection: "customerLockbox" }],
  messages: {
    optedIn: {
      en: "{{name}} has Customer Lockbox for Microsoft Azure turned on.",
      sv: "{{name}} har Customer Lockbox för Microsoft Azure påslaget.",
    },
    notOptedIn: {
      en: "{{name}} has Customer Lockbox for Microsoft Azure turned off, so Microsoft engineers can reach data without the organisation's approval.",
      sv: "{{name}} har Customer Lockbox för Microsoft Azure avslaget, så Microsofts tekniker kan nå data utan organisationens godkännande.",
    },
  },
  evaluate({ inventory, each }, { pass, fail, notAssessed }) {
    // A Microsoft-365-only audit (azure.enabled: false) did not look at Azure: nothing to judge.
    if (inventory.scope.azureCollected === false) return [];
    return each([inventory.tenantId], (tenantId): RuleResult => {
      const organization = inventory.untracked(() => inventory.tenant("organization"));
      const target: Target = { id: `/tenants/${tenantId}`, type: "Microsoft.Resources/tenants", name: inventory.tenantName ?? str(organization?.[0], "displayName") ?? tenantId };
      // A failed read of the opt-in state makes this not assessed with that failure (the engine sees the lookup).
      const state = inventory.tenant("customerLockbox");
      const optedIn = state?.isOptedIn;
      if (typeof optedIn !== "boolean") {
        return notAssessed(target, {
          scope: target.id,
          collection: "customerLockbox",
          code: state === undefined ? "NotCollected" : "OptInUnknown",
          message: state === undefined ? "The snapshot holds no Customer Lockbox opt-in state." : "The Customer Lockbox API returned no opt-in state.",
          permission: "Microsoft.CustomerLockbox/TenantOptedIn/read",
        });
      }
      const evidence: Evidence[] = [{ path: "customerLockbox.isOptedIn", actual: optedIn, expected: true }];
      return optedIn ? pass(target, "optedIn", {}, { evidence }) : fail(target, "notOptedIn", {}, { evidence });
    });
  },
  remediation: {
    summary: {
      en: "A Global Administrator turns on Customer Lockbox for the tenant in the Customer Lockbox for Microsoft Azure blade, and assigns the Azure Customer Lockbox Approver for Subscription role to the people who answer requests.",
      sv: "En global administratör slår på Customer Lockbox för klientorganisationen i bladet Customer Lockbox for Microsoft Azure och tilldelar rollen Azure Customer Lockbox Approver for Subscription till dem som ska besvara begäranden.",
    },
    portal: {
      en: "Azure portal → Customer Lockbox for Microsoft Azure → Administration → Enable.",
      sv: "Azure-portalen → Customer Lockbox for Microsoft Azure → Administration → Aktivera.",
    },
    cli: "az rest --method post --url \"https://management.azure.com/providers/Microsoft.CustomerLockbox/enableLockbox?api-version=2018-02-28-preview\"",
  },
  references: [
    "https://learn.microsoft.com/azure/security/fundamentals/customer-lockbox-overview",
    "https://learn.microsoft.com/azure/security/fundamentals/customer-lockbox-enable",
  ],
});
