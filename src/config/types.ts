/**
 * The configuration after presets and overrides are applied: what "allowed" means for this run.
 */
import type { Attestations } from "./attestations.js";

/** Classification levels: 0 public … 3 strictly confidential; 4 = säkerhetsskydd (ranks above 3). */
export type Level = 0 | 1 | 2 | 3 | 4;

export interface ResolvedProfile {
  /** `se`, `eu`, or `custom` when lists were overridden. */
  name: string;
  /** Normalised region names (lower case, no spaces). */
  allowedRegions: string[];
  /** Microsoft 365 geo codes, upper case (SWE, EUR, ...). */
  allowedM365Geos: string[];
  /** ISO 3166 alpha-2 country codes the tenant may be registered in (upper case). */
  allowedTenantCountries: string[];
  /** Whether Azure OpenAI `DataZone*` deployments are allowed (EU resources only). */
  aiDataZoneAllowed: boolean;
  /** Resource types accepted in location `global` (RES-03), compared case-insensitively. */
  acceptedGlobalTypes: string[];
}

export interface ClassificationConfig {
  /** Tag keys read for the level, case-insensitively, the first being the canonical one. */
  tagKeys: string[];
  /** Tag value (case-insensitive) → level; `0`..`3` and `sakerhetsskydd` are always understood. */
  valueMap: Record<string, Level>;
  /** Level of an unclassified resource. */
  defaultLevel: Level;
}

export interface ResolvedConfig {
  profile: ResolvedProfile;
  classification: ClassificationConfig;
  /** Tag keys naming who must act (case-insensitive, in order of preference); inherited resource → resource group → subscription. */
  ownerTags: string[];
  /** Azure (ARM) collection on or off; off is a Microsoft-365-only audit (no ARM request). */
  azure: { enabled: boolean };
  /** Microsoft 365 (Graph) collection and rules on or off. */
  m365: { enabled: boolean };
  /** Rule ids turned off by the user. */
  disabledRules: string[];
  /** Rule id (upper case) → the options the user gave it (`rules.options`); checked against the rule's schema. */
  ruleOptions: Record<string, Record<string, unknown>>;
  exceptions: { maxHorizonDays: number };
  /** Facts no API shows, attested by a person (checked at load: no future date, a known geo). */
  attestations: Attestations;
}
