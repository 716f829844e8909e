"""The address of the client, also behind reverse proxies and load balancers.

`X-Forwarded-For` can be written by anyone, so it is read only when the request came from a
proxy listed in `TRUSTED_PROXIES`, and then from the right: every proxy appends the address it
saw, so the first address from the right that is not a trusted proxy is the client. Without
trusted proxies, the connection's own address is used and the header is ignored.
"""

import ipaddress

from django.conf import settings


def _networks():
    return [ipaddress.ip_network(entry, strict=False) for entry in settings.TRUSTED_PROXIES]


def _is_trusted(address: str, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _networks()
    if not networks or not _is_trusted(remote, networks):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for address in reversed(forwarded):
        if not _is_trusted(address, networks):
            return address
    return forwarded[0] if forwarded else remote
