#!/usr/bin/env python3
"""Benchmark: the reference service against the seed's Flask/gunicorn stack and a bare Vert.x server.

Starts each in turn on loopback, measures start-up to the first 200, drives GET /health with wrk for the same
duration and connections, samples RSS under load, and prints one table with the targets.

Usage: python3 service/bench/run.py [--duration 10] [--connections 64] [--warmup 5]
Needs: wrk, gunicorn, python3-flask (Debian packages) and a built service jar (./mvnw -q -pl service -am package
-DskipTests). Exit code 0 when every target is met, 1 when one is missed, 2 on bad usage or missing tools.
"""
import argparse
import os
import re
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
JAR = os.path.join(ROOT, "service", "target", "service.jar")
DOCKERFILE = os.path.join(ROOT, "service", "Dockerfile")
# The smallest Fargate memory size for 0.25 vCPU; the container limit the Dockerfile's percentages apply to.
CONTAINER_MEMORY = "512m"


def fail_usage(message):
    print(f"bench: {message}", file=sys.stderr)
    sys.exit(2)


def dockerfile_java_opts():
    """The heap flags exactly as the image sets them, so the benchmark measures what ships."""
    text = open(DOCKERFILE, encoding="utf-8").read()
    match = re.search(r'JAVA_OPTS="([^"]+)"', text)
    if not match:
        fail_usage(f"no JAVA_OPTS in {DOCKERFILE}")
    return shlex.split(match.group(1))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def first_200(port, deadline_s=20.0):
    url = f"http://127.0.0.1:{port}/health"
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.005)
    return False


def tree_rss_kb(pid):
    """RSS of a process and its children (gunicorn's workers), in KiB."""
    total = 0
    pids = [pid]
    try:
        children = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
        pids += [int(p) for p in children.split()]
    except OSError:
        pass
    for p in pids:
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


class Target:
    def __init__(self, name, command, env=None):
        self.name, self.command, self.env = name, command, env

    def start(self, port):
        env = dict(os.environ, **(self.env or {}))
        env["PORT"] = str(port)
        cmd = [c.replace("{port}", str(port)) for c in self.command]
        return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)


def stop(process):
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except (subprocess.TimeoutExpired, ProcessLookupError):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()


def startup_seconds(target, runs=3):
    times = []
    for _ in range(runs):
        port = free_port()
        began = time.monotonic()
        process = target.start(port)
        ok = first_200(port)
        times.append(time.monotonic() - began if ok else float("nan"))
        stop(process)
    return statistics.median(times)


def parse_latency(text, label):
    match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    if not match:
        return float("nan")
    value, unit = float(match.group(1)), match.group(2)
    return value * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def load(target, args):
    port = free_port()
    process = target.start(port)
    if not first_200(port):
        stop(process)
        return None
    url = f"http://127.0.0.1:{port}/health"
    wrk = ["wrk", "-t2", f"-c{args.connections}", "--latency"]
    if args.warmup > 0:
        subprocess.run(wrk + [f"-d{args.warmup}s", url], capture_output=True, text=True)
    peak = [0]
    stop_sampling = threading.Event()

    def sample():
        while not stop_sampling.wait(0.25):
            peak[0] = max(peak[0], tree_rss_kb(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out = subprocess.run(wrk + [f"-d{args.duration}s", url], capture_output=True, text=True).stdout
    stop_sampling.set()
    sampler.join()
    stop(process)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(rps.group(1)) if rps else float("nan"),
        "p50": parse_latency(out, "50"),
        "p99": parse_latency(out, "99"),
        "rss_mb": peak[0] / 1024,
        "non2xx": int(errors.group(1)) if errors else 0,
    }


def train_cds_archive(java, flags, archive):
    """The image's class-data archive, made the way the Dockerfile makes it (service/cds-archive.sh)."""
    env = dict(os.environ, CDS_TRAINING_PORT=str(free_port()))
    subprocess.run([os.path.join(ROOT, "service", "cds-archive.sh"), java, JAR, archive] + flags, env=env, check=True)
    return archive


def build_bare_server(workdir):
    javac = shutil.which("javac")
    if not javac:
        fail_usage("javac not found")
    subprocess.run([javac, "-nowarn", "-d", workdir, "-cp", JAR, os.path.join(HERE, "BareServer.java")], check=True)
    return workdir


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of measured load per target (default 10)")
    parser.add_argument("--warmup", type=int, default=5, help="seconds of unmeasured load first (default 5)")
    parser.add_argument("--connections", type=int, default=64, help="wrk connections (default 64)")
    try:
        args = parser.parse_args()
    except SystemExit as e:
        sys.exit(2 if e.code else 0)
    if args.duration < 1 or args.connections < 1 or args.warmup < 0:
        fail_usage("--duration and --connections must be at least 1, --warmup at least 0")
    for tool in ("wrk", "gunicorn", "java"):
        if not shutil.which(tool):
            fail_usage(f"{tool} not found: apt-get install wrk gunicorn python3-flask")
    if not os.path.exists(JAR):
        fail_usage(f"{JAR} missing: run ./mvnw -q -pl service -am package -DskipTests first")

    java = shutil.which("java")
    heap_flags = [f"-XX:MaxRAM={CONTAINER_MEMORY}"] + dockerfile_java_opts()
    with tempfile.TemporaryDirectory() as classes:
        build_bare_server(classes)
        archive = train_cds_archive(java, heap_flags, os.path.join(classes, "service.jsa"))
        targets = [
            Target("service (Vert.x 5, this repo)", [java] + heap_flags + [f"-XX:SharedArchiveFile={archive}", "-jar", JAR],
                   {"BIND_ADDRESS": "127.0.0.1", "LOG_LEVEL": "info"}),
            Target("seed: Flask + gunicorn 2x4 gthread",
                   ["gunicorn", "--chdir", HERE, "-b", "127.0.0.1:{port}", "--workers", "2", "--threads", "4",
                    "--worker-class", "gthread", "--log-level", "warning", "flask_app:app"]),
            Target("bare Vert.x core (ceiling)",
                   [java] + heap_flags + ["-cp", os.pathsep.join([classes, JAR]), "BareServer", "{port}"]),
        ]
        results = []
        for target in targets:
            startup = startup_seconds(target)
            measured = load(target, args)
            if measured is None:
                fail_usage(f"{target.name} did not answer 200 on /health")
            measured["startup_ms"] = startup * 1000
            results.append((target.name, measured))

    print(f"\nGET /health, wrk -t2 -c{args.connections} -d{args.duration}s after {args.warmup}s warm-up, loopback, "
          f"{os.cpu_count()} cores;\nJVMs with -XX:MaxRAM={CONTAINER_MEMORY} + the Dockerfile's JAVA_OPTS; the service with its "
          f"class-data archive, as in the image\n")
    header = f"{'target':<36} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'RSS MB':>8} {'start ms':>9} {'non-2xx':>8}"
    print(header)
    print("-" * len(header))
    for name, r in results:
        print(f"{name:<36} {r['rps']:>10.0f} {r['p50']:>8.2f} {r['p99']:>8.2f} {r['rss_mb']:>8.0f} "
              f"{r['startup_ms']:>9.0f} {r['non2xx']:>8}")
    service, flask, bare = (r for _, r in results)
    checks = [
        ("service / gunicorn throughput", service["rps"] / flask["rps"], ">= 15", service["rps"] >= 15 * flask["rps"]),
        ("service / bare Vert.x throughput", service["rps"] / bare["rps"], ">= 0.80", service["rps"] >= 0.8 * bare["rps"]),
        ("service p99 ms", service["p99"], "< 5", service["p99"] < 5),
        ("service start-up to first 200 ms", service["startup_ms"], "< 700", service["startup_ms"] < 700),
        ("service RSS under load MB", service["rss_mb"], "< 200", service["rss_mb"] < 200),
        ("service non-2xx responses", service["non2xx"], "= 0", service["non2xx"] == 0),
    ]
    print(f"\n{'check':<36} {'measured':>10} {'target':>8}  result")
    for name, value, goal, ok in checks:
        print(f"{name:<36} {value:>10.2f} {goal:>8}  {'met' if ok else 'MISSED'}")
    sys.exit(0 if all(ok for *_, ok in checks) else 1)


if __name__ == "__main__":
    main()
