/**
 * The read-only guard: the last check before a request leaves Hemvist. Every ARM SDK client and the
 * Resource Graph client get `readOnlyPolicy` (first of the run's `perCall` policies, before any retry), the Graph client
 * `readOnlyMiddleware` (ahead of its authentication handler). A request that is not a read is never
 * sent: the run stops with exit 2 and names the method and path, because a collector that tries to
 * write (or to list keys, a POST) is a bug in Hemvist, not a scope that could not be read.
 */
import type { Context, Middleware } from "@microsoft/microsoft-graph-client";
import type { PipelinePolicy } from "@azure/core-rest-pipeline";

/** Methods that only read. */
const READ_METHODS = new Set(["GET", "HEAD"]);

/**
 * The one POST that reads: a Resource Graph query (`POST /providers/Microsoft.ResourceGraph/resources`,
 * specification/resourcegraph/resource-manager/Microsoft.ResourceGraph/stable/2021-03-01/resourcegraph.json).
 * Compared on the path's end, case-insensitively (ARM paths are), so an endpoint behind a proxy's path prefix still reads.
 */
const READING_POST = "/providers/microsoft.resourcegraph/resources";

/** Refused before it was sent: Hemvist only reads. `name` is `WriteRefused` (the Graph client turns a middleware's error into a GraphError with `code` = this name). */
export class WriteRefusedError extends Error {
  constructor(method: string, url: string) {
    super(`refused to send ${method} ${pathOf(url)}: Hemvist only reads (GET, HEAD, and POST only for a Resource Graph query); a collector that asks for anything else is a bug, please report it.`);
    this.name = "WriteRefused";
  }
}

/** True for the guard's error, as thrown or as the Graph client wraps it. */
export function isWriteRefused(e: unknown): boolean {
  if (typeof e !== "object" || e === null) return false;
  const { name, code } = e as { name?: unknown; code?: unknown };
  return name === "WriteRefused" || code === "WriteRefused";
}

/** The URL's path without its query (which may carry a skip token), for messages. */
function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split("?")[0] ?? "";
  }
}

/**
 * Whether a request only reads.
 * @param method the HTTP method, any casing
 * @param url the absolute request URL
 */
export function isReadRequest(method: string, url: string): boolean {
  const m = method.toUpperCase();
  if (READ_METHODS.has(m)) return true;
  if (m !== "POST") return false;
  const path = pathOf(url).replace(/\/+$/, "").toLowerCase();
  return path.endsWith(READING_POST);
}

/** The ARM pipelines' guard (position `perCall`: before retries and the wire; some SDK clients fetch their token earlier). */
export function readOnlyPolicy(): PipelinePolicy {
  return {
    name: "hemvistReadOnly",
    sendRequest(req, next) {
      if (!isReadRequest(req.method, req.url)) throw new WriteRefusedError(req.method, req.url);
      return next(req);
    },
  };
}

/** The method and URL of a Graph middleware context. */
function graphRequest(context: Context): { method: string; url: string } {
  const fromOptions = context.options?.method;
  if (typeof context.request === "string") return { method: typeof fromOptions === "string" ? fromOptions : "GET", url: context.request };
  return { method: typeof fromOptions === "string" ? fromOptions : (context.request.method ?? "GET"), url: context.request.url };
}

/** The Graph client's guard: first in its chain, so a refused request gets no token either. Graph has no reading POST Hemvist uses, so only GET and HEAD pass. */
export function readOnlyMiddleware(next: Middleware): Middleware {
  return {
    async execute(context: Context): Promise<void> {
      const { method, url } = graphRequest(context);
      if (!READ_METHODS.has(method.toUpperCase())) throw new WriteRefusedError(method.toUpperCase(), url);
      return next.execute(context);
    },
  };
}
