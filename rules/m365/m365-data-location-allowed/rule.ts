/**
 * RES-10: Microsoft 365 data stays in allowed geos: the tenant's country, users' and groups' preferred data
 * locations (Multi-Geo) and SharePoint sites' data location.
 */
import { attestationState, attestedEvidence, defineRule, M365_GEO_NAMES, prop, str } from "../../../src/index.js";
import type { Evidence, GraphObject, RuleHelpers, RuleResult, Target, TenantCollection } from "../../../src/index.js";

function geoNames(code: string): { geo: string; geoEn: string; geoSv: string } {
  const c = code.trim().toUpperCase();
  const n = M365_GEO_NAMES[c];
  return { geo: c, geoEn: `${c} (${n?.en ?? "unknown geo"})`, geoSv: `${c} (${n?.sv ?? "okänd geografi"})` };
}

/** What to attest for the default geo, and where to read it. */
const DEFAULT_GEO_NEED = {
  key: "m365DefaultGeo",
  what: {
    en: "The tenant's default Microsoft 365 geo: where the data of users, groups and sites without a location of their own is stored.",
    sv: "Klientorganisationens standardgeografi i Microsoft 365: där data för användare, grupper och webbplatser utan egen dataplats lagras.",
  },
  readAt: {
    en: "Microsoft 365 admin center → Settings → Org settings → Organization profile → Data location",
    sv: "Administrationscenter för Microsoft 365 → Inställningar → Organisationsinställningar → Organisationsprofil → Dataplats",
  },
  example: 'attestations:\n  m365DefaultGeo: { geo: SWE, attestedBy: "<your name or e-mail>", attestedOn: YYYY-MM-DD, source: "Microsoft 365 admin center, Settings, Org settings, Organization profile, Data location" }',
} as const;

/** The host a site lives on, lower case: `siteCollection.hostname`, else the host of `webUrl`. */
function hostOfSite(site: GraphObject): string | undefined {
  const h = str(site, "siteCollection.hostname");
  if (h && h.trim() !== "") return h.trim().toLowerCase();
  const url = str(site, "webUrl");
  if (!url) return undefined;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** A OneDrive host (`contoso-my.sharepoint.com`) stores in the geo of its SharePoint host (`contoso.sharepoint.com`). */
function sharePointHost(host: string): string {
  return host.replace(/-my(\.sharepoint\.)/, "$1");
}

/** A geo's root site: `siteCollection.root` is set (Graph's getAllSites marks each geo's root site so). */
function isRootSite(site: GraphObject): boolean {
  const root = prop(site, "siteCollection.root");
  return root !== undefined && root !== null;
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
  parts: ["tenant", "default-geo", "user", "group", "site"],
  targets: [
    { collection: "m365Organization", type: "Microsoft.Resources/tenants", parts: ["tenant"] },
    { collection: "m365RootSite", type: "Microsoft.Resources/tenants", parts: ["default-geo"] },
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
    { collection: "m365RootSite", part: "default-geo" },
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
      en: "{{name}} does not state the country it is registered in, so the country cannot be shown to be allowed.",
      sv: "{{name}} anger inte i vilket land den är registrerad, så det går inte att visa att landet är tillåtet.",
    },
    defaultGeoAllowed: {
      en: "{{name}} stores its data by default in {{geoEn}} ({{howEn}}).",
      sv: "{{name}} lagrar som standard sin data i {{geoSv}} ({{howSv}}).",
    },
    defaultGeoNotAllowed: {
      en: "{{name}} stores its data by default in {{geoEn}} ({{howEn}}), outside the allowed geos ({{allowed}}).",
      sv: "{{name}} lagrar som standard sin data i {{geoSv}} ({{howSv}}), utanför de tillåtna geografierna ({{allowed}}).",
    },
    defaultGeoDisagrees: {
      en: "{{name}}'s root site is stored in {{measuredEn}}, but the configuration attests the default geo {{attestedEn}} ({{attestedBy}}, {{attestedOn}}): the attestation is wrong or out of date.",
      sv: "{{name}}s rotwebbplats lagras i {{measuredSv}}, men konfigurationen intygar standardgeografin {{attestedSv}} ({{attestedBy}}, {{attestedOn}}): intygandet är felaktigt eller inaktuellt.",
    },
    defaultGeoNeedsAttestation: {
      en: "{{name}}'s default geo is not shown by any API (the tenant has no Multi-Geo root site that states it): attest it in the configuration (attestations.m365DefaultGeo).",
      sv: "{{name}}s standardgeografi visas inte av något API (klientorganisationen har ingen Multi-Geo-rotwebbplats som anger den): intyga den i konfigurationen (attestations.m365DefaultGeo).",
    },
    defaultGeoAttestationStale: {
      en: "{{name}}'s default geo was attested on {{attestedOn}}, more than a year ago: read it again and renew the attestation (attestations.m365DefaultGeo).",
      sv: "{{name}}s standardgeografi intygades {{attestedOn}}, för mer än ett år sedan: läs av den igen och förnya intygandet (attestations.m365DefaultGeo).",
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
    siteHostAllowed: {
      en: "{{name}} is a site on {{host}}, whose root site is stored in {{geoEn}}.",
      sv: "{{name}} är en webbplats på {{host}}, vars rotwebbplats lagras i {{geoSv}}.",
    },
    siteHostNotAllowed: {
      en: "{{name}} is a site on {{host}}, whose root site is stored in {{geoEn}}, outside the allowed geos ({{allowed}}).",
      sv: "{{name}} är en webbplats på {{host}}, vars rotwebbplats lagras i {{geoSv}}, utanför de tillåtna geografierna ({{allowed}}).",
    },
  },
  evaluate({ inventory, config, each, now }, { pass, fail, notAssessed, attestationRequired }: RuleHelpers) {
    // Microsoft 365 off in the configuration: nothing to judge. On, but absent from the snapshot: the
    // evaluation records that as a coverage gap, and the engine names each part not assessed.
    if (!config.m365.enabled || !inventory.scope.m365Collected) return [];
    const t = inventory.tenantId;
    const tenant = `/tenants/${t}`;
    const results: RuleResult[] = [];
    const allowedGeos = config.profile.allowedM365Geos;
    const geoAllowed = (geo: string) => allowedGeos.some((g) => g.toUpperCase() === geo);
    const notRead = (part: string, collection: TenantCollection, scope: string, permission: string) =>
      notAssessed({ id: `${tenant}/${scope}` }, { scope: `${tenant}/${scope}`, collection, code: "NotCollected", message: `The snapshot holds no ${scope} list.`, permission }, { part });

    const organization = inventory.untracked(() => inventory.tenant("organization"));
    const tenantTarget = (): Target => ({ id: tenant, type: "Microsoft.Resources/tenants", name: inventory.tenantName ?? str(organization?.[0], "displayName") ?? t });

    // tenant: the country the tenant is registered in (not where its data is stored).
    results.push(
      ...each([inventory.tenant("organization")?.[0]], (org): RuleResult => {
        inventory.depend("m365Organization", `${tenant}/organization`);
        if (!org) {
          return notAssessed(tenantTarget(), { scope: `${tenant}/organization`, collection: "m365Organization", code: "NotCollected", message: "The snapshot holds no organization list.", permission: "Organization.Read.All" }, { part: "tenant" });
        }
        const country = str(org, "countryLetterCode");
        const allowedCountries = config.profile.allowedTenantCountries;
        const evidence: Evidence[] = [{ path: "organization.countryLetterCode", actual: country ?? null, expected: allowedCountries }];
        const data = { country: country?.trim() ?? "", allowed: allowedCountries };
        if (!country || country.trim() === "") return fail(tenantTarget(), "tenantCountryMissing", data, { part: "tenant", evidence });
        if (allowedCountries.some((c) => c.toUpperCase() === country.trim().toUpperCase())) return pass(tenantTarget(), "tenantAllowed", data, { part: "tenant", evidence });
        return fail(tenantTarget(), "tenantNotAllowed", data, { part: "tenant", evidence });
      }),
    );

    // default-geo: measured from the root site (Multi-Geo tenants), else attested in the configuration.
    results.push(
      ...each([tenant], (): RuleResult => {
        const root = inventory.tenant("rootSite");
        inventory.depend("m365RootSite", `${tenant}/rootSite`);
        if (!root) {
          return notAssessed(tenantTarget(), { scope: `${tenant}/rootSite`, collection: "m365RootSite", code: "NotCollected", message: "The snapshot holds no answer of GET /sites/root.", permission: "Sites.Read.All" }, { part: "default-geo" });
        }
        const measuredRaw = str(root[0], "siteCollection.dataLocationCode");
        const measured = measuredRaw && measuredRaw.trim() !== "" ? measuredRaw.trim().toUpperCase() : undefined;
        const attested = config.attestations.m365DefaultGeo;
        const state = attested ? attestationState(attested, now).state : undefined;
        const valid = attested && state !== "stale" ? { ...attested, geo: attested.geo.trim().toUpperCase() } : undefined;
        const evidence: Evidence[] = [{ path: "sites/root: siteCollection.dataLocationCode", actual: measured ?? null, expected: allowedGeos }];
        if (attested) evidence.push(attestedEvidence("m365DefaultGeo", "geo", attested, attested.geo, allowedGeos));
        const opts = { part: "default-geo", evidence };
        if (measured && valid && valid.geo !== measured) {
          const m = geoNames(measured);
          const a = geoNames(valid.geo);
          return fail(tenantTarget(), "defaultGeoDisagrees", { measuredEn: m.geoEn, measuredSv: m.geoSv, attestedEn: a.geoEn, attestedSv: a.geoSv, attestedBy: valid.attestedBy, attestedOn: valid.attestedOn, allowed: allowedGeos }, opts);
        }
        const geo = measured ?? valid?.geo;
        if (!geo) {
          if (attested) {
            return attestationRequired(tenantTarget(), "defaultGeoAttestationStale", { ...DEFAULT_GEO_NEED, state: "stale", attestedOn: attested.attestedOn }, { attestedOn: attested.attestedOn }, opts);
          }
          return attestationRequired(tenantTarget(), "defaultGeoNeedsAttestation", { ...DEFAULT_GEO_NEED, state: "missing" }, {}, opts);
        }
        const how = measured
          ? valid
            ? { howEn: "measured from the root site, and attested", howSv: "uppmätt från rotwebbplatsen, och intygad" }
            : { howEn: "measured from the root site", howSv: "uppmätt från rotwebbplatsen" }
          : { howEn: `attested by ${valid?.attestedBy} on ${valid?.attestedOn}`, howSv: `intygad av ${valid?.attestedBy} ${valid?.attestedOn}` };
        const data = { ...geoNames(geo), ...how, allowed: allowedGeos };
        return geoAllowed(geo) ? pass(tenantTarget(), "defaultGeoAllowed", data, opts) : fail(tenantTarget(), "defaultGeoNotAllowed", data, opts);
      }),
    );

    for (const list of LISTS) {
      const items = inventory.tenant(list.key);
      if (!items) {
        results.push(...each([list], () => {
          inventory.depend(list.collection, `${tenant}/${list.key}`);
          return notRead(list.part, list.collection, list.key, list.permission);
        }));
        continue;
      }
      // Sites: in a Multi-Geo tenant Graph states the geo only on each geo's root site; every other
      // site takes the geo of its host's root site (a OneDrive `-my` host that of its SharePoint host).
      const rootGeo = new Map<string, string>();
      let multiGeo = false;
      if (list.part === "site") {
        for (const s of items) {
          const code = str(s, "siteCollection.dataLocationCode");
          if (!code || code.trim() === "") continue;
          multiGeo = true;
          const host = hostOfSite(s);
          if (host && isRootSite(s)) rootGeo.set(host, code.trim().toUpperCase());
        }
      }
      results.push(
        ...each(items, (item): RuleResult | undefined => {
          // Each object depends on its list having been read (a list cut off by a failure is not complete).
          inventory.depend(list.collection, `${tenant}/${list.key}/${item.id}`);
          const path = list.part === "site" ? "siteCollection.dataLocationCode" : "preferredDataLocation";
          const own = str(item, path);
          const name = list.part === "site" && !isPersonalSite(item) ? (str(item, "displayName") ?? item.id) : item.id;
          const target: Target = { id: `${tenant}/${list.key}/${item.id}`, type: `Microsoft.Graph/${list.key}`, name };
          if (own && own.trim() !== "") {
            const names = geoNames(own);
            const evidence: Evidence[] = [{ path, actual: own, expected: allowedGeos }];
            const data = { ...names, objectId: item.id, allowed: allowedGeos };
            return geoAllowed(names.geo) ? pass(target, `${list.part}Allowed`, data, { part: list.part, evidence }) : fail(target, `${list.part}NotAllowed`, data, { part: list.part, evidence });
          }
          // A user or group without a preferred location, or any site of a tenant without Multi-Geo:
          // stored in the tenant's default geo, which the default-geo part judges.
          if (list.part !== "site" || !multiGeo) return undefined;
          const host = hostOfSite(item);
          const spHost = host ? sharePointHost(host) : undefined;
          const code = spHost ? rootGeo.get(spHost) : undefined;
          if (!spHost || !code) {
            return notAssessed(target, {
              scope: `${tenant}/sites`,
              collection: "m365Sites",
              code: "RootSiteNotListed",
              message: `The site states no data location, and the site list holds no root site of its host (${spHost ?? "unknown host"}) that would give it.`,
              permission: "Sites.Read.All",
            }, { part: "site" });
          }
          const names = geoNames(code);
          const evidence: Evidence[] = [
            { path, actual: undefined, expected: allowedGeos },
            { path: `root site of ${spHost}: siteCollection.dataLocationCode`, actual: code, expected: allowedGeos },
          ];
          const data = { ...names, host: spHost, objectId: item.id, allowed: allowedGeos };
          return geoAllowed(names.geo) ? pass(target, "siteHostAllowed", data, { part: "site", evidence }) : fail(target, "siteHostNotAllowed", data, { part: "site", evidence });
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
