#!/usr/bin/env bash
# Load test: an authenticated GET /api/user on a fresh Glossia server, next
# to a bare net/http handler returning a small JSON body (the ceiling of the
# HTTP stack on this machine), both measured with the same wrk command.
# It also reports the database writes the authenticated run caused, from
# glossia_db_writes_total on /metrics.
#
# Usage: scripts/load/run.sh
# Settings (environment):
#   THREADS=2 CONNECTIONS=32 DURATION=15s   the wrk load
#   LAST_USED_SECONDS=5                     how often last-used updates are flushed (the
#                                           server's default is 60; a shorter interval makes
#                                           several flushes fall within the run, an upper bound)
#   LOG_LEVEL=info                          the server's log level (request logs at info)
#   POSTGRES_URL=postgres://…               also measure on this PostgreSQL database
#                                           (it must be empty or a database of Glossia)
# Traffic goes to 127.0.0.1 only, and every process started is stopped at exit.
set -euo pipefail
cd "$(dirname "$0")/../.."

THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-15s}
LAST_USED_SECONDS=${LAST_USED_SECONDS:-5}
LOG_LEVEL=${LOG_LEVEL:-info}

command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "Building…"
go build -o "$work/glossia" ./cmd/glossia
go build -o "$work/baseline" ./scripts/load/baseline

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_for() { # url
  for _ in $(seq 100); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "timed out waiting for $1" >&2; return 1
}

metric() { # base name
  curl -fsS "$1/metrics" | awk -v n="$2" '$1 == n { printf "%d", $2 }'
}

# summary FILE: the requests per second, p50 and p99 latency and request count of a wrk report.
summary() {
  awk '/Requests\/sec/ { rps = $2 } / 50%/ { p50 = $2 } / 99%/ { p99 = $2 } /requests in/ { n = $1 }
       END { printf "%10s req/s   p50 %8s   p99 %8s   (%s requests)\n", rps, p50, p99, n }' "$1"
}

load() { # label url [lua]
  local label=$1 url=$2 script=${3:-}
  echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency $url  ($label)"
  if [ -n "$script" ]; then
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$script" "$url" > "$work/$label.wrk"
  else
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url" > "$work/$label.wrk"
  fi
}

run_glossia() { # label database-url
  local label=$1 db=$2 port base token before after requests
  port=$(free_port)
  base="http://127.0.0.1:$port"
  export GLOSSIA_DATABASE_URL="$db"
  GLOSSIA_ADDR="127.0.0.1:$port" GLOSSIA_LOG_FORMAT=json GLOSSIA_LOG_LEVEL="$LOG_LEVEL" \
    GLOSSIA_LAST_USED_INTERVAL="${LAST_USED_SECONDS}s" "$work/glossia" serve 2> "$work/$label.log" &
  local pid=$!
  pids+=("$pid")
  wait_for "$base/readyz"
  printf '%s' "load-test-password" | "$work/glossia" admin create-user --handle load --email load@example.com --name Load --password-stdin >/dev/null
  token=$("$work/glossia" admin create-token --user load --name "load test" --scopes user:read)
  curl -fsS -o /dev/null -H "Authorization: Bearer $token" "$base/api/user" # warm up
  before=$(metric "$base" glossia_db_writes_total)
  GLOSSIA_TOKEN="$token" load "$label" "$base/api/user" scripts/load/auth.lua
  sleep $((LAST_USED_SECONDS + 1)) # let the last pending last-used update be written
  after=$(metric "$base" glossia_db_writes_total)
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  requests=$(awk '/requests in/ { print $1 }' "$work/$label.wrk")
  if grep -q 'glsa_[0-9a-f]\{8,\}' "$work/$label.log"; then echo "WARNING: the server log contains a token secret" >&2; fi
  echo "$label: $((after - before)) database writes caused by the run (flushes included); $(awk -v w=$((after - before)) -v n="$requests" 'BEGIN { printf "%.2f", n ? w * 10000 / n : 0 }') per 10,000 requests"
}

results=()
run_glossia sqlite "$work/glossia.db"
results+=("GET /api/user, SQLite    $(summary "$work/sqlite.wrk")")
if [ -n "${POSTGRES_URL:-}" ]; then
  run_glossia postgres "$POSTGRES_URL"
  results+=("GET /api/user, Postgres  $(summary "$work/postgres.wrk")")
fi

port=$(free_port)
"$work/baseline" -addr "127.0.0.1:$port" &
pids+=("$!")
wait_for "http://127.0.0.1:$port/"
load baseline "http://127.0.0.1:$port/"
results+=("bare net/http baseline   $(summary "$work/baseline.wrk")")

echo
echo "Results ($(nproc) CPUs, wrk -t$THREADS -c$CONNECTIONS -d$DURATION, last-used flush every ${LAST_USED_SECONDS}s, log level $LOG_LEVEL):"
printf '  %s\n' "${results[@]}"
