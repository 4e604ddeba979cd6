"""address.*: an app's addresses are official subdomains, served over https (seed 6.2.5.3).

"Situs Web setiap Perangkat Daerah dan situs Aplikasi SPBE harus merupakan sub domain sesuai
nama Perangkat Daerah atau nama aplikasi" of the official domain (``domain`` in
``registry/instance.yaml``). Each entry of an app's ``alamat``:

- ``address.invalid``: not a canonical URL (see ``repospbe.checks.official``: user-info, a port
  other than 443, upper case, a trailing dot, non-ASCII instead of punycode, ...);
- ``address.domain``: the host is not the official domain or under it (``pontianakkota.go.id.evil.com``
  is not). Only an app maintained by the central or provincial government
  (``pemeliharaan.jenis`` ``pusat``/``provinsi``) hosted nationally (``hosting.lokasi: nasional``)
  may record its national address instead, and only under ``.go.id``;
- ``address.https``: the scheme is not ``https``;
- ``address.subdomain``: the host's name under the domain is not one of the app's ``subdomain``
  entries with a registered ``registry/subdomains/<name>.yaml``.

An app without ``alamat`` is not reported here: not every app has a public site (a desktop,
mobile or internal app), and the record is the only source of that fact.
"""

from __future__ import annotations

from typing import Any

from repospbe.checks.base import CheckContext, app_local
from repospbe.checks.official import label_of, parse_url, under
from repospbe.findings import Finding, Severity
from repospbe.registry.handover import EXEMPT_KINDS
from repospbe.registry.model import Record, Registry
from repospbe.yamlio import locate


@app_local
def check(ctx: CheckContext) -> list[Finding]:
    reg = ctx.registry
    out: list[Finding] = []
    for key, record in sorted(reg.apps.items()):
        data = record.data
        if not isinstance(data, dict):
            continue
        urls = data.get("alamat")
        if not isinstance(urls, list):
            continue
        for i, url in enumerate(urls):
            if isinstance(url, str):
                out += _one(reg, key, record, i, url)
    return out


def _national(data: dict[str, Any]) -> bool:
    upkeep, hosting = data.get("pemeliharaan"), data.get("hosting")
    return (
        isinstance(upkeep, dict)
        and upkeep.get("jenis") in EXEMPT_KINDS
        and isinstance(hosting, dict)
        and hosting.get("lokasi") == "nasional"
    )


def _one(reg: Registry, key: str, record: Record, i: int, url: str) -> list[Finding]:
    where: list[str | int] = ["alamat", i]
    shown = url[:200]
    parsed = parse_url(url)
    domain = reg.domain
    if not parsed.host:
        return [_at(record, where, "address.invalid", Severity.HIGH, app=key, address=shown)]
    inside = under(parsed.host, domain)
    if not inside and not (_national(record.data) and parsed.host.endswith(".go.id")):
        return [_at(record, where, "address.domain", Severity.HIGH, app=key, address=shown, domain=domain)]
    out: list[Finding] = []
    if parsed.scheme != "https":
        out.append(_at(record, where, "address.https", Severity.HIGH, app=key, address=shown))
    if inside:
        label = label_of(parsed.host, domain)
        names = record.get("subdomain")
        mine = {str(n) for n in names} if isinstance(names, list) else set()
        if label not in mine or label not in reg.subdomain_names:
            out.append(
                _at(
                    record,
                    where,
                    "address.subdomain",
                    Severity.HIGH,
                    app=key,
                    address=shown,
                    name=label or "@",
                    domain=domain,
                )
            )
    return out


def _at(record: Record, where: list[str | int], check_id: str, severity: Severity, **params: Any) -> Finding:
    line, col = locate(record.text, where)
    return Finding.make(
        check_id, severity, path=record.path, line=line, column=col, breadcrumb=" > ".join(map(str, where)), **params
    )
