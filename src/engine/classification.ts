/**
 * Information classification from tags, inherited down subscription → resource group → resource →
 * child resource; the nearest valid tag wins, and among alias tags on one carrier the highest level.
 */
import type { ClassificationConfig } from "../config/types.js";
import { parseArmId } from "./arm-id.js";
import { type Classification, type Dependency, type Level, SAKERHETSSKYDD, type Severity } from "./types.js";
import type { Inventory } from "./inventory.js";

const BUILTIN_VALUES: Record<string, Level> = {
  "0": 0,
  "1": 1,
  "2": 2,
  "3": 3,
  sakerhetsskydd: 4,
  "säkerhetsskydd": 4,
};

export function levelLabel(level: Level): string {
  return level === 4 ? "sakerhetsskydd" : String(level);
}

/** The level a tag value stands for, or undefined for an invalid value (which counts as no tag). */
export function parseLevel(value: unknown, cfg: ClassificationConfig): Level | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const v = String(value).trim().toLowerCase();
  for (const [k, lvl] of Object.entries(cfg.valueMap)) if (k.toLowerCase() === v) return lvl;
  return BUILTIN_VALUES[v];
}

/** The level carried by one set of tags, or undefined when no alias key holds a valid value. */
export function levelFromTags(
  tags: Record<string, string> | null | undefined,
  cfg: ClassificationConfig,
): { level: Level; tagKey: string } | undefined {
  if (!tags || typeof tags !== "object") return undefined;
  const keys = cfg.tagKeys.map((k) => k.toLowerCase());
  let best: { level: Level; tagKey: string } | undefined;
  for (const [k, v] of Object.entries(tags)) {
    if (!keys.includes(k.toLowerCase())) continue;
    const level = parseLevel(v, cfg);
    if (level === undefined) continue;
    if (!best || level > best.level) best = { level, tagKey: k };
  }
  return best;
}

/**
 * What an unreadable classification is: the tags of a carrier between the target and the nearest
 * tag could not be read, so any level could apply. Its level is the highest (severity "by level"
 * takes the highest the unread tags could give); rules that decide by level depend on those tags
 * and are not assessed.
 */
export const UNKNOWN_CLASSIFICATION: Classification = Object.freeze({ level: SAKERHETSSKYDD, label: "unknown", source: "unknown" }) as Classification;

/**
 * Classifies ARM ids with a cache; tenant-level targets (`/tenants/...`) are not classified. Asked
 * while a verdict is judged, the tags it read up the chain are that verdict's dependencies (a
 * cached answer replays them).
 */
export class Classifier {
  private readonly cache = new Map<string, { result: Classification; deps: Required<Dependency>[] }>();
  constructor(
    private readonly inventory: Inventory,
    private readonly cfg: ClassificationConfig,
  ) {}

  classify(id: string): Classification | undefined {
    if (!id.toLowerCase().startsWith("/subscriptions/")) return undefined;
    const key = id.toLowerCase();
    const hit = this.cache.get(key);
    if (hit) {
      this.inventory.replay(hit.deps);
      return hit.result;
    }
    const { value: result, deps } = this.inventory.track(() => this.compute(id), true);
    this.cache.set(key, { result, deps });
    return result;
  }

  private compute(id: string): Classification {
    const chain = this.inventory.chain(id);
    for (const [i, carrier] of chain.entries()) {
      const tags = this.inventory.tagsOf(carrier);
      const found = levelFromTags(tags, this.cfg);
      if (found) {
        return {
          level: found.level,
          label: levelLabel(found.level),
          source: i === 0 ? "tag" : "inherited",
          from: carrier,
          tagKey: found.tagKey,
        };
      }
      if (tags === undefined && this.unreadable(carrier)) return UNKNOWN_CLASSIFICATION;
    }
    return { level: this.cfg.defaultLevel, label: levelLabel(this.cfg.defaultLevel), source: "default" };
  }

  /** A carrier whose tags nobody read: not in the snapshot, under a failed read of where its tags live. */
  unreadable(carrier: string): boolean {
    const inv = this.inventory;
    const parsed = parseArmId(carrier);
    if (parsed.type === "Microsoft.Resources/subscriptions") {
      const sub = parsed.subscriptionId;
      return sub !== undefined && inv.untracked(() => inv.subscription(sub)) === undefined && inv.failureOverlapping("subscriptions", carrier) !== undefined;
    }
    if (inv.untracked(() => inv.describe(carrier)) !== undefined) return false;
    return inv.failureOverlapping(parsed.type === "Microsoft.Resources/resourceGroups" ? "resourceGroups" : "resources", carrier) !== undefined;
  }
}

/** Severity "by level": level 3 or above high, 2 medium, 0–1 low. */
export function severityForLevel(level: Level | undefined): Severity {
  if (level === undefined) return "medium";
  if (level >= 3) return "high";
  if (level === 2) return "medium";
  return "low";
}
