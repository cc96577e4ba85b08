<?php
// Evaluates each DIR/N.src as a PHP expression; see README.md.
const MARK = "\x01HOLE\x01";

class Hole implements ArrayAccess
{
    public function __get($name) { return $this; }
    public function __call($name, $args) { return $this; }
    public static function __callStatic($name, $args) { return new Hole(); }
    public function __toString(): string { return MARK; }
    public function offsetExists($offset): bool { return true; }
    public function offsetGet($offset): mixed { return $this; }
    public function offsetSet($offset, $value): void {}
    public function offsetUnset($offset): void {}
}

class Evaluator extends Hole
{
    public function run(string $__src): string
    {
        preg_match_all('/\$(\w+)/', $__src, $__names);
        foreach ($__names[1] as $__name) {
            if ($__name !== 'this' && $__name !== '__src' && $__name !== '__names') {
                $$__name = new Hole();
            }
        }
        return (string) eval('return ' . $__src . ';');
    }
}

foreach (glob($argv[1] . '/*.src') as $file) {
    try {
        $out = (new Evaluator())->run(file_get_contents($file));
    } catch (Throwable $e) {
        $out = "\0ERROR " . $e->getMessage();
    }
    file_put_contents(substr($file, 0, -4) . '.out', $out);
}
