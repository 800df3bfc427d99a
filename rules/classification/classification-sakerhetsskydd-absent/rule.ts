/**
 * CLS-01: nothing in the audited Azure estate is tagged as security-protected (säkerhetsskydd) information.
 */
import { AZURE_COLLECTIONS, defineRule, levelFromTags, parseArmId } from "../../../src/index.js";
import type { AzureCollection, RuleResult, Target } from "../../../src/index.js";

/** Collections whose items carry no classification tags. */
const UNTAGGED: readonly AzureCollection[] = ["locations", "providers", "policyAssignments", "policySetDefinitions", "policyExemptions"];

/** Collections whose failure leaves a subscription's carriers unknown (a pass there would be a guess). */
const COMPLETENESS: readonly AzureCollection[] = ["resourceGroups", "resources"];

export default defineRule({
  id: "CLS-01",
  name: "classification-sakerhetsskydd-absent",
  title: {
    en: "No security-protected information in public cloud",
    sv: "Ingen säkerhetsskyddsklassificerad information i publikt moln",
  },
  severity: "critical",
  rationale: {
    en: "Information covered by the Protective Security Act (säkerhetsskyddslagen, 2018:585) needs protection a shared public cloud does not give, and Danderyd municipality's Office 365 assessment explicitly kept such information out of the service. A resource, resource group or subscription tagged as säkerhetsskydd says the organisation has put exactly that information there.",
    sv: "Information som omfattas av säkerhetsskyddslagen (2018:585) kräver ett skydd som ett delat publikt moln inte ger, och Danderyds kommuns bedömning av Office 365 undantog uttryckligen sådan information från tjänsten. En resurs, resursgrupp eller prenumeration som är märkt säkerhetsskydd säger att organisationen har lagt just den informationen där.",
  },
  guidance: [
    { doc: "rules-catalog", id: "CLS-01" },
    { doc: "sakerhetsskyddslagen-2018-585", id: "2018:585" },
    { doc: "danderyd-o365-2019" },
  ],
  // A tag that was seen is a finding whatever else failed; resource-group and resource-list failures
  // blind only the subscription's "nothing found" result (it depends on them).
  reads: ["subscriptions"],
  // A subscription the identity cannot see could hold anything: named not assessed. A carrier in a
  // list that failed is covered by its subscription's "nothing found" result, which depends on it.
  targets: [{ collection: "subscriptions" }, { collection: "resourceGroups" }, { collection: "resources" }],
  messages: {
    carrier: {
      en: "{{name}} is tagged {{tagKey}}={{value}}, marking security-protected information that does not belong in a public cloud.",
      sv: "{{name}} är märkt {{tagKey}}={{value}}, vilket anger säkerhetsskyddsklassificerad information som inte hör hemma i ett publikt moln.",
    },
    noneFound: {
      en: "{{name}} holds nothing tagged as security-protected information.",
      sv: "{{name}} innehåller inget som är märkt som säkerhetsskyddsklassificerad information.",
    },
  },
  evaluate({ inventory, config, each }, { pass, fail }) {
    const cfg = config.classification;
    const carrierSubs = new Set<string>();
    /** A carrier as seen: its tags decide, whatever else failed (a seen tag is a finding). */
    interface Carrier {
      target: Target;
      tags: (Record<string, string> | null | undefined)[];
      subscriptionId: string | undefined;
    }
    const judge = (c: Carrier): RuleResult | undefined => {
      const tags = c.tags.find((t) => levelFromTags(t, cfg)?.level === 4);
      const found = levelFromTags(tags, cfg);
      if (found?.level !== 4) return undefined;
      const value = tags?.[found.tagKey] ?? "";
      const evidence = [{ path: `tags.${found.tagKey}`, actual: value, expected: { en: "no säkerhetsskydd classification", sv: "ingen säkerhetsskyddsklassning" } }];
      if (c.subscriptionId) carrierSubs.add(c.subscriptionId.toLowerCase());
      return fail(c.target, "carrier", { tagKey: found.tagKey, value }, { evidence });
    };

    const carriers: Carrier[] = inventory.subscriptions.map((sub) => ({
      target: { id: sub.id, type: "Microsoft.Resources/subscriptions", name: sub.displayName ?? sub.subscriptionId },
      tags: [sub.tags],
      subscriptionId: sub.subscriptionId,
    }));
    const byId = new Map<string, Carrier>();
    for (const collection of AZURE_COLLECTIONS) {
      if (UNTAGGED.includes(collection)) continue;
      for (const item of inventory.all(collection)) {
        const key = item.id.toLowerCase();
        let entry = byId.get(key);
        if (!entry) byId.set(key, (entry = { target: inventory.untracked(() => inventory.get(item.id)) ?? item, tags: [], subscriptionId: parseArmId(item.id).subscriptionId }));
        entry.tags.push(item.tags);
      }
    }
    carriers.push(...byId.values());
    const results = each(carriers, judge);

    // "Nothing found" in a subscription depends on every carrier's tags there having been read.
    results.push(
      ...each(inventory.subscriptions, (sub) => {
        if (carrierSubs.has(sub.subscriptionId.toLowerCase())) return;
        inventory.depend("subscriptions", sub.id);
        for (const c of COMPLETENESS) inventory.depend(c, sub.id);
        const target: Target = { id: sub.id, type: "Microsoft.Resources/subscriptions", name: sub.displayName ?? sub.subscriptionId };
        return pass(target, "noneFound", {}, { evidence: [{ path: "tags", actual: { en: "no carrier of säkerhetsskydd", sv: "ingen resurs är märkt säkerhetsskydd" }, expected: { en: "no säkerhetsskydd classification", sv: "ingen säkerhetsskyddsklassning" } }] });
      }),
    );
    return results;
  },
  remediation: {
    summary: {
      en: "Move the security-protected information out of the public cloud to a system approved for it under the Protective Security Act, after a security-protection analysis; if the tag is wrong, correct the classification and record who decided it.",
      sv: "Flytta den säkerhetsskyddsklassificerade informationen från det publika molnet till ett system som är godkänt för den enligt säkerhetsskyddslagen, efter en säkerhetsskyddsanalys; om taggen är felaktig, rätta klassningen och dokumentera vem som beslutade det.",
    },
    portal: {
      en: "Resource → Tags: review the classification tag with the security protection officer; move the data, then delete the resource.",
      sv: "Resurs → Taggar: gå igenom klassningstaggen med säkerhetsskyddschefen; flytta datan och ta sedan bort resursen.",
    },
    cli: "az tag list --resource-id <id>\naz resource list --tag confidentiality=sakerhetsskydd --query \"[].id\"",
  },
  references: [
    "https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources",
    "https://learn.microsoft.com/azure/governance/policy/samples/built-in-policies#tags",
  ],
});
