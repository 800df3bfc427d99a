/**
 * Display-text safety for text that comes from a tenant or a server (names, messages, error codes)
 * and is shown to a person: on a terminal, in a CI log, in a report.
 *
 * - Control characters (C0 including line breaks, DEL, C1) and bidirectional formatting characters
 *   are escaped visibly as `\uXXXX`, so no escape sequence (CSI, OSC 8 links, OSC 52 clipboard
 *   writes) reaches a terminal and no value can start a new line or reorder what is shown.
 * - GitHub Actions workflow commands are made impossible: the runner (actions/runner,
 *   ActionCommand.TryParseV2) treats a line as a command when it starts with `::` after leading
 *   whitespace is trimmed, and the older form (ActionCommand.TryParse) when `##[` appears anywhere in
 *   the line. Tenant text gets `##[` escaped as `#\u0023[`, a leading `::` as `\u003a:`, and
 *   `safeLines` checks every line a sink writes.
 * - Names are checked for look-alikes: bidi controls and words that mix Latin, Cyrillic or Greek
 *   letters (`pаypal` with a Cyrillic `а`).
 */
import type { Lang } from "./lang.js";

/** Bidirectional formatting characters: embeddings, overrides, isolates, marks and the Arabic letter mark. */
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

/**
 * What `escapeControls` escapes: C0 (U+0000–U+001F, line breaks and tab included), DEL (U+007F),
 * C1 (U+0080–U+009F), the bidi characters above, and the Unicode line and paragraph separators.
 */
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u2028\u2029]/g;

function hex4(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/**
 * Escapes control and bidi characters visibly (`\u001b`, `\u202e`, `\u000a`): the result is one
 * line of text without any character a terminal interprets.
 * @param text tenant or server text
 */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, hex4);
}

/** Whether a line would be read as a workflow command by the GitHub Actions runner. */
export function isWorkflowCommand(line: string): boolean {
  return line.trimStart().startsWith("::") || line.includes("##[");
}

/**
 * Text safe to show on one line of a terminal or a CI log: control and bidi characters escaped
 * (escapeControls), `##[` escaped anywhere and `::` escaped at the start (after whitespace), so the
 * value can never be or start a workflow command wherever it is placed in a line.
 * @param text tenant or server text (any value: non-strings are converted with String)
 */
export function displayText(text: unknown): string {
  return neutraliseCommands(escapeControls(typeof text === "string" ? text : String(text)));
}

/** One line with `##[` escaped anywhere and a `::` at its start (after whitespace) escaped: never a workflow command. */
function neutraliseCommands(line: string): string {
  const l = line.replaceAll("##[", "#\\u0023[");
  const lead = l.length - l.trimStart().length;
  return l.startsWith("::", lead) ? `${l.slice(0, lead)}\\u003a${l.slice(lead + 1)}` : l;
}

/**
 * Several lines of display-safe text: each line escaped as displayText, the line breaks between
 * them kept (for messages that are lines by design, such as a list of configuration problems).
 * @param text one or more lines
 */
export function displayLines(text: string): string {
  return text.split(/\r?\n/).map(displayText).join("\n");
}

/**
 * The last check before text is written to stdout or stderr: every line whose trimmed start is
 * `::` gets that colon escaped, and `##[` is escaped anywhere. Hemvist's own lines never start with
 * `::` or contain `##[`, so this changes only what tenant text would otherwise have made a command.
 * @param text one or more lines
 */
export function safeLines(text: string): string {
  if (!text.includes("::") && !text.includes("##[")) return text;
  return text
    .split("\n")
    .map(neutraliseCommands)
    .join("\n");
}

/** Why a name may not be what it looks like. */
export type NameConcern = "bidi" | "mixed-script";

const SCRIPTS: readonly [string, RegExp][] = [
  ["Latin", /\p{Script=Latin}/u],
  ["Cyrillic", /\p{Script=Cyrillic}/u],
  ["Greek", /\p{Script=Greek}/u],
];

/**
 * Whether one word (letters, marks and digits between any other characters) mixes Latin, Cyrillic
 * and Greek letters. Swedish å, ä and ö are Latin; a word wholly in Cyrillic or Greek is not mixed.
 */
function mixesScripts(text: string): boolean {
  for (const word of text.split(/[^\p{L}\p{M}\p{N}]+/u)) {
    if (word.length < 2) continue;
    let seen = 0;
    for (const [, re] of SCRIPTS) if (re.test(word)) seen++;
    if (seen > 1) return true;
  }
  return false;
}

/**
 * What makes a name deceptive, if anything: bidi formatting characters (which reorder how it is
 * shown, `\u202Egpj.exe` reads as `exe.jpg`) and words mixing Latin with Cyrillic or Greek letters.
 * @param names names to check (absent ones skipped)
 * @returns the concerns found, in a fixed order (empty when none)
 */
export function nameConcerns(...names: (string | null | undefined)[]): NameConcern[] {
  let bidi = false;
  let mixed = false;
  for (const n of names) {
    if (typeof n !== "string" || n.length === 0) continue;
    if (!bidi && BIDI.test(n)) bidi = true;
    if (!mixed && mixesScripts(n)) mixed = true;
  }
  return [...(bidi ? (["bidi"] as const) : []), ...(mixed ? (["mixed-script"] as const) : [])];
}

/** The concern notes in English and Swedish, for reports without their own label tables. */
export const NAME_CONCERN_TEXT: Record<Lang, Record<NameConcern, string>> = {
  en: {
    bidi: "name contains bidirectional control characters that can reorder how it is shown",
    "mixed-script": "name mixes Latin with Cyrillic or Greek letters (possible look-alike)",
  },
  sv: {
    bidi: "namnet innehåller dubbelriktade styrtecken som kan ändra hur det visas",
    "mixed-script": "namnet blandar latinska med kyrilliska eller grekiska bokstäver (möjlig förväxling)",
  },
};

/**
 * A short bracketed note for plain-text outputs (console, SARIF, Markdown, CSV), e.g.
 * ` [look-alike: name mixes Latin with …]`; empty when there is no concern.
 */
export function nameConcernNote(concerns: readonly NameConcern[], lang: Lang): string {
  if (concerns.length === 0) return "";
  const head = lang === "sv" ? "varning" : "warning";
  return ` (${head}: ${concerns.map((c) => NAME_CONCERN_TEXT[lang][c]).join("; ")})`;
}
