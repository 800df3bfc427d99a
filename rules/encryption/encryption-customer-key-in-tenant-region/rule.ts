/**
 * ENC-07: every customer-managed key a data store uses is held in a Key Vault or managed HSM of the
 * audited tenant, located in an allowed region.
 */

import type { Collection, Evidence, Inventory, KeyReference, RuleHelpers, RuleResult, Target } from "../../../src/index.js";
import { allowedList, defineRule, GEO_BACKUP_PART, hostOf, KEY_REFERENCE_COLLECTIONS, keyReferences, nameOf, regionAllowed, resolveKeyUri } from "../../../src/index.js";

const RANK: Record<RuleResult["status"], number> = { fail: 0, "not-assessed": 1, "attestation-required": 2, pass: 3 };

/**
 * Whether the vaults and managed HSMs of every subscription in the tenant were collected: the audit
 * was not narrowed (`--subscriptions`, sharding) and every subscription holds both lists. (A failed
 * read of either list is seen by the engine: a key resolved to nothing searched them all.)
 */
function holdersCollected(inventory: Inventory): boolean {
  if (!inventory.scope.allVisibleSubscriptions) return false;
  return inventory.subscriptions.every((s) => inventory.inSubscription("keyVaults", s.subscriptionId) !== undefined && inventory.inSubscription("managedHsms", s.subscriptionId) !== undefined);
}

/** The path of the reference as seen from the data store (a SQL protector is a child of the server). */
function refPath(ref: KeyReference): string {
  const holder = ref.holder.id;
  if (holder.toLowerCase() === ref.dataStoreId.toLowerCase()) return ref.path;
  const rel = holder.toLowerCase().startsWith(`${ref.dataStoreId.toLowerCase()}/`) ? holder.slice(ref.dataStoreId.length + 1) : holder;
  return `${rel}:${ref.path}`;
}

export default defineRule({
  id: "ENC-07",
  name: "encryption-customer-key-in-tenant-region",
  title: {
    en: "Customer-managed keys are held in the audited tenant, in allowed regions",
    sv: "Kundhanterade nycklar förvaras i den granskade klientorganisationen, i tillåtna regioner",
  },
  severity: "high",
  rationale: {
    en: "A customer-managed key only gives the organisation control if the organisation actually holds it: in its own tenant, in a Key Vault or Managed HSM located where its data may be. A key in another tenant's vault is controlled by whoever runs that tenant, and a vault in a region the profile does not allow moves key material out of the chosen geography. Microsoft's FAQ for Swedish public-sector customers describes keys kept in protected hardware in the cloud or on the organisation's premises, and the same FAQ's section on where data is stored lets the organisation choose the geography; Danderyd municipality's 2019 Office 365 assessment lists encryption among the risk-reducing measures.",
    sv: "En kundhanterad nyckel ger bara organisationen kontroll om organisationen verkligen förvarar den: i den egna klientorganisationen, i ett nyckelvalv eller Managed HSM som ligger där datan får ligga. En nyckel i en annan klientorganisations nyckelvalv styrs av den som driver den klientorganisationen, och ett nyckelvalv i en region som profilen inte tillåter flyttar nyckelmaterial ut ur den valda geografin. Microsofts vanliga frågor för svenska offentliga kunder beskriver nycklar som förvaras i skyddad hårdvara i molnet eller i organisationens egna lokaler, och samma dokuments avsnitt om var data lagras låter organisationen välja geografi; Danderyds kommuns bedömning av Office 365 från 2019 nämner kryptering bland de riskreducerande åtgärderna.",
  },
  guidance: [
    { doc: "rules-catalog", id: "ENC-07" },
    { doc: "microsoft-faq-se", title: "Kryptering" },
    { doc: "microsoft-faq-se", title: "Var finns den data som jag lagrar" },
    { doc: "danderyd-o365-2019", title: "Risk-reducing measures: encryption" },
  ],
  // The key references, the stores they are judged as (a SQL protector as its server), and the holders.
  reads: [...KEY_REFERENCE_COLLECTIONS, "sqlServers", "sqlManagedInstances", "keyVaults", "managedHsms"],
  // Whether a data store uses a customer key is read from its own payload (or its SQL protector):
  // where that could not be read, the store is named not assessed.
  targets: [
    { collection: "storageAccounts" },
    { collection: "sqlServers", via: ["sqlEncryptionProtectors"] },
    { collection: "sqlManagedInstances", via: ["sqlManagedInstanceEncryptionProtectors"] },
    { collection: "cosmosDbAccounts" },
    { collection: "diskEncryptionSets" },
    { collection: "cognitiveAccounts" },
    { collection: "postgresFlexibleServers" },
    { collection: "mysqlFlexibleServers" },
    { collection: "recoveryServicesVaults" },
  ],
  messages: {
    allowedRegion: {
      en: "{{name}} uses a key in {{holder}}, located in {{location}}, an allowed region.",
      sv: "{{name}} använder en nyckel i {{holder}}, som ligger i {{location}}, en tillåten region.",
    },
    regionNotAllowed: {
      en: "{{name}} uses a key in {{holder}}, located in {{location}}, which the profile does not allow ({{allowed}}).",
      sv: "{{name}} använder en nyckel i {{holder}}, som ligger i {{location}}, vilket profilen inte tillåter ({{allowed}}).",
    },
    outsideTenant: {
      en: "{{name}} uses a key held outside the audited tenant ({{host}}).",
      sv: "{{name}} använder en nyckel som förvaras utanför den granskade klientorganisationen ({{host}}).",
    },
    geoBackupAllowedRegion: {
      en: "{{name}} encrypts its geo-redundant backup with a key in {{holder}}, located in {{location}}, an allowed region.",
      sv: "{{name}} krypterar sin geo-redundanta säkerhetskopia med en nyckel i {{holder}}, som ligger i {{location}}, en tillåten region.",
    },
    geoBackupRegionNotAllowed: {
      en: "{{name}} encrypts its geo-redundant backup with a key in {{holder}}, located in {{location}}, which the profile does not allow ({{allowed}}).",
      sv: "{{name}} krypterar sin geo-redundanta säkerhetskopia med en nyckel i {{holder}}, som ligger i {{location}}, vilket profilen inte tillåter ({{allowed}}).",
    },
    geoBackupOutsideTenant: {
      en: "{{name}} encrypts its geo-redundant backup with a key held outside the audited tenant ({{host}}).",
      sv: "{{name}} krypterar sin geo-redundanta säkerhetskopia med en nyckel som förvaras utanför den granskade klientorganisationen ({{host}}).",
    },
  },
  evaluate({ inventory, config, each }, { pass, fail, notAssessed }: RuleHelpers) {
    const judge = (ref: KeyReference, target: Target, part: string | undefined): RuleResult => {
      const opts = part ? { part } : {};
      // The geo-backup key of a flexible server says so in its messages.
      const msg = (id: "allowedRegion" | "regionNotAllowed" | "outsideTenant") =>
        ref.part === GEO_BACKUP_PART ? (`geoBackup${id[0]?.toUpperCase()}${id.slice(1)}` as const) : id;
      inventory.uses(ref.holder);
      const refEvidence: Evidence = { path: refPath(ref), actual: ref.uri, expected: { en: "a key in a Key Vault or managed HSM of the audited tenant", sv: "en nyckel i ett Key Vault eller en Managed HSM i den granskade klientorganisationen" } };
      const host = hostOf(ref.uri);
      const holder = resolveKeyUri(inventory, ref.uri, ref.keyName, { key: false });
      if (holder) {
        const kind = holder.kind === "vault" ? "keyVault" : "managedHsm";
        const location = holder.resource.location;
        const evidence: Evidence[] = [
          refEvidence,
          { path: `${kind}.id`, actual: holder.resource.id },
          { path: `${kind}.location`, actual: location, expected: config.profile.allowedRegions },
        ];
        const data = { holder: nameOf(holder.resource), location: location ?? "an unknown location", allowed: allowedList(config) };
        return regionAllowed(config, location) ? pass(target, msg("allowedRegion"), data, { ...opts, evidence }) : fail(target, msg("regionNotAllowed"), data, { ...opts, evidence });
      }
      if (!host) {
        return notAssessed(target, { scope: ref.holder.id, collection: ref.collection as Collection, code: "UnparsableKeyUri", message: `The key reference at ${ref.path} is not a URL.` }, opts);
      }
      if (holdersCollected(inventory)) return fail(target, msg("outsideTenant"), { host }, { ...opts, evidence: [refEvidence, { path: "keyHolder", actual: host, expected: { en: "a vaultUri or hsmUri of the inventory", sv: "en vaultUri eller hsmUri i inventeringen" } }] });
      // The vault could be in a subscription that was not read (--subscriptions, sharding).
      return notAssessed(
        target,
        {
          scope: `/tenants/${inventory.tenantId}`,
          collection: "keyVaults",
          code: "PartialInventory",
          message: `No vault or managed HSM with host ${host} was read, and not every subscription's vaults and managed HSMs were read.`,
        },
        opts,
      );
    };

    // One result per data store and key: a store with references from several collections gets one
    // part per collection, and a flexible server's geo-backup key the part `geo-backup` (its primary
    // key keeps the part-less result, so that result's fingerprint is the one it always had). Each
    // (store, part) is judged in its own callback, so what one key's verdict looked up (another
    // subscription's vaults, say) never blinds the other key's.
    const byStore = new Map<string, KeyReference[]>();
    for (const ref of keyReferences(inventory)) {
      const k = ref.dataStoreId.toLowerCase();
      const list = byStore.get(k);
      if (list) list.push(ref);
      else byStore.set(k, [ref]);
    }
    const byPart = new Map<string, { part: string | undefined; refs: KeyReference[] }>();
    for (const [store, refs] of byStore) {
      const collections = new Set(refs.map((r) => r.collection.toLowerCase()));
      for (const ref of refs) {
        const part = [collections.size > 1 ? ref.collection : undefined, ref.part].filter((p) => p !== undefined).join(":") || undefined;
        const k = `${store}|${part ?? ""}`;
        const group = byPart.get(k);
        if (group) group.refs.push(ref);
        else byPart.set(k, { part, refs: [ref] });
      }
    }
    return each(byPart.values(), ({ part, refs }) => {
      const first = refs[0];
      if (!first) return;
      const target: Target = inventory.get(first.dataStoreId) ?? { id: first.dataStoreId };
      let worst: RuleResult | undefined;
      for (const ref of refs) {
        const r = judge(ref, target, part);
        if (!worst || RANK[r.status] < RANK[worst.status]) worst = r;
      }
      return worst;
    });
  },
  remediation: {
    summary: {
      en: "Create (or import) the key in a Key Vault or Managed HSM of your own tenant in an allowed region, with soft delete and purge protection, grant the data store's identity access to it, and point the data store's encryption at the new key; then retire the old key.",
      sv: "Skapa (eller importera) nyckeln i ett nyckelvalv eller Managed HSM i den egna klientorganisationen i en tillåten region, med mjuk borttagning och rensningsskydd, ge datalagrets identitet åtkomst till den och peka datalagrets kryptering mot den nya nyckeln; avveckla sedan den gamla nyckeln.",
    },
    portal: {
      en: "Key vaults → Create (region: an allowed region) → Keys → Generate; then on the data store: Encryption → Customer-managed key → select the new vault and key → Save.",
      sv: "Nyckelvalv → Skapa (region: en tillåten region) → Nycklar → Generera; sedan på datalagret: Kryptering → Kundhanterad nyckel → välj det nya nyckelvalvet och nyckeln → Spara.",
    },
    cli: "az keyvault create -g <rg> -n <vault> -l swedencentral --enable-purge-protection true --sku premium\naz keyvault key create --vault-name <vault> -n <key> --kty RSA-HSM --size 3072\naz storage account update -g <rg> -n <account> --encryption-key-source Microsoft.Keyvault --encryption-key-vault https://<vault>.vault.azure.net --encryption-key-name <key>",
    bicep: "resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = { name: '<vault>', location: 'swedencentral', properties: { tenantId: tenant().tenantId, sku: { family: 'A', name: 'premium' }, enablePurgeProtection: true, enableRbacAuthorization: true } }",
  },
  references: [
    "https://learn.microsoft.com/azure/security/fundamentals/key-management",
    "https://learn.microsoft.com/azure/key-vault/general/overview",
    "https://learn.microsoft.com/azure/key-vault/managed-hsm/overview",
    "https://learn.microsoft.com/azure/storage/common/customer-managed-keys-overview",
  ],
});
