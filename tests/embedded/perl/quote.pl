# q{} and qq{} with nesting delimiters, and a regular expression holding a quote.
my $ok = $reply =~ /status>'?ok/;
my $get = q{<packet version="1.6.3.0"><server><get><gen_info/><stat/></get></server></packet>};
my $site = qq(<packet version="1.6.3.0"><site><get><filter><id>$id</id></filter><dataset><gen_inf/></dataset></get></site></packet>);
