/**
 * Exceptions (accepted risks): a matching, unexpired exception turns a failing result into
 * `excepted`. Expired ones stop matching and are reported; ones past the maximum horizon are
 * `invalid` (reported, not applied); unknown rules and exceptions that match nothing are warnings.
 * Pure: `now` comes from the caller. `exceptionProblems` is what refuses a file at load.
 */
import picomatch from "picomatch";
import { idKey } from "../engine/arm-id.js";
import type { Finding, Localized } from "../engine/types.js";
import type { ExceptionReportEntry } from "./types.js";

export interface ExceptionEntry {
  id?: string;
  rule: string;
  resource: string;
  part?: string;
  justification: string;
  owner: string;
  ticket?: string;
  /** YYYY-MM-DD: the last day it applies. */
  expires: string;
  /** Declares a pattern without a literal subscription or tenant segment (it may cover every result of the rule). */
  ruleWide?: boolean;
}

/** Characters that make a pattern (or one of its segments) a glob for picomatch, extglobs included. */
const GLOB_CHARS = /[*?[\]{}()!+@]/;

/**
 * Whether a pattern is scoped to one subscription or tenant: it names one resource exactly (no glob
 * character anywhere), or it begins `/subscriptions/<id>` or `/tenants/<id>` (any case) where `<id>`
 * is a non-empty segment without glob characters. Anything else (`**`, `*`, `/subscriptions/*` and
 * `/subscriptions/**` with what follows, `**` in front of the segment) can match results in every
 * subscription and needs `ruleWide: true`.
 * @param pattern the exception's `resource`
 */
export function hasLiteralScope(pattern: string): boolean {
  if (!GLOB_CHARS.test(pattern)) return true;
  const parts = pattern.split("/");
  return parts[0] === "" && /^(subscriptions|tenants)$/i.test(parts[1] ?? "") && (parts[2] ?? "") !== "" && !GLOB_CHARS.test(parts[2] ?? "");
}

/** Whether `YYYY-MM-DD` is a day on the calendar (not `2026-11-31`, not `2026-02-29`). */
export function isCalendarDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** One refused field of an exceptions file: where (JSON pointer), what was found, what was expected. */
export interface ExceptionProblem {
  pointer: string;
  /** The entry, for the message: `exception "id"` or `exception 3` (1-based). */
  entry: string;
  found: string;
  expected: string;
}

/**
 * What makes an exceptions file unusable beyond its schema: a negated pattern (a leading `!` excepts
 * everything else), a date that is not on the calendar, a pattern without a literal subscription or
 * tenant segment unless the entry says `ruleWide: true`.
 * @param entries the schema-valid entries
 */
export function exceptionProblems(entries: readonly ExceptionEntry[]): ExceptionProblem[] {
  const out: ExceptionProblem[] = [];
  entries.forEach((e, i) => {
    const entry = e.id ? `exception ${JSON.stringify(e.id)}` : `exception ${i + 1}`;
    const at = (field: string) => `/exceptions/${i}/${field}`;
    if (e.resource.startsWith("!")) {
      out.push({ pointer: at("resource"), entry, found: `the negated pattern ${JSON.stringify(e.resource)} (a leading "!" would except every other resource)`, expected: "a resource id or glob without a leading \"!\"" });
    } else if (!e.ruleWide && !hasLiteralScope(e.resource)) {
      out.push({ pointer: at("resource"), entry, found: `the pattern ${JSON.stringify(e.resource)}, which has no literal subscription or tenant segment and can match the rule's results in every subscription`, expected: "a pattern starting /subscriptions/<id>/ or /tenants/<id>/, or ruleWide: true on the entry to except the rule that widely" });
    }
    if (!isCalendarDate(e.expires)) out.push({ pointer: at("expires"), entry, found: `${JSON.stringify(e.expires)}, which is not a day on the calendar`, expected: "a real date YYYY-MM-DD" });
  });
  return out;
}

const DAY = 86_400_000;
const EXPIRING_DAYS = 30;

/** End of the `expires` day (UTC), so an exception is valid through its last day. */
function endOfDay(date: string): number {
  return Date.parse(`${date}T23:59:59.999Z`);
}

function matcher(pattern: string): (key: string) => boolean {
  const p = idKey(pattern);
  if (!/[*?[\]{}]/.test(p)) return (key) => key === p;
  const m = picomatch(p, { dot: true, nocase: true });
  return (key) => m(key);
}

export interface ApplyResult {
  report: ExceptionReportEntry[];
  warnings: string[];
}

/** Exceptions applied batch by batch (one rule's findings at a time), reported once at the end. */
export interface ExceptionMatcher {
  /** Marks matching `fail` results of this batch `excepted`, in place. */
  apply(findings: readonly Finding[]): void;
  /** The report and warnings over every batch applied. */
  finish(): ApplyResult;
}

/**
 * Prepares exceptions for matching. Only `fail` results can be excepted; the first usable entry
 * that matches a result wins.
 * @param knownRuleIds ids of the rules that ran (plus aliases), to warn about unknown ones.
 */
export function prepareExceptions(entries: ExceptionEntry[], now: Date, maxHorizonDays: number, knownRuleIds: Set<string>): ExceptionMatcher {
  const nowMs = now.getTime();
  const prepared = entries.map((e, i) => {
    const id = e.id ?? `exception-${i + 1}`;
    const end = endOfDay(e.expires);
    const w: Localized[] = [];
    if (Number.isNaN(end)) w.push({ en: `expires "${e.expires}" is not a date`, sv: `utgångsdatumet "${e.expires}" är inget datum` });
    if (!knownRuleIds.has(e.rule.toUpperCase())) w.push({ en: `rule ${e.rule} is not a rule Hemvist ran`, sv: `regeln ${e.rule} är ingen regel som Hemvist körde` });
    if (end - nowMs > maxHorizonDays * DAY) {
      w.push({
        en: `expires ${e.expires}, more than ${maxHorizonDays} days ahead (the configured maximum); it is not applied`,
        sv: `går ut ${e.expires}, mer än ${maxHorizonDays} dagar fram (det konfigurerade största värdet); undantaget tillämpas inte`,
      });
    }
    const expired = end < nowMs;
    const beyond = end - nowMs > maxHorizonDays * DAY;
    const state: ExceptionReportEntry["state"] = Number.isNaN(end) || beyond ? "invalid" : expired ? "expired" : end - nowMs <= EXPIRING_DAYS * DAY ? "expiring" : "active";
    const entry: ExceptionReportEntry = {
      id,
      ruleId: e.rule.toUpperCase(),
      resource: e.resource,
      justification: e.justification,
      owner: e.owner,
      ...(e.ticket ? { ticket: e.ticket } : {}),
      expires: e.expires,
      ...(e.ruleWide ? { ruleWide: true as const } : {}),
      state,
      matched: 0,
    };
    const usable = state !== "expired" && state !== "invalid";
    return { e, entry, usable, match: matcher(e.resource), warnings: w };
  });
  const usable = prepared.filter((p) => p.usable);
  return {
    apply(findings) {
      if (usable.length === 0) return;
      for (const f of findings) {
        if (f.status !== "fail") continue;
        for (const p of usable) {
          if (p.entry.ruleId !== f.ruleId.toUpperCase()) continue;
          if (p.e.part && p.e.part !== f.part) continue;
          if (!p.match(f.resourceKey)) continue;
          f.status = "excepted";
          f.exception = { id: p.entry.id, justification: p.e.justification, owner: p.e.owner, ...(p.e.ticket ? { ticket: p.e.ticket } : {}), expires: p.e.expires, ...(p.e.ruleWide ? { ruleWide: true as const } : {}) };
          p.entry.matched++;
          break;
        }
      }
    },
    finish() {
      const warnings: string[] = [];
      const report: ExceptionReportEntry[] = [];
      for (const p of prepared) {
        const w = [...p.warnings];
        if (p.entry.state === "expired") w.push({ en: `expired on ${p.e.expires}; the results it covered fail again`, sv: `gick ut ${p.e.expires}; resultaten det täckte är underkända igen` });
        else if (p.usable && p.entry.matched === 0) w.push({ en: "matches no failing result", sv: "träffar inget underkänt resultat" });
        else if (p.entry.state === "expiring") w.push({ en: `expires within ${EXPIRING_DAYS} days (${p.e.expires})`, sv: `går ut inom ${EXPIRING_DAYS} dagar (${p.e.expires})` });
        const entry = { ...p.entry };
        if (w.length > 0) {
          // `warnings` stays English (as before 1.8.0); `warningTexts` has each in both languages for the reports.
          entry.warnings = w.map((x) => x.en);
          entry.warningTexts = w;
          for (const x of w) warnings.push(`exception ${entry.id} (${entry.ruleId} ${entry.resource}): ${x.en}`);
        }
        report.push(entry);
      }
      return { report, warnings };
    },
  };
}

/**
 * Applies exceptions to findings in place. Only `fail` results can be excepted.
 * @param knownRuleIds ids of the rules that ran (plus aliases), to warn about unknown ones.
 */
export function applyExceptions(findings: Finding[], entries: ExceptionEntry[], now: Date, maxHorizonDays: number, knownRuleIds: Set<string>): ApplyResult {
  const m = prepareExceptions(entries, now, maxHorizonDays, knownRuleIds);
  m.apply(findings);
  return m.finish();
}
