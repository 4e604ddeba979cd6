"""Security tests for ownership: each OPD changes only its own records (real git, real keys)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import yaml

from repospbe.ownership.check import check_change
from tests.helpers.git import git

TODAY = date(2026, 11, 27)


@dataclass
class World:
    root: Path
    keys: dict[str, str]  # name -> public key line

    def change(self, who: str, edit: callable[[Path], None]) -> list[str]:  # type: ignore[valid-type]
        base = git(self.root, "rev-parse", "HEAD").strip()
        git(self.root, "checkout", "-q", "-B", f"ubah-{who}", base)
        edit(self.root)
        git(self.root, "add", "-A")
        git(self.root, "commit", "-qm", f"perubahan oleh {who}", "--allow-empty")
        head = git(self.root, "rev-parse", "HEAD").strip()
        git(self.root, "checkout", "-q", "main")
        return [f"{f.check_id}:{f.path}" for f in check_change(self.root, base, head, self.keys[who], TODAY)]


def _key(tmp: Path, name: str) -> str:
    path = tmp / "kunci" / name
    path.parent.mkdir(exist_ok=True)
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(path)], check=True)
    return path.with_suffix(".pub").read_text().strip()


def _add_yaml(path: Path, key: str, value: object) -> None:
    data = yaml.safe_load(path.read_text())
    data[key] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


@pytest.fixture
def world(registry_copy: Path, tmp_path: Path) -> World:
    root = registry_copy
    keys = {n: _key(tmp_path, n) for n in ("bkd", "bappeda", "reviewer", "vendor", "vendor-lama", "orang-luar")}

    def member(n, i):
        return {
            "id": n,
            "nama": n.upper(),
            "nip": f"19800101200501100{i}",  # noqa: E731
            "email": [f"{n}@pontianakkota.go.id"],
            "kunci_publik": keys[n],
        }

    _add_yaml(root / "registry/opd/bkd.yaml", "pengelola", [member("bkd", 1)])
    _add_yaml(root / "registry/opd/bappeda.yaml", "pengelola", [member("bappeda", 2)])
    _add_yaml(
        root / "registry/apps/bkd/simakda/app.yaml",
        "vendor",
        [
            {**member("vendor", 3), "kontrak": "027/BKD/2026", "berakhir": "2027-06-30"},
            {**member("vendor-lama", 4), "kontrak": "011/BKD/2024", "berakhir": "2025-12-31"},
        ],
    )
    reviewers = yaml.safe_load((root / "registry/reviewers.yaml").read_text())
    reviewers["reviewers"][0]["kunci_publik"] = keys["reviewer"]
    (root / "registry/reviewers.yaml").write_text(yaml.safe_dump(reviewers, allow_unicode=True, sort_keys=False))
    git(root, "add", "-A")
    git(root, "commit", "-qm", "anggota")
    return World(root, keys)


def _append(rel: str, text: str = "\nTambahan.\n"):  # type: ignore[no-untyped-def]
    def edit(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a") as fh:
            fh.write(text)

    return edit


# --- refused ---------------------------------------------------------------------------------


def test_maintainer_editing_another_opds_app_is_refused(world: World) -> None:
    assert world.change("bappeda", _append("registry/apps/bkd/simakda/kak.md")) == [
        "owner.forbidden:registry/apps/bkd/simakda/kak.md"
    ]


def test_deleting_another_opds_subdomain_is_refused(world: World) -> None:
    out = world.change("bkd", lambda r: (r / "registry/subdomains/jdih.yaml").unlink())
    assert out == ["owner.forbidden:registry/subdomains/jdih.yaml"]


def test_moving_an_app_into_ones_own_opd_is_refused(world: World) -> None:
    def move(root: Path) -> None:
        git(root, "mv", "registry/apps/bkd/simakda", "registry/apps/bappeda/simakda")

    out = world.change("bappeda", move)
    assert "owner.forbidden:registry/apps/bkd/simakda/app.yaml" in out


def test_vendor_after_contract_expiry_is_refused(world: World) -> None:
    assert world.change("vendor-lama", _append("registry/apps/bkd/simakda/manual.md")) == ["owner.vendor-expired:"]


def test_vendor_editing_an_app_not_theirs_is_refused(world: World) -> None:
    assert world.change("vendor", _append("registry/apps/bkd/sima/manual.md")) == [
        "owner.forbidden:registry/apps/bkd/sima/manual.md"
    ]


def test_vendor_extending_own_contract_is_refused(world: World) -> None:
    def extend(root: Path) -> None:
        path = root / "registry/apps/bkd/simakda/app.yaml"
        path.write_text(path.read_text().replace("2027-06-30", "2030-12-31"))

    assert world.change("vendor", extend) == ["owner.forbidden:registry/apps/bkd/simakda/app.yaml"]


def test_maintainer_adding_themselves_to_another_opds_members_is_refused(world: World) -> None:
    def join(root: Path) -> None:
        path = root / "registry/opd/bkd.yaml"
        data = yaml.safe_load(path.read_text())
        data["pengelola"].append(
            {
                "id": "penyusup",
                "nama": "Penyusup",
                "email": ["x@pontianakkota.go.id"],
                "kunci_publik": world.keys["bappeda"],
            }
        )
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))

    assert world.change("bappeda", join) == ["owner.forbidden:registry/opd/bkd.yaml"]


def test_editing_checks_to_weaken_a_rule_is_refused(world: World) -> None:
    def weaken(root: Path) -> None:
        (root / "checks/documents.yaml").write_text("# dilemahkan\n")

    assert world.change("bkd", weaken) == ["owner.forbidden:checks/documents.yaml"]


def test_unregistered_key_is_refused(world: World) -> None:
    assert world.change("orang-luar", _append("registry/apps/bkd/sima/kak.md")) == ["owner.unknown-opener:"]


# --- allowed ---------------------------------------------------------------------------------


def test_maintainer_changes_own_app_and_own_members(world: World) -> None:
    assert world.change("bkd", _append("registry/apps/bkd/simbada/kak.md")) == []

    def colleague(root: Path) -> None:
        path = root / "registry/opd/bkd.yaml"
        data = yaml.safe_load(path.read_text())
        data["pengelola"].append(
            {
                "id": "rekan",
                "nama": "Rekan",
                "email": ["rekan@pontianakkota.go.id"],
                "kunci_publik": world.keys["orang-luar"],
            }
        )
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))

    assert world.change("bkd", colleague) == []


def test_diskominfo_may_change_anything(world: World) -> None:
    def everywhere(root: Path) -> None:
        _append("registry/apps/bkd/simakda/kak.md")(root)
        (root / "registry/subdomains/jdih.yaml").unlink()
        _append("checks/documents.yaml", "\n# catatan\n")(root)

    assert world.change("reviewer", everywhere) == []


def test_vendor_within_contract_changes_its_app(world: World) -> None:
    assert world.change("vendor", _append("registry/apps/bkd/simakda/manual.md")) == []
