/**
 * The data map of findings.json: every copy of the data (primary, storage secondary, replica,
 * backup, failover partner, AI processing area, key location) with its region, country and legal
 * regime, read from the rules' results and their evidence, and the Microsoft 365 data locations.
 * A copy whose location could not be read is kept, marked `unreadable`, never left out.
 * Pure: `DataMapCollector` takes the results rule by rule (the pipeline streams them), `build` adds
 * the snapshot's regions and the profile.
 */

import { m365GeoPlace } from "../config/m365-geos.js";
import { builtinRegion, legalRegime, normalizeRegion, regionCountry } from "../config/regions.js";
import type { ResolvedConfig } from "../config/types.js";
import type { Evidence, Finding } from "../engine/types.js";
import type { CoverageEntry, Snapshot } from "../snapshot/types.js";
import type { CopyKind, DataCopy, DataMap, DataMapM365, DataMapRegion, LegalRegime } from "./types.js";

/** Non-regional places a copy can be in (not Azure regions): anywhere in the world, or one of Microsoft's AI data zones. */
export const GLOBAL = "global";
export const DATA_ZONE_EU = "datazone-eu";
export const DATA_ZONE_US = "datazone-us";

/** The catalog's data stores (lower-case resource types): their own location is a primary copy. */
const DATA_STORE_TYPES = new Set(
  [
    "Microsoft.Storage/storageAccounts",
    "Microsoft.Sql/servers",
    "Microsoft.Sql/servers/databases",
    "Microsoft.Sql/managedInstances",
    "Microsoft.DocumentDB/databaseAccounts",
    "Microsoft.DBforPostgreSQL/flexibleServers",
    "Microsoft.DBforMySQL/flexibleServers",
    "Microsoft.Compute/disks",
    "Microsoft.Compute/snapshots",
    "Microsoft.KeyVault/vaults",
    "Microsoft.KeyVault/managedHSMs",
    "Microsoft.CognitiveServices/accounts",
    "Microsoft.RecoveryServices/vaults",
    "Microsoft.DataProtection/backupVaults",
    "Microsoft.ContainerRegistry/registries",
  ].map((t) => t.toLowerCase()),
);

/**
 * Why a copy's (or a Microsoft 365 object's) location could not be read, when no read failed: the
 * fixed texts of `unreadableReason` (a failed read gives its code, status, collection and scope
 * instead). report.html shows them in the report's language (labels.ts copyReasons).
 */
export const REASONS = {
  evidenceNamesNoRegion: "the evidence names no region for this copy",
  noKnownPairForAccount: "the account's region has no known pair",
  ruleCouldNotTell: "the rule could not tell where the copy is",
  noKnownPair: "the region has no known pair",
  accountListsNoLocation: "the account lists no location",
  noProcessingArea: "the deployment names no processing area",
  noKnownDataZone: "the account's region is in no data zone Hemvist knows",
  accountRegionUnknown: "the account's region is not known",
  deploymentTypeUnknown: "the deployment type is not known to keep processing in one place",
  keyVaultNoLocation: "the key's vault states no location",
  keyOutsideTenant: "the key is held outside the audited tenant's vaults and managed HSMs",
  defaultGeoNeedsAttestation: "no API shows the tenant's default geo: it needs attestation (attestations.m365DefaultGeo)",
  resultNamesNoGeo: "the result names no geo",
  notRead: "not read",
  attestationRequired: "attestation required",
} as const;

/** Scopes (not resources) a not-assessed RES-01 result can stand on: the data stores under them are unknown. */
const SCOPE_TYPES = new Set(["microsoft.resources/subscriptions", "microsoft.resources/resourcegroups", "microsoft.resources/tenants"]);

type M365Kind = DataMapM365["kind"];

/** The value of the first evidence entry at `path` (exact), or undefined. */
function at(f: Finding, path: string): { found: boolean; actual: unknown } {
  const e = f.evidence?.find((x: Evidence) => x.path === path);
  return e ? { found: true, actual: e.actual } : { found: false, actual: undefined };
}

function text(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
}

/** A canonical region name: Azure regions lower-case without spaces; `(unknown)` and empty values are no region. */
function canonical(v: unknown): string | undefined {
  const s = text(v);
  if (!s || s === "(unknown)" || s === "(no location)") return undefined;
  return normalizeRegion(s);
}

/** Read states a result gives: its evidence was read (pass, fail, excepted), or not. */
const READ = new Set(["pass", "fail", "excepted"]);

/** Collects the copies from results as they come; `build` finishes the map. */
export class DataMapCollector {
  private readonly copies = new Map<string, DataCopy>();
  private readonly m365Counts = new Map<string, { geo: string; kind: M365Kind; count: number }>();
  private readonly m365Unread = new Map<string, { kind: M365Kind; count?: number; reason: string }>();

  /** Takes one rule's results (any rule: the ones that place no data are ignored). */
  add(findings: readonly Finding[]): void {
    for (const f of findings) {
      switch (f.ruleId) {
        case "RES-01":
          this.primary(f);
          break;
        case "RES-03":
          if (READ.has(f.status) && DATA_STORE_TYPES.has(f.resourceType?.toLowerCase() ?? "")) this.put(f, "primary", GLOBAL);
          break;
        case "RES-04":
          if (f.part === "secondary") this.storageSecondary(f);
          break;
        case "RES-05":
          this.database(f);
          break;
        case "RES-06":
          this.cosmos(f);
          break;
        case "RES-07":
          this.vaultOrRegistry(f);
          break;
        case "RES-08":
          this.ai(f);
          break;
        case "ENC-07":
          this.key(f);
          break;
        case "RES-10":
          this.m365(f);
          break;
      }
    }
  }

  /** The map: the copies with their regions, and Microsoft 365 (with the coverage gaps of its lists). */
  build(snapshot: Snapshot, config: ResolvedConfig, coverage: readonly CoverageEntry[] = snapshot.coverage): DataMap {
    const copies = [...this.copies.values()].sort(compareCopies);
    const names = new Set<string>();
    for (const c of copies) {
      if (c.region) names.add(c.region);
      if (c.primaryRegion) names.add(c.primaryRegion);
    }
    const info = new Map(snapshot.regions.map((r) => [normalizeRegion(r.name), r]));
    const allowed = new Set(config.profile.allowedRegions.map(normalizeRegion));
    const regions: DataMapRegion[] = [...names].sort().map((name) => region(name, info.get(name), allowed, config));

    const geos = new Set(config.profile.allowedM365Geos.map((g) => g.trim().toUpperCase()));
    const m365: DataMapM365[] = [...this.m365Counts.values()]
      .map(({ geo, kind, count }) => ({ geo, kind, count, regime: geoRegime(geo), allowed: geos.has(geo) }))
      .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || b.count - a.count || a.geo.localeCompare(b.geo));

    // A Microsoft 365 list that could not be read (or only in part): its objects' locations are unknown.
    const unread = new Map(this.m365Unread);
    for (const c of coverage) {
      const kind = M365_LIST_KIND[c.collection];
      if (!kind) continue;
      // Worded as a not-assessed result of the same gap is (one entry for both); how many objects it hid is not known.
      const reason = gapReason(c.code, c.httpStatus, c.collection, c.scope);
      const k = `${kind}|${reason}`;
      // The objects read before the list failed are counted, but the gap may hide more: the total is unknown (the tenant is one).
      unread.set(k, kind === "tenant" ? { kind, count: 1, reason } : { kind, reason });
    }
    const m365Unreadable = [...unread.values()].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.reason.localeCompare(b.reason));
    return { regions, copies, m365, m365Unreadable };
  }

  private put(f: Finding, kind: CopyKind, region: string | undefined, extra: Partial<DataCopy> = {}, unreadableReason?: string): void {
    const primaryRegion = kind === "primary" ? undefined : canonical(f.location);
    const copy: DataCopy = {
      resourceId: f.resourceId,
      resourceKey: f.resourceKey,
      ...(f.resourceName ? { resourceName: f.resourceName } : {}),
      ...(f.resourceType ? { resourceType: f.resourceType } : {}),
      ...(f.subscriptionId ? { subscriptionId: f.subscriptionId } : {}),
      kind,
      ...(region ? { region } : {}),
      ...(primaryRegion ? { primaryRegion } : {}),
      state: region ? "read" : "unreadable",
      source: { ruleId: f.ruleId, fingerprint: f.fingerprint },
      ...extra,
      ...(region ? {} : { unreadableReason: unreadableReason ?? reasonOf(f) }),
    };
    // One entry per resource, kind and region; every unreadable one is kept (each its own result).
    const key = `${f.resourceKey}|${kind}|${region ?? `?${f.fingerprint}`}`;
    if (!this.copies.has(key)) this.copies.set(key, copy);
  }

  /** One copy per region listed (its own region left out: that is the primary), `(unknown)`/null as unreadable. */
  private putEach(f: Finding, kind: CopyKind, values: unknown[], extra: Partial<DataCopy> = {}): void {
    const own = canonical(f.location);
    for (const v of values) {
      const r = canonical(v);
      if (r === undefined) this.put(f, kind, undefined, extra, REASONS.evidenceNamesNoRegion);
      else if (r !== own) this.put(f, kind, r, extra);
    }
  }

  private primary(f: Finding): void {
    const type = f.resourceType?.toLowerCase();
    // `master` is a SQL server's system database, not a copy of the organisation's data.
    if (type === "microsoft.sql/servers/databases" && f.resourceId.toLowerCase().endsWith("/databases/master")) return;
    if (READ.has(f.status)) {
      if (type && DATA_STORE_TYPES.has(type)) this.put(f, "primary", canonical(at(f, "location").actual ?? f.location));
      return;
    }
    // Not assessed: a data store, or a scope whose data stores could not be listed.
    if (f.status === "not-assessed" && (!type || DATA_STORE_TYPES.has(type) || SCOPE_TYPES.has(type))) this.put(f, "primary", undefined);
  }

  private storageSecondary(f: Finding): void {
    if (!READ.has(f.status)) {
      this.put(f, "secondary", undefined);
      return;
    }
    this.put(f, "secondary", canonical(at(f, "properties.secondaryLocation").actual), {}, REASONS.noKnownPairForAccount);
  }

  /** Where a geo-redundant copy lands: the region pair(s) the evidence lists; a result without that evidence kept its copies local (pass) or could not say (fail). */
  private pair(f: Finding, kind: CopyKind, path: string): void {
    const e = at(f, path);
    if (!e.found) {
      if (f.status === "fail") this.put(f, kind, undefined, {}, REASONS.ruleCouldNotTell);
      return;
    }
    const pairs = Array.isArray(e.actual) ? e.actual : [];
    if (pairs.length === 0) {
      this.put(f, kind, undefined, {}, REASONS.noKnownPair);
      return;
    }
    this.putEach(f, kind, pairs);
  }

  private database(f: Finding): void {
    const kind: CopyKind = f.part === "geo-replica" ? "replica" : f.part === "failover-group" ? "failover-partner" : "backup";
    if (!READ.has(f.status)) {
      this.put(f, kind, undefined);
      return;
    }
    if (f.part === "backup" || f.part === "flexible-server-backup") {
      this.pair(f, kind, "location (region pair)");
      return;
    }
    if (f.part === "geo-replica") {
      const links = at(f, "replicationLinks[].properties.partnerLocation").actual;
      if (Array.isArray(links)) this.putEach(f, kind, links.map((l) => (l && typeof l === "object" ? (l as { partnerLocation?: unknown }).partnerLocation : undefined)));
      return;
    }
    if (f.part === "failover-group") {
      const servers = at(f, "properties.partnerServers[].location");
      if (servers.found) {
        if (Array.isArray(servers.actual)) this.putEach(f, kind, servers.actual);
        return;
      }
      const regions = at(f, "instanceFailoverGroups: regions").actual;
      if (Array.isArray(regions)) this.putEach(f, kind, regions);
    }
  }

  private cosmos(f: Finding): void {
    const kind: CopyKind = f.part === "backup" ? "backup" : "replica";
    if (!READ.has(f.status)) {
      this.put(f, kind, undefined);
      return;
    }
    if (f.part === "backup") {
      this.pair(f, kind, "write region (region pair)");
      return;
    }
    const listed = at(f, "properties.locations[].locationName").actual;
    const regions = Array.isArray(listed) ? listed : [];
    if (regions.length === 0) {
      this.put(f, kind, undefined, {}, REASONS.accountListsNoLocation);
      return;
    }
    this.putEach(f, kind, regions);
  }

  private vaultOrRegistry(f: Finding): void {
    const registry = f.resourceType?.toLowerCase() === "microsoft.containerregistry/registries";
    const kind: CopyKind = registry ? "replica" : "backup";
    if (!READ.has(f.status)) {
      this.put(f, kind, undefined);
      return;
    }
    if (!registry) {
      this.pair(f, kind, "location (region pair)");
      return;
    }
    const reps = at(f, "replications[].location").actual;
    if (Array.isArray(reps)) this.putEach(f, kind, reps);
  }

  private ai(f: Finding): void {
    if (!READ.has(f.status)) {
      this.put(f, "ai-processing", undefined);
      return;
    }
    const global = at(f, "processing area");
    if (global.found) {
      this.put(f, "ai-processing", text(global.actual) === GLOBAL ? GLOBAL : undefined, {}, REASONS.noProcessingArea);
      return;
    }
    const zone = at(f, "processing area (data zone)");
    if (zone.found) {
      const z = text(zone.actual)?.toUpperCase();
      this.put(f, "ai-processing", z === "EU" ? DATA_ZONE_EU : z === "US" ? DATA_ZONE_US : undefined, {}, REASONS.noKnownDataZone);
      return;
    }
    // Regional (Standard, ProvisionedManaged): processed in the account's region; any other type: not known.
    if (f.messageId === "regional") {
      this.put(f, "ai-processing", canonical(f.location), {}, REASONS.accountRegionUnknown);
      return;
    }
    this.put(f, "ai-processing", undefined, {}, REASONS.deploymentTypeUnknown);
  }

  private key(f: Finding): void {
    if (!READ.has(f.status)) {
      this.put(f, "key", undefined);
      return;
    }
    for (const holder of ["keyVault", "managedHsm"]) {
      const id = at(f, `${holder}.id`);
      if (!id.found) continue;
      const extra = typeof id.actual === "string" ? { keyHolderId: id.actual } : {};
      this.put(f, "key", canonical(at(f, `${holder}.location`).actual), extra, REASONS.keyVaultNoLocation);
      return;
    }
    this.put(f, "key", undefined, {}, REASONS.keyOutsideTenant);
  }

  private m365(f: Finding): void {
    const kind = M365_PART_KIND[f.part ?? ""];
    if (!kind) return;
    if (f.status === "attestation-required") {
      this.unread(kind, REASONS.defaultGeoNeedsAttestation, 1);
      return;
    }
    if (!READ.has(f.status)) {
      // One object not assessed counts; a whole list not assessed is its coverage gap (count unknown).
      const object = /^\/tenants\/[^/]+\/(users|groups|sites)\/[^/]+/i.test(f.resourceId);
      if (object || kind === "tenant") this.unread(kind, reasonOf(f), 1);
      else this.unread(kind, reasonOf(f));
      return;
    }
    const geo = f.evidence?.map((e) => text(e.actual)).find((g) => g !== undefined)?.toUpperCase();
    if (!geo) {
      this.unread(kind, REASONS.resultNamesNoGeo, 1);
      return;
    }
    const k = `${kind}|${geo}`;
    const row = this.m365Counts.get(k) ?? { geo, kind, count: 0 };
    row.count++;
    this.m365Counts.set(k, row);
  }

  private unread(kind: M365Kind, reason: string, count?: number): void {
    const k = `${kind}|${reason}`;
    const row = this.m365Unread.get(k);
    if (!row) this.m365Unread.set(k, { kind, ...(count !== undefined ? { count } : {}), reason });
    else if (count !== undefined && row.count !== undefined) row.count += count;
  }
}

/** Builds the data map from a run's results in one go. */
export function buildDataMap(findings: readonly Finding[], snapshot: Snapshot, config: ResolvedConfig, coverage?: readonly CoverageEntry[]): DataMap {
  const c = new DataMapCollector();
  c.add(findings);
  return c.build(snapshot, config, coverage);
}

/** A region of the map: coordinates and display name from the locations API (else the built-in table), its country and regime, and whether the profile allows it. */
function region(name: string, info: Snapshot["regions"][number] | undefined, allowed: Set<string>, config: ResolvedConfig): DataMapRegion {
  if (name === DATA_ZONE_EU) return { name, displayName: "EU Data Zone", regime: "eu", allowed: config.profile.aiDataZoneAllowed || allowed.has(name) };
  if (name === DATA_ZONE_US) return { name, displayName: "US Data Zone", country: "US", regime: "us-dpf", allowed: allowed.has(name) };
  const country = name === GLOBAL ? undefined : regionCountry(name);
  const displayName = info?.displayName ?? builtinRegion(name)?.displayName;
  return {
    name,
    ...(displayName ? { displayName } : {}),
    ...(info?.latitude !== undefined && info.longitude !== undefined ? { latitude: info.latitude, longitude: info.longitude } : {}),
    ...(country ? { country } : {}),
    regime: legalRegime(country),
    allowed: allowed.has(name),
  };
}

/** The legal regime of a Microsoft 365 geo. */
export function geoRegime(geo: string): LegalRegime {
  const place = m365GeoPlace(geo);
  return place.regime ?? legalRegime(place.country);
}

/** Why a result could not place its copy: its not-assessed reason. */
function reasonOf(f: Finding): string {
  const na = f.notAssessed;
  if (!na) return f.status === "attestation-required" ? REASONS.attestationRequired : REASONS.notRead;
  return gapReason(na.code, na.httpStatus, na.collection, na.scope);
}

function gapReason(code: string, httpStatus: number | undefined, collection: string, scope: string): string {
  return `${code}${httpStatus ? ` (HTTP ${httpStatus})` : ""}: ${collection} at ${scope}`;
}

const KIND_ORDER: Record<M365Kind, number> = { tenant: 0, user: 1, group: 2, site: 3 };
const M365_PART_KIND: Record<string, M365Kind> = { "default-geo": "tenant", user: "user", group: "group", site: "site" };
const M365_LIST_KIND: Partial<Record<string, M365Kind>> = { m365Users: "user", m365Groups: "group", m365Sites: "site", m365RootSite: "tenant" };
const COPY_ORDER: Record<CopyKind, number> = { primary: 0, secondary: 1, replica: 2, backup: 3, "failover-partner": 4, "ai-processing": 5, key: 6 };

function compareCopies(a: DataCopy, b: DataCopy): number {
  return (
    a.resourceKey.localeCompare(b.resourceKey) ||
    COPY_ORDER[a.kind] - COPY_ORDER[b.kind] ||
    (a.region ?? "\uffff").localeCompare(b.region ?? "\uffff") ||
    a.source.fingerprint.localeCompare(b.source.fingerprint)
  );
}
