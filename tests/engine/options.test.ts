/**
 * Per-rule options (ESLint's `meta.schema`): a rule declares a JSON Schema and defaults, checked
 * when the rule loads; the configuration's `rules.options.<id>` is checked against it before
 * anything is read, and the rule sees the merged values as `ctx.options`.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultConfig, runRules, validateRule } from "../../src/index.js";
import type { RuleDefinition } from "../../src/index.js";
import { ruleOptions, ruleOptionsProblems } from "../../src/engine/rule.js";
import { loadRules } from "../../src/engine/registry.js";
import { makeSnapshot } from "../fixtures/snapshot.js";
import { runCli, tempDir } from "../e2e/helpers.js";

const rules = await loadRules();
const key02 = rules.find((r) => r.id === "KEY-02") as RuleDefinition;
const res01 = rules.find((r) => r.id === "RES-01") as RuleDefinition;

/** A rule whose only result says what options it saw. */
const probe: RuleDefinition = {
  ...res01,
  id: "TST-01",
  name: "options-probe",
  options: { schema: { type: "object", additionalProperties: false, properties: { days: { type: "integer", minimum: 1 } } }, defaults: { days: 30 } },
  messages: { saw: { en: "days {{days}}", sv: "dagar {{days}}" } },
  targets: [{ collection: "subscriptions" }],
  reads: ["subscriptions"],
  evaluate: ({ options }, { pass }) => [pass({ id: "/subscriptions/x", type: "Microsoft.Resources/subscriptions", name: "x" }, "saw", { days: String(options.days) })],
};

describe("rule options", () => {
  it("a rule's options need a schema of an object and defaults valid against it", () => {
    expect(validateRule(probe)).toEqual([]);
    expect(validateRule({ ...probe, options: { schema: { type: "string" }, defaults: {} } })).toEqual(['options: expected { schema: a JSON Schema with type "object", defaults: an object }']);
    expect(validateRule({ ...probe, options: { schema: probe.options?.schema ?? {}, defaults: { days: 0 } } })).toEqual(["options.defaults.days: found number 0, expected a number >= 1"]);
    expect(validateRule({ ...probe, options: { schema: probe.options?.schema ?? {}, defaults: { weeks: 2 } } })).toEqual(['options.defaults.weeks: found an unknown field, expected no field "weeks" (unknown field)']);
  });

  it("the rule sees its defaults, with the configuration's values over them", () => {
    const config = defaultConfig();
    const message = () => runRules(makeSnapshot(), [probe], { config, now: new Date("2026-12-05T03:00:00Z") }).findings.map((f) => f.message.en);
    expect(message()).toEqual(["days 30"]);
    config.ruleOptions["TST-01"] = { days: 7 };
    expect(message()).toEqual(["days 7"]);
    expect(ruleOptions(probe, config)).toEqual({ days: 7 });
    expect(ruleOptions(res01, config), "a rule without options sees none").toEqual({});
  });

  it("names every bad entry of rules.options: unknown rule, a rule without options, a refused value", () => {
    const config = defaultConfig();
    config.ruleOptions = { "KEY-02": { minimumLevel: 7 }, "RES-01": { x: 1 }, "NOP-99": {} };
    expect(ruleOptionsProblems(rules, config).sort()).toEqual([
      "rules.options.KEY-02.minimumLevel: found number 7, expected a number <= 4",
      "rules.options.NOP-99: found options for a rule that is not loaded; expected the id of a loaded rule",
      "rules.options.RES-01: found options, but RES-01 takes none",
    ]);
    config.ruleOptions = { "KEY-02": { minimumLevel: 3 } };
    expect(ruleOptionsProblems(rules, config)).toEqual([]);
    expect(ruleOptions(key02, config)).toEqual({ minimumLevel: 3 });
  });

  it("a refused option stops the audit before any request, naming the file and the field (exit 2)", async () => {
    const dir = await tempDir();
    const cfg = join(dir, "hemvist.config.yaml");
    await writeFile(cfg, "rules:\n  options:\n    KEY-02: { minimumLevel: high }\n");
    // Nothing listens on port 9: a request would fail differently (and later) than the option check.
    const r = await runCli(["audit", "--config", cfg, "--auth", "static", "--arm-endpoint", "https://127.0.0.1:9", "--out", join(dir, "out")], { HEMVIST_STATIC_TOKEN: "x" });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`hemvist: ${cfg}: rules.options.KEY-02.minimumLevel: found string "high", expected integer`);
  });
});
