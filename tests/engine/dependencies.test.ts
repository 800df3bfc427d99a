/**
 * A verdict depends on what it read: the engine records each lookup a rule makes while judging one
 * target, blinds exactly the results a failed read fed, names the targets a failed list hid, and
 * marks a classification it could not read `unknown` without changing the verdict.
 */
import { describe, expect, it } from "vitest";
import { defaultConfig, Inventory, runRules } from "../../src/index.js";
import type { ArmResource, Finding, RuleDefinition, Snapshot } from "../../src/index.js";
import { RuleRunner } from "../../src/engine/run.js";
import enc01 from "../../rules/storage/storage-account-customer-managed-key/rule.js";
import enc07 from "../../rules/encryption/encryption-customer-key-in-tenant-region/rule.js";
import cls02 from "../../rules/classification/classification-data-store-tagged/rule.js";
import enc02 from "../../rules/sql/sql-tde-customer-managed-key/rule.js";
import { level } from "../fixtures/classification.js";
import { armId, failure, makeSnapshot, resourceGroup, SUB, SUB2 } from "../fixtures/snapshot.js";
import { storageAccount } from "../fixtures/storage.js";
import { keyVault } from "../fixtures/vaults.js";

const NOW = new Date("2026-11-27T03:00:00Z");

function run(snapshot: Snapshot, rules: RuleDefinition[]): Finding[] {
  return runRules(snapshot, rules, { config: defaultConfig(), now: NOW }).findings;
}

/** `STATUS rule name part` per finding, sorted. */
function summary(findings: Finding[]): string[] {
  return findings.map((f) => `${f.status} ${f.ruleId} ${f.resourceName}${f.part ? ` ${f.part}` : ""}`).sort();
}

/** The generic-list entry ARM's `GET /subscriptions/{s}/resources` gives for a payload (no properties). */
function listed(r: ArmResource): ArmResource {
  return { id: r.id, name: r.name, type: r.type, location: r.location, tags: r.tags ?? {}, ...(r.sku ? { sku: r.sku } : {}), ...(r.kind ? { kind: r.kind } : {}) };
}

/** A storage account whose encryption points at a key in `vaultUri`. */
function cmkAccount(name: string, vaultUri: string, sub = SUB): ReturnType<typeof storageAccount> {
  return storageAccount(name, { properties: { encryption: { keySource: "Microsoft.Keyvault", keyvaultproperties: { keyvaulturi: vaultUri, keyname: "cmk" } } } }, "rg-app", sub);
}

describe("per-verdict dependencies", () => {
  it("records what each verdict read, and stores it on the finding", () => {
    const sa = storageAccount("sa1");
    const f = run(makeSnapshot({ subscriptions: [{ collections: { resources: [listed(sa)], storageAccounts: [sa] } }] }), [enc01]);
    expect(f).toHaveLength(1);
    // At the result's own resource the scope is left out (as findings.json stores it).
    expect(f[0]?.dependsOn).toEqual([{ collection: "storageAccounts" }]);
  });

  it("a failed read blinds only the results that looked something up there (ENC-07 resolving keys across subscriptions)", () => {
    // Vaults in SUB were read; SUB2's vault list answered 403. An account whose key is in SUB's vault keeps
    // its verdict; one whose key host is in no vault read must not fail as "outside the tenant".
    const vault = keyVault("kv-se");
    const inTenant = cmkAccount("sainside", "https://kv-se.vault.azure.net/");
    const unknownHost = cmkAccount("saunknown", "https://kv-elsewhere.vault.azure.net/");
    const snap = makeSnapshot({
      subscriptions: [
        { collections: { resources: [listed(vault), listed(inTenant), listed(unknownHost)], keyVaults: [vault], managedHsms: [], storageAccounts: [inTenant, unknownHost] } },
        { subscriptionId: SUB2, collections: { managedHsms: [], storageAccounts: [] } },
      ],
      coverage: [failure("keyVaults", `/subscriptions/${SUB2}`)],
    });
    const f = run(snap, [enc07]);
    expect(summary(f)).toEqual(["not-assessed ENC-07 saunknown", "pass ENC-07 sainside"]);
    const na = f.find((x) => x.status === "not-assessed");
    expect(na?.notAssessed).toMatchObject({ scope: `/subscriptions/${SUB2}`, collection: "keyVaults", httpStatus: 403, code: "AuthorizationFailed" });
    // The unresolved key searched every subscription's vaults and HSMs.
    expect(na?.dependsOn).toEqual(expect.arrayContaining([{ collection: "keyVaults", scope: "/" }, { collection: "managedHsms", scope: "/" }]));
  });

  it("the same unknown host with every vault list read is a fail: nothing failed that it needed", () => {
    const vault = keyVault("kv-se");
    const unknownHost = cmkAccount("saunknown", "https://kv-elsewhere.vault.azure.net/");
    const snap = makeSnapshot({ subscriptions: [{ collections: { resources: [listed(vault), listed(unknownHost)], keyVaults: [vault], managedHsms: [], storageAccounts: [unknownHost] } }] });
    expect(summary(run(snap, [enc07]))).toEqual(["fail ENC-07 saunknown"]);
  });

  it("a failed child read blinds the one part that read it (ENC-02: a server's protector, not its database's TDE)", () => {
    const server = {
      id: armId("Microsoft.Sql/servers", "sql1"),
      name: "sql1",
      type: "Microsoft.Sql/servers",
      location: "swedencentral",
      kind: "v12.0",
      properties: { administratorLogin: "sqladmin", version: "12.0", state: "Ready", minimalTlsVersion: "1.2", publicNetworkAccess: "Disabled" },
    };
    const db = { id: `${server.id}/databases/appdb`, name: "appdb", type: "Microsoft.Sql/servers/databases", location: "swedencentral", kind: "v12.0,user", sku: { name: "GP_Gen5", tier: "GeneralPurpose" }, properties: { status: "Online" } };
    const tde = { id: `${db.id}/transparentDataEncryption/Current`, name: "Current", type: "Microsoft.Sql/servers/databases/transparentDataEncryption", properties: { state: "Enabled" } };
    const snap = makeSnapshot({
      subscriptions: [{ collections: { resources: [listed(server), listed(db)], sqlServers: [server], sqlDatabases: [db], sqlTransparentDataEncryption: [tde], sqlEncryptionProtectors: [], sqlManagedInstances: [], sqlManagedInstanceEncryptionProtectors: [] } }],
      coverage: [failure("sqlEncryptionProtectors", server.id)],
    });
    expect(summary(run(snap, [enc02]))).toEqual(["not-assessed ENC-02 sql1 protector", "pass ENC-02 appdb tde"]);
  });
});

describe("overlap of a dependency and a failed read", () => {
  const db = `${armId("Microsoft.Sql/servers", "sql1")}/databases/appdb`;
  const inventory = new Inventory(makeSnapshot({ coverage: [failure("sqlTransparentDataEncryption", db)] }));
  it.each([
    ["the failure's own scope", db, true],
    ["under the failure (a child of the database)", `${db}/transparentDataEncryption/current`, true],
    ["above the failure (every TDE setting of the subscription)", `/subscriptions/${SUB}`, true],
    ["every scope", "/", true],
    ["case differs (ids compare case-insensitively)", db.toUpperCase(), true],
    ["a sibling database", `${armId("Microsoft.Sql/servers", "sql1")}/databases/appdb2`, false],
    ["another subscription", `/subscriptions/${SUB2}`, false],
  ])("%s", (_, scope, blinded) => {
    expect(inventory.failureOverlapping("sqlTransparentDataEncryption", scope) !== undefined).toBe(blinded);
    expect(inventory.failureOverlapping("sqlDatabases", scope)).toBeUndefined();
  });
});

describe("naming what a failed list hid", () => {
  it("names each resource of the generic list under the failed scope, keeps the readable subscription's verdicts", () => {
    const seen = storageAccount("saseen");
    const hidden = storageAccount("sahidden", {}, "rg-app", SUB2);
    const snap = makeSnapshot({
      subscriptions: [
        { collections: { resources: [listed(seen)], storageAccounts: [seen] } },
        { subscriptionId: SUB2, collections: { resources: [listed(hidden)] } },
      ],
      coverage: [failure("storageAccounts", `/subscriptions/${SUB2}`)],
    });
    const f = run(snap, [enc01]);
    expect(summary(f)).toEqual(["fail ENC-01 saseen", "not-assessed ENC-01 sahidden"]);
    const named = f.find((x) => x.resourceName === "sahidden");
    expect(named?.resourceId).toBe(hidden.id);
    expect(named?.location).toBe("swedencentral");
    expect(named?.notAssessed).toMatchObject({ scope: `/subscriptions/${SUB2}`, collection: "storageAccounts", httpStatus: 403 });
  });

  it("where the generic list failed too, the failed scope itself stands for what it hid", () => {
    const snap = makeSnapshot({
      subscriptions: [{ subscriptionId: SUB2, collections: {} }],
      coverage: [failure("storageAccounts", `/subscriptions/${SUB2}`), failure("resources", `/subscriptions/${SUB2}`)],
    });
    const f = run(snap, [enc01]);
    expect(f.map((x) => `${x.status} ${x.resourceId}`)).toEqual([`not-assessed /subscriptions/${SUB2}`]);
  });

  it("a generic list read and empty there: nothing to name, no result", () => {
    const snap = makeSnapshot({ subscriptions: [{ subscriptionId: SUB2, collections: {} }], coverage: [failure("storageAccounts", `/subscriptions/${SUB2}`)] });
    expect(run(snap, [enc01])).toEqual([]);
  });

  it("the rule's own applicability decides which hidden targets are named (ENC-02: never master)", () => {
    const server = { id: armId("Microsoft.Sql/servers", "sql2", "rg-app", SUB2), name: "sql2", type: "Microsoft.Sql/servers", location: "swedencentral" };
    const user = { id: `${server.id}/databases/hr`, name: "hr", type: "Microsoft.Sql/servers/databases", location: "swedencentral" };
    const master = { id: `${server.id}/databases/master`, name: "master", type: "Microsoft.Sql/servers/databases", location: "swedencentral" };
    const snap = makeSnapshot({ subscriptions: [{ subscriptionId: SUB2, collections: { resources: [server, user, master] } }], coverage: [failure("sqlServers", `/subscriptions/${SUB2}`)] });
    expect(summary(run(snap, [enc02]))).toEqual(["not-assessed ENC-02 hr tde", "not-assessed ENC-02 sql2 protector"]);
  });

  it("lists per coverage entry the rules whose results it blinded, and no other", () => {
    const hidden = storageAccount("sahidden", {}, "rg-app", SUB2);
    const snap = makeSnapshot({
      subscriptions: [{ collections: {} }, { subscriptionId: SUB2, collections: { resources: [listed(hidden)] } }],
      coverage: [failure("storageAccounts", `/subscriptions/${SUB2}`), failure("diskEncryptionSets", `/subscriptions/${SUB}`)],
    });
    const inventory = new Inventory(snap);
    const runner = new RuleRunner(inventory, { config: defaultConfig(), now: NOW });
    for (const rule of [enc01, cls02]) runner.run(rule);
    const blinds = new Map([...runner.blinds].map(([entry, ids]) => [entry.collection, [...ids].sort()]));
    expect(Object.fromEntries(blinds)).toEqual({ storageAccounts: ["CLS-02", "ENC-01"] });
  });
});

describe("classification that could not be read", () => {
  // The resource group's tags decide (the account carries none); the resource-group list failed.
  const account = storageAccount("saplain");
  const snapWith = (coverage: Snapshot["coverage"]) =>
    makeSnapshot({
      subscriptions: [{ tags: {}, collections: { resourceGroups: coverage.length > 0 ? [] : [resourceGroup("rg-app", "swedencentral", level("1"))], resources: [listed(account)], storageAccounts: [account] } }],
      coverage,
    });

  it("keeps a by-level verdict, takes the highest severity the unread tags could give, marks it unknown", () => {
    const read = run(snapWith([]), [enc01]);
    expect(read.map((f) => `${f.status} ${f.severity} ${f.classification?.label}`)).toEqual(["fail low 1"]);
    const unread = run(snapWith([failure("resourceGroups", `/subscriptions/${SUB}`)]), [enc01]);
    expect(unread.map((f) => `${f.status} ${f.severity} ${f.classification?.label} ${f.classification?.source}`)).toEqual(["fail high unknown unknown"]);
  });

  it("a verdict about the classification itself is not assessed (CLS-02)", () => {
    expect(summary(run(snapWith([]), [cls02]))).toEqual(["pass CLS-02 saplain"]);
    const f = run(snapWith([failure("resourceGroups", `/subscriptions/${SUB}`)]), [cls02]);
    expect(summary(f)).toEqual(["not-assessed CLS-02 saplain"]);
    expect(f[0]?.notAssessed).toMatchObject({ collection: "resourceGroups", scope: `/subscriptions/${SUB}` });
  });
});
