/**
 * Token hygiene: with a canary token, no log line, snapshot, report or error message contains the
 * token or an Authorization header value — with --verbose, under faults whose error bodies echo the
 * Authorization header, and when the whole run fails.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { DEMO_SUBSCRIPTION_IDS, demoTenant } from "../../src/emulator/demo/index.js";
import { auditArgs, filesUnder, type Lab, lab, runCli } from "./helpers.js";

// Each test audits the demo tenant through the CLI (about 5 s of CPU): on a loaded two-core
// machine that can take minutes, not the default 30 s.
vi.setConfig({ testTimeout: 240_000 });

const [S1] = DEMO_SUBSCRIPTION_IDS as [string];

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
/** A JWT-shaped canary (what Entra issues) and an opaque one (what `--auth static` also accepts). */
const JWT_SIGNATURE = "Q2FuYXJ5U2lnbmF0dXJlLW5ldmVyLWluLWEtcmVwb3J0LTdmM2E5YzJl";
const JWT_CANARY = `${b64({ alg: "RS256", typ: "JWT" })}.${b64({ aud: "https://management.azure.com", tid: "8d3f6a51-0c8e-4e59-9b5e-3a1c2f7e9d10", oid: "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a", appid: "4a8c2f3e-5b1d-4e6f-9a7b-0c1d2e3f4a5b", canary: "hemvist-canary-jwt" })}.${JWT_SIGNATURE}`;
const OPAQUE_CANARY = "hemvistCanaryOpaque7f3a9c2eb41d";

const labs: Lab[] = [];
afterAll(async () => {
  await Promise.all(labs.map((l) => l.emulator.close()));
});

/** Everything a run left behind: stdout, stderr and every file in the output folder. */
async function everything(out: string, stdout: string, stderr: string): Promise<{ name: string; text: string }[]> {
  const texts = [
    { name: "stdout", text: stdout },
    { name: "stderr", text: stderr },
  ];
  for (const f of await filesUnder(out).catch(() => [])) texts.push({ name: f, text: await readFile(f, "utf8") });
  return texts;
}

function leaks(texts: { name: string; text: string }[], canary: string): string[] {
  const found: string[] = [];
  const needles = [canary, ...canary.split(".").filter((p) => p.length >= 16)];
  for (const { name, text } of texts) {
    for (const n of needles) if (text.includes(n)) found.push(`${name}: contains the token (${n.slice(0, 12)}…)`);
    const bearer = /\bbearer\s+(?!\[redacted\])[A-Za-z0-9\-._~+/]{12,}/i.exec(text);
    if (bearer) found.push(`${name}: a bearer value: ${bearer[0].slice(0, 30)}`);
    const header = /\bauthorization["']?\s*[:=]\s*["']?(?!(bearer\s+)?\[redacted)[^\s"',;}]{4,}/i.exec(text);
    if (header) found.push(`${name}: an Authorization header value: ${header[0].slice(0, 40)}`);
  }
  return found;
}

describe("no token in any output", () => {
  for (const [label, canary] of [
    ["JWT canary", JWT_CANARY],
    ["opaque canary", OPAQUE_CANARY],
  ] as const) {
    it(`${label}: --verbose, faults, 401/403 bodies that echo the Authorization header, every report format`, async () => {
      const l = await lab(
        demoTenant(),
        {
          seed: 7,
          rate429: 0.1,
          rate5xx: 0.05,
          resetRate: 0.03,
          echoAuthorization: [
            { path: `^/subscriptions/${S1}/providers/Microsoft\\.Storage/storageAccounts$`, status: 403 },
            { path: "^/v1\\.0/users$", status: 401 },
          ],
        },
        { token: canary },
      );
      labs.push(l);
      const out = join(l.dir, "out");
      const run = await runCli(auditArgs(l.emulator.url, out, ["--verbose"]), l.env);
      expect(run.code, run.stderr).toBe(3);
      expect(l.chaos?.injected.filter((f) => f.kind === "echoAuthorization")).toHaveLength(2);
      const texts = await everything(out, run.stdout, run.stderr);
      expect(texts.map((t) => t.name.split("/").pop())).toEqual(expect.arrayContaining(["snapshot.json", "findings.json", "report.html", "findings.sarif", "summary.md", "findings.csv"]));
      // The echoed messages did reach the reports (redacted), so the check looked at the right place.
      const findings = texts.find((t) => t.name.endsWith("findings.json"))?.text ?? "";
      expect(findings).toMatch(/Access denied for request with header Authorization: (Bearer )?\[redacted/);
      expect(run.stderr).toMatch(/debug: not read: GET \/users/);
      expect(leaks(texts, canary)).toEqual([]);
    });
  }

  it("a run that fails entirely (every ARM read answers 401 echoing the header) leaks nothing either, and a renewed short-lived token neither", async () => {
    const l = await lab(demoTenant(), { seed: 8, echoAuthorization: [{ path: "^/subscriptions$", status: 401 }, { path: "^/v1\\.0/", status: 403 }] }, { token: OPAQUE_CANARY });
    labs.push(l);
    const out = join(l.dir, "out");
    const run = await runCli(auditArgs(l.emulator.url, out, ["--verbose"]), { ...l.env, HEMVIST_STATIC_TOKEN_TTL_MS: "1000" });
    expect(run.code, run.stderr).toBe(3);
    const texts = await everything(out, run.stdout, run.stderr);
    expect(leaks(texts, OPAQUE_CANARY)).toEqual([]);
    const doc = JSON.parse(texts.find((t) => t.name.endsWith("findings.json"))?.text ?? "{}");
    expect(doc.coverage.map((c: any) => c.httpStatus)).toEqual(expect.arrayContaining([401, 403]));
  });

  it("a run that cannot start (exit 2) does not print the token", async () => {
    const l = await lab(demoTenant(), undefined, { token: OPAQUE_CANARY });
    labs.push(l);
    const run = await runCli(["audit", "--auth", "static", "--arm-endpoint", "http://127.0.0.1:9", "--out", join(l.dir, "out"), "--verbose"], l.env);
    expect(run.code).toBe(2);
    expect(leaks([{ name: "stderr", text: run.stderr }, { name: "stdout", text: run.stdout }], OPAQUE_CANARY)).toEqual([]);
  });
});
