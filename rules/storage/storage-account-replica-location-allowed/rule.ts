/**
 * RES-04: geo-replicated storage keeps its secondary copy in an allowed region, and accounts do
 * not allow object replication to other tenants.
 */
import { bool, defineRule, normalizeRegion, regionAllowed, str } from "../../../src/index.js";
import type { Evidence, RuleResult } from "../../../src/index.js";

/** SKU suffixes that keep a copy in a second region (`Standard_GRS`, `Standard_RAGZRS`, ...). */
const GEO_SKUS = new Set(["grs", "ragrs", "gzrs", "ragzrs"]);
/** Accounts created before this keep the old default `allowCrossTenantReplication: true`. */
const CROSS_TENANT_DEFAULT_CHANGE = Date.parse("2023-12-15T00:00:00Z");

function isGeoSku(sku: string | undefined): boolean {
  if (!sku) return false;
  const suffix = sku.toLowerCase().split("_").pop() ?? "";
  return GEO_SKUS.has(suffix);
}

export default defineRule({
  id: "RES-04",
  name: "storage-account-replica-location-allowed",
  title: {
    en: "Storage replicas stay in allowed regions",
    sv: "Lagringsrepliker stannar i tillåtna regioner",
  },
  severity: "high",
  parts: ["secondary", "cross-tenant"],
  rationale: {
    en: "Geo-redundant storage (GRS, RA-GRS, GZRS, RA-GZRS) copies every write to a second region, the primary's region pair, which the customer cannot choose; object replication can copy blobs into an account in another tenant. Either moves data outside the geography the organisation chose under Microsoft's FAQ for Swedish customers ('Var finns den data som jag lagrar'), and a copy outside the EU/EEA is a transfer under GDPR chapter V. SKR's cloud guidance asks for such copies to be part of the risk analysis.",
    sv: "Georedundant lagring (GRS, RA-GRS, GZRS, RA-GZRS) kopierar varje skrivning till en andra region, den primära regionens par, som kunden inte kan välja; objektreplikering kan kopiera blobbar till ett konto i en annan klientorganisation. Båda flyttar data utanför den geografi organisationen valt enligt Microsofts vanliga frågor för svenska kunder ('Var finns den data som jag lagrar'), och en kopia utanför EU/EES är en överföring enligt GDPR kapitel V. SKR:s vägledning om molntjänster kräver att sådana kopior ingår i riskanalysen.",
  },
  guidance: [
    { doc: "rules-catalog", id: "RES-04" },
    { doc: "microsoft-faq-se", title: "Var finns den data som jag lagrar" },
    { doc: "gdpr", title: "Chapter V, transfers of personal data to third countries" },
    { doc: "skr-cloud-2019" },
  ],
  reads: ["storageAccounts"],
  targets: [
    // The generic list shows the SKU: only a geo-redundant (or unknown) one has a secondary to judge.
    { collection: "storageAccounts", parts: ["secondary"], applies: (account) => str(account, "sku.name") === undefined || isGeoSku(str(account, "sku.name")) },
    { collection: "storageAccounts", parts: ["cross-tenant"], severity: "medium" },
  ],
  messages: {
    secondaryAllowed: {
      en: "{{name}} ({{sku}}) keeps its secondary copy in {{secondary}}, an allowed region.",
      sv: "{{name}} ({{sku}}) har sin sekundära kopia i {{secondary}}, en tillåten region.",
    },
    secondaryNotAllowed: {
      en: "{{name}} ({{sku}}) keeps its secondary copy in {{secondary}}, which is not one of the allowed regions.",
      sv: "{{name}} ({{sku}}) har sin sekundära kopia i {{secondary}}, som inte är en av de tillåtna regionerna.",
    },
    secondaryUnknown: {
      en: "{{name}} ({{sku}}) keeps a secondary copy in a region Hemvist cannot determine ({{location}} has no known pair).",
      sv: "{{name}} ({{sku}}) har en sekundär kopia i en region som Hemvist inte kan avgöra ({{location}} har inget känt par).",
    },
    crossTenantBlocked: {
      en: "{{name}} does not allow object replication to other tenants.",
      sv: "{{name}} tillåter inte objektreplikering till andra klientorganisationer.",
    },
    crossTenantAllowed: {
      en: "{{name}} allows object replication to storage accounts in other tenants.",
      sv: "{{name}} tillåter objektreplikering till lagringskonton i andra klientorganisationer.",
    },
  },
  evaluate({ inventory, config, each }, { pass, fail }) {
    return each(inventory.all("storageAccounts"), (account) => {
      const out: RuleResult[] = [];
      const location = str(account, "location") ?? "";
      const target = { id: account.id, type: "Microsoft.Storage/storageAccounts", ...(location ? { location } : {}) };

      // Part `secondary`: only geo-replicated SKUs keep a copy elsewhere.
      const sku = str(account, "sku.name");
      if (isGeoSku(sku)) {
        const reported = str(account, "properties.secondaryLocation");
        const secondaries = reported ? [reported] : (inventory.region(location)?.pairs ?? []);
        const evidence: Evidence[] = [
          { path: "sku.name", actual: sku, expected: { en: "a geo-redundant SKU keeps a copy in the secondary region", sv: "en georedundant SKU behåller en kopia i den sekundära regionen" } },
          {
            path: "properties.secondaryLocation",
            actual: reported ?? secondaries[0],
            expected: config.profile.allowedRegions,
            ...(reported ? {} : { defaulted: true }),
          },
        ];
        const opts = { part: "secondary", evidence };
        if (secondaries.length === 0) out.push(fail(target, "secondaryUnknown", { sku, location: location || "(no location)" }, opts));
        else {
          const bad = secondaries.filter((s) => !regionAllowed(config, s));
          const secondary = (bad.length > 0 ? bad : secondaries).map(normalizeRegion);
          out.push(bad.length > 0 ? fail(target, "secondaryNotAllowed", { sku, secondary }, opts) : pass(target, "secondaryAllowed", { sku, secondary }, opts));
        }
      }

      // Part `cross-tenant`: every account. Absent → true for accounts created before 2023-12-15.
      const declared = bool(account, "properties.allowCrossTenantReplication");
      let allowed = declared;
      if (allowed === undefined) {
        const created = Date.parse(str(account, "properties.creationTime") ?? "");
        // Unknown creation time: assume the older, insecure default.
        allowed = Number.isNaN(created) || created < CROSS_TENANT_DEFAULT_CHANGE;
      }
      const evidence: Evidence[] = [
        { path: "properties.allowCrossTenantReplication", actual: declared ?? allowed, expected: false, ...(declared === undefined ? { defaulted: true } : {}) },
        ...(declared === undefined ? [{ path: "properties.creationTime", actual: str(account, "properties.creationTime"), expected: { en: "on or after 2023-12-15 (default false)", sv: "den 15 december 2023 eller senare (standardvärde false)" } }] : []),
      ];
      const opts = { part: "cross-tenant", evidence, severity: "medium" as const };
      out.push(allowed ? fail(target, "crossTenantAllowed", {}, opts) : pass(target, "crossTenantBlocked", {}, opts));
      return out;
    });
  },
  remediation: {
    summary: {
      en: "Change the redundancy to LRS or ZRS when the paired region is not allowed (or move the account to a region whose pair is allowed, such as Sweden Central ↔ Sweden South), and set allowCrossTenantReplication to false.",
      sv: "Ändra redundansen till LRS eller ZRS när den parade regionen inte är tillåten (eller flytta kontot till en region vars par är tillåtet, som Sweden Central ↔ Sweden South), och sätt allowCrossTenantReplication till false.",
    },
    portal: {
      en: "Storage account → Data management → Redundancy → LRS or ZRS; Data management → Object replication → Advanced settings → clear 'Allow cross-tenant replication'.",
      sv: "Lagringskonto → Datahantering → Redundans → LRS eller ZRS; Datahantering → Objektreplikering → Avancerade inställningar → avmarkera 'Tillåt replikering mellan klientorganisationer'.",
    },
    cli: "az storage account update -g <rg> -n <account> --sku Standard_ZRS --allow-cross-tenant-replication false",
    bicep: "sku: { name: 'Standard_ZRS' }\nproperties: { allowCrossTenantReplication: false }",
  },
  references: [
    "https://learn.microsoft.com/azure/storage/common/storage-redundancy",
    "https://learn.microsoft.com/azure/reliability/cross-region-replication-azure",
    "https://learn.microsoft.com/azure/storage/blobs/object-replication-prevent-cross-tenant-policies",
  ],
});
