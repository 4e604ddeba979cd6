"""address.opd-*: every Perangkat Daerah has a website and an e-mail under the official domain (seed 6.2.5.3).

"Setiap Perangkat Daerah wajib mengadakan, mengembangkan, dan mengelola Situs Web dan memiliki
alamat surat elektronik (e-mail) yang menggunakan domain resmi pemerintahan"; the site is a
subdomain "sesuai nama Perangkat Daerah". For each OPD record (``registry/opd/<kode>.yaml``)
that is a Perangkat Daerah of its own (no ``induk``: a ``bagian`` of the Sekretariat Daerah is
served by its parent's site and mail):

- ``address.opd-website-missing`` / ``address.opd-email-missing``: ``kontak.situs`` /
  ``kontak.email`` is not recorded (one finding each, so it says which is missing);
- ``address.opd-website``: the site is not a canonical https URL under the official domain;
- ``address.opd-website-subdomain``: its name under the domain is not a registered subdomain
  (``registry/subdomains/<name>.yaml``) requested by this OPD (a registry without any subdomain
  record, e.g. a freshly made one, does not manage its zone yet and is not judged);
- ``address.opd-email``: the e-mail address is not ``name@`` the official domain or one of its
  subdomains.
"""

from __future__ import annotations

from typing import Any

from repospbe.checks.base import CheckContext
from repospbe.checks.official import email_domain, label_of, parse_url, under
from repospbe.checks.subdomains.common import subdomain
from repospbe.findings import Finding, Severity
from repospbe.registry.model import Record, Registry
from repospbe.yamlio import locate


def check(ctx: CheckContext) -> list[Finding]:
    reg = ctx.registry
    out: list[Finding] = []
    for kode, record in sorted(reg.opds.items()):
        data = record.data
        if not isinstance(data, dict) or not isinstance(data.get("kode"), str) or data.get("induk"):
            continue  # not an OPD record (the schema check reports it), or a unit of another OPD
        raw = data.get("kontak")
        contact: dict[str, Any] = raw if isinstance(raw, dict) else {}
        out += _website(reg, kode, record, contact.get("situs"))
        out += _email(reg, kode, record, contact.get("email"))
    return out


def _website(reg: Registry, kode: str, record: Record, site: Any) -> list[Finding]:
    domain = reg.domain
    if not isinstance(site, str) or not site.strip():
        return [_at(record, _where(record), "address.opd-website-missing", opd=kode, domain=domain)]
    parsed = parse_url(site)
    where: list[str | int] = ["kontak", "situs"]
    if not parsed.host or parsed.scheme != "https" or not under(parsed.host, domain):
        return [_at(record, where, "address.opd-website", opd=kode, address=site[:200], domain=domain)]
    if not reg.subdomain_names:
        return []  # a registry that does not manage its zone yet (no subdomain records) is not judged
    label = label_of(parsed.host, domain)
    spec = subdomain(reg, label) if label in reg.subdomain_names else None
    if spec is None or spec.opd != kode:
        return [_at(record, where, "address.opd-website-subdomain", opd=kode, name=label or "@", domain=domain)]
    return []


def _email(reg: Registry, kode: str, record: Record, mail: Any) -> list[Finding]:
    domain = reg.domain
    if not isinstance(mail, str) or not mail.strip():
        return [_at(record, _where(record), "address.opd-email-missing", opd=kode, domain=domain)]
    if not under(email_domain(mail), domain):
        return [_at(record, ["kontak", "email"], "address.opd-email", opd=kode, email=mail[:200], domain=domain)]
    return []


def _where(record: Record) -> list[str | int]:
    return ["kontak"] if isinstance(record.get("kontak"), dict) else ["kode"]


def _at(record: Record, where: list[str | int], check_id: str, **params: Any) -> Finding:
    line, col = locate(record.text, where)
    return Finding.make(
        check_id,
        Severity.HIGH,
        path=record.path,
        line=line,
        column=col,
        breadcrumb=" > ".join(map(str, where)),
        **params,
    )
