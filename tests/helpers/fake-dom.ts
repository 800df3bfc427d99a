/**
 * A very small DOM, enough to run report.html's inline script in Node (node:vm) where no browser
 * is installed: elements, text nodes, fragments, attributes, listeners, textContent and simple
 * selectors (`tag`, `.class`, `#id`, `tag.class`). Not a browser: layout, CSS and events beyond
 * listeners are absent. tests/reporters/html-browser.test.ts runs the page in Chromium.
 */
import { runInNewContext } from "node:vm";

export class FakeNode {
  readonly childNodes: FakeNode[] = [];
  parentNode: FakeNode | null = null;
  readonly attrs = new Map<string, string>();
  readonly listeners = new Map<string, ((e: unknown) => void)[]>();
  hidden = false;
  disabled = false;
  open = false;
  value = "";
  private data = "";

  constructor(
    readonly nodeType: 1 | 3 | 11,
    readonly tagName: string,
    text = "",
  ) {
    this.data = text;
  }

  readonly classList = {
    add: (c: string) => this.setAttribute("class", [...new Set([...this.classes(), c])].join(" ")),
    remove: (c: string) => this.setAttribute("class", this.classes().filter((x) => x !== c).join(" ")),
    contains: (c: string) => this.classes().includes(c),
  };

  classes(): string[] {
    return (this.attrs.get("class") ?? "").split(/\s+/).filter(Boolean);
  }
  get className(): string {
    return this.attrs.get("class") ?? "";
  }
  set className(v: string) {
    this.attrs.set("class", v);
  }
  get id(): string {
    return this.attrs.get("id") ?? "";
  }
  set id(v: string) {
    this.attrs.set("id", v);
  }
  setAttribute(k: string, v: unknown): void {
    this.attrs.set(k, String(v));
  }
  getAttribute(k: string): string | null {
    return this.attrs.get(k) ?? null;
  }
  removeAttribute(k: string): void {
    this.attrs.delete(k);
  }
  addEventListener(type: string, fn: (e: unknown) => void): void {
    const list = this.listeners.get(type) ?? [];
    list.push(fn);
    this.listeners.set(type, list);
  }
  /** Calls the listeners of `type` (a click, a change). */
  dispatch(type: string): void {
    for (const fn of this.listeners.get(type) ?? []) fn({ type, target: this, preventDefault() {} });
  }
  appendChild(c: FakeNode): FakeNode {
    if (c.nodeType === 11) {
      for (const x of [...c.childNodes]) this.appendChild(x);
      return c;
    }
    c.parentNode?.removeChild(c);
    c.parentNode = this;
    this.childNodes.push(c);
    return c;
  }
  removeChild(c: FakeNode): FakeNode {
    const i = this.childNodes.indexOf(c);
    if (i >= 0) this.childNodes.splice(i, 1);
    c.parentNode = null;
    return c;
  }
  insertBefore(c: FakeNode, ref: FakeNode | null): FakeNode {
    if (!ref) return this.appendChild(c);
    c.parentNode?.removeChild(c);
    c.parentNode = this;
    this.childNodes.splice(this.childNodes.indexOf(ref), 0, c);
    return c;
  }
  get nextSibling(): FakeNode | null {
    const siblings = this.parentNode?.childNodes ?? [];
    return siblings[siblings.indexOf(this) + 1] ?? null;
  }
  get textContent(): string {
    return this.nodeType === 3 ? this.data : this.childNodes.map((c) => c.textContent).join("");
  }
  set textContent(v: string) {
    for (const c of this.childNodes) c.parentNode = null;
    this.childNodes.length = 0;
    if (this.nodeType === 3) this.data = String(v);
    else if (String(v) !== "") this.appendChild(new FakeNode(3, "#text", String(v)));
  }
  scrollIntoView(): void {}
  focus(): void {}
  select(): void {}

  private matches(sel: string): boolean {
    if (this.nodeType !== 1) return false;
    const m = /^([a-z0-9]*)(?:#([\w-]+))?((?:\.[\w-]+)*)$/i.exec(sel.trim());
    if (!m) throw new Error(`fake-dom: unsupported selector ${sel}`);
    const [, tag, id, cls] = m;
    if (tag && this.tagName !== tag.toLowerCase()) return false;
    if (id && this.id !== id) return false;
    for (const c of (cls ?? "").split(".").filter(Boolean)) if (!this.classes().includes(c)) return false;
    return true;
  }
  querySelectorAll(sel: string): FakeNode[] {
    const out: FakeNode[] = [];
    const walk = (n: FakeNode) => {
      for (const c of n.childNodes) {
        if (c.matches(sel)) out.push(c);
        walk(c);
      }
    };
    walk(this);
    return out;
  }
  querySelector(sel: string): FakeNode | null {
    return this.querySelectorAll(sel)[0] ?? null;
  }
  /** The direct children that are elements. */
  get elements(): FakeNode[] {
    return this.childNodes.filter((c) => c.nodeType === 1);
  }
}

/**
 * Runs report.html's scripts against a fake DOM holding its two data blocks and `#app`.
 * @returns the root element (html), with the page the script built under `#app`
 */
export function runReportScript(html: string): FakeNode {
  const block = (id: string) => {
    const open = `<script type="application/json" id="${id}">`;
    const start = html.indexOf(open);
    if (start < 0) throw new Error(`no #${id}`);
    return html.slice(start + open.length, html.indexOf("</script>", start + open.length));
  };
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] as string);
  const root = new FakeNode(1, "html");
  const body = root.appendChild(new FakeNode(1, "body"));
  for (const id of ["hemvist-data", "hemvist-meta"]) {
    const s = body.appendChild(new FakeNode(1, "script"));
    s.id = id;
    s.textContent = block(id);
  }
  body.appendChild(new FakeNode(1, "div")).id = "app";
  const document = {
    body,
    getElementById: (id: string) => (root.querySelectorAll(`#${id}`)[0] ?? null) as FakeNode | null,
    createElement: (tag: string) => new FakeNode(1, tag.toLowerCase()),
    createElementNS: (_ns: string, tag: string) => new FakeNode(1, tag),
    createTextNode: (text: string) => new FakeNode(3, "#text", text),
    createDocumentFragment: () => new FakeNode(11, "#fragment"),
    querySelectorAll: (sel: string) => root.querySelectorAll(sel),
    execCommand: () => true,
  };
  const window = { addEventListener() {}, matchMedia: () => ({ matches: false, addEventListener() {} }) };
  runInNewContext(scripts.join("\n"), { document, window, navigator: {}, setTimeout, clearTimeout });
  return root;
}
