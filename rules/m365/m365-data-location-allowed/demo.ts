/**
 * RES-10 m365-data-location-allowed: users, groups and SharePoint sites with their data
 * locations (the organization, `countryLetterCode: SE`, is the skeleton's: `tenant` passes).
 * A Multi-Geo tenant shaped like Graph's getAllSites example: each geo's root site states its geo
 * (`GET /sites/root` answers the SWE one: `default-geo` passes, measured), the other sites and the
 * OneDrive (`-my`) sites state only their host and take their root site's geo.
 * Passes: the SWE users, group and sites. Fails: the EUR and NAM users and sites (the satellite
 * geos' root sites and the sites on their hosts) and the EUR group under `se` (under `eu` only the
 * NAM ones fail). `null` (tenant default) gives no result.
 */
import { graphGroup, graphSite, graphUser } from "../../../src/builders/graph.js";
import { DEMO_DOMAIN } from "../../../src/emulator/demo/base.js";
import type { DemoFragment } from "../../../src/emulator/demo/fragment.js";

const domain = DEMO_DOMAIN;
const user = (displayName: string, upnLocal: string, jobTitle: string, preferredDataLocation: string | null, created: string) =>
  graphUser({ displayName, upnLocal, domain, jobTitle, preferredDataLocation, created });
const group = (displayName: string, nick: string, preferredDataLocation: string | null, unified: boolean, created: string) =>
  graphGroup({ displayName, nick, domain, preferredDataLocation, unified, created });
/** A geo's root site: the only site Graph gives a data location. */
const geoRoot = (host: string, title: string, dataLocationCode: string, created: string) => graphSite({ host, path: "", title, dataLocationCode, root: true, created });
/** A site that states only its host. */
const site = (host: string, path: string, title: string, created: string) => graphSite({ host, path, title, created });
const oneDrive = (host: string, path: string, title: string, created: string) => graphSite({ host, path, title, personal: true, created });

const fragment: DemoFragment = {
  rule: "m365-data-location-allowed",
  graph: {
    users: [
      user("Anna Lindqvist", "anna.lindqvist", "Kommundirektör", "SWE", "2016-03-15T09:00:00Z"),
      user("Erik Johansson", "erik.johansson", "IT-chef", "SWE", "2016-03-15T09:05:00Z"),
      user("Fatima Hassan", "fatima.hassan", "Sjuksköterska", "SWE", "2019-08-19T07:30:00Z"),
      user("Mikael Berg", "mikael.berg", "Lärare", null, "2018-08-13T07:30:00Z"),
      user("Sofia Nyström", "sofia.nystrom", "EU-samordnare", "EUR", "2021-02-01T08:00:00Z"),
      user("Johan Ek", "johan.ek", "Konsult, systemutveckling", "NAM", "2023-05-02T08:00:00Z"),
      user("Lena Holm", "lena.holm", "Rektor", null, "2017-01-09T08:00:00Z"),
      user("Karl Wikström", "karl.wikstrom", "Informationssäkerhetssamordnare", "SWE", "2020-10-05T08:00:00Z"),
    ],
    groups: [
      group("Vård och omsorg – alla medarbetare", "vard-alla", "SWE", true, "2019-03-01T10:00:00Z"),
      group("EU-projekt Interreg", "eu-interreg", "EUR", true, "2022-09-01T10:00:00Z"),
      group("Lärare – Utbildningsförvaltningen", "larare", null, true, "2018-08-01T10:00:00Z"),
      group("IT-drift", "it-drift", null, false, "2016-03-20T10:00:00Z"),
    ],
    sites: [
      // The first root site is the tenant's (`GET /sites/root`).
      geoRoot("exempelkommun.sharepoint.com", "Exempelkommun", "SWE", "2016-03-14T10:30:00Z"),
      geoRoot("exempelkommuneur.sharepoint.com", "Exempelkommun EUR", "EUR", "2021-01-20T10:00:00Z"),
      geoRoot("exempelkommunnam.sharepoint.com", "Exempelkommun NAM", "NAM", "2023-04-28T10:00:00Z"),
      site("exempelkommun.sharepoint.com", "intranat", "Intranätet", "2016-04-01T10:00:00Z"),
      site("exempelkommun.sharepoint.com", "vard-rutiner", "Vård – rutiner och riktlinjer", "2019-03-02T10:00:00Z"),
      site("exempelkommuneur.sharepoint.com", "interreg", "Interreg-projektet", "2022-09-02T10:00:00Z"),
      site("exempelkommunnam.sharepoint.com", "konsultsamarbete", "Konsultsamarbete", "2023-05-03T10:00:00Z"),
      oneDrive("exempelkommun-my.sharepoint.com", "anna_lindqvist_exempelkommun_se", "Anna Lindqvist", "2016-03-16T08:00:00Z"),
      oneDrive("exempelkommuneur-my.sharepoint.com", "sofia_nystrom_exempelkommun_se", "Sofia Nyström", "2021-02-02T08:00:00Z"),
    ],
  },
};

export default fragment;
