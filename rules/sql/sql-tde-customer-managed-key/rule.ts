/**
 * ENC-02: Azure SQL encrypts with transparent data encryption (TDE) under a customer-managed key —
 * part `protector` (logical servers and managed instances) and part `tde` (user databases).
 */

import type { ArmResource, AzureCollection, Evidence, RuleResult } from "../../../src/index.js";
import { defineRule, eqi, nameOf, prop, str } from "../../../src/index.js";

const PROTECTOR_PATH = "properties.serverKeyType";
const TDE_PATH = "properties.state";

/** `master` is the system database: no TDE of its own to judge. */
function isMaster(db: ArmResource): boolean {
  return nameOf(db).toLowerCase() === "master";
}

/** `/subscriptions/{id}` of an ARM id. */
function subscriptionScope(id: string): string {
  return id.split("/").slice(0, 3).join("/");
}

export default defineRule({
  id: "ENC-02",
  name: "sql-tde-customer-managed-key",
  title: {
    en: "SQL databases are encrypted with TDE under a customer-managed key",
    sv: "SQL-databaser krypteras med TDE under en kundhanterad nyckel",
  },
  severity: "by-level",
  rationale: {
    en: "Transparent data encryption protects database files, backups and logs at rest; when its protector is a key the organisation keeps in its own Key Vault or Managed HSM, the organisation decides who can decrypt the data and can revoke access. Microsoft's FAQ for Swedish public-sector customers on encryption and Danderyd municipality's 2019 Office 365 assessment both name encryption with keys the organisation controls as a measure that reduces risk. A database without TDE stores its data unencrypted, which is the most serious failure.",
    sv: "Transparent datakryptering (TDE) skyddar databasfiler, säkerhetskopior och loggar i vila; när skyddsnyckeln är en nyckel som organisationen förvarar i sitt eget nyckelvalv eller Managed HSM bestämmer organisationen vem som kan dekryptera datan och kan dra in åtkomsten. Microsofts vanliga frågor för svenska offentliga kunder om kryptering och Danderyds kommuns bedömning av Office 365 från 2019 nämner båda kryptering med nycklar som organisationen styr som en riskreducerande åtgärd. En databas utan TDE lagrar sin data okrypterad, vilket är den allvarligaste bristen.",
  },
  guidance: [
    { doc: "rules-catalog", id: "ENC-02" },
    { doc: "microsoft-faq-se", title: "Kryptering" },
    { doc: "danderyd-o365-2019", title: "Risk-reducing measures: encryption" },
  ],
  reads: [
    { collection: "sqlServers", part: "protector" },
    { collection: "sqlEncryptionProtectors", part: "protector" },
    { collection: "sqlManagedInstances", part: "protector" },
    { collection: "sqlManagedInstanceEncryptionProtectors", part: "protector" },
    // Without the server list no database (and no TDE state) was read either.
    { collection: "sqlServers", part: "tde" },
    { collection: "sqlDatabases", part: "tde" },
    { collection: "sqlTransparentDataEncryption", part: "tde" },
  ],
  parts: ["protector", "tde"],
  targets: [
    { collection: "sqlServers", parts: ["protector"], via: ["sqlEncryptionProtectors"] },
    { collection: "sqlManagedInstances", parts: ["protector"], via: ["sqlManagedInstanceEncryptionProtectors"] },
    { collection: "sqlDatabases", parts: ["tde"], via: ["sqlTransparentDataEncryption"], applies: (db) => !isMaster(db), severity: "critical" },
  ],
  messages: {
    customerKey: {
      en: "{{name}} protects its TDE keys with a customer-managed key.",
      sv: "{{name}} skyddar sina TDE-nycklar med en kundhanterad nyckel.",
    },
    serviceManaged: {
      en: "{{name}} protects its TDE keys with a service-managed key ({{serverKeyType}}).",
      sv: "{{name}} skyddar sina TDE-nycklar med en tjänstehanterad nyckel ({{serverKeyType}}).",
    },
    tdeEnabled: {
      en: "{{name}} has transparent data encryption enabled.",
      sv: "{{name}} har transparent datakryptering aktiverad.",
    },
    tdeDisabled: {
      en: "{{name}} has transparent data encryption turned off ({{state}}).",
      sv: "{{name}} har transparent datakryptering avstängd ({{stateSv}}).",
    },
  },
  evaluate({ inventory, each }, { pass, fail, notAssessed }) {
    /** Whether the collector read `collection` in the subscription of `id` (a missing singleton is then absent, not unread). */
    const collected = (collection: AzureCollection, id: string): boolean => inventory.inSubscription(collection, id.split("/")[2] ?? "") !== undefined;

    const judgeProtector = (owner: ArmResource, collection: AzureCollection): RuleResult => {
      const protector = inventory.get(`${owner.id}/encryptionProtector/current`);
      if (!protector && !collected(collection, owner.id)) {
        return notAssessed(owner, { scope: owner.id, collection, code: "NotCollected", message: `${collection} was not collected for this subscription.` }, { part: "protector" });
      }
      const keyType = protector ? prop(protector, PROTECTOR_PATH) : undefined;
      const evidence: Evidence[] = [
        {
          path: `encryptionProtector/current:${PROTECTOR_PATH}`,
          actual: keyType,
          expected: "AzureKeyVault",
          ...(keyType === undefined ? { defaulted: true } : {}),
        },
      ];
      if (eqi(keyType, "AzureKeyVault")) {
        const uri = protector ? str(protector, "properties.uri") : undefined;
        if (uri) evidence.push({ path: "encryptionProtector/current:properties.uri", actual: uri, expected: { en: "a key in the organisation's Key Vault or Managed HSM", sv: "en nyckel i organisationens Key Vault eller Managed HSM" } });
        return pass(owner, "customerKey", {}, { part: "protector", evidence });
      }
      return fail(owner, "serviceManaged", { serverKeyType: typeof keyType === "string" ? keyType : "ServiceManaged" }, { part: "protector", evidence });
    };

    return [
      ...each(inventory.all("sqlServers"), (server) => judgeProtector(server, "sqlEncryptionProtectors")),
      ...each(inventory.all("sqlManagedInstances"), (mi) => judgeProtector(mi, "sqlManagedInstanceEncryptionProtectors")),
      ...each(inventory.all("sqlDatabases"), (db) => {
        if (isMaster(db)) return; // the system database has no TDE of its own to judge
        const tde = inventory.get(`${db.id}/transparentDataEncryption/current`);
        if (!tde) {
          // A failed read there makes this not assessed with that failure's reason (the engine sees the lookup).
          return notAssessed(
            db,
            {
              scope: collected("sqlTransparentDataEncryption", db.id) ? db.id : subscriptionScope(db.id),
              collection: "sqlTransparentDataEncryption",
              code: "NotCollected",
              message: "The database's transparentDataEncryption/current setting was not in the snapshot.",
            },
            { part: "tde", severity: "critical" },
          );
        }
        const state = prop(tde, TDE_PATH);
        const evidence: Evidence[] = [{ path: `transparentDataEncryption/current:${TDE_PATH}`, actual: state, expected: "Enabled", ...(state === undefined ? { defaulted: true } : {}) }];
        return eqi(state, "Enabled")
          ? pass(db, "tdeEnabled", {}, { part: "tde", evidence, severity: "critical" })
          : fail(db, "tdeDisabled", { state: typeof state === "string" ? state : "not set", stateSv: typeof state === "string" ? state : "inte angivet" }, { part: "tde", evidence, severity: "critical" });
      }),
    ];
  },
  remediation: {
    summary: {
      en: "Create an RSA key in a Key Vault or Managed HSM in an allowed region with purge protection, give the server's managed identity the Key Vault Crypto Service Encryption User role, set the key as the TDE protector, and turn TDE on for every user database.",
      sv: "Skapa en RSA-nyckel i ett nyckelvalv eller Managed HSM i en tillåten region med rensningsskydd, ge serverns hanterade identitet rollen Key Vault Crypto Service Encryption User, ange nyckeln som TDE-skydd och aktivera TDE för varje användardatabas.",
    },
    portal: {
      en: "SQL server (or managed instance) → Security → Transparent data encryption → Customer-managed key → select the key and save; for a database: SQL database → Security → Transparent data encryption → Data encryption On.",
      sv: "SQL-server (eller hanterad instans) → Säkerhet → Transparent datakryptering → Kundhanterad nyckel → välj nyckeln och spara; för en databas: SQL-databas → Säkerhet → Transparent datakryptering → Datakryptering På.",
    },
    cli: "az sql server key create -g <rg> -s <server> --kid https://<vault>.vault.azure.net/keys/<key>/<version> && az sql server tde-key set -g <rg> -s <server> --server-key-type AzureKeyVault --kid https://<vault>.vault.azure.net/keys/<key>/<version> && az sql db tde set -g <rg> -s <server> -d <database> --status Enabled",
    bicep:
      "resource protector 'Microsoft.Sql/servers/encryptionProtector@2023-08-01' = { parent: server, name: 'current', properties: { serverKeyType: 'AzureKeyVault', serverKeyName: '<vault>_<key>_<version>', autoRotationEnabled: true } }\nresource tde 'Microsoft.Sql/servers/databases/transparentDataEncryption@2023-08-01' = { parent: database, name: 'current', properties: { state: 'Enabled' } }",
  },
  references: [
    "https://learn.microsoft.com/azure/azure-sql/database/transparent-data-encryption-tde-overview",
    "https://learn.microsoft.com/azure/azure-sql/database/transparent-data-encryption-byok-overview",
    "https://learn.microsoft.com/rest/api/sql/encryption-protectors/get",
    "https://learn.microsoft.com/rest/api/sql/transparent-data-encryptions/get",
  ],
});
