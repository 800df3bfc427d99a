/**
 * RES-08: Azure OpenAI / AI Foundry model deployments process data only where the profile allows.
 */
import { allowedList, defineRule, parentArmId, regionCountry, str } from "../../../src/index.js";
import type { Evidence, RuleResult } from "../../../src/index.js";

/** Deployment types that process data in the account's own region (Azure geography). */
const REGIONAL = ["standard", "provisionedmanaged"];

export default defineRule({
  id: "RES-08",
  name: "ai-deployment-processing-regional",
  title: {
    en: "AI deployments process data only in allowed regions",
    sv: "AI-distributioner behandlar data bara i tillåtna regioner",
  },
  severity: "high",
  rationale: {
    en: "An Azure OpenAI deployment's type decides where prompts and completions are processed, independently of where the account is: Standard and ProvisionedManaged stay in the account's region, DataZone types may run anywhere in the Microsoft-defined data zone (the EU for an EU resource), and Global types anywhere in the world. The organisation's choice of geography (Microsoft's FAQ for Swedish customers, 'Var finns den data som jag lagrar') and GDPR chapter V cover processing as well as storage, and SKR's guidance asks for the data flow to be known before data is sent to a service.",
    sv: "Typen av en Azure OpenAI-distribution avgör var uppmaningar och svar behandlas, oberoende av var kontot finns: Standard och ProvisionedManaged stannar i kontots region, DataZone-typer kan köras var som helst i Microsofts datazon (EU för en EU-resurs), och Global-typer var som helst i världen. Organisationens val av geografi (Microsofts vanliga frågor för svenska kunder, 'Var finns den data som jag lagrar') och GDPR kapitel V omfattar behandling lika väl som lagring, och SKR:s vägledning kräver att dataflödet är känt innan data skickas till en tjänst.",
  },
  guidance: [
    { doc: "rules-catalog", id: "RES-08" },
    { doc: "microsoft-faq-se", title: "Var finns den data som jag lagrar" },
    { doc: "gdpr", title: "Chapter V, transfers of personal data to third countries" },
    { doc: "skr-cloud-2019" },
  ],
  reads: ["cognitiveAccounts", "cognitiveDeployments"],
  targets: [{ collection: "cognitiveDeployments" }],
  messages: {
    regional: {
      en: "{{name}} ({{sku}}) processes data in its account's region.",
      sv: "{{name}} ({{sku}}) behandlar data i sitt kontos region.",
    },
    global: {
      en: "{{name}} ({{sku}}) may process data in any Azure region worldwide.",
      sv: "{{name}} ({{sku}}) kan behandla data i vilken Azure-region som helst i världen.",
    },
    dataZoneAllowed: {
      en: "{{name}} ({{sku}}) processes data within the EU data zone, which the profile allows.",
      sv: "{{name}} ({{sku}}) behandlar data inom EU:s datazon, vilket profilen tillåter.",
    },
    dataZoneNotAllowed: {
      en: "{{name}} ({{sku}}) may process data anywhere in its data zone, which the profile does not allow (allowed regions: {{allowed}}).",
      sv: "{{name}} ({{sku}}) kan behandla data var som helst i sin datazon, vilket profilen inte tillåter (tillåtna regioner: {{allowed}}).",
    },
    dataZoneOutsideEu: {
      en: "{{name}} ({{sku}}) processes data in the data zone of {{location}}, which is not an EU region.",
      sv: "{{name}} ({{sku}}) behandlar data i datazonen för {{location}}, som inte är en EU-region.",
    },
    notRegional: {
      en: "{{name}} uses deployment type {{sku}}, which is not known to keep processing in the account's region.",
      sv: "{{name}} använder distributionstypen {{sku}}, som inte är känd för att hålla behandlingen i kontots region.",
    },
  },
  evaluate({ inventory, config, each }, { pass, fail }) {
    return each(inventory.all("cognitiveDeployments"), (d): RuleResult => {
      const account = inventory.get(parentArmId(d.id) ?? "");
      const location = str(account, "location") ?? str(d, "location");
      const target = { id: d.id, type: "Microsoft.CognitiveServices/accounts/deployments", ...(location ? { location } : {}) };
      const sku = str(d, "sku.name");
      const evidence: Evidence[] = [{ path: "sku.name", actual: sku, expected: { en: "Standard or ProvisionedManaged (DataZone* where the profile allows it)", sv: "Standard eller ProvisionedManaged (DataZone* där profilen tillåter det)" }, ...(sku === undefined ? { defaulted: true } : {}) }];
      const lower = sku?.toLowerCase() ?? "";
      if (REGIONAL.includes(lower)) return pass(target, "regional", { sku }, { evidence });
      if (lower.startsWith("global")) {
        evidence.push({ path: "processing area", actual: "global", expected: { en: "the account's region", sv: "kontots region" } });
        return fail(target, "global", { sku }, { evidence });
      }
      if (lower.startsWith("datazone")) {
        const eu = inventory.region(location)?.eu === true;
        evidence.push({ path: "account location (EU member state)", actual: location, expected: { en: "an EU region", sv: "en region i EU" } });
        // Microsoft's data zones: the EU (any EU member state) and the US, by the account's region; elsewhere not known.
        const zone = eu ? "EU" : regionCountry(location ?? "") === "US" ? "US" : null;
        evidence.push({ path: "processing area (data zone)", actual: zone, expected: { en: "the EU data zone, where the profile allows it", sv: "EU:s datazon, där profilen tillåter det" } });
        if (!config.profile.aiDataZoneAllowed) return fail(target, "dataZoneNotAllowed", { sku, allowed: allowedList(config) }, { evidence });
        if (!eu) return fail(target, "dataZoneOutsideEu", { sku, location: location ?? "(unknown)" }, { evidence });
        return pass(target, "dataZoneAllowed", { sku }, { evidence });
      }
      return fail(target, "notRegional", { sku: sku ?? "(none)" }, { evidence });
    });
  },
  remediation: {
    summary: {
      en: "Redeploy the model with the Standard or ProvisionedManaged deployment type in an account in an allowed region (a deployment's type cannot be changed in place), move clients to the new deployment, and delete the Global or DataZone one.",
      sv: "Distribuera modellen på nytt med distributionstypen Standard eller ProvisionedManaged i ett konto i en tillåten region (en distributions typ kan inte ändras på plats), flytta klienterna till den nya distributionen och ta bort den globala eller DataZone-distributionen.",
    },
    portal: {
      en: "Azure AI Foundry → Deployments → Deploy model → Deployment type: Standard (or Provisioned-Managed); then delete the old deployment.",
      sv: "Azure AI Foundry → Distributioner → Distribuera modell → Distributionstyp: Standard (eller Provisioned-Managed); ta sedan bort den gamla distributionen.",
    },
    cli: "az cognitiveservices account deployment create -g <rg> -n <account> --deployment-name <name> --model-format OpenAI --model-name gpt-4o --model-version 2024-11-20 --sku-name Standard --sku-capacity 10",
    bicep: "resource dep 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = { parent: account, name: 'gpt-4o', sku: { name: 'Standard', capacity: 10 }, properties: { model: { format: 'OpenAI', name: 'gpt-4o', version: '2024-11-20' } } }",
  },
  references: [
    "https://learn.microsoft.com/azure/ai-foundry/openai/how-to/deployment-types",
    "https://learn.microsoft.com/azure/ai-foundry/openai/concepts/provisioned-throughput",
  ],
});
