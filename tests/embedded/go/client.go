package plesk

import "fmt"

const webspaceGet = `<packet version="1.6.3.0">
<webspace>
  <get>
    <filter><id>%d</id></filter>
    <dataset><gen_info/><hosting></dataset>
  </get>
</webspace>
</packet>`

func CustomerGet(login string) string {
	return fmt.Sprintf("<packet version=\"1.6.3.0\"><customer><get><filter><login>%s</login></filter><dataset><gen_inf/></dataset></get></customer></packet>", login)
}

// A rune literal holding a quote starts no string.
func isQuote(c byte) bool { return c == '"' || c == '\'' }

const server = "<packet version=\"1.6.3.0\"><server><get><gen_info/><statistics/></get></server></packet>"
