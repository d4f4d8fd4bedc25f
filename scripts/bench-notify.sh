#!/usr/bin/env bash
# Benchmarks of timers and notifications on a release build (issue 4):
#   1. offer expiry: $EXPIRY_OFFERS offers falling due at the same instant are expired and
#      their notices queued by the offers' timer job (target: under 10 s);
#   2. outbox: $OUTBOX_MESSAGES queued messages rendered (French and English) and sent to a
#      local SMTP server, Debian's aiosmtpd with its discarding handler (target: ≥ 200/s);
#   3. piece page with a running agreed price vs without: wrk on two pieces of the same
#      catalogue, $PAGE_ROUNDS alternating rounds of $PAGE_SECONDS s (target: within 10 %).
#
#   scripts/bench-notify.sh [sqlite|postgres|both]     (default: both)
#
# Results: JSON lines on stdout and in target-bench/notify.jsonl.
# Environment: EXPIRY_OFFERS=100000 OUTBOX_MESSAGES=5000 PAGE_SECONDS=10 PAGE_ROUNDS=3
#   BENCH_PIECES=2000 BENCH_PORT=18082 SMTP_PORT=18025 BENCH_PG=postgres://postgres@127.0.0.1:5432
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
EXPIRY_OFFERS=${EXPIRY_OFFERS:-100000}
OUTBOX_MESSAGES=${OUTBOX_MESSAGES:-5000}
PAGE_SECONDS=${PAGE_SECONDS:-10}
PAGE_ROUNDS=${PAGE_ROUNDS:-3}
BENCH_PIECES=${BENCH_PIECES:-2000}
BENCH_PORT=${BENCH_PORT:-18082}
SMTP_PORT=${SMTP_PORT:-18025}
BENCH_PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
BENCH_DB=pepite_bench_notify
BIN="$CARGO_TARGET_DIR/release/pepite"
NOTIFY="$CARGO_TARGET_DIR/release/pepite-bench-notify"
OUT="$ROOT/target-bench"
RESULTS="$OUT/notify.jsonl"
SERVER_PID="" SMTP_PID="" DATA=""

log() { printf '\n==> %s\n' "$*" >&2; }
psql_admin() { PGOPTIONS="-c client_min_messages=warning" psql "$BENCH_PG/postgres" -X -q -w -v ON_ERROR_STOP=1 "$@"; }
stop() { # PID-variable-name
    local pid=${!1}
    [[ -n "$pid" ]] || return 0
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    printf -v "$1" '%s' ""
}
cleanup() {
    local status=$?
    stop SERVER_PID
    stop SMTP_PID
    [[ -z "$DATA" ]] || rm -rf -- "$DATA"
    psql_admin -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null 2>&1 || true
    exit "$status"
}
trap cleanup EXIT
record() { # BACKEND JSON
    local line="{\"backend\":\"$1\",${2#\{}"
    echo "$line" | tee -a "$RESULTS"
}

log "cargo build --release -p pepite -p pepite-bench"
cargo build --release -p pepite -p pepite-bench
mkdir -p "$OUT"
: >"$RESULTS"

/usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Sink &
SMTP_PID=$!

for backend in "${BACKENDS[@]}"; do
    DATA=$(mktemp -d "/tmp/pepite-bench-notify-$backend.XXXXXX")
    if [[ $backend == postgres ]]; then
        psql_admin -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" -c "CREATE DATABASE $BENCH_DB"
        url="$BENCH_PG/$BENCH_DB"
    else
        url="sqlite://$DATA/pepite.db"
    fi
    log "$backend: demo data ($BENCH_PIECES pieces)"
    "$BIN" demo --pieces "$BENCH_PIECES" --data-dir "$DATA" --database-url "$url" >"$OUT/notify-demo-$backend.log" 2>&1

    log "$backend: outbox, $OUTBOX_MESSAGES messages to SMTP"
    record "$backend" "$("$NOTIFY" --database-url "$url" outbox --messages "$OUTBOX_MESSAGES" --smtp-url "smtp://127.0.0.1:$SMTP_PORT")"

    log "$backend: $EXPIRY_OFFERS offers falling due at once"
    record "$backend" "$("$NOTIFY" --database-url "$url" expiry --offers "$EXPIRY_OFFERS")"

    log "$backend: piece page with and without an agreed price"
    # Two listed pieces of the demo catalogue; the first gets an agreed price of 10 €.
    read -r agreed plain < <("$NOTIFY" --database-url "$url" agree --cents 1000)
    "$BIN" serve --listen "127.0.0.1:$BENCH_PORT" --no-workers --data-dir "$DATA" --database-url "$url" \
        >"$OUT/notify-server-$backend.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 240); do
        curl -fsS -o /dev/null "http://127.0.0.1:$BENCH_PORT/readyz" 2>/dev/null && break
        sleep 0.5
    done
    # Read whole first: `grep -q` stops at the first match, and under pipefail the closed pipe
    # would fail curl and the check with it.
    page=$(curl -fsS "http://127.0.0.1:$BENCH_PORT/pieces/$agreed")
    grep -q "10,00" <<<"$page" \
        || { echo "the agreed price is not shown on /pieces/$agreed" >&2; exit 1; }
    for round in $(seq 1 "$PAGE_ROUNDS"); do
        for which in agreed plain; do
            id=${!which}
            rps=$(wrk -t1 -c16 -d"${PAGE_SECONDS}s" -H "Accept-Encoding: gzip" \
                "http://127.0.0.1:$BENCH_PORT/pieces/$id" | awk '/Requests\/sec/ { print $2 }')
            record "$backend" "{\"scenario\":\"piece_page\",\"price\":\"$which\",\"round\":$round,\"requests_per_second\":$rps}"
        done
    done
    stop SERVER_PID
    rm -rf -- "$DATA"
    DATA=""
done
