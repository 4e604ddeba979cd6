"""Backup-specific helpers over the test PKI (``tests/helpers/pki.py``): a backup trust directory
outside the backup, operator certificates, and re-signing a set's manifest as someone else."""

from __future__ import annotations

from pathlib import Path

from repospbe.backup.certsign import CMS_SIGNATURE
from repospbe.backup.certtrust import BackupTrust, backup_area, load_trust
from repospbe.backup.manifest import MANIFEST
from repospbe.governance.certsig import CertSigner
from repospbe.pki import cms
from tests.helpers.pki import NIP, TestPki, issue, name, new_key

OTHER_NIP = "198501012010011001"  # a valid certificate of the same PKI, not a backup operator


def write_trust_dir(pki: TestPki, where: Path, operators: tuple[str, ...] = (f"NIP:{NIP}",)) -> Path:
    """``where/trust``: the test root, its CRLs (``crl/``) and ``operators.yaml`` listing ``operators``."""
    trust = pki.write_trust(where / "bahan")  # <where>/bahan/registry/trust: root pem + crl/
    target = where / "trust"
    trust.rename(target)
    lines = ["operator:"] + [f'  - nama: Operator Uji {i}\n    identitas: "{op}"' for i, op in enumerate(operators)]
    (target / "operators.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def add_non_operator(pki: TestPki) -> str:
    """Issue ``bukan-operator``: valid, from the trusted intermediate, NIP not in operators.yaml."""
    key = new_key()
    cert = issue(name("Pejabat Lain", number=f"NIP:{OTHER_NIP}"), key, pki.intermediate)
    pki.officials["bukan-operator"] = (cert, key)
    pki.chains["bukan-operator"] = [pki.intermediate[0]]
    return "bukan-operator"


def signer(pki: TestPki, case: str) -> CertSigner:
    return CertSigner(pki.cert(case), tuple(pki.chains[case]), pki.key(case))


def resign(set_dir: Path, pki: TestPki, case: str) -> None:
    """Overwrite ``manifest.p7s`` with a signature by ``case`` over the set's exact manifest bytes
    (what a signer that ``backup create`` would refuse up front could still write by hand)."""
    payload = (set_dir / MANIFEST).read_bytes()
    sig = cms.sign_detached(payload, pki.cert(case), pki.key(case), pki.chains[case])
    (set_dir / CMS_SIGNATURE).write_bytes(sig)


def trust_for(trust_dir: Path, backup_root: Path) -> BackupTrust:
    return load_trust(trust_dir, backup_area(backup_root))
