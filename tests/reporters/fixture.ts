/**
 * Findings documents for the reporter tests: a realistic small one full of hostile strings, and a
 * generated one with 100,000 results.
 */
import { expect } from "vitest";
import type { Finding, RuleMeta, Severity, Status } from "../../src/engine/types.js";
import type { FindingsDocument } from "../../src/findings/types.js";
import { fingerprint } from "../../src/engine/run.js";
import type { RuleDefinition } from "../../src/engine/types.js";
import res01 from "../../rules/location/resource-location-allowed/rule.js";
import enc01 from "../../rules/storage/storage-account-customer-managed-key/rule.js";
import key01 from "../../rules/key-vault/key-vault-purge-protection/rule.js";
import res10 from "../../rules/m365/m365-data-location-allowed/rule.js";
import cls01 from "../../rules/classification/classification-sakerhetsskydd-absent/rule.js";
import cls02 from "../../rules/classification/classification-data-store-tagged/rule.js";
import acc02 from "../../rules/m365/m365-customer-key-available/rule.js";
import key05 from "../../rules/key-vault/key-vault-rbac-authorization/rule.js";

export const TENANT = "8f2c1d3e-4b5a-4c6d-9e8f-0a1b2c3d4e5f";
export const SUB_PROD = "11111111-2222-4333-8444-555555555555";
export const SUB_TEST = "66666666-7777-4888-9999-aaaaaaaaaaaa";
/** A subscription last night saw and tonight does not. */
export const SUB_HIDDEN = "bbbbbbbb-cccc-4ddd-8eee-ffffffffffff";
export const HOSTILE_NAME = "<img src=x onerror=alert(1)>";
export const USER_OBJECT_ID = "5f1c9b2e-7d4a-4e3b-9a1f-2c6d8e0b4a77";
export const USER_DISPLAY_NAME = "Anna Svensson";
export const USER_UPN = "anna.svensson@exempelby.se";
export const RTL_TEXT = "خادم البيانات الرئيسي";
export const EMOJI = "🔐";
export const LONG_TEXT = `${"x".repeat(9_990)}-END-MARK`;
export const CSV_TRICKY = 'Kontakt: "IT, drift"\nrad två';
export const FORMULA = "=HYPERLINK(\"http://evil.example\",\"klicka\")";
export const PIPE_MESSAGE_SV = 'Prenumerationen "Prod | Säkerhet 🔐" är märkt sakerhetsskydd.';

/** The engine's own fingerprint (rule id, lower-cased resource id, part), so a result here keys as the engine's would. */
export { fingerprint };

function l(en: string, sv: string) {
  return { en, sv };
}

/**
 * A rule's metadata as the engine gives it: the real rule's id, name and severity, its page
 * (rules/<service>/<name>/README.md), the rules catalog first among its guidance; the texts are
 * the fixture's own.
 */
function rule(real: RuleDefinition, service: string, texts: Pick<RuleMeta, "title" | "rationale" | "remediation" | "references"> & { guidance?: RuleMeta["guidance"] }): RuleMeta {
  const { guidance = [], ...rest } = texts;
  return {
    id: real.id,
    name: real.name,
    title: rest.title,
    severity: real.severity,
    rationale: rest.rationale,
    guidance: [{ source: "rules-catalog", id: real.id }, ...guidance],
    remediation: rest.remediation,
    references: rest.references,
    helpUri: `https://github.com/hemvist/hemvist/blob/main/rules/${service}/${real.name}/README.md`,
  };
}

export const RULES: RuleMeta[] = [
  rule(res01, "location", {
    title: l("Resources are stored in allowed regions", "Resurser lagras i tillåtna regioner"),
    rationale: l(
      "The organisation chooses the regions its data is stored in; data outside them may fall under other jurisdictions.",
      "Organisationen väljer i vilka regioner data lagras; data utanför dem kan omfattas av andra länders lagar.",
    ),
    guidance: [{ source: "SKR molntjänster 2019" }],
    remediation: {
      summary: l("Move the resource to an allowed region, or recreate it there.", "Flytta resursen till en tillåten region eller skapa den där."),
      portal: l("Resource → Move → Move to another region.", "Resurs → Flytta → Flytta till en annan region."),
      cli: "az resource move --destination-group <rg> --ids <id>",
      bicep: "param location string = 'swedencentral'",
    },
    references: ["https://learn.microsoft.com/azure/azure-resource-manager/management/move-region"],
  }),
  rule(enc01, "storage", {
    title: l("Storage accounts encrypt with a customer-managed key", "Lagringskonton krypteras med en kundhanterad nyckel"),
    rationale: l(
      "A key the organisation holds itself, in protected hardware, decides who can read the data.",
      "En nyckel som organisationen själv håller, i skyddad hårdvara, avgör vem som kan läsa data.",
    ),
    guidance: [{ source: "CIS Microsoft Azure Foundations 4.0", id: "2.1.1.2.1" }],
    remediation: {
      summary: l("Point the account's encryption at a key in Key Vault or Managed HSM.", "Peka kontots kryptering mot en nyckel i Key Vault eller Managed HSM."),
      cli: "az storage account update --encryption-key-source Microsoft.Keyvault --encryption-key-vault <uri> --encryption-key-name <key>",
      bicep: "encryption: { keySource: 'Microsoft.Keyvault' }",
    },
    references: ["https://learn.microsoft.com/azure/storage/common/customer-managed-keys-overview"],
  }),
  rule(key01, "key-vault", {
    title: l("Key Vaults and managed HSMs cannot be purged", "Key Vault och hanterade HSM kan inte rensas bort"),
    rationale: l("A purged key makes the data it protects unreadable for good.", "En bortrensad nyckel gör data som den skyddar oläsbara för alltid."),
    remediation: {
      summary: l("Turn on purge protection.", "Slå på rensningsskydd."),
      cli: "az keyvault update --name <vault> --enable-purge-protection true",
    },
    references: ["https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview"],
  }),
  rule(res10, "m365", {
    title: l("Microsoft 365 data is stored in allowed geos", "Microsoft 365-data lagras i tillåtna geografier"),
    rationale: l("Multi-geo tenants can place a user's mailbox and OneDrive in another geo.", "En klient med flera geografier kan lägga en användares brevlåda och OneDrive i en annan geografi."),
    remediation: { summary: l("Set the user's preferred data location to an allowed geo.", "Sätt användarens önskade dataplats till en tillåten geografi.") },
    references: ["https://learn.microsoft.com/microsoft-365/enterprise/microsoft-365-multi-geo"],
  }),
  rule(cls01, "classification", {
    title: l("No security-protected information in public cloud", "Ingen säkerhetsskyddsklassificerad information i publikt moln"),
    rationale: l("Information under the Protective Security Act stays out of public cloud.", "Information som omfattas av säkerhetsskyddslagen hålls utanför publika moln."),
    remediation: { summary: l("Move the information to an environment approved for it.", "Flytta informationen till en miljö som är godkänd för den.") },
    references: [],
  }),
  rule(cls02, "classification", {
    title: l("Every data store carries an information classification", "Varje datalager har en informationsklassning"),
    rationale: l("A confidentiality assessment decides how data must be protected.", "En konfidentialitetsbedömning avgör hur data ska skyddas."),
    remediation: { summary: l("Tag the resource with its confidentiality level.", "Märk resursen med dess konfidentialitetsnivå."), cli: "az tag update --operation merge --tags confidentiality=2 --resource-id <id>" },
    references: [],
  }),
  rule(acc02, "m365", {
    title: l("Microsoft 365 Customer Key is available", "Microsoft 365 Customer Key finns tillgängligt"),
    rationale: l("Customer Key lets the organisation hold the keys to its Microsoft 365 data.", "Customer Key låter organisationen hålla nycklarna till sina Microsoft 365-data."),
    remediation: { summary: l("License Customer Key (Microsoft 365 E5 or the add-on).", "Licensiera Customer Key (Microsoft 365 E5 eller tillägget).") },
    references: ["https://learn.microsoft.com/purview/customer-key-overview"],
  }),
  rule(key05, "key-vault", {
    title: l("Key Vaults use Azure RBAC", "Key Vault använder Azure RBAC"),
    rationale: l("RBAC keeps vault access in one audited place.", "RBAC håller åtkomsten till valvet på ett granskat ställe."),
    remediation: { summary: l("Switch the vault to the RBAC permission model.", "Byt valvet till behörighetsmodellen RBAC."), cli: "az keyvault update --name <vault> --enable-rbac-authorization true" },
    references: [],
  }),
];

const rgId = (sub: string, rg: string) => `/subscriptions/${sub}/resourceGroups/${rg}`;

function finding(p: Omit<Finding, "resourceKey" | "fingerprint">): Finding {
  const resourceKey = p.resourceId.toLowerCase();
  return { ...p, resourceKey, fingerprint: fingerprint(p.ruleId, p.resourceId, p.part) };
}

const ST_MILJO = `${rgId(SUB_PROD, "rg-miljo")}/providers/Microsoft.Storage/storageAccounts/stmiljodata01`;
const ST_EKONOMI = `${rgId(SUB_PROD, "rg-ekonomi")}/providers/Microsoft.Storage/storageAccounts/stekonomi01`;
const ST_SOCIAL = `${rgId(SUB_PROD, "rg-socialtjanst")}/providers/Microsoft.Storage/storageAccounts/stsocial01`;
const WEB_HOSTILE = `${rgId(SUB_TEST, "rg-test")}/providers/Microsoft.Web/sites/${HOSTILE_NAME}`;
const KV_TEST = `${rgId(SUB_TEST, "rg-nycklar")}/providers/Microsoft.KeyVault/vaults/kv-test-åäö`;
const KV_PROD = `${rgId(SUB_PROD, "rg-nycklar")}/providers/Microsoft.KeyVault/vaults/kv-prod-01`;
const AI_SOCIAL = `${rgId(SUB_PROD, "rg-socialtjanst")}/providers/Microsoft.CognitiveServices/accounts/oai-socialtjanst`;
const USER_ID = `/tenants/${TENANT}/users/${USER_OBJECT_ID}`;
const SITE_ID = `/tenants/${TENANT}/sites/exempelby.sharepoint.com,0a1b2c3d-1111-2222-3333-444455556666,77778888-9999-aaaa-bbbb-ccccddddeeee`;
const AUTH_MESSAGE = `The client '${USER_UPN}' with object id '${USER_OBJECT_ID}' does not have authorization to perform action 'Microsoft.KeyVault/vaults/read' over scope '/subscriptions/${SUB_TEST}' or the scope is invalid. If access was recently granted, please refresh your credentials.`;

/** stmiljodata01 as every result about it describes it. */
const MILJO = {
  resourceId: ST_MILJO,
  resourceType: "Microsoft.Storage/storageAccounts",
  resourceName: "stmiljodata01",
  subscriptionId: SUB_PROD,
  resourceGroup: "rg-miljo",
  location: "eastus",
  classification: { level: 2, label: "2", source: "inherited", from: rgId(SUB_PROD, "rg-miljo"), tagKey: "confidentiality" },
} satisfies Partial<Finding>;

/** The results of the small document, in no particular order. */
export function results(): Finding[] {
  return [
    finding({
      ruleId: "RES-01",
      status: "fail",
      severity: "high",
      ...MILJO,
      messageId: "notAllowed",
      message: l("stmiljodata01 is stored in eastus, which the profile does not allow.", "stmiljodata01 lagras i eastus, som profilen inte tillåter."),
      evidence: [{ path: "location", actual: "eastus", expected: ["swedencentral", "swedensouth"] }],
      baselineState: "new",
    }),
    finding({
      ruleId: "RES-01",
      status: "pass",
      severity: "high",
      resourceId: ST_EKONOMI,
      resourceType: "Microsoft.Storage/storageAccounts",
      resourceName: "stekonomi01",
      subscriptionId: SUB_PROD,
      resourceGroup: "rg-ekonomi",
      location: "swedencentral",
      classification: { level: 3, label: "3", source: "tag", from: ST_EKONOMI, tagKey: "Konfidentialitet" },
      messageId: "allowed",
      message: l("stekonomi01 is stored in swedencentral.", "stekonomi01 lagras i swedencentral."),
      evidence: [{ path: "location", actual: "swedencentral", expected: ["swedencentral", "swedensouth"] }],
    }),
    finding({
      ruleId: "RES-01",
      status: "fail",
      severity: "high",
      resourceId: WEB_HOSTILE,
      resourceType: "Microsoft.Web/sites",
      resourceName: HOSTILE_NAME,
      subscriptionId: SUB_TEST,
      resourceGroup: "rg-test",
      location: "westeurope",
      classification: { level: 2, label: "2", source: "default" },
      messageId: "notAllowed",
      message: l(
        `${HOSTILE_NAME} is stored in westeurope, which the profile does not allow. </script><script>alert(2)</script>`,
        `${HOSTILE_NAME} lagras i westeurope, som profilen inte tillåter. </script><script>alert(2)</script>`,
      ),
      evidence: [{ path: "location", actual: "westeurope", expected: ["swedencentral", "swedensouth"] }],
      baselineState: "unchanged",
    }),
    finding({
      ruleId: "ENC-01",
      status: "fail",
      severity: "medium",
      ...MILJO,
      messageId: "platformKey",
      message: l("stmiljodata01 uses Microsoft-managed keys.", "stmiljodata01 använder nycklar som Microsoft hanterar."),
      evidence: [{ path: "properties.encryption.keySource", actual: "Microsoft.Storage", expected: "Microsoft.Keyvault" }],
      baselineState: "new",
    }),
    finding({
      ruleId: "ENC-01",
      status: "excepted",
      severity: "high",
      resourceId: ST_SOCIAL,
      resourceType: "Microsoft.Storage/storageAccounts",
      resourceName: "stsocial01",
      subscriptionId: SUB_PROD,
      resourceGroup: "rg-socialtjanst",
      location: "swedencentral",
      classification: { level: 3, label: "3", source: "tag", from: ST_SOCIAL, tagKey: "confidentiality" },
      messageId: "platformKey",
      message: l("stsocial01 uses Microsoft-managed keys.", "stsocial01 använder nycklar som Microsoft hanterar."),
      evidence: [{ path: "properties.encryption.keySource", actual: "Microsoft.Storage", expected: "Microsoft.Keyvault" }],
      exception: {
        id: "EXC-2025-004",
        justification: `Migrering till kundhanterad nyckel pågår, klar Q3. Kontakt ${USER_UPN} & "drift".`,
        owner: USER_UPN,
        ticket: "INC0012345",
        expires: "2025-09-30",
      },
    }),
    finding({
      ruleId: "KEY-01",
      status: "not-assessed",
      severity: "high",
      resourceId: `/subscriptions/${SUB_TEST}`,
      subscriptionId: SUB_TEST,
      messageId: "notAssessed",
      message: l(
        `Key Vaults in subscription ${SUB_TEST} could not be read (403 AuthorizationFailed).`,
        `Key Vault i prenumerationen ${SUB_TEST} kunde inte läsas (403 AuthorizationFailed).`,
      ),
      notAssessed: {
        scope: `/subscriptions/${SUB_TEST}`,
        collection: "keyVaults",
        httpStatus: 403,
        code: "AuthorizationFailed",
        message: AUTH_MESSAGE,
        permission: "Microsoft.KeyVault/vaults/read",
      },
      baselineState: "unchanged",
    }),
    finding({
      ruleId: "KEY-01",
      status: "pass",
      severity: "high",
      resourceId: KV_PROD,
      resourceType: "Microsoft.KeyVault/vaults",
      resourceName: "kv-prod-01",
      subscriptionId: SUB_PROD,
      resourceGroup: "rg-nycklar",
      location: "swedencentral",
      messageId: "protected",
      message: l("kv-prod-01 has soft delete and purge protection.", "kv-prod-01 har mjuk borttagning och rensningsskydd."),
      evidence: [{ path: "properties.enablePurgeProtection", actual: true, expected: true }],
    }),
    finding({
      ruleId: "RES-10",
      status: "fail",
      severity: "high",
      resourceId: USER_ID,
      part: "user",
      resourceType: "microsoft.graph.user",
      resourceName: `${USER_DISPLAY_NAME} (${USER_UPN})`,
      location: "NAM",
      messageId: "userGeo",
      message: l(
        `User ${USER_OBJECT_ID} has preferred data location NAM, which the profile does not allow.`,
        `Användaren ${USER_OBJECT_ID} har önskad dataplats NAM, som profilen inte tillåter.`,
      ),
      evidence: [{ path: "preferredDataLocation", actual: "NAM", expected: ["SWE"] }],
      baselineState: "new",
    }),
    finding({
      ruleId: "RES-10",
      status: "pass",
      severity: "high",
      resourceId: SITE_ID,
      part: "site",
      resourceType: "microsoft.graph.site",
      resourceName: `Socialtjänsten – ${RTL_TEXT}`,
      location: "SWE",
      messageId: "siteGeo",
      message: l("Site exempelby.sharepoint.com is stored in SWE.", "Webbplatsen exempelby.sharepoint.com lagras i SWE."),
      evidence: [{ path: "siteCollection.dataLocationCode", actual: "SWE", expected: ["SWE"] }],
    }),
    finding({
      ruleId: "CLS-01",
      status: "fail",
      severity: "critical",
      resourceId: `/subscriptions/${SUB_PROD}`,
      resourceType: "Microsoft.Resources/subscriptions",
      resourceName: `Prod | Säkerhet ${EMOJI}`,
      subscriptionId: SUB_PROD,
      classification: { level: 4, label: "sakerhetsskydd", source: "tag", from: `/subscriptions/${SUB_PROD}`, tagKey: "confidentiality" },
      messageId: "present",
      message: l('Subscription "Prod | Säkerhet 🔐" is classified sakerhetsskydd.', PIPE_MESSAGE_SV),
      evidence: [{ path: "tags.confidentiality", actual: "sakerhetsskydd", expected: "no sakerhetsskydd in public cloud" }],
    }),
    finding({
      ruleId: "CLS-02",
      status: "fail",
      severity: "medium",
      resourceId: `${rgId(SUB_TEST, "rg-test")}/providers/Microsoft.Sql/servers/sql-${RTL_TEXT.replace(/ /g, "-")}`,
      resourceType: "Microsoft.Sql/servers",
      resourceName: `sql-${RTL_TEXT}`,
      subscriptionId: SUB_TEST,
      resourceGroup: "rg-test",
      location: "swedencentral",
      classification: { level: 2, label: "2", source: "default" },
      messageId: "unclassified",
      message: l(`sql-${RTL_TEXT} carries no classification tag.`, `sql-${RTL_TEXT} saknar klassningstagg.`),
      evidence: [
        { path: "tags.confidentiality", expected: "0, 1, 2, 3 or sakerhetsskydd", defaulted: true },
        { path: "tags.owner", actual: `O'Brien "ops" & co ${EMOJI}`, expected: "any" },
        { path: "tags.note", actual: LONG_TEXT, expected: "any" },
        { path: "tags.contact", actual: CSV_TRICKY, expected: "any" },
        { path: "tags.formula", actual: FORMULA, expected: "any" },
      ],
    }),
    finding({
      ruleId: "ACC-02",
      status: "fail",
      severity: "info",
      resourceId: `/tenants/${TENANT}`,
      resourceType: "microsoft.graph.organization",
      messageId: "absent",
      message: l("The tenant has no Customer Key service plan.", "Klientorganisationen saknar tjänsteplanen Customer Key."),
      evidence: [{ path: "subscribedSkus[].servicePlans[].servicePlanName", actual: ["EXCHANGE_S_STANDARD", "SHAREPOINTENTERPRISE"], expected: "CUSTOMER_KEY" }],
    }),
    finding({
      ruleId: "KEY-05",
      status: "fail",
      severity: "low",
      resourceId: KV_TEST,
      resourceType: "Microsoft.KeyVault/vaults",
      resourceName: "kv-test-åäö",
      subscriptionId: SUB_TEST,
      resourceGroup: "rg-nycklar",
      location: "swedencentral",
      messageId: "accessPolicies",
      message: l("kv-test-åäö uses access policies.", "kv-test-åäö använder åtkomstprinciper."),
      evidence: [{ path: "properties.enableRbacAuthorization", expected: true, defaulted: true }],
    }),
  ];
}

/** Counts for `summary`, from the results. */
export function summarize(rs: readonly Finding[]): FindingsDocument["summary"] {
  const byStatus: Record<Status, number> = { fail: 0, "not-assessed": 0, "attestation-required": 0, excepted: 0, pass: 0 };
  const failBySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  const byRule: Record<string, Record<Status, number>> = {};
  const resources = new Set<string>();
  const subs = new Set<string>();
  for (const f of rs) {
    byStatus[f.status] += 1;
    if (f.status === "fail") failBySeverity[f.severity] += 1;
    byRule[f.ruleId] ??= { fail: 0, "not-assessed": 0, "attestation-required": 0, excepted: 0, pass: 0 };
    const counts = byRule[f.ruleId];
    if (counts) counts[f.status] += 1;
    resources.add(f.resourceKey);
    if (f.subscriptionId) subs.add(f.subscriptionId);
  }
  return { total: rs.length, byStatus, failBySeverity, byRule, resources: resources.size, subscriptions: subs.size };
}

/** The small, hostile, realistic document. */
export function makeDocument(): FindingsDocument {
  const rs = results();
  return {
    schemaVersion: "1.0.0",
    tool: { name: "hemvist", version: "0.1.0" },
    generatedAt: "2025-05-20T02:14:07.512Z",
    tenantId: TENANT,
    tenantName: "Exempelby kommun – Miljö- och hälsoskyddsförvaltningen",
    collectedAt: "2025-05-20T02:03:41.118Z",
    snapshotSha256: "3f9a1c0e5b7d2a4c6e8f0a1b3c5d7e9f1a2b3c4d5e6f708192a3b4c5d6e7f8a9",
    profile: { name: "se", allowedRegions: ["swedencentral", "swedensouth"], allowedM365Geos: ["SWE"], aiDataZoneAllowed: false },
    exit: { code: 1, reason: { en: "8 failing results at or above low; 1 scope not assessed.", sv: "8 underkända resultat med allvarlighetsgrad låg eller högre; 1 område ej bedömt." }, failOn: "low", failOnNew: false, allowPartial: false },
    summary: summarize(rs),
    rules: RULES,
    results: rs,
    coverage: [
      {
        scope: `/subscriptions/${SUB_TEST}`,
        collection: "keyVaults",
        operation: `GET /subscriptions/${SUB_TEST}/providers/Microsoft.KeyVault/vaults`,
        httpStatus: 403,
        code: "AuthorizationFailed",
        message: AUTH_MESSAGE,
        permission: "Microsoft.KeyVault/vaults/read",
        blinds: ["KEY-01", "KEY-04", "KEY-05", "ENC-07"],
      },
    ],
    disabledRules: [{ id: "ENC-08", title: l("AI service accounts encrypt with a customer-managed key", "AI-tjänstkonton krypterar med kundhanterad nyckel") }, { id: "KEY-03" }],
    baseline: {
      path: "reports/baseline/findings.json",
      generatedAt: "2025-05-19T02:12:55.004Z",
      snapshotSha256: "aa11bb22cc33dd44ee55ff6600778899aabbccddeeff00112233445566778899",
      resolved: [
        {
          ruleId: "KEY-01",
          resourceId: `${rgId(SUB_PROD, "rg-nycklar")}/providers/Microsoft.KeyVault/vaults/kv-gammal`,
          resourceKey: `${rgId(SUB_PROD, "rg-nycklar")}/providers/Microsoft.KeyVault/vaults/kv-gammal`.toLowerCase(),
          fingerprint: fingerprint("KEY-01", `${rgId(SUB_PROD, "rg-nycklar")}/providers/Microsoft.KeyVault/vaults/kv-gammal`.toLowerCase()),
          severity: "high",
          status: "fail",
          message: l("kv-gammal can be purged.", "kv-gammal kan rensas bort."),
          resourceType: "Microsoft.KeyVault/vaults",
          subscriptionId: SUB_PROD,
          location: "swedencentral",
          resolution: "passes",
        },
        {
          ruleId: "RES-01",
          resourceId: `${rgId(SUB_TEST, "rg-test")}/providers/Microsoft.Compute/disks/disk-old|pipe`,
          resourceKey: `${rgId(SUB_TEST, "rg-test")}/providers/Microsoft.Compute/disks/disk-old|pipe`.toLowerCase(),
          fingerprint: fingerprint("RES-01", `${rgId(SUB_TEST, "rg-test")}/providers/Microsoft.Compute/disks/disk-old|pipe`.toLowerCase()),
          severity: "high",
          status: "fail",
          message: l("disk-old|pipe is stored in northeurope.", "disk-old|pipe lagras i northeurope."),
          resourceType: "Microsoft.Compute/disks",
          subscriptionId: SUB_TEST,
          location: "northeurope",
          resolution: "gone",
        },
      ],
      unverified: [
        {
          ruleId: "ENC-08",
          resourceId: AI_SOCIAL,
          resourceKey: AI_SOCIAL.toLowerCase(),
          fingerprint: fingerprint("ENC-08", AI_SOCIAL.toLowerCase()),
          severity: "high",
          status: "fail",
          message: l("oai-socialtjanst uses Microsoft-managed keys.", "oai-socialtjanst använder Microsofts nycklar."),
          resourceType: "Microsoft.CognitiveServices/accounts",
          subscriptionId: SUB_PROD,
          location: "swedencentral",
          reason: {
            code: "rule-disabled",
            en: "No result tonight: the rule is turned off in the configuration.",
            sv: "Inget resultat i natt: regeln är avstängd i konfigurationen.",
          },
        },
        {
          ruleId: "KEY-01",
          resourceId: `${rgId(SUB_TEST, "rg-test")}/providers/Microsoft.KeyVault/vaults/kv-oläst`,
          resourceKey: `${rgId(SUB_TEST, "rg-test")}/providers/Microsoft.KeyVault/vaults/kv-oläst`.toLowerCase(),
          fingerprint: fingerprint("KEY-01", `${rgId(SUB_TEST, "rg-test")}/providers/Microsoft.KeyVault/vaults/kv-oläst`.toLowerCase()),
          severity: "high",
          status: "fail",
          message: l("kv-oläst can be purged.", "kv-oläst kan rensas bort."),
          resourceType: "Microsoft.KeyVault/vaults",
          subscriptionId: SUB_TEST,
          location: "swedencentral",
          reason: {
            code: "scope-unreadable",
            en: "No result tonight, and a scope it depended on could not be read tonight.",
            sv: "Inget resultat i natt, och ett område som resultatet berodde på kunde inte läsas i natt.",
          },
        },
        {
          ruleId: "ENC-01",
          resourceId: `${rgId(SUB_HIDDEN, "rg-arkiv")}/providers/Microsoft.Storage/storageAccounts/starkivdolt`,
          resourceKey: `${rgId(SUB_HIDDEN, "rg-arkiv")}/providers/Microsoft.Storage/storageAccounts/starkivdolt`.toLowerCase(),
          part: "blob",
          fingerprint: fingerprint("ENC-01", `${rgId(SUB_HIDDEN, "rg-arkiv")}/providers/Microsoft.Storage/storageAccounts/starkivdolt`.toLowerCase(), "blob"),
          severity: "medium",
          status: "not-assessed",
          message: l(`starkivdolt uses Microsoft-managed keys; contact ${USER_UPN}.`, `starkivdolt använder Microsofts nycklar; kontakta ${USER_UPN}.`),
          resourceType: "Microsoft.Storage/storageAccounts",
          subscriptionId: SUB_HIDDEN,
          location: "swedencentral",
          reason: {
            code: "out-of-view",
            en: "No result tonight: its subscription was not among the subscriptions visible tonight.",
            sv: "Inget resultat i natt: prenumerationen fanns inte bland de prenumerationer som syntes i natt.",
          },
        },
      ],
      counts: { new: 3, unchanged: 2, resolved: 2, unverified: 3 },
    },
    exceptions: [
      {
        id: "EXC-2025-004",
        ruleId: "ENC-01",
        resource: ST_SOCIAL,
        justification: `Migrering till kundhanterad nyckel pågår, klar Q3. Kontakt ${USER_UPN} & "drift".`,
        owner: USER_UPN,
        ticket: "INC0012345",
        expires: "2025-09-30",
        state: "active",
        matched: 1,
      },
      {
        id: "EXC-2025-001",
        ruleId: "RES-01",
        resource: `${rgId(SUB_PROD, "rg-gis")}/providers/Microsoft.Maps/accounts/maps-karta`,
        justification: `Azure Maps finns inte i Sverige; ${RTL_TEXT}`,
        owner: "GIS-enheten",
        expires: "2025-06-10",
        state: "expiring",
        matched: 0,
      },
      {
        id: "EXC-2024-017",
        ruleId: "KEY-05",
        resource: KV_TEST,
        justification: "Tillfälligt under övergången till RBAC.",
        owner: "Plattformsteamet",
        ticket: "CHG0004711",
        expires: "2025-04-30",
        state: "expired",
        matched: 0,
        warnings: ["Expired on 2025-04-30; the result is reported as fail."],
      },
      {
        id: "EXC-2025-009",
        ruleId: "CLS-01",
        resource: "**",
        justification: "Klassning införs under 2026.",
        owner: "klassning@exempelby.se",
        expires: "2027-12-31",
        ruleWide: true,
        state: "invalid",
        matched: 0,
        warnings: ["expires 2027-12-31, more than 365 days ahead (the configured maximum); it is not applied"],
      },
    ],
    residency: {
      regions: [
        { region: "swedencentral", allowed: true, subscriptionId: SUB_PROD, count: 42 },
        { region: "swedencentral", allowed: true, subscriptionId: SUB_TEST, count: 17 },
        { region: "swedensouth", allowed: true, subscriptionId: SUB_PROD, count: 6 },
        { region: "eastus", allowed: false, subscriptionId: SUB_PROD, count: 1 },
        { region: "westeurope", allowed: false, subscriptionId: SUB_TEST, count: 3 },
        { region: "global", allowed: false, subscriptionId: SUB_PROD, count: 2 },
      ],
      m365Geos: [
        { geo: "SWE", allowed: true, kind: "tenant", count: 1 },
        { geo: "SWE", allowed: true, kind: "site", count: 214 },
        { geo: "SWE", allowed: true, kind: "user", count: 3 },
        { geo: "NAM", allowed: false, kind: "user", count: 1 },
      ],
    },
  };
}

const STATUSES_CYCLE: Status[] = ["fail", "pass", "pass", "not-assessed", "fail", "pass", "excepted", "pass"];
const SEVERITIES_CYCLE: Severity[] = ["critical", "high", "medium", "low", "info"];
const REGIONS = ["swedencentral", "swedensouth", "westeurope", "northeurope", "eastus"];

/** A document with `count` generated results over ten subscriptions (for scale tests). */
export function makeLargeDocument(count: number): FindingsDocument {
  const base = makeDocument();
  const rs: Finding[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const sub = `${String(i % 10).repeat(8)}-0000-4000-8000-${String(i % 10).repeat(12)}`;
    const rule = RULES[i % RULES.length] as RuleMeta;
    const status = STATUSES_CYCLE[i % STATUSES_CYCLE.length] as Status;
    const severity = SEVERITIES_CYCLE[i % SEVERITIES_CYCLE.length] as Severity;
    const location = REGIONS[i % REGIONS.length] as string;
    const name = `st${i.toString(36).padStart(6, "0")}`;
    rs[i] = finding({
      ruleId: rule.id,
      status,
      severity,
      resourceId: `/subscriptions/${sub}/resourceGroups/rg-${i % 40}/providers/Microsoft.Storage/storageAccounts/${name}`,
      resourceType: "Microsoft.Storage/storageAccounts",
      resourceName: name,
      subscriptionId: sub,
      resourceGroup: `rg-${i % 40}`,
      location,
      classification: { level: 2, label: String(i % 4), source: "tag", tagKey: "confidentiality" },
      messageId: "generated",
      message: l(`${name} is stored in ${location}.`, `${name} lagras i ${location}.`),
      evidence: [{ path: "location", actual: location, expected: ["swedencentral", "swedensouth"] }],
    });
  }
  return { ...base, results: rs, summary: summarize(rs), baseline: undefined, coverage: [] };
}

/** Who attested the fixture's facts: an e-mail address, personal data that only HTML and JSON may show. */
export const ATTESTER = "it-chef.karin@exempelby.se";
/** Hostile text in what a rule says to attest and where to read it (rules and the configuration supply these strings). */
export const HOSTILE_WHAT = "Whether Customer Key policies are assigned <img src=x onerror=alert(3)> | **bold** `tick`";
export const HOSTILE_READ_AT = "Purview → Settings </script><script>alert(4)</script> [link](javascript:alert(5))";
export const HOSTILE_EXAMPLE = 'attestations:\n  customerKeyPolicies:\n    assigned: true\n    attestedBy: "<name or e-mail>"\n    attestedOn: YYYY-MM-DD\n    source: "```</script><!-- |x| -->"';
export const HOSTILE_SOURCE = `Admin center → Data location <b onmouseover=alert(6)>x</b> | =cmd ${EMOJI}`;
export const TENANT_ID = `/tenants/${TENANT}`;

/**
 * Results about attestation: ACC-02 `configured` needs attestation again (its attestation is
 * stale; hostile texts in what, where and the example), and RES-10 `default-geo` fails on a
 * default geo attested in the configuration (EUR; evidence of kind attested, hostile source).
 */
export function attestationResults(): Finding[] {
  return [
    finding({
      ruleId: "ACC-02",
      status: "attestation-required",
      severity: "info",
      resourceId: TENANT_ID,
      resourceType: "microsoft.graph.organization",
      part: "configured",
      messageId: "configuredAttestationStale",
      message: l(
        "Whether Customer Key data-encryption policies are assigned was attested on 2024-03-01, more than 365 days ago.",
        "Att Customer Key-policyer för datakryptering är tilldelade intygades 2024-03-01, för mer än 365 dagar sedan.",
      ),
      attestation: {
        key: "customerKeyPolicies",
        state: "stale",
        attestedOn: "2024-03-01",
        what: l(HOSTILE_WHAT, "Om Customer Key-policyer är tilldelade <img src=x onerror=alert(3)> | **fet**"),
        readAt: l(HOSTILE_READ_AT, "Purview → Inställningar </script><script>alert(4)</script>"),
        example: HOSTILE_EXAMPLE,
      },
    }),
    finding({
      ruleId: "RES-10",
      status: "fail",
      severity: "high",
      resourceId: TENANT_ID,
      resourceType: "microsoft.graph.organization",
      part: "default-geo",
      messageId: "defaultGeoNotAllowed",
      message: l("The tenant's default geo EUR (attested) is not allowed.", "Klientorganisationens standardgeografi EUR (intygad) är inte tillåten."),
      evidence: [
        {
          path: "attestations.m365DefaultGeo.geo",
          actual: "EUR",
          expected: ["SWE"],
          kind: "attested",
          attestation: { key: "m365DefaultGeo", attestedBy: ATTESTER, attestedOn: "2024-06-01", source: HOSTILE_SOURCE },
        },
      ],
    }),
  ];
}

/** RES-10 `default-geo` with no attestation at all (state missing): what a tenant without one sees. */
export function missingDefaultGeo(): Finding {
  return finding({
    ruleId: "RES-10",
    status: "attestation-required",
    severity: "high",
    resourceId: TENANT_ID,
    resourceType: "microsoft.graph.organization",
    part: "default-geo",
    messageId: "defaultGeoAttestationRequired",
    message: l("No API shows the tenant's default geo, and the configuration does not attest it.", "Inget API visar klientens standardgeografi, och konfigurationen intygar den inte."),
    attestation: {
      key: "m365DefaultGeo",
      state: "missing",
      what: l("The Microsoft 365 tenant's default geo (a geo code such as SWE).", "Microsoft 365-klientens standardgeografi (en geografikod som SWE)."),
      readAt: l(
        "Microsoft 365 admin center → Settings → Org settings → Organization profile → Data location",
        "Administrationscentret för Microsoft 365 → Inställningar → Organisationsinställningar → Organisationsprofil → Dataplats",
      ),
      example: "attestations:\n  m365DefaultGeo:\n    geo: SWE\n    attestedBy: <name or e-mail>\n    attestedOn: YYYY-MM-DD\n    source: Microsoft 365 admin center → Data location",
    },
  });
}

/**
 * The small document with the attestation results added and the configuration's attestations
 * listed (m365DefaultGeo expiring, customerKeyPolicies stale), as findings.json 1.3.0 carries them.
 * @param replace results that take the place of the fixture's with the same fingerprint (or are added)
 */
export function makeAttestationDocument(replace: Finding[] = []): FindingsDocument {
  const base = makeDocument();
  const replaced = new Set(replace.map((f) => f.fingerprint));
  const rs = [...base.results, ...attestationResults()].filter((f) => !replaced.has(f.fingerprint)).concat(replace);
  return {
    ...base,
    schemaVersion: "1.3.0",
    results: rs,
    summary: summarize(rs),
    attestations: [
      { key: "m365DefaultGeo", value: "EUR", attestedBy: ATTESTER, attestedOn: "2024-06-01", source: HOSTILE_SOURCE, state: "expiring", staleOn: "2025-06-02" },
      { key: "customerKeyPolicies", value: true, attestedBy: ATTESTER, attestedOn: "2024-03-01", source: "Microsoft Purview portal → Customer Key", state: "stale", staleOn: "2025-03-02" },
    ],
  };
}

/** The table that follows a heading, as rows of cells (header row first). */
export function markdownTable(md: string, heading: string): string[][] {
  const lines = md.split("\n");
  const start = lines.indexOf(heading);
  expect(start, `heading ${heading}`).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.startsWith("#")) break;
    if (!line.startsWith("|")) {
      if (rows.length > 0) break;
      continue;
    }
    if (/^\|( ---? \|)+$/.test(line) || /^\|(\s*---\s*\|)+$/.test(line)) continue;
    // Split on pipes that are not escaped.
    rows.push(line.slice(2, -2).split(/(?<!\\) \| /));
  }
  return rows;
}
