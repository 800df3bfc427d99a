/**
 * Finds the demo fragments: each rule folder's `demo.{js,ts}` (built-in under `rules/`, or a
 * `--rules DIR` of the user's), default-exporting the part of the demo tenant that makes its rule
 * pass and fail. A fragment must name its own folder's rule.
 */
import { basename } from "node:path";
import { pathToFileURL } from "node:url";
import { discoverRules } from "../../base/rule-folders.js";
import type { DemoFragment } from "./fragment.js";

/** A demo fragment file that does not load or does not fit its folder. */
export class DemoFragmentFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = "DemoFragmentFileError";
  }
}

const LISTS = ["resources", "managementGroupPolicyAssignments", "policySetDefinitions"] as const;

/** The fragments of the rule folders under `root`, in folder order. */
export async function loadDemoFragments(root: string): Promise<DemoFragment[]> {
  const out: DemoFragment[] = [];
  for (const folder of (await discoverRules(root)).folders) {
    if (!folder.demo) continue;
    let mod: { default?: unknown };
    try {
      mod = (await import(pathToFileURL(folder.demo).href)) as { default?: unknown };
    } catch (err) {
      throw new DemoFragmentFileError(folder.demo, `the demo fragment failed to load (${err instanceof Error ? err.message.split("\n")[0] : String(err)})`);
    }
    const f = mod.default as Partial<DemoFragment> | undefined;
    const name = basename(folder.dir);
    if (!f || typeof f !== "object") throw new DemoFragmentFileError(folder.demo, "expected a default export { rule, resources?, … } (a DemoFragment)");
    if (f.rule !== name) throw new DemoFragmentFileError(folder.demo, `rule: found ${JSON.stringify(f.rule)}, expected "${name}" (the folder's rule)`);
    for (const k of LISTS) if (f[k] !== undefined && !Array.isArray(f[k])) throw new DemoFragmentFileError(folder.demo, `${k}: expected a list of ARM payloads`);
    out.push(f as DemoFragment);
  }
  return out;
}
