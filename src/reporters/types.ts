/**
 * What every reporter receives besides the findings document (src/findings/types.ts).
 */
import type { Lang } from "../base/lang.js";

/** Options every reporter may use. */
export interface ReportOptions {
  lang: Lang;
}
