"""Member names: normalise a name from an archive or refuse it.

A name is accepted when, after dropping ``.`` and empty components, it is relative,
has no ``..``, no backslash, no drive letter, no control character (C0, DEL, C1),
no undecodable byte, and fits the length and depth limits. A name with a ``.git``
component is not refused but dropped: a vendor's git internals (hooks, config) are
never imported; neither is a top-level ``__MACOSX`` folder (the resource forks macOS's
Finder adds to every zip it makes, never source code).
"""

from __future__ import annotations

import re

from repospbe.handover.extract.policy import ExtractRefused, Limits

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_DRIVE = re.compile(r"^[A-Za-z]:")
GIT_DIR = ".git"
MACOS_METADATA = "__MACOSX"


def normalise(raw: str, limits: Limits) -> str | None:
    """The clean relative POSIX path for ``raw``; None when it is git internals."""
    if _CONTROL.search(raw):
        raise ExtractRefused("control-char", raw)
    if "\\" in raw:
        raise ExtractRefused("backslash", raw)
    if raw.startswith("/") or _DRIVE.match(raw):
        raise ExtractRefused("absolute", raw)
    parts = [p for p in raw.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise ExtractRefused("dotdot", raw)
    if not parts:
        return ""
    if any(p.lower() == GIT_DIR for p in parts) or parts[0] == MACOS_METADATA:
        return None
    rel = "/".join(parts)
    if len(rel.encode("utf-8")) > limits.max_path_bytes or len(parts) > limits.max_depth:
        raise ExtractRefused("name-too-long", raw)
    if any(len(p.encode("utf-8")) > 255 for p in parts):
        raise ExtractRefused("name-too-long", raw)
    return rel


def link_target(rel: str, target: str, limits: Limits) -> str:
    """Resolve symlink ``target`` of member ``rel`` lexically; refuse if it leaves the root."""
    if not target or _CONTROL.search(target) or "\\" in target:
        raise ExtractRefused("symlink-escape", rel, target=target)
    if target.startswith("/") or _DRIVE.match(target):
        raise ExtractRefused("symlink-escape", rel, target=target)
    stack = rel.split("/")[:-1]
    for part in target.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not stack:
                raise ExtractRefused("symlink-escape", rel, target=target)
            stack.pop()
        else:
            stack.append(part)
    if any(p.lower() == GIT_DIR for p in stack):
        raise ExtractRefused("symlink-escape", rel, target=target)
    resolved = "/".join(stack)
    if len(resolved.encode("utf-8")) > limits.max_path_bytes:
        raise ExtractRefused("name-too-long", rel)
    return resolved
