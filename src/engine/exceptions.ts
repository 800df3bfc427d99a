/**
 * Exceptions (accepted risks): a matching, unexpired exception turns a failing result into
 * `excepted`. Expired ones stop matching and are reported; unknown rules and exceptions that match
 * nothing are warnings. Pure: `now` comes from the caller.
 */
import picomatch from "picomatch";
import { idKey } from "./arm-id.js";
import type { Finding } from "./types.js";
import type { ExceptionReportEntry } from "../reporters/types.js";

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

/**
 * Applies exceptions to findings in place. Only `fail` results can be excepted.
 * @param knownRuleIds ids of the rules that ran (plus aliases), to warn about unknown ones.
 */
export function applyExceptions(findings: Finding[], entries: ExceptionEntry[], now: Date, maxHorizonDays: number, knownRuleIds: Set<string>): ApplyResult {
  const warnings: string[] = [];
  const report: ExceptionReportEntry[] = [];
  const nowMs = now.getTime();
  const prepared = entries.map((e, i) => {
    const id = e.id ?? `exception-${i + 1}`;
    const end = endOfDay(e.expires);
    const w: string[] = [];
    if (Number.isNaN(end)) w.push(`expires "${e.expires}" is not a date`);
    if (!knownRuleIds.has(e.rule.toUpperCase())) w.push(`rule ${e.rule} is not a rule Hemvist ran`);
    if (end - nowMs > maxHorizonDays * DAY) w.push(`expires ${e.expires}, more than ${maxHorizonDays} days ahead (the configured maximum); it is not applied`);
    const expired = end < nowMs;
    const state: ExceptionReportEntry["state"] = expired ? "expired" : end - nowMs <= EXPIRING_DAYS * DAY ? "expiring" : "active";
    const entry: ExceptionReportEntry = {
      id,
      ruleId: e.rule.toUpperCase(),
      resource: e.resource,
      justification: e.justification,
      owner: e.owner,
      ...(e.ticket ? { ticket: e.ticket } : {}),
      expires: e.expires,
      state,
      matched: 0,
    };
    const usable = !expired && !Number.isNaN(end) && end - nowMs <= maxHorizonDays * DAY;
    return { e, entry, usable, match: matcher(e.resource), warnings: w };
  });
  for (const f of findings) {
    if (f.status !== "fail") continue;
    for (const p of prepared) {
      if (!p.usable || p.entry.ruleId !== f.ruleId.toUpperCase()) continue;
      if (p.e.part && p.e.part !== f.part) continue;
      if (!p.match(f.resourceKey)) continue;
      f.status = "excepted";
      f.exception = { id: p.entry.id, justification: p.e.justification, owner: p.e.owner, ...(p.e.ticket ? { ticket: p.e.ticket } : {}), expires: p.e.expires };
      p.entry.matched++;
      break;
    }
  }
  for (const p of prepared) {
    if (p.entry.state === "expired") p.warnings.push(`expired on ${p.e.expires}; the results it covered fail again`);
    else if (p.usable && p.entry.matched === 0) p.warnings.push("matches no failing result");
    else if (p.entry.state === "expiring") p.warnings.push(`expires within ${EXPIRING_DAYS} days (${p.e.expires})`);
    if (p.warnings.length > 0) {
      p.entry.warnings = p.warnings;
      for (const w of p.warnings) warnings.push(`exception ${p.entry.id} (${p.entry.ruleId} ${p.entry.resource}): ${w}`);
    }
    report.push(p.entry);
  }
  return { report, warnings };
}
