/**
 * The steps `audit`, `collect` and `evaluate` share: settings from flags and config, collection,
 * evaluation with exceptions and baseline, and writing every report atomically.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { resolveCloud } from "../collectors/cloud.js";
import { type CloudSettings, DEFAULT_CONCURRENCY } from "../collectors/contracts.js";
import type { InventoryMode } from "../collectors/azure/resource-graph.js";
import { loadConfig } from "../config/load.js";
import { loadDataFile, MAX_HAND_WRITTEN_BYTES, notTextProblem, parseJsonFile } from "../base/files.js";
import type { ResolvedConfig } from "../config/types.js";
import { baselineProblems, startBaselineDiff, type BaselineContext, type BaselineProblem, type BaselineDiff, type BaselineInput } from "../findings/baseline.js";
import { exceptionProblems, prepareExceptions, type ExceptionEntry, type ExceptionMatcher } from "../findings/exceptions.js";
import { ProgressiveEvaluation } from "../engine/progressive.js";
import { loadRules, ruleSource } from "../engine/registry.js";
import { ruleOptionsProblems } from "../engine/rule.js";
import { idKey } from "../engine/arm-id.js";
import { evaluationGaps } from "../engine/gaps.js";
import { enabledRules, ruleMeta } from "../engine/run.js";
import { SEVERITIES, type Finding, type RuleDefinition, type RuleMeta, type Severity } from "../engine/types.js";
import { UsageError } from "../base/errors.js";
import { DEFAULT_LANG, LANGS, parseLang, type Lang } from "../base/lang.js";
import { REPOSITORY_URL, VERSION } from "../paths.js";
import { compareText } from "../reporters/common.js";
import { renderConsoleSummary } from "../reporters/console.js";
import { DataMapCollector } from "../findings/datamap.js";
import { attestationReport, buildDocument } from "../findings/document.js";
import { ATTESTATION_VALID_DAYS } from "../config/attestations.js";
import { Tally, type OutcomeOptions } from "../findings/outcome.js";
import { REPORT_FILES, REPORT_FORMATS, type ReportFormat } from "../reporters/index.js";
import { ReportSpool } from "../reporters/spool.js";
import { baselineNights, trendWarning } from "../findings/trend.js";
import { type DisabledRule, FINDINGS_SCHEMA_VERSION, type FindingsDocument, type TrendNight } from "../findings/types.js";
import { defaultCsvDelimiter, parseCsvDelimiter } from "../reporters/csv.js";
import type { CsvDelimiter } from "../reporters/types.js";
import { AZURE_COLLECTIONS, compareCoverage, SNAPSHOT_SCHEMA_VERSION, TENANT_COLLECTIONS, type Collection, type Snapshot } from "../snapshot/types.js";
import { AUTH_METHODS, autoAuthMethod, type CredentialChoice, explainingCredential, makeCredential, type AuthMethod } from "./credential.js";
import { commitWaitMs, envTuning, writeFaultHook } from "./env-knobs.js";
import { recoverReportSet, ReportSet } from "../base/report-set.js";
import { createLogger, type Logger } from "./progress.js";
import { recordTiming } from "./usage.js";

/** What --csv-delimiter accepts, for its error messages. */
const CSV_DELIMITER_EXPECTED = "one of , (comma), ; (semicolon) or tab";

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
  csvDelimiter?: string;
}

export interface Settings {
  config: ResolvedConfig;
  /** The configuration file read, if any (for messages). */
  configPath?: string;
  exceptionsPath?: string;
  outDir: string;
  formats: ReportFormat[];
  failOn: Severity;
  failOnNew: boolean;
  allowPartial: boolean;
  concurrency: number;
  lang: Lang;
  subscriptions?: string[];
  log: Logger;
  quiet: boolean;
  rulesDir?: string;
  baselinePath?: string;
  /** The collection's cloud and credential, once the preflight has checked them. */
  collectTarget?: CollectTarget;
  /** findings.csv's separator (`--csv-delimiter`, else by language: `;` for sv, `,` for en). */
  csvDelimiter: CsvDelimiter;
}

function list(v: string | undefined): string[] | undefined {
  if (v === undefined) return undefined;
  const items = v.split(",").map((s) => s.trim()).filter(Boolean);
  return items;
}

/** Flags that name something: given empty (`--format ""`), they would silently mean the default or nothing at all. */
const NON_EMPTY_FLAGS: readonly [keyof CliFlags, string, string][] = [
  ["config", "--config", "a configuration file"],
  ["allowedRegions", "--allowed-regions", "a comma-separated list of Azure regions, such as swedencentral,swedensouth"],
  ["subscriptions", "--subscriptions", "a comma-separated list of subscription ids (GUIDs); leave the flag out to read every subscription the identity can see"],
  ["format", "--format", `a comma-separated list of ${REPORT_FORMATS.join(", ")}`],
  ["out", "--out", "an output folder"],
  ["snapshotOut", "--snapshot-out", "a file to write the snapshot to"],
  ["rules", "--rules", "a folder of rule modules"],
  ["baseline", "--baseline", "a previous findings.json"],
  ["exceptions", "--exceptions", "an exceptions file"],
  ["tenant", "--tenant", "a tenant id (GUID) or domain name"],
  ["armEndpoint", "--arm-endpoint", "an https:// URL"],
  ["graphEndpoint", "--graph-endpoint", "an https:// URL"],
  ["lang", "--lang", LANGS.join(" or ")],
  ["concurrency", "--concurrency", "a whole number from 1 to 64"],
];

/** A flag value given but empty (blank, or a list of nothing but commas) is a UsageError naming the flag. */
function refuseEmptyFlags(flags: CliFlags): void {
  for (const [key, flag, expected] of NON_EMPTY_FLAGS) {
    const v = flags[key];
    if (typeof v !== "string") continue;
    const empty = key === "allowedRegions" || key === "subscriptions" || key === "format" ? (list(v) ?? []).length === 0 : v.trim() === "";
    if (empty) throw new UsageError(`${flag}: found ${JSON.stringify(v)}, expected ${expected}.`);
  }
  for (const r of list(flags.allowedRegions) ?? []) {
    if (!/^[a-z][a-z0-9 ]*$/i.test(r)) throw new UsageError(`--allowed-regions: found the region ${JSON.stringify(r)}, expected Azure region names such as swedencentral or "Sweden Central", separated by commas.`);
  }
}

/** Resolves flags and the config file into settings; every bad value is a UsageError (exit 2). */
export async function resolveSettings(flags: CliFlags, cwd = process.cwd()): Promise<Settings> {
  refuseEmptyFlags(flags);
  const loaded = await loadConfig(flags.config, {
    ...(flags.profile ? { profile: flags.profile } : {}),
    ...(flags.allowedRegions ? { allowedRegions: list(flags.allowedRegions) ?? [] } : {}),
  }, cwd);
  const config = loaded.config;
  if (flags.m365 === false) config.m365.enabled = false;
  if (!config.azure.enabled && !config.m365.enabled) {
    throw new UsageError("Nothing to audit: the configuration sets azure.enabled to false and Microsoft 365 is off (m365.enabled false or --no-m365). Turn one of them on.");
  }
  const failOn = (flags.failOn ?? loaded.file?.failOn ?? "high").toLowerCase();
  if (!SEVERITIES.includes(failOn as Severity)) throw new UsageError(`--fail-on: found "${flags.failOn}", expected one of ${SEVERITIES.join(", ")}.`);
  const lang = parseLang(flags.lang ?? loaded.file?.lang ?? DEFAULT_LANG);
  if (!lang) throw new UsageError(`--lang: found "${flags.lang}", expected ${LANGS.join(" or ")}.`);
  const csvDelimiter = flags.csvDelimiter === undefined ? defaultCsvDelimiter(lang) : parseCsvDelimiter(flags.csvDelimiter);
  if (!csvDelimiter) throw new UsageError(`--csv-delimiter: found ${JSON.stringify(flags.csvDelimiter)}, expected ${CSV_DELIMITER_EXPECTED}.`);
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
    ...(loaded.path ? { configPath: loaded.path } : {}),
    ...(exceptionsPath ? { exceptionsPath } : {}),
    outDir: resolve(cwd, flags.out ?? "reports"),
    formats: [...new Set(formats)] as ReportFormat[],
    failOn: failOn as Severity,
    failOnNew: !!flags.failOnNew,
    allowPartial: !!flags.allowPartial,
    concurrency,
    lang,
    csvDelimiter,
    ...(subs && subs.length > 0 ? { subscriptions: subs } : {}),
    log: createLogger({ quiet: !!flags.quiet, verbose: !!flags.verbose }),
    quiet: !!flags.quiet,
    ...(flags.rules ? { rulesDir: resolve(cwd, flags.rules) } : {}),
    ...(flags.baseline ? { baselinePath: resolve(cwd, flags.baseline) } : {}),
  };
}

/** Collects a snapshot from the tenant the flags point at. */
export async function runCollect(
  flags: CliFlags,
  settings: Settings,
  signal?: AbortSignal,
  extra: {
    shard?: { index: number; count: number };
    /** A collection of the snapshot being filled will not change any more (see CollectOptions). */
    onCollectionComplete?(collection: Collection, snapshot: Snapshot): void;
  } = {},
): Promise<Snapshot> {
  const { cloud, method, cred } = settings.collectTarget ?? prepareCollect(flags);
  const azure = settings.config.azure.enabled;
  const what = azure
    ? `${cloud.name} (${cloud.armEndpoint})${settings.subscriptions ? `, ${settings.subscriptions.length} subscription(s)` : ", every visible subscription"}${settings.config.m365.enabled ? " and Microsoft 365" : ""}`
    : `Microsoft 365 only (${cloud.graphEndpoint}; azure.enabled is false)`;
  settings.log.info(`Hemvist ${VERSION}: reading ${what} as ${method}.`);
  const tenantId = cred.tenantId ?? flags.tenant;
  // Loaded here, not at start: the collectors bring every Azure SDK client (about 1 s of a CLI
  // start), which evaluate, merge, rules and every refusal before the first request do not need.
  const { collect } = await import("../collectors/index.js");
  const snapshot = await collect({
    credential: explainingCredential(cred),
    cloud,
    ...(tenantId ? { tenantId } : {}),
    ...(settings.subscriptions ? { subscriptions: settings.subscriptions } : {}),
    concurrency: settings.concurrency,
    m365: settings.config.m365.enabled,
    azure,
    profile: { name: settings.config.profile.name, allowedRegions: settings.config.profile.allowedRegions, allowedM365Geos: settings.config.profile.allowedM365Geos },
    authMethod: method,
    onProgress: (e) => settings.log.progress(e),
    ...(signal ? { signal } : {}),
    toolVersion: VERSION,
    ...(extra.shard ? { shard: extra.shard } : {}),
    ...(flags.inventory ? { inventory: flags.inventory as InventoryMode } : {}),
    ...(extra.onCollectionComplete ? { onCollectionComplete: extra.onCollectionComplete } : {}),
    ...envTuning(),
  });
  settings.log.finish();
  if (cred.clientId && !snapshot.identity.clientId) snapshot.identity.clientId = cred.clientId;
  if (snapshot.tenant.tenantId === "unknown") settings.log.warn("the tenant id could not be determined (no --tenant, no tenantId on the subscriptions, a token without a tid claim); tenant-level results use /tenants/unknown. Pass --tenant ID.");
  for (const c of snapshot.coverage) settings.log.debug(`not read: ${c.operation} → ${c.httpStatus ?? ""} ${c.code} (${c.scope})`);
  return snapshot;
}

/** Where and as whom a collection signs in and reads: checked before the first request. */
export interface CollectTarget {
  cloud: CloudSettings;
  method: AuthMethod;
  cred: CredentialChoice;
}

/**
 * Resolves the cloud, the endpoints, the tenant and the sign-in method of a collection and builds the
 * credential, without any network call or subprocess (no token is requested): every bad flag or
 * missing environment variable is a UsageError here, before the first request.
 */
export function prepareCollect(flags: CliFlags, env: NodeJS.ProcessEnv = process.env): CollectTarget {
  for (const [flag, v] of [["--arm-endpoint", flags.armEndpoint], ["--graph-endpoint", flags.graphEndpoint]] as const) {
    if (v === undefined) continue;
    let url: URL | undefined;
    try {
      url = new URL(v);
    } catch {
      url = undefined;
    }
    if (url?.protocol !== "https:" || !url.hostname) throw new UsageError(`${flag}: found ${JSON.stringify(v)}, expected an https:// URL such as https://management.azure.com (bearer tokens are only sent over TLS).`);
  }
  let cloud: CloudSettings;
  try {
    cloud = resolveCloud(flags.cloud ?? "AzureCloud", {
      ...(flags.armEndpoint ? { armEndpoint: flags.armEndpoint } : {}),
      ...(flags.graphEndpoint ? { graphEndpoint: flags.graphEndpoint } : {}),
    });
  } catch (err) {
    throw new UsageError(`--cloud: ${(err as Error).message}`);
  }
  const method = (flags.auth ?? autoAuthMethod(env)) as AuthMethod;
  if (!AUTH_METHODS.includes(method)) throw new UsageError(`--auth: found "${flags.auth}", expected one of ${AUTH_METHODS.join(", ")}.`);
  if (flags.inventory !== undefined && flags.inventory !== "arm" && flags.inventory !== "resource-graph") throw new UsageError(`--inventory: found "${flags.inventory}", expected arm or resource-graph.`);
  const cred = makeCredential(method, { ...(flags.tenant !== undefined ? { tenantId: flags.tenant } : {}), authorityHost: cloud.authorityHost, env });
  return { cloud, method, cred };
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
  const problems = baselineProblems(v as { results: unknown[] });
  if (problems.length > 0) {
    const [p] = problems as [BaselineProblem];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? "s" : ""})` : "";
    throw new UsageError(`${path}: field "${p.field}": found ${p.found}, expected ${p.expected}; the baseline must be a findings.json written by Hemvist${more}.`);
  }
  return { generatedAt: String(v.generatedAt ?? ""), snapshotSha256: String(v.snapshotSha256 ?? ""), results: v.results, trend: baselineNights(v as Parameters<typeof baselineNights>[0]) };
}

/**
 * Reads the exceptions file: schema-valid, no negated pattern, real dates, and a literal subscription
 * or tenant segment in every pattern not marked `ruleWide: true`; otherwise a UsageError (exit 2)
 * naming the file, line, field and entry.
 * @param path the exceptions file
 */
export async function loadExceptionsFile(path: string): Promise<{ exceptions: ExceptionEntry[] }> {
  return loadDataFile<{ exceptions: ExceptionEntry[] }>(path, "exceptions.schema.json", "exceptions file", (v) => exceptionProblems(v.exceptions), MAX_HAND_WRITTEN_BYTES);
}

/**
 * Evaluation and reports of one run, rule by rule. Created before collection starts: each rule is
 * evaluated as soon as the collections it reads are complete (ProgressiveEvaluation), its results
 * get exceptions and the baseline applied, are counted, and are rendered into the report spool;
 * once the snapshot is written, `finish` evaluates what is left, builds the document and assembles
 * every report. `evaluate` (a finished snapshot) uses the same path with every collection complete.
 */
export class EvaluationSession {
  private evaluation: ProgressiveEvaluation | undefined;
  private readonly tally: Tally;
  /** The data map's copies, taken from each rule's results as they come. */
  private readonly dataMap = new DataMapCollector();
  private readonly spool: ReportSpool;
  private readonly metas: RuleMeta[];
  /** ms spent rendering results into the spool. */
  private renderMs = 0;
  /** The nights the baseline carries forward (tonight's night is appended to them). */
  private priorTrend: TrendNight[] = [];

  private constructor(
    private readonly settings: Settings,
    private readonly rules: RuleDefinition[],
    private readonly now: Date,
    private readonly helpUri: (rule: RuleDefinition) => string,
    private readonly exceptions: ExceptionMatcher | undefined,
    private readonly baseline: BaselineDiff | undefined,
  ) {
    this.metas = enabledRules(rules, settings.config).map((r) => ruleMeta(r, { helpUri, config: settings.config }));
    this.tally = new Tally(this.metas, this.outcome);
    this.spool = new ReportSpool({ dir: settings.outDir, formats: settings.formats, lang: settings.lang, rules: this.metas, csvDelimiter: settings.csvDelimiter });
  }

  private get outcome(): OutcomeOptions {
    return { failOn: this.settings.failOn, failOnNew: this.settings.failOnNew, allowPartial: this.settings.allowPartial };
  }

  /** Loads what evaluation needs before anything is collected (exceptions, baseline, rule pages); bad files are UsageErrors. */
  static async start(settings: Settings, rules: RuleDefinition[], now = new Date()): Promise<EvaluationSession> {
    const optionProblems = ruleOptionsProblems(rules, settings.config);
    if (optionProblems.length > 0) throw new UsageError(optionProblems.map((p) => `${settings.configPath ?? "configuration"}: ${p}`).join("\n"));
    const helpUri = (rule: RuleDefinition) => {
      const page = ruleSource(rule)?.page;
      return page ? `${REPOSITORY_URL}/blob/main/${page}` : `${REPOSITORY_URL}#rules`;
    };
    let exceptions: ExceptionMatcher | undefined;
    if (settings.exceptionsPath) {
      const file = await loadExceptionsFile(settings.exceptionsPath);
      const known = new Set(rules.flatMap((r) => [r.id, ...(r.aliases ?? [])].map((x) => x.toUpperCase())));
      exceptions = prepareExceptions(file.exceptions, now, settings.config.exceptions.maxHorizonDays, known);
    }
    for (const a of attestationReport(settings.config, now)) {
      const where = `${settings.configPath ?? "configuration"}: attestations.${a.key}`;
      if (a.state === "stale") settings.log.warn(`${where}: attested on ${a.attestedOn}, more than ${ATTESTATION_VALID_DAYS} days ago; it no longer counts, and the part it covers needs attestation again.`);
      else if (a.state === "expiring") settings.log.warn(`${where}: attested on ${a.attestedOn}; it goes stale on ${a.staleOn}. Read the fact again and update attestedOn.`);
    }
    const input = settings.baselinePath ? await loadBaseline(settings.baselinePath) : undefined;
    const baseline = input && settings.baselinePath ? startBaselineDiff(input, settings.baselinePath, { failOn: settings.failOn }) : undefined;
    const session = new EvaluationSession(settings, rules, now, helpUri, exceptions, baseline);
    session.priorTrend = input?.trend ?? [];
    const trendNote = settings.baselinePath ? trendWarning(settings.baselinePath, session.priorTrend, now.toISOString()) : undefined;
    if (trendNote) settings.log.warn(trendNote);
    return session;
  }

  /**
   * Starts evaluating `snapshot` (the one the collector fills, or a finished one with every
   * collection in `complete`). Built-in rules run as their collections complete; rules loaded
   * with --rules run once everything is collected.
   */
  attach(snapshot: Snapshot, complete: Iterable<Collection> = []): void {
    this.evaluation = new ProgressiveEvaluation(
      snapshot,
      this.rules,
      {
        config: this.settings.config,
        now: this.now,
        helpUri: this.helpUri,
        early: (rule) => ruleSource(rule)?.origin === "built-in",
        onRule: async (rule, findings) => {
          this.exceptions?.apply(findings);
          this.baseline?.apply(findings);
          this.tally.add(findings);
          this.dataMap.add(findings);
          const start = performance.now();
          await this.spool.add(rule.id, findings);
          this.renderMs += performance.now() - start;
        },
      },
      complete,
    );
  }

  /** The collector announces a complete collection of the snapshot it fills (the first call attaches it). */
  complete(collection: Collection, snapshot: Snapshot): void {
    if (!this.evaluation) this.attach(snapshot);
    (this.evaluation as ProgressiveEvaluation).complete(collection);
  }

  /**
   * Evaluates the rules still waiting, builds the document and writes every report. The document's
   * `results` stays empty (the reports were assembled from the spool); `highlights` holds the
   * first failing, new and attestation-required results, sorted, for the console summary (counts are in the summary).
   */
  async finish(snapshot: Snapshot, snapshotSha: string, set = newReportSet(this.settings.outDir)): Promise<{ doc: FindingsDocument; files: string[]; highlights: Finding[] }> {
    if (!this.evaluation) {
      // A saved snapshot (`evaluate`): what the configuration audits but the snapshot lacks is a gap of
      // this evaluation (it joins the coverage in memory; the snapshot file and its hash are untouched).
      const gaps = evaluationGaps(snapshot, this.settings.config);
      if (gaps.length > 0) snapshot.coverage = [...snapshot.coverage, ...gaps].sort(compareCoverage);
      this.attach(snapshot, [...AZURE_COLLECTIONS, ...TENANT_COLLECTIONS]);
    }
    const evaluation = this.evaluation as ProgressiveEvaluation;
    try {
      const evalStart = performance.now();
      await evaluation.finish();
      const t = evaluation.timings;
      recordTiming("evaluate", t.duringCollection + t.afterCollection - this.renderMs);
      recordTiming("evaluate:after-collect", performance.now() - evalStart);
      recordTiming("render", this.renderMs);
      let exceptions: FindingsDocument["exceptions"];
      if (this.exceptions) {
        const applied = this.exceptions.finish();
        exceptions = applied.report;
        for (const w of applied.warnings) this.settings.log.warn(w);
      }
      const baseline = this.baseline?.finish(this.baselineContext(snapshot));
      // Each coverage entry lists the rules whose results it actually blinded.
      const blinds = evaluation.blinds;
      const coverage = snapshot.coverage.map((c) => ({ ...c, blinds: [...(blinds.get(c) ?? [])].sort(compareText) }));
      const doc = buildDocument({
        coverage,
        snapshot,
        snapshotSha256: snapshotSha,
        tally: this.tally,
        dataMap: this.dataMap.build(snapshot, this.settings.config, coverage),
        rules: this.metas,
        config: this.settings.config,
        generatedAt: this.now,
        toolVersion: VERSION,
        outcome: this.outcome,
        ...(baseline ? { baseline } : {}),
        ...(exceptions ? { exceptions } : {}),
        disabledRules: this.disabledRules(),
        priorTrend: this.priorTrend,
      });
      const reportStart = performance.now();
      const paths = reportPaths(this.settings);
      const { highlights } = await this.spool.finish(doc, paths, set);
      recordTiming("reports", performance.now() - reportStart);
      return { doc, files: Object.values(paths), highlights };
    } catch (err) {
      await set.abort();
      await this.spool.discard();
      throw err;
    }
  }

  /** The rules the configuration turned off, with the titles of those that are loaded. */
  private disabledRules(): DisabledRule[] {
    const byId = new Map(this.rules.map((r) => [r.id.toUpperCase(), r]));
    const ids = [...new Set(this.settings.config.disabledRules.map((id) => id.toUpperCase()))].sort(compareText);
    return ids.map((id) => {
      const rule = byId.get(id);
      return rule ? { id: rule.id, title: rule.title } : { id };
    });
  }

  /**
   * Tonight's context for judging last night's results that have no result tonight: coverage
   * gaps, visible subscriptions, which targets exist in the snapshot, the rules run and disabled.
   */
  private baselineContext(snapshot: Snapshot): BaselineContext {
    return {
      coverage: snapshot.coverage,
      visibleSubscriptions: new Set(snapshot.subscriptions.map((s) => s.subscriptionId.toLowerCase())),
      targetExists: snapshotTargets(snapshot),
      rulesRun: new Set(this.metas.map((r) => r.id)),
      disabledRules: new Set(this.settings.config.disabledRules.map((id) => id.toUpperCase())),
    };
  }

  /** Removes the spool's temporary files (a run that stops before finish). */
  discard(): Promise<void> {
    return this.spool.discard();
  }
}

/**
 * Whether a target exists in the snapshot: a subscription, anything in a subscription's
 * collections, the tenant, or a Microsoft 365 user, group or site (ids compared in lower case).
 */
export function snapshotTargets(snapshot: Snapshot): (resourceId: string) => boolean {
  let ids: Set<string> | undefined;
  return (resourceId) => {
    if (!ids) {
      const set = new Set<string>();
      for (const sub of snapshot.subscriptions) {
        set.add(idKey(sub.id || `/subscriptions/${sub.subscriptionId}`));
        for (const list of Object.values(sub.collections)) for (const r of list ?? []) if (typeof r.id === "string") set.add(idKey(r.id));
      }
      const t = snapshot.tenant;
      set.add(idKey(`/tenants/${t.tenantId}`));
      for (const key of ["users", "groups", "sites"] as const) {
        for (const o of t.m365?.[key] ?? []) if (typeof o.id === "string") set.add(idKey(`/tenants/${t.tenantId}/${key}/${o.id}`));
      }
      ids = set;
    }
    return ids.has(idKey(resourceId));
  };
}

/** Where each report of `settings.formats` is written. */
function reportPaths(settings: Settings): Partial<Record<ReportFormat, string>> {
  const paths: Partial<Record<ReportFormat, string>> = {};
  for (const format of settings.formats) paths[format] = join(settings.outDir, REPORT_FILES[format]);
  return paths;
}

/**
 * Writes every report of `settings.formats` for a document that carries its results (the same
 * bytes as the session's spool writes). Returns the paths written.
 */
export async function writeReports(doc: FindingsDocument, settings: Settings): Promise<string[]> {
  const reportStart = performance.now();
  const spool = new ReportSpool({ dir: settings.outDir, formats: settings.formats, lang: settings.lang, rules: doc.rules, csvDelimiter: settings.csvDelimiter });
  try {
    const byRule = new Map<string, Finding[]>();
    for (const f of doc.results) {
      let list = byRule.get(f.ruleId);
      if (!list) byRule.set(f.ruleId, (list = []));
      list.push(f);
    }
    for (const [ruleId, findings] of byRule) await spool.add(ruleId, findings);
    const paths = reportPaths(settings);
    await spool.finish({ ...doc, results: [] }, paths, newReportSet(settings.outDir));
    recordTiming("reports", performance.now() - reportStart);
    return Object.values(paths);
  } catch (err) {
    await spool.discard();
    throw err;
  }
}

/** The file names a run may write into its output folder: every report and the default snapshot. */
export const OUTPUT_NAMES: readonly string[] = [...Object.values(REPORT_FILES), "snapshot.json"];

/**
 * The report set of a run writing into `dir`: every report, plus the snapshot when it goes into
 * the same folder (base/report-set.ts), committed together. Takes the test-only knobs
 * HEMVIST_TEST_WRITE_FAULT and HEMVIST_TEST_COMMIT_WAIT_MS.
 */
export function newReportSet(dir: string, env: NodeJS.ProcessEnv = process.env): ReportSet {
  const fault = writeFaultHook(env);
  const waitMs = commitWaitMs(env);
  return new ReportSet(dir, { known: OUTPUT_NAMES, ...(fault ? { fault } : {}), ...(waitMs !== undefined ? { waitMs } : {}) });
}

/**
 * Completes a report set that a stopped run committed into `dir` but did not finish renaming, or
 * drops one it never committed (its temporary files), before this run writes there. Says what it
 * did on stderr (unless --quiet).
 * @param names output names besides OUTPUT_NAMES whose dead runs' temporary files are removed (a custom --snapshot-out)
 */
export async function recoverOutputs(dir: string, log: Logger, names: string[] = []): Promise<void> {
  const r = await recoverReportSet(dir, [...OUTPUT_NAMES, ...names]);
  if (r.action === "rolled-forward" || r.action === "discarded") log.warn(r.message as string);
  else if (r.action === "busy") log.debug(r.message as string);
}

/** Prints the console summary (stdout) unless quiet. */
export function printSummary(doc: FindingsDocument, files: string[], settings: Settings, extra: string[] = []): void {
  if (settings.quiet) return;
  process.stdout.write(renderConsoleSummary(doc, { lang: settings.lang, files, extra, color: !!process.stdout.isTTY && !process.env.NO_COLOR }));
}

export { SNAPSHOT_SCHEMA_VERSION, loadRules };
