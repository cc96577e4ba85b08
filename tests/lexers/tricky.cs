// Literals the C# reader must decode as C# does (tests/it/embedded_lexers.rs).
class Tricky
{
    const string A = "<a>\x41\u0041\U0001F600\t\\\"\0</a>";
    const string B = @"<a>""quoted"" \n
line two</a>";
    static string C = $"<a>{name}{{literal}}</a>";
    static string D = $@"<a>{name} ""q"" {{x}}</a>";
    static string E = "<a>" + name + @"<b/>" + "</a>";
    static string F = string.Format("<a>{0} {UPPER}</a>", name);
    static char G = '"';
    const string H = "<a>\x4A1 '\''</a>";
}
