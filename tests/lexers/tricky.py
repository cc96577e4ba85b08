# Literals the Python reader must decode as Python does (tests/it/embedded_lexers.rs).
a = "<a>\x41\u0041\101\q\'\"\\</a>"
b = r"<a>\n\q\\</a>"
c = f"<a>{x}{{literal}}{x!r}{d['k']}</a>"
d = "<a>%s %(name)s %05d {0} {name}</a>"
e = """<a>
  "quoted" ''' \
continued</a>"""
f = ('<a>'
     '<b/>' + x + "</a>")
g = b"<a>\x41</a>"
h = rb'<a>\d</a>'
i = u'<a>\u00e9 é</a>'
j = '''<a>\t
</a>'''
k = F'<a>{x}</a>' f"<b>{y}</b>"
