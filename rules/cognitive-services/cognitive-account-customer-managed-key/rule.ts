/**
 * ENC-08: Cognitive Services / Azure AI accounts encrypt data at rest with a customer-managed key.
 */
import { defineRule, eqi, prop } from "../../../src/index.js";

const PATH = "properties.encryption.keySource";

export default defineRule({
  id: "ENC-08",
  name: "cognitive-account-customer-managed-key",
  title: {
    en: "AI service accounts encrypt data at rest with a customer-managed key",
    sv: "AI-tjänstkonton krypterar lagrad data med en kundhanterad nyckel",
  },
  severity: "by-level",
  rationale: {
    en: "AI service accounts store uploaded files, fine-tuning data, batch jobs and stored completions. With Microsoft-managed keys the provider alone controls their decryption; a key in the organisation's own Key Vault lets it revoke access and account for every use. Microsoft's FAQ for Swedish public-sector customers describes encryption with customer-held keys in protected hardware, and Danderyd municipality's 2019 Office 365 assessment lists encryption among the measures that reduce risk.",
    sv: "AI-tjänstkonton lagrar uppladdade filer, data för finjustering, batchjobb och sparade svar. Med Microsofts nycklar styr leverantören ensam dekrypteringen; en nyckel i organisationens eget nyckelvalv låter organisationen dra in åtkomsten och redovisa varje användning. Microsofts vanliga frågor för svenska offentliga kunder beskriver kryptering med kundägda nycklar i skyddad hårdvara, och Danderyds kommuns bedömning av Office 365 från 2019 nämner kryptering bland de riskreducerande åtgärderna.",
  },
  guidance: [
    { doc: "rules-catalog", id: "ENC-08" },
    { doc: "microsoft-faq-se", title: "Kryptering" },
    { doc: "danderyd-o365-2019", title: "Risk-reducing measures: encryption" },
  ],
  reads: ["cognitiveAccounts"],
  targets: [{ collection: "cognitiveAccounts" }],
  messages: {
    customerKey: {
      en: "{{name}} encrypts with a customer-managed key.",
      sv: "{{name}} krypterar med en kundhanterad nyckel.",
    },
    serviceManaged: {
      en: "{{name}} encrypts with Microsoft-managed keys ({{keySource}}).",
      sv: "{{name}} krypterar med Microsofts nycklar ({{keySource}}).",
    },
  },
  evaluate({ inventory, each }, { pass, fail }) {
    return each(inventory.all("cognitiveAccounts"), (account) => {
      const keySource = prop(account, PATH);
      const evidence = [{ path: PATH, actual: keySource, expected: "Microsoft.KeyVault", ...(keySource === undefined ? { defaulted: true } : {}) }];
      return eqi(keySource, "Microsoft.KeyVault")
        ? pass(account, "customerKey", {}, { evidence })
        : fail(account, "serviceManaged", { keySource: typeof keySource === "string" ? keySource : "Microsoft.CognitiveServices" }, { evidence });
    });
  },
  remediation: {
    summary: {
      en: "Give the account a managed identity, grant it get, wrapKey and unwrapKey on an RSA key in a Key Vault in an allowed region with soft delete and purge protection, and switch the account's encryption to that key.",
      sv: "Ge kontot en hanterad identitet, ge den behörigheterna get, wrapKey och unwrapKey på en RSA-nyckel i ett nyckelvalv i en tillåten region med mjuk borttagning och rensningsskydd, och byt kontots kryptering till den nyckeln.",
    },
    portal: {
      en: "Azure AI services / Azure OpenAI resource → Resource Management → Encryption → Customer Managed Keys → select the key vault and key → Save.",
      sv: "Azure AI-tjänst / Azure OpenAI-resurs → Resurshantering → Kryptering → Kundhanterade nycklar → välj nyckelvalv och nyckel → Spara.",
    },
    cli: "az cognitiveservices account update -g <rg> -n <account> --encryption '{\"keySource\":\"Microsoft.KeyVault\",\"keyVaultProperties\":{\"keyName\":\"<key>\",\"keyVersion\":\"<version>\",\"keyVaultUri\":\"https://<vault>.vault.azure.net/\"}}'",
    bicep: "properties: { encryption: { keySource: 'Microsoft.KeyVault', keyVaultProperties: { keyVaultUri: vault.properties.vaultUri, keyName: key.name, keyVersion: '<version>' } } }",
  },
  references: [
    "https://learn.microsoft.com/azure/ai-services/encryption/cognitive-services-encryption-keys-portal",
    "https://learn.microsoft.com/azure/ai-services/openai/encrypt-data-at-rest",
  ],
});
