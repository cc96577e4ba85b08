package Plesk;
use strict;

sub webspace_get {
    my ($id) = @_;
    my $xml = <<"EOT";
<packet version="1.6.3.0">
<webspace><get><filter><id>$id</id></filter><dataset><gen_info/><hosting/></dataset><extra/></get></webspace>
</packet>
EOT
    return $xml;
}

sub customer {
    my ($login) = @_;
    return '<packet version="1.6.3.0"><customer><get><filter><login>' . $login . '</login></filter>'
         . '<dataset><gen_info/></dataset></get></customer></packet>';
}
1;
