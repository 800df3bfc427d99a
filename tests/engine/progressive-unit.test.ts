/**
 * Progressive evaluation in-process on small snapshots (tests/engine/progressive.test.ts checks the
 * same against the demo tenant collected through the CLI, which mutation testing cannot see): when a
 * rule runs, what it waits for, its retry after NotReadyError, and how errors come out of finish.
 */
import { describe, expect, it } from "vitest";
import { defaultConfig, defineRule } from "../../src/index.js";
import { NotReadyError } from "../../src/engine/inventory.js";
import { ProgressiveEvaluation } from "../../src/engine/progressive.js";
import type { Finding, RuleDefinition } from "../../src/engine/types.js";
import { AZURE_COLLECTIONS, TENANT_COLLECTIONS, type Collection } from "../../src/snapshot/types.js";
import { armId, makeSnapshot } from "../fixtures/snapshot.js";
import { storageAccount } from "../fixtures/storage.js";

const NOW = new Date("2026-11-27T03:00:00Z");
const EVERY: Collection[] = [...AZURE_COLLECTIONS, ...TENANT_COLLECTIONS];
const BASE: Collection[] = ["resources", "resourceGroups", "subscriptions", "locations"];
const SA = armId("Microsoft.Storage/storageAccounts", "starkiv01");
const snapshot = makeSnapshot({ subscriptions: [{ collections: { storageAccounts: [storageAccount("starkiv01")], sqlServers: [] } }] });

function rule(id: string, evaluate: RuleDefinition["evaluate"], reads: Collection[] = ["storageAccounts"]): RuleDefinition {
  return defineRule({
    id, name: `rule-${id.toLowerCase()}`, title: { en: "t", sv: "t" }, severity: "high", rationale: { en: "r", sv: "r" }, guidance: [],
    reads, messages: { ok: { en: "{{name}} ok.", sv: "{{name}} godkänd." } },
    evaluate, remediation: { summary: { en: "x", sv: "x" } }, references: [],
  });
}
const storageRule = (id: string) => rule(id, ({ inventory }, { pass }) => inventory.all("storageAccounts").map((s) => pass(s, "ok", {})));

const tick = () => new Promise<void>((r) => setImmediate(r));

function evaluation(rules: RuleDefinition[], over: { early?: (r: RuleDefinition) => boolean; onRule?: (r: RuleDefinition, f: Finding[]) => void; complete?: Collection[] } = {}) {
  const seen: string[] = [];
  const findings: Finding[] = [];
  const ev = new ProgressiveEvaluation(
    snapshot,
    rules,
    {
      config: defaultConfig(),
      now: NOW,
      ...(over.early ? { early: over.early } : {}),
      onRule: (r, f) => {
        seen.push(r.id);
        findings.push(...f);
        over.onRule?.(r, f);
      },
    },
    over.complete ?? [],
  );
  return { ev, seen, findings };
}

describe("progressive evaluation, in-process", () => {
  it("a rule runs once what it reads and the names, groups, subscriptions and regions are complete, not before", async () => {
    const { ev, seen, findings } = evaluation([storageRule("TST-01")]);
    ev.complete("storageAccounts");
    for (const c of BASE.slice(0, -1)) ev.complete(c);
    await tick();
    await tick();
    expect(seen).toEqual([]);
    ev.complete("locations");
    await tick();
    await tick();
    expect(seen).toEqual(["TST-01"]);
    expect(findings.map((f) => `${f.ruleId} ${f.status} ${f.resourceId}`)).toEqual([`TST-01 pass ${SA}`]);
    await ev.finish();
    expect(seen).toEqual(["TST-01"]);
    expect(ev.timings.earlyRules).toBe(1);
    expect(ev.timings.retries).toBe(0);
    expect(ev.timings.afterCollection).toBe(0);
  });

  it("a rule that may not run early waits for every collection; finish runs it after collection", async () => {
    const { ev, seen } = evaluation([storageRule("TST-01"), storageRule("TST-02")], { early: (r) => r.id !== "TST-02" });
    for (const c of EVERY.filter((c) => c !== "m365Users")) ev.complete(c);
    await tick();
    await tick();
    await tick();
    expect(seen).toEqual(["TST-01"]);
    await ev.finish();
    expect(seen).toEqual(["TST-01", "TST-02"]);
    expect(ev.timings.earlyRules).toBe(1);
    expect(ev.timings.duringCollection).toBeGreaterThan(0);
    expect(ev.timings.afterCollection).toBeGreaterThan(0);
  });

  it("a rule that asks for a collection it did not declare is retried once that collection is complete", async () => {
    const sneaky = rule("TST-03", ({ inventory }, { pass }) => {
      inventory.all("sqlServers");
      return inventory.all("storageAccounts").map((s) => pass(s, "ok", {}));
    });
    const { ev, seen, findings } = evaluation([sneaky]);
    for (const c of [...BASE, "storageAccounts" as const]) ev.complete(c);
    await tick();
    await tick();
    expect(seen).toEqual([]);
    expect(ev.timings.retries).toBe(1);
    ev.complete("sqlServers");
    await tick();
    await tick();
    expect(seen).toEqual(["TST-03"]);
    expect(findings.map((f) => f.status)).toEqual(["pass"]);
    expect(ev.timings.earlyRules).toBe(1);
    await ev.finish();
    expect(ev.timings.retries).toBe(1);
  });

  it("with everything complete from the start, rules run in rule order without any collection announced", async () => {
    const { ev, seen } = evaluation([storageRule("TST-02"), storageRule("TST-01")], { complete: EVERY });
    await tick();
    await tick();
    await tick();
    expect(seen).toEqual(["TST-02", "TST-01"]);
    await ev.finish();
    expect(seen).toEqual(["TST-02", "TST-01"]);
    expect(ev.rules.map((r) => r.id)).toEqual(["TST-02", "TST-01"]);
  });

  it("a disabled rule is neither run nor listed", async () => {
    const config = defaultConfig();
    config.disabledRules = ["TST-02"];
    const seen: string[] = [];
    const ev = new ProgressiveEvaluation(snapshot, [storageRule("TST-01"), storageRule("TST-02")], { config, now: NOW, onRule: (r) => void seen.push(r.id) });
    await ev.finish();
    expect(seen).toEqual(["TST-01"]);
    expect(ev.rules.map((r) => r.id)).toEqual(["TST-01"]);
  });

  it("finish rethrows the first error of onRule, and no rule runs after it", async () => {
    const { ev, seen } = evaluation([storageRule("TST-01"), storageRule("TST-02")], {
      onRule: (r) => {
        if (r.id === "TST-01") throw new Error("disk full");
      },
    });
    ev.complete("storageAccounts");
    await expect(ev.finish()).rejects.toThrow("disk full");
    expect(seen).toEqual(["TST-01"]);
  });

  it("a NotReadyError is retried while collecting, and a failure of the rule once everything is complete", async () => {
    // A rule that keeps saying it waits for SQL servers (the inventory itself never throws once a
    // collection is complete, so this one is made up): retried while collecting, rethrown by finish.
    const waiting = rule("TST-04", () => {
      throw new NotReadyError("sqlServers");
    });
    const { ev, seen } = evaluation([waiting]);
    for (const c of [...BASE, "storageAccounts" as const]) ev.complete(c);
    await tick();
    await tick();
    expect(ev.timings.retries).toBe(1);
    await expect(ev.finish()).rejects.toThrow(NotReadyError);
    expect(seen).toEqual([]);
    expect(ev.timings.retries).toBe(1);
  });

  it("a NotReadyError for a collection already complete fails the rule while collecting, never retried", async () => {
    // Retrying it would run the rule again at once, forever, without yielding to the event loop.
    const waiting = rule("TST-05", () => {
      throw new NotReadyError("storageAccounts");
    });
    const { ev, seen } = evaluation([waiting]);
    for (const c of [...BASE, "storageAccounts" as const]) ev.complete(c);
    await tick();
    await tick();
    expect(ev.timings.retries).toBe(0);
    await expect(ev.finish()).rejects.toThrow(NotReadyError);
    expect(seen).toEqual([]);
  });

  it("finish waits for an onRule still handing over findings", async () => {
    const seen: string[] = [];
    const ev = new ProgressiveEvaluation(snapshot, [storageRule("TST-01"), storageRule("TST-02")], {
      config: defaultConfig(),
      now: NOW,
      onRule: async (r) => {
        await tick();
        seen.push(r.id);
      },
    });
    await ev.finish();
    expect(seen).toEqual(["TST-01", "TST-02"]);
    expect(ev.blinds.size).toBe(0);
  });
});
