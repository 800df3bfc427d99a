/**
 * Raw capture: the state of the logical read running in the current async context, and the
 * pipeline policy (plus `capturePage` for readers that page themselves) that records the raw REST
 * payloads of that read, its api-version and its last error body, and detects malformed pages,
 * paging loops and nextLinks that leave the host the read went to.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { isRestError } from "@azure/core-rest-pipeline";
import type { PipelinePolicy, PipelineRequest, PipelineResponse } from "@azure/core-rest-pipeline";
import { CollectionError, type ErrorResponse, errorBody, isObject } from "./failures.js";

/** State of the logical read running in the current async context. */
export interface ReadState {
  items: unknown[];
  /** Set by `drain`: every 2xx body must be a list page. */
  list: boolean;
  /** Request URLs and nextLinks seen in this read (paging-loop detection). */
  seen: Set<string>;
  apiVersion?: string;
  /**
   * Scheme, host and port (`URL.origin`) of the endpoint the read's first request went to (the ARM
   * or Graph endpoint, overrides included): every nextLink and every later request must stay on it.
   */
  origin?: string;
  /** The last error response's ARM/Graph error body (modular clients drop it from the RestError). */
  lastError?: ErrorResponse;
}

const readStore = new AsyncLocalStorage<ReadState>();

/** The read running in the current async context, if any. */
export function currentRead(): ReadState | undefined {
  return readStore.getStore();
}

/**
 * Runs `fn` as one logical read: the raw-capture policy and `capturePage` record into `st`.
 * @param st a fresh read state; it holds the items, api-version and last error body afterwards (also when `fn` throws)
 * @param fn the read (SDK calls)
 */
export function captureRead(st: ReadState, fn: () => Promise<unknown>): Promise<unknown> {
  return readStore.run(st, fn);
}

/** Drains an SDK paged iterator inside a read, marking the read as a list (every 2xx body must be a list page). */
export async function drainList(iter: AsyncIterable<unknown>): Promise<void> {
  const st = readStore.getStore();
  if (st) st.list = true;
  for await (const _ of iter) {
    // The SDK models are discarded: the raw-capture policy kept the REST payloads.
  }
}

/**
 * Anchors the current read on the endpoint its first request goes to (readers that page themselves
 * outside the ARM pipeline: Graph); the raw-capture policy anchors ARM reads on their first request.
 * @param endpoint the endpoint URL (`https://graph.microsoft.com`, or the `--graph-endpoint` override)
 */
export function anchorRead(endpoint: string): void {
  const st = readStore.getStore();
  if (st && st.origin === undefined) st.origin = new URL(endpoint).origin;
}

/**
 * Refuses a nextLink that would leave the read's endpoint: another host or port (compared
 * case-insensitively, as URL parsing lower-cases hosts) or any scheme but https. Following it would
 * send the bearer token there. The message names the host, never the link (it may carry tokens).
 * @param link the nextLink as served (absolute, or relative to the endpoint)
 * @param origin the read's `URL.origin`
 * @throws CollectionError `ForeignNextLink` (or `MalformedResponse` for a link that is no URL)
 */
export function checkNextLink(link: string, origin: string): void {
  let u: URL;
  try {
    u = new URL(link, origin);
  } catch {
    throw new CollectionError("MalformedResponse", "nextLink is not a URL.");
  }
  const home = new URL(origin).host;
  if (u.protocol !== "https:") {
    throw new CollectionError(
      "ForeignNextLink",
      `nextLink uses ${u.protocol.replace(/:$/, "") || "no scheme"} (host '${u.host}'), not https on '${home}': not followed, the bearer token is only sent over TLS to the endpoint the read went to.`,
    );
  }
  if (u.host !== home) {
    throw new CollectionError(
      "ForeignNextLink",
      `nextLink points to host '${u.host}', not '${home}' the read went to: not followed, the bearer token is only sent to that endpoint.`,
    );
  }
}

/**
 * Records one list page (or single body) into the current read: used by the ARM raw-capture
 * policy and by readers that page themselves (Graph). Throws `CollectionError` for a page without
 * an array `value`, a nextLink off the read's endpoint (`checkNextLink`, before anything requests
 * it) or a nextLink seen before.
 * @param body the parsed response body
 * @param opts `list` forces list-page handling; `nextLinkKey` names the paging property
 */
export function capturePage(body: unknown, opts: { list?: boolean; nextLinkKey?: string } = {}): void {
  const st = readStore.getStore();
  if (!st) return;
  // A body with an array `value` and no `id` is a list page even if the collector did not use drain().
  const looksLikeList = isObject(body) && Array.isArray(body.value) && typeof body.id !== "string";
  if (opts.list || st.list || looksLikeList) {
    if (!isObject(body) || !Array.isArray(body.value)) {
      throw new CollectionError("MalformedResponse", "List response page has no array 'value'.");
    }
    st.items.push(...body.value);
    const next = body[opts.nextLinkKey ?? "nextLink"];
    if (typeof next === "string" && next !== "") {
      if (st.origin !== undefined) checkNextLink(next, st.origin);
      if (st.seen.has(next)) throw new CollectionError("PagingLoop", `nextLink repeats a page already read in this list.`);
      st.seen.add(next);
    }
  } else if (body !== undefined && body !== null && body !== "") {
    st.items.push(body);
  }
}

/**
 * Anchors the read on its first request's endpoint, and refuses a later request elsewhere (a
 * nextLink the page check did not see, e.g. from a page outside `value` handling): it never leaves.
 */
function guardRequestUrl(st: ReadState, url: string): void {
  const origin = new URL(url).origin;
  if (st.origin === undefined) {
    st.origin = origin;
    return;
  }
  if (origin !== st.origin) checkNextLink(url, st.origin);
}

/** Marks a URL as requested in the current read (loop detection), throwing on a repeat page. */
function noteRequestUrl(st: ReadState, url: string): void {
  if (!st.list) return;
  // The SDK requests nextLinks verbatim; a first page equal to a later nextLink is a loop too.
  st.seen.add(url);
}

/** Parses a response body text as JSON, or throws `MalformedResponse`. */
function parseBody(text: string | null | undefined, status: number): unknown {
  if (text === undefined || text === null || text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new CollectionError("MalformedResponse", "Response body is not valid JSON.", status);
  }
}

/**
 * The raw-capture policy (position `perCall`, so it sees the final response after retries): inside a
 * `ctx.read` it parses every 2xx body and records the raw items, detects paging loops, and keeps
 * every request of the read on the endpoint of its first (`ForeignNextLink`, nothing sent).
 */
export function rawCapturePolicy(): PipelinePolicy {
  return {
    name: "hemvistRawCapture",
    async sendRequest(req: PipelineRequest, next) {
      const st = readStore.getStore();
      if (!st) return next(req);
      guardRequestUrl(st, req.url);
      noteRequestUrl(st, req.url);
      let res: PipelineResponse;
      try {
        res = await next(req);
      } catch (e) {
        // Classic clients parse in their deserialization policy, before this one sees the response.
        if (isRestError(e) && e.code === "PARSE_ERROR") {
          throw new CollectionError("MalformedResponse", "Response body is not valid JSON.", e.statusCode);
        }
        throw e;
      }
      if (res.status >= 200 && res.status < 300) {
        st.apiVersion ??= new URL(req.url).searchParams.get("api-version") ?? undefined;
        const body = parseBody(res.bodyAsText, res.status);
        if (st.list && body === undefined) {
          throw new CollectionError("MalformedResponse", "List response page is empty.", res.status);
        }
        capturePage(body);
      } else if (res.status >= 400) {
        st.lastError = { status: res.status, ...errorBody(res.bodyAsText) };
      }
      return res;
    },
  };
}
