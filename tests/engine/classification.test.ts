/**
 * Classification edges: tag values that are not plain level strings, alias tags that agree, a value
 * map beside the built-in values, carriers whose tags could not be read (unknown, never a default
 * level), the dependencies a cached answer replays, and the severity "by level".
 */
import { describe, expect, it } from "vitest";
import { defaultConfig, Inventory } from "../../src/index.js";
import { Classifier, parseLevel, severityForLevel } from "../../src/engine/classification.js";
import { armId, failure, makeSnapshot, resourceGroup, SUB, SUB2 } from "../fixtures/snapshot.js";
import { storageAccount } from "../fixtures/storage.js";

const cfg = defaultConfig().classification;
const SA = armId("Microsoft.Storage/storageAccounts", "stsocial01");
const UNKNOWN = { level: 4, label: "unknown", source: "unknown" };

describe("tag values", () => {
  it("a level is read from a trimmed, case-insensitive string or a number; anything else is no tag", () => {
    expect(parseLevel(" 3 ", cfg)).toBe(3);
    expect(parseLevel("SÄKERHETSSKYDD", cfg)).toBe(4);
    expect(parseLevel(2, cfg)).toBe(2);
    // A hostile snapshot's array would read as "3" through String(); it is no level.
    expect(parseLevel(["3"], cfg)).toBeUndefined();
    expect(parseLevel({ toString: () => "3" }, cfg)).toBeUndefined();
    expect(parseLevel(true, cfg)).toBeUndefined();
  });

  it("a value map adds words without hiding the built-in values", () => {
    const mapped = { ...cfg, valueMap: { intern: 1, "Skyddad ": 3 } as Record<string, 0 | 1 | 2 | 3 | 4> };
    expect(parseLevel("3", mapped)).toBe(3);
    expect(parseLevel("INTERN", mapped)).toBe(1);
    expect(parseLevel("hemlig", mapped)).toBeUndefined();
  });

  it("a valid level under a tag that is no classification key is no level", () => {
    const snap = makeSnapshot({ subscriptions: [{ collections: { storageAccounts: [storageAccount("stsocial01", { tags: { costCenter: "3", level: "4" } })] } }] });
    expect(new Classifier(new Inventory(snap), cfg).classify(SA)).toStrictEqual({ level: 2, label: "2", source: "default" });
  });

  it("two alias tags with the same level: the first one names the tag", () => {
    const snap = makeSnapshot({ subscriptions: [{ collections: { storageAccounts: [storageAccount("stsocial01", { tags: { Confidentiality: "3", Konfidentialitet: "3" } })] } }] });
    expect(new Classifier(new Inventory(snap), cfg).classify(SA)).toStrictEqual({ level: 3, label: "3", source: "tag", from: SA, tagKey: "Confidentiality" });
  });
});

describe("carriers whose tags could not be read", () => {
  it("a resource group outside the snapshot under a failed group list: unknown, not the subscription's level", () => {
    const snap = makeSnapshot({
      subscriptions: [{ tags: { confidentiality: "1" }, collections: { resourceGroups: [], storageAccounts: [storageAccount("stsocial01")] } }],
      coverage: [failure("resourceGroups")],
    });
    expect(new Classifier(new Inventory(snap), cfg).classify(SA)).toStrictEqual(UNKNOWN);
  });

  it("a resource outside the snapshot with its group read: the group's level, as only the group list failed elsewhere", () => {
    const snap = makeSnapshot({
      subscriptions: [{ collections: { resourceGroups: [resourceGroup("rg-app", "swedencentral", { confidentiality: "2" })] } }],
      coverage: [failure("resourceGroups", `/subscriptions/${SUB}`)],
    });
    expect(new Classifier(new Inventory(snap), cfg).classify(SA)).toStrictEqual({ level: 2, label: "2", source: "inherited", from: `/subscriptions/${SUB}/resourceGroups/rg-app`, tagKey: "confidentiality" });
  });

  it("a resource read without a tags field under a failed resource list is no unread carrier: its group's level applies", () => {
    const account = storageAccount("stsocial01");
    delete (account as { tags?: unknown }).tags;
    const snap = makeSnapshot({
      subscriptions: [{ collections: { resourceGroups: [resourceGroup("rg-app", "swedencentral", { confidentiality: "2" })], storageAccounts: [account] } }],
      coverage: [failure("resources", `/subscriptions/${SUB}/resourceGroups/rg-app`)],
    });
    expect(new Classifier(new Inventory(snap), cfg).classify(SA)).toStrictEqual({ level: 2, label: "2", source: "inherited", from: `/subscriptions/${SUB}/resourceGroups/rg-app`, tagKey: "confidentiality" });
  });

  it("a resource outside the snapshot under a failed resource list: unknown", () => {
    const snap = makeSnapshot({
      subscriptions: [{ collections: { resourceGroups: [resourceGroup("rg-app", "swedencentral", { confidentiality: "2" })] } }],
      coverage: [failure("resources", `/subscriptions/${SUB}/resourceGroups/rg-app`)],
    });
    expect(new Classifier(new Inventory(snap), cfg).classify(SA)).toStrictEqual(UNKNOWN);
  });

  it("a subscription the audit could not read: unknown; without that failure, the default level", () => {
    const rg = `/subscriptions/${SUB2}/resourceGroups/rg-ekonomi`;
    const failed = makeSnapshot({ coverage: [failure("subscriptions", `/subscriptions/${SUB2}`)] });
    expect(new Classifier(new Inventory(failed), cfg).classify(rg)).toStrictEqual(UNKNOWN);
    const other = makeSnapshot({ coverage: [failure("subscriptions", `/subscriptions/${SUB}/resourceGroups/rg-app`)] });
    expect(new Classifier(new Inventory(other), cfg).classify(rg)).toStrictEqual({ level: 2, label: "2", source: "default" });
  });

  it("a subscription that was read but carries no tags field is not unreadable", () => {
    const snap = makeSnapshot({ coverage: [failure("subscriptions", `/subscriptions/${SUB}`)] });
    delete (snap.subscriptions[0] as { tags?: unknown }).tags;
    expect(new Classifier(new Inventory(snap), cfg).classify(`/subscriptions/${SUB}/resourceGroups/rg-app`)).toStrictEqual({ level: 2, label: "2", source: "default" });
  });

  it("tenant-level ids are not classified", () => {
    expect(new Classifier(new Inventory(makeSnapshot()), cfg).classify("/tenants/8d3f6a51-0c8e-4e59-9b5e-3a1c2f7e9d10")).toBeUndefined();
  });
});

describe("dependencies of a classification", () => {
  it("a cached answer records the same tags as the first one", () => {
    const snap = makeSnapshot({ subscriptions: [{ collections: { resourceGroups: [resourceGroup("rg-app", "swedencentral", { confidentiality: "3" })], storageAccounts: [storageAccount("stsocial01")] } }] });
    const inv = new Inventory(snap);
    const c = new Classifier(inv, cfg);
    const first = inv.track(() => c.classify(SA));
    const second = inv.track(() => c.classify(SA.toUpperCase()));
    expect(first.value).toMatchObject({ level: 3, source: "inherited" });
    expect(second.value).toBe(first.value);
    expect(first.deps.length).toBeGreaterThan(0);
    expect(second.deps).toEqual(first.deps);
  });
});

describe("severity by level", () => {
  it("3 and above high, 2 medium, 0–1 low, none medium", () => {
    expect([4, 3, 2, 1, 0, undefined].map((l) => severityForLevel(l as 0 | 1 | 2 | 3 | 4 | undefined))).toEqual(["high", "high", "medium", "low", "low", "medium"]);
  });
});
