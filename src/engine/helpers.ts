/**
 * Small pure helpers the rules share: null-safe property access, case-insensitive comparison,
 * region checks against the profile, and key-URI resolution to vaults and managed HSMs.
 */
import type { ArmResource, AzureCollection } from "../snapshot/types.js";
import type { ResolvedConfig } from "../config/types.js";
import { normalizeRegion } from "../config/regions.js";
import type { Inventory } from "./inventory.js";
import type { AttestationFields, AttestationKey } from "../config/attestations.js";
import type { Evidence } from "./types.js";

/** Property paths split once (rules read the same few paths for every resource). */
const pathParts = new Map<string, string[]>();

/** Reads `a.b.c` from a payload; undefined on any missing or non-object step (never throws). */
export function prop(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  let parts = pathParts.get(path);
  if (!parts) {
    parts = path.split(".");
    if (pathParts.size > 10_000) pathParts.clear();
    pathParts.set(path, parts);
  }
  for (const part of parts) {
    if (cur === null || typeof cur !== "object") return undefined;
    // ARM property names are case-insensitive in practice (keyvaulturi / keyVaultUri).
    const rec = cur as Record<string, unknown>;
    if (part in rec) cur = rec[part];
    else {
      const lower = part.toLowerCase();
      const k = Object.keys(rec).find((x) => x.toLowerCase() === lower);
      cur = k === undefined ? undefined : rec[k];
    }
  }
  return cur;
}

/** A string property, or undefined. */
export function str(obj: unknown, path: string): string | undefined {
  const v = prop(obj, path);
  return typeof v === "string" ? v : undefined;
}

/** A boolean property; strings "true"/"false" are accepted as ARM sometimes serialises them so. */
export function bool(obj: unknown, path: string): boolean | undefined {
  const v = prop(obj, path);
  if (typeof v === "boolean") return v;
  if (typeof v === "string" && /^(true|false)$/i.test(v)) return v.toLowerCase() === "true";
  return undefined;
}

/** An array property (an absent or non-array value gives []). */
export function arr(obj: unknown, path: string): unknown[] {
  const v = prop(obj, path);
  return Array.isArray(v) ? v : [];
}

/** Case-insensitive string equality; undefined never equals. */
export function eqi(a: unknown, b: string): boolean {
  return typeof a === "string" && a.toLowerCase() === b.toLowerCase();
}

/** Whether a location is allowed by the profile (normalised). */
export function regionAllowed(config: ResolvedConfig, location: string | undefined | null): boolean {
  if (!location) return false;
  const n = normalizeRegion(location);
  return config.profile.allowedRegions.some((r) => normalizeRegion(r) === n);
}

/**
 * How a location fares against the profile: allowed, a known region that is not allowed, or a
 * location Hemvist does not know (itself a finding, never a reason to skip).
 */
export function locationVerdict(inventory: Inventory, config: ResolvedConfig, location: string): "allowed" | "notAllowed" | "unknownLocation" {
  if (regionAllowed(config, location)) return "allowed";
  return inventory.region(location) ? "notAllowed" : "unknownLocation";
}

/** The display form of the allowed regions, for messages. */
export function allowedList(config: ResolvedConfig): string {
  return config.profile.allowedRegions.join(", ");
}

/** The resource's name: payload `name`, else the id's last segment. */
export function nameOf(r: { id: string; name?: unknown }): string {
  if (typeof r.name === "string" && r.name) return r.name;
  const seg = r.id.split("/").filter(Boolean);
  return seg[seg.length - 1] ?? r.id;
}

/** Host name of a URL, lower-cased, or undefined. */
export function hostOf(url: string | undefined | null): string | undefined {
  if (!url || typeof url !== "string") return undefined;
  if (hosts.has(url)) return hosts.get(url);
  let host: string | undefined;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    host = undefined;
  }
  if (hosts.size > 100_000) hosts.clear();
  hosts.set(url, host);
  return host;
}

/** Host names of URLs already parsed (the same vault URIs recur across thousands of resources). */
const hosts = new Map<string, string | undefined>();

/** Vaults and HSMs by host name, vault keys by `{vault id}/keys/{name}` (lower-cased): built once per inventory. */
interface KeyIndex {
  vaults: Map<string, ArmResource>;
  hsms: Map<string, ArmResource>;
  keys: Map<string, ArmResource>;
}
const keyIndexes = new WeakMap<Inventory, KeyIndex>();

function keyIndex(inv: Inventory): KeyIndex {
  const idx = keyIndexes.get(inv);
  if (idx) return idx;
  // Built once for every verdict: what each verdict used of it is recorded by resolveKeyUri.
  return inv.untracked(() => buildKeyIndex(inv));
}

function buildKeyIndex(inv: Inventory): KeyIndex {
  const idx: KeyIndex = { vaults: new Map(), hsms: new Map(), keys: new Map() };
  // First match wins, as a linear search in collection order would find it.
  for (const v of inv.all("keyVaults")) {
    const h = hostOf(str(v, "properties.vaultUri"));
    if (h !== undefined && !idx.vaults.has(h)) idx.vaults.set(h, v);
  }
  for (const m of inv.all("managedHsms")) {
    const h = hostOf(str(m, "properties.hsmUri"));
    if (h !== undefined && !idx.hsms.has(h)) idx.hsms.set(h, m);
  }
  for (const k of inv.all("vaultKeys")) {
    const id = k.id.toLowerCase();
    const at = id.lastIndexOf("/keys/");
    if (at < 0) continue;
    const key = `${id.slice(0, at)}/keys/${nameOf(k).toLowerCase()}`;
    if (!idx.keys.has(key)) idx.keys.set(key, k);
  }
  keyIndexes.set(inv, idx);
  return idx;
}

/** A key vault or managed HSM a key URI resolves to. */
export interface KeyHolder {
  kind: "vault" | "managedHsm";
  resource: ArmResource;
  /** The key's name from the URI path (`/keys/{name}/{version}`). */
  keyName?: string;
  /** The ARM key payload (vault keys only), when listed. */
  key?: ArmResource;
}

/**
 * Resolves a key URI (or vault URI plus key name) by host name to a vault (`properties.vaultUri`)
 * or managed HSM (`properties.hsmUri`) of the inventory. The verdict depends on the vault or HSM
 * found (and the key looked up in it); a URI that resolves to nothing searched every subscription's
 * vaults and HSMs.
 */
export function resolveKeyUri(inv: Inventory, uri: string | undefined | null, keyName?: string, opts: { key?: boolean } = {}): KeyHolder | undefined {
  const host = hostOf(uri);
  if (!host) return undefined;
  let name = keyName;
  if (!name && uri) {
    try {
      const parts = new URL(uri).pathname.split("/").filter(Boolean);
      if (parts[0]?.toLowerCase() === "keys" && parts[1]) name = parts[1];
    } catch {
      /* hostOf already checked the URL */
    }
  }
  const idx = keyIndex(inv);
  const vault = idx.vaults.get(host);
  if (vault) {
    inv.uses(vault);
    // The key's own payload only when asked for (KEY-02): who holds a key does not depend on its list.
    const key = name && opts.key !== false ? idx.keys.get(`${vault.id.toLowerCase()}/keys/${name.toLowerCase()}`) : undefined;
    if (key) inv.uses(key);
    else if (name && opts.key !== false) inv.depend("vaultKeys", `${vault.id}/keys/${name}`);
    return { kind: "vault", resource: vault, ...(name ? { keyName: name } : {}), ...(key ? { key } : {}) };
  }
  const hsm = idx.hsms.get(host);
  if (hsm) {
    inv.uses(hsm);
    return { kind: "managedHsm", resource: hsm, ...(name ? { keyName: name } : {}) };
  }
  inv.depend("keyVaults", "/");
  inv.depend("managedHsms", "/");
  return undefined;
}

/** The collections whose items hold the key references {@link keyReferences} finds (ENC-07, KEY-02). */
export const KEY_REFERENCE_COLLECTIONS = [
  "storageAccounts",
  "sqlEncryptionProtectors",
  "sqlManagedInstanceEncryptionProtectors",
  "cosmosDbAccounts",
  "diskEncryptionSets",
  "cognitiveAccounts",
  "postgresFlexibleServers",
  "mysqlFlexibleServers",
  "recoveryServicesVaults",
] as const satisfies readonly AzureCollection[];

/** The part of a flexible server's geo-redundant backup key (ENC-07 judges it apart from the primary key). */
export const GEO_BACKUP_PART = "geo-backup";

/** A customer-managed-key reference found on a data store. */
export interface KeyReference {
  /** The resource that holds the reference (storage account, SQL server, disk encryption set, ...). */
  holder: ArmResource;
  /** The data store judged (for a SQL protector: the server; otherwise the holder). */
  dataStoreId: string;
  collection: string;
  /** Property path of the reference in the holder's payload. */
  path: string;
  uri: string;
  keyName?: string;
  /**
   * Which of the store's keys this is, when it has more than one: `geo-backup` for a PostgreSQL or
   * MySQL flexible server's geo-redundant backup key (`dataEncryption.geoBackupKeyURI`). The primary
   * key has none.
   */
  part?: string;
}

function parentOf(id: string): string {
  return id.split("/").slice(0, -2).join("/");
}

/**
 * Every customer-managed-key reference in the inventory (ENC-07, KEY-02): storage, SQL server and
 * managed-instance protectors, Cosmos DB, disk encryption sets, AI accounts, PostgreSQL/MySQL
 * flexible servers (primary and geo-backup key), Recovery Services vaults.
 */
export function keyReferences(inv: Inventory): KeyReference[] {
  const out: KeyReference[] = [];
  const add = (holder: ArmResource, collection: string, path: string, uri: unknown, keyName?: unknown, dataStoreId?: string, part?: string) => {
    if (typeof uri !== "string" || uri.trim() === "") return;
    out.push({
      holder,
      dataStoreId: dataStoreId ?? holder.id,
      collection,
      path,
      uri,
      ...(typeof keyName === "string" && keyName ? { keyName } : {}),
      ...(part ? { part } : {}),
    });
  };
  for (const a of inv.all("storageAccounts")) {
    if (!eqi(prop(a, "properties.encryption.keySource"), "Microsoft.Keyvault")) continue;
    add(a, "storageAccounts", "properties.encryption.keyvaultproperties.keyvaulturi", prop(a, "properties.encryption.keyvaultproperties.keyvaulturi"), prop(a, "properties.encryption.keyvaultproperties.keyname"));
  }
  for (const p of inv.all("sqlEncryptionProtectors")) {
    if (!eqi(prop(p, "properties.serverKeyType"), "AzureKeyVault")) continue;
    add(p, "sqlEncryptionProtectors", "properties.uri", prop(p, "properties.uri"), undefined, parentOf(p.id));
  }
  for (const p of inv.all("sqlManagedInstanceEncryptionProtectors")) {
    if (!eqi(prop(p, "properties.serverKeyType"), "AzureKeyVault")) continue;
    add(p, "sqlManagedInstanceEncryptionProtectors", "properties.uri", prop(p, "properties.uri"), undefined, parentOf(p.id));
  }
  for (const c of inv.all("cosmosDbAccounts")) add(c, "cosmosDbAccounts", "properties.keyVaultKeyUri", prop(c, "properties.keyVaultKeyUri"));
  for (const d of inv.all("diskEncryptionSets")) add(d, "diskEncryptionSets", "properties.activeKey.keyUrl", prop(d, "properties.activeKey.keyUrl"));
  for (const a of inv.all("cognitiveAccounts")) {
    if (!eqi(prop(a, "properties.encryption.keySource"), "Microsoft.KeyVault")) continue;
    add(a, "cognitiveAccounts", "properties.encryption.keyVaultProperties.keyVaultUri", prop(a, "properties.encryption.keyVaultProperties.keyVaultUri"), prop(a, "properties.encryption.keyVaultProperties.keyName"));
  }
  for (const col of ["postgresFlexibleServers", "mysqlFlexibleServers"] as const) {
    for (const s of inv.all(col)) {
      add(s, col, "properties.dataEncryption.primaryKeyURI", prop(s, "properties.dataEncryption.primaryKeyURI"));
      // The key of the geo-redundant backup copy, in a vault of the backup's region (both APIs name it
      // geoBackupKeyURI: PostgreSQL 2024-08-01, MySQL 2023-12-30).
      add(s, col, "properties.dataEncryption.geoBackupKeyURI", prop(s, "properties.dataEncryption.geoBackupKeyURI"), undefined, undefined, GEO_BACKUP_PART);
    }
  }
  for (const v of inv.all("recoveryServicesVaults")) add(v, "recoveryServicesVaults", "properties.encryption.keyVaultProperties.keyUri", prop(v, "properties.encryption.keyVaultProperties.keyUri"));
  return out;
}

/**
 * Evidence of kind `attested`: a value a person stated in the configuration (`attestations.<key>`),
 * with who, when and where it was read, instead of one an API returned.
 */
export function attestedEvidence(key: AttestationKey, field: string, a: AttestationFields, actual: unknown, expected: unknown): Evidence {
  return {
    path: `attestations.${key}.${field}`,
    actual,
    expected,
    kind: "attested",
    attestation: { key, attestedBy: a.attestedBy, attestedOn: a.attestedOn, source: a.source },
  };
}
