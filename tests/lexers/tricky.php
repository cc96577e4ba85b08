<?php
// Literals the PHP reader must decode as PHP does (tests/it/embedded_lexers.rs).
$a = "<a>\101\x41\u{41}\e\v\f\$x \{ \q \' \\ </a>";
$b = '<a>\n \' \\ \q</a>';
$c = "<a>$x->y->z {$x->y->z} ${x} $x[0] $x[key] {$x['k']}</a>";
$d = "<a>line one\
line two</a>";
$e = <<<XML
    <a>
      <b>$id</b>\t\x41
    </a>
    XML;
$f = <<<'XML'
  <a>\n$raw</a>
  XML;
$g = '<a>' . $x . "<b>\"q\"</b>" . 'c' . '</a>';
$h = "<a>%s %1\$s %05d {UPPER} {lower}</a>";
$i = <<<"XML"
<a>"quoted" {$x} \\ end</a>
XML;
$j = "<a>\xZZ \u{41} \u0041</a>";
