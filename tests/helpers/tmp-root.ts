/**
 * Vitest's global setup: every temporary file of a run (the tests' own folders, the CLI children's,
 * Chromium's profiles) goes under one folder made for the run, removed when the run ends. The tests
 * and the processes they start find it through TMPDIR, which os.tmpdir() reads at each call; the
 * folder it replaces stays reachable as HEMVIST_TEST_OUTER_TMP (for caches kept between runs).
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const outer = tmpdir();
  const root = mkdtempSync(join(outer, "hemvist-tests-"));
  // Like /tmp (1777): the tests that run the CLI as another user (nobody, for unwritable folders)
  // must reach their folders under it, and that user may keep temporary files of its own there.
  chmodSync(root, 0o1777);
  process.env.HEMVIST_TEST_OUTER_TMP = outer;
  process.env.TMPDIR = root;
  return () => {
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
}
