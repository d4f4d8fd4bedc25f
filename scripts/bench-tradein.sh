#!/usr/bin/env bash
# Trade-in benchmarks (issue 12) on a release build, load from another process (pepite-bench)
# on loopback.
#
#   scripts/bench-tradein.sh [sqlite|postgres|both]     (default: both)
#
# For each backend: a fresh database, `pepite serve --demo --trust-proxy` (the demo opens the
# Maison Lune programme and its partner's, workshop's and admin's accounts), then
# `pepite-bench tradein`: the partner imports a $BENCH_STYLES-style reference catalogue through
# the API; $BENCH_QUOTERS people ask for 20-piece quotes for $BENCH_SECONDS s (each answer
# timed); a 30-piece box is accepted, received and inspected and its credit turned into eight
# vouchers; then $BENCH_TILLS tills redeem 5 cents at a time from those eight vouchers for
# $BENCH_SECONDS s, and every voucher's balance is read back: negative or mismatched balances
# are counted (must be 0). On PostgreSQL, pgbench's tpcb-like run (32 clients, same duration)
# on the same server follows, as the yardstick. Results: JSON lines on stdout and in
# target-bench/tradein.jsonl.
#
# Environment: BENCH_SECONDS=20 BENCH_QUOTERS=8 BENCH_TILLS=32 BENCH_STYLES=50000
#   BENCH_PORT=18082 BENCH_PG=postgres://postgres@127.0.0.1:5432 CARGO_TARGET_DIR=/var/tmp/pepite-target
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
case "${1:-both}" in
    sqlite) BACKENDS=(sqlite) ;;
    postgres) BACKENDS=(postgres) ;;
    both) BACKENDS=(sqlite postgres) ;;
    *) echo "usage: $0 [sqlite|postgres|both]" >&2; exit 2 ;;
esac
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/pepite-target}"
BENCH_SECONDS=${BENCH_SECONDS:-20}
BENCH_QUOTERS=${BENCH_QUOTERS:-8}
BENCH_TILLS=${BENCH_TILLS:-32}
BENCH_STYLES=${BENCH_STYLES:-50000}
BENCH_PORT=${BENCH_PORT:-18082}
BENCH_PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
BASE="http://127.0.0.1:$BENCH_PORT"
OUT="$ROOT/target-bench"
RESULTS="$OUT/tradein.jsonl"
BENCH_DB=pepite_bench_tradein
PGBENCH_DB=pepite_pgbench_tradein
BIN="$CARGO_TARGET_DIR/release/pepite"
LOAD="$CARGO_TARGET_DIR/release/pepite-bench"
SERVER_PID=""
DATA=""

log() { printf '\n==> %s\n' "$*" >&2; }
psql_admin() { PGOPTIONS="-c client_min_messages=warning" psql "$BENCH_PG/postgres" -X -q -w -v ON_ERROR_STOP=1 "$@"; }
cleanup() {
    local status=$?
    [[ -z "$SERVER_PID" ]] || { kill -TERM "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; }
    [[ -z "$DATA" ]] || rm -rf -- "$DATA"
    psql_admin -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" -c "DROP DATABASE IF EXISTS $PGBENCH_DB WITH (FORCE)" >/dev/null 2>&1 || true
    exit "$status"
}
trap cleanup EXIT

log "cargo build --release -p pepite -p pepite-bench"
cargo build --release -p pepite -p pepite-bench
mkdir -p "$OUT"
: >"$RESULTS"
record() { echo "{\"backend\":\"$1\",${2#\{}" | tee -a "$RESULTS"; }

for backend in "${BACKENDS[@]}"; do
    DATA=$(mktemp -d "/tmp/pepite-bench-tradein-$backend.XXXXXX")
    db_args=(--data-dir "$DATA")
    if [[ $backend == postgres ]]; then
        psql_admin -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" -c "CREATE DATABASE $BENCH_DB"
        db_args+=(--database-url "$BENCH_PG/$BENCH_DB")
    fi
    "$BIN" serve --demo --listen "127.0.0.1:$BENCH_PORT" --trust-proxy "${db_args[@]}" \
        >"$OUT/tradein-server-$backend.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 240); do
        curl -fsS -o /dev/null "$BASE/readyz" 2>/dev/null && break
        sleep 0.5
    done
    log "$backend: $BENCH_STYLES styles, $BENCH_QUOTERS quoters, $BENCH_TILLS tills, ${BENCH_SECONDS}s each"
    "$LOAD" --base "$BASE" tradein --quoters "$BENCH_QUOTERS" --tills "$BENCH_TILLS" \
        --styles "$BENCH_STYLES" --seconds "$BENCH_SECONDS" | while read -r line; do record "$backend" "$line"; done
    kill -TERM "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
    rm -rf -- "$DATA"; DATA=""
    if [[ $backend == postgres ]]; then
        log "postgres: pgbench tpcb-like, 32 clients, ${BENCH_SECONDS}s"
        psql_admin -c "DROP DATABASE IF EXISTS $PGBENCH_DB WITH (FORCE)" -c "CREATE DATABASE $PGBENCH_DB"
        pgbench -i -q -s 10 "$BENCH_PG/$PGBENCH_DB" >/dev/null 2>&1
        tps=$(pgbench -c 32 -j 2 -T "$BENCH_SECONDS" "$BENCH_PG/$PGBENCH_DB" 2>/dev/null | awk '/^tps/ { print $3; exit }')
        record postgres "{\"scenario\":\"pgbench_tpcb_like\",\"clients\":32,\"tps\":$tps}"
    fi
done
