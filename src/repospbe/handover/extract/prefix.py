"""The natural archive: a zip or tar of the project folder, every entry under ``si-cuti/``.

When every imported member shares one top-level directory, that directory is the
project folder, not part of the source: it is stripped, so ``LICENSE`` lands at the
root. Symlinks are re-checked against the new root; if any would then leave it, the
layout is kept as delivered (the whole-archive checks already passed on it)."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import replace

from repospbe.handover.extract.names import link_target
from repospbe.handover.extract.policy import Extraction, ExtractRefused, Limits, Member


def common_directory(members: tuple[Member, ...]) -> str:
    """The one top-level directory holding every member, or ''."""
    tops = {m.path.split("/", 1)[0] for m in members}
    if len(tops) != 1 or any("/" not in m.path for m in members):
        return ""
    return tops.pop()


def strip_common_directory(extraction: Extraction, limits: Limits) -> Extraction:
    """``extraction`` re-rooted at its single top-level directory (unchanged when there is none)."""
    top = common_directory(extraction.members)
    if not top:
        return extraction
    cut = len(top) + 1
    members = tuple(replace(m, path=m.path[cut:]) for m in extraction.members)
    try:
        for member in members:
            if member.mode == "120000":
                link_target(member.path, member.link, limits)
    except ExtractRefused:
        return extraction
    root = extraction.root
    holder = tempfile.mkdtemp(prefix=".strip-", dir=root.parent)
    os.rename(root, os.path.join(holder, "isi"))
    os.rename(os.path.join(holder, "isi", top), root)
    shutil.rmtree(holder)
    return replace(extraction, members=members, stripped=top)
