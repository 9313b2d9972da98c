#!/usr/bin/env python3
"""One README row per libFuzzer log (fuzz/logs/<target>.log by default):

    | target | run time | executions | new units | cov start -> end | cov gained in the last quarter |

"cov gained in the last quarter" is the coverage (edges) at the end minus
the highest coverage printed at or before 75% of the executions: near 0,
the target has stopped finding new paths. A run still going is marked so.

    python3 fuzz/summary.py [LOG...]
"""
import glob
import os
import re
import sys


def summarize(path):
    target = os.path.basename(path).removesuffix(".log")
    points, start, stats, secs = [], None, {}, None
    with open(path, errors="replace") as f:
        for line in f:
            m = re.match(r"#(\d+)\s+(\w+)\s+cov: (\d+) ft: (\d+)", line)
            if m:
                points.append((int(m[1]), int(m[3])))
                if m[2] == "INITED" and start is None:
                    start = int(m[3])
                continue
            m = re.match(r"stat::(\w+):\s+(\d+)", line)
            if m:
                stats[m[1]] = int(m[2])
                continue
            m = re.match(r"Done (\d+) runs in (\d+) second", line)
            if m:
                secs = int(m[2])
    if not points:
        return f"| {target} | no coverage lines in {path} | | | | |"
    runs = stats.get("number_of_executed_units", points[-1][0])
    end = max(c for _, c in points)
    before = [c for n, c in points if n <= 0.75 * runs]
    gained = end - (max(before) if before else start or 0)
    time = f"{secs:,} s" if secs is not None else "still running"
    units = f"{stats['new_units_added']:,}" if "new_units_added" in stats else "?"
    return f"| {target} | {time} | {runs:,} | {units} | {start} → {end} | {gained} |"


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    logs = sys.argv[1:] or sorted(glob.glob(os.path.join(here, "logs", "*.log")))
    print("| target | run time | executions | new units | cov start → end | cov gained in the last quarter |")
    print("| --- | --- | --- | --- | --- | --- |")
    for log in logs:
        if not log.endswith(".cargo.log"):
            print(summarize(log))
