/**
 * The rule runner (src/engine/run.ts) with small rules defined through the public rule API: the
 * findings it builds from a rule's results (names, types, locations, severities, messages,
 * fingerprints), what each verdict depends on, how a failed read blinds exactly the verdicts that
 * needed it, and the not-assessed results it adds for targets a failed list hid.
 */
import { describe, expect, it } from "vitest";
import { defaultConfig, defineRule, fingerprint, interpolate, Inventory, reasonOf, RuleEvaluationError, runRules } from "../../src/index.js";
import type { CoverageEntry, Finding, RuleDefinition, Snapshot } from "../../src/index.js";
import { enabledRules, ruleMeta, ruleSeverities, RuleRunner } from "../../src/engine/run.js";
import { NotReadyError } from "../../src/engine/inventory.js";
import { failure, makeSnapshot, resourceGroup, SUB, SUB2, TENANT } from "../fixtures/snapshot.js";
import { storageAccount } from "../fixtures/storage.js";
import { keyVault, vaultKey } from "../fixtures/vaults.js";

const NOW = new Date("2026-11-27T03:00:00Z");
const SUB_ID = `/subscriptions/${SUB}`;

const base = {
  name: "test-rule",
  title: { en: "Test", sv: "Test" },
  severity: "high" as const,
  rationale: { en: "r", sv: "r" },
  guidance: [],
  reads: ["storageAccounts" as const],
  messages: {
    ok: { en: "{{name}} is fine ({{detail}}).", sv: "{{name}} är godkänd ({{detail}})." },
    bad: { en: "{{name}} is not fine.", sv: "{{name}} är underkänd." },
  },
  remediation: { summary: { en: "x", sv: "x" } },
  references: ["https://learn.microsoft.com/azure/storage/common/customer-managed-keys-overview"],
};

function rule(over: Partial<RuleDefinition> & Pick<RuleDefinition, "evaluate">): RuleDefinition {
  return defineRule({ ...base, id: "TST-01", ...over });
}

function run(snapshot: Snapshot | Inventory, rules: RuleDefinition[], config = defaultConfig()): Finding[] {
  return runRules(snapshot, rules, { config, now: NOW }).findings;
}

/** The generic-list entry of a payload (`GET /subscriptions/{s}/resources`: no properties). */
function listed(r: { id: string; name?: unknown; type?: unknown; location?: unknown; tags?: unknown }) {
  return { id: r.id, name: r.name, type: r.type, location: r.location, tags: r.tags ?? {} } as never;
}

/** Judges every storage account with `each`: fail unless `properties.encryption.keySource` is Microsoft.Keyvault. */
const perAccount = rule({
  targets: [{ collection: "storageAccounts" }],
  evaluate: ({ inventory, each }, { pass, fail }) =>
    each(inventory.all("storageAccounts"), (a) =>
      (a.properties as { encryption?: { keySource?: string } } | undefined)?.encryption?.keySource === "Microsoft.Keyvault" ? pass(a, "ok", { detail: "customer key" }) : fail(a, "bad"),
    ),
});

describe("interpolate", () => {
  it("fills placeholders (spaces allowed), lists joined, absent values empty", () => {
    expect(interpolate("{{name}} in {{ regions }}: {{n}} {{missing}}{{nothing}}.", { name: "stdata", regions: ["westeurope", "northeurope"], n: 0, nothing: null })).toBe(
      "stdata in westeurope, northeurope: 0 .",
    );
    expect(interpolate("{{name}", { name: "x" })).toBe("{{name}");
  });
});

describe("rules that run, and their texts", () => {
  it("enabledRules leaves out rules the configuration disables (any casing) and deprecated ones", () => {
    const a = rule({ id: "TST-01", evaluate: () => [] });
    const b = rule({ id: "TST-02", evaluate: () => [] });
    const c = rule({ id: "TST-03", deprecated: true, evaluate: () => [] });
    const d = rule({ id: "TST-04", deprecated: false, evaluate: () => [] });
    expect(enabledRules([a, b, c, d], { ...defaultConfig(), disabledRules: ["tst-02"] }).map((r) => r.id)).toEqual(["TST-01", "TST-04"]);
  });

  it("ruleSeverities: a by-level rule's three, the target kinds' own, most severe first", () => {
    expect(ruleSeverities({ severity: "by-level" })).toEqual(["high", "medium", "low"]);
    expect(ruleSeverities({ severity: "medium", targets: [{ collection: "sqlServers", parts: ["protector"] }, { collection: "sqlDatabases", parts: ["tde"], severity: "critical" }] })).toEqual(["critical", "medium"]);
    expect(ruleSeverities({ severity: "low", targets: [] })).toEqual(["low"]);
  });

  it("ruleMeta: the texts stored once, the page address, the options the rule runs with", () => {
    const r = rule({ id: "TST-05", severity: "by-level", options: { schema: { type: "object" }, defaults: { maxDays: 90 } }, evaluate: () => [] });
    const config = { ...defaultConfig(), ruleOptions: { "TST-05": { maxDays: 30 } } };
    expect(ruleMeta(r, { config, helpUri: (x) => `https://example.org/rules/${x.id}` })).toEqual({
      id: "TST-05",
      name: "test-rule",
      title: base.title,
      severity: "by-level",
      severities: ["high", "medium", "low"],
      rationale: base.rationale,
      guidance: [],
      remediation: base.remediation,
      references: base.references,
      helpUri: "https://example.org/rules/TST-05",
      options: { maxDays: 30 },
    });
    const plain = ruleMeta(rule({ evaluate: () => [] }), { config: defaultConfig() });
    expect(plain.helpUri).toBe("");
    expect("options" in plain).toBe(false);
  });

  it("runRules lists the enabled rules' texts and accepts an inventory built beforehand", () => {
    const inv = new Inventory(makeSnapshot());
    const out = runRules(inv, [rule({ id: "TST-02", evaluate: () => [] }), rule({ id: "TST-03", deprecated: true, evaluate: () => [] })], { config: defaultConfig(), now: NOW });
    expect(out.inventory).toBe(inv);
    expect(out.rules.map((m) => m.id)).toEqual(["TST-02"]);
    expect(out.findings).toEqual([]);
  });
});

describe("findings from results", () => {
  const cmk = storageAccount("stcmk", { tags: { Confidentiality: "3" }, properties: { encryption: { keySource: "Microsoft.Keyvault" } } });
  const plain = storageAccount("stplain", { location: "swedensouth" });
  const snap = makeSnapshot({ subscriptions: [{ collections: { resourceGroups: [resourceGroup("rg-app", "swedencentral", { Confidentiality: "2" })], resources: [listed(cmk), listed(plain)], storageAccounts: [cmk, plain] } }] });

  it("pass and fail: name, type, place, severity, message in both languages, fingerprint, own dependency", () => {
    const f = run(snap, [perAccount]);
    expect(f).toEqual([
      {
        ruleId: "TST-01",
        status: "pass",
        severity: "high",
        resourceId: cmk.id,
        resourceKey: cmk.id.toLowerCase(),
        resourceType: "Microsoft.Storage/storageAccounts",
        resourceName: "stcmk",
        subscriptionId: SUB,
        resourceGroup: "rg-app",
        location: "swedencentral",
        subscriptionName: `Sub ${SUB.slice(0, 4)}`,
        classification: { level: 3, label: "3", source: "tag", from: cmk.id, tagKey: "Confidentiality" },
        messageId: "ok",
        message: { en: "stcmk is fine (customer key).", sv: "stcmk är godkänd (customer key)." },
        fingerprint: fingerprint("TST-01", cmk.id),
        dependsOn: [{ collection: "storageAccounts" }],
      },
      expect.objectContaining({ status: "fail", resourceName: "stplain", location: "swedensouth", message: { en: "stplain is not fine.", sv: "stplain är underkänd." }, dependsOn: [{ collection: "storageAccounts" }] }),
    ]);
    // The fingerprint is the documented hash: sha-256 of `RULE|lower-cased id|part`, first 32 hex digits.
    expect(f[0]?.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it("by-level severity follows the target's classification; a result may set its own", () => {
    const byLevel = rule({
      severity: "by-level",
      evaluate: ({ inventory, each }, { fail }) => each(inventory.all("storageAccounts"), (a) => (a.name === "stcmk" ? fail(a, "bad") : fail(a, "bad", {}, { severity: "critical" }))),
    });
    expect(run(snap, [byLevel]).map((f) => `${f.resourceName} ${f.severity}`)).toEqual(["stcmk high", "stplain critical"]);
    const inherited = rule({ severity: "by-level", evaluate: ({ inventory, each }, { fail }) => each(inventory.all("storageAccounts").filter((a) => a.name === "stplain"), (a) => fail(a, "bad")) });
    expect(run(snap, [inherited])[0]?.severity).toBe("medium");
  });

  it("a synthetic target: its own name, type and location win; otherwise the generic list's, else the id's last segment", () => {
    const synthetic = rule({
      evaluate: ({ each }, { fail }) =>
        each([1], () => [
          fail({ id: cmk.id, name: "Shown name", type: "Custom/type", location: "norwayeast" }, "bad", {}, { part: "primary" }),
          fail({ id: `${SUB_ID}/resourceGroups/rg-app/providers/Microsoft.Web/sites/app-bokning` }, "bad"),
          fail({ id: cmk.id }, "bad", {}, { part: "secondary" }),
        ]),
    });
    const f = run(snap, [synthetic]);
    expect(f.map((x) => [x.resourceName, x.resourceType, x.location ?? "-", x.part ?? "-"])).toEqual([
      ["Shown name", "Custom/type", "norwayeast", "primary"],
      ["app-bokning", "Microsoft.Web/sites", "-", "-"],
      ["stcmk", "Microsoft.Storage/storageAccounts", "swedencentral", "secondary"],
    ]);
    // A verdict that read nothing stores no dependencies; a part changes the fingerprint.
    expect(f.map((x) => x.dependsOn)).toEqual([undefined, undefined, undefined]);
    expect(f[0]?.fingerprint).toBe(fingerprint("TST-01", cmk.id, "primary"));
    expect(f[0]?.fingerprint).not.toBe(f[2]?.fingerprint);
  });

  it("a tenant-level target has no type, subscription or classification", () => {
    const tenantRule = rule({ evaluate: ({ each }, { pass }) => each([1], () => pass({ id: `/tenants/${TENANT}`, name: "Exempel kommun" }, "ok", { detail: "tenant" })) });
    const [f] = run(snap, [tenantRule]);
    expect(f && ["resourceType", "subscriptionId", "resourceGroup", "classification", "location", "evidence"].filter((k) => k in f)).toEqual([]);
    expect(f?.resourceName).toBe("Exempel kommun");
  });

  it("evidence is kept when given, left out when empty; an attestation need is kept", () => {
    const need = { key: "m365DefaultGeo", state: "missing" as const, what: { en: "w", sv: "w" }, readAt: { en: "r", sv: "r" }, example: "attestations: …" };
    const r = rule({
      messages: { ...base.messages, attest: { en: "{{name}} needs attestation.", sv: "{{name}} kräver intygande." } },
      evaluate: ({ each }, { fail, attestationRequired }) =>
        each([1], () => [
          fail({ id: cmk.id }, "bad", {}, { evidence: [{ path: "properties.encryption.keySource", actual: "Microsoft.Storage", expected: "Microsoft.Keyvault" }] }),
          fail({ id: plain.id }, "bad", {}, { evidence: [] }),
          attestationRequired({ id: `/tenants/${TENANT}`, name: "Exempel kommun" }, "attest", need),
        ]),
    });
    const f = run(snap, [r]);
    expect(f[0]?.evidence).toEqual([{ path: "properties.encryption.keySource", actual: "Microsoft.Storage", expected: "Microsoft.Keyvault" }]);
    expect(f[1] && "evidence" in f[1]).toBe(false);
    expect(f[2]).toMatchObject({ status: "attestation-required", messageId: "attest", message: { en: "Exempel kommun needs attestation.", sv: "Exempel kommun kräver intygande." }, attestation: need });
  });

  it("a part the rule keeps part-less keeps the part-less fingerprint", () => {
    const r = rule({ parts: ["licensed", "configured"], partlessFingerprintParts: ["licensed"], evaluate: ({ each }, { pass }) => each([1], () => [pass({ id: cmk.id }, "ok", {}, { part: "licensed" }), pass({ id: cmk.id }, "ok", {}, { part: "configured" })]) });
    expect(run(snap, [r]).map((f) => f.fingerprint)).toEqual([fingerprint("TST-01", cmk.id), fingerprint("TST-01", cmk.id, "configured")]);
  });

  it("a not-assessed result of the rule's own gets the standard message; one with a template of its own keeps it", () => {
    const reason = { scope: cmk.id, collection: "storageAccounts", code: "PropertyMissing", message: "encryption not returned" };
    const own = rule({ evaluate: ({ each }, { notAssessed }) => each([1], () => notAssessed({ id: cmk.id }, reason)) });
    expect(run(snap, [own])[0]).toMatchObject({
      status: "not-assessed",
      messageId: "__notAssessed",
      message: { en: "stcmk was not assessed: storageAccounts could not be read (PropertyMissing).", sv: "stcmk bedömdes inte: storageAccounts kunde inte läsas (PropertyMissing)." },
      notAssessed: reason,
    });
    const withTemplate = rule({
      messages: { ...base.messages, __notAssessed: { en: "{{name}}: own text.", sv: "{{name}}: egen text." } },
      evaluate: ({ each }, { notAssessed }) => each([1], () => notAssessed({ id: cmk.id }, reason)),
    });
    expect(run(snap, [withTemplate])[0]?.message).toEqual({ en: "stcmk: own text.", sv: "stcmk: egen text." });
  });

  it("an unknown message id stops the run with the rule's id", () => {
    const r = rule({ id: "TST-09", evaluate: ({ each }, { fail }) => each([1], () => fail({ id: cmk.id }, "nosuch")) });
    expect(() => run(snap, [r])).toThrow(new RuleEvaluationError("TST-09", new Error('unknown messageId "nosuch"')).message);
    expect(() => run(snap, [r])).toThrow('Rule TST-09 failed while evaluating the snapshot: unknown messageId "nosuch"');
  });

  it("a rule that throws something that is not an Error is reported with it as text", () => {
    const r = rule({ id: "TST-08", evaluate: () => { throw "bad state"; } });
    expect(() => run(snap, [r])).toThrow("Rule TST-08 failed while evaluating the snapshot: bad state");
  });

  it("a question the partial inventory cannot answer yet is not the rule's error", () => {
    const inv = new Inventory(snap, { complete: ["storageAccounts"] });
    const r = rule({ evaluate: ({ inventory }) => inventory.all("keyVaults").map(() => { throw new Error("unreachable"); }) });
    expect(() => new RuleRunner(inv, { config: defaultConfig(), now: NOW }).run(r)).toThrow(NotReadyError);
  });

  it("each skips undefined and null verdicts and accepts lists", () => {
    const r = rule({ evaluate: ({ inventory, each }, { fail }) => each(inventory.all("storageAccounts"), (a) => (a.name === "stcmk" ? (null as never) : [fail(a, "bad"), fail(a, "bad", {}, { part: "p2" })])) });
    expect(run(snap, [r]).map((f) => `${f.resourceName} ${f.part ?? ""}`)).toEqual(["stplain ", "stplain p2"]);
  });

  it("the rule's options are its defaults with the configuration's over them, frozen", () => {
    let seen: unknown;
    let frozen = false;
    const r = rule({ id: "TST-06", options: { schema: { type: "object" }, defaults: { maxDays: 90, strict: false } }, evaluate: ({ options }) => {
        seen = options;
        frozen = Object.isFrozen(options);
        return [];
      },
    });
    run(snap, [r], { ...defaultConfig(), ruleOptions: { "TST-06": { strict: true } } });
    expect(seen).toEqual({ maxDays: 90, strict: true });
    expect(frozen).toBe(true);
  });
});

describe("what a verdict depends on, and blinding", () => {
  const vault = keyVault("kv-app");
  const key = vaultKey(vault, "cmk");
  const sa = storageAccount("stapp");

  /** One result per key, judged by its vault: depends on the key (own), and on the vault at its id. */
  const perKey = rule({
    reads: ["vaultKeys", "keyVaults"],
    targets: [{ collection: "vaultKeys" }],
    evaluate: ({ inventory, each }, { pass, fail }) =>
      each(inventory.all("vaultKeys"), (k) => {
        const v = inventory.get(k.id.slice(0, k.id.lastIndexOf("/keys/")));
        return v ? pass(k, "ok", { detail: v.name }) : fail(k, "bad");
      }),
  });

  it("a result at another target than the item depends on the item at its id", () => {
    const r = rule({
      reads: ["vaultKeys"],
      evaluate: ({ inventory, each }, { fail }) => each(inventory.all("vaultKeys"), () => fail({ id: vault.id }, "bad")),
    });
    const f = run(makeSnapshot({ subscriptions: [{ collections: { keyVaults: [vault], vaultKeys: [key] } }] }), [r]);
    expect(f[0]?.dependsOn).toEqual([{ collection: "vaultKeys", scope: key.id }]);
  });

  it("a verdict's lookups follow its own dependency", () => {
    const f = run(makeSnapshot({ subscriptions: [{ collections: { keyVaults: [vault], vaultKeys: [key] } }] }), [perKey]);
    expect(f[0]?.dependsOn).toEqual([{ collection: "vaultKeys" }, { collection: "keyVaults", scope: vault.id }]);
  });

  it("items that are not ARM payloads give their verdicts only the lookups' dependencies", () => {
    const r = rule({ evaluate: ({ inventory, each }, { fail }) => each(["stapp"], (n) => {
          inventory.all("storageAccounts");
          return fail({ id: sa.id }, "bad", { n });
        }),
    });
    const noId = rule({ evaluate: ({ each }, { fail }) => each([{ id: 7 }], () => fail({ id: sa.id }, "bad")) });
    const notIndexed = rule({ evaluate: ({ each }, { fail }) => each([{ id: sa.id }], () => fail({ id: sa.id }, "bad")) });
    const s = makeSnapshot({ subscriptions: [{ collections: { storageAccounts: [sa] } }] });
    expect(run(s, [r])[0]?.dependsOn).toEqual([{ collection: "storageAccounts", scope: "/" }]);
    expect(run(s, [noId])[0]?.dependsOn).toBeUndefined();
    expect(run(s, [notIndexed])[0]?.dependsOn).toBeUndefined();
  });

  it("a failed read the verdict needed blinds it: not assessed, the failure's reason and message, no evidence", () => {
    const snap = makeSnapshot({
      subscriptions: [{ collections: { keyVaults: [], vaultKeys: [key] } }],
      coverage: [failure("keyVaults", vault.id, { httpStatus: 404, code: "ResourceNotFound", message: "The Resource was not found.", permission: "Microsoft.KeyVault/vaults/read" })],
    });
    const inv = new Inventory(snap);
    const runner = new RuleRunner(inv, { config: defaultConfig(), now: NOW });
    const withEvidence = rule({
      ...perKey,
      evaluate: ({ inventory, each }, { fail }) => each(inventory.all("vaultKeys"), (k) => {
          inventory.get(vault.id);
          return fail(k, "bad", {}, { evidence: [{ path: "properties.attributes.exp", actual: undefined }] });
        }),
    });
    const [f] = runner.run(withEvidence);
    expect(f).toMatchObject({
      status: "not-assessed",
      messageId: "__notAssessed",
      message: { en: "cmk was not assessed: keyVaults could not be read (ResourceNotFound, HTTP 404).", sv: "cmk bedömdes inte: keyVaults kunde inte läsas (ResourceNotFound, HTTP 404)." },
      notAssessed: { scope: vault.id, collection: "keyVaults", httpStatus: 404, code: "ResourceNotFound", message: "The Resource was not found.", permission: "Microsoft.KeyVault/vaults/read" },
      dependsOn: [{ collection: "vaultKeys" }, { collection: "keyVaults", scope: vault.id }],
    });
    expect(f && "evidence" in f).toBe(false);
    expect([...runner.blinds].map(([e, ids]) => [e.collection, [...ids]])).toEqual([["keyVaults", ["TST-01"]]]);
  });

  it("a failed read elsewhere blinds nothing it read (the keys hidden there get their scope's result)", () => {
    const snap = makeSnapshot({
      subscriptions: [{ collections: { keyVaults: [vault], vaultKeys: [key] } }],
      coverage: [failure("keyVaults", `/subscriptions/${SUB2}`)],
    });
    const inv = new Inventory(snap);
    const runner = new RuleRunner(inv, { config: defaultConfig(), now: NOW });
    expect(runner.run(perKey).map((f) => `${f.status} ${f.resourceName}`)).toEqual(["pass cmk", `not-assessed ${SUB2}`]);
    expect(runner.run(rule({ evaluate: perKey.evaluate })).map((f) => `${f.status} ${f.resourceName}`)).toEqual(["pass cmk"]);
  });

  it("a result judged outside `each` depends on the rule's reads (for its part) at its target", () => {
    const old = rule({
      reads: ["storageAccounts", { collection: "keyVaults", part: "vault" }],
      evaluate: ({ inventory }, { fail }) => inventory.all("storageAccounts").flatMap((a) => [fail(a, "bad", {}, { part: "account" }), fail(a, "bad", {}, { part: "vault" })]),
    });
    const f = run(makeSnapshot({ subscriptions: [{ collections: { storageAccounts: [sa] } }] }), [old]);
    expect(f.map((x) => x.dependsOn)).toEqual([
      [{ collection: "storageAccounts", scope: sa.id }],
      [
        { collection: "storageAccounts", scope: sa.id },
        { collection: "keyVaults", scope: sa.id },
      ],
    ]);
  });

  it("a rule without target kinds: a failed scope with no result under it gets one not-assessed result", () => {
    const old = rule({
      severity: "by-level",
      reads: ["storageAccounts", { collection: "keyVaults", part: "vault" }],
      evaluate: ({ inventory }, { fail }) => inventory.all("storageAccounts").map((a) => fail(a, "bad", {}, { part: "vault" })),
    });
    const snap = makeSnapshot({
      subscriptions: [{ tags: { Confidentiality: "1" }, collections: { storageAccounts: [sa] } }, { subscriptionId: SUB2, collections: {} }],
      coverage: [failure("storageAccounts", `/subscriptions/${SUB2}`), failure("storageAccounts", SUB_ID, { operation: "GET second page" }), failure("keyVaults", `/subscriptions/${SUB2}`, { httpStatus: undefined, code: "NetworkError", message: "socket hang up" })],
    });
    const f = run(snap, [old]);
    expect(f.map((x) => `${x.status} ${x.resourceId} ${x.part ?? "-"}`)).toEqual([
      `not-assessed ${sa.id} vault`,
      `not-assessed /subscriptions/${SUB2} -`,
      `not-assessed /subscriptions/${SUB2} vault`,
    ]);
    expect(f[1]).toEqual({
      ruleId: "TST-01",
      status: "not-assessed",
      severity: "medium",
      resourceId: `/subscriptions/${SUB2}`,
      resourceKey: `/subscriptions/${SUB2}`,
      resourceType: "Microsoft.Resources/subscriptions",
      resourceName: SUB2,
      subscriptionId: SUB2,
      subscriptionName: `Sub ${SUB2.slice(0, 4)}`,
      // The configuration's default level (2) where no tag is found: medium.
      classification: { level: 2, label: "2", source: "default" },
      messageId: "__notAssessed",
      message: { en: `${SUB2} was not assessed: storageAccounts could not be read (AuthorizationFailed, HTTP 403).`, sv: `${SUB2} bedömdes inte: storageAccounts kunde inte läsas (AuthorizationFailed, HTTP 403).` },
      fingerprint: fingerprint("TST-01", `/subscriptions/${SUB2}`),
      notAssessed: reasonOf(snap.coverage[0] as CoverageEntry),
      dependsOn: [{ collection: "storageAccounts" }],
    });
    expect(f[2]?.message.en).toBe(`${SUB2} was not assessed: keyVaults could not be read (NetworkError).`);
    expect(f[2]?.fingerprint).toBe(fingerprint("TST-01", `/subscriptions/${SUB2}`, "vault"));
  });

  it("reasonOf keeps the failure's fields, a status and permission only when given", () => {
    expect(reasonOf(failure("keyVaults", SUB_ID, { httpStatus: undefined, code: "Timeout", message: "no answer in 30 s" }))).toEqual({ scope: SUB_ID, collection: "keyVaults", code: "Timeout", message: "no answer in 30 s" });
    expect(reasonOf(failure("m365Users", `/tenants/${TENANT}/users`, { httpStatus: 403, code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation.", permission: "User.Read.All" }))).toEqual({
      scope: `/tenants/${TENANT}/users`,
      collection: "m365Users",
      httpStatus: 403,
      code: "Authorization_RequestDenied",
      message: "Insufficient privileges to complete the operation.",
      permission: "User.Read.All",
    });
  });

  it("a long error code is cut in the message, kept whole in the reason", () => {
    const code = "X".repeat(70);
    const snap = makeSnapshot({ subscriptions: [{ subscriptionId: SUB2, collections: {} }], coverage: [failure("storageAccounts", `/subscriptions/${SUB2}`, { code, httpStatus: 500 }), failure("resources", `/subscriptions/${SUB2}`)] });
    const [f] = run(snap, [perAccount]);
    expect(f?.message.en).toBe(`${SUB2} was not assessed: storageAccounts could not be read (${"X".repeat(63)}…, HTTP 500).`);
    expect(f?.notAssessed?.code).toBe(code);
    const exact = "Y".repeat(64);
    const snap2 = makeSnapshot({ subscriptions: [{ subscriptionId: SUB2, collections: {} }], coverage: [failure("storageAccounts", `/subscriptions/${SUB2}`, { code: exact }), failure("resources", `/subscriptions/${SUB2}`)] });
    expect(run(snap2, [perAccount])[0]?.message.en).toBe(`${SUB2} was not assessed: storageAccounts could not be read (${exact}, HTTP 403).`);
  });
});

describe("targets a failed list hid", () => {
  const seen = storageAccount("stseen");
  const hidden = storageAccount("sthidden", { tags: { Confidentiality: "3" } }, "rg-app", SUB2);
  const hidden2 = storageAccount("sthidden2", { kind: "BlobStorage" }, "rg-app", SUB2);

  it("each hidden resource the generic list shows gets a result per part, with the target kind's severity and applicability", () => {
    const r = rule({
      severity: "by-level",
      parts: ["at-rest", "in-transit"],
      targets: [{ collection: "storageAccounts", parts: ["at-rest", "in-transit"], severity: "low", applies: (a) => a.kind !== "BlobStorage" }],
      evaluate: perAccount.evaluate,
    });
    const snap = makeSnapshot({
      subscriptions: [
        { collections: { resources: [listed(seen)], storageAccounts: [seen] } },
        { subscriptionId: SUB2, collections: { resources: [listed(hidden), { ...(listed(hidden2) as object), kind: "BlobStorage" } as never] } },
      ],
      coverage: [failure("storageAccounts", `/subscriptions/${SUB2}`)],
    });
    const inv = new Inventory(snap);
    const runner = new RuleRunner(inv, { config: defaultConfig(), now: NOW });
    const f = runner.run(r);
    expect(f.map((x) => `${x.status} ${x.resourceName} ${x.part ?? "-"} ${x.severity}`)).toEqual(["fail stseen - medium", "not-assessed sthidden at-rest low", "not-assessed sthidden in-transit low"]);
    expect(f[1]).toMatchObject({
      resourceId: hidden.id,
      location: "swedencentral",
      classification: { level: 3, source: "tag" },
      notAssessed: { scope: `/subscriptions/${SUB2}`, collection: "storageAccounts", httpStatus: 403, code: "AuthorizationFailed" },
      dependsOn: [{ collection: "storageAccounts" }],
      fingerprint: fingerprint("TST-01", hidden.id, "at-rest"),
    });
    expect([...runner.blinds].map(([e, ids]) => [e.scope, [...ids]])).toEqual([[`/subscriptions/${SUB2}`, ["TST-01"]]]);
  });

  it("a failed parent list hides the children too (keys under a vault list that failed)", () => {
    const vault = keyVault("kv-hidden", {}, "rg-keys", SUB2);
    const snap = makeSnapshot({ subscriptions: [{ subscriptionId: SUB2, collections: { resources: [listed(vault)] } }], coverage: [failure("keyVaults", `/subscriptions/${SUB2}`)] });
    const r = rule({ reads: ["vaultKeys"], targets: [{ collection: "vaultKeys" }], evaluate: ({ inventory, each }, { pass }) => each(inventory.all("vaultKeys"), (k) => pass(k, "ok")) });
    // Keys never appear in the generic list: the failed scope stands for them.
    expect(run(snap, [r]).map((x) => `${x.status} ${x.resourceId} ${x.dependsOn?.[0]?.collection}`)).toEqual([`not-assessed /subscriptions/${SUB2} keyVaults`]);
  });

  it("a target kind given through `via`: its failure hides the targets too", () => {
    const snap = makeSnapshot({ subscriptions: [{ subscriptionId: SUB2, collections: { resources: [listed(hidden)], storageAccounts: [] } }], coverage: [failure("keyVaults", `/subscriptions/${SUB2}`)] });
    const r = rule({ targets: [{ collection: "storageAccounts", via: ["keyVaults"] }], evaluate: perAccount.evaluate });
    expect(run(snap, [r]).map((x) => `${x.status} ${x.resourceName} ${x.notAssessed?.collection}`)).toEqual(["not-assessed sthidden keyVaults"]);
  });

  it("a result the rule gave for the hidden resource is not repeated", () => {
    const snap = makeSnapshot({
      subscriptions: [{ subscriptionId: SUB2, collections: { resources: [listed(hidden)], storageAccounts: [hidden] } }],
      coverage: [failure("storageAccounts", `/subscriptions/${SUB2}/resourceGroups/rg-app`, { code: "ResourceListTruncated" })],
    });
    expect(run(snap, [perAccount]).map((x) => `${x.status} ${x.resourceName}`)).toEqual(["not-assessed sthidden"]);
  });

  it("where the generic list cannot name them, the failed scope gets one result per part, once per scope", () => {
    const r = rule({ parts: ["a", "b"], targets: [{ collection: "storageAccounts", parts: ["a", "b"], severity: "critical" }], evaluate: () => [] });
    const snap = makeSnapshot({
      subscriptions: [{ subscriptionId: SUB2, collections: {} }],
      coverage: [failure("storageAccounts", `/subscriptions/${SUB2}`), failure("storageAccounts", `/subscriptions/${SUB2}`, { operation: "GET page 2", code: "PagingLoop" }), failure("resources", `/subscriptions/${SUB2}`)],
    });
    const inv = new Inventory(snap);
    const runner = new RuleRunner(inv, { config: defaultConfig(), now: NOW });
    const f = runner.run(r);
    expect(f.map((x) => `${x.resourceId} ${x.part} ${x.severity} ${x.notAssessed?.code}`)).toEqual([
      `/subscriptions/${SUB2} a critical AuthorizationFailed`,
      `/subscriptions/${SUB2} b critical AuthorizationFailed`,
    ]);
    // Both failures there are what the scope's results stand for.
    expect([...runner.blinds.keys()].map((e) => e.code).sort()).toEqual(["AuthorizationFailed", "PagingLoop"]);
  });

  it("a result already blinded by the failure, or of the failed list's own kind under its scope, stands for it", () => {
    const snap = makeSnapshot({
      subscriptions: [{ subscriptionId: SUB2, collections: { storageAccounts: [hidden] } }],
      coverage: [failure("storageAccounts", `/subscriptions/${SUB2}`, { code: "ResourceListTruncated", httpStatus: 200 }), failure("resources", `/subscriptions/${SUB2}`)],
    });
    // The list was cut off part-way: the account read keeps its own verdict, and the scope gets no extra result.
    const own = rule({ targets: [{ collection: "storageAccounts" }], evaluate: ({ each }, { fail }) => each([1], () => fail({ id: hidden.id }, "bad")) });
    expect(run(snap, [own]).map((x) => `${x.status} ${x.resourceName}`)).toEqual(["fail sthidden"]);
    // A derived kind (another type) cannot stand for the scope.
    const derived = rule({ targets: [{ collection: "storageAccounts", type: "Microsoft.Storage/storageAccounts/blobServices" }], evaluate: ({ each }, { fail }) => each([1], () => fail({ id: `${hidden.id}/blobServices/default` }, "bad")) });
    expect(run(snap, [derived]).map((x) => `${x.status} ${x.resourceName}`)).toEqual(["fail default", `not-assessed ${SUB2}`]);
    // Blinded by that very failure: it stands for the scope.
    const blinded = rule({ targets: [{ collection: "storageAccounts", type: "Microsoft.Storage/storageAccounts/blobServices" }], evaluate: ({ inventory, each }, { fail }) => each(inventory.all("storageAccounts"), (a) => fail({ id: `${a.id}/blobServices/default` }, "bad")) });
    expect(run(snap, [blinded]).map((x) => `${x.status} ${x.resourceName}`)).toEqual(["not-assessed default"]);
  });

  it("a tenant-level target kind: the tenant itself, named, with the fingerprint of a night it was read", () => {
    const snap = makeSnapshot({ coverage: [failure("customerLockbox", `/tenants/${TENANT}`, { httpStatus: 403, code: "AuthorizationFailed" })] });
    snap.tenant.displayName = "Exempel kommun";
    const r = rule({ reads: ["customerLockbox"], targets: [{ collection: "customerLockbox", type: "Microsoft.Resources/tenants", severity: "medium" }], evaluate: () => [] });
    const [f, ...rest] = run(snap, [r]);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      status: "not-assessed",
      severity: "medium",
      resourceId: `/tenants/${TENANT}`,
      resourceKey: `/tenants/${TENANT}`,
      resourceType: "Microsoft.Resources/tenants",
      resourceName: "Exempel kommun",
      fingerprint: fingerprint("TST-01", `/tenants/${TENANT}`),
      message: { en: "Exempel kommun was not assessed: customerLockbox could not be read (AuthorizationFailed, HTTP 403).", sv: "Exempel kommun bedömdes inte: customerLockbox kunde inte läsas (AuthorizationFailed, HTTP 403)." },
    });
    const unnamed = makeSnapshot({ coverage: snap.coverage });
    expect(run(unnamed, [r])[0]?.resourceName).toBe(TENANT);
    // The tenant judged already: nothing added.
    const judged = rule({ ...r, evaluate: ({ each }, { pass }) => each([1], () => pass({ id: `/tenants/${TENANT}`, name: "Exempel kommun" }, "ok")) });
    expect(run(snap, [judged]).map((x) => x.status)).toEqual(["pass"]);
  });
});
