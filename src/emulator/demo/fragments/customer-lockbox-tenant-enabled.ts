/** ACC-01 customer-lockbox-tenant-enabled: Customer Lockbox for Azure is off, so the tenant fails. */
import type { DemoFragment } from "../fragment.js";

const fragment: DemoFragment = {
  rule: "customer-lockbox-tenant-enabled",
  customerLockbox: { isOptedIn: false },
};

export default fragment;
