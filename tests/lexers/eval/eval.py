"""Evaluates each DIR/N.src as a Python expression; see README.md."""
import glob
import sys

MARK = "\x01HOLE\x01"


class Hole:
    def __str__(self):
        return MARK

    def __repr__(self):
        return MARK

    def __format__(self, spec):
        return MARK

    def __getattr__(self, name):
        return self

    def __getitem__(self, key):
        return self

    def __call__(self, *args, **kwargs):
        return self

    def __add__(self, other):
        return MARK + other

    def __radd__(self, other):
        return other + MARK


class Names(dict):
    def __missing__(self, key):
        return Hole()


for path in sorted(glob.glob(sys.argv[1] + "/*.src")):
    with open(path, encoding="utf-8", newline="") as f:
        src = f.read()
    try:
        value = eval("(" + src + "\n)", {"__builtins__": __builtins__}, Names())
        out = value.decode("utf-8") if isinstance(value, bytes) else str(value)
    except Exception as e:  # noqa: BLE001 - every failure is reported, not raised
        out = "\0ERROR " + repr(e)
    with open(path[:-4] + ".out", "w", encoding="utf-8", newline="") as f:
        f.write(out)
