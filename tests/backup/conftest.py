"""Fixtures for backup tests: a registry git repo with refs of every kind, an operator key."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.backup.certbackup import add_non_operator, write_trust_dir
from tests.helpers.git import copy_registry, git
from tests.helpers.pki import TestPki, make_pki


@dataclass
class Operator:
    key: Path
    signers: Path


@pytest.fixture
def operator(tmp_path: Path) -> Operator:
    key = tmp_path / "keys" / "operator"
    key.parent.mkdir()
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "operator", "-f", str(key)], check=True)
    signers = tmp_path / "keys" / "allowed_signers"
    signers.write_text(f"operator@pemda {key.with_suffix('.pub').read_text()}")
    return Operator(key, signers)


@pytest.fixture
def rich_registry(tmp_path: Path) -> Path:
    """A registry repo with a branch, a tag, notes and a merge-request ref."""
    root = copy_registry(tmp_path / "reg")
    git(root, "tag", "v1")
    git(root, "branch", "usulan/fitur")
    git(root, "notes", "add", "-m", "catatan pipeline", "HEAD")
    git(root, "update-ref", "refs/repospbe/mr/1/head", "HEAD")
    return root


def refs_of(repo: Path) -> str:
    return git(repo, "for-each-ref", "--format=%(objectname) %(refname)")


def objects_of(repo: Path) -> int:
    return len(git(repo, "rev-list", "--all", "--objects").splitlines())


@pytest.fixture(scope="module")
def pki() -> TestPki:
    """A test PKI with an operator and a certificate holder who is no operator (a module may override it)."""
    made = make_pki()
    add_non_operator(made)
    return made


@pytest.fixture
def trust_dir(pki: TestPki, tmp_path: Path) -> Path:
    return write_trust_dir(pki, tmp_path / "etc")
