"""Record values: validation and one canonical text form per type.

The canonical form is the record's presentation in a zone file (RFC 1035 §5),
so a value read back from a deployed zone compares equal to the registry's:
A/AAAA compressed, host names lowercase and absolute (trailing dot), TXT quoted
in chunks of at most 255 characters (RFC 1035 §3.3.14).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from typing import Any

TXT_CHUNK = 255
_HOST_LABEL = re.compile(r"^(_?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?|_?[a-z0-9])$")


def host(value: Any) -> str | None:
    """``Host.Example.com`` -> ``host.example.com.``; None unless a full host name."""
    if not isinstance(value, str):
        return None
    name = value.lower().rstrip(".")
    if "." not in name or len(name) > 253 or value.endswith(".."):
        return None
    if not all(_HOST_LABEL.match(label) for label in name.split(".")):
        return None
    return name + "."


def _a(value: Any) -> str | None:
    try:
        return str(ipaddress.IPv4Address(value)) if isinstance(value, str) else None
    except ValueError:
        return None


def _aaaa(value: Any) -> str | None:
    try:
        return ipaddress.IPv6Address(value).compressed if isinstance(value, str) else None
    except ValueError:
        return None


def _u16(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 65535


def _keys(value: Any, keys: set[str]) -> bool:
    return isinstance(value, dict) and set(value) == keys


def _mx(value: Any) -> str | None:
    if not _keys(value, {"priority", "target"}) or not _u16(value.get("priority")):
        return None
    target = host(value.get("target"))
    return f"{value['priority']} {target}" if target else None


def _srv(value: Any) -> str | None:
    if not _keys(value, {"priority", "weight", "port", "target"}) or not all(
        _u16(value.get(k)) for k in ("priority", "weight", "port")
    ):
        return None
    target = host(value.get("target"))
    return f"{value['priority']} {value['weight']} {value['port']} {target}" if target else None


def _caa(value: Any) -> str | None:
    if not _keys(value, {"flags", "tag", "value"}) or value.get("tag") not in ("issue", "issuewild", "iodef"):
        return None
    flags, text = value.get("flags"), value.get("value")
    if not isinstance(flags, int) or isinstance(flags, bool) or not 0 <= flags <= 255:
        return None
    if not isinstance(text, str) or not _printable(text) or len(text) > TXT_CHUNK:
        return None
    return f"{flags} {value['tag']} {quote(text)}"


def _txt(value: Any) -> str | None:
    if not isinstance(value, str) or not value or not _printable(value):
        return None
    return txt_text(value)


def _printable(text: str) -> bool:
    return all(" " <= ch <= "~" for ch in text)


def quote(text: str) -> str:
    """A zone-file character-string: quoted, with ``"`` and ``\\`` escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def txt_text(text: str) -> str:
    """A TXT value as quoted chunks of at most 255 characters."""
    chunks = [text[i : i + TXT_CHUNK] for i in range(0, len(text), TXT_CHUNK)] or [""]
    return " ".join(quote(chunk) for chunk in chunks)


CANONICAL: dict[str, Callable[[Any], str | None]] = {
    "A": _a,
    "AAAA": _aaaa,
    "CNAME": host,
    "MX": _mx,
    "TXT": _txt,
    "CAA": _caa,
    "SRV": _srv,
}


def canonical(rtype: str, value: Any) -> str | None:
    """The canonical text of ``value`` for ``rtype``, or None when it is invalid."""
    fn = CANONICAL.get(rtype)
    return fn(value) if fn else None


def show(value: Any) -> str:
    """A short, safe rendering of a raw value for messages."""
    return repr(value)[:120]
