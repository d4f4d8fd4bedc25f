#!/usr/bin/env bash
# Benchmark of customer service's inbound e-mail (issue 13): $MAILS mails sent over SMTP by
# pepite-bench, from $CONNECTIONS connections, to a release `pepite serve --inbound-smtp` on
# PostgreSQL. Half open a conversation, half reply to one by In-Reply-To; the listener stores,
# parses and threads each before answering 250, so the rate is mails threaded per second.
#
#   scripts/bench-support-mail.sh
#
# Results: a JSON line on stdout and in target-bench/support-mail.jsonl.
# Environment: MAILS=5000 CONNECTIONS=16 BENCH_PORT=18083 SMTP_PORT=18026
#   BENCH_PG=postgres://postgres@127.0.0.1:5432 CARGO_TARGET_DIR=/var/tmp/pepite-target
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/pepite-target}"
MAILS=${MAILS:-5000}
CONNECTIONS=${CONNECTIONS:-16}
BENCH_PORT=${BENCH_PORT:-18083}
SMTP_PORT=${SMTP_PORT:-18026}
BENCH_PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
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
    [[ -z "$DATA" ]] || rm -rf -- "$DATA"
    psql_admin -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null 2>&1 || true
    exit "$status"
}
trap cleanup EXIT

log "building release binaries"
cargo build --release -p pepite -p pepite-bench >&2
mkdir -p "$OUT"
DATA=$(mktemp -d)
psql_admin -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" -c "CREATE DATABASE $BENCH_DB"

log "starting pepite serve --inbound-smtp 127.0.0.1:$SMTP_PORT on PostgreSQL"
"$BIN" --data-dir "$DATA" --database-url "$BENCH_PG/$BENCH_DB" --log-format json \
    serve --listen "127.0.0.1:$BENCH_PORT" --inbound-smtp "127.0.0.1:$SMTP_PORT" \
    >"$DATA/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "http://127.0.0.1:$BENCH_PORT/readyz" 2>/dev/null && break
    sleep 0.2
done

log "sending $MAILS mails from $CONNECTIONS connections"
line=$("$BENCH" support-mail --smtp "127.0.0.1:$SMTP_PORT" --mails "$MAILS" --connections "$CONNECTIONS")
states=$(psql "$BENCH_PG/$BENCH_DB" -X -A -t -w -c \
    "SELECT string_agg(state || '=' || n, ',') FROM (SELECT state, count(*) n FROM support_inbound_mails GROUP BY state) s")
conversations=$(psql "$BENCH_PG/$BENCH_DB" -X -A -t -w -c "SELECT count(*) FROM support_conversations")
result=$(printf '%s' "$line" | sed "s/}\$/,\"backend\":\"postgres\",\"states\":\"$states\",\"conversations\":$conversations}/")
printf '%s\n' "$result" | tee -a "$OUT/support-mail.jsonl"
