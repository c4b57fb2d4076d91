#!/usr/bin/env bash
# ALB data plane benchmark, on the README's main job as a user runs it: the four examples with their tasks running
# for real. Once every example is Ready, wrk (64 connections, 2 threads, SECONDS each after a 3 s warm-up) drives
# GET /hello/version three ways, side by side, in ROUNDS rounds (default 3) so that drift shows:
#   direct  to one of hello's two tasks, at its own address (no proxy: the floor)
#   alb     through the sandbox's load balancer listener on loopback (rule /hello/*, round robin over both tasks)
#   nginx   through Debian's nginx as a reverse proxy to the same two tasks (round robin, upstream keep-alive: nginx
#           as one would configure it in front of a service)
# The task addresses come from `aws elbv2 describe-target-health`, as a user finds them. Also prints the resident
# memory of the whole main job (its JVM and every task process below it) once Ready and after the load.
# Exits 1 when a target is missed: ALB throughput under 70% of nginx's, p99 added by the ALB (alb - direct) 2 ms
# or more, or the main job above 2 GB; the median of the rounds is judged.
# Needs wrk and nginx (Debian: apt-get install wrk nginx-light) and the local task runtime (Linux, root).
# BENCH_EXAMPLES=DIR runs the job with other manifests than deploy/examples (they must include default/hello).
# usage: sandbox/bench/alb.sh [SECONDS (default 10)] [ROUNDS (default 3)]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
rounds=${2:-3}
usage() { echo "usage: sandbox/bench/alb.sh [SECONDS] [ROUNDS]" >&2; exit 2; }
case "$seconds" in *[!0-9]*|""|0) usage;; esac
case "$rounds" in *[!0-9]*|""|0) usage;; esac
for tool in wrk nginx; do
  command -v "$tool" >/dev/null || { echo "alb.sh needs $tool: apt-get install wrk nginx-light" >&2; exit 2; }
done

if [ ! -f demo/target/demo.jar ] || [ ! -f service/target/jib-image.tar ]; then
  ./mvnw -B -ntp -q -pl demo -am package -DskipTests
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
work=$(mktemp -d)
job= nginx_pid=
cleanup() {
  [ -z "$nginx_pid" ] || kill "$nginx_pid" 2>/dev/null || true
  if [ -n "$job" ]; then
    kill "$job" 2>/dev/null || true   # the main job stops its tasks on SIGTERM, as on Ctrl-C
    wait "$job" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

aws_port=$(free_port)
java -jar demo/target/demo.jar --aws-port="$aws_port" --timeout=5m --examples="${BENCH_EXAMPLES:-deploy/examples}" \
  >"$work/job.log" 2>&1 &
job=$!
for _ in $(seq 1500); do
  grep -q "running until stopped" "$work/job.log" && break
  kill -0 "$job" 2>/dev/null || { cat "$work/job.log" >&2; echo "alb.sh: the main job stopped" >&2; exit 1; }
  sleep 0.2
done
grep -q "running until stopped" "$work/job.log" || { cat "$work/job.log" >&2; echo "alb.sh: not Ready" >&2; exit 1; }
grep -q "tasks:    run as local processes" "$work/job.log" \
  || { grep "tasks:" "$work/job.log" >&2; echo "alb.sh: the tasks are simulated here; nothing to measure" >&2; exit 1; }

# The last word of the first line matching $1 in hello's block of the summary (from "  default/hello  http...").
from_hello_summary() {
  awk -v want="$1" '$1 == "default/hello" && $2 ~ /^http/ { on = 1; next } on && $0 ~ want { print $NF; exit }' \
    "$work/job.log"
}
alb_url=$(from_hello_summary "on this machine  curl ")
target_group=$(from_hello_summary "^ +target group ")
[ -n "$alb_url" ] && [ -n "$target_group" ] || { cat "$work/job.log" >&2; echo "alb.sh: no hello in the summary" >&2; exit 1; }
mapfile -t targets < <(AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x AWS_DEFAULT_REGION=us-east-1 \
  aws --endpoint-url "http://127.0.0.1:$aws_port" elbv2 describe-target-health --target-group-arn "$target_group" \
  --query 'TargetHealthDescriptions[?TargetHealth.State==`healthy`].[Target.Id,Target.Port]' --output text \
  | awk '{ print $1 ":" $2 }')
[ "${#targets[@]}" -ge 1 ] || { echo "alb.sh: hello has no healthy target" >&2; exit 1; }

nginx_port=$(free_port)
mkdir -p "$work/nginx"
{
  echo "worker_processes auto; pid $work/nginx/nginx.pid; error_log $work/nginx/error.log warn;"
  echo "events { worker_connections 1024; }"
  echo "http { access_log off;"
  echo "  client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;"
  echo "  uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;"
  echo "  upstream hello { $(printf 'server %s; ' "${targets[@]}") keepalive 64; }"
  echo "  server { listen 127.0.0.1:$nginx_port;"
  echo "    location / { proxy_pass http://hello; proxy_http_version 1.1; proxy_set_header Connection \"\"; } } }"
} >"$work/nginx/nginx.conf"
nginx -c "$work/nginx/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
sleep 1
kill -0 "$nginx_pid" 2>/dev/null || { cat "$work/nginx/error.log" >&2; echo "alb.sh: nginx did not start" >&2; exit 1; }

# Resident memory of a process and all its descendants, in MB.
tree_rss() {
  local pids=("$1") all=() pid
  while [ "${#pids[@]}" -gt 0 ]; do
    pid=${pids[0]}
    pids=("${pids[@]:1}")
    all+=("$pid")
    mapfile -t -O "${#pids[@]}" pids < <(pgrep -P "$pid" || true)
  done
  ps -o rss= -p "$(IFS=,; echo "${all[*]}")" | awk '{ kb += $1 } END { printf "%.0f", kb / 1024 }'
}
tasks_running() { pgrep -c -f jib-classpath-file || true; }
rss_ready=$(tree_rss "$job")

# One wrk run: requests/s, p50, p99 (ms), requests and errors (non-2xx, socket errors).
measure() {
  wrk -t2 -c64 -d3s "$2" >/dev/null
  wrk -t2 -c64 -d"${seconds}s" --latency "$2" >"$work/$1.txt"
  awk -v name="$1" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    / requests in / { total = $1 }
    /Non-2xx or 3xx responses:/ { failed += $NF }
    /Socket errors:/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) failed += $i }
    /^Requests\/sec:/ { rate = $2 }
    END { printf "%s %.0f %.2f %.2f %d %d\n", name, rate, p50, p99, total, failed }' "$work/$1.txt"
}

direct="http://${targets[0]}/hello/version"
via_alb="${alb_url%/}/version"
via_nginx="http://127.0.0.1:$nginx_port/hello/version"
for url in "$direct" "$via_alb" "$via_nginx"; do
  curl -sS --fail --max-time 5 "$url" >/dev/null || { echo "alb.sh: $url does not answer" >&2; exit 1; }
done
: >"$work/results"
for round in $(seq "$rounds"); do
  for way in direct alb nginx; do
    case $way in direct) url=$direct ;; alb) url=$via_alb ;; nginx) url=$via_nginx ;; esac
    echo "round $round: $way ($url)" >&2
    echo "$round $(measure "$way" "$url")" >>"$work/results"
  done
done
rss_after=$(tree_rss "$job")

echo
echo "GET /hello/version, wrk -t2 -c64 -d${seconds}s, $(nproc) cores, $(java -version 2>&1 | head -1)"
echo "hello's tasks: ${targets[*]} (direct: the first; alb and nginx: both, round robin)"
printf '%-6s %-7s %10s %9s %9s %10s %7s\n' round way "req/s" "p50 ms" "p99 ms" requests errors
awk '{ printf "%-6s %-7s %10s %9s %9s %10s %7s\n", $1, $2, $3, $4, $5, $6, $7 }' "$work/results"
echo
# The median round of each way (the lower middle for an even count), then the judged figures.
median() { awk -v way="$1" -v col="$2" '$2 == way { print $col }' "$work/results" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
alb_rate=$(median alb 3) nginx_rate=$(median nginx 3) direct_rate=$(median direct 3)
alb_p99=$(median alb 5) nginx_p99=$(median nginx 5) direct_p99=$(median direct 5)
errors=$(awk '{ e += $7 } END { print e + 0 }' "$work/results")
awk -v a="$alb_rate" -v n="$nginx_rate" -v d="$direct_rate" -v ap="$alb_p99" -v np="$nginx_p99" -v dp="$direct_p99" \
    -v ready="$rss_ready" -v after="$rss_after" -v tasks="$(tasks_running)" -v errors="$errors" '
  BEGIN {
    printf "%-44s %8.0f%%   (target >= 70%%)\n", "alb throughput / nginx throughput", 100 * a / n
    printf "%-44s %8.0f%%\n", "alb throughput / direct throughput", 100 * a / d
    printf "%-44s %8.2f ms (target < 2 ms)\n", "p99 added by the alb (alb - direct)", ap - dp
    printf "%-44s %8.2f ms\n", "p99 added by nginx (nginx - direct)", np - dp
    printf "%-44s %8d\n", "errors, all runs", errors
    printf "%-44s %5d MB Ready, %d MB after the load (target < 2048 MB)\n", "main job RSS, JVM + " tasks " task processes", ready, after
    missed = (a < 0.7 * n) || (ap - dp >= 2) || (after >= 2048) || (ready >= 2048) || errors > 0
    exit missed ? 1 : 0
  }'
