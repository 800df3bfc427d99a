/**
 * KEY-04: Key Vaults and managed HSMs are closed to public networks (public access off, or firewall default Deny).
 */
import { defineRule, eqi, str } from "../../../src/index.js";
import type { ArmResource, Evidence } from "../../../src/index.js";

export default defineRule({
  id: "KEY-04",
  name: "key-vault-public-network-closed",
  title: {
    en: "Key Vaults and managed HSMs are closed to public networks",
    sv: "Nyckelvalv och hanterade HSM:er är stängda för publika nätverk",
  },
  severity: "medium",
  rationale: {
    en: "The keys that decide who can read the organisation's data should only be reachable from the networks that need them. A vault that accepts connections from the whole internet leaves authentication as the only barrier. Microsoft's guidance for Swedish public-sector customers asks for keys kept in protected hardware under the organisation's control; limiting network access is part of that protection.",
    sv: "Nycklarna som avgör vem som kan läsa organisationens data ska bara nås från de nätverk som behöver dem. Ett nyckelvalv som tar emot anslutningar från hela internet lämnar autentiseringen som enda hinder. Microsofts vägledning för svenska offentliga kunder utgår från nycklar i skyddad hårdvara under organisationens kontroll; att begränsa nätverksåtkomsten är en del av det skyddet.",
  },
  guidance: [
    { doc: "rules-catalog", id: "KEY-04" },
    { doc: "microsoft-faq-se", title: "Kryptering" },
    { doc: "cis-azure-3.0.0", id: "3.3.7" },
  ],
  reads: ["keyVaults", "managedHsms"],
  targets: [{ collection: "keyVaults" }, { collection: "managedHsms" }],
  messages: {
    publicAccessDisabled: {
      en: "{{name}} has public network access disabled.",
      sv: "{{name}} har publik nätverksåtkomst avstängd.",
    },
    firewallDeny: {
      en: "{{name}} denies public traffic by default and admits only the networks in its firewall rules.",
      sv: "{{name}} nekar publik trafik som standard och släpper bara in nätverken i sina brandväggsregler.",
    },
    open: {
      en: "{{name}} accepts connections from any public network.",
      sv: "{{name}} tar emot anslutningar från alla publika nätverk.",
    },
  },
  evaluate({ inventory, each }, { pass, fail }) {
    const judge = (store: ArmResource) => {
      const pna = str(store, "properties.publicNetworkAccess");
      const action = str(store, "properties.networkAcls.defaultAction");
      const evidence: Evidence[] = [
        { path: "properties.publicNetworkAccess", actual: pna, expected: "Disabled", ...(pna === undefined ? { defaulted: true } : {}) },
        { path: "properties.networkAcls.defaultAction", actual: action, expected: "Deny", ...(action === undefined ? { defaulted: true } : {}) },
      ];
      // Absent publicNetworkAccess means Enabled; absent networkAcls means default Allow.
      if (pna !== undefined && !eqi(pna, "Enabled")) return pass(store, "publicAccessDisabled", {}, { evidence });
      if (action !== undefined && !eqi(action, "Allow")) return pass(store, "firewallDeny", {}, { evidence });
      return fail(store, "open", {}, { evidence });
    };
    return each([...inventory.all("keyVaults"), ...inventory.all("managedHsms")], judge);
  },
  remediation: {
    summary: {
      en: "Disable public network access and reach the vault through a private endpoint, or at least set the firewall's default action to Deny with named networks allowed and trusted Azure services bypassing.",
      sv: "Stäng av publik nätverksåtkomst och nå valvet via en privat slutpunkt, eller sätt åtminstone brandväggens standardåtgärd till Neka med namngivna nätverk tillåtna och betrodda Azure-tjänster undantagna.",
    },
    portal: {
      en: "Key vault → Settings → Networking → Firewalls and virtual networks → Allow access from: Disable public access (or Allow public access from specific virtual networks and IP addresses) → Apply.",
      sv: "Nyckelvalv → Inställningar → Nätverk → Brandväggar och virtuella nätverk → Tillåt åtkomst från: Inaktivera offentlig åtkomst (eller Tillåt offentlig åtkomst från specifika virtuella nätverk och IP-adresser) → Verkställ.",
    },
    cli: "az keyvault update -g <rg> -n <vault> --public-network-access Disabled\naz keyvault update -g <rg> -n <vault> --default-action Deny --bypass AzureServices",
    bicep: "properties: { publicNetworkAccess: 'Disabled', networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: [], virtualNetworkRules: [] } }",
  },
  references: [
    "https://learn.microsoft.com/azure/key-vault/general/network-security",
    "https://learn.microsoft.com/azure/key-vault/general/private-link-service",
    "https://learn.microsoft.com/azure/key-vault/managed-hsm/network-security",
  ],
});
