/**
 * Markdown reporter (summary.md, also appended to the GitHub step summary): status, counts, the
 * most severe failures, coverage, what needs attestation, changes since the baseline and exceptions.
 * No personal names, and never who attested a fact.
 */
import { appendFile } from "node:fs/promises";
import { displayText, nameConcernNote, nameConcerns } from "../base/display.js";
import type { Lang } from "../base/lang.js";
import { sarifLimitNote } from "./sarif-limits.js";
import { ownerLabels, ownerShown } from "./owner.js";
import type { Finding, Severity, Status } from "../engine/types.js";
import {
  compareBaselineEntries,
  compareFindings,
  compareText,
  formatTime,
  resolutionLabel,
  SEVERITY_ORDER,
  STATUS_ORDER,
  severityLabel,
  shortResourceId,
  statusLabel,
} from "./common.js";
import type { ExceptionReportEntry, FindingsDocument, TrendNight } from "../findings/types.js";
import { type RunLinks, runLinks } from "./run-links.js";
import { mdEscape } from "./escape.js";
import type { ReportOptions, StreamedFormat } from "./types.js";

/** How many rows the top lists show. */
export const MARKDOWN_TOP = 20;

const T = {
  sv: {
    title: "Hemvist – datahemvist",
    tenant: "Klientorganisation",
    generated: "Genererad",
    collected: "Insamlad",
    profile: "Profil",
    allowedRegions: "Tillåtna regioner",
    allowedGeos: "Tillåtna Microsoft 365-geografier",
    snapshot: "Ögonblicksbildens SHA-256",
    exit: "Slutstatus",
    exitCode: "slutkod",
    counts: "Resultat per status",
    status: "Status",
    count: "Antal",
    total: "Totalt",
    bySeverity: "Underkända per allvarlighetsgrad",
    severity: "Allvarlighetsgrad",
    top: "Allvarligaste underkända resultaten",
    topOf: (shown: number, total: number) => `Visar ${shown} av ${total} underkända.`,
    noFails: "Inga underkända resultat.",
    rule: "Regel",
    resource: "Resurs",
    location: "Plats",
    message: "Meddelande",
    coverage: "Täckning: ej bedömda områden",
    coverageNone: "Allt kunde läsas.",
    scope: "Omfång",
    collection: "Samling",
    http: "HTTP",
    code: "Kod",
    permission: "Behörighet",
    blinds: "Regler som inte kunde bedömas",
    attestation: "Kräver intygande",
    attestationIntro: "Inget API visar de här uppgifterna: intyga dem i konfigurationen (attestations:). Tills dess blir resultatet ”Kräver intygande”, aldrig ”Godkänd”; det ändrar inte slutkoden. Rapporten (report.html) visar raderna att lägga till.",
    attestationNone: "Inget behöver intygas.",
    attestState: "Läge",
    attestWhat: "Vad som ska intygas",
    attestReadAt: "Var det läses",
    attestKey: "Konfigurationsnyckel",
    attestMissing: "saknas",
    attestStale: (on: string) => `inaktuellt (intygat ${on})`,
    attestationsAging: "Intyganden som snart blir eller har blivit inaktuella",
    attestedOn: "Intygat",
    staleOn: "Inaktuellt från",
    attestExpiring: "blir inaktuellt inom 30 dagar",
    attestStaleGiven: "inaktuellt",
    changes: "Förändringar sedan baslinjen",
    baselineFrom: "Baslinje från",
    noBaseline: "Ingen baslinje angavs.",
    newResults: "Nya",
    unchanged: "Oförändrade",
    resolved: "Åtgärdade",
    newList: "Nya resultat",
    resolvedList: "Åtgärdade resultat",
    unverifiedCount: "Overifierade",
    unverifiedList: "Overifierade resultat (räknas inte som åtgärdade)",
    unverifiedIntro: "Underkända eller ej bedömda resultat från baslinjen som inte kunde bekräftas i natt, varken som åtgärdade eller som kvarstående.",
    how: "Hur",
    why: "Varför",
    disabled: "Avstängda regler",
    disabledIntro: "Regler som är avstängda i konfigurationen ger inga resultat.",
    ruleTitle: "Titel",
    exceptions: "Undantag som snart går ut, har gått ut eller är ogiltiga",
    exceptionsNone: "Inga undantag går ut inom 30 dagar.",
    expires: "Går ut",
    state: "Läge",
    matched: "Träffar",
    expiring: "går ut inom 30 dagar",
    expired: "har gått ut",
    active: "aktivt",
    invalid: "ogiltigt, tillämpas inte (längre fram än högsta tillåtna horisont)",
    ruleWide: "Undantag för hela regeln (ruleWide)",
    ruleWideIntro: "Mönstren saknar ett bestämt prenumerations- eller klientorganisationssegment: de kan undanta regelns resultat i alla prenumerationer, även framtida.",
    more: (n: number) => `… och ${n} till.`,
    trend: (n: number) => `Trend, underkända per natt (de senaste ${n})`,
    tonight: "i natt",
    links: "Länkar",
    linkReport: "Rapporten (körningens artefakt)",
    linkAlerts: "Code scanning-aviseringar",
    linkHistory: "Historiken på grenen",
  },
  en: {
    title: "Hemvist – data residency",
    tenant: "Tenant",
    generated: "Generated",
    collected: "Collected",
    profile: "Profile",
    allowedRegions: "Allowed regions",
    allowedGeos: "Allowed Microsoft 365 geos",
    snapshot: "Snapshot SHA-256",
    exit: "Outcome",
    exitCode: "exit code",
    counts: "Results by status",
    status: "Status",
    count: "Count",
    total: "Total",
    bySeverity: "Failures by severity",
    severity: "Severity",
    top: "Most severe failures",
    topOf: (shown: number, total: number) => `Showing ${shown} of ${total} failures.`,
    noFails: "No failures.",
    rule: "Rule",
    resource: "Resource",
    location: "Location",
    message: "Message",
    coverage: "Coverage: not assessed",
    coverageNone: "Everything could be read.",
    scope: "Scope",
    collection: "Collection",
    http: "HTTP",
    code: "Code",
    permission: "Permission",
    blinds: "Rules blinded",
    attestation: "Needs attestation",
    attestationIntro: "No API shows these facts: attest them in the configuration (attestations:). Until then the result is “Needs attestation”, never “Pass”; it does not change the exit code. The report (report.html) shows the lines to add.",
    attestationNone: "Nothing needs attestation.",
    attestState: "State",
    attestWhat: "What to attest",
    attestReadAt: "Where to read it",
    attestKey: "Configuration key",
    attestMissing: "missing",
    attestStale: (on: string) => `stale (attested on ${on})`,
    attestationsAging: "Attestations going stale or stale",
    attestedOn: "Attested on",
    staleOn: "Stale from",
    attestExpiring: "goes stale within 30 days",
    attestStaleGiven: "stale",
    changes: "Changes since the baseline",
    baselineFrom: "Baseline from",
    noBaseline: "No baseline was given.",
    newResults: "New",
    unchanged: "Unchanged",
    resolved: "Resolved",
    newList: "New results",
    resolvedList: "Resolved results",
    unverifiedCount: "Unverified",
    unverifiedList: "Unverified results (not counted as fixed)",
    unverifiedIntro: "Failing or not-assessed results of the baseline that tonight could confirm neither fixed nor still open.",
    how: "How",
    why: "Why",
    disabled: "Disabled rules",
    disabledIntro: "Rules turned off in the configuration give no results.",
    ruleTitle: "Title",
    exceptions: "Exceptions expiring soon, expired or invalid",
    exceptionsNone: "No exception expires within 30 days.",
    expires: "Expires",
    state: "State",
    matched: "Matched",
    expiring: "expires within 30 days",
    expired: "expired",
    active: "active",
    invalid: "invalid, not applied (beyond the maximum horizon)",
    ruleWide: "Rule-wide exceptions (ruleWide)",
    ruleWideIntro: "Their patterns have no literal subscription or tenant segment: they may except the rule's results in every subscription, future ones included.",
    more: (n: number) => `… and ${n} more.`,
    trend: (n: number) => `Trend, failures per night (the last ${n})`,
    tonight: "tonight",
    links: "Links",
    linkReport: "The report (the run's artifact)",
    linkAlerts: "Code scanning alerts",
    linkHistory: "The history on branch",
  },
} as const;

function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ];
}

function code(text: string): string {
  // Inline code cannot hold a backtick or a pipe safely in a table, and shows entities literally;
  // such text is escaped instead, as is text with control or bidi characters (escaped visibly).
  return /[`|<>&\p{Cc}\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u2028\u2029]/u.test(text) ? mdEscape(text) : `\`${text}\``;
}

function findingRow(f: Pick<Finding, "severity" | "ruleId" | "resourceId" | "location" | "message" | "part"> & { resourceGroup?: string | undefined }, lang: Lang): string[] {
  const resource = f.part ? `${shortResourceId(f.resourceId)} (${f.part})` : shortResourceId(f.resourceId);
  // The resource name is not read (it may be a person's display name); the id holds it for resources.
  const note = nameConcernNote(nameConcerns(f.resourceGroup, f.resourceId), lang);
  return [
    mdEscape(severityLabel(f.severity, lang)),
    mdEscape(f.ruleId),
    note ? `${code(resource)} ⚠️${mdEscape(note)}` : code(resource),
    f.location ? mdEscape(f.location) : "–",
    mdEscape(f.message[lang]),
  ];
}

/** Who must act for a result, as a cell: the owner (a personal one as "(personal owner, see report)"), else "–". */
function ownerCell(f: Pick<Finding, "owner">, lang: Lang): string {
  return f.owner ? mdEscape(ownerShown(f.owner, lang)) : "–";
}

function exceptionState(e: ExceptionReportEntry, lang: Lang): string {
  return T[lang][e.state];
}

/**
 * What changed since the baseline, first in the summary: the counts, the trend of the last nights,
 * the new results (failures first), then the resolved and the unverified ones.
 */
function changesSection(doc: FindingsDocument, lang: Lang): string[] {
  const t = T[lang];
  const out: string[] = [`## ${t.changes}`, ""];
  if (!doc.baseline) out.push(t.noBaseline, "", ...trendLines(doc, lang));
  else {
    const b = doc.baseline;
    out.push(`${t.baselineFrom} ${mdEscape(formatTime(b.generatedAt))}.`, "");
    out.push(
      ...table(
        [t.newResults, t.unchanged, t.resolved, t.unverifiedCount],
        [[String(b.counts.new), String(b.counts.unchanged), String(b.counts.resolved), String(b.counts.unverified)]],
      ),
      "",
    );
    out.push(...trendLines(doc, lang));
    const fresh = doc.results.filter((f) => f.baselineState === "new").sort(compareFindings);
    if (b.counts.new > 0) {
      out.push(`### ${t.newList}`, "");
      out.push(
        ...table([t.severity, t.rule, t.resource, t.location, t.message, ownerLabels(lang).owner], fresh.slice(0, MARKDOWN_TOP).map((f) => [...findingRow(f, lang), ownerCell(f, lang)])),
        "",
      );
      if (b.counts.new > MARKDOWN_TOP) out.push(t.more(b.counts.new - MARKDOWN_TOP), "");
    }
    if (b.resolved.length > 0) {
      const resolved = [...b.resolved].sort(compareBaselineEntries);
      out.push(`### ${t.resolvedList}`, "");
      out.push(
        ...table(
          [t.severity, t.rule, t.resource, t.location, t.message, t.how],
          resolved.slice(0, MARKDOWN_TOP).map((f) => [...findingRow(f, lang), mdEscape(resolutionLabel(f.resolution, lang))]),
        ),
        "",
      );
      if (resolved.length > MARKDOWN_TOP) out.push(t.more(resolved.length - MARKDOWN_TOP), "");
    }
    if (b.unverified.length > 0) {
      const unverified = [...b.unverified].sort(compareBaselineEntries);
      out.push(`### ${t.unverifiedList}`, "", t.unverifiedIntro, "");
      out.push(
        ...table(
          [t.severity, t.rule, t.resource, t.location, t.message, t.why],
          unverified.slice(0, MARKDOWN_TOP).map((f) => [...findingRow(f, lang), mdEscape(f.reason[lang])]),
        ),
        "",
      );
      if (unverified.length > MARKDOWN_TOP) out.push(t.more(unverified.length - MARKDOWN_TOP), "");
    }
  }
  return out;
}

/** How many nights summary.md's trend line shows. */
export const MARKDOWN_TREND_NIGHTS = 7;

/** The trend's last nights as one line (failures per night, tonight's by severity), or nothing without a trend. */
function trendLines(doc: FindingsDocument, lang: Lang): string[] {
  const nights = (doc.trend ?? []).slice(-MARKDOWN_TREND_NIGHTS);
  const last = nights.at(-1);
  if (!last) return [];
  const t = T[lang];
  const total = (n: TrendNight) => SEVERITY_ORDER.reduce((sum, s) => sum + (n.failBySeverity[s] ?? 0), 0);
  // The date, with the time when two nights share a date (a run by hand beside the nightly one).
  const withTime = new Set(nights.map((n) => n.generatedAt.slice(0, 10))).size < nights.length;
  const days = nights.map((n) => `${mdEscape(withTime ? formatTime(n.generatedAt) : n.generatedAt.slice(0, 10))}: ${total(n)}`).join(" · ");
  const bySeverity = SEVERITY_ORDER.filter((s) => last.failBySeverity[s]).map((s) => `${last.failBySeverity[s]} ${mdEscape(severityLabel(s, lang).toLowerCase())}`);
  return [`**${t.trend(nights.length)}:** ${days} (${t.tonight}: ${bySeverity.length ? bySeverity.join(", ") : "0"})`, ""];
}

/** The links line (report artifact, code-scanning alerts, history), or nothing when the environment gives none. */
function linkLines(links: RunLinks, lang: Lang): string[] {
  const t = T[lang];
  const parts: string[] = [];
  if (links.artifact) parts.push(`[${t.linkReport}](${links.artifact})`);
  if (links.alerts) parts.push(`[${t.linkAlerts}](${links.alerts})`);
  if (links.history && links.historyBranch) parts.push(`[${t.linkHistory} \`${links.historyBranch}\`](${links.history})`);
  return parts.length ? [`**${t.links}:** ${parts.join(" · ")}`, ""] : [];
}

/**
 * Renders the run's summary as GitHub-flavoured Markdown.
 *
 * Only object ids identify Microsoft 365 users and groups: `resourceName` is never read, and
 * exception owners are left out.
 *
 * What changed comes first, after the outcome: new results before everything else.
 *
 * @param doc the findings document
 * @param opts `lang` picks Swedish (`sv`) or English (`en`)
 * @param links links to the run's artifact, the alerts and the history (run-links.ts; none by default)
 * @returns the Markdown text
 */
export function renderMarkdown(doc: FindingsDocument, opts: ReportOptions, links: RunLinks = {}): string {
  const lang = opts.lang;
  const t = T[lang];
  const out: string[] = [];
  const tenant = doc.tenantName ? `${doc.tenantName} (${doc.tenantId})` : doc.tenantId;
  const tenantNote = nameConcernNote(nameConcerns(doc.tenantName), lang);
  out.push(`# ${mdEscape(t.title)}: ${mdEscape(tenant)}${tenantNote ? ` ⚠️${mdEscape(tenantNote)}` : ""}`, "");
  out.push(
    `**${t.generated}:** ${mdEscape(formatTime(doc.generatedAt))} · **${t.collected}:** ${mdEscape(formatTime(doc.collectedAt))} · **${t.profile}:** ${mdEscape(doc.profile.name)}`,
    "",
  );
  const icon = doc.exit.code === 0 ? "✅" : doc.exit.code === 1 ? "❌" : "⚠️";
  out.push(`> ${icon} **${t.exit}:** ${mdEscape(doc.exit.reason[opts.lang])} (${t.exitCode} ${doc.exit.code})`, "");
  out.push(...linkLines(links, lang));
  out.push(
    `- ${t.allowedRegions}: ${doc.profile.allowedRegions.map(code).join(", ") || "–"}`,
    `- ${t.allowedGeos}: ${doc.profile.allowedM365Geos.map(code).join(", ") || "–"}`,
    `- ${t.snapshot}: \`${doc.snapshotSha256.replace(/[^0-9a-fA-F]/g, "")}\``,
    "",
  );
  out.push(...changesSection(doc, lang));

  out.push(`## ${t.counts}`, "");
  const statusRows = STATUS_ORDER.map((s: Status) => [mdEscape(statusLabel(s, lang)), String(doc.summary.byStatus[s] ?? 0)]);
  statusRows.push([`**${t.total}**`, `**${doc.summary.total}**`]);
  out.push(...table([t.status, t.count], statusRows), "");
  out.push(`### ${t.bySeverity}`, "");
  out.push(
    ...table(
      [t.severity, t.count],
      SEVERITY_ORDER.map((s: Severity) => [mdEscape(severityLabel(s, lang)), String(doc.summary.failBySeverity[s] ?? 0)]),
    ),
    "",
  );

  // Counts come from the summary: `results` may hold only the first MARKDOWN_TOP of each list (the report spool's highlights).
  const fails = doc.results.filter((f) => f.status === "fail").sort(compareFindings);
  const failCount = doc.summary.byStatus.fail;
  out.push(`## ${t.top}`, "");
  if (failCount === 0) out.push(t.noFails, "");
  else {
    const top = fails.slice(0, MARKDOWN_TOP);
    out.push(...table([t.severity, t.rule, t.resource, t.location, t.message, ownerLabels(lang).owner], top.map((f) => [...findingRow(f, lang), ownerCell(f, lang)])), "");
    if (failCount > top.length) out.push(t.topOf(top.length, failCount), "");
  }
  // findings.sarif summarises what GitHub code scanning's limits leave no room for (sarif-limits.ts).
  const sarifNote = sarifLimitNote(doc, lang);
  if (sarifNote) out.push(mdEscape(sarifNote), "");

  out.push(`## ${t.coverage}`, "");
  if (doc.coverage.length === 0) out.push(t.coverageNone, "");
  else {
    out.push(
      ...table(
        [t.scope, t.collection, t.http, t.code, t.permission, t.blinds],
        doc.coverage.map((c) => [
          code(c.scope),
          mdEscape(c.collection),
          c.httpStatus !== undefined ? String(c.httpStatus) : "–",
          mdEscape(c.code),
          c.permission ? mdEscape(c.permission) : "–",
          mdEscape((c.blinds ?? []).join(", ")),
        ]),
      ),
      "",
    );
  }

  // Counts come from the summary: `results` may hold only the first MARKDOWN_TOP (the spool's highlights).
  const needs = doc.results.filter((f) => f.status === "attestation-required").sort(compareFindings);
  const needCount = doc.summary.byStatus["attestation-required"] ?? needs.length;
  out.push(`## ${t.attestation}`, "");
  if (needCount === 0) out.push(t.attestationNone, "");
  else {
    out.push(t.attestationIntro, "");
    const shown = needs.slice(0, MARKDOWN_TOP);
    out.push(
      ...table(
        [t.rule, t.resource, t.attestState, t.attestWhat, t.attestReadAt, t.attestKey],
        shown.map((f) => {
          const a = f.attestation;
          const resource = f.part ? `${shortResourceId(f.resourceId)} (${f.part})` : shortResourceId(f.resourceId);
          const state = a?.state === "stale" ? t.attestStale(a.attestedOn ?? "?") : t.attestMissing;
          return [
            mdEscape(f.ruleId),
            code(resource),
            mdEscape(state),
            mdEscape(a ? a.what[lang] : f.message[lang]),
            a ? mdEscape(a.readAt[lang]) : "–",
            a ? code(`attestations.${a.key}`) : "–",
          ];
        }),
      ),
      "",
    );
    if (needCount > shown.length) out.push(t.more(needCount - shown.length), "");
  }
  const aging = (doc.attestations ?? []).filter((a) => a.state !== "valid").sort((a, b) => compareText(a.staleOn, b.staleOn) || compareText(a.key, b.key));
  if (aging.length > 0) {
    out.push(`### ${t.attestationsAging}`, "");
    out.push(
      ...table(
        [t.attestKey, t.attestState, t.attestedOn, t.staleOn],
        aging.map((a) => [code(`attestations.${a.key}`), mdEscape(a.state === "stale" ? t.attestStaleGiven : t.attestExpiring), mdEscape(a.attestedOn), mdEscape(a.staleOn)]),
      ),
      "",
    );
  }

  if (doc.disabledRules && doc.disabledRules.length > 0) {
    out.push(`## ${t.disabled}`, "", t.disabledIntro, "");
    out.push(...table([t.rule, t.ruleTitle], doc.disabledRules.map((r) => [mdEscape(r.id), r.title ? mdEscape(r.title[lang]) : "–"])), "");
  }

  const soon = (doc.exceptions ?? [])
    .filter((e) => e.state !== "active")
    .sort((a, b) => compareText(a.expires, b.expires) || compareText(a.id, b.id));
  out.push(`## ${t.exceptions}`, "");
  if (soon.length === 0) out.push(t.exceptionsNone, "");
  else {
    out.push(
      ...table(
        [t.state, "Id", t.rule, t.resource, t.expires, t.matched],
        soon.map((e) => [
          mdEscape(exceptionState(e, lang)),
          mdEscape(e.id),
          mdEscape(e.ruleId),
          code(shortResourceId(e.resource)),
          mdEscape(e.expires),
          String(e.matched),
        ]),
      ),
      "",
    );
  }
  // Rule-wide entries are listed whatever their state: they may except a rule in every subscription.
  const wide = (doc.exceptions ?? []).filter((e) => e.ruleWide).sort((a, b) => compareText(a.ruleId, b.ruleId) || compareText(a.id, b.id));
  if (wide.length > 0) {
    out.push(`### ${t.ruleWide}`, "", t.ruleWideIntro, "");
    out.push(
      ...table(
        [t.state, "Id", t.rule, t.resource, t.expires, t.matched],
        wide.map((e) => [mdEscape(exceptionState(e, lang)), mdEscape(e.id), mdEscape(e.ruleId), code(e.resource), mdEscape(e.expires), String(e.matched)]),
      ),
      "",
    );
  }
  return capMarkdown(`${out.join("\n").trimEnd()}\n`, lang);
}

/** GitHub's limit for a job summary (a step's `$GITHUB_STEP_SUMMARY`): 1 MiB. summary.md stays within it. */
export const MARKDOWN_MAX_BYTES = 1024 * 1024;

/** The closing note of a summary cut to fit: how much is shown and where the full report is. */
function cutNote(lang: Lang, shown: number, total: number): string {
  return lang === "sv"
    ? `> ⚠️ Sammanfattningen är avkortad till ${shown} av ${total} byte (GitHubs gräns för jobbsammanfattningar är 1 MiB). Hela rapporten: report.html och findings.json (och findings.csv) i samma mapp som summary.md.\n`
    : `> ⚠️ This summary is cut to ${shown} of ${total} bytes (GitHub's job summary limit is 1 MiB). The full report: report.html and findings.json (and findings.csv) in the folder of summary.md.\n`;
}

/**
 * The summary within `max` bytes (UTF-8): unchanged when it fits, otherwise cut at the end of a
 * line and closed with a note that points to the full report.
 * @param text the summary
 * @param lang the note's language
 * @param max the limit in bytes (default MARKDOWN_MAX_BYTES)
 */
export function capMarkdown(text: string, lang: Lang, max: number = MARKDOWN_MAX_BYTES): string {
  const total = Buffer.byteLength(text);
  if (total <= max) return text;
  // Room for the note (its byte counts take at most 20 digits together) and the blank line before it.
  const room = max - Buffer.byteLength(cutNote(lang, 0, total)) - 24;
  const bytes = Buffer.from(text);
  let end = Math.max(0, room);
  while (end > 0 && bytes[end - 1] !== 0x0a) end--;
  const head = bytes.subarray(0, end).toString("utf8");
  return `${head}\n${cutNote(lang, end, total)}`;
}

/** Why the job summary could not be appended, by error code, for the warning. */
const STEP_SUMMARY_ERRORS: Record<string, string> = {
  EISDIR: "it is a folder",
  ENOENT: "its folder does not exist",
  ENOTDIR: "a part of its path is not a folder",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "read-only file system",
  ENOSPC: "the disk is full",
};

/**
 * summary.md streamed: no rows; the summary rendered from the run's highlights (all it lists),
 * then appended to $GITHUB_STEP_SUMMARY when that is set.
 */
export const markdownStream: StreamedFormat = {
  start: ({ lang }) => {
    let content = "";
    return {
      order: "locale",
      separator: "",
      batch: 1,
      select: () => [],
      rows: () => "",
      head: (end) => (content = renderMarkdown({ ...end.doc, results: [...end.highlights] }, { lang }, runLinks(process.env))),
      tail: () => "",
      written: async () => {
        const target = process.env.GITHUB_STEP_SUMMARY;
        if (!target) return;
        // The job summary is an extra copy: failing to append it is a warning, never a failed run.
        try {
          await appendFile(target, `${content}\n`);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code ?? "";
          const why = STEP_SUMMARY_ERRORS[code];
          const reason = why ? `${code}: ${why}` : (err as Error).message;
          process.stderr.write(`warning: GITHUB_STEP_SUMMARY (${displayText(target)}): the job summary could not be appended (${displayText(reason)}); summary.md and the other reports are written, the exit code is unchanged.\n`);
        }
      },
    };
  },
};
