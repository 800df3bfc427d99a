/**
 * Loads hemvist.config.yaml (or .json), applies the preset and the command-line overrides, and
 * returns the resolved configuration every later step receives.
 */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { UsageError } from "../base/errors.js";
import { loadDataFile, MAX_HAND_WRITTEN_BYTES } from "../base/files.js";
import type { Lang } from "../base/lang.js";
import { type Attestations, checkAttestations } from "./attestations.js";
import { defaultConfig } from "./profiles.js";
import { normalizeRegion } from "./regions.js";
import type { Level, ResolvedConfig } from "./types.js";

/** The configuration file as written (see schemas/config.schema.json). */
export interface ConfigFile {
  profile?: "se" | "eu";
  allowedRegions?: string[];
  allowedM365Geos?: string[];
  allowedTenantCountries?: string[];
  aiDataZoneAllowed?: boolean;
  acceptedGlobalTypes?: string[];
  classification?: { tagKeys?: string[]; valueMap?: Record<string, number | "sakerhetsskydd">; defaultLevel?: number };
  ownerTags?: string[];
  azure?: { enabled?: boolean };
  m365?: { enabled?: boolean };
  rules?: { disabled?: string[]; options?: Record<string, Record<string, unknown>> };
  exceptions?: { file?: string; maxHorizonDays?: number };
  attestations?: Attestations;
  subscriptions?: string[];
  /** A severity name (the config schema lists them); resolveSettings checks it again with the flag. */
  failOn?: "critical" | "high" | "medium" | "low" | "info";
  lang?: Lang;
}

export interface ConfigOverrides {
  profile?: string;
  allowedRegions?: string[];
}

export interface LoadedConfig {
  config: ResolvedConfig;
  file?: ConfigFile;
  /** Absolute path of the config file, when one was read. */
  path?: string;
  /** The exceptions file to use (explicit, from the config, or exceptions.yaml beside the config). */
  exceptionsPath?: string;
}

const DEFAULT_NAMES = ["hemvist.config.yaml", "hemvist.config.yml", "hemvist.config.json"];

/** Finds the config: `--config` if given, else hemvist.config.{yaml,yml,json} in the working directory. */
export function findConfig(explicit: string | undefined, cwd: string): string | undefined {
  if (explicit) return resolve(cwd, explicit);
  for (const n of DEFAULT_NAMES) {
    const p = resolve(cwd, n);
    if (existsSync(p)) return p;
  }
  return undefined;
}

/**
 * Loads and resolves the configuration.
 * @param now the run's start: an attestation dated after it is refused
 */
export async function loadConfig(explicitPath: string | undefined, overrides: ConfigOverrides, cwd = process.cwd(), now = new Date()): Promise<LoadedConfig> {
  const path = findConfig(explicitPath, cwd);
  let file: ConfigFile | undefined;
  if (path) {
    if (explicitPath && !existsSync(path)) throw new UsageError(`${path}: the configuration file does not exist (given with --config).`);
    file = await loadDataFile<ConfigFile>(path, "config.schema.json", "configuration", undefined, MAX_HAND_WRITTEN_BYTES);
  }
  const presetName = overrides.profile ?? file?.profile ?? "se";
  if (presetName !== "se" && presetName !== "eu") throw new UsageError(`--profile: found "${presetName}", expected "se" or "eu".`);
  const config = defaultConfig(presetName);
  const p = config.profile;
  let custom = false;
  if (file?.allowedRegions) {
    p.allowedRegions = file.allowedRegions.map(normalizeRegion);
    custom = true;
  }
  if (file?.allowedM365Geos) {
    p.allowedM365Geos = file.allowedM365Geos.map((g) => g.toUpperCase());
    custom = true;
  }
  if (file?.allowedTenantCountries) {
    p.allowedTenantCountries = file.allowedTenantCountries.map((c) => c.toUpperCase());
    custom = true;
  }
  if (file?.aiDataZoneAllowed !== undefined) {
    p.aiDataZoneAllowed = file.aiDataZoneAllowed;
    custom = true;
  }
  if (file?.acceptedGlobalTypes) p.acceptedGlobalTypes = file.acceptedGlobalTypes;
  if (overrides.allowedRegions && overrides.allowedRegions.length > 0) {
    p.allowedRegions = overrides.allowedRegions.map(normalizeRegion);
    custom = true;
  }
  if (custom) p.name = `${presetName}+custom`;
  const c = file?.classification;
  if (c?.tagKeys) config.classification.tagKeys = c.tagKeys;
  if (c?.valueMap) {
    config.classification.valueMap = Object.fromEntries(Object.entries(c.valueMap).map(([k, v]) => [k, (v === "sakerhetsskydd" ? 4 : v) as Level]));
  }
  if (c?.defaultLevel !== undefined) config.classification.defaultLevel = c.defaultLevel as Level;
  if (file?.ownerTags && path) config.ownerTags = checkOwnerTags(file.ownerTags, path);
  if (file?.azure?.enabled !== undefined) config.azure.enabled = file.azure.enabled;
  if (file?.m365?.enabled !== undefined) config.m365.enabled = file.m365.enabled;
  if (file?.rules?.disabled) config.disabledRules = file.rules.disabled.map((r) => r.toUpperCase());
  if (file?.rules?.options) config.ruleOptions = Object.fromEntries(Object.entries(file.rules.options).map(([id, o]) => [id.toUpperCase(), o]));
  if (file?.exceptions?.maxHorizonDays) config.exceptions.maxHorizonDays = file.exceptions.maxHorizonDays;
  if (file?.attestations && path) config.attestations = checkAttestations(file.attestations, now, path);

  let exceptionsPath: string | undefined;
  if (path) {
    const dir = dirname(path);
    if (file?.exceptions?.file) exceptionsPath = resolve(dir, file.exceptions.file);
    else if (existsSync(resolve(dir, "exceptions.yaml"))) exceptionsPath = resolve(dir, "exceptions.yaml");
  }
  return { config, ...(file ? { file } : {}), ...(path ? { path } : {}), ...(exceptionsPath ? { exceptionsPath } : {}) };
}

/**
 * The owner tag keys as given, trimmed; two keys that differ only in case (ARM compares tag keys
 * case-insensitively) are refused, as they would name the same tag twice.
 */
function checkOwnerTags(keys: string[], path: string): string[] {
  const seen = new Map<string, string>();
  const out: string[] = [];
  for (const [i, raw] of keys.entries()) {
    const key = raw.trim();
    if (key === "") throw new UsageError(`${path}: field "ownerTags[${i}]": found an empty tag key ${JSON.stringify(raw)}; expected a tag key such as "owner".`);
    const bad = /[<>%&\\?/]/.exec(key);
    if (bad) throw new UsageError(`${path}: field "ownerTags[${i}]": found "${raw}" with "${bad[0]}"; expected a tag key ARM accepts (without < > % & \\ ? /).`);
    const prior = seen.get(key.toLowerCase());
    if (prior !== undefined) {
      throw new UsageError(`${path}: field "ownerTags[${i}]": found "${prior}" and "${raw}", the same tag key (tag keys are compared case-insensitively); expected each key once.`);
    }
    seen.set(key.toLowerCase(), raw);
    out.push(key);
  }
  return out;
}
