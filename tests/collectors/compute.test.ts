/** Tests the compute collector (disks, snapshots, disk encryption sets) against nock-recorded ARM answers. */
import { describe, expect, it } from "vitest";
import { computeCollector } from "../../src/collectors/azure/compute.js";
import { ARM, SUB, SUB_ID, arm, coverageSummary, forbidden, harness, notRegistered, requests, useNock } from "./helpers.js";

useNock();

const V = "2026-03-02";
const RG = `${SUB_ID}/resourceGroups/rg-app`;
const DISKS = `${SUB_ID}/providers/Microsoft.Compute/disks`;
const SNAPS = `${SUB_ID}/providers/Microsoft.Compute/snapshots`;
const DES = `${SUB_ID}/providers/Microsoft.Compute/diskEncryptionSets`;
const DES_ID = `${RG}/providers/Microsoft.Compute/diskEncryptionSets/des-se-01`;

function disk(name: string, encryption: Record<string, unknown>) {
  return {
    name,
    id: `${RG}/providers/Microsoft.Compute/disks/${name}`,
    type: "Microsoft.Compute/disks",
    location: "swedencentral",
    tags: { confidentiality: "2" },
    managedBy: `${RG}/providers/Microsoft.Compute/virtualMachines/vm-app`,
    sku: { name: "Premium_LRS", tier: "Premium" },
    zones: ["1"],
    properties: {
      osType: "Linux",
      hyperVGeneration: "V2",
      supportedCapabilities: { architecture: "x64" },
      creationData: {
        createOption: "FromImage",
        imageReference: {
          id: `/Subscriptions/${SUB}/Providers/Microsoft.Compute/Locations/swedencentral/Publishers/canonical/ArtifactTypes/VMImage/Offers/ubuntu-24_04-lts/Skus/server/Versions/24.04.202411030`,
        },
      },
      diskSizeGB: 30,
      diskIOPSReadWrite: 120,
      diskMBpsReadWrite: 25,
      encryption,
      networkAccessPolicy: "DenyAll",
      publicNetworkAccess: "Disabled",
      timeCreated: "2025-02-03T10:00:00.0000000+00:00",
      provisioningState: "Succeeded",
      diskState: "Attached",
      diskSizeBytes: 32213303296,
      uniqueId: "4a2b1c7e-3d5f-4e6a-9b8c-7d6e5f4a3b2c",
      tier: "P4",
    },
  };
}

function snapshot(name: string) {
  return {
    name,
    id: `${RG}/providers/Microsoft.Compute/snapshots/${name}`,
    type: "Microsoft.Compute/snapshots",
    location: "swedencentral",
    sku: { name: "Standard_LRS", tier: "Standard" },
    properties: {
      osType: "Linux",
      hyperVGeneration: "V2",
      creationData: {
        createOption: "Copy",
        sourceResourceId: `${RG}/providers/Microsoft.Compute/disks/disk-app-os`,
        sourceUniqueId: "4a2b1c7e-3d5f-4e6a-9b8c-7d6e5f4a3b2c",
      },
      diskSizeGB: 30,
      encryption: { type: "EncryptionAtRestWithPlatformKey" },
      incremental: true,
      networkAccessPolicy: "AllowAll",
      publicNetworkAccess: "Enabled",
      timeCreated: "2026-11-01T02:00:00.0000000+00:00",
      provisioningState: "Succeeded",
      diskState: "Unattached",
      diskSizeBytes: 32213303296,
      uniqueId: "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
    },
  };
}

const DES_SE = {
  id: DES_ID,
  name: "des-se-01",
  type: "Microsoft.Compute/diskEncryptionSets",
  location: "swedencentral",
  identity: { type: "SystemAssigned", principalId: "7e5d4c3b-2a19-4f8e-a7d6-c5b4a3928170", tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47" },
  properties: {
    encryptionType: "EncryptionAtRestWithCustomerKey",
    activeKey: {
      sourceVault: { id: `${SUB_ID}/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-se-01` },
      keyUrl: "https://kv-se-01.vault.azure.net/keys/deskey/0123456789abcdef0123456789abcdef",
    },
    previousKeys: [],
    provisioningState: "Succeeded",
    rotationToLatestKeyVersionEnabled: true,
    lastKeyRotationTimestamp: "2026-10-01T00:00:00.0000000+00:00",
  },
};

const CMK = { type: "EncryptionAtRestWithCustomerKey", diskEncryptionSetId: DES_ID };
const PMK = { type: "EncryptionAtRestWithPlatformKey" };

describe("computeCollector", () => {
  it("reads disks over two pages, snapshots and disk encryption sets, keeping properties.encryption raw", async () => {
    const { ctx, snap, sub } = harness();
    arm()
      .get(DISKS)
      .query({ "api-version": V })
      .reply(200, { value: [disk("disk-app-os", CMK)], nextLink: `${ARM}${DISKS}?api-version=${V}&$skiptoken=2` })
      .get(DISKS)
      .query({ "api-version": V, $skiptoken: "2" })
      .reply(200, { value: [disk("disk-app-data", PMK)] });
    arm().get(SNAPS).query({ "api-version": V }).reply(200, { value: [snapshot("snap-app-os-nightly")] });
    arm().get(DES).query({ "api-version": V }).reply(200, { value: [DES_SE] });

    await computeCollector.collect(ctx, sub);

    expect(snap.coverage).toEqual([]);
    expect(sub.collections.disks?.map((d) => d.properties?.encryption)).toEqual([CMK, PMK]);
    expect(sub.collections.diskSnapshots).toEqual([snapshot("snap-app-os-nightly")]);
    expect(sub.collections.diskEncryptionSets?.[0]?.properties?.activeKey).toEqual(DES_SE.properties.activeKey);
    expect(snap.apiVersions).toMatchObject({ disks: V, diskSnapshots: V, diskEncryptionSets: V });
  });

  it("records a 403 on snapshots and a 404 on disk encryption sets as gaps; disks are still read", async () => {
    const { ctx, snap, sub } = harness();
    arm().get(DISKS).query({ "api-version": V }).reply(200, { value: [disk("disk-app-os", CMK)] });
    arm().get(SNAPS).query({ "api-version": V }).reply(403, forbidden("Microsoft.Compute/snapshots/read", SUB_ID));
    arm()
      .get(DES)
      .query({ "api-version": V })
      .reply(404, { error: { code: "NotFound", message: "The entity was not found." } });

    await computeCollector.collect(ctx, sub);

    expect(coverageSummary(snap)).toEqual([
      { scope: SUB_ID, collection: "diskSnapshots", httpStatus: 403, code: "AuthorizationFailed" },
      { scope: SUB_ID, collection: "diskEncryptionSets", httpStatus: 404, code: "NotFound" },
    ]);
    expect(sub.collections.diskSnapshots).toBeUndefined();
    expect(sub.collections.disks).toHaveLength(1);
    expect(sub.collections.diskEncryptionSets).toBeUndefined();
  });

  it("treats 409 MissingSubscriptionRegistration as no compute resources", async () => {
    const { ctx, snap, sub } = harness();
    for (const path of [DISKS, SNAPS, DES]) arm().get(path).query({ "api-version": V }).reply(409, notRegistered("Microsoft.Compute"));

    await computeCollector.collect(ctx, sub);

    expect(snap.coverage).toEqual([]);
    expect(sub.collections).toMatchObject({ disks: [], diskSnapshots: [], diskEncryptionSets: [] });
    expect(sub.notRegisteredProviders).toEqual(["Microsoft.Compute"]);
  });

  it("makes no request for an unregistered provider", async () => {
    const { ctx, sub } = harness();
    ctx.markNotRegistered(SUB, "Microsoft.Compute");

    await computeCollector.collect(ctx, sub);

    expect(requests).toEqual([]);
    expect(sub.collections).toEqual({ disks: [], diskSnapshots: [], diskEncryptionSets: [] });
  });

  it("retries a 429 with Retry-After: 0 and ends with complete data", async () => {
    const { ctx, snap, sub } = harness();
    arm()
      .get(DISKS)
      .query({ "api-version": V })
      .reply(429, { error: { code: "OperationNotAllowed", message: "The server rejected the request because too many requests have been received for this subscription." } }, { "Retry-After": "0" })
      .get(DISKS)
      .query({ "api-version": V })
      .reply(200, { value: [disk("disk-app-os", CMK), disk("disk-app-data", PMK)] });
    arm().get(SNAPS).query({ "api-version": V }).reply(200, { value: [] });
    arm().get(DES).query({ "api-version": V }).reply(200, { value: [] });

    await computeCollector.collect(ctx, sub);

    expect(snap.coverage).toEqual([]);
    expect(sub.collections.disks?.map((d) => d.name)).toEqual(["disk-app-os", "disk-app-data"]);
  });
});
