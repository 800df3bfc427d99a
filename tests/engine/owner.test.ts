/**
 * Who must act: the owner tag (configuration `ownerTags`) inherited resource → resource group →
 * subscription, the e-mail shape that makes an owner personal, and the subscription name and
 * resource group the engine puts on every result of a resource (and on no tenant-level result).
 */
import { describe, expect, it } from "vitest";
import { defaultConfig, defineRule, Inventory, runRules } from "../../src/index.js";
import { Classifier } from "../../src/engine/classification.js";
import { isPersonalOwner, OwnerFinder, ownerFromTags } from "../../src/engine/owner.js";
import { armId, failure, makeSnapshot, resourceGroup, SUB, SUB2, TENANT } from "../fixtures/snapshot.js";
import { storageAccount } from "../fixtures/storage.js";

describe("isPersonalOwner: an e-mail address or UPN anywhere in the value", () => {
  const cases: [string, boolean][] = [
    ["it-drift@kommun.se", true],
    ["IT-drift", false],
    ["Team Ekonomi <ekonomi@x.se>", true],
    ["anna.andersson@kommun.onmicrosoft.com", true],
    ["anna@kommun", true], // a UPN suffix need not have a dot
    ["Åsa.Öberg@växjö.se", true],
    ["mailto:anna@kommun.se", true],
    ["anna+hemvist@kommun.se", true],
    ["Ekonomiavdelningen", false],
    ["@ekonomi", false],
    ["ekonomi@", false],
    ["IT @ kommun", false],
    ["Kontakt: servicedesk", false],
    ["Team Ekonomi (kostnadsställe 4711)", false],
    ["", false],
  ];
  it.each(cases)("%j → %s", (value, personal) => {
    expect(isPersonalOwner(value)).toBe(personal);
  });
});

describe("ownerFromTags", () => {
  const keys = ["owner", "ansvarig"];
  it("matches keys case-insensitively and keeps the key as spelled on the resource", () => {
    expect(ownerFromTags({ OWNER: "IT-drift" }, keys)).toEqual({ value: "IT-drift", key: "OWNER" });
    expect(ownerFromTags({ Ansvarig: " Team Ekonomi " }, keys)).toEqual({ value: "Team Ekonomi", key: "Ansvarig" });
  });
  it("the configured order decides between two keys on one carrier, not the order of the tags", () => {
    expect(ownerFromTags({ ansvarig: "Team B", owner: "Team A" }, keys)).toEqual({ value: "Team A", key: "owner" });
    expect(ownerFromTags({ ansvarig: "Team B", owner: "Team A" }, ["ansvarig", "owner"])).toEqual({ value: "Team B", key: "ansvarig" });
  });
  it("an empty or whitespace value, a non-string value or no tags is no owner", () => {
    expect(ownerFromTags({ owner: "   " }, keys)).toBeUndefined();
    expect(ownerFromTags({ owner: "" }, keys)).toBeUndefined();
    expect(ownerFromTags({ owner: "  ", ansvarig: "Team B" }, keys)).toEqual({ value: "Team B", key: "ansvarig" });
    expect(ownerFromTags({ owner: 7 } as Record<string, unknown>, keys)).toBeUndefined();
    expect(ownerFromTags(null, keys)).toBeUndefined();
    expect(ownerFromTags({ owner: "Team A" }, [])).toBeUndefined();
  });
});

describe("inheritance: resource beats resource group beats subscription", () => {
  const server = { id: armId("Microsoft.Sql/servers", "s1", "rg-data"), name: "s1", type: "Microsoft.Sql/servers", location: "swedencentral", tags: { Owner: "Team Databas" } };
  const db = { id: `${server.id}/databases/db1`, name: "db1", type: "Microsoft.Sql/servers/databases", location: "swedencentral", tags: {} };
  const snap = makeSnapshot({
    subscriptions: [
      {
        tags: { ansvarig: "it-drift@kommun.se" },
        collections: {
          resourceGroups: [resourceGroup("rg-app", "swedencentral", { ANSVARIG: "Team Ekonomi" }), resourceGroup("rg-data", "swedencentral", { owner: "   " }), resourceGroup("rg-none", "swedencentral", {})],
          sqlServers: [server],
          sqlDatabases: [db],
          storageAccounts: [
            storageAccount("own", { tags: { owner: "Team Lagring" } }),
            storageAccount("inherits", { tags: {} }),
            storageAccount("blank", { tags: { owner: " " } }),
            storageAccount("in-none", { tags: {} }, "rg-none"),
          ],
        },
      },
    ],
  });
  const inv = new Inventory(snap);
  const finder = new OwnerFinder(inv, ["owner", "ansvarig"], new Classifier(inv, defaultConfig().classification));
  const sa = (name: string, rg = "rg-app") => armId("Microsoft.Storage/storageAccounts", name, rg);
  const table: [string, string, { value: string; key: string; source: string; personal: boolean }][] = [
    ["own tag", sa("own"), { value: "Team Lagring", key: "owner", source: "resource", personal: false }],
    ["resource group's tag (key ANSVARIG)", sa("inherits"), { value: "Team Ekonomi", key: "ANSVARIG", source: "resource-group", personal: false }],
    ["blank own tag: the resource group's", sa("blank"), { value: "Team Ekonomi", key: "ANSVARIG", source: "resource-group", personal: false }],
    ["untagged group: the subscription's (an address, personal)", sa("in-none", "rg-none"), { value: "it-drift@kommun.se", key: "ansvarig", source: "subscription", personal: true }],
    ["a database: its server's tag (a parent resource)", db.id, { value: "Team Databas", key: "Owner", source: "resource", personal: false }],
    ["a resource group itself", `/subscriptions/${SUB}/resourceGroups/rg-app`, { value: "Team Ekonomi", key: "ANSVARIG", source: "resource-group", personal: false }],
    ["a group with a blank tag: the subscription's", `/subscriptions/${SUB}/resourceGroups/rg-data`, { value: "it-drift@kommun.se", key: "ansvarig", source: "subscription", personal: true }],
    ["the subscription itself", `/subscriptions/${SUB}`, { value: "it-drift@kommun.se", key: "ansvarig", source: "subscription", personal: true }],
  ];
  it.each(table)("%s", (_label, id, expected) => {
    expect(finder.ownerOf(id)).toEqual(expected);
  });
  it("a tenant-level id has no owner; no keys configured is no owner anywhere", () => {
    expect(finder.ownerOf(`/tenants/${TENANT}`)).toBeUndefined();
    expect(new OwnerFinder(inv, [], new Classifier(inv, defaultConfig().classification)).ownerOf(sa("own"))).toBeUndefined();
  });
  it("the configured keys' order is kept up the chain too: the nearest carrier wins over the preferred key", () => {
    const f = new OwnerFinder(inv, ["ansvarig", "owner"], new Classifier(inv, defaultConfig().classification));
    expect(f.ownerOf(sa("own"))).toMatchObject({ value: "Team Lagring", source: "resource" });
  });
});

describe("the engine fills subscriptionName, resourceGroup and owner on results of resources only", () => {
  const rule = defineRule({
    id: "TST-OWN", name: "owner-test", title: { en: "t", sv: "t" }, severity: "high", rationale: { en: "r", sv: "r" }, guidance: [],
    reads: [{ collection: "storageAccounts" }], messages: { bad: { en: "{{name}} bad.", sv: "{{name}} underkänd." }, ok: { en: "{{name}} ok.", sv: "{{name}} ok." } },
    evaluate: ({ inventory }, { fail, pass }) => [
      ...inventory.all("storageAccounts").map((s) => fail(s, "bad", {})),
      pass({ id: `/tenants/${TENANT}`, type: "Microsoft.Resources/tenants", name: "Kommunen" }, "ok", {}),
    ],
    remediation: { summary: { en: "x", sv: "x" } }, references: [],
  });
  const snap = makeSnapshot({
    subscriptions: [
      { tags: { Owner: "IT-drift" }, collections: { resourceGroups: [resourceGroup("rg-app", "swedencentral", {})], storageAccounts: [storageAccount("sa1", { tags: {} })] } },
      { subscriptionId: SUB2, tags: {}, collections: { resourceGroups: [resourceGroup("rg-app", "swedencentral", {}, SUB2)], storageAccounts: [] } },
    ],
    coverage: [failure("storageAccounts", `/subscriptions/${SUB2}`)],
  });
  // Evaluated inside each test, not while the file is collected, so mutation testing sees it.
  const findings = () => runRules(snap, [rule], { config: defaultConfig(), now: new Date("2026-12-01T00:00:00Z") }).findings;
  it("a resource's result names its subscription, resource group and owner", () => {
    const f = findings().find((x) => x.resourceName === "sa1");
    expect(f).toMatchObject({ subscriptionId: SUB, subscriptionName: `Sub ${SUB.slice(0, 4)}`, resourceGroup: "rg-app", owner: { value: "IT-drift", key: "Owner", source: "subscription", personal: false } });
  });
  it("a not-assessed result for a failed subscription names the subscription, and no owner it does not have", () => {
    const f = findings().find((x) => x.resourceId === `/subscriptions/${SUB2}`);
    expect(f?.status).toBe("not-assessed");
    expect(f?.subscriptionName).toBe(`Sub ${SUB2.slice(0, 4)}`);
    expect(f).not.toHaveProperty("owner");
    expect(f).not.toHaveProperty("resourceGroup");
  });
  it("the tenant-level result gets neither subscription name, resource group nor owner", () => {
    const f = findings().find((x) => x.resourceId === `/tenants/${TENANT}`);
    expect(f?.status).toBe("pass");
    expect(f).not.toHaveProperty("subscriptionName");
    expect(f).not.toHaveProperty("resourceGroup");
    expect(f).not.toHaveProperty("owner");
  });
  it("unread resource groups: the result stands (owners are no part of a verdict), the subscription's owner is not claimed past them", () => {
    const blindSnap = makeSnapshot({
      subscriptions: [{ tags: { owner: "IT-drift" }, collections: { resourceGroups: [], storageAccounts: [storageAccount("sa1", { tags: {} }), storageAccount("sa2", { tags: { owner: "Team Lagring" } })] } }],
      coverage: [failure("resourceGroups", `/subscriptions/${SUB}`)],
    });
    const out = runRules(blindSnap, [rule], { config: defaultConfig(), now: new Date() }).findings;
    const sa1 = out.find((x) => x.resourceName === "sa1");
    expect(sa1?.status).toBe("fail");
    expect(sa1).not.toHaveProperty("owner");
    expect(out.find((x) => x.resourceName === "sa2")?.owner).toMatchObject({ value: "Team Lagring", source: "resource" });
  });
});

describe("OwnerFinder.describe on one result", () => {
  const snap = makeSnapshot({
    subscriptions: [
      { collections: { resourceGroups: [resourceGroup("rg-app", "swedencentral", { owner: "ekonomi@kommun.se" })], storageAccounts: [storageAccount("sa1", { tags: {} })] } },
      { subscriptionId: SUB2, collections: { resourceGroups: [resourceGroup("rg-app", "swedencentral", {}, SUB2)] } },
    ],
  });
  (snap.subscriptions[1] as { displayName: string }).displayName = "  ";
  const inv = new Inventory(snap);
  const finder = (keys: string[]) => new OwnerFinder(inv, keys, new Classifier(inv, defaultConfig().classification));
  const SA = armId("Microsoft.Storage/storageAccounts", "sa1");
  const result = (over: Record<string, unknown> = {}) => ({ resourceId: SA, ...over }) as never as Parameters<OwnerFinder["describe"]>[0];

  it("fills the subscription's name, the resource group and the owner the nearest carrier names", () => {
    const f = result();
    finder(["owner"]).describe(f);
    expect(f).toStrictEqual({ resourceId: SA, subscriptionName: `Sub ${SUB.slice(0, 4)}`, resourceGroup: "rg-app", owner: { value: "ekonomi@kommun.se", key: "owner", source: "resource-group", personal: true } });
  });

  it("keeps a name and group the result already has, and names no owner without keys", () => {
    const f = result({ subscriptionName: "Given", resourceGroup: "RG-APP" });
    finder([]).describe(f);
    expect(f).toStrictEqual({ resourceId: SA, subscriptionName: "Given", resourceGroup: "RG-APP" });
  });

  it("a blank display name is no name; a subscription id given on the result is the one named", () => {
    const inSub2 = result({ resourceId: `/subscriptions/${SUB2}/resourceGroups/rg-app` });
    finder(["owner"]).describe(inSub2);
    expect(inSub2).toStrictEqual({ resourceId: `/subscriptions/${SUB2}/resourceGroups/rg-app`, resourceGroup: "rg-app" });
    const named = result({ subscriptionId: SUB, resourceId: `/subscriptions/${SUB2}/resourceGroups/rg-app` });
    finder(["owner"]).describe(named);
    expect(named).toStrictEqual({ subscriptionId: SUB, resourceId: `/subscriptions/${SUB2}/resourceGroups/rg-app`, subscriptionName: `Sub ${SUB.slice(0, 4)}`, resourceGroup: "rg-app" });
  });

  it("a tenant-level result is left as it is, also when its id is spelled in capitals", () => {
    const f = result({ resourceId: `/tenants/${TENANT}` });
    finder(["owner"]).describe(f);
    expect(f).toStrictEqual({ resourceId: `/tenants/${TENANT}` });
    expect(finder(["owner"]).ownerOf(`/TENANTS/${TENANT}`)).toBeUndefined();
    expect(finder(["owner"]).ownerOf(SA.toUpperCase())).toStrictEqual({ value: "ekonomi@kommun.se", key: "owner", source: "resource-group", personal: true });
  });
});
