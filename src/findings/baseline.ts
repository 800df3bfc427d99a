/**
 * Night to night (`--baseline`): marks tonight's failing, not-assessed and excepted results `new`,
 * `unchanged` or `unverified` against last night's findings.json, and judges each of last night's
 * open results (fail or not-assessed) tonight did not reproduce: *resolved* only when tonight read
 * its scope and the target passes or is gone from a scope read completely, otherwise *unverified*
 * (never counted as fixed). The fingerprint (rule id + lower-cased resource id + part) is the key.
 */
import { describeValue } from "../base/files.js";
import { scopesOverlap } from "../engine/inventory.js";
import { type Dependency, type Finding, SEVERITIES, type Severity, type Status, STATUSES } from "../engine/types.js";
import type { CoverageEntry } from "../snapshot/types.js";
import { SEVERITY_RANK } from "./outcome.js";
import { trendProblems } from "./trend.js";
import type { BaselineEntry, BaselineSummary, FindingsDocument, ResolutionKind, TrendNight, UnverifiedCode, UnverifiedEntry } from "./types.js";

/**
 * What a baseline needs of a previous findings.json (1.0 results have no `dependsOn`); `trend`: the
 * nights it carries forward (trend.ts `baselineNights`), absent when none are carried.
 */
export type BaselineInput = Pick<FindingsDocument, "generatedAt" | "snapshotSha256"> & { results: Finding[]; trend?: TrendNight[] };

/** One problem of a baseline file: the field (`results[3].severity`), what was found and what was expected. */
export interface BaselineProblem {
  field: string;
  found: string;
  expected: string;
}

const nonEmptyString = (v: unknown): boolean => typeof v === "string" && v !== "";

/**
 * Every field of a baseline result the diff reads (findings.json's `finding` definition), with its
 * check: required ones first. A result that fails one would otherwise crash the run at its end or
 * be judged wrongly (a misspelt status is never open, a fingerprint of another shape never matches).
 */
const RESULT_FIELDS: readonly { field: keyof Finding; required: boolean; ok(v: unknown): boolean; expected: string }[] = [
  { field: "ruleId", required: true, ok: nonEmptyString, expected: "a rule id (a non-empty string)" },
  { field: "resourceId", required: true, ok: nonEmptyString, expected: "a resource id (a non-empty string)" },
  { field: "resourceKey", required: true, ok: (v) => typeof v === "string", expected: "a string (the lower-cased resource id)" },
  { field: "severity", required: true, ok: (v) => (SEVERITIES as readonly unknown[]).includes(v), expected: `one of ${SEVERITIES.join(", ")}` },
  { field: "status", required: true, ok: (v) => (STATUSES as readonly unknown[]).includes(v), expected: `one of ${STATUSES.join(", ")}` },
  { field: "fingerprint", required: true, ok: (v) => typeof v === "string" && /^[0-9a-f]{32}$/.test(v), expected: "32 lower-case hexadecimal digits" },
  {
    field: "message",
    required: true,
    ok: (v) => !!v && typeof v === "object" && !Array.isArray(v) && typeof (v as Record<string, unknown>).en === "string" && typeof (v as Record<string, unknown>).sv === "string",
    expected: 'an object with the texts "en" and "sv"',
  },
  { field: "baselineState", required: false, ok: (v) => v === "new" || v === "unchanged" || v === "unverified", expected: "one of new, unchanged, unverified" },
  { field: "part", required: false, ok: (v) => typeof v === "string", expected: "a string" },
  { field: "resourceType", required: false, ok: (v) => typeof v === "string", expected: "a string" },
  { field: "subscriptionId", required: false, ok: (v) => typeof v === "string", expected: "a string" },
  { field: "location", required: false, ok: (v) => typeof v === "string", expected: "a string" },
  {
    field: "dependsOn",
    required: false,
    ok: (v) =>
      Array.isArray(v) &&
      v.every((d) => !!d && typeof d === "object" && typeof (d as Dependency).collection === "string" && ((d as Dependency).scope === undefined || typeof (d as Dependency).scope === "string")),
    expected: 'a list of objects with a "collection" and an optional "scope" (strings)',
  },
];

/** The fields of a baseline result the diff reads (for tests and messages). */
export const BASELINE_RESULT_FIELDS: readonly string[] = RESULT_FIELDS.map((f) => f.field);

/**
 * Checks a parsed previous findings.json as a baseline completely, before anything is read from the
 * tenant: `generatedAt` and `snapshotSha256` (copied into tonight's report) and every field of every
 * result the diff reads, then the trend it carries forward (trend.ts `trendProblems`). Returns the
 * problems in file order (none: the diff can use it).
 * @param doc the parsed findings.json, whose `results` is known to be a list
 */
export function baselineProblems(doc: { generatedAt?: unknown; snapshotSha256?: unknown; results: readonly unknown[]; trend?: unknown; baseline?: unknown }): BaselineProblem[] {
  const problems: BaselineProblem[] = [];
  if (doc.generatedAt !== undefined && typeof doc.generatedAt !== "string") problems.push({ field: "generatedAt", found: describeValue(doc.generatedAt), expected: "a date-time string" });
  if (doc.snapshotSha256 !== undefined && typeof doc.snapshotSha256 !== "string") problems.push({ field: "snapshotSha256", found: describeValue(doc.snapshotSha256), expected: "a SHA-256 (64 hexadecimal digits)" });
  doc.results.forEach((r, i) => {
    if (!r || typeof r !== "object" || Array.isArray(r)) {
      problems.push({ field: `results[${i}]`, found: describeValue(r), expected: "a result object" });
      return;
    }
    const rec = r as Record<string, unknown>;
    for (const f of RESULT_FIELDS) {
      const v = rec[f.field];
      if (v === undefined) {
        if (f.required) problems.push({ field: `results[${i}].${f.field}`, found: "it is missing", expected: f.expected });
      } else if (!f.ok(v)) problems.push({ field: `results[${i}].${f.field}`, found: describeValue(v), expected: f.expected });
    }
  });
  problems.push(...trendProblems(doc));
  return problems;
}

/** What the diff needs to know of tonight's run to judge last night's results that have no result tonight. */
export interface BaselineContext {
  /** Tonight's coverage gaps (scopes that could not be read). */
  coverage: readonly Pick<CoverageEntry, "scope" | "collection">[];
  /** Tonight's visible subscriptions: lower-case subscription ids (GUIDs). */
  visibleSubscriptions: ReadonlySet<string>;
  /** Whether a target (ARM id or `/tenants/…` id, any case) exists in tonight's snapshot. */
  targetExists(resourceId: string): boolean;
  /** Ids of the rules that ran tonight. */
  rulesRun: ReadonlySet<string>;
  /** Ids of the rules the configuration turned off. */
  disabledRules: ReadonlySet<string>;
}

/** How tonight's results are marked: the threshold a failure must reach to be counted. */
export interface BaselineOptions {
  failOn: Severity;
}

/** A baseline diff applied batch by batch (one rule's findings at a time), summed up once at the end. */
export interface BaselineDiff {
  /** Sets `baselineState` on this batch's failing, not-assessed and excepted results, in place. */
  apply(findings: readonly Finding[]): void;
  /** The diff over every batch applied: counts, the resolved and the unverified baseline results. */
  finish(ctx: BaselineContext): BaselineSummary;
}

/** The reason texts of each unverified code, in both languages. */
export const UNVERIFIED_REASONS: Record<UnverifiedCode, { en: string; sv: string }> = {
  "not-assessed-tonight": {
    en: "Not assessed tonight: a read its verdict needs failed, so it may still fail.",
    sv: "Ej bedömt i natt: en läsning som bedömningen behöver misslyckades, så felet kan finnas kvar.",
  },
  "scope-unreadable": {
    en: "No result tonight, and a scope it depended on could not be read tonight.",
    sv: "Inget resultat i natt, och ett område som resultatet berodde på kunde inte läsas i natt.",
  },
  "out-of-view": {
    en: "No result tonight: its subscription was not among the subscriptions visible tonight.",
    sv: "Inget resultat i natt: prenumerationen fanns inte bland de prenumerationer som syntes i natt.",
  },
  "rule-disabled": {
    en: "No result tonight: the rule is turned off in the configuration.",
    sv: "Inget resultat i natt: regeln är avstängd i konfigurationen.",
  },
  "attestation-required-tonight": {
    en: "Needs attestation tonight: no API shows the fact, and the configuration holds no valid attestation of it.",
    sv: "Kräver intygande i natt: inget API visar uppgiften, och konfigurationen saknar ett giltigt intygande av den.",
  },
  "rule-removed": {
    en: "No result tonight: the rule did not run tonight (removed or renamed).",
    sv: "Inget resultat i natt: regeln kördes inte i natt (borttagen eller omdöpt).",
  },
};

const OPEN: ReadonlySet<string> = new Set<Status>(["fail", "not-assessed"]);

/** What last night's result was, for each of tonight's results last night had open or excepted (kept beside the result, never written). */
const LAST_NIGHT = new WeakMap<Finding, Pick<Finding, "status" | "baselineState">>();

/**
 * Last night's status and baselineState of one of tonight's results, when a baseline diff marked it
 * and last night's result was open or excepted; undefined otherwise. findings.sarif reads it to list
 * first what last night's log listed first (src/reporters/sarif-limits.ts).
 */
export function lastNightOf(f: Finding): Pick<Finding, "status" | "baselineState"> | undefined {
  return LAST_NIGHT.get(f);
}

/** The subscription id (lower case) of an ARM id, or undefined (tenant-level and other ids). */
function subscriptionOf(r: Pick<Finding, "resourceId" | "subscriptionId">): string | undefined {
  if (/^\/?tenants\//i.test(r.resourceId)) return undefined;
  const m = /^\/subscriptions\/([^/]+)/i.exec(r.resourceId);
  return (m?.[1] ?? r.subscriptionId)?.toLowerCase();
}

/** Whether a coverage gap blinds one of the dependencies (a 1.0 result without any: every collection at its resource id). */
function unreadTonight(r: Finding, coverage: BaselineContext["coverage"]): boolean {
  const deps: readonly Dependency[] | undefined = r.dependsOn;
  if (!deps) return coverage.some((c) => scopesOverlap(c.scope, r.resourceId));
  // A dependency without a scope (findings.json omits it) is at the result's own resource.
  return deps.some((d) => coverage.some((c) => c.collection === d.collection && scopesOverlap(c.scope, d.scope ?? r.resourceId)));
}

function entryOf(r: Finding): BaselineEntry {
  return {
    ruleId: r.ruleId,
    resourceId: r.resourceId,
    resourceKey: r.resourceKey,
    ...(r.part ? { part: r.part } : {}),
    fingerprint: r.fingerprint,
    severity: r.severity,
    status: r.status,
    message: r.message,
    ...(r.resourceType ? { resourceType: r.resourceType } : {}),
    ...(r.subscriptionId ? { subscriptionId: r.subscriptionId } : {}),
    ...(r.location ? { location: r.location } : {}),
  };
}

/**
 * Starts a diff against last night's results.
 *
 * Tonight's states: a `fail` is `unchanged` when last night's result was a `fail` too and, if it
 * counts tonight (at or above `failOn`), last night's counted as well (its severity at or above
 * tonight's `failOn`); otherwise `new` (an exception that expired, a not-assessed → fail, a severity
 * rise across the threshold). A `not-assessed` is `unverified` when last night's failed,
 * `unchanged` when it was not assessed or excepted, else `new`. An `excepted` is `unchanged` when
 * last night's was open or excepted, else `new`. Passes get no state.
 *
 * @param baseline last night's results (a 1.0 or 1.x findings.json)
 * @param path the baseline file, as the document names it
 */
export function startBaselineDiff(baseline: BaselineInput, path: string, o: BaselineOptions): BaselineDiff {
  const before = new Map<string, Finding>();
  for (const r of baseline.results) if (OPEN.has(r.status) || r.status === "excepted") before.set(r.fingerprint, r);
  /** Tonight's status of each fingerprint last night had open or excepted. */
  const tonight = new Map<string, Status>();
  const threshold = SEVERITY_RANK[o.failOn];
  let nNew = 0;
  let nUnchanged = 0;
  return {
    apply(findings) {
      for (const f of findings) {
        const prev = before.get(f.fingerprint);
        if (prev) {
          tonight.set(f.fingerprint, f.status);
          LAST_NIGHT.set(f, { status: prev.status, ...(prev.baselineState !== undefined ? { baselineState: prev.baselineState } : {}) });
        }
        let state: Finding["baselineState"];
        if (f.status === "fail") {
          const counts = SEVERITY_RANK[f.severity] >= threshold;
          state = prev?.status === "fail" && (!counts || SEVERITY_RANK[prev.severity] >= threshold) ? "unchanged" : "new";
        } else if (f.status === "not-assessed") {
          state = prev?.status === "fail" ? "unverified" : prev ? "unchanged" : "new";
        } else if (f.status === "excepted") {
          state = prev ? "unchanged" : "new";
        } else if (f.status === "attestation-required" && prev?.status === "fail") {
          // Last night's failure is re-emitted as unverified (finish); tonight's result says so, so
          // the reports that list both (SARIF) do not carry one fingerprint twice.
          state = "unverified";
        } else continue;
        f.baselineState = state;
        if (state === "new") nNew++;
        else if (state === "unchanged") nUnchanged++;
      }
    },
    finish(ctx) {
      const resolved: BaselineSummary["resolved"] = [];
      const unverified: UnverifiedEntry[] = [];
      const unverify = (r: Finding, code: UnverifiedCode) => unverified.push({ ...entryOf(r), reason: { code, ...UNVERIFIED_REASONS[code] } });
      const resolve = (r: Finding, resolution: ResolutionKind) => resolved.push({ ...entryOf(r), resolution });
      for (const r of before.values()) {
        if (!OPEN.has(r.status)) continue;
        const now = tonight.get(r.fingerprint);
        if (now === "pass") resolve(r, "passes");
        else if (now === "not-assessed") {
          if (r.status === "fail") unverify(r, "not-assessed-tonight");
        } else if (now === "attestation-required") {
          // Nothing was judged tonight: a failure last night is not fixed, only unconfirmed.
          if (r.status === "fail") unverify(r, "attestation-required-tonight");
        } else if (now === undefined) {
          const sub = subscriptionOf(r);
          if (ctx.disabledRules.has(r.ruleId)) unverify(r, "rule-disabled");
          else if (!ctx.rulesRun.has(r.ruleId)) unverify(r, "rule-removed");
          else if (sub !== undefined && !ctx.visibleSubscriptions.has(sub)) unverify(r, "out-of-view");
          else if (unreadTonight(r, ctx.coverage)) unverify(r, "scope-unreadable");
          else resolve(r, ctx.targetExists(r.resourceId) ? "no-longer-applies" : "gone");
        }
        // fail or excepted tonight: still open (tonight's result carries its state).
      }
      return {
        path,
        generatedAt: baseline.generatedAt,
        ...(baseline.snapshotSha256 ? { snapshotSha256: baseline.snapshotSha256 } : {}),
        resolved,
        unverified,
        counts: { new: nNew, unchanged: nUnchanged, resolved: resolved.length, unverified: unverified.length },
      };
    },
  };
}

/** The diff of a whole run's findings at once (tests, `writeReports`): marks them in place. */
export function diffBaseline(findings: Finding[], baseline: BaselineInput, path: string, o: BaselineOptions, ctx: BaselineContext): BaselineSummary {
  const d = startBaselineDiff(baseline, path, o);
  d.apply(findings);
  return d.finish(ctx);
}
