// A rule without its metadata (name, title, severity, rationale, reads ...).
export default { id: "ORG-01", evaluate() { return []; } };
