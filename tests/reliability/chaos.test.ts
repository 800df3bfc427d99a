/** The emulator's chaos layer on its own: seeded and reproducible, bounded streaks, and each deterministic fault's wire shape. */
import { describe, expect, it } from "vitest";
import { type ChaosOptions, createChaos, mulberry32 } from "../../src/emulator/chaos.js";
import { startEmulator } from "../../src/emulator/server.js";
import { API, call, SUB1, testModel } from "../emulator/fixture.js";

const STORAGE = `/subscriptions/${SUB1}/providers/Microsoft.Storage/storageAccounts`;

async function withChaos<T>(options: ChaosOptions, fn: (em: Awaited<ReturnType<typeof startEmulator>>, chaos: ReturnType<typeof createChaos>) => Promise<T>): Promise<T> {
  const chaos = createChaos(options);
  const em = await startEmulator({ model: testModel(), chaos });
  try {
    return await fn(em, chaos);
  } finally {
    await em.close();
  }
}

/** Sends each path `times` times in order and returns the statuses (0 for a reset connection). */
async function statuses(em: Awaited<ReturnType<typeof startEmulator>>, paths: string[], times: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    for (const p of paths) out.push(await call(em, p).then((r) => r.status, () => 0));
  }
  return out;
}

describe("chaos", () => {
  it("mulberry32 is deterministic and roughly uniform", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 10_000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it("the same seed gives the same faults for the same requests, another seed others; rates are honoured", async () => {
    const paths = Array.from({ length: 40 }, (_, i) => `${STORAGE}?${API}&n=${i}`);
    const opts = { rate429: 0.3, rate5xx: 0.2, resetRate: 0.1, maxConsecutive: 100 };
    const first = await withChaos({ seed: 1, ...opts }, (em) => statuses(em, paths, 3));
    const again = await withChaos({ seed: 1, ...opts }, (em) => statuses(em, paths, 3));
    const other = await withChaos({ seed: 2, ...opts }, (em) => statuses(em, paths, 3));
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    const share = (s: number) => first.filter((x) => x === s).length / first.length;
    expect(share(429)).toBeGreaterThan(0.15);
    expect(share(429)).toBeLessThan(0.45);
    expect(share(500) + share(503)).toBeGreaterThan(0.08);
    expect(share(0)).toBeGreaterThan(0.02);
    expect(share(200)).toBeGreaterThan(0.25);
  });

  it("never more than maxConsecutive faults in a row for one request", async () => {
    await withChaos({ seed: 9, rate429: 0.5, rate5xx: 0.5, maxConsecutive: 2 }, async (em) => {
      const s = await statuses(em, [`${STORAGE}?${API}`], 9);
      expect(s).toEqual([expect.any(Number), expect.any(Number), 200, expect.any(Number), expect.any(Number), 200, expect.any(Number), expect.any(Number), 200]);
      expect(s.filter((x) => x !== 200)).toHaveLength(6);
    });
  });

  it("a 429 carries Retry-After and retry-after-ms, and an ARM error body", async () => {
    await withChaos({ seed: 3, rate429: 1, retryAfterMs: 1500 }, async (em) => {
      const r = await call(em, `${STORAGE}?${API}`);
      expect(r.status).toBe(429);
      expect(r.headers["retry-after"]).toBe("2");
      expect(r.headers["retry-after-ms"]).toBe("1500");
      expect(r.json.error.code).toBe("TooManyRequests");
    });
  });

  it("nextLinkLoop points a page at itself; missingValue drops value; both only on their paths", async () => {
    await withChaos({ seed: 1, nextLinkLoop: [{ path: "/storageAccounts$" }], missingValue: [{ path: "^/v1\\.0/users$" }] }, async (em, chaos) => {
      const page = await call(em, `${STORAGE}?${API}`);
      expect(page.status).toBe(200);
      expect(Array.isArray(page.json.value)).toBe(true);
      expect(page.json.nextLink).toBe(`${em.url}${STORAGE}?${API}`);
      const users = await call(em, "/v1.0/users");
      expect(users.status).toBe(200);
      expect(users.json.value).toBeUndefined();
      expect(users.json["@odata.context"]).toBeDefined();
      const groups = await call(em, "/v1.0/groups");
      expect(Array.isArray(groups.json.value)).toBe(true);
      expect(chaos.injected.map((f) => f.kind)).toEqual(["nextLinkLoop", "missingValue"]);
    });
  });

  it("foreignNextLink points a list page's link at another host, only on its paths", async () => {
    await withChaos({ seed: 1, foreignNextLink: [{ path: "/storageAccounts$" }, { path: "^/v1\\.0/users$", origin: "https://elsewhere.invalid:8443" }] }, async (em, chaos) => {
      const page = await call(em, `${STORAGE}?${API}`);
      expect(page.status).toBe(200);
      expect(Array.isArray(page.json.value)).toBe(true);
      expect(page.json.nextLink).toBe(`https://evil.invalid${STORAGE}?$skiptoken=foreign&${API}`);
      const users = await call(em, "/v1.0/users");
      expect(users.json["@odata.nextLink"]).toMatch(/^https:\/\/elsewhere\.invalid:8443\/v1\.0\/users\?\$skiptoken=foreign/);
      const groups = await call(em, "/v1.0/groups");
      expect(groups.json["@odata.nextLink"]).toBeUndefined();
      expect(chaos.injected.map((f) => f.kind)).toEqual(["foreignNextLink", "foreignNextLink"]);
    });
  });

  it("reset destroys the connection; times limits a deterministic fault", async () => {
    await withChaos({ seed: 1, reset: [{ path: "/storageAccounts$", times: 1 }] }, async (em) => {
      await expect(call(em, `${STORAGE}?${API}`)).rejects.toThrow(/socket hang up|ECONNRESET/);
      expect((await call(em, `${STORAGE}?${API}`)).status).toBe(200);
    });
  });

  it("tokenMaxAgeMs refuses a token first seen too long ago, and not a fresh one", async () => {
    await withChaos({ seed: 1, tokenMaxAgeMs: 200 }, async (em, chaos) => {
      expect((await call(em, `${STORAGE}?${API}`, { token: "old-token" })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 300));
      const late = await call(em, `${STORAGE}?${API}`, { token: "old-token" });
      expect(late.status).toBe(401);
      expect(late.json.error.code).toBe("ExpiredAuthenticationToken");
      expect(late.headers["www-authenticate"]).toMatch(/invalid_token/);
      expect((await call(em, `${STORAGE}?${API}`, { token: "new-token" })).status).toBe(200);
      expect((await call(em, "/v1.0/users", { token: "old-token" })).json.error.code).toBe("InvalidAuthenticationToken");
      expect(chaos.tokens.size).toBe(2);
    });
  });
});
