"""The zone as octoDNS configuration: a ``config.yaml`` whose source is a
YamlProvider reading ``zones/<zone>.yaml`` (the registry's records), and whose
target is a second YamlProvider (replace it with the Pemda's real provider, e.g.
``octodns_bind.Rfc2136Provider``). octoDNS then plans and applies with its own
safety thresholds.

repospbe imports neither octoDNS nor octodns-bind: it only writes this configuration
(the tests load it with octoDNS, a test dependency), the BIND zone file is written by
``repospbe.dns.bind`` and a deployed one is read with dnspython
(``repospbe.dns.deployed``). A Pemda that wants the Rfc2136Provider installs
octodns-bind beside octoDNS."""

from __future__ import annotations

from typing import Any

import yaml

from repospbe.dns.zone import APEX, RRset, Zone, sort_key

ZONES_DIR = "zones"
TARGET_DIR = "terpasang"


def unquote(text: str) -> str:
    """Inverse of ``values.txt_text``: ``"a" "b\\"c"`` -> ``ab"c``."""
    out: list[str] = []
    inside = escaped = False
    for ch in text:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\" and inside:
            escaped = True
        elif ch == '"':
            inside = not inside
        elif inside:
            out.append(ch)
    return "".join(out)


def _value(rtype: str, text: str) -> Any:
    if rtype == "MX":
        pref, exchange = text.split(" ", 1)
        return {"preference": int(pref), "exchange": exchange}
    if rtype == "SRV":
        prio, weight, port, target = text.split(" ", 3)
        return {"priority": int(prio), "weight": int(weight), "port": int(port), "target": target}
    if rtype == "CAA":
        flags, tag, value = text.split(" ", 2)
        return {"flags": int(flags), "tag": tag, "value": unquote(value)}
    if rtype == "TXT":
        return unquote(text).replace(";", "\\;")
    return text


def _record(rr: RRset) -> dict[str, Any]:
    values = [_value(rr.type, v) for v in rr.values]
    out: dict[str, Any] = {"type": rr.type, "ttl": rr.ttl}
    if len(values) == 1:
        out["value"] = values[0]
    else:
        out["values"] = values
    return out


def zone_yaml(zone: Zone) -> str:
    """The YamlProvider zone file: names sorted, records of one name as a list."""
    doc: dict[str, Any] = {}
    for key in sorted(zone, key=sort_key):
        rr = zone[key]
        name = "" if rr.name == APEX else rr.name
        doc.setdefault(name, []).append(_record(rr))
    ordered = {name: (recs[0] if len(recs) == 1 else recs) for name, recs in sorted(doc.items())}
    return "---\n" + yaml.safe_dump(ordered, sort_keys=False, default_flow_style=False, allow_unicode=False)


def config_yaml(domain: str) -> str:
    config = {
        "manager": {"max_workers": 1},
        "providers": {
            "registri": {
                "class": "octodns.provider.yaml.YamlProvider",
                "directory": f"./{ZONES_DIR}",
                "enforce_order": False,
                "supports_root_ns": True,
                "escaped_semicolons": True,
            },
            "terpasang": {
                "class": "octodns.provider.yaml.YamlProvider",
                "directory": f"./{TARGET_DIR}",
                "enforce_order": False,
                "supports_root_ns": True,
                "escaped_semicolons": True,
            },
        },
        "zones": {f"{domain}.": {"sources": ["registri"], "targets": ["terpasang"]}},
    }
    return "---\n" + yaml.safe_dump(config, sort_keys=False)


def files(domain: str, zone: Zone) -> dict[str, str]:
    """Relative path -> content of the octoDNS configuration."""
    return {"config.yaml": config_yaml(domain), f"{ZONES_DIR}/{domain}.yaml": zone_yaml(zone)}
