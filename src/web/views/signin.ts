// Sign in with an API key. The key is kept in sessionStorage only (gone when the tab closes) and
// checked against GET /v1/me before anything else is shown.
import { h, mount } from "../dom.js";

/** The sign-in form; `onKey` receives the trimmed key. */
export function renderSignIn(panel: HTMLElement, onKey: (key: string) => void, error?: string): void {
  const input = h("input", { type: "password", id: "api-key", name: "api-key", autocomplete: "off", placeholder: "um_…", required: true, "aria-label": "API key" });
  const form = h("form", { class: "card signin", onsubmit: (ev: Event) => { ev.preventDefault(); if (input.value.trim()) onKey(input.value.trim()); } },
    h("h2", {}, "Sign in"),
    h("p", {}, "Paste the API key you were given. It stays in this browser tab only."),
    h("label", { for: "api-key" }, "API key"),
    input,
    error ? h("div", { class: "error", role: "alert" }, error) : null,
    h("button", { type: "submit", class: "primary" }, "Sign in"),
    h("p", { class: "hint" }, "Keys are made with ", h("code", {}, "urbanmine keys create --role planner|carrier|intake"), "."));
  mount(panel, form);
  input.focus();
}
