/**
 * RES-07 backup-vault-registry-replica-location-allowed. Passes: rsv-exk-gem-backup01
 * (GeoRedundant with cross-region restore, pair Sweden South; customer key cmk-backup, ENC-07),
 * rsv-exk-vard-backup01 (LocallyRedundant), crexkgemensam01 (replica Sweden South). Fails:
 * rsv-exk-dr-weu01 (West Europe, pair North Europe; also RES-01) and crexkskola01 (replica West
 * Europe; unclassified, CLS-02). Data Protection backup vaults: bvault-exk-vard-disk01 passes
 * (LocallyRedundant, no cross-region restore); bvault-exk-dr-weu01 fails (GeoRedundant in West
 * Europe: its backups are copied to North Europe; also RES-01).
 */
import { containerRegistry, dataProtectionBackupVault, keyRef, recoveryServicesVault } from "../../../src/builders/arm.js";
import { DEMO_RG, DEMO_TENANT_ID, SWC, SWS, WEU } from "../../../src/emulator/demo/base.js";
import type { DemoFragment } from "../../../src/emulator/demo/fragment.js";

const fragment: DemoFragment = {
  rule: "backup-vault-registry-replica-location-allowed",
  resources: [
    ...recoveryServicesVault({
      rg: DEMO_RG.gemLagring,
      name: "rsv-exk-gem-backup01",
      location: SWC,
      created: "2024-04-22T08:30:00Z",
      storageType: "GeoRedundant",
      crossRegionRestore: true,
      cmk: keyRef("kv-exk-gem-nycklar01", "cmk-backup"),
      tenantId: DEMO_TENANT_ID,
    }),
    ...recoveryServicesVault({
      rg: DEMO_RG.gemDr,
      name: "rsv-exk-dr-weu01",
      location: WEU,
      created: "2022-09-15T10:00:00Z",
      storageType: "GeoRedundant",
      crossRegionRestore: false,
    }),
    ...recoveryServicesVault({
      rg: DEMO_RG.vardBackup,
      name: "rsv-exk-vard-backup01",
      location: SWC,
      created: "2024-09-12T08:00:00Z",
      storageType: "LocallyRedundant",
      crossRegionRestore: false,
    }),
    dataProtectionBackupVault({ rg: DEMO_RG.vardBackup, name: "bvault-exk-vard-disk01", location: SWC, storageType: "LocallyRedundant", crossRegionRestore: false }),
    dataProtectionBackupVault({ rg: DEMO_RG.gemDr, name: "bvault-exk-dr-weu01", location: WEU, storageType: "GeoRedundant", crossRegionRestore: false }),
    ...containerRegistry({ rg: DEMO_RG.gemLagring, name: "crexkgemensam01", location: SWC, created: "2024-08-19T12:00:00Z", replicas: [SWS] }),
    ...containerRegistry({ rg: DEMO_RG.skolaWebb, name: "crexkskola01", location: SWC, created: "2024-05-13T11:00:00Z", replicas: [WEU] }),
  ],
};

export default fragment;
