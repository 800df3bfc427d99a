/**
 * ENC-05: storage accounts holding strictly confidential (level 3 or above) information use
 * infrastructure (double) encryption.
 */

import { bool, defineRule, prop } from "../../../src/index.js";

const PATH = "properties.encryption.requireInfrastructureEncryption";

export default defineRule({
  id: "ENC-05",
  name: "storage-account-infrastructure-encryption",
  title: {
    en: "Strictly confidential storage accounts use infrastructure (double) encryption",
    sv: "Lagringskonton med strikt konfidentiell information använder infrastrukturkryptering (dubbel kryptering)",
  },
  severity: "medium",
  rationale: {
    en: "Infrastructure encryption adds a second, independent layer of AES-256 encryption below the service-level encryption, so a flaw or compromise of one layer does not expose the data. For strictly confidential information (level 3) the extra layer is proportionate. Microsoft's FAQ for Swedish public-sector customers describes encryption of stored data, and Danderyd municipality's 2019 Office 365 assessment lists encryption among the risk-reducing measures; the protection should follow the information's confidentiality assessment.",
    sv: "Infrastrukturkryptering lägger ett andra, oberoende lager AES-256-kryptering under tjänstens kryptering, så att en brist i eller ett intrång i det ena lagret inte röjer datan. För strikt konfidentiell information (nivå 3) är det extra lagret rimligt. Microsofts vanliga frågor för svenska offentliga kunder beskriver kryptering av lagrad data och Danderyds kommuns bedömning av Office 365 från 2019 nämner kryptering bland de riskreducerande åtgärderna; skyddet ska följa informationens konfidentialitetsbedömning.",
  },
  guidance: [
    { doc: "rules-catalog", id: "ENC-05" },
    { doc: "microsoft-faq-se", title: "Kryptering" },
    { doc: "danderyd-o365-2019", title: "Risk-reducing measures: encryption" },
  ],
  reads: ["storageAccounts"],
  targets: [{ collection: "storageAccounts", applies: (account, { classify }) => (classify(account.id)?.level ?? 0) >= 3 }],
  messages: {
    doubleEncrypted: {
      en: "{{name}} holds level {{level}} information and uses infrastructure encryption.",
      sv: "{{name}} innehåller information på nivå {{level}} och använder infrastrukturkryptering.",
    },
    singleEncrypted: {
      en: "{{name}} holds level {{level}} information without infrastructure encryption.",
      sv: "{{name}} innehåller information på nivå {{level}} utan infrastrukturkryptering.",
    },
  },
  evaluate({ inventory, classify, each }, { pass, fail }) {
    return each(inventory.all("storageAccounts"), (account) => {
      const c = classify(account.id);
      if (!c || c.level < 3) return []; // applies to strictly confidential accounts only
      const raw = prop(account, PATH);
      const on = bool(account, PATH) === true;
      const evidence = [
        { path: PATH, actual: raw, expected: true, ...(raw === undefined ? { defaulted: true } : {}) },
        { path: "classification", actual: c.label, expected: { en: "level 3 or above: this rule applies", sv: "nivå 3 eller högre: regeln gäller" } },
      ];
      return [on ? pass(account, "doubleEncrypted", { level: c.label }, { evidence }) : fail(account, "singleEncrypted", { level: c.label }, { evidence })];
    });
  },
  remediation: {
    summary: {
      en: "Infrastructure encryption can only be chosen when an account is created: create a new account with requireInfrastructureEncryption set to true (and a customer-managed key), copy the data across (for example with AzCopy or object replication), and retire the old account.",
      sv: "Infrastrukturkryptering kan bara väljas när ett konto skapas: skapa ett nytt lagringskonto med requireInfrastructureEncryption satt till true (och en kundhanterad nyckel), kopiera över datan (till exempel med AzCopy eller objektreplikering) och avveckla det gamla kontot.",
    },
    portal: {
      en: "Create a storage account → Encryption tab → Enable infrastructure encryption → Review + create; then move the data.",
      sv: "Skapa ett lagringskonto → fliken Kryptering → Aktivera infrastrukturkryptering → Granska och skapa; flytta sedan datan.",
    },
    cli: "az storage account create -g <rg> -n <new-account> -l swedencentral --sku Standard_ZRS --kind StorageV2 --require-infrastructure-encryption true",
    bicep: "properties: { encryption: { requireInfrastructureEncryption: true, keySource: 'Microsoft.Keyvault', keyvaultproperties: { keyvaulturi: vault.properties.vaultUri, keyname: key.name } } }",
  },
  references: [
    "https://learn.microsoft.com/azure/storage/common/infrastructure-encryption-enable",
    "https://learn.microsoft.com/azure/storage/common/storage-service-encryption",
  ],
});
