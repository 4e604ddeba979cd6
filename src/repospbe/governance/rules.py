"""Who may decide, and how many must: reviewers, runners and policy read at one commit.

Rules are always read from a commit (the merge request's target), never from the
working tree: a change to the rules is judged under the rules as they were before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from repospbe.errors import InputError, PolicyError
from repospbe.governance.gitrepo import Repo
from repospbe.governance.sshsig import fingerprint, normalise
from repospbe.pki.trust import TRUST_DIR, TrustStore
from repospbe.pki.trust import from_files as trust_from_files
from repospbe.registry.instance import InstanceConfig
from repospbe.registry.paths import INSTANCE_FILE
from repospbe.registry.paths import REVIEWERS_FILE as REVIEWERS_FILE  # one name, also offered here
from repospbe.states import ApprovalBasis
from repospbe.writefile import write_atomic
from repospbe.yamlio import parse

RUNNERS_DIR = "registry/runners"
SIGNERS_FILE = "registry/allowed_signers"
GOVERNANCE_PATHS = (
    REVIEWERS_FILE,
    INSTANCE_FILE,
    SIGNERS_FILE,
    f"{RUNNERS_DIR}/",
    "registry/trust/",
    "checks/",
    "CODEOWNERS",
)
CERT_IDENTITY_RE = re.compile(r"^(NIP:[0-9]{18}|NIK:[0-9]{16})$")
# Stands in for the required approvals when instance.yaml cannot be read: nothing can be approved.
UNREACHABLE = 1_000_000


@dataclass(frozen=True)
class Reviewer:
    id: str
    nama: str
    nip: str
    peran: str
    email: tuple[str, ...]
    key: str  # SSH public key line, '' for a reviewer who signs with a certificate only
    cert_identity: str = ""  # 'NIP:<18 digits>' / 'NIK:<16 digits>' a certificate must name, '' = none

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.key)


@dataclass(frozen=True)
class Rules:
    """Everything governance needs from one registry commit."""

    commit: str
    domain: str
    jumlah: int
    peran: str
    namespace: str
    mode: ApprovalBasis
    reviewers: tuple[Reviewer, ...]
    runners: tuple[tuple[str, str], ...]  # (principal, key)
    deploy_hook: tuple[str, ...]
    problems: tuple[str, ...]
    trust: TrustStore = TrustStore((), ())  # registry/trust at this commit (certificate signatures)

    def ns(self, purpose: str) -> str:
        """Namespace of a signature purpose: approvals use the configured one."""
        if purpose == "keputusan":
            return self.namespace
        return f"repospbe-{purpose}@{self.domain or 'localhost'}"

    def reviewer(self, rid: str) -> Reviewer | None:
        return next((r for r in self.reviewers if r.id == rid), None)

    def reviewer_by_cert(self, number: str) -> Reviewer | None:
        return next((r for r in self.reviewers if number and r.cert_identity == number), None)

    def reviewer_by_key(self, key: str) -> Reviewer | None:
        fp = fingerprint(key)
        return next((r for r in self.reviewers if fp and r.fingerprint == fp), None)

    def eligible(self) -> tuple[Reviewer, ...]:
        return tuple(r for r in self.reviewers if r.peran == self.peran)

    def allowed_signers(self, runners: bool = False) -> str:
        return signers_text(self.reviewers, self.runners if runners else ())


def signers_text(reviewers: tuple[Reviewer, ...], runners: tuple[tuple[str, str], ...] = ()) -> str:
    """The ``allowed_signers`` file: one line per reviewer (principal = reviewer id)."""
    lines = ["# Dibuat oleh 'repospbe reviewer signers' dari registry/reviewers.yaml; jangan disunting."]
    lines += [f"{r.id} {r.key}" for r in reviewers if r.key]
    lines += [f"{principal} {key}" for principal, key in runners]
    return "".join(line + "\n" for line in lines)


def load_rules(repo: Repo, commit: str) -> Rules:
    """The rules in force at ``commit``; unreadable rules are recorded as problems (fail closed)."""
    problems: list[str] = []
    config = _instance(repo, commit, problems)
    reviewers = _reviewers(_yaml(repo, commit, REVIEWERS_FILE, problems), problems)
    domain = config.domain if config else ""
    rules = Rules(
        commit=commit,
        domain=domain,
        jumlah=config.required_approvals if config else UNREACHABLE,
        peran=config.approver_role if config else "diskominfo",
        namespace=config.persetujuan.namespace if config else f"repospbe-approval@{domain or 'localhost'}",
        mode=config.persetujuan.uji_pada if config else ApprovalBasis.SOURCE,
        reviewers=reviewers,
        runners=_runners(repo, commit),
        deploy_hook=config.rilis_perintah if config else (),
        problems=(),
        trust=_trust(repo, commit),
    )
    if len(rules.eligible()) < rules.jumlah:
        problems.append("persetujuan.tidak-terpenuhi")
    return Rules(**{**rules.__dict__, "problems": tuple(problems)})


def _instance(repo: Repo, commit: str, problems: list[str]) -> InstanceConfig | None:
    """The instance settings at ``commit`` (the parser every reader shares); None and a problem
    named after the bad value (``persetujuan.jumlah``) or the file when they cannot be used."""
    raw = repo.blob(commit, INSTANCE_FILE)
    if raw is None:
        problems.append(f"{INSTANCE_FILE}:hilang")
        return None
    try:
        return InstanceConfig.from_text(raw.decode("utf-8", "replace"), INSTANCE_FILE)
    except InputError as exc:
        problems.append(str(exc.params["field"]) if "field" in exc.params else f"{INSTANCE_FILE}:tidak-sah")
        return None


def _yaml(repo: Repo, commit: str, rel: str, problems: list[str]) -> dict[str, Any]:
    raw = repo.blob(commit, rel)
    if raw is None:
        problems.append(f"{rel}:hilang")
        return {}
    loaded = parse(raw.decode("utf-8", "replace"), rel)
    if loaded.findings or not isinstance(loaded.data, dict):
        problems.append(f"{rel}:tidak-sah")
        return {}
    return loaded.data


def _reviewers(data: dict[str, Any], problems: list[str]) -> tuple[Reviewer, ...]:
    out: list[Reviewer] = []
    seen: set[str] = set()
    for item in data.get("reviewers", []) if isinstance(data.get("reviewers"), list) else []:
        if not isinstance(item, dict):
            continue
        rid, key = str(item.get("id", "")), normalise(str(item.get("kunci_publik", "")))
        cert = cert_identity(item)
        if not rid or not (key or cert) or rid in seen or " " in rid or cert == "?":
            problems.append(f"reviewer:{rid or '?'}")
            continue
        seen.add(rid)
        emails = item.get("email", [])
        out.append(
            Reviewer(
                id=rid,
                nama=str(item.get("nama", "")),
                nip=str(item.get("nip", "")),
                peran=str(item.get("peran", "")),
                key=key,
                cert_identity=cert,
                email=tuple(str(e).lower() for e in emails) if isinstance(emails, list) else (),
            )
        )
    return tuple(out)


def cert_identity(item: dict[str, Any]) -> str:
    """The certificate identity of a reviewer record: '' without ``sertifikat``, '?' when invalid.

    ``sertifikat: {identitas: "NIP:<nip>"}``: a NIP identity must be the record's own ``nip``."""
    if "sertifikat" not in item:
        return ""
    value = item["sertifikat"]
    number = str(value.get("identitas", "")) if isinstance(value, dict) else ""
    if not CERT_IDENTITY_RE.match(number) or (number.startswith("NIP:") and number[4:] != str(item.get("nip", ""))):
        return "?"
    return number


def _trust(repo: Repo, commit: str) -> TrustStore:
    files = {rel: repo.blob(commit, rel) or b"" for rel in repo.list_files(commit, TRUST_DIR + "/")}
    return trust_from_files(files)


def _runners(repo: Repo, commit: str) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for rel in repo.list_files(commit, RUNNERS_DIR + "/"):
        if rel.endswith(".pub") and rel.count("/") == 2:
            key = normalise((repo.blob(commit, rel) or b"").decode("utf-8", "replace"))
            if key:
                out.append((f"runner-{rel.rsplit('/', 1)[1][:-4]}", key))
    return tuple(out)


def touches_governance(paths: list[str]) -> bool:
    return any(p == g or (g.endswith("/") and p.startswith(g)) for p in paths for g in GOVERNANCE_PATHS)


def load_signers_from_worktree(root: Path) -> tuple[str, int]:
    """``allowed_signers`` text generated from the working tree's reviewers.yaml (and its count)."""
    problems: list[str] = []
    path = root / REVIEWERS_FILE
    loaded = parse(path.read_text(encoding="utf-8"), REVIEWERS_FILE) if path.is_file() else None
    data = loaded.data if loaded is not None and isinstance(loaded.data, dict) else {}
    reviewers = _reviewers(data, problems)
    return signers_text(reviewers), len(reviewers)


def sync_signers(root: Path, *, check_only: bool = False) -> int:
    """Write ``registry/allowed_signers`` from reviewers.yaml (its reviewer count); with ``check_only``
    write nothing and refuse (PolicyError) a file that differs from what would be written."""
    text, count = load_signers_from_worktree(root)
    path = root / SIGNERS_FILE
    if check_only:
        if (path.read_text(encoding="utf-8") if path.is_file() else "") != text:
            raise PolicyError("signers.stale")
        return count
    write_atomic(path, text)
    return count
