/**
 * Hemvist's library API: what rules, rule tests and user rule modules import.
 */
export { defineRule, validateRule } from "./engine/rule.js";
export { GUIDANCE_DOCUMENTS } from "./engine/guidance.js";
export { runRules, fingerprint, interpolate, reasonOf, RuleEvaluationError } from "./engine/run.js";
export { Inventory } from "./engine/inventory.js";
export { parseArmId, parentArmId, idKey, isUnder } from "./engine/arm-id.js";
export {
  prop,
  str,
  bool,
  arr,
  eqi,
  regionAllowed,
  locationVerdict,
  allowedList,
  nameOf,
  hostOf,
  resolveKeyUri,
  keyReferences,
  KEY_REFERENCE_COLLECTIONS,
  GEO_BACKUP_PART,
  attestedEvidence,
} from "./engine/helpers.js";
export type { KeyHolder, KeyReference } from "./engine/helpers.js";
export { Classifier, levelLabel, severityForLevel, levelFromTags, parseLevel } from "./engine/classification.js";
export { AZURE_COLLECTIONS, TENANT_COLLECTIONS } from "./snapshot/types.js";
export { normalizeRegion, builtinRegion, regionCountry, legalRegime, BUILTIN_REGIONS, EU_COUNTRIES, EU_M365_GEOS } from "./config/regions.js";
export { defaultConfig, PRESETS } from "./config/profiles.js";
export { M365_GEO_NAMES, isM365Geo } from "./config/m365-geos.js";
export { attestationState, ATTESTATION_KEYS, ATTESTATION_VALID_DAYS, ATTESTATION_WARN_DAYS } from "./config/attestations.js";
export type { Attestations, AttestationFields, AttestationKey, AttestationState } from "./config/attestations.js";
export type * from "./engine/types.js";
export type * from "./snapshot/types.js";
export type { ResolvedConfig, ResolvedProfile, ClassificationConfig } from "./config/types.js";
