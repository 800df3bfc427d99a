/**
 * The steps `audit`, `collect` and `evaluate` share: settings from flags and config, collection,
 * evaluation with exceptions and baseline, and writing every report atomically.
 */
import { createHash } from "node:crypto";
import { appendFile, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { collect } from "../collectors/index.js";
import { resolveCloud } from "../collectors/cloud.js";
import { DEFAULT_CONCURRENCY } from "../collectors/framework.js";
import type { InventoryMode } from "../collectors/azure/resource-graph.js";
import { loadConfig } from "../config/load.js";
import { loadDataFile, notTextProblem, parseJsonFile } from "../config/files.js";
import type { ResolvedConfig } from "../config/types.js";
import { diffBaseline, type BaselineInput } from "../engine/baseline.js";
import { applyExceptions, type ExceptionEntry } from "../engine/exceptions.js";
import { loadRules } from "../engine/registry.js";
import { readCollection } from "../engine/rule.js";
import { runRules } from "../engine/run.js";
import { SEVERITIES, type RuleDefinition, type Severity } from "../engine/types.js";
import { UsageError } from "../errors.js";
import { REPOSITORY_URL, VERSION } from "../paths.js";
import { renderConsoleSummary } from "../reporters/console.js";
import { buildDocument, sortFindings } from "../reporters/document.js";
import { REPORT_FILES, REPORT_FORMATS, renderReport, renderReportChunks, type ReportFormat } from "../reporters/index.js";
import { FINDINGS_SCHEMA_VERSION, type FindingsDocument } from "../reporters/types.js";
import { SNAPSHOT_SCHEMA_VERSION, type Collection, type Snapshot } from "../snapshot/types.js";
import { AUTH_METHODS, autoAuthMethod, makeCredential, type AuthMethod } from "./credential.js";
import { envTuning } from "./env-knobs.js";
import { createLogger, type Logger } from "./progress.js";
import { writeAtomic } from "./write.js";
import { recordTiming } from "./usage.js";
import { writeJsonAtomic, writeTextAtomic } from "./json-stream.js";

/** Flags as commander gives them. */
export interface CliFlags {
  config?: string;
  profile?: string;
  allowedRegions?: string;
  tenant?: string;
  subscriptions?: string;
  out?: string;
  format?: string;
  failOn?: string;
  failOnNew?: boolean;
  allowPartial?: boolean;
  concurrency?: string;
  cloud?: string;
  armEndpoint?: string;
  graphEndpoint?: string;
  auth?: string;
  lang?: string;
  quiet?: boolean;
  verbose?: boolean;
  rules?: string;
  baseline?: string;
  exceptions?: string;
  snapshotOut?: string;
  m365?: boolean;
  inventory?: string;
}

export interface Settings {
  config: ResolvedConfig;
  exceptionsPath?: string;
  outDir: string;
  formats: ReportFormat[];
  failOn: Severity;
  failOnNew: boolean;
  allowPartial: boolean;
  concurrency: number;
  lang: "sv" | "en";
  subscriptions?: string[];
  log: Logger;
  quiet: boolean;
  rulesDir?: string;
  baselinePath?: string;
}

function list(v: string | undefined): string[] | undefined {
  if (v === undefined) return undefined;
  const items = v.split(",").map((s) => s.trim()).filter(Boolean);
  return items;
}

/** Resolves flags and the config file into settings; every bad value is a UsageError (exit 2). */
export async function resolveSettings(flags: CliFlags, cwd = process.cwd()): Promise<Settings> {
  const loaded = await loadConfig(flags.config, {
    ...(flags.profile ? { profile: flags.profile } : {}),
    ...(flags.allowedRegions ? { allowedRegions: list(flags.allowedRegions) ?? [] } : {}),
  }, cwd);
  const config = loaded.config;
  if (flags.m365 === false) config.m365.enabled = false;
  const failOn = (flags.failOn ?? loaded.file?.failOn ?? "high").toLowerCase();
  if (!SEVERITIES.includes(failOn as Severity)) throw new UsageError(`--fail-on: found "${flags.failOn}", expected one of ${SEVERITIES.join(", ")}.`);
  const lang = (flags.lang ?? loaded.file?.lang ?? "sv").toLowerCase();
  if (lang !== "sv" && lang !== "en") throw new UsageError(`--lang: found "${flags.lang}", expected sv or en.`);
  const formats = (list(flags.format) ?? [...REPORT_FORMATS]).map((f) => f.toLowerCase());
  for (const f of formats) if (!REPORT_FORMATS.includes(f as ReportFormat)) throw new UsageError(`--format: found "${f}", expected a comma-separated list of ${REPORT_FORMATS.join(", ")}.`);
  let concurrency = DEFAULT_CONCURRENCY;
  if (flags.concurrency !== undefined) {
    concurrency = Number(flags.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UsageError(`--concurrency: found "${flags.concurrency}", expected a whole number from 1 to 64.`);
  }
  const subs = list(flags.subscriptions) ?? loaded.file?.subscriptions;
  for (const s of subs ?? []) if (!/^[0-9a-f-]{36}$/i.test(s)) throw new UsageError(`--subscriptions: "${s}" is not a subscription id (expected a GUID).`);
  const exceptionsPath = flags.exceptions ? resolve(cwd, flags.exceptions) : loaded.exceptionsPath;
  return {
    config,
    ...(exceptionsPath ? { exceptionsPath } : {}),
    outDir: resolve(cwd, flags.out ?? "reports"),
    formats: [...new Set(formats)] as ReportFormat[],
    failOn: failOn as Severity,
    failOnNew: !!flags.failOnNew,
    allowPartial: !!flags.allowPartial,
    concurrency,
    lang,
    ...(subs && subs.length > 0 ? { subscriptions: subs } : {}),
    log: createLogger({ quiet: !!flags.quiet, verbose: !!flags.verbose }),
    quiet: !!flags.quiet,
    ...(flags.rules ? { rulesDir: resolve(cwd, flags.rules) } : {}),
    ...(flags.baseline ? { baselinePath: resolve(cwd, flags.baseline) } : {}),
  };
}

/** Rule ids each collection's failure blinds, from the rules' `reads`. */
export function blindsIndex(rules: RuleDefinition[]): (c: Collection) => string[] {
  const map = new Map<Collection, Set<string>>();
  for (const r of rules) for (const read of r.reads) {
    const c = readCollection(read);
    let s = map.get(c);
    if (!s) map.set(c, (s = new Set()));
    s.add(r.id);
  }
  return (c) => [...(map.get(c) ?? [])].sort();
}

/** Collects a snapshot from the tenant the flags point at. */
export async function runCollect(flags: CliFlags, settings: Settings, rules: RuleDefinition[], signal?: AbortSignal, extra: { shard?: { index: number; count: number } } = {}): Promise<Snapshot> {
  let cloud: ReturnType<typeof resolveCloud>;
  try {
    cloud = resolveCloud(flags.cloud ?? "AzureCloud", {
      ...(flags.armEndpoint ? { armEndpoint: flags.armEndpoint } : {}),
      ...(flags.graphEndpoint ? { graphEndpoint: flags.graphEndpoint } : {}),
    });
  } catch (err) {
    throw new UsageError(`--cloud: ${(err as Error).message}`);
  }
  for (const [flag, v] of [["--arm-endpoint", flags.armEndpoint], ["--graph-endpoint", flags.graphEndpoint]] as const) {
    if (v && !/^https:\/\//i.test(v)) throw new UsageError(`${flag}: found "${v}", expected an https:// URL (bearer tokens are only sent over TLS).`);
  }
  const method = (flags.auth ?? autoAuthMethod(process.env)) as AuthMethod;
  if (!AUTH_METHODS.includes(method)) throw new UsageError(`--auth: found "${flags.auth}", expected one of ${AUTH_METHODS.join(", ")}.`);
  const cred = makeCredential(method, { ...(flags.tenant ? { tenantId: flags.tenant } : {}), authorityHost: cloud.authorityHost });
  settings.log.info(`Hemvist ${VERSION}: reading ${cloud.name} (${cloud.armEndpoint}) as ${method}${settings.subscriptions ? `, ${settings.subscriptions.length} subscription(s)` : ", every visible subscription"}${settings.config.m365.enabled ? " and Microsoft 365" : ""}.`);
  const tenantId = cred.tenantId ?? flags.tenant;
  const snapshot = await collect({
    credential: cred.credential,
    cloud,
    ...(tenantId ? { tenantId } : {}),
    ...(settings.subscriptions ? { subscriptions: settings.subscriptions } : {}),
    concurrency: settings.concurrency,
    m365: settings.config.m365.enabled,
    profile: { name: settings.config.profile.name, allowedRegions: settings.config.profile.allowedRegions, allowedM365Geos: settings.config.profile.allowedM365Geos },
    authMethod: method,
    blindsFor: blindsIndex(rules),
    onProgress: (e) => settings.log.progress(e),
    ...(signal ? { signal } : {}),
    toolVersion: VERSION,
    ...(extra.shard ? { shard: extra.shard } : {}),
    ...(flags.inventory ? { inventory: flags.inventory as InventoryMode } : {}),
    ...envTuning(),
  });
  settings.log.finish();
  if (cred.clientId && !snapshot.identity.clientId) snapshot.identity.clientId = cred.clientId;
  if (snapshot.tenant.tenantId === "unknown") settings.log.warn("the tenant id could not be determined (no --tenant, no tenantId on the subscriptions, a token without a tid claim); tenant-level results use /tenants/unknown. Pass --tenant ID.");
  for (const c of snapshot.coverage) settings.log.debug(`not read: ${c.operation} → ${c.httpStatus ?? ""} ${c.code} (blinds ${c.blinds.join(", ") || "no rule"})`);
  return snapshot;
}

/** Serialises a snapshot as written to disk (and hashed). */
export function snapshotText(s: Snapshot): string {
  return `${JSON.stringify(s, null, 1)}\n`;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Reads and checks a previous findings.json (`--baseline`); every problem is a UsageError naming the file and field. */
export async function loadBaseline(path: string): Promise<BaselineInput> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new UsageError(`${path}: cannot read the baseline (${(err as NodeJS.ErrnoException).code ?? String(err)}).`);
  }
  const notText = notTextProblem(text);
  if (notText) throw new UsageError(`${path}: the baseline ${notText}; expected a previous findings.json.`);
  const value = parseJsonFile(path, text, "a previous findings.json");
  const v = value as Partial<FindingsDocument>;
  if (!v || typeof v !== "object" || typeof v.schemaVersion !== "string") throw new UsageError(`${path}: field "schemaVersion" is missing; expected a previous Hemvist findings.json.`);
  if (v.schemaVersion.split(".")[0] !== FINDINGS_SCHEMA_VERSION.split(".")[0]) throw new UsageError(`${path}: field "schemaVersion": found findings format ${v.schemaVersion}, expected ${FINDINGS_SCHEMA_VERSION.split(".")[0]}.x (a findings.json of this major version can be a baseline).`);
  if (!Array.isArray(v.results)) throw new UsageError(`${path}: field "results" is missing or not a list; expected a previous findings.json.`);
  for (const [i, r] of v.results.entries()) {
    if (!r || typeof r !== "object" || typeof r.fingerprint !== "string" || typeof r.status !== "string") throw new UsageError(`${path}: field "results[${i}]": expected an object with "fingerprint" and "status".`);
  }
  return { generatedAt: String(v.generatedAt ?? ""), snapshotSha256: String(v.snapshotSha256 ?? ""), results: v.results };
}

/**
 * Evaluates a snapshot, applies exceptions and the baseline, and builds the findings document.
 * The document keeps nothing of the snapshot but its coverage and tenant fields (residency counts
 * are computed here), so once the caller drops the snapshot its collections can be collected
 * before the reports are written.
 */
export async function evaluateDocument(snapshot: Snapshot, snapshotSha: string, settings: Settings, rules: RuleDefinition[], now = new Date()): Promise<FindingsDocument> {
  const { rulePages } = await import("../../rules/index.js");
  const helpUri = (rule: RuleDefinition) => {
    const page = rulePages[rule.id];
    return page ? `${REPOSITORY_URL}/blob/main/${page}` : `${REPOSITORY_URL}#rules`;
  };
  const evalStart = performance.now();
  const run = runRules(snapshot, rules, { config: settings.config, now, helpUri });
  const findings = run.findings;
  let exceptions: FindingsDocument["exceptions"];
  if (settings.exceptionsPath) {
    const file = await loadDataFile<{ exceptions: ExceptionEntry[] }>(settings.exceptionsPath, "exceptions.schema.json", "exceptions file");
    const known = new Set(rules.flatMap((r) => [r.id, ...(r.aliases ?? [])].map((x) => x.toUpperCase())));
    const applied = applyExceptions(findings, file.exceptions, now, settings.config.exceptions.maxHorizonDays, known);
    exceptions = applied.report;
    for (const w of applied.warnings) settings.log.warn(w);
  }
  let baseline: FindingsDocument["baseline"];
  if (settings.baselinePath) baseline = diffBaseline(findings, await loadBaseline(settings.baselinePath), settings.baselinePath);
  sortFindings(findings);
  const doc = buildDocument({
    snapshot,
    snapshotSha256: snapshotSha,
    findings,
    rules: run.rules,
    config: settings.config,
    generatedAt: now,
    toolVersion: VERSION,
    outcome: { failOn: settings.failOn, failOnNew: settings.failOnNew, allowPartial: settings.allowPartial },
    ...(baseline ? { baseline } : {}),
    ...(exceptions ? { exceptions } : {}),
  });
  recordTiming("evaluate", performance.now() - evalStart);
  return doc;
}

/**
 * Writes every report of `settings.formats` to `settings.outDir` atomically; findings.json,
 * findings.csv, findings.sarif and report.html are streamed in chunks (the same bytes as
 * renderReport's text), summary.md is small and written whole. Returns the paths written.
 */
export async function writeReports(doc: FindingsDocument, settings: Settings): Promise<string[]> {
  const reportStart = performance.now();
  const files: string[] = [];
  for (const format of settings.formats) {
    const formatStart = performance.now();
    const path = join(settings.outDir, REPORT_FILES[format]);
    if (format === "json") {
      // findings.json streamed from the document (byte for byte renderJson's text, see json-stream.ts).
      const head = JSON.parse(renderReport("json", { ...doc, results: [] }, { lang: settings.lang }).content) as Record<string, unknown>;
      await writeJsonAtomic(path, { ...head, results: doc.results });
    } else if (format === "md") {
      const { content } = renderReport(format, doc, { lang: settings.lang });
      await writeAtomic(path, content);
      if (process.env.GITHUB_STEP_SUMMARY) await appendFile(process.env.GITHUB_STEP_SUMMARY, `${content}\n`);
    } else {
      await writeTextAtomic(path, renderReportChunks(format, doc, { lang: settings.lang }));
    }
    files.push(path);
    recordTiming(`report:${format}`, performance.now() - formatStart);
  }
  recordTiming("reports", performance.now() - reportStart);
  return files;
}

/** Prints the console summary (stdout) unless quiet. */
export function printSummary(doc: FindingsDocument, files: string[], settings: Settings, extra: string[] = []): void {
  if (settings.quiet) return;
  process.stdout.write(renderConsoleSummary(doc, { lang: settings.lang, files, extra, color: !!process.stdout.isTTY && !process.env.NO_COLOR }));
}

export { SNAPSHOT_SCHEMA_VERSION, loadRules };
