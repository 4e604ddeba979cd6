"""Merge-request openings signed with an electronic certificate (``pembukaan.p7s``) beside or instead of SSH.

The opener is the OPD maintainer whose ``nip`` the certificate's subject carries; each certificate
defect refuses the opening with its own reason; a ``.p7s`` planted beside an SSH-signed opening is
reported and changes nothing about who opened it; ``mr show`` says which signature counted."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from repospbe import stamp
from repospbe.canonical import canonical_json
from repospbe.errors import PolicyError
from repospbe.governance import evidence as evs
from repospbe.governance import mr as ops
from repospbe.governance import sshsig
from repospbe.governance.audit import GENESIS_REF, verify
from repospbe.governance.certsig import CertSigner
from repospbe.governance.gitrepo import EVIDENCE_IDENT
from repospbe.governance.wording import problem_lines
from repospbe.states import Status
from tests.governance.conftest import OPD_FILE, Gov, make_gov
from tests.governance.test_gov_certificate import OFFICIAL, add_certificate_reviewer, signer
from tests.helpers.cli import run_cli
from tests.helpers.git import commit_all
from tests.helpers.pki import NIP, TestPki, make_pki, pem
from tests.helpers.tools import require_tool

DEV_NIP = "199203032019031005"  # the developer, maintainer of diskominfo and dinkes
OTHER_NIP = "198711112011012007"  # a maintainer of dinkes only
NOBODY_NIP = "197001012000031001"  # nobody's


@pytest.fixture(scope="module")
def pki() -> TestPki:
    pki = make_pki()
    pki.add_official("dev", DEV_NIP)
    pki.add_official("lain", OTHER_NIP)
    pki.add_official("asing", NOBODY_NIP)
    return pki


@pytest.fixture
def ogov(tmp_path: Path, keyring: dict[str, Path], pki: TestPki, capsys: pytest.CaptureFixture[str]) -> Gov:
    """Trust anchors, a certificate reviewer, the developer's NIP on their maintainer entries, and a
    maintainer of dinkes only (added with ``opd add-member --nip``)."""
    gov = make_gov(tmp_path / "reg", keyring)
    add_certificate_reviewer(gov, pki)
    for rel in (OPD_FILE, "registry/opd/dinkes.yaml"):
        text = (gov.root / rel).read_text(encoding="utf-8")
        gov.write(rel, text.replace("    nama: Pengembang Uji\n", f'    nama: Pengembang Uji\n    nip: "{DEV_NIP}"\n'))
    res = run_cli(
        capsys, "opd", "add-member", "--registry", str(gov.root), "--opd", "dinkes", "--nama", "Pengelola Dinkes",
        "--email", "lain@dinkes.example", "--kunci", f"{gov.keys['outsider']}.pub", "--id", "lain", "--nip", OTHER_NIP,
    )  # fmt: skip
    assert res.code == 0, res.err
    assert f'nip: "{OTHER_NIP}"' in (gov.root / "registry/opd/dinkes.yaml").read_text(encoding="utf-8")
    old = gov.repo.must_resolve(GENESIS_REF)
    commit_all(gov.root, "jangkar kepercayaan, reviewer bersertifikat, NIP pengelola")
    assert gov.repo.cas(GENESIS_REF, gov.main(), old)
    return gov


def open_with(gov: Gov, pki: TestPki, case: str | None, key: str | None = None) -> int:
    """Open a change of Diskominfo's record, signed with ``case``'s certificate and/or SSH ``key``."""
    gov.opd_change("ubah-opd", name="Dinas Kominfo Bersertifikat")
    cert = signer(pki, case) if case else None
    return ops.open_mr(gov.repo, "ubah-opd", "main", "Ubah data OPD", "", gov.keys[key] if key else None, cert=cert)


def tip_files(gov: Gov, n: int) -> list[str]:
    return gov.repo.list_files(gov.repo.must_resolve(evs.mr_ref(n)), "")


def forge_opening(
    gov: Gov, branch: str, pembuka: dict[str, str], sign: CertSigner | None, altered: bool = False
) -> int:
    """An opening written straight into the evidence ref, as anyone with git access could (no up-front check)."""
    gov.opd_change(branch, name="Dinas Kominfo Palsu")
    number = max(evs.numbers(gov.repo), default=0) + 1
    data = {
        "jenis": "repospbe/pembukaan", "versi": 1, "mr": number, "judul": "Ubah data OPD", "deskripsi": "",
        "sumber": branch, "target": "main", "sumber_sha": gov.repo.must_resolve(f"refs/heads/{branch}"),
        "target_sha": gov.main(), "waktu": stamp.now(), "pembuka": pembuka,
    }  # fmt: skip
    raw = canonical_json(data)
    files = {"pembukaan.json": canonical_json({**data, "judul": "Judul lain"}) if altered else raw}
    if sign is not None:
        files["pembukaan.p7s"] = sign.sign(raw)
    commit = gov.repo.commit_tree(gov.repo.tree_with(None, files), [], "forged\n", env=EVIDENCE_IDENT)
    assert gov.repo.cas(evs.mr_ref(number), commit, None)
    return number


def test_certificate_opening_counts_is_owned_merges_and_audits(ogov: Gov, pki: TestPki, tmp_path: Path) -> None:
    n = open_with(ogov, pki, "dev")
    files = tip_files(ogov, n)
    assert "pembukaan.p7s" in files and "pembukaan.sig" not in files
    a = ogov.assess(n)
    assert a.opener is not None and a.opener.identity == f"NIP:{DEV_NIP}" and a.opener.key == ""
    assert [(c.kind, c.counted) for c in a.opening_signatures] == [("sertifikat", True)]
    ogov.runner_pipeline(n)  # the pipeline's ownership check judges the certificate's NIP
    assert [r.status for r in ogov.assess(n).records] == [Status.PASSED]
    ogov.approve(n, "rahmat")
    ogov.approve(n, "siti")
    a = ogov.assess(n)
    assert a.mergeable, a.problems
    ogov.merge(n)
    report = verify(ogov.repo)
    assert not report.breaches, report.breaches
    # the auditor re-verifies the opening with openssl alone, as for a decision
    openssl = require_tool("openssl", "openssl")
    tip = ogov.repo.must_resolve(evs.mr_ref(n))
    (tmp_path / "pembukaan.json").write_bytes(ogov.repo.blob(tip, "pembukaan.json") or b"")
    (tmp_path / "pembukaan.p7s").write_bytes(ogov.repo.blob(tip, "pembukaan.p7s") or b"")
    crls = b"".join(c.public_bytes(Encoding.PEM) for c in pki.crls.values())
    (tmp_path / "trust.pem").write_bytes(pem(pki.root[0]) + crls)
    proc = subprocess.run(
        [openssl, "cms", "-verify", "-binary", "-inform", "DER", "-in", "pembukaan.p7s", "-content",
         "pembukaan.json", "-CAfile", "trust.pem", "-crl_check_all", "-out", "/dev/null"],
        cwd=tmp_path, capture_output=True, check=False, timeout=30,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize(
    ("case", "altered", "problem", "words"),
    [
        ("revoked", False, "sertifikat-dicabut", "dicabut"),
        ("expired", False, "sertifikat-kedaluwarsa", "kedaluwarsa"),
        ("untrusted", False, "sertifikat-tak-tepercaya", "jangkar kepercayaan"),
        ("unknown", False, "sertifikat-status-tak-diketahui", "tidak dapat dipastikan"),
        ("no-sign", False, "sertifikat-penggunaan-kunci", "key usage"),
        ("no-nip", False, "sertifikat-tanpa-nip", "tidak memuat NIP/NIK"),
        ("valid", True, "sertifikat-tanda-tangan", "tidak cocok dengan isi pembukaan"),
    ],
)
def test_each_certificate_defect_refuses_the_opening_with_its_own_reason(
    ogov: Gov, pki: TestPki, case: str, altered: bool, problem: str, words: str
) -> None:
    number = "" if case == "no-nip" else f"NIP:{NIP}"
    n = forge_opening(ogov, "palsu", {"sertifikat": number, "email": "x@opd.example"}, signer(pki, case), altered)
    a = ogov.assess(n)
    assert a.opener is None
    [check] = a.opening_signatures
    assert (check.kind, check.counted, check.problem) == ("sertifikat", False, problem)
    assert (f"mr.problem.opening-{problem}", {}) in a.problems
    text = "\n".join(problem_lines(a.problems, "id"))
    assert words in text and "pembukaan merge request tidak bertanda tangan sah" in text


def test_an_opening_with_no_signature_at_all_is_refused(ogov: Gov) -> None:
    n = forge_opening(ogov, "tanpa", {"email": "x@opd.example"}, None)
    a = ogov.assess(n)
    assert a.opener is None and a.opening_signatures == ()
    assert ("mr.problem.opening", {}) in a.problems


@pytest.mark.parametrize(("case", "key"), [("revoked", "pki.refused"), ("no-nip", "pki_open.no-identity")])
def test_open_refuses_a_defective_certificate_before_signing(ogov: Gov, pki: TestPki, case: str, key: str) -> None:
    with pytest.raises(PolicyError) as exc:
        open_with(ogov, pki, case)
    assert exc.value.key == key
    assert evs.numbers(ogov.repo) == []  # nothing was stored


def test_valid_p7s_planted_beside_an_ssh_opening_does_not_change_who_opened(ogov: Gov, pki: TestPki) -> None:
    """The reviewer's valid certificate signs the opening's exact bytes afterwards: not counted (the signed
    opening names no certificate), reported, and the reviewer is not taken for the opener."""
    n = open_with(ogov, pki, None, key="dev")
    tip = ogov.repo.must_resolve(evs.mr_ref(n))
    raw = ogov.repo.blob(tip, "pembukaan.json") or b""
    ogov.repo.append(evs.mr_ref(n), {"pembukaan.p7s": signer(pki, "valid").sign(raw)}, "tanam p7s\n")
    a = ogov.assess(n)
    assert a.opener is not None and a.opener.key == sshsig.public_key_of(ogov.keys["dev"])
    assert a.opener.identity == "" and a.opener.reviewer == ""
    assert [(c.kind, c.counted, c.problem) for c in a.opening_signatures] == [
        ("ssh", True, ""),
        ("sertifikat", False, "sertifikat-bukan-pembuka"),
    ]
    assert OFFICIAL not in a.excluded  # the certificate holder did not become the opener
    ogov.runner_pipeline(n)
    ops.decide(ogov.repo, n, None, "setuju", "", signer(pki, "valid"))
    ogov.approve(n, "siti")
    assert ogov.assess(n).mergeable


def test_bad_p7s_beside_a_good_sig_is_reported_not_ignored(
    ogov: Gov, pki: TestPki, capsys: pytest.CaptureFixture[str]
) -> None:
    n = open_with(ogov, pki, None, key="dev")
    raw = ogov.repo.blob(ogov.repo.must_resolve(evs.mr_ref(n)), "pembukaan.json") or b""
    ogov.repo.append(evs.mr_ref(n), {"pembukaan.p7s": signer(pki, "revoked").sign(raw)}, "tanam p7s\n")
    a = ogov.assess(n)
    assert a.opener is not None and a.opener.identity == ""
    assert [c.problem for c in a.opening_signatures] == ["", "sertifikat-dicabut"]
    res = run_cli(capsys, "mr", "show", str(n), "--registry", str(ogov.root))
    assert res.code == 0, res.err
    assert "tanda tangan yang dihitung: SSH" in res.out
    assert "tidak dihitung: sertifikat elektronik (Pejabat Uji revoked, NIP " + NIP in res.out
    assert "diterbitkan oleh CA Antara Uji): sertifikat dicabut sebelum waktu penandatanganan" in res.out


def test_certificate_of_a_maintainer_of_another_opd_may_not_change_this_opds_records(ogov: Gov, pki: TestPki) -> None:
    n = open_with(ogov, pki, "lain")
    a = ogov.assess(n)
    assert a.opener is not None and a.opener.identity == f"NIP:{OTHER_NIP}"
    forbidden = [p for k, p in a.problems if k == "mr.problem.owner.forbidden"]
    assert [p["path"] for p in forbidden] == [OPD_FILE]
    assert forbidden[0]["opener"] == "maintainer:lain@dinkes" and forbidden[0]["owner"] == "diskominfo"
    assert not a.mergeable
    ogov.runner_pipeline(n)  # the pipeline judges the same certificate identity, and fails on it
    assert [r.status for r in ogov.assess(n).records] == [Status.FAILED]


def test_certificate_naming_nobodys_nip_is_an_unknown_opener(ogov: Gov, pki: TestPki) -> None:
    n = open_with(ogov, pki, "asing")
    assert ("mr.problem.owner.unknown-opener", {"opener": f"NIP:{NOBODY_NIP}", "path": "-"}) in ogov.assess(n).problems


def test_ssh_and_certificate_together_and_mr_show_in_both_languages(
    ogov: Gov, pki: TestPki, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ogov.opd_change("ubah-opd", name="Dinas Kominfo Bersertifikat")
    cert, key = pki.write_pair("dev", tmp_path / "dev")
    reg = ("--registry", str(ogov.root))
    unsigned = run_cli(capsys, "mr", "open", "--sumber", "ubah-opd", "--judul", "Ubah data OPD", *reg)
    assert unsigned.code == 2 and "--kunci" in unsigned.err and evs.numbers(ogov.repo) == []
    res = run_cli(
        capsys, "mr", "open", "--sumber", "ubah-opd", "--judul", "Ubah data OPD", "--kunci", str(ogov.keys["dev"]),
        "--sertifikat", str(cert), "--kunci-sertifikat", str(key), *reg,
    )  # fmt: skip
    assert res.code == 0, res.err
    assert "ditandatangani dengan sertifikat elektronik (Pejabat Uji dev, NIP " + DEV_NIP in res.out
    n = evs.numbers(ogov.repo)[-1]
    assert {"pembukaan.sig", "pembukaan.p7s"} <= set(tip_files(ogov, n))
    ogov.runner_pipeline(n)
    ops.decide(ogov.repo, n, None, "setuju", "", signer(pki, "valid"))
    show = run_cli(capsys, "mr", "show", str(n), *reg)
    cert_words = f"sertifikat elektronik (Pejabat Uji dev, NIP {DEV_NIP}, diterbitkan oleh CA Antara Uji)"
    assert f"Dibuka oleh pemegang sertifikat Pejabat Uji dev (NIP {DEV_NIP})" in show.out
    assert f"  tanda tangan yang dihitung: SSH + {cert_words}" in show.out
    official = f"sertifikat elektronik (Pejabat Uji valid, NIP {NIP}, diterbitkan oleh CA Antara Uji)"
    assert f"    tanda tangan yang dihitung: {official}" in show.out  # the certificate decision
    en = run_cli(capsys, "mr", "show", str(n), "--lang", "en", *reg)
    assert f"signature that counted: SSH + electronic certificate (Pejabat Uji dev, NIP {DEV_NIP}, issued by" in en.out
    data = json.loads(run_cli(capsys, "mr", "show", str(n), "--format", "json", *reg).out)
    assert [(s["jenis"], s["dihitung"]) for s in data["pembukaan_tanda_tangan"]] == [
        ("ssh", True),
        ("sertifikat", True),
    ]
    assert data["pembuka"]["identity"] == f"NIP:{DEV_NIP}"
    [decision] = data["keputusan"]
    assert decision["tanda_tangan"][0]["identitas"] == f"NIP:{NIP}" and decision["tanda_tangan"][0]["dihitung"]


def test_decision_with_ssh_and_a_revoked_certificate_shows_both(
    ogov: Gov, pki: TestPki, capsys: pytest.CaptureFixture[str]
) -> None:
    """A decision counts by its SSH signature; the revoked certificate beside it is stated, with why."""
    n = open_with(ogov, pki, None, key="dev")
    name = ogov.approve(n, "rahmat")
    raw = ogov.repo.blob(ogov.repo.must_resolve(evs.mr_ref(n)), f"{name}.json") or b""
    ogov.repo.append(evs.mr_ref(n), {f"{name}.p7s": signer(pki, "revoked").sign(raw)}, "tanam p7s\n")
    [d] = ogov.assess(n).decisions
    assert d.problem == "" and [(c.kind, c.counted, c.problem) for c in d.signatures] == [
        ("ssh", True, ""),
        ("sertifikat", False, "sertifikat-dicabut"),
    ]
    out = run_cli(capsys, "mr", "show", str(n), "--lang", "en", "--registry", str(ogov.root)).out
    assert "    signature that counted: SSH\n" in out
    assert "    not counted: electronic certificate (Pejabat Uji revoked" in out
    assert "certificate revoked before the signing time" in out


def test_reviewer_opening_with_a_certificate_may_not_approve_it(ogov: Gov, pki: TestPki) -> None:
    """The certificate names the Diskominfo reviewer: the opening counts (Diskominfo may change any
    record), and the reviewer is excluded from approving their own merge request."""
    n = open_with(ogov, pki, "valid")
    a = ogov.assess(n)
    assert a.opener is not None and a.opener.reviewer == OFFICIAL
    assert a.excluded[OFFICIAL] == "pembuka"
    assert not [k for k, _ in a.problems if k.startswith("mr.problem.owner")]
    ogov.runner_pipeline(n)
    with pytest.raises(PolicyError) as exc:
        ops.decide(ogov.repo, n, None, "setuju", "", signer(pki, "valid"))
    assert exc.value.key == "mr.decide.excluded.pembuka"


def test_a_key_claimed_without_its_signature_gives_no_authority(ogov: Gov, pki: TestPki) -> None:
    """A certificate opening that also names someone's SSH key, with no ``.sig``: only the certificate counts,
    and ownership is judged on its NIP alone (the Diskominfo reviewer's key claimed here gives nothing)."""
    claimed = sshsig.public_key_of(ogov.keys["rahmat"])
    pembuka = {"sertifikat": f"NIP:{OTHER_NIP}", "kunci": claimed, "email": "lain@dinkes.example"}
    n = forge_opening(ogov, "klaim", pembuka, signer(pki, "lain"))
    a = ogov.assess(n)
    assert a.opener is not None and a.opener.key == "" and a.opener.principals == (f"NIP:{OTHER_NIP}",)
    assert [(c.kind, c.counted) for c in a.opening_signatures] == [("ssh", False), ("sertifikat", True)]
    assert [p["path"] for k, p in a.problems if k == "mr.problem.owner.forbidden"] == [OPD_FILE]


def test_audit_names_a_merge_whose_opening_certificate_was_revoked(ogov: Gov, pki: TestPki) -> None:
    """A merge written past ``mr merge`` (as anyone with push rights could) over an opening signed only
    by a revoked certificate: ``audit verify`` judges the opening like ``mr show`` and says why, in words."""
    from repospbe.governance.merge import merge_message

    n = forge_opening(ogov, "dicabut", {"sertifikat": f"NIP:{NIP}", "email": "x@opd.example"}, signer(pki, "revoked"))
    ogov.approve(n, "rahmat")
    ogov.approve(n, "siti")
    lv, a = ops.current(ogov.repo, n)
    assert a.problems == [("mr.problem.opening-sertifikat-dicabut", {})]
    assert a.merged_tree is not None
    commit = ogov.repo.commit_tree(a.merged_tree, [a.target, a.source], merge_message(a, lv.evidence.commit))
    assert ogov.repo.cas("refs/heads/main", commit, a.target)
    [breach] = verify(ogov.repo).breaches
    assert breach.kind == "gabung" and breach.subject == commit
    assert "(opening-sertifikat-dicabut)" in breach.detail and "sertifikat dicabut" in breach.detail


def test_every_opening_refusal_has_words_and_a_hint_in_both_languages() -> None:
    """Each reason an opening's certificate can be refused for has its own problem and hint (id and en)."""
    from repospbe.governance.opensig import NO_NUMBER, NOT_OPENER
    from repospbe.i18n import t
    from repospbe.pki.verdict import Defect

    codes = [f"sertifikat-{d.value}" for d in Defect if d != Defect.IDENTITY] + [NO_NUMBER, NOT_OPENER, "mr-lain"]
    for code in codes:
        for lang in ("id", "en"):
            assert t(f"mr.problem.opening-{code}", lang) != f"mr.problem.opening-{code}"
            assert t(f"mr.hint.opening-{code}", lang) != f"mr.hint.opening-{code}"
