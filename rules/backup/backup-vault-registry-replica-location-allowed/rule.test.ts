import { describe, expect, it } from "vitest";
import rule from "./rule.js";
import { defaultConfig } from "../../../src/index.js";
import { backupStorageConfig, backupVault, recoveryServicesVault } from "../../../tests/fixtures/backup.js";
import { containerRegistry, registryReplication } from "../../../tests/fixtures/container-registry.js";
import { failedInSub2, findingsOf, forbidden, lines, verdict } from "../../../tests/fixtures/coverage.js";
import { genericListOf } from "../../../tests/fixtures/resources.js";
import { type SubInput, failure, makeSnapshot, SUB2 } from "../../../tests/fixtures/snapshot.js";
import { ruleTester } from "../../../tests/helpers/rule-tester.js";

const snap = (collections: SubInput["collections"]) => makeSnapshot({ subscriptions: [{ collections }] });
const eu = (c: ReturnType<typeof defaultConfig>) => void (c.profile.allowedRegions = defaultConfig("eu").profile.allowedRegions);

const SE = ["swedencentral", "swedensouth"];
const REDUNDANCY = { en: "LocallyRedundant or ZoneRedundant, or a pair in allowed regions", sv: "LocallyRedundant eller ZoneRedundant, eller ett regionpar i tillåtna regioner" };
const CFG = "backupstorageconfig/vaultstorageconfig: properties";
/** Evidence of a vault whose backup storage config answered. */
const configEvidence = (storageType: string | undefined, crr: boolean | undefined) => [
  { path: `${CFG}.storageType`, actual: storageType, expected: REDUNDANCY, ...(storageType === undefined ? { defaulted: true } : {}) },
  { path: `${CFG}.crossRegionRestoreFlag`, actual: crr, expected: false, ...(crr === undefined ? { defaulted: true } : {}) },
];
const pairEvidence = (pairs: string[], allowed = SE) => ({ path: "location (region pair)", actual: pairs, expected: allowed });

const rsvSe = recoveryServicesVault("rsv-exk");
const rsvWeu = recoveryServicesVault("rsv-weu", "westeurope");
const acr = containerRegistry("crexk");

// SUB read completely; SUB2's vault list forbidden (so no backup config was read there either),
// its registry list read.
const readSub = {
  recoveryServicesVaults: [rsvSe],
  backupStorageConfigs: [backupStorageConfig(rsvSe, "GeoRedundant", true)],
  containerRegistries: [acr],
  containerRegistryReplications: [registryReplication(acr, "swedencentral"), registryReplication(acr, "swedensouth")],
};
const readInSub = [
  { status: "pass" as const, messageId: "vaultPairAllowed", resource: "rsv-exk" },
  { status: "pass" as const, messageId: "registryReplicasAllowed", resource: "crexk" },
];
const rsv2 = recoveryServicesVault("rsv-arende2", "swedencentral", {}, "rg-backup", SUB2);
const rsvArkiv2 = recoveryServicesVault("rsv-arkiv2", "westeurope", {}, "rg-backup", SUB2);
const acr2 = containerRegistry("crarende2", "swedencentral", { sku: { name: "Standard", tier: "Standard" } }, "rg-app", SUB2);
const sub2 = { containerRegistries: [acr2], containerRegistryReplications: [] };
const vaultsNamedInSub2 = failedInSub2({ read: readSub, failed: ["recoveryServicesVaults"], sub2, unseen: [rsv2, rsvArkiv2] });
const vaultsEmptyInSub2 = failedInSub2({ read: readSub, failed: ["recoveryServicesVaults"], sub2, unseen: [] });
const vaultsGenericFailedInSub2 = failedInSub2({ read: readSub, failed: ["recoveryServicesVaults"], sub2, unseen: "failed" });

// The replications of crexk forbidden (403 at the registry); the generic list shows both registries
// and their replications (tracked resources).
const crother = containerRegistry("crother");
const acrReps = [registryReplication(acr, "swedencentral"), registryReplication(acr, "northeurope")];
const otherReps = [registryReplication(crother, "swedencentral"), registryReplication(crother, "swedensouth")];
const replicationsForbiddenAtOne = makeSnapshot({
  subscriptions: [
    {
      collections: {
        resources: genericListOf([rsvSe, acr, ...acrReps, crother, ...otherReps]),
        recoveryServicesVaults: [rsvSe],
        backupStorageConfigs: [backupStorageConfig(rsvSe, "GeoRedundant", true)],
        containerRegistries: [acr, crother],
        containerRegistryReplications: otherReps,
      },
    },
  ],
  coverage: [failure("containerRegistryReplications", acr.id)],
});

// Data Protection backup vaults (shapes of the 2025-09-01 list example, GetBackupVaultsInSubscription.json).
const bvSe = backupVault("bv-exk", "swedencentral", "GeoRedundant", "Enabled");
const bvWeu = backupVault("bv-weu", "westeurope", "GeoRedundant", "Disabled");
const bvLrs = backupVault("bv-lrs", "westeurope", "LocallyRedundant", "Disabled");
const bv2 = backupVault("bv-arende2", "swedencentral", "LocallyRedundant", "Disabled", {}, "rg-backup", SUB2);
const backupVaultsNamedInSub2 = failedInSub2({ read: { dataProtectionBackupVaults: [bvSe] }, failed: ["dataProtectionBackupVaults"], unseen: [bv2] });
const backupVaultsGenericFailedInSub2 = failedInSub2({ read: { dataProtectionBackupVaults: [bvSe] }, failed: ["dataProtectionBackupVaults"], unseen: "failed" });

ruleTester(rule, {
  valid: [
    {
      name: "Data Protection: geo-redundant with cross-region restore in Sweden Central; locally redundant in West Europe",
      snapshot: snap({ dataProtectionBackupVaults: [bvSe, bvLrs] }),
      results: [
        { status: "pass", messageId: "vaultPairAllowed", resource: "bv-exk" },
        { status: "pass", messageId: "vaultLocal", resource: "bv-lrs" },
      ],
    },
    {
      name: "Data Protection: enum values in other casing, zone redundant, several datastores",
      snapshot: snap({
        dataProtectionBackupVaults: [
          backupVault("bv-zrs", "West Europe", "zoneredundant", "disabled", {
            properties: { storageSettings: [{ type: "ZONEREDUNDANT", datastoreType: "VaultStore" }, { type: "LocallyRedundant", datastoreType: "ArchiveStore" }] },
          }),
        ],
      }),
      results: [
        {
          status: "pass",
          messageId: "vaultLocal",
          resource: "bv-zrs",
          type: "Microsoft.DataProtection/backupVaults",
          location: "West Europe",
          message: "bv-zrs keeps its backups in its own region (ZONEREDUNDANT, LocallyRedundant, no cross-region restore).",
          evidence: [
            { path: "properties.storageSettings[].type", actual: ["ZONEREDUNDANT", "LocallyRedundant"], expected: REDUNDANCY },
            { path: "properties.featureSettings.crossRegionRestoreSettings.state", actual: "disabled", expected: "Disabled" },
          ],
        },
      ],
    },
    {
      name: "geo-redundant vault with cross-region restore to Sweden South, registry replicated within Sweden",
      snapshot: snap({
        recoveryServicesVaults: [rsvSe],
        backupStorageConfigs: [backupStorageConfig(rsvSe, "GeoRedundant", true)],
        containerRegistries: [acr],
        containerRegistryReplications: [registryReplication(acr, "swedencentral"), registryReplication(acr, "swedensouth")],
      }),
      results: [
        { status: "pass", messageId: "vaultPairAllowed", resource: "rsv-exk", message: "rsv-exk copies its backups to swedensouth (GeoRedundant storage, cross-region restore), an allowed region." },
        {
          status: "pass",
          messageId: "registryReplicasAllowed",
          resource: "crexk",
          message: "crexk replicates to swedencentral, swedensouth, all allowed regions.",
          evidence: [{ path: "replications[].location", actual: ["swedencentral", "swedensouth"], expected: SE }],
        },
      ],
    },
    {
      name: "locally redundant vault in West Europe and a registry without replications",
      snapshot: snap({
        recoveryServicesVaults: [rsvWeu],
        backupStorageConfigs: [backupStorageConfig(rsvWeu, "LocallyRedundant", false)],
        containerRegistries: [containerRegistry("crbasic", "swedencentral", { sku: { name: "Basic", tier: "Basic" } })],
      }),
      results: [
        {
          status: "pass",
          messageId: "vaultLocal",
          resource: "rsv-weu",
          message: "rsv-weu keeps its backups in its own region (LocallyRedundant, no cross-region restore).",
          evidence: configEvidence("LocallyRedundant", false),
        },
        { status: "pass", messageId: "registryNoReplicas", resource: "crbasic", message: "crbasic is not geo-replicated.", evidence: [{ path: "replications[].location", actual: [], expected: SE }] },
      ],
    },
    {
      name: "case variations: ZONEREDUNDANT, display-name replication, lower-case config id",
      snapshot: snap({
        recoveryServicesVaults: [rsvWeu],
        backupStorageConfigs: [backupStorageConfig(rsvWeu, "ZONEREDUNDANT", false, { id: `${rsvWeu.id.toLowerCase()}/backupstorageconfig/vaultstorageconfig` })],
        containerRegistries: [acr],
        containerRegistryReplications: [registryReplication(acr, "Sweden Central")],
      }),
    },
    {
      name: "eu profile: West Europe vault copies to North Europe",
      snapshot: snap({ recoveryServicesVaults: [rsvWeu], backupStorageConfigs: [backupStorageConfig(rsvWeu, "ReadAccessGeoZoneRedundant", true)] }),
      config: eu,
    },
    { name: "no vaults or registries", snapshot: snap({ recoveryServicesVaults: [], backupStorageConfigs: [], containerRegistries: [], containerRegistryReplications: [] }), results: [] },
    {
      name: "vault list forbidden in SUB2 whose generic list shows no vault: nothing there to judge",
      snapshot: vaultsEmptyInSub2,
      results: [...readInSub, { status: "pass", messageId: "registryNoReplicas", resource: "crarende2" }],
    },
  ],
  invalid: [
    {
      name: "geo-redundant vault in West Europe",
      snapshot: snap({ recoveryServicesVaults: [rsvWeu, rsvSe], backupStorageConfigs: [backupStorageConfig(rsvWeu, "GeoRedundant", false), backupStorageConfig(rsvSe, "GeoRedundant", false)] }),
      results: [
        {
          status: "fail",
          messageId: "vaultPairNotAllowed",
          resource: "rsv-weu",
          severity: "medium",
          type: "Microsoft.RecoveryServices/vaults",
          location: "westeurope",
          message: "rsv-weu copies its backups to northeurope (GeoRedundant storage), which is not one of the allowed regions.",
          evidence: [...configEvidence("GeoRedundant", false), pairEvidence(["northeurope"])],
        },
        {
          status: "pass",
          messageId: "vaultPairAllowed",
          resource: "rsv-exk",
          message: "rsv-exk copies its backups to swedensouth (GeoRedundant storage), an allowed region.",
          evidence: [...configEvidence("GeoRedundant", false), pairEvidence(["swedensouth"])],
        },
      ],
    },
    {
      name: "cross-region restore alone reaches the pair",
      snapshot: snap({ recoveryServicesVaults: [rsvWeu], backupStorageConfigs: [backupStorageConfig(rsvWeu, "LocallyRedundant", true)] }),
      config: (c) => void c.profile.allowedRegions.push("westeurope"),
      results: [
        {
          status: "fail",
          messageId: "vaultPairNotAllowed",
          resource: "rsv-weu",
          message: "rsv-weu copies its backups to northeurope (cross-region restore), which is not one of the allowed regions.",
          evidence: [...configEvidence("LocallyRedundant", true), pairEvidence(["northeurope"], [...SE, "westeurope"])],
        },
      ],
    },
    {
      name: "geo-redundant storage and cross-region restore both reach the pair",
      snapshot: snap({ recoveryServicesVaults: [rsvWeu], backupStorageConfigs: [backupStorageConfig(rsvWeu, "GeoRedundant", true)] }),
      results: [
        {
          status: "fail",
          messageId: "vaultPairNotAllowed",
          message: "rsv-weu copies its backups to northeurope (GeoRedundant storage, cross-region restore), which is not one of the allowed regions.",
          messageSv: "rsv-weu kopierar sina säkerhetskopior till northeurope (lagring GeoRedundant, återställning mellan regioner), som inte är en av de tillåtna regionerna.",
        },
      ],
    },
    {
      name: "Data Protection: geo-redundant vault in West Europe copies to North Europe",
      snapshot: snap({ dataProtectionBackupVaults: [bvWeu, bvSe] }),
      results: [
        { status: "fail", messageId: "vaultPairNotAllowed", resource: "bv-weu", severity: "medium" },
        { status: "pass", messageId: "vaultPairAllowed", resource: "bv-exk" },
      ],
    },
    {
      // The spec's list example: WestUS, LocallyRedundant, cross-region restore Enabled.
      name: "Data Protection: cross-region restore alone reaches the pair (West US → East US)",
      snapshot: snap({ dataProtectionBackupVaults: [backupVault("ExampleVault1", "WestUS", "LocallyRedundant", "Enabled")] }),
      config: (c) => void c.profile.allowedRegions.push("westus"),
      results: [{ status: "fail", messageId: "vaultPairNotAllowed", resource: "ExampleVault1" }],
    },
    {
      name: "Data Protection: one geo-redundant datastore among local ones; a storage type Hemvist does not know",
      snapshot: snap({
        dataProtectionBackupVaults: [
          backupVault("bv-mixed", "westeurope", "LocallyRedundant", "Disabled", {
            properties: { storageSettings: [{ type: "LocallyRedundant", datastoreType: "OperationalStore" }, { type: "GeoRedundant", datastoreType: "VaultStore" }] },
          }),
          backupVault("bv-odd", "westeurope", "RegionRedundant", "Disabled"),
        ],
      }),
      config: (c) => void c.profile.allowedRegions.push("westeurope"),
      results: [
        { status: "fail", messageId: "vaultPairNotAllowed", resource: "bv-mixed", message: "bv-mixed copies its backups to northeurope (GeoRedundant storage), which is not one of the allowed regions." },
        { status: "fail", messageId: "vaultPairNotAllowed", resource: "bv-odd", message: "bv-odd copies its backups to northeurope (RegionRedundant storage), which is not one of the allowed regions." },
      ],
    },
    {
      name: "Data Protection: two geo-redundant datastores and one unknown type, with cross-region restore",
      snapshot: snap({
        dataProtectionBackupVaults: [
          backupVault("bv-two", "westeurope", "GeoRedundant", "Enabled", {
            properties: {
              storageSettings: [
                { type: "GeoRedundant", datastoreType: "VaultStore" },
                { type: "GeoRedundant", datastoreType: "ArchiveStore" },
                { type: "RegionRedundant", datastoreType: "OperationalStore" },
              ],
            },
          }),
        ],
      }),
      results: [
        {
          status: "fail",
          messageId: "vaultPairNotAllowed",
          message: "bv-two copies its backups to northeurope (GeoRedundant, RegionRedundant storage, cross-region restore), which is not one of the allowed regions.",
          messageSv: "bv-two kopierar sina säkerhetskopior till northeurope (lagring GeoRedundant, RegionRedundant, återställning mellan regioner), som inte är en av de tillåtna regionerna.",
        },
      ],
    },
    {
      name: "Data Protection: geo-redundant vault in a region without a pair, and in a region Hemvist does not know",
      snapshot: snap({ dataProtectionBackupVaults: [backupVault("bv-it", "italynorth", "GeoRedundant", "Disabled"), backupVault("bv-x", "swedennorth", "GeoRedundant", "Disabled")] }),
      config: (c) => void c.profile.allowedRegions.push("italynorth", "swedennorth"),
      results: [
        { status: "fail", messageId: "vaultPairUnknown", resource: "bv-it" },
        { status: "fail", messageId: "vaultPairUnknown", resource: "bv-x" },
      ],
    },
    {
      name: "Recovery Services: storageType Invalid with cross-region restore still reaches the pair",
      snapshot: snap({ recoveryServicesVaults: [rsvWeu], backupStorageConfigs: [backupStorageConfig(rsvWeu, "Invalid", true, { properties: { storageModelType: "Invalid" } })] }),
      results: [{ status: "fail", messageId: "vaultPairNotAllowed", resource: "rsv-weu", message: "rsv-weu copies its backups to northeurope (cross-region restore), which is not one of the allowed regions." }],
    },
    {
      name: "geo-redundant vault in a region without a pair",
      snapshot: snap({ recoveryServicesVaults: [recoveryServicesVault("rsv-it", "italynorth")], backupStorageConfigs: [backupStorageConfig(recoveryServicesVault("rsv-it", "italynorth"), "GeoRedundant", false)] }),
      config: eu,
      results: [
        {
          status: "fail",
          messageId: "vaultPairUnknown",
          resource: "rsv-it",
          message: "rsv-it copies its backups (GeoRedundant storage) to a region Hemvist cannot determine (italynorth has no known pair).",
          messageSv: "rsv-it kopierar sina säkerhetskopior (lagring GeoRedundant) till en region som Hemvist inte kan avgöra (italynorth har inget känt par).",
          evidence: [...configEvidence("GeoRedundant", false), pairEvidence([], defaultConfig("eu").profile.allowedRegions)],
        },
      ],
    },
    {
      name: "registry replicated to North Europe and to a replication without location",
      snapshot: snap({
        containerRegistries: [acr, containerRegistry("crodd")],
        containerRegistryReplications: [
          registryReplication(acr, "swedencentral"),
          registryReplication(acr, "northeurope"),
          registryReplication(containerRegistry("crodd"), "swedencentral", { location: undefined }),
        ],
      }),
      results: [
        {
          status: "fail",
          messageId: "registryReplicasNotAllowed",
          resource: "crexk",
          severity: "medium",
          type: "Microsoft.ContainerRegistry/registries",
          location: "swedencentral",
          message: "crexk replicates to northeurope, outside the allowed regions.",
          evidence: [{ path: "replications[].location", actual: ["swedencentral", "northeurope"], expected: SE }],
        },
        { status: "fail", messageId: "registryReplicasNotAllowed", resource: "crodd", message: "crodd replicates to (unknown), outside the allowed regions.", evidence: [{ path: "replications[].location", actual: [null], expected: SE }] },
      ],
    },
  ],
  notAssessed: [
    {
      name: "Recovery Services: storageType Invalid names no redundancy (not assessed with the reason); the others are judged",
      snapshot: snap({
        recoveryServicesVaults: [rsvWeu, rsvSe],
        backupStorageConfigs: [
          backupStorageConfig(rsvWeu, "Invalid", false, { properties: { storageModelType: "Invalid" } }),
          backupStorageConfig(rsvSe, "invalid", undefined, { properties: { storageModelType: "invalid" } }),
        ],
      }),
      results: [
        { status: "not-assessed", messageId: "__notAssessed", resource: "rsv-weu", severity: "medium" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "rsv-exk" },
      ],
    },
    {
      name: "no backup config answered and the vault's redundancy setting is Invalid: not assessed at the vault",
      snapshot: snap({
        recoveryServicesVaults: [recoveryServicesVault("rsv-inv", "westeurope", { properties: { redundancySettings: { standardTierStorageRedundancy: "Invalid", crossRegionRestore: "Disabled" } } })],
        backupStorageConfigs: [],
      }),
      results: [{ status: "not-assessed", messageId: "__notAssessed", resource: "rsv-inv" }],
    },
    {
      name: "Data Protection vault list forbidden in SUB2: the vaults its generic list shows are named",
      snapshot: backupVaultsNamedInSub2,
      results: [
        { status: "pass", messageId: "vaultPairAllowed", resource: "bv-exk" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "bv-arende2", severity: "medium" },
      ],
    },
    {
      name: "Data Protection vault list and generic list forbidden in SUB2: one result on it",
      snapshot: backupVaultsGenericFailedInSub2,
      results: [
        { status: "pass", messageId: "vaultPairAllowed", resource: "bv-exk" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
      ],
    },
    {
      name: "backup config forbidden for one vault; the registry is still judged",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: { recoveryServicesVaults: [rsvWeu], backupStorageConfigs: [], containerRegistries: [acr], containerRegistryReplications: [] } }],
        coverage: [failure("backupStorageConfigs", rsvWeu.id)],
      }),
      results: [
        { status: "not-assessed", messageId: "__notAssessed", resource: "rsv-weu" },
        { status: "pass", messageId: "registryNoReplicas", resource: "crexk" },
      ],
    },
    {
      name: "replications of one registry throttled",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: { containerRegistries: [acr, containerRegistry("crother")], containerRegistryReplications: [] } }],
        coverage: [failure("containerRegistryReplications", acr.id, { httpStatus: 429, code: "TooManyRequests" })],
      }),
      results: [
        { status: "not-assessed", resource: "crexk" },
        { status: "pass", resource: "crother" },
      ],
    },
    {
      name: "vault list forbidden in SUB2: the vaults its generic list shows are named, its registry is judged",
      snapshot: vaultsNamedInSub2,
      results: [
        ...readInSub,
        { status: "not-assessed", messageId: "__notAssessed", resource: "rsv-arende2", severity: "medium" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "rsv-arkiv2", severity: "medium" },
        { status: "pass", messageId: "registryNoReplicas", resource: "crarende2" },
      ],
    },
    {
      name: "vault list and generic list forbidden in SUB2: one result on it",
      snapshot: vaultsGenericFailedInSub2,
      results: [...readInSub, { status: "not-assessed", messageId: "__notAssessed", resource: SUB2, severity: "medium" }, { status: "pass", messageId: "registryNoReplicas", resource: "crarende2" }],
    },
    {
      name: "replication list forbidden at one registry: only that registry is not assessed",
      snapshot: replicationsForbiddenAtOne,
      results: [
        { status: "not-assessed", messageId: "__notAssessed", resource: "crexk" },
        { status: "pass", messageId: "registryReplicasAllowed", resource: "crother" },
        { status: "pass", messageId: "vaultPairAllowed", resource: "rsv-exk" },
      ],
    },
  ],
  missingProperty: [
    {
      name: "no backup config answered and no redundancy settings: GeoRedundant",
      snapshot: snap({
        recoveryServicesVaults: [
          recoveryServicesVault("rsv-new-se", "swedencentral", { properties: { redundancySettings: undefined } }),
          recoveryServicesVault("rsv-new-weu", "westeurope", { properties: { redundancySettings: undefined } }),
        ],
        backupStorageConfigs: [],
      }),
      results: [
        {
          status: "pass",
          messageId: "vaultPairAllowed",
          resource: "rsv-new-se",
          message: "rsv-new-se copies its backups to swedensouth (GeoRedundant storage), an allowed region.",
          evidence: [
            { path: "properties.redundancySettings.standardTierStorageRedundancy", expected: REDUNDANCY, defaulted: true },
            { path: "properties.redundancySettings.crossRegionRestore", expected: "Disabled", defaulted: true },
            pairEvidence(["swedensouth"]),
          ],
        },
        { status: "fail", messageId: "vaultPairNotAllowed", resource: "rsv-new-weu" },
      ],
    },
    {
      name: "no backup config answered: the vault's redundancy settings decide",
      snapshot: snap({
        recoveryServicesVaults: [recoveryServicesVault("rsv-zrs", "westeurope", { properties: { redundancySettings: { standardTierStorageRedundancy: "ZoneRedundant", crossRegionRestore: "Disabled" } } })],
        backupStorageConfigs: [],
      }),
      results: [
        {
          status: "pass",
          messageId: "vaultLocal",
          resource: "rsv-zrs",
          message: "rsv-zrs keeps its backups in its own region (ZoneRedundant, no cross-region restore).",
          evidence: [
            { path: "properties.redundancySettings.standardTierStorageRedundancy", actual: "ZoneRedundant", expected: REDUNDANCY },
            { path: "properties.redundancySettings.crossRegionRestore", actual: "Disabled", expected: "Disabled" },
          ],
        },
      ],
    },
    {
      name: "no backup config answered: cross-region restore Enabled in the vault's redundancy settings reaches the pair",
      snapshot: snap({
        recoveryServicesVaults: [recoveryServicesVault("rsv-crr", "westeurope", { properties: { redundancySettings: { standardTierStorageRedundancy: "LocallyRedundant", crossRegionRestore: "Enabled" } } })],
        backupStorageConfigs: [],
      }),
      results: [
        {
          status: "fail",
          messageId: "vaultPairNotAllowed",
          resource: "rsv-crr",
          message: "rsv-crr copies its backups to northeurope (cross-region restore), which is not one of the allowed regions.",
          messageSv: "rsv-crr kopierar sina säkerhetskopior till northeurope (återställning mellan regioner), som inte är en av de tillåtna regionerna.",
        },
      ],
    },
    {
      name: "Data Protection: no storage setting is the default GeoRedundant; no feature settings is cross-region restore Disabled",
      snapshot: snap({
        dataProtectionBackupVaults: [
          backupVault("bv-nostore-weu", "westeurope", null, "Disabled"),
          backupVault("bv-nostore-se", "swedencentral", null, null),
          backupVault("bv-nofeature", "westeurope", "LocallyRedundant", null),
          backupVault("bv-blanktype", "westeurope", "LocallyRedundant", "Disabled", { properties: { storageSettings: [{ type: " ", datastoreType: "VaultStore" }] } }),
          backupVault("bv-notype", "westeurope", "LocallyRedundant", "Disabled", { properties: { storageSettings: [{ datastoreType: "VaultStore" }] } }),
        ],
      }),
      results: [
        {
          status: "fail",
          messageId: "vaultPairNotAllowed",
          resource: "bv-nostore-weu",
          message: "bv-nostore-weu copies its backups to northeurope (GeoRedundant storage), which is not one of the allowed regions.",
          evidence: [
            { path: "properties.storageSettings[].type", expected: REDUNDANCY, defaulted: true },
            { path: "properties.featureSettings.crossRegionRestoreSettings.state", actual: "Disabled", expected: "Disabled" },
            pairEvidence(["northeurope"]),
          ],
        },
        { status: "pass", messageId: "vaultPairAllowed", resource: "bv-nostore-se" },
        {
          status: "pass",
          messageId: "vaultLocal",
          resource: "bv-nofeature",
          evidence: [
            { path: "properties.storageSettings[].type", actual: ["LocallyRedundant"], expected: REDUNDANCY },
            { path: "properties.featureSettings.crossRegionRestoreSettings.state", expected: "Disabled", defaulted: true },
          ],
        },
        { status: "fail", messageId: "vaultPairNotAllowed", resource: "bv-blanktype", message: "bv-blanktype copies its backups to northeurope (GeoRedundant storage), which is not one of the allowed regions." },
        { status: "fail", messageId: "vaultPairNotAllowed", resource: "bv-notype", message: "bv-notype copies its backups to northeurope (GeoRedundant storage), which is not one of the allowed regions." },
      ],
    },
    {
      name: "a backup storage config with storageModelType only",
      snapshot: snap({ recoveryServicesVaults: [rsvWeu], backupStorageConfigs: [backupStorageConfig(rsvWeu, "LocallyRedundant", false, { properties: { storageType: undefined } })] }),
      results: [{ status: "pass", messageId: "vaultLocal", message: "rsv-weu keeps its backups in its own region (LocallyRedundant, no cross-region restore).", evidence: configEvidence("LocallyRedundant", false) }],
    },
    {
      name: "config without storage type or cross-region flag",
      snapshot: snap({ recoveryServicesVaults: [rsvWeu], backupStorageConfigs: [backupStorageConfig(rsvWeu, undefined, undefined)] }),
      results: [{ status: "fail", messageId: "vaultPairNotAllowed", resource: "rsv-weu", evidence: [...configEvidence(undefined, undefined), pairEvidence(["northeurope"])] }],
    },
  ],
});

describe("RES-07 Invalid storage type and Data Protection evidence", () => {
  it("says why a vault with storageType Invalid is not assessed, at its config", () => {
    const cfg = backupStorageConfig(rsvWeu, "Invalid", false, { properties: { storageModelType: "Invalid" } });
    const [f] = findingsOf(rule, snap({ recoveryServicesVaults: [rsvWeu], backupStorageConfigs: [cfg] }));
    expect(f?.status).toBe("not-assessed");
    expect(f?.notAssessed).toEqual({
      scope: cfg.id,
      collection: "backupStorageConfigs",
      code: "InvalidStorageType",
      message: "The vault's backup storage config reports storageType Invalid, which names no redundancy: where the backups are copied cannot be told from it. Check the vault's Backup configuration in the portal.",
      permission: "Microsoft.RecoveryServices/vaults/backupstorageconfig/read",
    });
  });
  it("a Data Protection vault's evidence names the storage settings, the cross-region restore state and the pair", () => {
    const [f] = findingsOf(rule, snap({ dataProtectionBackupVaults: [bvWeu] }));
    expect(f?.message.en).toBe("bv-weu copies its backups to northeurope (GeoRedundant storage), which is not one of the allowed regions.");
    expect(f?.resourceType).toBe("Microsoft.DataProtection/backupVaults");
    expect(f?.evidence).toEqual([
      { path: "properties.storageSettings[].type", actual: ["GeoRedundant"], expected: { en: "LocallyRedundant or ZoneRedundant, or a pair in allowed regions", sv: "LocallyRedundant eller ZoneRedundant, eller ett regionpar i tillåtna regioner" } },
      { path: "properties.featureSettings.crossRegionRestoreSettings.state", actual: "Disabled", expected: "Disabled" },
      { path: "location (region pair)", actual: ["northeurope"], expected: ["swedencentral", "swedensouth"] },
    ]);
  });
  it("a Data Protection vault list forbidden in SUB2 names the vault its generic list shows", () => {
    expect(lines(findingsOf(rule, backupVaultsNamedInSub2))).toEqual(
      [verdict("pass", bvSe.id, "medium", "vaultPairAllowed"), forbidden(bv2.id, "dataProtectionBackupVaults", "medium")].sort(),
    );
  });
});

describe("RES-07 targets a failed list leaves unjudged", () => {
  const readLines = [verdict("pass", rsvSe.id, "medium", "vaultPairAllowed"), verdict("pass", acr.id, "medium", "registryReplicasAllowed")];
  const acr2Line = verdict("pass", acr2.id, "medium", "registryNoReplicas");

  it("vault list forbidden: names each vault SUB2's generic list shows, with the failed read", () => {
    expect(lines(findingsOf(rule, vaultsNamedInSub2))).toEqual(
      [...readLines, forbidden(rsv2.id, "recoveryServicesVaults", "medium"), forbidden(rsvArkiv2.id, "recoveryServicesVaults", "medium"), acr2Line].sort(),
    );
  });
  it("vault list forbidden where the generic list shows no vault: nothing named", () => {
    expect(lines(findingsOf(rule, vaultsEmptyInSub2))).toEqual([...readLines, acr2Line].sort());
  });
  it("vault list and generic list forbidden: one result on the subscription", () => {
    expect(lines(findingsOf(rule, vaultsGenericFailedInSub2))).toEqual([...readLines, forbidden(`/subscriptions/${SUB2}`, "recoveryServicesVaults", "medium"), acr2Line].sort());
  });
  it("a registry's replication list forbidden at the registry blinds that registry only", () => {
    expect(lines(findingsOf(rule, replicationsForbiddenAtOne))).toEqual(
      [
        forbidden(acr.id, "containerRegistryReplications", "medium", { scope: acr.id }),
        verdict("pass", crother.id, "medium", "registryReplicasAllowed"),
        verdict("pass", rsvSe.id, "medium", "vaultPairAllowed"),
      ].sort(),
    );
  });
});
