#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL 15 cluster.
#
#   bash .ci/with-postgres.sh <command> [args...]
#
# Starts a private cluster in a fresh temp dir (TCP on 127.0.0.1:<free port>
# plus a unix socket in the temp dir, trust auth, superuser "postgres"),
# exports DATABASE_URL=postgres://postgres@127.0.0.1:<port>/postgres, runs the
# command, then stops the cluster and removes the temp dir (also on error or
# Ctrl-C). Exits with the command's exit code.
#
# Nothing is created in the cluster: Django's test runner creates its own
# test database. A missing PostgreSQL is an error, never a skip.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 <command> [args...]" >&2
    exit 2
fi

PG_VERSION="${PG_VERSION:-15}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/${PG_VERSION}/bin}"

log() { echo "[with-postgres] $*" >&2; }

have_pg() { [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ] && [ -x "$PG_BIN/pg_isready" ]; }

if ! have_pg && [ "${CI:-}" = "true" ]; then
    log "PostgreSQL ${PG_VERSION} binaries not found in $PG_BIN; CI=true, installing with apt-get"
    SUDO=""
    if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -q || true
    $SUDO apt-get install -y -q postgresql || true
fi
if ! have_pg; then
    log "ERROR: PostgreSQL ${PG_VERSION} binaries (initdb, pg_ctl, pg_isready) not found in $PG_BIN."
    log "       Install them (Debian/Ubuntu: apt-get install postgresql) or set PG_BIN."
    exit 1
fi

# initdb refuses to run as root, so as root the server runs as the "postgres"
# system user; as any other user it runs as that user.
if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
        log "ERROR: running as root but there is no 'postgres' system user to run the server as."
        exit 1
    fi
    as_pg() { runuser -u postgres -- "$@"; }
else
    as_pg() { "$@"; }
fi

find_python() {
    local p
    for p in python3 python; do
        if command -v "$p" >/dev/null 2>&1; then echo "$p"; return 0; fi
    done
    return 1
}
PYTHON_BIN="$(find_python)" || { log "ERROR: python3 is needed to pick a free port"; exit 1; }
PORT="$("$PYTHON_BIN" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"

PGTMP="$(mktemp -d "${TMPDIR:-/tmp}/with-postgres.XXXXXX")"
PGDATA_DIR="$PGTMP/data"
PGSOCK_DIR="$PGTMP/sock"
PGLOG="$PGTMP/postgres.log"
mkdir -p "$PGSOCK_DIR"
if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres: "$PGTMP"
fi

PGPID=""
cleanup() {
    local rc=$?
    set +e
    if [ -n "$PGPID" ]; then
        log "stopping PostgreSQL (port $PORT)"
        if kill -0 "$PGPID" 2>/dev/null; then
            if ! (cd "$PGTMP" && as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w -t 30 stop >/dev/null 2>&1); then
                # Fall back to signalling the postmaster we started, by its pid.
                local pmpid
                pmpid="$(head -n1 "$PGDATA_DIR/postmaster.pid" 2>/dev/null)"
                log "pg_ctl stop failed; sending SIGQUIT to postmaster ${pmpid:-?}"
                [ -n "$pmpid" ] && kill -QUIT "$pmpid" 2>/dev/null
            fi
        fi
        # The server is our child: reap it so nothing is left behind.
        wait "$PGPID" 2>/dev/null
    fi
    rm -rf "$PGTMP"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

show_log() { [ -f "$PGLOG" ] && sed 's/^/[postgres.log] /' "$PGLOG" >&2 || true; }

log "initdb in $PGDATA_DIR"
if ! (cd "$PGTMP" && as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$PGTMP/initdb.log" 2>&1); then
    log "ERROR: initdb failed:"
    cat "$PGTMP/initdb.log" >&2
    exit 1
fi

log "starting PostgreSQL ${PG_VERSION} on 127.0.0.1:$PORT (socket dir $PGSOCK_DIR)"
# Run the postmaster as a direct child (not daemonized by `pg_ctl start`) so
# this script can wait for and reap it on exit. fsync etc. are off: the
# cluster is throwaway and only used by tests.
(cd "$PGTMP" && as_pg "$PG_BIN/postgres" -D "$PGDATA_DIR" \
    -c listen_addresses=127.0.0.1 -p "$PORT" \
    -c unix_socket_directories="$PGSOCK_DIR" \
    -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
    >"$PGLOG" 2>&1 </dev/null) &
PGPID=$!

ready=0
for _ in $(seq 1 120); do
    if ! kill -0 "$PGPID" 2>/dev/null; then
        break
    fi
    if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres; then
        ready=1
        break
    fi
    sleep 0.5
done
if [ "$ready" -ne 1 ]; then
    log "ERROR: PostgreSQL did not become ready on 127.0.0.1:$PORT"
    show_log
    exit 1
fi

export DATABASE_URL="postgres://postgres@127.0.0.1:${PORT}/postgres"
log "ready; DATABASE_URL=$DATABASE_URL"
log "running: $*"

set +e
"$@"
rc=$?
set -e
log "command exited with status $rc"
exit "$rc"
