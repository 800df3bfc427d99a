/**
 * findings.json: the findings document as JSON, with its schema reference.
 */
import type { FindingsDocument } from "./types.js";

/** Renders findings.json (one-space indentation keeps 100,000 results readable and compact). */
export function renderJson(doc: FindingsDocument): string {
  return `${JSON.stringify({ $schema: "https://hemvist.dev/schemas/findings-1.json", ...doc }, null, 1)}\n`;
}
