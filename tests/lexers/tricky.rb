# Literals the Ruby reader must decode as Ruby does (tests/it/embedded_lexers.rs).
a = "<a>\x41\u0041\101\e\s\q\'\\ #{x} #@ivar #$glob</a>"
b = '<a>\n \' \\ \q #{x}</a>'
c = <<~XML
    <a>
      <b>#{id}</b>\t
    </a>
XML
d = <<-'EOS'
  <a>\n#{raw}</a>
  EOS
e = "<a>" \
  "<b/>" + x + '</a>'
f = %q(<a>(nested) it's</a>)
g = %Q{<a>{nested} #{x}</a>}
h = %(<a>"q" #{x}</a>)
i = %q[<a>[x]</a>]
j = %w[<x> <y>] # a word list, not a string
k = "<a>#{ h["}"] }</a>"
l = %q(<a>\) \( \' \\ \n</a>)
m = %Q[<a>\] \n #{x}</a>]
n = %|<a>pipe #{x} \| end</a>|
