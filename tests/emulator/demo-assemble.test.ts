/**
 * assembleDemoTenant: fragments merge into the skeleton whatever their order, and a fragment that
 * does not fit (unknown subscription or resource group, a child without its parent, an id another
 * fragment gives) is refused with the fragment named.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUILTIN_RULES_DIR, discoverRules } from "../../src/base/rule-folders.js";
import { type Rg, resId, storageAccount, vaultKey } from "../../src/builders/arm.js";
import { assembleDemoTenant, DemoFragmentError } from "../../src/emulator/demo/assemble.js";
import { DEMO_RG, DEMO_SUBSCRIPTIONS, SWC } from "../../src/emulator/demo/base.js";
import type { DemoFragment } from "../../src/emulator/demo/fragment.js";
import { BUILTIN_DEMO_FRAGMENTS as DEMO_FRAGMENTS, demoTenant, loadDemoFragments } from "../../src/emulator/demo/index.js";
import { DemoFragmentFileError } from "../../src/emulator/demo/fragments.js";

const account = (name: string, rg: Rg = DEMO_RG.gemLagring) => storageAccount({ rg, name, location: SWC, sku: "Standard_LRS", created: "2025-01-01T00:00:00Z" });

describe("demo fragments from the rule folders", () => {
  it("finds one per rule folder, each naming its folder's rule", async () => {
    const { folders } = await discoverRules(BUILTIN_RULES_DIR);
    expect(DEMO_FRAGMENTS.map((f) => f.rule)).toEqual(folders.map((f) => basename(f.dir)));
  });

  it("refuses a fragment that names another rule, or is not a fragment, naming the file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "hemvist-frag-"));
    // Each case in a tree of its own (a module URL is imported once per process).
    const tree = async (name: string, demo: string) => {
      const root = join(dir, name);
      await mkdir(join(root, "my-rule"), { recursive: true });
      await writeFile(join(root, "my-rule", "rule.mjs"), "export default {};\n");
      await writeFile(join(root, "my-rule", "demo.mjs"), demo);
      return root;
    };
    const other = await tree("a", 'export default { rule: "other-rule", resources: [] };\n');
    await expect(loadDemoFragments(other)).rejects.toThrow(new DemoFragmentFileError(join(other, "my-rule", "demo.mjs"), 'rule: found "other-rule", expected "my-rule" (the folder\'s rule)'));
    await expect(loadDemoFragments(await tree("b", 'export default { rule: "my-rule", resources: {} };\n'))).rejects.toThrow(/demo\.mjs: resources: expected a list of ARM payloads/);
    expect(await loadDemoFragments(await tree("c", 'export default { rule: "my-rule", resources: [] };\n'))).toEqual([{ rule: "my-rule", resources: [] }]);
    await rm(dir, { recursive: true, force: true });
  });
});

describe("assembleDemoTenant", () => {
  it("gives the same tenant for the fragments in any order", () => {
    const reversed = assembleDemoTenant([...DEMO_FRAGMENTS].reverse());
    expect(JSON.stringify(reversed)).toBe(JSON.stringify(demoTenant()));
  });

  it("has one fragment per rule and lists each subscription's resources sorted by ARM id", () => {
    expect(new Set(DEMO_FRAGMENTS.map((f) => f.rule)).size).toBe(DEMO_FRAGMENTS.length);
    for (const sub of demoTenant().subscriptions) {
      const ids = sub.resources.map((r) => r.id.toLowerCase());
      expect(ids).toEqual([...ids].sort());
    }
  });

  it("refuses a resource in a subscription the tenant does not have, naming the fragment", () => {
    const f: DemoFragment = { rule: "test-rule", resources: [account("stelsewhere", { sub: "00000000-0000-0000-0000-000000000000", name: "rg-x", location: SWC })] };
    expect(() => assembleDemoTenant([f])).toThrow(DemoFragmentError);
    expect(() => assembleDemoTenant([f])).toThrow(/demo fragment "test-rule": .*not in a subscription/);
  });

  it("refuses a resource in a resource group the skeleton does not have", () => {
    const f: DemoFragment = { rule: "test-rule", resources: [account("stnogroup", { sub: DEMO_SUBSCRIPTIONS.gemensamIt, name: "rg-unknown", location: SWC })] };
    expect(() => assembleDemoTenant([f])).toThrow(/demo fragment "test-rule": .*resource group rg-unknown/);
  });

  it("refuses two fragments that give the same ARM id (in any case), naming both", () => {
    const a: DemoFragment = { rule: "rule-a", resources: [account("sttwice")] };
    const b: DemoFragment = { rule: "rule-b", resources: [{ ...account("sttwice"), id: account("sttwice").id.toUpperCase().replace("/SUBSCRIPTIONS/", "/subscriptions/") }] };
    expect(() => assembleDemoTenant([b, a])).toThrow(/demo fragment "rule-b": ARM id .* is already given by fragment "rule-a"/);
  });

  it("refuses a child whose parent is in no fragment", () => {
    const vault = { id: resId(DEMO_RG.gemNyckel, "Microsoft.KeyVault/vaults", "kv-missing"), location: SWC };
    const f: DemoFragment = { rule: "test-rule", resources: [vaultKey({ vault, recoveryLevel: "Recoverable", name: "k", kty: "RSA", created: "2025-01-01T00:00:00Z" })] };
    expect(() => assembleDemoTenant([f])).toThrow(/demo fragment "test-rule": the parent of .*kv-missing\/keys\/k is not in the demo tenant/);
  });

  it("refuses two fragments for one rule, and Customer Lockbox set twice", () => {
    expect(() => assembleDemoTenant([{ rule: "same" }, { rule: "same" }])).toThrow(/demo fragment "same"/);
    expect(() => assembleDemoTenant([{ rule: "a", customerLockbox: { isOptedIn: true } }, { rule: "b", customerLockbox: { isOptedIn: false } }])).toThrow(
      /demo fragment "b": Customer Lockbox is already set by fragment "a"/,
    );
  });
});

describe("demoTenant", () => {
  it("gives a fresh model each call: changing one leaves the next untouched", () => {
    const first = demoTenant();
    const before = JSON.stringify(demoTenant());
    first.subscriptions[0]?.resources.forEach((r) => {
      r.tags = { changed: "yes" };
    });
    first.graph?.users?.splice(0);
    first.managementGroupPolicyAssignments?.splice(0);
    expect(JSON.stringify(demoTenant())).toBe(before);
  });
});
