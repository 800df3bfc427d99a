/**
 * Deterministic ids and randomness for the payload builders, the demo tenant, the bench tenant,
 * the emulator's chaos and the tests: one hash (FNV-1a) and one seeded PRNG (mulberry32), so the
 * same input gives the same output on every run and machine. No clock, no `Math.random`.
 *
 * `src/builders/` stands outside the product's layer chain: only the emulator, the demo, the bench,
 * tests and demo fragments import it; it imports only `src/snapshot/types.ts`,
 * `src/config/regions.ts` and `src/base/*`.
 */

/** 32-bit FNV-1a hash of a string; `salt` is folded into the offset basis (0: plain FNV-1a). */
export function fnv(seed: string, salt = 0): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** 32 lower-case hex digits derived from a seed (key versions, internal ids). */
export function hex32(seed: string): string {
  return [0, 1, 2, 3].map((i) => fnv(seed, i).toString(16).padStart(8, "0")).join("");
}

/** A GUID-shaped (version 4 layout) id derived from a seed, so related ids stay stable. */
export function guid(seed: string): string {
  const h = hex32(seed);
  const variant = "89ab"[Number.parseInt(h.charAt(16), 16) % 4] ?? "8";
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * A GUID-shaped id from a counter and a salt (a multiplicative hash: cheap for the bench tenant's
 * thousands of ids; the bench's generated tenants depend on its exact output).
 */
export function counterGuid(n: number, salt: number): string {
  const h = (x: number, w: number) => (x >>> 0).toString(16).padStart(w, "0").slice(-w);
  const a = Math.imul(n + 1, 2654435761) ^ salt;
  const b = Math.imul(n + 7, 40503) ^ (salt >>> 3);
  return `${h(a, 8)}-${h(b, 4)}-4${h(b >>> 4, 3)}-8${h(a >>> 8, 3)}-${h(a ^ b, 8)}${h(n, 4)}`;
}

/** mulberry32: a small, fast seeded 32-bit PRNG. Returns a function yielding floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Unix seconds of an ISO timestamp (Key Vault key attributes use them). */
export function epoch(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}
