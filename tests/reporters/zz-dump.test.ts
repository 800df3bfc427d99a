import { it } from "vitest";
import { writeFileSync } from "node:fs";
import { renderMarkdown } from "/work/main/src/reporters/markdown.js";
import { renderCsv } from "/work/main/src/reporters/csv.js";
import { renderSarif } from "/work/main/src/reporters/sarif.js";
import { makeDocument } from "/work/main/tests/reporters/fixture.js";
it("dump", () => {
  writeFileSync("/tmp/summary.md", renderMarkdown(makeDocument(), { lang: "sv" }));
  writeFileSync("/tmp/findings.csv", renderCsv(makeDocument(), { lang: "sv" }));
  writeFileSync("/tmp/findings.sarif", renderSarif(makeDocument(), { lang: "sv" }));
});
