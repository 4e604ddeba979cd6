"""``repospbe new subdomain``: validate a request with the registry's rules, render it
from ``templates/subdomain/``, print the findings and the next steps."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from repospbe import output
from repospbe.errors import InputError, PolicyError
from repospbe.i18n import resolve_lang, t
from repospbe.registry import find_root
from repospbe.subdomains.request import Answers, create, default_review


def _date(value: str, field: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError("subdomain.request-date", field=field, value=value[:40]) from None


def _records(a: list[str], aaaa: list[str], cname: str | None, txt: list[str], example: bool) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for rtype, values in (("A", a), ("AAAA", aaaa)):
        if values:
            rec: dict[str, object] = {"type": rtype, **({"value": values[0]} if len(values) == 1 else {"values": values})}
            out.append({**rec, "contoh": True} if example else rec)
    if cname:
        out.append({"type": "CNAME", "value": cname})
    if txt:
        out.append({"type": "TXT", **({"value": txt[0]} if len(txt) == 1 else {"values": txt})})
    if not out:
        raise InputError("subdomain.request-no-records")
    return out


def new_subdomain(registry: Path | None, name: str, opd: str, app: str | None, purpose: str,
                  a: list[str], aaaa: list[str], cname: str | None, txt: list[str], example: bool, ttl: int,
                  letter_number: str, letter_date: str, review: str | None, lang: str | None) -> int:
    lang = resolve_lang(lang)
    root = find_root(explicit=registry)
    answers = Answers(
        name=name, opd=opd, app=app, purpose=purpose, records=tuple(_records(a, aaaa, cname, txt, example)),
        ttl=ttl, letter_number=letter_number, letter_date=_date(letter_date, "--surat-tanggal"),
        review=_date(review, "--tinjauan") if review else default_review(),
    )
    outcome = create(root, answers)
    for f in outcome.findings:
        where = f"{f.location}: " if f.location else ""
        output.error(f"[{f.severity.value}] {f.check_id} {where}{f.text(lang)}\n    {f.hint_text(lang)}")
    if outcome.path is None:
        raise PolicyError("subdomain.request-refused", count=len(outcome.blocking), name=name)
    output.write(t("subdomain.request-created", lang, file=outcome.rel, name=name))
    output.write(t("subdomain.request-next", lang, file=outcome.rel, name=name))
    return 0
