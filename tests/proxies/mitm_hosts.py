"""mitmproxy addon used by trustaudit's tests: names listed in TRUSTAUDIT_TEST_HOSTS
(comma-separated "name=ip" or "name=ip:port") are connected to that IP (and port, whatever
port the client asked for), so a client can ask the proxy for a real-looking host name on 443
while the upstream server listens on 127.0.0.1 and a free port. Nothing else changes: the
client's SNI still reaches the upstream server and mitmproxy still mints its own leaf."""

import os

_MAP = {}
for _item in filter(None, os.environ.get("TRUSTAUDIT_TEST_HOSTS", "").split(",")):
    _name, _, _ip = _item.partition("=")
    _MAP[_name.strip().lower()] = _ip.strip()


def server_connect(data):
    address = data.server.address
    if address and str(address[0]).lower() in _MAP:
        ip, _, port = _MAP[str(address[0]).lower()].partition(":")
        data.server.address = (ip, int(port) if port else address[1])
