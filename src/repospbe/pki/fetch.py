"""Fetching revocation data over http(s): the one place repospbe opens a network connection.

Only ``repospbe trust refresh`` calls it, when an operator asks. One request per URL, a short
timeout, a size limit read while receiving (never trusting Content-Length alone), http and
https only (redirects too: a CRL distribution point may not send us to ``file:`` or ``ftp:``).
Proxies come from the usual environment variables (``https_proxy``, ``no_proxy``), as on a
Pemda network. A failure is ``Refused`` whose ``kind`` says why: ``offline`` (no route,
name not resolved, refused, timed out), ``http`` (a status other than 200 or a broken answer),
``too-large``, ``scheme``; the verifiers (``crl``, ``ocsp``) raise it too, with their own kinds.
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import IO, Any
from urllib.parse import urlsplit

MAX_BYTES = 10 * 1024 * 1024  # a CRL or OCSP response larger than this is refused
DEFAULT_TIMEOUT = 10.0
_SCHEMES = ("http", "https")
_USER_AGENT = "repospbe-trust-refresh"


class Refused(Exception):
    """Why a URL gave nothing usable; ``kind`` names the finding ``trust.refresh.<kind>``."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail[:300]


@dataclass(frozen=True)
class Fetched:
    url: str
    body: bytes
    content_type: str


class _HttpOnlyRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.lower() not in _SCHEMES:
            raise Refused("scheme", newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        _HttpOnlyRedirect(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def usable(url: str) -> bool:
    """``url`` is an http(s) URL with a host (anything else, e.g. ``ldap:``, is not fetched)."""
    parts = urlsplit(url)
    return parts.scheme.lower() in _SCHEMES and bool(parts.hostname)


def _read(response: Any, limit: int) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared is not None and declared.strip().isdigit() and int(declared) > limit:
        raise Refused("too-large", f"Content-Length {declared}")
    body: bytes = response.read(limit + 1)
    if len(body) > limit:
        raise Refused("too-large", f"more than {limit} bytes")
    return body


def fetch(
    url: str,
    *,
    data: bytes | None = None,
    content_type: str = "",
    accept: str = "*/*",
    timeout: float = DEFAULT_TIMEOUT,
    limit: int = MAX_BYTES,
) -> Fetched:
    """GET ``url`` (POST ``data`` when given); Refused on any failure."""
    if not usable(url):
        raise Refused("scheme", url)
    headers = {"User-Agent": _USER_AGENT, "Accept": accept}
    if data is not None:
        headers["Content-Type"] = content_type
    request = urllib.request.Request(url, data=data, headers=headers, method="POST" if data is not None else "GET")
    try:
        with _opener().open(request, timeout=timeout) as response:
            return Fetched(url, _read(response, limit), str(response.headers.get("Content-Type", "")))
    except Refused:
        raise
    except urllib.error.HTTPError as exc:
        raise Refused("http", f"HTTP {exc.code} {exc.reason}") from exc
    except http.client.HTTPException as exc:
        raise Refused("http", f"{type(exc).__name__} {exc}") from exc
    except urllib.error.URLError as exc:
        raise Refused("offline", str(exc.reason)) from exc
    except (TimeoutError, ConnectionError, OSError) as exc:
        raise Refused("offline", str(exc) or type(exc).__name__) from exc
    except ValueError as exc:  # a malformed URL or header
        raise Refused("scheme", str(exc)) from exc
