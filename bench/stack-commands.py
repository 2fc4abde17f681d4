#!/usr/bin/env python3
"""The everyday commands on the running stack: `status`, `doctor` and `ports check`, each against yardsticks
measured in the same run, interleaved, several rounds on this machine:
  java -version                 the floor: a JVM that starts and exits
  docker ps                     what an operator types instead of `status` (a Go client, no JVM)
  docker ps + curl stub_status  the same look with the gateway's counter read too
Prints each command's median wall time, its ratio to each yardstick and the issue's absolute target.
Usage: bench/stack-commands.py [ROUNDS]   (default 11). Needs the stack up (cloudscale up --profile offline)
and the launcher built (it builds it first). Target (issue 21): status, doctor, ports check <= 1 s.
"""
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 11
TARGET_SECONDS = 1.0


def java_home():
    return subprocess.run([os.path.join(ROOT, "bin", "find-jdk")], check=True, capture_output=True, text=True).stdout.strip()


def timed(command):
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    return time.perf_counter() - start, result


def main():
    launcher = os.path.join(ROOT, "cloudscale")
    subprocess.run([launcher, "--version"], check=True, capture_output=True)  # build + AOT caches if needed
    status = subprocess.run([launcher, "status", "-o", "json"], capture_output=True, text=True)
    if status.returncode == 3:
        sys.exit("the stack is not running: cloudscale up --profile offline")
    document = json.loads(status.stdout)
    gateway = next(row for row in document["data"]["services"] if row["service"] == "gateway")
    gateway_port = next(port.split("->")[0] for port in gateway["ports"] if port.endswith("->8080"))
    java = os.path.join(java_home(), "bin", "java")
    variants = {
        "java -version (floor)": [java, "-version"],
        "docker ps (yardstick)": ["docker", "ps", "--all"],
        "docker ps + curl stub_status (yardstick)": ["sh", "-c", "docker ps --all >/dev/null && curl -fsS http://127.0.0.1:%s/nginx_status" % gateway_port],
        "cloudscale status": [launcher, "status"],
        "cloudscale doctor": [launcher, "doctor"],
        "cloudscale ports check": [launcher, "ports", "check"],
    }
    times = {name: [] for name in variants}
    for _ in range(ROUNDS):
        for name, command in variants.items():
            took, result = timed(command)
            if result.returncode not in (0, 1):
                sys.exit("%s failed (exit %d): %s" % (name, result.returncode, (result.stderr or result.stdout).strip()[:300]))
            times[name].append(took)
    median = {name: statistics.median(values) for name, values in times.items()}
    floor = median["java -version (floor)"]
    docker_ps = median["docker ps (yardstick)"]
    print("%d rounds, interleaved; median wall time" % ROUNDS)
    for name, value in median.items():
        line = "  %-42s %6.3f s   %5.2fx java -version   %5.2fx docker ps" % (name, value, value / floor, value / docker_ps)
        if name.startswith("cloudscale"):
            line += "   target <= %.1f s: %s" % (TARGET_SECONDS, "met" if value <= TARGET_SECONDS else "NOT met")
        print(line)


if __name__ == "__main__":
    main()
