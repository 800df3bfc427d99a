/**
 * Secret values a server might return in a payload (account keys, connection strings, SAS tokens,
 * passwords): dropped before an item reaches the snapshot. Hemvist never asks for them (it calls
 * no `listKeys`, `listConnectionStrings` or `listCredentials`), but a server, a proxy or an API
 * version that echoes them in `properties` must not put them into a file others read.
 *
 * Only two things are dropped, never a loose pattern: a property whose NAME is on the explicit
 * list below, and a string whose VALUE has the shape of a secret (a connection string with a key
 * or password, a URL or query with a SAS signature). Key URIs and key names (`primaryKeyURI`,
 * `geoBackupKeyURI`, `keyVaultKeyUri`, `activeKey.keyUrl`, `keyName`, `keyVersion`, `keySource`)
 * are evidence the rules read: they are neither on the list nor secret-shaped, and
 * tests/collectors/secrets.test.ts proves that every path of tests/conformance/property-paths.md
 * survives.
 */

/** What a dropped value is replaced with (the property stays, so a reader sees the server sent one). */
export const SECRET_MARKER = "[secret removed by hemvist]";

/**
 * Property names (compared case-insensitively, whole name only) whose value is a secret, with the
 * azure-rest-api-specs definitions they come from (specification/<service>/resource-manager/…):
 * - Storage `StorageAccountListKeysResult.keys[]` (`{keyName, value}`: see `KEY_VALUE_OWNER`),
 *   `ListAccountSasResponse.accountSasToken`, `ListServiceSasResponse.serviceSasToken`;
 *   SQL `ServerBlobAuditingPolicyProperties.storageAccountAccessKey`; Data Factory and Synapse
 *   linked services `accountKey`, `sasToken`, `sasUri`.
 * - Cosmos DB `DatabaseAccountListKeysResult` / `DatabaseAccountListReadOnlyKeysResult`
 *   (`primaryMasterKey`, `secondaryMasterKey`, `primaryReadonlyMasterKey`,
 *   `secondaryReadonlyMasterKey`), `DatabaseAccountListConnectionStringsResult.connectionStrings[]`
 *   (`connectionString`).
 * - Event Hubs, Service Bus and Relay `AccessKeys` (`primaryConnectionString`,
 *   `secondaryConnectionString`, `aliasPrimaryConnectionString`, `aliasSecondaryConnectionString`,
 *   `primaryKey`, `secondaryKey`); Redis `RedisAccessKeys` and Search `AdminKeyResult`
 *   (`primaryKey`, `secondaryKey`); Cognitive Services `ApiKeys` (`key1`, `key2`).
 * - Container Registry `RegistryListCredentialsResult.passwords` (`[{name, value}]`).
 * - SQL `ServerProperties` / `ManagedInstanceProperties`, PostgreSQL and MySQL flexible
 *   `ServerProperties`: `administratorLoginPassword`; Compute `OSProfile`: `adminPassword`,
 *   `customData`; App Service `UserProperties.publishingPassword`, `SiteAuthSettings.clientSecret`,
 *   `SiteConfig.connectionStrings[]` (`connectionString`); generic `password`.
 */
export const SECRET_PROPERTY_NAMES: ReadonlySet<string> = new Set(
  [
    "primaryKey",
    "secondaryKey",
    "primaryMasterKey",
    "secondaryMasterKey",
    "primaryReadonlyMasterKey",
    "secondaryReadonlyMasterKey",
    "primaryConnectionString",
    "secondaryConnectionString",
    "aliasPrimaryConnectionString",
    "aliasSecondaryConnectionString",
    "connectionString",
    "connectionStrings",
    "accountKey",
    "storageAccountAccessKey",
    "accountSasToken",
    "serviceSasToken",
    "sasToken",
    "sasUri",
    "key1",
    "key2",
    "passwords",
    "password",
    "administratorLoginPassword",
    "adminPassword",
    "customData",
    "publishingPassword",
    "clientSecret",
  ].map((n) => n.toLowerCase()),
);

/**
 * An object holding a key's `value` beside its `keyName` (Storage `StorageAccountKey`:
 * `{keyName, value, permissions, creationTime}`): its `value` is the key.
 */
function isKeyValueOwner(o: Record<string, unknown>): boolean {
  return typeof o.keyName === "string" && "value" in o;
}

/** A connection string that carries a key, signature or password (`…;AccountKey=…`, `Password=…;`). */
const SECRET_CONNECTION_STRING = /(?:^|;)\s*(?:AccountKey|SharedAccessKey|SharedAccessSignature|Password|Pwd)\s*=/i;
/** A URL or bare query whose query holds a SAS signature (`https://x.blob.core.windows.net/c?sv=…&sig=…`, `?sv=…&sig=…`). */
const SAS_URL = /^(?:[a-z][a-z0-9+.-]*:\/\/[^?#\s]*)?\?(?:[^#]*&)?sig=/i;

/** Whether a string value has the shape of a secret (the names list aside). */
export function isSecretValue(v: string): boolean {
  // Cheap filter first: every shape needs an '='.
  return v.includes("=") && (SECRET_CONNECTION_STRING.test(v) || SAS_URL.test(v));
}

/**
 * Objects whose keys are no secret property names though they may read like them: free-form maps
 * (the customer's words: `tags: {key1: "val1"}` in the specs' own examples) and metadata about
 * keys. Only value shapes apply inside them.
 */
const FREE_FORM_MAPS: ReadonlySet<string> = new Set([
  "tags",
  "userassignedidentities",
  // Metadata about keys, named like the keys: Storage `KeyCreationTime` (`{key1, key2}` dates,
  // storage.json#/definitions/KeyCreationTime) and Cosmos DB `DatabaseAccountKeysMetadata`
  // (`{primaryMasterKey: {generationTime}}`, cosmos-db.json#/definitions/DatabaseAccountKeysMetadata).
  "keycreationtime",
  "keysmetadata",
]);

/**
 * Strips one node in place. A property on the names list loses a string or array value; an object
 * value is walked instead (Cosmos DB's `keysMetadata.primaryMasterKey` is `{generationTime}`,
 * metadata, not the key), and there its `value` is dropped (Data Factory's
 * `password: {type: "SecureString", value}`).
 * @param valueIsSecret the node is the object value of a secret-named property
 * @param freeForm the node is a free-form map (its keys are no property names)
 */
function strip(node: unknown, valueIsSecret = false, freeForm = false): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const v = node[i];
      if (typeof v === "string") {
        if (isSecretValue(v)) node[i] = SECRET_MARKER;
      } else if (typeof v === "object" && v !== null) strip(v);
    }
    return;
  }
  if (typeof node !== "object" || node === null) return;
  const o = node as Record<string, unknown>;
  const valueKey = valueIsSecret || isKeyValueOwner(o);
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (v === null || v === undefined) continue;
    const secretName = !freeForm && SECRET_PROPERTY_NAMES.has(k.toLowerCase());
    if (typeof v === "string") {
      if (secretName || (valueKey && k === "value") || isSecretValue(v)) o[k] = SECRET_MARKER;
    } else if (typeof v === "object") {
      if (secretName && Array.isArray(v)) o[k] = SECRET_MARKER;
      else strip(v, secretName, FREE_FORM_MAPS.has(k.toLowerCase()));
    }
  }
}

/**
 * Replaces every secret value in raw payload items (in place) with `SECRET_MARKER`: properties on
 * the names list at any depth, a Storage key's `value`, and secret-shaped strings. Ids, names and
 * every other value are left exactly as served.
 * @param items raw REST items of one read
 * @returns the same array
 */
export function stripSecrets<T>(items: T[]): T[] {
  for (const item of items) strip(item);
  return items;
}
