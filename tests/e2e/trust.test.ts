/**
 * Verdicts you can trust when the audit cannot see everything: a failed read makes not assessed
 * exactly the results that needed it, names the resources it hid, and leaves every other verdict
 * as it was. Through the emulator over HTTPS, against the demo tenant.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SUBSCRIPTION_IDS, demoTenant } from "../../src/emulator/demo/index.js";
import type { TenantModel } from "../../src/emulator/model.js";
import type { Emulator } from "../../src/emulator/server.js";
import { loadRules } from "../../src/engine/registry.js";

const builtinRules = await loadRules();
import { collectionType } from "../../src/snapshot/collections.js";
import type { AzureCollection, RuleDefinition } from "../../src/index.js";
import { auditArgs, emulate, readJson, runCli } from "./helpers.js";

const running: Emulator[] = [];
afterAll(async () => {
  await Promise.all(running.map((e) => e.close()));
});

/** Audits a tenant model; returns the exit code and findings.json. */
async function audit(model: TenantModel, extra: string[] = []): Promise<{ code: number | null; stderr: string; doc: any }> {
  const { emulator, env, dir } = await emulate(model);
  running.push(emulator);
  const out = join(dir, "out");
  const r = await runCli(auditArgs(emulator.url, out, ["--format", "json", ...extra]), env);
  return { code: r.code, stderr: r.stderr, doc: await readJson(join(out, "findings.json")) };
}

/** `RULE name-after-the-resource-group part` of a result, as asserted below. */
function label(r: any): string {
  return `${r.ruleId} ${r.resourceId.split("/").slice(8).join("/") || "(subscription)"} ${r.part ?? "-"}`;
}

describe("a 403 on Microsoft.Sql in one subscription (the journal subscription of the demo)", () => {
  // The demo's second subscription holds the health-care journal SQL servers, their databases and a managed instance.
  const sub = DEMO_SUBSCRIPTION_IDS[1] as string;
  let full: Awaited<ReturnType<typeof audit>>;
  let denied: Awaited<ReturnType<typeof audit>>;
  beforeAll(async () => {
    full = await audit(demoTenant());
    const model = demoTenant();
    model.faults = [{ path: `^/subscriptions/${sub}/providers/Microsoft\\.Sql/`, status: 403 }];
    denied = await audit(model);
  }, 120_000);

  it("exits 3 and records exactly the two SQL lists as unread", () => {
    expect(full.code, full.stderr).toBe(1);
    expect(denied.code, denied.stderr).toBe(3);
    expect(denied.doc.coverage.map((c: any) => `${c.collection} ${c.scope} ${c.httpStatus}`).sort()).toEqual([
      `sqlManagedInstances /subscriptions/${sub} 403`,
      `sqlServers /subscriptions/${sub} 403`,
    ]);
  });

  it("names the SQL servers, databases and managed instance it hid, per rule and part", () => {
    const notAssessed = denied.doc.results.filter((r: any) => r.status === "not-assessed");
    expect(notAssessed.map(label).sort()).toEqual([
      "CLS-02 sql-exk-vard-journal01 -",
      "CLS-02 sql-exk-vard-journal01/databases/sqldb-journal -",
      "CLS-02 sql-exk-vard-journal01/databases/sqldb-journal-arkiv -",
      "CLS-02 sql-exk-vard-journal02 -",
      "CLS-02 sql-exk-vard-journal02/databases/sqldb-journal -",
      "CLS-02 sqlmi-exk-vard01 -",
      "CLS-02 sqlmi-exk-vard02 -",
      "ENC-02 sql-exk-vard-journal01 protector",
      "ENC-02 sql-exk-vard-journal01/databases/sqldb-journal tde",
      "ENC-02 sql-exk-vard-journal01/databases/sqldb-journal-arkiv tde",
      "ENC-02 sql-exk-vard-journal02 protector",
      "ENC-02 sql-exk-vard-journal02/databases/sqldb-journal tde",
      "ENC-02 sqlmi-exk-vard01 protector",
      "ENC-02 sqlmi-exk-vard02 protector",
      "ENC-06 sql-exk-vard-journal01 -",
      "ENC-06 sql-exk-vard-journal02 -",
      "ENC-07 sql-exk-vard-journal01 -",
      "ENC-07 sql-exk-vard-journal02 -",
      "ENC-07 sqlmi-exk-vard01 -",
      "ENC-07 sqlmi-exk-vard02 -",
      // KEY-02 judges keys, found through the stores' key references: the unread SQL protectors could name any.
      "KEY-02 (subscription) -",
      // Failover groups never appear in the generic resource list: the subscription stands for them.
      "RES-05 (subscription) failover-group",
      "RES-05 sql-exk-vard-journal01/databases/sqldb-journal backup",
      "RES-05 sql-exk-vard-journal01/databases/sqldb-journal geo-replica",
      "RES-05 sql-exk-vard-journal01/databases/sqldb-journal-arkiv backup",
      "RES-05 sql-exk-vard-journal01/databases/sqldb-journal-arkiv geo-replica",
      "RES-05 sql-exk-vard-journal02/databases/sqldb-journal backup",
      "RES-05 sql-exk-vard-journal02/databases/sqldb-journal geo-replica",
      "RES-05 sqlmi-exk-vard01 backup",
      "RES-05 sqlmi-exk-vard01 failover-group",
      "RES-05 sqlmi-exk-vard02 backup",
      "RES-05 sqlmi-exk-vard02 failover-group",
    ]);
    for (const r of notAssessed) expect(r.notAssessed).toMatchObject({ scope: `/subscriptions/${sub}`, httpStatus: 403, code: "AuthorizationFailed" });
    // The named results carry the fingerprints of a night the scope was readable.
    const fullPrints = new Set(full.doc.results.map((r: any) => r.fingerprint));
    expect(notAssessed.filter((r: any) => r.resourceId !== `/subscriptions/${sub}`).every((r: any) => fullPrints.has(r.fingerprint))).toBe(true);
  });

  it("keeps every failure that does not depend on that subscription's SQL data", () => {
    // The demo's failures, all read; with the journal subscription's SQL denied, all but its archive database's TDE.
    // 100 since stexkskolaanalys01's key in East US (ENC-07) and that vault itself (RES-01), both in Utbildning.
    expect(full.doc.summary.byStatus.fail).toBe(100);
    expect(denied.doc.summary.byStatus.fail).toBe(99);
    const tonight = new Map(denied.doc.results.map((r: any) => [r.fingerprint, r]));
    const lost = full.doc.results.filter((r: any) => r.status === "fail" && (tonight.get(r.fingerprint) as any)?.status !== "fail");
    // The one failure lost is the archive database's disabled TDE, read from the SQL provider.
    expect(lost.map(label)).toEqual(["ENC-02 sql-exk-vard-journal01/databases/sqldb-journal-arkiv tde"]);
  });

  it("every result of the demo is of a kind of target its rule declares (so a failed read can name it)", () => {
    const rules = new Map(builtinRules.map((r) => [r.id, r]));
    const wrong: string[] = [];
    for (const r of full.doc.results) {
      if (r.resourceId.startsWith("/tenants/")) continue; // Microsoft 365 and tenant targets: named from their lists' scopes
      const rule = rules.get(r.ruleId) as RuleDefinition;
      const kinds = (rule.targets ?? []).filter((t) => t.collection === "resources" || (t.type ?? collectionType(t.collection as AzureCollection) ?? (t.collection === "subscriptions" ? "Microsoft.Resources/subscriptions" : ""))?.toLowerCase() === r.resourceType.toLowerCase());
      const ok = kinds.some((t) => (rule.parts === undefined && t.parts === undefined) || (t.parts ?? []).includes(r.part) || (t.parts === undefined && r.part === undefined));
      if (!ok) wrong.push(`${r.ruleId} ${r.resourceType} ${r.part ?? "-"}`);
    }
    expect([...new Set(wrong)]).toEqual([]);
  });

  it("lists per coverage entry the rules whose results it blinded", () => {
    const blinds = Object.fromEntries(denied.doc.coverage.map((c: any) => [c.collection, c.blinds]));
    expect(blinds).toEqual({ sqlManagedInstances: ["CLS-02", "ENC-02", "ENC-07", "KEY-02", "RES-05"], sqlServers: ["CLS-02", "ENC-02", "ENC-06", "ENC-07", "KEY-02", "RES-05"] });
  });
});
