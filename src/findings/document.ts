/**
 * Builds the findings document (findings.json) from the findings, the snapshot and the run's
 * settings; the exit decision comes from outcome.ts. Pure: every input is passed in.
 */

import { ATTESTATION_KEYS, attestationState } from "../config/attestations.js";
import { normalizeRegion } from "../config/regions.js";
import type { ResolvedConfig } from "../config/types.js";
import type { Finding, RuleMeta, Status } from "../engine/types.js";
import type { CoverageEntry, Snapshot } from "../snapshot/types.js";
import { buildDataMap } from "./datamap.js";
import { exitDecision, type OutcomeOptions, SEVERITY_RANK as RANK, Tally } from "./outcome.js";
import { appendNight, tonightNight } from "./trend.js";
import { type AttestationReportEntry, type DataMap, type DisabledRule, type DocumentCoverageEntry, type ExceptionReportEntry, FINDINGS_SCHEMA_VERSION, type FindingsDocument, type TrendNight } from "./types.js";

export interface BuildInput {
  snapshot: Snapshot;
  snapshotSha256: string;
  /** The results, when the document carries them; with `tally` instead, `results` is left empty (the report spool holds them). */
  findings?: Finding[];
  tally?: Tally;
  rules: RuleMeta[];
  config: ResolvedConfig;
  generatedAt: Date;
  toolVersion: string;
  outcome: OutcomeOptions;
  baseline?: FindingsDocument["baseline"];
  exceptions?: ExceptionReportEntry[];
  /**
   * Coverage entries with the rule ids whose results each one blinded. Default: the snapshot's
   * coverage, each entry with the `blinds` it already has (snapshots before 1.1) or `[]`.
   */
  coverage?: DocumentCoverageEntry[];
  /**
   * The rules switched off in the configuration, with their titles where known. Default: the ids
   * of `config.disabledRules`, without titles.
   */
  disabledRules?: DisabledRule[];
  /** The data map, collected from the results as they were evaluated. Default: built from `findings` when given, else absent. */
  dataMap?: DataMap;
  /** The nights the baseline carries forward (trend.ts `baselineNights`); tonight is appended to them. Default: none. */
  priorTrend?: readonly TrendNight[];
}

/** The snapshot's coverage as findings.json lists it: every entry with a `blinds` list. */
export function documentCoverage(coverage: readonly CoverageEntry[]): DocumentCoverageEntry[] {
  return coverage.map((c) => ({ ...c, blinds: c.blinds ?? [] }));
}

/** Assembles findings.json. */
export function buildDocument(i: BuildInput): FindingsDocument {
  let tally = i.tally;
  if (!tally) {
    tally = new Tally(i.rules, i.outcome);
    tally.add(i.findings ?? []);
  }
  const { byStatus, failBySeverity, byRule } = tally;
  const coverage = i.coverage ?? documentCoverage(i.snapshot.coverage);
  const disabledRules = i.disabledRules ?? i.config.disabledRules.map((id) => ({ id }));
  const exit = exitDecision(tally, coverage.length, i.outcome);
  // No visible subscription: the whole Azure part is a gap. Said first, in plain words, wherever the exit reason shows.
  if (coverage.some((c) => c.code === "NoVisibleSubscription")) {
    exit.reason = {
      en: `the identity sees no Azure subscription, so Azure was not audited at all (grant it Reader on the subscriptions or a management group); ${exit.reason.en}`,
      sv: `identiteten ser ingen Azure-prenumeration, så Azure granskades inte alls (ge den rollen Läsare på prenumerationerna eller en hanteringsgrupp); ${exit.reason.sv}`,
    };
  }
  const allowed = new Set(i.config.profile.allowedRegions.map(normalizeRegion));
  const regionCounts = new Map<string, { region: string; allowed: boolean; subscriptionId: string; count: number }>();
  let resources = 0;
  for (const sub of i.snapshot.subscriptions) {
    for (const r of sub.collections.resources ?? []) {
      resources++;
      const region = typeof r.location === "string" && r.location ? normalizeRegion(r.location) : "(none)";
      const key = `${sub.subscriptionId}|${region}`;
      // `global` is allowed only when the profile lists it (RES-03 judges global resources by type, not as allowed).
      const row = regionCounts.get(key) ?? { region, allowed: allowed.has(region), subscriptionId: sub.subscriptionId, count: 0 };
      row.count++;
      regionCounts.set(key, row);
    }
  }
  const geos = new Set(i.config.profile.allowedM365Geos.map((g) => g.toUpperCase()));
  const geoCounts = new Map<string, { geo: string; allowed: boolean; kind: "user" | "group" | "site" | "tenant"; count: number }>();
  const addGeo = (geo: unknown, kind: "user" | "group" | "site" | "tenant") => {
    if (typeof geo !== "string" || !geo) return;
    const g = geo.toUpperCase();
    const key = `${kind}|${g}`;
    const row = geoCounts.get(key) ?? { geo: g, allowed: geos.has(g), kind, count: 0 };
    row.count++;
    geoCounts.set(key, row);
  };
  const m = i.snapshot.tenant.m365;
  for (const o of m?.organization ?? []) addGeo((o as { preferredDataLocation?: unknown }).preferredDataLocation, "tenant");
  for (const u of m?.users ?? []) addGeo(u.preferredDataLocation, "user");
  for (const g of m?.groups ?? []) addGeo(g.preferredDataLocation, "group");
  for (const s of m?.sites ?? []) addGeo((s.siteCollection as { dataLocationCode?: unknown } | undefined)?.dataLocationCode, "site");

  const attestations = attestationReport(i.config, i.generatedAt);
  const dataMap = i.dataMap ?? (i.findings ? buildDataMap(i.findings, i.snapshot, i.config, coverage) : undefined);
  const generatedAt = i.generatedAt.toISOString();
  const trend = appendNight(i.priorTrend ?? [], tonightNight({ generatedAt, summary: { failBySeverity, byStatus }, ...(i.baseline ? { baseline: i.baseline } : {}) }));
  return {
    schemaVersion: FINDINGS_SCHEMA_VERSION,
    tool: { name: "hemvist", version: i.toolVersion },
    generatedAt,
    tenantId: i.snapshot.tenant.tenantId,
    ...(i.snapshot.tenant.displayName ? { tenantName: i.snapshot.tenant.displayName } : {}),
    collectedAt: i.snapshot.collectedAt,
    snapshotSha256: i.snapshotSha256,
    profile: {
      name: i.config.profile.name,
      allowedRegions: i.config.profile.allowedRegions,
      allowedM365Geos: i.config.profile.allowedM365Geos,
      aiDataZoneAllowed: i.config.profile.aiDataZoneAllowed,
    },
    exit: { ...exit, failOn: i.outcome.failOn, failOnNew: i.outcome.failOnNew, allowPartial: i.outcome.allowPartial },
    summary: {
      total: tally.total,
      byStatus,
      failBySeverity,
      byRule,
      resources,
      subscriptions: i.snapshot.subscriptions.length,
    },
    rules: i.rules,
    results: i.findings ?? [],
    coverage,
    ...(disabledRules.length > 0 ? { disabledRules } : {}),
    ...(i.baseline ? { baseline: i.baseline } : {}),
    ...(i.exceptions ? { exceptions: i.exceptions } : {}),
    ...(attestations.length > 0 ? { attestations } : {}),
    ...(dataMap ? { dataMap } : {}),
    trend,
    residency: {
      regions: [...regionCounts.values()].sort((a, b) => b.count - a.count || a.region.localeCompare(b.region)),
      m365Geos: [...geoCounts.values()].sort((a, b) => b.count - a.count || a.geo.localeCompare(b.geo)),
    },
  };
}

/** The configuration's attestations with their state at `now` (the run's start). */
export function attestationReport(config: ResolvedConfig, now: Date): AttestationReportEntry[] {
  const out: AttestationReportEntry[] = [];
  for (const key of ATTESTATION_KEYS) {
    const a = config.attestations[key];
    if (!a) continue;
    const value = "geo" in a ? a.geo : a.assigned;
    out.push({ key, value, attestedBy: a.attestedBy, attestedOn: a.attestedOn, source: a.source, ...attestationState(a, now) });
  }
  return out;
}

/** Sorts findings for stable output: status, severity, rule, resource, part. */
export function sortFindings(findings: Finding[]): Finding[] {
  const st: Record<Status, number> = { fail: 0, "not-assessed": 1, "attestation-required": 2, excepted: 3, pass: 4 };
  return findings.sort(
    (a, b) =>
      st[a.status] - st[b.status] ||
      RANK[b.severity] - RANK[a.severity] ||
      a.ruleId.localeCompare(b.ruleId) ||
      a.resourceKey.localeCompare(b.resourceKey) ||
      (a.part ?? "").localeCompare(b.part ?? ""),
  );
}

