// Error answers shown to the user: the code, the message, and each issue next to the JSON path it
// names, with the value found at that path in the document that was sent.
import { ApiError, type ApiIssue } from "./api.js";
import { errorBox, h } from "./dom.js";

/** The value at a JSON path such as `zones[3].location.lat`, or undefined. */
export function valueAt(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function issueList(issues: ApiIssue[], doc?: unknown): HTMLElement {
  return h("ul", { class: "issues", "data-testid": "issues" }, issues.map((i) => {
    const found = doc === undefined || i.path === "" ? undefined : valueAt(doc, i.path);
    return h("li", {},
      h("code", { class: "path" }, i.path || "(whole file)"),
      h("span", { class: "msg" }, i.message),
      found !== undefined ? h("span", { class: "found" }, `found: ${JSON.stringify(found).slice(0, 80)}`) : null);
  }));
}

/** An ApiError as a box with its issues. */
export function apiErrorBox(err: unknown, doc?: unknown): HTMLElement {
  if (err instanceof ApiError) {
    return h("div", { class: "error", role: "alert" }, h("strong", {}, `${err.code}: `), err.message.split("\n")[0], err.issues.length > 0 ? issueList(err.issues, doc) : null);
  }
  return errorBox(err instanceof Error ? err.message : String(err));
}

