namespace Plesk;

public static class Requests
{
    public static string Site(string name) => $@"<packet version=""1.6.3.0"">
  <site>
    <get>
      <filter><name>{name}</name></filter>
      <dataset><gen_info/><disk_usage/></dataset>
    </get>
  </site>
</packet>";

    public static string Raw(int id) => $$"""
        <packet version="1.6.3.0">
          <webspace>
            <get>
              <filter><id>{{id}}</id></filter>
              <dataset><gen_info/><prefs/><prefs/></dataset>
            </get>
          </webspace>
        </packet>
        """;

    public const string Plain = "<packet version=\"1.6.3.0\"><server><get><gen_info/></get></server></packet>";
}
