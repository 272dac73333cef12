// Solve a scenario with live progress: stage, fraction, best objective so far and elapsed time,
// polled from GET /v1/jobs/{id}; Stop (DELETE) ends the solve and keeps the best plan found.
import { api } from "../api.js";
import type { App } from "../app.js";
import { h, money, mount } from "../dom.js";
import type { Job } from "../types.js";
import { apiErrorBox } from "../errors.js";

const POLL_MS = 400;

function elapsedS(job: Job): number {
  if (!job.startedAt) return 0;
  const end = job.finishedAt ? Date.parse(job.finishedAt) : Date.now();
  return Math.max(0, (end - Date.parse(job.startedAt)) / 1000);
}

/** The solve form and, once a job runs, its progress; `live` resumes a job already running. */
export function solvePanel(app: App, scenarioId: string, live?: Job): HTMLElement {
  const timeLimit = h("input", { type: "number", id: "solve-time-limit", min: "1", step: "1", value: "30" });
  const seed = h("input", { type: "number", id: "solve-seed", min: "0", step: "1", value: "1" });
  const iterations = h("input", { type: "number", id: "solve-iterations", min: "1", step: "1", placeholder: "time-bounded" });
  const progress = h("div", { class: "progress", "data-testid": "solve-progress" });
  const start = h("button", { type: "submit", class: "primary", id: "solve" }, "Solve");

  async function follow(job: Job): Promise<void> {
    start.disabled = true;
    let stopping = false;
    const stop = h("button", { type: "button", id: "stop", class: "danger", onclick: async () => {
      stopping = true;
      stop.disabled = true;
      stop.textContent = "Stopping…";
      try {
        await api<Job>("DELETE", `/v1/jobs/${job.id}`);
      } catch (err) {
        progress.append(apiErrorBox(err));
      }
    } }, "Stop and keep the best plan");
    const bar = h("progress", { max: "1", value: "0" });
    const facts = h("dl", { class: "facts" });
    mount(progress, bar, facts, stop);
    for (;;) {
      const fresh = await api<Job>("GET", `/v1/jobs/${job.id}`);
      bar.value = fresh.progress.fraction;
      mount(facts,
        h("dt", {}, "state"), h("dd", { "data-testid": "job-state" }, fresh.state),
        h("dt", {}, "stage"), h("dd", { "data-testid": "job-stage" }, `${fresh.progress.stage}${fresh.progress.message ? `: ${fresh.progress.message}` : ""}`),
        h("dt", {}, "best objective"), h("dd", {}, fresh.bestObjectiveUsd === null ? "–" : `${money(fresh.bestObjectiveUsd)}/yr`),
        h("dt", {}, "elapsed"), h("dd", {}, `${elapsedS(fresh).toFixed(1)} s`));
      if (fresh.state === "done" || fresh.state === "cancelled" || fresh.state === "failed") {
        stop.remove();
        start.disabled = false;
        if (fresh.planId) {
          progress.append(h("p", {}, stopping ? "Stopped; the best plan found was kept. " : "Done. ", h("a", { href: `#/plans/${fresh.planId}`, id: "open-plan" }, "Open the plan")));
          if (!stopping) app.go(`#/plans/${fresh.planId}`);
        } else progress.append(h("div", { class: "error", role: "alert" }, fresh.error ?? `job ${fresh.state} without a plan`));
        return;
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  const form = h("form", {
    class: "card",
    onsubmit: async (ev: Event) => {
      ev.preventDefault();
      const body: Record<string, number> = { timeLimitS: Number(timeLimit.value), seed: Number(seed.value) };
      if (iterations.value.trim()) body.routingIterations = Number(iterations.value);
      try {
        const job = await api<Job>("POST", `/v1/scenarios/${encodeURIComponent(scenarioId)}/solve`, body);
        await follow(job);
      } catch (err) {
        mount(progress, apiErrorBox(err));
        start.disabled = false;
      }
    },
  },
  h("h3", {}, "Solve"),
  h("div", { class: "fields" },
    h("div", { class: "field" }, h("label", { for: timeLimit.id }, "Time limit, s"), timeLimit),
    h("div", { class: "field" }, h("label", { for: seed.id }, "Seed"), seed),
    h("div", { class: "field" }, h("label", { for: iterations.id }, "Routing iterations"), iterations)),
  start, progress);
  if (live) void follow(live);
  return form;
}
