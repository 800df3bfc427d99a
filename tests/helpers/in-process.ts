/**
 * Runs `hemvist <args>` through the CLI's `main()` in the test's own process: the same code as
 * bin/hemvist.js runs (which only sets a V8 flag and turns main()'s result into the exit code),
 * without starting a Node process per case. Used where a file checks many refusals of the same
 * command; each such file keeps a control case through the built CLI in a child process (the
 * wiring users run) that must give the same exit code and text.
 *
 * Runs are serialised (stdout, stderr and process.env are process-wide): a second call waits for
 * the first. While a run's `env` is set, a child process another test of the same file starts
 * with `{ ...process.env, ...env }` inherits it, except for the keys its own env names: tests that
 * run both at once give every child the variables the in-process runs set (as hostile-preflight's
 * oidcEnv and bare do).
 */
import { main } from "../../src/cli/main.js";

export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * `hemvist <args>` in this process: output captured, `env` set for the run and restored after, and
 * process.exitCode and the listeners main() adds left as they were.
 */
export function hemvistInProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<InProcessRun> {
  const run = queue.then(() => once(args, env));
  queue = run.catch(() => undefined);
  return run;
}

async function once(args: string[], env: NodeJS.ProcessEnv): Promise<InProcessRun> {
  const out = { stdout: "", stderr: "" };
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  const listeners = { sigint: process.listeners("SIGINT"), sigterm: process.listeners("SIGTERM"), error: process.stdout.listeners("error"), exit: process.listeners("exit") };
  // As runCli gives a child: CI set, no job summary file.
  const vars: NodeJS.ProcessEnv = { CI: "true", GITHUB_STEP_SUMMARY: "", ...env };
  const saved = new Map(Object.keys(vars).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  process.exitCode = undefined;
  const capture = (stream: "stdout" | "stderr") =>
    ((chunk: string | Uint8Array) => {
      out[stream] += String(chunk);
      return true;
    }) as typeof process.stdout.write;
  process.stdout.write = capture("stdout");
  process.stderr.write = capture("stderr");
  try {
    const code = await main(["node", "hemvist", ...args]);
    return { code, ...out };
  } finally {
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
    process.exitCode = undefined;
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    for (const l of process.listeners("SIGINT")) if (!listeners.sigint.includes(l)) process.removeListener("SIGINT", l);
    for (const l of process.listeners("SIGTERM")) if (!listeners.sigterm.includes(l)) process.removeListener("SIGTERM", l);
    for (const l of process.listeners("exit")) if (!listeners.exit.includes(l)) process.removeListener("exit", l);
    for (const l of process.stdout.listeners("error")) if (!listeners.error.includes(l)) process.stdout.removeListener("error", l as never);
  }
}
