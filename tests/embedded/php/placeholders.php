<?php
// {UPPER} markers filled by str_replace and sprintf conversions are holes.
const TEMPLATE = '<packet version="{VERSION}"><webspace><get><filter><id>{ID}</id></filter><dataset><hosting/></dataset></get></webspace></packet>';
$query = sprintf('<packet version="1.6.3.0"><site><get><filter><id>%d</id></filter><dataset><gen_info/></dataset></get></site></packet>', $id);
// A subtree hole satisfies what the parent requires there; a tag-name hole any element.
$filtered = "<packet version=\"1.6.3.0\"><webspace><get><filter>$filter</filter><dataset><{$part}/></dataset></get></webspace></packet>";
$typo = '<packet version="1.6.3.0"><webspace><get><filter><id>' . $id . '</id></filter><dataset><hostng/></dataset></get></webspace></packet>';
