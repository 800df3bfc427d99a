/**
 * Snapshot format 1.1: coverage entries without `blinds` and `scope.azureCollected`; snapshots
 * written by 1.0 (with `blinds`, without `azureCollected`) stay readable and mergeable.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mergeSnapshots } from "../../src/cli/commands/merge.js";
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from "../../src/snapshot/types.js";
import { loadSnapshot, snapshotProblems } from "../../src/snapshot/validate.js";
import { tempDir } from "../e2e/helpers.js";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const SUB = "9c4e2a31-5b7d-4f60-8e1a-2d3c4b5a6f70";

function snapshot(version: string, extra: { blinds?: string[]; azureCollected?: boolean; shard?: string; sub?: string } = {}): Snapshot {
  return {
    schemaVersion: version,
    tool: { name: "hemvist", version: "0.1.0" },
    collectedAt: "2026-11-27T00:00:00.000Z",
    cloud: { name: "AzureCloud", armEndpoint: "https://management.azure.com", graphEndpoint: "https://graph.microsoft.com" },
    identity: { authMethod: "oidc" },
    profile: { name: "se", allowedRegions: ["swedencentral"], allowedM365Geos: ["SWE"] },
    apiVersions: {},
    scope: {
      allVisibleSubscriptions: !extra.shard,
      ...(extra.azureCollected !== undefined ? { azureCollected: extra.azureCollected } : {}),
      m365Collected: false,
      ...(extra.shard ? { shard: extra.shard } : {}),
    },
    tenant: { tenantId: TENANT },
    regions: [],
    subscriptions: [{ subscriptionId: extra.sub ?? SUB, id: `/subscriptions/${extra.sub ?? SUB}`, collections: {} }],
    coverage: [
      {
        scope: `/subscriptions/${extra.sub ?? SUB}`,
        collection: "storageAccounts",
        operation: "GET /subscriptions/{s}/providers/Microsoft.Storage/storageAccounts",
        httpStatus: 403,
        code: "AuthorizationFailed",
        message: "The client does not have authorization to perform action 'Microsoft.Storage/storageAccounts/read'.",
        permission: "Microsoft.Storage/storageAccounts/read",
        ...(extra.blinds ? { blinds: extra.blinds } : {}),
      },
    ],
  };
}

describe("snapshot format", () => {
  it("writes 1.3.0", () => {
    expect(SNAPSHOT_SCHEMA_VERSION).toBe("1.3.0");
  });

  it("accepts a 1.1 snapshot without blinds and with azureCollected, and a 1.0 snapshot with blinds", async () => {
    expect(snapshotProblems(snapshot("1.1.0", { azureCollected: false }))).toEqual([]);
    expect(snapshotProblems(snapshot("1.0.0", { blinds: ["ENC-01", "RES-04"] }))).toEqual([]);
    const dir = await tempDir("hemvist-format-");
    const file = join(dir, "old.json");
    await writeFile(file, JSON.stringify(snapshot("1.0.0", { blinds: ["ENC-01"] })));
    const { snapshot: loaded } = await loadSnapshot(file);
    expect(loaded.coverage[0]?.blinds).toEqual(["ENC-01"]);
    expect(loaded.scope.azureCollected).toBeUndefined();
  });

  it("rejects a wrongly typed azureCollected", () => {
    const bad = snapshot("1.1.0") as unknown as { scope: Record<string, unknown> };
    bad.scope.azureCollected = "yes";
    expect(snapshotProblems(bad)).toEqual(["scope.azureCollected: must be boolean"]);
  });

  it("merges a 1.0 shard (Azure implied) with a 1.1 shard into azureCollected true", () => {
    const other = "1f0e9d8c-7b6a-4543-a210-fedcba987654";
    const merged = mergeSnapshots([
      { file: "a.json", snapshot: snapshot("1.0.0", { blinds: ["ENC-01"], shard: "1/2" }) },
      { file: "b.json", snapshot: snapshot("1.1.0", { azureCollected: true, shard: "2/2", sub: other }) },
    ]);
    expect(merged.scope).toEqual({ allVisibleSubscriptions: true, azureCollected: true, m365Collected: false });
    expect(merged.coverage).toHaveLength(2);
  });
});
