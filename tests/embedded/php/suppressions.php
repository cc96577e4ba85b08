<?php
// plesk-lint-disable unknown-element
$a = '<packet version="1.6.3.0"><server><get><gen_inf/></get></server></packet>';
// plesk-lint-enable unknown-element
$b = '<packet version="1.6.3.0"><server><get><gen_inf/></get></server></packet>';
$c = '<packet version="1.6.3.0"><server><get><!-- plesk-lint-disable-next-element unknown-element --><gen_inf/><stat/></get></server></packet>';
$d = '<packet version="1.6.3.0"><server><get><!-- plesk-lint-disable-next-element invalid-value --><gen_info/></get></server></packet>';
# plesk-lint-disable too-many
// plesk-lint-disable-next-element unknown-element: the generator adds gen_inf later
$e = '<packet version="1.6.3.0"><server><get><gen_inf/></get></server></packet>';
$f = '<packet version="1.6.3.0"><server><get><gen_inf/></get></server></packet>';
