/** Emulated sign-in endpoints: GitHub Actions' OIDC token service and Entra ID's OpenID metadata and token endpoint (client credentials with a federated JWT assertion). */
import { createHash, createPublicKey, generateKeyPair, type KeyObject, randomBytes, randomUUID, sign, verify } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/** The issuer GitHub Actions puts in its OIDC tokens. */
export const GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
/** The audience Entra ID expects in a federated credential's assertion. */
export const ENTRA_FEDERATION_AUDIENCE = "api://AzureADTokenExchange";
/** Default subject: a scheduled or pushed run on the demo repository's default branch. */
export const DEFAULT_GITHUB_SUBJECT = "repo:exempelkommun/hemvist-audit:ref:refs/heads/main";
const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/** Options for the emulated identity endpoints. */
export interface IdentityOptions {
  /** The value `ACTIONS_ID_TOKEN_REQUEST_TOKEN` must carry; any non-empty bearer when unset. */
  requestToken?: string;
  /** `sub` of the GitHub tokens issued (default {@link DEFAULT_GITHUB_SUBJECT}). */
  subject?: string;
  /** Subjects Entra accepts (the app's federated credentials); default: only `subject`. */
  federatedSubjects?: string[];
  /** The only tenant the token endpoint serves; any tenant when unset. */
  tenantId?: string;
  /** The only client id the token endpoint accepts; any when unset. */
  clientId?: string;
  /** Lifetime of GitHub tokens in seconds (default 600, like GitHub's). */
  githubTokenLifetime?: number;
  /** Lifetime of Entra access tokens in seconds (default 3599). */
  accessTokenLifetime?: number;
  /**
   * Shape of the access tokens issued: `jwt` (default, what Entra issues for ARM and Graph) or
   * `opaque` (a random base64 string with `+`, `/` and `=`, like the compact tickets some token
   * services issue): a client must treat a token it cannot parse as just as secret.
   */
  accessTokenFormat?: "jwt" | "opaque";
  /**
   * Called with every access token issued (canary tests: the token the run itself obtained is
   * searched for in everything the run wrote). The emulator itself records only tags.
   */
  onIssue?(token: string, scope: string): void;
}

/** One call to an identity endpoint, as recorded. Holds tags (hash prefixes) of tokens, never tokens. */
export interface IdentityCall {
  kind: "github-token" | "openid-configuration" | "instance-discovery" | "entra-token";
  method: string;
  path: string;
  status: number;
  at: number;
  /** github-token: the audience asked for. */
  audience?: string;
  /** github-token: tag of the GitHub JWT issued. entra-token: tag of the access token issued. */
  issuedTag?: string;
  /** entra-token: the tenant in the path. */
  tenant?: string;
  /** entra-token: `grant_type`. */
  grantType?: string;
  /** entra-token: `client_id`. */
  clientId?: string;
  /** entra-token: `scope`. */
  scope?: string;
  /** entra-token: tag of the `client_assertion` presented. */
  assertionTag?: string;
  /** entra-token: the assertion is a GitHub token this emulator issued. */
  assertionIssuedHere?: boolean;
  /** entra-token: no earlier token request presented the same assertion. */
  assertionFresh?: boolean;
  /** The `error` code of a refused request (OAuth error or HTTP reason). */
  error?: string;
}

/** Emulated identity endpoints, mounted into the emulator's HTTPS server. */
export interface IdentityEndpoints {
  /** Every call, in order. */
  calls: IdentityCall[];
  /** Access tokens issued, by tag: the scope each was issued for. */
  issued: Map<string, { scope: string; audience: string }>;
  /** True for the paths these endpoints answer (`/_github/…`, `/{tenant}/oauth2/…`, `/{tenant}/v2.0/…`, `/common/discovery/…`). */
  handles(path: string): boolean;
  /** Answers one request (reads its body); records it in `calls`. */
  handle(req: IncomingMessage, res: ServerResponse, origin: string): Promise<void>;
}

/**
 * A short, stable tag for a token (first 16 hex digits of its SHA-256), so logs can tell tokens
 * apart without holding them. A `Bearer ` prefix is ignored.
 */
export function tokenTag(token: string): string {
  return createHash("sha256").update(token.replace(/^Bearer\s+/i, "")).digest("hex").slice(0, 16);
}

/**
 * An opaque access token: 96 random bytes in standard base64 behind a fixed `EwB` prefix, with a `/`
 * and a `+` always present (so JSON escaping and URL encoding change how it is written).
 */
function opaqueToken(): string {
  const b = randomBytes(96).toString("base64");
  return `EwB${b.slice(0, 40)}/${b.slice(40, 80)}+${b.slice(80)}`;
}

function b64url(data: string | Buffer): string {
  return Buffer.from(data).toString("base64url");
}

interface Keys {
  privateKey: KeyObject;
  publicKey: KeyObject;
  kid: string;
}

function jwt(keys: Keys, claims: Record<string, unknown>): string {
  const head = b64url(JSON.stringify({ typ: "JWT", alg: "RS256", kid: keys.kid, x5t: keys.kid }));
  const body = b64url(JSON.stringify(claims));
  const signature = sign("RSA-SHA256", Buffer.from(`${head}.${body}`), keys.privateKey);
  return `${head}.${body}.${b64url(signature)}`;
}

/** Verifies an RS256 JWT signed by `key`; returns its claims, or undefined when malformed or forged. */
function verifyJwt(token: string, key: KeyObject): Record<string, unknown> | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  const [head, body, signature] = parts as [string, string, string];
  try {
    if (!verify("RSA-SHA256", Buffer.from(`${head}.${body}`), key, Buffer.from(signature, "base64url"))) return undefined;
    return JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      text += chunk;
      if (text.length > 1_000_000) req.destroy(new Error("request body too large"));
    });
    req.on("end", () => resolve(text));
    req.on("error", reject);
  });
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(text)),
    "cache-control": "no-store, no-cache",
    "x-ms-request-id": randomUUID(),
  });
  res.end(text);
}

/** An Entra OAuth error body, as login.microsoftonline.com sends it. */
function entraError(error: string, code: number, description: string): Record<string, unknown> {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date().toISOString().replace("T", " ").replace(/\.\d{3}Z$/, "Z");
  return {
    error,
    error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
  };
}

/**
 * Creates the identity endpoints. GitHub tokens are RS256 JWTs signed with a key made at start;
 * the Entra token endpoint checks each assertion's signature, issuer, audience, subject and expiry
 * as a federated identity credential would, and issues a JWT access token for the scope's resource.
 */
export function createIdentityEndpoints(opts: IdentityOptions = {}): IdentityEndpoints {
  const calls: IdentityCall[] = [];
  const issued = new Map<string, { scope: string; audience: string }>();
  const githubIssued = new Set<string>();
  const assertionsSeen = new Set<string>();
  const subject = opts.subject ?? DEFAULT_GITHUB_SUBJECT;
  const federatedSubjects = opts.federatedSubjects ?? [subject];
  let keysPromise: Promise<Keys> | undefined;
  const keys = (): Promise<Keys> =>
    (keysPromise ??= new Promise<Keys>((resolve, reject) =>
      generateKeyPair("rsa", { modulusLength: 2048 }, (err, publicKey, privateKey) => {
        if (err) reject(err);
        else resolve({ privateKey, publicKey: createPublicKey(publicKey.export({ type: "spki", format: "pem" })), kid: randomUUID().replace(/-/g, "").slice(0, 27) });
      }),
    ));

  const segmentsOf = (path: string): string[] => path.split("/").filter((s) => s.length > 0);

  const handles = (path: string): boolean => {
    const s = segmentsOf(path).map((x) => x.toLowerCase());
    if (s[0] === "_github") return true;
    if (s[0] === "common" && s[1] === "discovery") return true;
    return s.length >= 2 && (s[1] === "oauth2" || s[1] === "v2.0");
  };

  const githubToken = async (req: IncomingMessage, res: ServerResponse, call: IdentityCall, query: URLSearchParams): Promise<void> => {
    call.kind = "github-token";
    const auth = req.headers.authorization ?? "";
    const presented = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
    if (req.method !== "GET") {
      call.status = 405;
      call.error = "MethodNotAllowed";
      return reply(res, 405, { message: "Only GET is supported." });
    }
    if (!presented || (opts.requestToken !== undefined && presented !== opts.requestToken)) {
      call.status = 401;
      call.error = "Unauthorized";
      return reply(res, 401, { message: "Unable to authenticate the request: the ACTIONS_ID_TOKEN_REQUEST_TOKEN bearer is missing or wrong." });
    }
    const audience = query.get("audience") ?? "https://github.com/exempelkommun";
    call.audience = audience;
    const now = Math.floor(Date.now() / 1000);
    const token = jwt(await keys(), {
      jti: randomUUID(),
      sub: subject,
      aud: audience,
      ref: "refs/heads/main",
      sha: createHash("sha1").update(String(now)).digest("hex"),
      repository: "exempelkommun/hemvist-audit",
      repository_owner: "exempelkommun",
      run_id: "7000000001",
      run_attempt: "1",
      workflow: "nightly-audit",
      event_name: "schedule",
      ref_type: "branch",
      job_workflow_ref: "exempelkommun/hemvist-audit/.github/workflows/nightly-audit.yml@refs/heads/main",
      runner_environment: "github-hosted",
      iss: GITHUB_ISSUER,
      nbf: now - 5,
      iat: now,
      exp: now + (opts.githubTokenLifetime ?? 600),
    });
    const tag = tokenTag(token);
    githubIssued.add(tag);
    call.issuedTag = tag;
    call.status = 200;
    reply(res, 200, { count: 1, value: token });
  };

  const openIdConfiguration = (res: ServerResponse, call: IdentityCall, origin: string, tenant: string): void => {
    call.kind = "openid-configuration";
    call.tenant = tenant;
    call.status = 200;
    const base = `${origin}/${tenant}`;
    reply(res, 200, {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
      jwks_uri: `${origin}/${tenant}/discovery/v2.0/keys`,
      response_modes_supported: ["query", "fragment", "form_post"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
      scopes_supported: ["openid", "profile", "email", "offline_access"],
      issuer: `${base}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${origin}/oidc/userinfo`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: ["sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "tid", "ver", "oid"],
      kerberos_endpoint: `${base}/kerberos`,
      tenant_region_scope: "EU",
      cloud_instance_name: "microsoftonline.com",
      cloud_graph_host_name: "graph.windows.net",
      msgraph_host: "graph.microsoft.com",
      rbac_url: "https://pas.windows.net",
    });
  };

  const instanceDiscovery = (res: ServerResponse, call: IdentityCall, origin: string): void => {
    call.kind = "instance-discovery";
    call.status = 200;
    const host = new URL(origin).host;
    reply(res, 200, {
      tenant_discovery_endpoint: `${origin}/common/v2.0/.well-known/openid-configuration`,
      "api-version": "1.1",
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
  };

  const entraToken = async (req: IncomingMessage, res: ServerResponse, call: IdentityCall, tenant: string): Promise<void> => {
    call.kind = "entra-token";
    call.tenant = tenant;
    if (req.method !== "POST") {
      call.status = 405;
      call.error = "MethodNotAllowed";
      return reply(res, 405, entraError("invalid_request", 900561, "The endpoint only accepts POST requests."));
    }
    const form = new URLSearchParams(await readBody(req));
    const grantType = form.get("grant_type") ?? "";
    const clientId = form.get("client_id") ?? "";
    const scope = form.get("scope") ?? "";
    const assertion = form.get("client_assertion") ?? "";
    call.grantType = grantType;
    call.clientId = clientId;
    call.scope = scope;
    const fail = (status: number, error: string, code: number, description: string): void => {
      call.status = status;
      call.error = error;
      reply(res, status, entraError(error, code, description));
    };
    if (opts.tenantId && tenant.toLowerCase() !== opts.tenantId.toLowerCase()) {
      return fail(400, "invalid_request", 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
    }
    if (grantType !== "client_credentials") return fail(400, "unsupported_grant_type", 70003, `The app requested an unsupported grant type '${grantType}'.`);
    if (!clientId) return fail(400, "invalid_request", 900144, "The request body must contain the following parameter: 'client_id'.");
    if (opts.clientId && clientId.toLowerCase() !== opts.clientId.toLowerCase()) {
      return fail(400, "unauthorized_client", 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`);
    }
    if (form.get("client_assertion_type") !== CLIENT_ASSERTION_TYPE || !assertion) {
      return fail(401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    }
    const resource = /^(.+)\/\.default$/.exec(scope.split(" ").find((s) => s.endsWith("/.default")) ?? "")?.[1];
    if (!resource) return fail(400, "invalid_scope", 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
    const tag = tokenTag(assertion);
    call.assertionTag = tag;
    call.assertionIssuedHere = githubIssued.has(tag);
    call.assertionFresh = !assertionsSeen.has(tag);
    assertionsSeen.add(tag);
    const claims = verifyJwt(assertion, (await keys()).publicKey);
    if (!claims) return fail(401, "invalid_client", 700027, "Client assertion failed signature validation.");
    if (claims.iss !== GITHUB_ISSUER) return fail(400, "invalid_request", 700211, `No matching federated identity record found for presented assertion issuer '${String(claims.iss)}'.`);
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.exp !== "number" || claims.exp < now) return fail(400, "invalid_client", 700024, "Client assertion is not within its valid time range.");
    if (claims.aud !== ENTRA_FEDERATION_AUDIENCE) return fail(400, "invalid_request", 700212, `No matching federated identity record found for presented assertion audience '${String(claims.aud)}'.`);
    if (!federatedSubjects.includes(String(claims.sub))) {
      return fail(400, "invalid_request", 700213, `No matching federated identity record found for presented assertion subject '${String(claims.sub)}'. Please note that the matching is done using a case-sensitive comparison. Check your federated identity credential Subject, Audience and Issuer against the presented assertion.`);
    }
    const lifetime = opts.accessTokenLifetime ?? 3599;
    const accessToken = opts.accessTokenFormat === "opaque" ? opaqueToken() : jwt(await keys(), {
      aud: resource,
      iss: `https://sts.windows.net/${tenant}/`,
      iat: now,
      nbf: now,
      exp: now + lifetime,
      aio: randomUUID(),
      appid: clientId,
      appidacr: "2",
      idp: `https://sts.windows.net/${tenant}/`,
      idtyp: "app",
      oid: randomUUID(),
      sub: randomUUID(),
      tid: tenant,
      uti: randomUUID().replace(/-/g, "").slice(0, 22),
      ver: "1.0",
    });
    const issuedTag = tokenTag(accessToken);
    issued.set(issuedTag, { scope, audience: resource });
    opts.onIssue?.(accessToken, scope);
    call.issuedTag = issuedTag;
    call.status = 200;
    reply(res, 200, { token_type: "Bearer", expires_in: lifetime, ext_expires_in: lifetime, access_token: accessToken });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, origin: string): Promise<void> => {
    const rawUrl = req.url ?? "/";
    const q = rawUrl.indexOf("?");
    const path = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
    const query = new URLSearchParams(q >= 0 ? rawUrl.slice(q + 1) : "");
    const s = segmentsOf(path);
    const lower = s.map((x) => x.toLowerCase());
    const call: IdentityCall = { kind: "github-token", method: (req.method ?? "GET").toUpperCase(), path, status: 0, at: Date.now() };
    calls.push(call);
    try {
      if (lower[0] === "_github" && lower[1] === "token") return await githubToken(req, res, call, query);
      if (lower[0] === "common" && lower[1] === "discovery" && lower[2] === "instance") return instanceDiscovery(res, call, origin);
      const tenant = s[0] ?? "";
      if (lower[1] === "v2.0" && lower[2] === ".well-known" && lower[3] === "openid-configuration") return openIdConfiguration(res, call, origin, tenant);
      if (lower[1] === "oauth2" && lower[2] === "v2.0" && lower[3] === "token") return await entraToken(req, res, call, tenant);
      call.status = 404;
      call.error = "NotFound";
      reply(res, 404, entraError("invalid_request", 900023, `The path '${path}' is not served by the Hemvist emulator's identity endpoints.`));
    } finally {
      if (!req.readableEnded) req.resume();
    }
  };

  return { calls, issued, handles, handle };
}
