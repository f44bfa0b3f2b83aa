#!/usr/bin/env bash
# Start-up and shutdown figures of the packaged application against a throwaway PostgreSQL:
# time from exec to /q/health/ready UP (first start migrates an empty database; later starts do not),
# resident memory once ready, and time from SIGTERM to exit. JVM and native side by side when both exist.
#
#   ./mvnw package -DskipTests                 # target/quarkus-app
#   ./mvnw package -DskipTests -Dnative ...    # optional: target/*-runner (see README "Native")
#   bash bench/startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
. bench/pg.sh

measure() { # name, command...
  local name=$1; shift
  local db="bench_$name"
  pg_up "$db"
  for i in $(seq 1 "$runs"); do
    local start; start=$(ms)
    DATABASE_URL="postgresql://codeb@127.0.0.1:$port/$db" CODEB_REGISTRY_DIR="$work/reg-$name" \
      CODEB_ADMIN_KEY=bench-admin-key-0123456789abcdefghijkl QUARKUS_HTTP_PORT=18181 \
      CODEB_ENV_ENCRYPTION_KEY=YmVuY2gtb25seS1rZXktbm90LWEtc2VjcmV0LTMyYiE= \
      bash -c 'exec -a codeb-bench-app "$@"' _ "$@" >"$work/$name-$i.log" 2>&1 &
    local pid=$!
    until curl -sf http://127.0.0.1:18181/q/health/ready >/dev/null 2>&1; do
      kill -0 $pid 2>/dev/null || { echo "$name exited early:"; tail -5 "$work/$name-$i.log"; return 1; }
      sleep 0.02
    done
    local ready=$(( $(ms) - start ))
    local rss; rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status)
    local t; t=$(ms); kill -TERM $pid; wait $pid 2>/dev/null || true
    local stop=$(( $(ms) - t ))
    printf '%-8s run %d: ready %5d ms   RSS %4d MiB   SIGTERM→exit %4d ms%s\n' "$name" "$i" "$ready" "$rss" "$stop" \
      "$([ "$i" -eq 1 ] && echo '   (first start: migrates the empty database)')"
  done
}

[ -f target/quarkus-app/quarkus-run.jar ] && measure jvm java -jar target/quarkus-app/quarkus-run.jar
runner=$(ls target/*-runner 2>/dev/null | head -1 || true)
[ -n "$runner" ] && measure native "$runner"
[ -f target/quarkus-app/quarkus-run.jar ] || [ -n "$runner" ] || { echo "nothing packaged: run ./mvnw package first"; exit 1; }
