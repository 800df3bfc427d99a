/**
 * Every exit code path of the command line, through `main()` called in this process (not a child
 * process), so a mutation of the exit logic in src/cli or src/findings/outcome.ts is seen by a tool
 * that instruments this process: 0, 1, 2, 3, --fail-on, --fail-on-new, --allow-partial, for
 * `evaluate` on snapshot files and for `collect` and `audit` against the emulator. Each scenario
 * determines one exit code, asserted exactly.
 *
 * `evaluate` runs one rule of this file (every built-in rule is disabled in the configuration), so
 * what fails, at which severity, is decided here: TST-01 (medium) fails each storage account
 * outside Sweden Central.
 */
import { getCACertificates, setDefaultCACertificates } from "node:tls";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRules } from "../../src/engine/registry.js";
import { DEMO_SUBSCRIPTION_IDS, demoTenant } from "../../src/emulator/demo/index.js";
import { type Emulator, startEmulator } from "../../src/emulator/server.js";
import type { ArmResource, CoverageEntry, Snapshot } from "../../src/index.js";
import { AZURE_COLLECTIONS, type AzureCollection } from "../../src/snapshot/types.js";
import { makeSnapshot, resourceGroup, SUB, SUB2 } from "../fixtures/snapshot.js";
import { storageAccount } from "../fixtures/storage.js";
import { tempDir } from "../e2e/helpers.js";
import { hemvistInProcess, type InProcessRun } from "../helpers/in-process.js";

/** `hemvist <args>` in this process (tests/helpers/in-process.ts). */
const hemvist = (args: string[]) => hemvistInProcess(args);

const RULE = `export default {
  id: "TST-01", name: "test-storage-in-sweden-central", title: { en: "Storage accounts are in Sweden Central", sv: "Lagringskonton finns i Sweden Central" },
  severity: "medium", rationale: { en: "The test decides what fails.", sv: "Testet avgör vad som underkänns." }, guidance: [{ source: "local" }],
  reads: ["storageAccounts"],
  messages: { in: { en: "{{name}} is in Sweden Central.", sv: "{{name}} finns i Sweden Central." }, out: { en: "{{name}} is elsewhere.", sv: "{{name}} finns någon annanstans." } },
  evaluate({ inventory }, { pass, fail }) {
    return inventory.all("storageAccounts").map((a) => (a.location === "swedencentral" ? pass(a, "in") : fail(a, "out")));
  },
  remediation: { summary: { en: "Move it.", sv: "Flytta det." } },
  references: ["https://learn.microsoft.com/azure/storage/common/storage-account-move"],
};
`;
const THROWS = RULE.replace('"TST-01"', '"TST-99"').replace('name: "test-storage-in-sweden-central"', 'name: "test-throws"').replace(
  "return inventory.all",
  'if (inventory.all("storageAccounts").length > 0) throw new TypeError("boom in TST-99");\n    return inventory.all',
);

/** A 403 on the storage account list of the second subscription, as ARM words it. */
const GAP: CoverageEntry = {
  scope: `/subscriptions/${SUB2}`,
  collection: "storageAccounts",
  operation: `GET /subscriptions/${SUB2}/providers/Microsoft.Storage/storageAccounts`,
  httpStatus: 403,
  code: "AuthorizationFailed",
  message: `The client does not have authorization to perform action 'Microsoft.Storage/storageAccounts/read' over scope '/subscriptions/${SUB2}' or the scope is invalid.`,
  permission: "Microsoft.Storage/storageAccounts/read",
};

/** Every Azure list read and empty (as a collect stores them), but for what is given. */
function read(given: Partial<Record<AzureCollection, ArmResource[]>>, except: AzureCollection[] = []): Partial<Record<AzureCollection, ArmResource[]>> {
  const all: Partial<Record<AzureCollection, ArmResource[]>> = {};
  for (const c of AZURE_COLLECTIONS) if (!except.includes(c)) all[c] = [];
  return { ...all, ...given };
}

let dir = "";
let rulesDir = "";
let throwsDir = "";
let config = "";
const snaps: Record<"inSweden" | "oneAbroad" | "twoAbroad" | "oneAbroadGap", string> = { inSweden: "", oneAbroad: "", twoAbroad: "", oneAbroadGap: "" };

async function writeSnapshot(name: string, snapshot: Snapshot): Promise<string> {
  const f = join(dir, `${name}.json`);
  await writeFile(f, JSON.stringify(snapshot));
  return f;
}

/** `evaluate` of one of the snapshots with TST-01 only, into a fresh folder. */
let runs = 0;
function evaluate(snapshot: string, extra: string[] = []): Promise<InProcessRun> {
  const out = join(dir, `out-${++runs}`);
  return hemvist(["evaluate", snapshot, "--rules", rulesDir, "--config", config, "--no-m365", "--out", out, "--format", "json", "--quiet", ...extra]);
}

const savedEnv = { ...process.env };

beforeAll(async () => {
  // What the CI sets, and nothing of the worker's own GitHub environment (no step summary written).
  Object.assign(process.env, { CI: "true", GITHUB_STEP_SUMMARY: "", GITHUB_ACTIONS: "", HEMVIST_STATIC_TOKEN: "test-token-not-secret" });
  dir = await tempDir("hemvist-exit-");
  rulesDir = join(dir, "rules");
  throwsDir = join(dir, "rules-throws");
  await mkdir(rulesDir);
  await mkdir(throwsDir);
  await writeFile(join(rulesDir, "tst-01.mjs"), RULE);
  await writeFile(join(throwsDir, "tst-99.mjs"), THROWS);
  // Every built-in rule disabled: TST-01 (or TST-99) alone decides.
  const builtIn = (await loadRules()).map((r) => r.id);
  expect(builtIn).toContain("RES-01");
  config = join(dir, "hemvist.config.yaml");
  await writeFile(config, `rules:\n  disabled: [${builtIn.join(", ")}]\n`);
  const abroad = (name: string) => storageAccount(name, { location: "westeurope" });
  const rg = (sub: string) => ({ resourceGroups: [resourceGroup("rg-app", "swedencentral", {}, sub)] });
  const one = (accounts: ArmResource[]) => makeSnapshot({ subscriptions: [{ collections: read({ ...rg(SUB), storageAccounts: accounts }) }] });
  snaps.inSweden = await writeSnapshot("in-sweden", one([storageAccount("stmiljodata01")]));
  snaps.oneAbroad = await writeSnapshot("one-abroad", one([storageAccount("stmiljodata01"), abroad("stgisdata01")]));
  snaps.twoAbroad = await writeSnapshot("two-abroad", one([storageAccount("stmiljodata01"), abroad("stgisdata01"), abroad("stgisdata02")]));
  snaps.oneAbroadGap = await writeSnapshot(
    "one-abroad-gap",
    makeSnapshot({
      subscriptions: [
        { collections: read({ ...rg(SUB), storageAccounts: [storageAccount("stmiljodata01"), abroad("stgisdata01")] }) },
        { subscriptionId: SUB2, collections: read(rg(SUB2), ["storageAccounts"]) },
      ],
      coverage: [GAP],
    }),
  );
});

afterAll(() => {
  for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
  Object.assign(process.env, savedEnv);
});

describe("evaluate: exit codes", () => {
  it("0: nothing fails", async () => {
    const r = await evaluate(snaps.inSweden);
    expect(r.code, r.stderr).toBe(0);
  });

  it("--fail-on: a medium failure exits 0 under the default (high), 1 at medium and at low", async () => {
    expect((await evaluate(snaps.oneAbroad)).code).toBe(0);
    expect((await evaluate(snaps.oneAbroad, ["--fail-on", "high"])).code).toBe(0);
    expect((await evaluate(snaps.oneAbroad, ["--fail-on", "medium"])).code).toBe(1);
    expect((await evaluate(snaps.oneAbroad, ["--fail-on", "low"])).code).toBe(1);
  });

  it("findings.json records the same exit code and its reason", async () => {
    const out = join(dir, "out-recorded");
    const r = await hemvist(["evaluate", snaps.oneAbroad, "--rules", rulesDir, "--config", config, "--no-m365", "--out", out, "--format", "json", "--quiet", "--fail-on", "medium"]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(await readFile(join(out, "findings.json"), "utf8"));
    expect(doc.exit).toEqual({
      code: 1,
      reason: { en: "1 failing result(s) at or above medium", sv: "1 underkända resultat med allvarlighetsgrad medel eller högre" },
      failOn: "medium",
      failOnNew: false,
      allowPartial: false,
    });
  });

  it("3: a scope that could not be read, whatever fails; --allow-partial: the failures decide (0 or 1)", async () => {
    expect((await evaluate(snaps.oneAbroadGap)).code).toBe(3);
    expect((await evaluate(snaps.oneAbroadGap, ["--fail-on", "medium"])).code).toBe(3);
    expect((await evaluate(snaps.oneAbroadGap, ["--allow-partial"])).code).toBe(0);
    expect((await evaluate(snaps.oneAbroadGap, ["--allow-partial", "--fail-on", "medium"])).code).toBe(1);
  });

  it("--fail-on-new: a failure already in the baseline exits 0, a new one 1; without a baseline every failure is new", async () => {
    const night1 = join(dir, "night-1");
    const first = await hemvist(["evaluate", snaps.oneAbroad, "--rules", rulesDir, "--config", config, "--no-m365", "--out", night1, "--format", "json", "--quiet", "--fail-on", "medium", "--fail-on-new"]);
    expect(first.code, first.stderr).toBe(1);
    const baseline = join(night1, "findings.json");
    expect((await evaluate(snaps.oneAbroad, ["--fail-on", "medium", "--fail-on-new", "--baseline", baseline])).code).toBe(0);
    expect((await evaluate(snaps.oneAbroad, ["--fail-on", "medium", "--baseline", baseline])).code).toBe(1);
    expect((await evaluate(snaps.twoAbroad, ["--fail-on", "medium", "--fail-on-new", "--baseline", baseline])).code).toBe(1);
    // Not assessed still wins over --fail-on-new.
    expect((await evaluate(snaps.oneAbroadGap, ["--fail-on", "medium", "--fail-on-new", "--baseline", baseline])).code).toBe(3);
  });

  it("2: a snapshot that does not exist, a refused flag value, a rule that throws (one line naming the rule)", async () => {
    const missing = await evaluate(join(dir, "no-such-snapshot.json"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no-such-snapshot.json");
    const flag = await evaluate(snaps.oneAbroad, ["--fail-on", "severe"]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^hemvist: option '--fail-on <severity>' argument 'severe' is invalid\./);
    const out = join(dir, "out-throws");
    const throws = await hemvist(["evaluate", snaps.oneAbroad, "--rules", throwsDir, "--config", config, "--no-m365", "--out", out, "--format", "json", "--quiet"]);
    expect(throws.code).toBe(2);
    expect(throws.stderr).toBe("hemvist: Rule TST-99 failed while evaluating the snapshot: boom in TST-99\n");
  });
});

// A collect of the demo tenant is about 3 s of CPU alone, an audit 5 s, and the emulator answers from
// this same process: on a loaded two-core machine that can take minutes, not the default 30 s.
describe("collect and audit against the emulator: exit codes", { timeout: 240_000 }, () => {
  const gapSub = DEMO_SUBSCRIPTION_IDS[0] as string;
  const bundled = getCACertificates("default");

  /**
   * Serves `model` for `fn`, its self-signed certificate trusted by this process's TLS clients (a
   * child process gets NODE_EXTRA_CA_CERTS). One emulator at a time: each has its own certificate
   * under the same name, and a store holding two of them verifies one.
   */
  async function serving<T>(model: ReturnType<typeof demoTenant>, fn: (args: string[]) => Promise<T>): Promise<T> {
    const emulator: Emulator = await startEmulator({ model });
    setDefaultCACertificates([...bundled, emulator.caPem]);
    try {
      return await fn(["--auth", "static", "--arm-endpoint", emulator.url, "--graph-endpoint", emulator.url, "--quiet"]);
    } finally {
      setDefaultCACertificates(bundled);
      await emulator.close();
    }
  }
  const gappedModel = () => {
    const model = demoTenant();
    model.faults = [{ path: `^/subscriptions/${gapSub}/providers/Microsoft\\.Storage/storageAccounts$`, status: 403 }];
    return model;
  };

  it("collect: 0 on a tenant read whole", async () => {
    await serving(demoTenant(), async (at) => {
      const r = await hemvist(["collect", ...at, "--snapshot-out", join(dir, "collect-complete.json")]);
      const snap = JSON.parse(await readFile(join(dir, "collect-complete.json"), "utf8"));
      expect(snap.coverage).toEqual([]);
      expect(r.code, r.stderr).toBe(0);
    });
  });

  it("collect: 3 when a scope could not be read (the snapshot records the gap); collect has no --allow-partial (2)", async () => {
    await serving(gappedModel(), async (at) => {
      const r = await hemvist(["collect", ...at, "--snapshot-out", join(dir, "collect-gap.json")]);
      const snap = JSON.parse(await readFile(join(dir, "collect-gap.json"), "utf8"));
      expect(snap.coverage.map((c: CoverageEntry) => [c.scope, c.collection, c.httpStatus])).toEqual([[`/subscriptions/${gapSub}`, "storageAccounts", 403]]);
      expect(r.code, r.stderr).toBe(3);
      const refused = await hemvist(["collect", ...at, "--snapshot-out", join(dir, "collect-gap-allowed.json"), "--allow-partial"]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toBe("hemvist: unknown option '--allow-partial' (--help lists the options)\n");
    });
  });

  it("audit: 3 with the gap, 1 with --allow-partial (the demo tenant has high failures)", async () => {
    await serving(gappedModel(), async (at) => {
      const r = await hemvist(["audit", ...at, "--out", join(dir, "audit-gap"), "--format", "json"]);
      expect(r.code, r.stderr).toBe(3);
      const allowed = await hemvist(["audit", ...at, "--out", join(dir, "audit-gap-allowed"), "--format", "json", "--allow-partial"]);
      expect(allowed.code, allowed.stderr).toBe(1);
    });
  });
});
