"""Fixtures of the DNS plan/apply tests: ``reg``, a small writable registry (tests/helpers/subdomains.py).

This directory has no ``__init__.py`` on purpose: pytest puts ``tests/`` on sys.path, and a regular package
``tests/dns`` would shadow dnspython's ``dns`` (which octodns imports)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.subdomains import Reg, build_registry


@pytest.fixture
def reg(tmp_path: Path) -> Reg:
    return build_registry(tmp_path / "reg")
