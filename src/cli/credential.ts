/**
 * Chooses the credential for `--auth`: Azure Identity credentials, GitHub OIDC federation
 * (a fresh GitHub ID token for every Entra sign-in), or a static token for emulators.
 */
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import {
  AzureCliCredential,
  ClientAssertionCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
  DefaultAzureCredential,
  ManagedIdentityCredential,
  WorkloadIdentityCredential,
} from "@azure/identity";
import { UsageError } from "../errors.js";

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

/** A credential that hands out one pre-acquired token for every audience. */
export function staticCredential(token: string): TokenCredential {
  return {
    async getToken(): Promise<AccessToken> {
      return { token, expiresOnTimestamp: Date.now() + 3600_000 };
    },
  };
}

/** Fetches a GitHub Actions OIDC token for the audience (what @actions/core getIDToken does). */
export async function githubIdToken(audience = "api://AzureADTokenExchange"): Promise<string> {
  const core = await import("@actions/core");
  return core.getIDToken(audience);
}

/** Builds the credential for an auth method from flags and environment variables. */
export function makeCredential(method: AuthMethod, opts: { tenantId?: string; authorityHost?: string; env?: NodeJS.ProcessEnv }): CredentialChoice {
  const env = opts.env ?? process.env;
  const tenantId = opts.tenantId ?? env.AZURE_TENANT_ID;
  const common = opts.authorityHost ? { authorityHost: opts.authorityHost } : {};
  switch (method) {
    case "static": {
      const token = env.HEMVIST_STATIC_TOKEN;
      if (!token) throw new UsageError("--auth static needs the environment variable HEMVIST_STATIC_TOKEN (a bearer token used for every audience).");
      return { method, credential: staticCredential(token), ...(tenantId ? { tenantId } : {}) };
    }
    case "cli":
      return { method, credential: new AzureCliCredential(tenantId ? { tenantId } : {}), ...(tenantId ? { tenantId } : {}) };
    case "client-secret": {
      const t = tenantId ?? need(env, "AZURE_TENANT_ID", method);
      const c = need(env, "AZURE_CLIENT_ID", method);
      return { method, credential: new ClientSecretCredential(t, c, need(env, "AZURE_CLIENT_SECRET", method), common), tenantId: t, clientId: c };
    }
    case "client-certificate": {
      const t = tenantId ?? need(env, "AZURE_TENANT_ID", method);
      const c = need(env, "AZURE_CLIENT_ID", method);
      const certificatePath = need(env, "AZURE_CLIENT_CERTIFICATE_PATH", method);
      return { method, credential: new ClientCertificateCredential(t, c, { certificatePath }, common), tenantId: t, clientId: c };
    }
    case "managed-identity": {
      const c = env.AZURE_CLIENT_ID;
      return { method, credential: c ? new ManagedIdentityCredential({ clientId: c }) : new ManagedIdentityCredential(), ...(tenantId ? { tenantId } : {}), ...(c ? { clientId: c } : {}) };
    }
    case "workload-identity": {
      const t = tenantId ?? need(env, "AZURE_TENANT_ID", method);
      const c = need(env, "AZURE_CLIENT_ID", method);
      const tokenFilePath = need(env, "AZURE_FEDERATED_TOKEN_FILE", method);
      return { method, credential: new WorkloadIdentityCredential({ tenantId: t, clientId: c, tokenFilePath, ...common }), tenantId: t, clientId: c };
    }
    case "github-oidc": {
      const t = tenantId ?? need(env, "AZURE_TENANT_ID", method);
      const c = need(env, "AZURE_CLIENT_ID", method);
      need(env, "ACTIONS_ID_TOKEN_REQUEST_URL", method);
      need(env, "ACTIONS_ID_TOKEN_REQUEST_TOKEN", method);
      // A fresh GitHub ID token for every Entra token request: the GitHub token lives about ten
      // minutes, and long audits request tokens later (Graph, refresh).
      const credential = new ClientAssertionCredential(t, c, () => githubIdToken(), {
        ...common,
        ...(env.HEMVIST_DISABLE_INSTANCE_DISCOVERY === "1" ? { disableInstanceDiscovery: true } : {}),
      });
      return { method, credential, tenantId: t, clientId: c };
    }
    case "default":
      return { method, credential: new DefaultAzureCredential(tenantId ? { tenantId, ...common } : common), ...(tenantId ? { tenantId } : {}) };
  }
}
