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
