/**
 * removeStaleTemps with two processes writing into one folder: the temporary files of a run that is
 * still going (another live process) are never removed; only those of a process that is gone are.
 * The other processes are real: one still running, one that has exited.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeStaleTemps } from "../../src/base/atomic.js";
import { tempDir } from "./helpers.js";

let live: ChildProcess;
let deadPid: number;

/** A node process that waits until killed (a second run writing into the same folder). */
function startLive(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  return new Promise((resolve, reject) => {
    child.once("spawn", () => resolve(child));
    child.once("error", reject);
  });
}

beforeAll(async () => {
  live = await startLive();
  const gone = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  deadPid = await new Promise<number>((resolve, reject) => {
    gone.once("exit", () => resolve(gone.pid as number));
    gone.once("error", reject);
  });
});

afterAll(() => {
  live?.kill("SIGKILL");
});

describe("removeStaleTemps, two processes in one folder", () => {
  it("keeps the live run's and this run's temporary files, removes the exited run's, and leaves other names alone", async () => {
    const dir = await tempDir("hemvist-stale-");
    const livePid = live.pid as number;
    const files = [
      `.findings.json.${livePid}.1a2b3c4d.tmp`,
      `.findings.json.${process.pid}.5e6f7a8b.tmp`,
      // pid 1 always runs; for a user other than its owner, signalling it is refused (EPERM), which still means alive.
      ".findings.json.1.3e4f5a6b.tmp",
      `.findings.json.${deadPid}.9c0d1e2f.tmp`,
      `.report.html.${deadPid}.0a1b2c3d.tmp`,
      "findings.json",
      `.findings.json.${deadPid}.not-hex.tmp`,
    ];
    for (const f of files) await writeFile(join(dir, f), "{}");
    await removeStaleTemps(dir, "findings.json");
    expect((await readdir(dir)).sort()).toEqual(
      [
        `.findings.json.${livePid}.1a2b3c4d.tmp`,
        `.findings.json.${process.pid}.5e6f7a8b.tmp`,
        ".findings.json.1.3e4f5a6b.tmp",
        `.report.html.${deadPid}.0a1b2c3d.tmp`,
        "findings.json",
        `.findings.json.${deadPid}.not-hex.tmp`,
      ].sort(),
    );
  });
});
