"""The exports' directories kept from one build to the next (one per app: ``ekspor/<opd>/<app>/``).

Every build makes its exports in a new tree (``out/ekspor.baru``) that goes into the new site,
and the last site is removed after the swap: thousands of directories made and removed per
build, which the file system charges for more than for the files in them. So the last site's
export tree is kept as ``SPARE`` with its files removed (they are the old site's names: the new
site has its own), and the next build starts its export tree from it when it holds nothing but
directories, none of them a link; anything else there and it starts from an empty one.
Directories left empty (an app removed) are removed before the tree joins the site.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

SPARE = "ekspor.sisa"


def export_tree(out: Path) -> Path:
    """An empty export tree at ``out/ekspor.baru``: the spare one when it is only directories."""
    target, spare = out / "ekspor.baru", out / SPARE
    _remove(target)
    if spare.is_dir() and not spare.is_symlink() and _only_directories(spare):
        spare.rename(target)
    else:
        _remove(spare)
        target.mkdir()
    return target


def keep_spare(out: Path, old_site: Path) -> None:
    """Keep ``old_site/ekspor`` (the site being removed) as the next build's export tree, emptied of files."""
    exports, spare = old_site / "ekspor", out / SPARE
    _remove(spare)
    if not exports.is_dir() or exports.is_symlink():
        return
    spare.mkdir()
    exports.rename(spare / "ekspor")  # as in ``ekspor.baru``: the exports' pages are ``ekspor/...``
    for parent, dirs, files in os.walk(spare):
        for name in files + [d for d in dirs if os.path.islink(os.path.join(parent, d))]:
            os.unlink(os.path.join(parent, name))


def mirror(out: Path, site: Path) -> None:
    """After a build that replaced no site: ``SPARE`` made as ``site``'s export directories, empty (what
    ``keep_spare`` leaves after every later build), so that the next build does not make them."""
    exports, spare = site / "ekspor", out / SPARE
    _remove(spare)
    if not exports.is_dir() or exports.is_symlink():
        return
    for parent, dirs, _ in os.walk(exports):
        rel = os.path.relpath(parent, site)
        for name in dirs:
            os.makedirs(os.path.join(spare, rel, name), exist_ok=True)


def drop_empty(tree: Path) -> None:
    """Remove the directories under ``tree`` that hold nothing (bottom up)."""
    for parent, dirs, files in os.walk(tree, topdown=False):
        if parent != str(tree) and not files and not any(os.path.exists(os.path.join(parent, d)) for d in dirs):
            os.rmdir(parent)


def _only_directories(tree: Path) -> bool:
    for parent, dirs, files in os.walk(tree):
        if files:
            return False
        for name in dirs:
            if not stat.S_ISDIR(os.lstat(os.path.join(parent, name)).st_mode):
                return False
    return True


def _remove(path: Path) -> None:
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)
