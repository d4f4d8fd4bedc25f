#!/usr/bin/env bash
# Benchmark of customer service's inbound e-mail (issue 13): $MAILS mails sent over SMTP by
# pepite-bench, from $CONNECTIONS connections, to a release `pepite serve --inbound-smtp` on
# PostgreSQL (or, with BENCH_BACKEND=sqlite, the embedded SQLite). Half open a conversation,
# half reply to one by In-Reply-To; the listener stores, parses and threads each before
# answering 250, so the rate is mails threaded per second. PHOTO=1: every question carries a
# 1,600 × 1,200 JPEG, decoded, re-encoded and stored as the conversation's file.
#
#   scripts/bench-support-mail.sh
#   BENCH_BACKEND=sqlite PHOTO=1 MAILS=1000 scripts/bench-support-mail.sh
#
# Results: a JSON line on stdout and in target-bench/support-mail.jsonl.
# Environment: MAILS=5000 CONNECTIONS=16 BENCH_PORT=18083 SMTP_PORT=18026 BENCH_BACKEND=postgres
#   PHOTO= BENCH_PG=postgres://postgres@127.0.0.1:5432 CARGO_TARGET_DIR=/var/tmp/pepite-target
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/pepite-target}"
MAILS=${MAILS:-5000}
CONNECTIONS=${CONNECTIONS:-16}
BENCH_PORT=${BENCH_PORT:-18083}
SMTP_PORT=${SMTP_PORT:-18026}
BENCH_PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
BENCH_BACKEND=${BENCH_BACKEND:-postgres}
PHOTO=${PHOTO:-}
BENCH_DB=pepite_bench_support_mail
BIN="$CARGO_TARGET_DIR/release/pepite"
BENCH="$CARGO_TARGET_DIR/release/pepite-bench"
OUT="$ROOT/target-bench"
SERVER_PID="" DATA=""

log() { printf '\n==> %s\n' "$*" >&2; }
psql_admin() { PGOPTIONS="-c client_min_messages=warning" psql "$BENCH_PG/postgres" -X -q -w -v ON_ERROR_STOP=1 "$@"; }
cleanup() {
    local status=$?
    if [[ -n "$SERVER_PID" ]]; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    # The server's log stays for a look at any mail not threaded at once.
    [[ -z "$DATA" || ! -f "$DATA/server.log" ]] || cp "$DATA/server.log" "$OUT/support-mail-server.log"
    [[ -z "$DATA" ]] || rm -rf -- "$DATA"
    psql_admin -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null 2>&1 || true
    exit "$status"
}
trap cleanup EXIT

log "building release binaries"
cargo build --release -p pepite -p pepite-bench >&2
mkdir -p "$OUT"
DATA=$(mktemp -d)
DATABASE=()
if [[ "$BENCH_BACKEND" == postgres ]]; then
    psql_admin -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" -c "CREATE DATABASE $BENCH_DB"
    DATABASE=(--database-url "$BENCH_PG/$BENCH_DB")
fi
# What the database holds afterwards, by one query on either backend.
query() {
    if [[ "$BENCH_BACKEND" == postgres ]]; then
        psql "$BENCH_PG/$BENCH_DB" -X -A -t -w -c "$1"
    else
        sqlite3 "$DATA/pepite.db" "$1"
    fi
}
AGG=$([[ "$BENCH_BACKEND" == postgres ]] && echo string_agg || echo group_concat)

log "starting pepite serve --inbound-smtp 127.0.0.1:$SMTP_PORT on $BENCH_BACKEND"
"$BIN" --data-dir "$DATA" "${DATABASE[@]}" --log-format json \
    serve --listen "127.0.0.1:$BENCH_PORT" --inbound-smtp "127.0.0.1:$SMTP_PORT" \
    >"$DATA/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "http://127.0.0.1:$BENCH_PORT/readyz" 2>/dev/null && break
    sleep 0.2
done

log "sending $MAILS mails from $CONNECTIONS connections"
line=$("$BENCH" support-mail --smtp "127.0.0.1:$SMTP_PORT" --mails "$MAILS" --connections "$CONNECTIONS" ${PHOTO:+--photo})
states=$(query "SELECT $AGG(state || '=' || n, ',') FROM (SELECT state, count(*) n FROM support_inbound_mails GROUP BY state) s")
conversations=$(query "SELECT count(*) FROM support_conversations")
files=$(query "SELECT count(*) FROM support_attachments")
result=$(printf '%s' "$line" | sed "s/}\$/,\"backend\":\"$BENCH_BACKEND\",\"states\":\"$states\",\"conversations\":$conversations,\"files\":$files}/")
printf '%s\n' "$result" | tee -a "$OUT/support-mail.jsonl"
