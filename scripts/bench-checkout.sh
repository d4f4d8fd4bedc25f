#!/usr/bin/env bash
# Checkout benchmarks on a release build, sandbox payment provider, load from another process
# (pepite-bench) on loopback.
#
#   scripts/bench-checkout.sh [sqlite|postgres|both]     (default: both)
#
# For each backend: a fresh database with `pepite demo --pieces $BENCH_PIECES`, `pepite serve
# --trust-proxy` (each bench buyer signs in from its own forwarded address), then
#   0. warm-up: the same load for $WARMUP_SECONDS s, not recorded, then (PostgreSQL) ANALYZE,
#      as autovacuum does within a minute in production: the order tables start empty, and
#      plans made while they are empty scan them whole until statistics exist;
#   1. throughput: $BENCH_BUYERS buyers each paying for distinct pieces for $BENCH_SECONDS s;
#   2. last-piece races: $RACE_BUYERS buyers put the same piece in their cart and pay at once,
#      repeated over $RACE_PIECES pieces; oversells are counted (must be 0).
# On PostgreSQL, pgbench's tpcb-like run (32 clients, same duration) on the same server gives
# the yardstick; checkouts/s are reported as a share of its TPS.
# Results: JSON lines on stdout and in target-bench/checkout.jsonl.
#
# Environment: BENCH_SECONDS=20 WARMUP_SECONDS=5 BENCH_BUYERS=32 RACE_BUYERS=500 RACE_PIECES=1000
#   BENCH_PIECES=100000 BENCH_PORT=18081 BENCH_PG=postgres://postgres@127.0.0.1:5432
#   CARGO_TARGET_DIR=/var/tmp/pepite-target
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
MODE=${1:-both}
case "$MODE" in
    sqlite) BACKENDS=(sqlite) ;;
    postgres) BACKENDS=(postgres) ;;
    both) BACKENDS=(sqlite postgres) ;;
    *) echo "usage: $0 [sqlite|postgres|both]" >&2; exit 2 ;;
esac
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/pepite-target}"
BENCH_SECONDS=${BENCH_SECONDS:-20}
WARMUP_SECONDS=${WARMUP_SECONDS:-5}
BENCH_BUYERS=${BENCH_BUYERS:-32}
RACE_BUYERS=${RACE_BUYERS:-500}
RACE_PIECES=${RACE_PIECES:-1000}
BENCH_PIECES=${BENCH_PIECES:-100000}
BENCH_PORT=${BENCH_PORT:-18081}
BENCH_PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
BASE="http://127.0.0.1:$BENCH_PORT"
OUT="$ROOT/target-bench"
RESULTS="$OUT/checkout.jsonl"
BENCH_DB=pepite_bench_checkout
PGBENCH_DB=pepite_pgbench
BIN="$CARGO_TARGET_DIR/release/pepite"
LOAD="$CARGO_TARGET_DIR/release/pepite-bench"
SERVER_PID=""
DATA=""

log() { printf '\n==> %s\n' "$*" >&2; }
psql_admin() { PGOPTIONS="-c client_min_messages=warning" psql "$BENCH_PG/postgres" -X -q -w -v ON_ERROR_STOP=1 "$@"; }
stop_server() {
    [[ -n "$SERVER_PID" ]] || return 0
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}
cleanup() {
    local status=$?
    stop_server
    [[ -z "$DATA" ]] || rm -rf -- "$DATA"
    psql_admin -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" -c "DROP DATABASE IF EXISTS $PGBENCH_DB WITH (FORCE)" >/dev/null 2>&1 || true
    exit "$status"
}
trap cleanup EXIT

log "cargo build --release -p pepite -p pepite-bench"
cargo build --release -p pepite -p pepite-bench
mkdir -p "$OUT"
: >"$RESULTS"

record() { # BACKEND JSON
    local line="{\"backend\":\"$1\",${2#\{}"
    echo "$line" | tee -a "$RESULTS"
}

for backend in "${BACKENDS[@]}"; do
    DATA=$(mktemp -d "/tmp/pepite-bench-checkout-$backend.XXXXXX")
    db_args=(--data-dir "$DATA")
    if [[ $backend == postgres ]]; then
        psql_admin -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" -c "CREATE DATABASE $BENCH_DB"
        db_args+=(--database-url "$BENCH_PG/$BENCH_DB")
    fi
    log "$backend: demo data ($BENCH_PIECES pieces)"
    "$BIN" demo --pieces "$BENCH_PIECES" "${db_args[@]}" >"$OUT/checkout-demo-$backend.log" 2>&1
    "$BIN" serve --listen "127.0.0.1:$BENCH_PORT" --trust-proxy "${db_args[@]}" \
        >"$OUT/checkout-server-$backend.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 240); do
        curl -fsS -o /dev/null "$BASE/readyz" 2>/dev/null && break
        sleep 0.5
    done
    log "$backend: warm-up, ${WARMUP_SECONDS}s (not recorded)"
    "$LOAD" --base "$BASE" checkout --buyers "$BENCH_BUYERS" --seconds "$WARMUP_SECONDS" --first-piece 70001 >/dev/null
    if [[ $backend == postgres ]]; then
        PGOPTIONS="-c client_min_messages=warning" psql "$BENCH_PG/$BENCH_DB" -X -q -w -c "ANALYZE"
    fi
    log "$backend: throughput, $BENCH_BUYERS buyers, ${BENCH_SECONDS}s"
    record "$backend" "$("$LOAD" --base "$BASE" checkout --buyers "$BENCH_BUYERS" --seconds "$BENCH_SECONDS" --first-piece 1)"
    log "$backend: last-piece races, $RACE_BUYERS buyers x $RACE_PIECES pieces"
    record "$backend" "$("$LOAD" --base "$BASE" race --buyers "$RACE_BUYERS" --pieces "$RACE_PIECES" --first-piece 50001)"
    stop_server
    rm -rf -- "$DATA"
    DATA=""
    if [[ $backend == postgres ]]; then
        log "postgres: pgbench tpcb-like, 32 clients, ${BENCH_SECONDS}s"
        psql_admin -c "DROP DATABASE IF EXISTS $PGBENCH_DB WITH (FORCE)" -c "CREATE DATABASE $PGBENCH_DB"
        pgbench -i -q -s 10 "$BENCH_PG/$PGBENCH_DB" >/dev/null 2>&1
        tps=$(pgbench -c 32 -j 2 -T "$BENCH_SECONDS" "$BENCH_PG/$PGBENCH_DB" 2>/dev/null | awk '/^tps/ { print $3; exit }')
        record postgres "{\"scenario\":\"pgbench_tpcb_like\",\"clients\":32,\"tps\":$tps}"
    fi
done
