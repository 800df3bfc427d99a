/**
 * RES-06: every region a Cosmos DB account replicates to is allowed (the part-less result), and so
 * is the region pair its geo-redundant periodic backups are copied to (part `backup`).
 */
import { arr, defineRule, eqi, normalizeRegion, prop, regionAllowed, str } from "../../../src/index.js";
import type { ArmResource, Evidence, Inventory, ResolvedConfig, RuleHelpers, RuleResult } from "../../../src/index.js";

/** The region at failover priority 0 in a location list (`writeLocations`, `locations`), else its first entry. */
function priorityZero(list: unknown[]): string | undefined {
  const named = list.filter((l) => typeof str(l, "locationName") === "string" && (str(l, "locationName") as string).trim() !== "");
  const zero = named.find((l) => Number(prop(l, "failoverPriority")) === 0) ?? named[0];
  return zero ? str(zero, "locationName") : undefined;
}

/**
 * Part `backup`. Periodic backups with `backupStorageRedundancy` `Geo` are copied to the pair of the
 * account's write region; `Local`/`Zone` stay there; continuous backups are kept in the account's
 * own regions (judged by the replica result). Absent policy or redundancy: the platform default,
 * Periodic with Geo (evidence `defaulted`).
 */
function backup(account: ArmResource, inventory: Inventory, config: ResolvedConfig, { pass, fail }: RuleHelpers): RuleResult {
  const home = str(account, "location");
  const target = { id: account.id, type: "Microsoft.DocumentDB/databaseAccounts", ...(home ? { location: home } : {}) };
  const opts = (evidence: Evidence[]) => ({ part: "backup", evidence });
  const policy = prop(account, "properties.backupPolicy");
  const rawType = str(policy, "type");
  const type = rawType ?? "Periodic";
  const typeEvidence: Evidence = { path: "properties.backupPolicy.type", actual: rawType, expected: { en: "Continuous, or Periodic with Local/Zone or an allowed pair", sv: "Continuous, eller Periodic med Local/Zone eller ett tillåtet regionpar" }, ...(rawType === undefined ? { defaulted: true } : {}) };
  if (eqi(type, "Continuous")) return pass(target, "backupContinuous", {}, opts([typeEvidence]));
  if (!eqi(type, "Periodic")) return fail(target, "backupPolicyUnknown", { type }, opts([typeEvidence]));
  const rawRedundancy = str(policy, "periodicModeProperties.backupStorageRedundancy");
  const redundancy = rawRedundancy ?? "Geo";
  const evidence: Evidence[] = [
    typeEvidence,
    { path: "properties.backupPolicy.periodicModeProperties.backupStorageRedundancy", actual: rawRedundancy, expected: { en: "Local or Zone, or Geo with an allowed pair", sv: "Local eller Zone, eller Geo med ett tillåtet regionpar" }, ...(rawRedundancy === undefined ? { defaulted: true } : {}) },
  ];
  if (eqi(redundancy, "Local") || eqi(redundancy, "Zone")) return pass(target, "backupLocal", { redundancy }, opts(evidence));
  // Geo, or a value Hemvist does not know: the copy may be in the pair, so the pair is judged.
  const fromWrite = priorityZero(arr(account, "properties.writeLocations"));
  const fromLocations = fromWrite ? undefined : priorityZero(arr(account, "properties.locations"));
  const region = fromWrite ?? fromLocations ?? home;
  const regionPath = fromWrite ? "properties.writeLocations[failoverPriority 0].locationName" : fromLocations ? "properties.locations[failoverPriority 0].locationName" : "location";
  const pairs = inventory.region(region)?.pairs ?? [];
  evidence.push({ path: regionPath, actual: region, expected: { en: "the write region", sv: "skrivregionen" } }, { path: "write region (region pair)", actual: pairs, expected: config.profile.allowedRegions });
  const shown = region ? normalizeRegion(region) : "(no location)";
  if (pairs.length === 0) return fail(target, "backupPairUnknown", { redundancy, region: shown }, opts(evidence));
  const bad = pairs.filter((p) => !regionAllowed(config, p));
  return bad.length > 0
    ? fail(target, "backupPairNotAllowed", { redundancy, region: shown, pair: bad }, opts(evidence))
    : pass(target, "backupPairAllowed", { redundancy, region: shown, pair: pairs }, opts(evidence));
}

export default defineRule({
  id: "RES-06",
  name: "cosmos-db-replica-location-allowed",
  title: {
    en: "Cosmos DB replicas and backups stay in allowed regions",
    sv: "Cosmos DB-repliker och säkerhetskopior stannar i tillåtna regioner",
  },
  severity: "high",
  rationale: {
    en: "A Cosmos DB account keeps a full copy of its data in every region it is replicated to, and a region can be added with one click; periodic backups kept in geo-redundant storage are copied to the pair of the write region as well. The organisation's choice of geography (Microsoft's FAQ for Swedish customers, 'Var finns den data som jag lagrar') holds only when every replica and backup region is allowed; a copy outside the EU/EEA is a transfer under GDPR chapter V.",
    sv: "Ett Cosmos DB-konto har en fullständig kopia av sin data i varje region det replikeras till, och en region kan läggas till med ett klick; periodiska säkerhetskopior i georedundant lagring kopieras dessutom till skrivregionens par. Organisationens val av geografi (Microsofts vanliga frågor för svenska kunder, 'Var finns den data som jag lagrar') håller bara när varje region med repliker och säkerhetskopior är tillåten; en kopia utanför EU/EES är en överföring enligt GDPR kapitel V.",
  },
  guidance: [
    { doc: "rules-catalog", id: "RES-06" },
    { doc: "microsoft-faq-se", title: "Var finns den data som jag lagrar" },
    { doc: "gdpr", title: "Chapter V, transfers of personal data to third countries" },
  ],
  parts: ["backup"],
  reads: ["cosmosDbAccounts"],
  // The replica result keeps its part-less fingerprint (it predates the backup part).
  targets: [{ collection: "cosmosDbAccounts" }, { collection: "cosmosDbAccounts", parts: ["backup"] }],
  messages: {
    replicasAllowed: {
      en: "{{name}} keeps its data in {{regions}}, all allowed regions.",
      sv: "{{name}} har sin data i {{regions}}, som alla är tillåtna regioner.",
    },
    replicasNotAllowed: {
      en: "{{name}} replicates its data to {{regions}}, outside the allowed regions.",
      sv: "{{name}} replikerar sin data till {{regions}}, utanför de tillåtna regionerna.",
    },
    backupLocal: {
      en: "{{name}} keeps its periodic backups in its write region ({{redundancy}}).",
      sv: "{{name}} behåller sina periodiska säkerhetskopior i sin skrivregion ({{redundancy}}).",
    },
    backupContinuous: {
      en: "{{name}} uses continuous backup, kept in the account's own regions (no copy in a region pair).",
      sv: "{{name}} använder kontinuerlig säkerhetskopiering, som finns i kontots egna regioner (ingen kopia i ett regionpar).",
    },
    backupPairAllowed: {
      en: "{{name}} copies its periodic backups ({{redundancy}}) to {{pair}}, the pair of its write region {{region}}, an allowed region.",
      sv: "{{name}} kopierar sina periodiska säkerhetskopior ({{redundancy}}) till {{pair}}, paret till skrivregionen {{region}}, en tillåten region.",
    },
    backupPairNotAllowed: {
      en: "{{name}} copies its periodic backups ({{redundancy}}) to {{pair}}, the pair of its write region {{region}}, which is not one of the allowed regions.",
      sv: "{{name}} kopierar sina periodiska säkerhetskopior ({{redundancy}}) till {{pair}}, paret till skrivregionen {{region}}, som inte är en av de tillåtna regionerna.",
    },
    backupPairUnknown: {
      en: "{{name}} copies its periodic backups ({{redundancy}}) to a region Hemvist cannot determine ({{region}} has no known pair).",
      sv: "{{name}} kopierar sina periodiska säkerhetskopior ({{redundancy}}) till en region som Hemvist inte kan avgöra ({{region}} har inget känt par).",
    },
    backupPolicyUnknown: {
      en: "{{name}} has a backup policy of a type Hemvist does not recognise ({{type}}), so where its backups are kept is not known.",
      sv: "{{name}} har en säkerhetskopieringspolicy av en typ som Hemvist inte känner igen ({{type}}), så var dess säkerhetskopior finns är okänt.",
    },
  },
  evaluate({ inventory, config, each }, helpers) {
    const { pass, fail } = helpers;
    const replicas = each(inventory.all("cosmosDbAccounts"), (account) => {
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
    return [...replicas, ...each(inventory.all("cosmosDbAccounts"), (account) => backup(account, inventory, config, helpers))];
  },
  remediation: {
    summary: {
      en: "Remove the regions that are not allowed from the account (Replicate data globally); if the write region itself is not allowed, add an allowed region, fail over to it, then remove the old one. Where the write region's pair is not allowed, set the periodic backup storage redundancy to Local or Zone, or move the account to continuous backup.",
      sv: "Ta bort de regioner som inte är tillåtna från kontot (Replikera data globalt); om skrivregionen själv inte är tillåten, lägg till en tillåten region, växla över till den och ta sedan bort den gamla. Där skrivregionens par inte är tillåtet, sätt redundansen för periodiska säkerhetskopior till Local eller Zone, eller byt kontot till kontinuerlig säkerhetskopiering.",
    },
    portal: {
      en: "Azure Cosmos DB account → Settings → Replicate data globally → remove the regions outside the allowed list → Save; Settings → Backup & Restore → Backup storage redundancy: Locally-redundant or Zone-redundant.",
      sv: "Azure Cosmos DB-konto → Inställningar → Replikera data globalt → ta bort regionerna utanför den tillåtna listan → Spara; Inställningar → Säkerhetskopiering och återställning → Redundans för säkerhetskopieringslagring: Lokalt redundant eller Zonredundant.",
    },
    cli: "az cosmosdb update -g <rg> -n <account> --locations regionName=swedencentral failoverPriority=0 isZoneRedundant=true\naz cosmosdb update -g <rg> -n <account> --backup-redundancy Zone",
    bicep: "properties: { locations: [ { locationName: 'swedencentral', failoverPriority: 0, isZoneRedundant: true } ], backupPolicy: { type: 'Periodic', periodicModeProperties: { backupIntervalInMinutes: 240, backupRetentionIntervalInHours: 8, backupStorageRedundancy: 'Zone' } } }",
  },
  references: [
    "https://learn.microsoft.com/azure/cosmos-db/distribute-data-globally",
    "https://learn.microsoft.com/azure/cosmos-db/how-to-manage-database-account",
    "https://learn.microsoft.com/azure/cosmos-db/periodic-backup-storage-redundancy",
    "https://learn.microsoft.com/azure/cosmos-db/continuous-backup-restore-introduction",
  ],
});
