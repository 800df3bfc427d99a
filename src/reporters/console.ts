/**
 * The summary printed on the console after a run: counts, the most severe failures, coverage,
 * what needs attestation, report paths and the exit code. Every value from the tenant, a server or a
 * file is display-safe (src/base/display.ts): control and bidi characters escaped, no workflow command.
 */
import { displayText as d, nameConcernNote, nameConcerns, safeLines } from "../base/display.js";
import type { Lang } from "../base/lang.js";
import { GLOSSARY } from "../base/glossary.js";
import { sarifLimitNote } from "./sarif-limits.js";
import type { Finding, Severity } from "../engine/types.js";
import type { FindingsDocument } from "../findings/types.js";
import { compareBaselineEntries, compareFindings } from "./common.js";
import { consoleOwnerNote } from "./owner.js";

const SEV_ORDER: Severity[] = ["critical", "high", "medium", "low", "info"];

export interface ConsoleOptions {
  lang: Lang;
  files: string[];
  extra?: string[];
  color?: boolean;
  /** How many failing results to list (default 10). */
  top?: number;
}

const T = {
  en: {
    title: "Hemvist audit", tenant: "Tenant", profile: "Profile", results: "Results", pass: "pass", fail: "fail", na: "not assessed", exc: "excepted", att: "need attestation", failing: "Failing by severity", top: "Most severe failing results", cov: "Not assessed (could not be read)", reports: "Reports", exit: "Exit code", more: "more",
    baseline: (c: Counts) => `Baseline: ${c.new} new, ${c.unchanged} unchanged, ${c.resolved} resolved, ${c.unverified} unverified`,
    unverified: "Unverified tonight (not counted as fixed)",
    disabled: "Disabled rules",
    ruleWide: "Rule-wide exceptions (ruleWide: no literal subscription or tenant segment)",
    matched: "matched",
    states: { active: "active", expiring: "expiring", expired: "expired", invalid: "invalid, not applied" } as Record<string, string>,
    attestHint: (n: number) => `${n === 1 ? "1 part needs" : `${n} parts need`} attestation: see the report's section “Needs attestation” (report.html) for what to attest, where to read it and the lines to add to the configuration.`,
    missing: "missing",
    stale: (on: string) => `stale, attested on ${on}`,
  },
  sv: {
    title: "Hemvist-granskning", tenant: "Klientorganisation", profile: "Profil", results: "Resultat", pass: "godkända", fail: "underkända", na: "ej bedömda", exc: "undantagna", att: "kräver intygande", failing: "Underkända per allvarlighetsgrad", top: "Allvarligaste underkända resultaten", cov: "Ej bedömt (kunde inte läsas)", reports: "Rapporter", exit: "Slutkod", more: "till",
    baseline: (c: Counts) => `Baslinje: ${c.new} nya, ${c.unchanged} oförändrade, ${c.resolved} åtgärdade, ${c.unverified} overifierade`,
    unverified: "Overifierade i natt (räknas inte som åtgärdade)",
    disabled: "Avstängda regler",
    ruleWide: "Undantag för hela regeln (ruleWide: inget bestämt prenumerations- eller klientorganisationssegment)",
    matched: "träffar",
    states: { active: "aktivt", expiring: "går snart ut", expired: "har gått ut", invalid: "ogiltigt, tillämpas inte" } as Record<string, string>,
    attestHint: (n: number) => `${n === 1 ? "1 del kräver" : `${n} delar kräver`} intygande: se rapportens avsnitt ”Kräver intygande” (report.html) för vad som ska intygas, var det läses och raderna att lägga till i konfigurationen.`,
    missing: "saknas",
    stale: (on: string) => `inaktuellt, intygat ${on}`,
  },
};

type Counts = NonNullable<FindingsDocument["baseline"]>["counts"];

function shortId(id: string): string {
  const seg = id.split("/").filter(Boolean);
  return d(seg.length > 2 ? `…/${seg.slice(-2).join("/")}` : id);
}

/** Renders the console summary as plain text (ANSI colour when `color`). */
export function renderConsoleSummary(doc: FindingsDocument, o: ConsoleOptions): string {
  const t = T[o.lang];
  // Severities in the glossary's words (kritisk, hög, …), padded so the lists line up.
  const sev = GLOSSARY[o.lang].severity;
  const c = (code: string, s: string) => (o.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const s = doc.summary.byStatus;
  const lines: string[] = [];
  lines.push("", `${c("1", `${t.title} — ${d(doc.tenantName ?? doc.tenantId)}`)}${nameConcernNote(nameConcerns(doc.tenantName), o.lang)}`);
  lines.push(`${t.tenant}: ${d(doc.tenantId)}   ${t.profile}: ${d(doc.profile.name)} (${d(doc.profile.allowedRegions.join(", "))})`);
  const att = s["attestation-required"] ?? 0;
  lines.push(
    `${t.results}: ${doc.summary.total}  ${c("32", `${s.pass} ${t.pass}`)}  ${c("31", `${s.fail} ${t.fail}`)}  ${c("33", `${s["not-assessed"]} ${t.na}`)}  ${c("36", `${att} ${t.att}`)}  ${s.excepted} ${t.exc}`,
  );
  lines.push(`${t.failing}: ${SEV_ORDER.map((k) => `${sev[k]} ${doc.summary.failBySeverity[k]}`).join(", ")}`);
  // The count from the summary: `results` may hold only the most severe failures (the report spool's highlights).
  const failing = doc.results.filter((f: Finding) => f.status === "fail");
  if (s.fail > 0) {
    lines.push("", c("1", `${t.top}:`));
    for (const f of failing.slice(0, o.top ?? 10)) {
      const note = nameConcernNote(nameConcerns(f.resourceName, f.resourceGroup, f.resourceId), o.lang);
      lines.push(`  ${sev[f.severity].padEnd(8)} ${d(f.ruleId).padEnd(7)} ${shortId(f.resourceId)}${f.part ? ` [${d(f.part)}]` : ""} — ${d(f.message[o.lang])}${note}${d(consoleOwnerNote(f, o.lang))}`);
    }
    if (s.fail > (o.top ?? 10)) lines.push(`  … ${s.fail - (o.top ?? 10)} ${t.more}`);
  }
  if (doc.coverage.length > 0) {
    lines.push("", c("33", `${t.cov}:`));
    for (const cv of doc.coverage.slice(0, 10)) lines.push(`  ${d(cv.scope)} ${d(cv.collection)}: ${cv.httpStatus ?? ""} ${d(cv.code)}${cv.permission ? ` (${d(cv.permission)})` : ""} → ${d((cv.blinds ?? []).join(", ")) || "-"}`);
    if (doc.coverage.length > 10) lines.push(`  … ${doc.coverage.length - 10} ${t.more}`);
  }
  if (att > 0) {
    lines.push("", c("36", t.attestHint(att)));
    const top = o.top ?? 10;
    // The results may be the spool's highlights: the count comes from the summary.
    const needs = doc.results.filter((f: Finding) => f.status === "attestation-required").sort(compareFindings);
    for (const f of needs.slice(0, top)) {
      const a = f.attestation;
      const why = a ? `attestations.${a.key} (${a.state === "stale" ? t.stale(a.attestedOn ?? "?") : t.missing})` : f.message[o.lang];
      lines.push(`  ${d(f.ruleId).padEnd(7)} ${shortId(f.resourceId)}${f.part ? ` [${d(f.part)}]` : ""} — ${d(why)}`);
    }
    if (att > top) lines.push(`  … ${att - top} ${t.more}`);
  }
  if (doc.baseline) {
    const b = doc.baseline;
    lines.push("", t.baseline(b.counts));
    if (b.unverified.length > 0) {
      lines.push(c("33", `${t.unverified}:`));
      const top = o.top ?? 10;
      for (const u of [...b.unverified].sort(compareBaselineEntries).slice(0, top)) lines.push(`  ${d(sev[u.severity] ?? u.severity).padEnd(8)} ${d(u.ruleId).padEnd(7)} ${shortId(u.resourceId)}${u.part ? ` [${d(u.part)}]` : ""} — ${d(u.reason[o.lang])}`);
      if (b.unverified.length > top) lines.push(`  … ${b.unverified.length - top} ${t.more}`);
    }
  }
  if (doc.disabledRules && doc.disabledRules.length > 0) lines.push("", `${t.disabled}: ${d(doc.disabledRules.map((r) => r.id).join(", "))}`);
  const wide = (doc.exceptions ?? []).filter((e) => e.ruleWide);
  if (wide.length > 0) lines.push("", c("33", `${t.ruleWide}: ${wide.map((e) => `${d(e.ruleId)} ${d(e.resource)} (${d(e.id)}, ${t.states[e.state] ?? d(e.state)}, ${e.matched} ${t.matched})`).join("; ")}`));
  if (o.files.length > 0) {
    lines.push("", `${t.reports}:`);
    for (const f of o.files) lines.push(`  ${d(f)}`);
  }
  const sarifNote = o.files.some((f) => f.endsWith("findings.sarif")) ? sarifLimitNote(doc, o.lang) : undefined;
  if (sarifNote) lines.push("", c("33", d(sarifNote)));
  for (const e of o.extra ?? []) lines.push(d(e));
  lines.push("", `${t.exit}: ${doc.exit.code} — ${d(doc.exit.reason[o.lang])}`, "");
  // The last check: no line may be read as a workflow command, whatever was put in it.
  return safeLines(lines.join("\n"));
}
