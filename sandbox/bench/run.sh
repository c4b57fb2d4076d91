#!/usr/bin/env bash
# Sandbox benchmark: starts the sandbox jar (throttling off), creates 1,000 services, measures DescribeServices
# calls per second from one client, then keeps describing for MINUTES minutes while sampling the sandbox's RSS.
# usage: sandbox/bench/run.sh [MINUTES (default 10)] [SERVICES (default 1000)]
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes=${1:-10}
services=${2:-1000}
case "$minutes$services" in *[!0-9]*) echo "usage: sandbox/bench/run.sh [MINUTES] [SERVICES]" >&2; exit 2;; esac

./mvnw -q -pl sandbox -am package -DskipTests
./mvnw -q -pl sandbox test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/sandbox/target/bench.classpath"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
log=$(mktemp)
# The same heap settings a user gets by default: none, so the JVM's own container-aware defaults apply.
java -jar sandbox/target/sandbox.jar --aws-port "$port" --no-throttling --kubeconfig "$(mktemp -d)/kubeconfig" \
  >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  grep -q "AWS endpoint" "$log" && break
  sleep 0.2
done
java -cp "sandbox/target/test-classes:sandbox/target/classes:$(cat sandbox/target/bench.classpath)" \
  dev.ecsapp.sandbox.bench.SandboxBench "http://127.0.0.1:$port" "$pid" "$services" "$minutes"
