/**
 * `onCollectionComplete` against the emulator serving the demo tenant (the real SDK clients and
 * Graph client in this process, trusting the emulator's certificate): at the moment a collection is
 * announced, its data and coverage already equal the final snapshot's; every collection is
 * announced exactly once; in both inventory modes, with and without failing reads.
 */
import { getCACertificates, setDefaultCACertificates } from "node:tls";
import { afterAll, describe, expect, it } from "vitest";
import { collect } from "../../src/collectors/index.js";
import { CLOUDS } from "../../src/collectors/cloud.js";
import type { InventoryMode } from "../../src/collectors/azure/resource-graph.js";
import { DEMO_SUBSCRIPTIONS, DEMO_TENANT_ID, demoTenant } from "../../src/emulator/demo/index.js";
import type { TenantModel } from "../../src/emulator/model.js";
import { type Emulator, startEmulator } from "../../src/emulator/server.js";
import { AZURE_COLLECTIONS, type AzureCollection, type Collection, type Snapshot, TENANT_COLLECTIONS } from "../../src/snapshot/types.js";
import { collectOptions } from "./helpers.js";

const running: Emulator[] = [];
const defaultCAs = getCACertificates("default");

afterAll(async () => {
  setDefaultCACertificates(defaultCAs);
  await Promise.all(running.map((e) => e.close()));
});

/**
 * Starts an emulator and makes this process trust its certificate (this file's worker process is
 * its own). Only the newest emulator's certificate is trusted: each has the same subject, so two in
 * the store would shadow each other.
 */
async function emulator(model: TenantModel): Promise<Emulator> {
  const em = await startEmulator({ model, latencyMs: 3, jitterMs: 4 });
  running.push(em);
  setDefaultCACertificates([...defaultCAs, em.caPem]);
  return em;
}

/** The storage list of one subscription refused, and one key's GET refused (a key-scoped coverage entry). */
function faultyModel(): { model: TenantModel; keyId: string } {
  const model = demoTenant();
  const key = model.subscriptions.flatMap((s) => s.resources).find((r) => /\/providers\/Microsoft\.KeyVault\/vaults\/[^/]+\/keys\/[^/]+$/i.test(r.id));
  if (!key) throw new Error("the demo tenant has no vault key");
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  model.faults = [
    { path: `^/subscriptions/${DEMO_SUBSCRIPTIONS.vardOchOmsorg}/providers/Microsoft\\.Storage/storageAccounts$`, status: 403 },
    { path: `^${esc(key.id)}$`, status: 403 },
  ];
  return { model, keyId: key.id };
}

/** What a collection holds in a snapshot: its data (per subscription, or the tenant fields it fills) and its coverage entries. */
function view(snap: Snapshot, c: Collection): unknown {
  const coverage = snap.coverage
    .filter((e) => e.collection === c)
    .map((e) => JSON.stringify(e))
    .sort();
  let data: unknown;
  if ((AZURE_COLLECTIONS as readonly string[]).includes(c)) {
    data = snap.subscriptions.map((s) => [s.subscriptionId, s.collections[c as AzureCollection]]);
    if (c === "locations") data = { perSubscription: data, regions: snap.regions };
  } else if (c === "subscriptions") {
    data = snap.subscriptions.map(({ subscriptionId, id, displayName, state, tenantId, tags }) => ({ subscriptionId, id, displayName, state, tenantId, tags }));
  } else if (c === "managementGroups") {
    data = snap.subscriptions.map((s) => [s.subscriptionId, s.managementGroupAncestors]);
  } else if (c === "customerLockbox") {
    data = snap.tenant.customerLockbox;
  } else {
    const key = { m365Organization: "organization", m365Users: "users", m365Groups: "groups", m365Sites: "sites", m365RootSite: "rootSite", m365SubscribedSkus: "subscribedSkus" }[c as string];
    if (!key) throw new Error(`no view for ${c}`);
    data = { items: (snap.tenant.m365 as Record<string, unknown> | undefined)?.[key], displayName: c === "m365Organization" ? snap.tenant.displayName : undefined };
  }
  return structuredClone({ data, coverage });
}

interface Run {
  snap: Snapshot;
  /** Each announcement in order: the collection and its view at that moment. */
  seen: [Collection, unknown][];
  /** Emulator requests received by the time each collection was announced. */
  requestsAt: Map<Collection, number>;
  totalRequests: number;
}

async function run(em: Emulator, inventory: InventoryMode): Promise<Run> {
  const seen: [Collection, unknown][] = [];
  const requestsAt = new Map<Collection, number>();
  const before = em.requests.length;
  const snap = await collect(
    collectOptions({
      cloud: { ...CLOUDS.AzureCloud!, armEndpoint: em.url, graphEndpoint: em.url },
      tenantId: DEMO_TENANT_ID,
      m365: true,
      timeoutMs: 10_000,
      inventory,
      onCollectionComplete: (c, current) => {
        requestsAt.set(c, em.requests.length - before);
        seen.push([c, view(current, c)]);
      },
    }),
  );
  return { snap, seen, requestsAt, totalRequests: em.requests.length - before };
}

/** Every collection once; at its announcement, its view equals the final snapshot's. */
function expectFinalAtAnnouncement(r: Run): void {
  expect(r.seen.map(([c]) => c).sort()).toEqual([...AZURE_COLLECTIONS, ...TENANT_COLLECTIONS].sort());
  for (const [c, atEvent] of r.seen) expect({ collection: c, ...(atEvent as object) }).toEqual({ collection: c, ...(view(r.snap, c) as object) });
}

/** Announcements are not all held back to the end: parents before their children, and some while requests are still being sent. */
function expectEarly(r: Run): void {
  const order = r.seen.map(([c]) => c);
  const at = (c: Collection) => order.indexOf(c);
  expect(at("keyVaults")).toBeLessThan(at("vaultKeys"));
  expect(at("sqlServers")).toBeLessThan(at("sqlTransparentDataEncryption"));
  expect(at("cognitiveAccounts")).toBeLessThan(at("cognitiveDeployments"));
  expect(r.requestsAt.get("providers")!).toBeLessThan(r.totalRequests / 2);
  expect(r.requestsAt.get("keyVaults")!).toBeLessThan(r.totalRequests);
}

describe("onCollectionComplete", () => {
  for (const inventory of ["arm", "resource-graph"] as const) {
    it(`${inventory}: each collection is final when announced, once, on the demo tenant`, async () => {
      const em = await emulator(demoTenant());
      const r = await run(em, inventory);
      expect(r.snap.subscriptions).toHaveLength(3);
      expect(r.snap.coverage).toEqual([]);
      expect(r.snap.subscriptions.every((s) => (s.collections.vaultKeys?.length ?? 0) > 0 || !s.collections.keyVaults?.length)).toBe(true);
      expect(r.snap.regions.length).toBeGreaterThan(0);
      expect(r.snap.tenant.m365?.users?.length).toBeGreaterThan(0);
      expectFinalAtAnnouncement(r);
      expectEarly(r);
    });

    it(`${inventory}: the same with a refused storage list and a refused key GET`, async () => {
      const { model, keyId } = faultyModel();
      const em = await emulator(model);
      const r = await run(em, inventory);
      expect(r.snap.coverage.map((e) => [e.scope, e.collection, e.httpStatus])).toEqual([
        [`/subscriptions/${DEMO_SUBSCRIPTIONS.vardOchOmsorg}`, "storageAccounts", 403],
        [keyId, "vaultKeys", 403],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
      const refused = r.snap.subscriptions.find((s) => s.subscriptionId === DEMO_SUBSCRIPTIONS.vardOchOmsorg)!;
      expect(refused.collections.storageAccounts).toBeUndefined();
      expect(r.snap.subscriptions.flatMap((s) => s.collections.vaultKeys ?? []).some((k) => k.id === keyId)).toBe(false);
      expectFinalAtAnnouncement(r);
      expectEarly(r);
    });
  }

  it("with no subscription, every Azure collection is announced right after the subscription list", async () => {
    const model = demoTenant();
    model.subscriptions = [];
    const em = await emulator(model);
    const r = await run(em, "arm");
    expect(r.snap.subscriptions).toEqual([]);
    expectFinalAtAnnouncement(r);
    for (const c of AZURE_COLLECTIONS) expect(r.requestsAt.get(c)).toBe(1); // only GET /subscriptions was sent
    expect(r.snap.regions).toEqual([]);
  });
});
