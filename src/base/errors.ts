/**
 * Errors the CLI prints without a stack: usage and setup problems (exit 2).
 */

/** A problem the user can fix: bad flag, unreadable or invalid file, missing credential. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
