/**
 * What every reporter receives besides the findings document (src/findings/types.ts).
 */

/** Options every reporter may use. */
export interface ReportOptions {
  lang: "sv" | "en";
}
