"""Readable summaries (text / Markdown / JSON) of merge requests, plans and audits."""

from __future__ import annotations

import json
from typing import Any

from repospbe.formatters import REPORT_FILES
from repospbe.governance import sigtext
from repospbe.governance.assess import Assessment, RecordVerdict
from repospbe.governance.audit import AuditReport
from repospbe.governance.deploy import Plan
from repospbe.governance.evidence import StoredRecord
from repospbe.governance.forge import MergeRequestInfo
from repospbe.governance.gitrepo import Repo
from repospbe.governance.types import AuditEvent
from repospbe.governance.verdicts import outcome, standing_text
from repospbe.i18n import t
from repospbe.pipeline.record import sha256_bytes
from repospbe.states import MRState

DOCS = ("kebutuhan", "kak", "pengujian", "manual", "bast")
JSON_REPORT = REPORT_FILES["json"]


def problems(a: Assessment, lang: str) -> list[str]:
    return [t(k, lang, **p) for k, p in a.problems]


def queue(items: list[tuple[MergeRequestInfo, Assessment | None]], lang: str) -> str:
    if not items:
        return t("gov.ui.queue-empty", lang) + "\n"
    lines = [t("gov.ui.queue-head", lang)]
    for info, a in items:
        approvals = f"{len(a.approvals)}/{a.required}" if a else "-"
        passed = [r for r in a.records if r.matches] if a else []
        pipe = passed[-1].status if passed else "-"
        state = (
            info.state if info.state != MRState.OPEN or a is None else (MRState.READY if a.mergeable else MRState.OPEN)
        )
        lines.append(f"!{info.number:<3} {state:<12} {approvals:<12} {pipe:<9} {info.title}")
    return "\n".join(lines) + "\n"


def summary(repo: Repo, info: MergeRequestInfo, a: Assessment, stored: dict[str, StoredRecord], lang: str) -> str:
    changed = repo.changed(a.target, a.source)
    out = [
        t("gov.ui.show-title", lang, number=info.number, title=info.title),
        t(
            "gov.ui.show-branches",
            lang,
            source=info.source_branch,
            source_sha=a.source[:12],
            target=info.target_branch,
            target_sha=a.target[:12],
            patch=a.patch_id[:12] or "-",
        ),
    ]
    out += sigtext.opener_lines(a, lang)
    out.append(t("gov.ui.show-changed", lang, count=len(changed)))
    out += [f"  {p}" for p in changed[:40]]
    apps = sorted(
        {"/".join(p.split("/")[2:4]) for p in changed if p.startswith("registry/apps/") and p.count("/") >= 4}
    )
    if apps:
        out.append(t("gov.ui.show-apps", lang, apps=", ".join(apps)))
        for app in apps:
            present = set(repo.list_files(a.source, f"registry/apps/{app}/"))
            docs = [f"{d}{'✓' if f'registry/apps/{app}/{d}.md' in present else '✗'}" for d in DOCS]
            out.append(t("gov.ui.show-docs", lang, app=app, docs=" ".join(docs)))
    subs = sorted(p.rsplit("/", 1)[-1][:-5] for p in changed if p.startswith("registry/subdomains/"))
    if subs:
        out.append(t("gov.ui.show-subdomains", lang, names=", ".join(subs)))
    out.append(t("gov.ui.show-pipelines", lang))
    for r in a.records:
        out.append(
            t(
                "gov.ui.show-record",
                lang,
                digest=r.digest[:12],
                status=r.status,
                match=t("gov.ui.match" if r.matches else "gov.ui.nomatch", lang),
                signers=", ".join(r.signed_by) or "-",
            )
        )
        out += provenance(r, a, lang)
        if r.matches and r.digest in stored:
            out.append(t("gov.ui.show-findings", lang, counts=severities(stored[r.digest])))
    out.append(t("gov.ui.show-decisions", lang))
    for d, st in zip(a.decisions, a.standings, strict=True):
        out.append(
            t(
                "gov.ui.show-decision",
                lang,
                time=d.time,
                reviewer=d.reviewer,
                decision=d.decision,
                reason=f"— {d.reason}" if d.reason else "",
                verdict=standing_text(st, a, lang),
            )
        )
        out += sigtext.lines(d.signatures, lang, "    ")
    out += outcome(repo, info, a, lang)
    return "\n".join(out) + "\n"


def provenance(r: RecordVerdict, a: Assessment, lang: str) -> list[str]:
    """Where the record was made, and per app where its tests ran and under which isolation."""
    return [origin(r, a, lang)] + [
        t("gov.ui.app-isolation", lang, app=app, isolation=isolation_text(iso, lang)) for app, iso in r.apps
    ]


def origin(r: RecordVerdict, a: Assessment, lang: str) -> str:
    """Where a record comes from: a registered CI runner (taken from the record as signed)
    or a reviewer who re-ran the pipeline on their own machine."""
    runners = {p for p, _ in a.rules.runners}
    if r.runner:
        return t("gov.ui.origin-runner", lang, who=", ".join(p for p in r.signed_by if p in runners))
    if r.signed_by:
        return t("gov.ui.origin-reviewer", lang, who=", ".join(r.signed_by))
    return t("gov.ui.origin-unsigned", lang)


def isolation_text(isolation: str, lang: str) -> str:
    if isolation in ("bubblewrap", "ci-runner"):
        return t(f"gov.ui.iso.{isolation}", lang)
    if not isolation:
        return t("gov.ui.iso.none", lang)
    return t("gov.ui.iso.other", lang, value=isolation)


def severities(rec: StoredRecord) -> str:
    """Findings by severity from the record's own JSON report (only if its hash is bound)."""
    parsed = rec.record()
    bound = dict(parsed.reports) if parsed else {}
    raw = rec.reports.get(JSON_REPORT)
    if raw is None or bound.get(JSON_REPORT) != sha256_bytes(raw):
        return "-"
    try:
        summary = json.loads(raw.decode("utf-8")).get("summary", {})
    except (ValueError, AttributeError):
        return "-"
    counts = {k: v for k, v in summary.items() if k != "total" and isinstance(v, int)}
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "0"


def assessment_json(info: MergeRequestInfo, a: Assessment, lang: str) -> dict[str, Any]:
    return {
        "mr": info.number,
        "judul": info.title,
        "status": info.state,
        "sumber": info.source_branch,
        "target": info.target_branch,
        "sumber_sha": a.source,
        "target_sha": a.target,
        "patch_id": a.patch_id,
        "pembuka": a.opener.__dict__ if a.opener else None,
        "pembukaan_tanda_tangan": sigtext.as_json(a.opening_signatures, lang),
        "pipeline": [
            {
                **r.__dict__,
                "asal": origin(r, a, lang).strip(),
                "apps": [{"app": app, "isolasi": iso, "uji": isolation_text(iso, lang)} for app, iso in r.apps],
            }
            for r in a.records
        ],
        "keputusan": [
            {
                **{k: v for k, v in d.__dict__.items() if k != "signatures"},
                "tanda_tangan": sigtext.as_json(d.signatures, lang),
                "status_efektif": st.status,
                "digantikan_oleh": st.superseded_by,
                "berlaku": st.counted,
            }
            for d, st in zip(a.decisions, a.standings, strict=True)
        ],
        "persetujuan": [d.reviewer for d in a.approvals],
        "diperlukan": a.required,
        "siap": a.mergeable,
        "masalah": problems(a, lang),
    }


def plan_text(p: Plan, lang: str) -> str:
    d = p.data
    return (
        "\n".join(
            [
                t(
                    "gov.ui.plan",
                    lang,
                    app=d["app"],
                    env=d["env"],
                    action=d["tindakan"],
                    version=d["versi"],
                    commit=d["commit"][:12],
                ),
                t(
                    "gov.ui.plan-evidence",
                    lang,
                    merge=d["bukti"]["gabung"][:12],
                    mr=d["bukti"]["mr"],
                    approvals=", ".join(x.split()[0] for x in d["bukti"]["disetujui"]) or "-",
                ),
                t("gov.ui.plan-hook", lang, hook=" ".join(d["hook"]) or "-"),
                *_gates(d.get("gerbang", []), lang),
                t("gov.ui.plan-checksum", lang, checksum=p.checksum, app=d["app"], env=d["env"])
                if not _failed(d)
                else t("gov.ui.plan-refused", lang, count=len(_failed(d))),
            ]
        )
        + "\n"
    )


def _failed(d: dict[str, Any]) -> list[dict[str, Any]]:
    return [g for g in d.get("gerbang", []) if not g["lulus"]]


def _gates(gates: list[dict[str, Any]], lang: str) -> list[str]:
    """Each release gate with its state and what it found (seed 6.2.5.2)."""
    return [t("gov.ui.plan-gates", lang)] + [
        t(
            "gov.ui.plan-gate",
            lang,
            mark="OK" if g["lulus"] else "XX",
            gate=g["id"],
            text=t(g["pesan"], lang, **g["param"]),
        )
        for g in gates
    ]


def audit(report: AuditReport, fmt: str, lang: str) -> str:
    if fmt == "json":
        return (
            json.dumps(
                {
                    "branch": report.branch,
                    "tip": report.tip,
                    "genesis": report.genesis,
                    "ok": not report.breaches,
                    "pelanggaran": len(report.breaches),
                    "peristiwa": [e.__dict__ for e in report.events],
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
    head = t("gov.ui.audit-head", lang, branch=report.branch, genesis=report.genesis[:12], tip=report.tip[:12])
    foot = (
        t("gov.ui.audit-ok", lang, count=len(report.events))
        if not report.breaches
        else t("gov.ui.audit-bad", lang, count=len(report.breaches))
    )
    if fmt == "markdown":
        rows = [
            f"| {'✅' if e.ok else '❌'} | {e.time} | {e.kind} | `{e.subject}` | {_detail(e, lang)} |"
            for e in report.events
        ]
        return (
            "\n".join(
                [
                    f"# {head}",
                    "",
                    "| | waktu | jenis | subjek | rincian |",
                    "|---|---|---|---|---|",
                    *rows,
                    "",
                    f"**{foot}**",
                ]
            )
            + "\n"
        )
    rows = [
        f"{'OK ' if e.ok else 'XX '} {e.time:<21} {e.kind:<18} {e.subject:<52} {_detail(e, lang)}"
        for e in report.events
    ]
    return "\n".join([head, *rows, foot]) + "\n"


def _detail(e: AuditEvent, lang: str) -> str:
    """An event with a stable id speaks the reader's language; older events carry their text."""
    return t(e.check_id, lang, **dict(e.params)) if e.check_id else e.detail
