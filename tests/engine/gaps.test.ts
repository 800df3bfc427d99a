/**
 * Gaps only evaluation can see: an older snapshot (format 1.1) evaluated today lacks the collections
 * added since. A collection a subscription does not hold at all, with no coverage entry to say why, was
 * never read: its verdicts are not assessed, never judged on an empty list.
 */
import { describe, expect, it } from "vitest";
import { defaultConfig, runRules } from "../../src/index.js";
import { evaluationGaps } from "../../src/engine/gaps.js";
import { AZURE_COLLECTIONS } from "../../src/snapshot/types.js";
import { loadRules } from "../../src/engine/registry.js";
import { failure, makeSnapshot, SUB } from "../fixtures/snapshot.js";
import { sqlDatabase, sqlServer } from "../fixtures/sql.js";

/** Azure only: the snapshots here hold no Microsoft 365 data (that gap has tests of its own). */
const azureOnly = () => {
  const c = defaultConfig();
  c.m365.enabled = false;
  return c;
};
const every = (over: Record<string, unknown[]> = {}) => Object.fromEntries(AZURE_COLLECTIONS.map((c) => [c, over[c] ?? []]));

describe("evaluation gaps of an older snapshot", () => {
  it("none when every subscription holds every collection", () => {
    expect(evaluationGaps(makeSnapshot({ subscriptions: [{ collections: every() }] }), azureOnly())).toEqual([]);
  });

  it("a collection the subscription does not hold is a NotCollected gap at the subscription; one a coverage entry (or its parent's) explains is not", () => {
    const { sqlReplicationLinks: _links, managedHsmKeys: _keys, policyExemptions: _ex, ...rest } = every();
    const snap = makeSnapshot({
      subscriptions: [{ collections: rest }],
      coverage: [failure("managedHsms", `/subscriptions/${SUB}`)],
    });
    const gaps = evaluationGaps(snap, azureOnly());
    expect(gaps.map((g) => `${g.collection} ${g.scope} ${g.code}`).sort()).toEqual([
      `policyExemptions /subscriptions/${SUB} NotCollected`,
      `sqlReplicationLinks /subscriptions/${SUB} NotCollected`,
    ]);
    expect(gaps[0]?.message).toMatch(/older Hemvist, snapshot format 1\.0\.0/);
    const off = azureOnly();
    off.azure.enabled = false;
    expect(evaluationGaps(snap, off)).toEqual([]);
  });

  it("RES-05 does not pass a database on a missing replication-link list: not assessed, the rest judged", async () => {
    const server = sqlServer("sql-exk-arkiv", "swedencentral");
    const db = sqlDatabase(server, "sqldb-arkiv", { currentBackupStorageRedundancy: "Local" });
    const { sqlReplicationLinks: _links, ...rest } = every({ sqlServers: [server], sqlDatabases: [db] });
    const snap = makeSnapshot({ subscriptions: [{ collections: rest }] });
    snap.coverage = evaluationGaps(snap, azureOnly());
    const rules = (await loadRules()).filter((r) => r.id === "RES-05");
    const findings = runRules(snap, rules, { config: azureOnly(), now: new Date("2026-12-05T03:00:00Z") }).findings;
    expect(findings.map((f) => `${f.part} ${f.status} ${f.resourceName}`).sort()).toEqual(["backup pass sqldb-arkiv", "geo-replica not-assessed sqldb-arkiv"]);
  });
});

describe("a prerequisite's failure explains a missing list", () => {
  it("policy set definitions are read only after the assignments: a failed assignment read leaves no gap of their own", () => {
    const c = defaultConfig();
    c.m365.enabled = false;
    const { policyAssignments: _a, policySetDefinitions: _d, ...rest } = Object.fromEntries(AZURE_COLLECTIONS.map((x) => [x, []]));
    const snap = makeSnapshot({ subscriptions: [{ collections: rest }], coverage: [failure("policyAssignments", `/subscriptions/${SUB}`)] });
    expect(evaluationGaps(snap, c)).toEqual([]);
  });
});
