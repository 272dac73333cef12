#!/usr/bin/env bash
# PostgreSQL and Redis for the test suites that need them. Source it (`. .ci/services.sh`): it
# installs the Debian packages when missing, starts both as local processes on free ports in a
# temp directory, exports URBANMINE_TEST_PG_URL, URBANMINE_TEST_REDIS_URL and
# URBANMINE_REQUIRE_SERVICES=1 (those suites then fail instead of skipping), and stops both when
# the shell exits. PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.

um_services_install() {
  if command -v redis-server >/dev/null && ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then return 0; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql redis-server >/dev/null
}

um_free_port() {
  node -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

um_services_stop() {
  if [ -n "${UM_PG_DATA:-}" ] && [ -f "$UM_PG_DATA/postmaster.pid" ]; then
    $UM_AS_PG "$UM_PG_BIN/pg_ctl" -D "$UM_PG_DATA" -m immediate stop >/dev/null 2>&1 || true
  fi
  if [ -n "${UM_SERVICES_DIR:-}" ] && [ -f "$UM_SERVICES_DIR/redis.pid" ]; then
    kill "$(cat "$UM_SERVICES_DIR/redis.pid")" 2>/dev/null || true
  fi
  [ -n "${UM_SERVICES_DIR:-}" ] && rm -rf "$UM_SERVICES_DIR"
  return 0
}

um_services_start() {
  um_services_install
  UM_PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  UM_SERVICES_DIR=$(mktemp -d /tmp/urbanmine-services.XXXXXX)
  chmod 755 "$UM_SERVICES_DIR"
  UM_PG_DATA="$UM_SERVICES_DIR/pg"
  UM_AS_PG=""
  mkdir -p "$UM_PG_DATA" "$UM_SERVICES_DIR/sock"
  if [ "$(id -u)" = "0" ]; then
    chown -R postgres "$UM_SERVICES_DIR"
    UM_AS_PG="runuser -u postgres --"
  fi
  local pg_port redis_port
  pg_port=$(um_free_port)
  redis_port=$(um_free_port)

  $UM_AS_PG "$UM_PG_BIN/initdb" -D "$UM_PG_DATA" -U urbanmine -A trust -E UTF8 >"$UM_SERVICES_DIR/initdb.log" 2>&1
  $UM_AS_PG "$UM_PG_BIN/pg_ctl" -D "$UM_PG_DATA" -l "$UM_SERVICES_DIR/postgres.log" -w \
    -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $UM_SERVICES_DIR/sock -c fsync=off" start >/dev/null
  $UM_AS_PG "$UM_PG_BIN/createdb" -h 127.0.0.1 -p "$pg_port" -U urbanmine urbanmine_test

  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$UM_SERVICES_DIR" \
    --daemonize yes --pidfile "$UM_SERVICES_DIR/redis.pid" --logfile "$UM_SERVICES_DIR/redis.log"
  for _ in $(seq 1 50); do
    redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done

  export URBANMINE_TEST_PG_URL="postgres://urbanmine@127.0.0.1:$pg_port/urbanmine_test"
  export URBANMINE_TEST_REDIS_URL="redis://127.0.0.1:$redis_port"
  export URBANMINE_REQUIRE_SERVICES=1
  echo "services: PostgreSQL on 127.0.0.1:$pg_port, Redis on 127.0.0.1:$redis_port (in $UM_SERVICES_DIR)"
}

# Stop on exit, keeping any exit trap set before this file was sourced.
um_prev_trap=$(trap -p EXIT | sed -e "s/^trap -- '\(.*\)' EXIT$/\1/")
trap "um_services_stop; ${um_prev_trap}" EXIT
um_services_start
