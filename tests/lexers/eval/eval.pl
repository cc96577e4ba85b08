# Evaluates each DIR/N.src as Perl code whose last value is the literal; see README.md.
use strict;
use warnings;

my $MARK = "\x01HOLE\x01";
for my $file (sort glob("$ARGV[0]/*.src")) {
    open(my $in, '<:raw', $file) or die "$file: $!";
    my $src = do { local $/; <$in> };
    close $in;
    my %names = map { $_ => 1 } ($src =~ /\$\{?(\w+)/g);
    my %arrays = map { $_ => 1 } ($src =~ /(?<!\\)\@(\w+)/g);
    my $prelude = join '', (map { "my \$$_ = \$MARK; " } sort keys %names),
        (map { "my \@$_ = (\$MARK); " } sort keys %arrays);
    my $out = eval "no strict; no warnings; $prelude\n$src";
    $out = "\0ERROR $@" if $@;
    open(my $o, '>:raw', $file =~ s/\.src\z/.out/r) or die "$file: $!";
    print $o $out;
    close $o;
}
