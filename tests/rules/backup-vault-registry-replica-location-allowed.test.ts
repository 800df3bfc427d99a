import rule from "../../rules/backup/backup-vault-registry-replica-location-allowed.js";
import { defaultConfig } from "../../src/index.js";
import { backupStorageConfig, recoveryServicesVault } from "../fixtures/backup.js";
import { containerRegistry, registryReplication } from "../fixtures/container-registry.js";
import { type SubInput, failure, makeSnapshot, SUB } from "../fixtures/snapshot.js";
import { ruleTester } from "../helpers/rule-tester.js";

const snap = (collections: SubInput["collections"]) => makeSnapshot({ subscriptions: [{ collections }] });
const eu = (c: ReturnType<typeof defaultConfig>) => void (c.profile.allowedRegions = defaultConfig("eu").profile.allowedRegions);

const rsvSe = recoveryServicesVault("rsv-exk");
const rsvWeu = recoveryServicesVault("rsv-weu", "westeurope");
const acr = containerRegistry("crexk");

ruleTester(rule, {
  valid: [
    {
      name: "geo-redundant vault with cross-region restore to Sweden South, registry replicated within Sweden",
      snapshot: snap({
        recoveryServicesVaults: [rsvSe],
        backupStorageConfigs: [backupStorageConfig(rsvSe, "GeoRedundant", true)],
        containerRegistries: [acr],
        containerRegistryReplications: [registryReplication(acr, "swedencentral"), registryReplication(acr, "swedensouth")],
      }),
      results: [
        { status: "pass", messageId: "vaultPairAllowed", resource: "rsv-exk" },
        { status: "pass", messageId: "registryReplicasAllowed", resource: "crexk" },
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
        { status: "pass", messageId: "vaultLocal", resource: "rsv-weu" },
        { status: "pass", messageId: "registryNoReplicas", resource: "crbasic" },
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
  ],
  invalid: [
    {
      name: "geo-redundant vault in West Europe",
      snapshot: snap({ recoveryServicesVaults: [rsvWeu, rsvSe], backupStorageConfigs: [backupStorageConfig(rsvWeu, "GeoRedundant", false), backupStorageConfig(rsvSe, "GeoRedundant", false)] }),
      results: [
        { status: "fail", messageId: "vaultPairNotAllowed", resource: "rsv-weu", severity: "medium" },
        { status: "pass", messageId: "vaultPairAllowed", resource: "rsv-exk" },
      ],
    },
    {
      name: "cross-region restore alone reaches the pair",
      snapshot: snap({ recoveryServicesVaults: [rsvWeu], backupStorageConfigs: [backupStorageConfig(rsvWeu, "LocallyRedundant", true)] }),
      config: (c) => void c.profile.allowedRegions.push("westeurope"),
      results: [{ status: "fail", messageId: "vaultPairNotAllowed", resource: "rsv-weu" }],
    },
    {
      name: "geo-redundant vault in a region without a pair",
      snapshot: snap({ recoveryServicesVaults: [recoveryServicesVault("rsv-it", "italynorth")], backupStorageConfigs: [backupStorageConfig(recoveryServicesVault("rsv-it", "italynorth"), "GeoRedundant", false)] }),
      config: eu,
      results: [{ status: "fail", messageId: "vaultPairUnknown", resource: "rsv-it" }],
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
        { status: "fail", messageId: "registryReplicasNotAllowed", resource: "crexk", severity: "medium" },
        { status: "fail", messageId: "registryReplicasNotAllowed", resource: "crodd" },
      ],
    },
  ],
  notAssessed: [
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
      name: "vault list forbidden",
      snapshot: makeSnapshot({ subscriptions: [{ collections: {} }], coverage: [failure("recoveryServicesVaults", `/subscriptions/${SUB}`)] }),
      results: [{ status: "not-assessed", resource: SUB }],
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
        { status: "pass", messageId: "vaultPairAllowed", resource: "rsv-new-se" },
        { status: "fail", messageId: "vaultPairNotAllowed", resource: "rsv-new-weu" },
      ],
    },
    {
      name: "no backup config answered: the vault's redundancy settings decide",
      snapshot: snap({
        recoveryServicesVaults: [recoveryServicesVault("rsv-zrs", "westeurope", { properties: { redundancySettings: { standardTierStorageRedundancy: "ZoneRedundant", crossRegionRestore: "Disabled" } } })],
        backupStorageConfigs: [],
      }),
      results: [{ status: "pass", messageId: "vaultLocal", resource: "rsv-zrs" }],
    },
    {
      name: "config without storage type or cross-region flag",
      snapshot: snap({ recoveryServicesVaults: [rsvWeu], backupStorageConfigs: [backupStorageConfig(rsvWeu, undefined, undefined)] }),
      results: [{ status: "fail", messageId: "vaultPairNotAllowed", resource: "rsv-weu" }],
    },
  ],
});
