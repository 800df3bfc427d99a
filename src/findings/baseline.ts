/**
 * Baseline diff: marks each failing or not-assessed result `new` or `unchanged` against a previous
 * findings.json, and lists the ones that were failing (or not assessed) before and no longer are.
 * Passes are not diffed. The fingerprint (rule id + lower-cased resource id + part) is the key.
 */
import type { Finding } from "../engine/types.js";
import type { FindingsDocument } from "./types.js";

const OPEN = new Set(["fail", "not-assessed"]);

/** What a baseline needs of a previous findings.json. */
export type BaselineInput = Pick<FindingsDocument, "generatedAt" | "snapshotSha256"> & { results: Finding[] };

/** A baseline diff applied batch by batch (one rule's findings at a time), summed up once at the end. */
export interface BaselineDiff {
  /** Sets `baselineState` on this batch's failing, not-assessed and excepted results, in place. */
  apply(findings: readonly Finding[]): void;
  /** The diff over every batch applied: counts and the resolved results. */
  finish(): NonNullable<FindingsDocument["baseline"]>;
}

export function startBaselineDiff(baseline: BaselineInput, path: string): BaselineDiff {
  const before = new Map<string, Finding>();
  for (const r of baseline.results) if (OPEN.has(r.status) || r.status === "excepted") before.set(r.fingerprint, r);
  const stillOpen = new Set<string>();
  let nNew = 0;
  let nUnchanged = 0;
  return {
    apply(findings) {
      for (const f of findings) {
        if (!OPEN.has(f.status) && f.status !== "excepted") continue;
        stillOpen.add(f.fingerprint);
        const prev = before.get(f.fingerprint);
        if (prev && (OPEN.has(prev.status) || prev.status === "excepted")) {
          f.baselineState = "unchanged";
          nUnchanged++;
        } else {
          f.baselineState = "new";
          nNew++;
        }
      }
    },
    finish() {
      const resolved = [...before.values()]
        .filter((r) => OPEN.has(r.status) && !stillOpen.has(r.fingerprint))
        .map((r) => ({
          ruleId: r.ruleId,
          resourceId: r.resourceId,
          resourceKey: r.resourceKey,
          ...(r.part ? { part: r.part } : {}),
          fingerprint: r.fingerprint,
          severity: r.severity,
          status: r.status,
          message: r.message,
          ...(r.resourceType ? { resourceType: r.resourceType } : {}),
          ...(r.subscriptionId ? { subscriptionId: r.subscriptionId } : {}),
          ...(r.location ? { location: r.location } : {}),
        }));
      return {
        path,
        generatedAt: baseline.generatedAt,
        ...(baseline.snapshotSha256 ? { snapshotSha256: baseline.snapshotSha256 } : {}),
        resolved,
        counts: { new: nNew, unchanged: nUnchanged, resolved: resolved.length },
      };
    },
  };
}

export function diffBaseline(findings: Finding[], baseline: BaselineInput, path: string): NonNullable<FindingsDocument["baseline"]> {
  const d = startBaselineDiff(baseline, path);
  d.apply(findings);
  return d.finish();
}
