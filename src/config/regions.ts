/**
 * Built-in table of Azure public regions: country, EU membership and region pair.
 * Used for the `eu` preset and as the fallback when the locations API did not give a pair.
 * Source: Microsoft's "Azure regions list" and "Azure region pairs and nonpaired regions" (2025).
 */

export interface BuiltinRegion {
  name: string;
  displayName: string;
  /** ISO 3166 alpha-2. */
  country: string;
  eu: boolean;
  pair?: string;
}

// name, displayName, country, pair ("" = none)
const ROWS: [string, string, string, string][] = [
  ["swedencentral", "Sweden Central", "SE", "swedensouth"],
  ["swedensouth", "Sweden South", "SE", "swedencentral"],
  ["northeurope", "North Europe", "IE", "westeurope"],
  ["westeurope", "West Europe", "NL", "northeurope"],
  ["francecentral", "France Central", "FR", "francesouth"],
  ["francesouth", "France South", "FR", "francecentral"],
  ["germanywestcentral", "Germany West Central", "DE", "germanynorth"],
  ["germanynorth", "Germany North", "DE", "germanywestcentral"],
  ["polandcentral", "Poland Central", "PL", ""],
  ["italynorth", "Italy North", "IT", ""],
  ["spaincentral", "Spain Central", "ES", ""],
  ["austriaeast", "Austria East", "AT", ""],
  ["belgiumcentral", "Belgium Central", "BE", ""],
  ["denmarkeast", "Denmark East", "DK", ""],
  ["norwayeast", "Norway East", "NO", "norwaywest"],
  ["norwaywest", "Norway West", "NO", "norwayeast"],
  ["switzerlandnorth", "Switzerland North", "CH", "switzerlandwest"],
  ["switzerlandwest", "Switzerland West", "CH", "switzerlandnorth"],
  ["uksouth", "UK South", "GB", "ukwest"],
  ["ukwest", "UK West", "GB", "uksouth"],
  ["eastus", "East US", "US", "westus"],
  ["westus", "West US", "US", "eastus"],
  ["eastus2", "East US 2", "US", "centralus"],
  ["centralus", "Central US", "US", "eastus2"],
  ["westus2", "West US 2", "US", "westcentralus"],
  ["westcentralus", "West Central US", "US", "westus2"],
  ["westus3", "West US 3", "US", "eastus"],
  ["northcentralus", "North Central US", "US", "southcentralus"],
  ["southcentralus", "South Central US", "US", "northcentralus"],
  ["canadacentral", "Canada Central", "CA", "canadaeast"],
  ["canadaeast", "Canada East", "CA", "canadacentral"],
  ["brazilsouth", "Brazil South", "BR", "southcentralus"],
  ["brazilsoutheast", "Brazil Southeast", "BR", "brazilsouth"],
  ["mexicocentral", "Mexico Central", "MX", ""],
  ["chilecentral", "Chile Central", "CL", ""],
  ["australiaeast", "Australia East", "AU", "australiasoutheast"],
  ["australiasoutheast", "Australia Southeast", "AU", "australiaeast"],
  ["australiacentral", "Australia Central", "AU", "australiacentral2"],
  ["australiacentral2", "Australia Central 2", "AU", "australiacentral"],
  ["newzealandnorth", "New Zealand North", "NZ", ""],
  ["eastasia", "East Asia", "HK", "southeastasia"],
  ["southeastasia", "Southeast Asia", "SG", "eastasia"],
  ["japaneast", "Japan East", "JP", "japanwest"],
  ["japanwest", "Japan West", "JP", "japaneast"],
  ["koreacentral", "Korea Central", "KR", "koreasouth"],
  ["koreasouth", "Korea South", "KR", "koreacentral"],
  ["centralindia", "Central India", "IN", "southindia"],
  ["southindia", "South India", "IN", "centralindia"],
  ["westindia", "West India", "IN", "southindia"],
  ["indonesiacentral", "Indonesia Central", "ID", ""],
  ["malaysiawest", "Malaysia West", "MY", ""],
  ["uaenorth", "UAE North", "AE", "uaecentral"],
  ["uaecentral", "UAE Central", "AE", "uaenorth"],
  ["qatarcentral", "Qatar Central", "QA", ""],
  ["israelcentral", "Israel Central", "IL", ""],
  ["southafricanorth", "South Africa North", "ZA", "southafricawest"],
  ["southafricawest", "South Africa West", "ZA", "southafricanorth"],
];

/** ISO codes of the EU member states. */
export const EU_COUNTRIES = [
  "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
  "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
];

/** Microsoft 365 geo codes located in the EU (EUR plus EU-country local geos). */
export const EU_M365_GEOS = ["EUR", "SWE", "FRA", "DEU", "ITA", "ESP", "POL", "AUT", "DNK"];

export const BUILTIN_REGIONS: BuiltinRegion[] = ROWS.map(([name, displayName, country, pair]) => ({
  name,
  displayName,
  country,
  eu: EU_COUNTRIES.includes(country),
  ...(pair ? { pair } : {}),
}));

/** Lower case, no spaces or dashes: "Sweden Central" → "swedencentral". */
export function normalizeRegion(value: string): string {
  return value.toLowerCase().replace(/[\s_-]+/g, "");
}

const byName = new Map(BUILTIN_REGIONS.map((r) => [r.name, r]));
for (const r of BUILTIN_REGIONS) byName.set(normalizeRegion(r.displayName), r);

/** The built-in row for a region name or display name. */
export function builtinRegion(nameOrDisplayName: string): BuiltinRegion | undefined {
  return byName.get(normalizeRegion(nameOrDisplayName));
}

/** Every Azure region in an EU member state (the `eu` preset). */
export function euRegions(): string[] {
  return BUILTIN_REGIONS.filter((r) => r.eu).map((r) => r.name);
}

/**
 * The legal regime a country's data falls under for a Swedish controller (GDPR chapter V); the same
 * values as findings.json's `LegalRegime`. `unknown`: a code Hemvist does not know, or no country.
 */
export type CountryRegime = "sweden" | "eu" | "eea" | "adequacy" | "us-dpf" | "third-country" | "unknown";

/** EEA members outside the EU: Norway, Iceland, Liechtenstein. */
export const EEA_NON_EU_COUNTRIES = ["NO", "IS", "LI"];

/**
 * Countries and territories with a current EU adequacy decision (GDPR art. 45), as of 2026: Andorra,
 * Argentina, Canada (commercial organisations), Faroe Islands, Guernsey, Israel, Isle of Man, Japan,
 * Jersey, New Zealand, Republic of Korea, Switzerland, United Kingdom, Uruguay. The US decision
 * (EU–US Data Privacy Framework) covers certified recipients only: it is `us-dpf`, not listed here.
 */
export const ADEQUACY_COUNTRIES = ["AD", "AR", "CA", "FO", "GG", "IL", "IM", "JP", "JE", "NZ", "KR", "CH", "GB", "UY"];

/**
 * Every ISO 3166 alpha-2 code that is officially assigned (2026), so that a code which is not a
 * country is `unknown` rather than a third country.
 */
const ISO_COUNTRIES = new Set(
  (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
    "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
    "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
    "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
    "MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
    "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG " +
    "UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
  ).split(" "),
);

/**
 * The legal regime of an ISO 3166 alpha-2 country code (any casing): SE `sweden`; another EU member
 * `eu`; NO/IS/LI `eea`; a country with an adequacy decision `adequacy`; US `us-dpf`; any other
 * assigned code `third-country`; anything else (absent, not a country code) `unknown`.
 */
export function legalRegime(country: string | undefined): CountryRegime {
  const c = country?.trim().toUpperCase() ?? "";
  if (!ISO_COUNTRIES.has(c)) return "unknown";
  if (c === "SE") return "sweden";
  if (EU_COUNTRIES.includes(c)) return "eu";
  if (EEA_NON_EU_COUNTRIES.includes(c)) return "eea";
  if (ADEQUACY_COUNTRIES.includes(c)) return "adequacy";
  if (c === "US") return "us-dpf";
  return "third-country";
}

/**
 * Public Azure regions the built-in table leaves out (so RES-01 treats them as unknown locations)
 * whose country is nevertheless known: used only to place a copy on the data map.
 */
const COUNTRY_ONLY: Record<string, string> = {
  taiwannorth: "TW",
  taiwannorthwest: "TW",
  jioindiawest: "IN",
  jioindiacentral: "IN",
  eastus2euap: "US",
  centraluseuap: "US",
};

/** The ISO country of a region name or display name (the built-in table, else the regions known only by country); undefined when unknown. */
export function regionCountry(nameOrDisplayName: string): string | undefined {
  return builtinRegion(nameOrDisplayName)?.country ?? COUNTRY_ONLY[normalizeRegion(nameOrDisplayName)];
}
