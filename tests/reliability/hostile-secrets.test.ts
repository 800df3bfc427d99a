/**
 * Hostile cases, secrets (issue 13): every string a server supplies is redacted before it is
 * recorded (error code, message, target, details, inner error, headers, nextLinks), whatever the
 * token's shape; secret property values never reach the snapshot; and the canary: the token the
 * run itself obtained from the (emulated) token endpoint, JWT and opaque, placed by the server in
 * error codes, error details, headers and nextLinks, is found in no output file, snapshot, stdout
 * or stderr of an audit that writes every format with --snapshot-out and --verbose.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { RestError } from "@azure/core-rest-pipeline";
import { afterAll, describe, expect, it } from "vitest";
import { explainOidcFailure } from "../../src/cli/credential.js";
import { describeFailure, MAX_CODE, MAX_MESSAGE, serverText } from "../../src/collectors/failures.js";
import { SECRET_MARKER, stripSecrets } from "../../src/collectors/secrets.js";
import { type ChaosOptions, createChaos } from "../../src/emulator/chaos.js";
import { DEMO_SUBSCRIPTION_IDS, demoTenant } from "../../src/emulator/demo/index.js";
import type { TenantModel } from "../../src/emulator/model.js";
import { type Emulator, startEmulator } from "../../src/emulator/server.js";
import { readJson } from "../e2e/helpers.js";
import { FAST_RETRY_ENV, filesUnder, runCli, tempDir } from "./helpers.js";

const [S1, S2] = DEMO_SUBSCRIPTION_IDS as [string, string, string];

// A JWT as Entra issues it (header.payload.signature, base64url) and an opaque token with + / =.
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
const JWT_SIG = "dGhlLXNpZ25hdHVyZS1vZi1hLWNhbmFyeS10b2tlbi0xMjM0NTY3ODkw";
const JWT = `${b64({ typ: "JWT", alg: "RS256" })}.${b64({ aud: "https://management.azure.com", tid: "8d3f6a51-0c8e-4e59-9b5e-3a1c2f7e9d10", appid: "4a8c2f3e" })}.${JWT_SIG}`;
const OPAQUE = "EwBAlk9+xQ2mZ7Hc1pRtYvW3sN8eK4uJ0dLf6gA5bC/Tq9rMoPnIyXhUwVzEiDj==";

describe("server text: redacted, then bounded, once at the edge", () => {
  it.each([
    ["a JWT glued into an error code", `AuthorizationFailed_${JWT}`, [], "AuthorizationFailed_[redacted-jwt]"],
    ["the run's opaque token in a code", `Denied.${OPAQUE}`, [OPAQUE], "Denied.[redacted]"],
    ["the run's opaque token JSON-escaped (\\/)", `{"token":"${OPAQUE.replaceAll("/", "\\/")}"}`, [OPAQUE], `{"token":"[redacted]"}`],
    ["the run's opaque token URL-encoded in a link", `https://evil.invalid/x?$skiptoken=${encodeURIComponent(OPAQUE)}`, [OPAQUE], "https://evil.invalid/x?$skiptoken=[redacted]"],
    ["only the JWT's signature segment of the run's token", `sig segment ${JWT_SIG} quoted`, [JWT], "sig segment [redacted] quoted"],
    ["a Bearer value of another shape", "presented Bearer Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA== here", [], "presented Bearer [redacted] here"],
    ["an Authorization header", 'headers {"Authorization":"Bearer abc.def"}', [], 'headers {"Authorization":"Bearer [redacted]"}'],
    ["a SAS signature in a URL", "GET https://st.blob.core.windows.net/c/b?sv=2022-11-02&ss=b&sig=Xy%2Bz%2F0aBc%3D&se=2027-01-01", [], "GET https://st.blob.core.windows.net/c/b?sv=2022-11-02&ss=b&sig=[redacted]&se=2027-01-01"],
    ["a storage connection string", "conn DefaultEndpointsProtocol=https;AccountName=stx;AccountKey=c2VjcmV0a2V5c2VjcmV0a2V5==;EndpointSuffix=core.windows.net", [], "conn DefaultEndpointsProtocol=https;AccountName=stx;AccountKey=[redacted];EndpointSuffix=core.windows.net"],
    ["a Service Bus connection string", "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=a2V5a2V5a2V5a2V5=", [], "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=[redacted]"],
    ["a SharedAccessSignature field", "BlobEndpoint=https://st.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&sig=abc;", [], "BlobEndpoint=https://st.blob.core.windows.net/;SharedAccessSignature=[redacted];"],
    ["a client_assertion in a form", `grant_type=client_credentials&client_assertion=${JWT}&client_id=x`, [], "grant_type=client_credentials&client_assertion=[redacted]&client_id=x"],
    ["a SQL password in a connection string", "Server=tcp:sql.database.windows.net;User ID=admin;Password=Hemligt123!;", [], "Server=tcp:sql.database.windows.net;User ID=admin;Password=[redacted];"],
    ["prose about bearer tokens (kept)", "not followed, the bearer token is only sent to that endpoint", [], "not followed, the bearer token is only sent to that endpoint"],
  ] as const)("%s", (_label, text, tokens, expected) => {
    expect(serverText(text, MAX_MESSAGE, tokens)).toBe(expected);
  });

  it("a 60 kB code holding the token is redacted whole first, then cut to 256 characters with a note", () => {
    const code = `X${OPAQUE}${"y".repeat(60_000)}`;
    const out = serverText(code, MAX_CODE, [OPAQUE]);
    expect(out.length).toBe(MAX_CODE);
    expect(out.startsWith("X[redacted]yyy")).toBe(true);
    expect(out.endsWith(` … [cut: ${60_000 + 1 + "[redacted]".length} characters]`)).toBe(true);
  });

  it("an ARM error body without a message (the SDK falls back to the whole body): target, details and innererror carry no token", () => {
    const body = JSON.stringify({
      error: {
        code: "InvalidRequestContent",
        target: OPAQUE,
        details: [{ code: `InvalidToken_${OPAQUE}`, message: `Bearer ${OPAQUE} was rejected.`, target: `Authorization: Bearer ${OPAQUE}` }],
        innererror: { token: `<${OPAQUE}>` },
      },
    }).replace(`<${OPAQUE}>`, OPAQUE.replaceAll("/", "\\/")); // as a server that escapes '/' writes it
    const e = new RestError(body, { statusCode: 400 });
    const f = describeFailure(e, { status: 400, code: "InvalidRequestContent" }, [OPAQUE]);
    expect(f.httpStatus).toBe(400);
    expect(f.code).toBe("InvalidRequestContent");
    expect(f.message).not.toContain(OPAQUE);
    expect(f.message).not.toContain(OPAQUE.slice(10, 40));
    expect(f.message).toContain('"target":"[redacted]"');
  });
});

describe("the sign-in path: Entra's refusal text is server text too", () => {
  it("an AADSTS error that quotes the GitHub assertion and a bearer value: both redacted in the one-line explanation", () => {
    const err = new Error(`AADSTS700027: Client assertion failed signature validation. client_assertion=${JWT} presented with Bearer ${OPAQUE} Trace ID: 1b2c Correlation ID: 3d4e`);
    const msg = explainOidcFailure(err, "8d3f6a51-0c8e-4e59-9b5e-3a1c2f7e9d10", CLIENT_ID) ?? "";
    expect(msg).toBe(
      "Entra ID refused the GitHub OIDC sign-in (tenant 8d3f6a51-0c8e-4e59-9b5e-3a1c2f7e9d10, client 3f1e2d4c-5b6a-4978-8a1b-2c3d4e5f6a7b): AADSTS700027: Client assertion failed signature validation. client_assertion=[redacted] presented with Bearer [redacted] Check the app registration's federated credentials. See docs/github-actions.md, section \"What a failure on the job page means\".",
    );
  });
});

describe("secret properties never reach the snapshot; evidence does", () => {
  const id = (t: string, n: string) => `/subscriptions/${S1}/resourceGroups/rg-x/providers/${t}/${n}`;
  it.each([
    [
      "a Storage account whose properties echo listKeys (storage.json StorageAccountListKeysResult)",
      { id: id("Microsoft.Storage/storageAccounts", "stx"), properties: { keys: [{ keyName: "key1", value: "c2VjcmV0MQ==", permissions: "FULL", creationTime: "2026-01-01T00:00:00Z" }], keyCreationTime: { key1: "2026-01-01T00:00:00Z", key2: "2026-01-01T00:00:00Z" } } },
      { id: id("Microsoft.Storage/storageAccounts", "stx"), properties: { keys: [{ keyName: "key1", value: SECRET_MARKER, permissions: "FULL", creationTime: "2026-01-01T00:00:00Z" }], keyCreationTime: { key1: "2026-01-01T00:00:00Z", key2: "2026-01-01T00:00:00Z" } } },
    ],
    [
      "a Cosmos DB account with keys and connectionStrings (cosmos-db.json DatabaseAccountListKeysResult, ListConnectionStrings); keysMetadata kept",
      { id: id("Microsoft.DocumentDB/databaseAccounts", "cx"), properties: { primaryMasterKey: "a2V5MQ==", secondaryReadonlyMasterKey: "a2V5Mg==", connectionStrings: [{ connectionString: "AccountEndpoint=https://cx.documents.azure.com:443/;AccountKey=a2V5MQ==;", description: "Primary SQL Connection String", keyKind: "Primary", type: "Sql" }], keysMetadata: { primaryMasterKey: { generationTime: "2026-01-01T00:00:00Z" } } } },
      { id: id("Microsoft.DocumentDB/databaseAccounts", "cx"), properties: { primaryMasterKey: SECRET_MARKER, secondaryReadonlyMasterKey: SECRET_MARKER, connectionStrings: SECRET_MARKER, keysMetadata: { primaryMasterKey: { generationTime: "2026-01-01T00:00:00Z" } } } },
    ],
    [
      "app settings holding a SAS URL and a connection string (web.json StringDictionary)",
      { id: id("Microsoft.Web/sites", "app/config/appsettings"), properties: { BACKUP_URL: "https://stx.blob.core.windows.net/backup?sv=2022-11-02&sr=c&sig=QUJDREVG%3D&se=2027-01-01", DB: "Server=tcp:x.database.windows.net;Database=d;User ID=a;Password=p4ss;", REGION: "swedencentral" } },
      { id: id("Microsoft.Web/sites", "app/config/appsettings"), properties: { BACKUP_URL: SECRET_MARKER, DB: SECRET_MARKER, REGION: "swedencentral" } },
    ],
    [
      "a SQL server echoing its administrator password; its TDE key URIs kept (sql.json ServerProperties)",
      { id: id("Microsoft.Sql/servers", "sqlx"), properties: { administratorLogin: "sqladmin", administratorLoginPassword: "Hemligt123!", keyId: "https://kv.vault.azure.net/keys/cmk/0123456789abcdef0123456789abcdef" } },
      { id: id("Microsoft.Sql/servers", "sqlx"), properties: { administratorLogin: "sqladmin", administratorLoginPassword: SECRET_MARKER, keyId: "https://kv.vault.azure.net/keys/cmk/0123456789abcdef0123456789abcdef" } },
    ],
    [
      "a managed instance with primaryKeyURI, geoBackupKeyURI and keyVaultKeyUri: all kept (evidence)",
      { id: id("Microsoft.Sql/managedInstances", "mi"), properties: { primaryKeyURI: "https://kv.vault.azure.net/keys/k/1", geoBackupKeyURI: "https://kv2.vault.azure.net/keys/k/2", keyVaultKeyUri: "https://kv.vault.azure.net/keys/k/3", activeKey: { keyUrl: "https://kv.vault.azure.net/keys/k/4" }, keyName: "k", keyVersion: "1", keySource: "Microsoft.Keyvault" } },
      { id: id("Microsoft.Sql/managedInstances", "mi"), properties: { primaryKeyURI: "https://kv.vault.azure.net/keys/k/1", geoBackupKeyURI: "https://kv2.vault.azure.net/keys/k/2", keyVaultKeyUri: "https://kv.vault.azure.net/keys/k/3", activeKey: { keyUrl: "https://kv.vault.azure.net/keys/k/4" }, keyName: "k", keyVersion: "1", keySource: "Microsoft.Keyvault" } },
    ],
    [
      "Cognitive Services keys (cognitiveservices.json ApiKeys) and a container registry's passwords (RegistryListCredentialsResult)",
      { id: id("Microsoft.CognitiveServices/accounts", "ai"), properties: { key1: "0123456789abcdef", key2: "fedcba9876543210", passwords: [{ name: "password", value: "cHc=" }], endpoint: "https://ai.cognitiveservices.azure.com/" } },
      { id: id("Microsoft.CognitiveServices/accounts", "ai"), properties: { key1: SECRET_MARKER, key2: SECRET_MARKER, passwords: SECRET_MARKER, endpoint: "https://ai.cognitiveservices.azure.com/" } },
    ],
    [
      "an Event Hubs authorization rule echoing AccessKeys (eventhub AccessKeys)",
      { id: id("Microsoft.EventHub/namespaces", "eh/authorizationRules/Root"), properties: { rights: ["Listen"], primaryKey: "a2V5", secondaryKey: "a2V5Mg==", primaryConnectionString: "Endpoint=sb://eh.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=a2V5" } },
      { id: id("Microsoft.EventHub/namespaces", "eh/authorizationRules/Root"), properties: { rights: ["Listen"], primaryKey: SECRET_MARKER, secondaryKey: SECRET_MARKER, primaryConnectionString: SECRET_MARKER } },
    ],
    [
      "a VM's osProfile with adminPassword and customData (compute.json OSProfile)",
      { id: id("Microsoft.Compute/virtualMachines", "vm"), properties: { osProfile: { computerName: "vm", adminUsername: "azureuser", adminPassword: "P@ssw0rd!", customData: "I2Nsb3VkLWNvbmZpZw==" } } },
      { id: id("Microsoft.Compute/virtualMachines", "vm"), properties: { osProfile: { computerName: "vm", adminUsername: "azureuser", adminPassword: SECRET_MARKER, customData: SECRET_MARKER } } },
    ],
    [
      "a Data Factory linked service password as a SecureString object",
      { id: id("Microsoft.DataFactory/factories", "adf/linkedservices/sql"), properties: { type: "AzureSqlDatabase", typeProperties: { password: { type: "SecureString", value: "p4ss" }, server: "x.database.windows.net" } } },
      { id: id("Microsoft.DataFactory/factories", "adf/linkedservices/sql"), properties: { type: "AzureSqlDatabase", typeProperties: { password: { type: "SecureString", value: SECRET_MARKER }, server: "x.database.windows.net" } } },
    ],
    [
      "tags named like keys keep their values (the specs' own example tags: key1/val1); a tag holding a SAS URL does not",
      { id: id("Microsoft.Storage/storageAccounts", "sty"), tags: { key1: "val1", password: "see wiki", backup: "https://st.blob.core.windows.net/c?sv=1&sig=abc" } },
      { id: id("Microsoft.Storage/storageAccounts", "sty"), tags: { key1: "val1", password: "see wiki", backup: SECRET_MARKER } },
    ],
  ])("%s", (_label, item, expected) => {
    const out = stripSecrets([structuredClone(item)]);
    expect(out).toEqual([expected]);
  });
});

// ---------------------------------------------------------------------------------------------
// The canary, end to end: the run signs in through GitHub OIDC at the emulated Entra endpoint,
// which issues a JWT or an opaque access token; the emulated ARM and Graph put that token into
// error codes, error details, headers and nextLinks.

const CLIENT_ID = "3f1e2d4c-5b6a-4978-8a1b-2c3d4e5f6a7b";
const REQUEST_TOKEN = "gha-runtime-request-token-for-hostile-secrets";
const emulators: Emulator[] = [];
afterAll(async () => {
  await Promise.all(emulators.map((e) => e.close()));
});

interface CanaryRun {
  code: number | null;
  stdout: string;
  stderr: string;
  tokens: string[];
  texts: { name: string; text: string }[];
  snapshot: any;
  findings: any;
  injected: number;
}

async function canaryAudit(format: "jwt" | "opaque", chaos: Omit<ChaosOptions, "seed">, extra: string[] = [], model: TenantModel = demoTenant()): Promise<CanaryRun> {
  const tokens: string[] = [];
  const c = createChaos({ seed: 13, ...chaos });
  const em = await startEmulator({ model, chaos: c, identity: { requestToken: REQUEST_TOKEN, clientId: CLIENT_ID, accessTokenFormat: format, onIssue: (t) => tokens.push(t) } });
  emulators.push(em);
  const dir = await tempDir("hemvist-canary-");
  const ca = join(dir, "ca.pem");
  await em.writeCa(ca);
  const out = join(dir, "out");
  const snapOut = join(dir, "evidence", "snap.json");
  const env = {
    NODE_EXTRA_CA_CERTS: ca,
    ...FAST_RETRY_ENV,
    ACTIONS_ID_TOKEN_REQUEST_URL: `${em.url}/_github/token?api-version=2.0`,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN,
    AZURE_TENANT_ID: model.tenantId,
    AZURE_CLIENT_ID: CLIENT_ID,
    AZURE_AUTHORITY_HOST: em.url,
    HEMVIST_STATIC_TOKEN: "",
  };
  const args = ["audit", "--auth", "github-oidc", "--arm-endpoint", em.url, "--graph-endpoint", em.url, "--out", out, "--format", "json,html,sarif,md,csv", "--snapshot-out", snapOut, "--verbose", ...extra];
  const run = await runCli(args, env);
  const texts = [
    { name: "stdout", text: run.stdout },
    { name: "stderr", text: run.stderr },
  ];
  for (const f of [...(await filesUnder(out).catch(() => [])), ...(await filesUnder(join(dir, "evidence")).catch(() => []))]) texts.push({ name: f, text: await readFile(f, "utf8") });
  return {
    ...run,
    tokens,
    texts,
    snapshot: await readJson(snapOut).catch(() => undefined),
    findings: await readJson(join(out, "findings.json")).catch(() => undefined),
    injected: c.injected.filter((f) => f.kind === "echoToken").length,
  };
}

/** Every place a token (or a distinctive part of it, in any written form) appears. */
function hits(texts: { name: string; text: string }[], tokens: string[]): string[] {
  const needles = new Set<string>();
  for (const t of tokens) {
    needles.add(t);
    needles.add(encodeURIComponent(t));
    needles.add(t.replaceAll("/", "\\/"));
    // Distinctive substrings: each long JWT segment (the signature above all), and 24-character
    // slices of an opaque token.
    if (t.split(".").length === 3) for (const p of t.split(".").slice(1)) needles.add(p);
    else for (let i = 0; i + 24 <= t.length; i += 12) needles.add(t.slice(i, i + 24));
  }
  const found: string[] = [];
  for (const { name, text } of texts) for (const n of needles) if (text.includes(n)) found.push(`${name}: ${n.slice(0, 10)}…`);
  return found;
}

const ECHOES: ChaosOptions["echoToken"] = [
  { path: `^/subscriptions/${S1}/providers/Microsoft\\.Storage/storageAccounts$`, into: "code" },
  { path: `^/subscriptions/${S1}/providers/Microsoft\\.KeyVault/vaults$`, into: "details" },
  { path: `^/subscriptions/${S2}/providers/Microsoft\\.Sql/servers$`, into: "headers" },
  { path: `^/subscriptions/${S2}/providers/Microsoft\\.DocumentDB/databaseAccounts$`, into: "nextLink" },
  { path: `^/subscriptions/${S1}/providers/Microsoft\\.DocumentDB/databaseAccounts$`, into: "httpNextLink" },
  { path: "^/v1\\.0/users$", into: "nextLink" },
  { path: "^/v1\\.0/groups$", into: "code" },
  { path: "^/v1\\.0/subscribedSkus$", into: "details" },
];

describe("the canary: the run's own token, echoed by the server, is in no output", () => {
  for (const format of ["jwt", "opaque"] as const) {
    it(`${format} token in error codes, details, headers and nextLinks (ARM and Graph): exit 3, every format, --snapshot-out, --verbose, zero hits`, async () => {
      const r = await canaryAudit(format, { echoToken: ECHOES });
      expect(r.code, r.stderr).toBe(3);
      expect(r.tokens.length).toBe(2); // one for ARM, one for Graph
      if (format === "jwt") expect(r.tokens.every((t) => t.split(".").length === 3)).toBe(true);
      else expect(r.tokens.every((t) => t.startsWith("EwB") && t.includes("/") && t.includes("+"))).toBe(true);
      expect(r.injected).toBe(ECHOES?.length);
      // The echoes reached the run's records (redacted), so the search looked at the right place.
      const cov = (r.snapshot.coverage as { operation: string; scope: string; code: string; message: string }[]).map((c) => `${c.scope} ${c.code}`);
      expect(cov).toEqual(
        expect.arrayContaining([
          `/subscriptions/${S1} AuthorizationFailed_[redacted]`,
          `/subscriptions/${S1} InvalidRequestContent`,
          `/subscriptions/${S2} AuthorizationFailed`,
          `/subscriptions/${S2} ForeignNextLink`,
          `/subscriptions/${S1} ForeignNextLink`,
          `/tenants/${demoTenant().tenantId}/users ForeignNextLink`,
          `/tenants/${demoTenant().tenantId}/groups AuthorizationFailed_[redacted]`,
          `/tenants/${demoTenant().tenantId}/subscribedSkus InvalidRequestContent`,
        ]),
      );
      const foreign = (r.snapshot.coverage as { code: string; message: string }[]).filter((c) => c.code === "ForeignNextLink").map((c) => c.message);
      expect(foreign.some((m) => m.includes("'evil.invalid'"))).toBe(true);
      expect(foreign.every((m) => !m.includes("?") && !m.includes("skiptoken") && !m.includes("sig="))).toBe(true);
      expect(r.stderr).toMatch(/debug: not read: GET \/groups/);
      expect(r.texts.map((t) => t.name.split("/").pop())).toEqual(expect.arrayContaining(["stdout", "stderr", "snap.json", "findings.json", "report.html", "findings.sarif", "summary.md", "findings.csv"]));
      expect(hits(r.texts, r.tokens)).toEqual([]);
    }, 120_000);
  }

  it("Resource Graph inventory: the token in the Resource Graph error (code and message) reaches neither the progress line on stderr nor any file; exit 3", async () => {
    const r = await canaryAudit("opaque", { echoToken: [{ path: "^/providers/Microsoft\\.ResourceGraph/resources$", into: "code", times: 1 }, { path: "^/v1\\.0/users$", into: "details" }] }, ["--inventory", "resource-graph"]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.injected).toBe(2);
    expect(r.stderr).toMatch(/resource-graph could not be read: The client presenting token \[redacted\] does not have authorization/);
    expect(hits(r.texts, r.tokens)).toEqual([]);
  }, 120_000);

  it("secrets a server returns in properties (Storage keys, a Cosmos DB connection string) are not in the snapshot or any report; the verdicts do not change", async () => {
    const model = demoTenant();
    const storage = model.subscriptions.flatMap((s) => s.resources).find((x) => x.type === "Microsoft.Storage/storageAccounts")!;
    const cosmos = model.subscriptions.flatMap((s) => s.resources).find((x) => x.type === "Microsoft.DocumentDB/databaseAccounts")!;
    const KEY = "U3RvcmFnZUFjY291bnRLZXlWYWx1ZUNhbmFyeTAxMjM0NTY3ODk=";
    const CONN = `AccountEndpoint=https://c.documents.azure.com:443/;AccountKey=Q29zbW9zS2V5Q2FuYXJ5MDEyMzQ1Njc4OQ==;`;
    const before = await canaryAudit("jwt", {});
    (storage.properties as Record<string, unknown>).keys = [{ keyName: "key1", value: KEY, permissions: "FULL" }];
    (cosmos.properties as Record<string, unknown>).connectionStrings = [{ connectionString: CONN, description: "Primary SQL Connection String" }];
    (cosmos.properties as Record<string, unknown>).primaryMasterKey = "Q29zbW9zS2V5Q2FuYXJ5MDEyMzQ1Njc4OQ==";
    const after = await canaryAudit("jwt", {}, [], model);
    expect(after.code, after.stderr).toBe(before.code);
    expect(hits(after.texts, [KEY, "Q29zbW9zS2V5Q2FuYXJ5MDEyMzQ1Njc4OQ=="])).toEqual([]);
    const snapStorage = after.snapshot.subscriptions.flatMap((s: any) => s.collections.storageAccounts ?? []).find((x: any) => x.id === storage.id);
    expect(snapStorage.properties.keys).toEqual([{ keyName: "key1", value: SECRET_MARKER, permissions: "FULL" }]);
    const key = (d: any) => d.results.map((x: any) => `${x.fingerprint} ${x.status} ${x.severity}`).sort();
    expect(key(after.findings)).toEqual(key(before.findings));
  }, 180_000);
});

describe("long server strings: bounded once at the edge, not copied into every message", () => {
  it("a 60 kB error code on five providers of one subscription: coverage keeps 256 characters with the cut noted, each result's message names only its first 64, exit 3", async () => {
    const model = demoTenant();
    const code = `Quota${"x".repeat(60_000)}`;
    const providers = ["Microsoft.Storage/storageAccounts", "Microsoft.KeyVault/vaults", "Microsoft.Sql/servers", "Microsoft.DocumentDB/databaseAccounts", "Microsoft.Compute/disks"];
    model.faults = providers.map((t) => ({ path: `^/subscriptions/${S1}/providers/${t.replace(".", "\\.")}$`, status: 400, code, message: "The request was refused." }));
    const r = await canaryAudit("jwt", {}, [], model);
    expect(r.code, r.stderr).toBe(3);
    const cut = (r.snapshot.coverage as { scope: string; code: string }[]).filter((c) => c.code.startsWith("Quota"));
    expect(cut.map((c) => c.scope)).toEqual(providers.map(() => `/subscriptions/${S1}`));
    expect(cut.every((c) => c.code.length === 256 && c.code.endsWith(" … [cut: 60005 characters]"))).toBe(true);
    const na = (r.findings.results as { status: string; message: { en: string; sv: string }; notAssessed?: { code: string } }[]).filter((x) => x.notAssessed?.code.startsWith("Quota"));
    expect(na.length).toBeGreaterThan(10);
    for (const x of na) {
      expect(x.notAssessed?.code).toHaveLength(256);
      expect(x.message.en).toContain(`(Quota${"x".repeat(58)}…, HTTP 400).`);
      expect(x.message.sv).toContain(`(Quota${"x".repeat(58)}…, HTTP 400).`);
    }
    // The 60 kB never reaches a file: no run of 300 x's anywhere.
    expect(r.texts.filter((t) => t.text.includes("x".repeat(300))).map((t) => t.name)).toEqual([]);
  }, 120_000);
});

