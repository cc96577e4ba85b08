<?php
$request = <<<'EOT'
<?xml version="1.0" encoding="UTF-8"?>
<packet version="1.6.3.0">
<customer>
  <get>
    <filter><login>jdoe</login></filter>
    <dataset><gen_info/><stats/></dataset>
  </get>
</customer>
</packet>
EOT;
$other = <<<EOT
<packet version="1.6.3.0"><customer><get><filter><id>{$this->ids['main']}</id></filter><dataset><gen_info/></dataset></get></customer></packet>
EOT;
