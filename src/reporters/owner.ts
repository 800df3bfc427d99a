/**
 * Who must act, as the reporters show it: the subscription's name, the resource group and the owner
 * (Finding.owner, from the configured owner tags). An owner shaped like an e-mail address
 * (`personal`) is personal data: findings.json and report.html show it; the console, findings.csv
 * and summary.md show a placeholder that points to the report, and SARIF names no owner of that kind.
 */
import type { Lang } from "../base/lang.js";
import type { Finding, OwnerRef } from "../engine/types.js";
import { redactPersonal } from "./common.js";

const T = {
  en: {
    personal: "(personal owner, see report)",
    none: "No owner given",
    owner: "Owner",
    subscription: "Subscription",
    resourceGroup: "Resource group",
    source: { resource: "resource", "resource-group": "resource group", subscription: "subscription" },
  },
  sv: {
    personal: "(personlig ägare, se rapporten)",
    none: "Ingen ägare angiven",
    owner: "Ägare",
    subscription: "Prenumeration",
    resourceGroup: "Resursgrupp",
    source: { resource: "resursen", "resource-group": "resursgruppen", subscription: "prenumerationen" },
  },
} as const;

/** Owner and place labels in a language (for column headers and lines). */
export function ownerLabels(lang: Lang): (typeof T)[Lang] {
  return T[lang];
}

/**
 * The owner as a report outside report.html shows it: the tag's value, or for a personal owner the
 * placeholder "(personal owner, see report)"; empty without an owner.
 */
export function ownerShown(owner: OwnerRef | undefined, lang: Lang): string {
  if (!owner) return "";
  return owner.personal ? T[lang].personal : redactPersonal(owner.value);
}

/**
 * The SARIF properties of who must act: subscription name, resource group, and an owner that is not
 * personal (its value, tag key and where the tag was found). A personal owner gives nothing.
 */
export function sarifOwnerProperties(f: Finding): Record<string, unknown> {
  return {
    ...(f.subscriptionName !== undefined ? { subscriptionName: redactPersonal(f.subscriptionName) } : {}),
    ...(f.resourceGroup !== undefined ? { resourceGroup: f.resourceGroup } : {}),
    ...(f.owner && !f.owner.personal ? { owner: { value: redactPersonal(f.owner.value), key: f.owner.key, source: f.owner.source } } : {}),
  };
}

/**
 * One sentence for a SARIF message, in the log's language: the subscription by name, the resource
 * group, and a non-personal owner with the tag it came from. Empty for a tenant-level result.
 */
export function sarifOwnerSentence(f: Finding, lang: Lang = "en"): string {
  const parts: string[] = [];
  const t = T[lang];
  if (f.subscriptionName !== undefined) parts.push(`${t.subscription.toLowerCase()} ${f.subscriptionName}`);
  if (f.resourceGroup !== undefined) parts.push(`${t.resourceGroup.toLowerCase()} ${f.resourceGroup}`);
  if (f.owner && !f.owner.personal) parts.push(lang === "sv" ? `ägare ${f.owner.value} (taggen ${f.owner.key} på ${t.source[f.owner.source]})` : `owner ${f.owner.value} (tag ${f.owner.key} on the ${t.source[f.owner.source]})`);
  if (parts.length === 0) return "";
  const s = parts.join(", ");
  return ` ${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}

/**
 * The compact console form: `[Subscription name · resource group · owner]`, each part present only
 * when known (a personal owner as the placeholder). Empty for a tenant-level result.
 */
export function consoleOwnerNote(f: Finding, lang: Lang): string {
  const parts: string[] = [];
  if (f.subscriptionName !== undefined) parts.push(f.subscriptionName);
  if (f.resourceGroup !== undefined) parts.push(f.resourceGroup);
  if (f.owner) parts.push(`${T[lang].owner.toLowerCase()}: ${ownerShown(f.owner, lang)}`);
  return parts.length > 0 ? ` [${parts.join(" · ")}]` : "";
}
