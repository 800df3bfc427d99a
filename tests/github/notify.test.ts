/**
 * scripts/notify.mjs, run as the nightly workflow's notify job runs it, on the reporter tests'
 * findings document (hostile names, a Microsoft 365 user with a UPN, a baseline with new,
 * unchanged and unverified results): the Teams Workflows webhook message (an Adaptive Card 1.4 in
 * a `message` with one `application/vnd.microsoft.card.adaptive` attachment, the shape the
 * "Send webhook alerts to a channel" workflow reads; Workflows accept Adaptive Cards only, per
 * learn.microsoft.com's "Create and send messages" for Teams), the e-mail text, and the POST to a
 * local stand-in for the webhook.
 */
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Finding } from "../../src/engine/types.js";
import type { FindingsDocument } from "../../src/findings/types.js";
import { ROOT, tempDir } from "../e2e/helpers.js";
import { makeDocument, USER_DISPLAY_NAME, USER_OBJECT_ID, USER_UPN } from "../reporters/fixture.js";

const SCRIPT = join(ROOT, "scripts", "notify.mjs");
const HOSTILE = "[klicka här](https://evil.example/x) **viktigt** <img src=x onerror=alert(1)> `kod`";
const RUN_URL = "https://github.com/exempelkommun/hemvist-audit/actions/runs/42";

let dir: string;
let n = 0;

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string; output: string }> {
  const outputFile = join(dir, `output-${n++}`);
  writeFileSync(outputFile, "");
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [SCRIPT, ...args], { env: { PATH: process.env.PATH ?? "", GITHUB_OUTPUT: outputFile, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", fail);
    child.on("exit", (code) => done({ code, stdout, stderr, output: readFileSync(outputFile, "utf8") }));
  });
}

function write(doc: FindingsDocument, name: string): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

/** The fixture, with a hostile resource name and owners on the new failures. */
function tonight(): FindingsDocument {
  const doc = makeDocument();
  const newFails = doc.results.filter((r) => r.status === "fail" && r.baselineState === "new");
  expect(newFails.map((r) => `${r.ruleId} ${r.severity}`)).toEqual(["RES-01 high", "ENC-01 medium", "RES-10 high"]);
  const [res01, enc01] = newFails as [Finding, Finding];
  res01.resourceName = HOSTILE;
  res01.owner = { value: "IT-enheten [drift]", key: "ansvarig", source: "resource-group", personal: false };
  enc01.owner = { value: "karin.berg@exempelby.se", key: "owner", source: "resource", personal: true };
  return doc;
}

/** Every string in the card a tenant could have written (TextBlock texts and fact values). */
function texts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(texts);
  if (node && typeof node === "object") {
    const o = node as Record<string, unknown>;
    return [...(typeof o.text === "string" ? [o.text] : []), ...(typeof o.value === "string" ? [o.value] : []), ...Object.values(o).flatMap(texts)];
  }
  return [];
}

/**
 * The Adaptive Card 1.4 elements and properties the card may use (adaptivecards.io schema 1.4:
 * TextBlock, FactSet with Fact, Container, Action.OpenUrl); anything else fails the test.
 */
const ALLOWED: Record<string, string[]> = {
  TextBlock: ["type", "text", "weight", "size", "wrap", "isSubtle", "color", "spacing", "separator"],
  FactSet: ["type", "facts", "spacing", "separator"],
  Container: ["type", "items", "separator", "spacing", "style"],
};
function checkElements(elements: any[]): number {
  let count = 0;
  for (const e of elements) {
    count++;
    expect(Object.keys(ALLOWED), JSON.stringify(e).slice(0, 80)).toContain(e.type);
    for (const k of Object.keys(e)) expect(ALLOWED[e.type], `${e.type}.${k}`).toContain(k);
    if (e.type === "TextBlock") {
      expect(typeof e.text).toBe("string");
      expect(e.text.length).toBeGreaterThan(0);
      if (e.weight !== undefined) expect(["Default", "Lighter", "Bolder"]).toContain(e.weight);
      if (e.size !== undefined) expect(["Default", "Small", "Medium", "Large", "ExtraLarge"]).toContain(e.size);
      if (e.color !== undefined) expect(["Default", "Dark", "Light", "Accent", "Good", "Warning", "Attention"]).toContain(e.color);
      if (e.spacing !== undefined) expect(["Default", "None", "Small", "Medium", "Large", "ExtraLarge", "Padding"]).toContain(e.spacing);
    }
    if (e.type === "FactSet") {
      expect(e.facts.length).toBeGreaterThan(0);
      for (const f of e.facts) expect(Object.keys(f).sort()).toEqual(["title", "value"]);
      for (const f of e.facts) expect([typeof f.title, typeof f.value]).toEqual(["string", "string"]);
    }
    if (e.type === "Container") count += checkElements(e.items);
  }
  return count;
}

let server: Server;
let webhook: string;
let status = 202;
const posts: { contentType?: string; body: string; url: string }[] = [];

beforeAll(async () => {
  dir = await tempDir("hemvist-notify-");
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      posts.push({ contentType: req.headers["content-type"], body, url: req.url ?? "" });
      res.writeHead(status, { "content-type": "text/plain" });
      res.end(status === 202 ? "" : "Bad request: the card could not be read");
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  webhook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/workflows/abc/triggers/manual/paths/invoke?sig=SECRET-SIGNATURE`;
});

afterAll(async () => {
  await new Promise((done) => server.close(done));
});

describe("the Teams message (teams-card)", () => {
  let message: any;
  beforeAll(async () => {
    const r = await run(["teams-card", "--findings", write(tonight(), "tonight.json"), "--lang", "sv", "--run-url", RUN_URL]);
    expect(r.code, r.stderr).toBe(0);
    message = JSON.parse(r.stdout);
  });

  it("is a Teams message with one Adaptive Card 1.4 attachment", () => {
    expect(Object.keys(message).sort()).toEqual(["attachments", "type"]);
    expect(message.type).toBe("message");
    expect(message.attachments).toHaveLength(1);
    const [a] = message.attachments;
    expect(a.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(a.contentUrl).toBeNull();
    const card = a.content;
    expect(card.type).toBe("AdaptiveCard");
    expect(card.version).toBe("1.4");
    expect(card.$schema).toBe("http://adaptivecards.io/schemas/adaptive-card.json");
    expect(Object.keys(card).sort()).toEqual(["$schema", "actions", "body", "msteams", "type", "version"]);
    expect(checkElements(card.body)).toBeGreaterThan(8);
    expect(card.actions).toEqual([{ type: "Action.OpenUrl", title: "Öppna körningen och dess rapport", url: RUN_URL }]);
    expect(card.msteams).toEqual({ width: "Full" });
  });

  it("lists exactly the new failing results, most severe first, in Swedish", () => {
    const card = message.attachments[0].content;
    expect(card.body[0].text).toBe("Hemvist: 3 nya underkända resultat");
    expect(card.body[1].facts).toEqual([
      { title: "Klientorganisation", value: "Exempelby kommun – Miljö- och hälsoskyddsförvaltningen" },
      { title: "Per allvarlighetsgrad", value: "2 hög, 1 medel" },
    ]);
    const listed = card.body.filter((e: any) => e.type === "Container").map((c: any) => c.items[0].text);
    expect(listed).toEqual([expect.stringMatching(/^HÖG · RES-01 /), expect.stringMatching(/^HÖG · RES-10 /), expect.stringMatching(/^MEDEL · ENC-01 /)]);
    const res01 = card.body.find((e: any) => e.type === "Container" && e.items[0].text.includes("RES-01"));
    expect(res01.items[0].color).toBe("Attention");
    expect(res01.items[2].facts).toContainEqual({ title: "Resursgrupp", value: expect.any(String) });
  });

  it("escapes every Markdown construct in tenant text, so a name cannot become a link or formatting", () => {
    const card = message.attachments[0].content;
    const res01 = card.body.find((e: any) => e.type === "Container" && e.items[0].text.includes("RES-01"));
    expect(res01.items[1].text).toBe("\\[klicka här\\](https://evil.example/x) \\*\\*viktigt\\*\\* \\<img src=x onerror=alert(1)\\> \\`kod\\` (Microsoft.Storage/storageAccounts)");
    for (const t of texts(card.body)) {
      // Outside an escape, none of the characters that open Markdown inline constructs remain.
      expect(t.replace(/\\[\\`*_[\]<>~#+-]/g, ""), t).not.toMatch(/[`*_[\]<>~]/);
    }
  });

  it("keeps personal data out: no user name, UPN, e-mail or personal owner; users by object id", () => {
    const json = JSON.stringify(message);
    expect(json).not.toContain(USER_UPN);
    expect(json).not.toContain(USER_DISPLAY_NAME);
    expect(json).not.toContain("karin.berg");
    expect(json).not.toMatch(/[\w.-]+@[\w-]+\.[a-z]{2,}/i);
    const res10 = message.attachments[0].content.body.find((e: any) => e.type === "Container" && e.items[0].text.includes("RES-10"));
    expect(res10.items[1].text).toBe(`Microsoft 365-användare ${USER_OBJECT_ID}`);
    // A non-personal owner is who must act: shown (escaped).
    expect(json).toContain("IT-enheten \\\\[drift\\\\]");
  });

  it("in English with --lang en", async () => {
    const r = await run(["teams-card", "--findings", write(tonight(), "tonight-en.json"), "--lang", "en"]);
    const card = JSON.parse(r.stdout).attachments[0].content;
    expect(card.body[0].text).toBe("Hemvist: 3 new failing results");
    expect(card.actions).toBeUndefined();
  });

  it("without a baseline counts every failing result as new and says so; lists 10 and counts the rest", async () => {
    const doc = tonight();
    delete doc.baseline;
    const fail = doc.results.find((r) => r.status === "fail" && r.ruleId === "KEY-05") as Finding;
    for (let i = 0; i < 6; i++) doc.results.push({ ...fail, resourceName: `kv-extra-${i}`, fingerprint: `${fail.fingerprint.slice(0, 60)}${i}` });
    const failing = doc.results.filter((r) => r.status === "fail").length;
    expect(failing).toBe(14);
    const r = await run(["teams-card", "--findings", write(doc, "first-night.json")]);
    const card = JSON.parse(r.stdout).attachments[0].content;
    expect(card.body[0].text).toBe("Hemvist: 14 nya underkända resultat");
    expect(card.body[2].text).toBe("Ingen baslinje än (första natten): varje underkänt resultat räknas som nytt.");
    expect(card.body.filter((e: any) => e.type === "Container")).toHaveLength(10);
    expect(card.body.at(-1).text).toBe("… och 4 till: se rapporten.");
  });

  it("puts no link but https on the card", async () => {
    const r = await run(["teams-card", "--findings", write(tonight(), "js.json"), "--run-url", "javascript:alert(1)"]);
    expect(JSON.parse(r.stdout).attachments[0].content.actions).toBeUndefined();
  });
});

describe("count, teams and email", () => {
  it("count writes the number of new failing results to GITHUB_OUTPUT", async () => {
    const r = await run(["count", "--findings", write(tonight(), "count.json")]);
    expect(r.code).toBe(0);
    expect(r.output).toBe("new-failures=3\n");
  });

  it("teams posts the card as JSON to the webhook from the environment", async () => {
    posts.length = 0;
    status = 202;
    const path = write(tonight(), "post.json");
    const r = await run(["teams", "--findings", path, "--run-url", RUN_URL], { TEAMS_WEBHOOK_URL: webhook });
    expect(r.code, r.stderr).toBe(0);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.contentType).toBe("application/json");
    expect(posts[0]?.url).toBe("/workflows/abc/triggers/manual/paths/invoke?sig=SECRET-SIGNATURE");
    const card = await run(["teams-card", "--findings", path, "--run-url", RUN_URL]);
    expect(JSON.parse(posts[0]?.body ?? "")).toEqual(JSON.parse(card.stdout));
    expect(r.stdout).not.toContain("SECRET-SIGNATURE");
  });

  it("teams exits 1 when the webhook refuses, without printing its URL", async () => {
    status = 400;
    const r = await run(["teams", "--findings", write(tonight(), "refused.json")], { TEAMS_WEBHOOK_URL: webhook });
    status = 202;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the Teams webhook answered HTTP 400: Bad request/);
    expect(r.stdout + r.stderr).not.toContain("SECRET-SIGNATURE");
  });

  it("teams sends nothing when nothing is new", async () => {
    posts.length = 0;
    const doc = tonight();
    for (const r of doc.results) if (r.baselineState === "new") r.baselineState = "unchanged";
    const r = await run(["teams", "--findings", write(doc, "quiet.json")], { TEAMS_WEBHOOK_URL: webhook });
    expect(r.code).toBe(0);
    expect(posts).toHaveLength(0);
    expect(r.stdout).toMatch(/nothing sent/);
  });

  it("teams without the secret exits 2 naming it", async () => {
    const r = await run(["teams", "--findings", write(tonight(), "nosecret.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/TEAMS_WEBHOOK_URL is not set/);
  });

  it("email writes a plain-text body without personal data, and the subject to GITHUB_OUTPUT", async () => {
    const out = join(dir, "mail.txt");
    const r = await run(["email", "--findings", write(tonight(), "mail.json"), "--out", out, "--run-url", RUN_URL]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.output).toBe("subject=Hemvist: 3 nya underkända resultat\n");
    const body = readFileSync(out, "utf8");
    expect(body.split("\n")[0]).toBe("Hemvist: 3 nya underkända resultat");
    expect(body).toContain(`  ${HOSTILE} (Microsoft.Storage/storageAccounts)`);
    expect(body).toContain(`  Microsoft 365-användare ${USER_OBJECT_ID}`);
    expect(body).toContain("  Ägare: IT-enheten [drift]");
    expect(body).not.toMatch(/[\w.-]+@[\w-]+\.[a-z]{2,}/i);
    expect(body).toContain(`Öppna körningen och dess rapport: ${RUN_URL}`);
  });

  it("a findings file that cannot be read exits 2 naming it", async () => {
    writeFileSync(join(dir, "broken.json"), "{ not json");
    const r = await run(["count", "--findings", join(dir, "broken.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.json: cannot read findings\.json/);
  });
});
