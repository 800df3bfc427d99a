/** Emulator faults, authentication, method checks, latency and the request log. */
import { describe, expect, it } from "vitest";
import type { ModelFault } from "../../src/emulator/model.js";
import { startEmulator } from "../../src/emulator/server.js";
import { API, call, SUB1, TOKEN, testModel } from "./fixture.js";

const STORAGE = `/subscriptions/${SUB1}/providers/Microsoft.Storage/storageAccounts`;

async function withFaults(faults: ModelFault[], fn: (em: Awaited<ReturnType<typeof startEmulator>>) => Promise<void>) {
  const em = await startEmulator({ model: testModel({ faults }) });
  try {
    await fn(em);
  } finally {
    await em.close();
  }
}

describe("authentication and methods", () => {
  it("answers 401 AuthenticationFailed without Authorization, and records it", async () => {
    await withFaults([], async (em) => {
      const res = await call(em, `${STORAGE}?${API}`, { token: null });
      expect(res.status).toBe(401);
      expect(res.json).toEqual({
        error: {
          code: "AuthenticationFailed",
          message: "Authentication failed. The 'Authorization' header is missing.",
        },
      });
      expect(em.requests).toEqual([
        expect.objectContaining({ method: "GET", path: STORAGE, status: 401, hasAuthorization: false, host: "arm" }),
      ]);
    });
  });

  it("answers 405 with an ARM error body for PUT and records it", async () => {
    await withFaults([], async (em) => {
      const res = await call(em, `${STORAGE}/newaccount?${API}`, { method: "PUT" });
      expect(res.status).toBe(405);
      expect(res.json.error.code).toBe("MethodNotAllowed");
      expect(res.json.error.message).toContain("PUT");
      expect(em.requests.at(-1)).toMatchObject({ method: "PUT", status: 405 });
    });
  });

  it("never stores the bearer token in the request log", async () => {
    await withFaults([], async (em) => {
      await call(em, `/subscriptions?${API}`);
      await call(em, "/v1.0/users?$select=id");
      const log = JSON.stringify(em.requests);
      expect(log).not.toContain(TOKEN);
      expect(log).not.toContain("Bearer");
      expect(em.requests.map((r) => [r.host, r.hasAuthorization, r.status])).toEqual([
        ["arm", true, 200],
        ["graph", true, 200],
      ]);
      expect(em.requests[1]!.query).toBe("$select=id");
    });
  });
});

describe("faults", () => {
  it("answers 403 AuthorizationFailed for the matching path, in ARM shape, other paths unaffected", async () => {
    await withFaults([{ path: "/providers/Microsoft\\.KeyVault/vaults$", status: 403 }], async (em) => {
      const res = await call(em, `/subscriptions/${SUB1}/providers/microsoft.keyvault/vaults?${API}`);
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe("AuthorizationFailed");
      expect(res.json.error.message).toMatch(
        /^The client '[0-9a-f-]+' with object id '[0-9a-f-]+' does not have authorization to perform action 'Microsoft\.KeyVault\/vaults\/read' over scope '.+' or the scope is invalid\. If access was recently granted, please refresh your credentials\.$/,
      );
      const other = await call(em, `${STORAGE}?${API}`);
      expect(other.status).toBe(200);
    });
  });

  it("answers 403 in Graph shape on Graph paths", async () => {
    await withFaults([{ path: "^/v1\\.0/users", status: 403 }], async (em) => {
      const res = await call(em, "/v1.0/users?$select=id");
      expect(res.status).toBe(403);
      expect(res.json.error).toMatchObject({
        code: "Authorization_RequestDenied",
        message: "Insufficient privileges to complete the operation.",
        innerError: { "request-id": expect.any(String) },
      });
    });
  });

  it("honours times, then behaves normally, and sends Retry-After", async () => {
    await withFaults([{ path: "storageAccounts", status: 429, retryAfter: 2, times: 2 }], async (em) => {
      const first = await call(em, `${STORAGE}?${API}`);
      expect(first.status).toBe(429);
      expect(first.headers["retry-after"]).toBe("2");
      expect(first.json.error.code).toBe("TooManyRequests");
      expect((await call(em, `${STORAGE}?${API}`)).status).toBe(429);
      const third = await call(em, `${STORAGE}?${API}`);
      expect(third.status).toBe(200);
      expect(third.headers["retry-after"]).toBeUndefined();
      expect(em.requests.map((r) => r.status)).toEqual([429, 429, 200]);
    });
  });

  it("uses the fault's own code and message, and matches only its method", async () => {
    await withFaults(
      [{ method: "POST", path: "ResourceGraph", status: 503, code: "ServerBusy", message: "Try later." }],
      async (em) => {
        const post = await call(em, `/providers/Microsoft.ResourceGraph/resources?${API}`, { method: "POST" });
        expect(post.status).toBe(503);
        expect(post.json).toEqual({ error: { code: "ServerBusy", message: "Try later." } });
        expect((await call(em, `/subscriptions?${API}`)).status).toBe(200);
      },
    );
  });

  it("answers 409 with the fault's code (e.g. a provider not registered)", async () => {
    await withFaults(
      [{ path: "Microsoft\\.Sql/servers$", status: 409, code: "MissingSubscriptionRegistration", message: "Not registered." }],
      async (em) => {
        const res = await call(em, `/subscriptions/${SUB1}/providers/Microsoft.Sql/servers?${API}`);
        expect(res.status).toBe(409);
        expect(res.json.error.code).toBe("MissingSubscriptionRegistration");
      },
    );
  });

  it("truncates the real body to half and presents it as a 200", async () => {
    await withFaults([{ path: "storageAccounts$", status: 200, truncate: true, times: 1 }], async (em) => {
      const cut = await call(em, `${STORAGE}?${API}`);
      const whole = await call(em, `${STORAGE}?${API}`);
      expect(cut.status).toBe(200);
      expect(cut.json).toBeUndefined();
      expect(() => JSON.parse(cut.text)).toThrow();
      expect(cut.text.length).toBe(Math.floor(whole.text.length / 2));
      expect(whole.text.startsWith(cut.text)).toBe(true);
    });
  });
});

describe("latency", () => {
  it("delays each response by latencyMs", async () => {
    const em = await startEmulator({ model: testModel(), latencyMs: 150 });
    try {
      const t0 = performance.now();
      await call(em, `/subscriptions?${API}`);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    } finally {
      await em.close();
    }
  });
});
