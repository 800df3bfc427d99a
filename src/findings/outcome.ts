/**
 * The run's outcome: the tally of results and the exit decision (`audit`/`evaluate`), and the
 * exit code of `collect`. Pure.
 */
import { GLOSSARY } from "../base/glossary.js";
import { type Finding, type Localized, type RuleMeta, SEVERITIES, type Severity, STATUSES, type Status } from "../engine/types.js";
import type { CoverageEntry } from "../snapshot/types.js";

/** The exit codes: 0 ok, 1 failing results, 2 the audit could not run, 3 part of the tenant not assessed. */
export const EXIT = { ok: 0, failing: 1, error: 2, partial: 3 } as const;

/** Severity as a number: critical 4 … info 0. */
export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };
const RANK = SEVERITY_RANK;

/** The settings the exit decision follows (`--fail-on`, `--fail-on-new`, `--allow-partial`). */
export interface OutcomeOptions {
  failOn: Severity;
  failOnNew: boolean;
  allowPartial: boolean;
}

/**
 * The exit code: 3 when part of the tenant was not assessed (unless allowPartial), else 1 when a
 * failing result is at or above failOn (only those whose baselineState is `new` with failOnNew;
 * without a baseline every failure is new), else 0. 3 wins over 1: an
 * incomplete audit's failures are only a lower bound.
 */
export function decideExit(findings: Finding[], coverageCount: number, o: OutcomeOptions): { code: number; reason: Localized } {
  const t = new Tally([], o);
  t.add(findings);
  return exitDecision(t, coverageCount, o);
}

/** The exit code and its reason from a run's tally and how many coverage entries it has. */
export function exitDecision(t: Tally, coverageCount: number, o: OutcomeOptions): { code: number; reason: Localized } {
  const notAssessed = t.byStatus["not-assessed"];
  const failing = t.failing;
  const sevSv: Record<Severity, string> = GLOSSARY.sv.severity;
  const nw = o.failOnNew ? { en: "new ", sv: "nya " } : { en: "", sv: "" };
  if ((notAssessed > 0 || coverageCount > 0) && !o.allowPartial) {
    return {
      code: EXIT.partial,
      reason: {
        en: `${coverageCount} scope(s) could not be read and ${notAssessed} result(s) were not assessed${failing > 0 ? `; ${failing} failing result(s) at or above ${o.failOn} found in what was read` : ""}`,
        sv: `${coverageCount} område(n) kunde inte läsas och ${notAssessed} resultat kunde inte bedömas${failing > 0 ? `; ${failing} underkända resultat med allvarlighetsgrad ${sevSv[o.failOn]} eller högre i det som lästes` : ""}`,
      },
    };
  }
  if (failing > 0) {
    return {
      code: EXIT.failing,
      reason: {
        en: `${failing} ${nw.en}failing result(s) at or above ${o.failOn}`,
        sv: `${failing} ${nw.sv}underkända resultat med allvarlighetsgrad ${sevSv[o.failOn]} eller högre`,
      },
    };
  }
  const partial = notAssessed > 0 || coverageCount > 0;
  return {
    code: EXIT.ok,
    reason: {
      en: `no ${nw.en}failing result at or above ${o.failOn}${partial ? " (partial audit allowed)" : ""}`,
      sv: `inga ${nw.sv}underkända resultat med allvarlighetsgrad ${sevSv[o.failOn]} eller högre${partial ? " (delvis granskning tillåten)" : ""}`,
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
      // With failOnNew only `new` failures count; without a baseline (the first night) nothing has
      // a baselineState and every failure counts as new. Resolved and unverified baseline results
      // are not tonight's failures: they never count.
      if (RANK[f.severity] >= RANK[o.failOn] && (!o.failOnNew || f.baselineState === undefined || f.baselineState === "new")) this.failing++;
    }
  }
}

function zero<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/**
 * The exit code of `collect` (a snapshot only, no verdicts): 3 when a scope could not be read
 * (unless allowPartial), else 0.
 */
export function decideCollectExit(coverage: readonly CoverageEntry[], o: Pick<OutcomeOptions, "allowPartial">): number {
  return coverage.length > 0 && !o.allowPartial ? EXIT.partial : EXIT.ok;
}
