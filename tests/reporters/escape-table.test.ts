/**
 * The reporters' escaping (src/reporters/escape.ts) and the terminal's (src/base/display.ts), as
 * tables of hostile strings and the exact text each format must turn them into. These are the
 * tests of the mutation target `src/reporters/escape.ts,src/base/display.ts` (mutation/README.md):
 * every expected value is written out by hand, never computed by the code under test.
 */
import { describe, expect, it } from "vitest";
import { displayLines, displayText, escapeControls, isWorkflowCommand, nameConcernNote, nameConcerns, safeLines } from "../../src/base/display.js";
import { csvField, escapeForScript, escapeHtml, jsonForScript, mdEscape, sarifText } from "../../src/reporters/escape.js";

/** Backslash, for reading the expected values (`${B}u001b` is the six characters `\u001b`). */
const B = "\\";

describe("escapeHtml: element content and double- or single-quoted attributes", () => {
  it.each([
    ["a closing script tag", "</script><script>alert(1)</script>", "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"],
    ["a comment opener", "<!-- x", "&lt;!-- x"],
    ["every occurrence, not only the first", "a<b<c>d>e&f&g\"h\"i'j'k", "a&lt;b&lt;c&gt;d&gt;e&amp;f&amp;g&quot;h&quot;i&#39;j&#39;k"],
    ["an attribute break-out", `" onmouseover="alert(1)`, "&quot; onmouseover=&quot;alert(1)"],
    ["a single-quoted attribute break-out", "' autofocus onfocus='x", "&#39; autofocus onfocus=&#39;x"],
    ["an entity already written is escaped again (the text is shown as typed)", "&lt;b&gt;", "&amp;lt;b&amp;gt;"],
    ["Swedish text unchanged", "Förvaltning för miljö – Åre", "Förvaltning för miljö – Åre"],
  ])("%s", (_name, input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe("escapeForScript and jsonForScript: JSON inside a <script> element", () => {
  it.each([
    ["a closing script tag", '"</script>"', `"${B}u003c/script${B}u003e"`],
    ["a comment opener", '"<!--"', `"${B}u003c!--"`],
    ["an ampersand (no entity is formed)", '"a&amp;b"', `"a${B}u0026amp;b"`],
    ["the line and paragraph separators (line breaks in older JavaScript)", '"a\u2028b\u2029c"', `"a${B}u2028b${B}u2029c"`],
    ["every occurrence", "<<>>&&", `${B}u003c${B}u003c${B}u003e${B}u003e${B}u0026${B}u0026`],
    ["nothing else", '{"name":"stmiljö01","n":[1,2]}', '{"name":"stmiljö01","n":[1,2]}'],
  ])("%s", (_name, input, expected) => {
    expect(escapeForScript(input)).toBe(expected);
  });

  it("jsonForScript escapes inside the JSON text, which still parses back to the same value", () => {
    const value = { name: "</script><!--", note: "a&b\u2028c" };
    const text = jsonForScript(value);
    expect(text).toBe(`{"name":"${B}u003c/script${B}u003e${B}u003c!--","note":"a${B}u0026b${B}u2028c"}`);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe("csvField: formula injection neutralised, separators and quotes quoted (RFC 4180)", () => {
  it.each([
    ["a DDE formula", "=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ["a leading plus", "+41 22 000 00 00", "'+41 22 000 00 00"],
    ["a leading minus", "-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ["a leading at sign", "@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"],
    ["a lone equals sign", "=", "'="],
    ["a leading tab (neutralised, then quoted: tab separates in some locales)", "\t=1+1", "\"'\t=1+1\""],
    ["a leading carriage return (neutralised, then quoted)", "\r=1+1", "\"'\r=1+1\""],
    ["an equals sign later in the text is not a formula", "a=b", "a=b"],
    ["a minus inside a name", "rg-prod-01", "rg-prod-01"],
    ["a semicolon (Swedish Excel's separator) before a formula", "x;=cmd|' /C calc'!A0", "\"x;=cmd|' /C calc'!A0\""],
    ["a comma", "Stockholm, Sverige", '"Stockholm, Sverige"'],
    ["a tab inside", "a\tb", '"a\tb"'],
    ["a lone carriage return inside", "a\rb", '"a\rb"'],
    ["a line feed", "rad ett\nrad två", '"rad ett\nrad två"'],
    ["quotes doubled, every one", 'säger "nej" och "ja"', '"säger ""nej"" och ""ja"""'],
    ["a formula with a quote", '=HYPERLINK("http://evil.example","klicka")', '"\'=HYPERLINK(""http://evil.example"",""klicka"")"'],
    ["plain text unchanged", "stmiljodata01", "stmiljodata01"],
    ["empty", "", ""],
  ])("%s", (_name, input, expected) => {
    expect(csvField(input)).toBe(expected);
  });
});

describe("mdEscape: one GitHub Markdown line or table cell", () => {
  it.each([
    ["entities for &, < and >, every one", "a & b <i> c & d", "a &amp; b &lt;i&gt; c &amp; d"],
    ["the punctuation GFM reads: backslash, backtick, pipe, *, _, [, ], ~, #, !", "\\`|*_[]~#!", "\\\\\\`\\|\\*\\_\\[\\]\\~\\#\\!"],
    ["every pipe", "a|b|c", "a\\|b\\|c"],
    ["a lone carriage return becomes a space", "a\rb", "a b"],
    ["CR LF is one line break: one space", "a\r\nb", "a b"],
    ["every line break", "a\nb\nc", "a b c"],
    ["NUL is escaped visibly, its backslash escaped for Markdown", "x\u0000y", "x\\\\u0000y"],
    ["a bidi isolate", "a\u2067b", "a\\\\u2067b"],
    ["several links with text between them", "a http://x.example b www.y.example c", "a `http://x.example` b `www.y.example` c"],
    ["a scheme in capitals", "HTTPS://EVIL.example/x", "`HTTPS://EVIL.example/x`"],
    ["ftp: and xmpp:", "ftp://f.example xmpp:a", "`ftp://f.example` `xmpp:a`"],
    ["a GH- reference in lower case", "gh-7", "`gh-7`"],
    ["a mention with a Swedish letter", "hej @åsa", "hej `@åsa`"],
    ["a mention starting with a digit", "ping @1password", "ping `@1password`"],
    ["a reference ends at the space after it", "fixes #123 now", "fixes `#123` now"],
    ["a link stops at a pipe, which is escaped", "http://x.example|y", "`http://x.example`\\|y"],
    ["a link stops at a backtick, which is escaped", "http://x.example`y", "`http://x.example`\\`y"],
    ["a hash without digits is escaped, not a reference", "#x", "\\#x"],
    ["an e-mail address is redacted before anything else", "av ola.berg@exempelby.se|x", "av \\[redacted\\]\\|x"],
    ["plain text unchanged", "Förvaltning för miljö", "Förvaltning för miljö"],
  ])("%s", (_name, input, expected) => {
    expect(mdEscape(input)).toBe(expected);
  });
});

describe("sarifText: SARIF plain text that never forms a link", () => {
  it.each([
    ["a Markdown link", "[x](https://evil.example)", "\\[x\\](https://evil.example)"],
    ["every bracket", "[a][b]", "\\[a\\]\\[b\\]"],
    ["a backslash before a bracket is doubled, so the bracket stays escaped", "\\[x", "\\\\\\[x"],
    ["two backslashes before a bracket become four", "\\\\]", "\\\\\\\\\\]"],
    ["a backslash elsewhere stays single", "C:\\arkiv", "C:\\arkiv"],
    ["an escape sequence: escaped visibly, its bracket escaped", "\u001b[31m", "\\u001b\\[31m"],
    ["a right-to-left override", "\u202Egpj.exe", "\\u202egpj.exe"],
    ["plain text unchanged", "Lagringskontot använder nycklar som Microsoft hanterar.", "Lagringskontot använder nycklar som Microsoft hanterar."],
  ])("%s", (_name, input, expected) => {
    expect(sarifText(input)).toBe(expected);
  });
});

describe("escapeControls: exactly C0, DEL, C1, the bidi controls and U+2028/2029", () => {
  // Each range's first and last character, and the characters just outside it.
  it.each([
    ["\u0000", `${B}u0000`],
    ["\u0001", `${B}u0001`],
    ["\u001F", `${B}u001f`],
    ["\u0020", " "],
    ["\u007E", "~"],
    ["\u007F", `${B}u007f`],
    ["\u009F", `${B}u009f`],
    ["\u00A0", "\u00A0"],
    ["\u061B", "\u061B"],
    ["\u061C", `${B}u061c`],
    ["\u061D", "\u061D"],
    ["\u200D", "\u200D"],
    ["\u200E", `${B}u200e`],
    ["\u200F", `${B}u200f`],
    ["\u2010", "\u2010"],
    ["\u2027", "\u2027"],
    ["\u2028", `${B}u2028`],
    ["\u2029", `${B}u2029`],
    ["\u202A", `${B}u202a`],
    ["\u202E", `${B}u202e`],
    ["\u202F", "\u202F"],
    ["\u2065", "\u2065"],
    ["\u2066", `${B}u2066`],
    ["\u2069", `${B}u2069`],
    ["\u206A", "\u206A"],
  ])("U+%s", (input, expected) => {
    expect(escapeControls(`a${input}b${input}`)).toBe(`a${expected}b${expected}`);
  });
});

describe("displayText, displayLines, safeLines: no workflow command, ever", () => {
  it.each([
    ["::set-output at the start", "::set-output name=x::y", `${B}u003a:set-output name=x::y`],
    ["::error after a tab: the tab escaped, so the line starts with a backslash", "\t::error::x", `${B}u0009::error::x`],
    ["::warning after spaces", "  ::warning::w", `  ${B}u003a:warning::w`],
    ["::add-mask after a line break (the break escaped, so the line never starts there)", "a\n::add-mask::b", `a${B}u000a::add-mask::b`],
    ["##[ anywhere, every one", "a ##[error]b ##[group]c", `a #${B}u0023[error]b #${B}u0023[group]c`],
    ["a single colon at the start", ":x", ":x"],
    [":: inside a value", "fe80::1", "fe80::1"],
    ["# without a bracket", "## rubrik", "## rubrik"],
  ])("displayText: %s", (_name, input, expected) => {
    expect(displayText(input)).toBe(expected);
  });

  it("displayText converts what is not a string, and escapes it", () => {
    expect(displayText(404)).toBe("404");
    expect(displayText(undefined)).toBe("undefined");
    expect(displayText(null)).toBe("null");
    expect(displayText({ toString: () => "::error::x" })).toBe(`${B}u003a:error::x`);
  });

  it("displayLines keeps LF and CR LF breaks as LF, and escapes each line", () => {
    expect(displayLines("a\r\n::error::b\nc\u001b")).toBe(`a\n${B}u003a:error::b\nc${B}u001b`);
  });

  it.each([
    ["a :: line and no ##[", "rapport\n::error::x\nslut", `rapport\n${B}u003a:error::x\nslut`],
    ["only ##[ and no ::", "a ##[error]b", `a #${B}u0023[error]b`],
    [":: only inside lines: unchanged", "fe80::1\nb::c", "fe80::1\nb::c"],
    ["every :: line", "::a\n  ::b\n::c", `${B}u003a:a\n  ${B}u003a:b\n${B}u003a:c`],
    ["nothing to do", "Hemvist — Exempelkommun\n", "Hemvist — Exempelkommun\n"],
  ])("safeLines: %s", (_name, input, expected) => {
    expect(safeLines(input)).toBe(expected);
  });

  it.each([
    ["::error::x", true],
    ["  ::x", true],
    ["a ##[b", true],
    ["a::b", false],
    ["#[x", false],
  ])("isWorkflowCommand(%j) is %s", (line, expected) => {
    expect(isWorkflowCommand(line)).toBe(expected);
  });
});

describe("nameConcerns and nameConcernNote", () => {
  it.each([
    ["a two-letter word mixing Latin and Cyrillic", ["p\u0430"], ["mixed-script"]],
    ["Cyrillic after a digit in one word", ["app1\u0430"], ["mixed-script"]],
    ["Latin and Greek in one word", ["\u03B1b"], ["mixed-script"]],
    ["Greek and Cyrillic in one word", ["\u03B1\u0431"], ["mixed-script"]],
    ["absent and empty names are skipped", [undefined, null, "", "p\u0430ypal"], ["mixed-script"]],
    ["a bidi mark in a later name", ["rg-prod", "a\u200Fb"], ["bidi"]],
    ["the Arabic letter mark", ["x\u061C"], ["bidi"]],
    ["U+2028 is not a bidi control", ["a\u2028b"], []],
    ["a bidi control and a look-alike in different names: both, in that order", ["p\u0430ypal", "\u2066x"], ["bidi", "mixed-script"]],
    ["one-letter words of different scripts", ["a \u0430"], []],
    ["Latin only", ["rg-miljö-01"], []],
    ["wholly Cyrillic", ["Москва"], []],
    ["wholly Greek", ["Αθήνα"], []],
  ] as [string, (string | null | undefined)[], string[]][])("%s", (_name, names, expected) => {
    expect(nameConcerns(...names)).toEqual(expected);
  });

  it("the note is empty without concerns, and lists them in the report language", () => {
    expect(nameConcernNote([], "en")).toBe("");
    expect(nameConcernNote([], "sv")).toBe("");
    expect(nameConcernNote(["bidi", "mixed-script"], "en")).toBe(
      " (warning: name contains bidirectional control characters that can reorder how it is shown; name mixes Latin with Cyrillic or Greek letters (possible look-alike))",
    );
    expect(nameConcernNote(["mixed-script"], "sv")).toBe(" (varning: namnet blandar latinska med kyrilliska eller grekiska bokstäver (möjlig förväxling))");
    expect(nameConcernNote(["bidi"], "sv")).toBe(" (varning: namnet innehåller dubbelriktade styrtecken som kan ändra hur det visas)");
  });
});
