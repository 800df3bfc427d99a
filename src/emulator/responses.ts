/** Shared reply types, ARM and Graph error bodies, and opaque paging tokens for the emulator. */
import type { IncomingHttpHeaders } from "node:http";

/** Which API a request path belongs to. */
export type HostKind = "arm" | "graph" | "other";

/** A response before serialisation. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** What a route handler knows about the request. */
export interface RequestContext {
  method: string;
  /** Raw path as received, without query. */
  path: string;
  /** Path segments, percent-decoded, original casing. */
  segments: string[];
  /** The same segments lower-cased (ARM compares paths case-insensitively). */
  lower: string[];
  query: URLSearchParams;
  /** Raw query string without the leading `?`. */
  rawQuery: string;
  /** `https://host:port` as the client addressed the server (for absolute next links). */
  origin: string;
  headers: IncomingHttpHeaders;
  requestId: string;
  host: HostKind;
  /** Request body text (read only for Resource Graph queries). */
  body?: string;
}

/** An ARM error reply: `{ error: { code, message, details? } }`. */
export function armError(status: number, code: string, message: string, details?: unknown[]): Reply {
  return { status, body: { error: { code, message, ...(details ? { details } : {}) } } };
}

/** A Microsoft Graph error reply: `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`. */
export function graphError(ctx: RequestContext, status: number, code: string, message: string): Reply {
  const clientRequestId = headerValue(ctx.headers, "client-request-id") ?? ctx.requestId;
  return {
    status,
    body: {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().replace(/\.\d{3}Z$/, ""),
          "request-id": ctx.requestId,
          "client-request-id": clientRequestId,
        },
      },
    },
  };
}

/** The error reply in the shape of the request's API (Graph for `/v1.0` and `/beta`, ARM otherwise). */
export function hostError(ctx: RequestContext, status: number, code: string, message: string): Reply {
  return ctx.host === "graph" ? graphError(ctx, status, code, message) : armError(status, code, message);
}

/** First value of a request header. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Opaque continuation token for a list offset. */
export function encodeSkipToken(offset: number): string {
  return Buffer.from(JSON.stringify({ hv: 1, o: offset })).toString("base64url");
}

/** The offset in a token made by encodeSkipToken, or undefined when the token is not one of ours. */
export function decodeSkipToken(token: string): number | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { hv?: unknown; o?: unknown };
    return parsed.hv === 1 && typeof parsed.o === "number" && Number.isInteger(parsed.o) && parsed.o >= 0
      ? parsed.o
      : undefined;
  } catch {
    return undefined;
  }
}

/** The `$skiptoken` query value, whatever its casing. */
export function skipTokenParam(query: URLSearchParams): string | undefined {
  for (const [key, value] of query) if (key.toLowerCase() === "$skiptoken") return value;
  return undefined;
}

/** A query parameter looked up case-insensitively (`$top`, `$Top`, ...). */
export function queryParam(query: URLSearchParams, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of query) if (key.toLowerCase() === wanted) return value;
  return undefined;
}
