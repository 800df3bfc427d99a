/**
 * Runs action.yml's own `run:` steps locally, as the runner would (bash, the step's `env:` with
 * inputs substituted, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_ACTION_PATH, RUNNER_TEMP), over
 * two nights against the emulator, with a local bare repository as `origin` for the history
 * branch, the package tarball `npm pack` makes, and a local stand-in for GitHub's code scanning
 * API. Steps that use other actions are skipped.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Emulator } from "../../src/emulator/server.js";
import { emulate, ROOT } from "../e2e/helpers.js";
import { oneSubscriptionDemo } from "../reliability/helpers.js";
import { packTarball, pinnedNodePath } from "../package/helpers.js";
import { git, makeOrigin } from "./helpers.js";

const ACTION = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as any;
const GITHUB_TOKEN = "ghs_test-token-not-secret";
/** A GitHub Actions expression, `${{ body }}`, spelled without a template-looking literal. */
const gh = (body: string): string => `$\{{ ${body} }}`;

interface StepRun {
  name: string;
  id?: string;
  skipped: "uses" | "if" | false;
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
}

interface NightRun {
  steps: StepRun[];
  summary: string;
  outputs: Record<string, string>;
}

/** Parses a GITHUB_OUTPUT file: `k=v` lines and `k<<DELIM` … `DELIM` blocks. */
function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const heredoc = /^([\w-]+)<<(\S+)$/.exec(line);
    if (heredoc) {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) body.push(lines[i] ?? "");
      out[heredoc[1] as string] = body.join("\n");
      continue;
    }
    const eq = line.indexOf("=");
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

/**
 * Evaluates the expressions this action may use in `env:` and `if:`: `inputs.x`, `steps.id.outputs.y`,
 * `github.workspace`, string literals, `==`, `!=` and `&&`. Anything else throws, so a new kind of
 * expression in action.yml has to be taught here first.
 */
function evaluate(expr: string, ctx: { inputs: Record<string, string>; steps: Record<string, Record<string, string>>; outcomes: Record<string, string>; workspace: string }): string | boolean {
  const value = (term: string): string => {
    const t = term.trim();
    const lit = /^'([^']*)'$/.exec(t);
    if (lit) return lit[1] as string;
    const input = /^inputs\.([\w-]+)$/.exec(t);
    if (input) {
      const name = input[1] as string;
      if (!(name in ACTION.inputs)) throw new Error(`unknown input ${name}`);
      return ctx.inputs[name] ?? String(ACTION.inputs[name].default ?? "");
    }
    const step = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(t);
    if (step) return ctx.steps[step[1] as string]?.[step[2] as string] ?? "";
    const outcome = /^steps\.([\w-]+)\.outcome$/.exec(t);
    if (outcome) return ctx.outcomes[outcome[1] as string] ?? "";
    if (t === "github.workspace") return ctx.workspace;
    if (t === "github.token") return GITHUB_TOKEN;
    throw new Error(`expression not understood by the test: ${t}`);
  };
  const terms = expr.split("&&").map((c) => c.trim());
  if (terms.length === 1 && !/[=!]=/.test(expr)) return value(expr);
  return terms.every((c) => {
    const m = /^(.+?)\s*(==|!=)\s*(.+)$/.exec(c);
    if (!m) throw new Error(`condition not understood by the test: ${c}`);
    const eq = value(m[1] as string) === value(m[3] as string);
    return m[2] === "==" ? eq : !eq;
  });
}

function substitute(text: string, ctx: Parameters<typeof evaluate>[1]): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, e: string) => String(evaluate(e, ctx)));
}

/** Runs a script with bash like the runner's `shell: bash` (async: the emulator lives in this process). */
function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn("bash", ["--noprofile", "--norc", "-e", "-o", "pipefail", script], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    // Installing the package (24,000 files) takes minutes on a loaded two-core machine.
    const timer = setTimeout(() => child.kill("SIGKILL"), 600_000);
    child.on("error", fail);
    child.on("exit", (status) => {
      clearTimeout(timer);
      done({ status, stdout, stderr });
    });
  });
}

/** Runs every `run:` step of action.yml in order, like the runner; returns what each did. */
async function runAction(inputs: Record<string, string>, env: NodeJS.ProcessEnv, dirs: { workspace: string; runnerTemp: string; summary: string; cwd: string }): Promise<NightRun> {
  const ctx = { inputs, steps: {} as Record<string, Record<string, string>>, outcomes: {} as Record<string, string>, workspace: dirs.workspace };
  const steps: StepRun[] = [];
  let failed = false;
  for (const [i, step] of (ACTION.runs.steps as any[]).entries()) {
    const name = step.name ?? step.uses ?? `step ${i}`;
    // Steps without `if:` run only while every earlier step succeeded (the runner's success()).
    const condition = step.if === undefined ? !failed : !failed && evaluate(String(step.if), ctx) === true;
    if (!condition) {
      if (step.id) ctx.outcomes[step.id] = "skipped";
      steps.push({ name, id: step.id, skipped: "if", code: null, stdout: "", stderr: "", outputs: {} });
      continue;
    }
    if (step.uses) {
      // Not run here; recorded as the runner would record a step that succeeded.
      if (step.id) ctx.outcomes[step.id] = "success";
      steps.push({ name, id: step.id, skipped: "uses", code: null, stdout: "", stderr: "", outputs: {} });
      continue;
    }
    const outputFile = join(dirs.runnerTemp, `output-${i}`);
    writeFileSync(outputFile, "");
    const stepEnv: Record<string, string> = {};
    for (const [k, v] of Object.entries<string>(step.env ?? {})) stepEnv[k] = substitute(String(v), ctx);
    const script = join(dirs.runnerTemp, `step-${i}.sh`);
    writeFileSync(script, step.run);
    const r = await bash(script, dirs.cwd, {
      ...process.env,
      // The runner's PATH has the Node.js setup-node installed (here the project's pinned Node 22).
      PATH: pinnedNodePath(),
      ...env,
      GITHUB_ACTIONS: "true",
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_REPOSITORY: "exempelkommun/hemvist-audit",
      GITHUB_API_URL: github.url,
      GITHUB_WORKSPACE: dirs.workspace,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: dirs.summary,
      RUNNER_TEMP: dirs.runnerTemp,
      ...stepEnv,
    });
    const outputs = parseOutputFile(readFileSync(outputFile, "utf8"));
    if (step.id) {
      ctx.steps[step.id] = outputs;
      ctx.outcomes[step.id] = r.status === 0 ? "success" : "failure";
    }
    steps.push({ name, id: step.id, skipped: false, code: r.status, stdout: r.stdout, stderr: r.stderr, outputs });
    if (r.status !== 0) failed = true;
  }
  const outputs: Record<string, string> = {};
  for (const [k, v] of Object.entries<any>(ACTION.outputs)) outputs[k] = substitute(v.value, ctx);
  return { steps, summary: existsSync(dirs.summary) ? readFileSync(dirs.summary, "utf8") : "", outputs };
}

/** A stand-in for GitHub's REST API: answers the code scanning analyses request with `codeScanning`. */
const github = {
  url: "",
  server: undefined as Server | undefined,
  codeScanning: { status: 403, body: { message: "Code Security must be enabled for this repository to use code scanning.", status: "403" } as object },
  requests: [] as { url: string; authorization: string | undefined }[],
};

let emulator: Emulator;
let origin: string;
let installDir: string;
let labDir: string;
let night1: NightRun;
let night2: NightRun;
let findings1: any;
let broken: NightRun;

beforeAll(async () => {
  github.server = createServer((req, res) => {
    github.requests.push({ url: req.url ?? "", authorization: req.headers.authorization });
    res.writeHead(github.codeScanning.status, { "content-type": "application/json" });
    res.end(JSON.stringify(github.codeScanning.body));
  });
  await new Promise<void>((done) => github.server?.listen(0, "127.0.0.1", done));
  github.url = `http://127.0.0.1:${(github.server.address() as AddressInfo).port}`;
  // What the action does around an audit, not what the audit finds: the demo's first subscription is enough.
  const e = await emulate(oneSubscriptionDemo());
  emulator = e.emulator;
  labDir = e.dir;
  const repo = makeOrigin(e.dir);
  origin = repo.origin;
  // The build job's artifact: the tarball npm pack makes, in its own folder.
  const packageDir = join(e.dir, "hemvist-package");
  await mkdir(packageDir);
  await packTarball(packageDir);
  const inputs = {
    package: packageDir,
    profile: "se",
    "fail-on": "high",
    "fail-on-new": "true",
    "history-branch": "hemvist-history",
    args: `--auth static --arm-endpoint ${emulator.url} --graph-endpoint ${emulator.url} --lang en`,
    out: "hemvist-reports",
    "node-version": "",
  };
  const night = async (n: number) => {
    const runnerTemp = join(e.dir, `runner-temp-${n}`);
    await mkdir(runnerTemp);
    // Each night is a new job: a fresh checkout of origin as the workspace.
    const workspace = join(e.dir, `workspace-${n}`);
    git(e.dir, ["clone", "--quiet", `file://${origin}`, workspace]);
    return runAction(inputs, { NODE_EXTRA_CA_CERTS: e.env.NODE_EXTRA_CA_CERTS, HEMVIST_STATIC_TOKEN: e.env.HEMVIST_STATIC_TOKEN, CI: "true" }, {
      workspace,
      runnerTemp,
      summary: join(runnerTemp, "step-summary.md"),
      cwd: workspace,
    });
  };
  expect(repo.checkout).toBeTruthy();
  night1 = await night(1);
  installDir = join(e.dir, "runner-temp-1", "hemvist-install");
  const findingsPath = join(e.dir, "workspace-1", "hemvist-reports", "findings.json");
  if (!existsSync(findingsPath)) {
    throw new Error(`night 1 wrote no findings.json:\n${night1.steps.map((s) => `${s.name}: ${s.skipped || s.code}\n${s.stdout.slice(-1500)}\n${s.stderr.slice(-1500)}`).join("\n")}`);
  }
  findings1 = JSON.parse(readFileSync(findingsPath, "utf8"));
  // Night 2: code scanning available (no analysis yet: GitHub answers 404).
  github.codeScanning = { status: 404, body: { message: "no analysis found", status: "404" } };
  night2 = await night(2);
  // A run that cannot start: an invalid threshold (exit 2), with a baseline given as an input.
  inputs["fail-on"] = "severe";
  (inputs as Record<string, string>).baseline = "hemvist-reports/findings.json";
  const runnerTemp = join(e.dir, "runner-temp-3");
  await mkdir(runnerTemp);
  const workspace = join(e.dir, "workspace-2");
  broken = await runAction(inputs, { NODE_EXTRA_CA_CERTS: e.env.NODE_EXTRA_CA_CERTS, HEMVIST_STATIC_TOKEN: e.env.HEMVIST_STATIC_TOKEN, CI: "true" }, {
    workspace,
    runnerTemp,
    summary: join(runnerTemp, "step-summary.md"),
    cwd: workspace,
  });
}, 600_000);

afterAll(async () => {
  await emulator?.close();
  await new Promise((done) => github.server?.close(done));
  // The package and its three extracted copies take about 600 MB.
  if (labDir) for (const d of ["hemvist-package", "runner-temp-1", "runner-temp-2", "runner-temp-3"]) await rm(join(labDir, d), { recursive: true, force: true });
});

const step = (run: NightRun, id: string) => run.steps.find((s) => s.id === id || s.name === id) as StepRun;

describe("action.yml run steps, night 1 (no baseline yet)", () => {
  it("skips the steps that use other actions and runs the rest", () => {
    expect(night1.steps.filter((s) => s.skipped === "uses").map((s) => s.name)).toEqual(["Upload the reports"]);
    expect(night1.steps.filter((s) => s.skipped === "if").map((s) => s.name)).toEqual(["Set up Node.js", "Upload SARIF to code scanning", "Judge a failed SARIF upload"]);
    for (const s of night1.steps.filter((x) => !x.skipped && x.name !== "Verdict")) expect(s.code, `${s.name}: ${s.stderr}`).toBe(0);
  });

  it("installs the packed tarball with no development dependency, and audits with the installed package", () => {
    const install = step(night1, "install");
    expect(install.code, install.stderr).toBe(0);
    expect(install.outputs.bin).toBe(join(installDir, "bin", "hemvist.js"));
    expect(install.stdout.trim().split("\n").at(-1)).toBe(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version);
    // Per the lockfile: every development-only package (dev or devOptional) is absent, every
    // production package (but optional ones for other platforms) is there, at its path.
    const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { dev?: boolean; devOptional?: boolean; optional?: boolean }> };
    const entries = Object.entries(lock.packages).filter(([p]) => p.startsWith("node_modules/"));
    const devOnly = entries.filter(([, m]) => m.dev || m.devOptional).map(([p]) => p);
    const prod = entries.filter(([p, m]) => !(m.dev || m.devOptional) && !(m.optional && !existsSync(join(ROOT, p)))).map(([p]) => p);
    expect(devOnly).toEqual(expect.arrayContaining(["node_modules/typescript", "node_modules/vitest", "node_modules/node", "node_modules/playwright-core", "node_modules/@microsoft/sarif-multitool"]));
    expect(devOnly.filter((p) => existsSync(join(installDir, p)))).toEqual([]);
    expect(prod.length).toBeGreaterThan(50);
    expect(prod.filter((p) => !existsSync(join(installDir, p, "package.json")))).toEqual([]);
    // Nothing else came in either: every top-level package folder is a production package.
    const top = readdirSync(join(installDir, "node_modules")).flatMap((n) => (n.startsWith("@") ? readdirSync(join(installDir, "node_modules", n)).map((m) => `node_modules/${n}/${m}`) : n.startsWith(".") ? [] : [`node_modules/${n}`]));
    expect(top.filter((p) => !prod.includes(p))).toEqual([]);
    // The audit step runs the installed package, not this repository's bin/.
    expect(ACTION.runs.steps.find((s: any) => s.id === "audit").env.HEMVIST).toBe(gh("steps.install.outputs.bin"));
    expect(step(night1, "audit").stdout + step(night1, "audit").stderr).not.toMatch(/Cannot find module/);
  });

  it("passes the history branch to the step that writes summary.md", () => {
    expect(ACTION.runs.steps.find((s: any) => s.id === "audit").env.HEMVIST_HISTORY_BRANCH).toBe(gh("inputs.history-branch"));
  });

  it("skips the SARIF upload with a warning when GitHub says code scanning is not enabled (a private repository without Code Security)", () => {
    const check = step(night1, "code-scanning");
    expect(check.code, check.stderr).toBe(0);
    expect(check.outputs.available).toBe("false");
    expect(check.stdout).toMatch(/^::warning title=Hemvist::Code scanning is not enabled for exempelkommun\/hemvist-audit \(GitHub answered HTTP 403: Code Security must be enabled/m);
    expect(step(night1, "upload-sarif").skipped).toBe("if");
    expect(github.requests[0]).toEqual({ url: "/repos/exempelkommun/hemvist-audit/code-scanning/analyses?per_page=1", authorization: `Bearer ${GITHUB_TOKEN}` });
  });

  it("finds no baseline on the first night", () => {
    expect(step(night1, "baseline").outputs.path).toBe("");
    expect(step(night1, "baseline").stderr).toMatch(/does not exist on origin yet/);
    expect(step(night1, "audit").stdout).toMatch(/::notice title=Hemvist::No baseline yet/);
  });

  it("writes the counts and report paths to GITHUB_OUTPUT, matching findings.json", () => {
    const audit = step(night1, "audit").outputs;
    const result = step(night1, "result").outputs;
    expect(audit["exit-code"]).toBe(String(findings1.exit.code));
    expect(result.total).toBe(String(findings1.summary.total));
    expect(result.failed).toBe(String(findings1.summary.byStatus.fail));
    expect(result["not-assessed"]).toBe(String(findings1.summary.byStatus["not-assessed"]));
    expect(result.passed).toBe(String(findings1.summary.byStatus.pass));
    expect(result.high).toBe(String(findings1.summary.failBySeverity.high));
    expect(Number(result.failed)).toBeGreaterThan(0);
    expect(result.new).toBe("");
    expect(result["report-dir"]).toMatch(/workspace-1\/hemvist-reports$/);
    expect(result.findings).toBe(`${result["report-dir"]}/findings.json`);
    expect(result.sarif).toBe(`${result["report-dir"]}/findings.sarif`);
    expect(result["artifact-path"]).toBe(`${result["report-dir"]}\n!${result["report-dir"]}/snapshot.json`);
    expect(night1.outputs.failed).toBe(result.failed);
    expect(night1.outputs["exit-code"]).toBe(audit["exit-code"]);
    expect(night1.outputs.findings).toBe(result.findings);
  });

  it("puts the Markdown summary on the job page", () => {
    const md = readFileSync(join(step(night1, "result").outputs["report-dir"] as string, "summary.md"), "utf8");
    expect(night1.summary).toContain(md.trim());
    expect(night1.summary).toMatch(/^#+ Hemvist/m);
  });

  it("commits findings.json and summary.md (never the snapshot) to the history branch", () => {
    const save = step(night1, "Save the results to the history branch");
    expect(save.code, save.stderr).toBe(0);
    const files = git(origin, ["ls-tree", "-r", "--name-only", "hemvist-history"]).trim().split("\n");
    const day = String(findings1.generatedAt).slice(0, 10);
    expect(files.sort()).toEqual(["README.md", `${day}/findings.json`, `${day}/summary.md`, "latest/findings.json", "latest/summary.md"].sort());
    expect(git(origin, ["log", "-1", "--format=%an <%ae>", "hemvist-history"]).trim()).toBe("github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>");
  });

  it("fails the job when there are failing results at or above fail-on", () => {
    const verdict = step(night1, "Verdict");
    expect(findings1.exit.code).toBe(1);
    expect(verdict.code).toBe(1);
    expect(verdict.stdout).toMatch(/::error title=Hemvist exit 1::failing results at or above high/);
  });
});

describe("action.yml run steps, night 2 (baseline from the history branch)", () => {
  it("restores last night's findings.json as the baseline", () => {
    const path = step(night2, "baseline").outputs.path as string;
    expect(path).toMatch(/runner-temp-2\/hemvist-baseline\/findings\.json$/);
    expect(JSON.parse(readFileSync(path, "utf8")).results.map((r: any) => r.fingerprint)).toEqual(findings1.results.map((r: any) => r.fingerprint));
  });

  it("reports nothing new, so --fail-on-new passes the job", () => {
    const result = step(night2, "result").outputs;
    expect(result.new).toBe("0");
    expect(result.resolved).toBe("0");
    expect(result.unverified).toBe("0");
    expect(step(night2, "audit").outputs["exit-code"]).toBe("0");
    expect(step(night2, "Verdict").code).toBe(0);
    expect(night2.summary.length).toBeGreaterThan(100);
  });

  it("uploads SARIF when code scanning is available (no analysis yet: 404)", () => {
    expect(step(night2, "code-scanning").outputs.available).toBe("true");
    expect(step(night2, "upload-sarif").skipped).toBe("uses");
    expect(step(night2, "Judge a failed SARIF upload").skipped).toBe("if");
  });

  it("adds night 2 to the history branch", () => {
    expect(git(origin, ["rev-list", "--count", "hemvist-history"]).trim()).toBe("2");
  });
});

describe("action.yml run steps, a run that cannot start", () => {
  it("takes the baseline input over the history branch", () => {
    expect(step(broken, "baseline").outputs.path).toMatch(/workspace-2\/hemvist-reports\/findings\.json$/);
    expect(step(broken, "baseline").stdout).toMatch(/\(input\)/);
  });

  it("records exit code 2, saves nothing, fails the job and says so on the job page", () => {
    expect(step(broken, "audit").outputs["exit-code"]).toBe("2");
    expect(step(broken, "result").outputs.findings).toBeUndefined();
    expect(step(broken, "Save the results to the history branch").skipped).toBe("if");
    const verdict = step(broken, "Verdict");
    expect(verdict.code).toBe(1);
    expect(verdict.stdout).toMatch(/::error title=Hemvist exit 2::the audit could not run/);
    expect(broken.summary).toMatch(/^## Hemvist could not run/m);
    expect(git(origin, ["rev-list", "--count", "hemvist-history"]).trim()).toBe("2");
  });
});
