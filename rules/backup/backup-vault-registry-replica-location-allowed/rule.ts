/**
 * RES-07: Recovery Services vaults, Data Protection backup vaults and container registries copy
 * data only to allowed regions.
 */
import { arr, bool, defineRule, eqi, normalizeRegion, regionAllowed, str } from "../../../src/index.js";
import type { Evidence, Inventory, ResolvedConfig, RuleHelpers, RuleResult, Target } from "../../../src/index.js";

/** Storage types that keep backups in the vault's own region. */
const IN_REGION = ["locallyredundant", "zoneredundant"];

/**
 * One result for a vault whose backups reach its region pair (`reason` says how: geo-redundant
 * storage, cross-region restore, or both; `why`). A region without a known pair fails.
 */
function judgeVaultPair(
  { pass, fail }: RuleHelpers,
  inventory: Inventory,
  config: ResolvedConfig,
  target: Target,
  location: string | undefined,
  why: { geoTypes: string[]; crossRegionRestore: boolean },
  evidence: Evidence[],
): RuleResult {
  const pairs = inventory.region(location)?.pairs ?? [];
  evidence.push({ path: "location (region pair)", actual: pairs, expected: config.profile.allowedRegions });
  const reasons = reason(why);
  if (pairs.length === 0) return fail(target, "vaultPairUnknown", { ...reasons, location: location ?? "(no location)" }, { evidence });
  const bad = pairs.filter((p) => !regionAllowed(config, p));
  return bad.length > 0 ? fail(target, "vaultPairNotAllowed", { ...reasons, pair: bad }, { evidence }) : pass(target, "vaultPairAllowed", { ...reasons, pair: pairs }, { evidence });
}

/** How a vault's backups reach its pair, in English (`reason`) and Swedish (`reasonSv`). */
function reason({ geoTypes, crossRegionRestore }: { geoTypes: string[]; crossRegionRestore: boolean }): { reason: string; reasonSv: string } {
  const storage = geoTypes.length > 0 ? geoTypes.join(", ") : undefined;
  return {
    reason: [storage && `${storage} storage`, crossRegionRestore && "cross-region restore"].filter(Boolean).join(", "),
    reasonSv: [storage && `lagring ${storage}`, crossRegionRestore && "återställning mellan regioner"].filter(Boolean).join(", "),
  };
}

export default defineRule({
  id: "RES-07",
  name: "backup-vault-registry-replica-location-allowed",
  title: {
    en: "Backup vaults and registries replicate only to allowed regions",
    sv: "Säkerhetskopieringsvalv och register replikerar bara till tillåtna regioner",
  },
  severity: "medium",
  rationale: {
    en: "A Recovery Services vault is geo-redundant by default: every backup is copied to the region pair, and cross-region restore makes it restorable there. A Data Protection backup vault (disks, blobs, PostgreSQL, AKS) does the same when its storage setting is GeoRedundant or cross-region restore is on. A Premium container registry can be geo-replicated to any region, images and their embedded configuration included. These copies are easy to overlook, yet the organisation's choice of geography (Microsoft's FAQ for Swedish customers, 'Var finns den data som jag lagrar') and SKR's call for a risk analysis of every data flow apply to them.",
    sv: "Ett Recovery Services-valv är georedundant som standard: varje säkerhetskopia kopieras till regionparet, och återställning mellan regioner gör den återställbar där. Ett säkerhetskopieringsvalv i Data Protection (diskar, blobbar, PostgreSQL, AKS) gör likadant när dess lagringsinställning är GeoRedundant eller återställning mellan regioner är på. Ett Premium-containerregister kan georeplikeras till vilken region som helst, med avbildningar och deras inbyggda konfiguration. Sådana kopior är lätta att förbise, men organisationens val av geografi (Microsofts vanliga frågor för svenska kunder, 'Var finns den data som jag lagrar') och SKR:s krav på riskanalys av varje dataflöde gäller för dem.",
  },
  guidance: [
    { doc: "rules-catalog", id: "RES-07" },
    { doc: "microsoft-faq-se", title: "Var finns den data som jag lagrar" },
    { doc: "skr-cloud-2019" },
  ],
  reads: ["recoveryServicesVaults", "backupStorageConfigs", "dataProtectionBackupVaults", "containerRegistries", "containerRegistryReplications"],
  targets: [
    { collection: "recoveryServicesVaults", via: ["backupStorageConfigs"] },
    { collection: "dataProtectionBackupVaults" },
    { collection: "containerRegistries", via: ["containerRegistryReplications"] },
  ],
  messages: {
    vaultLocal: {
      en: "{{name}} keeps its backups in its own region ({{storageType}}, no cross-region restore).",
      sv: "{{name}} behåller sina säkerhetskopior i sin egen region ({{storageType}}, ingen återställning mellan regioner).",
    },
    vaultPairAllowed: {
      en: "{{name}} copies its backups to {{pair}} ({{reason}}), an allowed region.",
      sv: "{{name}} kopierar sina säkerhetskopior till {{pair}} ({{reasonSv}}), en tillåten region.",
    },
    vaultPairNotAllowed: {
      en: "{{name}} copies its backups to {{pair}} ({{reason}}), which is not one of the allowed regions.",
      sv: "{{name}} kopierar sina säkerhetskopior till {{pair}} ({{reasonSv}}), som inte är en av de tillåtna regionerna.",
    },
    vaultPairUnknown: {
      en: "{{name}} copies its backups ({{reason}}) to a region Hemvist cannot determine ({{location}} has no known pair).",
      sv: "{{name}} kopierar sina säkerhetskopior ({{reasonSv}}) till en region som Hemvist inte kan avgöra ({{location}} har inget känt par).",
    },
    registryNoReplicas: {
      en: "{{name}} is not geo-replicated.",
      sv: "{{name}} är inte georeplikerat.",
    },
    registryReplicasAllowed: {
      en: "{{name}} replicates to {{regions}}, all allowed regions.",
      sv: "{{name}} replikeras till {{regions}}, som alla är tillåtna regioner.",
    },
    registryReplicasNotAllowed: {
      en: "{{name}} replicates to {{regions}}, outside the allowed regions.",
      sv: "{{name}} replikeras till {{regions}}, utanför de tillåtna regionerna.",
    },
  },
  evaluate({ inventory, config, each }, helpers) {
    const { pass, fail, notAssessed } = helpers;
    const out: RuleResult[] = [];

    // A vault's backup storage config is its child (ids compare case-insensitively: the backup API
    // spells `/Subscriptions/` with a capital S).
    out.push(...each(inventory.all("recoveryServicesVaults"), (vault): RuleResult => {
      const location = str(vault, "location");
      const target = { id: vault.id, type: "Microsoft.RecoveryServices/vaults", ...(location ? { location } : {}) };
      const cfg = inventory.children("backupStorageConfigs", vault.id)[0];
      let storageType: string | undefined;
      let crr: boolean | undefined;
      let evidence: Evidence[];
      if (cfg) {
        storageType = str(cfg, "properties.storageType") ?? str(cfg, "properties.storageModelType");
        crr = bool(cfg, "properties.crossRegionRestoreFlag");
        evidence = [
          { path: "backupstorageconfig/vaultstorageconfig: properties.storageType", actual: storageType, expected: { en: "LocallyRedundant or ZoneRedundant, or a pair in allowed regions", sv: "LocallyRedundant eller ZoneRedundant, eller ett regionpar i tillåtna regioner" }, ...(storageType === undefined ? { defaulted: true } : {}) },
          { path: "backupstorageconfig/vaultstorageconfig: properties.crossRegionRestoreFlag", actual: crr, expected: false, ...(crr === undefined ? { defaulted: true } : {}) },
        ];
      } else {
        // No config answered (404 for a new vault): the vault's own redundancy settings, else the defaults.
        storageType = str(vault, "properties.redundancySettings.standardTierStorageRedundancy");
        const crrSetting = str(vault, "properties.redundancySettings.crossRegionRestore");
        crr = crrSetting === undefined ? undefined : eqi(crrSetting, "Enabled");
        evidence = [
          { path: "properties.redundancySettings.standardTierStorageRedundancy", actual: storageType, expected: { en: "LocallyRedundant or ZoneRedundant, or a pair in allowed regions", sv: "LocallyRedundant eller ZoneRedundant, eller ett regionpar i tillåtna regioner" }, ...(storageType === undefined ? { defaulted: true } : {}) },
          { path: "properties.redundancySettings.crossRegionRestore", actual: crrSetting, expected: "Disabled", ...(crrSetting === undefined ? { defaulted: true } : {}) },
        ];
      }
      const effectiveType = storageType ?? "GeoRedundant"; // a new vault's default
      const crossRegionRestore = crr === true;
      if (eqi(effectiveType, "Invalid") && !crossRegionRestore) {
        // The backup API's enum has `Invalid`: the service does not say where the copies are, so
        // the vault is neither in-region nor geo-redundant as far as Hemvist can tell.
        const scope = cfg?.id ?? vault.id;
        return notAssessed(target, {
          scope,
          collection: "backupStorageConfigs",
          code: "InvalidStorageType",
          message: "The vault's backup storage config reports storageType Invalid, which names no redundancy: where the backups are copied cannot be told from it. Check the vault's Backup configuration in the portal.",
          permission: "Microsoft.RecoveryServices/vaults/backupstorageconfig/read",
        });
      }
      const geo = !IN_REGION.includes(effectiveType.toLowerCase()) && !eqi(effectiveType, "Invalid");
      if (!geo && !crossRegionRestore) return pass(target, "vaultLocal", { storageType: effectiveType }, { evidence });
      return judgeVaultPair(helpers, inventory, config, target, location, { geoTypes: geo ? [effectiveType] : [], crossRegionRestore }, evidence);
    }));

    // Data Protection backup vaults: every datastore's storage setting, and cross-region restore.
    out.push(...each(inventory.all("dataProtectionBackupVaults"), (vault): RuleResult => {
      const location = str(vault, "location");
      const target = { id: vault.id, type: "Microsoft.DataProtection/backupVaults", ...(location ? { location } : {}) };
      const listed = arr(vault, "properties.storageSettings")
        .map((setting) => str(setting, "type"))
        .filter((t): t is string => typeof t === "string" && t.trim() !== "");
      // No storage setting: the default redundancy of a new backup vault, GeoRedundant.
      const storageDefaulted = listed.length === 0;
      const types = storageDefaulted ? ["GeoRedundant"] : listed;
      const crrState = str(vault, "properties.featureSettings.crossRegionRestoreSettings.state");
      const evidence: Evidence[] = [
        { path: "properties.storageSettings[].type", actual: storageDefaulted ? undefined : listed, expected: { en: "LocallyRedundant or ZoneRedundant, or a pair in allowed regions", sv: "LocallyRedundant eller ZoneRedundant, eller ett regionpar i tillåtna regioner" }, ...(storageDefaulted ? { defaulted: true } : {}) },
        { path: "properties.featureSettings.crossRegionRestoreSettings.state", actual: crrState, expected: "Disabled", ...(crrState === undefined ? { defaulted: true } : {}) },
      ];
      // Any type that is not known to stay in the region (GeoRedundant, or a value Hemvist does not know) reaches the pair.
      const geoTypes = [...new Set(types.filter((t) => !IN_REGION.includes(t.toLowerCase())))];
      const crossRegionRestore = eqi(crrState, "Enabled");
      if (geoTypes.length === 0 && !crossRegionRestore) return pass(target, "vaultLocal", { storageType: [...new Set(types)] }, { evidence });
      return judgeVaultPair(helpers, inventory, config, target, location, { geoTypes, crossRegionRestore }, evidence);
    }));

    // Container registries: every replication's location (the home region is listed as one too).
    out.push(...each(inventory.all("containerRegistries"), (registry): RuleResult => {
      const location = str(registry, "location");
      const target = { id: registry.id, type: "Microsoft.ContainerRegistry/registries", ...(location ? { location } : {}) };
      const reps = inventory.children("containerRegistryReplications", registry.id);
      const locations = reps.map((r) => str(r, "location"));
      const evidence: Evidence[] = [{ path: "replications[].location", actual: locations.map((l) => l ?? null), expected: config.profile.allowedRegions }];
      if (reps.length === 0) return pass(target, "registryNoReplicas", {}, { evidence });
      const bad = locations.filter((l) => !regionAllowed(config, l)).map((l) => (l ? normalizeRegion(l) : "(unknown)"));
      return bad.length > 0
        ? fail(target, "registryReplicasNotAllowed", { regions: [...new Set(bad)] }, { evidence })
        : pass(target, "registryReplicasAllowed", { regions: [...new Set(locations.map((l) => normalizeRegion(l as string)))] }, { evidence });
    }));
    return out;
  },
  remediation: {
    summary: {
      en: "Set the vault's backup storage redundancy to LocallyRedundant or ZoneRedundant and leave cross-region restore off where the pair is not allowed (possible only before the first item is protected: otherwise create a new vault); a Data Protection backup vault's redundancy is chosen when it is created, so create a locally or zone-redundant vault and move the protection there; delete registry replications in regions that are not allowed.",
      sv: "Sätt valvets redundans för säkerhetskopieringslagring till LocallyRedundant eller ZoneRedundant och låt återställning mellan regioner vara avstängd där paret inte är tillåtet (går bara innan det första objektet skyddas: annars skapa ett nytt valv); ett säkerhetskopieringsvalvs redundans i Data Protection väljs när valvet skapas, så skapa ett lokalt eller zonredundant valv och flytta skyddet dit; ta bort registerrepliker i regioner som inte är tillåtna.",
    },
    portal: {
      en: "Recovery Services vault → Properties → Backup configuration → Update → Storage replication type and Cross Region Restore; Backup vault → Properties → Cross Region Restore (storage redundancy is shown under Overview and fixed at creation); container registry → Services → Geo-replications → delete the replication.",
      sv: "Recovery Services-valv → Egenskaper → Säkerhetskopieringskonfiguration → Uppdatera → Typ av lagringsreplikering och Återställning mellan regioner; säkerhetskopieringsvalv → Egenskaper → Återställning mellan regioner (lagringsredundansen visas under Översikt och bestäms när valvet skapas); containerregister → Tjänster → Geo-replikeringar → ta bort repliken.",
    },
    cli: "az backup vault backup-properties set -g <rg> -n <vault> --backup-storage-redundancy ZoneRedundant --cross-region-restore-flag false\naz dataprotection backup-vault create -g <rg> --vault-name <vault> -l swedencentral --type SystemAssigned --storage-setting \"[{type:'ZoneRedundant',datastore-type:'VaultStore'}]\"\naz acr replication delete -r <registry> -n <replication>",
    bicep: "resource vault 'Microsoft.RecoveryServices/vaults@2024-04-01' = { name: 'rsv', location: 'swedencentral', sku: { name: 'RS0', tier: 'Standard' }, properties: { redundancySettings: { standardTierStorageRedundancy: 'ZoneRedundant', crossRegionRestore: 'Disabled' } } }\nresource bvault 'Microsoft.DataProtection/backupVaults@2025-09-01' = { name: 'bv', location: 'swedencentral', identity: { type: 'SystemAssigned' }, properties: { storageSettings: [ { datastoreType: 'VaultStore', type: 'ZoneRedundant' } ], featureSettings: { crossRegionRestoreSettings: { state: 'Disabled' } } } }",
  },
  references: [
    "https://learn.microsoft.com/azure/backup/backup-create-recovery-services-vault#set-storage-redundancy",
    "https://learn.microsoft.com/azure/backup/backup-azure-arm-restore-vms#cross-region-restore",
    "https://learn.microsoft.com/azure/backup/create-manage-backup-vault",
    "https://learn.microsoft.com/azure/container-registry/container-registry-geo-replication",
  ],
});
