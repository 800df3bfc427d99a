/**
 * The reporters' escaping in one place (the mutation target of the reporters, see
 * mutation/README.md): what makes tenant and server text safe in each format, for the HTML, CSV,
 * Markdown and SARIF reporters; the terminal's escaping is src/base/display.ts.
 */
import { escapeControls } from "../base/display.js";
import { redactPersonal } from "./common.js";

/**
 * JSON for a `<script type="application/json">` block: `<`, `>`, `&`, U+2028 and U+2029 become
 * `\u` escapes, so no string in the data can close the element or open a comment, and the text
 * still parses back to the same value.
 */
export function jsonForScript(value: unknown): string {
  return escapeForScript(JSON.stringify(value));
}

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Escapes one piece of JSON text for a script block, as jsonForScript does (per character). */
export function escapeForScript(text: string): string {
  return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * One CSV field: neutralised against formula injection (a leading `=`, `+`, `-`, `@`, tab or CR
 * gets a `'`, OWASP's advice for spreadsheet exports), then quoted when it holds a comma, a
 * semicolon or a tab (the separators Excel uses in other locales: Swedish Excel splits on `;`, so an
 * unquoted `x;=cmd|…` would start a formula cell), a quote, CR or LF, with quotes doubled (RFC 4180 §2).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",;\t\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * What GitHub would turn into a link, a mention or a reference in plain text: URLs with a scheme
 * (GFM's autolink extension: `http://`, `https://`, `ftp://`, and `mailto:`/`xmpp:`), `www.`
 * links, anything with `@` before a word (e-mail addresses, `@user` and `@org/team` mentions) and
 * issue references (`#123`, `GH-123`). Each is put in a code span, where neither GFM nor GitHub's
 * mention and reference filters look. A token never holds a space, a backtick, `|`, `<` or `>`.
 */
// No word boundary before a token: GFM links `www.` and `http://` after `_`, `*`, `~` or `(` too, and
// looks at the source, where `_` is written `\_`; wrapping a little more than needed costs nothing.
const LINKY = /(?:(?:https?|ftp|mailto|xmpp):[^\s`|<>]*|www\.[^\s`|<>]*|[^\s`|<>@]*@[\p{L}\p{N}_-][^\s`|<>]*|(?:GH-|#)\d+[^\s`|<>]*)/giu;

function escapePlain(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`|*_[\]~#!])/g, "\\$1");
}

/**
 * Escapes text for a GitHub-flavoured Markdown table cell or line: e-mail-shaped strings are
 * redacted, line breaks become spaces and other control or bidi characters are escaped visibly
 * (`\u001b`); what GitHub would link or mention (LINKY) goes into a code span; elsewhere `|`,
 * backslashes, backticks and Markdown punctuation are backslash-escaped (so `[x](url)`, `![x](url)`
 * and emphasis stay text, and a backslash before `|` cannot un-escape the pipe) and `&`, `<`, `>`
 * become entities (no raw HTML reaches the page).
 */
export function mdEscape(text: string): string {
  const t = escapeControls(redactPersonal(text).replace(/\r\n|\r|\n/g, " "));
  let out = "";
  let at = 0;
  for (const m of t.matchAll(LINKY)) {
    out += `${escapePlain(t.slice(at, m.index))}\`${m[0]}\``;
    at = m.index + m[0].length;
  }
  return out + escapePlain(t.slice(at));
}

/**
 * Message text as SARIF plain text that can never form a link: SARIF 2.1.0 §3.11.6 reads
 * `[text](target)` in a plain-text message as an embedded link and wants literal brackets escaped
 * with a backslash (`\[`, `\]`; backslashes just before a bracket are doubled, so a literal `\[`
 * stays literal), and GitHub renders such links. Control and bidi characters are escaped visibly (`\u202e`).
 * @param text the message, personal data already redacted
 */
export function sarifText(text: string): string {
  return escapeControls(text).replace(/(\\*)([[\]])/g, "$1$1\\$2");
}
