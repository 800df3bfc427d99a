/**
 * The report languages: every text a report, the console or a rule shows exists in each.
 */

/** The languages, in the order messages name them ("expected sv or en"). */
export const LANGS = ["sv", "en"] as const;

/** A report language. */
export type Lang = (typeof LANGS)[number];

/** The language of reports when neither a flag nor the configuration names one. */
export const DEFAULT_LANG: Lang = "sv";

/** Whether `value` names a report language (exactly: `sv` or `en`). */
export function isLang(value: unknown): value is Lang {
  return (LANGS as readonly unknown[]).includes(value);
}

/**
 * The language a flag or a configuration value names, in any case (`SV` is `sv`), or undefined
 * when it names none.
 */
export function parseLang(text: string): Lang | undefined {
  const lower = text.toLowerCase();
  return isLang(lower) ? lower : undefined;
}
