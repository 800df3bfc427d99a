#!/usr/bin/env node
// Tells people about tonight's new failing results: a Microsoft Teams message (an Adaptive Card posted to a Workflows webhook) and the text of an e-mail, both from findings.json, with no personal data and no tenant text able to act as card markup.
/**
 * Usage:
 *   node scripts/notify.mjs count --findings FILE
 *       Prints the number of new failing results and writes `new-failures=N` to $GITHUB_OUTPUT.
 *   node scripts/notify.mjs teams-card --findings FILE [--lang sv|en] [--run-url URL]
 *       Prints the Teams message (JSON) without sending it.
 *   node scripts/notify.mjs teams --findings FILE [--lang sv|en] [--run-url URL]
 *       Posts the message to TEAMS_WEBHOOK_URL (an environment variable, from a repository secret);
 *       sends nothing when there is no new failing result.
 *   node scripts/notify.mjs email --findings FILE --out FILE [--lang sv|en] [--run-url URL]
 *       Writes a plain-text e-mail body to FILE and `subject=…` to $GITHUB_OUTPUT, for a mail step.
 *
 * A new failing result: status `fail` and baselineState `new`; without a baseline every failing
 * result is new (as for --fail-on-new). The message is built from the rule's title, the severity,
 * the resource's name, type, resource group and subscription name, and the owner tag only when
 * it is not personal data; e-mail-shaped text is redacted and Microsoft 365 users and groups are
 * named by object id (like the history branch). The Teams message is the shape a Teams Workflows
 * webhook ("Send webhook alerts to a channel") posts: {type: "message", attachments: [{contentType:
 * "application/vnd.microsoft.card.adaptive", content: <Adaptive Card 1.4>}]}.
 * Exit codes: 0 done (also when there is nothing to send), 1 the webhook refused or did not
 * answer, 2 bad usage or an unreadable findings file.
 */
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const SEVERITIES = ["critical", "high", "medium", "low", "info"];
const EMAIL = /[^\s@<>()[\]{}'",;:]+@[^\s@<>()[\]{}'",;:]+\.[A-Za-z]{2,}/g;
const PERSON = /^\/?tenants\/[^/]+\/(users|groups)\/([^/]+)/i;
/** How many new failures the card and the e-mail list one by one; the rest are counted. */
export const LISTED = 10;

const TEXT = {
  en: {
    title: (n) => `Hemvist: ${n} new failing ${n === 1 ? "result" : "results"}`,
    tenant: "Tenant",
    bySeverity: "By severity",
    severity: { critical: "critical", high: "high", medium: "medium", low: "low", info: "info" },
    subscription: "Subscription",
    resourceGroup: "Resource group",
    owner: "Owner",
    more: (n) => `… and ${n} more: see the report.`,
    open: "Open the run and its report",
    noBaseline: "No baseline yet (the first night): every failing result counts as new.",
    user: "Microsoft 365 user",
    group: "Microsoft 365 group",
  },
  sv: {
    title: (n) => `Hemvist: ${n} ${n === 1 ? "nytt underkänt resultat" : "nya underkända resultat"}`,
    tenant: "Klientorganisation",
    bySeverity: "Per allvarlighetsgrad",
    severity: { critical: "kritisk", high: "hög", medium: "medel", low: "låg", info: "info" },
    subscription: "Prenumeration",
    resourceGroup: "Resursgrupp",
    owner: "Ägare",
    more: (n) => `… och ${n} till: se rapporten.`,
    open: "Öppna körningen och dess rapport",
    noBaseline: "Ingen baslinje än (första natten): varje underkänt resultat räknas som nytt.",
    user: "Microsoft 365-användare",
    group: "Microsoft 365-grupp",
  },
};

/** Text from the tenant, made plain: no e-mail addresses, no control characters or line breaks, at most `max` characters. */
export function plain(value, max = 200) {
  const text = String(value ?? "")
    .replace(EMAIL, "[redacted]")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ")
    .trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Tenant text for an Adaptive Card TextBlock or Fact, whose text Teams reads as Markdown: the
 * characters that open Markdown inline constructs (emphasis, code, links and images, HTML) are
 * escaped with a backslash everywhere, and a list or heading marker at the start of the text, so a
 * name like `[x](https://…)` or `**y**` shows as written and cannot become a link or formatting.
 * (Line breaks are gone already, so only the start of the text can begin a block.)
 */
export function cardText(value, max = 200) {
  return plain(value, max)
    .replace(/[\\`*_[\]<>~]/g, (c) => `\\${c}`)
    .replace(/^[#>+-]/, (m) => `\\${m}`)
    .replace(/^(\d+)([.)])/, "$1\\$2");
}

/** The new failing results, most severe first (then by rule and resource, for a stable order). */
export function newFailures(doc) {
  const withBaseline = doc.baseline !== undefined && doc.baseline !== null;
  return (doc.results ?? [])
    .filter((r) => r.status === "fail" && (withBaseline ? r.baselineState === "new" : true))
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || String(a.ruleId).localeCompare(String(b.ruleId)) || String(a.resourceId).localeCompare(String(b.resourceId)));
}

/** What the message says about one result, every field plain text (escape it for the medium). */
export function describe(result, doc, lang) {
  const t = TEXT[lang];
  const rule = (doc.rules ?? []).find((r) => r.id === result.ruleId);
  const person = PERSON.exec(String(result.resourceId ?? ""));
  const resource = person ? `${person[1].toLowerCase() === "users" ? t.user : t.group} ${person[2]}` : (result.resourceName ?? String(result.resourceId ?? "").split("/").pop() ?? "");
  const owner = result.owner && !result.owner.personal ? result.owner.value : undefined;
  return {
    severity: t.severity[result.severity] ?? result.severity,
    rule: `${result.ruleId} ${rule?.title?.[lang] ?? ""}`.trim(),
    resource: plain(resource, 120),
    type: person ? "" : plain(result.resourceType ?? "", 80),
    resourceGroup: person ? "" : plain(result.resourceGroup ?? "", 90),
    subscription: plain(result.subscriptionName ?? result.subscriptionId ?? "", 90),
    owner: owner === undefined ? "" : plain(owner, 90),
  };
}

function countsBySeverity(list, lang) {
  return SEVERITIES.map((s) => [TEXT[lang].severity[s], list.filter((r) => r.severity === s).length]).filter(([, n]) => n > 0);
}

/** A link we may put on a card: https only. */
function safeUrl(url) {
  try {
    const u = new URL(String(url));
    return u.protocol === "https:" ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** The Teams Workflows webhook message: one Adaptive Card (version 1.4) listing the new failing results. */
export function teamsMessage(doc, { lang = "sv", runUrl } = {}) {
  const t = TEXT[lang];
  const list = newFailures(doc);
  const body = [
    { type: "TextBlock", text: cardText(t.title(list.length)), weight: "Bolder", size: "Medium", wrap: true },
    {
      type: "FactSet",
      facts: [
        { title: t.tenant, value: cardText(doc.tenantName ?? doc.tenantId ?? "") },
        { title: t.bySeverity, value: cardText(countsBySeverity(list, lang).map(([s, n]) => `${n} ${s}`).join(", ")) },
      ],
    },
  ];
  if (!doc.baseline) body.push({ type: "TextBlock", text: cardText(t.noBaseline), wrap: true, isSubtle: true });
  for (const r of list.slice(0, LISTED)) {
    const d = describe(r, doc, lang);
    const facts = [
      { title: t.subscription, value: cardText(d.subscription) },
      ...(d.resourceGroup ? [{ title: t.resourceGroup, value: cardText(d.resourceGroup) }] : []),
      ...(d.owner ? [{ title: t.owner, value: cardText(d.owner) }] : []),
    ].filter((f) => f.value !== "");
    body.push({
      type: "Container",
      separator: true,
      items: [
        { type: "TextBlock", text: `${cardText(d.severity.toUpperCase())} · ${cardText(d.rule)}`, weight: "Bolder", wrap: true, color: r.severity === "critical" || r.severity === "high" ? "Attention" : "Default" },
        { type: "TextBlock", text: cardText(d.type ? `${d.resource} (${d.type})` : d.resource), wrap: true, spacing: "None" },
        ...(facts.length ? [{ type: "FactSet", facts }] : []),
      ],
    });
  }
  if (list.length > LISTED) body.push({ type: "TextBlock", text: cardText(t.more(list.length - LISTED)), wrap: true, isSubtle: true });
  const url = runUrl ? safeUrl(runUrl) : undefined;
  const card = {
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    type: "AdaptiveCard",
    version: "1.4",
    body,
    ...(url ? { actions: [{ type: "Action.OpenUrl", title: t.open, url }] } : {}),
    msteams: { width: "Full" },
  };
  return { type: "message", attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null, content: card }] };
}

/** A plain-text e-mail: subject and body. */
export function email(doc, { lang = "sv", runUrl } = {}) {
  const t = TEXT[lang];
  const list = newFailures(doc);
  const lines = [t.title(list.length), "", `${t.tenant}: ${plain(doc.tenantName ?? doc.tenantId ?? "")}`, `${t.bySeverity}: ${countsBySeverity(list, lang).map(([s, n]) => `${n} ${s}`).join(", ")}`];
  if (!doc.baseline) lines.push(t.noBaseline);
  for (const r of list.slice(0, LISTED)) {
    const d = describe(r, doc, lang);
    lines.push("", `- ${d.severity.toUpperCase()} · ${plain(d.rule)}`, `  ${d.type ? `${d.resource} (${d.type})` : d.resource}`);
    if (d.subscription) lines.push(`  ${t.subscription}: ${d.subscription}`);
    if (d.resourceGroup) lines.push(`  ${t.resourceGroup}: ${d.resourceGroup}`);
    if (d.owner) lines.push(`  ${t.owner}: ${d.owner}`);
  }
  if (list.length > LISTED) lines.push("", t.more(list.length - LISTED));
  const url = runUrl ? safeUrl(runUrl) : undefined;
  if (url) lines.push("", `${t.open}: ${url}`);
  return { subject: plain(t.title(list.length)), body: `${lines.join("\n")}\n` };
}

/** http://127.0.0.1 or http://localhost: a local stand-in for the webhook (tests). */
function isLoopback(url) {
  try {
    const u = new URL(url);
    return u.protocol === "http:" && (u.hostname === "127.0.0.1" || u.hostname === "localhost");
  } catch {
    return false;
  }
}

function parseArgs(argv) {
  const [command, ...rest] = argv;
  const args = {};
  for (let i = 0; i < rest.length; i += 2) {
    const k = rest[i];
    const v = rest[i + 1];
    if (!k?.startsWith("--") || v === undefined) throw new Error(`expected --name value pairs after the command, found "${k ?? ""}"`);
    args[k.slice(2)] = v;
  }
  return { command, args };
}

export async function main(argv, env = process.env, out = (s) => process.stdout.write(s), err = (s) => process.stderr.write(s)) {
  let command;
  let args;
  try {
    ({ command, args } = parseArgs(argv));
  } catch (e) {
    err(`notify: ${e.message}\n`);
    return 2;
  }
  if (!["count", "teams-card", "teams", "email"].includes(command)) {
    err(`notify: unknown command "${plain(command ?? "", 40)}"; expected count, teams-card, teams or email.\n`);
    return 2;
  }
  const lang = args.lang ?? "sv";
  if (lang !== "sv" && lang !== "en") {
    err(`notify: --lang: found "${plain(lang, 20)}", expected sv or en.\n`);
    return 2;
  }
  if (!args.findings) {
    err("notify: --findings: missing; expected the path of findings.json.\n");
    return 2;
  }
  let doc;
  try {
    doc = JSON.parse(readFileSync(args.findings, "utf8"));
    if (!Array.isArray(doc?.results)) throw new Error('no "results" list');
  } catch (e) {
    err(`notify: ${args.findings}: cannot read findings.json (${plain(e.message, 200)}).\n`);
    return 2;
  }
  const n = newFailures(doc).length;
  const options = { lang, runUrl: args["run-url"] };
  if (command === "count") {
    if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `new-failures=${n}\n`);
    out(`${n}\n`);
    return 0;
  }
  if (command === "teams-card") {
    out(`${JSON.stringify(teamsMessage(doc, options), null, 2)}\n`);
    return 0;
  }
  if (command === "email") {
    if (!args.out) {
      err("notify: --out: missing; expected the path to write the e-mail body to.\n");
      return 2;
    }
    const mail = email(doc, options);
    writeFileSync(args.out, mail.body);
    if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `subject=${mail.subject}\n`);
    out(`notify: e-mail body written to ${args.out} (${n} new failing results)\n`);
    return 0;
  }
  if (n === 0) {
    out("notify: no new failing result; nothing sent to Teams\n");
    return 0;
  }
  const url = env.TEAMS_WEBHOOK_URL ?? "";
  if (!safeUrl(url) && !isLoopback(url)) {
    err("notify: TEAMS_WEBHOOK_URL is not set or not an https URL; set the repository secret TEAMS_WEBHOOK_URL to the Workflows webhook's URL.\n");
    return 2;
  }
  try {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(teamsMessage(doc, options)), signal: AbortSignal.timeout(30_000) });
    // The webhook's URL carries its signature: never print it.
    if (res.status < 200 || res.status >= 300) {
      err(`notify: the Teams webhook answered HTTP ${res.status}: ${plain(await res.text(), 300)}\n`);
      return 1;
    }
    out(`notify: posted ${n} new failing results to Teams (HTTP ${res.status})\n`);
    return 0;
  } catch (e) {
    err(`notify: the Teams webhook did not answer (${plain(e.message, 200)})\n`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
