#!/usr/bin/env bash
# Sourced by .ci/run: installs Debian's Chromium for the browser tests (test/web) when it is not
# there yet, and exports URBANMINE_TEST_CHROMIUM. Needs root (CI runs as root).
if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
export URBANMINE_TEST_CHROMIUM="$(command -v chromium)"
