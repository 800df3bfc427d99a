/**
 * RES-03: resources without a region (location `global`) are of a type the profile accepts.
 */
import { defineRule, eqi, str } from "../../../src/index.js";

export default defineRule({
  id: "RES-03",
  name: "resource-global-type-accepted",
  title: {
    en: "Non-regional (global) resources are known and accepted",
    sv: "Icke-regionala (globala) resurser är kända och godkända",
  },
  severity: "low",
  rationale: {
    en: "A resource in location 'global' is served from Microsoft's worldwide infrastructure, so the organisation's choice of region (Microsoft's FAQ for Swedish customers, 'Var finns den data som jag lagrar') does not hold for it. Some global types carry only configuration, such as DNS zones; others (Front Door, Traffic Manager, some AI and identity services) handle the traffic or data itself. SKR's cloud guidance asks for a risk analysis before data reaches such a service: the list of accepted global types records that analysis.",
    sv: "En resurs med platsen 'global' betjänas från Microsofts världsomspännande infrastruktur, så organisationens val av region (Microsofts vanliga frågor för svenska kunder, 'Var finns den data som jag lagrar') gäller inte för den. Vissa globala typer bär bara konfiguration, som DNS-zoner; andra (Front Door, Traffic Manager, vissa AI- och identitetstjänster) hanterar själva trafiken eller datan. SKR:s vägledning om molntjänster kräver en riskanalys innan data når en sådan tjänst: listan över godkända globala typer dokumenterar den analysen.",
  },
  guidance: [
    { doc: "rules-catalog", id: "RES-03" },
    { doc: "microsoft-faq-se", title: "Var finns den data som jag lagrar" },
    { doc: "skr-cloud-2019" },
  ],
  reads: ["resources"],
  targets: [{ collection: "resources" }],
  messages: {
    accepted: {
      en: "{{name}} is a global {{type}}, a type the profile accepts.",
      sv: "{{name}} är en global {{type}}, en typ som profilen godkänner.",
    },
    notAccepted: {
      en: "{{name}} is a global {{type}}, a type not on the profile's list of accepted global types.",
      sv: "{{name}} är en global {{type}}, en typ som inte finns på profilens lista över godkända globala typer.",
    },
  },
  evaluate({ inventory, config, each }, { pass, fail }) {
    const accepted = config.profile.acceptedGlobalTypes;
    return each(inventory.all("resources"), (r) => {
      const location = str(r, "location");
      if (!eqi(location, "global")) return;
      const type = str(r, "type") ?? "";
      const evidence = [{ path: "type", actual: type, expected: accepted }];
      const target = { id: r.id, ...(type ? { type } : {}), location: location as string };
      if (accepted.some((t) => eqi(type, t))) return pass(target, "accepted", { type }, { evidence });
      return fail(target, "notAccepted", { type: type || "resource of unknown type" }, { evidence });
    });
  },
  remediation: {
    summary: {
      en: "Decide whether the service may handle the data: if so, add its type to the profile's acceptedGlobalTypes after a documented risk analysis; if not, replace it with a regional service (for example Application Gateway instead of Front Door) and delete it.",
      sv: "Avgör om tjänsten får hantera datan: i så fall, lägg till dess typ i profilens acceptedGlobalTypes efter en dokumenterad riskanalys; annars, ersätt den med en regional tjänst (till exempel Application Gateway i stället för Front Door) och ta bort den.",
    },
    portal: {
      en: "All resources → filter Location = global → review each type; delete or replace those the organisation has not accepted.",
      sv: "Alla resurser → filtrera Plats = global → granska varje typ; ta bort eller ersätt dem som organisationen inte har godkänt.",
    },
    cli: "az resource list --query \"[?location=='global'].{type:type,id:id}\" -o table",
    bicep: "// hemvist.yaml\n// profile:\n//   acceptedGlobalTypes: [ Microsoft.Network/dnszones, Microsoft.Network/privateDnsZones, Microsoft.Network/privateDnsZones/virtualNetworkLinks ]",
  },
  references: [
    "https://learn.microsoft.com/azure/reliability/regions-list",
    "https://learn.microsoft.com/azure/frontdoor/front-door-overview",
  ],
});
