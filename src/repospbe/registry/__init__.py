"""The registry: the data of the Repositori Aplikasi SPBE, loaded and checked."""

from __future__ import annotations

from repospbe.registry.loader import load_registry
from repospbe.registry.model import Document, Record, Registry
from repospbe.registry.paths import find_root

__all__ = ["Document", "Record", "Registry", "find_root", "load_registry"]
