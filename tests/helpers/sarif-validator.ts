/**
 * Runs Microsoft's SARIF validator (@microsoft/sarif-multitool) with the SARIF and GitHub
 * ingestion rule sets, and returns its error-level results.
 */
import { execFile } from "node:child_process";
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
export const MULTITOOL = join(process.cwd(), "node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");

/** Error-level results of `Sarif.Multitool validate --rule-kind "Sarif;Gh"` for `content`, written into `dir`. */
export async function sarifValidatorErrors(dir: string, name: string, content: string): Promise<string[]> {
  if (!existsSync(MULTITOOL)) throw new Error(`missing ${MULTITOOL}`);
  // The package's postinstall sets the run bit; set it here too in case install scripts were skipped.
  if ((statSync(MULTITOOL).mode & 0o100) === 0) chmodSync(MULTITOOL, 0o755);
  const file = join(dir, `${name}.sarif`);
  const out = join(dir, `${name}.validation.sarif`);
  writeFileSync(file, content);
  await run(MULTITOOL, ["validate", "--rule-kind", "Sarif;Gh", "--output", out, file], {
    env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: "1" },
  }).catch((e: unknown) => {
    // The validator may exit non-zero when it finds errors; its log says which.
    if (!existsSync(out)) throw e;
  });
  const report = JSON.parse(readFileSync(out, "utf8")) as {
    runs: {
      results?: { ruleId: string; level?: string; message: { id?: string; arguments?: string[] } }[];
      invocations?: { toolExecutionNotifications?: { level?: string; message: { text?: string } }[] }[];
    }[];
  };
  const results = (report.runs[0]?.results ?? []).filter((r) => (r.level ?? "warning") === "error");
  const notifications = (report.runs[0]?.invocations?.[0]?.toolExecutionNotifications ?? []).filter((n) => n.level === "error");
  return [
    ...results.map((r) => `${r.ruleId}: ${r.message.id ?? ""} ${(r.message.arguments ?? []).join(" | ")}`),
    ...notifications.map((n) => `notification: ${n.message.text ?? ""}`),
  ];
}
