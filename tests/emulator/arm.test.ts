/** ARM routes of the emulator: paging, casing, lists, children, policy, errors. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataProtectionBackupVault, managedHsm, managedHsmKey } from "../../src/builders/arm.js";
import { type Emulator, startEmulator } from "../../src/emulator/server.js";
import { API, call, SUB1, SUB2, TENANT_ID, testModel } from "./fixture.js";

let em: Emulator;
const RG1 = `/subscriptions/${SUB1}/resourceGroups/rg-data`;
const SQL = `${RG1}/providers/Microsoft.Sql/servers/sql-kommun`;

beforeAll(async () => {
  em = await startEmulator({ model: testModel() });
});
afterAll(async () => {
  await em.close();
});

/** Follows nextLink from a first path and returns every page's body. */
async function allPages(first: string) {
  const pages = [];
  let next: string | undefined = first;
  while (next) {
    const res = await call(em, next);
    expect(res.status).toBe(200);
    pages.push(res.json);
    next = res.json.nextLink;
  }
  return pages;
}

describe("subscriptions and tenants", () => {
  it("lists subscriptions in the real shape", async () => {
    const res = await call(em, `/subscriptions?${API}`);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(res.headers["x-ms-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers["x-ms-correlation-request-id"]).toBeTruthy();
    expect(res.json.value[0]).toEqual({
      id: `/subscriptions/${SUB1}`,
      authorizationSource: "RoleBased",
      managedByTenants: [],
      subscriptionId: SUB1,
      tenantId: TENANT_ID,
      displayName: "Kommun Produktion",
      state: "Enabled",
      subscriptionPolicies: {
        locationPlacementId: "Public_2014-09-01",
        quotaId: "EnterpriseAgreement_2014-09-01",
        spendingLimit: "Off",
      },
      tags: { costCenter: "4711" },
    });
    expect(res.json.value).toHaveLength(2);
    expect(res.json.nextLink).toBeUndefined();
  });

  it("gets one subscription and answers SubscriptionNotFound for an unknown one", async () => {
    const one = await call(em, `/subscriptions/${SUB2}?${API}`);
    expect(one.json.displayName).toBe("Kommun Test");
    const missing = await call(em, `/subscriptions/11111111-2222-3333-4444-555555555555/resourcegroups?${API}`);
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({
      error: {
        code: "SubscriptionNotFound",
        message: "The subscription '11111111-2222-3333-4444-555555555555' could not be found.",
      },
    });
  });

  it("lists the tenant with its default domain", async () => {
    const res = await call(em, `/tenants?${API}`);
    expect(res.json.value).toEqual([
      expect.objectContaining({
        id: `/tenants/${TENANT_ID}`,
        tenantId: TENANT_ID,
        tenantCategory: "Home",
        displayName: "Exempelkommun",
        defaultDomain: "exempelkommun.se",
        tenantType: "AAD",
      }),
    ]);
  });

  it("requires api-version on ARM paths", async () => {
    const res = await call(em, `/subscriptions/${SUB1}/resourcegroups`);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("MissingApiVersionParameter");
  });
});

describe("paging", () => {
  it("pages resource groups with an absolute https nextLink and an opaque skiptoken", async () => {
    const first = await call(em, `/subscriptions/${SUB1}/resourcegroups?${API}`);
    expect(first.json.value.map((g: { name: string }) => g.name)).toEqual(["rg-data", "rg-web"]);
    const next = new URL(first.json.nextLink);
    expect(next.origin).toBe(em.url);
    expect(next.pathname).toBe(`/subscriptions/${SUB1}/resourcegroups`);
    expect(next.searchParams.get("api-version")).toBe("2024-01-01");
    expect(next.searchParams.get("$skiptoken")).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(first.json.nextLink).toContain("%24skiptoken=");

    const pages = await allPages(`/subscriptions/${SUB1}/resourcegroups?${API}`);
    expect(pages).toHaveLength(3);
    expect(pages.flatMap((p) => p.value.map((g: { name: string }) => g.name))).toEqual([
      "rg-data",
      "rg-web",
      "rg-ai",
      "rg-backup",
      "rg-network",
    ]);
    expect(pages[2].nextLink).toBeUndefined();
  });

  it("keeps $filter in the nextLink of a filtered list", async () => {
    const filter = encodeURIComponent("resourceType eq 'Microsoft.Sql/servers/databases'");
    const pages = await allPages(`/subscriptions/${SUB1}/resources?${API}&$filter=${filter}&$top=1`);
    expect(pages.flatMap((p) => p.value.map((r: { name: string }) => r.name))).toEqual(["master", "elevregister"]);
  });

  it("rejects a skiptoken it did not make", async () => {
    const res = await call(em, `/subscriptions/${SUB1}/resourcegroups?${API}&%24skiptoken=garbage`);
    expect(res.status).toBe(400);
  });
});

describe("case-insensitive paths", () => {
  it("serves /Subscriptions/.../resourceGroups/... and returns ids as in the model", async () => {
    const res = await call(em, `/Subscriptions/${SUB1.toUpperCase()}/ResourceGroups/RG-DATA?${API}`);
    expect(res.status).toBe(200);
    expect(res.json.id).toBe(RG1);
  });

  it("serves the backup storage config the SDK asks for with a capital S", async () => {
    const path = `/Subscriptions/${SUB1}/resourceGroups/rg-data/providers/Microsoft.RecoveryServices/vaults/rsv-kommun/backupstorageconfig/vaultstorageconfig`;
    const res = await call(em, `${path}?api-version=2023-04-01`);
    expect(res.status).toBe(200);
    expect(res.json.properties.storageModelType).toBe("GeoRedundant");
  });
});

describe("resources and children", () => {
  it("gets a resource by id with its properties", async () => {
    const res = await call(em, `${RG1}/providers/microsoft.storage/storageaccounts/STKOMMUNDATA?${API}`);
    expect(res.status).toBe(200);
    expect(res.json.properties.secondaryLocation).toBe("swedensouth");
  });

  it("lists children of one parent and type", async () => {
    const keys = await call(em, `${RG1}/providers/Microsoft.KeyVault/vaults/kv-kommun/keys?${API}`);
    expect(keys.json.value.map((k: { name: string }) => k.name)).toEqual(["cmk-storage"]);
    const dbs = await allPages(`${SQL}/databases?${API}`);
    expect(dbs.flatMap((p) => p.value.map((d: { name: string }) => d.name))).toEqual(["master", "elevregister"]);
    // A child collection that exists but holds nothing is an empty list, not a 404.
    const groups = await call(em, `${SQL}/failoverGroups?${API}`);
    expect(groups.status).toBe(200);
    expect(groups.json).toEqual({ value: [] });
  });

  it("lists vault keys as sparsely as ARM's Keys_List (attributes and keyUri only); a GET gives kty", async () => {
    const list = await call(em, `${RG1}/providers/Microsoft.KeyVault/vaults/kv-kommun/keys?${API}`);
    const item = list.json.value[0];
    expect(Object.keys(item.properties).sort()).toEqual(["attributes", "keyUri"]);
    expect(item.properties.kty).toBeUndefined();
    const one = await call(em, `${RG1}/providers/Microsoft.KeyVault/vaults/kv-kommun/keys/cmk-storage?${API}`);
    expect(one.json.properties.kty).toBeTruthy();
  });

  it("serves a managed HSM's keys: paged like ARM, listed as sparsely as ManagedHsmKeys_List, a GET per key with kty and rotation policy", async () => {
    const model = testModel();
    const hsm = managedHsm({ rg: { sub: SUB1, name: "rg-data", location: "swedencentral" }, name: "hsm-kommun", location: "swedencentral", tenantId: TENANT_ID, adminObjectIds: [TENANT_ID], created: "2025-01-01T00:00:00Z" });
    const keys = ["cmk-a", "cmk-b", "cmk-c"].map((name, i) =>
      managedHsmKey({ hsm, name, kty: "RSA", keySize: 3072, created: "2025-01-01T00:00:00Z", ...(i === 0 ? { rotation: { rotateAfter: "P1Y", expiryTime: "P2Y" } } : {}) }),
    );
    model.subscriptions[0]!.resources.push(hsm, ...keys);
    const withHsm = await startEmulator({ model });
    try {
      const pages: { value: { name: string; properties: Record<string, unknown> }[]; nextLink?: string }[] = [];
      for (let next: string | undefined = `${hsm.id}/keys?api-version=2026-02-01`; next; ) {
        const res = await call(withHsm, next);
        expect(res.status).toBe(200);
        pages.push(res.json);
        next = res.json.nextLink;
      }
      // The fixture's page size is 2: two pages, the first with an absolute https nextLink.
      expect(pages.map((p) => p.value.map((k) => k.name))).toEqual([["cmk-a", "cmk-b"], ["cmk-c"]]);
      expect(pages[0]?.nextLink).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/subscriptions\/.+\/managedHSMs\/hsm-kommun\/keys\?api-version=2026-02-01&%24skiptoken=/);
      for (const k of pages.flatMap((p) => p.value)) expect(Object.keys(k.properties).sort()).toEqual(["attributes", "keyUri"]);
      const one = await call(withHsm, `${hsm.id}/keys/cmk-a?api-version=2026-02-01`);
      expect(one.json).toEqual(keys[0]);
      expect(one.json.properties.kty).toBe("RSA");
      expect(one.json.properties.rotationPolicy.lifetimeActions).toEqual([{ trigger: { timeAfterCreate: "P1Y" }, action: { type: "rotate" } }]);
      expect((await call(withHsm, `${hsm.id}/keys/cmk-nope?api-version=2026-02-01`)).status).toBe(404);
      const orphan = await call(withHsm, `${RG1}/providers/Microsoft.KeyVault/managedHSMs/hsm-nope/keys?api-version=2026-02-01`);
      expect([orphan.status, orphan.json.error.code]).toEqual([404, "ParentResourceNotFound"]);
    } finally {
      await withHsm.close();
    }
  });

  it("serves singleton children by id", async () => {
    const tde = await call(em, `${SQL}/databases/elevregister/transparentDataEncryption/current?${API}`);
    expect(tde.json.properties.state).toBe("Enabled");
    const protector = await call(em, `${SQL}/encryptionProtector/current?${API}`);
    expect(protector.json.properties.serverKeyType).toBe("ServiceManaged");
  });

  it("serves the platform's default singletons for an existing parent the model lists without them; a missing parent is still 404", async () => {
    const model = testModel();
    const sub = model.subscriptions[0]!;
    const singleton = /\/(encryptionProtector\/current|transparentDataEncryption\/current|backupstorageconfig\/vaultstorageconfig)$/i;
    sub.resources = sub.resources.filter((r) => !singleton.test(r.id));
    const bare = await startEmulator({ model });
    try {
      const protector = await call(bare, `${SQL}/encryptionProtector/current?${API}`);
      expect(protector.status).toBe(200);
      expect(protector.json).toMatchObject({ id: `${SQL}/encryptionProtector/current`, properties: { serverKeyType: "ServiceManaged" } });
      const tde = await call(bare, `${SQL}/databases/elevregister/transparentDataEncryption/current?${API}`);
      expect(tde.json).toMatchObject({ id: `${SQL}/databases/elevregister/transparentDataEncryption/current`, properties: { state: "Enabled" } });
      const cfg = await call(bare, `${RG1}/providers/Microsoft.RecoveryServices/vaults/rsv-kommun/backupstorageconfig/vaultstorageconfig?api-version=2023-06-01`);
      expect(cfg.json.properties.storageType).toBe("GeoRedundant");
      const master = await call(bare, `${SQL}/databases/master/transparentDataEncryption/current?${API}`);
      expect(master.status).toBe(404);
      const gone = await call(bare, `${RG1}/providers/Microsoft.Sql/servers/sql-gone/encryptionProtector/current?${API}`);
      expect(gone.status).toBe(404);
    } finally {
      await bare.close();
    }
  });

  it("lists top-level resources of a type per subscription and per group", async () => {
    const sub = await allPages(`/subscriptions/${SUB1}/providers/Microsoft.Storage/storageAccounts?${API}`);
    expect(sub.flatMap((p) => p.value.map((r: { name: string }) => r.name))).toEqual(["stkommundata", "stkommunweb"]);
    expect(sub[0].value[0].properties.encryption.keySource).toBe("Microsoft.Storage");
    const rg = await call(em, `/subscriptions/${SUB1}/resourceGroups/rg-web/providers/Microsoft.Storage/storageAccounts?${API}`);
    expect(rg.json.value.map((r: { name: string }) => r.name)).toEqual(["stkommunweb"]);
    const none = await call(em, `/subscriptions/${SUB1}/providers/Microsoft.DocumentDB/databaseAccounts?${API}`);
    expect(none.json).toEqual({ value: [] });
  });

  it("/resources lists tracked resources without properties and omits proxy children", async () => {
    const pages = await allPages(`/subscriptions/${SUB1}/resources?${API}`);
    const all = pages.flatMap((p) => p.value);
    expect(all.map((r: { type: string }) => r.type).sort()).toEqual([
      "Microsoft.KeyVault/vaults",
      "Microsoft.RecoveryServices/vaults",
      "Microsoft.Sql/servers",
      "Microsoft.Sql/servers/databases",
      "Microsoft.Sql/servers/databases",
      "Microsoft.Storage/storageAccounts",
      "Microsoft.Storage/storageAccounts",
    ]);
    for (const r of all) expect(r).not.toHaveProperty("properties");
    expect(all[0]).toEqual({
      id: `${RG1}/providers/Microsoft.Storage/storageAccounts/stkommundata`,
      name: "stkommundata",
      type: "Microsoft.Storage/storageAccounts",
      kind: "StorageV2",
      location: "swedencentral",
      sku: { name: "Standard_RAGRS", tier: "Standard" },
      tags: { dataClass: "confidential" },
    });
  });

  it("/resources honours $filter and the resource-group scope", async () => {
    const byType = await call(
      em,
      `/subscriptions/${SUB1}/resources?${API}&$top=10&$filter=${encodeURIComponent("resourceType eq 'microsoft.keyvault/vaults'")}`,
    );
    expect(byType.json.value.map((r: { name: string }) => r.name)).toEqual(["kv-kommun"]);
    const byLocation = await call(
      em,
      `/subscriptions/${SUB1}/resources?${API}&$filter=${encodeURIComponent("location eq 'westeurope'")}`,
    );
    expect(byLocation.json.value.map((r: { name: string }) => r.name)).toEqual(["stkommunweb"]);
    const inGroup = await allPages(`/subscriptions/${SUB1}/resourceGroups/rg-web/resources?${API}`);
    expect(inGroup.flatMap((p) => p.value.map((r: { name: string }) => r.name))).toEqual(["stkommunweb"]);
    const bad = await call(em, `/subscriptions/${SUB1}/resources?${API}&$filter=${encodeURIComponent("substringof('kv', name)")}`);
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("InvalidFilterInQueryString");
  });
});

describe("locations, providers, policy, lockbox", () => {
  it("lists locations in the real shape with the region pair", async () => {
    const res = await call(em, `/subscriptions/${SUB1}/locations?${API}`);
    const sweden = res.json.value.find((l: { name: string }) => l.name === "swedencentral");
    expect(sweden).toEqual({
      id: `/subscriptions/${SUB1}/locations/swedencentral`,
      name: "swedencentral",
      type: "Region",
      displayName: "Sweden Central",
      regionalDisplayName: "(Europe) Sweden Central",
      metadata: {
        regionType: "Physical",
        regionCategory: "Recommended",
        geography: "Sweden",
        geographyGroup: "Europe",
        longitude: expect.any(String),
        latitude: expect.any(String),
        physicalLocation: "Gävle",
        pairedRegion: [{ name: "swedensouth", id: `/subscriptions/${SUB1}/locations/swedensouth` }],
      },
    });
    // Every built-in region has coordinates as the spec's example gives them (GetLocations.json: strings such as "37.3719").
    for (const l of res.json.value) {
      expect(typeof l.metadata.latitude, l.name).toBe("string");
      expect(typeof l.metadata.longitude, l.name).toBe("string");
      expect(Number.isFinite(Number(l.metadata.latitude)), l.name).toBe(true);
    }
    expect(res.json.value.find((l: { name: string }) => l.name === "eastus").metadata).toMatchObject({ latitude: "37.3719", longitude: "-79.8164" });
  });

  it("lists providers with the model's registration state", async () => {
    const pages = await allPages(`/subscriptions/${SUB2}/providers?${API}`);
    const providers = pages.flatMap((p) => p.value);
    const cosmos = providers.find((p: { namespace: string }) => p.namespace === "Microsoft.DocumentDB");
    expect(cosmos).toMatchObject({
      id: `/subscriptions/${SUB2}/providers/Microsoft.DocumentDB`,
      registrationState: "NotRegistered",
      registrationPolicy: "RegistrationRequired",
    });
    const storage = providers.find((p: { namespace: string }) => p.namespace === "Microsoft.Storage");
    expect(storage.registrationState).toBe("Registered");
    expect(storage.resourceTypes.map((t: { resourceType: string }) => t.resourceType)).toContain("storageAccounts");
  });

  it("answers 409 MissingSubscriptionRegistration under an unregistered namespace", async () => {
    const res = await call(em, `/subscriptions/${SUB2}/providers/Microsoft.DocumentDB/databaseAccounts?api-version=2024-11-15`);
    expect(res.status).toBe(409);
    const message =
      "The subscription is not registered to use namespace 'Microsoft.DocumentDB'. See https://aka.ms/rps-not-found for how to register subscriptions.";
    expect(res.json).toEqual({
      error: {
        code: "MissingSubscriptionRegistration",
        message,
        details: [{ code: "MissingSubscriptionRegistration", target: "Microsoft.DocumentDB", message }],
      },
    });
    const inGroup = await call(
      em,
      `/subscriptions/${SUB2}/resourceGroups/rg-test/providers/microsoft.documentdb/databaseAccounts?${API}`,
    );
    expect(inGroup.status).toBe(409);
    // Reading the provider itself still works.
    const provider = await call(em, `/subscriptions/${SUB2}/providers/Microsoft.DocumentDB?${API}`);
    expect(provider.status).toBe(200);
  });

  it("lists policy assignments inherited from management groups, honouring atScope()", async () => {
    const path = `/subscriptions/${SUB1}/providers/Microsoft.Authorization/policyAssignments?${API}&$top=10`;
    const atScope = await call(em, `${path}&$filter=atScope()`);
    expect(atScope.json.value.map((a: { name: string }) => a.name)).toEqual(["eu-residency", "allowed-locations-sub"]);
    const all = await call(em, path);
    expect(all.json.value.map((a: { name: string }) => a.name)).toEqual([
      "eu-residency",
      "allowed-locations-sub",
      "rg-level",
    ]);
    const exact = await call(em, `${path}&$filter=atExactScope()`);
    expect(exact.json.value.map((a: { name: string }) => a.name)).toEqual(["allowed-locations-sub"]);
  });

  it("gets policy set definitions by id and 404s unknown ones", async () => {
    const res = await call(em, `/providers/Microsoft.Authorization/policySetDefinitions/eu-residency-set?${API}`);
    expect(res.json.properties.displayName).toBe("EU residency");
    const missing = await call(em, `/providers/Microsoft.Authorization/policySetDefinitions/nope?${API}`);
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe("PolicySetDefinitionNotFound");
    // PolicyClient.policySetDefinitions.get(name) asks at subscription scope; built-ins resolve there too.
    const viaSub = await call(
      em,
      `/subscriptions/${SUB1}/providers/Microsoft.Authorization/policySetDefinitions/eu-residency-set?${API}`,
    );
    expect(viaSub.status).toBe(200);
    expect(viaSub.json.id).toBe("/providers/Microsoft.Authorization/policySetDefinitions/eu-residency-set");
  });

  it("serves the management-group hierarchy with $expand=children&$recurse=true", async () => {
    const path = `/providers/Microsoft.Management/managementGroups/${TENANT_ID}?api-version=2023-04-01`;
    const tree = await call(em, `${path}&%24expand=children&%24recurse=true`);
    expect(tree.status).toBe(200);
    expect(tree.json).toMatchObject({
      id: `/providers/Microsoft.Management/managementGroups/${TENANT_ID}`,
      type: "Microsoft.Management/managementGroups",
      name: TENANT_ID,
      properties: { tenantId: TENANT_ID, displayName: "Tenant Root Group", details: { parent: null } },
    });
    expect(tree.json.properties.children).toEqual([
      {
        id: "/providers/Microsoft.Management/managementGroups/mg-kommun",
        type: "Microsoft.Management/managementGroups",
        name: "mg-kommun",
        displayName: "mg-kommun",
        children: [
          { id: `/subscriptions/${SUB1}`, type: "/subscriptions", name: SUB1, displayName: "Kommun Produktion" },
        ],
      },
      // A subscription without a chain sits directly under the tenant root group.
      { id: `/subscriptions/${SUB2}`, type: "/subscriptions", name: SUB2, displayName: "Kommun Test" },
    ]);
    const flat = await call(em, `${path}&$expand=children`);
    expect(flat.json.properties.children[0]).not.toHaveProperty("children");
    const bare = await call(em, path);
    expect(bare.json.properties).not.toHaveProperty("children");
    const child = await call(em, `/providers/Microsoft.Management/managementGroups/MG-KOMMUN?api-version=2023-04-01`);
    expect(child.json.properties.details.parent.name).toBe(TENANT_ID);
    const missing = await call(em, `/providers/Microsoft.Management/managementGroups/nope?api-version=2023-04-01`);
    expect(missing.status).toBe(404);
  });

  it("answers Customer Lockbox opt-in for the tenant only", async () => {
    const res = await call(em, `/providers/Microsoft.CustomerLockbox/tenantOptedIn/${TENANT_ID}?api-version=2018-02-28-preview`);
    expect(res.json).toEqual({ isOptedIn: true });
    const other = await call(
      em,
      `/providers/Microsoft.CustomerLockbox/tenantOptedIn/11111111-1111-1111-1111-111111111111?api-version=2018-02-28-preview`,
    );
    expect(other.status).toBe(404);
    expect(other.json.error.code).toBeTruthy();
  });
});

describe("not found", () => {
  it("answers ResourceGroupNotFound", async () => {
    const res = await call(em, `/subscriptions/${SUB1}/resourceGroups/rg-nope/providers/Microsoft.Storage/storageAccounts?${API}`);
    expect(res.status).toBe(404);
    expect(res.json).toEqual({
      error: { code: "ResourceGroupNotFound", message: "Resource group 'rg-nope' could not be found." },
    });
  });

  it("answers ResourceNotFound with the real message", async () => {
    const res = await call(em, `${RG1}/providers/Microsoft.Storage/storageAccounts/x?${API}`);
    expect(res.status).toBe(404);
    expect(res.json).toEqual({
      error: {
        code: "ResourceNotFound",
        message:
          "The Resource 'Microsoft.Storage/storageAccounts/x' under resource group 'rg-data' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix",
      },
    });
  });

  it("answers ParentResourceNotFound for children of a missing parent", async () => {
    const res = await call(em, `${RG1}/providers/Microsoft.KeyVault/vaults/kv-nope/keys?${API}`);
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("ParentResourceNotFound");
  });

  it("answers a Resource Graph query without a body with 400 (queries: tests/scale/resource-graph-emulator.test.ts)", async () => {
    const res = await call(em, `/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01`, { method: "POST" });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("InvalidRequestContent");
  });
});

describe("Data Protection backup vaults", () => {
  let dp: Emulator;
  beforeAll(async () => {
    const model = testModel();
    const first = model.subscriptions[0];
    if (!first) throw new Error("test model without subscriptions");
    const rg = { sub: SUB1, name: "rg-backup", location: "swedencentral" };
    first.resources.push(
      dataProtectionBackupVault({ rg, name: "bv-a", location: "swedencentral", storageType: "LocallyRedundant", crossRegionRestore: false }),
      dataProtectionBackupVault({ rg, name: "bv-b", location: "westeurope", storageType: "GeoRedundant", crossRegionRestore: true }),
      dataProtectionBackupVault({ rg, name: "bv-c", location: "swedencentral", storageType: "ZoneRedundant", crossRegionRestore: false }),
    );
    dp = await startEmulator({ model });
  });
  afterAll(async () => {
    await dp.close();
  });

  it("lists the subscription's vaults in ARM pages (page size 2: two pages, the last without nextLink)", async () => {
    const pages = [];
    let next: string | undefined = `/subscriptions/${SUB1}/providers/Microsoft.DataProtection/backupVaults?api-version=2025-09-01`;
    while (next) {
      const res = await call(dp, next);
      expect(res.status).toBe(200);
      pages.push(res.json);
      next = res.json.nextLink;
    }
    expect(pages.map((p) => p.value.map((v: { name: string }) => v.name))).toEqual([["bv-a", "bv-b"], ["bv-c"]]);
    expect(pages[0].nextLink).toMatch(/^https:\/\/.*%24skiptoken=/);
    expect(pages[1].value[0]).toMatchObject({ type: "Microsoft.DataProtection/BackupVaults", properties: { storageSettings: [{ type: "ZoneRedundant", datastoreType: "VaultStore" }] } });
  });

  it("lists Microsoft.DataProtection among the providers, registered, with backupVaults", async () => {
    const res = await call(dp, `/subscriptions/${SUB2}/providers/Microsoft.DataProtection?${API}`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ namespace: "Microsoft.DataProtection", registrationState: "Registered" });
    expect(res.json.resourceTypes.map((t: { resourceType: string }) => t.resourceType)).toEqual(["backupVaults"]);
    const empty = await call(dp, `/subscriptions/${SUB2}/providers/Microsoft.DataProtection/backupVaults?api-version=2025-09-01`);
    expect(empty.json).toEqual({ value: [] });
  });
});

describe("SQL replica lists", () => {
  let replicas: Emulator;
  const DB = `${SQL}/databases/elevregister`;
  const link = (n: number) => ({
    properties: { partnerServer: `sql-kommun-dr${n}`, partnerDatabase: "elevregister", partnerLocation: "Sweden South", role: "Primary", partnerRole: "Secondary", replicationMode: "ASYNC", startTime: "2025-05-12T06:30:00.000Z", percentComplete: 100, replicationState: "CATCH_UP", isTerminationAllowed: true, linkType: "GEO" },
    id: `${DB}/replicationLinks/0000000${n}-1111-4222-8333-444444444444`,
    name: `0000000${n}-1111-4222-8333-444444444444`,
    type: "Microsoft.Sql/servers/databases/replicationLinks",
  });
  const fog = {
    id: `${RG1}/providers/Microsoft.Sql/locations/swedencentral/instanceFailoverGroups/fog-kommun`,
    name: "fog-kommun",
    type: "Microsoft.Sql/locations/instanceFailoverGroups",
    properties: { replicationRole: "Primary", partnerRegions: [{ location: "Sweden South", replicationRole: "Secondary" }], managedInstancePairs: [] },
  };
  beforeAll(async () => {
    const model = testModel();
    model.subscriptions[0]?.resources.push(link(1), link(2), link(3), fog);
    replicas = await startEmulator({ model });
  });
  afterAll(async () => {
    await replicas.close();
  });

  it("lists a server's replication links (its databases' links) paged like ARM, and a missing server's as ParentResourceNotFound", async () => {
    const pages = [];
    let next: string | undefined = `${SQL}/replicationLinks?${API}`;
    while (next) {
      const res = await call(replicas, next);
      expect(res.status).toBe(200);
      pages.push(res.json);
      next = res.json.nextLink;
    }
    expect(pages.map((p) => p.value.length)).toEqual([2, 1]);
    expect(pages.flatMap((p) => p.value.map((l: { id: string }) => l.id))).toEqual([link(1).id, link(2).id, link(3).id]);
    const gone = await call(replicas, `${RG1}/providers/Microsoft.Sql/servers/sql-borta/replicationLinks?${API}`);
    expect(gone.status).toBe(404);
    expect(gone.json.error.code).toBe("ParentResourceNotFound");
  });

  it("lists a resource group's instance failover groups per location: the groups there, else an empty list", async () => {
    const there = await call(replicas, `${RG1}/providers/Microsoft.Sql/locations/swedencentral/instanceFailoverGroups?${API}`);
    expect(there.status).toBe(200);
    expect(there.json).toEqual({ value: [fog] });
    const none = await call(replicas, `${RG1}/providers/Microsoft.Sql/locations/swedensouth/instanceFailoverGroups?${API}`);
    expect(none.status).toBe(200);
    expect(none.json).toEqual({ value: [] });
  });
});
