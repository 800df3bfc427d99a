// A rule module whose default export is not a rule.
export default 42;
