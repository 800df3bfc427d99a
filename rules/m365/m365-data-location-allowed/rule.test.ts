import rule from "./rule.js";
import { geoRootSite, group, hostSite, organization, site, user } from "../../../tests/fixtures/m365.js";
import { type GraphObject, failure, makeSnapshot, TENANT } from "../../../tests/fixtures/snapshot.js";
import { ruleTester } from "../../../tests/helpers/rule-tester.js";
import { describe, expect, it } from "vitest";
import { findingsOf, forbidden, lines, verdict } from "../../../tests/fixtures/coverage.js";
import { defaultConfig, runRules } from "../../../src/index.js";

const U1 = "4a1b2c3d-0e1f-4a2b-8c3d-4e5f6a7b8c9d";
const U2 = "5b2c3d4e-1f2a-4b3c-9d4e-5f6a7b8c9d0e";
const U3 = "6c3d4e5f-2a3b-4c4d-ae5f-6a7b8c9d0e1f";
const G1 = "7d4e5f6a-3b4c-4d5e-bf6a-7b8c9d0e1f2a";

/** The tenant's root site (`GET /sites/root`): a Multi-Geo tenant whose default geo is SWE. */
const ROOT = geoRootSite("exempelkommun.sharepoint.com", "SWE");
const DEFAULT_GEO_PASS = { status: "pass", messageId: "defaultGeoAllowed", part: "default-geo", resource: `/tenants/${TENANT}` } as const;

interface M365Input {
  organization?: GraphObject[];
  rootSite?: GraphObject[];
  users?: GraphObject[];
  groups?: GraphObject[];
  sites?: GraphObject[];
}
const tenant = (m: M365Input, coverage: NonNullable<Parameters<typeof makeSnapshot>[0]>["coverage"] = []) =>
  makeSnapshot({ m365: { organization: [organization()], rootSite: [ROOT], users: [], groups: [], sites: [], ...m }, coverage });
const graphFailure = (collection: "m365Users" | "m365Groups" | "m365Sites" | "m365Organization", scope: string, permission: string, over = {}) =>
  failure(collection, `/tenants/${TENANT}/${scope}`, { operation: `GET /${scope}`, httpStatus: 403, code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation.", permission, ...over });
const useEu = (c: ReturnType<typeof defaultConfig>) => {
  c.profile = defaultConfig("eu").profile;
};

const T = `/tenants/${TENANT}`;

// Multi-Geo sites shaped like Graph's getAllSites example (graph-docs:
// api-reference/v1.0/api/site-getallsites.md): only each geo's root site states `dataLocationCode`.
const SE_HOST = "exempelkommun.sharepoint.com";
const EU_HOST = "exempelkommuneur.sharepoint.com";
const euRoot = geoRootSite(EU_HOST, "EUR");
const intranet = hostSite(SE_HOST, "sites/intranat");
const interreg = hostSite(EU_HOST, "sites/interreg");
const seOneDrive = hostSite("exempelkommun-my.sharepoint.com", "personal/anna_exempelkommun_se");
const euOneDrive = hostSite("exempelkommuneur-my.sharepoint.com", "personal/sofia_exempelkommun_se");
const orphan = hostSite("exempelkommunapc.sharepoint.com", "sites/asien");
const multiGeo = (sites: GraphObject[]) => tenant({ sites: [ROOT, euRoot, ...sites] });
const attest = (geo: string, attestedOn = "2026-11-20") => (c: ReturnType<typeof defaultConfig>) => {
  c.attestations.m365DefaultGeo = { geo, attestedBy: "it@exempelkommun.se", attestedOn, source: "Microsoft 365 admin center, Settings, Org settings, Organization profile, Data location" };
};
/** A tenant without Multi-Geo: its root site states no geo. */
const singleGeo = tenant({ rootSite: [geoRootSite(SE_HOST, undefined)], sites: [geoRootSite(SE_HOST, undefined), hostSite(SE_HOST, "sites/intranat")] });
const rootSiteForbidden = makeSnapshot({
  m365: { organization: [organization()], users: [], groups: [], sites: [] },
  coverage: [failure("m365RootSite", `/tenants/${TENANT}/rootSite`, { operation: "GET /sites/root", httpStatus: 403, code: "accessDenied", message: "Access denied", permission: "Sites.Read.All" })],
});
const usersForbiddenEntry = graphFailure("m365Users", "users", "User.Read.All");
const usersForbidden = makeSnapshot({
  m365: { organization: [organization()], rootSite: [ROOT], groups: [group(G1, "NAM")], sites: [site("sites/kultur", "SWE")] },
  coverage: [usersForbiddenEntry],
});
// The first page of /sites/getAllSites was read, the next answered 429: the two sites read may be
// all there is or a fraction, and a later page could hold the same sites with other data.
const kultur = site("sites/kultur", "SWE");
const intranat = site("sites/intranat", "NAM");
const sitesThrottled = tenant({ users: [user(U1, "SWE")], groups: [group(G1, "SWE")], sites: [kultur, intranat] }, [
  graphFailure("m365Sites", "sites", "Sites.Read.All", { operation: "GET /sites/getAllSites?$skiptoken=…", httpStatus: 429, code: "TooManyRequests", message: "Too many requests." }),
]);
const organizationForbidden = makeSnapshot({
  m365: { rootSite: [ROOT], users: [user(U1, "SWE")], groups: [group(G1, "SWE")], sites: [site("sites/kultur", "SWE")] },
  coverage: [graphFailure("m365Organization", "organization", "Organization.Read.All")],
});

ruleTester(rule, {
  valid: [
    {
      name: "Swedish tenant with users, groups and sites in SWE",
      snapshot: tenant({ users: [user(U1, "SWE"), user(U2, null)], groups: [group(G1, "SWE")], sites: [site("sites/socialtjansten", "SWE")] }),
      results: [
        { status: "pass", messageId: "tenantAllowed", part: "tenant", resource: `/tenants/${TENANT}` },
        DEFAULT_GEO_PASS,
        { status: "pass", messageId: "userAllowed", part: "user", resource: `/tenants/${TENANT}/users/${U1}` },
        { status: "pass", messageId: "groupAllowed", part: "group", resource: G1 },
        { status: "pass", messageId: "siteAllowed", part: "site", resource: "socialtjansten" },
      ],
    },
    { name: "codes in lower case", snapshot: tenant({ organization: [organization({ countryLetterCode: "se" })], users: [user(U1, "swe")] }) },
    { name: "eu profile allows EUR and a Danish tenant", snapshot: tenant({ organization: [organization({ countryLetterCode: "DK" })], users: [user(U1, "EUR")], groups: [group(G1, "DEU")] }), config: useEu },
    { name: "Microsoft 365 not collected", snapshot: makeSnapshot(), results: [] },
    {
      name: "Multi-Geo: sites without a code take their host's root site's geo (a -my OneDrive host that of its SharePoint host)",
      snapshot: multiGeo([intranet, seOneDrive]),
      config: (c) => c.profile.allowedM365Geos.push("EUR"),
      results: [
        { status: "pass", part: "tenant" },
        DEFAULT_GEO_PASS,
        { status: "pass", messageId: "siteAllowed", part: "site", resource: ROOT.id },
        { status: "pass", messageId: "siteAllowed", part: "site", resource: euRoot.id },
        { status: "pass", messageId: "siteHostAllowed", part: "site", resource: "intranat" },
        { status: "pass", messageId: "siteHostAllowed", part: "site", resource: seOneDrive.id },
      ],
    },
    {
      name: "no Multi-Geo: the default geo attested, the sites give no result",
      snapshot: singleGeo,
      config: attest("swe"),
      results: [{ status: "pass", part: "tenant" }, { status: "pass", messageId: "defaultGeoAllowed", part: "default-geo", resource: T }],
    },
  ],
  invalid: [
    {
      name: "a satellite geo outside the profile: the EUR root site and the sites on its hosts fail",
      snapshot: multiGeo([intranet, interreg, euOneDrive]),
      results: [
        { status: "pass", part: "tenant" },
        DEFAULT_GEO_PASS,
        { status: "pass", messageId: "siteAllowed", part: "site", resource: ROOT.id },
        { status: "fail", messageId: "siteNotAllowed", part: "site", resource: euRoot.id },
        { status: "pass", messageId: "siteHostAllowed", part: "site", resource: "intranat" },
        {
          status: "fail",
          messageId: "siteHostNotAllowed",
          part: "site",
          resource: "interreg",
          message: "interreg is a site on exempelkommuneur.sharepoint.com, whose root site is stored in EUR (Europe), outside the allowed geos (SWE).",
          messageSv: "interreg är en webbplats på exempelkommuneur.sharepoint.com, vars rotwebbplats lagras i EUR (Europa), utanför de tillåtna geografierna (SWE).",
        },
        { status: "fail", messageId: "siteHostNotAllowed", part: "site", resource: euOneDrive.id },
      ],
    },
    {
      name: "the measured default geo outside the profile",
      snapshot: tenant({ rootSite: [geoRootSite("exempelkommun.sharepoint.com", "NAM")] }),
      results: [
        { status: "pass", part: "tenant" },
        {
          status: "fail",
          messageId: "defaultGeoNotAllowed",
          part: "default-geo",
          resource: T,
          message: "Exempelkommun stores its data by default in NAM (North America) (measured from the root site), outside the allowed geos (SWE).",
          messageSv: "Exempelkommun lagrar som standard sin data i NAM (Nordamerika) (uppmätt från rotwebbplatsen), utanför de tillåtna geografierna (SWE).",
        },
      ],
    },
    {
      name: "measured and attested default geos disagree: fail, showing both",
      snapshot: tenant({}),
      config: attest("NOR"),
      results: [
        { status: "pass", part: "tenant" },
        {
          status: "fail",
          messageId: "defaultGeoDisagrees",
          part: "default-geo",
          resource: T,
          message: "Exempelkommun's root site is stored in SWE (Sweden), but the configuration attests the default geo NOR (Norway) (it@exempelkommun.se, 2026-11-20): the attestation is wrong or out of date.",
          messageSv: "Exempelkommuns rotwebbplats lagras i SWE (Sverige), men konfigurationen intygar standardgeografin NOR (Norge) (it@exempelkommun.se, 2026-11-20): intygandet är felaktigt eller inaktuellt.",
        },
      ],
    },
    {
      name: "the attested default geo outside the profile",
      snapshot: singleGeo,
      config: attest("EUR"),
      results: [
        { status: "pass", part: "tenant" },
        {
          status: "fail",
          messageId: "defaultGeoNotAllowed",
          part: "default-geo",
          resource: T,
          message: "Exempelkommun stores its data by default in EUR (Europe) (attested by it@exempelkommun.se on 2026-11-20), outside the allowed geos (SWE).",
          messageSv: "Exempelkommun lagrar som standard sin data i EUR (Europa) (intygad av it@exempelkommun.se 2026-11-20), utanför de tillåtna geografierna (SWE).",
        },
      ],
    },
    {
      name: "a user in North America and a group in EUR under the se profile",
      snapshot: tenant({ users: [user(U1, "NAM"), user(U2, "SWE")], groups: [group(G1, "EUR")] }),
      results: [
        { status: "pass", messageId: "tenantAllowed", part: "tenant" },
        DEFAULT_GEO_PASS,
        {
          status: "fail",
          messageId: "userNotAllowed",
          part: "user",
          resource: U1,
          severity: "high",
          type: "Microsoft.Graph/users",
          message: `${U1} is a user whose data is stored in NAM (North America), outside the allowed geos (SWE).`,
          messageSv: `${U1} är en användare vars data lagras i NAM (Nordamerika), utanför de tillåtna geografierna (SWE).`,
          evidence: [{ path: "preferredDataLocation", actual: "NAM", expected: ["SWE"] }],
        },
        { status: "pass", messageId: "userAllowed", part: "user", resource: U2 },
        { status: "fail", messageId: "groupNotAllowed", part: "group", resource: G1, message: `${G1} is a group whose data is stored in EUR (Europe), outside the allowed geos (SWE).` },
      ],
    },
    {
      name: "tenant registered in the United States",
      snapshot: tenant({ organization: [organization({ countryLetterCode: "US" })] }),
      results: [
        {
          status: "fail",
          messageId: "tenantNotAllowed",
          part: "tenant",
          resource: TENANT,
          message: "Exempelkommun is registered in US, outside the allowed countries (SE).",
          messageSv: "Exempelkommun är registrerad i US, utanför de tillåtna länderna (SE).",
          evidence: [{ path: "organization.countryLetterCode", actual: "US", expected: ["SE"] }],
        },
        DEFAULT_GEO_PASS,
      ],
    },
    {
      name: "site in an unknown geo code",
      snapshot: tenant({ sites: [site("sites/projekt", "XYZ"), site("sites/intranat", "NAM")] }),
      results: [
        { status: "pass", part: "tenant" },
        DEFAULT_GEO_PASS,
        {
          status: "fail",
          messageId: "siteNotAllowed",
          part: "site",
          resource: "projekt",
          message: "projekt is a site stored in XYZ (unknown geo), outside the allowed geos (SWE).",
          messageSv: "projekt är en webbplats som lagras i XYZ (okänd geografi), utanför de tillåtna geografierna (SWE).",
        },
        { status: "fail", messageId: "siteNotAllowed", part: "site", resource: "intranat" },
      ],
    },
  ],
  notAssessed: [
    {
      name: "Multi-Geo: a site whose host has no root site in the list",
      snapshot: multiGeo([orphan]),
      results: [
        { status: "pass", part: "tenant" },
        DEFAULT_GEO_PASS,
        { status: "pass", part: "site", resource: ROOT.id },
        { status: "fail", part: "site", resource: euRoot.id },
        { status: "not-assessed", messageId: "__notAssessed", part: "site", resource: "asien" },
      ],
    },
    {
      name: "/sites/root forbidden: the default geo is not assessed (even with an attestation: the measurement could contradict it)",
      snapshot: rootSiteForbidden,
      config: attest("SWE"),
      results: [{ status: "pass", part: "tenant" }, { status: "not-assessed", messageId: "__notAssessed", part: "default-geo", resource: T }],
    },
    {
      name: "403 on /users: one result on the user list, the other parts keep their verdicts",
      snapshot: usersForbidden,
      results: [
        { status: "pass", messageId: "tenantAllowed", part: "tenant" },
        DEFAULT_GEO_PASS,
        { status: "not-assessed", messageId: "__notAssessed", part: "user", resource: `/tenants/${TENANT}/users`, severity: "high" },
        { status: "fail", messageId: "groupNotAllowed", part: "group", resource: G1 },
        { status: "pass", messageId: "siteAllowed", part: "site" },
      ],
    },
    {
      name: "sites cut off by a 429 after the first page: every site read is not assessed",
      snapshot: sitesThrottled,
      results: [
        { status: "pass", part: "tenant" },
        DEFAULT_GEO_PASS,
        { status: "pass", part: "user" },
        { status: "pass", part: "group" },
        { status: "not-assessed", messageId: "__notAssessed", part: "site", resource: "kultur" },
        { status: "not-assessed", messageId: "__notAssessed", part: "site", resource: "intranat" },
      ],
    },
    {
      name: "organization forbidden: the tenant part is not assessed on the tenant, users, groups and sites are judged",
      snapshot: organizationForbidden,
      results: [
        { status: "not-assessed", messageId: "__notAssessed", part: "tenant", resource: `/tenants/${TENANT}`, severity: "high" },
        DEFAULT_GEO_PASS,
        { status: "pass", messageId: "userAllowed", part: "user" },
        { status: "pass", messageId: "groupAllowed", part: "group" },
        { status: "pass", messageId: "siteAllowed", part: "site" },
      ],
    },
  ],
  missingProperty: [
    {
      name: "no Multi-Geo and no attestation: the default geo needs attestation, never a pass",
      snapshot: singleGeo,
      results: [
        { status: "pass", part: "tenant" },
        {
          status: "attestation-required",
          messageId: "defaultGeoNeedsAttestation",
          part: "default-geo",
          resource: T,
          message: "Exempelkommun's default geo is not shown by any API (the tenant has no Multi-Geo root site that states it): attest it in the configuration (attestations.m365DefaultGeo).",
        },
      ],
    },
    {
      name: "an attestation over a year old needs attestation again",
      snapshot: singleGeo,
      config: attest("SWE", "2025-11-26"),
      results: [
        { status: "pass", part: "tenant" },
        {
          status: "attestation-required",
          messageId: "defaultGeoAttestationStale",
          part: "default-geo",
          resource: T,
          message: "Exempelkommun's default geo was attested on 2025-11-26, more than a year ago: read it again and renew the attestation (attestations.m365DefaultGeo).",
        },
      ],
    },
    {
      name: "null preferredDataLocation means the tenant's geo: no result",
      snapshot: tenant({ users: [user(U1, null), user(U2, null)], groups: [group(G1, null)] }),
      results: [{ status: "pass", messageId: "tenantAllowed", part: "tenant" }, DEFAULT_GEO_PASS],
    },
    {
      name: "sites without dataLocationCode (no Multi-Geo) give no result",
      snapshot: tenant({ sites: [site("sites/kultur", undefined)] }),
      results: [{ status: "pass", part: "tenant" }, DEFAULT_GEO_PASS],
    },
    {
      name: "countryLetterCode absent",
      snapshot: tenant({ organization: [organization({ countryLetterCode: undefined })] }),
      results: [
        {
          status: "fail",
          messageId: "tenantCountryMissing",
          part: "tenant",
          message: "Exempelkommun does not state the country it is registered in, so the country cannot be shown to be allowed.",
          evidence: [{ path: "organization.countryLetterCode", actual: null, expected: ["SE"] }],
        },
        DEFAULT_GEO_PASS,
      ],
    },
    {
      name: "user list absent without a coverage entry is never a pass",
      snapshot: makeSnapshot({ m365: { organization: [organization()], rootSite: [ROOT], groups: [], sites: [] } }),
      results: [
        { status: "pass", part: "tenant" },
        DEFAULT_GEO_PASS,
        { status: "not-assessed", part: "user", resource: "users" },
      ],
    },
  ],
});

const NOW = new Date("2026-11-27T03:00:00Z");

it("RES-10 names users and groups by object id only", () => {
  const s = tenant({ users: [user(U3, "NAM", { displayName: "Karin Lind", userPrincipalName: "karin.lind@exempelkommun.se" })], groups: [group(G1, "NAM", { displayName: "Barn och unga" })] });
  const findings = runRules(s, [rule], { config: defaultConfig(), now: NOW }).findings.filter((f) => f.part === "user" || f.part === "group");
  expect(findings).toHaveLength(2);
  for (const f of findings) {
    const text = JSON.stringify(f);
    expect(text).not.toContain("Karin");
    expect(text).not.toContain("karin.lind");
    expect(text).not.toContain("Barn och unga");
  }
  const u = findings.find((f) => f.part === "user");
  expect(u?.resourceName).toBe(U3);
  expect(u?.message.en).toBe(`${U3} is a user whose data is stored in NAM (North America), outside the allowed geos (SWE).`);
  expect(u?.message.sv).toBe(`${U3} är en användare vars data lagras i NAM (Nordamerika), utanför de tillåtna geografierna (SWE).`);
});

it("RES-10 names a personal OneDrive site by its id, not its owner", () => {
  const s = tenant({ sites: [site("personal/karin_lind_exempelkommun_se", "NAM", { displayName: "Karin Lind" })] });
  const f = runRules(s, [rule], { config: defaultConfig(), now: NOW }).findings.find((x) => x.part === "site");
  expect(f?.status).toBe("fail");
  expect(f?.resourceName).toMatch(/^exempelkommun-my\.sharepoint\.com,/);
  expect(JSON.stringify(f)).not.toContain("Karin");
});

it("RES-10 carries the permission of a blinded part", () => {
  const s = makeSnapshot({ m365: { organization: [organization()], groups: [], sites: [] }, coverage: [graphFailure("m365Users", "users", "User.Read.All")] });
  const f = runRules(s, [rule], { config: defaultConfig(), now: NOW }).findings.find((x) => x.part === "user");
  expect(f?.notAssessed).toMatchObject({ collection: "m365Users", httpStatus: 403, code: "Authorization_RequestDenied", permission: "User.Read.All" });
});

describe("RES-10 parts a failed Graph read leaves unjudged", () => {
  const denied = (id: string, collection: string, part: string, scope: string) => forbidden(id, collection, "high", { part, scope, code: "Authorization_RequestDenied" });

  it("organization forbidden: one result on the tenant (not on /organization), the lists keep their verdicts", () => {
    const fs = findingsOf(rule, organizationForbidden);
    expect(lines(fs)).toEqual(
      [
        denied(T, "m365Organization", "tenant", `${T}/organization`),
        verdict("pass", T, "high", "defaultGeoAllowed", "default-geo"),
        verdict("pass", `${T}/users/${U1}`, "high", "userAllowed", "user"),
        verdict("pass", `${T}/groups/${G1}`, "high", "groupAllowed", "group"),
        verdict("pass", `${T}/sites/${site("sites/kultur", "SWE").id}`, "high", "siteAllowed", "site"),
      ].sort(),
    );
    const t = fs.find((f) => f.part === "tenant");
    expect(t?.notAssessed).toEqual({
      scope: `${T}/organization`,
      collection: "m365Organization",
      httpStatus: 403,
      code: "Authorization_RequestDenied",
      message: "Insufficient privileges to complete the operation.",
      permission: "Organization.Read.All",
    });
    expect(t?.resourceType).toBe("Microsoft.Resources/tenants");
  });

  it("users forbidden: one result on /tenants/{id}/users for the user part", () => {
    expect(lines(findingsOf(rule, usersForbidden))).toEqual(
      [
        verdict("pass", T, "high", "tenantAllowed", "tenant"),
        verdict("pass", T, "high", "defaultGeoAllowed", "default-geo"),
        denied(`${T}/users`, "m365Users", "user", `${T}/users`),
        verdict("fail", `${T}/groups/${G1}`, "high", "groupNotAllowed", "group"),
        verdict("pass", `${T}/sites/${site("sites/kultur", "SWE").id}`, "high", "siteAllowed", "site"),
      ].sort(),
    );
  });

  it("a sites list cut off by a 429: every site read is not assessed (a NAM site is no fail), no extra result on the list", () => {
    const throttled = (id: string) => forbidden(`${T}/sites/${id}`, "m365Sites", "high", { part: "site", scope: `${T}/sites`, httpStatus: 429, code: "TooManyRequests" });
    expect(lines(findingsOf(rule, sitesThrottled))).toEqual(
      [
        verdict("pass", T, "high", "tenantAllowed", "tenant"),
        verdict("pass", T, "high", "defaultGeoAllowed", "default-geo"),
        verdict("pass", `${T}/users/${U1}`, "high", "userAllowed", "user"),
        verdict("pass", `${T}/groups/${G1}`, "high", "groupAllowed", "group"),
        throttled(kultur.id),
        throttled(intranat.id),
      ].sort(),
    );
  });
});

describe("RES-10 default geo", () => {
  const run = (snap: ReturnType<typeof tenant>, configure?: (c: ReturnType<typeof defaultConfig>) => void) => {
    const config = defaultConfig();
    configure?.(config);
    return runRules(snap, [rule], { config, now: NOW }).findings.find((f) => f.part === "default-geo");
  };

  it("disagreeing measurement and attestation show both, the attestation as attested evidence", () => {
    const f = run(tenant({}), attest("NOR"));
    expect(f?.message.en).toBe("Exempelkommun's root site is stored in SWE (Sweden), but the configuration attests the default geo NOR (Norway) (it@exempelkommun.se, 2026-11-20): the attestation is wrong or out of date.");
    expect(f?.evidence).toEqual([
      { path: "sites/root: siteCollection.dataLocationCode", actual: "SWE", expected: ["SWE"] },
      {
        path: "attestations.m365DefaultGeo.geo",
        actual: "NOR",
        expected: ["SWE"],
        kind: "attested",
        attestation: { key: "m365DefaultGeo", attestedBy: "it@exempelkommun.se", attestedOn: "2026-11-20", source: "Microsoft 365 admin center, Settings, Org settings, Organization profile, Data location" },
      },
    ]);
  });

  it("an attested geo names who attested it and when", () => {
    expect(run(singleGeo, attest("SWE"))?.message.sv).toBe("Exempelkommun lagrar som standard sin data i SWE (Sverige) (intygad av it@exempelkommun.se 2026-11-20).");
  });

  it("attestation-required says what to attest, where to read it, and the configuration to add", () => {
    const f = run(singleGeo);
    expect(f?.status).toBe("attestation-required");
    expect(f?.attestation).toMatchObject({ key: "m365DefaultGeo", state: "missing" });
    expect(f?.attestation?.readAt.en).toBe("Microsoft 365 admin center → Settings → Org settings → Organization profile → Data location");
    expect(f?.attestation?.example).toContain("m365DefaultGeo: { geo: SWE,");
    const stale = run(singleGeo, attest("SWE", "2025-11-26"));
    expect(stale?.attestation).toMatchObject({ key: "m365DefaultGeo", state: "stale", attestedOn: "2025-11-26" });
    // 365 days after attestedOn it still holds (the run is 2026-11-27).
    expect(run(singleGeo, attest("SWE", "2025-11-27"))?.status).toBe("pass");
  });

  it("a site on a satellite host shows the root site it took the geo from", () => {
    const f = runRules(multiGeo([interreg]), [rule], { config: defaultConfig(), now: NOW }).findings.find((x) => x.resourceName === "interreg");
    expect(f?.message.en).toBe("interreg is a site on exempelkommuneur.sharepoint.com, whose root site is stored in EUR (Europe), outside the allowed geos (SWE).");
    expect(f?.evidence).toEqual([
      { path: "siteCollection.dataLocationCode", actual: undefined, expected: ["SWE"] },
      { path: "root site of exempelkommuneur.sharepoint.com: siteCollection.dataLocationCode", actual: "EUR", expected: ["SWE"] },
    ]);
  });
});

describe("RES-10 sites in a Multi-Geo tenant: the host, the root sites, personal sites", () => {
  const sitePart = (sites: GraphObject[]) => findingsOf(rule, multiGeo(sites)).filter((f) => f.part === "site" && f.resourceId !== `${T}/sites/${ROOT.id}` && f.resourceId !== `${T}/sites/${euRoot.id}`);
  const shown = (fs: ReturnType<typeof sitePart>) => fs.map((f) => ({ status: f.status, name: f.resourceName, message: f.message.en, notAssessed: f.notAssessed }));

  it("a site whose siteCollection names no host takes the host of its webUrl", () => {
    const noHostname = { ...hostSite(EU_HOST, "sites/utbyte"), siteCollection: {} };
    expect(shown(sitePart([noHostname]))).toEqual([
      { status: "fail", name: "utbyte", message: "utbyte is a site on exempelkommuneur.sharepoint.com, whose root site is stored in EUR (Europe), outside the allowed geos (SWE).", notAssessed: undefined },
    ]);
  });

  it("a OneDrive known only by its webUrl is named by id and takes the geo of its SharePoint host", () => {
    const oneDrive = { ...hostSite("exempelkommun-my.sharepoint.com", "personal/karin_lind_exempelkommun_se"), displayName: "Karin Lind", siteCollection: {} };
    const [f] = sitePart([oneDrive]);
    expect(f?.resourceName).toBe(oneDrive.id);
    expect(f?.message.en).toBe(`${oneDrive.id} is a site on exempelkommun.sharepoint.com, whose root site is stored in SWE (Sweden).`);
  });

  it("a site with neither a host nor a webUrl, or one whose host has no root site listed, is not assessed with the host named", () => {
    const nowhere = { id: "exempelkommun.sharepoint.com,0d2e4f6a-8b0c-4d2e-9f6a-8b0c2d4e6f8a,1e3f5a7b-9c1d-4e3f-a7b9-c1d3e5f7a9b1", displayName: "okand" };
    const reason = (host: string) => ({
      scope: `${T}/sites`,
      collection: "m365Sites",
      code: "RootSiteNotListed",
      message: `The site states no data location, and the site list holds no root site of its host (${host}) that would give it.`,
      permission: "Sites.Read.All",
    });
    const fs = sitePart([nowhere, orphan]);
    expect(fs.map((f) => [f.status, f.resourceName, f.notAssessed])).toEqual([
      ["not-assessed", "okand", reason("unknown host")],
      ["not-assessed", "asien", reason("exempelkommunapc.sharepoint.com")],
    ]);
  });

  it("only a root site gives its host's geo: a site that states a geo of its own (root null or absent) is judged by it alone", () => {
    const moved = site("sites/flyttad", "NAM", { siteCollection: { root: null } });
    const project = site("sites/projekt", "EUR");
    const news = hostSite(SE_HOST, "sites/nyheter");
    expect(shown(sitePart([moved, project, news])).map((r) => `${r.status} ${r.message}`)).toEqual([
      "fail flyttad is a site stored in NAM (North America), outside the allowed geos (SWE).",
      "fail projekt is a site stored in EUR (Europe), outside the allowed geos (SWE).",
      "pass nyheter is a site on exempelkommun.sharepoint.com, whose root site is stored in SWE (Sweden).",
    ]);
  });
});

describe("RES-10 on a snapshot with Microsoft 365 collected but none of its lists (written before they were)", () => {
  const older = makeSnapshot({ m365: {} });
  const reason = (scope: string, collection: string, message: string, permission: string) => ({ scope: `${T}/${scope}`, collection, code: "NotCollected", message, permission });

  it("each part names the list it lacks and the permission that reads it; nothing passes or fails", () => {
    const fs = findingsOf(rule, older);
    expect(fs.map((f) => ({ part: f.part, status: f.status, resourceId: f.resourceId, notAssessed: f.notAssessed, dependsOn: f.dependsOn }))).toEqual([
      { part: "tenant", status: "not-assessed", resourceId: T, notAssessed: reason("organization", "m365Organization", "The snapshot holds no organization list.", "Organization.Read.All"), dependsOn: [{ collection: "m365Organization", scope: `${T}/organization` }] },
      { part: "default-geo", status: "not-assessed", resourceId: T, notAssessed: reason("rootSite", "m365RootSite", "The snapshot holds no answer of GET /sites/root.", "Sites.Read.All"), dependsOn: [{ collection: "m365RootSite", scope: T }, { collection: "m365RootSite", scope: `${T}/rootSite` }] },
      { part: "user", status: "not-assessed", resourceId: `${T}/users`, notAssessed: reason("users", "m365Users", "The snapshot holds no users list.", "User.Read.All"), dependsOn: [{ collection: "m365Users", scope: `${T}/users` }] },
      { part: "group", status: "not-assessed", resourceId: `${T}/groups`, notAssessed: reason("groups", "m365Groups", "The snapshot holds no groups list.", "Group.Read.All"), dependsOn: [{ collection: "m365Groups", scope: `${T}/groups` }] },
      { part: "site", status: "not-assessed", resourceId: `${T}/sites`, notAssessed: reason("sites", "m365Sites", "The snapshot holds no sites list.", "Sites.Read.All"), dependsOn: [{ collection: "m365Sites", scope: `${T}/sites` }] },
    ]);
  });

  it("a listed object's verdict depends on its list at the object", () => {
    const [f] = findingsOf(rule, tenant({ users: [user(U1, "SWE")] })).filter((x) => x.part === "user");
    expect(f?.dependsOn).toEqual([{ collection: "m365Users", scope: `${T}/users/${U1}` }]);
  });
});

it("RES-10 a measured default geo the configuration also attests says both", () => {
  const config = defaultConfig();
  attest("SWE")(config);
  const f = runRules(tenant({}), [rule], { config, now: NOW }).findings.find((x) => x.part === "default-geo");
  expect(f?.status).toBe("pass");
  expect(f?.message).toEqual({
    en: "Exempelkommun stores its data by default in SWE (Sweden) (measured from the root site, and attested).",
    sv: "Exempelkommun lagrar som standard sin data i SWE (Sverige) (uppmätt från rotwebbplatsen, och intygad).",
  });
});

describe("RES-10 reads codes and hosts with blanks around them as the codes and hosts they are, and blank ones as absent", () => {
  it("padded codes and host names", () => {
    const paddedHost = { ...hostSite(EU_HOST, "sites/utbyte"), siteCollection: { hostname: " ExempelkommunEUR.sharepoint.com " } };
    const blankHost = { ...hostSite(EU_HOST, "sites/interreg"), siteCollection: { hostname: " " } };
    const s = tenant({
      organization: [organization({ countryLetterCode: " se " })],
      rootSite: [geoRootSite(SE_HOST, " swe ")],
      users: [user(U1, " nam "), user(U2, "  ")],
      sites: [geoRootSite(EU_HOST, " eur "), paddedHost, blankHost],
    });
    const fs = findingsOf(rule, s);
    expect(fs.map((f) => `${f.status} ${f.part} ${f.message.en}`)).toEqual([
      "pass tenant Exempelkommun is registered in se, an allowed country.",
      "pass default-geo Exempelkommun stores its data by default in SWE (Sweden) (measured from the root site).",
      `fail user ${U1} is a user whose data is stored in NAM (North America), outside the allowed geos (SWE).`,
      "fail site Communication site is a site stored in EUR (Europe), outside the allowed geos (SWE).",
      "fail site utbyte is a site on exempelkommuneur.sharepoint.com, whose root site is stored in EUR (Europe), outside the allowed geos (SWE).",
      "fail site interreg is a site on exempelkommuneur.sharepoint.com, whose root site is stored in EUR (Europe), outside the allowed geos (SWE).",
    ]);
    expect(fs.find((f) => f.resourceName === "utbyte")?.evidence?.[1]).toEqual({ path: "root site of exempelkommuneur.sharepoint.com: siteCollection.dataLocationCode", actual: "EUR", expected: ["SWE"] });
  });

  it("blank codes: no country, no measured default geo (the padded attestation decides), no Multi-Geo", () => {
    const config = defaultConfig();
    attest(" swe ")(config);
    const s = tenant({
      organization: [organization({ countryLetterCode: "  " })],
      rootSite: [geoRootSite(SE_HOST, "  ")],
      sites: [geoRootSite(SE_HOST, "  "), hostSite(SE_HOST, "sites/intranat")],
    });
    const fs = runRules(s, [rule], { config, now: NOW }).findings;
    expect(fs.map((f) => `${f.status} ${f.part} ${f.messageId}`)).toEqual(["fail tenant tenantCountryMissing", "pass default-geo defaultGeoAllowed"]);
    const geo = fs.find((f) => f.part === "default-geo");
    expect(geo?.message.en).toBe("Exempelkommun stores its data by default in SWE (Sweden) (attested by it@exempelkommun.se on 2026-11-20).");
    expect(geo?.evidence?.[0]).toEqual({ path: "sites/root: siteCollection.dataLocationCode", actual: null, expected: ["SWE"] });
  });
});
