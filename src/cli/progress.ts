/**
 * Progress on stderr: a live block (one line per subscription being read) on a terminal, plain
 * lines in CI or when piped, nothing with --quiet. Never prints tokens or response bodies.
 * Every message is one line of display-safe text (src/base/display.ts): a control or bidi character
 * in it (from a name, an error code or a server message) is escaped, and no line can become a GitHub
 * Actions workflow command.
 */
import type { Writable } from "node:stream";
import { displayText } from "../base/display.js";

export interface ProgressLike {
  subscriptionId?: string;
  collector: string;
  phase: "start" | "done" | "failed";
  count?: number;
  message?: string;
}

export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  debug(msg: string): void;
  progress(e: ProgressLike): void;
  /** Clears the live block before ordinary output. */
  finish(): void;
}

export function createLogger(opts: { quiet: boolean; verbose: boolean; stream?: Writable & { isTTY?: boolean; columns?: number } }): Logger {
  const out = opts.stream ?? process.stderr;
  const live = !!out.isTTY && !process.env.CI && !opts.quiet;
  const active = new Map<string, string>();
  let drawn = 0;
  let timer: NodeJS.Timeout | undefined;
  const width = () => Math.max(40, (out.columns ?? 100) - 1);
  const clear = () => {
    if (drawn > 0) out.write(`\x1b[${drawn}A\x1b[0J`);
    drawn = 0;
  };
  const draw = () => {
    timer = undefined;
    clear();
    const lines = [...active.entries()].slice(0, 12).map(([k, v]) => `  ${displayText(k.slice(0, 36))}  ${v}`.slice(0, width()));
    if (active.size > 12) lines.push(`  … and ${active.size - 12} more`);
    if (lines.length > 0) out.write(`${lines.join("\n")}\n`);
    drawn = lines.length;
  };
  const schedule = () => {
    timer ??= setTimeout(draw, 100);
  };
  // Messages are single lines: a line break inside one is escaped like any control character.
  const line = (s: string) => {
    if (live) clear();
    out.write(`${displayText(s)}\n`);
    if (live) schedule();
  };
  return {
    info: (m) => {
      if (!opts.quiet) line(m);
    },
    warn: (m) => {
      if (!opts.quiet) line(`warning: ${m}`);
    },
    debug: (m) => {
      if (opts.verbose && !opts.quiet) line(`debug: ${m}`);
    },
    progress(e) {
      if (opts.quiet) return;
      const key = displayText(e.subscriptionId ?? "tenant");
      const collector = displayText(e.collector);
      if (live) {
        if (e.phase === "start") active.set(key, `reading ${collector} …`);
        else if (e.phase === "failed") line(`  ${key}: ${collector} could not be read${e.message ? `: ${e.message}` : ""}`);
        else active.set(key, `${collector} done${e.count !== undefined ? ` (${e.count})` : ""}`);
        if (e.collector === "subscription" && e.phase === "done") active.delete(key);
        schedule();
      } else if (e.phase !== "start" || opts.verbose) {
        const what = e.phase === "failed" ? `could not be read${e.message ? `: ${displayText(e.message)}` : ""}` : e.phase === "done" ? `done${e.count !== undefined ? ` (${e.count})` : ""}` : "started";
        out.write(`[${key}] ${collector} ${what}\n`);
      }
    },
    finish() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (live) clear();
      active.clear();
    },
  };
}
