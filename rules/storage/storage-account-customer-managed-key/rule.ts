/**
 * ENC-01: storage accounts encrypt data at rest with a customer-managed key.
 */
import { defineRule, eqi, prop } from "../../../src/index.js";

export default defineRule({
  id: "ENC-01",
  name: "storage-account-customer-managed-key",
  title: {
    en: "Storage accounts encrypt data at rest with a customer-managed key",
    sv: "Lagringskonton krypterar lagrad data med en kundhanterad nyckel",
  },
  severity: "by-level",
  rationale: {
    en: "A key the organisation holds itself, in protected hardware, decides who can read the data; with Microsoft-managed keys the provider alone controls decryption. Microsoft's guidance for Swedish public-sector customers and Danderyd municipality's Office 365 assessment both name customer-held keys as the measure that reduces the risk of disclosure.",
    sv: "En nyckel som organisationen själv förvaltar, i skyddad hårdvara, avgör vem som kan läsa datan; med Microsofts nycklar styr leverantören ensam dekrypteringen. Microsofts vägledning för svenska offentliga kunder och Danderyds kommuns bedömning av Office 365 nämner båda kundägda nycklar som den åtgärd som minskar risken för röjande.",
  },
  guidance: [
    { doc: "rules-catalog", id: "ENC-01" },
    { doc: "microsoft-faq-se", title: "Kryptering" },
    { doc: "cis-azure-4.0", id: "3.12" },
  ],
  reads: ["storageAccounts"],
  targets: [{ collection: "storageAccounts" }],
  messages: {
    customerKey: {
      en: "{{name}} encrypts with a customer-managed key.",
      sv: "{{name}} krypterar med en kundhanterad nyckel.",
    },
    platformKey: {
      en: "{{name}} encrypts with Microsoft-managed keys ({{keySource}}).",
      sv: "{{name}} krypterar med Microsofts nycklar ({{keySource}}).",
    },
  },
  evaluate({ inventory, each }, { pass, fail }) {
    return each(inventory.all("storageAccounts"), (account) => {
      const keySource = prop(account, "properties.encryption.keySource");
      const evidence = [
        {
          path: "properties.encryption.keySource",
          actual: keySource,
          expected: "Microsoft.Keyvault",
          ...(keySource === undefined ? { defaulted: true } : {}),
        },
      ];
      return eqi(keySource, "Microsoft.Keyvault")
        ? pass(account, "customerKey", {}, { evidence })
        : fail(account, "platformKey", { keySource: keySource ?? "Microsoft.Storage" }, { evidence });
    });
  },
  remediation: {
    summary: {
      en: "Create a key in a Key Vault or Managed HSM in an allowed region, give the account a managed identity with the Key Vault Crypto Service Encryption User role, and point the account's encryption at the key.",
      sv: "Skapa en nyckel i ett Key Vault eller Managed HSM i en tillåten region, ge kontot en hanterad identitet med rollen Key Vault Crypto Service Encryption User och peka kontots kryptering mot nyckeln.",
    },
    portal: {
      en: "Storage account → Security + networking → Encryption → Encryption type: Customer-managed keys → select the key.",
      sv: "Lagringskonto → Säkerhet och nätverk → Kryptering → Krypteringstyp: Kundhanterade nycklar → välj nyckeln.",
    },
    cli: "az storage account update -g <rg> -n <account> --encryption-key-source Microsoft.Keyvault --encryption-key-vault https://<vault>.vault.azure.net --encryption-key-name <key> --identity-type SystemAssigned",
    bicep: "properties: { encryption: { keySource: 'Microsoft.Keyvault', keyvaultproperties: { keyvaulturi: vault.properties.vaultUri, keyname: key.name } } }",
  },
  references: [
    "https://learn.microsoft.com/azure/storage/common/customer-managed-keys-overview",
    "https://learn.microsoft.com/azure/storage/common/customer-managed-keys-configure-existing-account",
  ],
});
