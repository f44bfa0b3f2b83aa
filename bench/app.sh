# Sourced by the bench scripts after bench/pg.sh: the packaged application against the throwaway PostgreSQL, and the
# data the slot read needs. Uses: work, port (pg.sh), app_port (set before sourcing). Sets: admin, api, and app (pid of
# the running service), key, slot when the functions run.
admin=bench-admin-key-0123456789abcdefghijkl

# The flags the images ship, read from them so that what is measured is what runs: the JVM's JAVA_OPTS_APPEND of
# src/main/docker/Dockerfile.jvm, the native binary's ENTRYPOINT arguments of Dockerfile.native, and both images'
# malloc arena limit.
# Their -Dquarkus.http.host=0.0.0.0 is overridden by the scripts, which listen on loopback only.
# shellcheck disable=SC2207
jvm_flags=($(sed -n 's/^ENV JAVA_OPTS_APPEND="\(.*\)"$/\1/p' src/main/docker/Dockerfile.jvm))
# shellcheck disable=SC2207
native_flags=($(sed -n 's/^ENTRYPOINT \[\(.*\)\]$/\1/p' src/main/docker/Dockerfile.native | tr ',' '\n' | tail -n +2 \
  | sed 's/^ *"//; s/" *$//'))
MALLOC_ARENA_MAX=$(sed -n 's/^ENV MALLOC_ARENA_MAX=\(.*\)$/\1/p' src/main/docker/Dockerfile.jvm)  # Dockerfile.native* set the same
export MALLOC_ARENA_MAX
api=http://127.0.0.1:$app_port/api/v1

app_start() { # database log command... → starts the service on app_port, sets app
  local db=$1 log=$2; shift 2
  DATABASE_URL="postgresql://codeb@127.0.0.1:$port/$db" CODEB_REGISTRY_DIR="$work/registry-$db" CODEB_ADMIN_KEY=$admin \
    QUARKUS_HTTP_PORT=$app_port CODEB_ENV_ENCRYPTION_KEY=YmVuY2gtb25seS1rZXktbm90LWEtc2VjcmV0LTMyYiE= \
    bash -c 'exec -a codeb-bench-app "$@"' _ "$@" >"$log" 2>&1 &
  app=$!
}

app_ready() { # log → waits until /q/health/ready is UP; fails when the service exits first
  until curl -sf "http://127.0.0.1:$app_port/q/health/ready" >/dev/null 2>&1; do
    kill -0 "$app" 2>/dev/null || { echo "the service exited:"; tail -20 "$1"; return 1; }
    sleep 0.01
  done
}

rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$app/status"; }

call() { # method path body [key] → body
  curl -sf -X "$1" "$api$2" -H "Authorization: Bearer ${4:-$admin}" -H 'Content-Type: application/json' ${3:+-d "$3"}
}
json() { sed -n "s/.*\"$1\" *: *\"\([^\"]*\)\".*/\1/p" | head -1; }
release() { # project version → promotes it in production, as the member key
  local id
  id=$(call POST "/projects/$1/environments/production/deployments" "{\"version\":\"$2\",\"image\":\"app:$2\",\"port\":4100}" "$key" \
    | sed -n 's/.*"deployment" *: *{ *"id" *: *"\([^"]*\)".*/\1/p')
  call PATCH "/deployments/$id" '{"status":"success"}' "$key" >/dev/null
  call POST "/projects/$1/environments/production/promote" '' "$key" >/dev/null
}

slot_fixture() { # → team bench, a member key, project bench-app with 1.0.0 promoted in production; sets key, slot
  local team
  team=$(call POST /teams '{"name":"Bench","slug":"bench","owner":"bench@example.com"}' | json id)
  key=$(call POST "/teams/$team/api-keys" '{"name":"bench-member","role":"member"}' | json key)
  call POST /projects "{\"name\":\"bench-app\",\"teamId\":\"$team\"}" >/dev/null
  release bench-app 1.0.0
  slot="$api/projects/bench-app/environments/production/slot"
  curl -sf -H "Authorization: Bearer $key" "$slot" | grep -q '"activeSlot"' || { echo "slot read failed"; return 1; }
}
