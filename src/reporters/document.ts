/**
 * Builds the findings document (findings.json) from the findings, the snapshot and the run's
 * settings, and decides the exit code. Pure: every input is passed in.
 */

import { normalizeRegion } from "../config/regions.js";
import type { ResolvedConfig } from "../config/types.js";
import { type Finding, type Localized, type RuleMeta, SEVERITIES, type Severity, STATUSES, type Status } from "../engine/types.js";
import type { Snapshot } from "../snapshot/types.js";
import { type ExceptionReportEntry, FINDINGS_SCHEMA_VERSION, type FindingsDocument } from "./types.js";

export const EXIT = { ok: 0, failing: 1, error: 2, partial: 3 } as const;

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export interface OutcomeOptions {
  failOn: Severity;
  failOnNew: boolean;
  allowPartial: boolean;
}

/**
 * The exit code: 3 when part of the tenant was not assessed (unless allowPartial), else 1 when a
 * failing result is at or above failOn (only new ones with failOnNew), else 0. 3 wins over 1: an
 * incomplete audit's failures are only a lower bound.
 */
export function decideExit(findings: Finding[], coverageCount: number, o: OutcomeOptions): { code: number; reason: Localized } {
  const t = new Tally([], o);
  t.add(findings);
  return exitFrom(t, coverageCount, o);
}

function exitFrom(t: Tally, coverageCount: number, o: OutcomeOptions): { code: number; reason: Localized } {
  const notAssessed = t.byStatus["not-assessed"];
  const failing = t.failing;
  const sevSv: Record<Severity, string> = { critical: "kritisk", high: "hög", medium: "medel", low: "låg", info: "info" };
  const nw = o.failOnNew ? { en: "new ", sv: "nya " } : { en: "", sv: "" };
  if ((notAssessed > 0 || coverageCount > 0) && !o.allowPartial) {
    return {
      code: EXIT.partial,
      reason: {
        en: `${coverageCount} scope(s) could not be read and ${notAssessed} result(s) were not assessed${failing > 0 ? `; ${failing} failing result(s) at or above ${o.failOn} found in what was read` : ""}`,
        sv: `${coverageCount} område(n) kunde inte läsas och ${notAssessed} resultat kunde inte bedömas${failing > 0 ? `; ${failing} underkända resultat med allvarlighet ${sevSv[o.failOn]} eller högre i det som lästes` : ""}`,
      },
    };
  }
  if (failing > 0) {
    return {
      code: EXIT.failing,
      reason: {
        en: `${failing} ${nw.en}failing result(s) at or above ${o.failOn}`,
        sv: `${failing} ${nw.sv}underkända resultat med allvarlighet ${sevSv[o.failOn]} eller högre`,
      },
    };
  }
  const partial = notAssessed > 0 || coverageCount > 0;
  return {
    code: EXIT.ok,
    reason: {
      en: `no ${nw.en}failing result at or above ${o.failOn}${partial ? " (partial audit allowed)" : ""}`,
      sv: `inga ${nw.sv}underkända resultat med allvarlighet ${sevSv[o.failOn]} eller högre${partial ? " (delvis granskning tillåten)" : ""}`,
    },
  };
}

/**
 * The document's counts, added up batch by batch (one rule's findings at a time), so the findings
 * themselves need not be kept: totals by status, failures by severity, per rule, and the failures
 * that decide the exit code (at or above failOn; only new ones with failOnNew).
 */
export class Tally {
  total = 0;
  readonly byStatus = zero(STATUSES);
  readonly failBySeverity = zero(SEVERITIES);
  readonly byRule: Record<string, Record<Status, number>> = {};
  /** Failing results that count for the exit code. */
  failing = 0;

  constructor(
    rules: readonly RuleMeta[],
    private readonly outcome: OutcomeOptions,
  ) {
    for (const r of rules) this.byRule[r.id] = zero(STATUSES);
  }

  add(findings: readonly Finding[]): void {
    const o = this.outcome;
    for (const f of findings) {
      this.total++;
      this.byStatus[f.status]++;
      (this.byRule[f.ruleId] ??= zero(STATUSES))[f.status]++;
      if (f.status !== "fail") continue;
      this.failBySeverity[f.severity]++;
      // Without a baseline (the first night) nothing has a baselineState: every failure counts as new.
      if (RANK[f.severity] >= RANK[o.failOn] && (!o.failOnNew || f.baselineState !== "unchanged")) this.failing++;
    }
  }
}

function zero<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

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
}

/** Assembles findings.json. */
export function buildDocument(i: BuildInput): FindingsDocument {
  let tally = i.tally;
  if (!tally) {
    tally = new Tally(i.rules, i.outcome);
    tally.add(i.findings ?? []);
  }
  const { byStatus, failBySeverity, byRule } = tally;
  const exit = exitFrom(tally, i.snapshot.coverage.length, i.outcome);
  const allowed = new Set(i.config.profile.allowedRegions.map(normalizeRegion));
  const regionCounts = new Map<string, { region: string; allowed: boolean; subscriptionId: string; count: number }>();
  let resources = 0;
  for (const sub of i.snapshot.subscriptions) {
    for (const r of sub.collections.resources ?? []) {
      resources++;
      const region = typeof r.location === "string" && r.location ? normalizeRegion(r.location) : "(none)";
      const key = `${sub.subscriptionId}|${region}`;
      const row = regionCounts.get(key) ?? { region, allowed: region === "global" || allowed.has(region), subscriptionId: sub.subscriptionId, count: 0 };
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

  return {
    schemaVersion: FINDINGS_SCHEMA_VERSION,
    tool: { name: "hemvist", version: i.toolVersion },
    generatedAt: i.generatedAt.toISOString(),
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
    coverage: i.snapshot.coverage,
    ...(i.baseline ? { baseline: i.baseline } : {}),
    ...(i.exceptions ? { exceptions: i.exceptions } : {}),
    residency: {
      regions: [...regionCounts.values()].sort((a, b) => b.count - a.count || a.region.localeCompare(b.region)),
      m365Geos: [...geoCounts.values()].sort((a, b) => b.count - a.count || a.geo.localeCompare(b.geo)),
    },
  };
}

/** Sorts findings for stable output: status, severity, rule, resource, part. */
export function sortFindings(findings: Finding[]): Finding[] {
  const st: Record<Status, number> = { fail: 0, "not-assessed": 1, excepted: 2, pass: 3 };
  return findings.sort(
    (a, b) =>
      st[a.status] - st[b.status] ||
      RANK[b.severity] - RANK[a.severity] ||
      a.ruleId.localeCompare(b.ruleId) ||
      a.resourceKey.localeCompare(b.resourceKey) ||
      (a.part ?? "").localeCompare(b.part ?? ""),
  );
}

export { RANK as SEVERITY_RANK };
