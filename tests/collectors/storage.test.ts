import { describe, expect, it } from "vitest";
import { storageCollector } from "../../src/collectors/azure/storage.js";
import { storageAccount } from "./fixtures.js";
import nock from "nock";
import { CLOUDS } from "../../src/collectors/cloud.js";
import { ARM, FAST_RETRY, FOREIGN, SUB, SUB_ID, arm, forbidden, harness, notRegistered, record, requests, throttled, trap, useNock } from "./helpers.js";

const PATH = `/subscriptions/${SUB}/providers/Microsoft.Storage/storageAccounts`;
const OP = "GET /subscriptions/{s}/providers/Microsoft.Storage/storageAccounts";

describe("storage collector", () => {
  useNock();

  it("pages over an absolute nextLink and keeps the raw REST payload", async () => {
    const { ctx, snap, sub } = harness();
    arm()
      .get(PATH)
      .query((q) => typeof q["api-version"] === "string")
      .reply(200, {
        value: [storageAccount("stdata01", { keySource: "Microsoft.Keyvault", sku: "Standard_RAGRS" })],
        nextLink: `${ARM}${PATH}?api-version=2026-09-01&$skiptoken=page2`,
      })
      .get(PATH)
      .query({ "api-version": "2026-09-01", $skiptoken: "page2" })
      .reply(200, { value: [storageAccount("stlogs02")] });

    await storageCollector.collect(ctx, sub);

    const accounts = sub.collections.storageAccounts ?? [];
    expect(accounts.map((a) => a.name)).toEqual(["stdata01", "stlogs02"]);
    // Raw REST names, not the SDK's flattened model (which has `encryption.keySource` at top level).
    const first = accounts[0]!;
    expect((first.properties as { encryption: { keySource: string } }).encryption.keySource).toBe("Microsoft.Keyvault");
    expect((first.properties as { encryption: { keyvaultproperties: { keyname: string } } }).encryption.keyvaultproperties.keyname).toBe("cmk-storage");
    expect(first).not.toHaveProperty("encryption");
    expect((first.properties as { secondaryLocation: string }).secondaryLocation).toBe("swedensouth");
    expect(first.sku).toEqual({ name: "Standard_RAGRS", tier: "Standard" });
    expect(snap.coverage).toEqual([]);
    expect(snap.apiVersions.storageAccounts).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(requests).toHaveLength(2);
  });

  it("records 403 AuthorizationFailed as coverage and leaves the collection absent", async () => {
    const { ctx, snap, sub } = harness();
    arm()
      .get(PATH)
      .query(true)
      .reply(403, forbidden("Microsoft.Storage/storageAccounts/read", SUB_ID));

    await storageCollector.collect(ctx, sub);

    expect(sub.collections.storageAccounts).toBeUndefined();
    expect(snap.coverage).toEqual([
      {
        scope: SUB_ID,
        collection: "storageAccounts",
        operation: OP,
        httpStatus: 403,
        code: "AuthorizationFailed",
        message: expect.stringContaining("does not have authorization"),
        permission: "Microsoft.Storage/storageAccounts/read",
      },
    ]);
  });

  it("records a 404 on the list as exactly one coverage entry; the collection is not treated as read", async () => {
    const { ctx, snap, sub } = harness();
    arm()
      .get(PATH)
      .query(true)
      .reply(404, { error: { code: "ResourceNotFound", message: "The resource was not found." } });
    await storageCollector.collect(ctx, sub);
    expect(sub.collections.storageAccounts).toBeUndefined();
    expect(snap.coverage).toEqual([
      {
        scope: SUB_ID,
        collection: "storageAccounts",
        operation: "GET /subscriptions/{s}/providers/Microsoft.Storage/storageAccounts",
        httpStatus: 404,
        code: "ResourceNotFound",
        message: "The resource was not found.",
        permission: "Microsoft.Storage/storageAccounts/read",
      },
    ]);
    expect(sub.notRegisteredProviders).toBeUndefined();
  });

  it("treats 409 MissingSubscriptionRegistration as not registered, without coverage", async () => {
    const { ctx, snap, sub } = harness();
    arm().get(PATH).query(true).reply(409, notRegistered("Microsoft.Storage"));
    await storageCollector.collect(ctx, sub);
    expect(sub.collections.storageAccounts).toEqual([]);
    expect(sub.notRegisteredProviders).toEqual(["Microsoft.Storage"]);
    expect(snap.coverage).toEqual([]);
  });

  it("skips the request when the provider list said NotRegistered", async () => {
    const { ctx, snap, sub } = harness();
    ctx.setProviders(SUB, [{ id: `${SUB_ID}/providers/Microsoft.Storage`, namespace: "Microsoft.Storage", registrationState: "NotRegistered" }]);
    await storageCollector.collect(ctx, sub); // no nock mock: a request would fail the test
    expect(sub.collections.storageAccounts).toEqual([]);
    expect(sub.notRegisteredProviders).toEqual(["Microsoft.Storage"]);
    expect(snap.coverage).toEqual([]);
    expect(requests).toEqual([]);
  });

  it("retries a 429 with Retry-After: 0 and completes the data", async () => {
    const { ctx, snap, sub } = harness();
    arm()
      .get(PATH)
      .query(true)
      .reply(429, throttled, { "Retry-After": "0" })
      .get(PATH)
      .query(true)
      .reply(200, { value: [storageAccount("stdata01")] });
    await storageCollector.collect(ctx, sub);
    expect(sub.collections.storageAccounts?.map((a) => a.name)).toEqual(["stdata01"]);
    expect(snap.coverage).toEqual([]);
    expect(requests).toHaveLength(2);
  });

  it("retries a 429 without Retry-After (the SDK alone would not)", async () => {
    const { ctx, snap, sub } = harness();
    arm()
      .get(PATH)
      .query(true)
      .reply(429, throttled)
      .get(PATH)
      .query(true)
      .reply(200, { value: [storageAccount("stdata01")] });
    await storageCollector.collect(ctx, sub);
    expect(sub.collections.storageAccounts?.map((a) => a.name)).toEqual(["stdata01"]);
    expect(snap.coverage).toEqual([]);
  });

  it("gives up on a persistent 429 after the retry budget with TooManyRequests coverage", async () => {
    const { ctx, snap, sub } = harness();
    arm()
      .get(PATH)
      .query(true)
      .times(FAST_RETRY.maxRetries + 1)
      .reply(429, throttled);
    await storageCollector.collect(ctx, sub);
    expect(sub.collections.storageAccounts).toBeUndefined();
    expect(snap.coverage.map((c) => [c.scope, c.collection, c.httpStatus, c.code])).toEqual([[SUB_ID, "storageAccounts", 429, "TooManyRequests"]]);
    expect(requests).toHaveLength(FAST_RETRY.maxRetries + 1);
  });

  it("records truncated JSON as MalformedResponse", async () => {
    const { ctx, snap, sub } = harness();
    const body = JSON.stringify({ value: [storageAccount("stdata01")] });
    arm()
      .get(PATH)
      .query(true)
      .reply(200, body.slice(0, body.length / 2), { "Content-Type": "application/json" });
    await storageCollector.collect(ctx, sub);
    expect(sub.collections.storageAccounts).toBeUndefined();
    expect(snap.coverage.map((c) => [c.collection, c.code])).toEqual([["storageAccounts", "MalformedResponse"]]);
  });

  it("records a page without value as MalformedResponse", async () => {
    const { ctx, snap, sub } = harness();
    arm()
      .get(PATH)
      .query(true)
      .reply(200, { nextLink: null, count: 1 });
    await storageCollector.collect(ctx, sub);
    expect(sub.collections.storageAccounts).toBeUndefined();
    expect(snap.coverage.map((c) => [c.collection, c.code])).toEqual([["storageAccounts", "MalformedResponse"]]);
  });

  it("stops a nextLink loop with PagingLoop", async () => {
    const { ctx, snap, sub } = harness();
    const loop = `${ARM}${PATH}?api-version=2026-09-01&$skiptoken=again`;
    arm()
      .get(PATH)
      .query((q) => !q.$skiptoken)
      .reply(200, { value: [storageAccount("stdata01")], nextLink: loop })
      .get(PATH)
      .query((q) => q.$skiptoken === "again")
      .reply(200, { value: [storageAccount("stdata02")], nextLink: loop });
    await storageCollector.collect(ctx, sub);
    expect(sub.collections.storageAccounts).toBeUndefined();
    expect(snap.coverage.map((c) => [c.collection, c.code])).toEqual([["storageAccounts", "PagingLoop"]]);
    expect(requests).toHaveLength(2);
  });

  it("never follows a nextLink to another host: ForeignNextLink naming the host, no request (no token) sent there", async () => {
    const { ctx, snap, sub } = harness();
    const foreign = trap(FOREIGN);
    arm()
      .get(PATH)
      .query(true)
      .reply(200, { value: [storageAccount("stdata01")], nextLink: `${FOREIGN}${PATH}?api-version=2026-09-01&$skiptoken=SECRET-p2` });
    await storageCollector.collect(ctx, sub);
    expect(foreign.release()).toEqual([]);
    expect(sub.collections.storageAccounts).toBeUndefined();
    expect(snap.coverage).toEqual([
      {
        scope: SUB_ID,
        collection: "storageAccounts",
        operation: OP,
        code: "ForeignNextLink",
        message: expect.stringContaining("'evil.example'"),
        permission: "Microsoft.Storage/storageAccounts/read",
      },
    ]);
    expect(snap.coverage[0]?.message).not.toMatch(/SECRET|skiptoken|\/subscriptions\//i);
    expect(requests).toHaveLength(1);
  });

  it("refuses an http:// nextLink on the ARM host itself", async () => {
    const { ctx, snap, sub } = harness();
    const plain = trap(ARM.replace(/^https:/, "http:"));
    arm()
      .get(PATH)
      .query(true)
      .reply(200, { value: [storageAccount("stdata01")], nextLink: `${ARM.replace(/^https:/, "http:")}${PATH}?api-version=2026-09-01&$skiptoken=p2` });
    await storageCollector.collect(ctx, sub);
    expect(plain.release()).toEqual([]);
    expect(sub.collections.storageAccounts).toBeUndefined();
    expect(snap.coverage.map((c) => [c.collection, c.code])).toEqual([["storageAccounts", "ForeignNextLink"]]);
    expect(snap.coverage[0]?.message).toContain("http");
  });

  it("with --arm-endpoint, pages on that host and refuses a nextLink back to the public ARM host", async () => {
    const EMU = "https://127.0.0.1:8443";
    const cloud = { ...CLOUDS.AzureCloud!, armEndpoint: EMU };
    const emu = () => nock(EMU, { reqheaders: { authorization: "Bearer test-token" } }).on("request", record);

    const ok = harness({ cloud });
    emu()
      .get(PATH)
      .query((q) => !q.$skiptoken)
      .reply(200, { value: [storageAccount("stdata01")], nextLink: `https://127.0.0.1:8443${PATH}?api-version=2026-09-01&$skiptoken=p2` })
      .get(PATH)
      .query((q) => q.$skiptoken === "p2")
      .reply(200, { value: [storageAccount("stdata02")] });
    await storageCollector.collect(ok.ctx, ok.sub);
    expect(ok.snap.coverage).toEqual([]);
    expect(ok.sub.collections.storageAccounts?.map((a) => a.name)).toEqual(["stdata01", "stdata02"]);

    const bad = harness({ cloud });
    const publicArm = trap(ARM);
    emu()
      .get(PATH)
      .query(true)
      .reply(200, { value: [storageAccount("stdata01")], nextLink: `${ARM}${PATH}?api-version=2026-09-01&$skiptoken=p2` });
    await storageCollector.collect(bad.ctx, bad.sub);
    expect(publicArm.release()).toEqual([]);
    expect(bad.sub.collections.storageAccounts).toBeUndefined();
    expect(bad.snap.coverage.map((c) => [c.collection, c.code])).toEqual([["storageAccounts", "ForeignNextLink"]]);
    expect(bad.snap.coverage[0]?.message).toContain("'management.azure.com', not '127.0.0.1:8443'");
  });
});
