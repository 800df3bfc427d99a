/**
 * The registry of built-in rules, sorted by id. Every rule file under rules/ is listed here
 * (a repo-wide test checks it).
 */
import type { RuleDefinition } from "../src/index.js";
import storageAccountCustomerManagedKey from "./storage/storage-account-customer-managed-key.js";

export const builtinRules: RuleDefinition[] = [storageAccountCustomerManagedKey].sort((a, b) =>
  a.id.localeCompare(b.id, "en", { numeric: true }),
);
