/**
 * Locates the package's own files (schemas, rule pages) from both src/ (tests) and dist/ (built).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "hemvist") return dir;
      } catch {
        /* keep walking */
      }
    }
    dir = dirname(dir);
  }
  throw new Error("Hemvist cannot find its own package.json (is the installation complete?)");
}

/** The package root (where package.json, schemas/ and rules/ are). */
export const PACKAGE_ROOT = findRoot();

/** Reads one of the package's JSON data files, e.g. `schemas/snapshot.schema.json`. */
export function readPackageJson<T = unknown>(relative: string): T {
  return JSON.parse(readFileSync(join(PACKAGE_ROOT, relative), "utf8")) as T;
}

/** The package's version. */
export const VERSION: string = readPackageJson<{ version: string }>("package.json").version;

/** The repository's web address (from package.json), for links to rule pages. */
export const REPOSITORY_URL: string = (() => {
  const repo = readPackageJson<{ repository?: { url?: string } }>("package.json").repository?.url ?? "";
  return repo.replace(/^git\+/, "").replace(/\.git$/, "") || "https://github.com/hemvist/hemvist";
})();
