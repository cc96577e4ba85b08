#!/usr/bin/env python3
"""Summarises scripts/bench.sh's results: medians, ratios against xmllint and the targets of
issue 5 as a Markdown table, and throughput against corpus size as an SVG chart.

    scripts/bench_summary.py target/bench/results --svg docs/benchmarks-scaling.svg

Reads hyperfine's --export-json files, memory.txt (peak RSS in KiB per run) and machine.txt.
Standard library only: the chart is written by hand, so the benchmark needs nothing from PyPI.
"""

import argparse
import json
import math
import os
import statistics
import sys


def load(results, name, cpu=False):
    """Median wall seconds (or, with cpu, mean user + system seconds) of each command of one
    hyperfine run, by command name."""
    path = os.path.join(results, f"{name}.json")
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        data = json.load(f)
    if cpu:
        return {r["command"]: r["user"] + r["system"] for r in data["results"]}
    return {r["command"]: r["median"] for r in data["results"]}


def machine(results):
    info = {}
    with open(os.path.join(results, "machine.txt")) as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("=")
            info[key] = value
    return info


def memory(results):
    runs = {}
    path = os.path.join(results, "memory.txt")
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                tool, kib = line.split()
                runs.setdefault(tool, []).append(int(kib) * 1024)
    return {tool: statistics.median(values) for tool, values in runs.items()}


def ms(seconds):
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def mb(size):
    return f"{size / 1e6:.1f} MB"


def verdict(ok):
    return "met" if ok else "**not met**"


def table(results, info):
    collection, single, big = (load(results, n) for n in ("collection", "single", "big"))
    valid = load(results, "collection-valid")
    cpu = {n: load(results, n, cpu=True)
           for n in ("collection", "collection-valid", "single", "big", "floor")}
    floor, threads = load(results, "floor"), load(results, "collection-threads")
    rss = memory(results)
    n = info.get("threads", "2")
    parallel = info.get("parallel") == "1"
    rows = []

    def row(scenario, lint, xml, target, ok, note="", key="", lint_name="plesk-lint"):
        ratio = xml / lint if lint and xml else float("nan")
        c_lint, c_xml = cpu[key].get(lint_name, 0), cpu[key].get("xmllint", 0)
        c_ratio = c_xml / c_lint if c_lint else float("nan")
        rows.append(f"| {scenario} | {ms(lint)} | {ms(xml)} | {ratio:.1f}× | "
                    f"{ms(c_lint)} / {ms(c_xml)} ({c_ratio:.1f}×) | {target} | "
                    f"{verdict(ok)}{note} |")
        return ratio

    lint, xml = collection.get("plesk-lint"), collection.get("xmllint")
    if lint and xml:
        mode = "" if parallel else " (binary still sequential)"
        row(f"(a) 10,000 packets, one directory{mode}", lint, xml, "≥ 10×", xml / lint >= 10,
            key="collection")
    lint, xml = valid.get("plesk-lint"), valid.get("xmllint")
    if lint and xml:
        row("(a) 10,000 valid packets, one directory", lint, xml, "≥ 10×", xml / lint >= 10,
            key="collection-valid")
    lint, xml = single.get("plesk-lint"), single.get("xmllint")
    if lint and xml:
        build = " (static build)" if info.get("build") == "static" else ""
        row(f"(b) one small packet{build}", lint, xml, "≥ 20×, < 5 ms",
            xml / lint >= 20 and lint < 0.005, key="single")
    dynamic = single.get("plesk-lint, dynamic build")
    if dynamic and xml:
        row("(b) one small packet (`cargo build --release`)", dynamic, xml, "≥ 20×, < 5 ms",
            xml / dynamic >= 20 and dynamic < 0.005, key="single",
            lint_name="plesk-lint, dynamic build")
    lint, xml = big.get("plesk-lint"), big.get("xmllint")
    if lint and xml:
        size = int(info["big_bytes"])
        peak = rss.get("plesk-lint", 0)
        note = (f"; peak memory {mb(peak)} = {peak / size:.1f}× the file "
                f"(xmllint {mb(rss.get('xmllint', 0))})")
        row(f"(c) one {mb(size)} response", lint, xml, "faster; memory < 5× file",
            lint < xml and peak < 5 * size, note, key="big")
    lines = ["| scenario | plesk-lint | xmllint | xmllint / plesk-lint | CPU time plesk-lint / "
             "xmllint (ratio) | target | result |",
             "|---|---:|---:|---:|---:|---|---|"] + rows
    lint = collection.get("plesk-lint")
    parse = floor.get(f"parse-only {n} threads" if parallel else "parse-only 1 thread")
    if lint and parse:
        c_lint = cpu["collection"].get("plesk-lint", 0)
        lines += ["", "| floor (10,000 packets) | median | plesk-lint / this | CPU time | "
                  "plesk-lint / this (CPU) |", "|---|---:|---:|---:|---:|"]
        for name, seconds in floor.items():
            c = cpu["floor"].get(name, 0)
            lines.append(f"| {name} | {ms(seconds)} | {lint / seconds:.1f}× | {ms(c)} | "
                         f"{c_lint / c:.1f}× |")
        lines.append(f"| plesk-lint check | {ms(lint)} | 1.0× | {ms(c_lint)} | 1.0× |")
        lines.append("")
        lines.append(f"(d) plesk-lint is {lint / parse:.1f}× the roxmltree parse-only time "
                     f"on as many threads (target ≤ 2×): {verdict(lint / parse <= 2)}.")
    parse_valid = load(results, "floor-valid").get(f"parse-only {n} threads")
    lint_valid = valid.get("plesk-lint")
    if parse_valid and lint_valid:
        lines.append(f"On the valid collection, plesk-lint is {lint_valid / parse_valid:.1f}× "
                     f"its parse-only time ({ms(lint_valid)} against {ms(parse_valid)}): "
                     f"{verdict(lint_valid / parse_valid <= 2)}.")
    if threads:
        lines += ["", "| threads | median |", "|---|---:|"]
        lines += [f"| {name} | {ms(seconds)} |" for name, seconds in threads.items()]
    return "\n".join(lines)


def scaling(results, info):
    """(series name, [(bytes, seconds)]) for the chart and the table."""
    series = {}
    for name, seconds in load(results, "scaling-collection").items():
        tool, count, _ = name.split(" ")
        size = int(info[f"collection_{count}_bytes"])
        series.setdefault(f"{tool}, directory of packets", []).append((size, seconds, count + " files"))
    for name, seconds in load(results, "scaling-big").items():
        tool, count, _ = name.split(" ")
        size = int(info[f"big_{count}_bytes"])
        series.setdefault(f"{tool}, one response packet", []).append((size, seconds, count + " results"))
    return {k: sorted(v) for k, v in series.items()}


def scaling_table(series):
    lines = ["| series | input | size | median | throughput |", "|---|---|---:|---:|---:|"]
    for name, points in series.items():
        for size, seconds, label in points:
            lines.append(f"| {name} | {label} | {mb(size)} | {ms(seconds)} | "
                         f"{size / seconds / 1e6:.1f} MB/s |")
    return "\n".join(lines)


COLORS = {"plesk-lint, directory of packets": "#1f77b4", "plesk-lint, one response packet": "#2ca02c",
          "xmllint, directory of packets": "#d62728", "xmllint, one response packet": "#ff7f0e"}


def svg(series, path):
    """Throughput (MB/s, linear) against input size (MB, log), one line per series."""
    width, height, left, right, top, bottom = 760, 430, 70, 250, 40, 60
    points = [(s, s / t / 1e6) for pts in series.values() for s, t, _ in pts]
    xmin = 10 ** math.floor(math.log10(min(p[0] for p in points) / 1e6))
    xmax = 10 ** math.ceil(math.log10(max(p[0] for p in points) / 1e6))
    ymax = max(p[1] for p in points) * 1.15
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(size):
        return left + plot_w * (math.log10(size / 1e6) - math.log10(xmin)) / (
            math.log10(xmax) - math.log10(xmin))

    def y(rate):
        return top + plot_h * (1 - rate / ymax)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{left}" y="22" font-size="15">Throughput against input size '
           f'(higher is faster; flat means linear cost)</text>']
    decade = xmin
    while decade <= xmax:
        px = x(decade * 1e6)
        out.append(f'<line x1="{px:.1f}" y1="{top}" x2="{px:.1f}" y2="{top + plot_h}" stroke="#ddd"/>')
        out.append(f'<text x="{px:.1f}" y="{top + plot_h + 18}" text-anchor="middle">{decade:g} MB</text>')
        decade *= 10
    step = 10 ** math.floor(math.log10(ymax / 5))
    step *= 2 if ymax / step > 10 else 1
    tick = 0.0
    while tick <= ymax:
        py = y(tick)
        out.append(f'<line x1="{left}" y1="{py:.1f}" x2="{left + plot_w}" y2="{py:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{py + 4:.1f}" text-anchor="end">{tick:g}</text>')
        tick += step
    out.append(f'<text x="{left + plot_w / 2}" y="{height - 15}" text-anchor="middle">'
               f'input size (log scale)</text>')
    out.append(f'<text x="18" y="{top + plot_h / 2}" text-anchor="middle" '
               f'transform="rotate(-90 18 {top + plot_h / 2})">MB/s</text>')
    for i, (name, pts) in enumerate(series.items()):
        color = COLORS.get(name, "#555")
        dash = ' stroke-dasharray="6 4"' if name.startswith("xmllint") else ""
        coords = " ".join(f"{x(s):.1f},{y(s / t / 1e6):.1f}" for s, t, _ in pts)
        out.append(f'<polyline points="{coords}" fill="none" stroke="{color}" stroke-width="2"{dash}/>')
        for s, t, _ in pts:
            out.append(f'<circle cx="{x(s):.1f}" cy="{y(s / t / 1e6):.1f}" r="3.5" fill="{color}"/>')
        ly = top + 20 + 22 * i
        lx = left + plot_w + 15
        out.append(f'<line x1="{lx}" y1="{ly}" x2="{lx + 25}" y2="{ly}" stroke="{color}" '
                   f'stroke-width="2"{dash}/>')
        out.append(f'<text x="{lx + 32}" y="{ly + 4}">{name}</text>')
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results")
    parser.add_argument("--svg", help="where to write the chart")
    args = parser.parse_args()
    info = machine(args.results)
    series = scaling(args.results, info)
    text = "\n\n".join([
        f"Machine: {info['cpu']}, {info['memory']}, {info['kernel']}; {info['rustc']}; "
        f"{info['xmllint']}; {info['hyperfine']}; plesk-lint {info.get('build', 'dynamic')} "
        f"build; load average at the end {info['load']}.",
        table(args.results, info),
        scaling_table(series),
    ])
    print(text)
    with open(os.path.join(args.results, "summary.md"), "w") as f:
        f.write(text + "\n")
    if args.svg and series:
        svg(series, args.svg)
        print(f"\nchart: {args.svg}", file=sys.stderr)


if __name__ == "__main__":
    main()
