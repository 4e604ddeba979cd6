"""Official addresses (seed 6.2.5.3): parsing a URL or e-mail address strictly, for ``address.*``.

An address is accepted only in one canonical form, so a reviewer reading the record sees
exactly what a browser would open: printable ASCII (an IDN is written as punycode), no
user-info (``https://x@evil``), no port other than 443, a lower-case host name without a
trailing dot whose labels are letters, digits and hyphens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

_LABEL = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")
_PRINTABLE = re.compile(r"^[\x21-\x7e]+$")


@dataclass(frozen=True)
class Url:
    """A parsed address: ``host`` is empty when the address is not acceptable at all."""

    scheme: str
    host: str


def host_ok(host: str) -> bool:
    labels = host.split(".")
    return 0 < len(host) <= 253 and len(labels) >= 2 and all(_LABEL.match(x) for x in labels)


def parse_url(text: str) -> Url:
    """``Url(scheme, host)``; ``host`` is ``""`` for anything not in canonical form."""
    if not _PRINTABLE.match(text) or "\\" in text:
        return Url("", "")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return Url("", "")
    if not text.startswith(f"{parts.scheme}://"):
        return Url("", "")
    host = parts.hostname or ""
    netloc_host = parts.netloc.rsplit(":", 1)[0] if port is not None else parts.netloc
    if "@" in parts.netloc or (port is not None and port != 443) or netloc_host != host or not host_ok(host):
        return Url(parts.scheme, "")
    return Url(parts.scheme, host)


def under(host: str, domain: str) -> bool:
    """``host`` is the domain itself or one of its subdomains."""
    return bool(domain) and (host == domain or host.endswith("." + domain))


def label_of(host: str, domain: str) -> str:
    """The subdomain name of ``host`` under ``domain`` (``""`` for the apex itself)."""
    return host[: -len(domain) - 1] if host != domain else ""


def email_domain(text: str) -> str:
    """The domain of a plain ``local@domain`` address in canonical form, else ``""``."""
    if not _PRINTABLE.match(text) or text.count("@") != 1:
        return ""
    local, domain = text.split("@")
    return domain if local and host_ok(domain) else ""
