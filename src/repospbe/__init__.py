"""repospbe: the Repositori Aplikasi SPBE of a Pemda, as a GitOps system."""

from __future__ import annotations

__version__ = "0.1.0"
