// The planner's web app: sign in with an API key, then the views the key's role may use, chosen
// by the URL hash. Planner/admin: scenarios, plans, compare. Carrier: its own routes. Intake:
// register a pickup. What a role cannot do is not offered (and the API refuses it anyway).
import { api, ApiError, forgetKey, readKey, storeKey } from "./api.js";
import type { App } from "./app.js";
import { errorBox, h, mount } from "./dom.js";
import { createMap } from "./map.js";
import "./style.css";
import type { Session } from "./types.js";
import { renderCarrier } from "./views/carrier.js";
import { renderCompare } from "./views/compare.js";
import { renderIntake } from "./views/intake.js";
import { renderPlan } from "./views/plan.js";
import { renderScenario, renderScenarioList } from "./views/scenarios.js";
import { renderSignIn } from "./views/signin.js";

const panel = document.getElementById("panel")!;
const nav = document.getElementById("nav")!;
const who = document.getElementById("who")!;
// Frames drawn since the page opened: each one is a full repaint, costly on a software renderer.
// Each is marked on the page's performance timeline ("map-frame"), with "map-created" when the
// map is built, for profiling in the browser's DevTools.
const map = createMap(document.getElementById("map")!, () => {
  window.urbanmine!.frames++;
  performance.mark("map-frame");
});
const timings: Record<string, number> = {};
window.urbanmine = {
  get map() {
    return map.map;
  },
  timings, view: "signin", state: "ready", frames: 0,
};

const NAV: Record<Session["role"], [string, string][]> = {
  admin: [["#/scenarios", "Scenarios"], ["#/compare", "Compare plans"]],
  planner: [["#/scenarios", "Scenarios"], ["#/compare", "Compare plans"]],
  carrier: [["#/carrier", "My routes"]],
  intake: [["#/intake", "Register a pickup"]],
};
const HOME: Record<Session["role"], string> = { admin: "#/scenarios", planner: "#/scenarios", carrier: "#/carrier", intake: "#/intake" };

let session: Session | null = null;
let leaving: (() => void)[] = [];

function status(view: string, state: string): void {
  window.urbanmine!.view = view;
  window.urbanmine!.state = state;
  document.body.dataset.view = view;
  document.body.dataset.state = state;
}

function signOut(message?: string): void {
  forgetKey();
  session = null;
  mount(nav);
  mount(who);
  map.clear();
  status("signin", "ready");
  renderSignIn(panel, signIn, message);
}

async function signIn(key: string): Promise<void> {
  storeKey(key);
  try {
    session = await api<Session>("GET", "/v1/me");
  } catch (err) {
    signOut(err instanceof ApiError && err.status === 401 ? "That key is unknown or revoked." : `Cannot sign in: ${(err as Error).message}`);
    return;
  }
  mount(who, h("span", { class: "role", "data-testid": "role" }, session.carrierId ? `${session.role} · ${session.carrierId}` : session.role), " ",
    session.label ? h("span", { class: "muted" }, session.label) : null, " ",
    h("button", { type: "button", class: "link", id: "sign-out", onclick: () => signOut() }, "Sign out"));
  mount(nav, NAV[session.role].map(([href, text]) => h("a", { href, "data-nav": href }, text)));
  if (!location.hash || location.hash === "#/") location.hash = HOME[session.role];
  else void route();
}

const app = (s: Session): App => ({
  session: s,
  map,
  panel,
  go: (hash) => {
    if (location.hash === hash) void route();
    else location.hash = hash;
  },
  mark: (name, ms) => {
    timings[name] = ms;
  },
  status,
  onLeave: (fn) => leaving.push(fn),
});

async function route(): Promise<void> {
  if (!session) return;
  for (const fn of leaving) fn();
  leaving = [];
  const parts = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  for (const a of nav.querySelectorAll("a")) a.classList.toggle("active", location.hash.startsWith(a.getAttribute("href") ?? "#none"));
  const a = app(session);
  const planner = session.role === "planner" || session.role === "admin";
  try {
    if (planner && parts[0] === "scenarios" && parts[1]) await renderScenario(a, parts[1]);
    else if (planner && parts[0] === "scenarios") await renderScenarioList(a);
    else if (planner && parts[0] === "plans" && parts[1]) await renderPlan(a, parts[1]);
    else if (planner && parts[0] === "compare") await renderCompare(a, parts[1], parts[2]);
    else if (session.role === "carrier" && parts[0] === "carrier") await renderCarrier(a, parts[1]);
    else if (session.role === "intake" && parts[0] === "intake") await renderIntake(a);
    else location.hash = HOME[session.role];
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return signOut("Your key is no longer valid.");
    status(parts[0] ?? "", "error");
    mount(panel, errorBox(err instanceof ApiError ? `${err.code}: ${err.message}` : String(err)));
  }
}

window.addEventListener("hashchange", () => void route());
const saved = readKey();
if (saved) void signIn(saved);
else signOut();
