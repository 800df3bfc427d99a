/**
 * Which shard a subscription belongs to when a large estate is collected by several jobs.
 */
import { createHash } from "node:crypto";

/** The shard (1-based, of `count`) a subscription belongs to: stable across runs and machines. */
export function shardOf(subscriptionId: string, count: number): number {
  const h = createHash("sha256").update(subscriptionId.toLowerCase()).digest();
  return (h.readUInt32BE(0) % count) + 1;
}
