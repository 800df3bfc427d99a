/** Table tests for ENC-06 encryption-in-transit-tls12 (storage, SQL servers, Cosmos DB). */
import { describe, expect, it } from "vitest";
import rule from "../../rules/encryption/encryption-in-transit-tls12.js";
import type { ArmResource } from "../../src/index.js";
import { defaultConfig, runRules } from "../../src/index.js";
import { cosmosAccount } from "../fixtures/encryption.js";
import { failure, makeSnapshot, SUB, SUB2 } from "../fixtures/snapshot.js";
import { sqlServer } from "../fixtures/sql-encryption.js";
import { storageAccount } from "../fixtures/storage.js";
import { ruleTester } from "../helpers/rule-tester.js";

const snap = (c: { storage?: ArmResource[]; sql?: ArmResource[]; cosmos?: ArmResource[] }) =>
  makeSnapshot({ subscriptions: [{ collections: { storageAccounts: c.storage ?? [], sqlServers: c.sql ?? [], cosmosDbAccounts: c.cosmos ?? [] } }] });
const st = (name: string, p: Record<string, unknown>) => storageAccount(name, { properties: p });
const sq = (name: string, v: string | undefined) => sqlServer(name, { properties: { minimalTlsVersion: v } });
const co = (name: string, v: string | undefined) => cosmosAccount(name, { properties: { minimalTlsVersion: v } });

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
    { name: "enum values in other casing", snapshot: snap({ storage: [st("salow", { minimumTlsVersion: "tls1_2", supportsHttpsTrafficOnly: "True" })], cosmos: [co("cosmoslow", "TLS12")] }) },
    { name: "empty tenant", snapshot: snap({}), results: [] },
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
        { status: "fail", messageId: "httpAllowed", resource: "sahttp", severity: "medium" },
        { status: "fail", messageId: "oldTls", resource: "satls10" },
        { status: "fail", messageId: "oldTls", resource: "satls11" },
        { status: "fail", messageId: "httpAndOldTls", resource: "saboth" },
      ],
    },
    {
      name: "SQL: 1.0, 1.1 and None fail",
      snapshot: snap({ sql: [sq("sql10", "1.0"), sq("sql11", "1.1"), sq("sqlnone", "None"), sq("sql12", "1.2")] }),
      results: [
        { status: "fail", messageId: "oldTls", resource: "sql10" },
        { status: "fail", messageId: "oldTls", resource: "sql11" },
        { status: "fail", messageId: "noMinimum", resource: "sqlnone" },
        { status: "pass", messageId: "tlsOk", resource: "sql12" },
      ],
    },
    {
      name: "Cosmos DB: Tls and Tls11 fail",
      snapshot: snap({ cosmos: [co("cosmos10", "Tls"), co("cosmos11", "Tls11")] }),
      results: [
        { status: "fail", messageId: "oldTls", resource: "cosmos10" },
        { status: "fail", messageId: "oldTls", resource: "cosmos11" },
      ],
    },
    {
      name: "a value the rule does not recognise is never a pass",
      snapshot: snap({ sql: [sq("sqlodd", "Latest")] }),
      results: [{ status: "fail", messageId: "unknownTls", resource: "sqlodd" }],
    },
    {
      name: "severity is fixed (medium) even at level 3",
      snapshot: snap({ storage: [storageAccount("sahemlig", { tags: { confidentiality: "3" }, properties: { minimumTlsVersion: "TLS1_0" } })] }),
      results: [{ status: "fail", messageId: "oldTls", resource: "sahemlig", severity: "medium" }],
    },
  ],
  notAssessed: [
    {
      name: "SQL server list forbidden in one subscription, storage read in the other",
      snapshot: makeSnapshot({
        subscriptions: [{ collections: { storageAccounts: [storageAccount("sa12")] } }, { subscriptionId: SUB2, collections: {} }],
        coverage: [failure("sqlServers", `/subscriptions/${SUB2}`)],
      }),
      results: [
        { status: "pass", resource: "sa12" },
        { status: "not-assessed", messageId: "__notAssessed", resource: SUB2 },
      ],
    },
    {
      name: "Cosmos DB list failed where other results exist",
      snapshot: makeSnapshot({ subscriptions: [{ collections: { sqlServers: [sqlServer("sql12")] } }], coverage: [failure("cosmosDbAccounts", `/subscriptions/${SUB}`, { httpStatus: undefined, code: "MalformedResponse" })] }),
      results: [{ status: "not-assessed", resource: "sql12" }],
    },
  ],
  missingProperty: [
    {
      name: "storage: supportsHttpsTrafficOnly absent is true, minimumTlsVersion absent is TLS1_0",
      snapshot: snap({ storage: [st("saold", { minimumTlsVersion: undefined }), st("sahttpsdefault", { supportsHttpsTrafficOnly: undefined })] }),
      results: [
        { status: "fail", messageId: "oldTls", resource: "saold" },
        { status: "pass", messageId: "storageOk", resource: "sahttpsdefault" },
      ],
    },
    {
      name: "SQL: minimalTlsVersion absent means no minimum",
      snapshot: snap({ sql: [sq("sqlold", undefined)] }),
      results: [{ status: "fail", messageId: "noMinimum", resource: "sqlold" }],
    },
    {
      name: "Cosmos DB: minimalTlsVersion absent is read as Tls (1.0)",
      snapshot: snap({ cosmos: [co("cosmosold", undefined)] }),
      results: [{ status: "fail", messageId: "oldTls", resource: "cosmosold" }],
    },
  ],
});

describe("ENC-06 evidence", () => {
  const run = (s: ReturnType<typeof snap>) => runRules(s, [rule], { config: defaultConfig(), now: new Date() }).findings;
  it("storage evidence carries both settings and marks defaults", () => {
    const [f] = run(snap({ storage: [st("saold", { minimumTlsVersion: undefined, supportsHttpsTrafficOnly: undefined })] }));
    expect(f?.evidence).toEqual([
      { path: "properties.supportsHttpsTrafficOnly", actual: undefined, expected: true, defaulted: true },
      { path: "properties.minimumTlsVersion", actual: undefined, expected: "TLS1_2 or newer", defaulted: true },
    ]);
    expect(f?.message.en).toBe("saold accepts TLS versions older than 1.2 (minimum TLS1_0).");
  });
  it("SQL absent value is defaulted and worded as no minimum", () => {
    const [f] = run(snap({ sql: [sq("sqlold", undefined)] }));
    expect(f?.evidence?.[0]).toMatchObject({ path: "properties.minimalTlsVersion", defaulted: true });
    expect(f?.message.sv).toBe("sqlold anger ingen lägsta TLS-version, så TLS 1.0 och 1.1 tas emot.");
  });
});
