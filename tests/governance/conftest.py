"""Governance fixtures: a real registry git repo with real ed25519 reviewer keys."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from repospbe.canonical import canonical_json
from repospbe.governance import evidence as evs
from repospbe.governance import mr as ops
from repospbe.governance import sshsig
from repospbe.governance.assess import Assessment
from repospbe.governance.audit import GENESIS_REF
from repospbe.governance.gitrepo import Repo
from repospbe.governance.merge import MergeResult, merge
from repospbe.governance.rules import load_signers_from_worktree
from tests.helpers.git import commit_all, copy_registry, git
from tests.helpers.tools import require_tool

REVIEWERS = ("rahmat", "siti", "agus")
OTHER_KEYS = ("dev", "outsider", "runner")
OPD_FILE = "registry/opd/diskominfo.yaml"


@pytest.fixture(scope="session")
def keyring(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Real ed25519 keys (generated once per session): reviewers, an OPD developer, an outsider, a CI runner."""
    require_tool("ssh-keygen", "openssh-client")
    d = tmp_path_factory.mktemp("keys")
    out = {}
    for name in REVIEWERS + OTHER_KEYS:
        sshsig.generate(d / name, f"{name}@uji")
        out[name] = d / name
    return out


def reviewers_yaml(keyring: dict[str, Path], names: tuple[str, ...] = REVIEWERS) -> str:
    lines = ["reviewers:"]
    for i, name in enumerate(names):
        lines += [
            f"  - id: {name}",
            f"    nama: Reviewer {name.title()}",
            f'    nip: "19800101200501100{i}"',
            "    peran: diskominfo",
            f"    email: [{name}@pontianakkota.go.id]",
            f"    kunci_publik: {sshsig.public_key_of(keyring[name])}",
        ]
    return "\n".join(lines) + "\n"


def signers_for(keyring: dict[str, Path], names: tuple[str, ...] = REVIEWERS) -> str:
    """The allowed_signers text ``repospbe reviewer signers`` writes for these reviewers."""
    from repospbe.governance.rules import Reviewer, signers_text

    return signers_text(tuple(Reviewer(n, "", "", "diskominfo", (), sshsig.public_key_of(keyring[n])) for n in names))


@dataclass
class Gov:
    root: Path
    keys: dict[str, Path]
    repo: Repo = field(init=False)

    def __post_init__(self) -> None:
        self.repo = Repo(self.root)

    def write(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def commit_on(
        self,
        branch: str,
        files: dict[str, str],
        email: str = "dev@opd.example",
        message: str = "perubahan",
        new: bool = True,
    ) -> str:
        git(self.root, "checkout", "-q", *(["-b"] if new else []), branch)
        for rel, text in files.items():
            self.write(rel, text)
        sha = commit_all(self.root, message, author=email)
        git(self.root, "checkout", "-q", "main")
        return sha

    def opd_change(self, branch: str, name: str = "Dinas Komunikasi dan Informatika Kota", **kw: str) -> str:
        text = (
            (self.root / OPD_FILE)
            .read_text(encoding="utf-8")
            .replace("nama: Dinas Komunikasi dan Informatika", f"nama: {name}")
        )
        return self.commit_on(branch, {OPD_FILE: text}, **kw)

    def open(self, branch: str, key: str = "dev", title: str = "Ubah data OPD") -> int:
        return ops.open_mr(self.repo, branch, "main", title, "", self.keys[key])

    def approve(self, number: int, who: str, own_run: bool = False) -> str:
        """Approve; unless ``own_run``, a CI runner record is made first (one run per commit)."""
        if not own_run and not any(r.matches and r.runner for r in self.assess(number).records):
            self.runner_pipeline(number)
        return ops.decide(self.repo, number, self.keys[who], "setuju", "")[0]

    def reject(self, number: int, who: str, reason: str) -> str:
        return ops.decide(self.repo, number, self.keys[who], "tolak", reason)[0]

    def assess(self, number: int) -> Assessment:
        return ops.current(self.repo, number)[1]

    def merge(self, number: int) -> MergeResult:
        return merge(self.repo, number)

    def main(self) -> str:
        return self.repo.must_resolve("refs/heads/main")

    def forge_decision(
        self, number: int, reviewer: str, key: str | None, namespace: str | None = None, **overrides: object
    ) -> None:
        """Write a decision straight into the evidence ref, as anyone with git access could."""
        a = self.assess(number)
        ev = evs.load(self.repo, number)
        assert ev is not None and ev.opening is not None
        trusted = [r for r in a.records if r.matches and r.runner]
        data = {
            "jenis": "repospbe/keputusan",
            "versi": 1,
            "mr": number,
            "pembukaan": ev.opening.digest,
            "sumber_sha": a.source,
            "target_sha": a.target,
            "patch_id": a.patch_id,
            "pipeline": trusted[-1].digest if trusted else "",
            "keputusan": "setuju",
            "alasan": "",
            "reviewer": reviewer,
            "waktu": "2026-01-01T00:00:00Z",
            **overrides,
        }
        raw = canonical_json(data)
        files = {f"keputusan/{len(ev.decisions) + 1:04d}-{reviewer}.json": raw}
        if key is not None:
            sig = sshsig.sign(self.keys[key], namespace or a.rules.ns("keputusan"), raw)
            files[f"keputusan/{len(ev.decisions) + 1:04d}-{reviewer}.sig"] = sig
        self.repo.append(evs.mr_ref(number), files, "forged\n")

    def runner_pipeline(self, number: int) -> None:
        ops.run_pipeline(self.repo, number, self.keys["runner"])


def make_gov(dest: Path, keyring: dict[str, Path], jumlah: int = 2) -> Gov:
    """A copy of the bundled registry without its apps (their real deficiencies would fail every
    pipeline that checks the whole registry), with test reviewers, a CI runner key and a genesis."""
    root = copy_registry(dest)
    git(root, "rm", "-rq", "--ignore-unmatch", "registry/apps", "registry/subdomains", "registry/sources")
    gov = Gov(root, keyring)
    gov.write("registry/reviewers.yaml", reviewers_yaml(keyring))
    gov.write("registry/runners/ci.pub", sshsig.public_key_of(keyring["runner"]) + " runner@ci\n")
    inst = (root / "registry/instance.yaml").read_text(encoding="utf-8")
    gov.write("registry/instance.yaml", inst.replace("  jumlah: 2", f"  jumlah: {jumlah}"))
    gov.write("registry/allowed_signers", load_signers_from_worktree(root)[0])
    opd = (root / OPD_FILE).read_text(encoding="utf-8")  # the developer maintains Diskominfo's records
    dev = (
        "pengelola:\n  - id: dev\n    nama: Pengembang Uji\n    email: [dev@opd.example]\n"
        f"    kunci_publik: {sshsig.public_key_of(keyring['dev'])}\n"
    )
    gov.write(OPD_FILE, opd + dev)
    # a second OPD the developer maintains, so tests can make a second, independent change
    gov.write("registry/opd/dinkes.yaml", "kode: dinkes\nnama: Dinas Kesehatan Kota\njenis: dinas\n" + dev)
    commit_all(root, "reviewer uji")
    assert gov.repo.cas(GENESIS_REF, gov.main(), None)
    return gov


@pytest.fixture
def gov(tmp_path: Path, keyring: dict[str, Path]) -> Gov:
    return make_gov(tmp_path / "reg", keyring)


@pytest.fixture
def server(gov: Gov, tmp_path: Path) -> Path:
    """A bare server repository (remote ``origin`` of ``gov``) with the real pre-receive hook."""
    from repospbe.governance.hook import install

    bare = tmp_path / "server.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(bare))
    git(gov.root, "remote", "add", "origin", str(bare))
    git(gov.root, "push", "-q", "origin", "refs/heads/main:refs/heads/main", "refs/repospbe/*:refs/repospbe/*")
    install(bare)
    return bare


def push(gov: Gov, *refspecs: str) -> subprocess.CompletedProcess[str]:
    """A real ``git push`` to ``origin`` (the hook runs the code under test: PYTHONPATH is inherited)."""
    return subprocess.run(
        ["git", "push", "--porcelain", "origin", *refspecs], cwd=gov.root, capture_output=True, text=True
    )
