/**
 * Links from the job summary (summary.md) to where a reviewer goes next: the run's report artifact,
 * the code-scanning alerts and the history branch. Built only from the Actions environment
 * (`GITHUB_SERVER_URL`, `GITHUB_REPOSITORY`, `GITHUB_RUN_ID`) and the action's
 * `HEMVIST_HISTORY_BRANCH`, each checked against the shape GitHub gives it: a value of any other
 * shape gives no link (it could otherwise carry Markdown, a `javascript:` URL or another host into
 * the page). Pure: the environment is passed in.
 */

/** The links summary.md shows (each absent when its parts are missing or malformed). */
export interface RunLinks {
  /** The run's page, at its artifacts (report.html and the other reports). */
  artifact?: string;
  /** The repository's code-scanning alerts, filtered to Hemvist's open ones. */
  alerts?: string;
  /** The history branch (each night's findings.json and summary.md). */
  history?: string;
  /** The history branch's name, as checked. */
  historyBranch?: string;
}

/** https, a host name of DNS labels, an optional port, nothing after but an optional slash. */
const SERVER = /^https:\/\/[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(?::\d{1,5})?\/?$/;
/** owner/name: an account name (letters, digits, hyphens; underscores on some GitHub Enterprise Server instances) and a repository name. */
const REPOSITORY = /^([A-Za-z0-9][A-Za-z0-9_-]{0,38})\/([A-Za-z0-9._-]{1,100})$/;
const RUN_ID = /^[1-9][0-9]{0,19}$/;
/** A branch name of letters, digits and `._/-` (a subset of what git allows, with nothing Markdown or a URL reads specially). */
const BRANCH = /^[A-Za-z0-9._/-]{1,200}$/;

/** Whether `b` is a branch name git would accept, within BRANCH's characters. */
function validBranch(b: string): boolean {
  if (!BRANCH.test(b) || b.startsWith("-")) return false;
  return b.split("/").every((seg) => seg !== "" && !seg.startsWith(".") && !seg.endsWith(".lock")) && !b.includes("..") && !b.endsWith(".");
}

/**
 * The links the environment allows.
 * @param env the process environment (or a test's)
 */
export function runLinks(env: Readonly<Record<string, string | undefined>>): RunLinks {
  const server = env.GITHUB_SERVER_URL;
  const repo = env.GITHUB_REPOSITORY;
  if (!server || !repo || !SERVER.test(server)) return {};
  const m = REPOSITORY.exec(repo);
  if (!m || m[2] === "." || m[2] === "..") return {};
  const base = `${server.replace(/\/$/, "")}/${repo}`;
  const links: RunLinks = {
    // GitHub's alert filter: open alerts of the tool the SARIF names (tool.driver.name "Hemvist").
    alerts: `${base}/security/code-scanning?query=is%3Aopen+tool%3AHemvist`,
  };
  const run = env.GITHUB_RUN_ID;
  if (run && RUN_ID.test(run)) links.artifact = `${base}/actions/runs/${run}#artifacts`;
  const branch = env.HEMVIST_HISTORY_BRANCH;
  if (branch && validBranch(branch)) {
    links.history = `${base}/tree/${branch.split("/").map(encodeURIComponent).join("/")}`;
    links.historyBranch = branch;
  }
  return links;
}
