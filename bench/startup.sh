#!/usr/bin/env bash
# Startup time, idle memory and size of the packaged Lightbox on its embedded defaults.
# Prints: jar size; time from launch to the login page answering 200 on a new (cold) data dir and
# again on the same (warm) data dir; idle RSS of the java process (app + embedded S3 server) and of
# the embedded PostgreSQL processes, 20 s after startup.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=$(bin/jdk)
JAR=target/lightbox.jar
[ -f "$JAR" ] || { echo "build the jar first: make package" >&2; exit 1; }
DATA=$(mktemp -d /tmp/lightbox-bench.XXXXXX)
PORT=${BENCH_PORT:-18080}
PID=
ELAPSED=0
trap '[ -n "$PID" ] && kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT

ms() { date +%s%3N; }

launch() {
  local start; start=$(ms)
  LIGHTBOX_DATA_DIR=$DATA PORT=$PORT "$JAVA_HOME/bin/java" -jar "$JAR" > "$DATA.log" 2>&1 &
  PID=$!
  until curl -sf -o /dev/null "http://localhost:$PORT/login"; do
    kill -0 $PID 2>/dev/null || { cat "$DATA.log"; exit 1; }
    sleep 0.05
  done
  ELAPSED=$(( $(ms) - start ))
}

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

postgres_rss_kb() {
  local total=0
  for pid in $(pgrep -f "postgres.*$DATA" || true); do total=$(( total + $(rss_kb "$pid") )); done
  echo $total
}

if curl -s -o /dev/null "http://localhost:$PORT/"; then echo "port $PORT is busy: stop what runs there or set BENCH_PORT" >&2; exit 1; fi
echo "jar size:                 $(( $(stat -c %s $JAR) / 1024 / 1024 )) MB ($JAR)"
launch
echo "startup, cold data dir:   ${ELAPSED} ms to login page (initdb + bucket creation included)"
sleep 20
java_kb=$(rss_kb $PID); pg_kb=$(postgres_rss_kb)
echo "idle RSS java (app + S3): $(( java_kb / 1024 )) MB"
echo "idle RSS postgres (all):  $(( pg_kb / 1024 )) MB"
echo "idle RSS total:           $(( (java_kb + pg_kb) / 1024 )) MB"
kill $PID; wait $PID || true
launch
echo "startup, warm data dir:   ${ELAPSED} ms to login page"
