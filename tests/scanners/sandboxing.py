"""Skip-or-fail for the app-tests sandbox: bwrap must be installed *and* able to make namespaces."""

from __future__ import annotations

import os

import pytest

from repospbe.scanners import isolation
from tests.helpers.tools import require_tool


def require_sandbox() -> None:
    """Skip locally (with the reason) when no bubblewrap sandbox can be made here; fail under CI=true."""
    require_tool("bwrap", "bubblewrap")
    problem = isolation.probe(isolation.bwrap_path())
    if problem:
        reason = f"bubblewrap tidak dapat membuat sandbox di sini: {problem}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason=reason)
