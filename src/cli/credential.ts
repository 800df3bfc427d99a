/**
 * Chooses the credential for `--auth`: Azure Identity credentials, GitHub OIDC federation
 * (a fresh GitHub ID token for every Entra sign-in), or a static token for emulators.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { accessSync, constants as fsConstants, statSync } from "node:fs";
import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/core-auth";
import type * as Identity from "@azure/identity";
import { UsageError } from "../base/errors.js";
import { redactSecrets } from "../collectors/redact.js";

export const AUTH_METHODS = ["default", "cli", "client-secret", "client-certificate", "managed-identity", "workload-identity", "github-oidc", "static"] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

export interface CredentialChoice {
  method: AuthMethod;
  credential: TokenCredential;
  tenantId?: string;
  clientId?: string;
}

/** `github-oidc` when running in GitHub Actions with a federated identity configured, else `default`. */
export function autoAuthMethod(env: NodeJS.ProcessEnv): AuthMethod {
  return env.ACTIONS_ID_TOKEN_REQUEST_URL && env.AZURE_TENANT_ID && env.AZURE_CLIENT_ID ? "github-oidc" : "default";
}

function need(env: NodeJS.ProcessEnv, name: string, method: string): string {
  const v = env[name];
  if (!v) throw new UsageError(`--auth ${method} needs the environment variable ${name}.`);
  return v;
}

/** "A", "A and B", "A, B and C". */
function andList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * Checks that every environment variable a sign-in method reads is set, naming all the missing ones
 * at once (a tenant given with --tenant stands in for AZURE_TENANT_ID); a UsageError otherwise.
 */
function requireEnv(env: NodeJS.ProcessEnv, method: AuthMethod, names: readonly string[], tenantFromFlag: boolean): void {
  const missing = names.filter((n) => !env[n] && !(n === "AZURE_TENANT_ID" && tenantFromFlag));
  if (missing.length === 0) return;
  const tenantNote = names.includes("AZURE_TENANT_ID") ? " (--tenant may stand in for AZURE_TENANT_ID)" : "";
  throw new UsageError(`--auth ${method} reads its credential from the environment, and ${andList(missing)} ${missing.length === 1 ? "is" : "are"} not set: set ${andList(names)}${tenantNote}, or choose another --auth method.`);
}

/** A credential file named by an environment variable must be a readable file now, not at the first token request. */
function requireFile(env: NodeJS.ProcessEnv, name: string, method: AuthMethod, what: string): string {
  const file = env[name] ?? "";
  let problem: string | undefined;
  try {
    if (!statSync(file).isFile()) problem = "is not a file";
    else accessSync(file, fsConstants.R_OK);
  } catch (err) {
    problem = (err as NodeJS.ErrnoException).code === "ENOENT" ? "does not exist" : `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`;
  }
  if (problem) throw new UsageError(`${name}: ${file} ${problem}; --auth ${method} needs it to hold ${what}.`);
  return file;
}

/** A tenant is a GUID or a verified domain name (contoso.onmicrosoft.com, exempelkommun.se). */
const TENANT_SHAPE = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})$/i;

/**
 * The problem with a tenant id (from --tenant or AZURE_TENANT_ID), or undefined when it has the
 * shape of one. It goes into sign-in URLs and resource ids, so nothing else is accepted.
 */
export function tenantProblem(value: string, source: string): string | undefined {
  if (TENANT_SHAPE.test(value)) return undefined;
  const shown = value.length > 80 ? `${JSON.stringify(value.slice(0, 77))}...` : JSON.stringify(value);
  return `${source}: found ${shown}, expected a tenant id (a GUID such as 8d3f6a51-0c8e-4e59-9b5e-3a1c2f7e9d10) or the tenant's domain name (such as contoso.onmicrosoft.com).`;
}

/**
 * A credential that hands out one pre-acquired token for every audience. With `ttlMs` (tests:
 * `HEMVIST_STATIC_TOKEN_TTL_MS`) it hands out short-lived tokens `<token>-<n>` that expire after
 * `ttlMs`, the same one until half its life is gone (like a token cache), so tests can prove a run
 * renews tokens that expire while it runs.
 */
export function staticCredential(token: string, ttlMs?: number): TokenCredential {
  let n = 0;
  let current: AccessToken | undefined;
  return {
    async getToken(): Promise<AccessToken> {
      if (ttlMs === undefined) return { token, expiresOnTimestamp: Date.now() + 3600_000 };
      if (!current || current.expiresOnTimestamp - Date.now() < ttlMs / 2) {
        n += 1;
        current = { token: `${token}-${n}`, expiresOnTimestamp: Date.now() + ttlMs };
      }
      return current;
    },
  };
}

/** Fetches a GitHub Actions OIDC token for the audience (what @actions/core getIDToken does). */
export async function githubIdToken(audience = "api://AzureADTokenExchange"): Promise<string> {
  const core = await import("@actions/core");
  return core.getIDToken(audience);
}

/** The Entra sign-in hosts of the public and sovereign clouds (instance discovery knows these). */
const MICROSOFT_AUTHORITY_HOSTS = new Set([
  "login.microsoftonline.com",
  "login.windows.net",
  "login.microsoft.com",
  "sts.windows.net",
  "login.chinacloudapi.cn",
  "login.partner.microsoftonline.cn",
  "login.microsoftonline.us",
  "login.usgovcloudapi.net",
  "login-us.microsoftonline.com",
]);

/**
 * The authority host to sign in at: `AZURE_AUTHORITY_HOST` (the Azure SDKs' own variable) when set,
 * else the cloud's. Returns also whether MSAL's instance discovery must be off: it only knows
 * Microsoft's hosts, so any other authority (an emulator, a private STS) needs it disabled, as does
 * `HEMVIST_DISABLE_INSTANCE_DISCOVERY=1`.
 */
export function resolveAuthority(cloudAuthorityHost: string | undefined, env: NodeJS.ProcessEnv): { authorityHost?: string; disableInstanceDiscovery: boolean } {
  const authorityHost = env.AZURE_AUTHORITY_HOST || cloudAuthorityHost;
  let foreign = false;
  if (authorityHost) {
    let host: string;
    try {
      host = new URL(authorityHost).hostname.toLowerCase();
    } catch {
      throw new UsageError(`AZURE_AUTHORITY_HOST: found "${authorityHost}", expected an https:// URL such as https://login.microsoftonline.com.`);
    }
    if (!/^https:\/\//i.test(authorityHost)) throw new UsageError(`AZURE_AUTHORITY_HOST: found "${authorityHost}", expected an https:// URL (credentials are only sent over TLS).`);
    foreign = !MICROSOFT_AUTHORITY_HOSTS.has(host);
  }
  return { ...(authorityHost ? { authorityHost } : {}), disableInstanceDiscovery: foreign || env.HEMVIST_DISABLE_INSTANCE_DISCOVERY === "1" };
}

/**
 * The audience of the GitHub token Entra accepts (the federated credential's audience): the
 * cloud's token-exchange audience from the authority host, or `HEMVIST_OIDC_AUDIENCE`.
 */
export function federationAudience(authorityHost: string | undefined, env: NodeJS.ProcessEnv): string {
  if (env.HEMVIST_OIDC_AUDIENCE) return env.HEMVIST_OIDC_AUDIENCE;
  let host = "";
  try {
    host = authorityHost ? new URL(authorityHost).hostname.toLowerCase() : "";
  } catch {
    host = "";
  }
  if (host.endsWith(".us")) return "api://AzureADTokenExchangeUSGov";
  if (host.endsWith(".cn")) return "api://AzureADTokenExchangeChina";
  return "api://AzureADTokenExchange";
}

/**
 * An Azure Identity credential made on its first token request: @azure/identity (with MSAL) takes
 * about a third of a second to load, which every command that signs in to nothing (evaluate, merge,
 * rules, a refused audit) would otherwise pay.
 */
function lazyIdentity(make: (identity: typeof Identity) => TokenCredential): TokenCredential {
  let made: Promise<TokenCredential> | undefined;
  return {
    async getToken(scopes, options) {
      made ??= import("@azure/identity").then(make);
      return (await made).getToken(scopes, options);
    },
  };
}

/** Builds the credential for an auth method from flags and environment variables. */
export function makeCredential(method: AuthMethod, opts: { tenantId?: string; authorityHost?: string; env?: NodeJS.ProcessEnv }): CredentialChoice {
  const env = opts.env ?? process.env;
  const tenantId = opts.tenantId ?? (env.AZURE_TENANT_ID || undefined);
  if (tenantId !== undefined) {
    const problem = tenantProblem(tenantId, opts.tenantId !== undefined ? "--tenant" : "AZURE_TENANT_ID");
    if (problem) throw new UsageError(problem);
  }
  const fromFlag = opts.tenantId !== undefined;
  const authority = resolveAuthority(opts.authorityHost, env);
  const common = {
    ...(authority.authorityHost ? { authorityHost: authority.authorityHost } : {}),
    ...(authority.disableInstanceDiscovery ? { disableInstanceDiscovery: true } : {}),
  };
  switch (method) {
    case "static": {
      const token = env.HEMVIST_STATIC_TOKEN;
      if (!token) throw new UsageError("--auth static needs the environment variable HEMVIST_STATIC_TOKEN (a bearer token used for every audience).");
      const ttl = env.HEMVIST_STATIC_TOKEN_TTL_MS ? Number(env.HEMVIST_STATIC_TOKEN_TTL_MS) : undefined;
      if (ttl !== undefined && !(Number.isInteger(ttl) && ttl >= 1000)) throw new UsageError(`HEMVIST_STATIC_TOKEN_TTL_MS: found "${env.HEMVIST_STATIC_TOKEN_TTL_MS}", expected a whole number of milliseconds, at least 1000.`);
      return { method, credential: staticCredential(token, ttl), ...(tenantId ? { tenantId } : {}) };
    }
    case "cli":
      return { method, credential: lazyIdentity((id) => new id.AzureCliCredential(tenantId ? { tenantId } : {})), ...(tenantId ? { tenantId } : {}) };
    case "client-secret": {
      requireEnv(env, method, ["AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET"], fromFlag);
      const t = tenantId ?? need(env, "AZURE_TENANT_ID", method);
      const c = need(env, "AZURE_CLIENT_ID", method);
      const secret = need(env, "AZURE_CLIENT_SECRET", method);
      return { method, credential: lazyIdentity((id) => new id.ClientSecretCredential(t, c, secret, common)), tenantId: t, clientId: c };
    }
    case "client-certificate": {
      requireEnv(env, method, ["AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_CERTIFICATE_PATH"], fromFlag);
      const t = tenantId ?? need(env, "AZURE_TENANT_ID", method);
      const c = need(env, "AZURE_CLIENT_ID", method);
      const certificatePath = requireFile(env, "AZURE_CLIENT_CERTIFICATE_PATH", method, "the app registration's certificate and private key (PEM)");
      return { method, credential: lazyIdentity((id) => new id.ClientCertificateCredential(t, c, { certificatePath }, common)), tenantId: t, clientId: c };
    }
    case "managed-identity": {
      const c = env.AZURE_CLIENT_ID;
      return { method, credential: lazyIdentity((id) => (c ? new id.ManagedIdentityCredential({ clientId: c }) : new id.ManagedIdentityCredential())), ...(tenantId ? { tenantId } : {}), ...(c ? { clientId: c } : {}) };
    }
    case "workload-identity": {
      requireEnv(env, method, ["AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_FEDERATED_TOKEN_FILE"], fromFlag);
      const t = tenantId ?? need(env, "AZURE_TENANT_ID", method);
      const c = need(env, "AZURE_CLIENT_ID", method);
      const tokenFilePath = requireFile(env, "AZURE_FEDERATED_TOKEN_FILE", method, "the service account token that the workload identity webhook projects into the pod");
      return { method, credential: lazyIdentity((id) => new id.WorkloadIdentityCredential({ tenantId: t, clientId: c, tokenFilePath, ...common })), tenantId: t, clientId: c };
    }
    case "github-oidc": {
      requireEnv(env, method, ["AZURE_TENANT_ID", "AZURE_CLIENT_ID"], fromFlag);
      const t = tenantId ?? need(env, "AZURE_TENANT_ID", method);
      const c = need(env, "AZURE_CLIENT_ID", method);
      if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
        throw new UsageError(
          "--auth github-oidc needs ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN, which GitHub Actions sets only for a job with `permissions: id-token: write` (see docs/github-actions.md).",
        );
      }
      // A fresh GitHub ID token for every Entra token request: the GitHub token lives about ten
      // minutes, and long audits request tokens later (Graph, refresh). MSAL evaluates the
      // assertion callback on every getToken, even when it then answers from its cache, and twice
      // per sign-in (request and client configuration, only the first is sent): the cache in front
      // and one assertion per sign-in make that exactly one GitHub request per Entra request.
      const audience = federationAudience(authority.authorityHost, env);
      const inner = lazyIdentity((id) => new id.ClientAssertionCredential(t, c, oneAssertionPerSignIn(() => githubIdToken(audience)), common));
      const credential = cachingCredential(inner, {
        describeFailure: (err) => explainOidcFailure(err, t, c),
        around: (signIn) => signInScope.run({}, signIn),
      });
      return { method, credential, tenantId: t, clientId: c };
    }
    case "default":
      return { method, credential: lazyIdentity((id) => new id.DefaultAzureCredential(tenantId ? { tenantId, ...common } : common)), ...(tenantId ? { tenantId } : {}) };
  }
}

const signInScope = new AsyncLocalStorage<{ assertion?: Promise<string> }>();

/**
 * Wraps an assertion source so that all the calls made during one sign-in (one `signInScope`)
 * share one assertion; outside a sign-in scope every call fetches a new one.
 */
export function oneAssertionPerSignIn(fetchAssertion: () => Promise<string>): () => Promise<string> {
  return () => {
    const slot = signInScope.getStore();
    if (!slot) return fetchAssertion();
    slot.assertion ??= fetchAssertion();
    return slot.assertion;
  };
}

/** Options of {@link cachingCredential}. */
export interface CachingOptions {
  /** Renew this long before expiry (default 5 minutes). */
  marginMs?: number;
  /** The clock (tests). */
  now?: () => number;
  /** Turns a failed sign-in into a message the user can act on; the failure then throws a UsageError. */
  describeFailure?: (err: unknown) => string | undefined;
  /** Runs each request to the credential (a sign-in) inside this, e.g. an async context. */
  around?: <T>(signIn: () => Promise<T>) => Promise<T>;
}

/**
 * Puts a token cache in front of a credential: one token per (tenant, scopes), renewed at its
 * `refreshAfterTimestamp` or `marginMs` before expiry (at half its life for short-lived tokens),
 * and one request in flight per key, so concurrent collectors share it. Requests with `claims`
 * (a continuous access evaluation challenge) always go to the credential.
 */
export function cachingCredential(inner: TokenCredential, opts: CachingOptions = {}): TokenCredential {
  const margin = opts.marginMs ?? 5 * 60_000;
  const now = opts.now ?? Date.now;
  const cache = new Map<string, { token: AccessToken; renewAt: number }>();
  const inFlight = new Map<string, Promise<AccessToken | null>>();
  const fetch = async (scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> => {
    try {
      return await (opts.around ? opts.around(() => inner.getToken(scopes, options)) : inner.getToken(scopes, options));
    } catch (err) {
      const message = opts.describeFailure?.(err);
      if (message) throw new UsageError(message);
      throw err;
    }
  };
  return {
    async getToken(scopes, options) {
      if (options?.claims) return fetch(scopes, options);
      const key = `${options?.tenantId ?? ""} ${[scopes].flat().sort().join(" ")}`;
      const hit = cache.get(key);
      if (hit && now() < hit.renewAt) return hit.token;
      let pending = inFlight.get(key);
      if (!pending) {
        pending = fetch(scopes, options)
          .then((token) => {
            if (token) {
              const t = now();
              const life = token.expiresOnTimestamp - t;
              const renewAt = Math.min(token.refreshAfterTimestamp ?? Number.POSITIVE_INFINITY, life > 2 * margin ? token.expiresOnTimestamp - margin : t + life / 2);
              cache.set(key, { token, renewAt });
            }
            return token;
          })
          .finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return pending;
    },
  };
}

/** What each Entra refusal of a GitHub OIDC sign-in means, by AADSTS code, and how to fix it. */
const OIDC_HINTS: Record<string, string> = {
  "700213": "The federated credential's subject does not match this run. Scheduled and manual runs on the default branch present `repo:OWNER/REPO:ref:refs/heads/BRANCH`; a job with `environment: NAME` presents `repo:OWNER/REPO:environment:NAME` instead.",
  "700211": "No federated credential with issuer https://token.actions.githubusercontent.com exists on this app registration or managed identity.",
  "700212": "The federated credential's audience must be the cloud's token-exchange audience: api://AzureADTokenExchange (api://AzureADTokenExchangeUSGov for US Government, api://AzureADTokenExchangeChina for Azure operated by 21Vianet).",
  "700016": "AZURE_CLIENT_ID names no application in this tenant (wrong client id, or AZURE_TENANT_ID is another tenant).",
  "90002": "AZURE_TENANT_ID names no tenant in this cloud (check the id, and --cloud for sovereign clouds).",
  "700024": "The GitHub token had expired when Entra received it (runner clock skew or a stalled job).",
  "7000215": "The app registration does not accept this credential type.",
};

/**
 * Explains a failed GitHub OIDC sign-in: the AADSTS error Entra returned and what to change, or a
 * failure to get the GitHub token itself (no `id-token: write` permission).
 * @returns the message, or undefined for failures that are not sign-in problems (abort)
 */
export function explainOidcFailure(err: unknown, tenantId: string, clientId: string): string | undefined {
  // Entra's and GitHub's answers are server text: an echoed assertion or token never reaches stderr.
  const text = redactSecrets(err instanceof Error ? err.message : String(err));
  if ((err as { name?: string })?.name === "AbortError") return undefined;
  const who = `tenant ${tenantId}, client ${clientId}`;
  const see = "See docs/github-actions.md, section \"What a failure on the job page means\".";
  if (/ID Token|ACTIONS_ID_TOKEN/i.test(text) && !/AADSTS/.test(text)) {
    return `GitHub did not issue an OIDC token (${text.split("\n")[0]?.trim()}). Give the job \`permissions: id-token: write\`. ${see}`;
  }
  const aadsts = /AADSTS(\d+):\s*(.*?)(?:\s+Trace ID:|\s+-\s+Correlation ID:|$)/s.exec(text);
  if (aadsts) {
    const code = aadsts[1] ?? "";
    const hint = OIDC_HINTS[code] ?? "Check the app registration's federated credentials.";
    return `Entra ID refused the GitHub OIDC sign-in (${who}): AADSTS${code}: ${aadsts[2]?.trim()} ${hint} ${see}`;
  }
  return `The GitHub OIDC sign-in failed (${who}): ${text.split("\n")[0]}. ${see}`;
}

/** What each Entra refusal of a sign-in with a secret, certificate or federated token means, by AADSTS code. */
const SIGN_IN_HINTS: Record<string, string> = {
  "7000215": "AZURE_CLIENT_SECRET is not a secret of this app registration: use the secret's value (shown once when it was created), not its id.",
  "7000222": "The client secret has expired: create a new one on the app registration and update AZURE_CLIENT_SECRET.",
  "7000218": "Entra received neither a client secret nor a client assertion: check AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH.",
  "700027": "The certificate or assertion was not accepted: upload the certificate's public part to the app registration, or check the federated token file.",
  "700016": "AZURE_CLIENT_ID names no application in this tenant (wrong client id, or the tenant is another one).",
  "90002": "The tenant does not exist in this cloud: check --tenant / AZURE_TENANT_ID, and --cloud for sovereign clouds.",
  "900023": "The tenant is not a valid tenant id or domain: check --tenant / AZURE_TENANT_ID.",
  "53003": "A Conditional Access policy blocked the sign-in: ask the tenant's administrators to exclude this identity or the place it runs from.",
  "700024": "The federated token had expired when Entra received it: check the clock, and that the token file is refreshed.",
  "70021": "No federated credential on the app registration matches the token: check its issuer, subject and audience.",
};

/** The first line of a message with token-shaped text (JWTs) removed and its length bounded: sign-in errors may echo what was sent. */
function safeFirstLine(text: string): string {
  const line = (text.split("\n").find((l) => l.trim() !== "") ?? "").trim();
  const clean = redactSecrets(line).replace(/eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, "[redacted]");
  return clean.length > 400 ? `${clean.slice(0, 400)}... (cut)` : clean;
}

/** Names of the errors Azure Identity throws for a sign-in that could not happen. */
const SIGN_IN_ERRORS = new Set(["CredentialUnavailableError", "AuthenticationError", "AggregateAuthenticationError", "AuthenticationRequiredError"]);

/**
 * What to do about a failed sign-in (the first token request of a run): no Azure CLI or no `az login`,
 * no credential in the environment, no managed identity, or an authority that refused the client
 * (AADSTS). Undefined for anything else (an abort, a bug), which is not a sign-in problem.
 */
export function explainSignInFailure(method: AuthMethod, err: unknown, who: { tenantId?: string; clientId?: string } = {}): string | undefined {
  if (err instanceof UsageError) return err.message;
  const name = (err as { name?: string } | undefined)?.name ?? "";
  if (name === "AbortError" || !SIGN_IN_ERRORS.has(name)) return undefined;
  const text = err instanceof Error ? err.message : String(err);
  const whom = [who.tenantId ? `tenant ${who.tenantId}` : "", who.clientId ? `client ${who.clientId}` : ""].filter(Boolean).join(", ");
  const aadsts = /AADSTS(\d+):\s*(.*?)(?:\s+Trace ID:|\s+Correlation ID:|\s+Timestamp:|\r?\n|$)/s.exec(text);
  if (aadsts) {
    const code = aadsts[1] ?? "";
    const hint = method === "cli" ? "Run az login again (the Azure CLI's sign-in is no longer accepted)." : (SIGN_IN_HINTS[code] ?? "Check the app registration and the credential in the environment.");
    return `Entra ID refused the sign-in (--auth ${method}${whom ? `, ${whom}` : ""}): AADSTS${code}: ${safeFirstLine(aadsts[2] ?? "")} ${hint}`;
  }
  switch (method) {
    case "cli":
      if (/could not be found/i.test(text)) return "the Azure CLI (az) was not found on PATH (--auth cli): install it (https://aka.ms/azure-cli) and run az login, or choose another --auth method.";
      if (/az login/i.test(text)) return `the Azure CLI is not signed in (--auth cli): run az login${who.tenantId ? ` --tenant ${who.tenantId}` : ""}, then run Hemvist again.`;
      return `the Azure CLI gave no token (--auth cli): ${safeFirstLine(text)} Run az login again, or choose another --auth method.`;
    case "default":
      if (name !== "AggregateAuthenticationError" && name !== "CredentialUnavailableError") break;
      return "no credential was found (--auth default tried the environment variables, workload identity, managed identity, the Azure CLI, Azure PowerShell and the Azure Developer CLI): run az login, or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, or choose --auth explicitly.";
    case "managed-identity":
      if (name !== "CredentialUnavailableError") break;
      return `no managed identity answered (--auth managed-identity): run Hemvist on an Azure host with a managed identity assigned (AZURE_CLIENT_ID names a user-assigned one), or choose another --auth method. (${safeFirstLine(text)})`;
    default:
      break;
  }
  return `the sign-in failed (--auth ${method}${whom ? `, ${whom}` : ""}): ${safeFirstLine(text)}`;
}

/**
 * Wraps a credential so that a sign-in failure becomes a UsageError saying what to do (exit 2, no
 * stack); other errors pass unchanged. `github-oidc` explains its own failures, `static` has none.
 */
export function explainingCredential(choice: CredentialChoice): TokenCredential {
  if (choice.method === "static" || choice.method === "github-oidc") return choice.credential;
  const inner = choice.credential;
  const who = { ...(choice.tenantId ? { tenantId: choice.tenantId } : {}), ...(choice.clientId ? { clientId: choice.clientId } : {}) };
  return {
    async getToken(scopes, options) {
      try {
        return await inner.getToken(scopes, options);
      } catch (err) {
        const message = explainSignInFailure(choice.method, err, who);
        if (message && !(err instanceof UsageError)) throw new UsageError(message);
        throw err;
      }
    },
  };
}

/**
 * A sign-in error that escaped the run's credential wrapper (a token renewed later in the run), as a
 * line saying what to do; undefined for other errors.
 */
export function signInErrorMessage(err: unknown): string | undefined {
  const name = (err as { name?: string } | undefined)?.name ?? "";
  if (!SIGN_IN_ERRORS.has(name)) return undefined;
  const text = err instanceof Error ? err.message : String(err);
  return `the sign-in failed (${name}): ${safeFirstLine(text)} Check --auth and the credential it reads (az login for --auth cli).`;
}
