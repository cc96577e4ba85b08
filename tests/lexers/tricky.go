// Literals the Go reader must decode as Go does (tests/it/embedded_lexers.rs).
package tricky

const a = "<a>\x41\u0041\U0001F600\101\t\\\"</a>"
const b = `<a>\n "raw"
line two</a>`

var c = "<a>" + x + `<b/>` + "</a>"
var d = fmt.Sprintf("<a>%s %d %v</a>", x, y)
var e = '<'
const f = "<a>{UPPER}</a>"
var g = string('"') + "<a>'q'</a>"
