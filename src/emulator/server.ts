/**
 * Local HTTPS server that behaves like Azure Resource Manager and Microsoft Graph, serving a TenantModel
 * so the real Azure SDK and Graph clients can audit it offline.
 */
import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { canonicalNamespaceName, handleArm } from "./arm.js";
import { buildArmIndex } from "./arm-index.js";
import { buildGraphState, handleGraph } from "./graph.js";
import { createIdentityEndpoints, type IdentityEndpoints, type IdentityOptions, tokenTag } from "./identity.js";
import type { Chaos } from "./chaos.js";
import type { ModelFault, TenantModel } from "./model.js";
import { armError, type HostKind, headerValue, hostError, type Reply, type RequestContext } from "./responses.js";
import { generateCertificate } from "./tls.js";
import { createThrottle, isResourceGraphQuery, type Throttle, type ThrottleOptions } from "./throttle.js";
import { createGraphState, handleResourceGraph } from "./resource-graph.js";

/** How to start the emulator. */
export interface EmulatorOptions {
  model: TenantModel;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Port; 0 (default) picks a free one. */
  port?: number;
  /** Delay added to every response, in milliseconds. */
  latencyMs?: number;
  /** Extra random delay, uniformly 0..jitterMs, added to every response. */
  jitterMs?: number;
  /** Options for the emulated GitHub OIDC and Entra token endpoints (see identity.ts). */
  identity?: IdentityOptions;
  /** ARM read throttling and the Resource Graph quota (see throttle.ts); `true` for ARM's defaults. Off by default. */
  throttle?: ThrottleOptions | boolean;
  /** Seeded fault injection (see chaos.ts): applied to every ARM and Graph answer before it is sent. */
  chaos?: Chaos;
}

/** One request as the emulator saw it. Never holds the token, only whether one was sent. */
export interface RequestRecord {
  method: string;
  /** Path as received, without query. */
  path: string;
  /** Query string as received, without `?`. */
  query: string;
  status: number;
  hasAuthorization: boolean;
  /** Arrival time, ms since the epoch. */
  at: number;
  host: "arm" | "graph" | "other";
  /** Tag (SHA-256 prefix) of the bearer token presented, to tell tokens apart without logging them. */
  tokenTag?: string;
}

/** A running emulator. */
export interface Emulator {
  /** `https://127.0.0.1:PORT` — pass as `endpoint` to SDK clients and as Graph `baseUrl`. */
  url: string;
  /** The self-signed certificate clients must trust (PEM). */
  caPem: string;
  /** Where writeCa last wrote the certificate. */
  certPath?: string;
  /** Writes the certificate to a file, for NODE_EXTRA_CA_CERTS in a child process. */
  writeCa(path: string): Promise<void>;
  /** Every request received, in order. */
  requests: RequestRecord[];
  /** The emulated GitHub OIDC and Entra token endpoints and their call log. */
  identity: IdentityEndpoints;
  /** The throttle, when enabled (its counters). */
  throttle?: Throttle;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

const ARM_CONTENT_TYPE = "application/json; charset=utf-8";
const GRAPH_CONTENT_TYPE =
  "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";
/** The identity named in default 403 messages (the emulator has no real principal). */
const EMULATED_CLIENT_ID = "4a8c2f3e-5b1d-4e6f-9a7b-0c1d2e3f4a5b";
const EMULATED_OBJECT_ID = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";

function hostKind(firstSegment: string | undefined): HostKind {
  const s = (firstSegment ?? "").toLowerCase();
  if (s === "v1.0" || s === "beta") return "graph";
  if (s === "subscriptions" || s === "tenants" || s === "providers") return "arm";
  return "other";
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The ARM action a read of this path needs, for the default AuthorizationFailed message. */
function readAction(ctx: RequestContext): string {
  const p = ctx.lower.lastIndexOf("providers");
  const ns = p >= 0 ? ctx.segments[p + 1] : undefined;
  if (ns) {
    const types = ctx.segments.slice(p + 2).filter((_, i) => i % 2 === 0);
    return `${[canonicalNamespaceName(ns), ...types].join("/")}/read`;
  }
  if (ctx.lower[2] === "resourcegroups") return "Microsoft.Resources/subscriptions/resourceGroups/read";
  if (ctx.lower[0] === "subscriptions") return "Microsoft.Resources/subscriptions/read";
  return "Microsoft.Resources/read";
}

function faultReply(ctx: RequestContext, fault: ModelFault): Reply {
  let code = fault.code;
  let message = fault.message;
  if (fault.status === 403) {
    if (ctx.host === "graph") {
      code ??= "Authorization_RequestDenied";
      message ??= "Insufficient privileges to complete the operation.";
    } else {
      code ??= "AuthorizationFailed";
      message ??= `The client '${EMULATED_CLIENT_ID}' with object id '${EMULATED_OBJECT_ID}' does not have authorization to perform action '${readAction(ctx)}' over scope '/${ctx.segments.join("/")}' or the scope is invalid. If access was recently granted, please refresh your credentials.`;
    }
  } else if (fault.status === 429) {
    code ??= "TooManyRequests";
    message ??=
      ctx.host === "graph"
        ? "Too many requests."
        : "The request is being throttled as the limit has been reached for operation type - Read_ObservationWindow_00:05:00. For more information, see - https://aka.ms/srpthrottlinglimits";
  } else if (fault.status === 404) {
    code ??= ctx.host === "graph" ? "Request_ResourceNotFound" : "ResourceNotFound";
  } else if (fault.status === 503) {
    code ??= "ServiceUnavailable";
    message ??= "The service is temporarily unavailable. Please try again later.";
  } else if (fault.status >= 500) {
    code ??= "InternalServerError";
    message ??= "Encountered internal server error. Diagnostic information: timestamp '', subscription id '', tracking id ''.";
  }
  const reply = hostError(ctx, fault.status, code ?? "Error", message ?? `Injected fault (HTTP ${fault.status}).`);
  if (fault.retryAfter !== undefined) reply.headers = { ...reply.headers, "retry-after": String(fault.retryAfter) };
  return reply;
}

/**
 * Starts the emulator on a fresh self-signed certificate. Indexes over the model are built once here,
 * so each request costs O(page size).
 */
export async function startEmulator(opts: EmulatorOptions): Promise<Emulator> {
  const { model } = opts;
  const pageSize = model.pageSize && model.pageSize > 0 ? model.pageSize : 100;
  const armState = { model, index: buildArmIndex(model), pageSize };
  const graphState = buildGraphState(model, pageSize);
  const faults = (model.faults ?? []).map((fault) => ({
    fault,
    method: (fault.method ?? "GET").toUpperCase(),
    pattern: new RegExp(fault.path, "i"),
    used: 0,
  }));
  const requests: RequestRecord[] = [];
  const throttle = opts.throttle ? createThrottle(opts.throttle === true ? {} : opts.throttle) : undefined;
  // Resource Graph silently leaves out what a GET would refuse (a 403 fault on the resource or its list path).
  const graph = createGraphState(model, (p) => faults.some((f) => f.fault.status === 403 && f.method === "GET" && f.pattern.test(p)));
  const identity = createIdentityEndpoints({ tenantId: model.tenantId, ...opts.identity });
  const certificate = await generateCertificate();
  let origin = "";

  const route = (ctx: RequestContext): Reply => {
    if (ctx.host === "other") {
      return armError(404, "NotFound", `The path '${ctx.path}' is not served by the Hemvist emulator.`);
    }
    const isResourceGraph =
      ctx.method === "POST" &&
      ctx.lower.length === 3 &&
      ctx.lower[0] === "providers" &&
      ctx.lower[1] === "microsoft.resourcegraph" &&
      ctx.lower[2] === "resources";
    if (ctx.method !== "GET" && !isResourceGraph) {
      return hostError(
        ctx,
        405,
        ctx.host === "graph" ? "Request_BadRequest" : "MethodNotAllowed",
        `The HTTP method '${ctx.method}' is not supported for '${ctx.path}'. The Hemvist emulator is read-only.`,
      );
    }
    if (ctx.host === "graph") return handleGraph(ctx, graphState);
    if (queryParamInsensitive(ctx.query, "api-version") === undefined) {
      return armError(
        400,
        "MissingApiVersionParameter",
        "The api-version query parameter (?api-version=) is required for all requests.",
      );
    }
    if (isResourceGraph) return handleResourceGraph(ctx.body, graph);
    return handleArm(ctx, armState);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const at = Date.now();
    const rawUrl = req.url ?? "/";
    const q = rawUrl.indexOf("?");
    const path = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
    const rawQuery = q >= 0 ? rawUrl.slice(q + 1) : "";
    const segments = path.split("/").filter((s) => s.length > 0).map(decodeSegment);
    const method = (req.method ?? "GET").toUpperCase();
    const authorization = headerValue(req.headers, "authorization");
    const hasAuthorization = typeof authorization === "string" && authorization.length > 0;
    const host = hostKind(segments[0]);
    const record: RequestRecord = { method, path, query: rawQuery, status: 0, hasAuthorization, at, host, ...(hasAuthorization ? { tokenTag: tokenTag(authorization ?? "") } : {}) };
    requests.push(record);
    if (identity.handles(path)) return identity.handle(req, res, req.headers.host ? `https://${req.headers.host}` : origin).then(() => void (record.status = res.statusCode));
    const ctx: RequestContext = {
      method,
      path,
      segments,
      lower: segments.map((s) => s.toLowerCase()),
      query: new URLSearchParams(rawQuery),
      rawQuery,
      origin: req.headers.host ? `https://${req.headers.host}` : origin,
      headers: req.headers,
      requestId: randomUUID(),
      host,
    };
    if (isResourceGraphQuery(ctx)) ctx.body = await readBody(req);
    else req.resume(); // the emulator reads no other request bodies

    const delay = (opts.latencyMs ?? 0) + Math.random() * (opts.jitterMs ?? 0);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));

    let reply: Reply;
    let truncate = false;
    if (host !== "other" && !(hasAuthorization && /^Bearer\s+\S/i.test(authorization ?? ""))) {
      reply =
        host === "graph"
          ? hostError(ctx, 401, "InvalidAuthenticationToken", "Access token is empty.")
          : armError(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
      if (host === "arm") {
        reply.headers = {
          "www-authenticate":
            'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="The authentication failed because of missing \'Authorization\' header."',
        };
      }
    } else {
      const match = faults.find(
        (f) => f.method === method && f.pattern.test(path) && (f.fault.times === undefined || f.used < f.fault.times),
      );
      if (match) match.used++;
      if (match && !match.fault.truncate) {
        reply = faultReply(ctx, match.fault);
      } else {
        reply = route(ctx);
        truncate = match?.fault.truncate === true;
      }
    }
    const gate = throttle && host === "arm" && reply.status !== 401 ? throttle.take({ method, lower: ctx.lower, principal: record.tokenTag ?? "" }) : undefined;
    if (gate && "reply" in gate) [reply, truncate] = [gate.reply, false];
    else if (gate) reply = { ...reply, headers: { ...reply.headers, ...gate.headers } };
    if (host !== "other" && opts.chaos && (await opts.chaos.apply({ ctx, res, reply }))) return;
    send(res, ctx, reply, truncate, record);
  };

  const server = createServer({ key: certificate.key, cert: certificate.cert, keepAlive: true }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A bug in the emulator: answer 500 rather than hang the client.
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": ARM_CONTENT_TYPE });
        res.end(JSON.stringify({ error: { code: "InternalServerError", message: String(error) } }));
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  origin = `https://${urlHost}:${address.port}`;

  const emulator: Emulator = {
    url: origin,
    caPem: certificate.cert,
    requests,
    identity,
    ...(throttle ? { throttle } : {}),
    async writeCa(path: string) {
      await writeFile(path, certificate.cert, "utf8");
      emulator.certPath = path;
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
  return emulator;
}

/** Reads a request body (Resource Graph queries are small; capped at 1 MiB). */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= 1 << 20) chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function queryParamInsensitive(query: URLSearchParams, name: string): string | undefined {
  for (const [key, value] of query) if (key.toLowerCase() === name) return value;
  return undefined;
}

function send(res: ServerResponse, ctx: RequestContext, reply: Reply, truncate: boolean, record: RequestRecord): void {
  let text = reply.body === undefined ? "" : JSON.stringify(reply.body);
  let status = reply.status;
  if (truncate) {
    // A fault with `truncate`: the real answer, cut in half, presented as a complete 200.
    text = text.slice(0, Math.floor(text.length / 2));
    status = 200;
  }
  const headers: Record<string, string> =
    ctx.host === "graph"
      ? {
          "content-type": GRAPH_CONTENT_TYPE,
          "odata-version": "4.0",
          "request-id": ctx.requestId,
          "client-request-id": headerValue(ctx.headers, "client-request-id") ?? ctx.requestId,
        }
      : {
          "content-type": ARM_CONTENT_TYPE,
          "x-ms-request-id": ctx.requestId,
          "x-ms-correlation-request-id": headerValue(ctx.headers, "x-ms-correlation-request-id") ?? randomUUID(),
          "x-ms-routing-request-id": `SWEDENCENTRAL:${new Date().toISOString().replace(/[-:]|\.\d{3}/g, "")}:${ctx.requestId}`,
          ...(ctx.lower[0] === "subscriptions" && ctx.lower.length > 1
            ? { "x-ms-ratelimit-remaining-subscription-reads": "249" }
            : { "x-ms-ratelimit-remaining-tenant-reads": "249" }),
        };
  Object.assign(headers, reply.headers ?? {});
  headers["content-length"] = String(Buffer.byteLength(text));
  headers["cache-control"] = "no-cache";
  record.status = status;
  res.writeHead(status, headers);
  res.end(text);
}
