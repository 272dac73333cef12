// A small element builder: views are plain functions returning elements. Text always goes in as
// text nodes (never innerHTML), so names from uploaded scenarios cannot inject markup.
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | ((ev: Event) => void) | undefined>;

/** Creates `<tag>` with attributes (`on*` functions become listeners) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") el.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) el.setAttribute(name, "");
    else el.setAttribute(name, String(value));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** Replaces the children of `el`. */
export function mount(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
}

const int = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const dec = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });

/** 12,345 for large numbers, 1.23 for small ones. */
export function num(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  return Math.abs(v) >= 100 ? int.format(v) : dec.format(v);
}

export function money(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? "–" : usd.format(v);
}

export function pct(v: number): string {
  return `${dec.format(v * 100)}%`;
}

/** A two-column table of label/value rows. */
export function kvTable(rows: [string, string][], cls = "kv"): HTMLTableElement {
  return h("table", { class: cls }, h("tbody", {}, rows.map(([k, v]) => h("tr", {}, h("th", { scope: "row" }, k), h("td", {}, v)))));
}

/** An error box for a failed call. */
export function errorBox(message: string): HTMLElement {
  return h("div", { class: "error", role: "alert" }, message);
}
