# plesk-lint-disable-file invalid-value
REQUEST = """<packet version="1.6.3.0">
<webspace><get><filter><id>zero</id></filter><dataset><gen_info/><hostng/></dataset></get></webspace>
</packet>"""
