/** Tests the Data Protection backup vault collector (generic ARM client) against nock-recorded ARM answers shaped like the 2025-09-01 examples. */
import { describe, expect, it } from "vitest";
import { DATA_PROTECTION_API_VERSION, dataProtectionCollector } from "../../src/collectors/azure/data-protection.js";
import res07 from "../../rules/backup/backup-vault-registry-replica-location-allowed/rule.js";
import { backupVault } from "../fixtures/backup.js";
import { expectVerdicts, fixture, runFixture } from "./conformance-run.js";
import { ARM, SUB, SUB_ID, arm, harness, requestPaths, requests, useNock } from "./helpers.js";
import { listCases } from "./list-cases.js";

useNock();

const V = DATA_PROTECTION_API_VERSION;
const LIST = `${SUB_ID}/providers/Microsoft.DataProtection/backupVaults`;

describe("dataProtectionCollector", () => {
  listCases({
    path: LIST,
    collection: "dataProtectionBackupVaults",
    scope: SUB_ID,
    operation: `GET ${LIST}`,
    permission: "Microsoft.DataProtection/backupVaults/read",
    namespace: "Microsoft.DataProtection",
    item: (i) => backupVault(`bv-app-${i}`, "swedencentral", i === 1 ? "GeoRedundant" : "LocallyRedundant", "Disabled", {}, "rg-backup", SUB),
    run: (h) => dataProtectionCollector.collect(h.ctx, h.sub),
    result: (h) => h.sub.collections.dataProtectionBackupVaults,
  });

  it("sends api-version 2025-09-01, follows the nextLink and keeps the raw payloads", async () => {
    const { ctx, snap, sub } = harness();
    const a = backupVault("bv-se-01", "swedencentral", "GeoRedundant", "Enabled");
    const b = backupVault("bv-se-02", "swedencentral", "ZoneRedundant", "Disabled");
    arm()
      .get(LIST)
      .query({ "api-version": "2025-09-01" })
      .reply(200, { value: [a], nextLink: `${ARM}${LIST}?api-version=2025-09-01&$skipToken=cGFnZTI%3D` })
      .get(LIST)
      .query({ "api-version": "2025-09-01", $skipToken: "cGFnZTI=" })
      .reply(200, { value: [b] });

    await dataProtectionCollector.collect(ctx, sub);

    expect(snap.coverage).toEqual([]);
    expect(sub.collections.dataProtectionBackupVaults).toEqual([a, b]);
    expect(snap.apiVersions.dataProtectionBackupVaults).toBe(V);
    expect(requestPaths()).toEqual([`${LIST}?api-version=2025-09-01`, `${LIST}?api-version=2025-09-01&$skipToken=cGFnZTI=`]);
  });

  it("sends no request where Microsoft.DataProtection is not registered: no vaults there (proven absence)", async () => {
    const { ctx, snap, sub } = harness();
    ctx.markNotRegistered(SUB, "Microsoft.DataProtection");

    await dataProtectionCollector.collect(ctx, sub);

    expect(requests).toEqual([]);
    expect(sub.collections.dataProtectionBackupVaults).toEqual([]);
    expect(snap.coverage).toEqual([]);
  });
});

describe("conformance: the official list example through the collector and RES-07", () => {
  it("dataprotection/GetBackupVaultsInSubscription.json: both WestUS vaults restore across regions to East US (not allowed)", async () => {
    const f = fixture("dataprotection/GetBackupVaultsInSubscription.json");
    const { h, verdicts } = await runFixture(f, dataProtectionCollector, [res07]);
    expect(h.snap.coverage).toEqual([]);
    expect(h.sub.collections.dataProtectionBackupVaults).toEqual((f.body as { value: unknown[] }).value);
    expect(h.snap.apiVersions.dataProtectionBackupVaults).toBe(f.apiVersion);
    expect(requestPaths()).toEqual([`/subscriptions/0b352192-dcac-4cc7-992e-a96190ccc68c/providers/Microsoft.DataProtection/backupVaults?api-version=${f.apiVersion}`]);
    expectVerdicts(f, verdicts, [res07]);
  });
});
