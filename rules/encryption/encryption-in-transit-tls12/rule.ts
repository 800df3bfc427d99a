/**
 * ENC-06: data in transit to storage accounts, SQL servers and Cosmos DB accounts uses TLS 1.2 or
 * newer (and, for storage, HTTPS only).
 */

import type { ArmResource, Evidence, RuleHelpers, RuleResult } from "../../../src/index.js";
import { arr, bool, defineRule, eqi, prop, str } from "../../../src/index.js";

/**
 * The TLS version a setting stands for, as [major, minor], or undefined when it names none.
 * Storage `TLS1_0`…`TLS1_3`, SQL `1.0`…`1.3`, Cosmos `Tls` (1.0), `Tls11`, `Tls12`, `Tls13`.
 */
function tlsVersion(value: string): [number, number] | undefined {
  const v = value.trim().toLowerCase().replace(/^tls/, "").replace(/[_\s]/g, ".");
  if (v === "") return [1, 0]; // Cosmos "Tls" means TLS 1.0
  let m = /^v?(\d)\.(\d)$/.exec(v);
  if (m) return [Number(m[1]), Number(m[2])];
  m = /^(\d)(\d)$/.exec(v); // Cosmos "Tls12"
  if (m) return [Number(m[1]), Number(m[2])];
  m = /^(\d)$/.exec(v);
  if (m) return [Number(m[1]), 0];
  return undefined;
}

function atLeast12(v: [number, number]): boolean {
  return v[0] > 1 || (v[0] === 1 && v[1] >= 2);
}

/** Judges one minimum-TLS setting: `undefined` raw means the given default (defaulted). */
function judgeTls(raw: unknown, fallback: string | undefined): { ok: boolean; shown: string; known: boolean } {
  const value = typeof raw === "string" ? raw : fallback;
  if (value === undefined || value.trim().toLowerCase() === "none") return { ok: false, shown: typeof raw === "string" ? raw : "none", known: true };
  const v = tlsVersion(value);
  if (!v) return { ok: false, shown: value, known: false };
  return { ok: atLeast12(v), shown: value, known: true };
}

function storage(account: ArmResource, { pass, fail }: RuleHelpers): RuleResult {
  const httpsRaw = prop(account, "properties.supportsHttpsTrafficOnly");
  const httpsOnly = httpsRaw === undefined ? true : bool(account, "properties.supportsHttpsTrafficOnly") !== false;
  const tlsRaw = prop(account, "properties.minimumTlsVersion");
  const tls = judgeTls(tlsRaw, "TLS1_0");
  const evidence: Evidence[] = [
    { path: "properties.supportsHttpsTrafficOnly", actual: httpsRaw, expected: true, ...(httpsRaw === undefined ? { defaulted: true } : {}) },
    { path: "properties.minimumTlsVersion", actual: tlsRaw, expected: { en: "TLS1_2 or newer", sv: "TLS1_2 eller nyare" }, ...(tlsRaw === undefined ? { defaulted: true } : {}) },
  ];
  const data = { tls: tls.shown };
  if (!httpsOnly && !tls.ok) return fail(account, "httpAndOldTls", data, { evidence });
  if (!httpsOnly) return fail(account, "httpAllowed", data, { evidence });
  if (!tls.ok) return fail(account, tls.known ? "oldTls" : "unknownTls", data, { evidence });
  return pass(account, "storageOk", data, { evidence });
}

function minimumTls(resource: ArmResource, path: string, fallback: string | undefined, expected: { en: string; sv: string }, { pass, fail }: RuleHelpers): RuleResult {
  const raw = prop(resource, path);
  const tls = judgeTls(raw, fallback);
  const evidence: Evidence[] = [{ path, actual: raw, expected, ...(raw === undefined ? { defaulted: true } : {}) }];
  const data = { tls: tls.shown };
  if (tls.ok) return pass(resource, "tlsOk", data, { evidence });
  const none = (raw === undefined && fallback === undefined) || (typeof raw === "string" && raw.trim().toLowerCase() === "none");
  return fail(resource, none ? "noMinimum" : tls.known ? "oldTls" : "unknownTls", data, { evidence });
}

/**
 * The Cosmos DB API that only accepts TLS 1.2 (`MongoDB` or `Cassandra`), from the account's
 * `kind` (`MongoDB`) or its `capabilities[].name` (`EnableMongo`, `EnableCassandra`).
 */
function tls12OnlyApi(account: ArmResource): string | undefined {
  if (eqi(str(account, "kind"), "MongoDB")) return "MongoDB";
  const names = arr(account, "properties.capabilities").map((c) => str(c, "name"));
  if (names.some((n) => eqi(n, "EnableCassandra"))) return "Cassandra";
  if (names.some((n) => eqi(n, "EnableMongo"))) return "MongoDB";
  return undefined;
}

/**
 * Cosmos DB: an absent `minimalTlsVersion` is the platform default, which the API spec gives as
 * TLS 1.0 except for the Cassandra and MongoDB APIs (TLS 1.2 only).
 */
function cosmos(account: ArmResource, helpers: RuleHelpers): RuleResult {
  const raw = prop(account, "properties.minimalTlsVersion");
  if (raw !== undefined) return minimumTls(account, "properties.minimalTlsVersion", "Tls", { en: "Tls12 or newer", sv: "Tls12 eller nyare" }, helpers);
  const api = tls12OnlyApi(account);
  const evidence: Evidence[] = [
    { path: "properties.minimalTlsVersion", actual: raw, expected: { en: "Tls12 or newer", sv: "Tls12 eller nyare" }, defaulted: true },
    { path: "kind, properties.capabilities[].name", actual: api ?? str(account, "kind") ?? null, expected: { en: "MongoDB or Cassandra API (TLS 1.2 only), or minimalTlsVersion Tls12", sv: "MongoDB- eller Cassandra-API (endast TLS 1.2), eller minimalTlsVersion Tls12" } },
  ];
  if (api) return helpers.pass(account, "tlsApiDefault", { api }, { evidence });
  return helpers.fail(account, "oldTls", { tls: "Tls" }, { evidence });
}

export default defineRule({
  id: "ENC-06",
  name: "encryption-in-transit-tls12",
  title: {
    en: "Data in transit to storage, SQL and Cosmos DB uses TLS 1.2 or newer",
    sv: "Data under överföring till lagring, SQL och Cosmos DB använder TLS 1.2 eller senare",
  },
  severity: "medium",
  rationale: {
    en: "Encryption at rest protects little if the same data crosses the network in clear text or under TLS 1.0 and 1.1, which have known weaknesses and are retired across Azure. Requiring HTTPS and TLS 1.2 or newer on every data store keeps the information encrypted on its way to and from the service. Microsoft's FAQ for Swedish public-sector customers describes encryption of data both stored and in transit, and Danderyd municipality's 2019 Office 365 assessment lists encryption among the risk-reducing measures.",
    sv: "Kryptering av lagrad data skyddar lite om samma data går över nätverket i klartext eller med TLS 1.0 och 1.1, som har kända svagheter och fasas ut i Azure. Krav på HTTPS och TLS 1.2 eller senare för varje datalager håller informationen krypterad på väg till och från tjänsten. Microsofts vanliga frågor för svenska offentliga kunder beskriver kryptering av data både i vila och under överföring, och Danderyds kommuns bedömning av Office 365 från 2019 nämner kryptering bland de riskreducerande åtgärderna.",
  },
  guidance: [
    { doc: "rules-catalog", id: "ENC-06" },
    { doc: "microsoft-faq-se", title: "Kryptering" },
    { doc: "danderyd-o365-2019", title: "Risk-reducing measures: encryption" },
  ],
  reads: ["storageAccounts", "sqlServers", "cosmosDbAccounts"],
  targets: [{ collection: "storageAccounts" }, { collection: "sqlServers" }, { collection: "cosmosDbAccounts" }],
  messages: {
    storageOk: {
      en: "{{name}} accepts HTTPS only, with minimum TLS version {{tls}}.",
      sv: "{{name}} tar bara emot HTTPS, med lägsta TLS-version {{tls}}.",
    },
    tlsOk: {
      en: "{{name}} requires TLS 1.2 or newer (minimum {{tls}}).",
      sv: "{{name}} kräver TLS 1.2 eller senare (lägsta version {{tls}}).",
    },
    httpAllowed: {
      en: "{{name}} accepts unencrypted HTTP requests.",
      sv: "{{name}} tar emot okrypterade HTTP-anrop.",
    },
    httpAndOldTls: {
      en: "{{name}} accepts unencrypted HTTP requests and TLS versions older than 1.2 (minimum {{tls}}).",
      sv: "{{name}} tar emot okrypterade HTTP-anrop och TLS-versioner äldre än 1.2 (lägsta version {{tls}}).",
    },
    oldTls: {
      en: "{{name}} accepts TLS versions older than 1.2 (minimum {{tls}}).",
      sv: "{{name}} tar emot TLS-versioner äldre än 1.2 (lägsta version {{tls}}).",
    },
    noMinimum: {
      en: "{{name}} sets no minimum TLS version, so TLS 1.0 and 1.1 are accepted.",
      sv: "{{name}} anger ingen lägsta TLS-version, så TLS 1.0 och 1.1 tas emot.",
    },
    tlsApiDefault: {
      en: "{{name}} serves the {{api}} API, which accepts only TLS 1.2 when no minimum is set.",
      sv: "{{name}} använder {{api}}-API:t, som bara tar emot TLS 1.2 när ingen lägsta version är angiven.",
    },
    unknownTls: {
      en: "{{name}} has a minimum TLS setting Hemvist does not recognise ({{tls}}).",
      sv: "{{name}} har en inställning för lägsta TLS-version som Hemvist inte känner igen ({{tls}}).",
    },
  },
  evaluate({ inventory, each }, helpers) {
    return [
      ...each(inventory.all("storageAccounts"), (a) => storage(a, helpers)),
      // SQL: absent or "None" means no minimum (every version accepted).
      ...each(inventory.all("sqlServers"), (s) => minimumTls(s, "properties.minimalTlsVersion", undefined, { en: "1.2 or newer", sv: "1.2 eller nyare" }, helpers)),
      // Cosmos DB: absent is TLS 1.0, except for the Cassandra and MongoDB APIs (TLS 1.2); see the rule page.
      ...each(inventory.all("cosmosDbAccounts"), (c) => cosmos(c, helpers)),
    ];
  },
  remediation: {
    summary: {
      en: "Set the minimum TLS version to 1.2 (or 1.3) on every storage account, SQL server and Cosmos DB account, and turn on secure transfer (HTTPS only) for storage accounts; check first that no client still needs an older protocol.",
      sv: "Sätt lägsta TLS-version till 1.2 (eller 1.3) på varje lagringskonto, SQL-server och Cosmos DB-konto, och aktivera säker överföring (endast HTTPS) för lagringskonton; kontrollera först att inget anslutande program fortfarande behöver ett äldre protokoll.",
    },
    portal: {
      en: "Storage account → Settings → Configuration → Secure transfer required: Enabled, Minimum TLS version: 1.2; SQL server → Security → Networking → Connectivity → Minimum TLS version 1.2; Cosmos DB account → Settings → Networking → Connectivity → Minimum Transport Layer Security Protocol: TLS 1.2.",
      sv: "Lagringskonto → Inställningar → Konfiguration → Säker överföring krävs: Aktiverad, Lägsta TLS-version: 1.2; SQL-server → Säkerhet → Nätverk → Anslutning → Lägsta TLS-version 1.2; Cosmos DB-konto → Inställningar → Nätverk → Anslutning → Lägsta TLS-protokoll: TLS 1.2.",
    },
    cli: "az storage account update -g <rg> -n <account> --https-only true --min-tls-version TLS1_2\naz sql server update -g <rg> -n <server> --minimal-tls-version 1.2\naz cosmosdb update -g <rg> -n <account> --minimal-tls-version Tls12",
    bicep:
      "storage: properties: { supportsHttpsTrafficOnly: true, minimumTlsVersion: 'TLS1_2' }\nsql server: properties: { minimalTlsVersion: '1.2' }\ncosmos: properties: { minimalTlsVersion: 'Tls12' }",
  },
  references: [
    "https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-minimum-version",
    "https://learn.microsoft.com/azure/storage/common/storage-require-secure-transfer",
    "https://learn.microsoft.com/azure/azure-sql/database/connectivity-settings#minimal-tls-version",
    "https://learn.microsoft.com/azure/cosmos-db/self-serve-minimum-tls-enforcement",
  ],
});
