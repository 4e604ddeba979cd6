"""The audit log: the events of ``audit verify`` plus every decision (approval and rejection),
merges completed with the apps the merge request changed and the approvals in force."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from repospbe import stamp
from repospbe.catalogue import compliance as comp
from repospbe.catalogue.collect import AppView, Catalogue
from repospbe.catalogue.markup import esc, link, table
from repospbe.catalogue.site_model import SiteSources, app_page, front, h1, url
from repospbe.catalogue.words import IN_FORCE, decision_states
from repospbe.errors import InputError

PAGE = "audit.md"
NONE = "<p>Belum ada catatan.</p>\n\n"
_MR = re.compile(r"^MR !(\d+)")
HEADS = ("Waktu", "Jenis", "Subjek", "Aplikasi", "Reviewer", "Rincian", "Hasil")


@dataclass
class _Mr:
    apps: list[AppView] = field(default_factory=list)
    approvers: list[str] = field(default_factory=list)


def audit_log(cat: Catalogue, site: SiteSources, filter_note: str) -> None:
    text = front("Log audit", hide_toc=True, wide=True) + h1("Log audit")
    text += (
        "<p>Merge, persetujuan dan penolakan, penerapan dan verifikasi yang gagal, dari catatan tata kelola "
        "registri. Verifikasi ulang secara mandiri dengan <code>repospbe audit verify</code>.</p>\n\n"
    )
    mrs = _by_mr(cat)
    rows = [(_moment(e.time), _event_row(e.time, e.kind, e.subject, e.detail, e.ok, mrs)) for e in cat.audit]
    rows += _decision_rows(cat, mrs)
    if not rows:
        site.add(PAGE, text + NONE)
        return
    ordered = [row for _, row in sorted(rows, key=lambda r: r[0], reverse=True)]
    body = table(HEADS, ordered, "sortable saring tabel-audit")
    site.add(PAGE, text + filter_note + f"<div>\n{site.fragment(PAGE, 'tabel', body)}\n</div>\n")


def _by_mr(cat: Catalogue) -> dict[str, _Mr]:
    out: dict[str, _Mr] = defaultdict(_Mr)
    for app in cat.apps.values():
        for d, (state, _) in zip(app.decisions, decision_states(app.decisions), strict=True):
            entry = out[d.mr]
            if app not in entry.apps:
                entry.apps.append(app)
            if state == IN_FORCE and comp.is_approval(d.decision) and d.reviewer not in entry.approvers:
                entry.approvers.append(d.reviewer)
    return out


def _apps(apps: list[AppView]) -> str:
    return ", ".join(link(url(PAGE, app_page(a.key)), a.name) for a in apps) or "–"


def _event_row(time: str, kind: str, subject: str, detail: str, ok: bool, mrs: dict[str, _Mr]) -> tuple[str, ...]:
    """An audit event; a merge names the MR's apps and the approvers whose approval is in force."""
    match = _MR.match(detail) if kind == "gabung" else None
    mr = mrs.get(match.group(1)) if match else None
    return (
        esc(time),
        esc(kind),
        esc(subject),
        _apps(mr.apps) if mr else "–",
        esc(", ".join(mr.approvers) or "–") if mr else "–",
        esc(detail),
        comp.yes_no(ok, "sah", "gagal"),
    )


def _decision_rows(cat: Catalogue, mrs: dict[str, _Mr]) -> list[tuple[str, tuple[str, ...]]]:
    rows: list[tuple[str, tuple[str, ...]]] = []
    seen: set[tuple[str, str, str]] = set()
    for app in cat.apps.values():
        for d, (_, state) in zip(app.decisions, decision_states(app.decisions), strict=True):
            if (d.mr, d.reviewer, d.time) in seen:  # one MR may change several apps
                continue
            seen.add((d.mr, d.reviewer, d.time))
            approval = comp.is_approval(d.decision)
            detail = state + (f"; alasan: {d.reason}" if d.reason else "")
            rows.append(
                (
                    _moment(d.time),
                    (
                        esc(d.time),
                        "persetujuan" if approval else "penolakan",
                        esc(f"MR !{d.mr}"),
                        _apps(mrs[d.mr].apps),
                        esc(d.reviewer),
                        esc(detail),
                        comp.yes_no(d.verified, "sah", "tanda tangan tidak sah"),
                    ),
                )
            )
    return rows


def _moment(text: str) -> str:
    """A sortable UTC stamp (unparseable times sort first, as they are)."""
    try:
        return stamp.format(stamp.parse(text))
    except InputError:
        return text
