#!/usr/bin/env bash
# Benchmarks a release build of Pépite on loopback with realistic data.
#
#   scripts/bench.sh [sqlite|postgres|both]        (default: both)
#
# For each backend: a fresh database, `pepite demo --pieces N` (timed), `pepite serve` on
# 127.0.0.1:$BENCH_PORT, then wrk from a second process: piece pages, the search page and the
# API search, each with 1 and 16 connections. Server memory (VmRSS, VmHWM) is read after each
# load. On PostgreSQL, `pgbench -S` on the same database server gives a yardstick.
# Results: a Markdown table on stdout and in target-bench/results.md; raw wrk output beside it.
#
# Environment (all optional):
#   BENCH_SECONDS=20          seconds per measured run
#   BENCH_WARMUP=3            seconds of unmeasured load before each scenario (0: none)
#   BENCH_PIECES=100000       demo catalogue size (piece ids drawn from 1..N)
#   BENCH_PORT=18080          port of the server under test
#   BENCH_ACCEPT_ENCODING=gzip  Accept-Encoding sent by wrk ("" for none)
#   BENCH_SERVE_ARGS=         extra arguments for `pepite serve`
#   BENCH_PG=postgres://postgres@127.0.0.1:5432   PostgreSQL server (trust auth)
#   BENCH_BIN=                a pepite binary to measure instead of building one
#   BENCH_SHAPES="broad browse filters sorts deep"   search shapes run after the fixed scenarios
#   CARGO_TARGET_DIR=/var/tmp/pepite-target
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

MODE=${1:-both}
case "$MODE" in
    sqlite) BACKENDS=(sqlite) ;;
    postgres) BACKENDS=(postgres) ;;
    both) BACKENDS=(sqlite postgres) ;;
    -h | --help)
        sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
        exit 0
        ;;
    *)
        echo "usage: $0 [sqlite|postgres|both]" >&2
        exit 2
        ;;
esac

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/pepite-target}"
BENCH_SECONDS=${BENCH_SECONDS:-20}
BENCH_WARMUP=${BENCH_WARMUP:-3}
export BENCH_PIECES=${BENCH_PIECES:-100000}
BENCH_PORT=${BENCH_PORT:-18080}
export BENCH_ACCEPT_ENCODING=${BENCH_ACCEPT_ENCODING-gzip}
BENCH_PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
read -r -a SERVE_EXTRA <<<"${BENCH_SERVE_ARGS:-}"

BIN="${BENCH_BIN:-$CARGO_TARGET_DIR/release/pepite}"
BASE="http://127.0.0.1:$BENCH_PORT"
OUT="$ROOT/target-bench"
RESULTS="$OUT/results.md"
LUA="$ROOT/scripts/bench"
BENCH_DB=pepite_bench
PGBENCH_DB=pepite_pgbench

for n in "$BENCH_SECONDS" "$BENCH_WARMUP" "$BENCH_PIECES" "$BENCH_PORT"; do
    [[ "$n" =~ ^[0-9]+$ ]] || { echo "not a whole number: $n" >&2; exit 2; }
done

log() { printf '\n==> %s\n' "$*" >&2; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

SERVER_PID=""
DATA_DIRS=()
PG_USED=0

psql_admin() {
    PGOPTIONS="-c client_min_messages=warning" psql "$BENCH_PG/postgres" -X -q -w -v ON_ERROR_STOP=1 "$@"
}

stop_server() {
    [[ -n "$SERVER_PID" ]] || return 0
    if kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        local i
        for i in $(seq 1 100); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$SERVER_PID" 2>/dev/null; then
            echo "server $SERVER_PID ignored SIGTERM for 10 s; killing it" >&2
            kill -KILL "$SERVER_PID" 2>/dev/null || true
        fi
    fi
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}

cleanup() {
    local status=$?
    stop_server
    if [[ $PG_USED -eq 1 ]]; then
        psql_admin -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" \
            -c "DROP DATABASE IF EXISTS $PGBENCH_DB WITH (FORCE)" >/dev/null 2>&1 || true
    fi
    local d
    for d in "${DATA_DIRS[@]}"; do
        rm -rf -- "$d"
    done
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- tools -----------------------------------------------------------------------------------

need_apt=()
command -v wrk >/dev/null || need_apt+=(wrk)
command -v curl >/dev/null || need_apt+=(curl)
if [[ " ${BACKENDS[*]} " == *" postgres "* ]]; then
    command -v psql >/dev/null || need_apt+=(postgresql-client)
fi
if [[ ${#need_apt[@]} -gt 0 ]]; then
    log "installing ${need_apt[*]}"
    SUDO=()
    [[ "$(id -u)" -eq 0 ]] || SUDO=(sudo)
    "${SUDO[@]}" apt-get update
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${need_apt[@]}"
fi

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$BENCH_PORT") 2>/dev/null; }
if port_busy; then
    echo "something already listens on 127.0.0.1:$BENCH_PORT; set BENCH_PORT" >&2
    exit 1
fi

if [[ -z "${BENCH_BIN:-}" ]]; then
    log "cargo build --release -p pepite"
    build_start=$(now)
    cargo build --release -p pepite
    echo "built $BIN in $(since "$build_start") s" >&2
fi
[[ -x "$BIN" ]] || { echo "no binary at $BIN" >&2; exit 1; }

mkdir -p "$OUT"
rm -f "$OUT"/wrk-*.txt "$OUT"/server-*.log "$OUT"/demo-*.log "$OUT"/pgbench*.txt

# --- measuring -------------------------------------------------------------------------------

ROWS=()
NOTES=()
declare -A RPS

# Server memory as "PSS ANON RSS" in MiB. SQLite maps the database file once per pooled
# connection, and RSS counts a file page once per mapping: with 8 connections it counts the
# same file pages 8 times. PSS counts each page once (shared pages in proportion); ANON is the
# memory the process allocated itself (heap, stacks), which no other process could share.
server_memory() {
    local pss
    pss=$(awk '/^Pss:/ { print $2 }' "/proc/$SERVER_PID/smaps_rollup" 2>/dev/null || echo 0)
    awk -v pss="${pss:-0}" '/^VmRSS:/ { rss = $2 } /^RssAnon:/ { anon = $2 }
         END { printf "%.0f %.0f %.0f", pss / 1024, anon / 1024, rss / 1024 }' "/proc/$SERVER_PID/status"
}

fmt_ms() { awk -v us="$1" 'BEGIN { printf "%.2f ms", us / 1000 }'; }

# run_wrk BACKEND SCENARIO SCRIPT PATH THREADS CONNECTIONS
run_wrk() {
    local backend=$1 scenario=$2 script=$3 path=$4 threads=$5 conns=$6
    local raw="$OUT/wrk-$backend-${scenario// /-}-c$conns.txt"
    echo "wrk -t$threads -c$conns -d${BENCH_SECONDS}s --latency -s $script $BASE$path" >&2
    wrk -t"$threads" -c"$conns" -d"${BENCH_SECONDS}s" --timeout 10s --latency \
        -s "$LUA/$script" "$BASE$path" >"$raw" 2>&1 || {
        echo "wrk failed; its output:" >&2
        cat "$raw" >&2
        return 1
    }
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "the server died during $scenario; see $OUT/server-$backend.log" >&2; return 1; }

    local line
    line=$(grep '^BENCH_RESULT ' "$raw" | tail -n 1) || { echo "no result line in $raw" >&2; cat "$raw" >&2; return 1; }
    # Fields: requests duration_us p50_us p90_us p99_us max_us connect read write timeout status.
    local -A r
    local kv
    # shellcheck disable=SC2086 # one word per field
    for kv in ${line#BENCH_RESULT }; do
        r[${kv%%=*}]=${kv#*=}
    done
    local rps socket non2xx share mem
    rps=$(awk -v n="${r[requests]}" -v d="${r[duration_us]}" 'BEGIN { printf "%.0f", (d > 0 ? n * 1e6 / d : 0) }')
    socket=$((r[connect] + r[read] + r[write] + r[timeout]))
    non2xx=${r[status]}
    share=$(awk -v s="$non2xx" -v n="${r[requests]}" 'BEGIN { printf "%.1f", (n > 0 ? 100 * s / n : 0) }')
    mem=$(server_memory)
    RPS[$backend/$scenario/$conns]=$rps
    local pss anon rss
    read -r pss anon rss <<<"$mem"
    ROWS+=("| $backend | $scenario | $conns | $rps | $(fmt_ms "${r[p50_us]}") | $(fmt_ms "${r[p99_us]}") | $socket / $non2xx ($share %) | $pss | $anon | $rss |")
    printf '    %-8s %-18s c=%-2s %8s req/s  p50 %s  p99 %s  socket errors %s  non-2xx %s (%s %%)  PSS %s MiB  anon %s MiB  RSS %s MiB\n' \
        "$backend" "$scenario" "$conns" "$rps" "$(fmt_ms "${r[p50_us]}")" "$(fmt_ms "${r[p99_us]}")" \
        "$socket" "$non2xx" "$share" "$pss" "$anon" "$rss" >&2
}

# scenario BACKEND NAME SCRIPT PATH: a warm-up, then 1 and 16 connections.
scenario() {
    local backend=$1 name=$2 script=$3 path=$4
    log "$backend: $name"
    if [[ $BENCH_WARMUP -gt 0 ]]; then
        wrk -t2 -c16 -d"${BENCH_WARMUP}s" --timeout 10s -s "$LUA/$script" "$BASE$path" >/dev/null 2>&1 || true
    fi
    run_wrk "$backend" "$name" "$script" "$path" 1 1
    run_wrk "$backend" "$name" "$script" "$path" 2 16
}

wait_ready() {
    local backend=$1 i
    for i in $(seq 1 240); do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            echo "the server exited; last lines of its log:" >&2
            tail -n 30 "$OUT/server-$backend.log" >&2
            return 1
        fi
        if curl -fsS -o /dev/null --max-time 2 "$BASE/readyz" 2>/dev/null; then
            echo "ready after ~$((i / 2)) s" >&2
            return 0
        fi
        sleep 0.5
    done
    echo "no answer from $BASE/readyz within 120 s" >&2
    tail -n 30 "$OUT/server-$backend.log" >&2
    return 1
}

bench_backend() {
    local backend=$1
    local data
    data=$(mktemp -d "/tmp/pepite-bench-$backend.XXXXXX")
    DATA_DIRS+=("$data")
    local db_args=(--data-dir "$data")
    if [[ $backend == postgres ]]; then
        PG_USED=1
        log "postgres: fresh database $BENCH_DB"
        psql_admin -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" -c "CREATE DATABASE $BENCH_DB"
        db_args+=(--database-url "$BENCH_PG/$BENCH_DB")
    fi

    log "$backend: pepite demo --pieces $BENCH_PIECES"
    local start took
    start=$(now)
    "$BIN" demo --pieces "$BENCH_PIECES" "${db_args[@]}" >"$OUT/demo-$backend.log" 2>&1 || {
        echo "demo failed; last lines of its log:" >&2
        tail -n 30 "$OUT/demo-$backend.log" >&2
        return 1
    }
    took=$(since "$start")
    echo "demo data in $took s" >&2
    NOTES+=("- $backend: \`pepite demo --pieces $BENCH_PIECES\` took $took s")

    log "$backend: pepite serve --listen 127.0.0.1:$BENCH_PORT"
    "$BIN" serve --listen "127.0.0.1:$BENCH_PORT" "${db_args[@]}" "${SERVE_EXTRA[@]}" \
        >"$OUT/server-$backend.log" 2>&1 &
    SERVER_PID=$!
    wait_ready "$backend"
    NOTES+=("- $backend: server memory after start-up: PSS / anon / RSS $(server_memory | sed 's/ / \/ /g') MiB")

    scenario "$backend" "piece page" piece.lua /
    scenario "$backend" "search page" search.lua /
    scenario "$backend" "api search" api_search.lua /
    # Issue 9: every shape of search a person uses (scripts/bench/shapes.lua).
    local shape
    for shape in ${BENCH_SHAPES:-broad browse filters sorts deep}; do
        export BENCH_SHAPE=$shape
        scenario "$backend" "search $shape" shapes.lua /
    done

    if [[ $backend == postgres ]]; then
        run_pgbench
    fi
    stop_server
}

run_pgbench() {
    if ! command -v pgbench >/dev/null; then
        NOTES+=("- pgbench: not installed, no yardstick")
        return 0
    fi
    log "postgres: pgbench -S on the same server"
    psql_admin -c "DROP DATABASE IF EXISTS $PGBENCH_DB WITH (FORCE)" -c "CREATE DATABASE $PGBENCH_DB"
    pgbench -i -s 10 -q "$BENCH_PG/$PGBENCH_DB" >"$OUT/pgbench-init.txt" 2>&1 || {
        cat "$OUT/pgbench-init.txt" >&2
        return 1
    }
    pgbench -S -c 16 -j 2 -T "$BENCH_SECONDS" "$BENCH_PG/$PGBENCH_DB" >"$OUT/pgbench.txt" 2>&1 || {
        cat "$OUT/pgbench.txt" >&2
        return 1
    }
    local tps
    tps=$(awk '/^tps = / { printf "%.0f", $3; exit }' "$OUT/pgbench.txt")
    [[ -n "$tps" ]] || { echo "no tps in pgbench output" >&2; cat "$OUT/pgbench.txt" >&2; return 1; }
    local piece=${RPS[postgres/piece page/16]:-0}
    local pct
    pct=$(awk -v a="$piece" -v b="$tps" 'BEGIN { printf "%.1f", (b > 0 ? 100 * a / b : 0) }')
    echo "pgbench -S: $tps tps; piece page at 16 connections: $piece req/s = $pct % of it" >&2
    NOTES+=("- pgbench -S -c 16 -j 2 -T $BENCH_SECONDS (scale 10, same PostgreSQL server): $tps tps; piece page at 16 connections: $piece req/s = **$pct %** of pgbench")
    psql_admin -c "DROP DATABASE IF EXISTS $PGBENCH_DB WITH (FORCE)" >/dev/null
}

# --- run -------------------------------------------------------------------------------------

for backend in "${BACKENDS[@]}"; do
    bench_backend "$backend"
done

commit=$(git rev-parse --short HEAD 2>/dev/null || echo "no commit")
dirty=""
[[ -z "$(git status --porcelain 2>/dev/null)" ]] || dirty=" (with uncommitted changes)"
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
{
    echo "# Pépite benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- commit $commit$dirty; $(nproc) cores ($cpu), $(awk '/^MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo) GiB;" \
        "server and wrk share the machine, loopback only"
    echo "- \`scripts/bench.sh $MODE\`: ${BENCH_BIN:+binary }${BENCH_BIN:-release build}, $BENCH_PIECES demo pieces, wrk ${BENCH_SECONDS} s per row" \
        "after a ${BENCH_WARMUP} s warm-up; 1 connection = \`wrk -t1 -c1\`, 16 = \`wrk -t2 -c16\`;" \
        "Accept-Encoding: ${BENCH_ACCEPT_ENCODING:-none}"
    echo "- piece ids are drawn from 1..$BENCH_PIECES; ids of pieces that are not listed answer 404," \
        "counted under non-2xx"
    printf '%s\n' "${NOTES[@]}"
    echo
    echo "| backend | scenario | clients | req/s | p50 | p99 | socket errors / non-2xx | PSS MiB | anon MiB | RSS MiB |"
    echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    printf '%s\n' "${ROWS[@]}"
} >"$RESULTS"

echo
cat "$RESULTS"
echo
echo "written to ${RESULTS#"$ROOT"/}; raw wrk output in ${OUT#"$ROOT"/}/" >&2
