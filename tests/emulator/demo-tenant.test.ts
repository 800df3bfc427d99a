/**
 * Structural checks on the demo tenant: ids, parents, key references, SDK-readable payloads, and
 * that every catalog rule has something to pass and something to fail.
 */
import { describe, expect, it } from "vitest";
import { validateData } from "../../src/base/files.js";
import {
  ALLOWED_LOCATIONS_POLICY,
  ALLOWED_RG_LOCATIONS_POLICY,
  DEMO_DANGLING_KEY_HOSTS,
  DEMO_MANAGEMENT_GROUPS,
  DEMO_SUBSCRIPTION_IDS,
  DEMO_SUBSCRIPTIONS,
  DEMO_TENANT_ID,
  demoTenant,
} from "../../src/emulator/demo/index.js";
import type { ModelSubscription } from "../../src/emulator/model.js";
import type { ArmResource, GraphObject } from "../../src/snapshot/types.js";

const model = demoTenant();
const subs = model.subscriptions;
const all: Array<{ sub: ModelSubscription; r: ArmResource }> = subs.flatMap((sub) => sub.resources.map((r) => ({ sub, r })));
const resources = all.map((x) => x.r);
const lc = (s: unknown) => String(s ?? "").toLowerCase();
const ofType = (type: string) => resources.filter((r) => lc(r.type) === type.toLowerCase());
const byId = new Map(resources.map((r) => [lc(r.id), r]));

/** Property at a dotted path. */
function at(o: unknown, path: string): unknown {
  let cur: unknown = o;
  for (const k of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

const norm = (region: unknown) => lc(region).replace(/[\s_-]+/g, "");
const ALLOWED = new Set(["swedencentral", "swedensouth"]);
const POLICY_PREFIX = /^\/subscriptions\/[^/]+\/providers\/microsoft\.authorization\/policyassignments\/[^/]+$/i;
/** Policy objects in a subscription (assignments, exemptions; at it or at a resource group): configuration, not data. */
const POLICY_OBJECT = /^\/subscriptions\/[^/]+(?:\/resourceGroups\/[^/]+)?\/providers\/microsoft\.authorization\/(?:policyassignments|policyexemptions)\/[^/]+$/i;

/** Parent id of a child resource (`…/providers/NS/type/name/child/name` → without the last pair). */
function parentOf(id: string): string | undefined {
  // A child has at least one `/{type}/{name}` pair after `/providers/{namespace}/{type}/{name}`.
  if (!/\/providers\/[^/]+\/[^/]+\/[^/]+(?:\/[^/]+\/[^/]+)+$/i.test(id)) return undefined;
  // Under a provider's `locations/{location}` (SQL instance failover groups): a region, no resource.
  if (/\/providers\/[^/]+\/locations\/[^/]+\/[^/]+\/[^/]+$/i.test(id)) return undefined;
  return id.split("/").slice(0, -2).join("/");
}

/** Host name of a key reference URI. */
const hostOf = (uri: unknown) => new URL(String(uri)).hostname.toLowerCase();

interface KeyReference {
  from: ArmResource;
  uri: string;
  /** Key name: from the URI path, or from the separate key-name property (storage, AI accounts). */
  key?: string;
  version?: string;
}

/** Every customer-managed-key reference in the tenant, with the resource that makes it. */
function keyReferences(): KeyReference[] {
  const refs: Array<{ from: ArmResource; uri: unknown; key?: unknown; version?: unknown }> = [];
  for (const r of resources) {
    const t = lc(r.type);
    if (t === "microsoft.storage/storageaccounts") {
      const kvp = at(r, "properties.encryption.keyvaultproperties");
      refs.push({ from: r, uri: at(kvp, "keyvaulturi"), key: at(kvp, "keyname"), version: at(kvp, "keyversion") });
    }
    if (t.endsWith("/encryptionprotector") && at(r, "properties.serverKeyType") === "AzureKeyVault") refs.push({ from: r, uri: at(r, "properties.uri") });
    if (t === "microsoft.documentdb/databaseaccounts") refs.push({ from: r, uri: at(r, "properties.keyVaultKeyUri") });
    if (t === "microsoft.compute/diskencryptionsets") refs.push({ from: r, uri: at(r, "properties.activeKey.keyUrl") });
    if (t === "microsoft.cognitiveservices/accounts") {
      const kvp = at(r, "properties.encryption.keyVaultProperties");
      refs.push({ from: r, uri: at(kvp, "keyVaultUri"), key: at(kvp, "keyName"), version: at(kvp, "keyVersion") });
    }
    if (t.endsWith("/flexibleservers")) {
      refs.push({ from: r, uri: at(r, "properties.dataEncryption.primaryKeyURI") });
      refs.push({ from: r, uri: at(r, "properties.dataEncryption.geoBackupKeyURI") });
    }
    if (t === "microsoft.recoveryservices/vaults") refs.push({ from: r, uri: at(r, "properties.encryption.keyVaultProperties.keyUri") });
  }
  return refs
    .filter((x) => typeof x.uri === "string" && x.uri !== "")
    .map(({ from, uri, key, version }) => {
      const m = /\/keys\/([^/]+)(?:\/([^/]+))?\/?$/.exec(new URL(String(uri)).pathname);
      const v = (m?.[2] ?? version) || undefined;
      return { from, uri: String(uri), key: m?.[1] ?? (key ? String(key) : undefined), version: v ? String(v) : undefined };
    });
}

/** Vault or HSM (by host name) → its payload. */
const keyStores = new Map<string, ArmResource>();
for (const v of ofType("Microsoft.KeyVault/vaults")) keyStores.set(hostOf(at(v, "properties.vaultUri")), v);
for (const h of ofType("Microsoft.KeyVault/managedHSMs")) keyStores.set(hostOf(at(h, "properties.hsmUri")), h);

// --- classification, as the catalog defines it (enough to check the demo's intent) -------------
const CLASS_KEYS = ["confidentiality", "konfidentialitet"];
const LEVELS: Record<string, number> = { "0": 0, "1": 1, "2": 2, "3": 3, sakerhetsskydd: 4 };
function tagLevel(tags: Record<string, string> | null | undefined): number | undefined {
  let best: number | undefined;
  for (const [k, v] of Object.entries(tags ?? {})) {
    if (!CLASS_KEYS.includes(k.toLowerCase())) continue;
    const level = LEVELS[v.toLowerCase()];
    if (level !== undefined && (best === undefined || level > best)) best = level;
  }
  return best;
}
function levelOf(r: ArmResource): number | undefined {
  for (let id: string | undefined = r.id; id; id = parentOf(id)) {
    const level = tagLevel(byId.get(lc(id))?.tags);
    if (level !== undefined) return level;
  }
  const sub = subs.find((s) => lc(r.id).startsWith(`/subscriptions/${s.subscriptionId}/`));
  const rgName = /\/resourcegroups\/([^/]+)/i.exec(r.id)?.[1];
  const rg = sub?.resourceGroups.find((g) => lc(g.name) === lc(rgName));
  return tagLevel(rg?.tags) ?? tagLevel(sub?.tags);
}
const effectiveLevel = (r: ArmResource) => levelOf(r) ?? 2;

const DATA_STORE_TYPES = [
  "Microsoft.Storage/storageAccounts",
  "Microsoft.Sql/servers",
  "Microsoft.Sql/servers/databases",
  "Microsoft.Sql/managedInstances",
  "Microsoft.DocumentDB/databaseAccounts",
  "Microsoft.DBforPostgreSQL/flexibleServers",
  "Microsoft.DBforMySQL/flexibleServers",
  "Microsoft.Compute/disks",
  "Microsoft.KeyVault/vaults",
  "Microsoft.KeyVault/managedHSMs",
  "Microsoft.CognitiveServices/accounts",
  "Microsoft.RecoveryServices/vaults",
  "Microsoft.ContainerRegistry/registries",
].map((t) => t.toLowerCase());

describe("demo tenant: shape", () => {
  it("has the tenant id, three subscriptions and a small page size", () => {
    expect(model.tenantId).toBe(DEMO_TENANT_ID);
    expect(subs.map((s) => s.subscriptionId)).toEqual([...DEMO_SUBSCRIPTION_IDS]);
    expect(subs.map((s) => s.displayName)).toEqual([
      "Exempelkommun – Gemensam IT",
      "Exempelkommun – Vård och omsorg",
      "Exempelkommun – Utbildning",
    ]);
    expect(model.pageSize).toBe(5);
    for (const id of DEMO_SUBSCRIPTION_IDS) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it("holds about 80–120 resources (policy assignments and exemptions aside), more than one page in every subscription", () => {
    const count = resources.filter((r) => !POLICY_OBJECT.test(r.id)).length;
    expect(count).toBeGreaterThanOrEqual(80);
    // 102 since the Data Protection backup vaults (RES-07) and the MongoDB account (RES-06, ENC-06); 108 with the managed HSMs' keys, a standby HSM and a PostgreSQL server with its geo-backup vault and key;
    // 116 since RES-05's replication links, the second managed instance and its failover group; 119 with ENC-07's vault in East US, its key and the storage account it protects.
    expect(count).toBeLessThanOrEqual(120);
    for (const s of subs) expect(s.resources.length).toBeGreaterThan(model.pageSize ?? 0);
  });

  it("is deterministic and plain JSON (no undefined values, dates or functions)", () => {
    const again = demoTenant();
    expect(again).toStrictEqual(model);
    expect(JSON.parse(JSON.stringify(model))).toStrictEqual(model);
  });

  it("is a valid tenant model file (what `hemvist demo --tenant-model` accepts)", () => {
    const text = JSON.stringify(model);
    expect(() => validateData("demo-tenant.json", text, JSON.parse(text), "tenant-model.schema.json", "tenant model")).not.toThrow();
  });

  it("gives every resource group a unique, well-formed id within its subscription", () => {
    for (const s of subs) {
      const seen = new Set<string>();
      for (const rg of s.resourceGroups) {
        expect(rg.id).toBe(`/subscriptions/${s.subscriptionId}/resourceGroups/${rg.name}`);
        expect(rg.type).toBe("Microsoft.Resources/resourceGroups");
        expect(rg.location).toMatch(/^[a-z]+$/);
        expect(seen.has(lc(rg.id))).toBe(false);
        seen.add(lc(rg.id));
      }
    }
  });

  it("gives every resource a unique id under its own subscription and an existing resource group, matching its type and name", () => {
    const seen = new Set<string>();
    for (const { sub, r } of all) {
      expect(seen.has(lc(r.id)), r.id).toBe(false);
      seen.add(lc(r.id));
      if (POLICY_OBJECT.test(r.id)) {
        const rg = /\/resourceGroups\/([^/]+)\//i.exec(r.id)?.[1];
        expect(r.id.startsWith(`/subscriptions/${sub.subscriptionId}/`)).toBe(true);
        if (rg) expect(sub.resourceGroups.some((g) => lc(g.name) === lc(rg)), `${r.id}: resource group`).toBe(true);
        continue;
      }
      const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/([^/]+)\/((?:[^/]+\/[^/]+)(?:\/[^/]+\/[^/]+)*)$/.exec(r.id);
      expect(m, r.id).not.toBeNull();
      if (!m) continue;
      const [, subId, rgName, namespace, rest] = m;
      expect(subId).toBe(sub.subscriptionId);
      expect(sub.resourceGroups.some((g) => lc(g.name) === lc(rgName)), `${r.id}: resource group`).toBe(true);
      const segs = String(rest).split("/");
      const typeFromId = [namespace, ...segs.filter((_, i) => i % 2 === 0)].join("/");
      expect(lc(r.type), r.id).toBe(lc(typeFromId));
      expect(r.name, r.id).toBe(segs[segs.length - 1]);
    }
  });

  it("lists the parent of every child resource in the same subscription", () => {
    for (const { sub, r } of all) {
      const parent = parentOf(r.id);
      if (!parent) continue;
      expect(
        sub.resources.some((p) => lc(p.id) === lc(parent)),
        `${r.id} has no parent ${parent}`,
      ).toBe(true);
    }
  });

  it("gives every Key Vault a sku (the SDK requires it), the tenant id and a vault URI", () => {
    const vaults = ofType("Microsoft.KeyVault/vaults");
    expect(vaults.length).toBeGreaterThanOrEqual(3);
    for (const v of vaults) {
      expect(at(v, "properties.sku.family"), v.id).toBe("A");
      expect(["standard", "premium"]).toContain(at(v, "properties.sku.name"));
      expect(at(v, "properties.tenantId")).toBe(DEMO_TENANT_ID);
      expect(at(v, "properties.vaultUri")).toBe(`https://${v.name}.vault.azure.net/`);
    }
    for (const h of ofType("Microsoft.KeyVault/managedHSMs")) {
      expect(at(h, "properties.hsmUri")).toBe(`https://${h.name}.managedhsm.azure.net/`);
    }
  });

  it("only puts HSM keys in premium vaults and gives every key its URIs", () => {
    for (const k of ofType("Microsoft.KeyVault/vaults/keys")) {
      const vault = byId.get(lc(parentOf(k.id)));
      if (String(at(k, "properties.kty")).endsWith("-HSM")) expect(at(vault, "properties.sku.name"), k.id).toBe("premium");
      expect(at(k, "properties.keyUri")).toBe(`https://${vault?.name}.vault.azure.net:443/keys/${k.name}`);
      expect(String(at(k, "properties.keyUriWithVersion"))).toMatch(new RegExp(`/keys/${k.name}/[0-9a-f]{32}$`));
      expect(typeof at(k, "properties.attributes.created")).toBe("number");
    }
  });

  it("gives every managed HSM key its URIs on the HSM's host, and no location (as ManagedHsmKeys_Get)", () => {
    const keys = ofType("Microsoft.KeyVault/managedHSMs/keys");
    expect(keys.length).toBeGreaterThanOrEqual(2);
    for (const k of keys) {
      const hsm = byId.get(lc(parentOf(k.id)));
      expect(lc(hsm?.type), k.id).toBe("microsoft.keyvault/managedhsms");
      expect(at(k, "properties.keyUri")).toBe(`https://${hsm?.name}.managedhsm.azure.net:443/keys/${k.name}`);
      expect(String(at(k, "properties.keyUriWithVersion"))).toMatch(new RegExp(`/keys/${k.name}/[0-9a-f]{32}$`));
      expect(k.location).toBeUndefined();
    }
  });

  it("gives a PostgreSQL server a geo-backup key in a vault of another region than the server's (allowed: ENC-07 geo-backup passes)", () => {
    const geo = ofType("Microsoft.DBforPostgreSQL/flexibleServers").filter((s) => typeof at(s, "properties.dataEncryption.geoBackupKeyURI") === "string");
    expect(geo.length).toBeGreaterThanOrEqual(1);
    for (const s of geo) {
      expect(at(s, "properties.backup.geoRedundantBackup"), s.id).toBe("Enabled");
      const vault = keyStores.get(hostOf(at(s, "properties.dataEncryption.geoBackupKeyURI")));
      expect(norm(vault?.location), s.id).not.toBe(norm(s.location));
      expect(ALLOWED.has(norm(vault?.location)), s.id).toBe(true);
    }
  });

  it("resolves every customer-key reference to a vault or HSM in the tenant, except the listed dangling hosts", () => {
    const refs = keyReferences();
    expect(refs.length).toBeGreaterThanOrEqual(10);
    const unresolved = new Set(refs.map((x) => hostOf(x.uri)).filter((h) => !keyStores.has(h)));
    expect([...unresolved].sort()).toEqual([...DEMO_DANGLING_KEY_HOSTS].sort());
    // A reference into a Key Vault or managed HSM names an existing key, at its current version when it gives one.
    for (const { from, uri, key, version } of refs) {
      const store = keyStores.get(hostOf(uri));
      if (!store) continue;
      expect(key, `${from.id}: key name`).toBeDefined();
      const keyRes = byId.get(lc(`${store.id}/keys/${key}`));
      expect(keyRes, `${from.id} → ${uri}`).toBeDefined();
      if (version) expect(String(at(keyRes, "properties.keyUriWithVersion")).endsWith(`/${version}`), uri).toBe(true);
    }
  });

  it("lists `master` under every SQL server, as the real API does", () => {
    for (const s of ofType("Microsoft.Sql/servers")) {
      expect(byId.has(lc(`${s.id}/databases/master`)), s.id).toBe(true);
      expect(byId.has(lc(`${s.id}/encryptionProtector/current`)), s.id).toBe(true);
    }
    for (const db of ofType("Microsoft.Sql/servers/databases").filter((d) => d.name !== "master")) {
      expect(byId.has(lc(`${db.id}/transparentDataEncryption/current`)), db.id).toBe(true);
    }
  });

  it("resolves management-group assignments and initiatives", () => {
    const mgAssignments = model.managementGroupPolicyAssignments ?? [];
    expect(mgAssignments.length).toBe(2);
    const setIds = new Set((model.policySetDefinitions ?? []).map((d) => lc(d.id)));
    for (const a of mgAssignments) {
      expect(a.id.startsWith(`/providers/Microsoft.Management/managementGroups/${DEMO_MANAGEMENT_GROUPS.kommun}/`)).toBe(true);
      const def = String(at(a, "properties.policyDefinitionId"));
      expect(def === ALLOWED_LOCATIONS_POLICY || setIds.has(lc(def)), def).toBe(true);
      expect(String(a.name).length).toBeLessThanOrEqual(24); // ARM's limit for management-group assignment names
    }
    const initiative = model.policySetDefinitions?.[0];
    expect(at(initiative, "properties.policyDefinitions.0.policyDefinitionId")).toBe(ALLOWED_RG_LOCATIONS_POLICY);
  });

  it("marks Cosmos DB as not registered in Utbildning, where no Cosmos account exists", () => {
    const utb = subs.find((s) => s.subscriptionId === DEMO_SUBSCRIPTIONS.utbildning);
    expect(utb?.providers?.["Microsoft.DocumentDB"]).toBe("NotRegistered");
    expect(utb?.resources.some((r) => lc(r.type).startsWith("microsoft.documentdb/"))).toBe(false);
  });

  it("has Graph users in SWE, EUR, NAM and the tenant default (null), with unique ids", () => {
    const users = model.graph?.users ?? [];
    const geos = new Set(users.map((u) => u.preferredDataLocation ?? null));
    for (const g of ["SWE", "EUR", "NAM", null]) expect(geos.has(g)).toBe(true);
    expect(new Set(users.map((u) => u.id)).size).toBe(users.length);
    expect(users.length).toBeGreaterThan(model.pageSize ?? 0);
    for (const u of users) expect(String(u.userPrincipalName)).toMatch(/@exempelkommun\.se$/);
    const org = model.graph?.organization?.[0];
    expect(org?.id).toBe(DEMO_TENANT_ID);
    expect(org?.countryLetterCode).toBe("SE");
  });

  it("uses the real subscribedSkus shape with Customer Key in an enabled E5", () => {
    const skus = model.graph?.subscribedSkus ?? [];
    for (const sku of skus) {
      expect(sku.id).toBe(`${DEMO_TENANT_ID}_${sku.skuId}`);
      for (const p of sku.servicePlans as GraphObject[]) {
        expect(Object.keys(p).sort()).toEqual(["appliesTo", "provisioningStatus", "servicePlanId", "servicePlanName"]);
      }
    }
    const e5 = skus.find((s) => s.skuPartNumber === "SPE_E5");
    expect(e5?.capabilityStatus).toBe("Enabled");
    expect(e5?.servicePlans).toContainEqual(
      expect.objectContaining({ servicePlanId: "6db1f1db-2b46-403f-be40-e39395f08dbb", provisioningStatus: "Success" }),
    );
  });
});

describe("demo tenant: the Azure SDKs read every payload", () => {
  // Modular SDKs either keep `properties` or flatten it into the model: read both.
  const pick = (d: any, key: string): any => (d?.properties ? d.properties[key] : d?.[key]);

  // The modular SDKs' own deserializers (what the collectors' clients run on each response body),
  // imported by file because the packages do not export them.
  it("keyvault, storage, cosmos, compute, registry, backup, policy and resources models deserialize without loss", async () => {
    const kv = await import("../../node_modules/@azure/arm-keyvault/dist/esm/models/models.js");
    const storage = await import("../../node_modules/@azure/arm-storage/dist/esm/models/models.js");
    const cosmos = await import("../../node_modules/@azure/arm-cosmosdb/dist/esm/models/models.js");
    const disk = await import("../../node_modules/@azure/arm-compute/dist/esm/models/computeDisk/models.js");
    const compute = await import("../../node_modules/@azure/arm-compute/dist/esm/models/compute/models.js");
    const acr = await import("../../node_modules/@azure/arm-containerregistry/dist/esm/models/models.js");
    const rsv = await import("../../node_modules/@azure/arm-recoveryservices/dist/esm/models/models.js");
    const policy = await import("../../node_modules/@azure/arm-policy/dist/esm/models/models.js");
    const res = await import("../../node_modules/@azure/arm-resources/dist/esm/models/models.js");

    for (const v of ofType("Microsoft.KeyVault/vaults")) expect(pick(kv.vaultDeserializer(v), "sku").name).toBe(at(v, "properties.sku.name"));
    for (const k of ofType("Microsoft.KeyVault/vaults/keys")) expect(pick(kv.keyDeserializer(k), "kty")).toBe(at(k, "properties.kty"));
    for (const h of ofType("Microsoft.KeyVault/managedHSMs")) expect(pick(kv.managedHsmDeserializer(h), "hsmUri")).toBe(at(h, "properties.hsmUri"));
    for (const s of ofType("Microsoft.Storage/storageAccounts")) {
      const d = storage.storageAccountDeserializer(s);
      expect(d.encryption?.keySource, s.id).toBe(at(s, "properties.encryption.keySource"));
      expect(d.encryption?.keyVaultProperties?.keyVaultUri).toBe(at(s, "properties.encryption.keyvaultproperties.keyvaulturi"));
      expect(d.secondaryLocation).toBe(at(s, "properties.secondaryLocation"));
    }
    for (const c of ofType("Microsoft.DocumentDB/databaseAccounts")) {
      expect(pick(cosmos.databaseAccountGetResultsDeserializer(c), "keyVaultKeyUri")).toBe(at(c, "properties.keyVaultKeyUri"));
    }
    for (const x of ofType("Microsoft.Compute/disks")) expect(pick(disk.diskDeserializer(x), "encryption").type).toBe(at(x, "properties.encryption.type"));
    for (const x of ofType("Microsoft.Compute/snapshots")) expect(pick(disk.snapshotDeserializer(x), "encryption").type).toBe(at(x, "properties.encryption.type"));
    for (const x of ofType("Microsoft.Compute/diskEncryptionSets")) expect(pick(disk.diskEncryptionSetDeserializer(x), "activeKey").keyUrl).toBe(at(x, "properties.activeKey.keyUrl"));
    for (const x of ofType("Microsoft.Compute/virtualMachines")) expect(pick(compute.virtualMachineDeserializer(x), "storageProfile").osDisk.name).toBeTruthy();
    for (const x of ofType("Microsoft.ContainerRegistry/registries")) expect(pick(acr.registryDeserializer(x), "loginServer")).toBe(`${x.name}.azurecr.io`);
    for (const x of ofType("Microsoft.ContainerRegistry/registries/replications")) expect(acr.replicationDeserializer(x).location).toBe(x.location);
    for (const x of ofType("Microsoft.RecoveryServices/vaults")) {
      expect(pick(rsv.vaultDeserializer(x), "encryption")?.keyVaultProperties?.keyUri).toBe(at(x, "properties.encryption.keyVaultProperties.keyUri"));
    }
    const assignments = [...resources.filter((r) => POLICY_PREFIX.test(r.id)), ...(model.managementGroupPolicyAssignments ?? [])];
    for (const a of assignments) {
      expect(pick(policy.policyAssignmentDeserializer(a), "enforcementMode")).toBe(at(a, "properties.enforcementMode"));
    }
    for (const d of model.policySetDefinitions ?? []) expect(policy.policySetDefinitionDeserializer(d).name).toBe(d.name);
    for (const s of subs) for (const rg of s.resourceGroups) expect(res.resourceGroupDeserializer(rg).location).toBe(rg.location);
    for (const r of resources.filter((x) => !parentOf(x.id) && !POLICY_PREFIX.test(x.id))) {
      expect(res.genericResourceExpandedDeserializer(r).id).toBe(r.id);
    }
  });
});

/** Per rule: something in the demo that should pass, and something that should fail (profile `se`). */
describe("demo tenant: every rule has a pass and a fail", () => {
  const storage = ofType("Microsoft.Storage/storageAccounts");
  const sqlDbs = ofType("Microsoft.Sql/servers/databases").filter((d) => d.name !== "master");
  const serverOf = (r: ArmResource) => byId.get(lc(parentOf(r.id)));
  const geo = (s: ArmResource) => /_(RA)?G(Z)?RS$/.test(String(s.sku?.name));
  const crossTenantAllowed = (s: ArmResource) =>
    at(s, "properties.allowCrossTenantReplication") ?? String(at(s, "properties.creationTime")) < "2023-12-15";
  const keys = ofType("Microsoft.KeyVault/vaults/keys");
  const hsmKeys = ofType("Microsoft.KeyVault/managedHSMs/keys");
  const rotates = (k: ArmResource) => ((at(k, "properties.rotationPolicy.lifetimeActions") as unknown[]) ?? []).some((a) => lc(at(a, "action.type")) === "rotate");
  const keyUsers = (k: ArmResource) => keyReferences().filter(({ uri, key }) => keyStores.get(hostOf(uri))?.id === parentOf(k.id) && key === k.name);
  // A disk encryption set passes its key on to the disks that use it.
  const usersData = (k: ArmResource) =>
    keyUsers(k).flatMap(({ from }) =>
      lc(from.type) === "microsoft.compute/diskencryptionsets"
        ? ofType("Microsoft.Compute/disks").filter((d) => at(d, "properties.encryption.diskEncryptionSetId") === from.id)
        : lc(from.type).endsWith("/encryptionprotector")
          ? [serverOf(from) as ArmResource]
          : [from],
    );
  const vaults = ofType("Microsoft.KeyVault/vaults");
  const users = model.graph?.users ?? [];
  const sites = model.graph?.sites ?? [];
  const tlsOk = (v: unknown) => ["tls1_2", "1.2", "tls12"].includes(lc(v));
  const periodicGeo = (c: ArmResource) => at(c, "properties.backupPolicy.type") === "Periodic" && at(c, "properties.backupPolicy.periodicModeProperties.backupStorageRedundancy") === "Geo";

  const cases: Record<string, [pass: boolean, fail: boolean]> = {
    "RES-01": [
      resources.some((r) => ALLOWED.has(norm(r.location))),
      resources.some((r) => r.location && norm(r.location) !== "global" && !ALLOWED.has(norm(r.location))),
    ],
    "RES-02": [
      subs.some((s) => s.resourceGroups.some((g) => ALLOWED.has(norm(g.location)))),
      subs.some((s) => s.resourceGroups.some((g) => !ALLOWED.has(norm(g.location)))),
    ],
    "RES-03": [
      resources.some((r) => norm(r.location) === "global" && ["microsoft.network/dnszones", "microsoft.network/privatednszones"].includes(lc(r.type))),
      resources.some((r) => norm(r.location) === "global" && lc(r.type) === "microsoft.cdn/profiles"),
    ],
    "RES-04": [
      storage.some((s) => geo(s) && ALLOWED.has(norm(at(s, "properties.secondaryLocation")))) && storage.some((s) => !crossTenantAllowed(s)),
      storage.some((s) => geo(s) && !ALLOWED.has(norm(at(s, "properties.secondaryLocation")))) && storage.some((s) => crossTenantAllowed(s)),
    ],
    "RES-05": [
      sqlDbs.some((d) => at(d, "properties.currentBackupStorageRedundancy") === "Geo" && norm(serverOf(d)?.location) === "swedencentral") &&
        ofType("Microsoft.Sql/servers/databases/replicationLinks").some((l) => norm(at(l, "properties.partnerLocation")) === "swedensouth"),
      sqlDbs.some((d) => at(d, "properties.currentBackupStorageRedundancy") === "Geo" && norm(serverOf(d)?.location) === "westeurope") &&
        ofType("Microsoft.Sql/servers/databases/replicationLinks").some((l) => norm(at(l, "properties.partnerLocation")) === "westeurope") &&
        ofType("Microsoft.Sql/servers/failoverGroups").some((f) => norm(at(f, "properties.partnerServers.0.location")) === "westeurope") &&
        ofType("Microsoft.DBforMySQL/flexibleServers").some((m) => at(m, "properties.backup.geoRedundantBackup") === "Enabled" && norm(m.location) === "northeurope"),
    ],
    "RES-06": [
      ofType("Microsoft.DocumentDB/databaseAccounts").some((c) => (at(c, "properties.locations") as unknown[]).every((l) => ALLOWED.has(norm(at(l, "locationName"))))) &&
        // Part backup: periodic Geo backups of an account written in Sweden Central land in Sweden South.
        ofType("Microsoft.DocumentDB/databaseAccounts").some((c) => periodicGeo(c) && norm(at(c, "properties.writeLocations.0.locationName")) === "swedencentral"),
      ofType("Microsoft.DocumentDB/databaseAccounts").some((c) => (at(c, "properties.locations") as unknown[]).some((l) => !ALLOWED.has(norm(at(l, "locationName"))))) &&
        // Part backup: written in West Europe, the periodic Geo backups land in North Europe.
        ofType("Microsoft.DocumentDB/databaseAccounts").some((c) => periodicGeo(c) && norm(at(c, "properties.writeLocations.0.locationName")) === "westeurope"),
    ],
    "RES-07": [
      ofType("Microsoft.RecoveryServices/vaults/backupstorageconfig").some((b) => at(b, "properties.storageType") === "GeoRedundant" && norm(serverOf(b)?.location) === "swedencentral") &&
        ofType("Microsoft.DataProtection/BackupVaults").some((v) => at(v, "properties.storageSettings.0.type") === "LocallyRedundant" && at(v, "properties.featureSettings.crossRegionRestoreSettings.state") === "Disabled"),
      ofType("Microsoft.RecoveryServices/vaults/backupstorageconfig").some((b) => at(b, "properties.storageType") === "GeoRedundant" && norm(serverOf(b)?.location) === "westeurope") &&
        ofType("Microsoft.ContainerRegistry/registries/replications").some((r) => norm(r.location) === "westeurope") &&
        ofType("Microsoft.DataProtection/BackupVaults").some((v) => at(v, "properties.storageSettings.0.type") === "GeoRedundant" && norm(v.location) === "westeurope"),
    ],
    "RES-08": [
      ofType("Microsoft.CognitiveServices/accounts/deployments").some((d) => d.sku?.name === "Standard"),
      ["GlobalStandard", "DataZoneStandard"].every((sku) => ofType("Microsoft.CognitiveServices/accounts/deployments").some((d) => d.sku?.name === sku)),
    ],
    "RES-09": [
      subs.some((s) => s.managementGroupAncestors?.includes(DEMO_MANAGEMENT_GROUPS.kommun) && s.subscriptionId === DEMO_SUBSCRIPTIONS.gemensamIt) &&
        !(model.managementGroupPolicyAssignments ?? []).some((a) => (at(a, "properties.notScopes") as string[]).some((n) => n.endsWith(DEMO_SUBSCRIPTIONS.gemensamIt))) &&
        // Gemensam IT's only exemption has expired.
        ofType("Microsoft.Authorization/policyExemptions").filter((e) => lc(e.id).startsWith(lc(`/subscriptions/${DEMO_SUBSCRIPTIONS.gemensamIt}/`))).every((e) => Date.parse(String(at(e, "properties.expiresOn"))) < Date.now()),
      // Vård och omsorg exempted at the subscription, without expiry, from the management group's assignment.
      ofType("Microsoft.Authorization/policyExemptions").some(
        (e) =>
          lc(e.id).startsWith(lc(`/subscriptions/${DEMO_SUBSCRIPTIONS.vardOchOmsorg}/providers/`)) &&
          at(e, "properties.expiresOn") === undefined &&
          (model.managementGroupPolicyAssignments ?? []).some((a) => lc(a.id) === lc(at(e, "properties.policyAssignmentId"))),
      ) && resources.some((r) => POLICY_PREFIX.test(r.id) && (at(r, "properties.parameters.listOfAllowedLocations.value") as string[]).includes("westeurope")),
    ],
    "RES-10": [
      users.some((u) => u.preferredDataLocation === "SWE") && sites.some((s) => at(s, "siteCollection.dataLocationCode") === "SWE"),
      users.some((u) => u.preferredDataLocation === "EUR") && users.some((u) => u.preferredDataLocation === "NAM") && sites.some((s) => at(s, "siteCollection.dataLocationCode") !== "SWE"),
    ],
    "ENC-01": [
      storage.some((s) => lc(at(s, "properties.encryption.keySource")) === "microsoft.keyvault"),
      storage.some((s) => lc(at(s, "properties.encryption.keySource")) !== "microsoft.keyvault"),
    ],
    "ENC-02": [
      ofType("Microsoft.Sql/servers/encryptionProtector").some((p) => at(p, "properties.serverKeyType") === "AzureKeyVault") &&
        sqlDbs.some((d) => at(byId.get(lc(`${d.id}/transparentDataEncryption/current`)), "properties.state") === "Enabled"),
      ofType("Microsoft.Sql/servers/encryptionProtector").some((p) => at(p, "properties.serverKeyType") === "ServiceManaged") &&
        sqlDbs.some((d) => at(byId.get(lc(`${d.id}/transparentDataEncryption/current`)), "properties.state") === "Disabled"),
    ],
    "ENC-03": [
      ofType("Microsoft.DocumentDB/databaseAccounts").some((c) => at(c, "properties.keyVaultKeyUri")),
      ofType("Microsoft.DocumentDB/databaseAccounts").some((c) => !at(c, "properties.keyVaultKeyUri")),
    ],
    "ENC-04": [
      [...ofType("Microsoft.Compute/disks"), ...ofType("Microsoft.Compute/snapshots")].some((d) => at(d, "properties.encryption.type") === "EncryptionAtRestWithCustomerKey"),
      [...ofType("Microsoft.Compute/disks"), ...ofType("Microsoft.Compute/snapshots")].some((d) => at(d, "properties.encryption.type") === "EncryptionAtRestWithPlatformKey"),
    ],
    "ENC-05": [
      storage.some((s) => effectiveLevel(s) === 3 && at(s, "properties.encryption.requireInfrastructureEncryption") === true),
      storage.filter((s) => effectiveLevel(s) === 3 && at(s, "properties.encryption.requireInfrastructureEncryption") !== true).length >= 2,
    ],
    "ENC-06": [
      storage.some((s) => tlsOk(at(s, "properties.minimumTlsVersion"))) && ofType("Microsoft.Sql/servers").some((s) => tlsOk(at(s, "properties.minimalTlsVersion"))),
      storage.some((s) => at(s, "properties.minimumTlsVersion") === undefined) &&
        storage.some((s) => at(s, "properties.supportsHttpsTrafficOnly") === false) &&
        ofType("Microsoft.Sql/servers").some((s) => !tlsOk(at(s, "properties.minimalTlsVersion"))) &&
        ofType("Microsoft.DocumentDB/databaseAccounts").some((s) => !tlsOk(at(s, "properties.minimalTlsVersion"))),
    ],
    "ENC-07": [
      keyReferences().some(({ uri }) => ALLOWED.has(norm(keyStores.get(hostOf(uri))?.location))),
      keyReferences().some(({ uri }) => norm(keyStores.get(hostOf(uri))?.location) === "westeurope") &&
        keyReferences().some(({ uri }) => !keyStores.has(hostOf(uri))),
    ],
    "ENC-08": [
      ofType("Microsoft.CognitiveServices/accounts").some((a) => lc(at(a, "properties.encryption.keySource")) === "microsoft.keyvault"),
      ofType("Microsoft.CognitiveServices/accounts").some((a) => lc(at(a, "properties.encryption.keySource")) !== "microsoft.keyvault"),
    ],
    "KEY-01": [
      vaults.some((v) => at(v, "properties.enableSoftDelete") !== false && at(v, "properties.enablePurgeProtection") === true),
      vaults.some((v) => at(v, "properties.enablePurgeProtection") !== true) && vaults.some((v) => at(v, "properties.enableSoftDelete") === false),
    ],
    "KEY-02": [
      keys.some((k) => String(at(k, "properties.kty")).endsWith("-HSM") && usersData(k).some((d) => effectiveLevel(d) >= 2)),
      keys.some((k) => !String(at(k, "properties.kty")).endsWith("-HSM") && usersData(k).some((d) => effectiveLevel(d) >= 2)),
    ],
    "KEY-03 (managed HSM keys)": [hsmKeys.some((k) => at(k, "properties.attributes.exp") || rotates(k)), hsmKeys.some((k) => !at(k, "properties.attributes.exp") && !rotates(k))],
    "KEY-03": [
      keys.some((k) => at(k, "properties.attributes.exp")) &&
        keys.some((k) => ((at(k, "properties.rotationPolicy.lifetimeActions") as unknown[]) ?? []).some((a) => lc(at(a, "action.type")) === "rotate")),
      keys.some((k) => !at(k, "properties.attributes.exp") && !((at(k, "properties.rotationPolicy.lifetimeActions") as unknown[]) ?? []).some((a) => lc(at(a, "action.type")) === "rotate")),
    ],
    "KEY-04": [
      vaults.some((v) => at(v, "properties.publicNetworkAccess") === "Disabled" || at(v, "properties.networkAcls.defaultAction") === "Deny"),
      vaults.some((v) => (at(v, "properties.publicNetworkAccess") ?? "Enabled") === "Enabled" && (at(v, "properties.networkAcls.defaultAction") ?? "Allow") === "Allow"),
    ],
    "KEY-05": [vaults.some((v) => at(v, "properties.enableRbacAuthorization") === true), vaults.some((v) => at(v, "properties.enableRbacAuthorization") !== true)],
    "CLS-01": [
      subs.some((s) => s.resourceGroups.some((g) => tagLevel(g.tags) !== undefined && tagLevel(g.tags) !== 4)),
      subs.some((s) => s.resourceGroups.some((g) => tagLevel(g.tags) === 4)),
    ],
    "CLS-02": [
      resources.some((r) => DATA_STORE_TYPES.includes(lc(r.type)) && levelOf(r) !== undefined),
      resources.some((r) => DATA_STORE_TYPES.includes(lc(r.type)) && levelOf(r) === undefined),
    ],
  };

  it.each(Object.entries(cases))("%s", (_rule, [pass, fail]) => {
    expect(pass).toBe(true);
    expect(fail).toBe(true);
  });

  it("ACC-01 fails (Lockbox off) and ACC-02 passes (Customer Key licensed)", () => {
    expect(model.customerLockbox?.isOptedIn).toBe(false);
    const licensed = (model.graph?.subscribedSkus ?? []).some(
      (s) =>
        s.capabilityStatus === "Enabled" &&
        (s.servicePlans as GraphObject[]).some((p) => p.servicePlanId === "6db1f1db-2b46-403f-be40-e39395f08dbb" && p.provisioningStatus === "Success"),
    );
    expect(licensed).toBe(true);
  });

  it("classifies with aliases case-insensitively, highest alias wins, invalid values count as none", () => {
    const oai = resources.find((r) => r.name === "oai-exk-gem-assistent01");
    expect(oai && levelOf(oai)).toBe(2);
    const webb = resources.find((r) => r.name === "stexkskolawebb01");
    expect(webb && levelOf(webb)).toBeUndefined();
    const journalDb = resources.find((r) => r.name === "sqldb-journal");
    expect(journalDb && levelOf(journalDb)).toBe(3);
  });
});
