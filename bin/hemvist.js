#!/usr/bin/env node
// The hemvist command: runs the compiled CLI (npm run build writes dist/).
import { main } from "../dist/src/cli/main.js";

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`hemvist crashed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 2;
  },
);
