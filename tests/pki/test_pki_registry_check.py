"""trust.*: the registry check of registry/trust/ and reviewers' certificate identities."""

from __future__ import annotations

from pathlib import Path

from repospbe.engine import check_registry
from tests.helpers.pki import NIP, TestPki

CERT_REVIEWER = (
    f'  - id: pejabat\n    nama: Pejabat\n    nip: "{NIP}"\n    peran: diskominfo\n'
    '    email: [pejabat@pontianakkota.go.id]\n    sertifikat: {{identitas: "{identity}"}}\n'
)


def _trust_findings(root: Path) -> list[tuple[str, str | None]]:
    return sorted((f.check_id, f.path) for f in check_registry(root) if f.check_id.startswith("trust."))


def _add_reviewer(root: Path, identity: str) -> None:
    path = root / "registry/reviewers.yaml"
    path.write_text(path.read_text(encoding="utf-8") + CERT_REVIEWER.format(identity=identity), encoding="utf-8")


def test_bundled_registry_has_no_trust_findings(registry_copy: Path) -> None:
    assert _trust_findings(registry_copy) == []


def test_certificate_reviewer_without_anchor_and_with_a_foreign_nip(registry_copy: Path, pki: TestPki) -> None:
    _add_reviewer(registry_copy, "NIP:199901012020011001")  # valid form, but not the record's nip
    assert _trust_findings(registry_copy) == [
        ("trust.identity", "registry/reviewers.yaml"),
        ("trust.no-anchor", "registry/reviewers.yaml"),
    ]
    pki.write_trust(registry_copy)
    assert _trust_findings(registry_copy) == [("trust.identity", "registry/reviewers.yaml")]


def test_unreadable_anchor_is_a_finding(registry_copy: Path, pki: TestPki) -> None:
    _add_reviewer(registry_copy, f"NIP:{NIP}")
    pki.write_trust(registry_copy)
    assert _trust_findings(registry_copy) == []
    (registry_copy / "registry/trust/rusak.pem").write_text("-----BEGIN CERTIFICATE-----\nbukan\n", encoding="utf-8")
    assert _trust_findings(registry_copy) == [("trust.unreadable", "registry/trust/rusak.pem")]
