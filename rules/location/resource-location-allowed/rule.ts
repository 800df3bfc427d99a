/**
 * RES-01: every regional resource is stored in a region the profile allows.
 */
import { allowedList, defineRule, eqi, locationVerdict, str } from "../../../src/index.js";

export default defineRule({
  id: "RES-01",
  name: "resource-location-allowed",
  title: {
    en: "Resources are stored in allowed regions",
    sv: "Resurser lagras i tillåtna regioner",
  },
  severity: "high",
  rationale: {
    en: "The region a resource is created in decides where its data is stored and which country's law reaches it. Microsoft's FAQ for Swedish customers ('Var finns den data som jag lagrar') leaves that choice to the organisation; SKR's cloud guidance asks for the requirement to be set before data moves, and GDPR chapter V restricts transfers outside the EU/EEA. A resource outside the chosen regions, or in a region Hemvist cannot place, breaks that choice.",
    sv: "Den region en resurs skapas i avgör var dess data lagras och vilket lands lagar som når den. Microsofts vanliga frågor för svenska kunder ('Var finns den data som jag lagrar') lämnar valet till organisationen; SKR:s vägledning om molntjänster kräver att kravet ställs innan data flyttas, och GDPR kapitel V begränsar överföringar utanför EU/EES. En resurs utanför de valda regionerna, eller i en region Hemvist inte kan placera, bryter mot det valet.",
  },
  guidance: [
    { doc: "rules-catalog", id: "RES-01" },
    { doc: "microsoft-faq-se", title: "Var finns den data som jag lagrar" },
    { doc: "skr-cloud-2019" },
    { doc: "gdpr", title: "Chapter V, transfers of personal data to third countries" },
  ],
  reads: ["resources"],
  targets: [{ collection: "resources" }],
  messages: {
    allowed: {
      en: "{{name}} is stored in {{location}}, an allowed region.",
      sv: "{{name}} lagras i {{location}}, en tillåten region.",
    },
    notAllowed: {
      en: "{{name}} is stored in {{location}}, which is not one of the allowed regions ({{allowed}}).",
      sv: "{{name}} lagras i {{location}}, som inte är en av de tillåtna regionerna ({{allowed}}).",
    },
    unknownLocation: {
      en: "{{name}} is stored in {{location}}, a location Hemvist does not know and the profile does not allow.",
      sv: "{{name}} lagras i {{location}}, en plats som Hemvist inte känner till och som profilen inte tillåter.",
    },
  },
  evaluate({ inventory, config, each }, { pass, fail }) {
    const allowed = allowedList(config);
    return each(inventory.all("resources"), (r) => {
      const location = str(r, "location");
      // No location (some extension resources): nothing to judge. `global` is RES-03's.
      if (!location || location.trim() === "" || eqi(location, "global")) return;
      const evidence = [{ path: "location", actual: location, expected: config.profile.allowedRegions }];
      const target = { id: r.id, ...(r.type ? { type: r.type } : {}), location };
      const verdict = locationVerdict(inventory, config, location);
      return verdict === "allowed" ? pass(target, verdict, { location }, { evidence }) : fail(target, verdict, { location, allowed }, { evidence });
    });
  },
  remediation: {
    summary: {
      en: "Move the resource to an allowed region (most resources must be recreated there and their data migrated), then delete the original. Assign the built-in 'Allowed locations' policy so new resources cannot be created elsewhere.",
      sv: "Flytta resursen till en tillåten region (de flesta resurser måste skapas på nytt där och deras data migreras) och ta sedan bort originalet. Tilldela den inbyggda principen 'Allowed locations' så att nya resurser inte kan skapas någon annanstans.",
    },
    portal: {
      en: "Resource → Overview → Move → Move to another region (Azure Resource Mover), or recreate the resource in an allowed region.",
      sv: "Resurs → Översikt → Flytta → Flytta till en annan region (Azure Resource Mover), eller skapa resursen på nytt i en tillåten region.",
    },
    cli: "az resource list --query \"[?location!='swedencentral' && location!='swedensouth' && location!='global'].{id:id,location:location}\" -o table",
    bicep: "param location string = 'swedencentral'\n@allowed([ 'swedencentral', 'swedensouth' ])\nparam allowedLocation string = location",
  },
  references: [
    "https://learn.microsoft.com/azure/reliability/regions-list",
    "https://learn.microsoft.com/azure/resource-mover/overview",
    "https://learn.microsoft.com/azure/governance/policy/samples/built-in-policies#general",
  ],
});
