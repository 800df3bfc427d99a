/**
 * Types shared by the rules engine, the rules and the reporters: rule definitions and results.
 */
import type { ArmResource, Collection } from "../snapshot/types.js";
import type { Dependency, Inventory } from "./inventory.js";
import type { GuidanceLine, GuidanceRef } from "./guidance.js";

export type { Dependency, GuidanceLine, GuidanceRef };
import type { Level, ResolvedConfig } from "../config/types.js";

export type Severity = "critical" | "high" | "medium" | "low" | "info";
export const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low", "info"];
/**
 * `attestation-required`: a part no API shows (RES-10 `default-geo`, ACC-02 `configured`) that no
 * valid attestation in the configuration covers. Never a pass, never exit 1 or 3, never excepted.
 */
export type Status = "pass" | "fail" | "not-assessed" | "attestation-required" | "excepted";
export const STATUSES: readonly Status[] = ["fail", "not-assessed", "attestation-required", "excepted", "pass"];

/** Text in both report languages. */
export interface Localized {
  en: string;
  sv: string;
}
export type { Lang } from "../base/lang.js";

export type { Level } from "../config/types.js";
export const SAKERHETSSKYDD: Level = 4;

export interface Classification {
  level: Level;
  /** `0`..`3` or `sakerhetsskydd`. */
  label: string;
  /**
   * `tag` on the target itself, `inherited` from an ancestor, `default` (no tag anywhere up the
   * chain), or `unknown`: tags above the target could not be read (label `unknown`, level the
   * highest the unread tags could give).
   */
  source: "tag" | "inherited" | "default" | "unknown";
  /** ARM id of the carrier of the tag (absent for `default`). */
  from?: string;
  /** The tag key that decided it. */
  tagKey?: string;
}

export interface Evidence {
  /** Property path inside the payload, e.g. `properties.encryption.keySource`. */
  path: string;
  /** The value seen (undefined when the property was absent: the default applies). */
  actual?: unknown;
  /** What a pass requires, in words or as a value. */
  expected?: unknown;
  /** Set when the value was absent and the platform default was assumed. */
  defaulted?: boolean;
  /**
   * `attested`: the value is not read from an API but attested in the configuration
   * (`attestations.<key>`); who attested it, when, and where it was read. Absent: read from an API.
   */
  kind?: "attested";
  attestation?: AttestationRecord;
}

/** An attestation as the configuration gives it: who, when (YYYY-MM-DD), and where the fact was read. */
export interface AttestationRecord {
  /** The configuration key, `m365DefaultGeo` or `customerKeyPolicies`. */
  key: string;
  attestedBy: string;
  attestedOn: string;
  source: string;
}

/** Why a part needs attestation, and how to give it. */
export interface AttestationNeed {
  /** The configuration key to set (`attestations.<key>`). */
  key: string;
  /** `missing`: no attestation; `stale`: attested more than 365 days before the run. */
  state: "missing" | "stale";
  /** For `stale`: the date the stale attestation gave. */
  attestedOn?: string;
  /** What to attest, in both languages. */
  what: Localized;
  /** Where to read the fact (portal page). */
  readAt: Localized;
  /** The configuration lines to add, with placeholders. */
  example: string;
}

/** Something a rule judges: an ARM resource, or a synthetic target (tenant, M365 object). */
export interface Target {
  id: string;
  type?: string;
  name?: string;
  location?: string;
}

/** One result of one rule for one target (and part). */
/** An owner taken from a tag (configuration `ownerTags`, default `owner`, `ansvarig`), inherited like the classification. */
export interface OwnerRef {
  /** The tag's value as found (trimmed). */
  value: string;
  /** The tag key that matched, as spelled on the resource. */
  key: string;
  /** Where the tag was found: on the resource itself, its resource group, or its subscription. */
  source: "resource" | "resource-group" | "subscription";
  /** The value is shaped like an e-mail address: personal data, kept out of SARIF and summary.md. */
  personal: boolean;
}

export interface Finding {
  ruleId: string;
  status: Status;
  severity: Severity;
  /** The id as ARM/Graph gave it. */
  resourceId: string;
  /** Lower-cased id for matching. */
  resourceKey: string;
  /** For multi-part rules (RES-04 `secondary`/`cross-tenant`, ENC-02 `protector`/`tde`, ...). */
  part?: string;
  resourceType?: string;
  resourceName?: string;
  subscriptionId?: string;
  resourceGroup?: string;
  /** The subscription's display name as the snapshot read it (absent for tenant-level results or when not read). */
  subscriptionName?: string;
  location?: string;
  classification?: Classification;
  /** Who must act: the first configured owner tag found on the resource, else its resource group, else its subscription. */
  owner?: OwnerRef;
  messageId: string;
  message: Localized;
  evidence?: Evidence[];
  /** Stable across runs and machines: sha-256 of rule id, resource key and part. */
  fingerprint: string;
  /** For `not-assessed`: the failed read that blinded the rule. */
  notAssessed?: { scope: string; collection: string; httpStatus?: number; code: string; message: string; permission?: string };
  /** For `attestation-required`: what to attest, where to read it, and the configuration to add. */
  attestation?: AttestationNeed;
  /** For `excepted`: the exception that matched. */
  /** The exception that excepted it (`ruleWide`: the entry has no literal subscription or tenant segment). */
  exception?: { id: string; justification: string; owner: string; ticket?: string; expires: string; ruleWide?: true };
  /** Filled when a baseline is given (open results only): see the findings layer's night-to-night states. */
  baselineState?: "new" | "unchanged" | "unverified";
  /** What the verdict read (collection and scope), so a later night can tell whether its scope was read. */
  dependsOn?: Dependency[];
}

/** What a rule's evaluate returns: a finding without the fields the engine derives. */
export interface RuleResult {
  target: Target;
  status: Exclude<Status, "excepted">;
  messageId: string;
  data: Record<string, unknown>;
  part?: string;
  evidence?: Evidence[];
  /** Overrides the rule's severity for this result (ENC-02 `tde` is critical). */
  severity?: Severity;
  /** For not-assessed results the rule produced itself. */
  notAssessed?: Finding["notAssessed"];
  /** For attestation-required results. */
  attestation?: AttestationNeed;
}

export interface ResultOptions {
  part?: string;
  evidence?: Evidence[];
  severity?: Severity;
}

export interface RuleHelpers {
  pass(target: Target, messageId: string, data?: Record<string, unknown>, opts?: ResultOptions): RuleResult;
  fail(target: Target, messageId: string, data?: Record<string, unknown>, opts?: ResultOptions): RuleResult;
  /** The rule could not judge the target (a value it needs was not read). */
  notAssessed(
    target: Target,
    reason: NonNullable<Finding["notAssessed"]>,
    opts?: ResultOptions,
  ): RuleResult;
  /** No API shows the fact and no valid attestation covers it (the message says what to attest). */
  attestationRequired(target: Target, messageId: string, need: AttestationNeed, data?: Record<string, unknown>, opts?: ResultOptions): RuleResult;
}

export interface RuleContext {
  inventory: Inventory;
  config: ResolvedConfig;
  /** Start of the run, for time comparisons (rules never read the clock). */
  now: Date;
  /** The rule's options: its defaults with the configuration's `rules.options.<id>` over them. */
  options: Readonly<Record<string, unknown>>;
  /** The classification of an ARM id after inheritance (undefined for tenant-level targets); cached per run. */
  classify(id: string): Classification | undefined;
  /**
   * Judges each item on its own: every inventory lookup `judge` makes (and, for an ARM item, the
   * item itself) is what the results it returns depend on. A failed read then blinds exactly the
   * results that needed it. Rules produce all their results inside `each`.
   */
  each<T>(items: Iterable<T>, judge: (item: T) => RuleResult | readonly RuleResult[] | undefined): RuleResult[];
}

/**
 * A kind of target a rule judges, so that targets the rule could not see (their collection was not
 * read) are still named: each resource of this type that the tenant-wide inventory (the generic
 * resource list or Resource Graph) shows under a failed scope gets a not-assessed result per part.
 */
export interface TargetSpec {
  /** The collection whose items (of its ARM item type) the rule judges, or whose items decide the verdict. */
  collection: Collection;
  /** The targets' ARM type when it is not the collection's item type (a SQL protector judged as its server). */
  type?: string;
  /** The parts the rule yields for such a target (none: one part-less result). */
  parts?: string[];
  /** Further collections whose failure leaves such targets unjudged (children the verdict reads). */
  via?: Collection[];
  /** Whether the rule judges this target at all, from what the generic list shows (name, tags, kind, sku). */
  applies?(resource: ArmResource, ctx: RuleContext): boolean;
  /** The severity such a result has when it is not the rule's own (RES-04 `cross-tenant` medium, ENC-02 `tde` critical). */
  severity?: Severity;
}

/** A collection a rule reads, and the part its failure blinds (for multi-part rules). */
export type RuleRead = Collection | { collection: Collection; part?: string };

export interface RuleRemediation {
  summary: Localized;
  portal?: Localized;
  cli?: string;
  bicep?: string;
  terraform?: string;
}

export interface RuleDefinition {
  /** Catalog id, e.g. `ENC-01`. Never changes. */
  id: string;
  /** kebab-case `<service>-<resource>-<desired-state>`; names the rule file, page and test. */
  name: string;
  /** The passing state, under 150 characters. */
  title: Localized;
  /** Fixed severity, or `by-level` (level ≥3 high, 2 medium, 0–1 low). */
  severity: Severity | "by-level";
  rationale: Localized;
  /** The guidance the rule is traced to: documents of the shared table ({@link GUIDANCE_DOCUMENTS}) and the sections it draws on. */
  guidance: GuidanceRef[];
  /**
   * Collections the rule reads: the engine evaluates the rule once they are complete. Which failed
   * read blinds which result is not taken from here but from what each verdict actually looked up.
   */
  reads: RuleRead[];
  /** Parts the rule yields (multi-part rules). */
  parts?: string[];
  /**
   * The kinds of target the rule judges (see {@link TargetSpec}); every built-in rule declares them.
   * A rule without them (an older user rule) gets one not-assessed result per failed scope of a
   * collection in `reads` that none of its results lies under.
   */
  targets?: TargetSpec[];
  /** Message templates; `{{name}}` placeholders are filled from the result's data. */
  messages: Record<string, Localized>;
  evaluate(ctx: RuleContext, helpers: RuleHelpers): RuleResult[];
  remediation: RuleRemediation;
  references: string[];
  /**
   * Settings the user may give in the configuration (`rules.options.<id>`), after ESLint's
   * `meta.schema`: a JSON Schema of an object, and the defaults. Checked at load; the rule reads the
   * defaults merged with the user's values as `ctx.options`.
   */
  options?: RuleOptionsSpec;
  /**
   * Parts added to a rule whose results had no part: results of these parts keep the part-less
   * fingerprint, so last night's result and its history carry on (ACC-02 `licensed`).
   */
  partlessFingerprintParts?: string[];
  /** Old ids this rule answered to (suppressions keep working). */
  aliases?: string[];
  deprecated?: boolean;
}

/** A rule's options: their schema (a JSON Schema of an object) and the defaults (valid against it). */
export interface RuleOptionsSpec {
  schema: Record<string, unknown>;
  defaults: Record<string, unknown>;
}

/** Per-rule metadata as stored once in findings.json and reports (not repeated per result). */
export interface RuleMeta {
  id: string;
  name: string;
  title: Localized;
  severity: Severity | "by-level";
  /**
   * The severities the rule's results can have, most severe first: its own (for `by-level`, high,
   * medium and low) and those its target kinds declare (ENC-02 `tde` critical). SARIF writes one
   * rule descriptor per severity, since GitHub reads `security-severity` from the descriptor only.
   * Absent in a findings.json before 1.8.0.
   */
  severities?: Severity[];
  rationale: Localized;
  guidance: GuidanceLine[];
  remediation: RuleRemediation;
  references: string[];
  helpUri: string;
  /** The options the rule ran with, for a rule that has options. */
  options?: Record<string, unknown>;
}


export type { ArmResource };
