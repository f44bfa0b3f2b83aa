#!/usr/bin/env bash
# The hot read side by side with the database's own ceiling, in one run on this machine (issue: slot reads at the
# database's ceiling). Starts the packaged application against a throwaway PostgreSQL, creates a team, a member key,
# a project and a promoted slot, warms up, then measures for the same connections and duration:
#   - wrk: GET /api/v1/projects/{name}/environments/production/slot with the member key (rps, p50, p99, non-2xx);
#   - pgbench: the same single-row SELECT on project_slots the service runs (tps);
# and prints the ratio and the service's RSS. Second mode, --writes: deploy → success → promote cycles on several
# projects at once (cycles/s, p99 per request). Timing is not a test: CI does not run this.
#
#   ./mvnw package -DskipTests && bash bench/slot-read.sh [--native] [--writes] [connections] [seconds]
# JVM flags: those src/main/docker/Dockerfile.jvm ships (the Kubernetes manifest runs that image), or JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
native=false; writes=false
while [ $# -gt 0 ] && [ "${1#--}" != "$1" ]; do
  case $1 in --native) native=true ;; --writes) writes=true ;; *) echo "unknown option $1"; exit 2 ;; esac; shift
done
conns=${1:-32}; secs=${2:-10}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
. bench/pg.sh
pgbench="$bindir/pgbench"

app_port=18480
. bench/app.sh
pg_up bench
if $native; then
  cmd=("$(ls target/*-runner | head -1)" "${native_flags[@]}" -Dquarkus.http.host=127.0.0.1)
else
  [ -f target/quarkus-app/quarkus-run.jar ] || { echo "nothing packaged: ./mvnw package -DskipTests"; exit 1; }
  if [ -n "${JAVA_OPTS:-}" ]; then read -r -a jvm_flags <<< "$JAVA_OPTS"; fi
  cmd=(java "${jvm_flags[@]}" -Dquarkus.http.host=127.0.0.1 -jar target/quarkus-app/quarkus-run.jar)
fi
app_start bench "$work/app.log" "${cmd[@]}"
app_ready "$work/app.log" || exit 1
slot_fixture || exit 1

# CPU seconds used so far by the service, and by PostgreSQL (the postmaster and its backends)
ticks() { for p in "$@"; do awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null; done | awk -v hz="$(getconf CLK_TCK)" '{t += $1} END {printf "%.1f", t / hz}'; }
pg_pids() { local pm; pm=$(head -1 "$work/data/postmaster.pid"); echo "$pm" $(pgrep -P "$pm"); }
metric() { curl -s "http://127.0.0.1:$app_port/q/metrics" | awk -v m="$1" 'index($0, m) == 1 {s += $NF} END {printf "%d", s}'; }
threads=$(( $(nproc) < 2 ? 1 : 2 ))

if ! $writes; then
  wrk -t"$threads" -c"$conns" -d5s -H "Authorization: Bearer $key" "$slot" >/dev/null   # warm-up (JIT, pools, caches)
  app_cpu=$(ticks $app); pg_cpu=$(ticks $(pg_pids)); hits=$(metric 'codeb_cache_lookups_total{cache="slots",result="hit"'); misses=$(metric 'codeb_cache_lookups_total{cache="slots",result="miss"')
  out=$(wrk -t"$threads" -c"$conns" -d"${secs}s" --latency -H "Authorization: Bearer $key" "$slot")
  app_cpu=$(awk -v a="$(ticks $app)" -v b="$app_cpu" 'BEGIN {printf "%.1f", a - b}'); pg_cpu=$(awk -v a="$(ticks $(pg_pids))" -v b="$pg_cpu" 'BEGIN {printf "%.1f", a - b}')
  hits=$(( $(metric 'codeb_cache_lookups_total{cache="slots",result="hit"') - hits )); misses=$(( $(metric 'codeb_cache_lookups_total{cache="slots",result="miss"') - misses ))
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}'); non2xx=${non2xx:-0}
  errors=$(echo "$out" | awk '/Socket errors/ {print $0}')
  # the slot row's single-row SELECT, with the same connections and duration (the service's own query on a miss,
  # slot.current, also joins the checks and the freeze: this is the stricter ceiling)
  cat > "$work/slot.sql" <<SQL
SELECT s.project_name, s.environment, s.active_slot, s.grace_expires_at, s.updated_at, s.blue_state, s.blue_port, s.blue_version,
  s.blue_image, s.blue_deployed_at, s.blue_deployed_by, s.blue_health_status, s.green_state, s.green_port, s.green_version,
  s.green_image, s.green_deployed_at, s.green_deployed_by, s.green_health_status
FROM project_slots s WHERE s.project_name = 'bench-app' AND s.environment = 'production';
SQL
  tps=$("$pgbench" -h 127.0.0.1 -p "$port" -U codeb -n -M prepared -c "$conns" -j "$threads" -T "$secs" -f "$work/slot.sql" bench 2>/dev/null \
    | awk '/^tps/ {print int($3)}')
  ratio=$(awk -v a="$rps" -v b="$tps" 'BEGIN {printf "%.2f", a / b}')
  printf 'slot read (wrk, %d connections, %d s): %s rps, p50 %s, p99 %s, non-2xx %s %s\n' "$conns" "$secs" "$rps" "$p50" "$p99" "$non2xx" "$errors"
  printf 'pgbench, same SELECT, %d connections, %d s: %s tps\n' "$conns" "$secs" "$tps"
  printf 'during the wrk run: service %s CPU s, PostgreSQL %s CPU s (of %d); slot views from memory %s, from the database %s\n' \
    "$app_cpu" "$pg_cpu" $(( $(nproc) * secs )) "$hits" "$misses"
  printf 'audit rows written %s, dropped %s\n' "$(metric codeb_audit_written_total)" "$(metric codeb_audit_dropped_total)"
  printf 'ratio service/database: %s   service RSS after the load: %s MiB\n' "$ratio" "$(rss)"
else
  projects=8; cycles=10
  for p in $(seq 1 $projects); do call POST /projects "{\"name\":\"bench-w$p\",\"teamId\":\"$team\"}" >/dev/null; done
  start=$(ms)
  for p in $(seq 1 $projects); do
    (
      for c in $(seq 1 $cycles); do
        base="$api/projects/bench-w$p/environments/production"
        t=$(curl -s -o "$work/w$p.json" -w '%{time_total}' -X POST "$base/deployments" -H "Authorization: Bearer $key" \
          -H 'Content-Type: application/json' -d "{\"version\":\"$c.0.0\",\"image\":\"app:$c\",\"port\":4100}")
        echo "$t" >> "$work/times"
        id=$(sed -n 's/.*"deployment" *: *{ *"id" *: *"\([^"]*\)".*/\1/p' "$work/w$p.json")
        curl -s -o /dev/null -w '%{time_total}\n' -X PATCH "$api/deployments/$id" -H "Authorization: Bearer $key" \
          -H 'Content-Type: application/json' -d '{"status":"success"}' >> "$work/times"
        curl -s -o /dev/null -w '%{time_total}\n' -X POST "$base/promote" -H "Authorization: Bearer $key" >> "$work/times"
      done
    ) &
  done
  wait $(jobs -p | grep -v "^$app$") 2>/dev/null || true
  took=$(( $(ms) - start ))
  n=$(wc -l < "$work/times")
  p99=$(sort -n "$work/times" | awk -v n="$n" 'NR == int(n * 0.99 + 0.5) {printf "%.1f ms", $1 * 1000}')
  printf 'writes: %d cycles (deploy → success → promote) on %d projects in %d ms: %.1f cycles/s, p99 per request %s\n' \
    $((projects * cycles)) $projects "$took" "$(awk -v c=$((projects * cycles)) -v t="$took" 'BEGIN {print c * 1000 / t}')" "$p99"
  printf 'service RSS after the load: %s MiB\n' "$(rss)"
fi
