/**
 * The raw capture (src/collectors/capture.ts) driven directly: the raw-capture policy with a
 * scripted `next` inside `captureRead`, and `capturePage`/`anchorRead`/`drainList` as self-paging
 * readers call them. Pages are ARM list shapes (`value`, `nextLink`) as in
 * specification/storage/resource-manager/Microsoft.Storage/stable/2023-05-01/examples/StorageAccountList.json,
 * and the 403 body is ARM's AuthorizationFailed.
 */
import { createHttpHeaders, createPipelineRequest, type PipelineRequest, type PipelineResponse, RestError } from "@azure/core-rest-pipeline";
import { describe, expect, it } from "vitest";
import { anchorRead, capturePage, captureRead, checkNextLink, currentRead, drainList, rawCapturePolicy, type ReadState } from "../../src/collectors/capture.js";
import { CollectionError } from "../../src/collectors/failures.js";
import { ARM, SUB_ID, forbidden } from "./helpers.js";

const LIST = `${ARM}${SUB_ID}/providers/Microsoft.Storage/storageAccounts`;
const page1 = `${LIST}?api-version=2023-05-01`;
const page2 = `${LIST}?api-version=2023-05-01&$skiptoken=2`;
const account = (name: string) => ({
  id: `${SUB_ID}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/${name}`,
  name,
  type: "Microsoft.Storage/storageAccounts",
  location: "swedencentral",
  kind: "StorageV2",
  sku: { name: "Standard_ZRS", tier: "Standard" },
  properties: { minimumTlsVersion: "TLS1_2", supportsHttpsTrafficOnly: true },
});

const fresh = (): ReadState => ({ items: [], list: false, seen: new Set() });

/** A `next` answering the requests in order with (status, body text); records the URLs it got. */
function script(answers: [number, string | null | undefined][]) {
  const urls: string[] = [];
  const next = async (req: PipelineRequest): Promise<PipelineResponse> => {
    urls.push(req.url);
    const [status, body] = answers.shift() ?? [500, undefined];
    return { request: req, status, headers: createHttpHeaders(), bodyAsText: body };
  };
  return { next, urls };
}

/** Sends the URLs through the raw-capture policy inside one read; resolves to the state and the error code, if any. */
async function readThrough(st: ReadState, targets: string[], answers: [number, string | null | undefined][]) {
  const policy = rawCapturePolicy();
  const { next, urls } = script(answers);
  const statuses: number[] = [];
  let code: string | undefined;
  try {
    await captureRead(st, async () => {
      for (const u of targets) statuses.push((await policy.sendRequest(createPipelineRequest({ url: u }), next)).status);
    });
  } catch (e) {
    code = e instanceof CollectionError ? e.code : `not a CollectionError: ${String(e)}`;
  }
  return { st, urls, statuses, code };
}

describe("rawCapturePolicy", () => {
  it("records every page's items, the first api-version, and anchors the read on the first request's origin", async () => {
    const st = fresh();
    st.list = true;
    const { urls, code } = await readThrough(st, [page1, page2], [
      [200, JSON.stringify({ value: [account("sta")], nextLink: page2 })],
      [200, JSON.stringify({ value: [account("stb")] })],
    ]);
    expect(code).toBeUndefined();
    expect(urls).toEqual([page1, page2]);
    expect(st.items).toEqual([account("sta"), account("stb")]);
    expect(st.apiVersion).toBe("2023-05-01");
    expect(st.origin).toBe(ARM);
    expect([...st.seen]).toEqual([page1, page2]);
  });

  it("keeps the first api-version of a read; a request without one records none", async () => {
    const a = await readThrough(fresh(), [`${SUB_ID}?api-version=2022-12-01`, `${SUB_ID}?api-version=2024-01-01`].map((p) => `${ARM}${p}`), [
      [200, '{"id":"x1"}'],
      [200, '{"id":"x2"}'],
    ]);
    expect(a.st.apiVersion).toBe("2022-12-01");
    const b = await readThrough(fresh(), [`${ARM}${SUB_ID}`], [[200, '{"id":"x"}']]);
    expect(b.st.apiVersion).toBeUndefined();
  });

  it("the errors' messages say what was wrong", async () => {
    const messageOf = async (list: boolean, body: string | undefined, more: string[] = []) => {
      const st = fresh();
      st.list = list;
      const policy = rawCapturePolicy();
      const { next } = script([[200, body]]);
      const e = await captureRead(st, async () => {
        await policy.sendRequest(createPipelineRequest({ url: page1 }), next);
        for (const link of more) capturePage({ value: [], nextLink: link });
      }).catch((err: unknown) => err);
      return [(e as CollectionError).code, (e as Error).message];
    };
    expect(await messageOf(true, "")).toEqual(["MalformedResponse", "List response page is empty."]);
    expect(await messageOf(true, '{"value":{}}')).toEqual(["MalformedResponse", "List response page has no array 'value'."]);
    expect(await messageOf(true, JSON.stringify({ value: [], nextLink: page2 }), [page2])).toEqual(["PagingLoop", "nextLink repeats a page already read in this list."]);
  });

  it("a first page that a later nextLink repeats is a paging loop", async () => {
    const st = fresh();
    st.list = true;
    const { code, urls } = await readThrough(st, [page1], [[200, JSON.stringify({ value: [account("sta")], nextLink: page1 })]]);
    expect(code).toBe("PagingLoop");
    expect(urls).toEqual([page1]);
  });

  it("a single GET does not count its own URL as a page (only lists are checked for loops)", async () => {
    // A resource whose body happens to look like a list page pointing back at itself.
    const { code, st } = await readThrough(fresh(), [page1], [[200, JSON.stringify({ value: [], nextLink: page1 })]]);
    expect(code).toBeUndefined();
    expect(st.seen.size).toBe(1);
  });

  it("a later request to another origin is refused before it is sent (ForeignNextLink)", async () => {
    const { code, urls, st } = await readThrough(fresh(), [page1, "https://evil.example/subscriptions?$skiptoken=2"], [[200, '{"id":"a"}']]);
    expect(code).toBe("ForeignNextLink");
    expect(urls).toEqual([page1]);
    expect(st.origin).toBe(ARM);
  });

  it("a later request on the same origin, another path, is sent", async () => {
    const { code, urls } = await readThrough(fresh(), [page1, `${ARM}${SUB_ID}/resourceGroups?api-version=2022-09-01`], [
      [200, '{"id":"a"}'],
      [200, '{"id":"b"}'],
    ]);
    expect(code).toBeUndefined();
    expect(urls).toHaveLength(2);
  });

  it("an origin anchored before (Graph's anchorRead) refuses the first request elsewhere", async () => {
    const st = fresh();
    st.origin = "https://graph.microsoft.com";
    const { code, urls } = await readThrough(st, [page1], []);
    expect(code).toBe("ForeignNextLink");
    expect(urls).toEqual([]);
  });

  it.each([
    ["200 without a body in a single read: nothing recorded", false, 200, undefined, undefined, []],
    ["200 with a null body text (a streamed answer) in a single read: nothing recorded", false, 200, null, undefined, []],
    ["204 with a blank body in a single read: nothing recorded", false, 204, "  ", undefined, []],
    ["299 counts as success", false, 299, '{"id":"a"}', undefined, [{ id: "a" }]],
    ["200 without a body in a list: malformed", true, 200, "", "MalformedResponse", []],
    ["a list page whose value is not an array: malformed", true, 200, '{"value":{"id":"a"}}', "MalformedResponse", []],
    ["a page that is not JSON: malformed", false, 200, '{"value":[{"id":"/subscriptions/x', "MalformedResponse", []],
  ] as [string, boolean, number, string | null | undefined, string | undefined, unknown[]][])("%s", async (_name, list, status, body, expectedCode, items) => {
    const st = fresh();
    st.list = list;
    const { code } = await readThrough(st, [page1], [[status, body]]);
    expect(code).toBe(expectedCode);
    expect(st.items).toEqual(items);
  });

  it("a body that is not JSON keeps its status in the error", async () => {
    const policy = rawCapturePolicy();
    const { next } = script([[200, "<html>Service Unavailable</html>"]]);
    const err = await captureRead(fresh(), () => policy.sendRequest(createPipelineRequest({ url: page1 }), next)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CollectionError);
    expect(err).toMatchObject({ code: "MalformedResponse", message: "Response body is not valid JSON.", httpStatus: 200 });
  });

  it("an error answer keeps ARM's error body as the read's last error; a 3xx is neither", async () => {
    const st = fresh();
    const { statuses } = await readThrough(st, [page1, page1, page1], [
      [403, JSON.stringify(forbidden("Microsoft.Storage/storageAccounts/read", SUB_ID))],
      [300, undefined],
      [399, '{"error":{"code":"X","message":"y"}}'],
    ]);
    expect(statuses).toEqual([403, 300, 399]);
    expect(st.lastError).toEqual({
      status: 403,
      code: "AuthorizationFailed",
      message: expect.stringContaining("does not have authorization to perform action 'Microsoft.Storage/storageAccounts/read'"),
    });
    expect(st.items).toEqual([]);
    expect(st.apiVersion).toBeUndefined();
  });

  it("the last error answer's body is kept (a 400 after a 500)", async () => {
    const st = fresh();
    await readThrough(st, [page1, page1], [
      [500, '{"error":{"code":"InternalServerError","message":"Encountered internal server error."}}'],
      [400, '{"error":{"code":"InvalidApiVersionParameter","message":"The api-version is invalid."}}'],
    ]);
    expect(st.lastError).toEqual({ status: 400, code: "InvalidApiVersionParameter", message: "The api-version is invalid." });
  });

  it("a classic client's parse error becomes MalformedResponse with the status; any other error passes unchanged", async () => {
    const policy = rawCapturePolicy();
    const parse = new RestError("Error parsing JSON", { code: "PARSE_ERROR", statusCode: 200 });
    const e1 = await captureRead(fresh(), () => policy.sendRequest(createPipelineRequest({ url: page1 }), async () => Promise.reject(parse))).catch((e: unknown) => e);
    expect(e1).toMatchObject({ name: "CollectionError", code: "MalformedResponse", message: "Response body is not valid JSON.", httpStatus: 200 });
    const reset = new RestError("socket hang up", { code: "ECONNRESET" });
    const e2 = await captureRead(fresh(), () => policy.sendRequest(createPipelineRequest({ url: page1 }), async () => Promise.reject(reset))).catch((e: unknown) => e);
    expect(e2).toBe(reset);
    const plain = new Error("PARSE_ERROR");
    const e3 = await captureRead(fresh(), () => policy.sendRequest(createPipelineRequest({ url: page1 }), async () => Promise.reject(plain))).catch((e: unknown) => e);
    expect(e3).toBe(plain);
  });

  it("outside a read it only passes the request on: nothing parsed, nothing checked", async () => {
    const policy = rawCapturePolicy();
    const { next, urls } = script([[200, "not json"]]);
    const res = await policy.sendRequest(createPipelineRequest({ url: "http://evil.example/x" }), next);
    expect(res.bodyAsText).toBe("not json");
    expect(urls).toEqual(["http://evil.example/x"]);
  });
});

describe("capturePage", () => {
  const inRead = async (st: ReadState, fn: () => void): Promise<string | undefined> => {
    try {
      await captureRead(st, async () => fn());
      return undefined;
    } catch (e) {
      return (e as CollectionError).code;
    }
  };

  it("a body with an array value and no id is a list page even without drain", async () => {
    const st = fresh();
    expect(await inRead(st, () => capturePage({ value: [account("sta")], nextLink: page2 }))).toBeUndefined();
    expect(st.items).toEqual([account("sta")]);
    expect([...st.seen]).toEqual([page2]);
  });

  it("a resource with an id and an array `value` property is one item", async () => {
    const st = fresh();
    const resource = { id: `${SUB_ID}/providers/Microsoft.Authorization/policyDefinitions/x`, value: ["a", "b"] };
    await inRead(st, () => capturePage(resource));
    expect(st.items).toEqual([resource]);
  });

  it("Graph's paging key: @odata.nextLink, and an empty link ends the list", async () => {
    const st = fresh();
    const next = "https://graph.microsoft.com/v1.0/users?$skiptoken=X1";
    await inRead(st, () => {
      capturePage({ value: [{ id: "u1" }], "@odata.nextLink": next, nextLink: "ignored" }, { list: true, nextLinkKey: "@odata.nextLink" });
      capturePage({ value: [{ id: "u2" }], "@odata.nextLink": "" }, { list: true, nextLinkKey: "@odata.nextLink" });
    });
    expect(st.items).toEqual([{ id: "u1" }, { id: "u2" }]);
    expect([...st.seen]).toEqual([next]);
  });

  it("a list page that is not an object, or whose value is not an array, is malformed", async () => {
    expect(await inRead(fresh(), () => capturePage(null, { list: true }))).toBe("MalformedResponse");
    expect(await inRead(fresh(), () => capturePage([{ id: "a" }], { list: true }))).toBe("MalformedResponse");
    const st = fresh();
    st.list = true;
    expect(await inRead(st, () => capturePage({ value: "a" }))).toBe("MalformedResponse");
  });

  it("a nextLink is checked against the read's origin once it has one, and not before", async () => {
    const anchored = fresh();
    anchored.origin = ARM;
    expect(await inRead(anchored, () => capturePage({ value: [], nextLink: "https://evil.example/next" }))).toBe("ForeignNextLink");
    expect(anchored.seen.size).toBe(0);
    const loose = fresh();
    expect(await inRead(loose, () => capturePage({ value: [], nextLink: "https://evil.example/next" }))).toBeUndefined();
  });

  it("a nextLink repeated is a paging loop; a non-string nextLink is ignored", async () => {
    const st = fresh();
    expect(await inRead(st, () => {
      capturePage({ value: [], nextLink: 7 });
      capturePage({ value: [], nextLink: page2 });
      capturePage({ value: [], nextLink: page2 });
    })).toBe("PagingLoop");
    expect([...st.seen]).toEqual([page2]);
  });

  it("single bodies: empty ones are dropped, anything else kept", async () => {
    const st = fresh();
    await inRead(st, () => {
      for (const b of [undefined, null, "", { id: "a" }, "text", 0]) capturePage(b);
    });
    expect(st.items).toEqual([{ id: "a" }, "text", 0]);
  });
});

describe("anchorRead, drainList, currentRead, checkNextLink", () => {
  it("anchorRead sets the origin once, inside a read only", async () => {
    const st = fresh();
    await captureRead(st, async () => {
      anchorRead("https://graph.microsoft.com/v1.0");
      anchorRead("https://graph.emulator.test:8444");
    });
    expect(st.origin).toBe("https://graph.microsoft.com");
    expect(() => anchorRead("https://graph.microsoft.com")).not.toThrow();
  });

  it("drainList marks the read as a list and consumes the iterator; currentRead is the read's state", async () => {
    const st = fresh();
    const pulled: number[] = [];
    async function* pages() {
      for (const n of [1, 2, 3]) {
        pulled.push(n);
        yield n;
      }
    }
    let inside: ReadState | undefined;
    await captureRead(st, async () => {
      inside = currentRead();
      await drainList(pages());
    });
    expect(st.list).toBe(true);
    expect(inside).toBe(st);
    expect(pulled).toEqual([1, 2, 3]);
    expect(currentRead()).toBeUndefined();
    await drainList(pages());
    expect(pulled).toHaveLength(6);
  });

  it("checkNextLink's messages name the scheme or host, and a link that is no URL is malformed", () => {
    const thrown = (link: string, origin: string) => {
      try {
        checkNextLink(link, origin);
        return undefined;
      } catch (e) {
        return [(e as CollectionError).code, (e as Error).message];
      }
    };
    expect(thrown("http://management.azure.com/subscriptions", ARM)).toEqual([
      "ForeignNextLink",
      "nextLink uses http (host 'management.azure.com'), not https on 'management.azure.com': not followed, the bearer token is only sent over TLS to the endpoint the read went to.",
    ]);
    expect(thrown("https://evil.example:8443/x", ARM)).toEqual([
      "ForeignNextLink",
      "nextLink points to host 'evil.example:8443', not 'management.azure.com' the read went to: not followed, the bearer token is only sent to that endpoint.",
    ]);
    expect(thrown("https://[::1", ARM)).toEqual(["MalformedResponse", "nextLink is not a URL."]);
  });
});
