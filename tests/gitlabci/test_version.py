"""Every place naming a repospbe version names ``v`` + project.version; a release tag matches it;
``make tag`` creates that annotated tag and refuses a dirty tree or an existing tag."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from tests.helpers.git import GIT_ENV, REPO_ROOT, git

VERSION = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]["version"]
# A repospbe version in a pipeline, a guide, the hook usage notes or a template: a v-tag
# (REPOSPBE_VERSION, rev:, ref:) or a pip pin of repospbe.
NAMED = re.compile(r"(?<![\w.])v(\d+\.\d+\.\d+)\b|repospbe==(\d+\.\d+\.\d+)")


def _places() -> list[Path]:
    files = [*sorted((REPO_ROOT / "pipelines/gitlab").glob("*.yml")), REPO_ROOT / ".pre-commit-hooks.yaml"]
    files += [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "docs").rglob("*.md"))]
    files += [
        p
        for p in sorted((REPO_ROOT / "templates").rglob("*"))
        if p.is_file() and p.suffix in (".yml", ".yaml", ".md", ".toml", ".cfg", "")
    ]
    return [p for p in files if p.is_file()]


def test_every_named_version_is_the_project_version() -> None:
    named: dict[str, set[str]] = {}
    for path in _places():
        for m in NAMED.finditer(path.read_text(encoding="utf-8", errors="replace")):
            named.setdefault(m.group(1) or m.group(2), set()).add(str(path.relative_to(REPO_ROOT)))
    assert set(named) == {VERSION}, named
    # the places that must name it do
    for rel in ("pipelines/gitlab/registry.yml", "pipelines/gitlab/app.yml", "docs/panduan/pre-commit.md"):
        assert rel in named[VERSION], rel


def tag_problems(root: Path) -> list[str]:
    """With any tag ``v*``: ``v{project.version}`` exists and each tag's commit carries its version."""
    tags = git(root, "tag", "--list", "v*").split()
    version = tomllib.loads((root / "pyproject.toml").read_text())["project"]["version"]
    problems = [f"v{version} tidak ada (tag: {tags})"] if tags and f"v{version}" not in tags else []
    for tag in tags:
        at = tomllib.loads(git(root, "show", f"{tag}:pyproject.toml"))["project"]["version"]
        if tag != f"v{at}":
            problems.append(f"{tag} menunjuk commit berversi {at}")
    return problems


def test_release_tags_of_this_repository_match_their_version() -> None:
    if not git(REPO_ROOT, "tag", "--list", "v*").split():
        pytest.skip(reason="belum ada tag v* (tag dibuat dengan `make tag` saat rilis)")
    assert tag_problems(REPO_ROOT) == []


def _make_tag(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**GIT_ENV, "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        ["make", "--no-print-directory", "tag"], cwd=root, env=env, capture_output=True, text=True, timeout=60
    )


def test_make_tag_creates_the_annotated_tag_once_on_a_clean_tree(tmp_path: Path) -> None:
    if not shutil.which("make"):
        pytest.skip(reason="make tidak tersedia")
    root = tmp_path / "repospbe"
    root.mkdir()
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(REPO_ROOT / name, root / name)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "rilis")
    (root / "catatan.txt").write_text("belum di-commit\n")
    dirty = _make_tag(root)
    assert dirty.returncode != 0 and "tidak bersih" in dirty.stderr
    assert git(root, "tag", "--list") == ""
    (root / "catatan.txt").unlink()
    made = _make_tag(root)
    assert made.returncode == 0, made.stderr
    assert git(root, "cat-file", "-t", f"v{VERSION}").strip() == "tag"  # annotated
    assert git(root, "rev-parse", f"v{VERSION}^{{commit}}") == git(root, "rev-parse", "HEAD")
    again = _make_tag(root)
    assert again.returncode != 0 and "sudah ada" in again.stderr
    assert tag_problems(root) == []
    # a tag on a commit of another version, or a version bump without its tag, is caught
    git(root, "tag", "-a", "v9.9.9", "-m", "salah")
    assert tag_problems(root) == [f"v9.9.9 menunjuk commit berversi {VERSION}"]
    git(root, "tag", "-d", "v9.9.9")
    (root / "pyproject.toml").write_text(
        (root / "pyproject.toml").read_text().replace(f'version = "{VERSION}"', 'version = "9.9.10"', 1)
    )
    git(root, "commit", "-qam", "naikkan versi")
    assert tag_problems(root) == [f"v9.9.10 tidak ada (tag: ['v{VERSION}'])"]
