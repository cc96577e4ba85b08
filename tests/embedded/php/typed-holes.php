<?php
// `hole-in-typed-value` is off by default: this file reports nothing unless it is selected
// (tests/embedded/selected/typed-holes.php.expected holds what `--select` reports).
$id = (int) $_GET['id'];
$request = <<<XML
<packet version="1.6.3.0">
  <site>
    <get>
      <filter><id>$id</id></filter>
      <dataset><gen_info/></dataset>
    </get>
  </site>
  <webspace>
    <get>
      <filter><name>{$domain}</name></filter>
      <dataset><hosting/></dataset>
    </get>
  </webspace>
</packet>
XML;
$limit = '<packet version="1.6.3.0"><webspace><set><filter><id>7</id></filter><values><limits><overuse>' . $policy . '</overuse></limits></values></set></webspace></packet>';
