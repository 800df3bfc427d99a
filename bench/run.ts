/**
 * `npm run bench`: audits seeded synthetic tenants served by the emulator with latency and ARM's
 * throttle, the audit in a child process (as users run it), in both inventory modes; prints a
 * table and writes bench/results/<date>.json. Only 127.0.0.1 is ever contacted.
 */
import { execFile, spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs, promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { startEmulator } from "../src/emulator/server.js";
import type { TenantModel } from "../src/emulator/model.js";
import { ARM_THROTTLE_DEFAULTS } from "../src/emulator/throttle.js";
import { loadRules } from "../src/engine/registry.js";
import { readCollection } from "../src/engine/rule.js";
import { PACKAGE_ROOT } from "../src/paths.js";
import {
  GITHUB_SARIF_KEPT_RESULTS,
  GITHUB_SARIF_MAX_GZIP_BYTES,
  GITHUB_SARIF_MAX_LOCATIONS,
  GITHUB_SARIF_MAX_RESULTS,
  GITHUB_SARIF_MAX_RULES,
  GITHUB_SARIF_MAX_RUNS,
  GITHUB_SARIF_MAX_TAGS,
} from "../src/reporters/sarif-limits.js";
import type { Collection } from "../src/snapshot/types.js";
import { lowerBoundSeconds, minimalPlan, type MinimalPlan } from "./plan.js";
import { generateTenant } from "./tenant.js";

type Mode = "arm" | "resource-graph";

interface Scenario {
  name: string;
  subscriptions: number;
  resources: number;
  modes: Mode[];
  /** Measure the HTML report in Chromium. */
  browser: boolean;
}

interface Options {
  latency: number;
  jitter: number;
  pageSize: number;
  seed: number;
  scenarios: Scenario[];
  out: string;
  timeoutS: number;
  concurrency?: string;
}

/** One audit run's measurements. */
export interface RunResult {
  scenario: string;
  mode: Mode;
  subscriptions: number;
  resources: number;
  exitCode: number | null;
  requests: number;
  requestsByOperation: Record<string, number>;
  status429: number;
  /** Operations that were answered 429, and how often. */
  throttledByOperation: Record<string, number>;
  retries: number;
  notAssessedScopes: number;
  wallSeconds: number;
  lowerBoundSeconds: number;
  wallOverBound: number;
  minimalPlanRequests: number;
  requestsOverPlan: number;
  peakRssMiB: number;
  /** Peak RSS reached by the end of each phase (collect, snapshot, evaluate, reports), MiB. */
  peakRssAfterMiB?: Record<string, number>;
  cpuSeconds: number;
  collectSeconds: number;
  snapshotSeconds: number;
  /** Rule evaluation in all (most of it overlaps with collection). */
  evaluationSeconds: number;
  /** Evaluation left after collection ended (rules waiting for the last collections). */
  evaluationAfterCollectSeconds: number;
  /** Rendering results into the report spool, in all (overlaps with collection). */
  renderSeconds: number;
  /** Assembling and writing every report after evaluation. */
  reportSeconds: number;
  /** Everything after collection: snapshot, remaining evaluation, reports (wall). */
  afterCollectSeconds: number;
  results: number;
  reportBytes: Record<string, number>;
  browser?: { openSeconds: number; filterSeconds: number };
  /** `fingerprint status` lines hashed: equal hashes = the same results. */
  resultsDigest: string;
  /** findings.sarif against GitHub code scanning's limits and Microsoft's validator. */
  sarif?: SarifCheck;
  /** Bytes of summary.md (GitHub's job summary takes at most 1 MiB). */
  summaryMdBytes?: number;
}

/** What the bench checks of findings.sarif. */
export interface SarifCheck {
  bytes: number;
  gzipBytes: number;
  runs: number;
  results: number;
  /** Results listed one by one, and aggregates (each standing for several results). */
  listed: number;
  aggregates: number;
  /** Results the aggregates stand for. */
  aggregated: number;
  rules: number;
  maxLocationsPerResult: number;
  maxTagsPerRule: number;
  /** Every GitHub limit held (runs, results kept, rules, locations, tags, gzip size). */
  withinGitHubLimits: boolean;
  /** Error-level results of `Sarif.Multitool validate --rule-kind "Sarif;Gh"`; undefined when the validator is not installed. */
  validatorErrors?: string[];
  validatorSeconds?: number;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      subscriptions: { type: "string" },
      resources: { type: "string" },
      latency: { type: "string", default: "40" },
      jitter: { type: "string" },
      modes: { type: "string", default: "arm,resource-graph" },
      "page-size": { type: "string", default: "1000" },
      seed: { type: "string", default: "20260501" },
      quick: { type: "boolean", default: false },
      "no-browser": { type: "boolean", default: false },
      out: { type: "string", default: join(PACKAGE_ROOT, "bench", "results") },
      timeout: { type: "string", default: "900" },
      concurrency: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      "npm run bench -- [--subscriptions N --resources M] [--modes arm,resource-graph] [--latency 40] [--jitter 10]\n" +
        "                [--page-size 1000] [--seed N] [--quick] [--no-browser] [--concurrency N] [--out DIR]\n" +
        "Without --subscriptions/--resources: the full suite (20×5,000 both modes with the browser, 2×5,000 for scaling, 1×1,000).\n" +
        "--quick: 2×500 both modes and 1×1,000.\n",
    );
    process.exit(0);
  }
  const num = (v: string | undefined, name: string, min: number, max: number): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name}: expected a number from ${min} to ${max}, found "${v}"`);
    return n;
  };
  const modes = String(values.modes).split(",").map((m) => m.trim()) as Mode[];
  for (const m of modes) if (m !== "arm" && m !== "resource-graph") throw new Error(`--modes: unknown mode "${m}"`);
  const browser = !values["no-browser"];
  let scenarios: Scenario[];
  if (values.subscriptions !== undefined || values.resources !== undefined) {
    const s = num(values.subscriptions ?? "1", "subscriptions", 1, 500);
    const r = num(values.resources ?? "1000", "resources", 100, 50_000);
    scenarios = [{ name: `${s}x${r}`, subscriptions: s, resources: r, modes, browser }];
  } else if (values.quick) {
    scenarios = [
      { name: "2x500", subscriptions: 2, resources: 500, modes, browser },
      { name: "1x1000", subscriptions: 1, resources: 1000, modes: ["arm"], browser: false },
    ];
  } else {
    scenarios = [
      { name: "20x5000", subscriptions: 20, resources: 5000, modes, browser },
      { name: "2x5000", subscriptions: 2, resources: 5000, modes: ["arm"], browser: false },
      { name: "1x1000", subscriptions: 1, resources: 1000, modes: ["arm"], browser: false },
    ];
  }
  const latency = num(values.latency, "latency", 0, 2000);
  return {
    latency,
    jitter: values.jitter !== undefined ? num(values.jitter, "jitter", 0, 2000) : Math.round(latency / 4),
    pageSize: num(values["page-size"], "page-size", 1, 1000),
    seed: num(values.seed, "seed", 0, 2 ** 31),
    scenarios,
    out: values.out,
    timeoutS: num(values.timeout, "timeout", 10, 3600),
    ...(values.concurrency ? { concurrency: values.concurrency } : {}),
  };
}

/** `GET /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{n}/keys/{n}`: a request's operation. */
export function operationOf(method: string, path: string, query: string): string {
  const segs = path.split("/").filter((s) => s.length > 0);
  const out: string[] = [];
  let providerAt = -1;
  for (let i = 0; i < segs.length; i++) {
    const prev = (segs[i - 1] ?? "").toLowerCase();
    const s = segs[i]!;
    if (s.toLowerCase() === "providers") providerAt = i;
    if (prev === "subscriptions") out.push("{s}");
    else if (prev === "resourcegroups") out.push("{rg}");
    else if (prev === "managementgroups") out.push("{mg}");
    else if (prev === "tenantoptedin") out.push("{t}");
    else if (providerAt >= 0 && i > providerAt + 1 && (i - providerAt) % 2 === 1) out.push("{n}");
    else out.push(s);
  }
  const top1 = /(^|&)(%24|\$)top=1(&|$)/i.test(query);
  return `${method} /${out.join("/")}${top1 ? " ($top=1 probe)" : ""}`;
}

interface Usage {
  resourceUsage: { maxRSS: number; userCPUTime: number; systemCPUTime: number };
  timingsMs: Record<string, number>;
  maxRssAfterKiB?: Record<string, number>;
}

function runChild(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number | null; usage?: Usage; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(PACKAGE_ROOT, "bin", "hemvist.js"), ...args], { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += String(d);
      if (stderr.length > 1_000_000) stderr = stderr.slice(-500_000);
    });
    const t = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", fail);
    child.on("exit", (code) => {
      clearTimeout(t);
      const line = stderr.split("\n").find((l) => l.startsWith("HEMVIST_USAGE "));
      done({ code, ...(line ? { usage: JSON.parse(line.slice("HEMVIST_USAGE ".length)) as Usage } : {}), stderr });
    });
  });
}

/** Reads `results[].fingerprint`/`status` and coverage count of a findings.json without holding its text twice. */
async function findingsDigest(file: string): Promise<{ digest: string; results: number; coverage: number; statuses: Map<string, string> }> {
  const doc = JSON.parse(await readFile(file, "utf8")) as { results: { fingerprint: string; status: string }[]; coverage: unknown[] };
  const statuses = new Map(doc.results.map((r) => [r.fingerprint, r.status]));
  const { createHash } = await import("node:crypto");
  const h = createHash("sha256");
  for (const k of [...statuses.keys()].sort()) h.update(`${k} ${statuses.get(k)}\n`);
  return { digest: h.digest("hex").slice(0, 16), results: doc.results.length, coverage: doc.coverage.length, statuses };
}

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Opens report.html in headless Chromium (fresh profile): seconds until the first rows show, and until a severity filter has applied. */
async function measureBrowser(file: string): Promise<{ openSeconds: number; filterSeconds: number } | undefined> {
  let chromium: typeof import("playwright-core").chromium;
  try {
    ({ chromium } = await import("playwright-core"));
  } catch {
    return undefined;
  }
  const profile = await mkdtemp(join(tmpdir(), "hemvist-bench-chromium-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: process.env.HEMVIST_CHROMIUM || "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await context.newPage();
    await page.route((url) => !url.href.startsWith("file:"), (route) => route.abort());
    const t0 = performance.now();
    await page.goto(pathToFileURL(file).href, { waitUntil: "load", timeout: 120_000 });
    await page.waitForSelector("#findings-body tr.row", { timeout: 120_000 });
    const openSeconds = (performance.now() - t0) / 1000;
    const before = await page.locator("#findings-count").textContent();
    const t1 = performance.now();
    await page.selectOption("#f-severity", "critical");
    await page.waitForFunction((b) => document.querySelector("#findings-count")?.textContent !== b, before, { timeout: 60_000 });
    const filterSeconds = (performance.now() - t1) / 1000;
    return { openSeconds, filterSeconds };
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

async function runScenario(s: Scenario, o: Options, needed: Set<Collection>): Promise<{ results: RunResult[]; plan: MinimalPlan; same?: boolean }> {
  const { model, counts } = generateTenant({ subscriptions: s.subscriptions, resourcesPerSubscription: s.resources, seed: o.seed, pageSize: o.pageSize });
  const plan = minimalPlan(model, needed, o.pageSize);
  const bound = lowerBoundSeconds(plan, { bucketSize: ARM_THROTTLE_DEFAULTS.bucketSize, refillPerSecond: ARM_THROTTLE_DEFAULTS.refillPerSecond, latencyMs: o.latency });
  const results: RunResult[] = [];
  const digests = new Map<Mode, Map<string, string>>();
  for (const mode of s.modes) {
    process.stderr.write(`bench: ${s.name} (${counts.resources} resources) --inventory ${mode} …\n`);
    const r = await runMode(model, mode, s, o, plan, bound, counts.resources);
    results.push(r.result);
    digests.set(mode, r.statuses);
  }
  let same: boolean | undefined;
  if (digests.size === 2) {
    const [a, b] = [...digests.values()] as [Map<string, string>, Map<string, string>];
    same = a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
  }
  return { results, plan, ...(same !== undefined ? { same } : {}) };
}

async function runMode(model: TenantModel, mode: Mode, s: Scenario, o: Options, plan: MinimalPlan, bound: number, resources: number): Promise<{ result: RunResult; statuses: Map<string, string> }> {
  // A fresh emulator per run: full buckets, a request log of this run only.
  const emulator = await startEmulator({ model, host: "127.0.0.1", latencyMs: o.latency, jitterMs: o.jitter, throttle: true });
  const dir = await mkdtemp(join(tmpdir(), `hemvist-bench-${s.name}-${mode}-`));
  try {
    const ca = join(dir, "ca.pem");
    await emulator.writeCa(ca);
    const out = join(dir, "out");
    const args = ["audit", "--auth", "static", "--arm-endpoint", emulator.url, "--graph-endpoint", emulator.url, "--tenant", model.tenantId, "--out", out, "--inventory", mode, "--quiet", "--allow-partial"];
    if (o.concurrency) args.push("--concurrency", o.concurrency);
    const t0 = performance.now();
    const child = await runChild(args, { ...process.env, NODE_EXTRA_CA_CERTS: ca, HEMVIST_STATIC_TOKEN: `bench-token-${mode}`, HEMVIST_REPORT_USAGE: "1", CI: "true", GITHUB_STEP_SUMMARY: "" }, o.timeoutS * 1000);
    const wall = (performance.now() - t0) / 1000;
    if (child.code !== 0 && child.code !== 1) process.stderr.write(`bench: the audit exited ${child.code}:\n${child.stderr.slice(-3000)}\n`);
    const byOp: Record<string, number> = {};
    let s429 = 0;
    const throttled: Record<string, number> = {};
    let retried = 0;
    for (const q of emulator.requests) {
      const op = operationOf(q.method, q.path, q.query);
      byOp[op] = (byOp[op] ?? 0) + 1;
      if (q.status === 429) {
        s429++;
        throttled[op] = (throttled[op] ?? 0) + 1;
      }
      if (q.status === 429 || q.status >= 500) retried++;
    }
    const reportBytes: Record<string, number> = {};
    for (const f of await readdir(out).catch(() => [] as string[])) if (!f.startsWith(".")) reportBytes[f] = (await stat(join(out, f))).size;
    const findings = await findingsDigest(join(out, "findings.json"));
    const sarif = await checkSarif(join(out, "findings.sarif"), dir);
    let browser: RunResult["browser"];
    if (s.browser && mode === s.modes[0]) browser = await measureBrowser(join(out, "report.html"));
    const u = child.usage;
    const t = u?.timingsMs ?? {};
    const result: RunResult = {
      scenario: s.name,
      mode,
      subscriptions: s.subscriptions,
      resources,
      exitCode: child.code,
      requests: emulator.requests.length,
      requestsByOperation: Object.fromEntries(Object.entries(byOp).sort((a, b) => b[1] - a[1])),
      status429: s429,
      throttledByOperation: throttled,
      retries: retried,
      notAssessedScopes: findings.coverage,
      wallSeconds: round(wall),
      lowerBoundSeconds: round(bound),
      wallOverBound: round(wall / bound),
      minimalPlanRequests: plan.total,
      requestsOverPlan: round(emulator.requests.length / plan.total),
      peakRssMiB: u ? round(u.resourceUsage.maxRSS / 1024) : Number.NaN,
      ...(u?.maxRssAfterKiB ? { peakRssAfterMiB: Object.fromEntries(Object.entries(u.maxRssAfterKiB).map(([k, v]) => [k, round(v / 1024)])) } : {}),
      cpuSeconds: u ? round((u.resourceUsage.userCPUTime + u.resourceUsage.systemCPUTime) / 1e6) : Number.NaN,
      collectSeconds: round((t.collect ?? Number.NaN) / 1000),
      snapshotSeconds: round((t.snapshot ?? Number.NaN) / 1000),
      evaluationSeconds: round((t.evaluate ?? Number.NaN) / 1000),
      evaluationAfterCollectSeconds: round((t["evaluate:after-collect"] ?? Number.NaN) / 1000),
      renderSeconds: round((t.render ?? Number.NaN) / 1000),
      reportSeconds: round((t.reports ?? Number.NaN) / 1000),
      afterCollectSeconds: round(((t.snapshot ?? 0) + (t["evaluate:after-collect"] ?? 0) + (t.reports ?? 0)) / 1000),
      results: findings.results,
      reportBytes,
      ...(browser ? { browser: { openSeconds: round(browser.openSeconds), filterSeconds: round(browser.filterSeconds) } } : {}),
      resultsDigest: findings.digest,
      ...(sarif ? { sarif } : {}),
      ...(reportBytes["summary.md"] !== undefined ? { summaryMdBytes: reportBytes["summary.md"] } : {}),
    };
    return { result, statuses: findings.statuses };
  } finally {
    await emulator.close();
    // HEMVIST_BENCH_KEEP=<dir>: keep the run's reports and snapshot there (to profile the reporters or the page on them).
    const keep = process.env.HEMVIST_BENCH_KEEP;
    if (keep) await cp(join(dir, "out"), join(keep, `${s.name}-${mode}`), { recursive: true }).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

const MULTITOOL = join(PACKAGE_ROOT, "node_modules", "@microsoft", "sarif-multitool-linux", "Sarif.Multitool");

/** Counts findings.sarif against GitHub's limits and runs Microsoft's SARIF validator (SARIF and GitHub rules) on it. */
async function checkSarif(file: string, dir: string): Promise<SarifCheck | undefined> {
  const text = await readFile(file).catch(() => undefined);
  if (!text) return undefined;
  type Log = { runs: { results?: { locations?: unknown[]; properties?: { status?: string; aggregate?: { count: number } } }[]; tool: { driver: { rules?: { properties?: { tags?: unknown[] } }[] } } }[] };
  const log = JSON.parse(text.toString("utf8")) as Log;
  const results = log.runs.flatMap((r) => r.results ?? []);
  const rules = log.runs.flatMap((r) => r.tool.driver.rules ?? []);
  const aggregates = results.filter((r) => r.properties?.status === "aggregate");
  const check: SarifCheck = {
    bytes: text.length,
    gzipBytes: gzipSync(text).length,
    runs: log.runs.length,
    results: results.length,
    listed: results.length - aggregates.length,
    aggregates: aggregates.length,
    aggregated: aggregates.reduce((n, r) => n + (r.properties?.aggregate?.count ?? 0), 0),
    rules: rules.length,
    maxLocationsPerResult: Math.max(0, ...results.map((r) => r.locations?.length ?? 0)),
    maxTagsPerRule: Math.max(0, ...rules.map((r) => r.properties?.tags?.length ?? 0)),
    withinGitHubLimits: false,
  };
  check.withinGitHubLimits =
    check.runs <= GITHUB_SARIF_MAX_RUNS &&
    log.runs.every((r) => (r.results?.length ?? 0) <= GITHUB_SARIF_KEPT_RESULTS && (r.results?.length ?? 0) <= GITHUB_SARIF_MAX_RESULTS && (r.tool.driver.rules?.length ?? 0) <= GITHUB_SARIF_MAX_RULES) &&
    check.maxLocationsPerResult <= GITHUB_SARIF_MAX_LOCATIONS &&
    check.maxTagsPerRule <= GITHUB_SARIF_MAX_TAGS &&
    check.gzipBytes <= GITHUB_SARIF_MAX_GZIP_BYTES;
  const validation = await validateSarif(file, dir);
  return { ...check, ...(validation ? { validatorErrors: validation.errors, validatorSeconds: round(validation.seconds) } : {}) };
}

/** Error-level results of Microsoft's SARIF validator (`validate --rule-kind "Sarif;Gh"`), or undefined without it. */
async function validateSarif(file: string, dir: string): Promise<{ errors: string[]; seconds: number } | undefined> {
  const ok = await stat(MULTITOOL).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!ok) return undefined;
  const out = join(dir, "findings.validation.sarif");
  const t0 = performance.now();
  await promisify(execFile)(MULTITOOL, ["validate", "--rule-kind", "Sarif;Gh", "--output", out, file], { env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: "1" }, maxBuffer: 64 * 1024 * 1024 }).catch(async (e: unknown) => {
    // It exits non-zero when it finds errors; its log says which.
    if (!(await stat(out).catch(() => undefined))) throw e;
  });
  const seconds = (performance.now() - t0) / 1000;
  type Report = { runs: { results?: { ruleId: string; level?: string; message: { id?: string; arguments?: string[] } }[]; invocations?: { toolExecutionNotifications?: { level?: string; message: { text?: string } }[] }[] }[] };
  const report = JSON.parse(await readFile(out, "utf8")) as Report;
  const errors = [
    ...(report.runs[0]?.results ?? []).filter((r) => (r.level ?? "warning") === "error").map((r) => `${r.ruleId}: ${r.message.id ?? ""} ${(r.message.arguments ?? []).join(" | ")}`),
    ...(report.runs[0]?.invocations?.[0]?.toolExecutionNotifications ?? []).filter((n) => n.level === "error").map((n) => `notification: ${n.message.text ?? ""}`),
  ];
  return { errors, seconds };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function table(rows: RunResult[]): string {
  const cols: [string, (r: RunResult) => string][] = [
    ["scenario", (r) => r.scenario],
    ["mode", (r) => r.mode],
    ["resources", (r) => String(r.resources)],
    ["requests", (r) => String(r.requests)],
    ["plan", (r) => String(r.minimalPlanRequests)],
    ["req/plan", (r) => r.requestsOverPlan.toFixed(2)],
    ["429s", (r) => String(r.status429)],
    ["retries", (r) => String(r.retries)],
    ["unread", (r) => String(r.notAssessedScopes)],
    ["wall s", (r) => r.wallSeconds.toFixed(1)],
    ["bound s", (r) => r.lowerBoundSeconds.toFixed(1)],
    ["wall/bound", (r) => r.wallOverBound.toFixed(2)],
    ["RSS MiB", (r) => r.peakRssMiB.toFixed(0)],
    ["CPU s", (r) => r.cpuSeconds.toFixed(1)],
    ["collect s", (r) => r.collectSeconds.toFixed(1)],
    ["eval s (after)", (r) => `${r.evaluationSeconds.toFixed(2)} (${r.evaluationAfterCollectSeconds.toFixed(2)})`],
    ["render s", (r) => r.renderSeconds.toFixed(2)],
    ["reports s", (r) => r.reportSeconds.toFixed(2)],
    ["after collect s", (r) => r.afterCollectSeconds.toFixed(2)],
    ["results", (r) => String(r.results)],
    ["html MB", (r) => ((r.reportBytes["report.html"] ?? 0) / 1e6).toFixed(1)],
    ["sarif results (agg)", (r) => (r.sarif ? `${r.sarif.results} (${r.sarif.aggregates})` : "")],
    ["sarif gz MB", (r) => (r.sarif ? (r.sarif.gzipBytes / 1e6).toFixed(2) : "")],
    ["sarif ok", (r) => (r.sarif ? `${r.sarif.withinGitHubLimits ? "limits" : "OVER LIMITS"}${r.sarif.validatorErrors ? (r.sarif.validatorErrors.length === 0 ? "+valid" : ` ${r.sarif.validatorErrors.length} ERRORS`) : ""}` : "")],
    ["summary.md KiB", (r) => (r.summaryMdBytes !== undefined ? (r.summaryMdBytes / 1024).toFixed(0) : "")],
    ["open+filter s", (r) => (r.browser ? `${r.browser.openSeconds.toFixed(2)}+${r.browser.filterSeconds.toFixed(2)}` : "")],
  ];
  const cells = [cols.map(([h]) => h), ...rows.map((r) => cols.map(([, f]) => f(r)))];
  const widths = cols.map((_, i) => Math.max(...cells.map((c) => c[i]!.length)));
  return cells.map((c) => c.map((v, i) => (i < 2 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join("  ")).join("\n");
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const rules = await loadRules();
  const needed = new Set<Collection>(rules.flatMap((r) => r.reads.map(readCollection)));
  const all: RunResult[] = [];
  const comparisons: { scenario: string; sameResults?: boolean; armOverGraph?: number }[] = [];
  const plans: Record<string, { total: number; byItem: Record<string, number> }> = {};
  for (const s of o.scenarios) {
    const { results, plan, same } = await runScenario(s, o, needed);
    all.push(...results);
    plans[s.name] = { total: plan.total, byItem: plan.byItem };
    const arm = results.find((r) => r.mode === "arm");
    const rg = results.find((r) => r.mode === "resource-graph");
    comparisons.push({ scenario: s.name, ...(same !== undefined ? { sameResults: same } : {}), ...(arm && rg ? { armOverGraph: round(arm.wallSeconds / rg.wallSeconds) } : {}) });
  }
  const scaling = (() => {
    const big = all.find((r) => r.scenario === "20x5000" && r.mode === "arm");
    const small = all.find((r) => r.scenario === "2x5000" && r.mode === "arm");
    return big && small ? { cpu: round(big.cpuSeconds / small.cpuSeconds), rss: round(big.peakRssMiB / small.peakRssMiB), wall: round(big.wallSeconds / small.wallSeconds) } : undefined;
  })();
  process.stdout.write(`\nHemvist benchmark: latency ${o.latency} ms (+0..${o.jitter} ms jitter), ARM throttle ${ARM_THROTTLE_DEFAULTS.bucketSize} reads, ${ARM_THROTTLE_DEFAULTS.refillPerSecond}/s per subscription; Resource Graph ${ARM_THROTTLE_DEFAULTS.resourceGraphQueries} queries / ${ARM_THROTTLE_DEFAULTS.resourceGraphWindowSeconds} s; list pages of ${o.pageSize}\n\n`);
  process.stdout.write(`${table(all)}\n\n`);
  for (const c of comparisons) {
    if (c.sameResults !== undefined) process.stdout.write(`${c.scenario}: both modes give ${c.sameResults ? "the same" : "DIFFERENT"} results (fingerprints and statuses); wall arm / resource-graph = ${c.armOverGraph}\n`);
  }
  if (scaling) process.stdout.write(`10,000 → 100,000 resources: CPU ×${scaling.cpu}, peak RSS ×${scaling.rss}, wall ×${scaling.wall}\n`);
  await mkdir(o.out, { recursive: true });
  const date = new Date().toISOString().replace(/[:]/g, "-").replace(/\..*$/, "");
  const file = join(o.out, `${date}.json`);
  await writeFile(file, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, options: { latencyMs: o.latency, jitterMs: o.jitter, pageSize: o.pageSize, seed: o.seed, throttle: ARM_THROTTLE_DEFAULTS }, runs: all, comparisons, scaling, plans }, null, 1)}\n`);
  process.stdout.write(`\nResults: ${file}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
