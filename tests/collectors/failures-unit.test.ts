/**
 * What a failed read becomes in a coverage entry, and what server text may carry into it, in-process
 * (the hostile-input suites check the same end to end through the CLI): every error shape an SDK
 * client, the Graph client or the framework throws, the redaction of secrets, the cut of long text,
 * and one item per id after paging.
 */
import { RestError } from "@azure/core-rest-pipeline";
import { describe, expect, it } from "vitest";
import { abortError, CollectionError, describeFailure, errorBody, FrameworkMisuseError } from "../../src/collectors/failures.js";
import { boundServerText, redactSecrets, redactTokens, serverText } from "../../src/collectors/redact.js";
import { keepLastPerId } from "../../src/collectors/one-per-id.js";

const response = (status: number, body: string) => ({ status, bodyAsText: body, headers: { get: () => undefined }, request: {} }) as never;

describe("describeFailure", () => {
  it("an ARM error answer: status, code and message of its error body", () => {
    // Body shape of ARM's ErrorResponse (azure-rest-api-specs
    // specification/common-types/resource-management/v5/types.json#/definitions/ErrorResponse).
    const e = new RestError("raw", { statusCode: 403, response: response(403, '{"error":{"code":"AuthorizationFailed","message":"The client does not have authorization."}}') });
    expect(describeFailure(e)).toStrictEqual({ httpStatus: 403, code: "AuthorizationFailed", message: "The client does not have authorization." });
  });

  it("the raw capture's body wins when its status matches; a different status, or one without code and message, does not", () => {
    const e = new RestError("Conflict", { statusCode: 409, code: "SdkCode", response: response(409, "") });
    expect(describeFailure(e, { status: 409, code: "MissingSubscriptionRegistration", message: "The subscription is not registered." })).toStrictEqual({
      httpStatus: 409,
      code: "MissingSubscriptionRegistration",
      message: "The subscription is not registered.",
    });
    expect(describeFailure(e, { status: 409, message: "only a message" })).toStrictEqual({ httpStatus: 409, code: "SdkCode", message: "only a message" });
    expect(describeFailure(new RestError("Too many", { statusCode: 429 }), { status: 429, message: "slow down" })).toStrictEqual({ httpStatus: 429, code: "TooManyRequests", message: "slow down" });
    expect(describeFailure(new RestError("Bad gateway", { statusCode: 502 }), { status: 502, message: "upstream" })).toStrictEqual({ httpStatus: 502, code: "Http502", message: "upstream" });
    expect(describeFailure(e, { status: 404, code: "ResourceNotFound", message: "x" })).toStrictEqual({ httpStatus: 409, code: "SdkCode", message: "Conflict" });
    expect(describeFailure(e, { status: 409 })).toStrictEqual({ httpStatus: 409, code: "SdkCode", message: "Conflict" });
  });

  it("a REST error without an error body: by its SDK code, or by status", () => {
    expect(describeFailure(new RestError("Unexpected token", { code: "PARSE_ERROR", statusCode: 200 }))).toStrictEqual({ httpStatus: 200, code: "MalformedResponse", message: "Unexpected token" });
    expect(describeFailure(new RestError("slow down", { statusCode: 429 }))).toStrictEqual({ httpStatus: 429, code: "TooManyRequests", message: "slow down" });
    expect(describeFailure(new RestError("Bad gateway", { statusCode: 502 }))).toStrictEqual({ httpStatus: 502, code: "Http502", message: "Bad gateway" });
    expect(describeFailure(new RestError("Bad gateway", { statusCode: 502, code: "BadGateway" }))).toStrictEqual({ httpStatus: 502, code: "BadGateway", message: "Bad gateway" });
    // The status read from the response when the error has none of its own.
    expect(describeFailure(new RestError("Gone", { response: response(410, "not json") }))).toStrictEqual({ httpStatus: 410, code: "Http410", message: "Gone" });
  });

  it("no answer at all is a network error naming the socket's code, not the SDK's wrapper", () => {
    expect(describeFailure(new RestError("connect ECONNREFUSED 127.0.0.1:443", { code: "ECONNREFUSED" }))).toStrictEqual({ code: "NetworkError", message: "ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:443" });
    expect(describeFailure(new RestError("socket hang up", { code: "REQUEST_SEND_ERROR" }))).toStrictEqual({ code: "NetworkError", message: "socket hang up" });
    expect(describeFailure(new RestError("no route"))).toStrictEqual({ code: "NetworkError", message: "no route" });
  });

  it("the framework's own refusals keep their code and status", () => {
    expect(describeFailure(new CollectionError("PagingLoop", "nextLink repeats"))).toStrictEqual({ code: "PagingLoop", message: "nextLink repeats" });
    expect(describeFailure(new CollectionError("MalformedResponse", "value is not a list", 200))).toStrictEqual({ httpStatus: 200, code: "MalformedResponse", message: "value is not a list" });
  });

  it("Graph errors: status, code and message; a 502 with only a body; timeouts and parse errors by name", () => {
    expect(describeFailure({ statusCode: 502, code: "", message: "", body: '{"error":{"code":"BadGateway","message":"Failed to execute backend request."}}' })).toStrictEqual({
      httpStatus: 502,
      code: "BadGateway",
      message: "Failed to execute backend request.",
    });
    expect(describeFailure({ statusCode: 502, body: "<html>Bad Gateway</html>" })).toStrictEqual({ httpStatus: 502, code: "Http502", message: "Http502" });
    expect(describeFailure({ statusCode: 429 })).toStrictEqual({ httpStatus: 429, code: "TooManyRequests", message: "TooManyRequests" });
    expect(describeFailure({ statusCode: 0, code: "SyntaxError", message: "Unexpected end of JSON input" })).toStrictEqual({ code: "MalformedResponse", message: "Unexpected end of JSON input" });
    expect(describeFailure({ statusCode: -1, code: "AbortError", message: "aborted" })).toStrictEqual({ code: "Timeout", message: "aborted" });
    expect(describeFailure({ message: "something" })).toStrictEqual({ code: "UnexpectedError", message: "something" });
    expect(describeFailure(new RangeError("Invalid array length"))).toStrictEqual({ code: "UnexpectedError", message: "Invalid array length" });
  });

  it("aborts and timeouts, a failed fetch with its cause, and a thrown string", () => {
    expect(describeFailure(abortError())).toStrictEqual({ code: "Timeout", message: "The request timed out." });
    const timeout = new Error("signal timed out");
    timeout.name = "TimeoutError";
    expect(describeFailure(timeout)).toStrictEqual({ code: "Timeout", message: "The request timed out." });
    expect(describeFailure(new TypeError("fetch failed", { cause: { code: "ECONNRESET", message: "read ECONNRESET" } }))).toStrictEqual({ code: "NetworkError", message: "ECONNRESET: the connection failed." });
    expect(describeFailure(new TypeError("fetch failed", { cause: { message: "other side closed" } }))).toStrictEqual({ code: "NetworkError", message: "other side closed: the connection failed." });
    expect(describeFailure(new TypeError("fetch failed"))).toStrictEqual({ code: "NetworkError", message: "The connection failed." });
    expect(describeFailure(new SyntaxError("Unexpected token < in JSON"))).toStrictEqual({ code: "MalformedResponse", message: "Unexpected token < in JSON" });
    expect(describeFailure("boom")).toStrictEqual({ code: "UnexpectedError", message: "boom" });
  });

  it("server text is redacted and cut in both code and message", () => {
    const token = "opaque-run-token-0123456789";
    const f = describeFailure({ statusCode: 400, code: `Bad${token}`, message: `echo ${token} ${"x".repeat(5000)}` }, undefined, [token]);
    expect(f.code).toBe("Bad[redacted]");
    expect(f.message.startsWith("echo [redacted] xxx")).toBe(true);
    expect(f.message.endsWith(" … [cut: 5016 characters]")).toBe(true);
    expect(f.message.length).toBe(4096);
  });

  it("the framework's errors carry their names; null, a non-fetch TypeError and a Graph error with odd field types are still described", () => {
    expect([new CollectionError("PagingLoop", "x").name, new FrameworkMisuseError("y").name]).toEqual(["CollectionError", "FrameworkMisuseError"]);
    expect([abortError().name, abortError().message]).toEqual(["AbortError", "Collection was aborted."]);
    expect(describeFailure(null)).toStrictEqual({ code: "UnexpectedError", message: "null" });
    expect(describeFailure(new TypeError("Cannot read properties of undefined (reading 'value')"))).toStrictEqual({ code: "UnexpectedError", message: "Cannot read properties of undefined (reading 'value')" });
    expect(describeFailure({ statusCode: "502", code: "BadGateway", message: "m" })).toStrictEqual({ code: "BadGateway", message: "m" });
    expect(describeFailure({ statusCode: 502, code: 502, message: "m" })).toStrictEqual({ httpStatus: 502, code: "Http502", message: "m" });
  });

  it("a raw capture with neither code nor message leaves the REST error's own body to speak", () => {
    const e = new RestError("Conflict", { statusCode: 409, response: response(409, '{"error":{"code":"ScopeLocked","message":"The scope is locked."}}') });
    expect(describeFailure(e, { status: 409 })).toStrictEqual({ httpStatus: 409, code: "ScopeLocked", message: "The scope is locked." });
  });

  it("errorBody reads only a JSON object's error object with string fields", () => {
    expect(errorBody('{"error":{"code":"A","message":"m"}}')).toStrictEqual({ code: "A", message: "m" });
    expect(errorBody('{"error":{"code":3,"message":null}}')).toStrictEqual({});
    expect(errorBody('{"error":["A"]}')).toStrictEqual({});
    expect(errorBody('[{"error":{"code":"A"}}]')).toStrictEqual({});
    expect(errorBody("")).toStrictEqual({});
    expect(errorBody(undefined)).toStrictEqual({});
    expect(errorBody("{")).toStrictEqual({});
  });
});

describe("redaction and bounds", () => {
  it("boundServerText keeps text up to the bound and cuts longer text to exactly the bound", () => {
    expect(boundServerText("a".repeat(40), 40)).toBe("a".repeat(40));
    expect(boundServerText("a".repeat(41), 40)).toBe(`${"a".repeat(17)} … [cut: 41 characters]`);
    expect(boundServerText("a".repeat(41), 5)).toBe(" … [cut: 41 characters]");
  });

  it("redactSecrets removes headers, bearer tokens, JWTs, SAS signatures and secret keys, keeping the keys", () => {
    expect(redactSecrets('{"Authorization": "Bearer abc.def-ghi"}')).toBe('{"Authorization": "Bearer [redacted]"}');
    expect(redactSecrets("authorization=opaque123;next")).toBe("authorization=[redacted];next");
    expect(redactSecrets("sent Bearer abcdefghijklmnop0123== to the server")).toBe("sent Bearer [redacted] to the server");
    expect(redactSecrets("sent bearer short")).toBe("sent bearer short");
    expect(redactSecrets("Authorization = Bearer  abc.def")).toBe("Authorization = Bearer  [redacted]");
    expect(redactSecrets("sent Bearer  abcdefghijklmnop0123 on")).toBe("sent Bearer [redacted] on");
    expect(redactSecrets("token eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl end")).toBe("token [redacted-jwt] end");
    expect(redactSecrets("https://st.blob.core.windows.net/c?sv=2022-11-02&sig=abc%2Bdef&se=2026")).toBe("https://st.blob.core.windows.net/c?sv=2022-11-02&sig=[redacted]&se=2026");
    expect(redactSecrets("BlobEndpoint=https://st/;SharedAccessSignature=sv=2022&sig=abc;x=1")).toBe("BlobEndpoint=https://st/;SharedAccessSignature=[redacted];x=1");
    expect(redactSecrets("DefaultEndpointsProtocol=https;AccountName=st;AccountKey=bXlrZXk=;EndpointSuffix=core.windows.net")).toBe(
      "DefaultEndpointsProtocol=https;AccountName=st;AccountKey=[redacted];EndpointSuffix=core.windows.net",
    );
    expect(redactSecrets("client_secret=s3cr3t&client_id=app Password=hemligt pwd=x")).toBe("client_secret=[redacted]&client_id=app Password=[redacted] pwd=[redacted]");
  });

  it("redactTokens removes the run's tokens as issued, JSON-escaped, URL-encoded, and a JWT's payload or signature alone", () => {
    const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL21hbmFnZW1lbnQuYXp1cmUuY29tIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
    const [, payload, signature] = jwt.split(".");
    expect(redactTokens(`a ${payload} b ${signature} c`, [jwt])).toBe("a [redacted] b [redacted] c");
    expect(redactTokens("x tok/en+1234 y tok\\/en+1234 z tok%2Fen%2B1234", ["tok/en+1234"])).toBe("x [redacted] y [redacted] z [redacted]");
    // A signature of exactly 16 characters is long enough to be redacted alone.
    expect(redactTokens("sig 0123456789abcdef end", ["eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0.0123456789abcdef"])).toBe("sig [redacted] end");
    expect(redactTokens("short abc1234 stays", ["abc1234"])).toBe("short abc1234 stays");
    expect(redactTokens("eight ch ab", ["eight ch"])).toBe("[redacted] ab");
    expect(serverText("Bearer-less token12345678 here", 4096, ["token12345678"])).toBe("Bearer-less [redacted] here");
  });
});

describe("keepLastPerId", () => {
  it("a repeated id keeps the later copy at the first copy's place, ids compared case-insensitively", () => {
    const a1 = { id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sta", v: 1 };
    const b = { id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stb" };
    const noId = { name: "no id" };
    const a2 = { id: a1.id.toUpperCase(), v: 2 };
    const c = { id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stc" };
    expect(keepLastPerId([a1, b, a2, noId, c, null])).toStrictEqual([a2, b, noId, c, null]);
    expect(keepLastPerId([noId, a1, a2, b])).toStrictEqual([noId, a2, b]);
    const once = [a1, b, noId, c];
    expect(keepLastPerId(once)).toBe(once);
  });
});
