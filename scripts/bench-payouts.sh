#!/usr/bin/env bash
# Payout benchmarks on a release build (issue 10, P1):
#   1. the window timer: $PAYOUT_LINES delivered order lines whose return window closes at the
#      same instant, released with their journals (target: 100,000 in under 10 s);
#   2. a payout run for every shop (one per 10 lines: 10,000 for 100,000 lines), up to its
#      pain.001 file (target: under 5 s);
#   3. refunds per second (R5) through the sandbox provider: one line of each of
#      $REFUND_ORDERS orders paid by card, by 1 then 8 concurrent callers.
# On PostgreSQL, pgbench's tpcb-like run (32 clients, 30 s) on the same server, in the same
# run, gives the machine's yardstick.
#
#   scripts/bench-payouts.sh [sqlite|postgres|both]     (default: both)
#
# Results: JSON lines on stdout and in target-bench/payouts.jsonl.
# Environment: PAYOUT_LINES=100000 REFUND_ORDERS=1000 BENCH_PIECES=200 BENCH_PG=postgres://postgres@127.0.0.1:5432
#   CARGO_TARGET_DIR=/var/tmp/pepite-target PROFILE=release (debug: a quick check at small scale)
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
PAYOUT_LINES=${PAYOUT_LINES:-100000}
REFUND_ORDERS=${REFUND_ORDERS:-1000}
BENCH_PIECES=${BENCH_PIECES:-200}
BENCH_PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
PROFILE=${PROFILE:-release}
BENCH_DB=pepite_bench_payouts
PGBENCH_DB=pepite_pgbench
BIN="$CARGO_TARGET_DIR/$PROFILE/pepite"
PAYOUTS="$CARGO_TARGET_DIR/$PROFILE/pepite-bench-payouts"
OUT="$ROOT/target-bench"
RESULTS="$OUT/payouts.jsonl"
DATA=""

log() { printf '\n==> %s\n' "$*" >&2; }
psql_admin() { PGOPTIONS="-c client_min_messages=warning" psql "$BENCH_PG/postgres" -X -q -w -v ON_ERROR_STOP=1 "$@"; }
cleanup() {
    local status=$?
    [[ -z "$DATA" ]] || rm -rf -- "$DATA"
    psql_admin -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null 2>&1 || true
    psql_admin -c "DROP DATABASE IF EXISTS $PGBENCH_DB WITH (FORCE)" >/dev/null 2>&1 || true
    exit "$status"
}
trap cleanup EXIT
record() { # BACKEND JSON
    echo "{\"backend\":\"$1\",${2#\{}" | tee -a "$RESULTS"
}

if [[ $PROFILE == release ]]; then
    log "cargo build --release -p pepite -p pepite-bench"
    cargo build --release -p pepite -p pepite-bench
else
    log "cargo build -p pepite -p pepite-bench"
    cargo build -p pepite -p pepite-bench
fi
mkdir -p "$OUT"
: >"$RESULTS"

for backend in "${BACKENDS[@]}"; do
    DATA=$(mktemp -d "/tmp/pepite-bench-payouts-$backend.XXXXXX")
    if [[ $backend == postgres ]]; then
        psql_admin -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" -c "CREATE DATABASE $BENCH_DB"
        url="$BENCH_PG/$BENCH_DB"
    else
        url="sqlite://$DATA/pepite.db"
    fi
    log "$backend: demo data ($BENCH_PIECES pieces)"
    "$BIN" demo --pieces "$BENCH_PIECES" --data-dir "$DATA" --database-url "$url" >"$OUT/payouts-demo-$backend.log" 2>&1
    log "$backend: $PAYOUT_LINES lines released at once, then one payout run"
    "$PAYOUTS" --database-url "$url" --lines "$PAYOUT_LINES" --refunds "$REFUND_ORDERS" | while read -r line; do
        record "$backend" "$line"
    done
    rm -rf -- "$DATA"
    DATA=""
    if [[ $backend == postgres ]]; then
        log "postgres: pgbench tpcb-like, 32 clients, 30s"
        psql_admin -c "DROP DATABASE IF EXISTS $PGBENCH_DB WITH (FORCE)" -c "CREATE DATABASE $PGBENCH_DB"
        pgbench -i -q -s 10 "$BENCH_PG/$PGBENCH_DB" >/dev/null 2>&1
        tps=$(pgbench -c 32 -j 2 -T 30 "$BENCH_PG/$PGBENCH_DB" 2>/dev/null | awk '/^tps/ { print $3; exit }')
        record postgres "{\"scenario\":\"pgbench_tpcb_like\",\"clients\":32,\"tps\":$tps}"
    fi
done
