#!/bin/sh
# Calls the Plesk API with curl.
curl -sk -H "HTTP_AUTH_LOGIN: $LOGIN" -d @- "https://$HOST:8443/enterprise/control/agent.php" <<EOF_XML
<packet version="1.6.3.0">
  <webspace>
    <get>
      <filter><name>$DOMAIN</name></filter>
      <dataset><gen-info/><stat/></dataset>
    </get>
  </webspace>
</packet>
EOF_XML
BODY='<packet version="1.6.3.0"><server><get><gen_info/></get></server></packet>'
