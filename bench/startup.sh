#!/usr/bin/env bash
# Start-up and memory of the packaged application against a throwaway PostgreSQL, JVM and native side by side (issue
# 10 item 4), each with exactly the flags its image ships: the JVM with the JAVA_OPTS_APPEND of
# src/main/docker/Dockerfile.jvm, the native binary with the ENTRYPOINT arguments of src/main/docker/Dockerfile.native.
# A first start migrates the empty database (shown, not counted); then each of [runs] starts on the migrated database
# prints: time from exec to /q/health/ready UP, RSS idle (1 s after ready), RSS after 10 s of wrk on the slot read
# (32 connections, member key), and time from SIGTERM to exit.
#
#   ./mvnw package -DskipTests                 # target/quarkus-app
#   ./mvnw package -DskipTests -Dnative ...    # optional: target/*-runner (see README "Native")
#   bash bench/startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
. bench/pg.sh
app_port=18181
. bench/app.sh

measure() { # name, command...
  local name=$1; shift
  local db="bench_$name"
  pg_up "$db"
  echo "$name: $*"
  for i in $(seq 0 "$runs"); do
    local log="$work/$name-$i.log" start; start=$(ms)
    app_start "$db" "$log" "$@"
    app_ready "$log" || return 1
    local ready=$(( $(ms) - start ))
    if [ "$i" -eq 0 ]; then
      printf '%-7s first start (migrates the empty database): ready %5d ms\n' "$name" "$ready"
      slot_fixture || return 1
    else
      sleep 1
      local idle; idle=$(rss)
      wrk -t2 -c32 -d10s -H "Authorization: Bearer $key" "$slot" > "$work/wrk-$name-$i.txt"
      local loaded; loaded=$(rss)
      local rps; rps=$(awk '/Requests\/sec/ {print int($2)}' "$work/wrk-$name-$i.txt")
    fi
    local t; t=$(ms); kill -TERM "$app"; wait "$app" 2>/dev/null || true
    local stop=$(( $(ms) - t ))
    [ "$i" -eq 0 ] || printf '%-7s run %d: ready %5d ms   RSS idle %4d MiB   after load %4d MiB (%6d rps)   SIGTERM→exit %4d ms\n' \
      "$name" "$i" "$ready" "$idle" "$loaded" "$rps" "$stop"
  done
}

[ -f target/quarkus-app/quarkus-run.jar ] && measure jvm java "${jvm_flags[@]}" -Dquarkus.http.host=127.0.0.1 -jar target/quarkus-app/quarkus-run.jar
runner=$(ls target/*-runner 2>/dev/null | head -1 || true)
[ -n "$runner" ] && measure native "$runner" "${native_flags[@]}" -Dquarkus.http.host=127.0.0.1
[ -f target/quarkus-app/quarkus-run.jar ] || [ -n "$runner" ] || { echo "nothing packaged: run ./mvnw package first"; exit 1; }
