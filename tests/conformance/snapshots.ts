/**
 * Snapshots for the conformance tests, collected in this process by the real collectors: the demo
 * tenant through the emulator, and each conformance fixture (with its `with` list) through a small
 * HTTPS server that answers exactly the fixtures' requests. The process trusts the server's
 * certificate through `setDefaultCACertificates` (this file's worker process is its own).
 */
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { getCACertificates, setDefaultCACertificates } from "node:tls";
import { CLOUDS } from "../../src/collectors/cloud.js";
import { collect } from "../../src/collectors/index.js";
import { DEMO_TENANT_ID, demoTenant } from "../../src/emulator/demo/index.js";
import { startEmulator } from "../../src/emulator/server.js";
import { generateCertificate } from "../../src/emulator/tls.js";
import type { Snapshot } from "../../src/snapshot/types.js";
import { collectOptions } from "../collectors/helpers.js";
import { type ConformanceFixture, concretePath, servedWith } from "./load.js";

const DEFAULT_CAS = getCACertificates("default");

/** Trusts one more certificate besides the defaults (only the newest: same subject, they would shadow each other). */
export function trust(pem: string | undefined): void {
  setDefaultCACertificates(pem ? [...DEFAULT_CAS, pem] : DEFAULT_CAS);
}

/** A Graph fixture is one whose api-version is Graph's (`v1.0`): served under `/v1.0`. */
export function isGraph(f: Pick<ConformanceFixture, "apiVersion">): boolean {
  return f.apiVersion === "v1.0";
}

/** The path a fixture answers, lower case, as the server sees it (Graph under `/v1.0`). */
export function servedPath(f: Pick<ConformanceFixture, "operation" | "parameters" | "apiVersion">): string {
  return `${isGraph(f) ? "/v1.0" : ""}${concretePath(f)}`.toLowerCase();
}

/** Collects the demo tenant through the emulator (ARM and Graph). */
export async function collectDemo(): Promise<Snapshot> {
  const em = await startEmulator({ model: demoTenant() });
  trust(em.caPem);
  try {
    return await collect(
      collectOptions({
        cloud: { ...CLOUDS.AzureCloud!, armEndpoint: em.url, graphEndpoint: em.url },
        tenantId: DEMO_TENANT_ID,
        m365: true,
        timeoutMs: 10_000,
      }),
    );
  } finally {
    trust(undefined);
    await em.close();
  }
}

/** The tenant a fixture run uses: the fixture's own `tenantId` parameter where it has one. */
export const FIXTURE_TENANT = "00000000-0000-0000-0000-00000000cafe";

/**
 * Collects one fixture and those it is served with. The server answers each served fixture at its
 * path, first page only (paging links dropped: the examples' links point at hosts that are not
 * here). Where no served fixture answers `GET /subscriptions` (or `GET /subscriptions/{s}`), a
 * minimal subscription for the fixtures' `subscriptionId` stands in, so the collectors reach them.
 * Everything else answers 404, which the collectors record as coverage.
 */
export async function collectFixture(f: ConformanceFixture, all: readonly ConformanceFixture[]): Promise<Snapshot> {
  const served = servedWith(f, all);
  const tenantId = served.map((x) => x.parameters.tenantId).find((t) => typeof t === "string") ?? FIXTURE_TENANT;
  const answers = new Map<string, unknown>();
  for (const x of served) {
    if (x.status < 200 || x.status > 299) continue;
    answers.set(servedPath(x), firstPage(x.body));
  }
  const subs = [...new Set(served.map((x) => x.parameters.subscriptionId).filter((s): s is string => typeof s === "string"))];
  const stand = (s: string) => ({ id: `/subscriptions/${s}`, subscriptionId: s, tenantId, displayName: "conformance", state: "Enabled" });
  if (!answers.has("/subscriptions")) answers.set("/subscriptions", { value: subs.map(stand) });
  for (const s of subs) if (!answers.has(`/subscriptions/${s}`.toLowerCase())) answers.set(`/subscriptions/${s}`.toLowerCase(), stand(s));

  const cert = await generateCertificate();
  const server: Server = createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    const url = new URL(req.url ?? "/", "https://localhost");
    const path = decodeURIComponent(url.pathname).toLowerCase().replace(/\/+$/, "");
    const body = answers.get(path);
    const graph = path.startsWith("/v1.0/");
    res.setHeader("content-type", "application/json; charset=utf-8");
    if (body === undefined) {
      res.statusCode = 404;
      res.end(JSON.stringify({ error: { code: graph ? "Request_ResourceNotFound" : "ResourceNotFound", message: `No conformance fixture answers ${url.pathname}.` } }));
      return;
    }
    res.statusCode = 200;
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  trust(cert.cert);
  try {
    return await collect(
      collectOptions({
        cloud: { ...CLOUDS.AzureCloud!, armEndpoint: url, graphEndpoint: url },
        tenantId,
        m365: served.some(isGraph),
        timeoutMs: 10_000,
      }),
    );
  } finally {
    trust(undefined);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** The body without its paging link (`nextLink`, `@odata.nextLink`). */
function firstPage(body: unknown): unknown {
  if (!body || typeof body !== "object" || Array.isArray(body)) return body;
  const { nextLink: _a, "@odata.nextLink": _b, ...rest } = body as Record<string, unknown>;
  return rest;
}
