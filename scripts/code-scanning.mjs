#!/usr/bin/env node
// Decides whether the action can send SARIF to GitHub code scanning: a private repository without GitHub Code Security (Advanced Security) refuses it, and that must not fail the night.
/**
 * Usage:
 *   node scripts/code-scanning.mjs preflight
 *       Asks GitHub for the repository's code scanning analyses (GET /repos/{owner}/{repo}/code-scanning/analyses?per_page=1)
 *       with GITHUB_TOKEN, and writes `available=true|false` (and `reason=…`) to $GITHUB_OUTPUT.
 *       false only when GitHub refuses because code scanning is not enabled for the repository
 *       (HTTP 403 with "Code Security must be enabled", "Advanced Security must be enabled" or
 *       "Code Scanning is not enabled"): a warning says the upload is skipped. Any other answer
 *       (200, 404 "no analysis found" before the first upload, another 403 such as a missing
 *       `security-events: write`, a network error) gives true, so the upload runs and reports
 *       its own error.
 *   node scripts/code-scanning.mjs after-upload
 *       For an upload step that failed (continue-on-error): asks again; a refusal for the reason
 *       above is a warning (exit 0), anything else an error (exit 1).
 *
 * Environment: GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_TOKEN (the runner sets the first two;
 * the action passes github.token), GITHUB_OUTPUT.
 *
 * The messages are GitHub's: docs.github.com, code-security/reference/code-scanning/
 * troubleshoot-analysis-errors/advanced-security-must-be-enabled ("… must be enabled for this
 * repository to use code scanning", 403), and github/codeql-action's src/api-client.ts
 * (v4.36.2), which treats those three phrases in a 403 as the feature not being enabled.
 */
import { appendFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const NOT_ENABLED = [/Code Security must be enabled/i, /Advanced Security must be enabled/i, /Code Scanning is not enabled/i];

/**
 * Classifies GitHub's answer: "not-enabled" when code scanning is unavailable for the repository
 * (the licence), "available" otherwise (including answers the upload will fail on with a clearer
 * error of its own).
 * @param {number | undefined} status
 * @param {string} message
 * @returns {"not-enabled" | "available"}
 */
export function classify(status, message) {
  return status === 403 && NOT_ENABLED.some((p) => p.test(message)) ? "not-enabled" : "available";
}

/** One line, without workflow-command characters, at most 300 characters. */
function oneLine(text) {
  return String(text)
    .replace(/[\r\n]+/g, " ")
    .replace(/::/g, ": :")
    .replace(/%/g, "%25")
    .slice(0, 300);
}

/** Asks GitHub; returns the HTTP status (undefined when there was no answer) and its message. */
async function ask(env) {
  const api = (env.GITHUB_API_URL ?? "").replace(/\/+$/, "");
  const repo = env.GITHUB_REPOSITORY ?? "";
  if (!api || !/^[\w.-]+\/[\w.-]+$/.test(repo)) return { status: undefined, message: "GITHUB_API_URL or GITHUB_REPOSITORY is not set" };
  try {
    const res = await fetch(`${api}/repos/${repo}/code-scanning/analyses?per_page=1`, {
      headers: {
        accept: "application/vnd.github+json",
        "x-github-api-version": "2022-11-28",
        "user-agent": "hemvist-action",
        ...(env.GITHUB_TOKEN ? { authorization: `Bearer ${env.GITHUB_TOKEN}` } : {}),
      },
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    let message = text;
    try {
      message = JSON.parse(text)?.message ?? text;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, message: String(message) };
  } catch (err) {
    return { status: undefined, message: err instanceof Error ? err.message : String(err) };
  }
}

function output(env, pairs) {
  if (!env.GITHUB_OUTPUT) return;
  appendFileSync(env.GITHUB_OUTPUT, Object.entries(pairs).map(([k, v]) => `${k}=${oneLine(v)}\n`).join(""));
}

const SKIP_ADVICE =
  "code scanning in a private repository needs GitHub Code Security (Advanced Security). The SARIF upload is skipped; findings.sarif is in the reports artifact. Set upload-sarif: \"false\" to stop this check (docs/github-actions.md).";

export async function main(argv, env = process.env, log = (line) => process.stdout.write(`${line}\n`)) {
  const command = argv[0];
  if (command !== "preflight" && command !== "after-upload") {
    log(`::error title=Hemvist::code-scanning.mjs: unknown command "${oneLine(command ?? "")}"; expected preflight or after-upload.`);
    return 2;
  }
  const { status, message } = await ask(env);
  const verdict = classify(status, message);
  const answer = status === undefined ? `no answer (${oneLine(message)})` : `HTTP ${status}: ${oneLine(message)}`;
  if (command === "preflight") {
    output(env, { available: verdict === "available" ? "true" : "false", reason: answer });
    if (verdict === "not-enabled") log(`::warning title=Hemvist::Code scanning is not enabled for ${oneLine(env.GITHUB_REPOSITORY ?? "")} (GitHub answered ${answer}): ${SKIP_ADVICE}`);
    else log(`hemvist: code scanning check: ${answer}; uploading SARIF`);
    return 0;
  }
  if (verdict === "not-enabled") {
    log(`::warning title=Hemvist::The SARIF upload was refused: code scanning is not enabled for ${oneLine(env.GITHUB_REPOSITORY ?? "")} (GitHub answered ${answer}): ${SKIP_ADVICE}`);
    return 0;
  }
  log(`::error title=Hemvist::The SARIF upload to code scanning failed (see the "Upload SARIF to code scanning" step; code scanning itself answered ${answer}). Check permissions: security-events: write (docs/github-actions.md).`);
  return 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stdout.write(`::error title=Hemvist::code-scanning.mjs crashed: ${oneLine(err instanceof Error ? err.message : err)}\n`);
      process.exitCode = 1;
    },
  );
}
