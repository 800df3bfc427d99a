/**
 * Night to night, through the emulator over HTTPS: a result is resolved only when tonight read its
 * scope and it passes (or it is gone from a scope read completely); otherwise it is unverified. The
 * --fail-on-new gate counts as new whatever was not failing, counted and at or above the threshold
 * last night. And the scopes an audit cannot see at all: a 404 on a list (ARM and Graph) and an
 * identity that sees no subscription.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_SUBSCRIPTION_IDS, demoTenant } from "../../src/emulator/demo/index.js";
import type { TenantModel } from "../../src/emulator/model.js";
import { type AuditRun, auditModel } from "./helpers.js";

const TENANT = demoTenant().tenantId;
/** The demo's journal subscription: health-care SQL servers, databases and a managed instance. */
const JOURNAL = DEMO_SUBSCRIPTION_IDS[1] as string;
const sqlDenied = (): TenantModel => ({ ...demoTenant(), faults: [{ path: `^/subscriptions/${JOURNAL}/providers/Microsoft\\.Sql/`, status: 403 }] });

/** A UTC date `days` from today, as exceptions write it. */
function day(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The model's resource with this name (the demo names are unique). */
function resource(model: TenantModel, name: string) {
  for (const s of model.subscriptions) for (const r of s.resources) if (r.name === name) return r;
  throw new Error(`the demo has no resource ${name}`);
}

let night1: AuditRun;
beforeAll(async () => {
  night1 = await auditModel(demoTenant(), ["--format", "json"]);
  expect(night1.code, night1.stderr).toBe(1);
}, 120_000);

/** Audits `model` tonight against night 1's findings.json as the baseline. */
function tonight(model: TenantModel, extra: string[] = [], files: Record<string, string> = {}): Promise<AuditRun> {
  return auditModel(model, ["--baseline", join(night1.out, "findings.json"), ...extra], files);
}

describe("the same tenant twice with --fail-on-new: nothing is new", () => {
  it("exits 0 with every failure unchanged, nothing resolved or unverified", async () => {
    const n2 = await tonight(demoTenant(), ["--format", "json", "--fail-on-new"]);
    expect(n2.code, n2.stderr).toBe(0);
    // Every failure of night 1 is read again and unchanged.
    expect(n2.doc.baseline.counts).toEqual({ new: 0, unchanged: night1.doc.summary.byStatus.fail, resolved: 0, unverified: 0 });
  }, 60_000);
});

describe("night 1 read completely, night 2 with Microsoft.Sql denied in the journal subscription", () => {
  let n2: AuditRun;
  beforeAll(async () => {
    n2 = await tonight(sqlDenied(), ["--fail-on-new", "--lang", "en"]);
  }, 60_000);

  it("exits 3 and resolves nothing: the one failure it could not check tonight is unverified", () => {
    expect(n2.code, n2.stderr).toBe(3);
    expect(n2.doc.baseline.resolved).toEqual([]);
    expect(n2.doc.baseline.unverified.map((u: any) => `${u.ruleId} ${u.resourceId.split("/").pop()} ${u.part ?? "-"} ${u.status} ${u.reason.code}`)).toEqual([
      "ENC-02 sqldb-journal-arkiv tde fail not-assessed-tonight",
    ]);
    // New: the 31 results named not assessed tonight (none failed last night); unchanged: night 1's
    // failures read again, all but the one unverified.
    expect(n2.doc.baseline.counts).toEqual({ new: 31, unchanged: night1.doc.summary.byStatus.fail - 1, resolved: 0, unverified: 1 });
    // Tonight's result for it says the same.
    const tde = n2.doc.results.find((r: any) => r.fingerprint === n2.doc.baseline.unverified[0].fingerprint);
    expect(tde).toMatchObject({ status: "not-assessed", baselineState: "unverified" });
  });

  it("every format shows it apart from resolved; SARIF keeps its alert open with last night's fingerprint and level", async () => {
    const fp = n2.doc.baseline.unverified[0].fingerprint as string;
    const md = await readFile(join(n2.out, "summary.md"), "utf8");
    expect(md).toContain("### Unverified results (not counted as fixed)");
    expect(md).toContain("sqldb-journal-arkiv");
    const csv = await readFile(join(n2.out, "findings.csv"), "utf8");
    expect(csv.split("\r\n").filter((l) => l.includes("unverified:not-assessed-tonight"))).toHaveLength(1);
    expect(csv).not.toMatch(/resolved:/);
    const sarif = JSON.parse(await readFile(join(n2.out, "findings.sarif"), "utf8"));
    const mine = sarif.runs[0].results.filter((r: any) => r.partialFingerprints["hemvist/v1"] === fp);
    expect(mine).toHaveLength(1);
    // ENC-02's tde part is critical: its descriptor is ENC-02/critical (one per rule and severity).
    expect(mine[0]).toMatchObject({ ruleId: "ENC-02/critical", level: "error", properties: { status: "unverified", lastStatus: "fail" } });
    expect(mine[0].message.text.startsWith("Unverified tonight")).toBe(true);
    const html = await readFile(join(n2.out, "report.html"), "utf8");
    expect(html).toContain(fp);
  });
});

describe("the --fail-on-new gate", () => {
  it("an exception that has expired by the second night makes its failure new: exit 1", async () => {
    const vault = resource(demoTenant(), "kv-exk-skola01");
    const exceptions = (expires: string) =>
      `exceptions:\n  - id: EXC-7\n    rule: KEY-01\n    resource: "${vault.id}"\n    justification: "Purge protection after the school migration"\n    owner: it-skola@exempelkommun.se\n    expires: "${expires}"\n`;
    const n1 = await auditModel(demoTenant(), ["--format", "json", "--exceptions", "{dir}/exceptions.yaml"], { "exceptions.yaml": exceptions(day(0)) });
    expect(n1.doc.results.find((r: any) => r.ruleId === "KEY-01" && r.resourceId === vault.id).status).toBe("excepted");
    const n2 = await auditModel(demoTenant(), ["--format", "json", "--fail-on-new", "--baseline", join(n1.out, "findings.json"), "--exceptions", "{dir}/exceptions.yaml"], {
      "exceptions.yaml": exceptions(day(-1)),
    });
    expect(n2.code, n2.stderr).toBe(1);
    const news = n2.doc.results.filter((r: any) => r.baselineState === "new");
    expect(news.map((r: any) => `${r.ruleId} ${r.resourceName} ${r.status} ${r.severity}`)).toEqual(["KEY-01 kv-exk-skola01 fail high"]);
    expect(n2.doc.exit.reason.en).toBe("1 new failing result(s) at or above high");
  }, 90_000);

  it("a severity that rose across the threshold (the account reclassified 1 → 3) is new: exit 1", async () => {
    const n1 = await auditModel(demoTenant(), ["--format", "json"]);
    expect(n1.doc.results.find((r: any) => r.ruleId === "ENC-01" && r.resourceName === "stexkgemloggar01")).toMatchObject({ status: "fail", severity: "low" });
    const model = demoTenant();
    resource(model, "stexkgemloggar01").tags = { confidentiality: "3" };
    const n2 = await auditModel(model, ["--format", "json", "--fail-on-new", "--baseline", join(n1.out, "findings.json")]);
    expect(n2.code, n2.stderr).toBe(1);
    const newFailing = n2.doc.results.filter((r: any) => r.baselineState === "new" && r.status === "fail");
    // ENC-05 (double encryption) now applies to it too, at medium: new, but under the threshold.
    expect(newFailing.map((r: any) => `${r.ruleId} ${r.resourceName} ${r.severity}`).sort()).toEqual(["ENC-01 stexkgemloggar01 high", "ENC-05 stexkgemloggar01 medium"]);
    expect(n2.doc.exit.reason.en).toBe("1 new failing result(s) at or above high");
  }, 90_000);
});

describe("a rule disabled on the second night", () => {
  it("leaves its failures unverified (never resolved), lists the rule in every report, and changes no exit", async () => {
    const n2 = await tonight(demoTenant(), ["--fail-on-new", "--config", "{dir}/hemvist.yaml"], { "hemvist.yaml": "rules:\n  disabled: [KEY-01]\n" });
    expect(n2.code, n2.stderr).toBe(0);
    expect(n2.doc.disabledRules).toEqual([{ id: "KEY-01", title: expect.objectContaining({ en: expect.any(String) }) }]);
    expect(n2.doc.baseline.resolved).toEqual([]);
    expect(n2.doc.baseline.unverified.map((u: any) => `${u.ruleId} ${u.resourceId.split("/").pop()} ${u.reason.code}`).sort()).toEqual([
      "KEY-01 kv-exk-dr-weu01 rule-disabled",
      "KEY-01 kv-exk-skola01 rule-disabled",
    ]);
    const md = await readFile(join(n2.out, "summary.md"), "utf8");
    expect(md).toMatch(/KEY-01/);
    const sarif = JSON.parse(await readFile(join(n2.out, "findings.sarif"), "utf8"));
    expect(JSON.stringify(sarif.runs[0].properties)).toContain("KEY-01");
    const csv = await readFile(join(n2.out, "findings.csv"), "utf8");
    expect(csv).toContain("rule-disabled");
  }, 60_000);
});

describe("absence is proven, never assumed: a 404 on a list is a gap", () => {
  it("a 404 on one subscription's storage list names its accounts not assessed; a 404 on Graph /groups leaves the group part not assessed", async () => {
    const sub = DEMO_SUBSCRIPTION_IDS[0] as string;
    const model = demoTenant();
    model.faults = [
      { path: `^/subscriptions/${sub}/providers/Microsoft\\.Storage/storageAccounts$`, status: 404, code: "NotFound", message: "The requested resource was not found." },
      { path: "^/v1\\.0/groups$", status: 404, code: "Request_ResourceNotFound", message: "Resource not found." },
    ];
    const r = await auditModel(model, ["--format", "json"]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.doc.coverage.map((c: any) => `${c.collection} ${c.scope} ${c.httpStatus} ${c.code} ${c.blinds.join(",")}`)).toEqual([
      // KEY-02's targets (keys) are found through the accounts' references: the unread list leaves a trace there too.
      `storageAccounts /subscriptions/${sub} 404 NotFound CLS-02,ENC-01,ENC-05,ENC-06,ENC-07,KEY-02,RES-04`,
      `m365Groups /tenants/${TENANT}/groups 404 Request_ResourceNotFound RES-10`,
    ]);
    const storage = model.subscriptions.find((s) => s.subscriptionId === sub)?.resources.filter((x) => x.type === "Microsoft.Storage/storageAccounts").map((x) => x.name) ?? [];
    expect(storage.length).toBeGreaterThan(0);
    const enc01 = r.doc.results.filter((x: any) => x.ruleId === "ENC-01" && x.subscriptionId === sub);
    expect(enc01.map((x: any) => `${x.resourceName} ${x.status} ${x.notAssessed?.httpStatus}`).sort()).toEqual(storage.map((n) => `${n} not-assessed 404`).sort());
    const groups = r.doc.results.filter((x: any) => x.ruleId === "RES-10" && x.part === "group");
    expect(groups.map((x: any) => `${x.resourceId} ${x.status}`)).toEqual([`/tenants/${TENANT}/groups not-assessed`]);
  }, 60_000);
});

describe("an identity that sees no subscription", () => {
  it("is a gap of the whole Azure part: exit 3, said first in the exit reason, the tenant-wide rules not assessed", async () => {
    const model = demoTenant();
    model.subscriptions = [];
    // The tenant is named as a GitHub OIDC sign-in names it (AZURE_TENANT_ID); no subscription can tell it here.
    const r = await auditModel(model, ["--format", "json,md", "--lang", "en", "--tenant", TENANT]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.doc.coverage.map((c: any) => `${c.collection} ${c.scope} ${c.code}`)).toEqual([`subscriptions /tenants/${TENANT} NoVisibleSubscription`]);
    expect(r.doc.exit.reason.en.startsWith("the identity sees no Azure subscription, so Azure was not audited at all")).toBe(true);
    const md = await readFile(join(r.out, "summary.md"), "utf8");
    expect(md.split("\n").slice(0, 12).join("\n")).toContain("sees no Azure subscription");
    expect(r.doc.results.filter((x: any) => x.status === "not-assessed").map((x: any) => `${x.ruleId} ${x.resourceId}`).sort()).toEqual([
      `CLS-01 /tenants/${TENANT}`,
      `RES-09 /tenants/${TENANT}`,
    ]);
  }, 60_000);
});
