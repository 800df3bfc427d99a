/**
 * The demo fragments, one per rule (an explicit list for now; later each rule folder holds its own).
 */
import type { DemoFragment } from "../fragment.js";
import aiDeploymentProcessingRegional from "./ai-deployment-processing-regional.js";
import backupVaultRegistryReplicaLocationAllowed from "./backup-vault-registry-replica-location-allowed.js";
import classificationDataStoreTagged from "./classification-data-store-tagged.js";
import classificationSakerhetsskyddAbsent from "./classification-sakerhetsskydd-absent.js";
import cognitiveAccountCustomerManagedKey from "./cognitive-account-customer-managed-key.js";
import computeDiskCustomerManagedKey from "./compute-disk-customer-managed-key.js";
import cosmosDbAccountCustomerManagedKey from "./cosmos-db-account-customer-managed-key.js";
import cosmosDbReplicaLocationAllowed from "./cosmos-db-replica-location-allowed.js";
import customerLockboxTenantEnabled from "./customer-lockbox-tenant-enabled.js";
import databaseBackupReplicaLocationAllowed from "./database-backup-replica-location-allowed.js";
import encryptionCustomerKeyInTenantRegion from "./encryption-customer-key-in-tenant-region.js";
import encryptionInTransitTls12 from "./encryption-in-transit-tls12.js";
import keyVaultKeyExpiryOrRotation from "./key-vault-key-expiry-or-rotation.js";
import keyVaultKeyHsmProtected from "./key-vault-key-hsm-protected.js";
import keyVaultPublicNetworkClosed from "./key-vault-public-network-closed.js";
import keyVaultPurgeProtection from "./key-vault-purge-protection.js";
import keyVaultRbacAuthorization from "./key-vault-rbac-authorization.js";
import m365CustomerKeyAvailable from "./m365-customer-key-available.js";
import m365DataLocationAllowed from "./m365-data-location-allowed.js";
import policyAllowedLocationsEnforced from "./policy-allowed-locations-enforced.js";
import resourceGlobalTypeAccepted from "./resource-global-type-accepted.js";
import resourceGroupLocationAllowed from "./resource-group-location-allowed.js";
import resourceLocationAllowed from "./resource-location-allowed.js";
import sqlTdeCustomerManagedKey from "./sql-tde-customer-managed-key.js";
import storageAccountCustomerManagedKey from "./storage-account-customer-managed-key.js";
import storageAccountInfrastructureEncryption from "./storage-account-infrastructure-encryption.js";
import storageAccountReplicaLocationAllowed from "./storage-account-replica-location-allowed.js";

/** Every fragment of the demo tenant. */
export const DEMO_FRAGMENTS: readonly DemoFragment[] = [
  aiDeploymentProcessingRegional,
  backupVaultRegistryReplicaLocationAllowed,
  classificationDataStoreTagged,
  classificationSakerhetsskyddAbsent,
  cognitiveAccountCustomerManagedKey,
  computeDiskCustomerManagedKey,
  cosmosDbAccountCustomerManagedKey,
  cosmosDbReplicaLocationAllowed,
  customerLockboxTenantEnabled,
  databaseBackupReplicaLocationAllowed,
  encryptionCustomerKeyInTenantRegion,
  encryptionInTransitTls12,
  keyVaultKeyExpiryOrRotation,
  keyVaultKeyHsmProtected,
  keyVaultPublicNetworkClosed,
  keyVaultPurgeProtection,
  keyVaultRbacAuthorization,
  m365CustomerKeyAvailable,
  m365DataLocationAllowed,
  policyAllowedLocationsEnforced,
  resourceGlobalTypeAccepted,
  resourceGroupLocationAllowed,
  resourceLocationAllowed,
  sqlTdeCustomerManagedKey,
  storageAccountCustomerManagedKey,
  storageAccountInfrastructureEncryption,
  storageAccountReplicaLocationAllowed,
];
