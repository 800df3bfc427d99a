/**
 * RES-05: database backups and replicas (Azure SQL, SQL managed instances, failover groups,
 * PostgreSQL/MySQL flexible servers) stay in allowed regions.
 */
import { arr, defineRule, eqi, normalizeRegion, parentArmId, regionAllowed, str } from "../../../src/index.js";
import type { ArmResource, Evidence, Inventory, ResolvedConfig, RuleHelpers, RuleResult, Target } from "../../../src/index.js";

const GEO = ["geo", "geozone"];

function isGeo(v: string | undefined): boolean {
  return v !== undefined && GEO.includes(v.toLowerCase());
}

/** Where geo-redundant backups of a store in `location` land: its region pair(s). */
function pairsOf(inventory: Inventory, location: string | undefined, fallback?: string): string[] {
  const pairs = inventory.region(location)?.pairs ?? [];
  if (pairs.length > 0) return pairs;
  return fallback ? [normalizeRegion(fallback)] : [];
}

/** One result for a copy kept in the region pair of `location`. */
function judgePair(
  h: RuleHelpers,
  config: ResolvedConfig,
  target: Target,
  part: string,
  redundancy: string,
  location: string | undefined,
  pairs: string[],
  evidence: Evidence[],
): RuleResult {
  const ev: Evidence[] = [...evidence, { path: "location (region pair)", actual: pairs, expected: config.profile.allowedRegions }];
  if (pairs.length === 0) return h.fail(target, "backupPairUnknown", { redundancy, location: location || "(no location)" }, { part, evidence: ev });
  const bad = pairs.filter((p) => !regionAllowed(config, p));
  return bad.length > 0
    ? h.fail(target, "backupPairNotAllowed", { redundancy, pair: bad }, { part, evidence: ev })
    : h.pass(target, "backupPairAllowed", { redundancy, pair: pairs }, { part, evidence: ev });
}

function targetOf(r: ArmResource, location: string | undefined): Target {
  return { id: r.id, ...(r.type ? { type: r.type } : {}), ...(location ? { location } : {}) };
}

/** SQL databases (not `master`) and managed instances: `current`/`requestedBackupStorageRedundancy`. */
function sqlBackup(r: ArmResource, location: string | undefined, inventory: Inventory, config: ResolvedConfig, h: RuleHelpers): RuleResult {
  const current = str(r, "properties.currentBackupStorageRedundancy");
  const requested = str(r, "properties.requestedBackupStorageRedundancy");
  const defaulted = current === undefined && requested === undefined;
  const target = targetOf(r, location);
  const evidence: Evidence[] = [
    { path: "properties.currentBackupStorageRedundancy", actual: current, expected: "Local or Zone, or Geo/GeoZone with an allowed pair", ...(defaulted ? { defaulted: true } : {}) },
    { path: "properties.requestedBackupStorageRedundancy", actual: requested, expected: "Local or Zone, or Geo/GeoZone with an allowed pair", ...(defaulted ? { defaulted: true } : {}) },
  ];
  // Either value being Geo/GeoZone counts (a change in progress); both absent: the default, Geo.
  const geoValue = defaulted ? "Geo" : isGeo(current) ? current : isGeo(requested) ? requested : undefined;
  if (!geoValue) return h.pass(target, "backupLocal", { redundancy: current ?? requested }, { part: "backup", evidence });
  const pairs = pairsOf(inventory, location, str(r, "properties.defaultSecondaryLocation"));
  return judgePair(h, config, target, "backup", geoValue, location, pairs, evidence);
}

export default defineRule({
  id: "RES-05",
  name: "database-backup-replica-location-allowed",
  title: {
    en: "Database backups and replicas stay in allowed regions",
    sv: "Databasers säkerhetskopior och repliker stannar i tillåtna regioner",
  },
  severity: "high",
  parts: ["backup", "failover-group", "flexible-server-backup"],
  targets: [
    { collection: "sqlDatabases", parts: ["backup"], applies: (db) => !eqi(str(db, "name") ?? "", "master") },
    { collection: "sqlManagedInstances", parts: ["backup"] },
    { collection: "sqlFailoverGroups", parts: ["failover-group"] },
    { collection: "postgresFlexibleServers", parts: ["flexible-server-backup"] },
    { collection: "mysqlFlexibleServers", parts: ["flexible-server-backup"] },
  ],
  rationale: {
    en: "Azure SQL keeps geo-redundant backups by default, and they are copied to the region pair; failover groups keep a live replica on a partner server wherever it was created; PostgreSQL and MySQL flexible servers copy geo-redundant backups to the pair. Each copy is the same data outside the primary region, so the organisation's choice of geography (Microsoft's FAQ for Swedish customers, 'Var finns den data som jag lagrar') and GDPR chapter V apply to it as much as to the database. SKR's cloud guidance asks for the whole data flow to be covered by the risk analysis.",
    sv: "Azure SQL har georedundanta säkerhetskopior som standard, och de kopieras till regionparet; redundansgrupper har en levande replik på en partnerserver där den skapades; PostgreSQL och MySQL flexible servers kopierar georedundanta säkerhetskopior till paret. Varje kopia är samma data utanför den primära regionen, så organisationens val av geografi (Microsofts vanliga frågor för svenska kunder, 'Var finns den data som jag lagrar') och GDPR kapitel V gäller för den lika mycket som för databasen. SKR:s vägledning om molntjänster kräver att hela dataflödet ingår i riskanalysen.",
  },
  guidance: [
    { doc: "rules-catalog", id: "RES-05" },
    { doc: "microsoft-faq-se", title: "Var finns den data som jag lagrar" },
    { doc: "gdpr", title: "Chapter V, transfers of personal data to third countries" },
    { doc: "skr-cloud-2019" },
  ],
  reads: [
    { collection: "sqlServers", part: "backup" },
    { collection: "sqlServers", part: "failover-group" },
    { collection: "sqlDatabases", part: "backup" },
    { collection: "sqlManagedInstances", part: "backup" },
    { collection: "sqlFailoverGroups", part: "failover-group" },
    { collection: "postgresFlexibleServers", part: "flexible-server-backup" },
    { collection: "mysqlFlexibleServers", part: "flexible-server-backup" },
  ],
  messages: {
    backupLocal: {
      en: "{{name}} keeps its backups in its own region ({{redundancy}}).",
      sv: "{{name}} behåller sina säkerhetskopior i sin egen region ({{redundancy}}).",
    },
    backupPairAllowed: {
      en: "{{name}} copies its geo-redundant backups ({{redundancy}}) to {{pair}}, an allowed region.",
      sv: "{{name}} kopierar sina georedundanta säkerhetskopior ({{redundancy}}) till {{pair}}, en tillåten region.",
    },
    backupPairNotAllowed: {
      en: "{{name}} copies its geo-redundant backups ({{redundancy}}) to {{pair}}, which is not one of the allowed regions.",
      sv: "{{name}} kopierar sina georedundanta säkerhetskopior ({{redundancy}}) till {{pair}}, som inte är en av de tillåtna regionerna.",
    },
    backupPairUnknown: {
      en: "{{name}} copies its geo-redundant backups ({{redundancy}}) to a region Hemvist cannot determine ({{location}} has no known pair).",
      sv: "{{name}} kopierar sina georedundanta säkerhetskopior ({{redundancy}}) till en region som Hemvist inte kan avgöra ({{location}} har inget känt par).",
    },
    partnersAllowed: {
      en: "{{name}} replicates to partner servers in {{regions}}, all allowed regions.",
      sv: "{{name}} replikerar till partnerservrar i {{regions}}, som alla är tillåtna regioner.",
    },
    partnersNotAllowed: {
      en: "{{name}} replicates to partner servers in {{regions}}, outside the allowed regions.",
      sv: "{{name}} replikerar till partnerservrar i {{regions}}, utanför de tillåtna regionerna.",
    },
    noPartners: {
      en: "{{name}} lists no partner servers.",
      sv: "{{name}} har inga partnerservrar.",
    },
  },
  evaluate({ inventory, config, each }, h) {
    const out: RuleResult[] = [];

    // Part `backup`: user databases (never `master`) and managed instances.
    out.push(
      ...each(inventory.all("sqlDatabases"), (db) => {
        const name = str(db, "name") ?? db.id.split("/").pop() ?? "";
        if (eqi(name, "master")) return;
        const parent = parentArmId(db.id);
        const location = str(db, "location") ?? (parent ? str(inventory.get(parent), "location") : undefined);
        return sqlBackup(db, location, inventory, config, h);
      }),
      ...each(inventory.all("sqlManagedInstances"), (mi) => sqlBackup(mi, str(mi, "location"), inventory, config, h)),
    );

    // Part `failover-group`: every partner server's region must be allowed.
    out.push(...each(inventory.all("sqlFailoverGroups"), (fg): RuleResult => {
      const partners = arr(fg, "properties.partnerServers");
      const locations = partners.map((p) => str(p, "location"));
      const target = targetOf(fg, str(fg, "location"));
      const evidence: Evidence[] = [{ path: "properties.partnerServers[].location", actual: locations.map((l) => l ?? null), expected: config.profile.allowedRegions }];
      const opts = { part: "failover-group", evidence };
      if (partners.length === 0) return h.pass(target, "noPartners", {}, opts);
      const bad = locations.filter((l) => !regionAllowed(config, l)).map((l) => (l ? normalizeRegion(l) : "(unknown)"));
      return bad.length > 0
        ? h.fail(target, "partnersNotAllowed", { regions: bad }, opts)
        : h.pass(target, "partnersAllowed", { regions: locations.map((l) => normalizeRegion(l as string)) }, opts);
    }));

    // Part `flexible-server-backup`: PostgreSQL and MySQL flexible servers (default Disabled).
    for (const col of ["postgresFlexibleServers", "mysqlFlexibleServers"] as const) {
      out.push(...each(inventory.all(col), (s): RuleResult => {
        const location = str(s, "location");
        const raw = str(s, "properties.backup.geoRedundantBackup");
        const enabled = eqi(raw, "Enabled");
        const target = targetOf(s, location);
        const evidence: Evidence[] = [{ path: "properties.backup.geoRedundantBackup", actual: raw ?? "Disabled", expected: "Disabled, or Enabled with an allowed pair", ...(raw === undefined ? { defaulted: true } : {}) }];
        if (!enabled) return h.pass(target, "backupLocal", { redundancy: "geo-redundant backup disabled" }, { part: "flexible-server-backup", evidence });
        return judgePair(h, config, target, "flexible-server-backup", "geo-redundant backup enabled", location, pairsOf(inventory, location), evidence);
      }));
    }
    return out;
  },
  remediation: {
    summary: {
      en: "Set the backup storage redundancy to Local or Zone where the pair is not allowed (Hyperscale: only at creation), create failover-group partners only in allowed regions, and turn off geo-redundant backup on flexible servers whose pair is not allowed.",
      sv: "Sätt redundansen för säkerhetskopior till Local eller Zone där paret inte är tillåtet (Hyperscale: bara när databasen skapas), skapa partnerservrar i redundansgrupper bara i tillåtna regioner, och stäng av georedundanta säkerhetskopior på flexible servers vars par inte är tillåtet.",
    },
    portal: {
      en: "SQL database → Settings → Compute + storage → Backup storage redundancy; SQL server → Data management → Failover groups; flexible server → Settings → Backup and restore (geo-redundancy is chosen at creation).",
      sv: "SQL-databas → Inställningar → Beräkning + lagring → Redundans för säkerhetskopieringslagring; SQL-server → Datahantering → Redundansgrupper; flexible server → Inställningar → Säkerhetskopiering och återställning (georedundans väljs när servern skapas).",
    },
    cli: "az sql db update -g <rg> -s <server> -n <db> --backup-storage-redundancy Zone\naz sql mi update -g <rg> -n <mi> --backup-storage-redundancy Zone",
    bicep: "resource db 'Microsoft.Sql/servers/databases@2023-08-01' = { parent: server, name: 'appdb', location: 'swedencentral', properties: { requestedBackupStorageRedundancy: 'Zone' } }",
  },
  references: [
    "https://learn.microsoft.com/azure/azure-sql/database/automated-backups-overview",
    "https://learn.microsoft.com/azure/azure-sql/database/failover-group-sql-db",
    "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-backup-restore",
    "https://learn.microsoft.com/azure/mysql/flexible-server/concepts-backup-restore",
  ],
});
