/**
 * The verdicts the conformance fixtures of managed HSM keys (key-vault/) and of a flexible server
 * with a geo-backup key (postgres-mysql/) promise: each fixture, with its `with` list, collected by
 * the real collectors through the fixture server of snapshots.ts (first page only, 404 for every
 * other request), then the rules its `expect` rows name, compared row for row.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadRules } from "../../src/engine/registry.js";
import { defaultConfig, runRules } from "../../src/index.js";
import type { Snapshot } from "../../src/index.js";
import { type ExpectedVerdict, loadFixtures } from "./load.js";
import { collectFixture } from "./snapshots.js";

const FILES = [
  "key-vault/ManagedHsm_ListBySubscription.json",
  "key-vault/managedHsmListKeys.json",
  "key-vault/managedHsmGetKey.json",
  "postgres-mysql/ServerCreateGeoRestoreWithDataEncryptionEnabled.json",
];
const NOW = new Date("2026-12-05T03:00:00Z");

const line = (v: Pick<ExpectedVerdict, "rule" | "target" | "part" | "status">) => [v.rule, v.target, v.part ?? "-", v.status].join(" ");

const all = loadFixtures();
const snapshots = new Map<string, Snapshot>();

beforeAll(async () => {
  for (const file of FILES) {
    const f = all.find((x) => x.file === file);
    if (f) snapshots.set(file, await collectFixture(f, all));
  }
}, 120_000);

describe("conformance fixtures: managed HSM keys and geo-backup keys give the verdicts they promise", () => {
  for (const file of FILES) {
    it(file, async () => {
      const f = all.find((x) => x.file === file);
      expect(f, file).toBeDefined();
      const snap = snapshots.get(file) as Snapshot;
      const ids = new Set(f?.expect.map((e) => e.rule));
      const rules = (await loadRules()).filter((r) => ids.has(r.id));
      const { findings } = runRules(snap, rules, { config: defaultConfig(), now: NOW });
      const got = findings.map((x) => line({ rule: x.ruleId, target: x.resourceId, ...(x.part ? { part: x.part } : {}), status: x.status as ExpectedVerdict["status"] }));
      expect(got.sort()).toEqual(f?.expect.map(line).sort());
      for (const e of f?.expect ?? []) {
        if (!e.messageId) continue;
        const hit = findings.find((x) => line({ rule: x.ruleId, target: x.resourceId, ...(x.part ? { part: x.part } : {}), status: x.status as ExpectedVerdict["status"] }) === line(e));
        expect(hit?.messageId, line(e)).toBe(e.messageId);
      }
    });
  }
});
