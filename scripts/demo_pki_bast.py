"""make demo: sign the example app's BAST PDF with a DEMO PKI (never a PSrE/BSrE certificate).

Usage: python scripts/demo_pki_bast.py REGISTRY UNSIGNED.pdf SIGNED.pdf

Makes, in memory, a demo root and intermediate CA (named "PKI DEMO repospbe, BUKAN PSrE")
and one certificate for each official the app names for its BAST (app.yaml
``penandatangan``: NIP/NIK in the subject), writes the demo root and its CRLs into
REGISTRY/registry/trust/ (so ``repospbe check`` on that scratch registry trusts it), then
signs UNSIGNED.pdf as the vendor's representative and then as the PPK. The private keys
are never written. Reuses the test PKI builders (tests/helpers/pki.py) and signer.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src"), str(REPO)]

from cryptography.hazmat.primitives.serialization import Encoding  # noqa: E402

from repospbe.pdfsig.roles import officials, required_roles  # noqa: E402
from repospbe.yamlio import load_file  # noqa: E402
from tests.helpers.pdfsign import sign_pdf  # noqa: E402
from tests.helpers.pki import DAY, NOW, crl, issue, name, new_key, pem  # noqa: E402

KEY = "diskominfo/si-antrean"
LABEL = "PKI DEMO repospbe, BUKAN PSrE"


def main(registry: Path, unsigned: Path, signed: Path) -> None:
    record = load_file(registry / f"registry/apps/{KEY}/app.yaml", "app.yaml").data
    people = [p for p in officials(record) if p.signs("bast")]
    rk = new_key()
    root = (issue(name(f"Root CA {LABEL}", org=LABEL), rk, None, ca=True, end=NOW + 3650 * DAY), rk)
    ik = new_key()
    inter = (issue(name(f"CA Antara {LABEL}", org=LABEL), ik, root, ca=True), ik)
    trust = registry / "registry" / "trust"
    (trust / "crl").mkdir(parents=True, exist_ok=True)
    (trust / "demo-pki-bukan-psre.pem").write_bytes(pem(root[0]))
    (trust / "crl" / "demo-root.crl").write_bytes(crl(root).public_bytes(Encoding.DER))
    (trust / "crl" / "demo-antara.crl").write_bytes(crl(inter).public_bytes(Encoding.DER))
    data = unsigned.read_bytes()
    for role in required_roles("bast"):
        for person in (p for p in people if p.role == role):
            k = new_key()
            number = f"{person.id_kind.upper()}:{person.id_number}"
            cert = issue(name(f"{person.name} (DEMO)", number=number, org=LABEL), k, inter)
            data = sign_pdf(data, cert, k, [inter[0]], role.upper())
            print(f"ditandatangani (PKI DEMO): {role} {person.name} {person.ident}")
    signed.write_bytes(data)
    print(f"PDF bertanda tangan: {signed} ({len(data)} bita); jangkar DEMO: {trust / 'demo-pki-bukan-psre.pem'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
