// A complete rule that reuses a built-in rule's id.
import original from "../../../../dist/rules/location/resource-location-allowed/rule.js";
export default { ...original, name: "my-own-location-rule" };
