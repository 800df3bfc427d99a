/** Table tests for ENC-06 encryption-in-transit-tls12 (storage, SQL servers, Cosmos DB). */
import { describe, expect, it } from "vitest";
import rule from "./rule.js";
import type { ArmResource } from "../../../src/index.js";
import { defaultConfig, runRules } from "../../../src/index.js";
import { failedInSub, failedInSub2, findingsOf, forbidden, lines, verdict } from "../../../tests/fixtures/coverage.js";
import { cosmosAccount } from "../../../tests/fixtures/encryption.js";
import { makeSnapshot, SUB, SUB2 } from "../../../tests/fixtures/snapshot.js";
import { sqlServer } from "../../../tests/fixtures/sql-encryption.js";
import { storageAccount } from "../../../tests/fixtures/storage.js";
import { ruleTester } from "../../../tests/helpers/rule-tester.js";

const snap = (c: { storage?: ArmResource[]; sql?: ArmResource[]; cosmos?: ArmResource[] }) =>
  makeSnapshot({ subscriptions: [{ collections: { storageAccounts: c.storage ?? [], sqlServers: c.sql ?? [], cosmosDbAccounts: c.cosmos ?? [] } }] });
const st = (name: string, p: Record<string, unknown>) => storageAccount(name, { properties: p });
const sq = (name: string, v: string | undefined) => sqlServer(name, { properties: { minimalTlsVersion: v } });
const co = (name: string, v: string | undefined) => cosmosAccount(name, { properties: { minimalTlsVersion: v } });

// One list failed: the other services' results keep their verdicts, and the generic resource list
// names the unseen servers or accounts of the failed type only.
const httpsEvidence = (actual?: boolean | string) => ({ path: "properties.supportsHttpsTrafficOnly", actual, expected: true, ...(actual === undefined ? { defaulted: true } : {}) });
const storageTls = (actual?: string) => ({ path: "properties.minimumTlsVersion", actual, expected: { en: "TLS1_2 or newer", sv: "TLS1_2 eller nyare" }, ...(actual === undefined ? { defaulted: true } : {}) });
const sqlTls = (actual?: string) => ({ path: "properties.minimalTlsVersion", actual, expected: { en: "1.2 or newer", sv: "1.2 eller nyare" }, ...(actual === undefined ? { defaulted: true } : {}) });
const cosmosTls = (actual?: string) => ({ path: "properties.minimalTlsVersion", actual, expected: { en: "Tls12 or newer", sv: "Tls12 eller nyare" }, ...(actual === undefined ? { defaulted: true } : {}) });
const cosmosApi = (actual: string | null) => ({
  path: "kind, properties.capabilities[].name",
  actual,
  expected: { en: "MongoDB or Cassandra API (TLS 1.2 only), or minimalTlsVersion Tls12", sv: "MongoDB- eller Cassandra-API (endast TLS 1.2), eller minimalTlsVersion Tls12" },
});
const sa12 = storageAccount("sa12");
const sa2 = storageAccount("sa-sub2", {}, "rg-app", SUB2);
const sqlArende2 = sqlServer("sql-arende2", {}, "rg-app", SUB2);
const sqlForbiddenInSub2 = failedInSub2({
  read: { storageAccounts: [sa12], sqlServers: [], cosmosDbAccounts: [] },
  failed: ["sqlServers"],
  sub2: { storageAccounts: [sa2], cosmosDbAccounts: [] },
  unseen: [sqlArende2],
});
const sql12 = sqlServer("sql12");
const cosmosWebb = cosmosAccount("cosmos-webb");
const malformed = { httpStatus: undefined, code: "MalformedResponse" };
const cosmosMalformed = failedInSub({ read: { storageAccounts: [], sqlServers: [sql12] }, failed: ["cosmosDbAccounts"], unseen: [cosmosWebb], over: malformed });
const sqlAndGenericForbiddenInSub2 = failedInSub2({
  read: { storageAccounts: [sa12], sqlServers: [], cosmosDbAccounts: [] },
  failed: ["sqlServers"],
  sub2: { storageAccounts: [], cosmosDbAccounts: [] },
  unseen: "failed",
});

ruleTester(rule, {
  valid: [
    {
      name: "TLS 1.2 everywhere (the fixtures' defaults)",
      snapshot: snap({ storage: [storageAccount("sa12")], sql: [sqlServer("sql12")], cosmos: [cosmosAccount("cosmos12")] }),
      results: [
        { status: "pass", messageId: "storageOk", resource: "sa12" },
        { status: "pass", messageId: "tlsOk", resource: "sql12" },
        { status: "pass", messageId: "tlsOk", resource: "cosmos12" },
      ],
    },
    { name: "TLS 1.3 passes for every service", snapshot: snap({ storage: [st("sa13", { minimumTlsVersion: "TLS1_3" })], sql: [sq("sql13", "1.3")], cosmos: [co("cosmos13", "Tls13")] }) },
    {
      name: "exact messages and evidence of TLS 1.2 storage, SQL and Cosmos DB",
      snapshot: snap({ storage: [st("sa12", { minimumTlsVersion: "TLS1_2", supportsHttpsTrafficOnly: true })], sql: [sq("sql12", "1.2")], cosmos: [co("cosmos12", "Tls12")] }),
      results: [
        { status: "pass", messageId: "storageOk", message: "sa12 accepts HTTPS only, with minimum TLS version TLS1_2.", evidence: [httpsEvidence(true), storageTls("TLS1_2")] },
        { status: "pass", messageId: "tlsOk", message: "sql12 requires TLS 1.2 or newer (minimum 1.2).", evidence: [sqlTls("1.2")] },
        { status: "pass", messageId: "tlsOk", message: "cosmos12 requires TLS 1.2 or newer (minimum Tls12).", evidence: [cosmosTls("Tls12")] },
      ],
    },
    {
      name: "version spellings: 2.0, v1.2, a bare 2, 1_2 with blanks around it",
      snapshot: snap({ sql: [sq("sql20", "2.0"), sq("sqlv12", "v1.2"), sq("sql2", "2"), sq("sqlspace", " 1_2 ")] }),
      results: [
        { status: "pass", messageId: "tlsOk", resource: "sql20" },
        { status: "pass", messageId: "tlsOk", resource: "sqlv12" },
        { status: "pass", messageId: "tlsOk", resource: "sql2" },
        { status: "pass", messageId: "tlsOk", resource: "sqlspace" },
      ],
    },
    { name: "enum values in other casing", snapshot: snap({ storage: [st("salow", { minimumTlsVersion: "tls1_2", supportsHttpsTrafficOnly: "True" })], cosmos: [co("cosmoslow", "TLS12")] }) },
    { name: "empty tenant", snapshot: snap({}), results: [] },
    {
      name: "SQL server list forbidden in SUB2 whose generic list shows no server: nothing there to judge",
      snapshot: failedInSub2({ read: { storageAccounts: [sa12] }, failed: ["sqlServers"], sub2: { storageAccounts: [sa2] }, unseen: [] }),
      results: [
        { status: "pass", messageId: "storageOk", resource: "sa12" },
        { status: "pass", messageId: "storageOk", resource: "sa-sub2" },
      ],
    },
  ],
  invalid: [
    {
      name: "storage: HTTP allowed, old TLS, or both",
      snapshot: snap({
        storage: [
          st("sahttp", { supportsHttpsTrafficOnly: false }),
          st("satls10", { minimumTlsVersion: "TLS1_0" }),
          st("satls11", { minimumTlsVersion: "TLS1_1" }),
          st("saboth", { supportsHttpsTrafficOnly: false, minimumTlsVersion: "TLS1_1" }),
        ],
      }),
      results: [
        {
          status: "fail",
          messageId: "httpAllowed",
          resource: "sahttp",
          severity: "medium",
          message: "sahttp accepts unencrypted HTTP requests.",
          evidence: [httpsEvidence(false), storageTls("TLS1_2")],
        },
        { status: "fail", messageId: "oldTls", resource: "satls10", message: "satls10 accepts TLS versions older than 1.2 (minimum TLS1_0)." },
        { status: "fail", messageId: "oldTls", resource: "satls11" },
        {
          status: "fail",
          messageId: "httpAndOldTls",
          resource: "saboth",
          message: "saboth accepts unencrypted HTTP requests and TLS versions older than 1.2 (minimum TLS1_1).",
          evidence: [httpsEvidence(false), storageTls("TLS1_1")],
        },
      ],
    },
    {
      name: "SQL: 1.0, 1.1 and None fail",
      snapshot: snap({ sql: [sq("sql10", "1.0"), sq("sql11", "1.1"), sq("sqlnone", "None"), sq("sql12", "1.2")] }),
      results: [
        { status: "fail", messageId: "oldTls", resource: "sql10", message: "sql10 accepts TLS versions older than 1.2 (minimum 1.0).", evidence: [sqlTls("1.0")] },
        { status: "fail", messageId: "oldTls", resource: "sql11" },
        { status: "fail", messageId: "noMinimum", resource: "sqlnone", message: "sqlnone sets no minimum TLS version, so TLS 1.0 and 1.1 are accepted.", evidence: [sqlTls("None")] },
        { status: "pass", messageId: "tlsOk", resource: "sql12" },
      ],
    },
    {
      name: "Cosmos DB: Tls and Tls11 fail",
      snapshot: snap({ cosmos: [co("cosmos10", "Tls"), co("cosmos11", "Tls11")] }),
      results: [
        { status: "fail", messageId: "oldTls", resource: "cosmos10", message: "cosmos10 accepts TLS versions older than 1.2 (minimum Tls).", evidence: [cosmosTls("Tls")] },
        { status: "fail", messageId: "oldTls", resource: "cosmos11" },
      ],
    },
    {
      name: "a value the rule does not recognise is never a pass",
      snapshot: snap({ sql: [sq("sqlodd", "Latest"), sq("sqlodd2", "11.2"), sq("sqlodd3", "1.2.3"), sq("sqlodd4", "112"), sq("sqlodd5", "x2"), sq("sqlodd6", "2x")] }),
      results: [
        { status: "fail", messageId: "unknownTls", resource: "sqlodd", message: "sqlodd has a minimum TLS setting Hemvist does not recognise (Latest)." },
        { status: "fail", messageId: "unknownTls", resource: "sqlodd2" },
        { status: "fail", messageId: "unknownTls", resource: "sqlodd3" },
        { status: "fail", messageId: "unknownTls", resource: "sqlodd4" },
        { status: "fail", messageId: "unknownTls", resource: "sqlodd5" },
        { status: "fail", messageId: "unknownTls", resource: "sqlodd6" },
      ],
    },
    {
      name: "storage and Cosmos DB values the rule does not recognise",
      snapshot: snap({ storage: [st("saodd", { minimumTlsVersion: "TLS_LATEST" })], cosmos: [co("cosmosodd", "Ssl3x")] }),
      results: [
        { status: "fail", messageId: "unknownTls", resource: "saodd", message: "saodd has a minimum TLS setting Hemvist does not recognise (TLS_LATEST)." },
        { status: "fail", messageId: "unknownTls", resource: "cosmosodd" },
      ],
    },
    {
      name: "severity is fixed (medium) even at level 3",
      snapshot: snap({ storage: [storageAccount("sahemlig", { tags: { confidentiality: "3" }, properties: { minimumTlsVersion: "TLS1_0" } })] }),
      results: [{ status: "fail", messageId: "oldTls", resource: "sahemlig", severity: "medium" }],
    },
  ],
  notAssessed: [
    {
      name: "SQL server list forbidden in one subscription, storage read in both: the listed server is named",
      snapshot: sqlForbiddenInSub2,
      results: [
        { status: "pass", messageId: "storageOk", resource: "sa12" },
        { status: "pass", messageId: "storageOk", resource: "sa-sub2" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "sql-arende2" },
      ],
    },
    {
      name: "Cosmos DB list malformed where a SQL server was read: the server keeps its verdict, the listed account is named",
      snapshot: cosmosMalformed,
      results: [
        { status: "pass", messageId: "tlsOk", resource: "sql12" },
        { status: "not-assessed", messageId: "__notAssessed", resource: "cosmos-webb" },
      ],
    },
    {
      name: "SQL server list and generic list forbidden in a subscription with nothing else: one result on it",
      snapshot: sqlAndGenericForbiddenInSub2,
      results: [
        { status: "pass", messageId: "storageOk", resource: "sa12" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
      ],
    },
  ],
  missingProperty: [
    {
      name: "storage: supportsHttpsTrafficOnly absent is true, minimumTlsVersion absent is TLS1_0",
      snapshot: snap({ storage: [st("saold", { minimumTlsVersion: undefined }), st("sahttpsdefault", { supportsHttpsTrafficOnly: undefined })] }),
      results: [
        { status: "fail", messageId: "oldTls", resource: "saold", message: "saold accepts TLS versions older than 1.2 (minimum TLS1_0).", evidence: [httpsEvidence(true), storageTls(undefined)] },
        { status: "pass", messageId: "storageOk", resource: "sahttpsdefault", evidence: [httpsEvidence(undefined), storageTls("TLS1_2")] },
      ],
    },
    {
      name: "SQL: minimalTlsVersion absent means no minimum",
      snapshot: snap({ sql: [sq("sqlold", undefined)] }),
      results: [{ status: "fail", messageId: "noMinimum", resource: "sqlold", message: "sqlold sets no minimum TLS version, so TLS 1.0 and 1.1 are accepted.", evidence: [sqlTls(undefined)] }],
    },
    {
      name: "Cosmos DB: minimalTlsVersion absent on a NoSQL (GlobalDocumentDB) account is Tls (1.0)",
      snapshot: snap({ cosmos: [co("cosmosold", undefined)] }),
      results: [{ status: "fail", messageId: "oldTls", resource: "cosmosold", message: "cosmosold accepts TLS versions older than 1.2 (minimum Tls).", evidence: [cosmosTls(undefined), cosmosApi("GlobalDocumentDB")] }],
    },
    {
      // The API kind as the Microsoft.DocumentDB spec shows it: `kind` MongoDB, or the
      // EnableCassandra / EnableMongo capability (EnableTable and EnableGremlin select other APIs).
      name: "Cosmos DB: minimalTlsVersion absent is TLS 1.2 for the MongoDB and Cassandra APIs only",
      snapshot: snap({
        cosmos: [
          cosmosAccount("cosmos-mongo", { kind: "MongoDB", properties: { minimalTlsVersion: undefined, apiProperties: { serverVersion: "4.2" } } }),
          cosmosAccount("cosmos-mongo-cap", { kind: "GlobalDocumentDB", properties: { minimalTlsVersion: undefined, capabilities: [{ name: "EnableMongo" }] } }),
          cosmosAccount("cosmos-cassandra", { properties: { minimalTlsVersion: undefined, capabilities: [{ name: "enablecassandra" }] } }),
          cosmosAccount("cosmos-table", { properties: { minimalTlsVersion: undefined, capabilities: [{ name: "EnableTable" }] } }),
          cosmosAccount("cosmos-gremlin", { properties: { minimalTlsVersion: undefined, capabilities: [{ name: "EnableGremlin" }] } }),
          cosmosAccount("cosmos-mongo-lc", { kind: "mongodb", properties: { minimalTlsVersion: undefined } }),
        ],
      }),
      results: [
        { status: "pass", messageId: "tlsApiDefault", resource: "cosmos-mongo", message: "cosmos-mongo serves the MongoDB API, which accepts only TLS 1.2 when no minimum is set.", evidence: [cosmosTls(undefined), cosmosApi("MongoDB")] },
        { status: "pass", messageId: "tlsApiDefault", resource: "cosmos-mongo-cap", message: "cosmos-mongo-cap serves the MongoDB API, which accepts only TLS 1.2 when no minimum is set." },
        { status: "pass", messageId: "tlsApiDefault", resource: "cosmos-cassandra", message: "cosmos-cassandra serves the Cassandra API, which accepts only TLS 1.2 when no minimum is set." },
        { status: "fail", messageId: "oldTls", resource: "cosmos-table" },
        { status: "fail", messageId: "oldTls", resource: "cosmos-gremlin" },
        { status: "pass", messageId: "tlsApiDefault", resource: "cosmos-mongo-lc" },
      ],
    },
    {
      name: "Cosmos DB: a MongoDB account that sets Tls is judged by its setting",
      snapshot: snap({ cosmos: [cosmosAccount("cosmos-mongo-old", { kind: "MongoDB", properties: { minimalTlsVersion: "Tls" } })] }),
      results: [{ status: "fail", messageId: "oldTls", resource: "cosmos-mongo-old" }],
    },
  ],
});

describe("ENC-06 evidence", () => {
  const run = (s: ReturnType<typeof snap>) => runRules(s, [rule], { config: defaultConfig(), now: new Date() }).findings;
  it("storage evidence carries both settings and marks defaults", () => {
    const [f] = run(snap({ storage: [st("saold", { minimumTlsVersion: undefined, supportsHttpsTrafficOnly: undefined })] }));
    expect(f?.evidence).toEqual([
      { path: "properties.supportsHttpsTrafficOnly", actual: undefined, expected: true, defaulted: true },
      { path: "properties.minimumTlsVersion", actual: undefined, expected: { en: "TLS1_2 or newer", sv: "TLS1_2 eller nyare" }, defaulted: true },
    ]);
    expect(f?.message.en).toBe("saold accepts TLS versions older than 1.2 (minimum TLS1_0).");
  });
  it("Cosmos DB absent value: defaulted, with the API it was judged by", () => {
    const [mongo] = run(snap({ cosmos: [cosmosAccount("cosmos-mongo", { kind: "MongoDB", properties: { minimalTlsVersion: undefined } })] }));
    expect(mongo?.evidence).toEqual([
      { path: "properties.minimalTlsVersion", actual: undefined, expected: { en: "Tls12 or newer", sv: "Tls12 eller nyare" }, defaulted: true },
      { path: "kind, properties.capabilities[].name", actual: "MongoDB", expected: { en: "MongoDB or Cassandra API (TLS 1.2 only), or minimalTlsVersion Tls12", sv: "MongoDB- eller Cassandra-API (endast TLS 1.2), eller minimalTlsVersion Tls12" } },
    ]);
    expect(mongo?.message.en).toBe("cosmos-mongo serves the MongoDB API, which accepts only TLS 1.2 when no minimum is set.");
    const [sql] = run(snap({ cosmos: [co("cosmosold", undefined)] }));
    expect(sql?.evidence?.[1]).toMatchObject({ actual: "GlobalDocumentDB" });
    expect(sql?.message.en).toBe("cosmosold accepts TLS versions older than 1.2 (minimum Tls).");
  });
  it("SQL absent value is defaulted and worded as no minimum", () => {
    const [f] = run(snap({ sql: [sq("sqlold", undefined)] }));
    expect(f?.evidence?.[0]).toMatchObject({ path: "properties.minimalTlsVersion", defaulted: true });
    expect(f?.message.sv).toBe("sqlold anger ingen lägsta TLS-version, så TLS 1.0 och 1.1 tas emot.");
  });
});

describe("ENC-06 targets a failed list leaves unjudged", () => {
  it("names the SQL server SUB2's generic list shows; both storage accounts keep their verdicts", () => {
    expect(lines(findingsOf(rule, sqlForbiddenInSub2))).toEqual(
      [verdict("pass", sa12.id, "medium", "storageOk"), verdict("pass", sa2.id, "medium", "storageOk"), forbidden(sqlArende2.id, "sqlServers", "medium")].sort(),
    );
  });
  it("names the Cosmos DB account with the malformed answer (no HTTP status)", () => {
    const fs = findingsOf(rule, cosmosMalformed);
    expect(lines(fs)).toEqual(
      [verdict("pass", sql12.id, "medium", "tlsOk"), forbidden(cosmosWebb.id, "cosmosDbAccounts", "medium", { scope: `/subscriptions/${SUB}`, httpStatus: "-", code: "MalformedResponse" })].sort(),
    );
    expect(fs.find((f) => f.resourceId === cosmosWebb.id)?.message.en).toBe("cosmos-webb was not assessed: cosmosDbAccounts could not be read (MalformedResponse).");
  });
  it("gives the subscription one result when its generic list failed too", () => {
    expect(lines(findingsOf(rule, sqlAndGenericForbiddenInSub2))).toEqual([verdict("pass", sa12.id, "medium", "storageOk"), forbidden(`/subscriptions/${SUB2}`, "sqlServers", "medium")].sort());
  });
});
