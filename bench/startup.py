#!/usr/bin/env python3
"""Start-up benchmark: `cloudscale --version` and `--help` against `java -version` (the JVM's own floor).

Runs every variant interleaved, several rounds, on this machine in the same run, and prints the
median wall time of each and its ratio to the floor. Each cloudscale command runs twice: with the
Docker engine of the environment (DOCKER_HOST, else /var/run/docker.sock; the run says whether it
answered) and with no engine (DOCKER_HOST=unix:///nonexistent.sock). Variants:
  java -version                          the floor: a JVM that starts and exits
  cloudscale --version|--help (AOT)      the launcher as operators run it (AOT cache + flags)
  cloudscale --version (no AOT)          the same jar and flags without the AOT cache
  java -jar --version (defaults)         the jar with no tuning at all
  cloudscale --version -v (AOT)          asks the engine (for comparison: not part of the target)
Usage: bench/startup.py [ROUNDS]   (default 15). Builds the jar and its AOT cache through the launcher first.
Target (issue 21): --version and --help <= 3x java -version, with and without an engine.
"""
import os
import socket
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 15
NO_ENGINE = "unix:///nonexistent.sock"


def java_home():
    return subprocess.run([os.path.join(ROOT, "bin", "find-jdk")], check=True, capture_output=True, text=True).stdout.strip()


def engine_answers(host):
    """True when something accepts connections on the engine's unix socket and answers /_ping."""
    if not host.startswith("unix://"):
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(2)
            sock.connect(host[len("unix://"):])
            sock.sendall(b"GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n")
            return sock.recv(64).startswith(b"HTTP/1.")
    except OSError:
        return False


def main():
    launcher = os.path.join(ROOT, "cloudscale")
    subprocess.run([launcher, "--version"], check=True, capture_output=True)  # build + AOT cache if needed
    java = os.path.join(java_home(), "bin", "java")
    jar = os.path.join(ROOT, "cli", "target", "cloudscale-cli.jar")
    tuned = ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xlog:aot=off", "-Xlog:cds=off",
             "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"]
    engine_host = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    with_engine = dict(os.environ, DOCKER_HOST=engine_host)
    without_engine = dict(os.environ, DOCKER_HOST=NO_ENGINE)
    variants = {
        "java -version (floor)": ([java, "-version"], with_engine),
        "cloudscale --version (AOT, engine)": ([launcher, "--version"], with_engine),
        "cloudscale --version (AOT, none)": ([launcher, "--version"], without_engine),
        "cloudscale --help (AOT, engine)": ([launcher, "--help"], with_engine),
        "cloudscale --help (AOT, none)": ([launcher, "--help"], without_engine),
        "cloudscale --version (no AOT)": ([java, *tuned, "-jar", jar, "--version"], with_engine),
        "java -jar --version (defaults)": ([java, "-jar", jar, "--version"], with_engine),
        "cloudscale --version -v (AOT, engine)": ([launcher, "--version", "-v"], with_engine),
    }
    times = {name: [] for name in variants}
    for _ in range(2):  # warm the page cache
        for command, env in variants.values():
            subprocess.run(command, capture_output=True, env=env)
    for _ in range(ROUNDS):
        for name, (command, env) in variants.items():
            start = time.perf_counter()
            result = subprocess.run(command, capture_output=True, env=env)
            elapsed = time.perf_counter() - start
            if result.returncode != 0:
                sys.exit(f"{name} failed: {result.stderr.decode()}")
            times[name].append(elapsed)
    floor = statistics.median(times["java -version (floor)"])
    print(f"start-up, median of {ROUNDS} interleaved runs on {os.cpu_count()} cores; "
          f"engine at {engine_host}: {'answers' if engine_answers(engine_host) else 'does NOT answer'}")
    for name, samples in times.items():
        median = statistics.median(samples)
        print(f"  {name:40s} {median * 1000:7.1f} ms   x{median / floor:5.2f} of floor"
              f"   (min {min(samples) * 1000:.1f}, max {max(samples) * 1000:.1f})")
    for command in ("--version", "--help"):
        for engine in ("engine", "none"):
            ratio = statistics.median(times[f"cloudscale {command} (AOT, {engine})"]) / floor
            verdict = "ok" if ratio <= 3 else "over"
            print(f"ratio cloudscale {command} / java -version, {'with an engine' if engine == 'engine' else 'no engine'}:"
                  f" {ratio:.2f} (target 3: {verdict})")
    with_aot = statistics.median(times["cloudscale --version (AOT, engine)"])
    without = statistics.median(times["cloudscale --version (no AOT)"])
    print(f"AOT cache speed-up: {without / with_aot:.2f}x")


if __name__ == "__main__":
    main()
