"""Source access: an app's pinned commit (or a plain directory), materialised
read-only into a content-addressed cache keyed by the git tree SHA."""

from __future__ import annotations

from repospbe.source.cache import DEFAULT_MAX_BLOB, SourceCache, SourceTree, default_cache_dir

__all__ = ["DEFAULT_MAX_BLOB", "SourceCache", "SourceTree", "default_cache_dir"]
