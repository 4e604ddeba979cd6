"""Skip-or-fail for system tools: skip locally with a reason, fail under CI=true."""

from __future__ import annotations

import os
import shutil

import pytest


def require_tool(name: str, package: str) -> str:
    """Path of ``name``; missing: fail in CI, skip with a stated reason elsewhere."""
    path = shutil.which(name) or (f"/usr/bin/{name}" if os.path.exists(f"/usr/bin/{name}") else None)
    if path:
        return path
    reason = f"{name} tidak tersedia (paket Debian {package}); jalankan scripts/ensure-system-packages.sh"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason=reason)
