#!/usr/bin/env node
// Keeps each night's findings.json and summary.md on a git branch (the baseline source and evidence kept beyond artifact retention): `restore` copies the latest findings.json to a baseline path, `save` commits tonight's under a dated folder and latest/ and pushes.
/**
 * Usage:
 *   node scripts/history-branch.mjs restore --branch hemvist-history --to PATH [--repo DIR] [--remote origin]
 *       Writes the branch's latest/findings.json to PATH and prints PATH; prints nothing (exit 0)
 *       when the branch or the file does not exist yet (the first night). Other git failures exit 1.
 *   node scripts/history-branch.mjs save --branch hemvist-history --from DIR [--repo DIR] [--remote origin] [--date YYYY-MM-DD]
 *       Commits DIR/findings.json and DIR/summary.md as DATE/… and latest/… on the branch (created
 *       on first use, without touching the checked-out work tree or index) and pushes it; prints
 *       the commit id. Never commits the snapshot. E-mail addresses and UPNs are replaced by
 *       "[redacted]", and Microsoft 365 users and groups are named by object id only.
 *
 * Git plumbing only (fetch into refs/hemvist/history, a temporary index, commit-tree, push), so
 * it works in a shallow actions/checkout clone whose credentials are persisted for `origin`.
 * Commits are authored by github-actions[bot], never by a person.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

const LOCAL_REF = "refs/hemvist/history";
const BOT = { name: "github-actions[bot]", email: "41898282+github-actions[bot]@users.noreply.github.com" };
const FILES = ["findings.json", "summary.md"];
const EMAIL = /[^\s@<>()[\]{}'",;:]+@[^\s@<>()[\]{}'",;:]+\.[A-Za-z]{2,}/g;
const PERSON = /^\/?tenants\/[^/]+\/(users|groups)\//i;

const README = `# Hemvist audit history

Written by the Hemvist GitHub Action (scripts/history-branch.mjs); do not edit by hand.

- \`latest/findings.json\`, \`latest/summary.md\`: the most recent audit; the next night's baseline.
- \`YYYY-MM-DD/\`: each night's findings and summary, kept beyond artifact retention.

Snapshots are never stored here. E-mail addresses and user principal names are redacted, and
Microsoft 365 users and groups are named by their object ids only.
`;

/** Parses `--name value` pairs after the command. */
function parseArgs(argv) {
  const [command, ...rest] = argv;
  const args = {};
  for (let i = 0; i < rest.length; i++) {
    const k = rest[i];
    if (!k?.startsWith("--")) throw new Error(`unexpected argument "${k}"`);
    const v = rest[i + 1];
    if (v === undefined || v.startsWith("--")) throw new Error(`${k} needs a value`);
    args[k.slice(2)] = v;
    i++;
  }
  return { command, args };
}

function git(repo, args, opts = {}) {
  return execFileSync("git", args, {
    cwd: repo,
    encoding: opts.encoding ?? "utf8",
    env: { ...process.env, GIT_TERMINAL_PROMPT: "0", ...(opts.env ?? {}) },
    input: opts.input,
    stdio: ["pipe", "pipe", "pipe"],
    maxBuffer: 256 * 1024 * 1024,
  });
}

function gitError(err) {
  const stderr = err?.stderr ? String(err.stderr).trim() : "";
  return stderr || err?.message || String(err);
}

/** Whether the remote has the branch (throws when the remote cannot be reached). */
function remoteHasBranch(repo, remote, branch) {
  const out = git(repo, ["ls-remote", "--heads", remote, `refs/heads/${branch}`]);
  return out.trim().length > 0;
}

/** Fetches the branch tip into LOCAL_REF; returns its commit id, or undefined when the branch does not exist. */
function fetchBranch(repo, remote, branch) {
  if (!remoteHasBranch(repo, remote, branch)) return undefined;
  git(repo, ["fetch", "--no-tags", "--depth=1", remote, `+refs/heads/${branch}:${LOCAL_REF}`]);
  return git(repo, ["rev-parse", LOCAL_REF]).trim();
}

function validBranch(branch) {
  if (!branch || !/^[A-Za-z0-9._/-]+$/.test(branch) || branch.includes("..") || branch.startsWith("-") || branch.startsWith("/") || branch.endsWith("/")) {
    throw new Error(`--branch: "${branch ?? ""}" is not a usable branch name`);
  }
  return branch;
}

/**
 * Removes personal identifiers from a findings document: every e-mail address or UPN in any
 * string becomes "[redacted]"; a Microsoft 365 user or group result whose name is not its object
 * id gets the object id as its name, also inside its messages (tomorrow's diff keys on the
 * fingerprint, which does not change).
 */
export function redactFindings(doc) {
  const scrub = (v) => {
    if (typeof v === "string") return v.replace(EMAIL, "[redacted]");
    if (Array.isArray(v)) return v.map(scrub);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrub(x)]));
    return v;
  };
  const person = (r) => {
    if (!r || typeof r !== "object" || typeof r.resourceId !== "string" || !PERSON.test(r.resourceId)) return r;
    const objectId = r.resourceId.split("/").filter(Boolean).pop() ?? "";
    const name = typeof r.resourceName === "string" ? r.resourceName : "";
    if (!name || name === objectId) return r;
    const unname = (v) => {
      if (typeof v === "string") return v.split(name).join(objectId);
      if (Array.isArray(v)) return v.map(unname);
      if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unname(x)]));
      return v;
    };
    return { ...unname(r), resourceName: objectId };
  };
  const out = scrub(doc);
  if (Array.isArray(out.results)) out.results = out.results.map(person);
  if (out.baseline && Array.isArray(out.baseline.resolved)) out.baseline.resolved = out.baseline.resolved.map(person);
  if (out.baseline && Array.isArray(out.baseline.unverified)) out.baseline.unverified = out.baseline.unverified.map(person);
  return out;
}

function restore(args) {
  const repo = resolve(args.repo ?? ".");
  const remote = args.remote ?? "origin";
  const branch = validBranch(args.branch);
  if (!args.to) throw new Error("restore needs --to PATH");
  const to = resolve(args.to);
  let tip;
  try {
    tip = fetchBranch(repo, remote, branch);
  } catch (err) {
    throw new Error(`cannot read branch "${branch}" from ${remote}: ${gitError(err)}`);
  }
  if (!tip) {
    process.stderr.write(`history: branch "${branch}" does not exist on ${remote} yet; no baseline (the first night).\n`);
    return;
  }
  let text;
  try {
    text = git(repo, ["show", `${tip}:latest/findings.json`]);
  } catch {
    process.stderr.write(`history: branch "${branch}" has no latest/findings.json; no baseline.\n`);
    return;
  }
  mkdirSync(dirname(to), { recursive: true });
  writeFileSync(to, text);
  process.stderr.write(`history: baseline from ${branch}@${tip.slice(0, 12)} → ${to}\n`);
  process.stdout.write(`${to}\n`);
}

function save(args) {
  const repo = resolve(args.repo ?? ".");
  const remote = args.remote ?? "origin";
  const branch = validBranch(args.branch);
  if (!args.from) throw new Error("save needs --from DIR (the folder with findings.json and summary.md)");
  const from = resolve(args.from);
  const findingsText = readFileSync(join(from, "findings.json"), "utf8");
  const findings = JSON.parse(findingsText);
  if (typeof findings.schemaVersion !== "string" || !Array.isArray(findings.results)) throw new Error(`${join(from, "findings.json")} is not a Hemvist findings.json`);
  const date = args.date ?? String(findings.generatedAt ?? new Date().toISOString()).slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`--date: "${date}" is not YYYY-MM-DD`);
  const contents = {
    "findings.json": `${JSON.stringify(redactFindings(findings), null, 1)}\n`,
    "summary.md": readFileSync(join(from, "summary.md"), "utf8").replace(EMAIL, "[redacted]"),
  };
  const run = process.env.GITHUB_RUN_ID && process.env.GITHUB_REPOSITORY
    ? `\n\nRun: ${process.env.GITHUB_SERVER_URL ?? "https://github.com"}/${process.env.GITHUB_REPOSITORY}/actions/runs/${process.env.GITHUB_RUN_ID}`
    : "";
  const reason = findings.exit?.reason ? ` — ${String(findings.exit.reason).replace(EMAIL, "[redacted]")}` : "";
  const message = `Hemvist audit ${date}: exit ${findings.exit?.code ?? "?"}${reason}${run}\n`;
  const env = { GIT_AUTHOR_NAME: BOT.name, GIT_AUTHOR_EMAIL: BOT.email, GIT_COMMITTER_NAME: BOT.name, GIT_COMMITTER_EMAIL: BOT.email };

  const tmp = mkdtempSync(join(tmpdir(), "hemvist-history-"));
  try {
    for (let attempt = 1; ; attempt++) {
      let parent;
      try {
        parent = fetchBranch(repo, remote, branch);
      } catch (err) {
        throw new Error(`cannot read branch "${branch}" from ${remote}: ${gitError(err)}`);
      }
      const index = { GIT_INDEX_FILE: join(tmp, `index-${attempt}`) };
      git(repo, parent ? ["read-tree", parent] : ["read-tree", "--empty"], { env: index });
      const put = (path, text) => {
        const blob = git(repo, ["hash-object", "-w", "--stdin"], { input: text }).trim();
        git(repo, ["update-index", "--add", "--cacheinfo", `100644,${blob},${path}`], { env: index });
      };
      if (!parent) put("README.md", README);
      for (const f of FILES) {
        put(`${date}/${f}`, contents[f]);
        put(`latest/${f}`, contents[f]);
      }
      const tree = git(repo, ["write-tree"], { env: index }).trim();
      if (parent && git(repo, ["rev-parse", `${parent}^{tree}`]).trim() === tree) {
        process.stderr.write(`history: ${branch} already holds these results; nothing to commit.\n`);
        process.stdout.write(`${parent}\n`);
        return;
      }
      const commit = git(repo, ["commit-tree", tree, ...(parent ? ["-p", parent] : []), "-F", "-"], { env, input: message }).trim();
      try {
        git(repo, ["push", "--quiet", remote, `${commit}:refs/heads/${branch}`]);
      } catch (err) {
        const why = gitError(err);
        if (attempt < 3 && /rejected|non-fast-forward|fetch first|stale info|cannot lock ref/i.test(why)) {
          process.stderr.write(`history: ${branch} moved while saving (attempt ${attempt}); retrying.\n`);
          continue;
        }
        throw new Error(`cannot push to branch "${branch}" on ${remote}: ${why}. The job needs \`permissions: contents: write\` and a branch rule that lets github-actions[bot] push.`);
      }
      process.stderr.write(`history: saved ${date}/ and latest/ to ${branch}@${commit.slice(0, 12)}\n`);
      process.stdout.write(`${commit}\n`);
      return;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function main(argv) {
  try {
    const { command, args } = parseArgs(argv);
    if (command === "restore") restore(args);
    else if (command === "save") save(args);
    else throw new Error(`unknown command "${command ?? ""}"; use restore or save`);
    return 0;
  } catch (err) {
    process.stderr.write(`history: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  process.exitCode = main(process.argv.slice(2));
}
