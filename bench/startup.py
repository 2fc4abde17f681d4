#!/usr/bin/env python3
"""Start-up benchmark: `cloudscale --version` against `java -version` (the JVM's own floor).

Runs every variant interleaved, several rounds, on this machine in the same run, and prints the
median wall time of each and its ratio to the floor. Variants:
  java -version                   the floor: a JVM that starts and exits
  cloudscale --version (AOT)      the launcher as operators run it (AOT cache + flags)
  cloudscale --version (no AOT)   the same jar and flags without the AOT cache
  java -jar --version (defaults)  the jar with no tuning at all
Usage: bench/startup.py [ROUNDS]   (default 15). Needs the launcher to have built the jar once.
"""
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 15


def java_home():
    return subprocess.run([os.path.join(ROOT, "bin", "find-jdk")], check=True, capture_output=True, text=True).stdout.strip()


def main():
    launcher = os.path.join(ROOT, "cloudscale")
    subprocess.run([launcher, "--version"], check=True, capture_output=True)  # build + AOT cache if needed
    java = os.path.join(java_home(), "bin", "java")
    jar = os.path.join(ROOT, "cli", "target", "cloudscale-cli.jar")
    tuned = ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xlog:aot=off", "-Xlog:cds=off"]
    variants = {
        "java -version (floor)": [java, "-version"],
        "cloudscale --version (AOT)": [launcher, "--version"],
        "cloudscale --version (no AOT)": [java, *tuned, "-jar", jar, "--version"],
        "java -jar --version (defaults)": [java, "-jar", jar, "--version"],
    }
    times = {name: [] for name in variants}
    for _ in range(2):  # warm the page cache
        for command in variants.values():
            subprocess.run(command, capture_output=True)
    for _ in range(ROUNDS):
        for name, command in variants.items():
            start = time.perf_counter()
            result = subprocess.run(command, capture_output=True)
            elapsed = time.perf_counter() - start
            if result.returncode != 0:
                sys.exit(f"{name} failed: {result.stderr.decode()}")
            times[name].append(elapsed)
    floor = statistics.median(times["java -version (floor)"])
    print(f"start-up, median of {ROUNDS} interleaved runs on {os.cpu_count()} cores")
    for name, samples in times.items():
        median = statistics.median(samples)
        print(f"  {name:32s} {median * 1000:7.1f} ms   x{median / floor:5.2f} of floor"
              f"   (min {min(samples) * 1000:.1f}, max {max(samples) * 1000:.1f})")
    with_aot = statistics.median(times["cloudscale --version (AOT)"])
    without = statistics.median(times["cloudscale --version (no AOT)"])
    print(f"ratio cloudscale --version / java -version: {with_aot / floor:.2f}")
    print(f"AOT cache speed-up: {without / with_aot:.2f}x")


if __name__ == "__main__":
    main()
