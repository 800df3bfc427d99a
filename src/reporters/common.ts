/**
 * Helpers the reporters share: labels in Swedish and English, severity order, resource paths, dates.
 */
import type { Evidence, Finding, Severity, Status } from "../engine/types.js";
import type { BaselineEntry, ResolutionKind } from "../findings/types.js";
import type { Lang } from "../base/lang.js";
import { capitalise, GLOSSARY } from "../base/glossary.js";

/** Severities from the most to the least severe. */
export const SEVERITY_ORDER: readonly Severity[] = ["critical", "high", "medium", "low", "info"];

/** Statuses in the order a reader wants them: problems first. */
export const STATUS_ORDER: readonly Status[] = ["fail", "not-assessed", "attestation-required", "excepted", "pass"];

/** Rank of a severity: 0 for critical … 4 for info. */
export function severityRank(severity: Severity): number {
  const rank = SEVERITY_ORDER.indexOf(severity);
  return rank < 0 ? SEVERITY_ORDER.length : rank;
}

/** The glossary's words for a record of keys, capitalised (as labels and table cells show them). */
function capitalised<K extends string>(record: Record<K, string>): Record<K, string> {
  return Object.fromEntries(Object.entries<string>(record).map(([k, v]) => [k, capitalise(v)])) as Record<K, string>;
}

/** Status labels from the glossary (src/base/glossary.ts): "Underkänd", never "Fel". */
const STATUS_LABELS: Record<Lang, Record<Status, string>> = { sv: capitalised(GLOSSARY.sv.status), en: capitalised(GLOSSARY.en.status) };

const SEVERITY_LABELS: Record<Lang, Record<Severity, string>> = { sv: capitalised(GLOSSARY.sv.severity), en: capitalised(GLOSSARY.en.severity) };

/** The status as a reader sees it, in the report language. */
export function statusLabel(status: Status, lang: Lang): string {
  return STATUS_LABELS[lang][status];
}

/** The severity as a reader sees it, in the report language. */
export function severityLabel(severity: Severity | "by-level", lang: Lang): string {
  if (severity === "by-level") return lang === "sv" ? "Efter klassning" : "By classification";
  return SEVERITY_LABELS[lang][severity];
}

/** All status labels of a language (for the HTML page's own texts). */
export function statusLabels(lang: Lang): Record<Status, string> {
  return { ...STATUS_LABELS[lang] };
}

/** All severity labels of a language (for the HTML page's own texts). */
export function severityLabels(lang: Lang): Record<Severity, string> {
  return { ...SEVERITY_LABELS[lang] };
}

/**
 * The date `days` after an ISO timestamp, as `YYYY-MM-DD` (UTC). Used for the exception stub's
 * `expires`, counted from the document's `generatedAt` so the output does not depend on the clock.
 */
export function addDaysIsoDate(iso: string, days: number): string {
  const base = Date.parse(iso);
  const start = Number.isNaN(base) ? 0 : base;
  return new Date(start + days * 86_400_000).toISOString().slice(0, 10);
}

/** `2025-03-04T02:13:09.123Z` → `2025-03-04 02:13 UTC`; anything else unchanged. */
export function formatTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?Z$/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

/** The last two segments of an id, e.g. `…/storageAccounts/sa1` (the id itself when it is short). */
export function shortResourceId(id: string): string {
  const segments = id.split("/").filter((s) => s.length > 0);
  if (segments.length <= 2) return id;
  return `…/${segments.slice(-2).join("/")}`;
}

/**
 * A resource id as a relative URI reference (`subscriptions/…/providers/…`): the leading slash
 * dropped and each segment percent-encoded, so any name Azure allows yields a valid URI.
 */
export function resourceUri(id: string): string {
  return id
    .replace(/^\/+/, "")
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
}

/**
 * Whether an evidence value is prose in both languages (`{ en, sv }`, nothing else): a rule states
 * an expectation in words ("a key in the organisation's Key Vault") that way, so a Swedish report
 * says it in Swedish. No payload value has exactly these two string keys.
 */
export function isLocalizedValue(value: unknown): value is { en: string; sv: string } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const v = value as Record<string, unknown>;
  return keys.length === 2 && typeof v.en === "string" && typeof v.sv === "string";
}

/** An evidence value as text: strings as they are, prose in the report language (isLocalizedValue), other values as JSON, absent as empty. */
export function evidenceValue(value: unknown, lang: Lang = "en"): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  if (isLocalizedValue(value)) return value[lang];
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * How an attested value was given, for a reader: "attested by X on D, read at S". `withPerson`
 * false leaves out who attested it (often an e-mail address): SARIF and Markdown leave the
 * access-controlled artifacts, so they say "attested on D, read at S".
 */
export function attestedText(e: Evidence, lang: Lang, withPerson: boolean): string {
  const a = e.attestation;
  if (e.kind !== "attested") return "";
  if (!a) return lang === "sv" ? "intygat i konfigurationen" : "attested in the configuration";
  const by = withPerson ? (lang === "sv" ? ` av ${a.attestedBy}` : ` by ${a.attestedBy}`) : "";
  return lang === "sv"
    ? `intygat${by} ${a.attestedOn}, avläst i ${a.source} (attestations.${a.key})`
    : `attested${by} on ${a.attestedOn}, read at ${a.source} (attestations.${a.key})`;
}

/**
 * One evidence entry as a line of text: `path: seen X, expected Y`; an attested value says so
 * instead of "seen": `path: X (attested on D, read at S), expected Y`, never naming who attested it.
 */
export function evidenceLine(e: Evidence, lang: Lang): string {
  const seen = e.actual === undefined ? (lang === "sv" ? "(saknas)" : "(absent)") : evidenceValue(e.actual, lang);
  const expected = evidenceValue(e.expected, lang);
  const defaulted = e.defaulted ? (lang === "sv" ? " (standardvärde antaget)" : " (default assumed)") : "";
  const attested = e.kind === "attested" ? ` (${attestedText(e, lang, false)})` : "";
  return lang === "sv"
    ? `${e.path}: ${seen}${defaulted}${attested}, förväntat ${expected}`
    : `${e.path}: ${seen}${defaulted}${attested}, expected ${expected}`;
}

const EMAIL = /[^\s@<>()[\]{}'",;:]+@[^\s@<>()[\]{}'",;:]+\.[A-Za-z]{2,}/g;

/**
 * Replaces anything shaped like an e-mail address or UPN with `[redacted]`. SARIF and Markdown
 * leave the access-controlled artifacts (code scanning, step summaries), so personal identifiers
 * are kept out of them even if a message or a justification happens to carry one.
 */
export function redactPersonal(text: string): string {
  return text.replace(EMAIL, "[redacted]");
}

/** Whether a finding's target is a Microsoft 365 user or group (object ids only outside HTML/JSON). */
export function isPersonTarget(f: Pick<Finding, "resourceId">): boolean {
  return /^\/?tenants\/[^/]+\/(users|groups)\//i.test(f.resourceId);
}

/**
 * A not-assessed result's reason without the service's raw error text (ARM's AuthorizationFailed
 * message names the signed-in client, which may be a person).
 */
export function notAssessedReason(f: Finding, lang: Lang): string {
  const na = f.notAssessed;
  if (!na) return f.message[lang];
  const status = na.httpStatus !== undefined ? `HTTP ${na.httpStatus} ` : "";
  const permission = na.permission
    ? lang === "sv"
      ? ` Behörighet som krävs: ${na.permission}.`
      : ` Permission needed: ${na.permission}.`
    : "";
  return lang === "sv"
    ? `Ej bedömd: ${na.collection} kunde inte läsas för ${na.scope} (${status}${na.code}).${permission}`
    : `Not assessed: ${na.collection} could not be read for ${na.scope} (${status}${na.code}).${permission}`;
}

/** Results ordered for reading: status, then severity, then rule id, then resource id. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
    severityRank(a.severity) - severityRank(b.severity) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.resourceKey, b.resourceKey) ||
    compareText(a.part ?? "", b.part ?? "")
  );
}

/** Code-point order: the same on every machine, unlike locale collation. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const RESOLUTION_LABELS: Record<Lang, Record<ResolutionKind, string>> = {
  sv: { passes: "godkänns nu", gone: "finns inte längre", "no-longer-applies": "regeln gäller inte längre" },
  en: { passes: "passes now", gone: "target gone", "no-longer-applies": "rule no longer applies" },
};

/** How a baseline result was resolved, as a reader sees it. */
export function resolutionLabel(kind: ResolutionKind, lang: Lang): string {
  return RESOLUTION_LABELS[lang][kind] ?? kind;
}

/** All resolution labels of a language (for the HTML page's own texts). */
export function resolutionLabels(lang: Lang): Record<ResolutionKind, string> {
  return { ...RESOLUTION_LABELS[lang] };
}

/** Baseline entries ordered for reading: severity, rule id, resource, part (code-point order). */
export function compareBaselineEntries(a: BaselineEntry, b: BaselineEntry): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.resourceKey, b.resourceKey) ||
    compareText(a.part ?? "", b.part ?? "")
  );
}
