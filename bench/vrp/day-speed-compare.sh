#!/usr/bin/env bash
# Builds a baseline commit of the engine (default: main) in a temporary tree, adds the speed
# bench to it, and runs the before/after speed report against the current build, written to
# bench/results/vrp-day-speed.md. Usage: bash bench/vrp/day-speed-compare.sh [BASE_COMMIT] [extra report args]
set -euo pipefail
root=$(git rev-parse --show-toplevel)
base=${1:-main}
shift || true
tmp=$(mktemp -d /tmp/urbanmine-base.XXXXXX)
git -C "$root" archive "$base" | tar -x -C "$tmp"
cp "$root"/bench/vrp/synthetic-day.ts "$root"/bench/vrp/day-speed.ts "$tmp"/bench/vrp/
ln -s "$root"/node_modules "$tmp"/node_modules
(cd "$tmp" && npx tsc -p . >/dev/null)
(cd "$root" && npx tsc -p . >/dev/null)
node "$root"/dist/bench/vrp/day-speed-report.js --base "$tmp"/dist --head "$root"/dist \
  --base-label "before ($base)" --head-label "after ($(git -C "$root" rev-parse --short HEAD))" --out "$root"/bench/results/vrp-day-speed.md "$@"
rm -rf "$tmp"
echo "updated $root/bench/results/vrp-day-speed.md"
