#!/usr/bin/env bash
# Fuzzes the JSON API from its own OpenAPI document with schemathesis (issue 9, item 8): the
# document must tell the truth about every answer the server gives.
#
# For SQLite (a fresh data folder) and PostgreSQL (a fresh database), it starts
# `pepite serve --demo` on a free port, signs in the demo buyer, seller and admin for bearer
# tokens, and runs four passes: anonymous, buyer, seller, admin. Every check is on
# (scripts/schemathesis.toml says which answers some operations may also give, and why); any
# failure fails the script.
#
#   scripts/schemathesis.sh
#
# Environment:
#   SCHEMATHESIS      the schemathesis command (default: `schemathesis` on PATH; `.ci/run`
#                     installs the pinned version in a virtual environment)
#   PEPITE_BIN        a built `pepite` binary (default: `cargo build -p pepite`, debug)
#   ST_MAX_EXAMPLES   generated cases per operation in the fuzzing phase (default 5)
#   ST_BACKENDS       which databases to run against (default "sqlite postgres")
#   ST_PG_URL         PostgreSQL server to create the database on
#                     (default postgres://postgres@127.0.0.1:5432)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

ST=${SCHEMATHESIS:-schemathesis}
MAX_EXAMPLES=${ST_MAX_EXAMPLES:-5}
BACKENDS=${ST_BACKENDS:-sqlite postgres}
PG_URL=${ST_PG_URL:-postgres://postgres@127.0.0.1:5432}
# The demo shop's accounts (crates/pepite/src/demo/mod.rs).
DEMO_PASSWORD=pepite-demo-2026
BUYER=camille@pepite.demo
SELLER=lea@pepite.demo
ADMIN=admin@pepite.demo

if [[ -z "${PEPITE_BIN:-}" ]]; then
    cargo build -p pepite
    PEPITE_BIN="${CARGO_TARGET_DIR:-target}/debug/pepite"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/pepite-schemathesis.XXXXXX")
SERVER_PID=
PG_DB=
# Every pass runs even when one fails, so a run shows all there is to fix.
FAILED=()
cleanup() {
    stop_server
    drop_database
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

stop_server() {
    if [[ -n "$SERVER_PID" ]]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=
    fi
}

drop_database() {
    if [[ -n "$PG_DB" ]]; then
        psql "$PG_URL/postgres" -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null
        PG_DB=
    fi
}

# start_server BACKEND: a fresh database and data folder, the demo shop, a free port.
start_server() {
    local backend=$1 data="$WORK/$1" url=()
    mkdir -p "$data"
    if [[ "$backend" == postgres ]]; then
        PG_DB="pepite_st_$$_$RANDOM"
        psql "$PG_URL/postgres" -qc "CREATE DATABASE $PG_DB" >/dev/null
        url=(--database-url "$PG_URL/$PG_DB")
    fi
    PORT=$(free_port)
    BASE="http://127.0.0.1:$PORT"
    "$PEPITE_BIN" --data-dir "$data" "${url[@]}" serve --demo --listen "127.0.0.1:$PORT" \
        >"$WORK/$backend.log" 2>&1 &
    SERVER_PID=$!
    local i
    for i in $(seq 1 240); do
        if curl -fsS -o /dev/null "$BASE/api/openapi.json" 2>/dev/null; then
            echo "pepite serve ($backend) answers on $BASE after ${i} checks"
            return 0
        fi
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            break
        fi
        sleep 0.5
    done
    echo "pepite serve ($backend) did not start; its log:" >&2
    tail -n 50 "$WORK/$backend.log" >&2
    return 1
}

# token EMAIL: a bearer token for a demo account.
token() {
    curl -fsS "$BASE/api/v1/auth/tokens" -H 'Content-Type: application/json' \
        -d "{\"email\": \"$1\", \"password\": \"$DEMO_PASSWORD\", \"label\": \"schemathesis\"}" |
        jq -er .token
}

# pass NAME [HEADER]: one schemathesis run over the whole document.
pass() {
    local name=$1
    shift
    echo "--- schemathesis: $name"
    # Signing out revokes the very token a pass runs with, and every later request would
    # only test the 401; the anonymous pass still exercises it.
    local exclude=()
    if [[ $# -gt 0 ]]; then
        exclude=(--exclude-path /api/v1/auth/session)
    fi
    "$ST" --config-file scripts/schemathesis.toml run "$BASE/api/openapi.json" \
        --checks all \
        --phases examples,coverage,fuzzing \
        --max-examples "$MAX_EXAMPLES" \
        --workers 2 \
        --seed 9 \
        --generation-database none \
        --request-timeout 30 \
        --suppress-health-check too_slow,filter_too_much \
        --report junit --report-dir "${ST_REPORT_DIR:-$WORK/report}/$name" \
        --no-color \
        "${exclude[@]}" "$@" || FAILED+=("$name")
}

for backend in $BACKENDS; do
    echo "=== $backend"
    start_server "$backend"
    # All tokens first: the anonymous pass signs in with made-up credentials and may use up
    # the address's sign-in attempts (A2 throttling).
    buyer=$(token "$BUYER")
    seller=$(token "$SELLER")
    admin=$(token "$ADMIN")
    pass "$backend-anonymous"
    pass "$backend-buyer" -H "Authorization: Bearer $buyer"
    pass "$backend-seller" -H "Authorization: Bearer $seller"
    pass "$backend-admin" -H "Authorization: Bearer $admin"
    stop_server
    drop_database
done
if [[ ${#FAILED[@]} -gt 0 ]]; then
    echo "schemathesis: failures in ${FAILED[*]}" >&2
    exit 1
fi
echo "schemathesis: no failures"
