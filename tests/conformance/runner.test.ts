/**
 * The conformance suite: every fixture (an official example response of the api-version Hemvist
 * sends) is served through nock with its `with` fixtures, read by the collector that sends it, and
 * judged by every rule; the verdicts on the targets its `expect` names must be exactly those listed.
 */
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/index.js";
import { type ExpectedVerdict, loadFixtures } from "./load.js";
import { routeFor, runFixture, servedPath } from "./run.js";

const fixtures = loadFixtures();

/**
 * Requests whose fixtures other work of issue 12 is adding. A fixture run whose only problem is
 * that some of these go unanswered is skipped (shown as skipped, naming them), not passed; once
 * their fixture exists they are answered and the run is judged in full. The coverage test lists
 * them as missing meanwhile. Remove an entry when its fixture lands.
 */
const AWAITED_FIXTURES: Readonly<Record<string, string>> = {
};

/** A verdict as one comparable line: rule, part, status, message id, target. */
function line(v: { rule: string; part?: string | undefined; status: string; messageId?: string | undefined; target: string }): string {
  return `${v.rule} ${v.part ?? "-"} ${v.status} ${v.messageId ?? "*"} ${v.target}`;
}

/**
 * Compares the results on the expected targets with the expected rows, as a multiset: every result
 * on those targets must match one row and every row one result. Returns the differences.
 */
function compareVerdicts(findings: readonly Finding[], expected: readonly ExpectedVerdict[]): { missing: string[]; unexpected: string[] } {
  const targets = new Set(expected.map((e) => e.target.toLowerCase()));
  const left = findings.filter((f) => targets.has(f.resourceKey));
  const missing: string[] = [];
  for (const e of expected) {
    const i = left.findIndex(
      (f) =>
        f.ruleId === e.rule &&
        (f.part ?? undefined) === (e.part ?? undefined) &&
        f.status === e.status &&
        (e.messageId === undefined || f.messageId === e.messageId) &&
        f.resourceKey === e.target.toLowerCase(),
    );
    if (i < 0) missing.push(line(e));
    else left.splice(i, 1);
  }
  const unexpected = left.map((f) => line({ rule: f.ruleId, part: f.part, status: f.status, messageId: f.messageId, target: f.resourceId }));
  return { missing, unexpected };
}

describe("conformance: official example responses through collector, snapshot and rules", () => {
  it("has fixtures, and every fixture's operation is known to the runner (ROUTES)", () => {
    expect(fixtures.length).toBeGreaterThan(0);
    const unknown = fixtures.filter((f) => !routeFor(f)).map((f) => `${f.file}: ${f.operation}`);
    expect(unknown, "fixtures whose operation no route in tests/conformance/run.ts maps to a collector").toEqual([]);
  });

  for (const f of fixtures) {
    it(`${f.file}: ${f.operation} (${f.apiVersion})`, async (ctx) => {
      const run = await runFixture(f, fixtures);
      expect(run.unrouted, "served fixtures no route maps to a collector").toEqual([]);

      // Requests the collectors sent that no served fixture (nor `emptyLists`) answers.
      const unanswered = run.sent.filter((r) => !r.answeredBy).map((r) => `GET ${r.path}${r.apiVersion ? `?api-version=${r.apiVersion}` : ""}`);
      if (unanswered.length > 0 && unanswered.every((u) => AWAITED_FIXTURES[u] !== undefined)) {
        ctx.skip(`${f.file}: awaiting ${[...new Set(unanswered.map((u) => AWAITED_FIXTURES[u]))].join(", ")}`);
      }
      expect(unanswered, `${f.file}: the collectors sent requests no fixture answers (add their fixtures to "with", or list empty sibling lists in "emptyLists")`).toEqual([]);

      for (const x of run.served) {
        const mine = run.sent.filter((r) => r.answeredBy === x.file);
        expect(mine.length, `${x.file}: its request GET ${servedPath(x)} was never sent (served for ${f.file})`).toBeGreaterThan(0);
        if (x.apiVersion !== "v1.0") {
          const versions = [...new Set(mine.map((r) => r.apiVersion ?? "(none)"))];
          expect(versions, `${x.file}: the fixture is for api-version ${x.apiVersion}, the collector sends ${versions.join(", ")}`).toEqual([x.apiVersion]);
        }
      }

      const coverage = run.snapshot.coverage.map((c) => `${c.operation} at ${c.scope}: ${c.httpStatus ?? "-"} ${c.code}`);
      expect(coverage, `${f.file}: the collectors left reads unread (coverage entries)`).toEqual([]);

      if (process.env.CONFORMANCE_SHOW) {
        // Writing a fixture: print every verdict on the ids its body holds, as expect rows.
        const ids = new Set([...JSON.stringify(f.body).matchAll(/"id":"([^"]+)"/g)].map((m) => (m[1] as string).toLowerCase()));
        if (f.parameters.subscriptionId) ids.add(`/subscriptions/${f.parameters.subscriptionId}`.toLowerCase());
        const rows = run.findings.filter((x) => ids.has(x.resourceKey)).map((x) => ({ rule: x.ruleId, target: x.resourceId, ...(x.part ? { part: x.part } : {}), status: x.status, messageId: x.messageId }));
        console.log(`${f.file}\n${rows.map((r) => JSON.stringify(r)).join(",\n")}`);
      }
      const { missing, unexpected } = compareVerdicts(run.findings, f.expect);
      const known = f.knownIssue;
      const want = known ? { missing: [...known.missing].sort(), unexpected: [...known.unexpected].sort() } : { missing: [], unexpected: [] };
      const why = known
        ? `${f.file}: verdicts differ from the catalog by exactly the known issue "${known.issue}" (if it is fixed, remove knownIssue)`
        : `${f.file}: verdicts on the expected targets (rule part status messageId target)`;
      expect({ missing: missing.sort(), unexpected: unexpected.sort() }, why).toEqual(want);
    });
  }
});

