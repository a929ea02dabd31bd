"""mitmproxy addon used by trustaudit's tests: names listed in TRUSTAUDIT_TEST_HOSTS
(comma-separated "name=ip") are connected to that IP, so a client can ask the proxy for a
real-looking host name while the upstream server listens on 127.0.0.1. Nothing else changes:
the client's SNI still reaches the upstream server and mitmproxy still mints its own leaf."""

import os

_MAP = {}
for _item in filter(None, os.environ.get("TRUSTAUDIT_TEST_HOSTS", "").split(",")):
    _name, _, _ip = _item.partition("=")
    _MAP[_name.strip().lower()] = _ip.strip()


def server_connect(data):
    address = data.server.address
    if address and str(address[0]).lower() in _MAP:
        data.server.address = (_MAP[str(address[0]).lower()], address[1])
