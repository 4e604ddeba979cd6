"""repospbe trust refresh: revocation data fetched from a loopback PSrE, verified, then stored.

The only network in the suite: an ``http.server`` on 127.0.0.1 (port 0) in a thread, serving
the test PKI's CRLs and answering OCSP requests as the test says (good, revoked, unknown,
for another serial, signed by a stranger, ...). Every refused answer leaves the stored
data byte for byte as it was.
"""

from __future__ import annotations

import socket
import threading
import time
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
from tests.helpers.pki import DAY, NOW, Key, TestPki, crl, issue, make_pki, name, new_key, ocsp_answer

CHECKOUT = Path(__file__).resolve().parents[2]
Answer = Callable[[x509.Certificate, x509.Certificate, bytes | None], bytes]


@dataclass
class Psre:
    """What the loopback PSrE serves: GET paths, the OCSP answer, and how."""

    base: str = ""
    files: dict[str, bytes] = field(default_factory=dict)
    unsized: set[str] = field(default_factory=set)  # sent without Content-Length
    redirects: dict[str, str] = field(default_factory=dict)
    slow: set[str] = field(default_factory=set)  # answered only after 2 s
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
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (too large, too slow): what the test wants

        def do_GET(self) -> None:
            psre.asked.append("GET " + self.path)
            if self.path in psre.slow:
                time.sleep(2)
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
    server.unsized, server.redirects, server.asked, server.slow = set(), {}, [], set()
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
    files = {
        "registry/instance.yaml": (CHECKOUT / "registry/instance.yaml").read_bytes(),
        "registry/trust/pemda-uji-root.pem": pki.root[0].public_bytes(Encoding.PEM),
    }
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


def _responder(pki: TestPki, ca: tuple[x509.Certificate, Key], *, eku: bool) -> tuple[x509.Certificate, Key]:
    """A responder certificate ``ca`` issued (with id-kp-OCSPSigning when ``eku``)."""
    key = new_key()
    cert = issue(name("Responder OCSP Uji"), key, ca, sign=True, ocsp_signing=eku)
    return cert, key


def _hostile(pki: TestPki, how: str) -> Answer:
    """An OCSP answer that must be refused (or, for the last two, accepted)."""
    rogue_key = new_key()
    rogue = (issue(name("CA Antara Uji"), rogue_key, None, ca=True), rogue_key)  # same name, other key
    delegates = {ca[0].subject: (_responder(pki, ca, eku=True), _responder(pki, ca, eku=False)) for ca in pki.cas}
    delegates[pki.intermediate[0].subject] = (
        _responder(pki, pki.intermediate, eku=True),
        _responder(pki, pki.intermediate, eku=False),
    )

    def answer(cert: x509.Certificate, issuer: x509.Certificate, nonce: bytes | None) -> bytes:
        ca, fresh = pki.ca_of(issuer), datetime.now(UTC)
        delegated, bare = delegates[issuer.subject]
        if how == "other-serial":
            other = pki.cert("valid") if cert != pki.cert("valid") else pki.cert("no-nip")
            return ocsp_answer(other, issuer, ca, nonce=nonce, this_update=fresh)
        if how == "stranger":
            return ocsp_answer(cert, issuer, rogue, nonce=nonce, this_update=fresh)
        if how == "other-nonce":
            return ocsp_answer(cert, issuer, ca, nonce=b"\x00" * 16, this_update=fresh)
        if how == "old-without-nonce":
            return ocsp_answer(cert, issuer, ca, this_update=fresh - 10 * DAY, next_update=fresh + DAY)
        if how == "error":
            return ocsp.OCSPResponseBuilder.build_unsuccessful(ocsp.OCSPResponseStatus.TRY_LATER).public_bytes(
                Encoding.DER
            )
        if how == "not-der":
            return b"<html>OCSP</html>"
        if how == "bare-delegate":
            return ocsp_answer(cert, issuer, bare, nonce=nonce, this_update=fresh, include=(bare[0],))
        if how == "delegated":
            return ocsp_answer(cert, issuer, delegated, nonce=nonce, this_update=fresh, include=(delegated[0],))
        assert how == "fresh-without-nonce"
        return ocsp_answer(cert, issuer, ca, this_update=fresh - DAY, next_update=fresh + 6 * DAY)

    return answer


@pytest.mark.parametrize(
    ("how", "expected"),
    [
        ("other-serial", "trust.refresh.ocsp-serial"),
        ("stranger", "trust.refresh.ocsp-signer"),
        ("bare-delegate", "trust.refresh.ocsp-signer"),
        ("other-nonce", "trust.refresh.ocsp-nonce"),
        ("old-without-nonce", "trust.refresh.ocsp-stale"),
        ("error", "trust.refresh.ocsp-status"),
        ("not-der", "trust.refresh.not-der"),
        ("delegated", None),
        ("fresh-without-nonce", None),
    ],
)
def test_ocsp_answers_are_verified(tmp_path: Path, psre: Psre, online: TestPki, how: str, expected: str | None) -> None:
    root = _registry(tmp_path, online, {"root": online.crls["root"], "antara": online.crls["antara"]})
    psre.answer = _hostile(online, how)
    planned = refresh.plan(root)
    items = [i for i in planned.items if i.kind == "ocsp"]
    assert len(items) == 3  # valid, revoked, unknown (each asked once)
    assert {i.finding.check_id if i.finding else None for i in items} == {expected}
    refresh.apply(root, planned)
    stored = _state(root, "ocsp")
    if expected is None:
        assert len(stored) == 3 and _verdict(root, online, "unknown") is None
    else:
        assert stored == {} and _verdict(root, online, "unknown") == Defect.REVOCATION_UNKNOWN


def test_older_ocsp_response_than_stored_is_a_replay(tmp_path: Path, psre: Psre, online: TestPki) -> None:
    root = _registry(tmp_path, online, {"root": online.crls["root"], "antara": online.crls["antara"]})
    refresh.apply(root, refresh.plan(root))
    before = _state(root, "ocsp")
    unknown, issuer = online.cert("unknown"), online.cas[0]

    def older(cert: x509.Certificate, iss: x509.Certificate, nonce: bytes | None) -> bytes:
        return ocsp_answer(cert, iss, online.ca_of(iss), nonce=nonce, this_update=datetime.now(UTC) - DAY)

    psre.answer = older
    planned = refresh.plan(root)
    item = next(i for i in planned.items if i.kind == "ocsp" and i.about.startswith(refresh.cn(unknown)))
    assert item.finding is not None and item.finding.check_id == "trust.refresh.replay"
    refresh.apply(root, planned)
    assert _state(root, "ocsp") == before
    assert issuer[0].subject == unknown.issuer


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_psre_unreachable_says_so_per_url_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    offline = make_pki(base_url=f"http://127.0.0.1:{_closed_port()}")
    root = _registry(tmp_path, offline, {"root": offline.crls["root"], "antara": offline.crls["antara"]})
    before = _state(root, "")
    code = main(["trust", "refresh", "--terapkan", "--registry", str(root), "--batas-waktu", "2"])
    out, err = capsys.readouterr()
    assert code == 1
    assert _state(root, "") == before
    failed = [line for line in out.splitlines() if line.startswith("  GAGAL")]
    assert len(failed) == 5  # root.crl, antara.crl, and OCSP for valid, revoked, unknown
    assert all("Tidak dapat menghubungi http://127.0.0.1:" in line for line in failed)
    assert "luring" in failed[0] and "Tidak ada yang ditulis untuk URL ini" in failed[0]
    assert "5 dari 5 URL tidak diperbarui" in err
    assert "Tidak ada berkas yang ditulis." in out


def test_cli_plans_then_applies(
    tmp_path: Path, psre: Psre, online: TestPki, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _registry(tmp_path, online, {"root": online.crls["root"]})
    before = _state(root, "")
    assert main(["trust", "refresh", "--registry", str(root)]) == 0
    out = capsys.readouterr().out
    assert _state(root, "") == before  # the plan wrote nothing
    assert f"CRL {psre.base}/antara.crl (CA Antara Uji): baru, nomor 1 (tersimpan -), 1 dicabut" in out
    assert f"CRL {psre.base}/root.crl (Root CA Uji (PSrE UJI)): sama dengan yang tersimpan" in out
    assert "status revoked" in out and "4 perubahan terverifikasi; belum ada yang ditulis" in out
    assert main(["trust", "refresh", "--terapkan", "--registry", str(root), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "4 files written under registry/trust/" in out
    after = _state(root, "")
    assert len(after) == len(before) + 4
    assert _verdict(root, online, "revoked") == Defect.REVOKED
    assert main(["trust", "refresh", "--registry", str(root)]) == 0
    out = capsys.readouterr().out  # the CRLs are what is stored now (OCSP answers are fresh each time)
    assert out.count("sama dengan yang tersimpan") >= 2 and "antara.crl (CA Antara Uji): baru" not in out


def test_extra_certificate_is_asked_about(tmp_path: Path, psre: Psre, online: TestPki) -> None:
    """A reviewer refreshes the status of their own certificate before signing anything."""
    files = {"registry/trust/pemda-uji-root.pem": online.root[0].public_bytes(Encoding.PEM)}
    root = tmp_path / "registri"
    make_repo(root, files, "trust")
    assert refresh.plan(root).items == ()  # no evidence yet: nothing relies on an official's certificate
    cert_file, _key = online.write_pair("valid", tmp_path / "saya")
    planned = refresh.plan(root, refresh.read_certificates([cert_file]))
    assert sorted(i.url.rsplit("/", 1)[1] for i in planned.items) == ["antara.crl", "ocsp", "root.crl"]
    refresh.apply(root, planned)
    assert _verdict(root, online, "valid") is None


def test_foreign_chain_in_evidence_chooses_no_url(tmp_path: Path, psre: Psre, online: TestPki) -> None:
    """A signature planted with a chain outside the anchors does not make repospbe contact its URLs."""
    root = _registry(tmp_path, online, {"root": online.crls["root"]})
    stranger_key = new_key()
    stranger = issue(name("Root Orang Lain"), stranger_key, None, ca=True)
    leaf_key = new_key()
    leaf = issue(name("Penyusup"), leaf_key, (stranger, stranger_key), crl_url="http://192.0.2.1/x.crl")
    relied, orphans = refresh.collect(root, [leaf, stranger])
    assert "Penyusup" not in {refresh.cn(r.cert) for r in relied}
    assert [refresh.cn(c) for c in orphans] == ["Penyusup"]
    planned = refresh.plan(root, [leaf, stranger])
    assert all("192.0.2.1" not in i.url for i in planned.items)
    assert [n.check_id for n in planned.notes] == ["trust.refresh.outside"]


def test_stale_crl_is_reported_by_check(tmp_path: Path, online: TestPki) -> None:
    old = crl(online.intermediate, [], number=1, last=NOW - 40 * DAY, next_=NOW - DAY)
    root = _registry(tmp_path, online, {"root": online.crls["root"], "antara": old})
    found = [(f.check_id, f.path) for f in check_registry(root) if f.check_id.startswith("trust.")]
    assert found == [("trust.crl-stale", "registry/trust/crl/antara.crl")]


def test_a_lagging_ocsp_good_does_not_outweigh_a_crl_that_revokes(tmp_path: Path, psre: Psre, online: TestPki) -> None:
    """pyhanko-certvalidator stops at an OCSP "good"; a stored CRL listing the certificate still wins."""
    root = _registry(tmp_path, online, {"root": online.crls["root"], "antara": crl(online.intermediate, [])})
    psre.answer = _issuer_answers(online, {})  # the responder has not caught up: "good" for everyone
    psre.files["/antara.crl"] = _der(crl(online.intermediate, [online.cert("revoked")], number=2, last=NOW))
    refresh.apply(root, refresh.plan(root))
    assert len(_state(root, "ocsp")) == 3
    assert _verdict(root, online, "revoked") == Defect.REVOKED
    assert _verdict(root, online, "valid") is None


def test_a_revoked_certificate_slipped_into_a_signature_changes_nothing(tmp_path: Path, online: TestPki) -> None:
    """The certificate set of a CMS signature is not signed: an extra revoked certificate in it is not the path."""
    root = _registry(tmp_path, online, {"root": online.crls["root"], "antara": online.crls["antara"]})
    payload = b'{"keputusan":"setuju"}'
    chain = [*online.chains["valid"], online.cert("revoked")]
    sig = cms.sign_detached(payload, online.cert("valid"), online.key("valid"), chain)
    assert cms.verify_detached(payload, sig, trust.load_dir(root)).ok


def test_a_psre_that_does_not_answer_in_time_is_offline(tmp_path: Path, psre: Psre, online: TestPki) -> None:
    root = _registry(tmp_path, online, {"root": online.crls["root"], "antara": online.crls["antara"]})
    before = _state(root)
    psre.slow.add("/antara.crl")
    planned = refresh.plan(root, timeout=0.5)
    item = _items(planned, "crl")["antara.crl"]
    assert item.finding is not None and item.finding.check_id == "trust.refresh.offline"
    assert "timed out" in dict(item.finding.params)["detail"]
    refresh.apply(root, planned)
    assert _state(root) == before


def test_stale_ocsp_and_unreadable_ocsp_are_reported_by_check(tmp_path: Path, online: TestPki) -> None:
    root = _registry(tmp_path, online, {"root": online.crls["root"], "antara": online.crls["antara"]})
    cert, issuer = online.cert("unknown"), online.cas[0]
    old = ocsp_answer(cert, issuer[0], issuer, this_update=NOW - 20 * DAY, next_update=NOW - 13 * DAY)
    write_files(root, {"registry/trust/ocsp/lama.der": old, "registry/trust/ocsp/rusak.der": b"<html>"})
    found = sorted((f.check_id, f.path) for f in check_registry(root) if f.check_id.startswith("trust."))
    assert found == [
        ("trust.ocsp-stale", "registry/trust/ocsp/lama.der"),
        ("trust.unreadable", "registry/trust/ocsp/rusak.der"),
    ]
    assert trust.load_dir(root).ocsps == (old,)


def test_signers_of_signed_pdf_documents_are_relied_on(tmp_path: Path, psre: Psre, online: TestPki) -> None:
    from fpdf import FPDF

    from tests.helpers.pdfsign import sign_pdf

    files = {"registry/trust/pemda-uji-root.pem": online.root[0].public_bytes(Encoding.PEM)}
    root = tmp_path / "registri"
    make_repo(root, files, "trust")
    doc = FPDF()
    doc.add_page()
    unsigned = bytes(doc.output())
    signed = sign_pdf(unsigned, online.cert("valid"), online.key("valid"), online.chains["valid"], "PPK")
    write_files(root, {"registry/apps/diskominfo/si-antrean/bast.pdf": signed})
    write_files(root, {"registry/apps/diskominfo/si-antrean/rusak.pdf": b"%PDF-1.7 rusak"})
    relied, _ = refresh.collect(root)
    assert {refresh.cn(r.cert) for r in relied} == {"Pejabat Uji valid", "CA Antara Uji"}
    planned = refresh.plan(root)
    assert sorted(i.url.rsplit("/", 1)[1] for i in planned.items) == ["antara.crl", "ocsp", "root.crl"]
