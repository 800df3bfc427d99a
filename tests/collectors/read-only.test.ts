/**
 * The read-only guard (src/collectors/read-only.ts): a request that does not read never leaves
 * Hemvist, whichever client a collector builds, and stops the run instead of becoming coverage.
 */
import { describe, expect, it } from "vitest";
import nock from "nock";
import { getClient } from "@azure-rest/core-client";
import { StorageManagementClient } from "@azure/arm-storage";
import { KeyVaultManagementClient } from "@azure/arm-keyvault";
import { createGraphClient } from "../../src/collectors/m365/graph.js";
import type { Context, Middleware } from "@microsoft/microsoft-graph-client";
import { isReadRequest, isWriteRefused, readOnlyMiddleware, WriteRefusedError } from "../../src/collectors/read-only.js";
import { ARM, SUB, SUB_ID, graph, harness, requests, staticCredential, useNock } from "./helpers.js";

const ACCOUNT = `/subscriptions/${SUB}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata01`;

describe("isReadRequest", () => {
  it.each([
    ["GET", `${ARM}${ACCOUNT}?api-version=2023-05-01`, true],
    ["get", `${ARM}${ACCOUNT}`, true],
    ["HEAD", `${ARM}${ACCOUNT}`, true],
    ["PUT", `${ARM}${ACCOUNT}?api-version=2023-05-01`, false],
    ["PATCH", `${ARM}${ACCOUNT}`, false],
    ["DELETE", `${ARM}${ACCOUNT}`, false],
    ["OPTIONS", `${ARM}${ACCOUNT}`, false],
    // Listing an account's keys is a POST: refused like a write.
    ["POST", `${ARM}${ACCOUNT}/listKeys?api-version=2023-05-01`, false],
    ["POST", `${ARM}/subscriptions/${SUB}/providers/Microsoft.Storage/checkNameAvailability?api-version=2023-05-01`, false],
    // The Resource Graph query: the one reading POST, in any casing, behind a proxy's path prefix too.
    ["POST", `${ARM}/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01`, true],
    ["post", `${ARM}/PROVIDERS/microsoft.resourcegraph/Resources/?api-version=2021-03-01`, true],
    ["POST", `${ARM}/providers/Microsoft.ResourceGraph/resources//`, true],
    ["POST", "https://proxy.kommun.se/arm/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01", true],
    ["POST", `${ARM}/providers/Microsoft.ResourceGraph/resources/extra?api-version=2021-03-01`, false],
    ["POST", `${ARM}/providers/Microsoft.ResourceGraph/resourcesHistory?api-version=2021-03-01`, false],
    ["PUT", `${ARM}/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01`, false],
  ])("%s %s → %s", (method, url, read) => {
    expect(isReadRequest(method, url)).toBe(read);
  });

  it("names the method and the path, never the query (it may carry a skip token)", () => {
    const e = new WriteRefusedError("POST", `${ARM}${ACCOUNT}/listKeys?api-version=2023-05-01&$skipToken=secret`);
    expect(e.name).toBe("WriteRefused");
    expect(e.message).toBe(
      `refused to send POST ${ACCOUNT}/listKeys: Hemvist only reads (GET, HEAD, and POST only for a Resource Graph query); a collector that asks for anything else is a bug, please report it.`,
    );
    expect(isWriteRefused(e)).toBe(true);
    expect(isWriteRefused({ name: "GraphError", code: "WriteRefused" })).toBe(true);
    expect(isWriteRefused(new Error("WriteRefused"))).toBe(false);
    expect(isWriteRefused(undefined)).toBe(false);
    expect(isWriteRefused(null)).toBe(false);
    expect(isWriteRefused("WriteRefused")).toBe(false);
  });

  it("a URL that does not parse is named without its query", () => {
    expect(new WriteRefusedError("PUT", "subscriptions/x?$skipToken=secret").message).toMatch(/^refused to send PUT subscriptions\/x: /);
  });
});

describe("readOnlyMiddleware, on the contexts the Graph client builds", () => {
  /** The middleware in front of a next one that records what reached it. */
  function guarded(): { mw: Middleware; reached: string[] } {
    const reached: string[] = [];
    return { reached, mw: readOnlyMiddleware({ execute: async (c: Context) => void reached.push(typeof c.request === "string" ? c.request : c.request.url) }) };
  }
  const url = "https://graph.microsoft.com/v1.0/users/u1";

  it.each([
    ["a URL with the method in the options", { request: url, options: { method: "GET" } }, true],
    ["a URL without options (fetch's default, GET)", { request: url }, true],
    ["a URL with options but no method", { request: url, options: {} }, true],
    ["a Request without options", { request: new Request(url) }, true],
    ["a Request whose method is DELETE", { request: new Request(url, { method: "DELETE" }) }, false],
    ["a URL with a lower-case patch in the options", { request: url, options: { method: "patch" } }, false],
    ["a Request with POST in the options", { request: new Request(url), options: { method: "POST" } }, false],
  ])("%s → sent: %s", async (_what, context, sent) => {
    const { mw, reached } = guarded();
    const run = mw.execute(context as Context);
    if (sent) {
      await run;
      expect(reached).toEqual([url]);
    } else {
      await expect(run).rejects.toMatchObject({ name: "WriteRefused", message: expect.stringMatching(/^refused to send (DELETE|PATCH|POST) \/v1\.0\/users\/u1: /) });
      expect(reached).toEqual([]);
    }
  });
});

describe("ARM clients built from the framework's options", () => {
  useNock();

  it("never send a key listing or a write: nothing reaches the wire", async () => {
    const { ctx } = harness();
    const storage = new StorageManagementClient(ctx.credential, SUB, ctx.armClientOptions);
    await expect(storage.storageAccounts.listKeys("rg-data", "stdata01")).rejects.toMatchObject({ name: "WriteRefused", message: expect.stringContaining(`POST ${ACCOUNT}/listKeys:`) });
    await expect(storage.storageAccounts.delete("rg-data", "stdata01")).rejects.toMatchObject({ name: "WriteRefused", message: expect.stringContaining(`DELETE ${ACCOUNT}:`) });
    await expect(storage.storageAccounts.update("rg-data", "stdata01", { minimumTlsVersion: "TLS1_2" })).rejects.toMatchObject({
      name: "WriteRefused",
      message: expect.stringContaining(`PATCH ${ACCOUNT}:`),
    });
    const kv = new KeyVaultManagementClient(ctx.credential, SUB, ctx.armClientOptions);
    await expect(kv.vaults.updateAccessPolicy("rg-keys", "kv-cmk-sc", "add", { properties: { accessPolicies: [] } })).rejects.toMatchObject({
      name: "WriteRefused",
      message: expect.stringContaining("PUT /subscriptions/"),
    });
    // useNock's afterEach also fails on any request no interceptor matched.
    expect(requests).toEqual([]);
  });

  it("stop the run inside a read instead of marking the scope not assessed", async () => {
    const { ctx, snap } = harness();
    const storage = new StorageManagementClient(ctx.credential, SUB, ctx.armClientOptions);
    await expect(
      ctx.read({ subscriptionId: SUB, scope: SUB_ID, collection: "storageAccounts", operation: "POST listKeys" }, () => storage.storageAccounts.listKeys("rg-data", "stdata01")),
    ).rejects.toMatchObject({ name: "WriteRefused" });
    expect(snap.coverage).toEqual([]);
  });

  it("send a Resource Graph query (POST) and a GET", async () => {
    const { ctx } = harness();
    // Plain scopes: the suite's recorder allows only GETs, and this POST is the one reading POST.
    const scope = nock(ARM, { reqheaders: { authorization: "Bearer test-token" } })
      .post("/providers/Microsoft.ResourceGraph/resources", { subscriptions: [SUB], query: "Resources | project id" })
      .query({ "api-version": "2021-03-01" })
      .reply(200, { totalRecords: 0, count: 0, data: [], facets: [], resultTruncated: "false" })
      .get(ACCOUNT)
      .query(true)
      .reply(200, { id: ACCOUNT, name: "stdata01", type: "Microsoft.Storage/storageAccounts", location: "swedencentral", properties: {} });
    const client = getClient(ARM, ctx.credential, { ...(ctx.armClientOptions as object), credentials: { scopes: ["https://management.azure.com/.default"] } });
    const res = await client.pathUnchecked("/providers/Microsoft.ResourceGraph/resources").post({
      queryParameters: { "api-version": "2021-03-01" },
      contentType: "application/json",
      body: { subscriptions: [SUB], query: "Resources | project id" },
    });
    expect(res.status).toBe("200");
    expect(res.body).toMatchObject({ resultTruncated: "false" });
    const storage = new StorageManagementClient(ctx.credential, SUB, ctx.armClientOptions);
    expect((await storage.storageAccounts.getProperties("rg-data", "stdata01")).name).toBe("stdata01");
    expect(scope.isDone()).toBe(true);
  });
});

describe("the Graph client", () => {
  useNock();

  it("sends no PATCH, POST, PUT or DELETE, and asks for no token for them", async () => {
    const credential = staticCredential();
    const { ctx } = harness({ credential });
    const client = createGraphClient(ctx);
    await expect(client.api("/users/8f2c1d4e-0000-4000-8000-000000000001").patch({ preferredDataLocation: "EUR" })).rejects.toMatchObject({
      code: "WriteRefused",
      message: expect.stringContaining("refused to send PATCH /v1.0/users/8f2c1d4e-0000-4000-8000-000000000001:"),
    });
    await expect(client.api("/groups").post({ displayName: "x" })).rejects.toMatchObject({ code: "WriteRefused", message: expect.stringContaining("refused to send POST /v1.0/groups:") });
    await expect(client.api("/sites/root").put({})).rejects.toMatchObject({ code: "WriteRefused" });
    await expect(client.api("/users/u1").delete()).rejects.toMatchObject({ code: "WriteRefused", message: expect.stringContaining("refused to send DELETE /v1.0/users/u1:") });
    expect(credential.scopes).toEqual([]);
    expect(requests).toEqual([]);
  });

  it("sends a GET with its token", async () => {
    const { ctx } = harness();
    graph().get("/v1.0/organization").reply(200, { value: [{ id: "72f988bf-86f1-41af-91ab-2d7cd011db47", countryLetterCode: "SE" }] });
    const client = createGraphClient(ctx);
    const body = await client.api("/organization").get();
    expect(body.value[0].countryLetterCode).toBe("SE");
    expect(requests).toEqual(["GET /v1.0/organization"]);
  });
});
