/**
 * scripts/code-scanning.mjs against a local stand-in for GitHub's REST API: the SARIF upload is
 * skipped with a warning only when GitHub says code scanning is not enabled for the repository (a
 * private repository without GitHub Code Security), and every other answer lets the upload run or
 * fails the night. The 403 messages are GitHub's (docs: code-security/reference/code-scanning/
 * troubleshoot-analysis-errors/advanced-security-must-be-enabled; github/codeql-action
 * src/api-client.ts, v4.36.2); the 404 before a repository's first analysis is "no analysis found".
 */
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../e2e/helpers.js";

const SCRIPT = join(ROOT, "scripts", "code-scanning.mjs");

let server: Server;
let url: string;
let dir: string;
let answer: { status: number; body: string } = { status: 200, body: "[]" };
const requests: { method: string; url: string; authorization?: string; accept?: string }[] = [];

beforeAll(async () => {
  dir = await tempDir("hemvist-codescan-");
  server = createServer((req, res) => {
    requests.push({ method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization, accept: req.headers.accept });
    res.writeHead(answer.status, { "content-type": "application/json" });
    res.end(answer.body);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((done) => server.close(done));
});

let n = 0;
function run(command: string, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; output: Record<string, string> }> {
  const outputFile = join(dir, `output-${n++}`);
  writeFileSync(outputFile, "");
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [SCRIPT, command], {
      env: { PATH: process.env.PATH ?? "", GITHUB_API_URL: url, GITHUB_REPOSITORY: "exempelkommun/hemvist-audit", GITHUB_TOKEN: "ghs_not-a-secret", GITHUB_OUTPUT: outputFile, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.on("error", fail);
    child.on("exit", (code) => {
      const output = Object.fromEntries(
        readFileSync(outputFile, "utf8")
          .split("\n")
          .filter(Boolean)
          .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
      );
      done({ code, stdout, output });
    });
  });
}

const json = (o: object) => JSON.stringify(o);

describe("preflight", () => {
  it("asks for the repository's analyses with the job's token", async () => {
    answer = { status: 200, body: "[]" };
    requests.length = 0;
    await run("preflight");
    expect(requests).toEqual([{ method: "GET", url: "/repos/exempelkommun/hemvist-audit/code-scanning/analyses?per_page=1", authorization: "Bearer ghs_not-a-secret", accept: "application/vnd.github+json" }]);
  });

  it.each([
    ["Code Security must be enabled for this repository to use code scanning."],
    ["Advanced Security must be enabled for this repository to use code scanning."],
    ["Code scanning is not enabled for this repository. Please enable code scanning in the repository settings."],
  ])("403 %s: skip the upload with a warning, exit 0", async (message) => {
    answer = { status: 403, body: json({ message, documentation_url: "https://docs.github.com/rest", status: "403" }) };
    const r = await run("preflight");
    expect(r.code).toBe(0);
    expect(r.output.available).toBe("false");
    expect(r.output.reason).toBe(`HTTP 403: ${message}`);
    expect(r.stdout).toMatch(/^::warning title=Hemvist::Code scanning is not enabled for exempelkommun\/hemvist-audit .*The SARIF upload is skipped/m);
  });

  it.each([
    [200, json([{ id: 1, tool: { name: "Hemvist" } }]), "HTTP 200"],
    [404, json({ message: "no analysis found", status: "404" }), "HTTP 404: no analysis found"],
    [403, json({ message: "Resource not accessible by integration", status: "403" }), "HTTP 403: Resource not accessible by integration"],
    [401, json({ message: "Bad credentials", status: "401" }), "HTTP 401: Bad credentials"],
    [500, "oops", "HTTP 500: oops"],
  ])("%i: upload (it reports its own error if it fails)", async (status, body, reason) => {
    answer = { status, body };
    const r = await run("preflight");
    expect(r.code).toBe(0);
    expect(r.output.available).toBe("true");
    expect(String(r.output.reason).startsWith(reason)).toBe(true);
    expect(r.stdout).not.toMatch(/::warning/);
  });

  it("no answer (connection refused): upload", async () => {
    const r = await run("preflight", { GITHUB_API_URL: "http://127.0.0.1:9" });
    expect(r.code).toBe(0);
    expect(r.output.available).toBe("true");
    expect(r.output.reason).toMatch(/^no answer/);
  });

  it("keeps workflow commands and line breaks in GitHub's message out of the log", async () => {
    answer = { status: 403, body: json({ message: "Code Security must be enabled\n::error::injected 100%" }) };
    const r = await run("preflight");
    expect(r.output.available).toBe("false");
    expect(r.stdout.split("\n").filter((l) => l.startsWith("::"))).toHaveLength(1);
    expect(r.stdout).toContain("enabled : :error: :injected 100%25");
  });
});

describe("after-upload (the upload step failed)", () => {
  it("a refusal because code scanning is not enabled is a warning, exit 0", async () => {
    answer = { status: 403, body: json({ message: "Advanced Security must be enabled for this repository to use code scanning." }) };
    const r = await run("after-upload");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^::warning title=Hemvist::The SARIF upload was refused: code scanning is not enabled/m);
  });

  it("anything else fails the night with an error, exit 1", async () => {
    answer = { status: 403, body: json({ message: "Resource not accessible by integration" }) };
    const r = await run("after-upload");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error title=Hemvist::The SARIF upload to code scanning failed .*security-events: write/m);
  });

  it("an unknown command exits 2", async () => {
    const r = await run("upload");
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/unknown command "upload"/);
  });
});
