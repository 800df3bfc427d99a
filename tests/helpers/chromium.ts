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
