/**
 * The `hemvist` command line: argument parsing, the commands, and exit codes only.
 * 0 no failing result at or above --fail-on; 1 failing results; 2 could not run; 3 part of the
 * tenant was not assessed (unless --allow-partial).
 */
import { Command, CommanderError, Option } from "commander";
import { UsageError } from "../base/errors.js";
import { displayLines } from "../base/display.js";
import { VERSION } from "../paths.js";
import { RuleEvaluationError } from "../engine/run.js";
import { auditCommand, collectCommand, evaluateCommand } from "./commands/audit.js";
import { mergeCommand } from "./commands/merge.js";
import { rulesCommand } from "./commands/rules.js";
import { AUTH_METHODS, signInErrorMessage } from "./credential.js";
import { cleanupPendingWrites } from "../base/atomic.js";
import { reportUsage, usageRequested } from "./usage.js";

/** Adds the options every reading/evaluating command shares. */
function common(cmd: Command, what: { collect?: boolean; evaluate?: boolean }): Command {
  cmd
    .option("--config <file>", "configuration file (default: hemvist.config.yaml in the working directory, if present)")
    .addOption(new Option("--profile <name>", "profile preset").choices(["se", "eu"]))
    .option("--allowed-regions <list>", "comma-separated Azure regions allowed (overrides the profile)")
    .option("--lang <lang>", "report language: sv or en (default sv)")
    .option("--quiet", "print nothing but errors")
    .option("--verbose", "print more detail (never tokens or response bodies)");
  if (what.collect) {
    cmd
      .option("--tenant <id>", "Entra tenant id")
      .option("--subscriptions <ids>", "comma-separated subscription ids (default: all the identity can see)")
      .option("--concurrency <n>", "requests in flight at once (default 64; 6 per subscription: 2 lists, 4 child reads)")
      .addOption(new Option("--cloud <name>", "Azure cloud").choices(["AzureCloud", "AzureChinaCloud", "AzureUSGovernment"]).default("AzureCloud"))
      .option("--arm-endpoint <url>", "Resource Manager endpoint (proxies, emulators); token scopes still follow --cloud")
      .option("--graph-endpoint <url>", "Microsoft Graph endpoint (proxies, emulators)")
      .addOption(new Option("--auth <method>", "how to sign in (default: github-oidc in GitHub Actions with AZURE_TENANT_ID and AZURE_CLIENT_ID, else default)").choices([...AUTH_METHODS]))
      .option("--no-m365", "do not read Microsoft 365 (Graph)")
      .addOption(new Option("--inventory <mode>", "read top-level resources through ARM lists or Azure Resource Graph (default arm)").choices(["arm", "resource-graph"]));
  }
  if (what.evaluate) {
    cmd
      .option("--out <dir>", "output folder (default reports)")
      .option("--format <list>", "comma-separated report formats: json,html,sarif,md,csv (default all)")
      .addOption(new Option("--fail-on <severity>", "lowest severity that fails the run (default high)").choices(["critical", "high", "medium", "low", "info"]))
      .option("--fail-on-new", "fail only on results that are new since the baseline")
      .option("--allow-partial", "exit 0/1 even when part of the tenant could not be read")
      .option("--rules <dir>", "extra rule modules to load")
      .option("--baseline <findings.json>", "previous findings.json to diff against")
      .option("--exceptions <file>", "exceptions file (default: exceptions.yaml beside the config file)")
      .option("--csv-delimiter <separator>", "findings.csv's field separator: , ; or tab (default ; with --lang sv, for Swedish Excel; , with --lang en)");
  }
  return cmd;
}

export function buildProgram(): Command {
  const program = new Command("hemvist")
    .description("Audits where an organisation's Azure and Microsoft 365 data lives and who holds the keys that encrypt it.")
    .version(VERSION)
    // A refused flag is one line, like every other refusal (exit 2); the options are one --help away.
    .configureOutput({ outputError: (text, write) => write(`hemvist: ${text.replace(/^error: /, "").trimEnd()} (--help lists the options)\n`) })
    .exitOverride();
  common(program.command("audit").description("collect, evaluate and report"), { collect: true, evaluate: true })
    .option("--snapshot-out <file>", "where to save the snapshot (default <out>/snapshot.json)")
    .action(auditCommand);
  common(program.command("collect").description("collect a snapshot only"), { collect: true })
    .option("--snapshot-out <file>", "where to save the snapshot (default reports/snapshot.json)")
    .option("--shard <i/n>", "collect only shard i of n of the visible subscriptions (shard 1 also reads tenant-level data)")
    .action(collectCommand);
  common(program.command("evaluate").description("evaluate a saved snapshot offline, with the same reports as audit").argument("<snapshot>", "snapshot.json"), { evaluate: true })
    .option("--no-m365", "judge no Microsoft 365 rule (a snapshot collected with --no-m365); with Microsoft 365 on, a snapshot without its data is not assessed there")
    .option("--verify <findings.json>", "first check that the snapshot's SHA-256 is the snapshotSha256 this findings.json recorded; refuse (exit 2) if not")
    .action(evaluateCommand);
  common(program.command("demo").description("audit the built-in demo tenant, served by the local emulator over HTTPS, into reports/demo"), { evaluate: true })
    .option("--tenant-model <file>", "serve this tenant model (JSON or YAML) instead of the demo tenant")
    // The emulator and the demo tenant (its fragments are found in the rule folders) load only for these two commands.
    .action(async (flags) => (await import("./commands/demo.js")).demoCommand(flags));
  program
    .command("rules")
    .description("list the rules: id, name, severity, title")
    .option("--rules <dir>", "extra rule modules to load")
    .option("--lang <lang>", "sv or en (default en)")
    .option("--json", "print JSON")
    .action(rulesCommand);
  program
    .command("merge")
    .description("merge shard snapshots of one tenant into one snapshot")
    .argument("<snapshots...>", "snapshot files")
    .requiredOption("--snapshot-out <file>", "where to write the merged snapshot")
    .option("--quiet", "print nothing but errors")
    .action(mergeCommand);
  program
    .command("emulator")
    .description("serve a tenant model over HTTPS like ARM and Graph (for trying Hemvist without a tenant)")
    .option("--tenant-model <file>", "tenant model (default: the demo tenant)")
    .option("--port <n>", "port (default: a free one)")
    .option("--ca-out <file>", "where to write the emulator's CA certificate (default ./hemvist-emulator-ca.pem)")
    .action(async (flags) => (await import("./commands/demo.js")).emulatorCommand(flags));
  return program;
}

/** Runs the CLI and returns the exit code (never throws). */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  if (usageRequested()) process.once("exit", reportUsage);
  const onSignal = (sig: NodeJS.Signals) => {
    process.stderr.write(`\nhemvist: stopped by ${sig}; no partial report was written.\n`);
    void cleanupPendingWrites().finally(() => process.exit(2));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  // `hemvist rules | head`: the reader went away. Reports are files, written whole or not at all.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") throw err;
    process.stderr.write("hemvist: standard output was closed before everything was printed (EPIPE: the program reading it, such as head or a pager, stopped); report files are not affected.\n");
    void cleanupPendingWrites().finally(() => process.exit(2));
  });
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.exitCode === 0) return 0;
      return 2;
    }
    // Messages may quote a file's or a server's text: escaped for the terminal, one line per line.
    if (err instanceof UsageError) {
      process.stderr.write(`hemvist: ${displayLines(err.message)}\n`);
      return 2;
    }
    if (err instanceof RuleEvaluationError) {
      process.stderr.write(`hemvist: ${displayLines(err.message)}\n`);
      return 2;
    }
    const known = systemErrorMessage(err) ?? signInErrorMessage(err);
    if (known) {
      process.stderr.write(`hemvist: ${known}\n`);
      return 2;
    }
    process.stderr.write(`hemvist ${VERSION} crashed; please report this with the text below.\n${displayLines(err instanceof Error ? (err.stack ?? err.message) : String(err))}\n`);
    return 2;
  }
}

/** What to do about a foreseeable system error (a full disk, a refused path, a closed pipe); undefined for anything else. */
export function systemErrorMessage(err: unknown): string | undefined {
  const e = err as NodeJS.ErrnoException | undefined;
  if (!e || typeof e !== "object" || typeof e.code !== "string") return undefined;
  const where = e.path ? ` ${e.path}` : "";
  switch (e.code) {
    case "ENOSPC":
      return `no space left on the device${where ? ` for${where}` : ""} (ENOSPC): free some space or choose another --out; no partial report was kept.`;
    case "EACCES":
    case "EPERM":
      return `permission denied${where ? ` on${where}` : ""} (${e.code}): choose a folder you may write to with --out, or fix its permissions.`;
    case "EROFS":
      return `the file system${where ? ` of${where}` : ""} is read-only (EROFS): choose another --out.`;
    case "EPIPE":
      return "standard output was closed before everything was printed (EPIPE); report files are not affected.";
    default:
      return undefined;
  }
}
