#!/bin/sh
# Makes the class-data-sharing archive that halves the service's start-up time: one training run that starts the
# service, calls every route once and stops it; the JVM writes the classes it loaded to the archive at exit.
# The Dockerfile runs it at image build time; service/bench/run.py runs it before it measures start-up.
#
# usage: cds-archive.sh JAVA JAR ARCHIVE [JVM flag ...]
# The flags must match those of the later runs (heap and GC flags are part of what an archive is valid for).
set -eu
if [ "$#" -lt 3 ]; then
  echo "usage: cds-archive.sh JAVA JAR ARCHIVE [JVM flag ...]" >&2
  exit 2
fi
java=$1 jar=$2 archive=$3
shift 3
port=${CDS_TRAINING_PORT:-5999}

PORT=$port BIND_ADDRESS=127.0.0.1 LOG_LEVEL=warn "$java" "$@" -XX:ArchiveClassesAtExit="$archive" -jar "$jar" \
  >/dev/null &
pid=$!
trap 'kill -KILL "$pid" 2>/dev/null || true' EXIT

# Bounded wait for the first answer (20 s), then one request per route so their classes are in the archive.
answered=no
i=0
while [ "$i" -lt 200 ]; do
  if curl -fsS -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null; then answered=yes; break; fi
  i=$((i + 1))
  sleep 0.1
done
if [ "$answered" != yes ]; then
  echo "cds-archive.sh: the service did not answer on port $port within 20 s" >&2
  exit 1
fi
for path in / /ready /version /metrics /not-found; do
  curl -s -o /dev/null "http://127.0.0.1:$port$path" || true
done

kill -TERM "$pid"
wait "$pid"
trap - EXIT
test -s "$archive"
