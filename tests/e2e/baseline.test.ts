/**
 * Two nights through `demo --tenant-model`: the second tenant has one new resource outside Sweden,
 * one fixed finding and one excepted finding. JSON, HTML, Markdown and SARIF must show exactly those.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { demoTenant, DEMO_SUBSCRIPTION_IDS } from "../../src/emulator/demo/index.js";
import { readJson, runCli, tempDir } from "./helpers.js";

let dir: string;
let night1: any;
let night2: any;
let newVnetId: string;
let fixedVault: string;
let exceptedResult: any;

beforeAll(async () => {
  dir = await tempDir("hemvist-nights-");
  const model1 = demoTenant();
  await writeFile(join(dir, "night1.json"), JSON.stringify(model1));
  const r1 = await runCli(["demo", "--tenant-model", join(dir, "night1.json"), "--out", join(dir, "n1"), "--quiet"]);
  expect(r1.code, r1.stderr).toBe(0);
  night1 = await readJson(join(dir, "n1", "findings.json"));

  // One fixed finding: a vault that failed KEY-01 gets purge protection.
  const key01 = night1.results.find((r: any) => r.ruleId === "KEY-01" && r.status === "fail" && r.resourceType?.toLowerCase() === "microsoft.keyvault/vaults");
  expect(key01, "the demo has a vault failing KEY-01").toBeDefined();
  fixedVault = key01.resourceId;
  // One excepted finding: a RES-01 failure, accepted with an owner and an expiry.
  exceptedResult = night1.results.find((r: any) => r.ruleId === "RES-01" && r.status === "fail");
  expect(exceptedResult, "the demo has a resource failing RES-01").toBeDefined();

  const model2 = demoTenant();
  const sub = DEMO_SUBSCRIPTION_IDS[0] as string;
  const s2 = model2.subscriptions.find((s) => s.subscriptionId === sub)!;
  const rg = s2.resourceGroups[0]!;
  newVnetId = `${rg.id}/providers/Microsoft.Network/virtualNetworks/vnet-exk-nytt-westeu`;
  s2.resources.push({
    id: newVnetId,
    name: "vnet-exk-nytt-westeu",
    type: "Microsoft.Network/virtualNetworks",
    location: "westeurope",
    tags: {},
    etag: 'W/"00000000-0000-0000-0000-000000000001"',
    properties: { provisioningState: "Succeeded", resourceGuid: "3f0b3c4e-1f7d-4c36-9d0a-6a1e2b3c4d5e", addressSpace: { addressPrefixes: ["10.99.0.0/16"] }, subnets: [], virtualNetworkPeerings: [], enableDdosProtection: false },
  });
  for (const s of model2.subscriptions) {
    for (const r of s.resources) {
      if (r.id.toLowerCase() === fixedVault.toLowerCase()) {
        r.properties = { ...(r.properties ?? {}), enableSoftDelete: true, enablePurgeProtection: true };
      }
    }
  }
  await writeFile(join(dir, "night2.json"), JSON.stringify(model2));
  await writeFile(
    join(dir, "exceptions.yaml"),
    `exceptions:\n  - id: EXC-1\n    rule: RES-01\n    resource: "${exceptedResult.resourceId}"\n    justification: "Legacy system, moving to swedencentral in Q2"\n    owner: it-plattform@exempelkommun.se\n    ticket: IT-4711\n    expires: "2027-02-28"\n`,
  );
  const r2 = await runCli([
    "demo",
    "--tenant-model",
    join(dir, "night2.json"),
    "--out",
    join(dir, "n2"),
    "--baseline",
    join(dir, "n1", "findings.json"),
    "--exceptions",
    join(dir, "exceptions.yaml"),
    "--lang",
    "en",
    "--quiet",
  ]);
  expect(r2.code, r2.stderr).toBe(0);
  night2 = await readJson(join(dir, "n2", "findings.json"));
}, 180_000);

describe("baseline and exceptions over two nights", () => {
  it("findings.json: exactly one new result (the new resource outside Sweden), one resolved, one excepted", () => {
    const isNew = night2.results.filter((r: any) => r.baselineState === "new");
    expect(isNew.map((r: any) => `${r.ruleId} ${r.resourceId}`)).toEqual([`RES-01 ${newVnetId}`]);
    expect(night2.baseline.counts.new).toBe(1);
    expect(night2.baseline.resolved.map((r: any) => `${r.ruleId} ${r.resourceKey} ${r.resolution}`)).toEqual([`KEY-01 ${fixedVault.toLowerCase()} passes`]);
    // Everything of last night was read again tonight: nothing is left unverified.
    expect(night2.baseline.unverified).toEqual([]);
    expect(night2.baseline.counts.unverified).toBe(0);
    expect(night2.schemaVersion).toBe("1.8.0");
    const excepted = night2.results.filter((r: any) => r.status === "excepted");
    expect(excepted).toHaveLength(1);
    expect(excepted[0].fingerprint).toBe(exceptedResult.fingerprint);
    expect(excepted[0].exception).toMatchObject({ id: "EXC-1", owner: "it-plattform@exempelkommun.se", ticket: "IT-4711", expires: "2027-02-28" });
    expect(excepted[0].baselineState).toBe("unchanged");
    expect(night2.exceptions).toEqual([expect.objectContaining({ id: "EXC-1", matched: 1 })]);
    // Everything else that was open stays unchanged.
    const open1 = night1.results.filter((r: any) => r.status === "fail" || r.status === "not-assessed").length;
    expect(night2.baseline.counts.unchanged).toBe(open1 - 1);
  });

  it("SARIF: the new result is baselineState new, the excepted one carries a suppression, the resolved one is gone", async () => {
    const sarif = JSON.parse(await readFile(join(dir, "n2", "findings.sarif"), "utf8"));
    const results = sarif.runs[0].results as any[];
    const uriOf = (id: string) => id.replace(/^\//, "");
    const fresh = results.filter((r) => r.baselineState === "new");
    expect(fresh).toHaveLength(1);
    expect(fresh[0].ruleId).toBe("RES-01");
    expect(fresh[0].locations[0].physicalLocation.artifactLocation.uri.toLowerCase()).toBe(uriOf(newVnetId).toLowerCase());
    const suppressed = results.filter((r) => Array.isArray(r.suppressions) && r.suppressions.length > 0);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0].suppressions[0].kind).toBe("external");
    expect(suppressed[0].suppressions[0].justification).toContain("Legacy system, moving to swedencentral in Q2");
    expect(suppressed[0].suppressions[0].justification).toContain("EXC-1");
    expect(results.some((r) => r.ruleId === "KEY-01" && r.locations[0].physicalLocation.artifactLocation.uri.toLowerCase() === uriOf(fixedVault).toLowerCase())).toBe(false);
  });

  it("Markdown summary shows the new and resolved results and the exception", async () => {
    const md = await readFile(join(dir, "n2", "summary.md"), "utf8");
    expect(md).toContain("vnet-exk-nytt-westeu");
    expect(md).toMatch(/resolved/i);
    expect(md).toContain(fixedVault.split("/").pop() as string);
  });

  it("HTML report embeds the same diff and exception", async () => {
    const html = await readFile(join(dir, "n2", "report.html"), "utf8");
    const m = /<script type="application\/json" id="hemvist-data">([\s\S]*?)<\/script>/.exec(html);
    expect(m).not.toBeNull();
    const data = JSON.parse(m![1]!);
    const json = JSON.stringify(data);
    expect(json).toContain("vnet-exk-nytt-westeu");
    expect(json).toContain("EXC-1");
    expect(json).toContain(fixedVault.split("/").pop() as string);
  });
});

describe("a third night: one subscription out of view, last night's file in the 1.0 format", () => {
  let night3: any;
  let hiddenSub: string;
  beforeAll(async () => {
    // Last night's findings.json as Hemvist 1.0 wrote it: no dependsOn, no unverified, no disabled rules.
    const v10 = structuredClone(night2);
    v10.schemaVersion = "1.0.0";
    for (const r of v10.results) {
      delete r.dependsOn;
      if (r.baselineState === "unverified") delete r.baselineState;
    }
    delete v10.baseline.unverified;
    delete v10.baseline.counts.unverified;
    for (const r of v10.baseline.resolved) delete r.resolution;
    delete v10.disabledRules;
    await writeFile(join(dir, "n2-v10.json"), JSON.stringify(v10, null, 1));
    // Tonight the identity no longer sees the third subscription.
    hiddenSub = DEMO_SUBSCRIPTION_IDS[2] as string;
    const model3 = JSON.parse(await readFile(join(dir, "night2.json"), "utf8"));
    model3.subscriptions = model3.subscriptions.filter((s: any) => s.subscriptionId !== hiddenSub);
    await writeFile(join(dir, "night3.json"), JSON.stringify(model3));
    const r3 = await runCli([
      "demo", "--tenant-model", join(dir, "night3.json"), "--out", join(dir, "n3"),
      "--baseline", join(dir, "n2-v10.json"), "--exceptions", join(dir, "exceptions.yaml"),
      "--fail-on-new", "--lang", "en", "--quiet",
    ]);
    expect(r3.code, r3.stderr).toBe(0);
    night3 = await readJson(join(dir, "n3", "findings.json"));
  }, 180_000);

  it("accepts the 1.0 baseline; last night's open results in the hidden subscription are unverified (out of view), never resolved", () => {
    const inHidden = (r: any) => r.resourceKey.startsWith(`/subscriptions/${hiddenSub.toLowerCase()}/`) || r.resourceKey === `/subscriptions/${hiddenSub.toLowerCase()}`;
    const open2 = night2.results.filter((r: any) => (r.status === "fail" || r.status === "not-assessed") && inHidden(r));
    expect(open2.length, "the third subscription had open results").toBeGreaterThan(0);
    const outOfView = night3.baseline.unverified.filter((u: any) => u.reason.code === "out-of-view");
    expect(outOfView.map((u: any) => u.fingerprint).sort()).toEqual(open2.map((r: any) => r.fingerprint).sort());
    expect(night3.baseline.resolved.filter(inHidden)).toEqual([]);
    for (const u of outOfView) expect(u.reason.en).toBe("No result tonight: its subscription was not among the subscriptions visible tonight.");
    expect(night3.baseline.counts.unverified).toBe(night3.baseline.unverified.length);
  });

  it("SARIF keeps their alerts open with last night's fingerprints; summary.md lists them apart from resolved", async () => {
    const sarif = JSON.parse(await readFile(join(dir, "n3", "findings.sarif"), "utf8"));
    const results = sarif.runs[0].results as any[];
    const reemitted = results.filter((r) => r.properties.status === "unverified");
    expect(reemitted.map((r) => r.partialFingerprints["hemvist/v1"]).sort()).toEqual(night3.baseline.unverified.map((u: any) => u.fingerprint).sort());
    for (const r of reemitted) expect(r.message.text.startsWith("Unverified tonight")).toBe(true);
    const md = await readFile(join(dir, "n3", "summary.md"), "utf8");
    expect(md).toContain("### Unverified results (not counted as fixed)");
  });

  it("unverified results do not change the exit decision: it counts only new failures", () => {
    expect(night3.exit.failOnNew).toBe(true);
    const newFailing = night3.results.filter((r: any) => r.status === "fail" && r.baselineState === "new" && (r.severity === "high" || r.severity === "critical"));
    const partial = night3.coverage.length > 0 || night3.summary.byStatus["not-assessed"] > 0;
    expect(night3.exit.code).toBe(partial ? 3 : newFailing.length > 0 ? 1 : 0);
  });
});
