#!/usr/bin/env bash
# Builds a baseline commit of the engine (default: the commit before segment pricing) in a
# temporary tree, adds the speed bench to it, and runs the before/after speed report against
# the current build. Usage: bash bench/vrp/general-speed-compare.sh [BASE_COMMIT] [extra report args]
set -euo pipefail
root=$(git rev-parse --show-toplevel)
base=${1:-fb95119}
shift || true
tmp=$(mktemp -d /tmp/urbanmine-base.XXXXXX)
git -C "$root" archive "$base" | tar -x -C "$tmp"
cp "$root"/bench/vrp/synthetic-day.ts "$root"/bench/vrp/general-speed.ts "$tmp"/bench/vrp/
ln -s "$root"/node_modules "$tmp"/node_modules
(cd "$tmp" && npx tsc -p . >/dev/null)
(cd "$root" && npx tsc -p . >/dev/null)
part=$(mktemp /tmp/vrp-general-speed.XXXXXX.md)
node "$root"/dist/bench/vrp/general-speed-report.js --base "$tmp"/dist --head "$root"/dist \
  --base-label "before ($base)" --head-label "after ($(git -C "$root" rev-parse --short HEAD))" --out "$part" "$@"
# replace the speed section of the results file, keeping the quality section above it
out="$root"/bench/results/vrp-general.md
if grep -q '^## Speed of the general search' "$out"; then
  sed -i '/^## Speed of the general search/,$d' "$out"
fi
cat "$part" >> "$out"
rm -rf "$tmp" "$part"
echo "updated $out"
