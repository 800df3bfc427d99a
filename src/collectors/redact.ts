/**
 * Server text at the edge: the run's tokens and token-shaped secrets redacted, then bounded. No SDK
 * import, so the CLI (credential.ts) loads it without the Azure pipeline.
 */

/** The longest error code kept from a server (ARM and Graph codes are short names). */
export const MAX_CODE = 256;
/** The longest error message kept from a server. */
export const MAX_MESSAGE = 4096;

/**
 * The one way a string a server supplied (an error's code, message, target, details or inner
 * error, a header, a nextLink, a message built around one) enters a coverage entry, a progress
 * message, a log line or the snapshot: the run's own tokens and every token-shaped secret
 * redacted (`redactTokens`, `redactSecrets`), then bounded (`boundServerText`). Redaction comes
 * first: a cut could otherwise leave the start of a token that no pattern recognises any more.
 * @param text the server's string (or a message that quotes one)
 * @param max the longest result (`MAX_CODE`, `MAX_MESSAGE`)
 * @param tokens the access tokens handed out in this run
 */
export function serverText(text: string, max: number, tokens: Iterable<string> = []): string {
  return boundServerText(redactSecrets(redactTokens(text, tokens)), max);
}

/**
 * A server's string bounded at the edge, before it is stored, reported or printed: its start, and
 * a note saying how much was cut (a 60 kB error code would otherwise be carried into every report).
 */
export function boundServerText(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = ` … [cut: ${text.length} characters]`;
  return `${text.slice(0, Math.max(0, max - note.length))}${note}`;
}

/** Connection-string and query keys whose value is a secret (connection strings end a value at `;`, queries at `&`). */
const SECRET_KEYS = /\b(AccountKey|SharedAccessKey|Password|Pwd|client_assertion|client_secret|access_token|refresh_token|id_token)=([^;&\s"'<>]+)/gi;
/** A SAS: `sig=` in a query, or a connection string's `SharedAccessSignature=` (a whole query, up to `;`). */
const SAS_SIG = /\bsig=[^&;\s"'<>]+/gi;
const SAS_FIELD = /\bSharedAccessSignature=[^;\s"'<>]+/gi;

/**
 * Removes anything token-like from a message before it reaches a snapshot, report or log: an
 * `Authorization: Bearer …` header, a bare bearer token, a JWT (three base64url segments, glued to
 * other text or not), a SAS signature (`sig=`, `SharedAccessSignature=`), and the values of
 * `AccountKey=`, `SharedAccessKey=`, `Password=`, `client_assertion=`, `client_secret=` and the
 * OAuth token fields. The key stays, so a reader still sees what was there: `AccountKey=[redacted]`.
 */
export function redactSecrets(message: string): string {
  return message
    .replace(/(authorization["']?\s*[:=]\s*["']?)(bearer\s+)?[^\s"',;}]+/gi, "$1$2[redacted]")
    // 16 characters at least: a token, not prose ("the bearer token is only sent ...").
    .replace(/\bbearer\s+(?!\[redacted)[A-Za-z0-9\-._~+/]{16,}=*/gi, "Bearer [redacted]")
    // No word boundary: a JWT glued to other text (`code_eyJ…`) is still a JWT.
    .replace(/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, "[redacted-jwt]")
    .replace(SAS_FIELD, "SharedAccessSignature=[redacted]")
    .replace(SAS_SIG, "sig=[redacted]")
    .replace(SECRET_KEYS, "$1=[redacted]");
}

/**
 * The forms in which a token can appear in a server's text: as issued, JSON-escaped (`\/`),
 * URL-encoded (a nextLink's query), and for a JWT each of its payload and signature segments
 * alone (a server that quotes only part of it).
 */
function tokenForms(t: string): string[] {
  const forms = new Set([t, t.replaceAll("/", "\\/"), encodeURIComponent(t)]);
  const parts = t.split(".");
  if (parts.length === 3) for (const p of parts.slice(1)) if (p.length >= 16) forms.add(p);
  return [...forms].sort((a, b) => b.length - a.length);
}

/**
 * Replaces every occurrence of the given tokens in a message (for tokens that look like nothing in
 * particular: static tokens, opaque tokens), in each form a server could quote them in.
 * @param message the text
 * @param tokens the access tokens handed out in this run
 */
export function redactTokens(message: string, tokens: Iterable<string>): string {
  let out = message;
  for (const t of tokens) {
    if (t.length < 8) continue;
    for (const form of tokenForms(t)) if (out.includes(form)) out = out.split(form).join("[redacted]");
  }
  return out;
}
