/**
 * Runs conformance fixtures (tests/conformance/fixtures, format in its README) through a collector
 * and the rules: nock serves the fixture and the fixtures it is served with, at their concrete paths
 * and only for the api-version each names; every other request answers as the fixtures' notes say (a
 * list an empty page, a GET 404). The verdicts are then compared with the fixture's `expect` rows.
 */
import type nock from "nock";
import { concretePath, type ConformanceFixture, type ExpectedVerdict, loadFixtures, servedWith } from "../conformance/load.js";
import { defaultConfig, runRules } from "../../src/index.js";
import { loadRules } from "../../src/engine/registry.js";
import type { Snapshot } from "../../src/snapshot/types.js";
import { arm } from "./helpers.js";

/** Whether an ARM path names a collection (an odd number of segments after `/providers/{namespace}`). */
function isCollectionPath(path: string): boolean {
  const segs = path.split("?")[0]!.split("/").filter(Boolean);
  const p = segs.map((s) => s.toLowerCase()).lastIndexOf("providers");
  if (p < 0) return segs.length % 2 === 1;
  return (segs.length - p - 2) % 2 === 1;
}

/** Serves `file` and its `with` fixtures through nock (plus the answer for everything else); returns the fixture. */
export function serveFixture(file: string): ConformanceFixture {
  const all = loadFixtures();
  const fixture = all.find((f) => f.file === file);
  if (!fixture) throw new Error(`no conformance fixture ${file}`);
  for (const f of servedWith(fixture, all)) {
    arm()
      .get(concretePath(f))
      .query((q) => q["api-version"] === f.apiVersion && q.$skiptoken === undefined)
      .reply(f.status, f.body as nock.Body);
  }
  arm()
    .persist()
    .get(/.*/)
    .query(true)
    .optionally()
    // nock 15 hands a reply function the fetch-style Request.
    .reply((req: Request) => {
      const path = new URL(req.url).pathname;
      return isCollectionPath(path) ? [200, { value: [] }] : [404, { error: { code: "ResourceNotFound", message: `The Resource '${path}' was not found.` } }];
    });
  return fixture;
}

/** One verdict as the fixtures write it: `rule target [part] status`. */
export function verdictLine(v: Pick<ExpectedVerdict, "rule" | "target" | "part" | "status">): string {
  return [v.rule, v.target, v.part ?? "-", v.status].join(" ");
}

/**
 * The verdicts of the rules the fixture's `expect` names, on the collected snapshot, as lines, with
 * the message id of each result whose expected row names one.
 */
export async function verdictsOf(fixture: ConformanceFixture, snap: Snapshot): Promise<{ lines: string[]; messageIds: Record<string, string> }> {
  const ids = new Set(fixture.expect.map((e) => e.rule));
  const rules = (await loadRules()).filter((r) => ids.has(r.id));
  const { findings } = runRules(snap, rules, { config: defaultConfig(), now: new Date("2026-11-27T03:00:00Z") });
  const messageIds: Record<string, string> = {};
  const lines = findings.map((f) => {
    const line = verdictLine({ rule: f.ruleId, target: f.resourceId, ...(f.part ? { part: f.part } : {}), status: f.status as ExpectedVerdict["status"] });
    messageIds[line] = f.messageId;
    return line;
  });
  return { lines: lines.sort(), messageIds };
}
