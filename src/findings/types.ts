/**
 * The findings document (findings.json): what the findings layer produces and every reporter receives.
 */
import type { Finding, Localized, RuleMeta, Severity, Status } from "../engine/types.js";
import type { CoverageEntry } from "../snapshot/types.js";

/** Major.minor.patch of findings.json. A reader refuses another major. */
export const FINDINGS_SCHEMA_VERSION = "1.0.0";

export interface ExceptionReportEntry {
  id: string;
  ruleId: string;
  resource: string;
  justification: string;
  owner: string;
  ticket?: string;
  expires: string;
  /** active; expiring (within 30 days); expired (no longer matches). */
  state: "active" | "expiring" | "expired";
  /** How many results it excepted in this run. */
  matched: number;
  warnings?: string[];
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
  coverage: CoverageEntry[];
  /** Present when a baseline was given. */
  baseline?: {
    path: string;
    generatedAt: string;
    snapshotSha256?: string;
    /** Results that failed (or were not assessed) in the baseline and no longer do. */
    resolved: Pick<Finding, "ruleId" | "resourceId" | "resourceKey" | "part" | "fingerprint" | "severity" | "status" | "message" | "resourceType" | "subscriptionId" | "location">[];
    counts: { new: number; unchanged: number; resolved: number };
  };
  exceptions?: ExceptionReportEntry[];
  /** Where data lives: resources per region and per M365 geo (for the HTML chart). */
  residency: {
    regions: { region: string; allowed: boolean; subscriptionId: string; count: number }[];
    m365Geos: { geo: string; allowed: boolean; kind: "user" | "group" | "site" | "tenant"; count: number }[];
  };
}
