/**
 * The Microsoft 365 geo codes (Multi-Geo `preferredDataLocation`, `siteCollection.dataLocationCode`,
 * the admin center's data location), with their names in both report languages.
 */
export const M365_GEO_NAMES: Readonly<Record<string, { en: string; sv: string }>> = {
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

/** Whether a code (any casing, surrounding space ignored) is a Microsoft 365 geo. */
export function isM365Geo(code: string): boolean {
  return Object.hasOwn(M365_GEO_NAMES, code.trim().toUpperCase());
}

/**
 * The country of a single-country Microsoft 365 geo (ISO 3166 alpha-2). `EUR` (datacenters in EU
 * member states), `NAM` (the United States) and `APC` (several Asia-Pacific countries) are regions
 * of several countries or named by region: see `m365GeoPlace`.
 */
const GEO_COUNTRY: Readonly<Record<string, string>> = {
  ARE: "AE", AUS: "AU", AUT: "AT", BRA: "BR", CAN: "CA", CHE: "CH", DEU: "DE", DNK: "DK", ESP: "ES", FRA: "FR", GBR: "GB",
  IND: "IN", ISR: "IL", ITA: "IT", JPN: "JP", KOR: "KR", MEX: "MX", NOR: "NO", NZL: "NZ", POL: "PL", QAT: "QA", SWE: "SE", ZAF: "ZA",
  NAM: "US",
};

/**
 * Where a Microsoft 365 geo keeps data: its country when it is one country (`NAM`: the US), else
 * the legal regime of all its countries (`EUR`: `eu`; `APC`: `third-country`). Unknown code: neither.
 */
export function m365GeoPlace(code: string): { country?: string; regime?: "eu" | "third-country" } {
  const c = code.trim().toUpperCase();
  const country = GEO_COUNTRY[c];
  if (country) return { country };
  if (c === "EUR") return { regime: "eu" };
  if (c === "APC") return { regime: "third-country" };
  return {};
}
