# shellcheck shell=bash
# Sourced by backup-db.sh and restore-db.sh: turns DATABASE_URL (which wins) or CODEB_DB_* into libpq's PG*
# environment variables, so that no password ever appears on a command line or in the output.

# Percent-decodes $1 (user names and passwords in a URL may be encoded).
codeb_urldecode() {
  local s="${1//\\/\\\\}"
  printf '%b' "${s//%/\\x}"
}

# Exports PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD (and PGSSLMODE when the URL names one); fails with a message
# naming the variable that is missing or malformed.
codeb_db_connection() {
  if [[ -n "${DATABASE_URL:-}" ]]; then
    local re='^postgres(ql)?://(([^:@/]*)(:([^@/]*))?@)?(\[[^]]+\]|[^:/?]+)(:([0-9]+))?(/([^?]*))?(\?(.*))?$'
    if [[ ! "$DATABASE_URL" =~ $re ]]; then
      echo "$CODEB_SCRIPT: DATABASE_URL is not postgresql://user:password@host:port/database" >&2
      return 1
    fi
    PGUSER="$(codeb_urldecode "${BASH_REMATCH[3]}")"
    PGPASSWORD="$(codeb_urldecode "${BASH_REMATCH[5]}")"
    PGHOST="${BASH_REMATCH[6]}"
    PGHOST="${PGHOST#[}"
    PGHOST="${PGHOST%]}"
    PGPORT="${BASH_REMATCH[8]:-5432}"
    PGDATABASE="$(codeb_urldecode "${BASH_REMATCH[10]}")"
    local query="${BASH_REMATCH[12]}" param
    if [[ -n "$query" ]]; then
      IFS='&' read -r -a params <<<"$query"
      for param in "${params[@]}"; do
        if [[ "$param" == sslmode=* ]]; then
          export PGSSLMODE="${param#sslmode=}"
        fi
      done
    fi
    if [[ -z "$PGUSER" || -z "$PGDATABASE" ]]; then
      echo "$CODEB_SCRIPT: DATABASE_URL must name a user and a database" >&2
      return 1
    fi
  else
    local name
    for name in CODEB_DB_HOST CODEB_DB_NAME CODEB_DB_USER; do
      if [[ -z "${!name:-}" ]]; then
        echo "$CODEB_SCRIPT: set DATABASE_URL, or $name (with the other CODEB_DB_* variables)" >&2
        return 1
      fi
    done
    PGHOST="$CODEB_DB_HOST"
    PGPORT="${CODEB_DB_PORT:-5432}"
    PGDATABASE="$CODEB_DB_NAME"
    PGUSER="$CODEB_DB_USER"
    PGPASSWORD="${CODEB_DB_PASSWORD:-}"
  fi
  if [[ ! "$PGPORT" =~ ^[0-9]+$ ]]; then
    echo "$CODEB_SCRIPT: the database port is not a number" >&2
    return 1
  fi
  export PGHOST PGPORT PGDATABASE PGUSER
  if [[ -n "$PGPASSWORD" ]]; then
    export PGPASSWORD
  else
    unset PGPASSWORD # libpq may still find one in ~/.pgpass
  fi
}

# Fails unless the PostgreSQL client program $1 is installed.
codeb_require() {
  local tool
  for tool in "$@"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "$CODEB_SCRIPT: $tool is not installed; install the PostgreSQL client (Debian/Ubuntu: apt-get install postgresql-client)" >&2
      return 1
    fi
  done
}
