// What every view receives: the session (role, carrier, scenarios), the map, the side panel,
// and navigation. Views are functions of (app, route parameters).
import type { MapHandle } from "./map.js";
import type { Session } from "./types.js";

export interface App {
  session: Session;
  map: MapHandle;
  panel: HTMLElement;
  /** Navigates to a hash route, e.g. `#/plans/pl_1`. */
  go(hash: string): void;
  /** Records a timing (ms) for the speed benchmark, readable as window.urbanmine.timings. */
  mark(name: string, ms: number): void;
  /** Says which view is shown and whether it has finished drawing ("loading" | "ready" | "error"). */
  status(view: string, state: string): void;
  /** Runs `fn` when the current view is left (e.g. to remove a map listener). */
  onLeave(fn: () => void): void;
}

/** Saves `text` as a file download. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
