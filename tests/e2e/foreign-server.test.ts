/**
 * Hemvist against an HTTPS server that is not its own emulator: a minimal, independent ARM look-alike
 * with its own quirks (capital-T $skipToken, lower-case types and key sources, most routes answering
 * 404). The audit must run, judge what it could read, and `evaluate` must agree with it.
 */
import { createServer, type Server } from "node:https";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCertificate } from "../../src/emulator/tls.js";
import { readJson, runCli, tempDir } from "./helpers.js";

const TENANT = "3c5e7a90-1b2d-4f6e-8a0c-9d8e7f6a5b4c";
const SUB = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const RG = `/subscriptions/${SUB}/resourceGroups/RG-Foreign`;
const seen: string[] = [];
let server: Server;
let base: string;
let dir: string;
let env: NodeJS.ProcessEnv;

function storage(name: string, location: string, keySource: string) {
  return {
    id: `${RG}/providers/Microsoft.Storage/storageAccounts/${name}`,
    name,
    type: "microsoft.storage/storageaccounts",
    location,
    tags: {},
    sku: { name: "Standard_LRS", tier: "Standard" },
    kind: "StorageV2",
    properties: { minimumTlsVersion: "TLS1_2", supportsHttpsTrafficOnly: true, allowCrossTenantReplication: false, encryption: { keySource, services: { blob: { enabled: true, keyType: "Account" } } }, provisioningState: "Succeeded", creationTime: "2025-01-01T00:00:00Z" },
  };
}
const accounts = [storage("stforeignse", "Sweden Central", "microsoft.keyvault"), storage("stforeignus", "eastus", "Microsoft.Storage")];

function reply(res: import("node:http").ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

beforeAll(async () => {
  const cert = await generateCertificate();
  server = createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    const url = new URL(req.url ?? "/", "https://x");
    const path = url.pathname.toLowerCase();
    seen.push(`${req.method} ${url.pathname}`);
    if (!req.headers.authorization?.startsWith("Bearer ")) return reply(res, 401, { error: { code: "AuthenticationFailed", message: "no token" } });
    if (path === "/subscriptions") {
      // Two pages; this server spells the continuation `$skipToken`.
      if (!url.searchParams.get("$skipToken")) return reply(res, 200, { value: [], nextLink: `${base}/subscriptions?api-version=2022-12-01&$skipToken=p2` });
      return reply(res, 200, { value: [{ id: `/subscriptions/${SUB}`, subscriptionId: SUB, tenantId: TENANT, displayName: "Foreign", state: "Enabled" }] });
    }
    if (path === `/subscriptions/${SUB}/resourcegroups`) return reply(res, 200, { value: [{ id: RG, name: "RG-Foreign", type: "Microsoft.Resources/resourceGroups", location: "swedencentral", properties: { provisioningState: "Succeeded" } }] });
    if (path === `/subscriptions/${SUB}/resources`) return reply(res, 200, { value: accounts.map(({ properties, ...generic }) => generic) });
    if (path === `/subscriptions/${SUB}/providers/microsoft.storage/storageaccounts`) {
      if (!url.searchParams.get("$skipToken")) return reply(res, 200, { value: [accounts[0]], nextLink: `${base}${url.pathname}?api-version=${url.searchParams.get("api-version")}&$skipToken=2` });
      return reply(res, 200, { value: [accounts[1]] });
    }
    return reply(res, 404, { error: { code: "NotFound", message: `No route ${url.pathname}` } });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await tempDir("hemvist-foreign-");
  const ca = join(dir, "ca.pem");
  await writeFile(ca, cert.cert);
  env = { NODE_EXTRA_CA_CERTS: ca, HEMVIST_STATIC_TOKEN: "foreign-token" };
}, 60_000);

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

describe("an ARM look-alike that is not the emulator", () => {
  it("audits what it serves, and evaluate on the snapshot agrees", async () => {
    const out = join(dir, "out");
    const r = await runCli(["audit", "--auth", "static", "--arm-endpoint", base, "--no-m365", "--out", out, "--format", "json", "--quiet"], env);
    expect(r.stderr).not.toMatch(/crashed/);
    // Customer Lockbox is not served (404): ACC-01 cannot be judged, so the audit is partial.
    expect(r.code, r.stderr).toBe(3);
    const doc = await readJson(join(out, "findings.json"));
    expect(doc.tenantId).toBe(TENANT);
    const res01 = Object.fromEntries(doc.results.filter((x: any) => x.ruleId === "RES-01").map((x: any) => [x.resourceName, x.status]));
    expect(res01).toEqual({ stforeignse: "pass", stforeignus: "fail" });
    const enc01 = Object.fromEntries(doc.results.filter((x: any) => x.ruleId === "ENC-01").map((x: any) => [x.resourceName, x.status]));
    expect(enc01).toEqual({ stforeignse: "pass", stforeignus: "fail" });
    expect(doc.results.find((x: any) => x.ruleId === "ACC-01").status).toBe("not-assessed");
    // Only GETs reached the server, and the second storage page was followed.
    expect(seen.every((s) => s.startsWith("GET "))).toBe(true);
    const again = join(dir, "again");
    const e = await runCli(["evaluate", join(out, "snapshot.json"), "--no-m365", "--out", again, "--format", "json", "--quiet"]);
    expect(e.code).toBe(3);
    const key = (d: any) => d.results.map((x: any) => `${x.fingerprint} ${x.status}`).sort();
    expect(key(await readJson(join(again, "findings.json")))).toEqual(key(doc));
    // Evaluated with Microsoft 365 on, the snapshot's missing Microsoft 365 data is a gap of its own:
    // RES-10 and ACC-02 are not assessed, never silently dropped.
    const m365On = join(dir, "m365-on");
    expect((await runCli(["evaluate", join(out, "snapshot.json"), "--out", m365On, "--format", "json", "--quiet"])).code).toBe(3);
    const withM365 = await readJson(join(m365On, "findings.json"));
    expect(withM365.coverage.filter((c: any) => c.code === "NotCollected").map((c: any) => `${c.collection} ${c.scope} ${c.blinds.join(",")}`)).toEqual([
      `m365Groups /tenants/${TENANT}/groups RES-10`,
      `m365Organization /tenants/${TENANT}/organization RES-10`,
      `m365RootSite /tenants/${TENANT}/rootSite RES-10`,
      `m365Sites /tenants/${TENANT}/sites RES-10`,
      `m365SubscribedSkus /tenants/${TENANT}/subscribedSkus ACC-02`,
      `m365Users /tenants/${TENANT}/users RES-10`,
    ]);
    const added = withM365.results.filter((x: any) => !key(doc).includes(`${x.fingerprint} ${x.status}`));
    expect(added.map((x: any) => `${x.ruleId} ${x.status} ${x.resourceId} ${x.part ?? "-"}`).sort()).toEqual([
      `ACC-02 not-assessed /tenants/${TENANT} licensed`,
      `RES-10 not-assessed /tenants/${TENANT} default-geo`,
      `RES-10 not-assessed /tenants/${TENANT} tenant`,
      `RES-10 not-assessed /tenants/${TENANT}/groups group`,
      `RES-10 not-assessed /tenants/${TENANT}/sites site`,
      `RES-10 not-assessed /tenants/${TENANT}/users user`,
    ]);
  });
});
