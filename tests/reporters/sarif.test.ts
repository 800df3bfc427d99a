/**
 * SARIF reporter: schema-valid (official 2.1.0 schema), clean under Microsoft's validator with
 * GitHub's rules, levels, fingerprints, suppressions, baseline state, no personal data.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/reporters/markdown.js";
import { renderSarif } from "../../src/reporters/sarif.js";
import { diffBaseline } from "../../src/findings/baseline.js";
import type { Finding } from "../../src/engine/types.js";
import { MULTITOOL, sarifValidatorErrors } from "../helpers/sarif-validator.js";
import { fingerprint, HOSTILE_NAME, makeDocument, TENANT, USER_DISPLAY_NAME, USER_OBJECT_ID, USER_UPN } from "./fixture.js";

// ajv-formats is CommonJS; under nodenext its default import is the module object or the plugin.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => void;

interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  kind: string;
  message: { text: string };
  locations: {
    physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
    logicalLocations: { fullyQualifiedName: string; kind: string }[];
  }[];
  partialFingerprints: Record<string, string>;
  baselineState?: string;
  suppressions?: { kind: string; status: string; justification: string }[];
  properties: Record<string, unknown>;
}
interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; semanticVersion: string; rules: { id: string; name: string; shortDescription: { text: string }; properties: Record<string, unknown>; help: { text: string; markdown: string }; helpUri?: string }[] } };
    results: SarifResult[];
  }[];
}

function parse(text: string): SarifLog {
  return JSON.parse(text) as SarifLog;
}

describe("renderSarif", () => {
  const doc = makeDocument();
  const text = renderSarif(doc, { lang: "en" });
  const log = parse(text);
  const runResults = log.runs[0]?.results ?? [];
  // A result names its rule's descriptor of its severity: `ENC-01` or `ENC-01/medium`.
  const byKey = (ruleId: string, status: string) => runResults.filter((r) => r.ruleId.split("/")[0] === ruleId && r.properties.status === status);

  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "hemvist-sarif-"));
    // npm may unpack the validator without its run bit (its postinstall sets it).
    if (existsSync(MULTITOOL)) chmodSync(MULTITOOL, 0o755);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("validates against the official SARIF 2.1.0 schema with no errors", () => {
    const schema = JSON.parse(readFileSync(join(process.cwd(), "schemas/sarif-2.1.0.json"), "utf8")) as object;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("the schema check is real: a broken log fails it", () => {
    const schema = JSON.parse(readFileSync(join(process.cwd(), "schemas/sarif-2.1.0.json"), "utf8")) as object;
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const broken = parse(text) as unknown as { runs: { results: { level: string }[] }[] };
    const first = broken.runs[0]?.results[0];
    if (first) first.level = "fatal";
    expect(validate(broken)).toBe(false);
  });

  const multitoolErrors = (name: string, content: string) => sarifValidatorErrors(dir, name, content);

  it("passes Microsoft's SARIF validator with the SARIF and GitHub rules, without an error", async () => {
    expect(await multitoolErrors("findings", text)).toEqual([]);
  }, 120_000);

  it("the validator check is real: a result without message text is an error for GitHub", async () => {
    const broken = JSON.parse(text) as { runs: { results: { message: unknown }[] }[] };
    const first = broken.runs[0]?.results[0];
    if (first) first.message = { id: "missing" };
    const errors = await multitoolErrors("broken", JSON.stringify(broken));
    expect(errors.some((e) => e.startsWith("GH"))).toBe(true);
  }, 120_000);

  it("describes the tool and one rule descriptor per (catalog rule, severity)", () => {
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    const driver = log.runs[0]?.tool.driver;
    expect(driver?.name).toBe("Hemvist");
    expect(driver?.semanticVersion).toBe("0.1.0");
    // Rules by id; a by-level rule (ENC-01) keeps its id for high and has one descriptor each for medium and low.
    expect(driver?.rules.map((r) => r.id)).toEqual(["ACC-02", "CLS-01", "CLS-02", "ENC-01", "ENC-01/medium", "ENC-01/low", "KEY-01", "KEY-05", "RES-01", "RES-10"]);
    const res01 = driver?.rules.find((r) => r.id === "RES-01");
    expect(res01?.properties["security-severity"]).toBe("8.0");
    expect(res01?.properties.precision).toBe("very-high");
    expect(res01?.help.markdown).toContain("az resource move");
    expect(res01?.helpUri).toBe(doc.rules[0]?.helpUri);
    expect(driver?.rules.find((r) => r.id === "CLS-01")?.properties["security-severity"]).toBe("9.5");
    // ENC-01 is by-level: each descriptor states its own severity for GitHub.
    expect(driver?.rules.filter((r) => r.id.startsWith("ENC-01")).map((r) => [r.id, r.properties["security-severity"]])).toEqual([
      ["ENC-01", "8.0"],
      ["ENC-01/medium", "5.5"],
      ["ENC-01/low", "3.0"],
    ]);
  });

  it("reports fail, not-assessed and excepted results, never passes, with ruleIndex pointing at the rule", () => {
    // Tonight's results but passes, then last night's three unverified results.
    expect(runResults).toHaveLength(doc.results.filter((f) => f.status !== "pass").length + 3);
    expect(runResults.some((r) => r.properties.status === "pass")).toBe(false);
    const rules = log.runs[0]?.tool.driver.rules ?? [];
    // ENC-08 did not run tonight (disabled): its unverified result names the rule without an index.
    for (const r of runResults) {
      if (r.ruleId === "ENC-08") expect(r.ruleIndex).toBeUndefined();
      else expect(rules[r.ruleIndex ?? -1]?.id).toBe(r.ruleId);
    }
  });

  it("maps severities to levels and marks not-assessed results for review", () => {
    expect(byKey("CLS-01", "fail")[0]?.level).toBe("error");
    expect(byKey("RES-01", "fail")[0]?.level).toBe("error");
    expect(byKey("ENC-01", "fail")[0]?.level).toBe("warning");
    expect(byKey("KEY-05", "fail")[0]?.level).toBe("note");
    expect(byKey("ACC-02", "fail")[0]?.level).toBe("note");
    const na = byKey("KEY-01", "not-assessed")[0];
    expect(na?.kind).toBe("review");
    expect(na?.level).toBe("warning");
    expect(na?.message.text).toContain("AuthorizationFailed");
    expect(na?.message.text).toContain("Microsoft.KeyVault/vaults/read");
    expect(byKey("RES-01", "fail")[0]?.kind).toBe("fail");
  });

  it("locates results by resource id without the leading slash, with a start line and a logical location", () => {
    const r = byKey("ENC-01", "fail")[0];
    const loc = r?.locations[0];
    expect(loc?.physicalLocation.artifactLocation.uri).toBe(
      "subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-miljo/providers/Microsoft.Storage/storageAccounts/stmiljodata01",
    );
    expect(loc?.physicalLocation.region.startLine).toBe(1);
    expect(loc?.logicalLocations[0]).toEqual({
      fullyQualifiedName: "/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-miljo/providers/Microsoft.Storage/storageAccounts/stmiljodata01",
      kind: "resource",
    });
    const user = byKey("RES-10", "fail")[0];
    expect(user?.locations[0]?.physicalLocation.artifactLocation.uri).toBe(`tenants/${doc.tenantId}/users/${USER_OBJECT_ID}`);
    // The hostile name is percent-encoded into a valid URI reference.
    const hostile = runResults.find((x) => x.locations[0]?.logicalLocations[0]?.fullyQualifiedName.endsWith(HOSTILE_NAME));
    expect(hostile?.locations[0]?.physicalLocation.artifactLocation.uri).toMatch(/sites\/%3Cimg%20src%3Dx%20onerror%3Dalert\(1\)%3E$/);
  });

  it("keeps fingerprints stable across renders and equal to the findings'", () => {
    const again = parse(renderSarif(makeDocument(), { lang: "en" }));
    const fps = runResults.map((r) => r.partialFingerprints["hemvist/v1"]);
    expect(again.runs[0]?.results.map((r) => r.partialFingerprints["hemvist/v1"])).toEqual(fps);
    const expected = [...doc.results.filter((f) => f.status !== "pass" && f.baselineState !== "unverified"), ...(doc.baseline?.unverified ?? [])].map((f) => f.fingerprint).sort();
    expect([...fps].sort()).toEqual(expected);
  });

  it("re-emits each unverified baseline result with last night's rule, fingerprint and level; resolved ones are not emitted", () => {
    const unverified = runResults.filter((r) => r.properties.status === "unverified");
    const KV_OLAST = "/subscriptions/66666666-7777-4888-9999-aaaaaaaaaaaa/resourceGroups/rg-test/providers/Microsoft.KeyVault/vaults/kv-oläst";
    const AI_SOCIAL = "/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-socialtjanst/providers/Microsoft.CognitiveServices/accounts/oai-socialtjanst";
    const ST_HIDDEN = "/subscriptions/bbbbbbbb-cccc-4ddd-8eee-ffffffffffff/resourceGroups/rg-arkiv/providers/Microsoft.Storage/storageAccounts/starkivdolt";
    // Severity order, then rule id: ENC-08 (high), KEY-01 (high), ENC-01 (medium, not assessed last night).
    expect(
      unverified.map((r) => [r.ruleId, r.level, r.kind, r.partialFingerprints["hemvist/v1"], r.properties.lastStatus, r.properties.unverifiedReason, r.baselineState]),
    ).toEqual([
      ["ENC-08", "error", "fail", fingerprint("ENC-08", AI_SOCIAL.toLowerCase()), "fail", "rule-disabled", "unchanged"],
      ["KEY-01", "error", "fail", fingerprint("KEY-01", KV_OLAST.toLowerCase()), "fail", "scope-unreadable", "unchanged"],
      ["ENC-01/medium", "warning", "review", fingerprint("ENC-01", ST_HIDDEN.toLowerCase(), "blob"), "not-assessed", "out-of-view", "unchanged"],
    ]);
    expect(unverified[1]?.message.text).toBe(
      "Unverified tonight (scope-unreadable): No result tonight, and a scope it depended on could not be read tonight. Last night: kv-oläst can be purged.",
    );
    // A personal identifier in last night's message is redacted here too.
    expect(unverified[2]?.message.text).toBe(
      "Unverified tonight (out-of-view): No result tonight: its subscription was not among the subscriptions visible tonight. Last night: starkivdolt uses Microsoft-managed keys; contact \\[redacted\\].",
    );
    expect(unverified[0]?.locations[0]?.logicalLocations[0]?.fullyQualifiedName).toBe(AI_SOCIAL);
    // Resolved results (kv-gammal passes, disk-old|pipe gone) are not emitted: their alerts close.
    expect(runResults.some((r) => r.locations[0]?.logicalLocations[0]?.fullyQualifiedName.endsWith("/kv-gammal"))).toBe(false);
    expect(runResults.some((r) => r.locations[0]?.logicalLocations[0]?.fullyQualifiedName.endsWith("/disk-old|pipe"))).toBe(false);
  });

  it("a result not assessed tonight that failed last night is emitted once, as last night's unverified result", () => {
    const KV_PROD = "/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-nycklar/providers/Microsoft.KeyVault/vaults/kv-prod-01";
    const base = makeDocument();
    const tonight: Finding = {
      ruleId: "KEY-05",
      status: "not-assessed",
      severity: "low",
      resourceId: KV_PROD,
      resourceKey: KV_PROD.toLowerCase(),
      resourceType: "Microsoft.KeyVault/vaults",
      resourceName: "kv-prod-01",
      subscriptionId: "11111111-2222-4333-8444-555555555555",
      location: "swedencentral",
      messageId: "notAssessed",
      message: { en: "kv-prod-01 could not be read (403 AuthorizationFailed).", sv: "kv-prod-01 kunde inte läsas (403 AuthorizationFailed)." },
      notAssessed: { scope: KV_PROD, collection: "keyVaults", httpStatus: 403, code: "AuthorizationFailed", message: "denied" },
      fingerprint: fingerprint("KEY-05", KV_PROD.toLowerCase()),
      baselineState: "unverified",
    };
    const lastNight = {
      ruleId: "KEY-05",
      resourceId: KV_PROD,
      resourceKey: KV_PROD.toLowerCase(),
      fingerprint: fingerprint("KEY-05", KV_PROD.toLowerCase()),
      severity: "medium" as const,
      status: "fail" as const,
      message: { en: "kv-prod-01 uses access policies instead of Azure RBAC.", sv: "kv-prod-01 använder åtkomstprinciper i stället för Azure RBAC." },
      reason: { code: "not-assessed-tonight" as const, en: "Not assessed tonight: a read its verdict needs failed, so it may still fail.", sv: "Ej bedömt i natt." },
    };
    const doc2 = { ...base, results: [...base.results, tonight], baseline: { ...base.baseline!, unverified: [lastNight] } };
    const out = parse(renderSarif(doc2, { lang: "en" })).runs[0]?.results ?? [];
    const same = out.filter((r) => r.partialFingerprints["hemvist/v1"] === fingerprint("KEY-05", KV_PROD.toLowerCase()));
    expect(same).toHaveLength(1);
    // Last night's level (medium → warning) and kind, not tonight's not-assessed review.
    expect([same[0]?.level, same[0]?.kind, same[0]?.properties.status, same[0]?.properties.lastStatus]).toEqual(["warning", "fail", "unverified", "fail"]);
    expect(same[0]?.message.text).toBe(
      "Unverified tonight (not-assessed-tonight): Not assessed tonight: a read its verdict needs failed, so it may still fail. Last night: kv-prod-01 uses access policies instead of Azure RBAC.",
    );
  });

  it("a result that needs attestation tonight and failed last night is emitted once, as last night's unverified result (marked by the real baseline diff)", () => {
    const TENANT_TARGET = `/tenants/${TENANT}`;
    const fp = fingerprint("RES-10", TENANT_TARGET.toLowerCase(), "default-geo");
    const base = makeDocument();
    const tonight: Finding = {
      ruleId: "RES-10",
      part: "default-geo",
      status: "attestation-required",
      severity: "high",
      resourceId: TENANT_TARGET,
      resourceKey: TENANT_TARGET.toLowerCase(),
      resourceType: "Microsoft.Graph/tenant",
      resourceName: "Exempelby kommun",
      location: "global",
      messageId: "attestationRequired",
      message: { en: "No API shows the default geo: attest it.", sv: "Inget API visar standardgeografin: intyga den." },
      fingerprint: fp,
    };
    const last = { ...tonight, status: "fail" as const, message: { en: "The default geo is EUR, not SWE.", sv: "Standardgeografin är EUR, inte SWE." } };
    const baseline = diffBaseline(
      [tonight],
      { generatedAt: "2026-12-04T02:00:00Z", snapshotSha256: "", results: [last] },
      "n1/findings.json",
      { failOn: "high" },
      { coverage: [], visibleSubscriptions: new Set(), targetExists: () => true, rulesRun: new Set(["RES-10"]), disabledRules: new Set() },
    );
    const doc = { ...base, results: [...base.results, tonight], baseline };
    const same = (parse(renderSarif(doc, { lang: "en" })).runs[0]?.results ?? []).filter((r) => r.partialFingerprints["hemvist/v1"] === fp);
    expect(same).toHaveLength(1);
    expect([same[0]?.level, same[0]?.kind, same[0]?.properties.status, same[0]?.properties.lastStatus]).toEqual(["error", "fail", "unverified", "fail"]);
    expect(same[0]?.message.text).toMatch(/^Unverified tonight \(attestation-required-tonight\): .* Last night: The default geo is EUR, not SWE\.$/);
  });

  it("lists the disabled rules in the run's properties, and only when there are some", () => {
    expect((log.runs[0] as unknown as { properties: { disabledRules?: string[] } }).properties.disabledRules).toEqual(["ENC-08", "KEY-03"]);
    const none = parse(renderSarif({ ...makeDocument(), disabledRules: undefined }, { lang: "sv" }));
    expect((none.runs[0] as unknown as { properties: Record<string, unknown> }).properties).not.toHaveProperty("disabledRules");
  });

  it("suppresses the excepted result as accepted with its justification", () => {
    const excepted = byKey("ENC-01", "excepted")[0];
    expect(excepted?.suppressions).toHaveLength(1);
    expect(excepted?.suppressions?.[0]?.kind).toBe("external");
    expect(excepted?.suppressions?.[0]?.status).toBe("accepted");
    expect(excepted?.suppressions?.[0]?.justification).toContain("Migrering till kundhanterad nyckel pågår");
    expect(byKey("ENC-01", "fail")[0]?.suppressions).toBeUndefined();
  });

  it("carries the baseline state when a baseline was given, and not otherwise", () => {
    expect(byKey("ENC-01", "fail")[0]?.baselineState).toBe("new");
    expect(byKey("RES-01", "fail").find((r) => r.locations[0]?.logicalLocations[0]?.fullyQualifiedName.endsWith(HOSTILE_NAME))?.baselineState).toBe(
      "unchanged",
    );
    const noBaseline = { ...makeDocument(), baseline: undefined };
    const plain = parse(renderSarif(noBaseline, { lang: "sv" }));
    expect(plain.runs[0]?.results.some((r) => r.baselineState !== undefined)).toBe(false);
  });

  it("holds no user display name or UPN, in SARIF or Markdown", () => {
    for (const out of [text, renderMarkdown(doc, { lang: "sv" }), renderMarkdown(doc, { lang: "en" })]) {
      expect(out).not.toContain(USER_DISPLAY_NAME);
      expect(out).not.toContain(USER_UPN);
      expect(out).not.toMatch(/[\w.]+@exempelby\.se/);
    }
    // The user is still reported, by object id.
    expect(text).toContain(USER_OBJECT_ID);
  });
});

describe("renderSarif in Swedish (--lang sv)", () => {
  const doc = makeDocument();
  const text = renderSarif(doc, { lang: "sv" });
  const log = parse(text);
  const driver = log.runs[0]?.tool.driver;
  const results = log.runs[0]?.results ?? [];
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "hemvist-sarif-sv-"));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("describes each rule in Swedish; the name stays the rule's id-like name", () => {
    const res01 = driver?.rules.find((r) => r.id === "RES-01");
    expect(res01?.name).toBe(doc.rules.find((r) => r.id === "RES-01")?.name);
    expect(res01?.shortDescription.text).toBe("Resurser lagras i tillåtna regioner.");
    expect(res01?.help.markdown).toContain("## Åtgärd\n\nFlytta resursen till en tillåten region eller skapa den där.");
    expect(res01?.help.text).toContain("Åtgärd: Flytta resursen till en tillåten region eller skapa den där.");
    // A rule with descriptors for several severities names the severity in the glossary's words.
    expect(driver?.rules.filter((r) => r.id.startsWith("ENC-01")).map((r) => r.shortDescription.text)).toEqual([
      "Lagringskonton krypteras med en kundhanterad nyckel (allvarlighetsgrad hög).",
      "Lagringskonton krypteras med en kundhanterad nyckel (allvarlighetsgrad medel).",
      "Lagringskonton krypteras med en kundhanterad nyckel (allvarlighetsgrad låg).",
    ]);
  });

  it("writes result messages, evidence, exceptions and unverified results in Swedish", () => {
    const enc01 = results.find((r) => r.ruleId === "ENC-01/medium" && r.properties.status === "fail");
    expect(enc01?.message.text).toBe("stmiljodata01 använder nycklar som Microsoft hanterar. Underlag: properties.encryption.keySource: Microsoft.Storage, förväntat Microsoft.Keyvault. Resursgrupp rg-miljo.");
    const excepted = results.find((r) => r.properties.status === "excepted");
    expect(excepted?.suppressions?.[0]?.justification).toMatch(/\((undantag|undantag för hela regeln) [^,]+, går ut \d{4}-\d{2}-\d{2}\)$/);
    const unverified = results.filter((r) => r.properties.status === "unverified");
    expect(unverified[1]?.message.text).toMatch(/^Overifierad i natt \(scope-unreadable\): .+ I går natt: /);
    for (const r of results) expect(r.message.text).not.toMatch(/\b(Evidence|expected|Unverified tonight|Last night|Needs attestation)\b/);
  });

  it("passes Microsoft's SARIF validator with the SARIF and GitHub rules, without an error", async () => {
    expect(await sarifValidatorErrors(dir, "findings-sv", text)).toEqual([]);
  }, 120_000);
});

describe("findings.sarif: one rule descriptor per (rule, severity), so GitHub shows each result's severity", () => {
  const base = makeDocument();
  const RES01 = base.results.find((f) => f.ruleId === "RES-01" && f.status === "fail");
  // RES-01 as if it declared a critical part (as ENC-02 declares `tde`): one result critical, one high, one low (undeclared).
  const critical: Finding = { ...RES01!, part: "tde", severity: "critical", fingerprint: "c".repeat(32) };
  const low: Finding = { ...RES01!, part: "other", severity: "low", fingerprint: "d".repeat(32) };
  const doc = {
    ...base,
    rules: base.rules.map((r) => (r.id === "RES-01" ? { ...r, severities: ["critical" as const, "high" as const] } : r)),
    results: [...base.results, critical, low],
  };
  const log = parse(renderSarif(doc, { lang: "en" }));
  const rules = log.runs[0]?.tool.driver.rules ?? [];
  const results = log.runs[0]?.results ?? [];
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "hemvist-sarif-sev-"));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("keeps the rule id for the rule's own severity and names others `<id>/<severity>`, each with its security-severity", () => {
    expect(rules.filter((r) => r.id.startsWith("RES-01")).map((r) => [r.id, r.properties["security-severity"]])).toEqual([
      ["RES-01", "8.0"],
      ["RES-01/critical", "9.5"],
    ]);
  });

  it("points each result at the descriptor of its severity (ruleId and ruleIndex agree)", () => {
    const byFp = (fp: string) => results.find((r) => r.partialFingerprints["hemvist/v1"] === fp);
    const c = byFp(critical.fingerprint);
    expect(c?.ruleId).toBe("RES-01/critical");
    expect(rules[c?.ruleIndex ?? -1]?.properties["security-severity"]).toBe("9.5");
    const h = byFp(RES01!.fingerprint);
    expect(h?.ruleId).toBe("RES-01");
    expect(rules[h?.ruleIndex ?? -1]?.id).toBe("RES-01");
    // A severity the rule did not declare falls back to the rule's own descriptor; the result states its own.
    const l = byFp(low.fingerprint);
    expect([l?.ruleId, rules[l?.ruleIndex ?? -1]?.id, l?.properties["security-severity"]]).toEqual(["RES-01", "RES-01", "3.0"]);
    for (const r of results) if (r.ruleIndex !== undefined) expect(rules[r.ruleIndex]?.id).toBe(r.ruleId);
  });

  it("passes Microsoft's SARIF validator with the SARIF and GitHub rules", async () => {
    expect(await sarifValidatorErrors(dir, "by-severity", JSON.stringify(log, null, 2))).toEqual([]);
  }, 120_000);
});
