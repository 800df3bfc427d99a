/**
 * Small object helpers the payload builders share (and the tests' fixtures, which tweak a built
 * payload with `merge`).
 */

/** Only the defined entries of an object (lets a spec leave a property absent on purpose). */
export function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Deep-merges `over` into `base` (objects merge, keeping `base`'s key order; arrays and scalars
 * replace; `undefined` in `over` deletes the key).
 */
export function merge<T>(base: T, over: unknown): T {
  if (over === undefined) return base;
  if (over === null || typeof over !== "object" || Array.isArray(over) || base === null || typeof base !== "object" || Array.isArray(base)) return over as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over as Record<string, unknown>)) {
    if (v === undefined) delete out[k];
    else out[k] = merge(out[k], v);
  }
  return out as T;
}
