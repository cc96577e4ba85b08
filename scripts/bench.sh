#!/usr/bin/env bash
# Times plesk-lint against `xmllint --noout --schema` on the same files, in the same run, and
# writes the numbers and chart of docs/benchmarks.md (see docs/benchmarks.md for what each scenario
# means and the results on the reference machine).
#
#   scripts/bench.sh              # everything (about 8 minutes on 2 cores), ending with
#                                 # scripts/bench-embedded.sh (a source tree against `rg`)
#   scripts/bench.sh --quick      # fewer runs and a 20 MB big file: checks the script works
#   scripts/bench.sh --against OLD  # this build beside an older binary OLD, same files, same
#                                   # run: one file, the collections, the big file (a change
#                                   # that must not cost time, e.g. issue 15's "within 10%");
#                                   # OLD is a `cargo build --release` binary of the old commit
#
# Needs: cargo, hyperfine, xmllint (libxml2-utils), python3 (standard library only), and the
# official schema set in ../shared/reference/xsd (or PLESK_XSD=DIR). Work files go to
# target/bench (or BENCH_DIR=DIR); hyperfine's JSON to $BENCH_DIR/results.
#
# Corpora come from the project's own generator (`cargo xtask generate`, which covers every
# operation of both directions with valid packets and mutants) and scripts/big-response.py.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
quick=0
against=
while (($#)); do
    case $1 in
    --quick) quick=1 ;;
    --against) against=$(realpath "$2") && shift ;;
    *) echo "bench.sh: unknown argument $1" >&2 && exit 2 ;;
    esac
    shift
done
work=${BENCH_DIR:-$root/target/bench}
xsd=${PLESK_XSD:-$root/../shared/reference/xsd}
results=$work/results
threads=$(nproc)
for tool in cargo hyperfine xmllint python3; do
    command -v "$tool" >/dev/null || { echo "bench.sh: $tool is required" >&2; exit 2; }
done
[[ -f $xsd/agent_input.xsd ]] || { echo "bench.sh: no schema set in $xsd (set PLESK_XSD)" >&2; exit 2; }

if ((quick)); then
    runs_many=3 runs_few=2 big_results=40000
else
    runs_many=30 runs_few=5 big_results=200000
fi

echo "== building (release)"
(cd "$root" && cargo build --release --quiet --bin plesk-lint --example parse_only)
# The generator is a developer tool (xtask/), built on its own so that the binary measured is
# the one shipped, without it.
(cd "$root" && cargo build --release --quiet --package xtask)
target=$(cd "$root" && cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
dynamic=$target/release/plesk-lint
xtask=$target/release/xtask
parse_only=$target/release/examples/parse_only
# On Linux x86-64 the binary measured is the static one the README recommends installing
# (`cargo build-static`, .cargo/config.toml); the default `cargo build --release` binary is
# timed beside it for the one-file case, the only one where linking shows.
build=dynamic
lint=$dynamic
if [[ -z $against && $(uname -sm) == "Linux x86_64" ]] && ldd --version 2>&1 | grep -qi glibc; then
    (cd "$root" && cargo build-static --quiet --bin plesk-lint)
    lint=$target/x86_64-unknown-linux-gnu/release/plesk-lint
    build=static
fi

rm -rf "$results" && mkdir -p "$results"
echo "== corpora in $work"
rm -rf "$work/generated" "$work/generated-valid" "$work"/collection-*
"$xtask" generate --out "$work/generated" --seed 1 --variants 4 >/dev/null
# More valid packets per operation for the all-valid collection (the mutants are not used).
"$xtask" generate --out "$work/generated-valid" --seed 2 --variants 16 >/dev/null
# 10,000 packets spread evenly over the generator's list (every operation of both directions,
# valid packets and mutants), in one directory; smaller corpora are evenly spread subsets.
python3 - "$work" <<'EOF'
import os, shutil, sys
work = sys.argv[1]
gen = os.path.join(work, "generated")
files = sorted(os.path.join(d, f) for d in ("request", "response")
               for f in os.listdir(os.path.join(gen, d)))
for size in (100, 1000, 3000, 10000):
    out = os.path.join(work, f"collection-{size}")
    os.makedirs(out)
    for k in range(size):
        rel = files[k * len(files) // size]
        shutil.copy(os.path.join(gen, rel), os.path.join(out, rel.replace("/", ".")))
# The CI case of a project whose packets pass: 10,000 valid packets (the generator's valid
# variants, named OPERATOR.OPERATION.min.xml or .vN.xml; mutants carry one more suffix).
gen = os.path.join(work, "generated-valid")
valid = sorted(os.path.join(d, f) for d in ("request", "response")
               for f in os.listdir(os.path.join(gen, d))
               if f.endswith(".min.xml") or f.split(".")[-2][1:].isdigit())
out = os.path.join(work, "collection-valid-10000")
os.makedirs(out)
for k in range(10000):
    rel = valid[k * len(valid) // 10000]
    shutil.copy(os.path.join(gen, rel), os.path.join(out, rel.replace("/", ".")))
EOF
collection=$work/collection-10000
valid_collection=$work/collection-valid-10000
# The editor case: one valid request of a common operation.
single=$work/generated/request/site.get.v1.xml
for n in $((big_results / 100)) $((big_results / 10)) $big_results; do
    [[ -f $work/big-$n.xml ]] || python3 "$root/scripts/big-response.py" --results "$n" --out "$work/big-$n.xml"
done
big=$work/big-$big_results.xml

# xmllint needs the request schema for requests and the response schema for responses: one
# call each, every file of the directory on its command line.
cat >"$work/xmllint-dir.sh" <<EOF
#!/usr/bin/env bash
cd "\$1"
xmllint --noout --schema "$xsd/agent_input.xsd" request.*.xml 2>/dev/null
xmllint --noout --schema "$xsd/agent_output.xsd" response.*.xml 2>/dev/null
exit 0
EOF
chmod +x "$work/xmllint-dir.sh"
xin="xmllint --noout --schema $xsd/agent_input.xsd"
xout="xmllint --noout --schema $xsd/agent_output.xsd"
# Whether the binary checks in parallel yet (`--threads`); otherwise it is sequential.
if "$lint" check --help | grep -q -- --threads; then parallel=1; else parallel=0; fi

bench() { # NAME RUNS [hyperfine options and commands...]
    local name=$1 runs=$2
    shift 2
    echo "== $name"
    hyperfine --style basic --ignore-failure --runs "$runs" --export-json "$results/$name.json" "$@" |
        grep -E '^(Benchmark|  Time)' || true
}

if [[ -n $against ]]; then
    # Old and new in one hyperfine run per scenario, alternating, so that the machine's load
    # weighs on both alike; the summary is hyperfine's own "N times faster" lines.
    echo "== against $against"
    for name in single collection collection-valid big; do
        case $name in
        single) runs=$((runs_many * 10)) opts=(-N --warmup 20) args=("$single") ;;
        collection) runs=$runs_few opts=(--warmup 1) args=(--output-format concise "$collection") ;;
        collection-valid) runs=$runs_few opts=(--warmup 1) args=(--output-format concise "$valid_collection") ;;
        big) runs=$runs_few opts=(--warmup 1) args=("$big") ;;
        esac
        echo "== $name"
        hyperfine --style basic --ignore-failure --runs "$runs" "${opts[@]}" \
            --export-json "$results/against-$name.json" \
            -n before "$against check ${args[*]}" -n after "$dynamic check ${args[*]}" |
            grep -E '^(Benchmark|  Time|  *[0-9.]+ ± [0-9.]+ times|Summary|  after|  before)' || true
    done
    exit 0
fi

bench collection "$runs_few" --warmup 1 \
    -n plesk-lint "$lint check --output-format concise $collection" \
    -n xmllint "$work/xmllint-dir.sh $collection"
bench collection-valid "$runs_few" --warmup 1 \
    -n plesk-lint "$lint check --output-format concise $valid_collection" \
    -n xmllint "$work/xmllint-dir.sh $valid_collection"
if ((parallel)); then
    bench collection-threads "$runs_few" --warmup 1 \
        -n "plesk-lint --threads 1" "$lint check --threads 1 --output-format concise $collection" \
        -n "plesk-lint --threads $threads" "$lint check --threads $threads --output-format concise $collection"
fi
single_dynamic=()
[[ $build == static ]] && single_dynamic=(-n "plesk-lint, dynamic build" "$dynamic check $single")
bench single "$((runs_many * 10))" --warmup 20 -N \
    -n plesk-lint "$lint check $single" \
    "${single_dynamic[@]}" \
    -n xmllint "$xin $single"
bench big "$runs_few" --warmup 1 \
    -n plesk-lint "$lint check $big" \
    -n xmllint "$xout $big"
# Reading alone: one `cat` over the same files, named in a list (a shell glob would add the
# shell's sorting of 10,000 names to the measurement).
find "$collection" -name '*.xml' -print0 | sort -z >"$work/collection.list"
bench floor "$runs_few" --warmup 1 -N \
    -n "cat" "xargs -0 -a $work/collection.list cat" \
    -n "parse-only 1 thread" "$parse_only --threads 1 $collection" \
    -n "parse-only $threads threads" "$parse_only --threads $threads $collection"
bench floor-valid "$runs_few" --warmup 1 -N \
    -n "parse-only $threads threads" "$parse_only --threads $threads $valid_collection"
args=()
for size in 100 1000 3000 10000; do
    args+=(-n "plesk-lint $size files" "$lint check --output-format concise $work/collection-$size")
    args+=(-n "xmllint $size files" "$work/xmllint-dir.sh $work/collection-$size")
done
bench scaling-collection "$runs_few" --warmup 1 "${args[@]}"
args=()
for n in $((big_results / 100)) $((big_results / 10)) $big_results; do
    args+=(-n "plesk-lint $n results" "$lint check $work/big-$n.xml")
    args+=(-n "xmllint $n results" "$xout $work/big-$n.xml")
done
bench scaling-big 3 "${args[@]}"

echo "== peak memory, big file"
for tool in plesk-lint xmllint; do
    for _ in 1 2 3; do
        if [[ $tool == plesk-lint ]]; then cmd=("$lint" check "$big"); else cmd=(xmllint --noout --schema "$xsd/agent_output.xsd" "$big"); fi
        /usr/bin/time -f "%M" -o "$results/rss.tmp" "${cmd[@]}" >/dev/null 2>&1 || true
        echo "$tool $(cat "$results/rss.tmp")" >>"$results/memory.txt"
    done
done
rm -f "$results/rss.tmp"

sizes() { du -b "$@" | awk '{s += $1} END {print s}'; }
{
    echo "cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores"
    echo "memory=$(free -g | awk '/^Mem:/ {print $2}') GiB"
    echo "kernel=$(uname -sr)"
    echo "load=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "rustc=$(rustc --version)"
    echo "xmllint=$(xmllint --version 2>&1 | head -1)"
    echo "hyperfine=$(hyperfine --version)"
    echo "parallel=$parallel"
    echo "build=$build"
    echo "threads=$threads"
    echo "single_bytes=$(sizes "$single")"
    echo "big_bytes=$(sizes "$big")"
    for size in 100 1000 3000 10000; do
        echo "collection_${size}_bytes=$(du -b -c "$work/collection-$size"/*.xml | tail -1 | cut -f1)"
    done
    echo "collection_valid_bytes=$(du -b -c "$valid_collection"/*.xml | tail -1 | cut -f1)"
    for n in $((big_results / 100)) $((big_results / 10)) $big_results; do
        echo "big_${n}_bytes=$(sizes "$work/big-$n.xml")"
    done
} >"$results/machine.txt"

python3 "$root/scripts/bench_summary.py" "$results" --svg "$root/docs/benchmarks-scaling.svg"

# Packets in source code: a tree of 10,000 source files against `rg` (docs/embedded.md).
if ((quick)); then "$root/scripts/bench-embedded.sh" --quick; else "$root/scripts/bench-embedded.sh"; fi
