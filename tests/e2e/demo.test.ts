/**
 * The demo end to end: `hemvist demo` audits the built-in tenant through the real SDK clients over
 * HTTPS, writes valid reports, reads only with GET, and `evaluate` on its snapshot agrees.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { loadRules } from "../../src/engine/registry.js";
import { BUILTIN_DEMO_FRAGMENTS } from "../../src/emulator/demo/index.js";

const builtinRules = await loadRules();
import { snapshotProblems } from "../../src/snapshot/validate.js";
import { readJson, runCli, tempDir, type CliRun } from "./helpers.js";

const ROOT = join(import.meta.dirname, "../..");
let out: string;
let run: CliRun;

beforeAll(async () => {
  out = await tempDir("hemvist-demo-");
  run = await runCli(["demo", "--out", out]);
}, 120_000);

describe("hemvist demo", () => {
  it("exits 0 and names the exit code a real audit would return", () => {
    expect(run.stderr).not.toMatch(/crashed/);
    expect(run.code).toBe(0);
    // The demo tenant is read whole and has failures at high: a real audit exits 1 (the demo speaks Swedish by default).
    expect(run.stdout).toContain("En riktig granskning av den här klientorganisationen skulle avslutas med slutkod 1 (underkända resultat). Själva demon avslutas med slutkod 0.");
  });

  it("writes a snapshot valid against the published schema", async () => {
    const snap = await readJson(join(out, "snapshot.json"));
    expect(snapshotProblems(snap)).toEqual([]);
    expect(snap.subscriptions).toHaveLength(3);
    expect(snap.tenant.tenantId).toBe("8d3f6a51-0c8e-4e59-9b5e-3a1c2f7e9d10");
    // Raw REST shapes, not SDK models: properties stay nested.
    const sa = snap.subscriptions.flatMap((s: any) => s.collections.storageAccounts ?? [])[0];
    expect(sa.properties.encryption.keySource).toBeTruthy();
  });

  it("writes findings.json valid against its schema, tied to the snapshot by SHA-256", async () => {
    const doc = await readJson(join(out, "findings.json"));
    const schema = JSON.parse(await readFile(join(import.meta.dirname, "../../schemas/findings.schema.json"), "utf8"));
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    (addFormats as unknown as (a: unknown) => void)(ajv);
    const ok = ajv.validate(schema, doc);
    expect(ajv.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    const { createHash } = await import("node:crypto");
    const text = await readFile(join(out, "snapshot.json"), "utf8");
    expect(doc.snapshotSha256).toBe(createHash("sha256").update(text).digest("hex"));
  });

  it("reads only with GET (the request log of the emulator)", async () => {
    const log = await readJson(join(out, "demo-requests.json"));
    expect(log.total).toBeGreaterThan(50);
    const nonGet = log.requests.filter((r: any) => r.method !== "GET");
    expect(nonGet).toEqual([]);
    for (const r of log.requests) {
      expect(r.path).not.toMatch(/listKeys|\/secrets|regenerateKey|listConnectionStrings/i);
    }
  });

  it("shows for every rule the verdicts its folder's demo fragment promises (both, unless it says otherwise)", async () => {
    const doc = await readJson(join(out, "findings.json"));
    const byRule = new Map<string, Set<string>>();
    for (const r of doc.results) (byRule.get(r.ruleId) ?? byRule.set(r.ruleId, new Set()).get(r.ruleId))!.add(r.status === "excepted" ? "fail" : r.status);
    const promised = new Map(BUILTIN_DEMO_FRAGMENTS.map((f) => [f.rule, f.demonstrates ?? ["pass", "fail"]]));
    const missing: string[] = [];
    for (const rule of builtinRules) {
      const want = promised.get(rule.name);
      if (!want) {
        missing.push(`${rule.id}: no demo fragment`);
        continue;
      }
      const st = byRule.get(rule.id) ?? new Set();
      for (const v of want) if (!st.has(v)) missing.push(`${rule.id}: no ${v}`);
    }
    expect(missing).toEqual([]);
    // The single-target rules show exactly the one verdict they promise.
    expect([...(byRule.get("ACC-01") ?? [])]).toEqual(["fail"]);
    // ACC-02: licensed passes; configured needs attestation (the demo's configuration does not attest it).
    const acc02 = doc.results.filter((r: { ruleId: string }) => r.ruleId === "ACC-02").map((r: { part: string; status: string }) => `${r.part} ${r.status}`);
    expect(acc02.sort()).toEqual(["configured attestation-required", "licensed pass"]);
    expect(doc.summary.byStatus["attestation-required"]).toBe(1);
  });

  it("shows RES-10 in a Multi-Geo tenant: the default geo measured and attested, a satellite geo's sites judged by their host's root site", async () => {
    const doc = await readJson(join(out, "findings.json"));
    const res10 = (part: string) =>
      doc.results
        .filter((r: { ruleId: string; part: string }) => r.ruleId === "RES-10" && r.part === part)
        .map((r: { status: string; resourceName: string; message: { en: string } }) => `${r.status} ${r.message.en}`)
        .sort();
    expect(res10("default-geo")).toEqual(["pass Exempelkommun stores its data by default in SWE (Sweden) (measured from the root site, and attested)."]);
    const geo = doc.results.find((r: { ruleId: string; part: string }) => r.ruleId === "RES-10" && r.part === "default-geo");
    expect(geo.evidence.map((e: { path: string; kind?: string }) => `${e.path}${e.kind ? ` (${e.kind})` : ""}`)).toEqual([
      "sites/root: siteCollection.dataLocationCode",
      "attestations.m365DefaultGeo.geo (attested)",
    ]);
    const sites = res10("site");
    expect(sites).toContain("fail Interreg-projektet is a site on exempelkommuneur.sharepoint.com, whose root site is stored in EUR (Europe), outside the allowed geos (SWE).");
    expect(sites).toContain("pass Intranätet is a site on exempelkommun.sharepoint.com, whose root site is stored in SWE (Sweden).");
    expect(sites.filter((l: string) => l.includes("-my.sharepoint.com,"))).toHaveLength(2);
    expect(doc.attestations.map((a: { key: string; state: string }) => `${a.key} ${a.state}`)).toEqual(["m365DefaultGeo valid"]);
  });

  it("shows RES-09's false pass closed: Utbildning's Enroll assignment does not count as enforcing", async () => {
    const doc = await readJson(join(out, "findings.json"));
    const res09 = doc.results.filter((r: { ruleId: string }) => r.ruleId === "RES-09").map((r: { status: string; resourceName: string; message: { en: string } }) => `${r.status} ${r.resourceName}: ${r.message.en}`);
    expect(res09).toContain("fail Exempelkommun – Utbildning: Exempelkommun – Utbildning is reached by 'Allowed locations for resource groups' only with enforcement mode Enroll, which denies nothing (only Default enforces).");
  });

  it("shows RES-09 reading policy exemptions: Vård och omsorg exempted at the subscription, Gemensam IT's expired exemption not counted", async () => {
    const doc = await readJson(join(out, "findings.json"));
    const res09 = doc.results.filter((r: { ruleId: string }) => r.ruleId === "RES-09").map((r: { status: string; resourceName: string; message: { en: string } }) => `${r.status} ${r.resourceName}: ${r.message.en}`);
    expect(res09.sort()).toEqual([
      "fail Exempelkommun – Utbildning: Exempelkommun – Utbildning is reached by 'Allowed locations for resource groups' only with enforcement mode Enroll, which denies nothing (only Default enforces).",
      "fail Exempelkommun – Vård och omsorg: Exempelkommun – Vård och omsorg is exempted from 'Allowed locations' by 'exk-vard-undantag-journalarkiv' (Waiver, at /subscriptions/5e9a1c3d-2b7f-4a6e-8c4d-1f0b9e7a3c52), so the policy denies nothing there.",
      "pass Exempelkommun – Gemensam IT: Exempelkommun – Gemensam IT is guarded by enforced 'Allowed locations' policies for resources and resource groups within the allowed regions.",
    ]);
  });

  it("links every rule to its page, the README.md of its folder (in findings.json and SARIF)", async () => {
    const doc = await readJson(join(out, "findings.json"));
    const sarif = await readJson(join(out, "findings.sarif"));
    const sarifHelp = new Map(sarif.runs[0].tool.driver.rules.map((r: { id: string; helpUri: string }) => [r.id, r.helpUri]));
    for (const rule of doc.rules as { id: string; name: string; helpUri: string }[]) {
      const page = rule.helpUri.replace("https://github.com/hemvist/hemvist/blob/main/", "");
      expect(page, rule.id).toMatch(new RegExp(`^rules/[a-z0-9-]+/${rule.name}/README\\.md$`));
      expect(existsSync(join(ROOT, page)), page).toBe(true);
      expect(sarifHelp.get(rule.id), rule.id).toBe(rule.helpUri);
    }
  });

  it("puts every kind of copy on the data map with its region, country and legal regime (docs/demo-tenant.md)", async () => {
    const doc = await readJson(join(out, "findings.json"));
    const map = doc.dataMap;
    const region = new Map(map.regions.map((r: { name: string }) => [r.name, r]));
    const place = (name: string) => {
      const r = region.get(name) as { country?: string; regime: string; allowed: boolean } | undefined;
      return r ? `${r.country ?? "-"} ${r.regime} ${r.allowed ? "allowed" : "not allowed"}` : "missing";
    };
    const copy = (kind: string, resource: string) =>
      map.copies
        .filter((c: { kind: string; resourceName?: string }) => c.kind === kind && c.resourceName === resource)
        .map((c: { primaryRegion?: string; region?: string; state: string }) => `${c.primaryRegion ?? "-"}→${c.region ?? "?"} ${c.state}`);
    // Written out from the demo's fragments (docs/demo-tenant.md), not from the code's output.
    expect(copy("secondary", "stexkgemdokument01")).toEqual(["swedencentral→swedensouth read"]);
    expect(copy("secondary", "stexkdrkopia01")).toEqual(["westeurope→northeurope read"]);
    expect(copy("replica", "cosmos-exk-gem-katalog")).toEqual(["swedencentral→northeurope read"]);
    expect(copy("backup", "cosmos-exk-gem-katalog")).toEqual(["swedencentral→swedensouth read"]);
    expect(copy("replica", "crexkskola01")).toEqual(["swedencentral→westeurope read"]);
    expect(copy("backup", "bvault-exk-dr-weu01")).toEqual(["westeurope→northeurope read"]);
    expect(copy("failover-partner", "fog-exk-skola")).toEqual(["swedencentral→westeurope read"]);
    expect(copy("failover-partner", "fog-exk-vard-journal")).toEqual(["swedencentral→swedensouth read"]);
    expect(copy("ai-processing", "gpt-4o-global")).toEqual(["swedencentral→global read"]);
    expect(copy("ai-processing", "gpt-4o-mini-datazone")).toEqual(["swedencentral→datazone-eu read"]);
    expect(copy("ai-processing", "gpt-4o-mini-test")).toEqual(["eastus→datazone-us read"]);
    expect(copy("key", "stexkskolaanalys01")).toEqual(["swedencentral→eastus read"]);
    expect(copy("key", "psql-exk-skola-elev01")).toEqual(["swedencentral→? unreadable"]);
    expect(copy("primary", "stexkskolaanalys01")).toEqual(["-→swedencentral read"]);
    const key = map.copies.find((c: { kind: string; resourceName?: string }) => c.kind === "key" && c.resourceName === "stexkskolaanalys01");
    expect(key.keyHolderId).toMatch(/\/providers\/Microsoft\.KeyVault\/vaults\/kv-exk-skola-analys-eus01$/);
    expect(key.source.ruleId).toBe("ENC-07");
    expect(doc.results.some((r: { ruleId: string; fingerprint: string; status: string }) => r.ruleId === "ENC-07" && r.fingerprint === key.source.fingerprint && r.status === "fail")).toBe(true);
    expect(place("swedencentral")).toBe("SE sweden allowed");
    expect(place("swedensouth")).toBe("SE sweden allowed");
    expect(place("northeurope")).toBe("IE eu not allowed");
    expect(place("westeurope")).toBe("NL eu not allowed");
    expect(place("eastus")).toBe("US us-dpf not allowed");
    expect(place("global")).toBe("- unknown not allowed");
    expect(place("datazone-eu")).toBe("- eu not allowed");
    expect(place("datazone-us")).toBe("US us-dpf not allowed");
    // Physical regions carry the locations API's coordinates (the emulator serves the real values).
    expect(region.get("eastus")).toMatchObject({ latitude: 37.3719, longitude: -79.8164 });
    expect(region.get("global")).not.toHaveProperty("latitude");
    // Every copy names a region on the map; each region once, canonical.
    for (const c of map.copies) {
      if (c.region) expect(region.has(c.region), c.region).toBe(true);
      if (c.primaryRegion) expect(region.has(c.primaryRegion), c.primaryRegion).toBe(true);
    }
    expect(map.regions.every((r: { name: string }) => r.name === r.name.toLowerCase().replace(/\s+/g, ""))).toBe(true);
    // Microsoft 365: users in SWE (4), EUR and NAM; the two without their own location live in the tenant's default geo (the tenant row).
    expect(map.m365.filter((m: { kind: string }) => m.kind === "user").map((m: { geo: string; count: number; regime: string }) => `${m.geo} ${m.count} ${m.regime}`)).toEqual(["SWE 4 sweden", "EUR 1 eu", "NAM 1 us-dpf"]);
    expect(map.m365Unreadable).toEqual([]);
    // `global` is no longer counted as allowed in the residency block.
    for (const r of doc.residency.regions) if (r.region === "global") expect(r.allowed).toBe(false);
  });

  it("evaluate on the saved snapshot gives the same results offline", async () => {
    const again = await tempDir("hemvist-eval-");
    const r = await runCli(["evaluate", join(out, "snapshot.json"), "--out", again, "--format", "json"]);
    // The demo snapshot is complete: its failures decide the code, as in the audit.
    expect(r.code, r.stderr).toBe(1);
    const a = await readJson(join(out, "findings.json"));
    const b = await readJson(join(again, "findings.json"));
    const key = (d: any) => d.results.map((x: any) => `${x.fingerprint} ${x.status} ${x.severity}`).sort();
    expect(key(b)).toEqual(key(a));
    expect(b.snapshotSha256).toBe(a.snapshotSha256);
  });
});
