#!/usr/bin/env bash
# Times `plesk-lint check` on a source tree against `rg` searching the same tree for the
# operator names (docs/embedded.md, section Speed): reading source files for packets should
# cost about what reading them costs.
#
#   scripts/bench-embedded.sh            # 10,000 files, 10 runs each
#   scripts/bench-embedded.sh --quick    # 2,000 files, 3 runs: checks the script works
#
# Needs: cargo, hyperfine, rg (ripgrep), python3 (standard library only). The tree is
# generated (deterministically) under target/bench-embedded (or BENCH_DIR=DIR): ordinary PHP,
# Python, JavaScript, TypeScript, Ruby, Go, C# and YAML files, one in a hundred holding a
# Plesk packet in its host syntax.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
quick=0
[[ ${1:-} == --quick ]] && quick=1
work=${BENCH_DIR:-$root/target/bench-embedded}
for tool in cargo hyperfine rg python3; do
    command -v "$tool" >/dev/null || { echo "bench-embedded.sh: $tool is required" >&2; exit 2; }
done
if ((quick)); then files=2000 runs=3; else files=10000 runs=10; fi

echo "== building (release)"
(cd "$root" && cargo build --release --quiet --bin plesk-lint)
target=$(cd "$root" && cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
lint=$target/release/plesk-lint

tree=$work/tree-$files
if [[ ! -f $tree/.complete ]]; then
    echo "== generating $files source files in $tree"
    rm -rf "$tree"
    python3 - "$tree" "$files" <<'PY'
import os, random, sys
tree, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(18)
words = "client account domain request handler result value config status items user".split()
def para(n):
    return "\n".join(
        f"    {rng.choice(words)}_{i} = compute({rng.choice(words)}, {rng.randint(0, 999)})  # {rng.choice(words)}"
        for i in range(n))
packet = ('<packet version="1.6.3.0"><webspace><get><filter><name>{name}</name></filter>'
          '<dataset><gen_info/><hostng/></dataset></get></webspace></packet>')
kinds = [
    ("php", 40, lambda body, p: f"<?php\nfunction f($x) {{\n{body}\n    $p = <<<XML\n{p.format(name='$x')}\nXML;\n    return $p;\n}}\n",
                lambda body: f"<?php\nfunction f($x) {{\n{body}\n    return '<div>' . $x . '</div>';\n}}\n"),
    ("py", 15, lambda body, p: f"def f(x):\n{body}\n    return f'''{p.format(name='{x}')}'''\n",
               lambda body: f"def f(x):\n{body}\n    return '<p>%s</p>' % x\n"),
    ("js", 8, lambda body, p: f"function f(x) {{\n{body}\n  return `{p.format(name='${x}')}`;\n}}\n",
              lambda body: f"function f(x) {{\n{body}\n  return `<li>${{x}}</li>`;\n}}\n"),
    ("ts", 7, lambda body, p: f"export function f(x: string) {{\n{body}\n  return '{p.format(name='')}';\n}}\n",
              lambda body: f"export function f(x: string) {{\n{body}\n  return x;\n}}\n"),
    ("rb", 10, lambda body, p: f"def f(x)\n{body}\n  <<~XML\n    {p.format(name='#{x}')}\n  XML\nend\n",
               lambda body: f"def f(x)\n{body}\n  \"<b>#{{x}}</b>\"\nend\n"),
    ("go", 10, lambda body, p: f"package p\n\nfunc f() string {{\n{body}\n\treturn `{p.format(name='%s')}`\n}}\n",
               lambda body: f"package p\n\nfunc f() string {{\n{body}\n\treturn \"<i>x</i>\"\n}}\n"),
    ("cs", 5, lambda body, p: f"class C {{\n{body}\n  string P = @\"{p.format(name='x').replace(chr(34), chr(34)*2)}\";\n}}\n",
              lambda body: f"class C {{\n{body}\n  string P = \"<u>x</u>\";\n}}\n"),
    ("yml", 5, lambda body, p: f"- request:\n    body:\n      string: '{p.format(name='a.example')}'\n",
               lambda body: "- request:\n    body:\n      string: 'hello'\n" * 20),
]
weights = [k[1] for k in kinds]
for i in range(count):
    ext, _, with_packet, without = rng.choices(kinds, weights)[0]
    d = os.path.join(tree, f"pkg{i % 97:02d}", f"mod{i % 13:02d}")
    os.makedirs(d, exist_ok=True)
    body = para(rng.randint(20, 80))
    text = with_packet(body, packet) if i % 100 == 0 else without(body)
    with open(os.path.join(d, f"file{i:05d}.{ext}"), "w") as f:
        f.write(text)
open(os.path.join(tree, ".complete"), "w").close()
PY
fi

# The operator names, as plesk-lint's prefilter looks for them.
operators=$(cd "$root/rules" && ls ./*.toml 1.6.9.1/*.toml | xargs -n1 basename | sed 's/\.toml$//' |
    grep -v '^_' | sort -u | paste -sd'|')
pattern="<(packet|$operators)[\\s>/]"
# The walk honours .gitignore on branches that have `--no-ignore` (the tree is under target/).
no_ignore=""
"$lint" check --help | grep -q -- --no-ignore && no_ignore=--no-ignore
found=$("$lint" check $no_ignore --output-format concise "$tree" | grep -c '\[unknown-element\]' || true)
echo "== plesk-lint finds $found packets' mistakes (expected $(( (files + 99) / 100 )))"

mkdir -p "$work/results"
hyperfine --warmup 1 --runs "$runs" -N -i \
    --export-json "$work/results/embedded-$files.json" \
    -n "rg (operator names)" "rg -l --no-ignore -e '$pattern' $tree" \
    -n "plesk-lint check" "$lint check $no_ignore --output-format concise $tree"
