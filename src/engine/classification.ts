/**
 * Information classification from tags, inherited down subscription → resource group → resource →
 * child resource; the nearest valid tag wins, and among alias tags on one carrier the highest level.
 */
import type { ClassificationConfig } from "../config/types.js";
import type { Classification, Level, Severity } from "./types.js";
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

/** Classifies ARM ids with a cache; tenant-level targets (`/tenants/...`) are not classified. */
export class Classifier {
  private readonly cache = new Map<string, Classification>();
  constructor(
    private readonly inventory: Inventory,
    private readonly cfg: ClassificationConfig,
  ) {}

  classify(id: string): Classification | undefined {
    if (!id.toLowerCase().startsWith("/subscriptions/")) return undefined;
    const key = id.toLowerCase();
    const hit = this.cache.get(key);
    if (hit) return hit;
    let result: Classification | undefined;
    const chain = this.inventory.chain(id);
    for (const [i, carrier] of chain.entries()) {
      const found = levelFromTags(this.inventory.tagsOf(carrier), this.cfg);
      if (found) {
        result = {
          level: found.level,
          label: levelLabel(found.level),
          source: i === 0 ? "tag" : "inherited",
          from: carrier,
          tagKey: found.tagKey,
        };
        break;
      }
    }
    result ??= { level: this.cfg.defaultLevel, label: levelLabel(this.cfg.defaultLevel), source: "default" };
    this.cache.set(key, result);
    return result;
  }
}

/** Severity "by level": level 3 or above high, 2 medium, 0–1 low. */
export function severityForLevel(level: Level | undefined): Severity {
  if (level === undefined) return "medium";
  if (level >= 3) return "high";
  if (level === 2) return "medium";
  return "low";
}
