// The page's entry: a few kilobytes that start what the first view will need (the session, the
// plan a link points to, the outline files) while the app's code (MapLibre is most of its
// 1.1 MB) loads and compiles, then loads the app. A link to a plan thus waits for the larger of
// the two, not for the code and then the data.
import { prefetch, readKey } from "./api.js";
import { fetchOutlineFiles } from "./outline-files.js";

void fetchOutlineFiles();
if (readKey()) {
  prefetch("/v1/me");
  const plan = /^#\/plans\/([^/]+)$/.exec(location.hash);
  if (plan) prefetch(`/v1/plans/${plan[1]}`);
}
void import("./main.js");
