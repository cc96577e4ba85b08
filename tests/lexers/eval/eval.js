// Evaluates each DIR/N.src as a JavaScript expression; see README.md. Sloppy mode on
// purpose: `with` makes every free name a hole.
const fs = require("fs");
const path = require("path");
const MARK = "\x01HOLE\x01";
const hole = new Proxy(function () {}, {
  get: (target, key) =>
    key === Symbol.toPrimitive || key === "toString" || key === "valueOf" ? () => MARK : hole,
  apply: () => hole,
});
const names = new Proxy(
  {},
  {
    has: (target, key) =>
      typeof key === "string" && !(key in globalThis) && !["__src", "out"].includes(key),
    get: (target, key) => (key === Symbol.unscopables ? undefined : hole),
  },
);
const dir = process.argv[2];
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".src")).sort()) {
  const __src = fs.readFileSync(path.join(dir, file), "utf8");
  let out;
  try {
    with (names) {
      out = String(eval("(" + __src + "\n)"));
    }
  } catch (e) {
    out = "\0ERROR " + e.message;
  }
  fs.writeFileSync(path.join(dir, file.replace(/\.src$/, ".out")), out);
}
