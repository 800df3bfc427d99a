/**
 * The report set is replaced whole or not at all (src/base/report-set.ts). A real `hemvist audit`
 * (the demo tenant, served by the emulator) is killed with SIGKILL, or fails as a full disk or a
 * refused path would, at every step of writing its reports (HEMVIST_TEST_WRITE_FAULT, a test-only
 * knob): after each temporary file, with half the journal written, after the journal, after each
 * rename, before the journal is removed. After the next start's recovery the folder holds exactly
 * the previous set or exactly the new one (bytes compared with copies of both), and no temporary,
 * journal or lock file. Torn, foreign and edited journals, a journal or lock of a live process, and
 * two runs committing into one folder at once are tried too.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFile, cp, mkdir, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOURNAL_NAME, LOCK_NAME, ReportSet, recoverReportSet } from "../../src/base/report-set.js";
import { OUTPUT_NAMES } from "../../src/cli/pipeline.js";
import { BIN, ROOT } from "../e2e/helpers.js";
import { auditArgs, type Lab, lab, oneSubscriptionDemo, runCli, tempDir } from "./helpers.js";

/** The set an audit writes into its --out folder: the five reports and the snapshot (its default place). */
const SET = ["findings.json", "report.html", "findings.sarif", "summary.md", "findings.csv", "snapshot.json"];

let work = "";
let l: Lab;
/** The previous night's complete set (reference copy, never written to). */
let oldRef = "";
/** Name → bytes (latin1) of the previous set. */
let OLD: Record<string, string> = {};
let n = 0;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  pid: number;
}

/** Runs the CLI, with its exit code or the signal that ended it. */
function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, CI: "true", GITHUB_STEP_SUMMARY: "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  return finished(child);
}

function finished(child: ChildProcess): Promise<Run> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d) => (stdout += d));
  child.stderr?.on("data", (d) => (stderr += d));
  const t = setTimeout(() => child.kill("SIGKILL"), 120_000);
  return new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      clearTimeout(t);
      resolve({ code, signal, stdout, stderr, pid: child.pid as number });
    });
  });
}

/** A fresh output folder holding a copy of the previous set. */
async function previousSet(): Promise<string> {
  const out = join(work, `case-${++n}`);
  await cp(oldRef, out, { recursive: true });
  return out;
}

/** Every file in the folder: name → bytes (latin1). */
async function state(dir: string): Promise<Record<string, string>> {
  const s: Record<string, string> = {};
  for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    s[e.name] = e.isDirectory() ? "<folder>" : await readFile(join(dir, e.name), "latin1");
  }
  return s;
}

function sha(text: string): string {
  return createHash("sha256").update(Buffer.from(text, "latin1")).digest("hex");
}

/**
 * The new set as a run stopped after its journal left it, read by the test from the folder: for
 * each name, that run's temporary file if one is still there, otherwise the final file (already
 * renamed).
 */
async function newSetLeftBy(dir: string, pid: number): Promise<Record<string, string | undefined>> {
  const now = await state(dir);
  const s: Record<string, string | undefined> = {};
  for (const name of SET) {
    const temp = Object.keys(now).find((f) => f.startsWith(`.${name}.${pid}.`) && f.endsWith(".tmp"));
    s[name] = temp !== undefined ? now[temp] : now[name];
  }
  return s;
}

/** The files that differ from run to run (a time or the snapshot's hash in them); findings.csv has neither, so tonight's equals last night's. */
const DATED = SET.filter((f) => f !== "findings.csv");

beforeAll(async () => {
  work = await tempDir("hemvist-writes-");
  l = await lab(oneSubscriptionDemo());
  oldRef = join(work, "old");
  const r = await runCli(auditArgs(l.emulator.url, oldRef, ["--quiet"]), l.env);
  // The demo's first subscription read completely: its high-severity failures decide the code.
  expect(r.code, r.stderr).toBe(1);
  OLD = await state(oldRef);
  expect(Object.keys(OLD)).toEqual([...SET].sort());
}, 120_000);

afterAll(async () => {
  await l?.emulator.close();
});

/** Kill points before the journal is in place: the set was never committed, the previous set stays. */
const BEFORE_COMMIT = [...SET.map((f) => `staged:${f}`), "journal"];
/** Kill points once the journal is in place: the next start completes the new set. */
const AFTER_COMMIT = ["journaled", ...SET.map((f) => `renamed:${f}`), "unjournal"];

describe("SIGKILL at every step of writing the set; the next start recovers", () => {
  it.each(BEFORE_COMMIT)("killed at %s: after recovery exactly the previous set, no temporary file", async (step) => {
    const out = await previousSet();
    const r = await run(auditArgs(l.emulator.url, out, ["--quiet"]), { ...l.env, HEMVIST_TEST_WRITE_FAULT: `kill@${step}` });
    expect(r.signal).toBe("SIGKILL");
    // Nothing of the previous set was replaced.
    const left = await state(out);
    for (const f of SET) expect(left[f] === OLD[f], `${f} untouched by the killed run`).toBe(true);
    expect(left[JOURNAL_NAME], "no journal was put in place").toBeUndefined();
    const rec = await recoverReportSet(out, OUTPUT_NAMES);
    expect(rec.action).toBe("none");
    expect(await state(out)).toEqual(OLD);
  }, 60_000);

  it.each(AFTER_COMMIT)("killed at %s: after recovery exactly the new set, no temporary or journal file", async (step) => {
    const out = await previousSet();
    const r = await run(auditArgs(l.emulator.url, out, ["--quiet"]), { ...l.env, HEMVIST_TEST_WRITE_FAULT: `kill@${step}` });
    expect(r.signal).toBe("SIGKILL");
    expect((await readdir(out)).includes(JOURNAL_NAME), "the journal is in place").toBe(true);
    const fresh = await newSetLeftBy(out, r.pid);
    for (const f of DATED) expect(fresh[f] === OLD[f], `${f} differs from the previous night's`).toBe(false);
    // One run's set: findings.json names the snapshot it was evaluated from.
    expect(JSON.parse(Buffer.from(fresh["findings.json"] as string, "latin1").toString("utf8")).snapshotSha256).toBe(sha(fresh["snapshot.json"] as string));
    const rec = await recoverReportSet(out, OUTPUT_NAMES);
    expect(rec.action).toBe("rolled-forward");
    expect(await state(out)).toEqual(fresh);
  }, 60_000);

  it.each([
    ["evaluate", "findings.json"],
    ["collect", "snapshot.json"],
  ])("the next %s into the folder completes a set killed mid-rename, says so, then replaces only its own %s", async (command, own) => {
    const out = await previousSet();
    const killed = await run(auditArgs(l.emulator.url, out, ["--quiet"]), { ...l.env, HEMVIST_TEST_WRITE_FAULT: "kill@renamed:findings.sarif" });
    expect(killed.signal).toBe("SIGKILL");
    const fresh = await newSetLeftBy(out, killed.pid);
    const snapshot = join(work, `snapshot-${n}.json`);
    await copyFile(join(oldRef, "snapshot.json"), snapshot);
    const args =
      command === "evaluate"
        ? ["evaluate", snapshot, "--out", out, "--format", "json"]
        : ["collect", "--auth", "static", "--arm-endpoint", l.emulator.url, "--graph-endpoint", l.emulator.url, "--snapshot-out", join(out, "snapshot.json")];
    const next = await run(args, l.env);
    // evaluate: last night's snapshot's failures; collect: the tenant read completely.
    expect(next.code, next.stderr).toBe(command === "evaluate" ? 1 : 0);
    expect(next.stderr).toContain(`warning: ${out}: completed the report set a stopped run (pid ${killed.pid}) had committed`);
    const after = await state(out);
    expect(Object.keys(after)).toEqual([...SET].sort());
    // Every file but the command's own is the killed run's, byte for byte.
    for (const f of SET.filter((x) => x !== own)) expect(after[f] === fresh[f], `${f} is the killed run's`).toBe(true);
    expect(after[own] === fresh[own] || after[own] === OLD[own], `${own} was written by the ${command}`).toBe(false);
  }, 60_000);
});

describe("a write failure while writing the set", () => {
  it.each([
    ["enospc@staged:findings.sarif", /^hemvist: no space left on the device \(ENOSPC\): free some space or choose another --out; no partial report was kept\.\n$/],
    ["eacces@staged:report.html", /^hemvist: permission denied \(EACCES\): choose a folder you may write to with --out, or fix its permissions\.\n$/],
    ["enospc@staged:snapshot.json", /^hemvist: no space left on the device \(ENOSPC\)/],
    ["enospc@journal", /^hemvist: no space left on the device \(ENOSPC\)/],
    ["eacces@journal", /^hemvist: permission denied \(EACCES\)/],
  ])("%s: exit 2 with one line, the previous set complete and nothing else in the folder", async (fault, message) => {
    const out = await previousSet();
    const r = await run(auditArgs(l.emulator.url, out, ["--quiet"]), { ...l.env, HEMVIST_TEST_WRITE_FAULT: fault });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stdout).toBe("");
    expect(await state(out)).toEqual(OLD);
  }, 60_000);

  it("a failure after the journal (eacces@renamed:findings.csv): exit 2 with one line, and the next start completes the new set", async () => {
    const out = await previousSet();
    const r = await run(auditArgs(l.emulator.url, out, ["--quiet"]), { ...l.env, HEMVIST_TEST_WRITE_FAULT: "eacces@renamed:findings.csv" });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^hemvist: permission denied \(EACCES\)[^\n]*\n$/);
    const fresh = await newSetLeftBy(out, r.pid);
    for (const f of DATED) expect(fresh[f] === OLD[f], `${f} is the new run's`).toBe(false);
    expect((await recoverReportSet(out, OUTPUT_NAMES)).action).toBe("rolled-forward");
    expect(await state(out)).toEqual(fresh);
  }, 60_000);

  it("a folder where a report goes: exit 2 with one line naming it, the previous set complete, no temporary file", async () => {
    const out = await previousSet();
    await rm(join(out, "findings.csv"));
    await mkdir(join(out, "findings.csv", "occupied"), { recursive: true });
    const r = await run(auditArgs(l.emulator.url, out, ["--quiet"]), l.env);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toBe(`hemvist: ${join(out, "findings.csv")}: found a folder where this report goes; move it away or choose another --out (the previous reports were left as they were).\n`);
    expect(await state(out)).toEqual({ ...OLD, "findings.csv": "<folder>" });
  }, 60_000);

  it("a bad HEMVIST_TEST_WRITE_FAULT is refused with one line before any request", async () => {
    const out = await previousSet();
    const before = l.emulator.requests.length;
    const r = await run(auditArgs(l.emulator.url, out, ["--quiet"]), { ...l.env, HEMVIST_TEST_WRITE_FAULT: "explode@journal" });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toBe('hemvist: HEMVIST_TEST_WRITE_FAULT: found "explode@journal", expected <action>@<step> with action kill, enospc, eacces (a test-only knob).\n');
    expect(l.emulator.requests.length).toBe(before);
    expect(await state(out)).toEqual(OLD);
  }, 60_000);
});

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const r = await finished(spawn(process.execPath, ["-e", ""], { stdio: "ignore" }));
  return r.pid;
}

/** A process that stays alive until killed. */
function liveProcess(): ChildProcess {
  return spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
}

/**
 * A folder with the previous set and, beside it, what a run of `pid` left when it was stopped
 * after its journal: a temporary file of the new findings.json and summary.md, and its journal
 * (written here by the test, the documented format: kind, version, pid, host, files, sha256 of
 * JSON.stringify([pid, host, files])).
 */
async function leftJournal(pid: number, edit: (j: any) => void = () => undefined): Promise<{ out: string; fresh: Record<string, string>; temps: string[] }> {
  const out = await previousSet();
  const fresh = { "findings.json": '{"new":true}\n', "summary.md": "# new\n" };
  const files = Object.entries(fresh).map(([name, text], i) => ({ temp: `.${name}.${pid}.0000000${i}.tmp`, name, size: Buffer.byteLength(text), sha256: sha(text) }));
  for (const [i, [, text]] of Object.entries(fresh).entries()) await writeFile(join(out, files[i]?.temp as string), text);
  const j = { kind: "hemvist-report-set-journal", version: 1, pid, host: hostname(), files, sha256: "" };
  j.sha256 = createHash("sha256").update(JSON.stringify([pid, j.host, files])).digest("hex");
  edit(j);
  await writeFile(join(out, JOURNAL_NAME), `${JSON.stringify(j, null, 1)}\n`);
  return { out, fresh, temps: files.map((f) => f.temp) };
}

describe("journals: torn, foreign, edited, or of a live run", () => {
  it("a valid journal of a dead run is rolled forward: its files replace the previous ones, the rest stays", async () => {
    const { out, fresh } = await leftJournal(await deadPid());
    const r = await recoverReportSet(out, OUTPUT_NAMES);
    expect(r.action).toBe("rolled-forward");
    expect(await state(out)).toEqual({ ...OLD, ...fresh });
  });

  it.each([
    ["torn (cut in half)", "torn"],
    ["foreign (another program's JSON)", "foreign"],
    ["its list edited after its checksum", "edited"],
    ["a temporary file of another size than listed", "size"],
    ["an entry outside the folder (../)", "escape"],
    ["not JSON at all", "binary"],
  ])("a journal that is %s was never a commit: removed, the previous set stays, the dead run's temporary files removed", async (_what, kind) => {
    const pid = await deadPid();
    const { out } = await leftJournal(pid, (j) => {
      if (kind === "foreign") j.kind = "something-else";
      if (kind === "edited") j.files[0].size += 1;
      if (kind === "escape") {
        j.files[0].name = "../escaped";
        j.files[0].temp = `.../escaped.${pid}.00000000.tmp`;
        j.sha256 = createHash("sha256").update(JSON.stringify([pid, j.host, j.files])).digest("hex");
      }
    });
    const path = join(out, JOURNAL_NAME);
    if (kind === "torn") {
      const text = await readFile(path, "utf8");
      await writeFile(path, text.slice(0, text.length >> 1));
    }
    if (kind === "size") await writeFile(join(out, `.summary.md.${pid}.00000001.tmp`), "# new, but longer than listed\n");
    if (kind === "binary") await writeFile(path, Buffer.from([0, 1, 2, 0xff, 0xfe]));
    const r = await recoverReportSet(out, OUTPUT_NAMES);
    expect(r.action).toBe("discarded");
    expect(await state(out)).toEqual(OLD);
  });

  it("the journal of a live run is not rolled forward by another process, nor are its temporary files removed", async () => {
    const live = liveProcess();
    try {
      const { out, temps } = await leftJournal(live.pid as number);
      const before = await state(out);
      const r = await recoverReportSet(out, OUTPUT_NAMES);
      expect(r.action).toBe("busy");
      expect(await state(out)).toEqual(before);
      expect(Object.keys(before)).toEqual(expect.arrayContaining([JOURNAL_NAME, ...temps]));
    } finally {
      live.kill("SIGKILL");
    }
  });

  it("a CLI run into a folder where a live run's journal lies waits, then exits 2 with one line, touching nothing", async () => {
    const live = liveProcess();
    try {
      const { out } = await leftJournal(live.pid as number);
      const before = await state(out);
      const snapshot = join(work, `snapshot-${n}.json`);
      await copyFile(join(oldRef, "snapshot.json"), snapshot);
      const r = await run(["evaluate", snapshot, "--out", out], { HEMVIST_TEST_COMMIT_WAIT_MS: "300" });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toBe(`hemvist: ${out}: another hemvist run (pid ${live.pid}) is writing its reports there; run again once it has finished, or choose another --out.\n`);
      expect(await state(out)).toEqual(before);
    } finally {
      live.kill("SIGKILL");
    }
  }, 60_000);
});

describe("locks and live temporary files", () => {
  it("a lock held by a live run: recovery leaves the folder alone, a commit waits and then refuses, its temporary files removed", async () => {
    const live = liveProcess();
    try {
      const out = await previousSet();
      await writeFile(join(out, LOCK_NAME), `${live.pid} ${hostname()}\n`);
      expect((await recoverReportSet(out, OUTPUT_NAMES)).action).toBe("busy");
      const set = new ReportSet(out, { waitMs: 200 });
      await set.write(join(out, "findings.json"), (o) => o.text("{}\n"));
      await expect(set.commit()).rejects.toThrow(`${out}: another hemvist run (pid ${live.pid}) is writing its reports there`);
      expect(await state(out)).toEqual({ ...OLD, [LOCK_NAME]: `${live.pid} ${hostname()}\n` });
    } finally {
      live.kill("SIGKILL");
    }
  });

  it("a lock left by a dead run is taken over and removed; the set is committed", async () => {
    const out = await previousSet();
    await writeFile(join(out, LOCK_NAME), `${await deadPid()} ${hostname()}\n`);
    const set = new ReportSet(out, { waitMs: 0 });
    await set.write(join(out, "summary.md"), (o) => o.text("# new\n"));
    await set.commit();
    expect(await state(out)).toEqual({ ...OLD, "summary.md": "# new\n" });
  });

  it("a lock file that is not one (empty, being created without hard links) counts as held while fresh, and as left behind after 10 s", async () => {
    const out = await previousSet();
    await writeFile(join(out, LOCK_NAME), "");
    expect((await recoverReportSet(out, OUTPUT_NAMES)).action).toBe("busy");
    const set = new ReportSet(out, { waitMs: 0 });
    await set.write(join(out, "summary.md"), (o) => o.text("# new\n"));
    await expect(set.commit()).rejects.toThrow(`${out}: another hemvist run (pid unknown) is writing its reports there`);
    expect(await state(out)).toEqual({ ...OLD, [LOCK_NAME]: "" });
    const minuteAgo = new Date(Date.now() - 60_000);
    await utimes(join(out, LOCK_NAME), minuteAgo, minuteAgo);
    const again = new ReportSet(out, { waitMs: 0 });
    await again.write(join(out, "summary.md"), (o) => o.text("# new\n"));
    await again.commit();
    expect(await state(out)).toEqual({ ...OLD, "summary.md": "# new\n" });
  });

  it("temporary files of a live run are kept by recovery and by a commit; a dead run's are removed", async () => {
    const live = liveProcess();
    try {
      const out = await previousSet();
      const dead = await deadPid();
      const liveTemp = `.findings.sarif.${live.pid}.0a0b0c0d.tmp`;
      await writeFile(join(out, liveTemp), "partial");
      await writeFile(join(out, `.findings.sarif.${dead}.0a0b0c0d.tmp`), "partial");
      await writeFile(join(out, `.snapshot.json.${dead}.0a0b0c0e.tmp`), "partial");
      expect((await recoverReportSet(out, OUTPUT_NAMES)).action).toBe("none");
      expect(await state(out)).toEqual({ ...OLD, [liveTemp]: "partial" });
      const set = new ReportSet(out, { known: OUTPUT_NAMES });
      await set.write(join(out, "findings.sarif"), (o) => o.text("{}\n"));
      await set.commit();
      expect(await state(out)).toEqual({ ...OLD, "findings.sarif": "{}\n", [liveTemp]: "partial" });
    } finally {
      live.kill("SIGKILL");
    }
  });

  it("a file outside the folder is not part of the set", async () => {
    const out = await previousSet();
    const set = new ReportSet(out);
    expect(set.includes(join(out, "snapshot.json"))).toBe(true);
    expect(set.includes(join(work, "snapshot.json"))).toBe(false);
    await expect(set.write(join(work, "elsewhere.json"), (o) => o.text("{}"))).rejects.toThrow(`ReportSet: ${join(work, "elsewhere.json")} is not in ${out}`);
    await set.abort();
    expect(await state(out)).toEqual(OLD);
  });

  it("two audits writing into one folder at once: both exit 1, the folder holds one complete set, nothing else", async () => {
    const out = await previousSet();
    const [a, b] = await Promise.all([run(auditArgs(l.emulator.url, out, ["--quiet"]), l.env), run(auditArgs(l.emulator.url, out, ["--quiet"]), l.env)]);
    expect(a.code, a.stderr).toBe(1);
    expect(b.code, b.stderr).toBe(1);
    const after = await state(out);
    expect(Object.keys(after)).toEqual([...SET].sort());
    for (const f of DATED) expect(after[f] === OLD[f], `${f} replaced`).toBe(false);
    expect(JSON.parse(after["findings.json"] as string).snapshotSha256).toBe(sha(after["snapshot.json"] as string));
  }, 60_000);
});
