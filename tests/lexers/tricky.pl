# Literals the Perl reader must decode as Perl does (tests/it/embedded_lexers.rs).
my $a = "<a>\x41\x{263A}\101\e\$x \@x \q \\ $x ${x}</a>";
my $b = '<a>\n \' \\ \q $x</a>';
my $c = <<"EOT";
<a>$id\t</a>
EOT
my $d = <<'EOT';
<a>\n$raw</a>
EOT
my $e = <<~EOT;
    <a>
      <b>$id</b>
    </a>
    EOT
my $f = '<a>' . $x . "<b/>" . '</a>';
my $g = q{<a>{nested} it's</a>};
my $h = qq{<a>{nested} $x</a>};
my $i = q(<a>(x)</a>);
my $j = qq[<a>[x] "q"</a>];
my $k = "<email>admin\@example.com</email>";
my $l = q{<a>\} \{ \' \\ \n</a>};
my $m = qq{<a>\} \n $x</a>};
my $n = q!<a>bang \! end</a>!;
my $o = qq<<a>$x</a>>;
