/**
 * Evaluation while the tenant is still being collected: each rule runs as soon as the collections
 * it reads are complete, so on a large tenant most of the evaluation (and the reports' rendering,
 * which the caller does per rule) overlaps with the throttled collection instead of following it.
 *
 * The results are exactly those of evaluating the finished snapshot: the partial inventory only
 * answers what can no longer change and throws NotReadyError otherwise (see inventory.ts); a rule
 * that hits one is simply evaluated again once the collection it waited for is complete.
 */
import type { Collection, Snapshot } from "../snapshot/types.js";
import { AZURE_COLLECTIONS, TENANT_COLLECTIONS } from "../snapshot/types.js";
import { Inventory, NotReadyError } from "./inventory.js";
import { readCollection } from "./rule.js";
import { type BlindsIndex, enabledRules, ruleMeta, RuleRunner, type RunOptions } from "./run.js";
import type { Finding, RuleDefinition, RuleMeta } from "./types.js";

/** Collections every rule's results depend on: names, locations and tags (classification), regions. */
const BASE: readonly Collection[] = ["resources", "resourceGroups", "subscriptions", "locations"];
const EVERY_COLLECTION: readonly Collection[] = [...AZURE_COLLECTIONS, ...TENANT_COLLECTIONS];

export interface ProgressiveOptions extends RunOptions {
  /**
   * Receives each rule's findings once, as rules finish (not in rule order); awaited before the next
   * rule runs. The findings are the caller's from then on.
   */
  onRule(rule: RuleDefinition, findings: Finding[]): Promise<void> | void;
  /**
   * Whether a rule may run before everything is collected (default: every rule). Rules that read
   * snapshot fields the partial inventory cannot guard (user rules) should run at the end.
   */
  early?(rule: RuleDefinition): boolean;
}

interface Pending {
  rule: RuleDefinition;
  /** Collections that must be complete before the next attempt. */
  waitFor: Set<Collection>;
}

/** Time spent evaluating, split by whether collection was still running. */
export interface ProgressiveTimings {
  /** ms of rule evaluation (and onRule) while collections were still incomplete. */
  duringCollection: number;
  /** ms after every collection was complete. */
  afterCollection: number;
  /** Rules evaluated before every collection was complete. */
  earlyRules: number;
  /** Attempts given up with NotReadyError (work that was repeated later). */
  retries: number;
}

export class ProgressiveEvaluation {
  readonly rules: RuleMeta[];
  readonly timings: ProgressiveTimings = { duringCollection: 0, afterCollection: 0, earlyRules: 0, retries: 0 };
  private readonly inventory: Inventory;
  private readonly runner: RuleRunner;
  private readonly pending: Pending[];
  private running: Promise<void> | undefined;
  private error: unknown;
  private finished = false;

  /**
   * @param snapshot the snapshot the collector is filling (read only as collections complete)
   * @param rules every loaded rule; disabled and deprecated ones are skipped
   * @param complete collections already complete (a finished snapshot: all of them)
   */
  constructor(
    snapshot: Snapshot,
    rules: RuleDefinition[],
    private readonly opts: ProgressiveOptions,
    complete: Iterable<Collection> = [],
  ) {
    this.inventory = new Inventory(snapshot, { complete });
    this.runner = new RuleRunner(this.inventory, opts);
    const enabled = enabledRules(rules, opts.config);
    this.rules = enabled.map((r) => ruleMeta(r, opts));
    this.pending = enabled.map((rule) => ({
      rule,
      waitFor: new Set<Collection>(opts.early && !opts.early(rule) ? EVERY_COLLECTION : [...BASE, ...rule.reads.map(readCollection)]),
    }));
    this.kick();
  }

  /** Per coverage entry, the rules whose results it blinded so far (complete once `finish` resolved). */
  get blinds(): BlindsIndex {
    return this.runner.blinds;
  }

  /** The collector announces a collection complete: rules waiting only for it may run now. */
  complete(collection: Collection): void {
    this.inventory.markComplete(collection);
    this.kick();
  }

  /**
   * Marks every collection complete, evaluates the rules still waiting and resolves when every
   * rule's findings were handed to onRule. Rethrows the first error of a rule or of onRule.
   */
  async finish(): Promise<void> {
    for (const c of EVERY_COLLECTION) this.inventory.markComplete(c);
    this.finished = true;
    this.kick();
    while (this.running) await this.running;
    if (this.error !== undefined) throw this.error;
    if (this.pending.length > 0) throw new Error(`internal: rules ${this.pending.map((p) => p.rule.id).join(", ")} were never evaluated`);
  }

  private kick(): void {
    if (this.running || this.error !== undefined) return;
    if (!this.pending.some((p) => this.ready(p))) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      // A collection may have completed while the last rule's findings were being handed over.
      this.kick();
    });
  }

  private ready(p: Pending): boolean {
    for (const c of p.waitFor) if (!this.inventory.isComplete(c)) return false;
    return true;
  }

  /** Runs ready rules one by one (in rule order), yielding to the event loop between rules. */
  private async drain(): Promise<void> {
    for (;;) {
      const i = this.pending.findIndex((p) => this.ready(p));
      if (i < 0) return;
      const p = this.pending[i] as Pending;
      const start = performance.now();
      const early = !this.finished;
      try {
        let findings: Finding[];
        try {
          findings = this.runner.run(p.rule);
        } catch (err) {
          // Waiting is only for a collection still being read: a rule that says it waits for a
          // complete one (only a rule of its own can) fails, instead of being retried forever.
          if (!(err instanceof NotReadyError) || !early || this.inventory.isComplete(err.collection)) throw err;
          p.waitFor = new Set([err.collection]);
          this.timings.retries++;
          continue;
        }
        this.pending.splice(i, 1);
        await this.opts.onRule(p.rule, findings);
        if (early) this.timings.earlyRules++;
      } catch (err) {
        this.error = err;
        return;
      } finally {
        const ms = performance.now() - start;
        if (early) this.timings.duringCollection += ms;
        else this.timings.afterCollection += ms;
      }
      // Let the collector's requests and answers through between rules.
      await new Promise<void>((r) => setImmediate(r));
    }
  }
}
