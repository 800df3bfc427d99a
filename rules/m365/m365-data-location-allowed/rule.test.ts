import rule from "./rule.js";
import { group, organization, site, user } from "../../../tests/fixtures/m365.js";
import { type GraphObject, failure, makeSnapshot, TENANT } from "../../../tests/fixtures/snapshot.js";
import { ruleTester } from "../../../tests/helpers/rule-tester.js";
import { describe, expect, it } from "vitest";
import { findingsOf, forbidden, lines, verdict } from "../../../tests/fixtures/coverage.js";
import { defaultConfig, runRules } from "../../../src/index.js";

const U1 = "4a1b2c3d-0e1f-4a2b-8c3d-4e5f6a7b8c9d";
const U2 = "5b2c3d4e-1f2a-4b3c-9d4e-5f6a7b8c9d0e";
const U3 = "6c3d4e5f-2a3b-4c4d-ae5f-6a7b8c9d0e1f";
const G1 = "7d4e5f6a-3b4c-4d5e-bf6a-7b8c9d0e1f2a";

interface M365Input {
  organization?: GraphObject[];
  users?: GraphObject[];
  groups?: GraphObject[];
  sites?: GraphObject[];
}
const tenant = (m: M365Input, coverage: NonNullable<Parameters<typeof makeSnapshot>[0]>["coverage"] = []) =>
  makeSnapshot({ m365: { organization: [organization()], users: [], groups: [], sites: [], ...m }, coverage });
const graphFailure = (collection: "m365Users" | "m365Groups" | "m365Sites" | "m365Organization", scope: string, permission: string, over = {}) =>
  failure(collection, `/tenants/${TENANT}/${scope}`, { operation: `GET /${scope}`, httpStatus: 403, code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation.", permission, ...over });
const useEu = (c: ReturnType<typeof defaultConfig>) => {
  c.profile = defaultConfig("eu").profile;
};

const T = `/tenants/${TENANT}`;
const usersForbiddenEntry = graphFailure("m365Users", "users", "User.Read.All");
const usersForbidden = makeSnapshot({
  m365: { organization: [organization()], groups: [group(G1, "NAM")], sites: [site("sites/kultur", "SWE")] },
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
  m365: { users: [user(U1, "SWE")], groups: [group(G1, "SWE")], sites: [site("sites/kultur", "SWE")] },
  coverage: [graphFailure("m365Organization", "organization", "Organization.Read.All")],
});

ruleTester(rule, {
  valid: [
    {
      name: "Swedish tenant with users, groups and sites in SWE",
      snapshot: tenant({ users: [user(U1, "SWE"), user(U2, null)], groups: [group(G1, "SWE")], sites: [site("sites/socialtjansten", "SWE")] }),
      results: [
        { status: "pass", messageId: "tenantAllowed", part: "tenant", resource: `/tenants/${TENANT}` },
        { status: "pass", messageId: "userAllowed", part: "user", resource: `/tenants/${TENANT}/users/${U1}` },
        { status: "pass", messageId: "groupAllowed", part: "group", resource: G1 },
        { status: "pass", messageId: "siteAllowed", part: "site", resource: "socialtjansten" },
      ],
    },
    { name: "codes in lower case", snapshot: tenant({ organization: [organization({ countryLetterCode: "se" })], users: [user(U1, "swe")] }) },
    { name: "eu profile allows EUR and a Danish tenant", snapshot: tenant({ organization: [organization({ countryLetterCode: "DK" })], users: [user(U1, "EUR")], groups: [group(G1, "DEU")] }), config: useEu },
    { name: "Microsoft 365 not collected", snapshot: makeSnapshot(), results: [] },
  ],
  invalid: [
    {
      name: "a user in North America and a group in EUR under the se profile",
      snapshot: tenant({ users: [user(U1, "NAM"), user(U2, "SWE")], groups: [group(G1, "EUR")] }),
      results: [
        { status: "pass", messageId: "tenantAllowed", part: "tenant" },
        { status: "fail", messageId: "userNotAllowed", part: "user", resource: U1, severity: "high" },
        { status: "pass", messageId: "userAllowed", part: "user", resource: U2 },
        { status: "fail", messageId: "groupNotAllowed", part: "group", resource: G1 },
      ],
    },
    {
      name: "tenant registered in the United States",
      snapshot: tenant({ organization: [organization({ countryLetterCode: "US" })] }),
      results: [{ status: "fail", messageId: "tenantNotAllowed", part: "tenant", resource: TENANT }],
    },
    {
      name: "site in an unknown geo code",
      snapshot: tenant({ sites: [site("sites/projekt", "XYZ"), site("sites/intranat", "NAM")] }),
      results: [
        { status: "pass", part: "tenant" },
        { status: "fail", messageId: "siteNotAllowed", part: "site", resource: "projekt" },
        { status: "fail", messageId: "siteNotAllowed", part: "site", resource: "intranat" },
      ],
    },
  ],
  notAssessed: [
    {
      name: "403 on /users: one result on the user list, the other parts keep their verdicts",
      snapshot: usersForbidden,
      results: [
        { status: "pass", messageId: "tenantAllowed", part: "tenant" },
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
        { status: "pass", messageId: "userAllowed", part: "user" },
        { status: "pass", messageId: "groupAllowed", part: "group" },
        { status: "pass", messageId: "siteAllowed", part: "site" },
      ],
    },
  ],
  missingProperty: [
    {
      name: "null preferredDataLocation means the tenant's geo: no result",
      snapshot: tenant({ users: [user(U1, null), user(U2, null)], groups: [group(G1, null)] }),
      results: [{ status: "pass", messageId: "tenantAllowed", part: "tenant" }],
    },
    {
      name: "sites without dataLocationCode (no Multi-Geo) give no result",
      snapshot: tenant({ sites: [site("sites/kultur", undefined)] }),
      results: [{ status: "pass", part: "tenant" }],
    },
    {
      name: "countryLetterCode absent",
      snapshot: tenant({ organization: [organization({ countryLetterCode: undefined })] }),
      results: [{ status: "fail", messageId: "tenantCountryMissing", part: "tenant" }],
    },
    {
      name: "user list absent without a coverage entry is never a pass",
      snapshot: makeSnapshot({ m365: { organization: [organization()], groups: [], sites: [] } }),
      results: [
        { status: "pass", part: "tenant" },
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
        verdict("pass", `${T}/users/${U1}`, "high", "userAllowed", "user"),
        verdict("pass", `${T}/groups/${G1}`, "high", "groupAllowed", "group"),
        throttled(kultur.id),
        throttled(intranat.id),
      ].sort(),
    );
  });
});
