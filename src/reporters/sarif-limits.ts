/**
 * findings.sarif within GitHub code scanning's documented SARIF limits, at any estate size, without
 * closing alerts by dropping them. When a run has more results than fit, the log keeps, in this
 * order: last night's open results that still fail (and the baseline results tonight could not
 * verify), then new failing results by severity, then the rest; what does not fit is summarised by
 * one result per (rule, subscription) under a fingerprint that stays the same night to night.
 */
import { createHash } from "node:crypto";
import type { Lang } from "../base/lang.js";
import { GLOSSARY } from "../base/glossary.js";
import type { Finding, Severity, Status } from "../engine/types.js";
import { lastNightOf } from "../findings/baseline.js";
import type { FindingsDocument, UnverifiedEntry } from "../findings/types.js";
import { compareText, redactPersonal, resourceUri, severityRank } from "./common.js";

// GitHub's limits, "SARIF results exceed one or more limits":
// https://docs.github.com/en/code-security/code-scanning/troubleshooting-sarif-uploads/results-exceed-limit
// (the same table is in "SARIF support for code scanning",
// https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning).

/** Runs per SARIF file GitHub accepts (Hemvist writes one). */
export const GITHUB_SARIF_MAX_RUNS = 20;
/** Results per run GitHub accepts; a run with more is rejected. */
export const GITHUB_SARIF_MAX_RESULTS = 25_000;
/** Results per run GitHub keeps ("only the top 5,000 results will be included, prioritized by severity"); the rest are dropped, so their alerts would close. */
export const GITHUB_SARIF_KEPT_RESULTS = 5_000;
/** Rules per run GitHub accepts. */
export const GITHUB_SARIF_MAX_RULES = 25_000;
/** Locations per result GitHub accepts (it shows 100; Hemvist writes one). */
export const GITHUB_SARIF_MAX_LOCATIONS = 1_000;
/** Locations per result GitHub shows. */
export const GITHUB_SARIF_SHOWN_LOCATIONS = 100;
/** Tags per rule GitHub accepts. */
export const GITHUB_SARIF_MAX_TAGS = 20;
/** Tags per rule GitHub shows. */
export const GITHUB_SARIF_SHOWN_TAGS = 10;
/**
 * The largest SARIF upload GitHub accepts, gzip-compressed: 10 MB.
 * https://docs.github.com/en/code-security/code-scanning/troubleshooting-sarif-uploads/file-too-large
 */
export const GITHUB_SARIF_MAX_GZIP_BYTES = 10_000_000;

/** How many results and bytes findings.sarif may hold. */
export interface SarifLimits {
  /** Results in the run, the aggregates included. */
  maxResults: number;
  /**
   * Bytes of the whole file, uncompressed. Deflate never grows a text by more than a few bytes per
   * 16 KiB block, so a file within this many bytes is within the gzip limit too.
   */
  maxBytes: number;
}

/**
 * The limits Hemvist keeps to: GitHub's 5,000 kept results (not the 25,000 it accepts: results
 * past 5,000 are dropped by severity, which would close their alerts) and 9.5 MB uncompressed
 * (under GitHub's 10 MB gzip-compressed).
 */
export const SARIF_LIMITS: SarifLimits = { maxResults: GITHUB_SARIF_KEPT_RESULTS, maxBytes: 9_500_000 };

/** Bytes an aggregate result takes at most (with its separator); tests check the largest. */
export const AGGREGATE_MAX_BYTES = 3_072;

/** The partialFingerprints key of every Hemvist result. */
export const FINGERPRINT_KEY = "hemvist/v1";

/** Where results are summarised: per (rule, subscription), or per rule when even that does not fit. */
export type AggregateScope = "subscription" | "rule";

/** One result that may go into the log, as selection sees it. */
export interface Candidate {
  fingerprint: string;
  ruleId: string;
  /** Lower-case subscription id, or "tenant" (tenant-level and other ids). */
  subscription: string;
  /**
   * 0–2: last night's open result, still open (or unverified tonight), by the priority last night's
   * log gave it (0 when unknown), so what last night listed comes first; 3: new failing; 4: the rest.
   */
  priority: 0 | 1 | 2 | 3 | 4;
  severity: Severity;
  /** Tonight's status; last night's for an unverified baseline result. */
  status: Status;
  /** A baseline result tonight could not verify (re-emitted from the document). */
  unverified: boolean;
  /** Log order within its (status, severity, rule): compareFindings for tonight's, compareBaselineEntries for unverified ones. */
  seq: number;
  /** Bytes of its rendered text. */
  bytes: number;
  /** Its baselineState tonight, if any. */
  baselineState?: "new" | "unchanged";
}

const STATUS_RANK: Record<Status, number> = { fail: 0, "not-assessed": 1, "attestation-required": 2, excepted: 3, pass: 4 };

/** The subscription (lower case) an ARM id is in, or "tenant". */
export function subscriptionKey(resourceId: string, subscriptionId: string | undefined): string {
  if (/^\/?tenants\//i.test(resourceId)) return "tenant";
  const m = /^\/?subscriptions\/([^/]+)/i.exec(resourceId);
  return (m?.[1] ?? subscriptionId ?? "tenant").toLowerCase();
}

/**
 * The priority last night's log gave a result (as candidateOf tonight, for last night): 0 when it
 * was open two nights ago and still open last night (or unverified), 1 a new failure, 2 the rest.
 */
function lastNightPriority(prev: Pick<Finding, "status" | "baselineState">): 0 | 1 | 2 {
  if ((prev.status === "fail" || prev.status === "not-assessed") && (prev.baselineState === "unchanged" || prev.baselineState === "unverified")) return 0;
  return prev.status === "fail" ? 1 : 2;
}

/** A candidate of one of tonight's reported results. */
export function candidateOf(f: Finding, seq: number, bytes: number): Candidate {
  const open = (f.status === "fail" || f.status === "not-assessed") && f.baselineState === "unchanged";
  const prev = open ? lastNightOf(f) : undefined;
  return {
    fingerprint: f.fingerprint,
    ruleId: f.ruleId,
    subscription: subscriptionKey(f.resourceId, f.subscriptionId),
    priority: open ? (prev ? lastNightPriority(prev) : 0) : f.status === "fail" ? 3 : 4,
    severity: f.severity,
    status: f.status,
    unverified: false,
    seq,
    bytes,
    ...(f.baselineState === "new" || f.baselineState === "unchanged" ? { baselineState: f.baselineState } : {}),
  };
}

/** A candidate of a baseline result tonight could not verify: always first priority (its alert stays open). */
export function unverifiedCandidateOf(e: UnverifiedEntry, seq: number, bytes: number): Candidate {
  return {
    fingerprint: e.fingerprint,
    ruleId: e.ruleId,
    subscription: subscriptionKey(e.resourceId, e.subscriptionId),
    priority: 0,
    severity: e.severity,
    status: e.status,
    unverified: true,
    seq,
    bytes,
  };
}

/** A candidate's key in `SarifSelection.individual`: its fingerprint, "u:" before it for an unverified baseline result (whose fingerprint a result of tonight's may share). */
export function candidateKey(c: Pick<Candidate, "fingerprint" | "unverified">): string {
  return c.unverified ? `u:${c.fingerprint}` : c.fingerprint;
}

/** Selection order: priority, severity (critical first), status, rule, tonight's before unverified, log order. */
export function comparePriority(a: Candidate, b: Candidate): number {
  return (
    a.priority - b.priority ||
    severityRank(a.severity) - severityRank(b.severity) ||
    STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
    compareText(a.ruleId, b.ruleId) ||
    Number(a.unverified) - Number(b.unverified) ||
    a.seq - b.seq
  );
}

/** What an aggregate result stands for. */
export interface Aggregate {
  ruleId: string;
  /** The subscription (lower case), "tenant", or "*" (every result of the rule left over). */
  scope: string;
  count: number;
  byStatus: Partial<Record<Status | "unverified", number>>;
  bySeverity: Partial<Record<Severity, number>>;
  /** How many were last night's open results (unchanged or unverified). */
  lastNight: number;
}

/** What selection decided. */
export interface SarifSelection {
  /** Keys (candidateKey) of the results listed one by one, when not `all`. */
  individual: ReadonlySet<string>;
  /** Whether every candidate is listed (then `individual` need not be consulted). */
  all: boolean;
  aggregates: Aggregate[];
  scope: AggregateScope;
  /** Candidates in all. */
  total: number;
}

/**
 * Which results go into the log one by one, and the aggregates of the rest.
 *
 * The candidates are taken in priority order (comparePriority) as long as they, plus one
 * aggregate for each (rule, subscription) — or, when even those do not fit, each rule — of the
 * candidates not taken, fit `limits`. So a lower-priority result is never listed while a
 * higher-priority one is summarised.
 *
 * @param candidates every result the log would hold (tonight's reported and the unverified ones)
 * @param frameBytes bytes of the log without results (head and tail, with the summary's notes)
 */
export function selectSarif(candidates: readonly Candidate[], frameBytes: number, limits: SarifLimits): SarifSelection {
  const n = candidates.length;
  let bytes = frameBytes;
  for (const c of candidates) bytes += c.bytes + 2;
  if (n <= limits.maxResults && bytes <= limits.maxBytes) return { individual: new Set(), all: true, aggregates: [], scope: "subscription", total: n };
  const order = candidates.slice().sort(comparePriority);
  for (const scope of ["subscription", "rule"] as const) {
    const keyOf = (c: Candidate) => (scope === "rule" ? c.ruleId : `${c.ruleId}\n${c.subscription}`);
    // left[p]: aggregates needed for order[p..n).
    const left = new Int32Array(n + 1);
    const seen = new Set<string>();
    for (let p = n - 1; p >= 0; p--) {
      seen.add(keyOf(order[p] as Candidate));
      left[p] = seen.size;
    }
    const fits = (p: number, used: number) => p + (left[p] as number) <= limits.maxResults && used + (left[p] as number) * AGGREGATE_MAX_BYTES <= limits.maxBytes;
    if (!fits(0, frameBytes)) continue;
    let p = 0;
    let used = frameBytes;
    while (p < n && fits(p + 1, used + (order[p] as Candidate).bytes + 2)) {
      used += (order[p] as Candidate).bytes + 2;
      p++;
    }
    const individual = new Set<string>();
    for (let i = 0; i < p; i++) individual.add(candidateKey(order[i] as Candidate));
    const groups = new Map<string, Aggregate>();
    for (let i = p; i < n; i++) {
      const c = order[i] as Candidate;
      const key = keyOf(c);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { ruleId: c.ruleId, scope: scope === "rule" ? "*" : c.subscription, count: 0, byStatus: {}, bySeverity: {}, lastNight: 0 }));
      g.count++;
      const status = c.unverified ? "unverified" : c.status;
      g.byStatus[status] = (g.byStatus[status] ?? 0) + 1;
      g.bySeverity[c.severity] = (g.bySeverity[c.severity] ?? 0) + 1;
      if (c.priority <= 2) g.lastNight++;
    }
    const aggregates = [...groups.values()].sort((a, b) => compareText(a.ruleId, b.ruleId) || compareText(a.scope, b.scope));
    return { individual, all: false, aggregates, scope, total: n };
  }
  throw new Error(`findings.sarif: even one summary result per rule does not fit ${limits.maxResults} results and ${limits.maxBytes} bytes`);
}

/** The stable fingerprint of an aggregate: SHA-256 of `aggregate|<rule id>|<subscription, "tenant" or "*">`. */
export function aggregateFingerprint(ruleId: string, scope: string): string {
  return createHash("sha256").update(`aggregate|${ruleId}|${scope}`).digest("hex");
}

const SEVERITIES: Severity[] = ["critical", "high", "medium", "low", "info"];
const STATUS_WORDS: Record<Lang, [Status | "unverified", string][]> = {
  en: [
    ["fail", "failing"],
    ["unverified", "unverified tonight"],
    ["not-assessed", "not assessed"],
    ["attestation-required", "needing attestation"],
    ["excepted", "excepted"],
  ],
  sv: [
    ["fail", GLOSSARY.sv.statusPlural.fail],
    ["unverified", `${GLOSSARY.sv.baselineStatePlural.unverified} i natt`],
    ["not-assessed", GLOSSARY.sv.statusPlural["not-assessed"]],
    ["attestation-required", GLOSSARY.sv.statusPlural["attestation-required"]],
    ["excepted", GLOSSARY.sv.statusPlural.excepted],
  ],
};

function countsText<K extends string>(counts: Partial<Record<K, number>>, words: [K, string][]): string {
  return words
    .filter(([k]) => (counts[k] ?? 0) > 0)
    .map(([k, w]) => `${counts[k]} ${w}`)
    .join(", ");
}

/** Where an aggregate points: its subscription, or the tenant. */
function aggregateTarget(a: Aggregate, tenantId: string): string {
  return a.scope === "*" || a.scope === "tenant" ? `/tenants/${tenantId}` : `/subscriptions/${a.scope}`;
}

/** SARIF kind and level of an aggregate: from its most serious member (a failure's severity, else as its status's results are). */
function aggregateKindAndLevel(a: Aggregate): { kind: "fail" | "review"; level: "error" | "warning" | "note" | "none" } {
  const failing = (a.byStatus.fail ?? 0) + (a.byStatus.unverified ?? 0);
  if (failing > 0 || (a.byStatus.excepted ?? 0) > 0) {
    const worst = SEVERITIES.find((s) => (a.bySeverity[s] ?? 0) > 0) ?? "high";
    return { kind: "fail", level: worst === "critical" || worst === "high" ? "error" : worst === "medium" ? "warning" : "note" };
  }
  if ((a.byStatus["not-assessed"] ?? 0) > 0) return { kind: "review", level: "warning" };
  return { kind: "review", level: "none" };
}

/**
 * An aggregate as a SARIF result: the rule, the subscription (or tenant) as its location, the
 * stable fingerprint, a message saying how many results it stands for and where they are listed.
 */
export function aggregateResult(a: Aggregate, tenantId: string, ruleIndex: number | undefined, lang: Lang = "en"): Record<string, unknown> {
  const target = aggregateTarget(a, tenantId);
  // A subscription id comes from a server: anything but a GUID is shown percent-encoded (no Markdown, links or controls reach the message).
  const sub = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(a.scope) ? a.scope : encodeURIComponent(a.scope);
  const worst = SEVERITIES.find((s) => (a.bySeverity[s] ?? 0) > 0) ?? "high";
  const counts = `${countsText(a.byStatus, STATUS_WORDS[lang])}; ${countsText(a.bySeverity, SEVERITIES.map((s) => [s, GLOSSARY[lang].severity[s]]))}`;
  const text =
    lang === "sv"
      ? `${a.count} resultat av ${a.ruleId} ${a.scope === "*" ? "i hela klientorganisationen" : a.scope === "tenant" ? "på klientorganisationsnivå" : `i prenumerationen ${sub}`} sammanfattas i detta enda resultat (${counts}): ` +
        "SARIF-loggen hålls inom GitHub-kodskanningens gränser. Hela listan finns i findings.json och report.html."
      : `${a.count} results of ${a.ruleId} ${a.scope === "*" ? "across the tenant" : a.scope === "tenant" ? "at tenant level" : `in subscription ${sub}`} are summarised in this one result (${counts}): ` +
        "the SARIF log is kept within GitHub code scanning's limits. The full list is in findings.json and report.html.";
  const allExcepted = (a.byStatus.excepted ?? 0) === a.count;
  return {
    ruleId: a.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    ...aggregateKindAndLevel(a),
    message: { text: redactPersonal(text) },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: resourceUri(target) }, region: { startLine: 1 } },
        logicalLocations: [{ fullyQualifiedName: target, kind: "resource" }],
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: aggregateFingerprint(a.ruleId, a.scope) },
    properties: {
      status: "aggregate",
      severity: worst,
      aggregate: { scope: a.scope === "*" ? "rule" : "subscription", ...(a.scope !== "*" ? { subscription: a.scope } : {}), count: a.count, byStatus: a.byStatus, bySeverity: a.bySeverity, lastNight: a.lastNight },
    },
    ...(allExcepted
      ? {
          suppressions: [
            {
              kind: "external",
              status: "accepted",
              justification: lang === "sv" ? `Alla ${a.count} resultat som sammanfattas här är undantagna i organisationens undantagsfil.` : `All ${a.count} results summarised here are excepted by the organisation's exception file.`,
            },
          ],
        }
      : {}),
  };
}

/** What the log says it summarised: run.properties.sarifLimits. */
export function selectionProperties(s: SarifSelection, limits: SarifLimits): Record<string, unknown> {
  const aggregated = s.aggregates.reduce((n, a) => n + a.count, 0);
  return {
    summarised: true,
    results: s.total,
    listed: s.individual.size,
    aggregated,
    aggregates: s.aggregates.length,
    aggregateScope: s.scope,
    maxResults: limits.maxResults,
    maxBytes: limits.maxBytes,
    fullList: ["findings.json", "report.html"],
  };
}

/** The invocation's notification of a summarised log. */
export function selectionNotification(s: SarifSelection, limits: SarifLimits, lang: Lang = "en"): Record<string, unknown> {
  const aggregated = s.aggregates.reduce((n, a) => n + a.count, 0);
  const text =
    lang === "sv"
      ? `${s.total} resultat är fler än findings.sarif får rymma inom GitHub-kodskanningens gränser (${limits.maxResults} resultat, ${limits.maxBytes} byte): ` +
        `${s.individual.size} listas ett och ett (gårdagens öppna resultat först, sedan nya underkända efter allvarlighetsgrad), ` +
        `och ${aggregated} sammanfattas i ${s.aggregates.length} resultat, ett per ${s.scope === "rule" ? "regel" : "(regel, prenumeration)"}. Hela listan finns i findings.json och report.html.`
      : `${s.total} results are more than findings.sarif may hold within GitHub code scanning's limits (${limits.maxResults} results, ${limits.maxBytes} bytes): ` +
        `${s.individual.size} are listed one by one (last night's open results first, then new failures by severity), ` +
        `and ${aggregated} are summarised in ${s.aggregates.length} results, one per ${s.scope === "rule" ? "rule" : "(rule, subscription)"}. The full list is in findings.json and report.html.`;
  return {
    level: "warning",
    descriptor: { id: "hemvist/sarif-limits" },
    message: {
      text,
    },
  };
}

/** How many results findings.sarif would hold for the document, counted from its summary: tonight's non-passing, but those re-emitted as unverified, plus the unverified. */
export function sarifCandidateCount(doc: Pick<FindingsDocument, "summary" | "baseline">): number {
  const nonPass = doc.summary.total - doc.summary.byStatus.pass;
  const unverified = doc.baseline?.unverified ?? [];
  const reemitted = unverified.filter((e) => e.reason.code === "not-assessed-tonight").length;
  return nonPass - reemitted + unverified.length;
}

/**
 * One line for summary.md and the console when findings.sarif cannot list every result
 * (counted; a log cut by its byte limit alone says so in the SARIF only), else undefined.
 */
export function sarifLimitNote(doc: Pick<FindingsDocument, "summary" | "baseline">, lang: Lang, limits: SarifLimits = SARIF_LIMITS): string | undefined {
  const n = sarifCandidateCount(doc);
  if (n <= limits.maxResults) return undefined;
  return lang === "sv"
    ? `findings.sarif (kodskanning) rymmer högst ${limits.maxResults} av de ${n} resultaten: gårdagens öppna resultat och nya underkända först, resten sammanfattade per regel och prenumeration; hela listan finns i findings.json och report.html.`
    : `findings.sarif (code scanning) holds at most ${limits.maxResults} of the ${n} results: last night's open results and new failures first, the rest summarised per rule and subscription; the full list is in findings.json and report.html.`;
}
