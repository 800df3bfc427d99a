/**
 * The trend of findings.json: failures by severity per night, oldest first, the last TREND_NIGHTS
 * nights with tonight last. Each night carries the trend forward from its `--baseline`: tonight's
 * night is appended to the baseline's trend, or, for a baseline written before the trend existed,
 * to one night counted from the baseline's own results. Pure: every input is passed in.
 *
 * Order is part of the format: a trend Hemvist wrote is strictly oldest first (one night per run),
 * so a baseline whose trend is out of order or names one time twice was edited and is refused
 * (`trendProblems`, exit 2) rather than drawn wrongly. Tonight's night replaces a baseline night of
 * the same time (the same run evaluated twice), and baseline nights later than tonight (a baseline
 * from the future, a clock set back) are dropped; `appendNight` says so in its warnings.
 */
import { describeValue } from "../base/files.js";
import { type Finding, SEVERITIES, type Severity } from "../engine/types.js";
import { type FindingsDocument, TREND_NIGHTS, type TrendNight } from "./types.js";

/** One problem of a baseline's trend: the field, what was found and what was expected (the shape of baseline.ts's BaselineProblem, declared here so neither file imports the other both ways). */
export interface TrendProblem {
  field: string;
  found: string;
  expected: string;
}

const isCount = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
/** An ISO 8601 date-time in UTC or with an offset, as findings.json's generatedAt is written. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The instant of a valid night time (ms), or NaN. */
function instant(v: unknown): number {
  return typeof v === "string" && DATE_TIME.test(v) ? Date.parse(v) : Number.NaN;
}

const COUNT = "a whole number, 0 or more";

/** The problems of one `{ new, resolved, unverified }` object at `field` (`unverified` may be absent in a 1.0 baseline's counts). */
function changesProblems(v: unknown, field: string, unverifiedOptional = false): TrendProblem[] {
  if (!isObject(v)) return [{ field, found: describeValue(v), expected: 'an object with the counts "new", "resolved" and "unverified"' }];
  const out: TrendProblem[] = [];
  for (const k of ["new", "resolved", "unverified"] as const) {
    if (k === "unverified" && unverifiedOptional && v[k] === undefined) continue;
    if (!isCount(v[k])) out.push({ field: `${field}.${k}`, found: v[k] === undefined ? "it is missing" : describeValue(v[k]), expected: COUNT });
  }
  return out;
}

/**
 * Checks a baseline's `trend` (when present) the way the rest of the baseline is checked: every
 * night an object with a date-time `generatedAt`, a count per severity in `failBySeverity`, a
 * `notAssessed` count and, when present, `changes` counts; the nights strictly oldest first. A
 * baseline without a trend is counted from its results (already checked); its `baseline.counts`,
 * read for that night's changes when present, are checked here too.
 * @param doc the parsed previous findings.json
 * @returns the problems in file order (none: the trend can be carried forward)
 */
export function trendProblems(doc: { trend?: unknown; baseline?: unknown }): TrendProblem[] {
  const problems: TrendProblem[] = [];
  if (doc.trend === undefined) {
    if (isObject(doc.baseline) && doc.baseline.counts !== undefined) problems.push(...changesProblems(doc.baseline.counts, "baseline.counts", true));
    return problems;
  }
  if (!Array.isArray(doc.trend)) return [{ field: "trend", found: describeValue(doc.trend), expected: "a list of nights, oldest first" }];
  let before = Number.NEGATIVE_INFINITY;
  doc.trend.forEach((night: unknown, i) => {
    const at = `trend[${i}]`;
    if (!isObject(night)) {
      problems.push({ field: at, found: describeValue(night), expected: "a night (an object with generatedAt, failBySeverity and notAssessed)" });
      return;
    }
    const t = instant(night.generatedAt);
    if (Number.isNaN(t)) {
      problems.push({ field: `${at}.generatedAt`, found: night.generatedAt === undefined ? "it is missing" : describeValue(night.generatedAt), expected: "a date-time string (2026-12-04T02:17:00.000Z)" });
    } else {
      if (t <= before) {
        problems.push({
          field: `${at}.generatedAt`,
          found: `${describeValue(night.generatedAt)}, ${t === before ? "the same time as" : "earlier than"} trend[${i - 1}]`,
          expected: "a time later than the night before it (the trend is oldest first, one night per run)",
        });
      }
      before = t;
    }
    const fails = night.failBySeverity;
    if (!isObject(fails)) problems.push({ field: `${at}.failBySeverity`, found: fails === undefined ? "it is missing" : describeValue(fails), expected: `an object with a count per severity (${SEVERITIES.join(", ")})` });
    else {
      for (const s of SEVERITIES) {
        if (!isCount(fails[s])) problems.push({ field: `${at}.failBySeverity.${s}`, found: fails[s] === undefined ? "it is missing" : describeValue(fails[s]), expected: COUNT });
      }
    }
    if (!isCount(night.notAssessed)) problems.push({ field: `${at}.notAssessed`, found: night.notAssessed === undefined ? "it is missing" : describeValue(night.notAssessed), expected: COUNT });
    if (night.changes !== undefined) problems.push(...changesProblems(night.changes, `${at}.changes`));
  });
  return problems;
}

/** A copy of a checked night with only the fields of TrendNight (anything else a file carried is not carried forward). */
function copyNight(n: TrendNight): TrendNight {
  const failBySeverity = {} as Record<Severity, number>;
  for (const s of SEVERITIES) failBySeverity[s] = n.failBySeverity[s];
  return {
    generatedAt: n.generatedAt,
    failBySeverity,
    notAssessed: n.notAssessed,
    ...(n.changes ? { changes: { new: n.changes.new, resolved: n.changes.resolved, unverified: n.changes.unverified } } : {}),
  };
}

/**
 * The nights a checked baseline carries forward: its trend, or (a baseline without one) one night
 * counted from its results, with its own baseline's new/resolved/unverified counts when it had a
 * baseline (a 1.0 baseline's counts have no `unverified`: that night gets no changes rather than a 0 nobody counted).
 * @param doc a previous findings.json that passed `trendProblems` and the baseline's result checks
 */
export function baselineNights(doc: { generatedAt?: unknown; trend?: TrendNight[]; results: readonly Pick<Finding, "status" | "severity">[]; baseline?: { counts?: { new: number; resolved: number; unverified?: number } } }): TrendNight[] {
  if (doc.trend) return doc.trend.map(copyNight);
  // A baseline without a date cannot be placed on the trend (its results still serve the diff).
  if (typeof doc.generatedAt !== "string" || Number.isNaN(instant(doc.generatedAt))) return [];
  const c = doc.baseline?.counts;
  return [nightOf(doc.generatedAt, doc.results, c && c.unverified !== undefined ? { new: c.new, resolved: c.resolved, unverified: c.unverified } : undefined)];
}

/** One night counted from results: failures by severity and not-assessed results. */
export function nightOf(generatedAt: string, results: readonly Pick<Finding, "status" | "severity">[], changes?: { new: number; resolved: number; unverified: number }): TrendNight {
  const failBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let notAssessed = 0;
  for (const r of results) {
    if (r.status === "fail") failBySeverity[r.severity]++;
    else if (r.status === "not-assessed") notAssessed++;
  }
  return { generatedAt, failBySeverity, notAssessed, ...(changes ? { changes: { new: changes.new, resolved: changes.resolved, unverified: changes.unverified } } : {}) };
}

/** Tonight's night from the document being built: its summary and, with a baseline, its diff's counts. */
export function tonightNight(doc: Pick<FindingsDocument, "generatedAt" | "baseline"> & { summary: Pick<FindingsDocument["summary"], "failBySeverity" | "byStatus"> }): TrendNight {
  const b = doc.baseline?.counts;
  return {
    generatedAt: doc.generatedAt,
    failBySeverity: { ...doc.summary.failBySeverity },
    notAssessed: doc.summary.byStatus["not-assessed"],
    ...(b ? { changes: { new: b.new, resolved: b.resolved, unverified: b.unverified } } : {}),
  };
}

/** How many of the carried nights tonight replaces (the same time) and drops (later than tonight). */
function displaced(prior: readonly TrendNight[], generatedAt: string): { replaced: number; later: number } {
  const now = instant(generatedAt);
  let replaced = 0;
  let later = 0;
  for (const n of prior) {
    const t = instant(n.generatedAt);
    if (t === now) replaced++;
    else if (t > now) later++;
  }
  return { replaced, later };
}

/**
 * Appends tonight to the nights carried forward and keeps the last `max`, oldest first, tonight
 * last. A carried night at tonight's time is replaced by tonight; carried nights later than
 * tonight are dropped (`trendWarning` says so).
 * @param prior the baseline's nights, strictly oldest first (`trendProblems` checked that)
 * @param tonight tonight's night
 * @param max how many nights to keep (TREND_NIGHTS)
 */
export function appendNight(prior: readonly TrendNight[], tonight: TrendNight, max: number = TREND_NIGHTS): TrendNight[] {
  const now = instant(tonight.generatedAt);
  const kept = prior.filter((n) => instant(n.generatedAt) < now);
  kept.push(tonight);
  return kept.slice(Math.max(0, kept.length - max));
}

/**
 * The warning for baseline nights a run at `generatedAt` will not keep (replaced or dropped), or
 * undefined when it keeps them all.
 * @param path the baseline file
 * @param prior the baseline's nights
 * @param generatedAt tonight's time (ISO)
 */
export function trendWarning(path: string, prior: readonly TrendNight[], generatedAt: string): string | undefined {
  const { replaced, later } = displaced(prior, generatedAt);
  const parts: string[] = [];
  if (replaced > 0) parts.push(`its night at this run's time (${generatedAt}) is replaced by this run`);
  if (later > 0) parts.push(`${later} night${later > 1 ? "s" : ""} later than this run ${later > 1 ? "are" : "is"} dropped`);
  return parts.length ? `${path}: the baseline's trend: ${parts.join("; ")}, so the trend stays oldest first with this run last.` : undefined;
}
