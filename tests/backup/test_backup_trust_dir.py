"""The backup trust directory and its operators.yaml: hostile or broken input fails closed."""

from __future__ import annotations

from pathlib import Path

import pytest

from repospbe.backup.certtrust import ENV, load_trust, locate
from repospbe.backup.operators import load_operators
from repospbe.errors import InputError
from repospbe.i18n import catalog
from repospbe.pki.verdict import Defect
from tests.backup.certbackup import write_trust_dir
from tests.helpers.pki import NIP, TestPki, make_pki


@pytest.fixture(scope="module")
def pki() -> TestPki:
    return make_pki()


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("operator: []\n", "operator"),
        ('operator:\n  - nama: A\n    identitas: "NIP:123"\n', "identitas"),
        (f'operator:\n  - nama: A\n    identitas: "NIP:{NIP}"\n    peran: admin\n', "peran"),
        (f'operator:\n  - nama: A\n    identitas: "NIP:{NIP}"\n  - nama: B\n    identitas: "NIP:{NIP}"\n', "twice"),
        (f'operator:\n  - &a {{nama: A, identitas: "NIP:{NIP}"}}\n  - *a\n', "yaml.alias"),
        (f'operator:\n  - nama: A\n    nama: B\n    identitas: "NIP:{NIP}"\n', "yaml.duplicate"),
        ("operator: [\n", "yaml.syntax"),
        ("daftar: []\n", "daftar"),
        ("- NIP:1\n", "object"),
    ],
)
def test_invalid_operator_lists_are_refused(tmp_path: Path, text: str, needle: str) -> None:
    path = tmp_path / "operators.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as refused:
        load_operators(path)
    assert refused.value.key == "backup.operators-invalid"
    assert needle in refused.value.params["error"]


def test_valid_operator_list_is_typed(tmp_path: Path) -> None:
    path = tmp_path / "operators.yaml"
    path.write_text(
        f'operator:\n  - nama: Budi\n    identitas: "NIP:{NIP}"\n    keterangan: Pusat Data\n'
        '  - nama: Vendor\n    identitas: "NIK:6171010101900001"\n',
        encoding="utf-8",
    )
    ops = load_operators(path)
    assert [(o.nama, o.identitas, o.keterangan) for o in ops] == [
        ("Budi", f"NIP:{NIP}", "Pusat Data"),
        ("Vendor", "NIK:6171010101900001", ""),
    ]


def test_broken_trust_directories_are_refused(pki: TestPki, tmp_path: Path) -> None:
    with pytest.raises(InputError) as refused:
        load_trust(tmp_path / "tidak-ada", [])
    assert refused.value.key == "backup.trust-missing"
    trust = write_trust_dir(pki, tmp_path / "a")
    assert len(load_trust(trust, []).operators) == 1
    (trust / "operators.yaml").unlink()
    with pytest.raises(InputError) as refused:
        load_trust(trust, [])
    assert refused.value.key == "backup.operators-missing"
    trust = write_trust_dir(pki, tmp_path / "b")
    (trust / "sampah.pem").write_bytes(b"-----BEGIN CERTIFICATE-----\nbukan\n-----END CERTIFICATE-----\n")
    with pytest.raises(InputError) as refused:
        load_trust(trust, [])
    assert refused.value.key == "backup.trust-unreadable" and refused.value.params["entry"] == "sampah.pem"
    trust = write_trust_dir(pki, tmp_path / "c")
    for pem in trust.glob("*.pem"):
        pem.unlink()
    with pytest.raises(InputError) as refused:
        load_trust(trust, [])
    assert refused.value.key == "backup.trust-no-anchor"
    trust = write_trust_dir(pki, tmp_path / "d")
    real = tmp_path / "operators-asli.yaml"
    (trust / "operators.yaml").rename(real)
    (trust / "operators.yaml").symlink_to(real)  # the operator list is read without following a link
    with pytest.raises(InputError) as refused:
        load_trust(trust, [])
    assert refused.value.key == "backup.operators-invalid"


def test_where_the_trust_directory_comes_from(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    system = tmp_path / "etc-backup_trust"
    monkeypatch.delenv(ENV, raising=False)
    assert locate(None, system) is None  # absent system directory: no certificate trust
    system.mkdir()
    assert locate(None, system) == system
    monkeypatch.setenv(ENV, str(tmp_path / "env"))
    assert locate(None, system) == tmp_path / "env"
    assert locate(tmp_path / "opsi", system) == tmp_path / "opsi"


def test_every_certificate_defect_has_its_backup_words() -> None:
    keys = catalog()
    for reason in [*(d.value for d in Defect), "operator", "missing"]:
        assert f"backup.cert-{reason}.msg" in keys and f"backup.cert-{reason}.hint" in keys
