#!/usr/bin/env bash
# Kubernetes API benchmark: starts the sandbox jar with fabric8's mock, then with the own server (the same process,
# the same flags but --kubernetes), and drives each with 20 concurrent clients (KubernetesBench, JDK HttpClient,
# loopback): p50/p99 of get, list of 1,000 objects, create, server-side apply and watch-event latency, and the
# server's RSS after 10,000 requests and after REQUESTS. Prints one table side by side; exits 1 when the own server
# misses a target (p99 under 5 ms for get and apply; RSS within 10% between 10,000 and REQUESTS requests).
# usage: sandbox/bench/kubernetes.sh [REQUESTS (default 100000)]   (BENCH_JAVA_OPTS: JVM flags for both servers)
set -euo pipefail
cd "$(dirname "$0")/../.."
requests=${1:-100000}
case "$requests" in *[!0-9]*|"") echo "usage: sandbox/bench/kubernetes.sh [REQUESTS]" >&2; exit 2;; esac

mvn_flags=(-B -ntp -o -q -pl sandbox)
if [ ! -f sandbox/target/sandbox.jar ]; then
  ./mvnw "${mvn_flags[@]}" package -DskipTests
fi
./mvnw "${mvn_flags[@]}" test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/sandbox/target/bench.classpath"
classpath="sandbox/target/test-classes:sandbox/target/classes:$(cat sandbox/target/bench.classpath)"
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

for server in mock own; do
  kport=$(free_port)
  log="$work/$server.log"
  : >"$log"
  # The same heap settings a user gets by default: none, so the JVM's own container-aware defaults apply.
  # shellcheck disable=SC2086 # BENCH_JAVA_OPTS: optional JVM flags for both servers, e.g. -Xmx256m
  timeout 240 java ${BENCH_JAVA_OPTS:-} -jar sandbox/target/sandbox.jar --aws-port "$(free_port)" --kubernetes-port "$kport" \
    --kubernetes "$server" --no-throttling --kubeconfig "$work/$server.kubeconfig" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 150); do
    grep -q "Kubernetes API" "$log" && break
    sleep 0.2
  done
  # timeout(1) is the parent: the JVM is its child.
  jvm=$(pgrep -P "$pid" java || echo "$pid")
  echo "== $server (pid $jvm)" >&2
  timeout 200 java -cp "$classpath" dev.ecsapp.sandbox.bench.KubernetesBench run "http://127.0.0.1:$kport" "$jvm" \
    "$requests" "$work/$server.properties"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=
done
machine="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
java -cp "$classpath" dev.ecsapp.sandbox.bench.KubernetesBench table "$work/mock.properties" "$work/own.properties" \
  "$machine"
