/**
 * `evaluate --verify FINDINGS`: the SHA-256 a findings.json recorded for the snapshot it was made
 * from (`snapshotSha256`), which the snapshot file's bytes must have.
 */
import { readFile } from "node:fs/promises";
import { UsageError } from "../base/errors.js";
import { notTextProblem, parseJsonFile } from "../base/files.js";
import type { ExpectedSha } from "./validate.js";

const WHAT = "a Hemvist findings.json (--verify)";

/**
 * Reads `snapshotSha256` from a findings.json.
 * @param file the findings.json given to `--verify`
 * @throws UsageError naming the file and field for anything but a 64-digit hexadecimal SHA-256
 */
export async function recordedSnapshotSha(file: string): Promise<ExpectedSha> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new UsageError(`${file}: cannot read the findings.json given to --verify (${(err as NodeJS.ErrnoException).code ?? String(err)}).`);
  }
  const notText = notTextProblem(text);
  if (notText) throw new UsageError(`${file}: the file ${notText}; expected ${WHAT}.`);
  const value = parseJsonFile(file, text, WHAT) as { snapshotSha256?: unknown } | null;
  const sha = value !== null && typeof value === "object" && !Array.isArray(value) ? value.snapshotSha256 : undefined;
  if (sha === undefined) throw new UsageError(`${file}: field "snapshotSha256" is missing; expected ${WHAT}, which records the SHA-256 of the snapshot its report was made from.`);
  if (typeof sha !== "string" || !/^[0-9a-fA-F]{64}$/.test(sha)) {
    const found = JSON.stringify(sha) ?? String(sha);
    throw new UsageError(`${file}: field "snapshotSha256": found ${found.length > 80 ? `${found.slice(0, 77)}...` : found}, expected 64 hexadecimal digits (a SHA-256).`);
  }
  return { sha256: sha.toLowerCase(), from: file };
}
