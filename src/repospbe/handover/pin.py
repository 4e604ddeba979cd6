"""Set ``sumber`` (repo, commit, branch) in app.yaml text, keeping every other line."""

from __future__ import annotations

import json

from repospbe.errors import InputError
from repospbe.yamlio import parse


def set_source(text: str, rel: str, repo: str, commit: str, branch: str) -> str:
    """Replace (or append) the top-level ``sumber:`` block; verify by re-parsing."""
    block = [
        "sumber:",
        f"  repo: {json.dumps(repo, ensure_ascii=False)}",
        f"  commit: {commit}",
        f"  cabang: {json.dumps(branch, ensure_ascii=False)}",
    ]
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("sumber:")), None)
    if start is None:
        out = lines + block
    else:
        end = start + 1
        while end < len(lines) and (not lines[end].strip() or lines[end][:1] in (" ", "\t")):
            end += 1
        out = lines[:start] + block + lines[end:]
    new_text = "\n".join(out) + "\n"
    loaded = parse(new_text, rel)
    data = loaded.data if isinstance(loaded.data, dict) else {}
    if loaded.findings or data.get("sumber") != {"repo": repo, "commit": commit, "cabang": branch}:
        raise InputError("handover.pin-failed", file=rel)
    return new_text
