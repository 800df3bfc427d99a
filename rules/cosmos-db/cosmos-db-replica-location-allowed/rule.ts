/**
 * RES-06: every region a Cosmos DB account replicates to is allowed.
 */
import { arr, defineRule, normalizeRegion, regionAllowed, str } from "../../../src/index.js";
import type { Evidence, } from "../../../src/index.js";

export default defineRule({
  id: "RES-06",
  name: "cosmos-db-replica-location-allowed",
  title: {
    en: "Cosmos DB replicas stay in allowed regions",
    sv: "Cosmos DB-repliker stannar i tillåtna regioner",
  },
  severity: "high",
  rationale: {
    en: "A Cosmos DB account keeps a full copy of its data in every region it is replicated to, and a region can be added with one click. The organisation's choice of geography (Microsoft's FAQ for Swedish customers, 'Var finns den data som jag lagrar') holds only when every replica region is allowed; a replica outside the EU/EEA is a transfer under GDPR chapter V.",
    sv: "Ett Cosmos DB-konto har en fullständig kopia av sin data i varje region det replikeras till, och en region kan läggas till med ett klick. Organisationens val av geografi (Microsofts vanliga frågor för svenska kunder, 'Var finns den data som jag lagrar') håller bara när varje replikregion är tillåten; en replik utanför EU/EES är en överföring enligt GDPR kapitel V.",
  },
  guidance: [
    { doc: "rules-catalog", id: "RES-06" },
    { doc: "microsoft-faq-se", title: "Var finns den data som jag lagrar" },
    { doc: "gdpr", title: "Chapter V, transfers of personal data to third countries" },
  ],
  reads: ["cosmosDbAccounts"],
  targets: [{ collection: "cosmosDbAccounts" }],
  messages: {
    replicasAllowed: {
      en: "{{name}} keeps its data in {{regions}}, all allowed regions.",
      sv: "{{name}} har sin data i {{regions}}, som alla är tillåtna regioner.",
    },
    replicasNotAllowed: {
      en: "{{name}} replicates its data to {{regions}}, outside the allowed regions.",
      sv: "{{name}} replikerar sin data till {{regions}}, utanför de tillåtna regionerna.",
    },
  },
  evaluate({ inventory, config, each }, { pass, fail }) {
    return each(inventory.all("cosmosDbAccounts"), (account) => {
      const listed = arr(account, "properties.locations")
        .map((l) => str(l, "locationName"))
        .filter((l): l is string => typeof l === "string" && l.trim() !== "");
      const home = str(account, "location");
      // No locations listed: the account lives in its own location only.
      const defaulted = listed.length === 0;
      const regions = defaulted ? (home ? [home] : []) : listed;
      const target = { id: account.id, type: "Microsoft.DocumentDB/databaseAccounts", ...(home ? { location: home } : {}) };
      const evidence: Evidence[] = [
        { path: "properties.locations[].locationName", actual: regions, expected: config.profile.allowedRegions, ...(defaulted ? { defaulted: true } : {}) },
      ];
      const bad = regions.filter((r) => !regionAllowed(config, r));
      if (regions.length === 0) return fail(target, "replicasNotAllowed", { regions: "(no location)" }, { evidence });
      if (bad.length > 0) return fail(target, "replicasNotAllowed", { regions: [...new Set(bad.map(normalizeRegion))] }, { evidence });
      return pass(target, "replicasAllowed", { regions: [...new Set(regions.map(normalizeRegion))] }, { evidence });
    });
  },
  remediation: {
    summary: {
      en: "Remove the regions that are not allowed from the account (Replicate data globally); if the write region itself is not allowed, add an allowed region, fail over to it, then remove the old one.",
      sv: "Ta bort de regioner som inte är tillåtna från kontot (Replikera data globalt); om skrivregionen själv inte är tillåten, lägg till en tillåten region, växla över till den och ta sedan bort den gamla.",
    },
    portal: {
      en: "Azure Cosmos DB account → Settings → Replicate data globally → remove the regions outside the allowed list → Save.",
      sv: "Azure Cosmos DB-konto → Inställningar → Replikera data globalt → ta bort regionerna utanför den tillåtna listan → Spara.",
    },
    cli: "az cosmosdb update -g <rg> -n <account> --locations regionName=swedencentral failoverPriority=0 isZoneRedundant=true",
    bicep: "properties: { locations: [ { locationName: 'swedencentral', failoverPriority: 0, isZoneRedundant: true } ] }",
  },
  references: [
    "https://learn.microsoft.com/azure/cosmos-db/distribute-data-globally",
    "https://learn.microsoft.com/azure/cosmos-db/how-to-manage-database-account",
  ],
});
