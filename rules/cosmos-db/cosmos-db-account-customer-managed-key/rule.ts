/**
 * ENC-03: Cosmos DB accounts encrypt data at rest with a customer-managed key (`keyVaultKeyUri`).
 */
import { defineRule, str } from "../../../src/index.js";

const PATH = "properties.keyVaultKeyUri";

export default defineRule({
  id: "ENC-03",
  name: "cosmos-db-account-customer-managed-key",
  title: {
    en: "Cosmos DB accounts encrypt data at rest with a customer-managed key",
    sv: "Cosmos DB-konton krypterar lagrad data med en kundhanterad nyckel",
  },
  severity: "by-level",
  rationale: {
    en: "Cosmos DB always encrypts its data, but unless the account names a key in the organisation's own Key Vault or Managed HSM, Microsoft alone holds the key. Microsoft's FAQ for Swedish public-sector customers describes encryption with keys the customer keeps in protected hardware, and Danderyd municipality's 2019 Office 365 assessment counts encryption among the measures that reduce risk; a customer-managed key lets the organisation revoke access and account for every use.",
    sv: "Cosmos DB krypterar alltid sin data, men om kontot inte anger en nyckel i organisationens eget nyckelvalv eller Managed HSM är det Microsoft ensamt som har nyckeln. Microsofts vanliga frågor för svenska offentliga kunder beskriver kryptering med nycklar som kunden förvarar i skyddad hårdvara, och Danderyds kommuns bedömning av Office 365 från 2019 räknar kryptering till de riskreducerande åtgärderna; en kundhanterad nyckel låter organisationen dra in åtkomsten och redovisa varje användning.",
  },
  guidance: [
    { doc: "rules-catalog", id: "ENC-03" },
    { doc: "microsoft-faq-se", title: "Kryptering" },
    { doc: "danderyd-o365-2019", title: "Risk-reducing measures: encryption" },
  ],
  reads: ["cosmosDbAccounts"],
  targets: [{ collection: "cosmosDbAccounts" }],
  messages: {
    customerKey: {
      en: "{{name}} encrypts with a customer-managed key.",
      sv: "{{name}} krypterar med en kundhanterad nyckel.",
    },
    serviceManaged: {
      en: "{{name}} encrypts with service-managed keys (no keyVaultKeyUri).",
      sv: "{{name}} krypterar med tjänstehanterade nycklar (ingen keyVaultKeyUri).",
    },
  },
  evaluate({ inventory, each }, { pass, fail }) {
    return each(inventory.all("cosmosDbAccounts"), (account) => {
      const uri = str(account, PATH);
      const present = uri !== undefined && uri.trim() !== "";
      const evidence = [{ path: PATH, actual: uri, expected: { en: "a key URI in the organisation's Key Vault or Managed HSM", sv: "en nyckel-URI i organisationens Key Vault eller Managed HSM" }, ...(uri === undefined ? { defaulted: true } : {}) }];
      return present ? pass(account, "customerKey", {}, { evidence }) : fail(account, "serviceManaged", {}, { evidence });
    });
  },
  remediation: {
    summary: {
      en: "A customer-managed key can only be set when the account is created (or through the documented migration for existing accounts): create a key in a Key Vault or Managed HSM in an allowed region with purge protection, grant the account's identity access, and set keyVaultKeyUri.",
      sv: "En kundhanterad nyckel kan bara anges när kontot skapas (eller genom den dokumenterade migreringen för befintliga konton): skapa en nyckel i ett nyckelvalv eller Managed HSM i en tillåten region med rensningsskydd, ge kontots identitet åtkomst och ange keyVaultKeyUri.",
    },
    portal: {
      en: "Azure Cosmos DB account → Settings → Data Encryption → Customer-managed key → select the key vault and key.",
      sv: "Azure Cosmos DB-konto → Inställningar → Datakryptering → Kundhanterad nyckel → välj nyckelvalv och nyckel.",
    },
    cli: "az cosmosdb update -g <rg> -n <account> --key-uri https://<vault>.vault.azure.net/keys/<key>",
    bicep: "properties: { keyVaultKeyUri: key.properties.keyUri, defaultIdentity: 'UserAssignedIdentity=/subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<identity>' }",
  },
  references: [
    "https://learn.microsoft.com/azure/cosmos-db/how-to-setup-customer-managed-keys",
    "https://learn.microsoft.com/azure/cosmos-db/database-encryption-at-rest",
  ],
});
