#!/usr/bin/env bash
# A throw-away PostgreSQL server for the test suite.
#
#   tests/pg/server.sh start   starts a server in a new data directory under /tmp and prints
#                              shell lines to eval: GENDAN_TEST_POSTGRES_URL, GENDAN_TEST_PGDATA
#   tests/pg/server.sh stop DIR  stops the server of data directory DIR and deletes it
#
# PostgreSQL refuses to run as root, so as root the server runs as the system user
# $GENDAN_PG_OS_USER (default gendanpg), created when missing. It listens on its own unix
# socket in the data directory and on 127.0.0.1 at a free port; role and database "gendan"
# (password "gendan") are created for the tests. Durability is switched off: it is a test server.
set -euo pipefail

OS_USER="${GENDAN_PG_OS_USER:-gendanpg}"
ROLE="gendan"
PASSWORD="gendan"

log() { echo "pg-server: $*" >&2; }

pg_bindir() {
    if [[ -n "${GENDAN_PG_BINDIR:-}" ]]; then echo "$GENDAN_PG_BINDIR"; return; fi
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [[ -x "$dir/postgres" ]]; then echo "$dir"; return; fi
    done
    if command -v pg_config >/dev/null; then pg_config --bindir; return; fi
    log "no PostgreSQL binaries found (set GENDAN_PG_BINDIR)"
    exit 1
}

# Run a command as the server's owner (root cannot run PostgreSQL), from a directory the
# owner can enter.
as_owner() {
    if [[ "$(id -u)" == 0 ]]; then
        (cd / && runuser -u "$OS_USER" -- "$@")
    else
        (cd / && "$@")
    fi
}

free_port() {
    python3 - <<'PY'
import socket
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])
PY
}

start() {
    local bin datadir port
    bin="$(pg_bindir)"
    if [[ "$(id -u)" == 0 ]] && ! id "$OS_USER" >/dev/null 2>&1; then
        useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
            "$OS_USER"
        log "created system user $OS_USER"
    fi
    datadir="$(mktemp -d /tmp/gendan-pg.XXXXXX)"
    # Remove the half-made server if any step below fails.
    PARTIAL_DATADIR="$datadir"
    trap 'if [[ -n "$PARTIAL_DATADIR" ]]; then stop "$PARTIAL_DATADIR"; fi' EXIT
    if [[ "$(id -u)" == 0 ]]; then chown "$OS_USER" "$datadir"; fi
    chmod 700 "$datadir"
    as_owner "$bin/initdb" --pgdata="$datadir" --username=postgres --encoding=UTF8 \
        --locale=C --auth-local=trust --auth-host=scram-sha-256 --no-sync >/dev/null
    port="$(free_port)"
    cat >>"$datadir/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$datadir'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 64MB
log_min_messages = warning
# Test databases live for one test: an autovacuum worker (a superuser's process) inside one
# would make the test role's DROP DATABASE ... WITH (FORCE) fail.
autovacuum = off
CONF
    if ! as_owner "$bin/pg_ctl" --pgdata="$datadir" --log="$datadir/server.log" --wait \
        --timeout=60 start >/dev/null; then
        cat "$datadir/server.log" >&2
        false
    fi
    as_owner "$bin/psql" --quiet --no-psqlrc --host="$datadir" --port="$port" \
        --username=postgres --dbname=postgres --set=ON_ERROR_STOP=1 >/dev/null <<SQL
CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
CREATE DATABASE $ROLE OWNER $ROLE;
SQL
    PARTIAL_DATADIR=""
    log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($datadir)"
    echo "export GENDAN_TEST_POSTGRES_URL=postgresql://$ROLE:$PASSWORD@127.0.0.1:$port/$ROLE"
    echo "export GENDAN_TEST_PGDATA=$datadir"
}

stop() {
    local datadir="${1:-${GENDAN_TEST_PGDATA:-}}" bin
    if [[ -z "$datadir" || ! -d "$datadir" ]]; then return 0; fi
    if [[ "$datadir" != /tmp/gendan-pg.* ]]; then
        log "refusing to remove $datadir"
        exit 1
    fi
    bin="$(pg_bindir)"
    if [[ -f "$datadir/postmaster.pid" ]]; then
        as_owner "$bin/pg_ctl" --pgdata="$datadir" --mode=fast --wait stop >/dev/null || true
    fi
    rm -rf "$datadir"
    log "stopped and removed $datadir"
}

case "${1:-}" in
    start) start ;;
    stop) stop "${2:-}" ;;
    *) echo "usage: $0 start | stop DATADIR" >&2; exit 64 ;;
esac
