"""Safe, streaming extraction of a vendor delivery (zip, tar, directory, git bundle).

Nothing from the archive is ever executed; names, link targets, file kinds, counts,
sizes and compression ratios are checked while streaming, before anything lands
outside a fresh staging directory. See ``extract.policy`` for the rules.
"""

from __future__ import annotations

from repospbe.handover.extract.detect import detect_kind
from repospbe.handover.extract.policy import Extraction, ExtractRefused, Limits, Member
from repospbe.handover.extract.run import extract

__all__ = ["ExtractRefused", "Extraction", "Limits", "Member", "detect_kind", "extract"]
