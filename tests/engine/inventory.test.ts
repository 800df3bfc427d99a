/**
 * The inventory a rule reads: lookups by id and by parent, the generic list beside full payloads,
 * tags and regions, coverage failures, what each lookup records as a verdict's dependency, and the
 * partial inventory of a run still collecting (a question whose answer could change throws
 * NotReadyError naming the collection).
 */
import { describe, expect, it } from "vitest";
import { Inventory, NotReadyError, Recording, scopesOverlap } from "../../src/engine/inventory.js";
import { AZURE_COLLECTIONS, TENANT_COLLECTIONS } from "../../src/index.js";
import type { ArmResource } from "../../src/index.js";
import { armId, failure, makeSnapshot, resourceGroup, SUB, SUB2, TENANT } from "../fixtures/snapshot.js";
import { storageAccount } from "../fixtures/storage.js";
import { keyVault, vaultKey } from "../fixtures/vaults.js";

/** The generic-list entry ARM's `GET /subscriptions/{s}/resources` gives for a payload (no properties). */
function listed(r: ArmResource, over: Partial<ArmResource> = {}): ArmResource {
  return { id: r.id, name: r.name, type: r.type, location: r.location, tags: r.tags ?? {}, ...over };
}

/** `collection scope` of every dependency a lookup recorded. */
function deps(inv: Inventory, fn: () => unknown): string[] {
  return inv.track(fn).deps.map((d) => `${d.collection} ${d.scope}`);
}

function notReady(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof NotReadyError) return `${err.name}: ${err.message} [${err.collection}]`;
    throw err;
  }
  return "answered";
}

const SUB_ID = `/subscriptions/${SUB}`;

describe("scopesOverlap", () => {
  const acct = armId("Microsoft.Storage/storageAccounts", "stdata");
  it.each([
    ["the same scope", acct, acct, true],
    ["a resource under a subscription", acct, SUB_ID, true],
    ["a subscription above a resource", SUB_ID, acct, true],
    ["every scope on the left", "/", acct, true],
    ["every scope on the right", acct, "/", true],
    ["another subscription", acct, `/subscriptions/${SUB2}`, false],
    ["a sibling account", acct, armId("Microsoft.Storage/storageAccounts", "stdata2"), false],
  ])("%s", (_, a, b, overlaps) => {
    expect(scopesOverlap(a, b)).toBe(overlaps);
  });
});

describe("Recording", () => {
  it("keeps each collection and scope once, in the order first seen", () => {
    const r = new Recording();
    r.add("storageAccounts", "/a");
    r.add("keyVaults", "/a");
    r.add("storageAccounts", "/a");
    r.add("storageAccounts", "/b");
    expect(r.deps).toEqual([
      { collection: "storageAccounts", scope: "/a" },
      { collection: "keyVaults", scope: "/a" },
      { collection: "storageAccounts", scope: "/b" },
    ]);
  });

  it("past eight entries still keeps each once (a key searched across many subscriptions)", () => {
    const r = new Recording();
    for (let i = 0; i < 12; i++) r.add("keyVaults", `/subscriptions/s${i}`);
    // Every one of them again, the first ones (before the set was made) included.
    for (let i = 0; i < 12; i++) r.add("keyVaults", `/subscriptions/s${i}`);
    r.add("managedHsms", "/subscriptions/s0");
    expect(r.deps.map((d) => `${d.collection} ${d.scope}`)).toEqual([...Array.from({ length: 12 }, (_, i) => `keyVaults /subscriptions/s${i}`), "managedHsms /subscriptions/s0"]);
  });

  it("the ninth entry is kept and not repeated once the set takes over", () => {
    const r = new Recording();
    for (let i = 0; i < 8; i++) r.add("keyVaults", `/s${i}`);
    r.add("keyVaults", "/s8");
    r.add("keyVaults", "/s8");
    r.add("keyVaults", "/s3");
    expect(r.deps).toHaveLength(9);
    expect(r.deps[8]).toEqual({ collection: "keyVaults", scope: "/s8" });
  });

  it("addAll adds each dependency once", () => {
    const r = new Recording();
    r.add("resources", "/x");
    r.addAll([
      { collection: "resources", scope: "/x" },
      { collection: "resources", scope: "/y" },
    ]);
    expect(r.deps).toEqual([
      { collection: "resources", scope: "/x" },
      { collection: "resources", scope: "/y" },
    ]);
  });
});

describe("lookups and what they record", () => {
  const sa = storageAccount("stdata", { tags: { informationsklass: "2" } });
  const vault = keyVault("kv-drift");
  const key = vaultKey(vault, "cmk");
  const otherKey = vaultKey(keyVault("kv-other"), "cmk2");
  const snap = makeSnapshot({
    subscriptions: [
      {
        tags: { ansvarig: "it-drift" },
        collections: {
          resourceGroups: [resourceGroup("rg-app", "swedencentral", { miljo: "prod" })],
          resources: [listed(sa, { tags: { informationsklass: "3" } }), listed(vault)],
          storageAccounts: [sa],
          keyVaults: [vault],
          vaultKeys: [key, otherKey],
        },
      },
      { subscriptionId: SUB2, collections: { storageAccounts: [] } },
    ],
    coverage: [failure("keyVaults", `/subscriptions/${SUB2}`), failure("vaultKeys", vault.id, { httpStatus: 429, code: "TooManyRequests" })],
  });
  const inv = new Inventory(snap);

  it("get finds a payload by id in any casing and depends on the collection holding that type", () => {
    let hit: ArmResource | undefined;
    expect(deps(inv, () => (hit = inv.get(sa.id.toUpperCase())))).toEqual([`storageAccounts ${sa.id.toUpperCase()}`]);
    // The full payload, not the generic entry listed before it.
    expect(hit).toBe(sa);
  });

  it("get of an id whose type no collection holds depends on the generic list there", () => {
    const id = armId("Microsoft.Web/sites", "app-bokning");
    expect(deps(inv, () => expect(inv.get(id)).toBeUndefined())).toEqual([`resources ${id}`]);
  });

  it("get of an item found in another collection than its type's depends on both", () => {
    // A key vault found in the generic list only: depends on keyVaults (its type) and is found in keyVaults.
    const onlyGeneric = listed(storageAccount("stonlylisted"));
    const inv2 = new Inventory(makeSnapshot({ subscriptions: [{ collections: { resources: [onlyGeneric], storageAccounts: [] } }] }));
    let hit: ArmResource | undefined;
    expect(deps(inv2, () => (hit = inv2.get(onlyGeneric.id)))).toEqual([`storageAccounts ${onlyGeneric.id}`, `resources ${onlyGeneric.id}`]);
    expect(hit).toBe(onlyGeneric);
  });

  it("get outside a verdict records nothing and still answers", () => {
    expect(inv.get(vault.id)).toBe(vault);
  });

  it("describe prefers the generic list's entry (names and tags known as soon as that list is)", () => {
    let d: ArmResource | undefined;
    expect(deps(inv, () => (d = inv.describe(sa.id)))).toEqual([`resources ${sa.id}`]);
    expect(d?.tags).toEqual({ informationsklass: "3" });
  });

  it("describe falls back to the full payload, and on nothing found depends on the generic list", () => {
    const rgId = `${SUB_ID}/resourceGroups/rg-app`;
    let d: ArmResource | undefined;
    expect(deps(inv, () => (d = inv.describe(rgId)))).toEqual([`resourceGroups ${rgId}`]);
    expect(d?.tags).toEqual({ miljo: "prod" });
    const missing = armId("Microsoft.Storage/storageAccounts", "stgone");
    expect(deps(inv, () => expect(inv.describe(missing)).toBeUndefined())).toEqual([`storageAccounts ${missing}`, `resources ${missing}`]);
  });

  it("tagsOf reads a subscription's own tags, and a resource's from the generic list", () => {
    expect(deps(inv, () => expect(inv.tagsOf(SUB_ID)).toEqual({ ansvarig: "it-drift" }))).toEqual([`subscriptions /subscriptions/${SUB}`]);
    expect(inv.tagsOf(sa.id)).toEqual({ informationsklass: "3" });
    expect(inv.tagsOf(`/subscriptions/${SUB2}`)).toEqual({});
    expect(inv.tagsOf("/subscriptions/3d4e5f60-0000-0000-0000-000000000000")).toBeUndefined();
  });

  it("tagsOf is undefined for a resource without tags or with tags that are not an object", () => {
    const bare = { id: armId("Microsoft.KeyVault/vaults", "kv-bare"), name: "kv-bare", type: "Microsoft.KeyVault/vaults" };
    const odd = { id: armId("Microsoft.KeyVault/vaults", "kv-odd"), name: "kv-odd", type: "Microsoft.KeyVault/vaults", tags: "informationsklass=2" as never };
    const inv2 = new Inventory(makeSnapshot({ subscriptions: [{ collections: { resources: [bare, odd] } }] }));
    expect(inv2.tagsOf(bare.id)).toBeUndefined();
    expect(inv2.tagsOf(odd.id)).toBeUndefined();
  });

  it("all lists every subscription's items and depends on the whole collection", () => {
    expect(deps(inv, () => expect(inv.all("storageAccounts")).toEqual([sa]))).toEqual(["storageAccounts /"]);
    expect(inv.all("cosmosDbAccounts")).toEqual([]);
  });

  it("children finds a parent's items in any casing and depends on the collection at the parent", () => {
    expect(deps(inv, () => expect(inv.children("vaultKeys", vault.id.toUpperCase())).toEqual([key]))).toEqual([`vaultKeys ${vault.id.toUpperCase()}`]);
    expect(inv.children("vaultKeys", keyVault("kv-none").id)).toEqual([]);
    expect(inv.children("sqlDatabases", armId("Microsoft.Sql/servers", "sql1"))).toEqual([]);
  });

  it("inSubscription gives one subscription's list as stored, undefined where it was not collected", () => {
    expect(deps(inv, () => expect(inv.inSubscription("storageAccounts", SUB)).toEqual([sa]))).toEqual([`storageAccounts /subscriptions/${SUB}`]);
    expect(inv.inSubscription("storageAccounts", SUB2)).toEqual([]);
    expect(inv.inSubscription("keyVaults", SUB2)).toBeUndefined();
    expect(inv.inSubscription("keyVaults", "3d4e5f60-0000-0000-0000-000000000000")).toBeUndefined();
  });

  it("subscriptions and subscription(id) depend on the subscription list", () => {
    expect(deps(inv, () => expect(inv.subscriptions.map((s) => s.subscriptionId)).toEqual([SUB, SUB2]))).toEqual(["subscriptions /"]);
    expect(deps(inv, () => expect(inv.subscription(SUB2.toUpperCase())?.subscriptionId).toBe(SUB2))).toEqual([`subscriptions /subscriptions/${SUB2.toUpperCase()}`]);
  });

  it("failures, failureFor and complete read a collection's coverage entries", () => {
    expect(deps(inv, () => expect(inv.failures("keyVaults").map((f) => f.scope)).toEqual([`/subscriptions/${SUB2}`]))).toEqual(["keyVaults /"]);
    expect(inv.failures("storageAccounts")).toEqual([]);
    expect(deps(inv, () => expect(inv.failureFor("vaultKeys", key.id)?.code).toBe("TooManyRequests"))).toEqual([`vaultKeys ${key.id}`]);
    expect(inv.failureFor("vaultKeys", otherKey.id)).toBeUndefined();
    // A failure below the id asked for is not "for" it.
    expect(inv.failureFor("vaultKeys", SUB_ID)).toBeUndefined();
    expect(inv.failureFor("storageAccounts", sa.id)).toBeUndefined();
    expect(inv.complete("keyVaults")).toBe(false);
    expect(inv.complete("storageAccounts")).toBe(true);
  });

  it("failureOverlapping records nothing; hasFailures says whether any read failed", () => {
    expect(deps(inv, () => expect(inv.failureOverlapping("keyVaults", `/subscriptions/${SUB2}/resourceGroups/rg-keys`)?.httpStatus).toBe(403))).toEqual([]);
    expect(inv.failureOverlapping("keyVaults", SUB_ID)).toBeUndefined();
    expect(inv.failureOverlapping("storageAccounts", "/")).toBeUndefined();
    expect(inv.hasFailures).toBe(true);
    expect(new Inventory(makeSnapshot()).hasFailures).toBe(false);
  });

  it("genericListRead: only where the subscription holds the generic list and no failure of it overlaps", () => {
    const snap2 = makeSnapshot({
      subscriptions: [{ collections: { resources: [] } }, { subscriptionId: SUB2, collections: {} }],
      coverage: [failure("resources", `${SUB_ID}/resourceGroups/rg-locked`)],
    });
    const sub2 = snap2.subscriptions[1];
    if (sub2) delete (sub2.collections as Record<string, unknown>).resources;
    const inv2 = new Inventory(snap2);
    expect(inv2.genericListRead(`${SUB_ID}/resourceGroups/rg-app`)).toBe(true);
    expect(inv2.genericListRead(`${SUB_ID}/resourceGroups/rg-locked/providers/Microsoft.Storage/storageAccounts/st1`)).toBe(false);
    expect(inv2.genericListRead(SUB_ID)).toBe(false);
    expect(inv2.genericListRead(`/subscriptions/${SUB2}`)).toBe(false);
    expect(inv2.genericListRead("/subscriptions/3d4e5f60-0000-0000-0000-000000000000")).toBe(false);
    expect(inv2.genericListRead(`/tenants/${TENANT}`)).toBe(false);
  });

  it("genericOfType lists the generic entries of a lower-cased type, the type taken from the id when absent", () => {
    const untyped = { id: armId("Microsoft.Storage/storageAccounts", "stuntyped"), name: "stuntyped" };
    const inv2 = new Inventory(makeSnapshot({ subscriptions: [{ collections: { resources: [listed(sa), untyped, listed(vault)] } }] }));
    expect(inv2.genericOfType("microsoft.storage/storageaccounts").map((r) => r.name)).toEqual(["stdata", "stuntyped"]);
    expect(inv2.genericOfType("microsoft.keyvault/vaults").map((r) => r.name)).toEqual(["kv-drift"]);
    expect(inv2.genericOfType("microsoft.web/sites")).toEqual([]);
  });

  it("uses records an indexed item at its own id, and nothing for an object the inventory did not index", () => {
    expect(deps(inv, () => inv.uses(key))).toEqual([`vaultKeys ${key.id}`]);
    expect(deps(inv, () => inv.uses({ id: key.id }))).toEqual([]);
    expect(inv.collectionOf(key)).toBe("vaultKeys");
    expect(inv.collectionOf({ id: key.id })).toBeUndefined();
  });

  it("chain walks from a key up to its subscription", () => {
    expect(inv.chain(key.id)).toEqual([key.id, vault.id, `${SUB_ID}/resourceGroups/rg-keys`, SUB_ID]);
    expect(inv.chain("")).toEqual([]);
  });

  it("the snapshot, its scope and the tenant's names", () => {
    expect(deps(inv, () => expect(inv.snapshot).toBe(snap))).toEqual([
      "subscriptions /",
      "managementGroups /",
      "customerLockbox /",
      "m365Organization /",
      "m365Users /",
      "m365Groups /",
      "m365Sites /",
      "m365RootSite /",
      "m365SubscribedSkus /",
    ]);
    expect(inv.scope).toEqual({ allVisibleSubscriptions: true, m365Collected: false });
    expect(inv.tenantId).toBe(TENANT);
    expect(inv.tenantName).toBeUndefined();
  });
});

describe("items the collectors could not describe", () => {
  it("skips items without a string id and collections that are not lists", () => {
    const sa = storageAccount("stok");
    const snap = makeSnapshot({ subscriptions: [{ collections: { storageAccounts: [sa, null as never, { name: "noid" } as never, { id: 42 } as never] } }] });
    (snap.subscriptions[0]?.collections as Record<string, unknown>).keyVaults = { value: [] };
    const inv = new Inventory(snap);
    expect(inv.all("storageAccounts")).toEqual([sa]);
    expect(inv.all("keyVaults")).toEqual([]);
  });

  it("between two full payloads with one id the earlier collection wins; the generic entry never replaces a full one", () => {
    // The same storage account id listed (oddly) as a key vault payload too: storageAccounts comes first.
    const sa = storageAccount("stdup");
    const asVault = { ...sa, properties: { vaultUri: "https://stdup.vault.azure.net/" } };
    const inv = new Inventory(makeSnapshot({ subscriptions: [{ collections: { keyVaults: [asVault], resources: [listed(sa)], storageAccounts: [sa] } }] }));
    expect(inv.get(sa.id)).toBe(sa);
    const inv2 = new Inventory(makeSnapshot({ subscriptions: [{ collections: { resources: [listed(sa)], keyVaults: [asVault] } }] }));
    expect(inv2.get(sa.id)).toBe(asVault);
  });

  it("the first of two generic entries with one id is the one described", () => {
    const sa = storageAccount("stgen");
    const first = listed(sa, { tags: { a: "1" } });
    const second = listed(sa, { tags: { a: "2" } });
    const inv = new Inventory(makeSnapshot({ subscriptions: [{ collections: { resources: [first] } }, { subscriptionId: SUB2, collections: { resources: [second] } }] }));
    expect(inv.describe(sa.id)).toBe(first);
    expect(inv.get(sa.id)).toBe(first);
  });
});

describe("regions", () => {
  const snap = makeSnapshot({
    regions: [
      // GET /subscriptions/{s}/locations (Microsoft.Resources subscriptions 2022-12-01): metadata.pairedRegion flattened by the collector.
      { name: "swedencentral", displayName: "Sweden Central", geography: "Sweden", pairedRegion: ["swedensouth"] },
      { name: "westeurope", displayName: "West Europe", geography: "Europe" },
      { name: "eastusstg", displayName: "East US STG", geography: "United States" },
      { name: "" },
    ],
  });
  const inv = new Inventory(snap);

  it("by name or display name: the API's pair, the built-in country and EU membership", () => {
    const se = { name: "swedencentral", displayName: "Sweden Central", pairs: ["swedensouth"], country: "SE", eu: true, geography: "Sweden" };
    expect(inv.region("swedencentral")).toEqual(se);
    expect(inv.region("Sweden Central")).toEqual(se);
  });

  it("without a pair from the API, the built-in table's pair", () => {
    expect(inv.region("westeurope")).toEqual({ name: "westeurope", displayName: "West Europe", pairs: ["northeurope"], country: "NL", eu: true, geography: "Europe" });
  });

  it("a region only the API knows has no country and no pair", () => {
    expect(inv.region("East US STG")).toEqual({ name: "eastusstg", displayName: "East US STG", pairs: [], geography: "United States" });
  });

  it("a region only the built-in table knows, and one nobody knows (which depends on every locations read)", () => {
    let r: unknown;
    expect(deps(inv, () => (r = inv.region("North Europe")))).toEqual([]);
    expect(r).toEqual({ name: "northeurope", displayName: "North Europe", pairs: ["westeurope"], country: "IE", eu: true });
    expect(deps(inv, () => (r = inv.region("marsnorth")))).toEqual(["locations /"]);
    expect(r).toBeUndefined();
  });

  it("no location is no region", () => {
    expect(inv.region(undefined)).toBeUndefined();
    expect(inv.region(null)).toBeUndefined();
    expect(inv.region("")).toBeUndefined();
  });
});

describe("tenant-level data", () => {
  const users = [{ id: "4f0c1a2b-3d4e-5f60-7182-93a4b5c6d7e8", userPrincipalName: "anna.berg@exempelkommun.se", preferredDataLocation: "SWE" }];
  const snap = makeSnapshot({ customerLockbox: { isOptedIn: true }, m365: { users } });
  snap.tenant.displayName = "Exempel kommun";
  const inv = new Inventory(snap);

  it("each key depends on its collection at the tenant", () => {
    expect(deps(inv, () => expect(inv.tenant("customerLockbox")).toEqual({ isOptedIn: true }))).toEqual([`customerLockbox /tenants/${TENANT}`]);
    expect(deps(inv, () => expect(inv.tenant("users")).toEqual(users))).toEqual([`m365Users /tenants/${TENANT}`]);
    expect(deps(inv, () => expect(inv.tenant("rootSite")).toBeUndefined())).toEqual([`m365RootSite /tenants/${TENANT}`]);
    expect(inv.tenantName).toBe("Exempel kommun");
  });

  it("no Microsoft 365 data at all gives undefined", () => {
    expect(new Inventory(makeSnapshot()).tenant("organization")).toBeUndefined();
  });
});

describe("track, replay, untracked", () => {
  const sa = storageAccount("sttrack");
  const inv = new Inventory(makeSnapshot({ subscriptions: [{ collections: { storageAccounts: [sa] } }] }));

  it("a nested recording also records in the enclosing one; a plain one does not", () => {
    const outer = inv.track(() => {
      const inner = inv.track(() => inv.all("storageAccounts"), true);
      expect(inner.deps).toEqual([{ collection: "storageAccounts", scope: "/" }]);
      const own = inv.track(() => inv.all("keyVaults"));
      expect(own.deps).toEqual([{ collection: "keyVaults", scope: "/" }]);
      return inner.value;
    });
    expect(outer.value).toEqual([sa]);
    expect(outer.deps).toEqual([{ collection: "storageAccounts", scope: "/" }]);
  });

  it("nested without an enclosing recording records only its own", () => {
    expect(inv.track(() => inv.all("storageAccounts"), true).deps).toEqual([{ collection: "storageAccounts", scope: "/" }]);
  });

  it("replay adds dependencies captured earlier; untracked lookups are not recorded", () => {
    const earlier = [{ collection: "resourceGroups" as const, scope: `${SUB_ID}/resourceGroups/rg-app` }];
    expect(
      deps(inv, () => {
        inv.replay(earlier);
        inv.untracked(() => inv.all("storageAccounts"));
        inv.depend("keyVaults", SUB_ID);
      }),
    ).toEqual([`resourceGroups ${SUB_ID}/resourceGroups/rg-app`, `keyVaults ${SUB_ID}`]);
  });

  it("a lookup that throws still ends its recording (the next verdict records on its own)", () => {
    expect(() =>
      inv.track(() => {
        inv.all("storageAccounts");
        throw new Error("rule bug");
      }),
    ).toThrow("rule bug");
    expect(deps(inv, () => inv.all("keyVaults"))).toEqual(["keyVaults /"]);
    // Outside any verdict again: nothing is recorded anywhere.
    inv.depend("keyVaults", "/");
    expect(() => inv.untracked(() => { throw new Error("index bug"); })).toThrow("index bug");
    expect(deps(inv, () => inv.all("cosmosDbAccounts"))).toEqual(["cosmosDbAccounts /"]);
  });
});

describe("a partial inventory (collection still running)", () => {
  const sa = storageAccount("stpartial");
  const vault = keyVault("kv-partial");
  const snap = makeSnapshot({
    customerLockbox: { isOptedIn: false },
    regions: [{ name: "swedencentral", displayName: "Sweden Central", pairedRegion: ["swedensouth"] }],
    subscriptions: [{ collections: { resources: [listed(sa)], storageAccounts: [sa], keyVaults: [vault] } }],
    coverage: [failure("storageAccounts", `/subscriptions/${SUB2}`)],
  });

  it("answers only for complete collections, and throws NotReadyError naming the one missing", () => {
    const inv = new Inventory(snap, { complete: ["storageAccounts"] });
    expect(inv.isComplete("storageAccounts")).toBe(true);
    expect(inv.isComplete("keyVaults")).toBe(false);
    expect(inv.all("storageAccounts")).toEqual([sa]);
    expect(inv.failures("storageAccounts").map((f) => f.scope)).toEqual([`/subscriptions/${SUB2}`]);
    expect(notReady(() => inv.all("keyVaults"))).toBe("NotReadyError: keyVaults is not collected yet [keyVaults]");
    expect(notReady(() => inv.children("vaultKeys", vault.id))).toBe("NotReadyError: vaultKeys is not collected yet [vaultKeys]");
    expect(notReady(() => inv.inSubscription("storageAccounts", SUB))).toBe("NotReadyError: subscriptions is not collected yet [subscriptions]");
    expect(notReady(() => inv.subscriptions)).toBe("NotReadyError: subscriptions is not collected yet [subscriptions]");
    expect(notReady(() => inv.subscription(SUB))).toBe("NotReadyError: subscriptions is not collected yet [subscriptions]");
    expect(notReady(() => inv.failures("keyVaults"))).toBe("NotReadyError: keyVaults is not collected yet [keyVaults]");
    expect(notReady(() => inv.failureFor("keyVaults", vault.id))).toBe("NotReadyError: keyVaults is not collected yet [keyVaults]");
    expect(notReady(() => inv.complete("keyVaults"))).toBe("NotReadyError: keyVaults is not collected yet [keyVaults]");
    expect(notReady(() => inv.region("swedencentral"))).toBe("NotReadyError: locations is not collected yet [locations]");
    expect(notReady(() => inv.tenant("customerLockbox"))).toBe("NotReadyError: customerLockbox is not collected yet [customerLockbox]");
    expect(notReady(() => inv.snapshot)).toBe("NotReadyError: subscriptions is not collected yet [subscriptions]");
    expect(notReady(() => inv.describe(sa.id))).toBe("NotReadyError: resources is not collected yet [resources]");
    expect(notReady(() => inv.genericListRead(SUB_ID))).toBe("NotReadyError: resources is not collected yet [resources]");
    expect(notReady(() => inv.genericOfType("microsoft.storage/storageaccounts"))).toBe("NotReadyError: resources is not collected yet [resources]");
    // Failures of a collection not complete yet are not indexed.
    expect(inv.failureOverlapping("keyVaults", "/")).toBeUndefined();
    expect(inv.hasFailures).toBe(true);
  });

  it("get needs the generic list and the collection holding the id's type; a tenant id needs neither", () => {
    const inv = new Inventory(snap, { complete: ["storageAccounts"] });
    expect(notReady(() => inv.get(sa.id))).toBe("NotReadyError: resources is not collected yet [resources]");
    inv.markComplete("resources");
    expect(inv.get(sa.id)).toBe(sa);
    expect(notReady(() => inv.get(vault.id))).toBe("NotReadyError: keyVaults is not collected yet [keyVaults]");
    // A type no collection holds could be in any of them.
    expect(notReady(() => inv.get(armId("Microsoft.Web/sites", "app1")))).toBe("NotReadyError: locations is not collected yet [locations]");
    expect(inv.get(`/tenants/${TENANT}`)).toBeUndefined();
  });

  it("markComplete indexes a collection once; locations bring the region metadata", () => {
    const inv = new Inventory(snap, { complete: [] });
    expect(inv.hasFailures).toBe(false);
    inv.markComplete("keyVaults");
    inv.markComplete("keyVaults");
    expect(inv.all("keyVaults")).toEqual([vault]);
    inv.markComplete("locations");
    expect(inv.region("Sweden Central")?.pairs).toEqual(["swedensouth"]);
  });

  it("the snapshot needs every tenant-level collection; once all collections are complete nothing throws", () => {
    const inv = new Inventory(snap, { complete: ["subscriptions", "managementGroups", "customerLockbox", "m365Organization", "m365Users", "m365Groups", "m365Sites", "m365RootSite"] });
    expect(notReady(() => inv.snapshot)).toBe("NotReadyError: m365SubscribedSkus is not collected yet [m365SubscribedSkus]");
    inv.markComplete("m365SubscribedSkus");
    expect(inv.snapshot).toBe(snap);
    // Still partial for ARM lists.
    expect(notReady(() => inv.all("keyVaults"))).toBe("NotReadyError: keyVaults is not collected yet [keyVaults]");
  });

  it("after every collection completes one by one, every question is answered", () => {
    const inv = new Inventory(snap, { complete: [] });
    for (const c of [...AZURE_COLLECTIONS, ...TENANT_COLLECTIONS]) inv.markComplete(c);
    expect(inv.get(armId("Microsoft.Web/sites", "app1"))).toBeUndefined();
    expect(inv.snapshot).toBe(snap);
    expect(inv.failures("storageAccounts")).toHaveLength(1);
  });
});
