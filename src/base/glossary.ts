/**
 * The glossary: the words every output (report.html, the console, summary.md, findings.csv,
 * findings.sarif, the demo's closing lines) uses for Hemvist's own terms, in Swedish and English.
 * A Swedish run says "underkänd" for a fail in every format, "tagg" for a tag, "klientorganisation"
 * for a tenant and "slutkod" for the exit code; a text that needs one of these words takes it
 * from here (or, for a whole sentence, uses the same word), so the formats cannot drift apart.
 *
 * The keys are the values findings.json uses (statuses, severities, baseline states); this module
 * is in the base layer, so the types are spelt out here rather than imported from the engine.
 */
import type { Lang } from "./lang.js";

/** A result's status (the engine's Status). */
export type GlossaryStatus = "pass" | "fail" | "not-assessed" | "attestation-required" | "excepted";
/** A severity (the engine's Severity). */
export type GlossarySeverity = "critical" | "high" | "medium" | "low" | "info";
/** A result's state against the baseline. */
export type GlossaryBaselineState = "new" | "unchanged" | "resolved" | "unverified";
/** The nouns of the glossary. */
export type GlossaryTerm =
  | "result"
  | "results"
  | "severity"
  | "status"
  | "tenant"
  | "subscription"
  | "resourceGroup"
  | "tag"
  | "owner"
  | "exitCode"
  | "baseline"
  | "exception"
  | "attestation"
  | "coverage"
  | "region"
  | "dataMap"
  | "dataCopy"
  | "trend"
  | "rule"
  | "ruleTitle"
  | "remediation"
  | "evidence";

/** One language's words, all lower case (capitalise() for a heading or a table cell). */
export interface Words {
  /** A status as an adjective of one result ("underkänd"). */
  status: Record<GlossaryStatus, string>;
  /** A status after a count of several ("98 underkända"). */
  statusPlural: Record<GlossaryStatus, string>;
  severity: Record<GlossarySeverity, string>;
  /** A baseline state of one result ("ny"). */
  baselineState: Record<GlossaryBaselineState, string>;
  /** A baseline state after a count of several ("3 nya"). */
  baselineStatePlural: Record<GlossaryBaselineState, string>;
  term: Record<GlossaryTerm, string>;
}

export const GLOSSARY: Record<Lang, Words> = {
  sv: {
    status: { pass: "godkänd", fail: "underkänd", "not-assessed": "ej bedömd", "attestation-required": "kräver intygande", excepted: "undantagen" },
    statusPlural: { pass: "godkända", fail: "underkända", "not-assessed": "ej bedömda", "attestation-required": "kräver intygande", excepted: "undantagna" },
    severity: { critical: "kritisk", high: "hög", medium: "medel", low: "låg", info: "info" },
    baselineState: { new: "ny", unchanged: "oförändrad", resolved: "åtgärdad", unverified: "overifierad" },
    baselineStatePlural: { new: "nya", unchanged: "oförändrade", resolved: "åtgärdade", unverified: "overifierade" },
    term: {
      result: "resultat",
      results: "resultat",
      severity: "allvarlighetsgrad",
      status: "status",
      tenant: "klientorganisation",
      subscription: "prenumeration",
      resourceGroup: "resursgrupp",
      tag: "tagg",
      owner: "ägare",
      exitCode: "slutkod",
      baseline: "baslinje",
      exception: "undantag",
      attestation: "intygande",
      coverage: "täckning",
      region: "region",
      dataMap: "datakarta",
      dataCopy: "datakopia",
      trend: "trend",
      rule: "regel",
      ruleTitle: "regelns titel",
      remediation: "åtgärd",
      evidence: "underlag",
    },
  },
  en: {
    status: { pass: "pass", fail: "fail", "not-assessed": "not assessed", "attestation-required": "needs attestation", excepted: "excepted" },
    statusPlural: { pass: "pass", fail: "fail", "not-assessed": "not assessed", "attestation-required": "need attestation", excepted: "excepted" },
    severity: { critical: "critical", high: "high", medium: "medium", low: "low", info: "info" },
    baselineState: { new: "new", unchanged: "unchanged", resolved: "resolved", unverified: "unverified" },
    baselineStatePlural: { new: "new", unchanged: "unchanged", resolved: "resolved", unverified: "unverified" },
    term: {
      result: "result",
      results: "results",
      severity: "severity",
      status: "status",
      tenant: "tenant",
      subscription: "subscription",
      resourceGroup: "resource group",
      tag: "tag",
      owner: "owner",
      exitCode: "exit code",
      baseline: "baseline",
      exception: "exception",
      attestation: "attestation",
      coverage: "coverage",
      region: "region",
      dataMap: "data map",
      dataCopy: "copy of data",
      trend: "trend",
      rule: "rule",
      ruleTitle: "rule title",
      remediation: "remediation",
      evidence: "evidence",
    },
  },
};

/** The words of one language. */
export function words(lang: Lang): Words {
  return GLOSSARY[lang];
}

/** The first letter in upper case ("underkänd" → "Underkänd"). */
export function capitalise(text: string): string {
  return text.length === 0 ? text : text[0]?.toUpperCase() + text.slice(1);
}

/**
 * Swedish words the glossary replaced, which no Swedish output may contain (matched as whole
 * words, case-insensitively): each with the glossary's word to use instead. "fel" is the most
 * common slip: a result that fails is "underkänd", never "fel".
 */
export const FORBIDDEN_SV: readonly { word: string; use: string }[] = [
  { word: "fel", use: "underkänd" },
  { word: "felen", use: "de underkända" },
  { word: "felet", use: "det underkända resultatet" },
  { word: "etikett", use: "tagg" },
  { word: "etiketten", use: "taggen" },
  { word: "etiketter", use: "taggar" },
  { word: "avslutningskod", use: "slutkod" },
  { word: "avslutningskoden", use: "slutkoden" },
  { word: "klient", use: "klientorganisation" },
  { word: "klienten", use: "klientorganisationen" },
  { word: "klienter", use: "klientorganisationer" },
  { word: "tenant", use: "klientorganisation" },
];
