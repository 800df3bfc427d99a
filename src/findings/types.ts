/**
 * The findings document (findings.json): what the findings layer produces and every reporter receives.
 */
import type { AttestationKey, AttestationState } from "../config/attestations.js";
import type { Finding, Localized, RuleMeta, Severity, Status } from "../engine/types.js";
import type { CoverageEntry } from "../snapshot/types.js";

/** Major.minor.patch of findings.json. A reader refuses another major. */
export const FINDINGS_SCHEMA_VERSION = "1.8.0";

export interface ExceptionReportEntry {
  id: string;
  ruleId: string;
  resource: string;
  justification: string;
  owner: string;
  ticket?: string;
  expires: string;
  /** The entry said `ruleWide: true`: its pattern has no literal subscription or tenant segment. */
  ruleWide?: true;
  /** active; expiring (within 30 days); expired (no longer matches); invalid (past the maximum horizon or not a date: not applied). */
  state: "active" | "expiring" | "expired" | "invalid";
  /** How many results it excepted in this run. */
  matched: number;
  /** What is wrong with the entry, in English (as before 1.8.0). */
  warnings?: string[];
  /** The same warnings in both report languages (from 1.8.0). */
  warningTexts?: Localized[];
}

/** A baseline result as findings.json lists it when tonight did not confirm it (resolved or unverified). */
export type BaselineEntry = Pick<Finding, "ruleId" | "resourceId" | "resourceKey" | "part" | "fingerprint" | "severity" | "status" | "message" | "resourceType" | "subscriptionId" | "location">;

/**
 * How a baseline result was resolved: `passes` (tonight's result for it passes), `gone` (no result
 * tonight, the target no longer exists, every scope it depended on was read), `no-longer-applies`
 * (no result tonight, the target still exists and its scopes were read: reclassified, setting removed).
 */
export type ResolutionKind = "passes" | "gone" | "no-longer-applies";

/**
 * Why a baseline result could not be confirmed tonight: `not-assessed-tonight` (tonight's result is
 * not assessed), `attestation-required-tonight` (tonight's result needs attestation), `scope-unreadable` (a scope it depended on is in tonight's coverage gaps),
 * `out-of-view` (its subscription is not among tonight's visible subscriptions), `rule-disabled`
 * (turned off in the configuration), `rule-removed` (no such rule ran tonight).
 */
export type UnverifiedCode = "not-assessed-tonight" | "attestation-required-tonight" | "scope-unreadable" | "out-of-view" | "rule-disabled" | "rule-removed";

/** A baseline result tonight confirmed fixed. */
export type ResolvedEntry = BaselineEntry & { resolution: ResolutionKind };

/** A baseline result tonight could neither confirm nor clear: never counted as fixed. */
export type UnverifiedEntry = BaselineEntry & { reason: { code: UnverifiedCode } & Localized };

/** The baseline diff of findings.json (present when a baseline was given). */
export interface BaselineSummary {
  path: string;
  generatedAt: string;
  snapshotSha256?: string;
  /** Baseline results (fail or not-assessed) that tonight confirmed fixed, with how. */
  resolved: ResolvedEntry[];
  /** Baseline results (fail or not-assessed) tonight could not confirm, with why; shown apart from resolved. */
  unverified: UnverifiedEntry[];
  /** new and unchanged: tonight's results with that baselineState; resolved and unverified: the lists' lengths. */
  counts: { new: number; unchanged: number; resolved: number; unverified: number };
}

/** A coverage entry as findings.json lists it: with the rule ids whose results it blinded. */
export type DocumentCoverageEntry = CoverageEntry & { blinds: string[] };

/** A rule switched off in the configuration (`rules.disabled`). */
export interface DisabledRule {
  id: string;
  /** The rule's title, when the rule is known. */
  title?: Localized;
}

export interface FindingsDocument {
  schemaVersion: string;
  tool: { name: "hemvist"; version: string };
  /** When the evaluation ran (ISO). */
  generatedAt: string;
  tenantId: string;
  tenantName?: string;
  /** When the evidence was collected. */
  collectedAt: string;
  /** SHA-256 (hex) of snapshot.json as written, tying the findings to the evidence. */
  snapshotSha256: string;
  profile: { name: string; allowedRegions: string[]; allowedM365Geos: string[]; aiDataZoneAllowed: boolean };
  /** Exit code the run returned and why. */
  exit: { code: number; reason: Localized; failOn: Severity; failOnNew: boolean; allowPartial: boolean };
  summary: {
    total: number;
    byStatus: Record<Status, number>;
    /** Failing (fail) results by severity. */
    failBySeverity: Record<Severity, number>;
    byRule: Record<string, Record<Status, number>>;
    resources: number;
    subscriptions: number;
  };
  /** Rule texts, stored once. */
  rules: RuleMeta[];
  results: Finding[];
  coverage: DocumentCoverageEntry[];
  /** Rules switched off in the configuration (present when there are any). */
  disabledRules?: DisabledRule[];
  /** Present when a baseline was given. */
  baseline?: BaselineSummary;
  exceptions?: ExceptionReportEntry[];
  /** The attestations of the configuration, each with its state on the run's day (present when there are any). */
  attestations?: AttestationReportEntry[];
  /** Failures by severity per night, oldest first, the last TREND_NIGHTS nights (tonight last), carried forward from the baseline's trend. */
  trend?: TrendNight[];
  /** Every copy of the data with its region, country and legal regime, computed once from the rules' evidence. */
  dataMap?: DataMap;
  /** Where data lives: resources per region and per M365 geo (for the HTML chart). */
  residency: {
    regions: { region: string; allowed: boolean; subscriptionId: string; count: number }[];
    m365Geos: { geo: string; allowed: boolean; kind: "user" | "group" | "site" | "tenant"; count: number }[];
  };
}

/** An attestation as the report lists it: the attested value, who, when, where, and whether it still holds. */
export interface AttestationReportEntry {
  key: AttestationKey;
  /** The geo (m365DefaultGeo) or whether policies are assigned (customerKeyPolicies). */
  value: string | boolean;
  attestedBy: string;
  attestedOn: string;
  source: string;
  /** `valid`; `expiring` within 30 days; `stale` (over 365 days old: the part needs attestation again). */
  state: AttestationState;
  /** The first day the attestation is stale. */
  staleOn: string;
}

/** How many nights the trend keeps. */
export const TREND_NIGHTS = 30;

/** One night of the trend. */
export interface TrendNight {
  /** The night's generatedAt (ISO). */
  generatedAt: string;
  /** Failing results by severity that night. */
  failBySeverity: Record<Severity, number>;
  /** Not-assessed results that night. */
  notAssessed: number;
  /** New, resolved and unverified against that night's baseline (absent when it had none). */
  changes?: { new: number; resolved: number; unverified: number };
}

/**
 * The legal regime a country's data falls under for a Swedish controller (GDPR chapter V):
 * `sweden`; `eu` (another EU member state); `eea` (Norway, Iceland, Liechtenstein); `adequacy`
 * (a third country with an EU adequacy decision, e.g. the UK, Switzerland); `us-dpf` (the US:
 * adequate only for recipients certified under the EU–US Data Privacy Framework); `third-country`
 * (any other); `unknown` (a region whose country Hemvist does not know, or a non-regional value such as `global`).
 */
export type LegalRegime = "sweden" | "eu" | "eea" | "adequacy" | "us-dpf" | "third-country" | "unknown";

/** What a copy of the data is. */
export type CopyKind = "primary" | "secondary" | "replica" | "backup" | "failover-partner" | "ai-processing" | "key";

/** A region (or non-regional location such as `global`) that holds a copy. */
export interface DataMapRegion {
  /** Canonical lower-case region name (`swedencentral`), or the location value as given when it is not a region. */
  name: string;
  displayName?: string;
  /** From the locations API's `metadata.latitude` / `metadata.longitude` (absent when not read or not a physical region). */
  latitude?: number;
  longitude?: number;
  /** ISO 3166 alpha-2 country code (absent when unknown). */
  country?: string;
  regime: LegalRegime;
  /** The profile allows it. */
  allowed: boolean;
}

/** One copy of one resource's data. */
export interface DataCopy {
  resourceId: string;
  resourceKey: string;
  resourceName?: string;
  resourceType?: string;
  subscriptionId?: string;
  kind: CopyKind;
  /** The copy's region (a DataMapRegion name); absent when the copy's location could not be read. */
  region?: string;
  /** The primary's region, for lines from primary to copy (absent for primaries). */
  primaryRegion?: string;
  /** `read`: the location is known; `unreadable`: a read this copy needed failed (it is shown, never left out). */
  state: "read" | "unreadable";
  /** Where the fact came from: the rule result whose evidence gave it (rule id and fingerprint). */
  source: { ruleId: string; fingerprint: string };
  /** For `key`: the ARM id of the Key Vault or managed HSM holding the key, when it was found in the inventory. */
  keyHolderId?: string;
  /** For `state: "unreadable"`: why the location could not be read (the not-assessed reason's code, or what the evidence lacked). */
  unreadableReason?: string;
}

/** Microsoft 365 data locations on the map: counts per geo and kind, and how many could not be read. */
export interface DataMapM365 {
  geo: string;
  kind: "user" | "group" | "site" | "tenant";
  count: number;
  regime: LegalRegime;
  allowed: boolean;
}

/** Every copy of the data, with the regions they are in. */
export interface DataMap {
  regions: DataMapRegion[];
  copies: DataCopy[];
  m365: DataMapM365[];
  /** Microsoft 365 objects whose data location could not be read (e.g. users when the read was refused), per kind. */
  m365Unreadable: { kind: "user" | "group" | "site" | "tenant"; count?: number; reason: string }[];
}
