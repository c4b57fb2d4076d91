#!/usr/bin/env bash
# Operator benchmark: the sandbox jar (AWS's rate limits on, speed 1) and the operator jar, each its own process.
# For each app count: apply to all Ready, AWS calls per app, the floor AWS's rate limits set, calls while Ready,
# the operator's peak heap and RSS. Prints a Markdown table. Takes about 10 minutes for 1,10,100.
# usage: operator/bench/run.sh [COUNTS (default 1,10,100; must start with 1)]
set -euo pipefail
cd "$(dirname "$0")/../.."
counts=${1:-1,10,100}
case "$counts" in 1|1,*) ;; *) echo "usage: operator/bench/run.sh [COUNTS starting with 1, e.g. 1,10,100]" >&2; exit 2;; esac
case "$counts" in *[!0-9,]*) echo "usage: operator/bench/run.sh [COUNTS starting with 1, e.g. 1,10,100]" >&2; exit 2;; esac

./mvnw -q -pl sandbox,operator -am package -DskipTests
./mvnw -q -pl operator test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/operator/target/bench.classpath"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dir=$(mktemp -d)
# Run copies: a build in the same tree while this runs would otherwise pull classes out from under both processes.
cp sandbox/target/sandbox.jar operator/target/operator.jar "$dir/"
java -jar "$dir/sandbox.jar" --aws-port "$port" --kubeconfig "$dir/kubeconfig" >"$dir/sandbox.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 150); do
  grep -q "running until stopped" "$dir/sandbox.log" && break
  sleep 0.2
done
java -cp "operator/target/test-classes:operator/target/classes:$(cat operator/target/bench.classpath)" \
  dev.ecsapp.operator.bench.OperatorBench "http://127.0.0.1:$port" "$dir/kubeconfig" "$dir/operator.jar" \
  "$counts"
