/** Phase timings and resource usage of one CLI run, printed to stderr when HEMVIST_REPORT_USAGE=1 (the benchmark reads them). */

const timings: Record<string, number> = {};
/** Peak RSS (KiB) of the process so far, taken at the end of each phase: where the peak was reached. */
const maxRssAfter: Record<string, number> = {};

/** Adds `ms` to the phase `name` (collect, snapshot, evaluate, reports) and notes the peak RSS so far. */
export function recordTiming(name: string, ms: number): void {
  timings[name] = (timings[name] ?? 0) + ms;
  maxRssAfter[name] = process.resourceUsage().maxRSS;
}

/** Runs `fn` and records how long it took under `name`. */
export async function timed<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
  const start = performance.now();
  try {
    return await fn();
  } finally {
    recordTiming(name, performance.now() - start);
  }
}

/** Whether the run reports its usage (HEMVIST_REPORT_USAGE=1). */
export function usageRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.HEMVIST_REPORT_USAGE === "1";
}

/**
 * Writes one line `HEMVIST_USAGE {json}` to stderr: `process.resourceUsage()` (maxRSS in KiB,
 * CPU in µs), the phase timings in ms, the peak RSS reached by the end of each phase and the heap
 * statistics. Never prints tenant data.
 */
export function reportUsage(): void {
  const usage = { resourceUsage: process.resourceUsage(), timingsMs: timings, maxRssAfterKiB: maxRssAfter, memoryUsage: process.memoryUsage() };
  process.stderr.write(`HEMVIST_USAGE ${JSON.stringify(usage)}\n`);
}
