#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL 15 cluster.
#
# Usage: scripts/with-postgres.sh COMMAND [ARGS...]
#
# The cluster listens only on 127.0.0.1 at a free port, has a `postgres`
# superuser with trust auth and an empty `grassroots_test` database. The
# command sees it as GRASSROOTS_TEST_POSTGRES_URL; its exit code becomes ours.
# The cluster is stopped and deleted on every exit path (success, failure,
# Ctrl-C, SIGTERM), so parallel and repeated runs never share state.
#
# Optional: GRASSROOTS_PG_START_TIMEOUT (seconds to wait for startup, default 60).
set -euo pipefail

readonly PROG=with-postgres
readonly DB_NAME=grassroots_test
readonly START_TIMEOUT=${GRASSROOTS_PG_START_TIMEOUT:-60}

log() { printf '%s: %s\n' "$PROG" "$*" >&2; }
die() { log "error: $*"; exit 1; }

if [[ $# -eq 0 ]]; then
    printf 'usage: %s COMMAND [ARGS...]\n' "$0" >&2
    exit 2
fi

# Resolve absolute paths up front: runuser may reset PATH for the postgres user.
INITDB=$(command -v initdb) || die "initdb not found on PATH (install PostgreSQL 15 server binaries)"
PG_CTL=$(command -v pg_ctl) || die "pg_ctl not found on PATH (install PostgreSQL 15 server binaries)"
PSQL=$(command -v psql || command -v "$(dirname "$INITDB")/psql") \
    || die "psql not found on PATH (install the PostgreSQL client)"

# PostgreSQL refuses to run as root, so under root (CI) the server runs as the
# `postgres` system user; otherwise it simply runs as the current user.
if [[ $EUID -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' system user"
    command -v runuser >/dev/null || die "running as root but runuser is not available"
    # Every parent directory must be traversable by postgres, so avoid $TMPDIR.
    tmp_parent=/tmp
else
    tmp_parent=${TMPDIR:-/tmp}
fi

as_pg() {
    # cd first: the server user may not be allowed into the caller's cwd.
    if [[ $EUID -eq 0 ]]; then
        (cd "$tmpdir" && runuser -u postgres -- "$@")
    else
        (cd "$tmpdir" && "$@")
    fi
}

tmpdir=""
child_pid=""
cleaned_up=0
starting=0

cleanup() {
    [[ $cleaned_up -eq 1 ]] && return
    cleaned_up=1
    # A second Ctrl-C must not abort the teardown half-way.
    trap '' INT TERM
    [[ -n $tmpdir && -d $tmpdir ]] || return 0
    local what="removed" i
    if [[ $starting -eq 1 ]]; then
        # Ctrl-C can kill pg_ctl while its detached server is still coming up;
        # give that server a moment to write its pid file so we can stop it.
        for i in {1..20}; do
            [[ -f $tmpdir/data/postmaster.pid ]] && break
            sleep 0.1
        done
    fi
    if [[ -f $tmpdir/data/postmaster.pid ]]; then
        what="stopped PostgreSQL and removed"
        # Immediate mode: the data is disposable, so skip the shutdown checkpoint.
        if ! (as_pg "$PG_CTL" stop -D "$tmpdir/data" -m immediate -w -t 30) >/dev/null 2>&1; then
            # Last resort so no orphaned server outlives the run.
            local pm_pid
            pm_pid=$(head -n 1 "$tmpdir/data/postmaster.pid" 2>/dev/null || true)
            if [[ $pm_pid =~ ^[0-9]+$ ]]; then
                kill -KILL "$pm_pid" 2>/dev/null || true
            fi
        fi
    fi
    rm -rf -- "$tmpdir"
    log "$what $tmpdir"
}

on_signal() {
    local sig=$1 code=$2
    # The command runs in the background (see below), so pass the signal on and
    # let it finish before tearing down the database underneath it.
    if [[ -n $child_pid ]]; then
        kill -s "$sig" "$child_pid" 2>/dev/null || true
        wait "$child_pid" 2>/dev/null || true
    fi
    exit "$code"  # the EXIT trap does the cleanup
}

trap cleanup EXIT
trap 'on_signal INT 130' INT
trap 'on_signal TERM 143' TERM

tmpdir=$(mktemp -d "$tmp_parent/grassroots-pg.XXXXXXXXXX")
if [[ $EUID -eq 0 ]]; then
    chown postgres: "$tmpdir"
fi
datadir=$tmpdir/data
sockdir=$tmpdir/socket
logfile=$tmpdir/postgres.log
as_pg mkdir -p "$sockdir"

# Redirections go on a ( subshell ): on a function call they would also capture
# a trap that fires meanwhile, hiding its messages in a file we then delete.
if ! (as_pg "$INITDB" -D "$datadir" -U postgres --auth=trust \
        --encoding=UTF8 --locale=C --no-sync) >"$tmpdir/initdb.log" 2>&1; then
    cat "$tmpdir/initdb.log" >&2
    die "initdb failed"
fi

# Durability is pointless for a throwaway test database; trade it for speed.
cat >>"$datadir/postgresql.conf" <<EOF

# --- with-postgres.sh test settings ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$sockdir'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

free_port() {
    python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()' 2>/dev/null || echo $((20000 + RANDOM % 20000))
}

# The port is free when picked but could be taken before the server binds it
# (e.g. by a parallel run), so retry a few times with a fresh port.
started=0
for _attempt in 1 2 3 4 5; do
    port=$(free_port)
    rm -f -- "$logfile"  # pg_ctl recreates it as the server user
    starting=1
    if (as_pg "$PG_CTL" start -D "$datadir" -l "$logfile" -w -t "$START_TIMEOUT" \
            -o "-p $port") >"$tmpdir/pg_ctl.log" 2>&1; then
        started=1
    fi
    starting=0
    [[ $started -eq 1 ]] && break
    grep -qsE 'could not bind|Address already in use' "$logfile" || break
done
if [[ $started -ne 1 ]]; then
    log "PostgreSQL failed to start; pg_ctl output and server log follow:"
    cat "$tmpdir/pg_ctl.log" >&2
    if [[ -f $logfile ]]; then cat "$logfile" >&2; fi
    exit 1
fi
log "started PostgreSQL on 127.0.0.1:$port (dir: $tmpdir)"

"$PSQL" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -c "CREATE DATABASE $DB_NAME" >/dev/null || die "could not create database $DB_NAME"

export GRASSROOTS_TEST_POSTGRES_URL="postgresql+asyncpg://postgres@127.0.0.1:$port/$DB_NAME"

# Run in the background and `wait`, because bash defers traps until a
# foreground child exits; this way a SIGTERM to this script is handled at once.
# `<&0` keeps stdin attached, and `trap -` restores default SIGINT/SIGQUIT,
# which bash would otherwise ignore in background jobs (Ctrl-C must reach it).
( trap - INT QUIT; exec "$@" ) <&0 &
child_pid=$!
status=0
wait "$child_pid" || status=$?
child_pid=""
exit "$status"
