#!/usr/bin/env bash
# Kubernetes API benchmark: starts the sandbox jar with fabric8's mock, then with the own server (the same process,
# the same flags but --kubernetes), and drives each on loopback: get and server-side apply of 1,000 ConfigMaps by wrk
# (20 connections, SECONDS each after a 5 s warm-up, as fast as the server answers; then again with each connection
# waiting 10 ms between requests, a set load of at most 2,000 requests/s), create, list of the 1,000 and
# watch-event latency by KubernetesBench (20 JDK HttpClient threads), and the server's RSS after the first 10,000
# requests and after all of them (several hundred thousand). Prints one table side by side; exits 1 when the own
# server misses a target (p99 under 5 ms for get and apply at the set load; RSS within 10% between 10,000 requests
# and the end). At full speed, 20 connections on a 2-core machine queue behind each other and the collector, and p99
# is that queue: printed, not judged.
# Both servers run with BENCH_JAVA_OPTS (default -Xms256m -Xmx256m -XX:+AlwaysPreTouch: a fixed heap, touched at
# start, as a server is run; without a fixed heap the JVM grows it toward a quarter of the machine's memory whatever
# the server keeps, and without the pre-touch RSS grows as the collector first reaches heap pages it had not used
# yet, which is not memory the server keeps). The table adds the heap in use after a full GC at both points.
# Needs wrk (Debian: apt-get install wrk).
# usage: sandbox/bench/kubernetes.sh [SECONDS (default 10)]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
case "$seconds" in *[!0-9]*|"") echo "usage: sandbox/bench/kubernetes.sh [SECONDS]" >&2; exit 2;; esac
command -v wrk >/dev/null || { echo "kubernetes.sh needs wrk: apt-get install wrk" >&2; exit 2; }
java_opts=${BENCH_JAVA_OPTS:--Xms256m -Xmx256m -XX:+AlwaysPreTouch}

mvn_flags=(-B -ntp -o -q -pl sandbox)
if [ ! -f sandbox/target/sandbox.jar ]; then
  ./mvnw "${mvn_flags[@]}" package -DskipTests
fi
./mvnw "${mvn_flags[@]}" test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/sandbox/target/bench.classpath"
classpath="sandbox/target/test-classes:sandbox/target/classes:$(cat sandbox/target/bench.classpath)"
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT

# One wrk run as properties: PHASE=p50/p99/requests in ms, PHASERate=requests/s, and the failed calls counted in
# failures; n/a when most calls failed (the mock has no server-side apply).
wrk_result() {
  awk -v phase="$1" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    / requests in / { total = $1 }
    /Non-2xx or 3xx responses:/ { failed = $NF }
    /Socket errors:/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) failed += $i }
    /^Requests\/sec:/ { rate = $2 }
    END {
      if (total == 0 || failed * 2 > total) { print phase "=n/a"; print phase "Rate=n/a" }
      else { printf "%s=%.2f/%.2f/%d\n%sRate=%.0f\n", phase, p50, p99, total, phase, rate }
      printf "wrk%sRequests=%d\nwrk%sFailures=%d\n", phase, total, phase, failed
    }' "$2"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

for server in mock own; do
  kport=$(free_port)
  log="$work/$server.log"
  : >"$log"
  # shellcheck disable=SC2086 # JVM flags for both servers
  timeout -k 10 300 java $java_opts -jar sandbox/target/sandbox.jar --aws-port "$(free_port)" --kubernetes-port "$kport" \
    --kubernetes "$server" --no-throttling --kubeconfig "$work/$server.kubeconfig" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 150); do
    grep -q "Kubernetes API" "$log" && break
    sleep 0.2
  done
  # timeout(1) is the parent: the JVM is its child.
  jvm=$(pgrep -P "$pid" java || echo "$pid")
  echo "== $server (pid $jvm)" >&2
  url="http://127.0.0.1:$kport"
  props="$work/$server.properties"
  bench() { timeout 200 java -cp "$classpath" dev.ecsapp.sandbox.bench.KubernetesBench "$1" "$url" "$jvm" "$props"; }
  bench prepare
  for phase in get apply; do
    wrk -t2 -c20 -d5s -s "sandbox/bench/kubernetes-$phase.lua" "$url" >"$work/$phase-warm-up.txt"
    echo "wrk${phase}WarmUp=$(awk '/ requests in / { print $1 }' "$work/$phase-warm-up.txt")" >>"$props"
    wrk -t2 -c20 -d"${seconds}s" --latency -s "sandbox/bench/kubernetes-$phase.lua" "$url" >"$work/$phase.txt"
    wrk_result "$phase" "$work/$phase.txt" >>"$props"
    # The same 20 connections, each waiting 10 ms between requests: at most 2,000 requests/s, a set load.
    wrk -t2 -c20 -d"${seconds}s" --latency -s "sandbox/bench/kubernetes-$phase.lua" "$url" -- 10 >"$work/$phase-paced.txt"
    wrk_result "${phase}Paced" "$work/$phase-paced.txt" >>"$props"
  done
  bench finish
  # The mock, out of heap by now, can hang in its shutdown hook: SIGKILL after 10 s.
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$jvm" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$jvm" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=
done
machine="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
java -cp "$classpath" dev.ecsapp.sandbox.bench.KubernetesBench table "$work/mock.properties" "$work/own.properties" \
  "$machine"
