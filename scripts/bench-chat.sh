#!/usr/bin/env bash
# The chat across two instances (issue 13, S1) on a release build, PostgreSQL, load from
# another process (pepite-bench) on loopback.
#
#   scripts/bench-chat.sh
#
# A fresh PostgreSQL database; instance A (`pepite serve --trust-proxy`, workers on) and
# instance B (the same, `--no-workers`) on it. `pepite-bench chat` opens $BENCH_CHATS
# conversations through A (people ten each), holds each one's live feed (server-sent events)
# open on B, then writes one message per conversation through A at $BENCH_RATE a second and
# times each from just before its write is sent to its arrival on B's feed (delivery latency,
# p50/p99), and reads B's resident memory before and after the feeds opened (per open chat).
# Results: JSON lines on stdout and in target-bench/chat.jsonl.
#
# Environment: BENCH_CHATS=1000 BENCH_RATE=100 BENCH_PORT=18084 (A; B is the next port)
#   BENCH_PG=postgres://postgres@127.0.0.1:5432 CARGO_TARGET_DIR=/var/tmp/pepite-target
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
# A thousand open feeds need more descriptors than the usual 1,024.
ulimit -n "$(ulimit -Hn)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/pepite-target}"
BENCH_CHATS=${BENCH_CHATS:-1000}
BENCH_RATE=${BENCH_RATE:-100}
BENCH_PORT=${BENCH_PORT:-18084}
BENCH_PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
A="http://127.0.0.1:$BENCH_PORT"
B="http://127.0.0.1:$((BENCH_PORT + 1))"
OUT="$ROOT/target-bench"
RESULTS="$OUT/chat.jsonl"
BENCH_DB=pepite_bench_chat
BIN="$CARGO_TARGET_DIR/release/pepite"
LOAD="$CARGO_TARGET_DIR/release/pepite-bench"
PIDS=()
DATA=$(mktemp -d /tmp/pepite-bench-chat.XXXXXX)

log() { printf '\n==> %s\n' "$*" >&2; }
psql_admin() { PGOPTIONS="-c client_min_messages=warning" psql "$BENCH_PG/postgres" -X -q -w -v ON_ERROR_STOP=1 "$@"; }
cleanup() {
    local status=$?
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    rm -rf -- "$DATA"
    psql_admin -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null 2>&1 || true
    exit "$status"
}
trap cleanup EXIT
ready() { for _ in $(seq 1 240); do curl -fsS -o /dev/null "$1/readyz" 2>/dev/null && return; sleep 0.5; done; echo "$1 not ready" >&2; exit 1; }

log "cargo build --release -p pepite -p pepite-bench"
cargo build --release -p pepite -p pepite-bench
mkdir -p "$OUT"
: >"$RESULTS"
psql_admin -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" -c "CREATE DATABASE $BENCH_DB"
args=(--trust-proxy --data-dir "$DATA" --database-url "$BENCH_PG/$BENCH_DB")
"$BIN" serve --listen "127.0.0.1:$BENCH_PORT" "${args[@]}" >"$OUT/chat-a.log" 2>&1 &
PIDS+=($!)
ready "$A"
"$BIN" serve --listen "127.0.0.1:$((BENCH_PORT + 1))" --no-workers "${args[@]}" >"$OUT/chat-b.log" 2>&1 &
B_PID=$!
PIDS+=("$B_PID")
ready "$B"
log "postgres: $BENCH_CHATS chats open on B, one message each written through A at $BENCH_RATE/s"
"$LOAD" --base "$A" chat --other "$B" --chats "$BENCH_CHATS" --rate "$BENCH_RATE" --other-pid "$B_PID" \
    | while read -r line; do echo "{\"backend\":\"postgres\",${line#\{}" | tee -a "$RESULTS"; done
