"""For each DIR/N.src (a byte offset on the first line, then a YAML document), writes the
value of the innermost scalar holding that offset, as PyYAML reads it; see README.md."""
import glob
import sys

import yaml

for path in sorted(glob.glob(sys.argv[1] + "/*.src")):
    with open(path, "rb") as f:
        header, _, document = f.read().partition(b"\n")
    offset = int(header)
    text = document.decode("utf-8")
    out = "\0ERROR no scalar at that offset"
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        best = None
        stack = [node]
        while stack:
            n = stack.pop()
            if isinstance(n, yaml.ScalarNode):
                start = len(text[: n.start_mark.index].encode("utf-8"))
                end = len(text[: n.end_mark.index].encode("utf-8"))
                if start <= offset < end and (best is None or end - start < best[0]):
                    best = (end - start, n.value)
            elif isinstance(n, yaml.MappingNode):
                for k, v in n.value:
                    stack += [k, v]
            elif isinstance(n, yaml.SequenceNode):
                stack += n.value
        if best is not None:
            out = best[1]
    except Exception as e:  # noqa: BLE001 - every failure is reported, not raised
        out = "\0ERROR " + str(e)
    with open(path[:-4] + ".out", "w", encoding="utf-8", newline="") as f:
        f.write(out)
