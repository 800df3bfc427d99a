/**
 * RES-05: database backups and replicas (Azure SQL, SQL managed instances, failover groups,
 * managed-instance failover groups, database geo-replicas, PostgreSQL/MySQL flexible servers) stay
 * in allowed regions.
 */
import { arr, defineRule, eqi, idKey, normalizeRegion, parentArmId, parseArmId, regionAllowed, str } from "../../../src/index.js";
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

/** How a store's backups are kept, as messages name it in English (`redundancy`) and Swedish (`redundancySv`). */
interface Redundancy {
  redundancy: string;
  redundancySv: string;
}

/** A SQL redundancy value (`Geo`, `Zone`, ...): the same word in both languages. */
const asIs = (value: string | undefined): Redundancy => ({ redundancy: value ?? "", redundancySv: value ?? "" });

/** One result for a copy kept in the region pair of `location`. */
function judgePair(
  h: RuleHelpers,
  config: ResolvedConfig,
  target: Target,
  part: string,
  redundancy: Redundancy,
  location: string | undefined,
  pairs: string[],
  evidence: Evidence[],
): RuleResult {
  const ev: Evidence[] = [...evidence, { path: "location (region pair)", actual: pairs, expected: config.profile.allowedRegions }];
  if (pairs.length === 0) return h.fail(target, "backupPairUnknown", { ...redundancy, location: location || "(no location)", locationSv: location || "(ingen plats)" }, { part, evidence: ev });
  const bad = pairs.filter((p) => !regionAllowed(config, p));
  return bad.length > 0
    ? h.fail(target, "backupPairNotAllowed", { ...redundancy, pair: bad }, { part, evidence: ev })
    : h.pass(target, "backupPairAllowed", { ...redundancy, pair: pairs }, { part, evidence: ev });
}

function targetOf(r: ArmResource, location: string | undefined): Target {
  return { id: r.id, ...(r.type ? { type: r.type } : {}), ...(location ? { location } : {}) };
}

const isMaster = (id: string): boolean => eqi(id.split("/").pop() ?? "", "master");

/** Regions as messages show them: normalised, each once; an absent one as `(unknown)`. */
function regionNames(locations: (string | undefined)[]): string[] {
  return [...new Set(locations.map((l) => (l ? normalizeRegion(l) : "(unknown)")))];
}

/** Regions as the Swedish messages show them: `(unknown)` as `(okänd)`. */
function regionNamesSv(regions: string[]): string[] {
  return regions.map((r) => (r === "(unknown)" ? "(okänd)" : r));
}

/**
 * The list an instance's failover groups are read from (InstanceFailoverGroups_ListByLocation): its
 * resource group's `providers/Microsoft.Sql/locations/{location}`, the location normalised as the
 * collector sends it. Undefined for an instance without a resource group or location.
 */
function instanceGroupScope(mi: ArmResource): string | undefined {
  const { subscriptionId, resourceGroup } = parseArmId(mi.id);
  const location = str(mi, "location");
  if (!subscriptionId || !resourceGroup || !location) return undefined;
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Sql/locations/${normalizeRegion(location)}`;
}

/** The region an instance failover group was listed in: the `locations/{location}` of its id. */
function listedRegion(group: ArmResource): string | undefined {
  const seg = group.id.split("/");
  const i = seg.findIndex((x) => x.toLowerCase() === "locations");
  return i >= 0 ? seg[i + 1] : undefined;
}

/** The instance ids of a group's `managedInstancePairs` (primary and partner), as given. */
function pairInstances(group: ArmResource): string[] {
  const out: string[] = [];
  for (const p of arr(group, "properties.managedInstancePairs")) {
    for (const k of ["primaryManagedInstanceId", "partnerManagedInstanceId"]) {
      const id = str(p, k);
      if (id) out.push(id);
    }
  }
  return out;
}

/** SQL databases (not `master`) and managed instances: `current`/`requestedBackupStorageRedundancy`. */
function sqlBackup(r: ArmResource, location: string | undefined, inventory: Inventory, config: ResolvedConfig, h: RuleHelpers): RuleResult {
  const current = str(r, "properties.currentBackupStorageRedundancy");
  const requested = str(r, "properties.requestedBackupStorageRedundancy");
  const defaulted = current === undefined && requested === undefined;
  const target = targetOf(r, location);
  const evidence: Evidence[] = [
    { path: "properties.currentBackupStorageRedundancy", actual: current, expected: { en: "Local or Zone, or Geo/GeoZone with an allowed pair", sv: "Local eller Zone, eller Geo/GeoZone med ett tillåtet regionpar" }, ...(defaulted ? { defaulted: true } : {}) },
    { path: "properties.requestedBackupStorageRedundancy", actual: requested, expected: { en: "Local or Zone, or Geo/GeoZone with an allowed pair", sv: "Local eller Zone, eller Geo/GeoZone med ett tillåtet regionpar" }, ...(defaulted ? { defaulted: true } : {}) },
  ];
  // Either value being Geo/GeoZone counts (a change in progress); both absent: the default, Geo.
  const geoValue = defaulted ? "Geo" : isGeo(current) ? current : isGeo(requested) ? requested : undefined;
  if (!geoValue) return h.pass(target, "backupLocal", { ...asIs(current ?? requested) }, { part: "backup", evidence });
  const pairs = pairsOf(inventory, location, str(r, "properties.defaultSecondaryLocation"));
  return judgePair(h, config, target, "backup", asIs(geoValue), location, pairs, evidence);
}

export default defineRule({
  id: "RES-05",
  name: "database-backup-replica-location-allowed",
  title: {
    en: "Database backups and replicas stay in allowed regions",
    sv: "Databasers säkerhetskopior och repliker stannar i tillåtna regioner",
  },
  severity: "high",
  parts: ["backup", "failover-group", "geo-replica", "flexible-server-backup"],
  targets: [
    { collection: "sqlDatabases", parts: ["backup"], applies: (db) => !eqi(str(db, "name") ?? "", "master") },
    { collection: "sqlDatabases", parts: ["geo-replica"], via: ["sqlReplicationLinks"], applies: (db) => !eqi(str(db, "name") ?? "", "master") },
    { collection: "sqlManagedInstances", parts: ["backup"] },
    { collection: "sqlManagedInstances", parts: ["failover-group"], via: ["sqlInstanceFailoverGroups"] },
    { collection: "sqlFailoverGroups", parts: ["failover-group"] },
    { collection: "postgresFlexibleServers", parts: ["flexible-server-backup"] },
    { collection: "mysqlFlexibleServers", parts: ["flexible-server-backup"] },
  ],
  rationale: {
    en: "Azure SQL keeps geo-redundant backups by default, and they are copied to the region pair; failover groups keep a live replica on a partner server or managed instance wherever it was created, and geo-replication a readable copy of a database on a server in any region; PostgreSQL and MySQL flexible servers copy geo-redundant backups to the pair. Each copy is the same data outside the primary region, so the organisation's choice of geography (Microsoft's FAQ for Swedish customers, 'Var finns den data som jag lagrar') and GDPR chapter V apply to it as much as to the database. SKR's cloud guidance asks for the whole data flow to be covered by the risk analysis.",
    sv: "Azure SQL har georedundanta säkerhetskopior som standard, och de kopieras till regionparet; redundansgrupper har en levande replik på en partnerserver eller hanterad instans där den skapades, och georeplikering en läsbar kopia av en databas på en server i valfri region; PostgreSQL och MySQL flexible servers kopierar georedundanta säkerhetskopior till paret. Varje kopia är samma data utanför den primära regionen, så organisationens val av geografi (Microsofts vanliga frågor för svenska kunder, 'Var finns den data som jag lagrar') och GDPR kapitel V gäller för den lika mycket som för databasen. SKR:s vägledning om molntjänster kräver att hela dataflödet ingår i riskanalysen.",
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
    { collection: "sqlDatabases", part: "geo-replica" },
    { collection: "sqlReplicationLinks", part: "geo-replica" },
    { collection: "sqlManagedInstances", part: "failover-group" },
    { collection: "sqlInstanceFailoverGroups", part: "failover-group" },
    { collection: "postgresFlexibleServers", part: "flexible-server-backup" },
    { collection: "mysqlFlexibleServers", part: "flexible-server-backup" },
  ],
  messages: {
    backupLocal: {
      en: "{{name}} keeps its backups in its own region ({{redundancy}}).",
      sv: "{{name}} behåller sina säkerhetskopior i sin egen region ({{redundancySv}}).",
    },
    backupPairAllowed: {
      en: "{{name}} copies its geo-redundant backups ({{redundancy}}) to {{pair}}, an allowed region.",
      sv: "{{name}} kopierar sina georedundanta säkerhetskopior ({{redundancySv}}) till {{pair}}, en tillåten region.",
    },
    backupPairNotAllowed: {
      en: "{{name}} copies its geo-redundant backups ({{redundancy}}) to {{pair}}, which is not one of the allowed regions.",
      sv: "{{name}} kopierar sina georedundanta säkerhetskopior ({{redundancySv}}) till {{pair}}, som inte är en av de tillåtna regionerna.",
    },
    backupPairUnknown: {
      en: "{{name}} copies its geo-redundant backups ({{redundancy}}) to a region Hemvist cannot determine ({{location}} has no known pair).",
      sv: "{{name}} kopierar sina georedundanta säkerhetskopior ({{redundancySv}}) till en region som Hemvist inte kan avgöra ({{locationSv}} har inget känt par).",
    },
    partnersAllowed: {
      en: "{{name}} replicates to partner servers in {{regions}}, all allowed regions.",
      sv: "{{name}} replikerar till partnerservrar i {{regions}}, som alla är tillåtna regioner.",
    },
    partnersNotAllowed: {
      en: "{{name}} replicates to partner servers in {{regions}}, outside the allowed regions.",
      sv: "{{name}} replikerar till partnerservrar i {{regionsSv}}, utanför de tillåtna regionerna.",
    },
    noPartners: {
      en: "{{name}} lists no partner servers.",
      sv: "{{name}} har inga partnerservrar.",
    },
    instanceGroupNone: {
      en: "{{name}} is in no instance failover group.",
      sv: "{{name}} ingår inte i någon redundansgrupp för instanser.",
    },
    instanceGroupAllowed: {
      en: "{{name}} is in failover group {{groups}}, whose regions ({{regions}}) are all allowed.",
      sv: "{{name}} ingår i redundansgruppen {{groups}}, vars regioner ({{regions}}) alla är tillåtna.",
    },
    instanceGroupNotAllowed: {
      en: "{{name}} is in failover group {{groups}}, which keeps its data in {{regions}}, outside the allowed regions.",
      sv: "{{name}} ingår i redundansgruppen {{groups}}, som har sina data i {{regionsSv}}, utanför de tillåtna regionerna.",
    },
    geoReplicaNone: {
      en: "{{name}} has no geo-replica (no replication link).",
      sv: "{{name}} har ingen georeplik (ingen replikeringslänk).",
    },
    geoReplicaAllowed: {
      en: "{{name}} is replicated with partners in {{regions}}, all allowed regions.",
      sv: "{{name}} replikeras med partner i {{regions}}, som alla är tillåtna regioner.",
    },
    geoReplicaNotAllowed: {
      en: "{{name}} is replicated with a partner in {{regions}}, outside the allowed regions.",
      sv: "{{name}} replikeras med en partner i {{regionsSv}}, utanför de tillåtna regionerna.",
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
        ? h.fail(target, "partnersNotAllowed", { regions: bad, regionsSv: regionNamesSv(bad) }, opts)
        : h.pass(target, "partnersAllowed", { regions: locations.map((l) => normalizeRegion(l as string)) }, opts);
    }));

    // Part `geo-replica`: each user database, by its replication links (listed per server, each
    // link's id under its database). Primary or secondary, the partner holds a copy; a partner
    // without a location fails. A database a link names that the database list did not show is
    // judged too (its id from the link's).
    const judgeReplicas = (dbId: string, db: ArmResource | undefined): RuleResult => {
      const parent = parentArmId(dbId);
      const location = (db ? str(db, "location") : undefined) ?? (parent ? str(inventory.get(parent), "location") : undefined);
      const target: Target = { id: dbId, type: "Microsoft.Sql/servers/databases", ...(location ? { location } : {}) };
      const links = inventory.children("sqlReplicationLinks", dbId);
      const partners = links.map((l) => str(l, "properties.partnerLocation"));
      const evidence: Evidence[] = [
        {
          path: "replicationLinks[].properties.partnerLocation",
          actual: links.map((l) => ({ partnerServer: str(l, "properties.partnerServer") ?? null, role: str(l, "properties.role") ?? null, partnerLocation: str(l, "properties.partnerLocation") ?? null })),
          expected: config.profile.allowedRegions,
        },
      ];
      const opts = { part: "geo-replica", evidence };
      if (links.length === 0) return h.pass(target, "geoReplicaNone", {}, opts);
      const bad = regionNames(partners.filter((l) => !regionAllowed(config, l)));
      return bad.length > 0 ? h.fail(target, "geoReplicaNotAllowed", { regions: bad, regionsSv: regionNamesSv(bad) }, opts) : h.pass(target, "geoReplicaAllowed", { regions: regionNames(partners) }, opts);
    };
    const databases = inventory.all("sqlDatabases").filter((db) => !isMaster(db.id));
    out.push(...each(databases, (db) => judgeReplicas(db.id, db)));
    const listed = new Set(databases.map((db) => idKey(db.id)));
    const unlisted = inventory.untracked(() => {
      const ids = new Map<string, string>();
      for (const l of inventory.all("sqlReplicationLinks")) {
        const dbId = parentArmId(l.id);
        if (dbId && !isMaster(dbId) && !listed.has(idKey(dbId)) && !ids.has(idKey(dbId))) ids.set(idKey(dbId), dbId);
      }
      return [...ids.values()];
    });
    out.push(...each(unlisted, (dbId) => judgeReplicas(dbId, undefined)));

    // Part `failover-group` of managed instances: each instance, by the instance failover groups that
    // name it in `managedInstancePairs` (primary or partner). The groups are listed per resource
    // group and location; a group's regions are where it was listed, its `partnerRegions` and the
    // paired instances' locations. Each holds the group's data (and either side can become the
    // primary), so every instance of a group with a region outside the profile fails.
    const groupsOf = inventory.untracked(() => {
      const idx = new Map<string, ArmResource[]>();
      for (const g of inventory.all("sqlInstanceFailoverGroups")) {
        for (const id of new Set(pairInstances(g).map(idKey))) {
          const list = idx.get(id);
          if (list) list.push(g);
          else idx.set(id, [g]);
        }
      }
      return idx;
    });
    const judgeInstance = (id: string, mi: ArmResource | undefined): RuleResult => {
      const own = mi ? str(mi, "location") : undefined;
      const target: Target = mi ? targetOf(mi, own) : { id, type: "Microsoft.Sql/managedInstances" };
      // The instance's own list decides that it is in no group: its failure blinds this verdict.
      const scope = mi ? instanceGroupScope(mi) : undefined;
      if (scope) inventory.depend("sqlInstanceFailoverGroups", scope);
      const groups = groupsOf.get(idKey(id)) ?? [];
      for (const g of groups) inventory.uses(g);
      const regions: (string | undefined)[] = groups.length > 0 && own ? [own] : [];
      for (const g of groups) {
        regions.push(listedRegion(g));
        for (const p of arr(g, "properties.partnerRegions")) regions.push(str(p, "location"));
        for (const other of pairInstances(g)) {
          if (idKey(other) === idKey(id)) continue;
          const loc = str(inventory.get(other), "location");
          if (loc) regions.push(loc);
        }
      }
      const copies = regionNames(regions);
      const evidence: Evidence[] = [
        {
          path: "instanceFailoverGroups: properties.partnerRegions[].location, managedInstancePairs",
          actual: groups.map((g) => ({ group: g.id, partnerRegions: arr(g, "properties.partnerRegions").map((p) => str(p, "location") ?? null), managedInstancePairs: pairInstances(g) })),
          expected: config.profile.allowedRegions,
        },
      ];
      // Every region that holds the groups' data (the instance's own included; `(unknown)` where a partner's cannot be named).
      if (groups.length > 0) evidence.push({ path: "instanceFailoverGroups: regions", actual: copies, expected: config.profile.allowedRegions });
      const opts = { part: "failover-group", evidence };
      if (groups.length === 0) return h.pass(target, "instanceGroupNone", {}, opts);
      const names = [...new Set(groups.map((g) => str(g, "name") ?? g.id.split("/").pop() ?? g.id))];
      const bad = copies.filter((r) => r === "(unknown)" || !regionAllowed(config, r));
      return bad.length > 0
        ? h.fail(target, "instanceGroupNotAllowed", { groups: names, regions: bad, regionsSv: regionNamesSv(bad) }, opts)
        : h.pass(target, "instanceGroupAllowed", { groups: names, regions: copies }, opts);
    };
    const instances = inventory.all("sqlManagedInstances");
    out.push(...each(instances, (mi) => judgeInstance(mi.id, mi)));
    // An instance a group pairs that the instance list did not show, in the subscription the group
    // was listed in (a partner in a subscription outside the audit is not judged here), is judged too.
    const knownInstances = new Set(instances.map((mi) => idKey(mi.id)));
    const unlistedInstances = inventory.untracked(() => {
      const ids = new Map<string, string>();
      for (const g of inventory.all("sqlInstanceFailoverGroups")) {
        const sub = parseArmId(g.id).subscriptionId?.toLowerCase();
        for (const id of pairInstances(g)) {
          const k = idKey(id);
          if (!knownInstances.has(k) && !ids.has(k) && parseArmId(id).subscriptionId?.toLowerCase() === sub) ids.set(k, id);
        }
      }
      return [...ids.values()];
    });
    out.push(...each(unlistedInstances, (id) => judgeInstance(id, undefined)));

    // Part `flexible-server-backup`: PostgreSQL and MySQL flexible servers (default Disabled).
    for (const col of ["postgresFlexibleServers", "mysqlFlexibleServers"] as const) {
      out.push(...each(inventory.all(col), (s): RuleResult => {
        const location = str(s, "location");
        const raw = str(s, "properties.backup.geoRedundantBackup");
        const enabled = eqi(raw, "Enabled");
        const target = targetOf(s, location);
        const evidence: Evidence[] = [{ path: "properties.backup.geoRedundantBackup", actual: raw ?? "Disabled", expected: { en: "Disabled, or Enabled with an allowed pair", sv: "Disabled, eller Enabled med ett tillåtet regionpar" }, ...(raw === undefined ? { defaulted: true } : {}) }];
        if (!enabled) return h.pass(target, "backupLocal", { redundancy: "geo-redundant backup disabled", redundancySv: "georedundant säkerhetskopiering avstängd" }, { part: "flexible-server-backup", evidence });
        const on = { redundancy: "geo-redundant backup enabled", redundancySv: "georedundant säkerhetskopiering påslagen" };
        return judgePair(h, config, target, "flexible-server-backup", on, location, pairsOf(inventory, location), evidence);
      }));
    }
    return out;
  },
  remediation: {
    summary: {
      en: "Set the backup storage redundancy to Local or Zone where the pair is not allowed (Hyperscale: only at creation), create failover-group partners (servers and managed instances) and geo-replicas only in allowed regions, and turn off geo-redundant backup on flexible servers whose pair is not allowed.",
      sv: "Sätt redundansen för säkerhetskopior till Local eller Zone där paret inte är tillåtet (Hyperscale: bara när databasen skapas), skapa partner i redundansgrupper (servrar och hanterade instanser) och georepliker bara i tillåtna regioner, och stäng av georedundanta säkerhetskopior på flexible servers vars par inte är tillåtet.",
    },
    portal: {
      en: "SQL database → Settings → Compute + storage → Backup storage redundancy; SQL database → Data management → Replicas; SQL server → Data management → Failover groups; SQL managed instance → Failover groups; flexible server → Settings → Backup and restore (geo-redundancy is chosen at creation).",
      sv: "SQL-databas → Inställningar → Beräkning + lagring → Redundans för säkerhetskopieringslagring; SQL-databas → Datahantering → Repliker; SQL-server → Datahantering → Redundansgrupper; hanterad SQL-instans → Redundansgrupper; flexible server → Inställningar → Säkerhetskopiering och återställning (georedundans väljs när servern skapas).",
    },
    cli: "az sql db update -g <rg> -s <server> -n <db> --backup-storage-redundancy Zone\naz sql mi update -g <rg> -n <mi> --backup-storage-redundancy Zone\naz sql db replica delete-link -g <rg> -s <server> -n <db> --partner-server <partner>\naz sql instance-failover-group delete -g <rg> -l <location> -n <group>",
    bicep: "resource db 'Microsoft.Sql/servers/databases@2023-08-01' = { parent: server, name: 'appdb', location: 'swedencentral', properties: { requestedBackupStorageRedundancy: 'Zone' } }",
  },
  references: [
    "https://learn.microsoft.com/azure/azure-sql/database/automated-backups-overview",
    "https://learn.microsoft.com/azure/azure-sql/database/failover-group-sql-db",
    "https://learn.microsoft.com/azure/azure-sql/database/active-geo-replication-overview",
    "https://learn.microsoft.com/azure/azure-sql/managed-instance/failover-group-sql-mi",
    "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-backup-restore",
    "https://learn.microsoft.com/azure/mysql/flexible-server/concepts-backup-restore",
  ],
});
