"""The governance sections of an app page: latest pipeline record, decisions with their
effective status, releases with their environment."""

from __future__ import annotations

from repospbe.catalogue import compliance as comp
from repospbe.catalogue.collect import AppView
from repospbe.catalogue.markup import esc, table
from repospbe.catalogue.words import decision_states, status_word
from repospbe.states import Status

NONE = "<p>Belum ada catatan.</p>\n\n"


def pipeline_section(app: AppView) -> str:
    rec = app.pipeline
    if rec is None:
        return NONE
    head = table(
        ("Bidang", "Isi"),
        [
            ("Status", comp.yes_no(rec.status == Status.PASSED, *[esc(status_word(rec.status))] * 2)),
            ("Selesai", esc(rec.finished)),
            ("Commit registri", f"<code>{esc(rec.registry_commit[:12])}</code>"),
            ("Digest catatan", f"<code>{esc(rec.digest()[:16])}</code>"),
            ("Runner", esc(rec.runner or "–")),
        ],
    )
    run = app.app_run
    if run is None:
        return head + "\n\n<p>Catatan ini tidak memuat pemeriksaan kode sumber aplikasi ini.</p>\n\n"
    checks = table(
        ("Pemeriksaan", "Status", "Temuan", "Memblokir", "Keterangan"),
        [
            (esc(c.name), esc(status_word(c.status)), str(c.findings), str(c.blocking), esc(c.detail))
            for c in run.checks
        ],
    )
    reports = table(("Laporan", "sha256"), [(esc(n), f"<code>{esc(d)}</code>") for n, d in run.reports])
    return (
        f"{head}\n\n<p>Kode sumber pada commit <code>{esc(run.source_commit[:12] or '–')}</code></p>\n\n"
        f"{checks}\n\n{reports if run.reports else ''}\n\n"
    )


def decisions_section(app: AppView) -> str:
    """Each decision with its effective status: in force, superseded, or not counted (and why)."""
    if not app.decisions:
        return NONE
    states = decision_states(app.decisions)
    return (
        table(
            ("MR", "Reviewer", "Keputusan", "Status", "Alasan", "Waktu", "Tanda tangan"),
            [
                (
                    esc(d.mr),
                    esc(d.reviewer),
                    comp.yes_no(comp.is_approval(d.decision), "disetujui", "ditolak"),
                    f'<span class="keputusan-{esc(state)}">{esc(text)}</span>',
                    esc(d.reason or "–"),
                    esc(d.time),
                    comp.yes_no(d.verified, "sah", "tidak terverifikasi"),
                )
                for d, (state, text) in zip(app.decisions, states, strict=True)
            ],
            "tabel-keputusan",
        )
        + "\n\n"
    )


def releases_section(app: AppView) -> str:
    if not app.releases:
        return NONE
    return (
        table(
            ("Versi", "Lingkungan", "Commit", "Waktu", "Oleh", "Tanda tangan"),
            [
                (
                    esc(r.version),
                    esc(r.env),
                    f"<code>{esc(r.commit[:12])}</code>",
                    esc(r.time),
                    esc(r.who),
                    comp.yes_no(r.verified, "sah", "tidak terverifikasi"),
                )
                for r in app.releases
            ],
            "tabel-rilis",
        )
        + "\n\n"
    )
