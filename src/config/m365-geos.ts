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
