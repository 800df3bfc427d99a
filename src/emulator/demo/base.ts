/**
 * The demo tenant's skeleton, "Exempelkommun", a fictional Swedish municipality: tenant, management
 * groups, subscriptions (tags, providers, management-group ancestors), resource groups and the Graph
 * organization. The resources, policies and Microsoft 365 objects that demonstrate the rules come
 * from the fragments (`fragments/`), one per rule; `assemble.ts` merges them into this skeleton.
 * docs/demo-tenant.md says which resource demonstrates which rule.
 */
import { ALLOWED_LOCATIONS_DEFINITION, ALLOWED_RG_LOCATIONS_DEFINITION, type Rg, resourceGroup } from "../../builders/arm.js";
import { organization, verifiedDomain } from "../../builders/graph.js";
import { guid } from "../../builders/ids.js";
import type { TenantModel } from "../model.js";

/** The demo tenant's id (also the id of its tenant root management group). */
export const DEMO_TENANT_ID = "8d3f6a51-0c8e-4e59-9b5e-3a1c2f7e9d10";

/** The tenant's name (Graph `accountName`, display name). */
export const DEMO_TENANT_NAME = "Exempelkommun";

/** The tenant's default domain (user principal names, group mail). */
export const DEMO_DOMAIN = "exempelkommun.se";

/** The three demo subscriptions. */
export const DEMO_SUBSCRIPTIONS = {
  /** "Exempelkommun – Gemensam IT": shared platform; Allowed-locations policy correct at a management group. */
  gemensamIt: "2b6c4e1a-7f3d-4c8b-a1e5-9d0f3c6b8a21",
  /** "Exempelkommun – Vård och omsorg": health and social care; excluded from the resource policy (notScopes, DoNotEnforce). */
  vardOchOmsorg: "5e9a1c3d-2b7f-4a6e-8c4d-1f0b9e7a3c52",
  /** "Exempelkommun – Utbildning": schools; own management group, policy allows West/North Europe; Cosmos DB not registered. */
  utbildning: "9c4f7b2e-6a1d-4e3c-b8f5-0d2a6c9e4b73",
} as const;

/** The subscription ids, in the order the model lists them. */
export const DEMO_SUBSCRIPTION_IDS: readonly string[] = [
  DEMO_SUBSCRIPTIONS.gemensamIt,
  DEMO_SUBSCRIPTIONS.vardOchOmsorg,
  DEMO_SUBSCRIPTIONS.utbildning,
];

/** Management groups below the tenant root. */
export const DEMO_MANAGEMENT_GROUPS = {
  kommun: "mg-exempelkommun",
  utbildning: "mg-exk-utbildning",
} as const;

/**
 * Key hosts that customer-managed-key settings reference on purpose although no vault or HSM in the
 * tenant has them: a supplier's vault in another tenant (ENC-07 fails "not in the inventory").
 */
export const DEMO_DANGLING_KEY_HOSTS: readonly string[] = ["kv-edtech-leverantor.vault.azure.net"];

/** Page size the demo uses so that ARM and Graph paging is exercised. */
export const DEMO_PAGE_SIZE = 5;

/** Built-in "Allowed locations" (resources). */
export const ALLOWED_LOCATIONS_POLICY = ALLOWED_LOCATIONS_DEFINITION;
/** Built-in "Allowed locations for resource groups". */
export const ALLOWED_RG_LOCATIONS_POLICY = ALLOWED_RG_LOCATIONS_DEFINITION;

/** Regions the demo uses. */
export const SWC = "swedencentral";
export const SWS = "swedensouth";
export const WEU = "westeurope";
export const NEU = "northeurope";

/**
 * The municipality's storage baseline for its sensitive accounts: infrastructure encryption, TLS
 * 1.2 and HTTPS only, no cross-tenant replication, no public network access (spread into a storage
 * spec).
 */
export const DEMO_STORAGE_BASELINE = {
  requireInfrastructureEncryption: true,
  minimumTlsVersion: "TLS1_2",
  supportsHttpsTrafficOnly: true,
  allowCrossTenantReplication: false,
  publicNetworkAccess: "Disabled",
} as const;

/** The security group "IT-drift": holds vault access policies and is the managed HSM's administrator. */
export const DEMO_IT_GROUP_ID = guid("group:it-drift");

/** The Entra group that administers the SQL servers. */
export const DEMO_SQL_ADMIN = { login: "SQL-administratorer", sid: guid("group:sql-admins"), tenantId: DEMO_TENANT_ID };

const gem = DEMO_SUBSCRIPTIONS.gemensamIt;
const vard = DEMO_SUBSCRIPTIONS.vardOchOmsorg;
const skola = DEMO_SUBSCRIPTIONS.utbildning;

/** The resource groups, by subscription; fragments place resources in them. */
export const DEMO_RG = {
  gemNyckel: { sub: gem, name: "rg-exk-gem-nyckel", location: SWC, tags: { confidentiality: "3", "förvaltning": "Kommunledningsförvaltningen" } },
  gemLagring: { sub: gem, name: "rg-exk-gem-lagring", location: SWC, tags: { konfidentialitet: "2" } },
  gemNatverk: { sub: gem, name: "rg-exk-gem-natverk", location: SWC, tags: { confidentiality: "0" } },
  gemAi: { sub: gem, name: "rg-exk-gem-ai", location: SWC, tags: { Konfidentialitet: "2" } },
  gemDr: { sub: gem, name: "rg-exk-gem-dr", location: WEU, tags: { confidentiality: "2", syfte: "katastrofåterställning" } },
  gemKris: { sub: gem, name: "rg-exk-gem-krisledning", location: SWC, tags: { konfidentialitet: "sakerhetsskydd", ansvarig: "Säkerhetsenheten" } },
  // Owners (ownerTags: owner, ansvarig): an e-mail address is a personal owner, kept out of SARIF and summary.md.
  vardJournal: { sub: vard, name: "rg-exk-vard-journal", location: SWC, tags: { konfidentialitet: "3", "förvaltning": "Vård- och omsorgsförvaltningen", ansvarig: "journal.forvaltare@exempelkommun.se" } },
  vardNyckel: { sub: vard, name: "rg-exk-vard-nyckel", location: SWC, tags: { konfidentialitet: "3" } },
  vardApp: { sub: vard, name: "rg-exk-vard-app", location: SWC, tags: { Owner: "Team Verksamhetssystem" } },
  vardBackup: { sub: vard, name: "rg-exk-vard-backup", location: SWC },
  skolaElev: { sub: skola, name: "rg-exk-skola-elevdata", location: SWC, tags: { Confidentiality: "2" } },
  skolaLab: { sub: skola, name: "rg-exk-skola-lab", location: NEU, tags: { ansvarig: "skolans IT-enhet" } },
  // "hemlig" is not a valid classification value: it counts as no tag.
  skolaWebb: { sub: skola, name: "rg-exk-skola-webb", location: SWC, tags: { konfidentialitet: "hemlig" } },
  skolaAi: { sub: skola, name: "rg-exk-skola-ai", location: SWC },
} as const satisfies Record<string, Rg>;

/** The skeleton: tenant, subscriptions with their resource groups (no resources yet), organization. */
export function demoBase(): TenantModel {
  const R = DEMO_RG;
  return {
    tenantId: DEMO_TENANT_ID,
    displayName: DEMO_TENANT_NAME,
    pageSize: DEMO_PAGE_SIZE,
    subscriptions: [
      {
        subscriptionId: gem,
        displayName: "Exempelkommun – Gemensam IT",
        state: "Enabled",
        tags: { confidentiality: "1", "förvaltning": "Kommunledningsförvaltningen", owner: "IT-drift" },
        managementGroupAncestors: [DEMO_TENANT_ID, DEMO_MANAGEMENT_GROUPS.kommun],
        resourceGroups: [R.gemNyckel, R.gemLagring, R.gemNatverk, R.gemAi, R.gemDr, R.gemKris].map(resourceGroup),
        resources: [],
      },
      {
        subscriptionId: vard,
        displayName: "Exempelkommun – Vård och omsorg",
        state: "Enabled",
        tags: { konfidentialitet: "2", "förvaltning": "Vård- och omsorgsförvaltningen" },
        managementGroupAncestors: [DEMO_TENANT_ID, DEMO_MANAGEMENT_GROUPS.kommun],
        resourceGroups: [R.vardJournal, R.vardNyckel, R.vardApp, R.vardBackup].map(resourceGroup),
        resources: [],
      },
      {
        subscriptionId: skola,
        displayName: "Exempelkommun – Utbildning",
        state: "Enabled",
        tags: { "förvaltning": "Utbildningsförvaltningen" },
        managementGroupAncestors: [DEMO_TENANT_ID, DEMO_MANAGEMENT_GROUPS.utbildning],
        providers: { "Microsoft.DocumentDB": "NotRegistered" },
        resourceGroups: [R.skolaElev, R.skolaLab, R.skolaWebb, R.skolaAi].map(resourceGroup),
        resources: [],
      },
    ],
    graph: {
      organization: [
        organization({
          tenantId: DEMO_TENANT_ID,
          displayName: DEMO_TENANT_NAME,
          countryLetterCode: "SE",
          city: "Exempelstad",
          postalCode: "123 45",
          street: "Stadshusgatan 1",
          preferredLanguage: "sv-SE",
          preferredDataLocation: "SWE",
          multipleDataLocations: true,
          created: "2016-03-14T08:21:45Z",
          verifiedDomains: [
            verifiedDomain(DEMO_DOMAIN, { isDefault: true, isInitial: false }),
            verifiedDomain("exempelkommun.onmicrosoft.com", { isDefault: false, isInitial: true }),
          ],
        }),
      ],
      users: [],
      groups: [],
      sites: [],
      subscribedSkus: [],
    },
  };
}
