/**
 * Profile presets (`se`, `eu`) and the defaults every configuration starts from.
 */
import type { ResolvedConfig, ResolvedProfile } from "./types.js";
import { EU_COUNTRIES, EU_M365_GEOS, euRegions } from "./regions.js";

export const DEFAULT_ACCEPTED_GLOBAL_TYPES = [
  "Microsoft.Network/dnszones",
  "Microsoft.Network/privateDnsZones",
  "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
];

/** Tag keys read for a result's owner when the configuration names none. */
export const DEFAULT_OWNER_TAGS: readonly string[] = ["owner", "ansvarig"];

export const PRESETS: Record<"se" | "eu", ResolvedProfile> = {
  se: {
    name: "se",
    allowedRegions: ["swedencentral", "swedensouth"],
    allowedM365Geos: ["SWE"],
    allowedTenantCountries: ["SE"],
    aiDataZoneAllowed: false,
    acceptedGlobalTypes: DEFAULT_ACCEPTED_GLOBAL_TYPES,
  },
  eu: {
    name: "eu",
    allowedRegions: euRegions(),
    allowedM365Geos: EU_M365_GEOS,
    allowedTenantCountries: EU_COUNTRIES,
    aiDataZoneAllowed: true,
    acceptedGlobalTypes: DEFAULT_ACCEPTED_GLOBAL_TYPES,
  },
};

/** The configuration a run uses when the user gives none: the `se` profile. */
export function defaultConfig(preset: "se" | "eu" = "se"): ResolvedConfig {
  const p = PRESETS[preset];
  return {
    profile: { ...p, allowedRegions: [...p.allowedRegions], allowedM365Geos: [...p.allowedM365Geos], allowedTenantCountries: [...p.allowedTenantCountries], acceptedGlobalTypes: [...p.acceptedGlobalTypes] },
    classification: { tagKeys: ["confidentiality", "konfidentialitet"], valueMap: {}, defaultLevel: 2 },
    ownerTags: [...DEFAULT_OWNER_TAGS],
    azure: { enabled: true },
    m365: { enabled: true },
    disabledRules: [],
    ruleOptions: {},
    exceptions: { maxHorizonDays: 365 },
    attestations: {},
  };
}
