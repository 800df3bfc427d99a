/** ACC-01 customer-lockbox-tenant-enabled: Customer Lockbox for Azure is off, so the tenant fails. */
import type { DemoFragment } from "../../../src/emulator/demo/fragment.js";

const fragment: DemoFragment = {
  rule: "customer-lockbox-tenant-enabled",
  // One tenant-level target: the demo tenant has Lockbox off.
  demonstrates: ["fail"],
  customerLockbox: { isOptedIn: false },
};

export default fragment;
