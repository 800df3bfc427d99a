/** Recovery Services collector: vaults (encryption) and each vault's backup storage configuration (redundancy, cross-region restore). */
import { RecoveryServicesClient, type RecoveryServicesClientOptionalParams } from "@azure/arm-recoveryservices";
import {
  RecoveryServicesBackupClient,
  type RecoveryServicesBackupClientOptionalParams,
} from "@azure/arm-recoveryservicesbackup";
import { READ_PRIORITY, type SubscriptionCollector } from "../contracts.js";
import { armIdParts, asAddressed } from "./arm-id.js";

const NAMESPACE = "Microsoft.RecoveryServices";
/** api-version @azure/arm-recoveryservices 7.2.0 sends for vaults. */
const VAULTS_API_VERSION = "2026-07-01";
/** api-version @azure/arm-recoveryservicesbackup 12.0.0 sends for the backup storage config. */
const BACKUP_CONFIG_API_VERSION = "2023-06-01";

/**
 * Reads the Recovery Services vaults of one subscription and, per vault, its backup storage
 * config (`GET {vault id}/backupstorageconfig/vaultstorageconfig`, scoped to the vault). The backup
 * SDK writes the path as `/Subscriptions/...` (capital S); ARM ids compare case-insensitively.
 */
export const recoveryServicesCollector: SubscriptionCollector = {
  name: "recovery-services",
  collections: ["recoveryServicesVaults", "backupStorageConfigs"],
  async collect(ctx, sub) {
    const s = sub.subscriptionId;
    if (!ctx.isRegistered(s, NAMESPACE)) {
      sub.collections.recoveryServicesVaults = [];
      sub.collections.backupStorageConfigs = [];
      return;
    }
    ctx.apiVersion("recoveryServicesVaults", VAULTS_API_VERSION);
    ctx.apiVersion("backupStorageConfigs", BACKUP_CONFIG_API_VERSION);
    const vaultsClient = new RecoveryServicesClient(
      ctx.credential,
      s,
      ctx.armClientOptions as RecoveryServicesClientOptionalParams,
    );
    const backupClient = new RecoveryServicesBackupClient(
      ctx.credential,
      s,
      ctx.armClientOptions as RecoveryServicesBackupClientOptionalParams,
    );
    const vaults = await ctx.read(
      {
        subscriptionId: s,
        scope: sub.id,
        collection: "recoveryServicesVaults",
        operation: `GET /subscriptions/${s}/providers/Microsoft.RecoveryServices/vaults`,
        providerNamespace: NAMESPACE,
        permission: "Microsoft.RecoveryServices/vaults/read",
        priority: READ_PRIORITY.parentList,
      },
      () => ctx.drain(vaultsClient.vaults.listBySubscriptionId()),
    );
    if (!vaults) return;
    sub.collections.recoveryServicesVaults = vaults;
    ctx.markFinal(sub, ["recoveryServicesVaults"]);
    const configs = await Promise.all(
      vaults.map((vault) => {
        const { resourceGroup, name } = armIdParts(vault.id);
        return ctx.read(
          {
            subscriptionId: s,
            scope: vault.id,
            collection: "backupStorageConfigs",
            operation: `GET ${vault.id}/backupstorageconfig/vaultstorageconfig`,
            providerNamespace: NAMESPACE,
            permission: "Microsoft.RecoveryServices/vaults/backupstorageconfig/read",
          },
          // Every vault has a storage config: any failed answer (a 404 included) is a gap for this vault.
          () => backupClient.backupResourceStorageConfigsNonCRR.get(name, resourceGroup),
        );
      }),
    );
    // Filed under the id the GET addressed, so the rule finds each config under its vault.
    sub.collections.backupStorageConfigs = configs.flatMap((c, i) => (c ?? []).map((cfg) => asAddressed(cfg, `${vaults[i]?.id}/backupstorageconfig/vaultstorageconfig`)));
  },
};
