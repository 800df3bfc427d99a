/**
 * Where the browser tests find Chromium: Debian's package by default (what .ci/run installs),
 * or HEMVIST_CHROMIUM (GitHub's runners have Google Chrome preinstalled elsewhere).
 */
export const CHROMIUM_PATH = process.env.HEMVIST_CHROMIUM || "/usr/bin/chromium";

/** Flags for a headless Chromium on a machine whose network is closed. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A headless Chromium with a fresh profile in a temporary folder (also the tests' folder for files). */
export interface TestBrowser {
  context: import("playwright-core").BrowserContext;
  /** The temporary folder: the profile lives in `profile/` beneath it. */
  dir: string;
  /** Closes the browser and removes the folder. */
  close(): Promise<void>;
}

/**
 * Launches Chromium for the report's browser tests: offline, 1400×1000, the flags above; a clear
 * error when Chromium is missing (Debian: apt-get install chromium).
 */
export async function launchTestBrowser(prefix: string): Promise<TestBrowser> {
  const { existsSync, mkdtempSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { chromium } = await import("playwright-core");
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: the HTML report's browser tests need it (Debian: apt-get install chromium).`);
  }
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const context = await chromium.launchPersistentContext(join(dir, "profile"), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 1000 },
    offline: true,
  });
  return {
    context,
    dir,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A page of the report with what it did while loading and after: requests, errors, dialogs. */
export interface WatchedPage {
  page: import("playwright-core").Page;
  /** Every URL the page requested (the report itself only, if it is self-contained). */
  requests: string[];
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /** Messages of dialogs the page opened (each dismissed). */
  dialogs: string[];
}

/**
 * Opens a report file in a new page of `context`, watching requests, errors and dialogs from the
 * start, and waits until the findings table shows its first rows.
 */
export async function openReport(context: import("playwright-core").BrowserContext, file: string): Promise<WatchedPage> {
  const { pathToFileURL } = await import("node:url");
  const page = await context.newPage();
  const w: WatchedPage = { page, requests: [], errors: [], dialogs: [] };
  page.on("request", (r) => w.requests.push(r.url()));
  page.on("console", (m) => {
    if (m.type() === "error") w.errors.push(m.text());
  });
  page.on("pageerror", (e) => w.errors.push(String(e)));
  page.on("dialog", (d) => {
    w.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: "load", timeout: 120_000 });
  await page.waitForSelector("#findings-body tr.row", { timeout: 120_000 });
  return w;
}
