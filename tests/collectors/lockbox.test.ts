import { describe, expect, it } from "vitest";
import { lockboxCollector } from "../../src/collectors/azure/lockbox.js";
import { TENANT, arm, forbidden, harness, requests, throttled, useNock } from "./helpers.js";

const PATH = `/providers/Microsoft.CustomerLockbox/tenantOptedIn/${TENANT}`;

describe("customer lockbox collector", () => {
  useNock();

  it("reads the tenant opt-in with the spec's api-version", async () => {
    const { ctx, snap } = harness();
    arm().get(PATH).query({ "api-version": "2018-02-28-preview" }).reply(200, { isOptedIn: true });
    await lockboxCollector.collect(ctx, snap);
    expect(snap.tenant.customerLockbox).toEqual({ isOptedIn: true });
    expect(snap.apiVersions.customerLockbox).toBe("2018-02-28-preview");
    expect(snap.coverage).toEqual([]);
  });

  it("records false as false (not absent)", async () => {
    const { ctx, snap } = harness();
    arm().get(PATH).query(true).reply(200, { isOptedIn: false });
    await lockboxCollector.collect(ctx, snap);
    expect(snap.tenant.customerLockbox).toEqual({ isOptedIn: false });
  });

  it("403 → coverage on /tenants/{t}, lockbox left absent", async () => {
    const { ctx, snap } = harness();
    arm().get(PATH).query(true).reply(403, forbidden("Microsoft.CustomerLockbox/TenantOptedIn/read", "/"));
    await lockboxCollector.collect(ctx, snap);
    expect(snap.tenant.customerLockbox).toBeUndefined();
    expect(snap.coverage).toEqual([
      {
        scope: `/tenants/${TENANT}`,
        collection: "customerLockbox",
        operation: "GET /providers/Microsoft.CustomerLockbox/tenantOptedIn/{tenantId}",
        httpStatus: 403,
        code: "AuthorizationFailed",
        message: expect.stringContaining("does not have authorization"),
        permission: "Microsoft.CustomerLockbox/TenantOptedIn/read",
      },
    ]);
  });

  it("retries 429 (with and without Retry-After) through the generic client", async () => {
    const { ctx, snap } = harness();
    arm()
      .get(PATH)
      .query(true)
      .reply(429, throttled, { "Retry-After": "0" })
      .get(PATH)
      .query(true)
      .reply(429, throttled)
      .get(PATH)
      .query(true)
      .reply(200, { isOptedIn: true });
    await lockboxCollector.collect(ctx, snap);
    expect(snap.tenant.customerLockbox).toEqual({ isOptedIn: true });
    expect(requests).toHaveLength(3);
  });

  it("truncated JSON → MalformedResponse", async () => {
    const { ctx, snap } = harness();
    arm().get(PATH).query(true).reply(200, '{"isOpted', { "Content-Type": "application/json" });
    await lockboxCollector.collect(ctx, snap);
    expect(snap.tenant.customerLockbox).toBeUndefined();
    expect(snap.coverage.map((c) => c.code)).toEqual(["MalformedResponse"]);
  });

  it("404 → a coverage gap (the spec documents no 404 as 'not opted in'), lockbox left absent", async () => {
    const { ctx, snap } = harness();
    arm().get(PATH).query(true).reply(404, { error: { code: "NotFound", message: "Not found" } });
    await lockboxCollector.collect(ctx, snap);
    expect(snap.tenant.customerLockbox).toBeUndefined();
    expect(snap.coverage).toEqual([
      {
        scope: `/tenants/${TENANT}`,
        collection: "customerLockbox",
        operation: "GET /providers/Microsoft.CustomerLockbox/tenantOptedIn/{tenantId}",
        httpStatus: 404,
        code: "NotFound",
        message: "Not found",
        permission: "Microsoft.CustomerLockbox/TenantOptedIn/read",
      },
    ]);
  });

  it("200 without a boolean isOptedIn → opt-in unknown (null), no coverage", async () => {
    const { ctx, snap } = harness();
    arm().get(PATH).query(true).reply(200, { isOptedIn: "yes" });
    await lockboxCollector.collect(ctx, snap);
    expect(snap.tenant.customerLockbox).toEqual({ isOptedIn: null });
    expect(snap.coverage).toEqual([]);
  });
});
