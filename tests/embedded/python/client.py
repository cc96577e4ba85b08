"""A small Plesk client."""

API = "1.6.3.0"


def site_info(name):
    # Triple-quoted f-string: {name} is a hole, {{ and }} are braces.
    return f"""<packet version="{API}">
  <site>
    <get>
      <filter><name>{name}</name></filter>
      <dataset><gen_info/><hostng/></dataset>
    </get>
  </site>
</packet>"""


def dns_records(site_id):
    return (
        '<packet version="1.6.3.0"><dns><get_rec>'
        "<filter><site-id>%s</site-id></filter>"
        "</get_rec></dns></packet>" % site_id
    )


def customer(login):
    return '<packet version="1.6.3.0"><customer><get><filter><login>{}</login></filter><dataset><gen_info/></dataset></get></customer></packet>'.format(login)


def wrong_escape():
    return "<packet version=\"1.6.3.0\"><server><get><gen_info/><uptime>1</uptime></get></server></packet>"
