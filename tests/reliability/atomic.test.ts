/**
 * Atomic outputs: reports and snapshots go to a temporary file that is renamed over the target. A
 * run killed (SIGKILL) while writing leaves last night's files intact; SIGINT and SIGTERM stop a
 * run promptly, while collecting or while writing, without partial files; the next run removes the
 * temporary files a killed run left behind.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { watch } from "node:fs";
import { copyFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoTenant } from "../../src/emulator/demo/index.js";
import { BIN, ROOT } from "../e2e/helpers.js";
import { auditArgs, folderState, type Lab, lab, runCli, tempDir } from "./helpers.js";

/** Generous bound for "promptly" on a busy two-core machine. */
const PROMPT_MS = 15_000;
const REPORTS = ["findings.json", "report.html", "findings.sarif", "summary.md", "findings.csv"];

let work = "";
let l: Lab;
let bigSnapshot = "";
let previous = "";

/** Starts the CLI and resolves when it exits, with how long after `since()` it took. */
function start(args: string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; at: number }> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, CI: "true", GITHUB_STEP_SUMMARY: "", ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; at: number }>((resolve) => {
    child.on("exit", (code, signal) => resolve({ code, signal, stderr, at: Date.now() }));
  });
  const t = setTimeout(() => child.kill("SIGKILL"), 120_000);
  void done.then(() => clearTimeout(t));
  return { child, done };
}

/** An output folder holding the previous night's complete reports and snapshot. */
async function previousNight(name: string): Promise<string> {
  const out = join(work, name);
  await mkdir(out, { recursive: true });
  for (const f of [...REPORTS, "snapshot.json"]) await copyFile(join(previous, f), join(out, f));
  return out;
}

/** Every file is either last night's, byte for byte, or a complete new one; temporary files are dot files. */
async function assertNoPartialFile(out: string, before: Record<string, string>): Promise<string[]> {
  const now = await folderState(out);
  const temps = Object.keys(now).filter((f) => !(f.slice(1) in PREVIOUS_NAMES));
  for (const t of temps) expect(t, "anything but a report is a hidden temporary file").toMatch(/^\/\.[^/]+\.\d+\.[0-9a-f]{8}\.tmp$/);
  for (const [f, content] of Object.entries(before)) {
    const cur = now[f];
    expect(cur, `${f} still exists`).toBeDefined();
    if (cur === content) continue;
    // Replaced: then it must be a complete file of the new run.
    if (f.endsWith(".json") || f.endsWith(".sarif")) expect(() => JSON.parse(Buffer.from(cur as string, "latin1").toString("utf8")), `${f} is complete JSON`).not.toThrow();
    if (f.endsWith(".html")) expect(cur?.trimEnd().endsWith("</html>"), `${f} is a complete page`).toBe(true);
  }
  return temps;
}
const PREVIOUS_NAMES = Object.fromEntries([...REPORTS, "snapshot.json"].map((f) => [f, true]));

beforeAll(async () => {
  work = await tempDir("hemvist-atomic-");
  l = await lab(demoTenant(), undefined, { latencyMs: 150 });
  // Last night: a complete audit of the demo tenant.
  previous = join(work, "previous");
  const r = await runCli(auditArgs(l.emulator.url, previous, ["--quiet"]), l.env);
  // The demo tenant read completely: its high-severity failures decide the code.
  expect(r.code, r.stderr).toBe(1);
  // Tonight: an estate 300 times larger, so writing its reports takes long enough to interrupt.
  const snap = JSON.parse(await readFile(join(previous, "snapshot.json"), "utf8"));
  for (const sub of snap.subscriptions) {
    const accounts = [...(sub.collections.storageAccounts ?? [])];
    for (let i = 0; i < 300; i++) {
      for (const a of accounts) {
        const id = `${a.id}x${i}`;
        sub.collections.storageAccounts.push({ ...a, id, name: `${a.name}x${i}` });
        sub.collections.resources.push({ id, name: `${a.name}x${i}`, type: a.type, location: a.location, tags: a.tags ?? {} });
      }
    }
  }
  bigSnapshot = join(work, "big-snapshot.json");
  await writeFile(bigSnapshot, JSON.stringify(snap));
}, 120_000);

afterAll(async () => {
  await l?.emulator.close();
});

/**
 * Runs `evaluate` on the big snapshot into `out` and sends `signal` at the first change in the
 * folder (for an atomic writer: the creation of the first temporary file; for a writer that wrote
 * in place it would be the truncation of a report).
 */
async function interruptWhileWriting(out: string, signal: NodeJS.Signals) {
  let firstChange = "";
  let sentAt = 0;
  const { child, done } = start(["evaluate", bigSnapshot, "--out", out, "--quiet"]);
  const watcher = watch(out, (_event, name) => {
    // The preflight's writability probe (created and removed before the first request) is no report write.
    if (sentAt || String(name).startsWith(".hemvist-preflight.")) return;
    firstChange = String(name);
    sentAt = Date.now();
    child.kill(signal);
  });
  const result = await done;
  watcher.close();
  return { ...result, firstChange, sentAt };
}

describe("killed while writing", () => {
  it("SIGKILL during the first report write: last night's files are intact, the leftover is a hidden temp file", async () => {
    const out = await previousNight("sigkill");
    const before = await folderState(out);
    const r = await interruptWhileWriting(out, "SIGKILL");
    expect(r.signal).toBe("SIGKILL");
    // The first write is a hidden temporary file (a report's, or the report spool's).
    expect(r.firstChange, "the first change in the folder was a temporary file").toMatch(/^\.[\w.-]+\.\d+\.[0-9a-f]{8}\.tmp$/);
    const temps = await assertNoPartialFile(out, before);
    expect(await readFile(join(out, "findings.json"), "latin1")).toBe(before["/findings.json"]);
    // The next run completes and removes what the killed run left behind (the temporary files of
    // every report, though it writes only findings.json: rendering the others again would prove nothing more).
    const again = await runCli(["evaluate", bigSnapshot, "--out", out, "--quiet", "--format", "json"], {}, { timeoutMs: 120_000 });
    // Last night's snapshot was read completely: its failures, not a gap, decide the code.
    expect(again.code, again.stderr).toBe(1);
    const after = await readdir(out);
    expect(after.filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(temps.length, "the killed run left only its own hidden temporary files").toBeGreaterThanOrEqual(1);
    for (const t of temps) expect(t).toMatch(/^\/\.[\w.-]+\.\d+\.[0-9a-f]{8}\.tmp$/);
    expect(JSON.parse(await readFile(join(out, "findings.json"), "utf8")).results.length).toBeGreaterThan(1000);
  }, 180_000);

  it("SIGTERM while writing: stops promptly with exit 2, removes its temporary file, no partial report", async () => {
    const out = await previousNight("sigterm-write");
    const before = await folderState(out);
    const r = await interruptWhileWriting(out, "SIGTERM");
    expect(r.at - r.sentAt, "stopped promptly").toBeLessThan(PROMPT_MS);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/stopped by SIGTERM; no partial report was written/);
    const temps = await assertNoPartialFile(out, before);
    expect(temps, "no temporary file left").toEqual([]);
  }, 120_000);
});

describe("interrupted while collecting", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`${signal} during collection: exit 2 within ${PROMPT_MS / 1000} s, the output folder untouched`, async () => {
      const out = await previousNight(`collect-${signal}`);
      const before = await folderState(out);
      const { child, done } = start(auditArgs(l.emulator.url, out, ["--quiet"]), l.env);
      // Wait until the audit is reading (the emulator answers each request after 150 ms).
      const seen = l.emulator.requests.length;
      const deadline = Date.now() + 30_000;
      while (l.emulator.requests.length < seen + 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(l.emulator.requests.length).toBeGreaterThanOrEqual(seen + 10);
      const sentAt = Date.now();
      child.kill(signal);
      const r = await done;
      expect(r.at - sentAt, "stopped promptly").toBeLessThan(PROMPT_MS);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`stopped by ${signal}`));
      expect(await folderState(out)).toEqual(before);
    }, 60_000);
  }
});
