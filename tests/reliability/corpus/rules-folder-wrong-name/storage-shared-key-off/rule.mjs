// A valid rule in a rule folder whose name is not the rule's name.
import original from "../../../../../dist/rules/location/resource-location-allowed/rule.js";
export default { ...original, id: "ORG-01", name: "my-own-location-rule" };
