// Literals the JavaScript reader must decode as JavaScript does (tests/it/embedded_lexers.rs).
const a = "<a>\x41\u0041\u{1F600}\q\'\"\\\
continued</a>";
const b = '<a>\n\t\0</a>';
const c = `<a>${x}\${notahole} \` \x41
line two</a>`;
const re = /'[^']*'/g, d = '<a>' + x + "</a>";
const e = "<a>" + String(x) + '</a>';
const f = x / 2 + '<a>' + y / 3;
const g = text.replace(/"/g, '&quot;') + '<b/>';
const h = [/[/"]/, '<a>"q"</a>'];
const i = cond ? /a'b/.test(s) : '<a>after a regex</a>';
const j = (a) / 2, k = '<a>after a division</a>';
