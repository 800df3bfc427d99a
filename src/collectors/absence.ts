/**
 * The error answers that prove absence: the only 400/404 answers a read may turn into an empty,
 * successful collection. Everything not listed here (and not a provider that is not registered)
 * is a coverage gap.
 */
import type { Collection } from "../snapshot/types.js";

/** One error answer that documents "nothing there", with where the documentation says so. */
export interface DocumentedAbsence {
  collection: Collection;
  /** The read's operation, as in `ReadRequest.operation` (`{...}` stands for the parent's id). */
  operation: string;
  /** Matches `ReadRequest.operation` (case-insensitive). */
  operationPattern: RegExp;
  status: 400 | 404;
  /** The ARM/Graph error code (compared case-insensitively); a row never matches on the status alone. */
  code: string;
  /** Why this answer means there is nothing to read. */
  why: string;
  /** Where the answer is documented: path in Azure/azure-rest-api-specs, operation id and example file. */
  spec: { path: string; operationId: string; example: string };
}

const SQL_PROTECTOR_SPEC = {
  path: "specification/sql/resource-manager/Microsoft.Sql/preview/2020-11-01-preview/EncryptionProtectors.json",
  operationId: "EncryptionProtectors_Get",
  example: "specification/sql/resource-manager/Microsoft.Sql/preview/2020-11-01-preview/examples/EncryptionProtectorGet.json",
} as const;

/**
 * The documented absences, one row per (collection, operation, status, code). The SQL server's
 * encryption protector is a singleton every server has; the spec's error list for its GET names two
 * 404 codes that say the *server* does not exist (it was deleted between the server list and this
 * read), so there is no protector to judge. Its generic `404 ResourceNotFound` is not listed: it
 * names nothing in particular, and stays a gap.
 *
 * Checked and deliberately not listed (their specs document no 400/404 as absence, so those answers
 * are gaps): Customer Lockbox `Get_TenantOptedIn` (customerlockbox 2018-02-28-preview: 200 or an
 * error), Recovery Services `BackupResourceStorageConfigsNonCRR_Get` (every vault has one),
 * SQL `TransparentDataEncryptions_Get` (2022-08-01-preview lists no 404 code), managed-instance
 * encryption protectors.
 */
export const DOCUMENTED_ABSENCES: readonly DocumentedAbsence[] = [
  {
    collection: "sqlEncryptionProtectors",
    operation: "GET {server id}/encryptionProtector/current",
    operationPattern: /\/providers\/Microsoft\.Sql\/servers\/[^/]+\/encryptionProtector\/current$/i,
    status: 404,
    code: "SubscriptionDoesNotHaveServer",
    why: "The requested server was not found: it was deleted after the server list, so it has no encryption protector.",
    spec: SQL_PROTECTOR_SPEC,
  },
  {
    collection: "sqlEncryptionProtectors",
    operation: "GET {server id}/encryptionProtector/current",
    operationPattern: /\/providers\/Microsoft\.Sql\/servers\/[^/]+\/encryptionProtector\/current$/i,
    status: 404,
    code: "ServerNotInSubscriptionResourceGroup",
    why: "The server does not exist in the resource group and subscription: it was deleted or moved after the server list.",
    spec: SQL_PROTECTOR_SPEC,
  },
];

/**
 * The documented absence a failed read's answer matches, if any.
 * @param read the read's collection and operation
 * @param failure the answer's HTTP status and error code
 * @returns the matching row, or undefined (then the failure is a coverage gap)
 */
export function documentedAbsence(
  read: { collection: Collection; operation: string },
  failure: { httpStatus?: number; code: string },
): DocumentedAbsence | undefined {
  return DOCUMENTED_ABSENCES.find(
    (row) =>
      row.collection === read.collection &&
      row.status === failure.httpStatus &&
      row.code.toLowerCase() === failure.code.toLowerCase() &&
      row.operationPattern.test(read.operation),
  );
}
