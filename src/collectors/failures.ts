/**
 * Failures of a read: the errors the framework raises itself, the classification of whatever an
 * SDK client, the Graph client or the framework threw into the status, code and message of a
 * coverage entry, and the redaction of secrets from server-supplied text before it is recorded.
 */
import { isRestError } from "@azure/core-rest-pipeline";

/**
 * What Hemvist itself refuses in an answer: a malformed page, a repeating nextLink, a nextLink to
 * another host or over plain http (never followed: the bearer token would go with it).
 */
export type CollectionErrorCode = "MalformedResponse" | "PagingLoop" | "ForeignNextLink";

/** A failure the framework itself detects in a response (not an HTTP error). */
export class CollectionError extends Error {
  readonly code: CollectionErrorCode;
  readonly httpStatus?: number;
  constructor(code: CollectionErrorCode, message: string, httpStatus?: number) {
    super(message);
    this.name = "CollectionError";
    this.code = code;
    if (httpStatus !== undefined) this.httpStatus = httpStatus;
  }
}

/** A collector used the framework wrongly (a bug): never turned into coverage. */
export class FrameworkMisuseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FrameworkMisuseError";
  }
}

/** The error a read or a wait throws when the run's signal is aborted. */
export function abortError(): Error {
  const e = new Error("Collection was aborted.");
  e.name = "AbortError";
  return e;
}

/** Error details pulled out of whatever a failed read threw. */
export interface ReadFailure {
  httpStatus?: number;
  code: string;
  message: string;
}

/** The ARM/Graph error body of an error response, as the raw-capture policy saw it. */
export interface ErrorResponse {
  status: number;
  code?: string;
  message?: string;
}

/** A plain object (not null, not an array). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** ARM `{error:{code,message}}` / Graph `{error:{code,message}}` from a response text. */
export function errorBody(text: string | null | undefined): { code?: string; message?: string } {
  try {
    const b: unknown = text ? JSON.parse(text) : undefined;
    const err = isObject(b) && isObject(b.error) ? b.error : undefined;
    return {
      ...(typeof err?.code === "string" ? { code: err.code } : {}),
      ...(typeof err?.message === "string" ? { message: err.message } : {}),
    };
  } catch {
    return {};
  }
}

/**
 * Classifies an error thrown by an SDK client, the Graph client or the framework, and cleans what
 * the server supplied (`serverText`: redacted, then bounded), once, here at the edge.
 * @param e the thrown value
 * @param lastError the error body the raw-capture policy saw for this read, if any
 * @param tokens the access tokens handed out in this run (redacted whatever their shape)
 * @returns status, code and message for a coverage entry
 */
export function describeFailure(e: unknown, lastError?: ErrorResponse, tokens: Iterable<string> = []): ReadFailure {
  const f = describeFailureRaw(e, lastError);
  // Both come from the server: a token echoed in the code is as much a leak as one in the message.
  return { ...f, code: serverText(f.code, MAX_CODE, tokens), message: serverText(f.message, MAX_MESSAGE, tokens) };
}

// Redaction and bounds of server text live in redact.ts (no SDK import: the CLI loads it at start).
import { MAX_CODE, MAX_MESSAGE, serverText } from "./redact.js";
export { boundServerText, MAX_CODE, MAX_MESSAGE, redactSecrets, redactTokens, serverText } from "./redact.js";

function describeFailureRaw(e: unknown, lastError?: ErrorResponse): ReadFailure {
  if (isRestError(e) && lastError && lastError.status === (e.statusCode ?? e.response?.status) && (lastError.code || lastError.message)) {
    return {
      httpStatus: lastError.status,
      code: lastError.code ?? e.code ?? (lastError.status === 429 ? "TooManyRequests" : `Http${lastError.status}`),
      message: lastError.message ?? e.message,
    };
  }
  if (e instanceof CollectionError) {
    return { ...(e.httpStatus !== undefined ? { httpStatus: e.httpStatus } : {}), code: e.code, message: e.message };
  }
  if (isRestError(e)) {
    const status = e.statusCode ?? e.response?.status;
    const body = errorBody(e.response?.bodyAsText);
    let code = body.code;
    let message = body.message ?? e.message;
    if (!code) {
      if (e.code === "PARSE_ERROR") code = "MalformedResponse";
      else if (status === undefined) {
        // No response at all: connection refused, DNS, TLS (ECONNREFUSED, ENOTFOUND, REQUEST_SEND_ERROR ...).
        code = "NetworkError";
        if (e.code && e.code !== "REQUEST_SEND_ERROR") message = `${e.code}: ${message}`;
      } else if (status === 429) code = "TooManyRequests";
      else code = e.code ?? `Http${status}`;
    }
    return { ...(status !== undefined ? { httpStatus: status } : {}), code, message };
  }
  if (e instanceof SyntaxError) return { code: "MalformedResponse", message: e.message };
  if (e instanceof Error && (e.name === "AbortError" || e.name === "TimeoutError")) return { code: "Timeout", message: "The request timed out." };
  if (e instanceof TypeError && e.message === "fetch failed") {
    // fetch (Graph client): the connection failed; the cause names why (ECONNRESET, ECONNREFUSED ...).
    const cause = e.cause as { code?: unknown; message?: unknown } | undefined;
    const why = typeof cause?.code === "string" ? cause.code : typeof cause?.message === "string" ? cause.message : "";
    return { code: "NetworkError", message: why ? `${why}: the connection failed.` : "The connection failed." };
  }
  if (isObject(e) || e instanceof Error) {
    // Graph client's GraphError: statusCode, code, message.
    const g = e as { statusCode?: unknown; code?: unknown; message?: unknown; body?: unknown };
    const status = typeof g.statusCode === "number" && g.statusCode > 0 ? g.statusCode : undefined;
    const body = typeof g.body === "string" ? errorBody(g.body) : {};
    let code = typeof g.code === "string" && g.code !== "" ? g.code : body.code;
    if (!code) code = status === 429 ? "TooManyRequests" : status !== undefined ? `Http${status}` : "UnexpectedError";
    if (code === "SyntaxError") code = "MalformedResponse";
    if (code === "TimeoutError" || code === "AbortError") code = "Timeout";
    const message = typeof g.message === "string" && g.message !== "" ? g.message : (body.message ?? String(code));
    return { ...(status !== undefined ? { httpStatus: status } : {}), code, message };
  }
  return { code: "UnexpectedError", message: String(e) };
}
