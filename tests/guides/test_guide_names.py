"""Examples in guides name OPDs and apps that exist at that point.

Executed blocks prove it by running; this static check covers the blocks marked ``uji: lewati`` (and is a
fast first warning for the rest): every ``--opd X``, ``--app X/Y``, ``repospbe scan|deploy X/Y``,
``registry/apps/X/Y`` and ``rilis/X/Y/`` names an OPD/app of the bundled registry or one that an earlier
executed block of the same session created or mentioned.
"""

from __future__ import annotations

import re

import pytest

from tests.guides.guide_runner import CHECKOUT, GUIDES, Block, session_blocks

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
OPD_RE = re.compile(rf"--opd(?:=|\s+)({SLUG})(?![\w<-])")
APP_RES = (
    re.compile(rf"--app(?:=|\s+)({SLUG})/({SLUG})\b"),
    re.compile(rf"repospbe\s+(?:scan|deploy)\s+({SLUG})/({SLUG})\b"),
    re.compile(rf"registry/apps/({SLUG})/({SLUG})\b"),
    re.compile(rf"rilis/({SLUG})/({SLUG})/"),
)
NEW_OPD_RE = re.compile(rf"registry/opd/({SLUG})\.yaml")


def bundled() -> tuple[set[str], set[str]]:
    opds = {p.stem for p in (CHECKOUT / "registry/opd").glob("*.yaml")}
    apps = {f"{p.parent.parent.name}/{p.parent.name}" for p in (CHECKOUT / "registry/apps").glob("*/*/app.yaml")}
    return opds, apps


def names(code: str) -> tuple[set[str], set[str]]:
    opds = set(OPD_RE.findall(code)) | set(NEW_OPD_RE.findall(code))
    apps = {f"{o}/{a}" for rx in APP_RES for o, a in rx.findall(code)}
    return opds, apps


def unknown_names(blocks: list[Block]) -> list[str]:
    """``file:line name`` for each name in a block that nothing before it in the session makes exist."""
    opds, apps = bundled()
    out: list[str] = []
    for block in blocks:
        used_opds, used_apps = names(block.code)
        if block.mode == "lewati":
            out += [f"{block.where} --opd {o}" for o in sorted(used_opds - opds)]
            out += [f"{block.where} {a}" for a in sorted(used_apps - apps)]
        else:  # the runner proves these; what they name exists afterwards
            opds |= used_opds
            apps |= used_apps
            opds |= {a.split("/")[0] for a in used_apps}
    return out


def test_the_static_check_sees_what_it_should() -> None:
    skip = Block(
        "x.md", 3, "repospbe deploy dinkes/si-antrean --env produksi\nrepospbe x --opd dinkes\n", "lewati", "r"
    )
    assert unknown_names([skip]) == ["docs/panduan/x.md:3 --opd dinkes", "docs/panduan/x.md:3 dinkes/si-antrean"]
    made = Block("x.md", 1, "repospbe new app --opd bkpsdm --id si-cuti\ngit add registry/apps/bkpsdm/si-cuti\n", "run")
    later = Block("x.md", 9, "repospbe scan bkpsdm/si-cuti --opd <kode>\n", "lewati", "r")
    assert unknown_names([made, later]) == []
    assert unknown_names([later]) == ["docs/panduan/x.md:9 bkpsdm/si-cuti"]


@pytest.mark.parametrize("guide", sorted(p.name for p in GUIDES.glob("*.md")))
def test_guide_examples_name_things_that_exist(guide: str) -> None:
    assert unknown_names(session_blocks(guide)) == []
