/**
 * RES-02: resource groups keep their metadata in a region the profile allows.
 */
import { allowedList, defineRule, locationVerdict, str } from "../../../src/index.js";

export default defineRule({
  id: "RES-02",
  name: "resource-group-location-allowed",
  title: {
    en: "Resource group metadata is stored in allowed regions",
    sv: "Resursgruppers metadata lagras i tillåtna regioner",
  },
  severity: "medium",
  rationale: {
    en: "A resource group's location is where Azure stores the metadata about the resources in it: names, tags, settings and deployment history, which often describe the information itself. Microsoft's FAQ for Swedish customers ('Var finns den data som jag lagrar') lets the organisation choose that geography, and SKR's cloud guidance asks for the choice to be made deliberately; GDPR chapter V applies to metadata that identifies people.",
    sv: "En resursgrupps plats är där Azure lagrar metadata om resurserna i den: namn, taggar, inställningar och distributionshistorik, som ofta beskriver själva informationen. Microsofts vanliga frågor för svenska kunder ('Var finns den data som jag lagrar') låter organisationen välja den geografin, och SKR:s vägledning om molntjänster kräver att valet görs medvetet; GDPR kapitel V gäller för metadata som identifierar personer.",
  },
  guidance: [
    { doc: "rules-catalog", id: "RES-02" },
    { doc: "microsoft-faq-se", title: "Var finns den data som jag lagrar" },
    { doc: "skr-cloud-2019" },
  ],
  reads: ["resourceGroups"],
  targets: [{ collection: "resourceGroups" }],
  messages: {
    allowed: {
      en: "{{name}} keeps its metadata in {{location}}, an allowed region.",
      sv: "{{name}} lagrar sin metadata i {{location}}, en tillåten region.",
    },
    notAllowed: {
      en: "{{name}} keeps its metadata in {{location}}, which is not one of the allowed regions ({{allowed}}).",
      sv: "{{name}} lagrar sin metadata i {{location}}, som inte är en av de tillåtna regionerna ({{allowed}}).",
    },
    unknownLocation: {
      en: "{{name}} keeps its metadata in {{location}}, a location Hemvist does not know and the profile does not allow.",
      sv: "{{name}} lagrar sin metadata i {{location}}, en plats som Hemvist inte känner till och som profilen inte tillåter.",
    },
  },
  evaluate({ inventory, config, each }, { pass, fail }) {
    const allowed = allowedList(config);
    return each(inventory.all("resourceGroups"), (rg) => {
      const location = str(rg, "location");
      if (!location || location.trim() === "") return;
      const evidence = [{ path: "location", actual: location, expected: config.profile.allowedRegions }];
      const target = { id: rg.id, type: "Microsoft.Resources/resourceGroups", location };
      const verdict = locationVerdict(inventory, config, location);
      return verdict === "allowed" ? pass(target, verdict, { location }, { evidence }) : fail(target, verdict, { location, allowed }, { evidence });
    });
  },
  remediation: {
    summary: {
      en: "A resource group's location cannot be changed: create a new group in an allowed region, move the resources into it (Move to another resource group keeps their own regions), and delete the old group.",
      sv: "En resursgrupps plats kan inte ändras: skapa en ny grupp i en tillåten region, flytta resurserna dit (Flytta till en annan resursgrupp behåller deras egna regioner) och ta bort den gamla gruppen.",
    },
    portal: {
      en: "Resource groups → Create (region: an allowed one); then old group → select the resources → Move → Move to another resource group.",
      sv: "Resursgrupper → Skapa (region: en tillåten); sedan den gamla gruppen → markera resurserna → Flytta → Flytta till en annan resursgrupp.",
    },
    cli: "az group create -n <new-rg> -l swedencentral && az resource move --destination-group <new-rg> --ids <resource ids>",
    bicep: "targetScope = 'subscription'\nresource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = { name: 'rg-app', location: 'swedencentral' }",
  },
  references: [
    "https://learn.microsoft.com/azure/azure-resource-manager/management/manage-resource-groups-portal",
    "https://learn.microsoft.com/azure/azure-resource-manager/management/move-resource-group-and-subscription",
  ],
});
