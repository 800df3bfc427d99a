/**
 * The emulator's Resource Graph endpoint (the KQL Hemvist sends, `$top`/`$skipToken` paging, rows
 * left out where a GET would be refused, the 15-per-5-s quota) and ARM's per-subscription read bucket.
 */
import { request } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphQuery } from "../../src/collectors/azure/resource-graph.js";
import { DEMO_SUBSCRIPTION_IDS, demoTenant } from "../../src/emulator/demo/index.js";
import { type Emulator, startEmulator } from "../../src/emulator/server.js";

const RG_PATH = "/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01";
const SUB = DEMO_SUBSCRIPTION_IDS[0]!;
const OTHER = DEMO_SUBSCRIPTION_IDS[1]!;

interface Got {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: any;
}

function send(em: Emulator, path: string, opts: { method?: string; body?: unknown; token?: string } = {}): Promise<Got> {
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, em.url), { method: opts.method ?? "GET", ca: em.caPem, headers: { authorization: `Bearer ${opts.token ?? "t1"}`, ...(body ? { "content-type": "application/json" } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, json: JSON.parse(Buffer.concat(chunks).toString("utf8") || "null") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

const query = (subs: string[], q: string, options: Record<string, unknown> = {}) => ({ subscriptions: subs, query: q, options: { resultFormat: "objectArray", ...options } });

describe("Resource Graph in the emulator", () => {
  let em: Emulator;
  const model = demoTenant();
  beforeAll(async () => {
    model.faults = [{ path: `^/subscriptions/${OTHER}/providers/Microsoft\\.Storage/storageAccounts$`, status: 403 }];
    em = await startEmulator({ model });
  });
  afterAll(() => em.close());

  it("answers Hemvist's query in pages of $top with $skipToken, rows in Resource Graph's shape", async () => {
    const want = model.subscriptions[0]!.resources.filter((r) => r.type === "Microsoft.Storage/storageAccounts");
    expect(want.length).toBeGreaterThan(2);
    const rows: any[] = [];
    let skipToken: string | undefined;
    let pages = 0;
    do {
      const res = await send(em, RG_PATH, { method: "POST", body: query([SUB], graphQuery(["Microsoft.Storage/storageAccounts"]), { $top: 2, ...(skipToken ? { $skipToken: skipToken } : {}) }) });
      expect(res.status).toBe(200);
      expect(res.json.totalRecords).toBe(want.length);
      expect(res.json.count).toBe(res.json.data.length);
      expect(res.json.resultTruncated).toBe("false");
      rows.push(...res.json.data);
      skipToken = res.json.$skipToken;
      pages++;
    } while (skipToken && pages < 20);
    expect(pages).toBe(Math.ceil(want.length / 2));
    expect(rows.map((r) => r.id)).toEqual(want.map((r) => r.id));
    const first = rows[0];
    const model0 = want[0]!;
    expect(first.type).toBe("microsoft.storage/storageaccounts");
    expect(first.properties).toEqual(model0.properties);
    expect(first.sku).toEqual(model0.sku);
    expect(first.location).toBe(String(model0.location).toLowerCase().replace(/\s+/g, ""));
    // Only the projected columns.
    expect(Object.keys(first).sort()).toEqual(["extendedLocation", "id", "identity", "kind", "location", "managedBy", "name", "plan", "properties", "sku", "tags", "type", "zones"]);
  });

  it("silently leaves out what the identity may not read (no 403 comes back)", async () => {
    const res = await send(em, RG_PATH, { method: "POST", body: query([SUB, OTHER], graphQuery(["Microsoft.Storage/storageAccounts"]), { $top: 1000 }) });
    expect(res.status).toBe(200);
    const subs = new Set(res.json.data.map((r: any) => r.id.split("/")[2]));
    expect(subs.has(SUB)).toBe(true);
    expect(subs.has(OTHER)).toBe(false);
    expect(model.subscriptions[1]!.resources.some((r) => r.type === "Microsoft.Storage/storageAccounts")).toBe(true);
  });

  it("refuses what it does not understand with Resource Graph's error body", async () => {
    const res = await send(em, RG_PATH, { method: "POST", body: query([SUB], "Resources | summarize count() by type") });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("BadRequest");
    expect(res.json.error.details[0].code).toBe("InvalidQuery");
  });
});

describe("the emulator's throttle", () => {
  it("Resource Graph: 15 queries per 5 s per user by default, then 429 with Retry-After and x-ms-user-quota-resets-after", async () => {
    const em = await startEmulator({ model: demoTenant(), throttle: { resourceGraphQueries: 3 } });
    try {
      const body = query([SUB], graphQuery(["Microsoft.KeyVault/vaults"]));
      const remaining: string[] = [];
      for (let i = 0; i < 3; i++) {
        const ok = await send(em, RG_PATH, { method: "POST", body });
        expect(ok.status).toBe(200);
        remaining.push(String(ok.headers["x-ms-user-quota-remaining"]));
      }
      expect(remaining).toEqual(["2", "1", "0"]);
      const no = await send(em, RG_PATH, { method: "POST", body });
      expect(no.status).toBe(429);
      expect(no.json.error.code).toBe("RateLimiting");
      expect(Number(no.headers["retry-after"])).toBeGreaterThanOrEqual(1);
      expect(Number(no.headers["retry-after"])).toBeLessThanOrEqual(5);
      expect(String(no.headers["x-ms-user-quota-resets-after"])).toMatch(/^00:00:0[0-5]$/);
      // Another user has its own quota.
      expect((await send(em, RG_PATH, { method: "POST", body, token: "t2" })).status).toBe(200);
      expect(em.throttle?.stats.resourceGraphThrottled).toBe(1);
    } finally {
      await em.close();
    }
  });

  it("ARM: a bucket per subscription and identity, x-ms-ratelimit-remaining-subscription-reads, 429 with Retry-After when empty", async () => {
    const em = await startEmulator({ model: demoTenant(), throttle: { bucketSize: 3, refillPerSecond: 0.5 } });
    try {
      const path = `/subscriptions/${SUB}/resourcegroups?api-version=2024-03-01`;
      const left: string[] = [];
      for (let i = 0; i < 3; i++) {
        const ok = await send(em, path);
        expect(ok.status).toBe(200);
        left.push(String(ok.headers["x-ms-ratelimit-remaining-subscription-reads"]));
      }
      expect(left).toEqual(["2", "1", "0"]);
      const no = await send(em, path);
      expect(no.status).toBe(429);
      expect(no.json.error.code).toBe("TooManyRequests");
      expect(Number(no.headers["retry-after"])).toBeGreaterThanOrEqual(1);
      // Another subscription and another identity each have their own bucket.
      expect((await send(em, `/subscriptions/${OTHER}/resourcegroups?api-version=2024-03-01`)).status).toBe(200);
      expect((await send(em, path, { token: "t2" })).status).toBe(200);
      expect(em.throttle?.stats.armThrottled).toBe(1);
    } finally {
      await em.close();
    }
  });
});
