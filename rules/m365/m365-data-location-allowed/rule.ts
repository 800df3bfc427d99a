/**
 * RES-10: Microsoft 365 data stays in allowed geos: the tenant's country, users' and groups' preferred data
 * locations (Multi-Geo) and SharePoint sites' data location.
 */
import { defineRule, str } from "../../../src/index.js";
import type { Evidence, GraphObject, Localized, RuleHelpers, RuleResult, Target, TenantCollection } from "../../../src/index.js";

/** Microsoft 365 geo codes (Multi-Geo `preferredDataLocation`, `dataLocationCode`) with names for messages. */
const GEOS: Record<string, Localized> = {
  APC: { en: "Asia-Pacific", sv: "Asien och Stillahavsområdet" },
  ARE: { en: "United Arab Emirates", sv: "Förenade Arabemiraten" },
  AUS: { en: "Australia", sv: "Australien" },
  AUT: { en: "Austria", sv: "Österrike" },
  BRA: { en: "Brazil", sv: "Brasilien" },
  CAN: { en: "Canada", sv: "Kanada" },
  CHE: { en: "Switzerland", sv: "Schweiz" },
  DEU: { en: "Germany", sv: "Tyskland" },
  DNK: { en: "Denmark", sv: "Danmark" },
  ESP: { en: "Spain", sv: "Spanien" },
  EUR: { en: "Europe", sv: "Europa" },
  FRA: { en: "France", sv: "Frankrike" },
  GBR: { en: "United Kingdom", sv: "Storbritannien" },
  IND: { en: "India", sv: "Indien" },
  ISR: { en: "Israel", sv: "Israel" },
  ITA: { en: "Italy", sv: "Italien" },
  JPN: { en: "Japan", sv: "Japan" },
  KOR: { en: "Korea", sv: "Korea" },
  MEX: { en: "Mexico", sv: "Mexiko" },
  NAM: { en: "North America", sv: "Nordamerika" },
  NOR: { en: "Norway", sv: "Norge" },
  NZL: { en: "New Zealand", sv: "Nya Zeeland" },
  POL: { en: "Poland", sv: "Polen" },
  QAT: { en: "Qatar", sv: "Qatar" },
  SWE: { en: "Sweden", sv: "Sverige" },
  ZAF: { en: "South Africa", sv: "Sydafrika" },
};

function geoNames(code: string): { geo: string; geoEn: string; geoSv: string } {
  const c = code.trim().toUpperCase();
  const n = GEOS[c];
  return { geo: c, geoEn: `${c} (${n?.en ?? "unknown geo"})`, geoSv: `${c} (${n?.sv ?? "okänd geografi"})` };
}

/** A OneDrive (personal) site names its owner in its URL and title: such sites are named by id. */
function isPersonalSite(site: GraphObject): boolean {
  const url = str(site, "webUrl") ?? "";
  const host = str(site, "siteCollection.hostname") ?? "";
  return /\/personal\//i.test(url) || /-my\.sharepoint\./i.test(host) || /-my\.sharepoint\./i.test(url);
}

type Kind = "user" | "group" | "site";

const LISTS: { part: Kind; key: "users" | "groups" | "sites"; collection: TenantCollection; permission: string }[] = [
  { part: "user", key: "users", collection: "m365Users", permission: "User.Read.All" },
  { part: "group", key: "groups", collection: "m365Groups", permission: "Group.Read.All" },
  { part: "site", key: "sites", collection: "m365Sites", permission: "Sites.Read.All" },
];

export default defineRule({
  id: "RES-10",
  name: "m365-data-location-allowed",
  title: {
    en: "Microsoft 365 data is stored in allowed geos",
    sv: "Microsoft 365-data lagras i tillåtna geografier",
  },
  severity: "high",
  parts: ["tenant", "user", "group", "site"],
  targets: [
    { collection: "m365Organization", type: "Microsoft.Resources/tenants", parts: ["tenant"] },
    { collection: "m365Users", parts: ["user"] },
    { collection: "m365Groups", parts: ["group"] },
    { collection: "m365Sites", parts: ["site"] },
  ],
  rationale: {
    en: "Microsoft 365 stores a tenant's data in the geo of the country it was registered in, and Multi-Geo can move single users, groups and sites to other geos. The organisation chooses where its data lives (Microsoft's FAQ for Swedish customers, \"Var finns den data som jag lagrar\"); SKR's cloud guidance asks for that choice to rest on requirements and a risk analysis, and GDPR chapter V restricts transfers outside the EU/EEA. Data placed in another geo, especially outside the EU, falls outside those decisions.",
    sv: "Microsoft 365 lagrar en klientorganisations data i geografin för det land den registrerades i, och Multi-Geo kan flytta enskilda användare, grupper och webbplatser till andra geografier. Organisationen väljer var dess data finns (Microsofts vanliga frågor för svenska kunder, \"Var finns den data som jag lagrar\"); SKR:s vägledning om molntjänster kräver att valet vilar på krav och riskanalys, och GDPR kapitel V begränsar överföringar utanför EU/EES. Data som placeras i en annan geografi, särskilt utanför EU, hamnar utanför de besluten.",
  },
  guidance: [
    { doc: "rules-catalog", id: "RES-10" },
    { doc: "microsoft-faq-se", title: "Var finns den data som jag lagrar" },
    { doc: "skr-cloud-2019" },
    { doc: "gdpr", id: "Chapter V" },
  ],
  reads: [
    { collection: "m365Organization", part: "tenant" },
    { collection: "m365Users", part: "user" },
    { collection: "m365Groups", part: "group" },
    { collection: "m365Sites", part: "site" },
  ],
  messages: {
    tenantAllowed: {
      en: "{{name}} is registered in {{country}}, an allowed country.",
      sv: "{{name}} är registrerad i {{country}}, ett tillåtet land.",
    },
    tenantNotAllowed: {
      en: "{{name}} is registered in {{country}}, outside the allowed countries ({{allowed}}).",
      sv: "{{name}} är registrerad i {{country}}, utanför de tillåtna länderna ({{allowed}}).",
    },
    tenantCountryMissing: {
      en: "{{name}} does not state the country it is registered in, so its default geo cannot be shown to be allowed.",
      sv: "{{name}} anger inte i vilket land den är registrerad, så det går inte att visa att dess standardgeografi är tillåten.",
    },
    userAllowed: {
      en: "{{name}} is a user whose data is stored in {{geoEn}}.",
      sv: "{{name}} är en användare vars data lagras i {{geoSv}}.",
    },
    userNotAllowed: {
      en: "{{name}} is a user whose data is stored in {{geoEn}}, outside the allowed geos ({{allowed}}).",
      sv: "{{name}} är en användare vars data lagras i {{geoSv}}, utanför de tillåtna geografierna ({{allowed}}).",
    },
    groupAllowed: {
      en: "{{name}} is a group whose data is stored in {{geoEn}}.",
      sv: "{{name}} är en grupp vars data lagras i {{geoSv}}.",
    },
    groupNotAllowed: {
      en: "{{name}} is a group whose data is stored in {{geoEn}}, outside the allowed geos ({{allowed}}).",
      sv: "{{name}} är en grupp vars data lagras i {{geoSv}}, utanför de tillåtna geografierna ({{allowed}}).",
    },
    siteAllowed: {
      en: "{{name}} is a site stored in {{geoEn}}.",
      sv: "{{name}} är en webbplats som lagras i {{geoSv}}.",
    },
    siteNotAllowed: {
      en: "{{name}} is a site stored in {{geoEn}}, outside the allowed geos ({{allowed}}).",
      sv: "{{name}} är en webbplats som lagras i {{geoSv}}, utanför de tillåtna geografierna ({{allowed}}).",
    },
  },
  evaluate({ inventory, config, each }, { pass, fail, notAssessed }: RuleHelpers) {
    // Microsoft 365 off in the configuration: nothing to judge. On, but absent from the snapshot: the
    // evaluation records that as a coverage gap, and the engine names each part not assessed.
    if (!config.m365.enabled || !inventory.scope.m365Collected) return [];
    const t = inventory.tenantId;
    const results: RuleResult[] = [];
    const notRead = (part: string, collection: TenantCollection, scope: string, permission: string) =>
      notAssessed({ id: `/tenants/${t}/${scope}` }, { scope: `/tenants/${t}/${scope}`, collection, code: "NotCollected", message: `The snapshot holds no ${scope} list.`, permission }, { part });

    const organization = inventory.tenant("organization");
    results.push(
      ...each([organization?.[0]], (org): RuleResult => {
        inventory.depend("m365Organization", `/tenants/${t}/organization`);
        if (!org) {
          const tenant = `/tenants/${t}`;
          return notAssessed({ id: tenant, type: "Microsoft.Resources/tenants", name: inventory.tenantName ?? t }, { scope: `${tenant}/organization`, collection: "m365Organization", code: "NotCollected", message: "The snapshot holds no organization list.", permission: "Organization.Read.All" }, { part: "tenant" });
        }
        const country = str(org, "countryLetterCode");
        const allowedCountries = config.profile.allowedTenantCountries;
        const target: Target = { id: `/tenants/${t}`, type: "Microsoft.Resources/tenants", name: inventory.tenantName ?? str(org, "displayName") ?? t };
        const evidence: Evidence[] = [{ path: "organization.countryLetterCode", actual: country ?? null, expected: allowedCountries }];
        const data = { country: country ?? "", allowed: allowedCountries };
        if (!country || country.trim() === "") return fail(target, "tenantCountryMissing", data, { part: "tenant", evidence });
        if (allowedCountries.some((c) => c.toUpperCase() === country.trim().toUpperCase())) return pass(target, "tenantAllowed", data, { part: "tenant", evidence });
        return fail(target, "tenantNotAllowed", data, { part: "tenant", evidence });
      }),
    );

    const allowedGeos = config.profile.allowedM365Geos;
    for (const list of LISTS) {
      const items = inventory.tenant(list.key);
      if (!items) {
        results.push(...each([list], () => {
          inventory.depend(list.collection, `/tenants/${t}/${list.key}`);
          return notRead(list.part, list.collection, list.key, list.permission);
        }));
        continue;
      }
      results.push(
        ...each(items, (item): RuleResult | undefined => {
          // Each object depends on its list having been read (a list cut off by a failure is not complete).
          inventory.depend(list.collection, `/tenants/${t}/${list.key}/${item.id}`);
          const path = list.part === "site" ? "siteCollection.dataLocationCode" : "preferredDataLocation";
          const code = str(item, path);
          if (!code || code.trim() === "") return;
          const names = geoNames(code);
          const name = list.part === "site" && !isPersonalSite(item) ? (str(item, "displayName") ?? item.id) : item.id;
          const target: Target = { id: `/tenants/${t}/${list.key}/${item.id}`, type: `Microsoft.Graph/${list.key}`, name };
          const evidence: Evidence[] = [{ path, actual: code, expected: allowedGeos }];
          const ok = allowedGeos.some((g) => g.toUpperCase() === names.geo);
          const data = { ...names, objectId: item.id, allowed: allowedGeos };
          return ok ? pass(target, `${list.part}Allowed`, data, { part: list.part, evidence }) : fail(target, `${list.part}NotAllowed`, data, { part: list.part, evidence });
        }),
      );
    }
    return results;
  },
  remediation: {
    summary: {
      en: "Set the preferred data location of the user or group back to an allowed geo (Multi-Geo moves the mailbox, OneDrive and group content), move the site to an allowed geo, or, for a tenant registered in another country, plan a migration to a tenant provisioned in an allowed country.",
      sv: "Sätt tillbaka användarens eller gruppens önskade dataplats till en tillåten geografi (Multi-Geo flyttar postlåda, OneDrive och gruppinnehåll), flytta webbplatsen till en tillåten geografi, eller planera en flytt till en klientorganisation i ett tillåtet land om klientorganisationen är registrerad i ett annat land.",
    },
    portal: {
      en: "Microsoft 365 admin center → Users → Active users → select the user → Account → Preferred data location; SharePoint admin center → Geo locations for sites.",
      sv: "Administrationscenter för Microsoft 365 → Användare → Aktiva användare → välj användaren → Konto → Önskad dataplats; SharePoint-administrationscentret → Geografiska platser för webbplatser.",
    },
    cli: "az rest --method patch --url https://graph.microsoft.com/v1.0/users/<objectId> --body '{\"preferredDataLocation\":\"SWE\"}'",
  },
  references: [
    "https://learn.microsoft.com/microsoft-365/enterprise/microsoft-365-multi-geo",
    "https://learn.microsoft.com/microsoft-365/enterprise/o365-data-locations",
    "https://learn.microsoft.com/graph/api/resources/user",
    "https://learn.microsoft.com/graph/api/resources/organization",
  ],
});
