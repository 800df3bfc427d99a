/**
 * GitHub OIDC sign-in end to end: the built CLI, with no --auth flag, inside a simulated GitHub
 * Actions job, fetches a fresh GitHub ID token for every Entra token it needs, and reads ARM and
 * Graph with the tokens Entra issued — all against the emulator (GitHub, Entra, ARM and Graph).
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoTenant } from "../../src/emulator/demo/index.js";
import type { IdentityCall } from "../../src/emulator/identity.js";
import { type Emulator, startEmulator } from "../../src/emulator/server.js";
import { type CliRun, readJson, runCli, tempDir } from "../e2e/helpers.js";

const CLIENT_ID = "3f1e2d4c-5b6a-4978-8a1b-2c3d4e5f6a7b";
const REQUEST_TOKEN = "gha-runtime-request-token-for-test";

let emulator: Emulator;
let dir: string;
let run: CliRun;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  const model = demoTenant();
  emulator = await startEmulator({ model, identity: { requestToken: REQUEST_TOKEN, clientId: CLIENT_ID } });
  dir = await tempDir("hemvist-oidc-");
  const ca = join(dir, "ca.pem");
  await emulator.writeCa(ca);
  env = {
    NODE_EXTRA_CA_CERTS: ca,
    GITHUB_ACTIONS: "true",
    ACTIONS_ID_TOKEN_REQUEST_URL: `${emulator.url}/_github/token?api-version=2.0`,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN,
    AZURE_TENANT_ID: model.tenantId,
    AZURE_CLIENT_ID: CLIENT_ID,
    AZURE_AUTHORITY_HOST: emulator.url,
    HEMVIST_STATIC_TOKEN: "",
  };
  run = await runCli(["audit", "--arm-endpoint", emulator.url, "--graph-endpoint", emulator.url, "--out", join(dir, "out"), "--format", "json,md"], env);
}, 90_000);

afterAll(async () => {
  await emulator?.close();
});

const kinds = (calls: IdentityCall[], kind: IdentityCall["kind"]) => calls.filter((c) => c.kind === kind);

describe("--auth github-oidc, chosen automatically in GitHub Actions", () => {
  it("runs the audit to its exit code, signed in as github-oidc", async () => {
    expect(run.stderr).not.toMatch(/crashed/);
    // The demo tenant, read whole: its failures at high (RES-01, RES-10 …) decide the code.
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/as github-oidc/);
    const doc = await readJson(join(dir, "out", "findings.json"));
    expect(doc.exit.code).toBe(run.code);
    expect(doc.results.length).toBeGreaterThan(20);
    const snap = await readJson(join(dir, "out", "snapshot.json"));
    expect(snap.identity.authMethod).toBe("github-oidc");
    expect(snap.identity.clientId).toBe(CLIENT_ID);
    expect(snap.subscriptions).toHaveLength(3);
    expect(snap.scope.m365Collected).toBe(true);
  });

  it("asks Entra once per audience, with the cloud's scopes, not the endpoint's", () => {
    const tokens = kinds(emulator.identity.calls, "entra-token");
    // Dozens of SDK clients ask for tokens concurrently; the credential's cache serves them all.
    expect(tokens).toHaveLength(2);
    for (const t of tokens) {
      expect(t.status).toBe(200);
      expect(t.grantType).toBe("client_credentials");
      expect(t.clientId).toBe(CLIENT_ID);
      expect(t.tenant).toBe(demoTenant().tenantId);
    }
    const scopes = new Set(tokens.map((t) => t.scope));
    expect(scopes).toEqual(new Set(["https://management.azure.com/.default", "https://graph.microsoft.com/.default"]));
    // The token endpoint came from the tenant's OpenID metadata, at the emulator's authority.
    expect(kinds(emulator.identity.calls, "openid-configuration").length).toBeGreaterThanOrEqual(1);
  });

  it("presents a GitHub token never seen before to every Entra token request, each fetched just before it", () => {
    const calls = emulator.identity.calls;
    const github = kinds(calls, "github-token");
    expect(github.every((g) => g.status === 200 && g.audience === "api://AzureADTokenExchange")).toBe(true);
    // One GitHub token per Entra request: none fetched only to be thrown away.
    expect(github).toHaveLength(kinds(calls, "entra-token").length);
    const githubTags = github.map((g) => g.issuedTag);
    expect(new Set(githubTags).size).toBe(githubTags.length); // each GitHub token unique
    for (const t of kinds(calls, "entra-token")) {
      expect(t.assertionIssuedHere).toBe(true);
      expect(t.assertionFresh).toBe(true);
      // The GitHub request that issued this assertion comes before it in the log, and no other
      // Entra request used it.
      const issuedAt = calls.findIndex((c) => c.kind === "github-token" && c.issuedTag === t.assertionTag);
      expect(issuedAt).toBeGreaterThanOrEqual(0);
      expect(issuedAt).toBeLessThan(calls.indexOf(t));
      expect(kinds(calls, "entra-token").filter((o) => o.assertionTag === t.assertionTag)).toHaveLength(1);
    }
  });

  it("sends ARM and Graph exactly the access tokens Entra issued for their audiences", () => {
    const issued = emulator.identity.issued;
    const arm = emulator.requests.filter((r) => r.host === "arm");
    const graph = emulator.requests.filter((r) => r.host === "graph");
    expect(arm.length).toBeGreaterThan(20);
    expect(graph.length).toBeGreaterThan(3);
    for (const r of arm) expect(issued.get(r.tokenTag ?? "")?.audience, r.path).toBe("https://management.azure.com");
    for (const r of graph) expect(issued.get(r.tokenTag ?? "")?.audience, r.path).toBe("https://graph.microsoft.com");
  });

  it("never prints a token: only @actions/core's add-mask command names the GitHub token", () => {
    const printed = `${run.stdout}\n${run.stderr}`;
    for (const line of printed.split("\n")) {
      if (line.startsWith("::add-mask::")) continue;
      expect(line).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}/);
    }
  });

  it("stops with exit 2 and a clear message when Entra refuses the federated subject", async () => {
    const other = await startEmulator({ model: demoTenant(), identity: { requestToken: REQUEST_TOKEN, clientId: CLIENT_ID, federatedSubjects: ["repo:exempelkommun/hemvist-audit:environment:production"] } });
    try {
      const ca = join(dir, "ca2.pem");
      await other.writeCa(ca);
      const r = await runCli(["audit", "--arm-endpoint", other.url, "--graph-endpoint", other.url, "--out", join(dir, "refused"), "--format", "json", "--no-m365"], {
        ...env,
        NODE_EXTRA_CA_CERTS: ca,
        ACTIONS_ID_TOKEN_REQUEST_URL: `${other.url}/_github/token?api-version=2.0`,
        AZURE_AUTHORITY_HOST: other.url,
      });
      const refused = kinds(other.identity.calls, "entra-token");
      expect(refused.length).toBeGreaterThanOrEqual(1);
      expect(refused.every((c) => c.status === 400 && c.error === "invalid_request")).toBe(true);
      expect(other.requests.filter((q) => q.host === "arm" && q.status === 200)).toHaveLength(0);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).not.toMatch(/crashed/);
      expect(r.stderr).toMatch(/hemvist: Entra ID refused the GitHub OIDC sign-in .*AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:exempelkommun\/hemvist-audit:ref:refs\/heads\/main'.*:environment:NAME/);
    } finally {
      await other.close();
    }
  });
});
