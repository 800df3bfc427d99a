/**
 * The built-in rules as the registry loads them, inside a test (the catalog check in
 * tests/rules/registry.test.ts loads them while its file is collected, where no mutant is active):
 * where each rule came from, its page, and the source line a problem would name.
 */
import { describe, expect, it } from "vitest";
import { BUILTIN_RULES_DIR, loadBuiltinRules, ruleSource } from "../../src/engine/registry.js";

describe("built-in rules", () => {
  it("each comes from its folder, with its page and a source naming the rule and its folder", async () => {
    const loaded = await loadBuiltinRules();
    const enc01 = loaded.find((l) => l.rule.id === "ENC-01");
    expect(enc01?.source).toBe("built-in rule ENC-01 (rules/storage/storage-account-customer-managed-key)");
    const src = enc01 && ruleSource(enc01.rule);
    expect(src?.origin).toBe("built-in");
    expect(src?.page).toBe("rules/storage/storage-account-customer-managed-key/README.md");
    expect(src?.folder?.dir.startsWith(BUILTIN_RULES_DIR)).toBe(true);
    expect(loaded.every((l) => ruleSource(l.rule)?.page === `${l.source.slice(l.source.indexOf("(") + 1, -1)}/README.md`)).toBe(true);
  });
});
