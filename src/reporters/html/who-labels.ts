/**
 * The HTML report's texts for who must act: the subscription by name, the owner from the owner tags,
 * and the findings table's grouping (by owner or subscription), in Swedish and English.
 */
import type { Lang } from "../../base/lang.js";

const SV = {
  groupBy: "Gruppera efter",
  groupNone: "ingen",
  groupOwner: "ägare",
  groupSubscription: "prenumeration",
  noOwner: "Ingen ägare angiven",
  noSubscription: "Ingen prenumeration (klientorganisationen)",
  owner: "Ägare",
  ownerFrom: "tagg {key} på {source}",
  ownerPersonal: "personuppgift: visas inte i SARIF, summary.md, CSV eller konsolen",
  sources: { resource: "resursen", "resource-group": "resursgruppen", subscription: "prenumerationen" } as Record<string, string>,
  subscriptionId: "Prenumerations-id",
  groupCount: "{n} resultat",
};

type WhoLabels = typeof SV;

const EN: WhoLabels = {
  groupBy: "Group by",
  groupNone: "none",
  groupOwner: "owner",
  groupSubscription: "subscription",
  noOwner: "No owner given",
  noSubscription: "No subscription (the tenant)",
  owner: "Owner",
  ownerFrom: "tag {key} on the {source}",
  ownerPersonal: "personal data: not shown in SARIF, summary.md, CSV or the console",
  sources: { resource: "resource", "resource-group": "resource group", subscription: "subscription" },
  subscriptionId: "Subscription id",
  groupCount: "{n} results",
};

/** The who-must-act texts of one language (htmlLabels puts them under `who`). */
export function whoLabels(lang: Lang): WhoLabels {
  return lang === "sv" ? SV : EN;
}
