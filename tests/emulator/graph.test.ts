/** Microsoft Graph routes of the emulator: collections, $select, $top, nextLink paging. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../src/emulator/server.js";
import { call, TENANT_ID, testModel } from "./fixture.js";

let em: Emulator;
beforeAll(async () => {
  em = await startEmulator({ model: testModel() });
});
afterAll(async () => {
  await em.close();
});

describe("Graph", () => {
  it("returns the organization collection with @odata.context, without unselected preferredDataLocation", async () => {
    const res = await call(em, "/v1.0/organization");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toContain("application/json");
    expect(res.headers["request-id"]).toBeTruthy();
    expect(res.json["@odata.context"]).toBe("https://graph.microsoft.com/v1.0/$metadata#organization");
    expect(res.json.value).toHaveLength(1);
    expect(res.json.value[0].id).toBe(TENANT_ID);
    expect(res.json.value[0].countryLetterCode).toBe("SE");
    expect(res.json.value[0]).not.toHaveProperty("preferredDataLocation");
  });

  it("honours $select: id plus only the selected properties", async () => {
    const res = await call(em, "/v1.0/users?$select=userPrincipalName,preferredDataLocation&$top=10");
    expect(res.json["@odata.context"]).toBe(
      "https://graph.microsoft.com/v1.0/$metadata#users(userPrincipalName,preferredDataLocation)",
    );
    expect(res.json.value[4]).toEqual({
      id: "00000000-0000-0000-0000-000000000005",
      userPrincipalName: "anstalld5@exempelkommun.se",
      preferredDataLocation: "NAM",
    });
  });

  it("returns the default user properties without $select (no preferredDataLocation, no usageLocation)", async () => {
    const res = await call(em, "/v1.0/users?$top=1");
    expect(res.json.value[0]).toEqual({
      id: "00000000-0000-0000-0000-000000000001",
      displayName: "Anställd 1",
      userPrincipalName: "anstalld1@exempelkommun.se",
      mail: "anstalld1@exempelkommun.se",
    });
  });

  it("pages with $top and an absolute @odata.nextLink on the same host", async () => {
    const ids: string[] = [];
    let next: string | undefined = "/v1.0/users?$select=id,preferredDataLocation&$top=2";
    let pages = 0;
    while (next) {
      const res = await call(em, next);
      expect(res.status).toBe(200);
      pages++;
      ids.push(...res.json.value.map((u: { id: string }) => u.id));
      next = res.json["@odata.nextLink"];
      if (next) {
        const url = new URL(next);
        expect(url.origin).toBe(em.url);
        expect(url.pathname).toBe("/v1.0/users");
        expect(url.searchParams.get("$top")).toBe("2");
        expect(url.searchParams.get("$select")).toBe("id,preferredDataLocation");
        expect(url.searchParams.get("$skiptoken")).toBeTruthy();
      }
    }
    expect(pages).toBe(3);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
  });

  it("uses the model page size when $top is absent", async () => {
    const res = await call(em, "/v1.0/users?$select=id");
    expect(res.json.value).toHaveLength(2);
    expect(res.json["@odata.nextLink"]).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/v1\.0\/users\?\$select=id&\$skiptoken=/);
  });

  it("rejects $top above 999", async () => {
    const res = await call(em, "/v1.0/users?$top=1000");
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("Request_UnsupportedQuery");
    expect(res.json.error.innerError["request-id"]).toBeTruthy();
  });

  it("serves sites via getAllSites and via search=*, groups and subscribedSkus, also under /beta", async () => {
    const all = await call(em, "/v1.0/sites/getAllSites?$select=id,siteCollection,webUrl");
    expect(all.json.value[0].siteCollection.dataLocationCode).toBe("EUR");
    const search = await call(em, "/v1.0/sites?search=*&$select=id,webUrl");
    expect(search.json.value.map((s: { webUrl: string }) => s.webUrl)).toEqual([
      "https://exempelkommun.sharepoint.com/sites/social",
    ]);
    const groups = await call(em, "/beta/groups?$select=id,displayName,preferredDataLocation");
    expect(groups.json.value).toEqual([{ id: "g1", displayName: "Socialtjänst", preferredDataLocation: "EUR" }]);
    const skus = await call(em, "/v1.0/subscribedSkus");
    expect(skus.json.value[0].skuPartNumber).toBe("SPE_E5");
  });

  it("answers unknown segments with Graph's BadRequest and unknown ids with Request_ResourceNotFound", async () => {
    const seg = await call(em, "/v1.0/devices");
    expect(seg.status).toBe(400);
    expect(seg.json.error).toMatchObject({ code: "BadRequest", message: "Resource not found for the segment 'devices'." });
    const user = await call(em, "/v1.0/users/nobody");
    expect(user.status).toBe(404);
    expect(user.json.error.code).toBe("Request_ResourceNotFound");
  });

  it("answers 401 InvalidAuthenticationToken without a bearer token", async () => {
    const res = await call(em, "/v1.0/users", { token: null });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("InvalidAuthenticationToken");
    expect(res.json.error.innerError).toEqual({
      date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
      "request-id": expect.any(String),
      "client-request-id": expect.any(String),
    });
  });
});
