/**
 * Microsoft Graph payload builders (v1.0): users, groups, SharePoint sites, subscribed SKUs and the
 * organization, in the shapes Graph returns them, for the emulator's tenant models (the demo
 * tenant's fragments, the bench tenant, the tests' fixtures). Ids derive from names (`ids.ts`).
 *
 * `src/builders/` stands outside the product's layer chain: only the emulator, the demo, the bench,
 * tests and demo fragments import it; it imports only `src/snapshot/types.ts`,
 * `src/config/regions.ts` and `src/base/*`.
 */
import type { GraphObject } from "../snapshot/types.js";
import { guid } from "./ids.js";
import { defined } from "./merge.js";

/** A user (`GET /users`, with `preferredDataLocation` selected). `domain` is the UPN suffix. */
export function graphUser(s: {
  displayName: string;
  upnLocal: string;
  domain: string;
  jobTitle?: string;
  preferredDataLocation: string | null;
  created?: string;
  /** Default: derived from the user principal name. */
  id?: string;
}): GraphObject {
  return defined({
    id: s.id ?? guid(`user:${s.upnLocal}`),
    displayName: s.displayName,
    userPrincipalName: `${s.upnLocal}@${s.domain}`,
    mail: `${s.upnLocal}@${s.domain}`,
    jobTitle: s.jobTitle,
    accountEnabled: true,
    usageLocation: "SE",
    preferredDataLocation: s.preferredDataLocation,
    createdDateTime: s.created,
  }) as GraphObject;
}

/** A group (`GET /groups`): a Microsoft 365 group (`unified`) or a security group. */
export function graphGroup(s: {
  displayName: string;
  nick: string;
  domain: string;
  preferredDataLocation: string | null;
  unified: boolean;
  created: string;
}): GraphObject {
  return {
    id: guid(`group:${s.nick}`),
    displayName: s.displayName,
    description: null,
    mail: s.unified ? `${s.nick}@${s.domain}` : null,
    mailEnabled: s.unified,
    mailNickname: s.nick,
    securityEnabled: !s.unified,
    groupTypes: s.unified ? ["Unified"] : [],
    preferredDataLocation: s.preferredDataLocation,
    visibility: s.unified ? "Private" : null,
    createdDateTime: s.created,
  };
}

/**
 * A SharePoint site (`GET /sites/getAllSites`): id `{host},{site collection id},{web id}`. As in
 * Graph's getAllSites example, a Multi-Geo tenant's root site of each geo (`siteCollection.root`, webUrl the host)
 * carries `siteCollection.dataLocationCode`; other sites carry only the host name (leave
 * `dataLocationCode` out). A OneDrive site (`personal`) lives under `/personal/{path}` on a `-my` host.
 */
export function graphSite(s: {
  host: string;
  path: string;
  title: string;
  dataLocationCode?: string;
  root?: boolean;
  personal?: boolean;
  created: string;
  modified?: string;
}): GraphObject {
  const collection = guid(`sitecollection:${s.host}/${s.path}`);
  const web = guid(`web:${s.host}/${s.path}`);
  return {
    id: `${s.host},${collection},${web}`,
    name: s.root ? "Root Site" : s.path,
    displayName: s.title,
    // Each site getAllSites lists is the root web of its site collection; `siteCollection.root`
    // marks the root site collection of a host (a geo's root site).
    root: {},
    webUrl: s.root ? `https://${s.host}` : `https://${s.host}/${s.personal ? "personal" : "sites"}/${s.path}`,
    createdDateTime: s.created,
    lastModifiedDateTime: s.modified ?? "2025-11-18T13:05:11Z",
    siteCollection: {
      hostname: s.host,
      ...(s.dataLocationCode !== undefined ? { dataLocationCode: s.dataLocationCode } : {}),
      ...(s.root ? { root: {} } : {}),
    },
  };
}

/** A service plan of a subscribed SKU. */
export function servicePlan(id: string, name: string, status = "Success"): Record<string, string> {
  return { servicePlanId: id, servicePlanName: name, provisioningStatus: status, appliesTo: "User" };
}

/** A subscribed SKU (`GET /subscribedSkus`) of the tenant `tenantId` (`accountName` is the tenant's name). */
export function subscribedSku(s: {
  tenantId: string;
  accountName: string;
  skuId: string;
  part: string;
  enabled: number;
  consumed: number;
  plans: Record<string, string>[];
}): GraphObject {
  return {
    accountId: s.tenantId,
    accountName: s.accountName,
    appliesTo: "User",
    capabilityStatus: "Enabled",
    consumedUnits: s.consumed,
    id: `${s.tenantId}_${s.skuId}`,
    prepaidUnits: { enabled: s.enabled, suspended: 0, warning: 0, lockedOut: 0 },
    servicePlans: s.plans,
    skuId: s.skuId,
    skuPartNumber: s.part,
    subscriptionIds: [guid(`commerce:${s.part}`)],
  };
}

/** A verified domain of the organization. */
export function verifiedDomain(name: string, o: { isDefault: boolean; isInitial: boolean }) {
  return { capabilities: "Email, OfficeCommunicationsOnline", isDefault: o.isDefault, isInitial: o.isInitial, name, type: "Managed" };
}

/** The organization (`GET /organization`): the tenant's own record. */
export function organization(s: {
  tenantId: string;
  displayName: string;
  countryLetterCode: string;
  city?: string;
  postalCode?: string;
  street?: string;
  preferredLanguage?: string;
  preferredDataLocation?: string | null;
  multipleDataLocations?: boolean;
  created?: string;
  verifiedDomains: Record<string, unknown>[];
}): GraphObject {
  return defined({
    id: s.tenantId,
    displayName: s.displayName,
    countryLetterCode: s.countryLetterCode,
    country: null,
    city: s.city,
    postalCode: s.postalCode,
    street: s.street,
    preferredLanguage: s.preferredLanguage,
    preferredDataLocation: s.preferredDataLocation,
    isMultipleDataLocationsForServicesEnabled: s.multipleDataLocations,
    tenantType: "AAD",
    createdDateTime: s.created,
    verifiedDomains: s.verifiedDomains,
  }) as GraphObject;
}
