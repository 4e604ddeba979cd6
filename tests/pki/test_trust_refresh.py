"""repospbe trust refresh: revocation data fetched from a loopback PSrE, verified, then stored.

The only network in the suite: an ``http.server`` on 127.0.0.1 (port 0) in a thread, serving
the test PKI's CRLs and answering OCSP requests as the test says (good, revoked, unknown,
for another serial, signed by a stranger, ...). Every refused answer leaves the stored
data byte for byte as it was.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509 import ocsp

from repospbe.cli import main
from repospbe.engine import check_registry
from repospbe.pki import cms, refresh, trust
from repospbe.pki.validate import validate
from repospbe.pki.verdict import Defect
from tests.helpers.git import git, make_repo, write_files
from tests.helpers.pki import DAY, NOW, TestPki, crl, issue, make_pki, name, new_key, ocsp_answer

Answer = Callable[[x509.Certificate, x509.Certificate, bytes | None], bytes]


@dataclass
class Psre:
    """What the loopback PSrE serves: GET paths, the OCSP answer, and how."""

    base: str = ""
    files: dict[str, bytes] = field(default_factory=dict)
    unsized: set[str] = field(default_factory=set)  # sent without Content-Length
    redirects: dict[str, str] = field(default_factory=dict)
    answer: Answer | None = None
    pki: TestPki | None = None
    asked: list[str] = field(default_factory=list)


def _handler(psre: Psre) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _send(self, body: bytes, kind: str, sized: bool = True) -> None:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            if sized:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            psre.asked.append("GET " + self.path)
            if self.path in psre.redirects:
                self.send_response(302)
                self.send_header("Location", psre.redirects[self.path])
                self.end_headers()
            elif self.path in psre.files:
                self._send(psre.files[self.path], "application/pkix-crl", self.path not in psre.unsized)
            else:
                self.send_error(404)

        def do_POST(self) -> None:
            psre.asked.append("POST " + self.path)
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if self.path != "/ocsp" or psre.answer is None or psre.pki is None:
                self.send_error(404)
                return
            req = ocsp.load_der_ocsp_request(body)
            try:
                nonce = req.extensions.get_extension_for_class(x509.OCSPNonce).value.nonce
            except x509.ExtensionNotFound:
                nonce = None
            cert = next(c for c, _ in psre.pki.officials.values() if c.serial_number == req.serial_number)
            issuer = next(ca for ca, _ in (psre.pki.intermediate, *psre.pki.cas) if ca.subject == cert.issuer)
            self._send(psre.answer(cert, issuer, nonce), "application/ocsp-response")

    return Handler


@pytest.fixture(scope="module")
def server() -> Iterator[Psre]:
    psre = Psre()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(psre))
    psre.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield psre
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def online(server: Psre) -> TestPki:
    """The test PKI whose certificates name the loopback PSrE."""
    return make_pki(base_url=server.base)


@pytest.fixture
def psre(server: Psre, online: TestPki, monkeypatch: pytest.MonkeyPatch) -> Psre:
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)  # loopback, never through a proxy
    server.files = {"/root.crl": _der(online.crls["root"]), "/antara.crl": _der(online.crls["antara"])}
    server.unsized, server.redirects, server.asked = set(), {}, []
    server.pki = online
    server.answer = _issuer_answers(online, {"revoked": "revoked"})  # as its CRL says
    return server


def _der(value: x509.CertificateRevocationList) -> bytes:
    return value.public_bytes(Encoding.DER)


def _issuer_answers(pki: TestPki, statuses: dict[str, str]) -> Answer:
    """A well-behaved responder: the issuing CA signs, the nonce is echoed, status by case."""
    by_serial = {pki.cert(case).serial_number: status for case, status in statuses.items()}

    def answer(cert: x509.Certificate, issuer: x509.Certificate, nonce: bytes | None) -> bytes:
        status = by_serial.get(cert.serial_number, "good")
        return ocsp_answer(cert, issuer, pki.ca_of(issuer), status=status, nonce=nonce, this_update=datetime.now(UTC))

    return answer


def _registry(tmp_path: Path, pki: TestPki, crls: dict[str, x509.CertificateRevocationList]) -> Path:
    """A registry trusting ``pki``'s root with ``crls`` stored, whose evidence holds decisions
    signed by ``valid``, ``revoked`` and ``unknown`` (their .p7s carry the intermediates)."""
    files = {"registry/trust/pemda-uji-root.pem": pki.root[0].public_bytes(Encoding.PEM)}
    files.update({f"registry/trust/crl/{label}.crl": _der(value) for label, value in crls.items()})
    root = tmp_path / "registri"
    make_repo(root, files, "trust")
    git(root, "checkout", "-q", "--orphan", "bukti")
    git(root, "rm", "-rq", "--cached", ".")
    for case in ("valid", "revoked", "unknown"):
        sig = cms.sign_detached(b'{"keputusan":"setuju"}', pki.cert(case), pki.key(case), pki.chains[case])
        write_files(root, {f"keputusan/0001-{case}.p7s": sig})
    git(root, "add", "keputusan")
    git(root, "commit", "-qm", "bukti")
    git(root, "update-ref", "refs/repospbe/mr/1", "HEAD")
    git(root, "checkout", "-q", "-f", "main")
    git(root, "branch", "-D", "bukti")
    return root


def _state(root: Path, sub: str = "crl") -> dict[str, bytes]:
    base = root / "registry/trust" / sub
    return {p.relative_to(base).as_posix(): p.read_bytes() for p in sorted(base.rglob("*")) if p.is_file()}


def _verdict(root: Path, pki: TestPki, case: str) -> Defect | None:
    return validate(pki.cert(case), pki.chains[case], trust.load_dir(root), datetime.now(UTC)).defect


def _items(planned: refresh.Plan, kind: str) -> dict[str, refresh.Item]:
    return {i.url.rsplit("/", 1)[1]: i for i in planned.items if i.kind == kind}


def _ids(planned: refresh.Plan) -> list[str]:
    return sorted(i.finding.check_id for i in planned.items if i.finding is not None)


def test_relied_certificates_come_from_anchors_and_evidence(tmp_path: Path, psre: Psre, online: TestPki) -> None:
    root = _registry(tmp_path, online, {"root": online.crls["root"]})
    relied, orphans = refresh.collect(root)
    got = sorted((refresh.cn(r.cert), refresh.cn(r.issuer)) for r in relied)
    assert got == [
        ("CA Antara Uji", "Root CA Uji (PSrE UJI)"),
        ("CA Antara Uji Tanpa CRL", "Root CA Uji (PSrE UJI)"),
        ("Pejabat Uji revoked", "CA Antara Uji"),
        ("Pejabat Uji unknown", "CA Antara Uji Tanpa CRL"),
        ("Pejabat Uji valid", "CA Antara Uji"),
    ]
    assert orphans == []
    by_cn = {refresh.cn(r.cert): r for r in relied}
    assert by_cn["Pejabat Uji valid"].crl_urls == (f"{psre.base}/antara.crl",)
    assert by_cn["Pejabat Uji valid"].ocsp_urls == (f"{psre.base}/ocsp",)


def test_fresh_crl_then_a_revoked_certificate_is_refused(tmp_path: Path, psre: Psre, online: TestPki) -> None:
    old = crl(online.intermediate, [], number=1)  # stored: nothing revoked yet
    root = _registry(tmp_path, online, {"root": online.crls["root"], "antara": old})
    assert _verdict(root, online, "revoked") is None  # accepted on yesterday's list
    newer = crl(online.intermediate, [online.cert("revoked")], number=2, last=NOW)
    psre.files["/antara.crl"] = _der(newer)
    planned = refresh.plan(root)
    assert planned.complete, _ids(planned)
    item = _items(planned, "crl")["antara.crl"]
    assert (item.change, item.facts["number"], item.facts["previous"]) == ("lebih-baru", "2", "1")
    assert item.target == "registry/trust/crl/antara.crl"  # the stored CRL of that issuer, replaced
    assert _items(planned, "crl")["root.crl"].change == "sama"
    assert _verdict(root, online, "revoked") is None  # a plan writes nothing
    written = refresh.apply(root, planned)
    assert "registry/trust/crl/antara.crl" in written
    assert (root / "registry/trust/crl/antara.crl").read_bytes() == _der(newer)
    assert _verdict(root, online, "revoked") == Defect.REVOKED
    assert _verdict(root, online, "valid") is None


def test_ocsp_good_then_revoked(tmp_path: Path, psre: Psre, online: TestPki) -> None:
    root = _registry(tmp_path, online, {"root": online.crls["root"], "antara": online.crls["antara"]})
    assert _verdict(root, online, "unknown") == Defect.REVOCATION_UNKNOWN  # its CA publishes no CRL
    planned = refresh.plan(root)
    item = next(i for i in planned.items if i.kind == "ocsp" and "unknown" in i.about)
    assert (item.change, item.facts["status"], item.finding) == ("baru", "good", None)
    refresh.apply(root, planned)
    assert (root / item.target).is_file() and item.target.startswith("registry/trust/ocsp/")
    assert _verdict(root, online, "unknown") is None
    psre.answer = _issuer_answers(online, {"unknown": "revoked"})
    again = refresh.plan(root)
    item = next(i for i in again.items if i.kind == "ocsp" and "unknown" in i.about)
    assert (item.change, item.facts["status"]) == ("lebih-baru", "revoked")
    refresh.apply(root, again)
    assert _verdict(root, online, "unknown") == Defect.REVOKED


def test_ocsp_unknown_establishes_nothing(tmp_path: Path, psre: Psre, online: TestPki) -> None:
    root = _registry(tmp_path, online, {"root": online.crls["root"]})
    psre.answer = _issuer_answers(online, {"unknown": "unknown"})
    planned = refresh.plan(root)
    item = next(i for i in planned.items if i.kind == "ocsp" and "unknown" in i.about)
    assert item.finding is not None and item.finding.check_id == "trust.refresh.ocsp-unknown"
    refresh.apply(root, planned)
    assert _verdict(root, online, "unknown") == Defect.REVOCATION_UNKNOWN


def test_replayed_older_crl_is_refused(tmp_path: Path, psre: Psre, online: TestPki) -> None:
    stored = crl(online.intermediate, [online.cert("revoked")], number=5, last=NOW)
    root = _registry(tmp_path, online, {"root": online.crls["root"], "antara": stored})
    before = _state(root)
    psre.files["/antara.crl"] = _der(crl(online.intermediate, [], number=4, last=NOW - DAY))
    planned = refresh.plan(root)
    item = _items(planned, "crl")["antara.crl"]
    assert item.finding is not None and item.finding.check_id == "trust.refresh.replay"
    assert not planned.complete
    refresh.apply(root, planned)
    assert _state(root) == before
    assert _verdict(root, online, "revoked") == Defect.REVOKED
    # the same number again with other content, and an older thisUpdate under a higher number
    psre.files["/antara.crl"] = _der(crl(online.intermediate, [], number=5, last=NOW))
    assert "trust.refresh.replay" in _ids(refresh.plan(root))
    psre.files["/antara.crl"] = _der(crl(online.intermediate, [], number=6, last=NOW - 2 * DAY))
    assert "trust.refresh.replay" in _ids(refresh.plan(root))


def test_crl_signed_by_another_ca_is_refused(tmp_path: Path, psre: Psre, online: TestPki) -> None:
    root = _registry(tmp_path, online, {"root": online.crls["root"], "antara": online.crls["antara"]})
    before = _state(root)
    rogue = (issue(name("CA Antara Uji"), k := new_key(), None, ca=True), k)  # same name, other key
    psre.files["/antara.crl"] = _der(crl(rogue, [], number=9, last=NOW))
    planned = refresh.plan(root)
    assert _items(planned, "crl")["antara.crl"].finding.check_id == "trust.refresh.wrong-issuer"  # type: ignore[union-attr]
    refresh.apply(root, planned)
    assert _state(root) == before


@pytest.mark.parametrize(
    ("body", "unsized", "expected"),
    [
        (b"\x30" * (10 * 1024 * 1024 + 1), False, "trust.refresh.too-large"),  # Content-Length says so
        (b"\x30" * (10 * 1024 * 1024 + 1), True, "trust.refresh.too-large"),  # counted while reading
        (b"<html><body>Layanan sedang dalam pemeliharaan</body></html>", False, "trust.refresh.not-der"),
        (b"-----BEGIN X509 CRL-----\nbukan base64\n-----END X509 CRL-----\n", False, "trust.refresh.not-der"),
    ],
)
def test_oversized_or_wrong_content_is_refused(
    tmp_path: Path, psre: Psre, online: TestPki, body: bytes, unsized: bool, expected: str
) -> None:
    root = _registry(tmp_path, online, {"root": online.crls["root"], "antara": online.crls["antara"]})
    before = _state(root)
    psre.files["/antara.crl"] = body
    if unsized:
        psre.unsized.add("/antara.crl")
    planned = refresh.plan(root)
    assert _items(planned, "crl")["antara.crl"].finding.check_id == expected  # type: ignore[union-attr]
    refresh.apply(root, planned)
    assert _state(root) == before


@pytest.mark.parametrize(
    ("where", "expected"),
    [("ftp://127.0.0.1/antara.crl", "trust.refresh.scheme"), ("file:///etc/passwd", "trust.refresh.http")],
)
def test_redirect_away_from_http_is_refused(
    tmp_path: Path, psre: Psre, online: TestPki, where: str, expected: str
) -> None:
    """ftp: is refused by repospbe's redirect handler, file: already by the standard library's."""
    root = _registry(tmp_path, online, {"root": online.crls["root"]})
    psre.redirects["/antara.crl"] = where
    planned = refresh.plan(root)
    assert _items(planned, "crl")["antara.crl"].finding.check_id == expected  # type: ignore[union-attr]
    assert not (root / "registry/trust/crl/antara.crl").exists()
