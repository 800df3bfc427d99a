/** Checks the input files an audit needs after collecting (exceptions, baseline) before it collects, so a bad file costs no collection and leaves no partial output. */
import { loadBaseline, loadExceptionsFile, type Settings } from "./pipeline.js";

/**
 * Loads and validates the exceptions file and the baseline named in the settings; throws the same
 * UsageError (exit 2) evaluation would, but before anything is read from the tenant or written.
 * @param settings the resolved settings
 */
export async function checkInputFiles(settings: Settings): Promise<void> {
  if (settings.exceptionsPath) await loadExceptionsFile(settings.exceptionsPath);
  if (settings.baselinePath) await loadBaseline(settings.baselinePath);
}
