/**
 * KEY-05: Key Vaults authorise data-plane access with Azure RBAC rather than vault access policies.
 */
import { bool, defineRule } from "../../../src/index.js";

export default defineRule({
  id: "KEY-05",
  name: "key-vault-rbac-authorization",
  title: {
    en: "Key Vaults use Azure RBAC",
    sv: "Nyckelvalv använder Azure RBAC",
  },
  severity: "low",
  rationale: {
    en: "With Azure RBAC, who may use or manage a key is granted, reviewed and logged the same way as every other permission in the tenant, and Privileged Identity Management can limit it in time; vault access policies are a separate list that anyone with Contributor on the vault can change. Keeping control over the keys, as Microsoft's guidance for Swedish public-sector customers asks, is easier to show with one permission model.",
    sv: "Med Azure RBAC tilldelas, granskas och loggas behörigheten att använda eller förvalta en nyckel på samma sätt som alla andra behörigheter i klientorganisationen, och Privileged Identity Management kan tidsbegränsa den; valvets åtkomstprinciper är en separat lista som alla med Deltagare på valvet kan ändra. Kontroll över nycklarna, som Microsofts vägledning för svenska offentliga kunder efterfrågar, är lättare att visa med en enda behörighetsmodell.",
  },
  guidance: [
    { doc: "rules-catalog", id: "KEY-05" },
    { doc: "microsoft-faq-se", title: "Kryptering" },
    { doc: "cis-azure-3.0.0", id: "3.3.6" },
  ],
  reads: ["keyVaults"],
  targets: [{ collection: "keyVaults" }],
  messages: {
    rbac: {
      en: "{{name}} authorises access with Azure RBAC.",
      sv: "{{name}} styr åtkomst med Azure RBAC.",
    },
    accessPolicies: {
      en: "{{name}} authorises access with vault access policies instead of Azure RBAC.",
      sv: "{{name}} styr åtkomst med valvets åtkomstprinciper i stället för Azure RBAC.",
    },
  },
  evaluate({ inventory, each }, { pass, fail }) {
    return each(inventory.all("keyVaults"), (vault) => {
      const rbac = bool(vault, "properties.enableRbacAuthorization");
      const evidence = [{ path: "properties.enableRbacAuthorization", actual: rbac, expected: true, ...(rbac === undefined ? { defaulted: true } : {}) }];
      // Absent means false: the vault uses access policies.
      return rbac === true ? pass(vault, "rbac", {}, { evidence }) : fail(vault, "accessPolicies", {}, { evidence });
    });
  },
  remediation: {
    summary: {
      en: "Grant the existing access-policy holders equivalent Key Vault RBAC roles (Key Vault Crypto Service Encryption User for data stores, Key Vault Crypto Officer for administrators), then switch the vault's permission model to Azure RBAC.",
      sv: "Ge dem som har åtkomstprinciper motsvarande RBAC-roller för Key Vault (Key Vault Crypto Service Encryption User för datalager, Key Vault Crypto Officer för administratörer) och byt sedan valvets behörighetsmodell till Azure RBAC.",
    },
    portal: {
      en: "Key vault → Settings → Access configuration → Permission model: Azure role-based access control → Apply.",
      sv: "Nyckelvalv → Inställningar → Åtkomstkonfiguration → Behörighetsmodell: Rollbaserad åtkomstkontroll i Azure → Verkställ.",
    },
    cli: "az keyvault update -g <rg> -n <vault> --enable-rbac-authorization true",
    bicep: "properties: { enableRbacAuthorization: true, accessPolicies: [] }",
  },
  references: [
    "https://learn.microsoft.com/azure/key-vault/general/rbac-guide",
    "https://learn.microsoft.com/azure/key-vault/general/rbac-migration",
  ],
});
