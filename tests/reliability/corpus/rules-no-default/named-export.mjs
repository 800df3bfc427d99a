// A rule module without a default export.
export const rule = { id: "ORG-02" };
