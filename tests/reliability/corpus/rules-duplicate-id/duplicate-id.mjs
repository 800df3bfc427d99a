// A complete rule that reuses a built-in rule's id.
import { builtinRules } from "../../../../dist/rules/index.js";
const original = builtinRules.find((r) => r.id === "RES-01");
export default { ...original, name: "my-own-location-rule" };
