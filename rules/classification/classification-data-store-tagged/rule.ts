/**
 * CLS-02: every data store carries an information classification, on itself or inherited from a parent.
 */
import { defineRule, nameOf } from "../../../src/index.js";
import type { AzureCollection, RuleResult } from "../../../src/index.js";

/** The catalog's data stores. */
const DATA_STORES: readonly AzureCollection[] = [
  "storageAccounts",
  "sqlServers",
  "sqlDatabases",
  "sqlManagedInstances",
  "cosmosDbAccounts",
  "postgresFlexibleServers",
  "mysqlFlexibleServers",
  "disks",
  "keyVaults",
  "managedHsms",
  "cognitiveAccounts",
  "recoveryServicesVaults",
  "containerRegistries",
];

export default defineRule({
  id: "CLS-02",
  name: "classification-data-store-tagged",
  title: {
    en: "Every data store carries an information classification",
    sv: "Varje datalager har en informationsklassning",
  },
  severity: "medium",
  rationale: {
    en: "How well information must be protected follows from how confidential it is, so a data store nobody has classified is protected by guesswork. SKR's cloud guidance asks for a confidentiality assessment of each kind of information before it goes to a cloud service, and chapter 10 section 2 of the Public Access to Information and Secrecy Act (OSL) makes disclosure to a service provider depend on that assessment. A classification tag on the store, its resource group or its subscription records the decision where the encryption and residency rules can use it.",
    sv: "Hur väl information måste skyddas följer av hur konfidentiell den är, så ett datalager som ingen har klassat skyddas på måfå. SKR:s vägledning om molntjänster kräver en bedömning av konfidentialiteten för varje slags information innan den förs till en molntjänst, och 10 kap. 2 § offentlighets- och sekretesslagen (OSL) gör utlämnande till en tjänsteleverantör beroende av den bedömningen. En klassningstagg på lagret, dess resursgrupp eller dess prenumeration dokumenterar beslutet där krypterings- och lokaliseringsreglerna kan använda det.",
  },
  guidance: [
    { doc: "rules-catalog", id: "CLS-02" },
    { doc: "skr-cloud-2019" },
    { doc: "osl-2009-400", id: "10 kap. 2 §" },
  ],
  reads: [...DATA_STORES, "resourceGroups"],
  targets: DATA_STORES.map((collection) => (collection === "sqlDatabases" ? { collection, applies: (db) => nameOf(db).toLowerCase() !== "master" } : { collection })),
  messages: {
    tagged: {
      en: "{{name}} is classified {{label}} by its own tag {{tagKey}}.",
      sv: "{{name}} är klassad {{label}} genom sin egen tagg {{tagKey}}.",
    },
    inherited: {
      en: "{{name}} inherits classification {{label}} from {{from}}.",
      sv: "{{name}} ärver klassningen {{label}} från {{from}}.",
    },
    unclassified: {
      en: "{{name}} has no classification tag on itself or any parent, so the default level {{label}} is assumed.",
      sv: "{{name}} saknar klassningstagg på sig själv och alla överordnade, så standardnivån {{label}} antas.",
    },
  },
  evaluate({ inventory, config, classify, each }, { pass, fail }) {
    const keys = config.classification.tagKeys.join("/");
    const expected = { en: `a ${keys} tag on the resource or a parent`, sv: `en tagg ${keys} på resursen eller en överordnad` };
    const carrierName = (id: string): string => {
      const sub = /^\/subscriptions\/([^/]+)$/i.exec(id);
      if (sub?.[1]) return inventory.subscription(sub[1])?.displayName ?? sub[1];
      return nameOf(inventory.get(id) ?? { id });
    };
    const results: RuleResult[] = [];
    for (const collection of DATA_STORES) {
      results.push(...each(inventory.all(collection), (store): RuleResult | undefined => {
        // `master` is the server's system database, not the organisation's data.
        if (collection === "sqlDatabases" && nameOf(store).toLowerCase() === "master") return;
        const c = classify(store.id);
        if (!c) return;
        const evidence = [{ path: "tags", actual: { level: c.label, source: c.source, ...(c.from ? { from: c.from } : {}), ...(c.tagKey ? { tagKey: c.tagKey } : {}) }, expected }];
        if (c.source === "default") return fail(store, "unclassified", { label: c.label }, { evidence });
        if (c.source === "tag") return pass(store, "tagged", { label: c.label, tagKey: c.tagKey ?? "" }, { evidence });
        return pass(store, "inherited", { label: c.label, from: carrierName(c.from ?? "") }, { evidence });
      }));
    }
    return results;
  },
  remediation: {
    summary: {
      en: "Decide the information's confidentiality level (0–3) with its owner and tag the data store, or its resource group or subscription when everything beneath shares the level; an Azure Policy that requires or inherits the tag keeps new resources classified.",
      sv: "Bestäm informationens konfidentialitetsnivå (0–3) tillsammans med informationsägaren och tagga datalagret, eller dess resursgrupp eller prenumeration när allt under har samma nivå; en Azure Policy som kräver eller ärver taggen håller nya resurser klassade.",
    },
    portal: {
      en: "Resource (or resource group, subscription) → Tags → Name: confidentiality, Value: 0, 1, 2 or 3 → Apply.",
      sv: "Resurs (eller resursgrupp, prenumeration) → Taggar → Namn: confidentiality, Värde: 0, 1, 2 eller 3 → Verkställ.",
    },
    cli: "az tag update --resource-id <id> --operation Merge --tags confidentiality=2",
    bicep: "resource sa 'Microsoft.Storage/storageAccounts@2025-06-01' = { ... tags: { confidentiality: '2' } }",
  },
  references: [
    "https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources",
    "https://learn.microsoft.com/azure/azure-resource-manager/management/tag-policies",
    "https://learn.microsoft.com/azure/cloud-adoption-framework/govern/classify-data",
  ],
});
