/**
 * The credential pieces behind --auth github-oidc: the token cache in front of MSAL (one request
 * per audience, renewal before expiry), the authority host and instance discovery choice, and the
 * messages for each way Entra refuses a GitHub token.
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/core-auth";
import { describe, expect, it } from "vitest";
import { cachingCredential, explainOidcFailure, federationAudience, makeCredential, resolveAuthority } from "../../src/cli/credential.js";
import { UsageError } from "../../src/base/errors.js";

function fakeCredential(lifetimeMs: number, clock: { now: number }) {
  const calls: { scopes: string; claims?: string }[] = [];
  const credential: TokenCredential = {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
      const n = calls.push({ scopes: [scopes].flat().join(" "), ...(options?.claims ? { claims: options.claims } : {}) });
      await new Promise((r) => setTimeout(r, 5));
      return { token: `token-${n}`, expiresOnTimestamp: clock.now + lifetimeMs };
    },
  };
  return { calls, credential };
}

describe("cachingCredential", () => {
  it("shares one request among concurrent callers of one scope, and asks again per scope", async () => {
    const clock = { now: 1_000_000 };
    const { calls, credential } = fakeCredential(3600_000, clock);
    const c = cachingCredential(credential, { now: () => clock.now });
    const arm = "https://management.azure.com/.default";
    const graph = "https://graph.microsoft.com/.default";
    const tokens = await Promise.all([...Array(20)].map((_, i) => c.getToken(i % 2 ? arm : graph)));
    expect(calls.map((x) => x.scopes).sort()).toEqual([arm, graph].sort());
    expect(new Set(tokens.map((t) => t?.token)).size).toBe(2);
    expect((await c.getToken([arm]))?.token).toBe(tokens[1]?.token);
  });

  it("renews five minutes before expiry, so long audits get a fresh token (and a fresh GitHub token)", async () => {
    const clock = { now: 0 };
    const { calls, credential } = fakeCredential(3600_000, clock);
    const c = cachingCredential(credential, { now: () => clock.now });
    await c.getToken("s/.default");
    clock.now = 3600_000 - 5 * 60_000 - 1;
    await c.getToken("s/.default");
    expect(calls).toHaveLength(1);
    clock.now += 2;
    expect((await c.getToken("s/.default"))?.token).toBe("token-2");
    expect(calls).toHaveLength(2);
  });

  it("renews short-lived tokens at half their life, and passes claims challenges through", async () => {
    const clock = { now: 0 };
    const { calls, credential } = fakeCredential(60_000, clock);
    const c = cachingCredential(credential, { now: () => clock.now });
    await c.getToken("s/.default");
    clock.now = 29_000;
    await c.getToken("s/.default");
    expect(calls).toHaveLength(1);
    clock.now = 31_000;
    await c.getToken("s/.default");
    expect(calls).toHaveLength(2);
    await c.getToken("s/.default", { claims: "eyJhY2Nlc3NfdG9rZW4iOnt9fQ" });
    expect(calls).toHaveLength(3);
    expect(calls[2]?.claims).toBeTruthy();
  });

  it("turns failures into a UsageError with the explained message, and does not cache them", async () => {
    let n = 0;
    const c = cachingCredential(
      {
        async getToken() {
          n++;
          throw new Error("invalid_client: AADSTS700016: Application with identifier 'x' was not found in the directory 'y'. Trace ID: 1");
        },
      },
      { describeFailure: (err) => explainOidcFailure(err, "tenant-1", "client-1") },
    );
    await expect(c.getToken("s/.default")).rejects.toThrow(UsageError);
    await expect(c.getToken("s/.default")).rejects.toThrow(/AADSTS700016: Application with identifier 'x' was not found in the directory 'y'\. AZURE_CLIENT_ID names no application/);
    expect(n).toBe(2);
  });
});

describe("resolveAuthority", () => {
  it("uses AZURE_AUTHORITY_HOST over the cloud's, and turns instance discovery off only for non-Microsoft hosts", () => {
    expect(resolveAuthority("https://login.microsoftonline.com", {})).toEqual({ authorityHost: "https://login.microsoftonline.com", disableInstanceDiscovery: false });
    expect(resolveAuthority("https://login.chinacloudapi.cn", {})).toEqual({ authorityHost: "https://login.chinacloudapi.cn", disableInstanceDiscovery: false });
    expect(resolveAuthority("https://login.microsoftonline.com", { AZURE_AUTHORITY_HOST: "https://login.microsoftonline.us" })).toEqual({ authorityHost: "https://login.microsoftonline.us", disableInstanceDiscovery: false });
    expect(resolveAuthority("https://login.microsoftonline.com", { AZURE_AUTHORITY_HOST: "https://127.0.0.1:8443" })).toEqual({ authorityHost: "https://127.0.0.1:8443", disableInstanceDiscovery: true });
    expect(resolveAuthority("https://login.microsoftonline.com", { HEMVIST_DISABLE_INSTANCE_DISCOVERY: "1" }).disableInstanceDiscovery).toBe(true);
  });

  it("asks GitHub for the token-exchange audience of the cloud", () => {
    expect(federationAudience("https://login.microsoftonline.com", {})).toBe("api://AzureADTokenExchange");
    expect(federationAudience("https://login.microsoftonline.us", {})).toBe("api://AzureADTokenExchangeUSGov");
    expect(federationAudience("https://login.chinacloudapi.cn", {})).toBe("api://AzureADTokenExchangeChina");
    expect(federationAudience("https://login.chinacloudapi.cn", { HEMVIST_OIDC_AUDIENCE: "api://Custom" })).toBe("api://Custom");
  });

  it("refuses an authority that is not https", () => {
    expect(() => resolveAuthority(undefined, { AZURE_AUTHORITY_HOST: "http://127.0.0.1:8080" })).toThrow(/expected an https:\/\/ URL/);
    expect(() => resolveAuthority(undefined, { AZURE_AUTHORITY_HOST: "not a url" })).toThrow(UsageError);
  });
});

describe("github-oidc setup errors", () => {
  it("names the missing id-token permission when GitHub's token variables are absent", () => {
    expect(() => makeCredential("github-oidc", { env: { AZURE_TENANT_ID: "8d3f6a51-0c8e-4e59-9b5e-3a1c2f7e9d10", AZURE_CLIENT_ID: "3f1e2d4c-5b6a-4978-8a1b-2c3d4e5f6a7b" } })).toThrow(/permissions: id-token: write/);
  });

  it("explains each AADSTS refusal and a failed GitHub token request", () => {
    const sub = explainOidcFailure(new Error("invalid_request: Error(s): 700213 - Description: AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:o/r:environment:prod'. Trace ID: a - Correlation ID: b"), "t", "c");
    expect(sub).toMatch(/^Entra ID refused the GitHub OIDC sign-in \(tenant t, client c\): AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:o\/r:environment:prod'\. The federated credential's subject/);
    expect(explainOidcFailure(new Error("AADSTS700211: No matching federated identity record found for presented assertion issuer 'x'."), "t", "c")).toMatch(/issuer https:\/\/token\.actions\.githubusercontent\.com/);
    expect(explainOidcFailure(new Error("AADSTS90002: Tenant 't' not found."), "t", "c")).toMatch(/--cloud/);
    expect(explainOidcFailure(new Error("Error message: Failed to get ID Token. \n Error Code : 403"), "t", "c")).toMatch(/^GitHub did not issue an OIDC token .*id-token: write/);
  });
});
