/**
 * Attestations: facts no API shows (the Microsoft 365 tenant's default geo, whether Customer Key
 * data-encryption policies are assigned), stated in the configuration with who attested them, when
 * and where they were read. Valid for 365 days from `attestedOn`; reported as expiring 30 days before.
 */
import { UsageError } from "../base/errors.js";
import { isM365Geo } from "./m365-geos.js";

/** Who attested a fact, when (YYYY-MM-DD) and where it was read. */
export interface AttestationFields {
  attestedBy: string;
  attestedOn: string;
  source: string;
}

export interface Attestations {
  /** The Microsoft 365 tenant's default geo, as the admin center's data-location page shows it. */
  m365DefaultGeo?: AttestationFields & { geo: string };
  /** Whether Customer Key data-encryption policies are assigned (Purview portal). */
  customerKeyPolicies?: AttestationFields & { assigned: boolean };
}

export type AttestationKey = keyof Attestations;
export const ATTESTATION_KEYS: readonly AttestationKey[] = ["m365DefaultGeo", "customerKeyPolicies"];

const DAY = 86_400_000;
/** An attestation is stale this many days after `attestedOn`. */
export const ATTESTATION_VALID_DAYS = 365;
/** It is reported as expiring this many days before it goes stale. */
export const ATTESTATION_WARN_DAYS = 30;

export type AttestationState = "valid" | "expiring" | "stale";

/** The state of an attestation at `now`, and the first day it is stale (YYYY-MM-DD). */
export function attestationState(a: AttestationFields, now: Date): { state: AttestationState; staleOn: string } {
  const on = Date.parse(`${a.attestedOn}T00:00:00Z`);
  const staleAt = on + (ATTESTATION_VALID_DAYS + 1) * DAY;
  const staleOn = new Date(staleAt).toISOString().slice(0, 10);
  const t = now.getTime();
  if (t >= staleAt) return { state: "stale", staleOn };
  if (t >= staleAt - ATTESTATION_WARN_DAYS * DAY) return { state: "expiring", staleOn };
  return { state: "valid", staleOn };
}

/**
 * Checks the attestations the schema cannot: a date after `now` (nobody attests tomorrow's reading)
 * and a geo that is not a Microsoft 365 geo. Returns them normalised (geo upper case).
 * @param file the configuration file, named in the error
 */
export function checkAttestations(given: Attestations | undefined, now: Date, file: string): Attestations {
  const out: Attestations = {};
  if (!given) return out;
  const today = now.toISOString().slice(0, 10);
  for (const key of ATTESTATION_KEYS) {
    const a = given[key];
    if (!a) continue;
    if (a.attestedOn > today) {
      throw new UsageError(`${file}: attestations.${key}.attestedOn: found "${a.attestedOn}", a day after today (${today}); expected the day the fact was read.`);
    }
  }
  if (given.m365DefaultGeo) {
    const geo = given.m365DefaultGeo.geo.trim().toUpperCase();
    if (!isM365Geo(geo)) {
      throw new UsageError(`${file}: attestations.m365DefaultGeo.geo: found "${given.m365DefaultGeo.geo}", expected a Microsoft 365 geo code such as SWE, EUR or NOR.`);
    }
    out.m365DefaultGeo = { ...given.m365DefaultGeo, geo };
  }
  if (given.customerKeyPolicies) out.customerKeyPolicies = { ...given.customerKeyPolicies };
  return out;
}
