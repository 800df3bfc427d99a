/** Data Protection backup vaults collector, read through the generic ARM client (no Data Protection management SDK is installed). */
import type { SubscriptionCollector } from "../contracts.js";
import { genericArmClient, listPages } from "./generic-arm.js";

const NAMESPACE = "Microsoft.DataProtection";
/**
 * Newest stable api-version with a subscription list example
 * (specification/dataprotection/…/DataProtection/stable/2025-09-01/examples/VaultCRUD/GetBackupVaultsInSubscription.json):
 * it returns `storageSettings` and `featureSettings.crossRegionRestoreSettings`.
 */
export const DATA_PROTECTION_API_VERSION = "2025-09-01";

/**
 * Reads the Data Protection backup vaults of one subscription
 * (`GET /subscriptions/{s}/providers/Microsoft.DataProtection/backupVaults`, every page). A provider
 * the subscription has not registered holds no vaults: proven absence, no request.
 */
export const dataProtectionCollector: SubscriptionCollector = {
  name: "data-protection",
  collections: ["dataProtectionBackupVaults"],
  async collect(ctx, sub) {
    const s = sub.subscriptionId;
    if (!ctx.isRegistered(s, NAMESPACE)) {
      sub.collections.dataProtectionBackupVaults = [];
      return;
    }
    ctx.apiVersion("dataProtectionBackupVaults", DATA_PROTECTION_API_VERSION);
    const client = genericArmClient(ctx);
    const path = `/subscriptions/${encodeURIComponent(s)}/providers/${NAMESPACE}/backupVaults`;
    const vaults = await ctx.read(
      {
        subscriptionId: s,
        scope: sub.id,
        collection: "dataProtectionBackupVaults",
        operation: `GET /subscriptions/${s}/providers/${NAMESPACE}/backupVaults`,
        providerNamespace: NAMESPACE,
        permission: `${NAMESPACE}/backupVaults/read`,
      },
      () => ctx.drain(listPages(client, path, DATA_PROTECTION_API_VERSION)),
    );
    if (vaults) sub.collections.dataProtectionBackupVaults = vaults;
  },
};
